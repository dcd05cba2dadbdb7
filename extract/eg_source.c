#include "eg_source.h"

#include "eg_warc.h"
#include "eg_webpage.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A folder being walked: its sorted entries and the position reached. */
typedef struct frame {
    char *path;   /* the folder's path */
    char *rel;    /* its path relative to the input root ("" for the root) */
    char **names;
    size_t n, pos;
} frame;

struct eg_source {
    char **inputs;
    size_t n_inputs, next_input;
    frame *stack;
    size_t depth, cap_stack;
    FILE *jsonl;       /* the JSON Lines file being read, or NULL */
    char *jsonl_path;
    char *jsonl_rel;
    size_t jsonl_line;
    char *line;
    size_t line_cap;
    cJSON *json;       /* the current JSON line */
    eg_strbuf text;    /* the current document's bytes */
    eg_strbuf id;
    eg_strbuf origin;
    eg_warn_fn warn;
    void *warn_data;
    size_t count;
    size_t max_document;  /* bytes; a larger document is refused */
    eg_map *visited;      /* "device:inode" of every folder and file read */
    eg_map *excluded;     /* "device:inode" of what is never input: the run's outputs */
    bool strict;          /* a bad JSON line is an error, not skipped */
    size_t skipped;       /* documents skipped: bad or too long JSON lines, too large files */
    size_t file_skips;    /* lines skipped in the current JSON Lines file */
    eg_article html; /* the current document's article, when it is a web page */
    eg_warc *warc;        /* the WARC archive being read, or NULL */
    char *warc_path;
    size_t warc_pages;    /* pages read from it */
};

static void warnf(eg_source *src, const char *fmt, const char *a, const char *b)
{
    if (!src->warn)
        return;
    char msg[1024];
    snprintf(msg, sizeof msg, fmt, a, b);
    src->warn(src->warn_data, msg);
}

