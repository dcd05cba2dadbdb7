#include "eg_warc.h"

#include "eg_webpage.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define LINE_LIMIT ((size_t)64 << 10)   /* a header line longer than this is not one */
#define HEADER_LIMIT ((size_t)1 << 20)  /* nor a record's headers all together */

struct eg_warc {
    gzFile gz;
    char *path;
    size_t max_page;
    eg_warc_warn_fn warn;
    void *warn_data;
    unsigned char buf[1 << 16];
    size_t buf_pos, buf_len;
    bool eof;
    uint64_t pos;          /* bytes of the uncompressed archive consumed */
    eg_strbuf line, block, body, uri, date;
    size_t other, bad;
};

static void warn_at(eg_warc *w, uint64_t offset, const char *what)
{
    if (!w->warn)
        return;
    char msg[512];
    snprintf(msg, sizeof msg, "%s: record at offset %llu: %s", w->path, (unsigned long long)offset, what);
    w->warn(w->warn_data, msg);
}

eg_status eg_warc_open(const char *path, size_t max_page, eg_warc_warn_fn warn, void *data, eg_warc **out,
                       eg_error *err)
{
    *out = NULL;
    eg_warc *w = calloc(1, sizeof *w);
    if (!w || !(w->path = eg_strdup(path))) {
        free(w);
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    w->gz = gzopen(path, "rb");
    if (!w->gz) {
        int e = errno;
        free(w->path);
        free(w);
        return eg_error_set(err, EG_EIO, "%s: cannot open: %s", path, e ? strerror(e) : "out of memory");
    }
    gzbuffer(w->gz, 1 << 17);
    w->max_page = max_page;
    w->warn = warn;
    w->warn_data = data;
    eg_strbuf_init(&w->line);
    eg_strbuf_init(&w->block);
    eg_strbuf_init(&w->body);
    eg_strbuf_init(&w->uri);
    eg_strbuf_init(&w->date);
    *out = w;
    return EG_OK;
}

void eg_warc_close(eg_warc *w)
{
    if (!w)
        return;
    gzclose(w->gz);
    free(w->path);
    eg_strbuf_release(&w->line);
    eg_strbuf_release(&w->block);
    eg_strbuf_release(&w->body);
    eg_strbuf_release(&w->uri);
    eg_strbuf_release(&w->date);
    free(w);
}

size_t eg_warc_other(const eg_warc *w)
{
    return w->other;
}

size_t eg_warc_bad(const eg_warc *w)
{
    return w->bad;
}

/* ---- reading the stream ---- */

/* Makes bytes available; false at the end (or on an error: *st set). */
static bool fill(eg_warc *w, eg_status *st)
{
    if (w->buf_pos < w->buf_len)
        return true;
    if (w->eof)
        return false;
    int n = gzread(w->gz, w->buf, sizeof w->buf);
    if (n < 0) {
        *st = EG_EIO;
        w->eof = true;
        return false;
    }
    if (n == 0) {
        /* gzread says 0 at the end, and also for a damaged gzip stream */
        int errnum;
        gzerror(w->gz, &errnum);
        if (errnum != Z_OK) /* Z_BUF_ERROR: a compressed stream cut short */
            *st = EG_EIO;
        w->eof = true;
        return false;
    }
    w->buf_pos = 0;
    w->buf_len = (size_t)n;
    return true;
}

/* One line with its '\n' into w->line (up to LINE_LIMIT bytes; the rest of a
 * longer line is dropped). Returns false at the end with nothing read. */
static bool read_line(eg_warc *w, eg_status *st)
{
    eg_strbuf_reset(&w->line);
    bool any = false;
    while (fill(w, st)) {
        any = true;
        unsigned char *start = w->buf + w->buf_pos;
        size_t avail = w->buf_len - w->buf_pos;
        unsigned char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) + 1 : avail;
        if (w->line.len < LINE_LIMIT)
            eg_strbuf_add(&w->line, (const char *)start, take < LINE_LIMIT - w->line.len ? take : LINE_LIMIT - w->line.len);
        w->buf_pos += take;
        w->pos += take;
        if (nl)
            break;
    }
    return any;
}

/* Appends n bytes to out (or drops them when out is NULL); returns how many
 * there were before the end. */
static size_t read_bytes(eg_warc *w, eg_strbuf *out, uint64_t n, eg_status *st)
{
    uint64_t got = 0;
    while (got < n && fill(w, st)) {
        size_t avail = w->buf_len - w->buf_pos;
        size_t take = n - got < avail ? (size_t)(n - got) : avail;
        if (out)
            eg_strbuf_add(out, (const char *)w->buf + w->buf_pos, take);
        w->buf_pos += take;
        w->pos += take;
        got += take;
    }
    return (size_t)got;
}

static bool blank(const eg_strbuf *line)
{
    return (line->len == 1 && line->buf[0] == '\n') || (line->len == 2 && line->buf[0] == '\r' && line->buf[1] == '\n');
}

