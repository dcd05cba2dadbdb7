/*
 * fuzz_warc - libFuzzer target: the input bytes are a WARC archive (plain
 * or gzip), read to its end by eg_warc through an in-memory file. Every
 * page handed on must lie within the archive's limits.
 */
#define _GNU_SOURCE
#include "eg_warc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_PAGE ((size_t)1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz.warc", 0);
    if (fd < 0)
        return 0;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    eg_warc *w = NULL;
    eg_error err = {0};
    if (eg_warc_open(path, MAX_PAGE, NULL, NULL, &w, &err) == EG_OK) {
        eg_warc_page page;
        size_t pages = 0;
        while (eg_warc_next(w, &page, &err) == EG_OK && page.body) {
            if (page.len > MAX_PAGE || page.body[page.len] != '\0')
                abort();
            if (++pages > size + 1) /* more pages than bytes: a loop that does not move */
                abort();
        }
        eg_warc_close(w);
    }
    close(fd);
    return 0;
}
