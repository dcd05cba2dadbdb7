/*
 * eg_base.h - the few things every stage of entigraph shares: status codes,
 * an error record, a growable byte buffer, growable arrays, a string map,
 * output files, a checked writer and a scoped "C" locale.
 *
 * Conventions used across the library (see CONTRIBUTING in docs/ARCHITECTURE.md):
 *  - functions that can fail return an eg_status; EG_OK is 0;
 *  - results come back through out-parameters, set to a defined value first;
 *  - `_init`/`_release` work on storage the caller owns, `_new`/`_free` on heap
 *    handles; every `_release`/`_free` accepts NULL or an already released
 *    object;
 *  - nothing here aborts or exits: out-of-memory is reported as EG_ENOMEM.
 */
#ifndef EG_BASE_H
#define EG_BASE_H

#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define EG_VERSION "0.1.0"

/* Index value meaning "none" in size_t fields. */
#define EG_NONE ((size_t)-1)

typedef enum eg_status {
    EG_OK = 0,
    EG_ENOMEM,  /* out of memory */
    EG_EIO,     /* a file could not be read or written */
    EG_EPARSE,  /* input is not in the expected format */
    EG_EINVAL,  /* an argument or option is invalid */
    EG_EGRAPH,  /* igraph reported an error */
    EG_ENOINPUT /* the input holds no document */
} eg_status;

/* A static, generic description of a status code. Never NULL. */
const char *eg_strerror(eg_status status);

/*
 * An error record kept on a handle (or by a caller): the code of the first
 * failure and a message naming what failed and where (file, line, offset).
 */
typedef struct eg_error {
    eg_status code;
    char message[512];
} eg_error;

void eg_error_clear(eg_error *err);

/* Records code and a printf-style message; returns code, so that
 * `return eg_error_set(err, EG_EIO, "%s: %s", path, strerror(errno));`
 * is one line. err may be NULL. */