/* The value of "Name: value" in line when its name is `name` (any case),
 * trimmed, into out; false when it is another header. */
static bool header_value(const char *line, size_t len, const char *name, eg_strbuf *out)
{
    size_t n = strlen(name);
    if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
        return false;
    size_t a = n + 1, b = len;
    while (a < b && isspace((unsigned char)line[a]))
        a++;
    while (b > a && isspace((unsigned char)line[b - 1]))
        b--;
    eg_strbuf_reset(out);
    eg_strbuf_add(out, line + a, b - a);
    return true;
}

/* ---- the HTTP payload ---- */

typedef struct http {
    eg_strbuf type, transfer, encoding;
    const char *body;
    size_t len;
} http;

/* Splits a response block into its HTTP headers and body. A block without
 * a status line is all body. */
static void parse_http(const char *block, size_t len, http *h)
{
    eg_strbuf_reset(&h->type);
    eg_strbuf_reset(&h->transfer);
    eg_strbuf_reset(&h->encoding);
    h->body = block;
    h->len = len;
    if (len < 5 || memcmp(block, "HTTP/", 5) != 0)
        return;
    size_t i = 0;
    bool first = true;
    while (i < len) {
        const char *nl = memchr(block + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - block) : len, next = nl ? end + 1 : len;
        size_t e = end > i && block[end - 1] == '\r' ? end - 1 : end;
        if (e == i && !first) {
            h->body = block + next;
            h->len = len - next;
            return;
        }
        if (!first) {
            header_value(block + i, e - i, "Content-Type", &h->type);
            header_value(block + i, e - i, "Transfer-Encoding", &h->transfer);
            header_value(block + i, e - i, "Content-Encoding", &h->encoding);
        }
        first = false;
        i = next;
    }
    h->body = block + len; /* headers without an end: no body */
    h->len = 0;
}

static bool has_word(const eg_strbuf *value, const char *word)
{
    for (size_t i = 0; i + strlen(word) <= value->len; i++)
        if (strncasecmp(value->buf + i, word, strlen(word)) == 0)
            return true;
    return false;
}

/* HTTP/1.1 chunked transfer coding, decoded into out; false when broken. */
static bool dechunk(const char *s, size_t len, eg_strbuf *out, size_t limit)
{
    size_t i = 0;
    for (;;) {
        size_t size = 0;
        bool digits = false;
        while (i < len && isxdigit((unsigned char)s[i])) {
            int d = isdigit((unsigned char)s[i]) ? s[i] - '0' : tolower((unsigned char)s[i]) - 'a' + 10;
            if (size > (SIZE_MAX >> 4))
                return false;
            size = size * 16 + (size_t)d;
            digits = true;
            i++;
        }
        const char *nl = i < len ? memchr(s + i, '\n', len - i) : NULL;
        if (!digits || !nl)
            return false;
        i = (size_t)(nl - s) + 1;
        if (size == 0)
            return true;
        if (size > len - i || out->len + size > limit)
            return false;
        eg_strbuf_add(out, s + i, size);
        i += size;
        if (i < len && s[i] == '\r')
            i++;
        if (i < len && s[i] == '\n')
            i++;
    }
}

/* gzip or deflate (zlib or raw) content coding, decoded into out. */
static bool inflate_into(const char *s, size_t len, eg_strbuf *out, size_t limit, bool raw_fallback)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, raw_fallback ? -15 : 15 + 32) != Z_OK)
        return false;
    z.next_in = (Bytef *)s;
    z.avail_in = len > UINT32_MAX ? UINT32_MAX : (uInt)len;
    unsigned char chunk[1 << 15];
    int rc;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END)
            break;
        size_t got = sizeof chunk - z.avail_out;
        if (out->len + got > limit) {
            rc = Z_MEM_ERROR;
            break;
        }
        eg_strbuf_add(out, (const char *)chunk, got);
    } while (rc != Z_STREAM_END && (z.avail_in > 0 || z.avail_out == 0));
    inflateEnd(&z);
    return rc == Z_STREAM_END;
}

/* The page of a response block into w->body; false (with a warning) when
 * it cannot be decoded; *html says whether it is a web page. */
