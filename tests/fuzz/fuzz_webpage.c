/*
 * fuzz_webpage - libFuzzer target: the input bytes are a web page for
 * eg_webpage_read (and eg_webpage_sniff). What comes out must be UTF-8
 * without NUL bytes: it becomes a document's text.
 */
#include "eg_webpage.h"
#include "eg_text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void check_utf8(const eg_strbuf *sb, const char *what)
{
    for (size_t i = 0; i < sb->len;) {
        int32_t cp;
        size_t n = eg_utf8_decode(sb->buf + i, sb->len - i, &cp);
        if (cp <= 0) {
            fprintf(stderr, "fuzz_webpage: the %s is not UTF-8 without NUL at byte %zu\n", what, i);
            abort();
        }
        i += n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)eg_webpage_sniff((const char *)data, size);
    eg_article a;
    eg_article_init(&a);
    eg_status st = eg_webpage_read((const char *)data, size, &a);
    if (st != EG_OK && st != EG_EPARSE && st != EG_ENOMEM)
        abort();
    check_utf8(&a.text, "text");
    check_utf8(&a.title, "title");
    check_utf8(&a.date, "date");
    check_utf8(&a.url, "url");
    eg_article_release(&a);
    return 0;
}
