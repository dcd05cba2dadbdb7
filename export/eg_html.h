/*
 * eg_html.h - an interactive view of an eg_network as ONE self-contained HTML
 * file: its style sheet and a small script of entigraph's own are inline, it
 * loads nothing (no third-party code, no network) and works from file://.
 *
 * What the page shows: the network drawn on a <canvas> from the layout (the
 * same placement, sizes, colours and short labels as the SVG picture, see
 * eg_svg.h), with pan (drag) and zoom (wheel, or the +, - and Fit buttons);
 * co-mentions as grey lines, every other kind as an arrow from subject to
 * object; a search box matching names and aliases, ignoring case and accents
 * (NFD, combining marks removed); checkboxes filtering entity types and edge
 * kinds, which double as the legend; and, for the clicked (or searched)
 * node, a side panel with its label, type, aliases, mentions, documents,
 * dates, website, metrics, its roles (role edges in both directions, with
 * their titles), its other relations grouped by kind, and the evidence
 * sentences of its edges. Labels are shown for the opts->label_top largest
 * nodes (0: 20), and for the selected node, its neighbours and the matches.
 *
 * The data sits in <script type="application/json" id="eg-data">, written as
 * it is made (eg_jsonw): {"title", "generator", "documents", "label_top", "colors_by_type",
 * "types": [{"name", "color", "count"}], "kinds": [{"name", "color",
 * "directed", "count"}], "nodes": [{"label", "short" (when it differs),
 * "type", "aliases": [...], "mentions", "documents", "first_date",
 * "last_date", "website", "x", "y", "r", "color", "metrics": {name: value}}],
 * "edges": [{"source", "target" (node indexes), "kind", "role", "weight",
 * "width", "documents", "first_date", "last_date", "evidence", "seats",
 * "seats_history", "pmi"}]}; absent values (no date, no website, seats -1,
 * NULL texts) are left out. Every "<", ">" and "&" of the JSON is written as
 * \u003c, \u003e, \u0026 (they only occur inside strings, where JSON reads
 * the escape back as the character), so no text in the data can end the
 * script element. Invalid UTF-8 in texts is written as U+FFFD. The same
 * network always gives the same bytes, whatever the locale.
 */
#ifndef EG_HTML_H
#define EG_HTML_H

#include "eg_base.h"
#include "eg_export.h"
#include "eg_network.h"

#include <stdio.h>

/*
 * Writes the viewer of `net` to `fp`, which stays open and owned by the
 * caller; the stream is flushed before returning so that write errors are
 * seen here. `opts` may be NULL (20 labels, the default title); opts->title,
 * when set, becomes the page title. `net` is only read.
 *
 * Returns EG_OK; EG_EIO when a write fails (err names the system error; some
 * bytes may have been written, so write to an eg_outfile to keep an older
 * file); EG_EINVAL when an edge names a node out of range (nothing written);
 * EG_ENOMEM. The calling thread's locale is "C" (uselocale) while it runs.
 */
eg_status eg_html_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);

#endif