eg_status eg_error_set(eg_error *err, eg_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/*
 * eg_strbuf: a growable, always NUL-terminated byte buffer.
 * Invariants: buf is never NULL after init (it points at a static "" until the
 * first append); len excludes the terminating NUL. An allocation failure
 * sets `failed` and turns later appends into no-ops, so a sequence of appends
 * needs one check at the end (eg_strbuf_status).
 * eg_strbuf_detach is the one way to take ownership of the bytes.
 */
typedef struct eg_strbuf {
    char *buf;
    size_t len;
    size_t alloc;
    bool failed;
} eg_strbuf;

#define EG_STRBUF_INIT {eg_strbuf_empty, 0, 0, false}
extern char eg_strbuf_empty[];

void eg_strbuf_init(eg_strbuf *sb);
/* Frees the bytes; sb is left initialised and empty. */
void eg_strbuf_release(eg_strbuf *sb);
/* Empties sb, keeping its storage. */
void eg_strbuf_reset(eg_strbuf *sb);
void eg_strbuf_add(eg_strbuf *sb, const char *data, size_t len);
void eg_strbuf_adds(eg_strbuf *sb, const char *s);

/* Appends one byte. Writers of text append byte by byte: while there is room
 * (the usual case) this is done inline, without a call. */
static inline void eg_strbuf_addc(eg_strbuf *sb, char c)
{
    if (sb->len + 2 <= sb->alloc && !sb->failed) {
        sb->buf[sb->len++] = c;
        sb->buf[sb->len] = '\0';
        return;
    }
    eg_strbuf_add(sb, &c, 1);
}
/* Appends s as a JSON string, the way cJSON prints one: '"' and '\\'
 * escaped, the control characters below 0x20 as \b \f \n \r \t or \u00xx
 * (lower-case hex), every other byte (DEL, '/', UTF-8 sequences) as it is;
 * NULL as "". Valid UTF-8 in gives valid JSON out. */
void eg_strbuf_add_json(eg_strbuf *sb, const char *s);
void eg_strbuf_addf(eg_strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void eg_strbuf_setlen(eg_strbuf *sb, size_t len);
eg_status eg_strbuf_status(const eg_strbuf *sb);
/* Hands the bytes to the caller (free() them); sb is left empty. Returns NULL
 * when an earlier append failed. */
char *eg_strbuf_detach(eg_strbuf *sb, size_t *len);

/*
 * Growable arrays. `eg_grow(&ptr, &cap, need, sizeof *ptr)` makes room for
 * `need` elements; returns EG_OK or EG_ENOMEM (ptr untouched on failure).
 */
eg_status eg_grow(void *ptrp, size_t *cap, size_t need, size_t elem_size);

/* malloc'd copies; NULL on allocation failure (or when s is NULL). */
char *eg_strdup(const char *s);
char *eg_strndup(const char *s, size_t n);

/*
 * eg_map: string -> size_t map (open addressing on eg_hash). Keys are copied.
 * Lookups of absent keys return EG_NONE. Iteration order is unspecified, so
 * nothing that reaches output may depend on it.
 */
typedef struct eg_map eg_map;

eg_map *eg_map_new(size_t size_hint);
void eg_map_free(eg_map *map);
/* Inserts or replaces. */
eg_status eg_map_put(eg_map *map, const char *key, size_t value);
size_t eg_map_get(const eg_map *map, const char *key);
/* The value of key; when absent, inserts key with `value` and returns it:
 * one probe where eg_map_get then eg_map_put take two. Returns EG_NONE when
 * out of memory (so `value` must not be EG_NONE). */
size_t eg_map_get_or_put(eg_map *map, const char *key, size_t value);
size_t eg_map_size(const eg_map *map);
/* The map's own copy of key, stored (with value `value`) if absent; NULL
 * when out of memory. The copy lives as long as the map. */
const char *eg_map_intern(eg_map *map, const char *key, size_t value);

/*
 * eg_strpool: strings kept once each (interning). The texts a corpus or a
 * network quotes repeat (one sentence is the evidence of many edges): the
 * pool holds one copy, and every user points to it until the pool is freed.
 */
typedef struct eg_strpool {
    size_t n;       /* texts kept */
    eg_map *index;  /* the texts, as its keys (the map's own copies: one
                       copy of each text, not a copy and a key); NULL until
                       the first */
} eg_strpool;

void eg_strpool_init(eg_strpool *pool);
/* Frees every copy; the pool is empty (and usable) afterwards. */
void eg_strpool_release(eg_strpool *pool);
/* The pool's copy of s, made on first use; NULL when out of memory. */
const char *eg_strpool_intern(eg_strpool *pool, const char *s);

/* Reads one line (with its '\n', NUL-terminated) from fp into *buf (grown
 * as needed, *cap its size), reading at most `limit` bytes of it: returns
 * its length; -1 at the end of the file or on a read error (ferror tells),
 * -2 for a longer line (read no further: an endless line ends here), -3
 * when out of memory. */
ssize_t eg_read_line(FILE *fp, char **buf, size_t *cap, size_t limit);

/* Reads on to the end of the line that eg_read_line found too long: 0 when
 * it ended (at '\n' or the end of the file), -1 on a read error, -2 when
 * `limit` more bytes passed, or a NUL byte, without one: an endless or binary
 * input, read no further. */
int eg_skip_line(FILE *fp, size_t limit);

/* Appends the whole file at path to out; errors (EG_EIO, EG_ENOMEM) name
 * the file. For small files (lexicons, aliases, pair models): more than
 * EG_READ_FILE_MAX bytes (an endless device given by mistake) is EG_EIO. */
eg_status eg_read_file(const char *path, eg_strbuf *out, eg_error *err);

/* a * b, or SIZE_MAX when that does not fit: for limits derived from one */
static inline size_t eg_size_mul(size_t a, size_t b)
{
    return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}
#define EG_READ_FILE_MAX (256 << 20) /* bytes: eg_read_file refuses more */

/*
 * Atomic output files: data is written to a temporary file beside `path` and
 * renamed over it on commit, so a failed run never leaves a half-written file.
 */
typedef struct eg_outfile {
    FILE *fp;       /* write here between open and commit */
    char *path;     /* final path */
    char *tmp_path; /* temporary path */
} eg_outfile;

eg_status eg_outfile_open(eg_outfile *out, const char *path, eg_error *err);
/* Flushes, closes and renames; on any failure removes the temporary file. */
eg_status eg_outfile_commit(eg_outfile *out, eg_error *err);
/* The two halves of commit, for a set of files that must appear together:
 * finish flushes and closes (the complete file stays under tmp_path; on
 * failure it is removed), publish renames it into place. */
eg_status eg_outfile_finish(eg_outfile *out, eg_error *err);
eg_status eg_outfile_publish(eg_outfile *out, eg_error *err);
/* Closes and removes the temporary file. Harmless on a closed outfile. */
void eg_outfile_abort(eg_outfile *out);

/*
 * eg_writer: a FILE* that remembers the errno of its first failed write
 * (EIO when the C library sets none). After a failure every later write is
 * skipped, so a table or report can be written straight through and checked
 * once, at the end, with eg_writer_finish. The FILE* is borrowed: the caller
 * opened it and closes it; a writer holds nothing to release.
 *   eg_writer w = {fp, 0};
 *   ... eg_writer_puts(&w, ...); eg_writer_printf(&w, ...); ...
 *   int e = eg_writer_finish(&w);   (0, or an errno for strerror)
 */
typedef struct eg_writer {
    FILE *fp;  /* borrowed */
    int error; /* errno of the first failure, 0 while all is well */
} eg_writer;

/* Writes len bytes of s (which need not be NUL-terminated); len 0 is a no-op. */
void eg_writer_put(eg_writer *w, const char *s, size_t len);
void eg_writer_puts(eg_writer *w, const char *s);
void eg_writer_printf(eg_writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Flushes the stream so that buffered write errors show up here, then checks
 * its error indicator. Returns 0, or the errno of the first failure (a write's
 * or the flush's). The stream stays open. */
int eg_writer_finish(eg_writer *w);

/*
 * eg_c_locale: runs a stretch of code under the "C" locale. Numbers written
 * or parsed by the exporters must not depend on the program's LC_NUMERIC (a
 * "de_DE" locale would print 0,5 and parse "0.5" as 0). uselocale() changes
 * the locale of the calling thread only, so other threads and the global
 * locale (setlocale) are left alone.
 *   eg_c_locale l;
 *   if (!eg_c_locale_enter(&l))
 *       return eg_error_set(err, EG_ENOMEM, "...: cannot create the C locale");
 *   ...
 *   eg_c_locale_leave(&l);
 * Enter and leave pair up on the same thread, innermost first.
 */
typedef struct eg_c_locale {
    locale_t c_locale; /* the "C" locale object, owned until leave */
    locale_t saved;    /* the thread's locale before enter */
} eg_c_locale;

/* Switches the calling thread to "C". Returns false (nothing changed) when
 * the locale object cannot be created, which in practice is out of memory. */
bool eg_c_locale_enter(eg_c_locale *l);
/* Restores the thread's previous locale and frees the "C" one. Harmless
 * after a failed enter or a second leave. */
void eg_c_locale_leave(eg_c_locale *l);

#endif
