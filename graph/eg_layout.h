/*
 * eg_layout.h - positions, sizes and colours of the nodes, for the formats
 * that draw (GEXF viz, GraphML for Gephi, SVG, HTML, DOT).
 *
 * Positions come from igraph's Fruchterman-Reingold, exact for small graphs
 * and with a grid above `grid_above` nodes; seeded, so the same input gives
 * the same picture. Sizes follow a metric (eg_metrics must have run), colours the
 * entity type or the community.
 *
 * The numbers, the same in every format:
 *  - x, y: the layout scaled uniformly (aspect kept) and centred so that the
 *    longer side spans [-EG_LAYOUT_EXTENT, EG_LAYOUT_EXTENT]; y grows upwards
 *    as in Gephi (an SVG writer flips it). Rounded to 1/100. A crowded
 *    network's small components are packed aside (EG_LAYOUT_CROWDED).
 *  - size: a radius in the same units. With a metric, the area grows with
 *    the value: size = MIN + (MAX - MIN) * sqrt((v - vmin) / (vmax - vmin)),
 *    MIN = EG_LAYOUT_SIZE_MIN, MAX = EG_LAYOUT_SIZE_MAX; every node gets
 *    EG_LAYOUT_SIZE_EQUAL when size_by is NULL, names no metric of the
 *    network, or all values are equal. NaN counts as vmin.
 *  - r, g, b: by type, the palette of eg_layout_type_color (Okabe-Ito
 *    colours, distinguishable with the common colour-vision deficiencies);
 *    by community, eg_layout_community_color of the "community" metric
 *    (the type colours when the network has no such metric).
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
    size_t grid_above;    /* node count above which Fruchterman-Reingold uses a grid */
    size_t core;          /* node count above which it places only this many, the
                             strongest, and the others join them (EG_LAYOUT_CORE) */
} eg_layout_opts;

#define EG_LAYOUT_OPTS_INIT {"pagerank", EG_COLOR_BY_TYPE, 20201204UL, 1000, EG_LAYOUT_CORE}

/* The default of eg_layout_opts.core: a part of more nodes is laid out by
 * its core (see eg_layout_compute). */
#define EG_LAYOUT_CORE 50000

#define EG_LAYOUT_EXTENT 1000.0   /* positions lie in [-EXTENT, EXTENT] */
/* Above this many nodes, components under 5% of the largest (and under 3
 * nodes) are packed in a band at the right (x from 0.68 EXTENT), and the
 * rest is laid out in [-EXTENT, 0.6 EXTENT] across: isolates would
 * otherwise be spread round the main component and shrink it. */
#define EG_LAYOUT_CROWDED 300

/* Marks in small[i] (n_nodes entries) the nodes of those small components
 * of a crowded network (none in a network of EG_LAYOUT_CROWDED nodes or
 * fewer); *n_parts gets the number of such components. Returns the number
 * of nodes marked, EG_NONE when out of memory. */
size_t eg_layout_small_components(const eg_network *net, bool *small, size_t *n_parts);
#define EG_LAYOUT_SIZE_MIN 4.0    /* radius of the node with the smallest value */
#define EG_LAYOUT_SIZE_MAX 40.0   /* radius of the node with the largest value */
#define EG_LAYOUT_SIZE_EQUAL 10.0 /* radius of every node when not sized by a metric */
#define EG_LAYOUT_FR_ITERATIONS 500
#define EG_LAYOUT_GRID_WORK 1e7    /* nodes x iterations of the grid variant, at most */
#define EG_LAYOUT_GRID_MIN_ITERATIONS 50

/*
 * Sets every node's x, y, size, r, g, b and net->has_layout.
 *
 * Fruchterman-Reingold: 500 iterations, no grid, every node kept within
 * +-0.6 sqrt(n) (igraph's bounds: isolated nodes and small components stay
 * near instead of drifting off and shrinking the main component once the
 * layout is fitted to the box), edge weights damped to 1 + ln(weight)
 * (weights below 1 count as 1) so that one very frequent pair does not pull
 * everything together. Above opts->grid_above nodes, igraph's grid variant
 * (repulsion from nearby nodes only) with EG_LAYOUT_GRID_WORK / n iterations,
 * between EG_LAYOUT_GRID_MIN_ITERATIONS and 500: 7,600 nodes take about 1 s,
 * 100,000 nodes (100 iterations) about 7 s, where igraph's DrL took 35 s
 * for the 7,600. A part of more than opts->core nodes (default
 * EG_LAYOUT_CORE; 0: no limit) is laid out by its core: the opts->core nodes
 * of the greatest strength (sum of edge weights) by Fruchterman-Reingold,
 * then each other node, breadth first from the core, on a spiral round its
 * most strongly tied neighbour placed before it; 500,000 nodes take 3.5 s
 * where a layout of them all took 12 s, and 1.5 million several minutes.
 * igraph's random generator is seeded with opts->seed right before
 * the layout, so a run is repeatable (igraph's generator is process-wide: do
 * not lay out in two threads at once).
 *
 * igraph must have been set up with eg_graph_setup() (graph/eg_metrics.h),
 * as for eg_metrics_compute: igraph's default handler aborts on error.
 *
 * Returns EG_OK; EG_EGRAPH when igraph fails (err holds igraph's reason);
 * EG_EINVAL for an edge naming a node out of range; EG_ENOMEM. On failure
 * the nodes are left as they were.
 *
 * Time complexity: O(iterations * (n^2 + m)) without the grid, about
 * O(iterations * (n + m)) with it, n at most opts->core; O(n log n + m)
 * for the rest.
 */
eg_status eg_layout_compute(eg_network *net, const eg_layout_opts *opts, eg_error *err);

/* The colour of an entity type: person #0072B2 (blue), body #E69F00
 * (orange), country #009E73 (bluish green), document #CC79A7 (reddish
 * purple); anything else #999999. For legends as well as for nodes. */
void eg_layout_type_color(eg_type type, unsigned char rgb[3]);

/* The colour of community `id`: Paul Tol's "muted" palette of nine,
 * cycling (id modulo 9); negative ids get #BBBBBB. */
void eg_layout_community_color(long id, unsigned char rgb[3]);

/* What a writer draws for one node. */
typedef struct eg_node_look {
    double x, y, size;
    unsigned char r, g, b;
} eg_node_look;

/*
 * The drawing of node `index`: its own x, y, size, r, g, b when
 * net->has_layout; otherwise a fallback that still shows something (sigma.js
 * draws nothing without positions): node i of n on a circle of radius
 * EG_LAYOUT_EXTENT, starting at the top and going clockwise, size
 * EG_LAYOUT_SIZE_EQUAL, colour by type.
 */
eg_node_look eg_layout_node_look(const eg_network *net, size_t index);

#endif