static bool page_of(eg_warc *w, uint64_t offset, bool *html)
{
    http h;
    eg_strbuf_init(&h.type);
    eg_strbuf_init(&h.transfer);
    eg_strbuf_init(&h.encoding);
    parse_http(w->block.buf, w->block.len, &h);
    bool ok = true;
    eg_strbuf_reset(&w->body);
    eg_strbuf decoded = EG_STRBUF_INIT;
    const char *body = h.body;
    size_t len = h.len;
    if (has_word(&h.transfer, "chunked")) {
        ok = dechunk(body, len, &w->body, w->max_page);
        if (!ok)
            warn_at(w, offset, "skipped: its chunked payload is broken");
        body = w->body.buf;
        len = w->body.len;
    }
    if (ok && (has_word(&h.encoding, "gzip") || has_word(&h.encoding, "deflate"))) {
        ok = inflate_into(body, len, &decoded, w->max_page, false) ||
             (eg_strbuf_reset(&decoded), has_word(&h.encoding, "deflate") &&
                                             inflate_into(body, len, &decoded, w->max_page, true));
        if (!ok)
            warn_at(w, offset, "skipped: its compressed payload does not inflate");
        body = decoded.buf;
        len = decoded.len;
    }
    if (ok && body != w->body.buf) {
        eg_strbuf_reset(&w->body);
        eg_strbuf_add(&w->body, body, len);
    }
    *html = ok && (h.type.len ? has_word(&h.type, "html") : eg_webpage_sniff(w->body.buf, w->body.len));
    eg_strbuf_release(&decoded);
    eg_strbuf_release(&h.type);
    eg_strbuf_release(&h.transfer);
    eg_strbuf_release(&h.encoding);
    return ok;
}

/* ---- records ---- */

eg_status eg_warc_next(eg_warc *w, eg_warc_page *page, eg_error *err)
{
    memset(page, 0, sizeof *page);
    eg_status st = EG_OK;
    bool lost = false; /* between records after a bad one, looking for the next */
    for (;;) {
        uint64_t offset = w->pos;
        if (!read_line(w, &st))
            break;
        if (blank(&w->line))
            continue;
        if (w->line.len < 5 || memcmp(w->line.buf, "WARC/", 5) != 0) {
            if (!lost) {
                warn_at(w, offset, "not the start of a WARC record; looking for the next one");
                w->bad++;
                lost = true;
            }
            continue;
        }
        lost = false;
        /* the record's headers */
        eg_strbuf type = EG_STRBUF_INIT, length = EG_STRBUF_INIT;
        eg_strbuf_reset(&w->uri);
        eg_strbuf_reset(&w->date);
        size_t header_bytes = 0;
        bool ended = false;
        while (header_bytes < HEADER_LIMIT && read_line(w, &st)) {
            header_bytes += w->line.len;
            if (blank(&w->line)) {
                ended = true;
                break;
            }
            header_value(w->line.buf, w->line.len, "WARC-Type", &type);
            header_value(w->line.buf, w->line.len, "Content-Length", &length);
            header_value(w->line.buf, w->line.len, "WARC-Target-URI", &w->uri);
            header_value(w->line.buf, w->line.len, "WARC-Date", &w->date);
        }
        char *end = NULL;
        errno = 0;
        unsigned long long n = length.len ? strtoull(length.buf, &end, 10) : 0;
        bool good_length = length.len && end && *end == '\0' && errno == 0 && length.buf[0] != '-';
        bool response = strcasecmp(type.buf, "response") == 0;
        eg_strbuf_release(&type);
        eg_strbuf_release(&length);
        if (!ended) {
            warn_at(w, offset, w->eof ? "the archive ends inside this record's headers" : "headers without an end");
            w->bad++;
            if (w->eof)
                break;
            lost = true;
            continue;
        }
        if (!good_length) {
            warn_at(w, offset, "skipped: no valid Content-Length; looking for the next record");
            w->bad++;
            lost = true;
            continue;
        }
        if (!response || n > w->max_page + HEADER_LIMIT) {
            if (response) {
                warn_at(w, offset, "skipped: larger than the limit for one document (--max-document-size)");
                w->bad++;
            }
            w->other++;
            if (read_bytes(w, NULL, n, &st) < n) {
                if (st == EG_OK)
                    warn_at(w, offset, "the archive ends inside this record");
                w->bad++;
                break;
            }
            continue;
        }
        eg_strbuf_reset(&w->block);
        if (read_bytes(w, &w->block, n, &st) < n) {
            if (st == EG_OK)
                warn_at(w, offset, "skipped: the archive ends inside this record");
            w->bad++;
            break;
        }
        if (eg_strbuf_status(&w->block))
            return eg_error_set(err, EG_ENOMEM, "%s: out of memory", w->path);
        bool html = false;
        if (!page_of(w, offset, &html)) {
            w->bad++;
            w->other++;
            continue;
        }
        if (eg_strbuf_status(&w->body))
            return eg_error_set(err, EG_ENOMEM, "%s: out of memory", w->path);
        if (!html) {
            w->other++;
            continue;
        }
        page->uri = w->uri.buf;
        page->date = w->date.buf;
        page->body = w->body.buf;
        page->len = w->body.len;
        page->offset = offset;
        return EG_OK;
    }
    if (st != EG_OK) {
        /* a damaged compressed stream: what came before it was read */
        warn_at(w, w->pos, "the compressed stream is cut short or damaged here; the rest of the archive is not read");
        w->bad++;
    }
    return EG_OK;
}
