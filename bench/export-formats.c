/*
 * export-formats.c - bench driver for bench/check-clients: reads a GraphML
 * written by `entigraph build`, lays it out (eg_layout_compute, sized by
 * pagerank, coloured by type) and writes every format of the registry into
 * a folder, each file atomically. Also writes graph.cytoscape.json (the
 * Cytoscape style) and graph.mixed.gexf (EG_GEXF_MIXED), which the default
 * formats do not include.
 *
 *   export-formats GRAPH.graphml DIR [FORMAT...]
 *
 * Without FORMAT, every format. Built by bench/check-clients against
 * build/libentigraph.a; exit status 0 on success, 1 on failure, 2 on usage.
 */
#include "eg_export.h"
#include "eg_gexf.h"
#include "eg_graphml.h"
#include "eg_json.h"
#include "eg_layout.h"
#include "eg_metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_one(const char *dir, const char *name, eg_export_fn write, const eg_network *net,
                     const eg_export_opts *opts)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    eg_error err = {0};
    eg_outfile out;
    if (eg_outfile_open(&out, path, &err) != EG_OK) {
        fprintf(stderr, "export-formats: %s\n", err.message);
        return 1;
    }
    if (write(net, out.fp, opts, &err) != EG_OK) {
        fprintf(stderr, "export-formats: %s: %s\n", path, err.message);
        eg_outfile_abort(&out);
        return 1;
    }
    if (eg_outfile_commit(&out, &err) != EG_OK) {
        fprintf(stderr, "export-formats: %s\n", err.message);
        return 1;
    }
    return 0;
}

static eg_status write_cytoscape(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    eg_export_opts cy = *opts;
    cy.json_style = EG_JSON_CYTOSCAPE;
    return eg_json_write(net, fp, &cy, err);
}

static eg_status write_mixed(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    return eg_gexf_write_flags(net, fp, opts, EG_GEXF_MIXED, err);
}

static bool wanted(const char *format, char **formats, int n)
{
    if (n == 0)
        return true;
    for (int i = 0; i < n; i++)
        if (strcmp(formats[i], format) == 0)
            return true;
    return false;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: export-formats GRAPH.graphml DIR [FORMAT...]\n");
        return 2;
    }
    for (int i = 3; i < argc; i++) {
        if (!eg_exporter_find(argv[i])) {
            fprintf(stderr, "export-formats: unknown format '%s'\n", argv[i]);
            return 2;
        }
    }
    eg_graph_setup();
    eg_error err = {0};
    eg_network net;
    FILE *fp = fopen(argv[1], "rb");
    if (!fp) {
        perror(argv[1]);
        return 1;
    }
    eg_status status = eg_graphml_read(fp, argv[1], &net, &err);
    fclose(fp);
    if (status != EG_OK) {
        fprintf(stderr, "export-formats: %s\n", err.message);
        return 1;
    }
    eg_layout_opts lo = EG_LAYOUT_OPTS_INIT;
    if (eg_layout_compute(&net, &lo, &err) != EG_OK) {
        fprintf(stderr, "export-formats: %s\n", err.message);
        eg_network_release(&net);
        return 1;
    }
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    int rc = 0;
    for (size_t i = 0; i < eg_exporter_count() && rc == 0; i++) {
        const eg_exporter *e = eg_exporter_at(i);
        if (!wanted(e->format, argv + 3, argc - 3))
            continue;
        for (size_t f = 0; f < e->n_files && rc == 0; f++)
            rc = write_one(argv[2], e->files[f].name, e->files[f].write, &net, &opts);
    }
    if (rc == 0 && wanted("json", argv + 3, argc - 3))
        rc = write_one(argv[2], "graph.cytoscape.json", write_cytoscape, &net, &opts);
    if (rc == 0 && wanted("gexf", argv + 3, argc - 3))
        rc = write_one(argv[2], "graph.mixed.gexf", write_mixed, &net, &opts);
    eg_network_release(&net);
    return rc;
}