eg_status eg_source_new(const char *const *inputs, size_t n_inputs, eg_warn_fn warn, void *data,
                        eg_source **out, eg_error *err)
{
    *out = NULL;
    eg_source *src = calloc(1, sizeof *src);
    if (!src)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    eg_article_init(&src->html);
    src->inputs = calloc(n_inputs ? n_inputs : 1, sizeof *src->inputs);
    if (!src->inputs) {
        free(src);
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n_inputs; i++) {
        src->inputs[i] = eg_strdup(inputs[i]);
        if (!src->inputs[i]) {
            src->n_inputs = i;
            eg_source_free(src);
            return eg_error_set(err, EG_ENOMEM, "out of memory");
        }
    }
    src->n_inputs = n_inputs;
    eg_strbuf_init(&src->text);
    eg_strbuf_init(&src->id);
    eg_strbuf_init(&src->origin);
    src->warn = warn;
    src->warn_data = data;
    src->max_document = EG_SOURCE_MAX_DOCUMENT;
    if (!(src->visited = eg_map_new(64)) || !(src->excluded = eg_map_new(16))) {
        eg_source_free(src);
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    *out = src;
    return EG_OK;
}

void eg_source_set_strict(eg_source *src, bool strict)
{
    src->strict = strict;
}

size_t eg_source_skipped(const eg_source *src)
{
    return src->skipped;
}

void eg_source_set_max_document(eg_source *src, size_t bytes)
{
    src->max_document = bytes ? bytes : EG_SOURCE_MAX_DOCUMENT;
}

static void inode_key(const struct stat *sb, char key[64])
{
    snprintf(key, 64, "%llu:%llu", (unsigned long long)sb->st_dev, (unsigned long long)sb->st_ino);
}

eg_status eg_source_exclude(eg_source *src, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return EG_OK; /* nothing there yet: nothing to read by mistake */
    char key[64];
    inode_key(&sb, key);
    return eg_map_put(src->excluded, key, 1);
}

static bool excluded(const eg_source *src, const struct stat *sb)
{
    char key[64];
    inode_key(sb, key);
    return eg_map_get(src->excluded, key) != EG_NONE;
}

/* Whether the folder or file of `sb` was read before (a link back into the
 * corpus, or a second link to one file); records it otherwise. Returns
 * EG_ENOMEM on failure. */
static eg_status seen_before(eg_source *src, const struct stat *sb, bool *seen)
{
    char key[64];
    inode_key(sb, key);
    *seen = eg_map_get(src->visited, key) != EG_NONE;
    return *seen ? EG_OK : eg_map_put(src->visited, key, 1);
}

static void frame_release(frame *f)
{
    free(f->path);
    free(f->rel);
    for (size_t i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
}

static void close_jsonl(eg_source *src)
{
    if (src->jsonl && src->jsonl != stdin)
        fclose(src->jsonl);
    src->jsonl = NULL;
    free(src->jsonl_path);
    free(src->jsonl_rel);
    src->jsonl_path = src->jsonl_rel = NULL;
}

void eg_source_free(eg_source *src)
{
    if (!src)
        return;
    for (size_t i = 0; i < src->n_inputs; i++)
        free(src->inputs[i]);
    free(src->inputs);
    for (size_t i = 0; i < src->depth; i++)
        frame_release(&src->stack[i]);
    free(src->stack);
    close_jsonl(src);
    eg_warc_close(src->warc);
    free(src->warc_path);
    free(src->line);
    cJSON_Delete(src->json);
    eg_strbuf_release(&src->text);
    eg_strbuf_release(&src->id);
    eg_strbuf_release(&src->origin);
    eg_article_release(&src->html);
    eg_map_free(src->visited);
    eg_map_free(src->excluded);
    free(src);
}

size_t eg_source_count(const eg_source *src)
{
    return src->count;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    bool slash = la > 0 && a[la - 1] != '/';
    char *p = malloc(la + lb + 2);
    if (!p)
        return NULL;
    memcpy(p, a, la);
    if (slash)
        p[la++] = '/';
    memcpy(p + la, b, lb + 1);
    return p;
}

static eg_status push_dir(eg_source *src, const char *path, const char *rel, eg_error *err)
{
    DIR *d = opendir(path);
    if (!d)
        return eg_error_set(err, EG_EIO, "%s: cannot open folder: %s", path, strerror(errno));
    frame f = {0};
    size_t cap = 0;
    eg_status st = EG_OK;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* hidden entries, "." and ".." */
        if (eg_grow(&f.names, &cap, f.n + 1, sizeof *f.names) ||
            !(f.names[f.n] = eg_strdup(e->d_name))) {
            st = eg_error_set(err, EG_ENOMEM, "out of memory");
            break;
        }
        f.n++;
    }
    if (st == EG_OK && errno)
        st = eg_error_set(err, EG_EIO, "%s: cannot read folder: %s", path, strerror(errno));
    closedir(d);
    if (st == EG_OK) {
        if (f.n > 1)
            qsort(f.names, f.n, sizeof *f.names, cmp_names);
        f.path = eg_strdup(path);
        f.rel = eg_strdup(rel);
        if (!f.path || !f.rel ||
            eg_grow(&src->stack, &src->cap_stack, src->depth + 1, sizeof *src->stack))
            st = eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    if (st != EG_OK) {
        frame_release(&f);
        return st;
    }
    src->stack[src->depth++] = f;
    return EG_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Warned of one by one in a JSON Lines file; the rest are counted only
 * (a file of another kind given as JSON Lines would print every line). */
#define LINE_WARNINGS 10

/* A line of the open JSON Lines file is skipped: counted, and warned of
 * while there are few. */
static void skip_line(eg_source *src, const char *why)
{
    src->skipped++;
    src->file_skips++;
    char where[64];
    snprintf(where, sizeof where, ":%zu", src->jsonl_line);
    eg_strbuf msg = EG_STRBUF_INIT;
    if (src->file_skips <= LINE_WARNINGS)
        eg_strbuf_addf(&msg, "%s%s: skipped: %s", src->jsonl_path, where, why);
    else if (src->file_skips == LINE_WARNINGS + 1)
        eg_strbuf_addf(&msg, "%s: more lines skipped, not shown one by one", src->jsonl_path);
    if (msg.len || eg_strbuf_status(&msg))
        warnf(src, "%s%s", eg_strbuf_status(&msg) ? "a JSON line: skipped" : msg.buf, "");
    eg_strbuf_release(&msg);
}

/* How much of a document's start is looked at for NUL bytes. */
#define BINARY_PROBE 8192

static bool looks_binary(const eg_strbuf *text)
{
    size_t n = text->len < BINARY_PROBE ? text->len : BINARY_PROBE;
    return memchr(text->buf, '\0', n) != NULL;
}

/* 1 for a UTF-16 text that starts with its byte order mark (FF FE: little
 * endian, FE FF: big endian), as editors on Windows save "Unicode" text. */
static int utf16_order(const eg_strbuf *text)
{
    const unsigned char *b = (const unsigned char *)text->buf;
    if (text->len < 2)
        return 0;
    return (b[0] == 0xFF && b[1] == 0xFE) ? 'L' : (b[0] == 0xFE && b[1] == 0xFF) ? 'B' : 0;
}

static void add_utf8(eg_strbuf *out, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    eg_strbuf_add(out, u, n);
}

/* Re-encodes src->text, UTF-16 in the given byte order after its mark, as
 * UTF-8; an unpaired surrogate or an odd last byte becomes U+FFFD. */
static eg_status utf16_to_utf8(eg_source *src, int order)
{
    const unsigned char *b = (const unsigned char *)src->text.buf;
    size_t n = src->text.len;
    eg_strbuf out = EG_STRBUF_INIT;
    for (size_t i = 2; i < n; i += 2) {
        if (i + 1 == n) {
            add_utf8(&out, 0xFFFD);
            break;
        }
        uint32_t u = order == 'L' ? (uint32_t)(b[i] | b[i + 1] << 8) : (uint32_t)(b[i] << 8 | b[i + 1]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
            uint32_t v = order == 'L' ? (uint32_t)(b[i + 2] | b[i + 3] << 8) : (uint32_t)(b[i + 2] << 8 | b[i + 3]);
            if (v >= 0xDC00 && v < 0xE000) {
                add_utf8(&out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        add_utf8(&out, u >= 0xD800 && u < 0xE000 ? 0xFFFD : u);
    }
    if (eg_strbuf_status(&out)) {
        eg_strbuf_release(&out);
        return EG_ENOMEM;
    }
    eg_strbuf_release(&src->text);
    src->text = out;
    return EG_OK;
}

/* Reads a whole stream into src->text, stopping as soon as its start holds
 * a NUL byte (*binary: an endless device is no text) or it grows past the
 * document limit (an error naming it). UTF-16 with a byte order mark, which
 * is all NUL bytes in English, is read and re-encoded as UTF-8. */
static eg_status slurp(eg_source *src, FILE *fp, const char *path, bool *binary, eg_error *err)
{
    eg_strbuf_reset(&src->text);
    *binary = false;
    char buf[1 << 16];
    size_t n;
    int utf16 = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (src->text.len + n > src->max_document)
            return eg_error_set(err, EG_EPARSE,
                                "%s: larger than %zu bytes, the limit for one document (--max-document-size)",
                                path, src->max_document);
        eg_strbuf_add(&src->text, buf, n);
        if (eg_strbuf_status(&src->text))
            return eg_error_set(err, EG_ENOMEM, "%s: out of memory", path);
        if (src->text.len == n)
            utf16 = utf16_order(&src->text);
        if (!utf16 && src->text.len - n < BINARY_PROBE && looks_binary(&src->text)) {
            *binary = true;
            return EG_OK;
        }
    }
    if (ferror(fp))
        return eg_error_set(err, EG_EIO, "%s: read error: %s", path, strerror(errno));
    if (utf16 && utf16_to_utf8(src, utf16))
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", path);
    /* re-encoded, a text may grow past the limit (offsets count its UTF-8) */
    if (utf16 && src->text.len > src->max_document)
        return eg_error_set(err, EG_EPARSE,
                            "%s: larger than %zu bytes as UTF-8, the limit for one document (--max-document-size)",
                            path, src->max_document);
    return EG_OK;
}

static eg_status set_doc(eg_source *src, eg_source_doc *doc, const char *id, const char *origin)
{
    eg_strbuf_reset(&src->id);
    eg_strbuf_adds(&src->id, id);
    eg_strbuf_reset(&src->origin);
    eg_strbuf_adds(&src->origin, origin);
    if (eg_strbuf_status(&src->id) || eg_strbuf_status(&src->origin))
        return EG_ENOMEM;
    doc->id = src->id.buf;
    doc->origin = src->origin.buf;
    doc->text = src->text.buf;
    doc->len = src->text.len;
    doc->title = doc->date = doc->url = NULL;
    src->count++;
    return EG_OK;
}

/* Whether the document just read, at path, is a web page: by its name, or
 * by its first tags. */
static bool is_web_page(const eg_source *src, const char *path)
{
    return ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml") ||
           eg_webpage_sniff(src->text.buf, src->text.len);
}

/* A web page: the document becomes its article's text, with the page's
 * title, date and URL. A page libxml2 can make nothing of stays as read. */
static eg_status read_web_page(eg_source *src, eg_source_doc *doc, const char *path, eg_error *err)
{
    eg_status st = eg_webpage_read(src->text.buf, src->text.len, &src->html);
    if (st == EG_ENOMEM)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    if (st) {
        warnf(src, "%s: not read as a web page: the HTML parser made nothing of it%s", path, "");
        return EG_OK;
    }
    eg_strbuf_reset(&src->text);
    eg_strbuf_add(&src->text, src->html.text.buf, src->html.text.len);
    if (eg_strbuf_status(&src->text))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    if (src->text.len == 0)
        warnf(src, "%s: a web page with no article text found%s", path, "");
    doc->text = src->text.buf;
    doc->len = src->text.len;
    doc->title = src->html.title.len ? src->html.title.buf : NULL;
    doc->date = src->html.date.len ? src->html.date.buf : NULL;
    doc->url = src->html.url.len ? src->html.url.buf : NULL;
    return EG_OK;
}

static void warc_warning(void *data, const char *message)
{
    eg_source *src = data;
    if (src->warn)
        src->warn(src->warn_data, message);
}

static bool is_warc(const char *path)
{
    return ends_with(path, ".warc") || ends_with(path, ".warc.gz");
}

static eg_status open_warc(eg_source *src, const char *path, eg_error *err)
{
    eg_status st = eg_warc_open(path, src->max_document, warc_warning, src, &src->warc, err);
    if (st)
        return st;
    src->warc_pages = 0;
    if (!(src->warc_path = eg_strdup(path))) {
        eg_warc_close(src->warc);
        src->warc = NULL;
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    return EG_OK;
}

/* The next page of the WARC archive being read: its article, the page's
 * date or else the record's, and the record's target URI. At the end of the
 * archive, what was skipped is said and the records that could not be read
 * are counted as skipped input. */
static eg_status next_warc(eg_source *src, eg_source_doc *doc, bool *taken, eg_error *err)
{
    *taken = false;
    eg_warc_page page;
    eg_status st = eg_warc_next(src->warc, &page, err);
    if (st)
        return st;
    if (!page.body) {
        size_t other = eg_warc_other(src->warc), bad = eg_warc_bad(src->warc);
        if (src->warn && (other || bad)) {
            char msg[1024];
            snprintf(msg, sizeof msg, "%s: %zu pages read; %zu other records skipped%s", src->warc_path,
                     src->warc_pages, other, bad ? ", some of them unreadable (see above)" : "");
            src->warn(src->warn_data, msg);
        }
        src->skipped += bad;
        eg_warc_close(src->warc);
        src->warc = NULL;
        free(src->warc_path);
        src->warc_path = NULL;
        return EG_OK;
    }
    src->warc_pages++;
    eg_strbuf_reset(&src->text);
    eg_strbuf_add(&src->text, page.body, page.len);
    char at[64];
    snprintf(at, sizeof at, " at offset %llu", (unsigned long long)page.offset);
    eg_strbuf origin = EG_STRBUF_INIT, id = EG_STRBUF_INIT;
    eg_strbuf_adds(&origin, src->warc_path);
    eg_strbuf_adds(&origin, at);
    if (page.uri[0])
        eg_strbuf_adds(&id, page.uri);
    else
        eg_strbuf_addf(&id, "%s@%llu", src->warc_path, (unsigned long long)page.offset);
    if (eg_strbuf_status(&src->text) || eg_strbuf_status(&origin) || eg_strbuf_status(&id) ||
        set_doc(src, doc, id.buf, origin.buf))
        st = eg_error_set(err, EG_ENOMEM, "out of memory");
    if (st == EG_OK)
        st = read_web_page(src, doc, src->origin.buf, err);
    eg_strbuf_release(&origin);
    eg_strbuf_release(&id);
    if (st)
        return st;
    if (page.uri[0])
        doc->url = page.uri;
    if (!doc->date && page.date[0])
        doc->date = page.date;
    *taken = true;
    return EG_OK;
}

/* A file found in a folder (named == false) or named as an input. Returns
 * EG_OK with *taken == false when it was skipped. */
static eg_status read_file(eg_source *src, const char *path, const char *rel, bool named,
                           eg_source_doc *doc, bool *taken, eg_error *err)
{
    *taken = false;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_set(err, EG_EIO, "%s: cannot open: %s", path, strerror(errno));
    bool binary;
    eg_status st = slurp(src, fp, path, &binary, err);
    fclose(fp);
    if (st == EG_EPARSE && !named && !src->strict) {
        /* too large: one document of the folder is lost, not the run */
        warnf(src, "%s: skipped: larger than the limit for one document (--max-document-size)%s", path, "");
        src->skipped++;
        return EG_OK;
    }
    if (st)
        return st;
    if (binary) {
        if (named)
            return eg_error_set(err, EG_EPARSE, "%s: not a text file (it holds NUL bytes)", path);
        warnf(src, "%s: skipped: not a text file (it holds NUL bytes)%s", path, "");
        return EG_OK;
    }
    if (src->text.len == 0)
        warnf(src, "%s: empty document%s", path, "");
    if (set_doc(src, doc, rel, path))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    if (src->text.len && is_web_page(src, path) && (st = read_web_page(src, doc, path, err)))
        return st;
    *taken = true;
    return EG_OK;
}

static eg_status open_jsonl(eg_source *src, const char *path, const char *rel, eg_error *err)
{
    src->jsonl = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!src->jsonl)
        return eg_error_set(err, EG_EIO, "%s: cannot open: %s", path, strerror(errno));
    src->jsonl_path = eg_strdup(path);
    src->jsonl_rel = eg_strdup(rel);
    src->jsonl_line = 0;
    src->file_skips = 0;
    if (!src->jsonl_path || !src->jsonl_rel) {
        close_jsonl(src);
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    return EG_OK;
}

static const char *json_string(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The next document of the open JSON Lines file; *taken == false at its end. */
static eg_status next_jsonl(eg_source *src, eg_source_doc *doc, bool *taken, eg_error *err)
{
    *taken = false;
    for (;;) {
        errno = 0;
        /* a line holds a document and its fields: twice the document limit */
        ssize_t n = eg_read_line(src->jsonl, &src->line, &src->line_cap, eg_size_mul(src->max_document, 2));
        if (n == -2 && !src->strict) {
            /* skip to the next line, unless this one has no end */
            int skip = eg_skip_line(src->jsonl, eg_size_mul(src->max_document, 16));
            if (skip == 0) {
                src->jsonl_line++;
                skip_line(src, "a line longer than twice the document limit (--max-document-size)");
                continue;
            }
            if (skip == -1)
                n = -1; /* a read error, reported below */
        }
        if (n == -2 || n == -3) {
            eg_status st = n == -3 ? EG_ENOMEM : EG_EPARSE;
            eg_error_set(err, st, n == -3 ? "%s:%zu: out of memory"
                                          : "%s:%zu: a line longer than twice the document limit "
                                            "(--max-document-size)",
                         src->jsonl_path, src->jsonl_line + 1);
            close_jsonl(src);
            return st;
        }
        if (n < 0) {
            bool bad = ferror(src->jsonl);
            int e = errno;
            if (bad)
                eg_error_set(err, EG_EIO, "%s: read error: %s", src->jsonl_path, strerror(e));
            close_jsonl(src);
            return bad ? EG_EIO : EG_OK;
        }
        src->jsonl_line++;
        size_t len = (size_t)n;
        while (len && (src->line[len - 1] == '\n' || src->line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (src->line[k] == ' ' || src->line[k] == '\t'))
            k++;
        if (k == len)
            continue; /* blank line */
        cJSON_Delete(src->json);
        const char *end = NULL;
        src->json = cJSON_ParseWithLengthOpts(src->line, len, &end, false);
        /* nothing but spaces may follow the object ("{...} garbage" is no line) */
        while (end && end < src->line + len && (*end == ' ' || *end == '\t'))
            end++;
        const char *why = NULL;
        if (!src->json || !cJSON_IsObject(src->json) || end != src->line + len)
            why = "not a JSON object";
        else if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(src->json, "text")))
            why = "no \"text\" string in this line";
        else if (strlen(cJSON_GetObjectItemCaseSensitive(src->json, "text")->valuestring) > src->max_document)
            why = "its text is larger than the limit for one document (--max-document-size)";
        if (why && src->strict)
            return eg_error_set(err, EG_EPARSE, "%s:%zu: %s", src->jsonl_path, src->jsonl_line, why);
        if (why) {
            skip_line(src, why);
            continue;
        }
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(src->json, "text");
        eg_strbuf_reset(&src->text);
        eg_strbuf_adds(&src->text, text->valuestring);
        char origin[64];
        snprintf(origin, sizeof origin, ":%zu", src->jsonl_line);
        eg_strbuf o = EG_STRBUF_INIT;
        eg_strbuf_adds(&o, src->jsonl_path);
        eg_strbuf_adds(&o, origin);
        const char *id = json_string(src->json, "id");
        const cJSON *idv = cJSON_GetObjectItemCaseSensitive(src->json, "id");
        char num[64];
        if (!id && cJSON_IsNumber(idv)) {
            snprintf(num, sizeof num, "%.17g", idv->valuedouble);
            id = num;
        }
        eg_strbuf fallback = EG_STRBUF_INIT;
        if (!id) {
            eg_strbuf_adds(&fallback, src->jsonl_rel);
            eg_strbuf_adds(&fallback, origin);
            id = fallback.buf;
        }
        eg_status st = EG_OK;
        if (eg_strbuf_status(&src->text) || eg_strbuf_status(&o) || eg_strbuf_status(&fallback) ||
            set_doc(src, doc, id, o.buf))
            st = eg_error_set(err, EG_ENOMEM, "out of memory");
        eg_strbuf_release(&o);
        eg_strbuf_release(&fallback);
        if (st)
            return st;
        if (src->text.len == 0)
            warnf(src, "%s: empty document%s", doc->origin, "");
        doc->title = json_string(src->json, "title");
        doc->date = json_string(src->json, "date");
        doc->url = json_string(src->json, "url");
        *taken = true;
        return EG_OK;
    }
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

eg_status eg_source_next(eg_source *src, eg_source_doc *doc, eg_error *err)
{
    memset(doc, 0, sizeof *doc);
    for (;;) {
        bool taken = false;
        eg_status st;
        if (src->jsonl) {
            st = next_jsonl(src, doc, &taken, err);
            if (st || taken)
                return st;
            continue;
        }
        if (src->warc) {
            st = next_warc(src, doc, &taken, err);
            if (st || taken)
                return st;
            continue;
        }
        if (src->depth) {
            frame *f = &src->stack[src->depth - 1];
            if (f->pos == f->n) {
                frame_release(f);
                src->depth--;
                continue;
            }
            const char *name = f->names[f->pos++];
            char *path = join_path(f->path, name);
            char *rel = f->rel[0] ? join_path(f->rel, name) : eg_strdup(name);
            if (!path || !rel) {
                free(path);
                free(rel);
                return eg_error_set(err, EG_ENOMEM, "out of memory");
            }
            struct stat sb;
            bool seen = false;
            if (stat(path, &sb) != 0) {
                warnf(src, "%s: skipped: %s", path, strerror(errno));
                st = EG_OK;
            } else if ((S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode)) &&
                       (st = seen_before(src, &sb, &seen)) != EG_OK) {
                st = eg_error_set(err, st, "out of memory");
            } else if (seen) {
                warnf(src, "%s: skipped: read already (a link to a folder or file met before)%s", path, "");
            } else if (excluded(src, &sb)) {
                warnf(src, "%s: skipped: an output of this run%s", path, "");
            } else if (S_ISDIR(sb.st_mode)) {
                st = push_dir(src, path, rel, err);
            } else if (!S_ISREG(sb.st_mode)) {
                warnf(src, "%s: skipped: not a regular file%s", path, "");
                st = EG_OK;
            } else if (ends_with(name, ".jsonl")) {
                st = open_jsonl(src, path, rel, err);
            } else if (is_warc(name)) {
                st = open_warc(src, path, err);
            } else {
                st = read_file(src, path, rel, false, doc, &taken, err);
            }
            free(path);
            free(rel);
            if (st || taken)
                return st;
            continue;
        }
        if (src->next_input == src->n_inputs)
            return EG_OK; /* the end: doc->text stays NULL */
        const char *in = src->inputs[src->next_input++];
        if (strcmp(in, "-") == 0) {
            bool binary;
            st = slurp(src, stdin, "standard input", &binary, err);
            if (st)
                return st;
            if (binary)
                return eg_error_set(err, EG_EPARSE, "standard input: not text (it holds NUL bytes)");
            if (src->text.len == 0)
                warnf(src, "standard input: empty document%s", "", "");
            if (set_doc(src, doc, "-", "standard input"))
                return eg_error_set(err, EG_ENOMEM, "out of memory");
            if (src->text.len && eg_webpage_sniff(src->text.buf, src->text.len))
                return read_web_page(src, doc, "standard input", err);
            return EG_OK;
        }
        struct stat sb;
        bool seen = false;
        if (stat(in, &sb) != 0)
            return eg_error_set(err, EG_EIO, "%s: %s", in, strerror(errno));
        if ((S_ISDIR(sb.st_mode) || S_ISREG(sb.st_mode)) && seen_before(src, &sb, &seen) != EG_OK)
            return eg_error_set(err, EG_ENOMEM, "out of memory");
        if (seen) {
            warnf(src, "%s: skipped: read already (named twice, or inside a folder named before)%s", in, "");
            continue;
        }
        if (S_ISDIR(sb.st_mode)) {
            st = push_dir(src, in, "", err);
        } else if (ends_with(in, ".jsonl")) {
            st = open_jsonl(src, in, base_name(in), err);
        } else if (is_warc(in)) {
            st = open_warc(src, in, err);
        } else {
            st = read_file(src, in, in, true, doc, &taken, err);
            if (!st && taken)
                return EG_OK;
        }
        if (st)
            return st;
    }
}
