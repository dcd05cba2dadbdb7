/*
 * eg_layout.h - positions, sizes and colours of the nodes, for the formats
 * that draw (GEXF viz, GraphML for Gephi, SVG, HTML, DOT).
 *
 * Positions come from igraph: Fruchterman-Reingold for small graphs, DrL
 * above `drl_above` nodes; both seeded, so the same input gives the same
 * picture. Sizes follow a metric (eg_metrics must have run), colours the
 * entity type or the community.
 */
#ifndef EG_LAYOUT_H
#define EG_LAYOUT_H

#include "eg_network.h"

typedef enum eg_color_by {
    EG_COLOR_BY_TYPE = 0,
    EG_COLOR_BY_COMMUNITY
} eg_color_by;

typedef struct eg_layout_opts {
    const char *size_by;  /* metric that sizes the nodes ("pagerank"), or NULL for equal sizes */
    eg_color_by color_by;
    unsigned long seed;
    size_t drl_above;     /* node count above which DrL replaces Fruchterman-Reingold */
} eg_layout_opts;

#define EG_LAYOUT_OPTS_INIT {"pagerank", EG_COLOR_BY_TYPE, 20201204UL, 1000}

/* Sets every node's x, y, size, r, g, b and net->has_layout. */
eg_status eg_layout_compute(eg_network *net, const eg_layout_opts *opts, eg_error *err);

#endif
