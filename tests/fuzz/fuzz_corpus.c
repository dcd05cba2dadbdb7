/*
 * fuzz_corpus - libFuzzer target: the input is split into up to 8 documents
 * (on form feeds, '\f'; the rest after the 8th goes into the last one). Each is
 * extracted and added to a corpus, which is built into a network; metrics are
 * computed and the network written as GraphML, CSV and a report to a stream that discards them: the whole
 * `entigraph build` pipeline.
 */
#define _GNU_SOURCE /* fopencookie, in sink.h */
#include "eg_corpus.h"
#include "eg_csv.h"
#include "eg_extract.h"
#include "eg_graphml.h"
#include "eg_metrics.h"
#include "eg_report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"

#define MAX_DOCS 8

static eg_lexicon *lex;
static eg_extractor *ex;
static eg_tagger *tagger; /* the default models: fuzz what ships */
static eg_pair_model *pairs;
static FILE *sink;         /* discards what the writers write (sink.h) */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    eg_error err = {0};
    eg_graph_setup();
    sink = sink_open();
    if (eg_lexicon_new(&lex, &err) || eg_tagger_default(&tagger, &err) || eg_pair_model_default(&pairs, &err) ||
        eg_extractor_new(lex, tagger, &ex)) {
        fprintf(stderr, "fuzz_corpus: set-up failed: %s\n", err.message);
        abort();
    }
    eg_extractor_set_pairs(ex, pairs);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const ids[MAX_DOCS] = {"d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7"};
    const char *text = (const char *)data;
    eg_corpus *corpus = NULL;
    if (eg_corpus_new(&corpus))
        abort();
    size_t start = 0;
    for (int i = 0; i < MAX_DOCS && start <= size; i++) {
        size_t end = size;
        if (i < MAX_DOCS - 1) {
            const char *ff = memchr(text + start, '\f', size - start);
            if (ff)
                end = (size_t)(ff - text);
        }
        eg_input in = {ids[i], text + start, end - start, NULL, NULL, NULL};
        eg_doc doc;
        eg_status st = eg_extract(ex, &in, &doc, NULL);
        if (!st)
            st = eg_corpus_add(corpus, &doc);
        eg_doc_release(&doc);
        if (st)
            break;
        start = end + 1;
    }
    /* the co-mention window and boilerplate option vary with the input's size */
    eg_build_opts opts = EG_BUILD_OPTS_INIT;
    opts.window = (eg_window)(size % 3);
    opts.keep_boilerplate = (size / 3) % 2;
    opts.spend = (size / 6) % 2;
    eg_network net;
    eg_error err = {0};
    if (eg_corpus_build(corpus, &opts, &net, &err) == EG_OK) {
        if (eg_metrics_compute(&net, NULL, &err) == EG_OK) {
            if (eg_graphml_write(&net, sink, &err))
                abort(); /* a network we built must be writable */
            (void)eg_csv_write_metrics(&net, sink, &err);
            eg_report_opts ro = EG_REPORT_OPTS_INIT;
            ro.conflicts = true;
            (void)eg_report_write(&net, sink, &ro, &err);
        }
        eg_network_release(&net);
    }
    eg_corpus_free(corpus);
    return 0;
}
