/*
 * eg_export.h - every output format behind one interface (as cmark's
 * renderers): a format is a name and one or two files, each written by a
 * function of the same shape from the same eg_network. The CLI looks formats
 * up by name (-f/--format) and writes each file atomically.
 *
 * Formats: graphml (graph.graphml), gexf (graph.gexf), json (graph.json),
 * csv (nodes.csv, edges.csv), dot (graph.dot), svg (graph.svg),
 * html (graph.html), merges (merges.csv: why each name is a node's). Positions and colours come from eg_layout (graph/) and
 * are written where the format has a place for them.
 */
#ifndef EG_EXPORT_H
#define EG_EXPORT_H

#include "eg_network.h"

#include <stdio.h>

typedef enum eg_json_style {
    EG_JSON_NODE_LINK = 0, /* {"nodes": [...], "edges": [...], "links": [...]}: graphology, d3 */
    EG_JSON_CYTOSCAPE      /* {"elements": {"nodes": [{"data"}], "edges": [{"data"}]}} */
} eg_json_style;

typedef struct eg_export_opts {
    eg_json_style json_style;
    bool dynamic;      /* GEXF: nodes and edges carry the dates of their documents */
    size_t label_top;  /* SVG, HTML, DOT: label the N largest nodes (0: 20, DOT 30) */
    const char *title; /* SVG, HTML: the picture's title, or NULL */
    bool gexf_directed; /* GEXF: per-edge direction, arrows in Gephi (EG_GEXF_MIXED:
                           networkx cannot read such a file) */
    bool gexf_1_2;      /* GEXF: version 1.2draft (networkx before 3.0 reads no 1.3),
                           the same elements under 1.2draft's names; else 1.3 */
} eg_export_opts;

#define EG_EXPORT_OPTS_INIT {EG_JSON_NODE_LINK, true, 0, NULL, false, false}

/*
 * Writes one file of a format to fp (borrowed; not closed). Returns EG_OK, or
 * EG_EIO on a failed write, EG_EINVAL for a network the format cannot hold,
 * EG_ENOMEM, each with a message in err.
 */
typedef eg_status (*eg_export_fn)(const eg_network *net, FILE *fp, const eg_export_opts *opts,
                                  eg_error *err);

typedef struct eg_export_file {
    const char *name;   /* file name in the output folder: "graph.gexf" */
    eg_export_fn write;
} eg_export_file;

typedef struct eg_exporter {
    const char *format; /* "gexf" */
    eg_export_file files[2];
    size_t n_files;
} eg_exporter;

/* The exporter of a format, or NULL. */
const eg_exporter *eg_exporter_find(const char *format);

/* All formats, in a fixed order, for help texts. */
size_t eg_exporter_count(void);
const eg_exporter *eg_exporter_at(size_t i);

#endif
