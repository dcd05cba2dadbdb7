/*
 * fuzz_jsonl_graph - libFuzzer target for the `entigraph graph` path: the
 * input is JSON Lines as `extract` writes them, but untrusted (a file from
 * another machine). Each line that parses with eg_doc_from_json is added to a
 * corpus (lines that do not parse are skipped, as the CLI skips them), the
 * corpus is built, metrics computed and the network written to a
 * stream that discards it. An input whose first line is the header of a
 * partial state (graph --partial) is merged as one instead, line by line,
 * and the merged state is written again.
 */
#define _GNU_SOURCE /* fopencookie, in sink.h */
#include "eg_corpus.h"
#include "eg_doc.h"
#include "eg_graphml.h"
#include "eg_metrics.h"
#include "eg_partial.h"

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
    const char *nl0 = memchr(text, '\n', size);
    if (eg_partial_is_header(text, nl0 ? (size_t)(nl0 - text) : size)) {
        eg_partial_reader *r = NULL;
        eg_error err = {0};
        eg_status st = eg_partial_begin(corpus, "fuzz", &r, &err);
        for (size_t lineno = 1; st == EG_OK && start < size; lineno++) {
            const char *nl = memchr(text + start, '\n', size - start);
            size_t end = nl ? (size_t)(nl - text) : size;
            if (end > start)
                st = eg_partial_line(r, text + start, end - start, lineno, &err);
            start = end + 1;
        }
        if (st == EG_OK) {
            st = eg_partial_end(r, &n_docs, &err);
            if (st == EG_OK)
                (void)eg_partial_write(corpus, sink, &err);
        } else {
            eg_partial_free(r);
        }
        if (st != EG_OK)
            n_docs = 0; /* a state cut short is never built */
        start = size;
    }
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
