/*
 * eg_dot.h - an eg_network as a Graphviz DOT file (`dot -Tsvg graph.dot`,
 * or `neato -n2 -Tsvg graph.dot` to draw it at the layout's positions).
 *
 * One `digraph "entigraph"`, so that direction is drawn as meant: every kind
 * but co_mention is an arrow from its subject (the source) to the target;
 * co_mention edges carry dir=none (a plain line). The file:
 *  - comments with the counts and the graph-level numbers (names may clash
 *    with Graphviz graph attributes, so they are not attributes);
 *  - defaults: graph [overlap=false, outputorder=edgesfirst,
 *    forcelabels=false], node [shape=point, fixedsize=true, style=filled,
 *    a thin white outline, fontname=Helvetica, fontsize=10];
 *  - nodes "n0".. in array order with label (the name: data that Graphviz
 *    does not draw in a point), xlabel (the short name, drawn beside the
 *    point) on the label_top largest nodes (default 30; Graphviz leaves out
 *    one that would overlap), fillcolor "#rrggbb" (the layout's r, g, b, or
 *    the type colour without a layout), width = height = the diameter in
 *    inches, and, with a layout, pos="x,y!" in points (the layout scaled by
 *    eg_dot_points_per_unit, pinned), which neato -n2 uses and dot ignores;
 *    then the node's data under the names of the other formats: type,
 *    aliases, mentions, documents, first_date, last_date, website, each
 *    metric;
 *  - edges in array order with penwidth growing with the log of the weight
 *    (1 for a weight of 1 or less, 5 for the largest weight), colour grey
 *    for co_mention and dark grey otherwise, weight as a whole number (Graphviz's
 *    layout weight; dot accepts only integers: the weight rounded, at least
 *    1), and the data: kind, role, documents, first_date, last_date,
 *    evidence, seats, seats_history, pmi.
 * Values left out of GraphML are left out here too; list values are joined
 * with EG_LIST_SEP. Strings are double-quoted with '"' and '\' escaped (so
 * Graphviz shows a backslash, not an escape like \N), line breaks as \n,
 * other control characters as spaces and invalid UTF-8 as U+FFFD.
 */
#ifndef EG_DOT_H
#define EG_DOT_H

#include "eg_base.h"
#include "eg_export.h"
#include "eg_network.h"

#include <stdio.h>

/* Points per layout unit in pos: the layout's [-1000, 1000] becomes
 * [-360, 360] points, 10 inches across, for up to EG_DOT_ROOMY nodes; a
 * larger network's canvas grows with the square root of its node count, so
 * that its nodes stay as far apart (see eg_dot_points_per_unit). */
#define EG_DOT_POINTS_PER_UNIT 0.36
#define EG_DOT_ROOMY 300

/* The points per layout unit of a network of n nodes. */
double eg_dot_points_per_unit(size_t n);

/*
 * Writes `net` as DOT to `fp`, which stays open and owned by the caller;
 * the stream is flushed before returning so that write errors are seen here.
 * `opts` is not used (may be NULL); `net` is only read.
 *
 * Returns EG_OK; EG_EIO when a write fails (some bytes may have been
 * written); EG_EINVAL, before any byte is written, when an edge names a node
 * out of range or a metric is named like an attribute the writer sets (the
 * node data above, or a Graphviz node attribute such as label, color,
 * width, pos, shape, style, group); EG_ENOMEM. The calling thread's locale
 * is "C" (uselocale) while it runs.
 */
eg_status eg_dot_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);

#endif
