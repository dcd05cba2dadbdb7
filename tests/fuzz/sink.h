/*
 * sink.h - a stdio stream that discards what is written to it, for the fuzz
 * targets: the writers run in full, nothing piles up in memory, and no file
 * is involved (a /dev/null that is a regular file, as on some containers,
 * would grow without end).
 */
#ifndef EG_FUZZ_SINK_H
#define EG_FUZZ_SINK_H

#include <stdio.h>
#include <stdlib.h>

static ssize_t sink_discard(void *cookie, const char *buf, size_t size)
{
    (void)cookie;
    (void)buf;
    return (ssize_t)size;
}

/* The discarding stream; abort()s when it cannot be made (set-up failure). */
static FILE *sink_open(void)
{
    cookie_io_functions_t io = {NULL, sink_discard, NULL, NULL};
    FILE *fp = fopencookie(NULL, "w", io);
    if (!fp)
        abort();
    return fp;
}

#endif
