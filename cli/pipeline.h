/*
 * pipeline.h - extraction on several threads, results in input order.
 *
 * The calling thread reads the documents of a source one after another and
 * hands each result on, in the order the documents were read; N worker
 * threads extract in between, each with its own extractor over the shared
 * (read-only) lexicon, tagger and pair model. So what is handed on, and
 * everything written from it, is the same for every N; only the interleaving
 * of the source's own warnings (read ahead) with the results' may differ.
 * Documents go to the workers in batches (up to 32 of them, or 256 KB of
 * text): at most four batches a thread, and about 64 MiB of text, are in
 * flight.
 * With one thread, the calling thread extracts each document itself.
 */
#ifndef EG_CLI_PIPELINE_H
#define EG_CLI_PIPELINE_H

#include "eg_extract.h"
#include "eg_pairs.h"
#include "eg_source.h"

/* One document's result, handed to the emit function (which must not keep it). */
typedef struct pipeline_item {
    const char *origin;      /* where the document came from ("corpus.jsonl:12") */
    eg_status status;        /* of its extraction; EG_OK or the error */
    eg_doc doc;              /* when status is EG_OK */
    eg_extract_stats stats;
    eg_strbuf json;          /* with want_json: the document as one JSON line with its '\n' */
    bool json_deferred;      /* ... left empty: the document is so long that the emit
                                function writes its line a block at a time
                                (eg_doc_write_json) rather than hold it whole */
} pipeline_item;

/* Returns 0 to go on; any other value stops the run and is returned by
 * pipeline_run. */
typedef int (*pipeline_emit_fn)(void *data, pipeline_item *item);

typedef struct pipeline_config {
    const eg_lexicon *lex;
    const eg_tagger *tagger;      /* may be NULL: rules alone */
    const eg_pair_model *pairs;   /* may be NULL */
    size_t threads;               /* worker threads, at least 1 */
    bool want_json;               /* the workers also write each document's JSON line */
    bool with_text;               /* ... with the document's text in it ("text") */
    size_t part_bytes;            /* eg_extractor_set_part_bytes */
} pipeline_config;

/*
 * Reads every document of src, extracts it and calls emit with the result,
 * in input order. Returns 0, emit's non-zero value, or -1 when reading the
 * source failed (*err says why; every document before the failure was
 * handed on) or when memory or threads ran out (*err says so).
 */
int pipeline_run(const pipeline_config *cfg, eg_source *src, pipeline_emit_fn emit, void *data,
                 eg_error *err);

/* The number of processors online, at least 1: the default thread count. */
size_t pipeline_default_threads(void);

#endif
