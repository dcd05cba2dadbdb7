/*
 * eg_extract.h - text of one document in, eg_doc out: title, date, mentions
 * and relations.
 *
 * An extractor holds only scratch buffers reused from one document to the
 * next, a borrowed, read-only lexicon and a borrowed, read-only tagger: one
 * extractor per thread, any number of threads on one lexicon and one tagger.
 *
 *   eg_extractor *ex;
 *   eg_extractor_new(lex, tagger, &ex);
 *   for each document: eg_extract(ex, &input, &doc, &stats); use doc; eg_doc_release(&doc);
 *   eg_extractor_free(ex);
 */
#ifndef EG_EXTRACT_H
#define EG_EXTRACT_H

#include "eg_doc.h"
#include "eg_lexicon.h"
#include "eg_pairs.h"
#include "eg_tagger.h"

typedef struct eg_input {
    const char *id;    /* the document's name in the output (copied) */
    const char *text;  /* its bytes, not necessarily valid UTF-8 nor NUL-terminated */
    size_t len;
    const char *title; /* known title (JSON Lines input) or NULL to find it */
    const char *date;  /* known date, ISO 8601 or a common English form, or NULL */
    const char *url;   /* or NULL */
} eg_input;

typedef struct eg_extract_stats {
    size_t invalid_bytes; /* bytes that were not UTF-8 and were replaced with U+FFFD */
    size_t first_invalid; /* byte offset of the first, EG_NONE when none */
} eg_extract_stats;

typedef struct eg_extractor eg_extractor;

/* `lex` and `tagger` are borrowed: they must outlive the extractor. With a
 * NULL tagger the names are found and typed by rules alone. */
eg_status eg_extractor_new(const eg_lexicon *lex, const eg_tagger *tagger, eg_extractor **out);
void eg_extractor_free(eg_extractor *ex);

/* Also links each person a pattern left unplaced to the body its sentence
 * most likely says it works for (eg_pairs.h); `pairs` is borrowed, NULL
 * turns it off (the default). */
void eg_extractor_set_pairs(eg_extractor *ex, const eg_pair_model *pairs);

/* A document longer than this many bytes is read in parts of about this
 * size, cut at blank lines where it has them: each part is a document of its
 * own for finding names and resolving them (a surname to a full name, an
 * acronym to its definition), so that memory stays that of one part; the
 * parts' mentions, relations and sentences make one doc. */
#define EG_PART_BYTES ((size_t)1 << 20)

/* Sets the size of those parts (0: a document is always read whole). */
void eg_extractor_set_part_bytes(eg_extractor *ex, size_t bytes);

/*
 * Extracts one document into `doc` (initialised by this call; the caller
 * releases it with eg_doc_release, also after a failure). `stats` may be NULL.
 */
eg_status eg_extract(eg_extractor *ex, const eg_input *in, eg_doc *doc, eg_extract_stats *stats);

/*
 * Finds a date in a common English form in s[0..len): "4 December 2020",
 * "December 4, 2020", "Dec. 4, 2020", "2020-12-04". Writes "YYYY-MM-DD" into
 * iso[11] and returns true when found.
 */
bool eg_find_date(const char *s, size_t len, char iso[11]);

#endif
