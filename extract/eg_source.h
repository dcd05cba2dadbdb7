/*
 * eg_source.h - the documents of a corpus, one at a time.
 *
 * An input is a text file, a folder (walked recursively in sorted order,
 * hidden entries skipped, files holding NUL bytes skipped with a warning),
 * "-" for standard input (one document), or a JSON Lines file (".jsonl":
 * one document a line, with "text" and optional "id", "title", "date",
 * "url"). Only one document's text is in memory at a time.
 *
 *   eg_source *src;
 *   eg_source_new(inputs, n, warn, data, &src, &err);
 *   while ((st = eg_source_next(src, &doc, &err)) == EG_OK && doc.text) { ... }
 *   eg_source_free(src);
 */
#ifndef EG_SOURCE_H
#define EG_SOURCE_H

#include "eg_base.h"

typedef struct eg_source_doc {
    const char *id;     /* path relative to its input root, or the JSON Lines id */
    const char *origin; /* where it came from, for messages ("corpus.jsonl:12") */
    const char *text;   /* NULL once the inputs are exhausted */
    size_t len;
    const char *title;  /* from JSON Lines, else NULL */
    const char *date;
    const char *url;
} eg_source_doc;

/* Receives each warning ("FILE: skipped: binary file"). */
typedef void (*eg_warn_fn)(void *data, const char *message);

typedef struct eg_source eg_source;

/* The largest document read by default: 64 MiB. A file or standard input
 * that is larger is an error naming it (read no further); so is one whose
 * first 8 KiB hold a NUL byte when named on the command line (in a folder
 * it is skipped with a warning). */
#define EG_SOURCE_MAX_DOCUMENT ((size_t)64 << 20)

/* `inputs` are copied. `warn` may be NULL. Each folder and file is read
 * once, however many links lead to it (a link back up a folder tree is
 * skipped with a warning). */
eg_status eg_source_new(const char *const *inputs, size_t n_inputs, eg_warn_fn warn, void *data,
                        eg_source **out, eg_error *err);
void eg_source_free(eg_source *src);

/* Never reads the folder or file at path (if it exists) when walking a
 * folder: the run's own output folder and files ("build d -o d" twice must
 * not read the first run's graph). EG_ENOMEM or EG_OK. */
eg_status eg_source_exclude(eg_source *src, const char *path);

/* With strict, a malformed JSON line, or a document over the size limit
 * found in a folder, is an error, not skipped. */
void eg_source_set_strict(eg_source *src, bool strict);

/* Documents skipped so far: malformed JSON lines, JSON lines or texts
 * over the size limit, files of a folder over it. */
size_t eg_source_skipped(const eg_source *src);

/* Sets the largest document, in bytes (0: the default). */
void eg_source_set_max_document(eg_source *src, size_t bytes);

/*
 * The next document. Its strings stay valid until the next call. At the end,
 * returns EG_OK with doc->text == NULL. An input that cannot be read (missing,
 * unreadable, a binary file named on the command line, a malformed JSON line)
 * is an error naming the file and position; the source may not be used after
 * an error. A malformed JSON line (not one object, or no "text"), a line or
 * a text over the size limit, and a file of a folder over it are skipped
 * with a warning naming FILE:LINE or the file, and counted, unless the
 * source is strict (a JSON Lines file's first ten skipped lines are warned
 * of one by one, the rest only counted).
 */
eg_status eg_source_next(eg_source *src, eg_source_doc *doc, eg_error *err);

/* Documents returned so far. */
size_t eg_source_count(const eg_source *src);

#endif
