/*
 * fuzz_jsonl_graph - libFuzzer target for the `entigraph graph` path: the
 * input is JSON Lines as `extract` writes them, but untrusted (a file from
 * another machine). Each line that parses with eg_doc_from_json is added to a
 * corpus (lines that do not parse are skipped, as the CLI skips them), the
 * corpus is built, metrics computed and the network written to a
 * stream that discards it.
 */
#define _GNU_SOURCE /* fopencookie, in sink.h */
#include "eg_corpus.h"
#include "eg_doc.h"
#include "eg_graphml.h"
#include "eg_metrics.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"

static FILE *sink; /* discards what the writer writes (sink.h) */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    eg_graph_setup();
    sink = sink_open();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    eg_corpus *corpus = NULL;
    if (eg_corpus_new(&corpus))
        abort();
    size_t start = 0, n_docs = 0;
    while (start < size && n_docs < 16) {
        const char *nl = memchr(text + start, '\n', size - start);
        size_t end = nl ? (size_t)(nl - text) : size;
        eg_doc doc;
        eg_error err = {0};
        if (end > start && eg_doc_from_json(text + start, end - start, &doc, &err) == EG_OK) {
            eg_status st = eg_corpus_add(corpus, &doc);
            eg_doc_release(&doc);
            if (st)
                break;
            n_docs++;
        }
        start = end + 1;
    }
    /* the co-mention window and boilerplate option vary with the input's size */
    eg_build_opts opts = EG_BUILD_OPTS_INIT;
    opts.window = (eg_window)(size % 3);
    opts.keep_boilerplate = (size / 3) % 2;
    eg_network net;
    eg_error err = {0};
    if (n_docs && eg_corpus_build(corpus, &opts, &net, &err) == EG_OK) {
        if (eg_metrics_compute(&net, NULL, &err) == EG_OK) {
            (void)eg_graphml_write(&net, sink, &err);
        }
        eg_network_release(&net);
    }
    eg_corpus_free(corpus);
    return 0;
}
