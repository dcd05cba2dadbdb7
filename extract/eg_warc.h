/*
 * eg_warc.h - the web pages of a WARC archive (ISO 28500, versions 1.0 and
 * 1.1), plain or gzip-compressed (one gzip member a record, or the whole
 * file in one: zlib reads both), read as a stream: memory does not grow with
 * the archive.
 *
 * Each "response" record whose HTTP payload is a web page (its Content-Type
 * says HTML, or its bytes start as a page) is handed on with its target URI
 * and WARC-Date; the payload is de-chunked and decompressed (gzip, deflate)
 * when its HTTP headers say so. Other records (requests, metadata, images...)
 * are skipped and counted. A record that cannot be read (a header without
 * WARC/ or Content-Length, a payload that does not inflate) is skipped with
 * a warning naming the file and the record's offset, and reading goes on at
 * the next record; an archive cut short ends with a warning.
 */
#ifndef EG_WARC_H
#define EG_WARC_H

#include "eg_base.h"

#include <stdint.h>

typedef struct eg_warc eg_warc;

typedef struct eg_warc_page {
    const char *uri;    /* WARC-Target-URI, or "" */
    const char *date;   /* WARC-Date, or "" */
    const char *body;   /* the page's bytes, followed by a NUL */
    size_t len;
    uint64_t offset;    /* the record's offset in the uncompressed archive */
} eg_warc_page;

/* Receives a warning about one record ("a.warc.gz: record at offset 1234: ..."). */
typedef void (*eg_warc_warn_fn)(void *data, const char *message);

/* Opens path (gzip or not). `max_page` bytes: a larger payload is skipped
 * with a warning. */
eg_status eg_warc_open(const char *path, size_t max_page, eg_warc_warn_fn warn, void *data, eg_warc **out,
                       eg_error *err);
void eg_warc_close(eg_warc *w);

/*
 * The next web page of the archive into *page (valid until the next call).
 * EG_OK with page->body NULL at the end; EG_EIO on a read error, EG_ENOMEM.
 */
eg_status eg_warc_next(eg_warc *w, eg_warc_page *page, eg_error *err);

/* Records skipped so far: those that are not web pages, and those that
 * could not be read (also counted in the first). */
size_t eg_warc_other(const eg_warc *w);
size_t eg_warc_bad(const eg_warc *w);

#endif
