/*
 * eg_svg.h - a picture of an eg_network as SVG 1.1, drawn by entigraph itself
 * from the layout (graph/eg_layout.h), plus the drawing decisions that the
 * HTML viewer (eg_html.h) shares with it: where each node goes, how big it is,
 * its colour, the colour of each edge kind, the short labels.
 *
 * The picture, on a fixed canvas of EG_SVG_WIDTH x EG_SVG_HEIGHT:
 *  - the title (opts->title, or "entigraph network") and a line of counts;
 *  - the layout fitted into the plot area with margins (aspect kept, y up as
 *    in Gephi); when net->has_layout is false the nodes go on a circle in
 *    array order, sized by the "pagerank" metric when there is one, coloured
 *    by type with graph/eg_layout's palette;
 *  - edges first: co_mention as thin grey lines, every other kind as an arrow
 *    from source (the subject) to target, coloured by kind; widths grow with
 *    the weight (log scale);
 *  - nodes as circles (fill r, g, b; radius the node's size scaled to the
 *    canvas), small ones drawn over large ones, each with a <title> tooltip;
 *  - labels (eg_svg_short_label) for the opts->label_top largest nodes
 *    (0: 20), each put on the side of its circle (right, left, below, above,
 *    a corner) where it hides the least, with a white halo (paint-order
 *    stroke) so it stays readable over edges; the five largest are always
 *    labelled, in bold; a smaller node's label that would cover a label
 *    already placed is left out;
 *  - a legend: entity types with their colours and counts (when the colours
 *    follow the type; "colour: community" otherwise), edge kinds present with
 *    their colours and counts, and how to read the picture.
 * Every number is printed with two decimals in the C locale, so the same
 * network gives the same bytes whatever the locale. Text goes through
 * libxml2's xmlTextWriter (escaping is libxml2's); text XML cannot carry
 * (invalid UTF-8, control characters) is written as U+FFFD.
 */
#ifndef EG_SVG_H
#define EG_SVG_H

#include "eg_base.h"
#include "eg_export.h"
#include "eg_layout.h"
#include "eg_network.h"

#include <stdbool.h>
#include <stdio.h>

#define EG_SVG_WIDTH 1400
#define EG_SVG_HEIGHT 1000

/*
 * Writes the picture of `net` as SVG to `fp`, which stays open and owned by
 * the caller; the stream is flushed before returning so that write errors
 * are seen here. `opts` may be NULL (defaults: 20 labels, default title).
 * `net` is only read.
 *
 * Returns EG_OK; EG_EIO when a write fails (err names the system error; some
 * bytes may have been written, so write to an eg_outfile to keep an older
 * file); EG_EINVAL when an edge names a node out of range (nothing written);
 * EG_ENOMEM. The calling thread's locale is "C" (uselocale) while it runs.
 */
eg_status eg_svg_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);

/* ------------------------------------------------------------------------
 * Shared with eg_html.c (inside export/; not for other callers).
 */

/* Where and how a node is drawn, in the units of the box it was fitted to. */
typedef struct eg_svg_node {
    double x, y;           /* centre; y grows downwards */
    double radius;
    unsigned char r, g, b; /* fill */
} eg_svg_node;

/*
 * Fits the nodes of `net` into a width x height box (keeping the aspect,
 * centred, y flipped so that the layout's y points up, a margin of the
 * largest radius all round): radii run from a fifth of the largest radius up
 * to it (the largest shrinks as the node count grows), following the nodes'
 * size linearly. Without a layout (net->has_layout false) the nodes are put
 * on a circle as described above. Non-finite coordinates count as 0.
 * On EG_OK, *out is a malloc'd array of net->n_nodes entries (NULL when there
 * is no node) that the caller frees with free(); on EG_ENOMEM *out is NULL.
 */
/* Above this many nodes, isolates and small components crowd a picture
 * (the layout packs them aside): the SVG leaves them out and the HTML
 * viewer hides them at first. */
#define EG_SVG_CROWDED EG_LAYOUT_CROWDED

eg_status eg_svg_place(const eg_network *net, double width, double height, eg_svg_node **out);
/* The same, fitted to the nodes whose `fit` entry is true (all of them
 * when fit is NULL); the others are placed on the same scale, maybe outside. */
eg_status eg_svg_place_fitted(const eg_network *net, double width, double height, const bool *fit,
                              eg_svg_node **out);

/* "#rrggbb" of an edge kind (node colours come from graph/eg_layout.h). */
const char *eg_svg_kind_color(eg_edge_kind kind);

/* True when the colours of `places` follow the node types (every node of a
 * type has the same colour): then type_rgb[t] holds each present type's
 * colour (others are left as they were). False for colours by community. */
bool eg_svg_colors_by_type(const eg_network *net, const eg_svg_node *places,
                           unsigned char type_rgb[EG_TYPE_COUNT][3]);

/* Stroke width of an edge in the picture: grows with log2 of the weight. */
double eg_svg_edge_width(const eg_edge *edge);

/*
 * Appends to `out` the label drawn beside a node: the label itself when it
 * has at most 30 characters; else its longest alias of at most 30 characters
 * ("CSTO Parliamentary Assembly" for the Parliamentary Assembly of the
 * Collective Security Treaty Organization); else the label cut to 29
 * characters and "…". Check the buffer with eg_strbuf_status.
 */
void eg_svg_short_label(const eg_node *node, eg_strbuf *out);

/*
 * The indexes of the `top` largest nodes (by radius in `places`, then by
 * mentions, then by index), largest first, in a malloc'd array of *count
 * entries (min(top, n_nodes)) that the caller frees. Returns EG_ENOMEM (and
 * NULL, *count 0) when out of memory; NULL with *count 0 when there is none.
 */
eg_status eg_svg_top_nodes(const eg_network *net, const eg_svg_node *places, size_t top,
                           size_t **out, size_t *count);

#endif
