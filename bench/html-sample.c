/*
 * html-sample.c - bench/html-check's driver for when the command line cannot
 * write the picture formats yet: builds the network of a corpus the way
 * `entigraph build` does (source, extract, corpus, metrics, layout) and
 * writes OUT_DIR/graph.html and OUT_DIR/graph.svg.
 *
 *   html-sample CORPUS_DIR OUT_DIR [TITLE]
 *
 * Compiled by bench/html-check against build/libentigraph.a; with
 * -DEG_NO_LAYOUT (eg_layout_compute not in the library yet) the writers draw
 * their own circle layout.
 */
#include "eg_corpus.h"
#include "eg_extract.h"
#include "eg_html.h"
#include "eg_layout.h"
#include "eg_metrics.h"
#include "eg_source.h"
#include "eg_svg.h"

#include <stdlib.h>
#include <string.h>

static eg_status build_network(const char *corpus_dir, eg_network *net, eg_error *err)
{
    eg_lexicon *lex = NULL;
    eg_source *src = NULL;
    eg_extractor *ex = NULL;
    eg_corpus *corpus = NULL;
    const char *inputs[] = {corpus_dir};
    eg_status st = eg_lexicon_new(&lex, err);
    if (!st)
        st = eg_source_new(inputs, 1, NULL, NULL, &src, err);
    if (!st)
        st = eg_extractor_new(lex, NULL, &ex);
    if (!st)
        st = eg_corpus_new(&corpus);
    while (!st) {
        eg_source_doc sd;
        st = eg_source_next(src, &sd, err);
        if (st || !sd.text)
            break;
        eg_input in = {sd.id, sd.text, sd.len, sd.title, sd.date, sd.url};
        eg_doc doc;
        st = eg_extract(ex, &in, &doc, NULL);
        if (!st)
            st = eg_corpus_add(corpus, &doc);
        eg_doc_release(&doc);
    }
    if (!st)
        st = eg_corpus_build(corpus, NULL, net, err);
    if (!st)
        st = eg_metrics_compute(net, NULL, err);
#ifndef EG_NO_LAYOUT
    if (!st) {
        eg_layout_opts layout = EG_LAYOUT_OPTS_INIT;
        st = eg_layout_compute(net, &layout, err);
    }
#endif
    eg_corpus_free(corpus);
    eg_extractor_free(ex);
    eg_source_free(src);
    eg_lexicon_free(lex);
    return st;
}

static eg_status write_file(const char *dir, const char *name, eg_export_fn write, const eg_network *net,
                            const eg_export_opts *opts, eg_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    eg_outfile out;
    eg_status st = eg_outfile_open(&out, path, err);
    if (st)
        return st;
    st = write(net, out.fp, opts, err);
    if (st) {
        eg_outfile_abort(&out);
        return st;
    }
    return eg_outfile_commit(&out, err);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: html-sample CORPUS_DIR OUT_DIR [TITLE]\n");
        return 2;
    }
    eg_graph_setup();
    eg_network net;
    eg_network_init(&net);
    eg_error err = {0};
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    opts.title = argc > 3 ? argv[3] : NULL;
    eg_status st = build_network(argv[1], &net, &err);
    if (!st)
        st = write_file(argv[2], "graph.html", eg_html_write, &net, &opts, &err);
    if (!st)
        st = write_file(argv[2], "graph.svg", eg_svg_write, &net, &opts, &err);
    if (st)
        fprintf(stderr, "html-sample: %s: %s\n", eg_strerror(st), err.message);
    else
        printf("html-sample: %zu nodes, %zu edges, layout %s: graph.html and graph.svg written in %s\n",
               net.n_nodes, net.n_edges, net.has_layout ? "from eg_layout" : "a circle (no eg_layout)", argv[2]);
    eg_network_release(&net);
    return st ? 1 : 0;
}
