/*
 * eg_json.h - JSON output of an eg_network for web libraries, written as it
 * is made, one node or edge at a time (memory: one element, not the network
 * twice over), in the bytes cJSON would print.
 *
 * opts->json_style == EG_JSON_NODE_LINK (default): one object that
 * graphology takes as it is (`Graph.from(data)` or `graph.import(data)`,
 * graphology's serialization format) and that d3-force takes too
 * (`forceLink(data.links).id(d => d.id)`):
 *   {"attributes": {graph-level numbers, net->attrs in order},
 *    "options": {"type": "mixed", "multi": false, "allowSelfLoops": false},
 *    "nodes": [{"key": "n0", "id": "n0", "attributes": {...}}, ...],
 *    "edges": [{"key": "e0", "source": "n0", "target": "n2",
 *               "undirected": false, "attributes": {...}}, ...],
 *    "links": [the same objects as "edges", for d3]}
 *   allowSelfLoops is true only when an edge links a node to itself.
 *   Node attributes: label, entity_type, aliases (array), mentions, documents,
 *   first_date, last_date, website, each metric by name, then x, y, size and
 *   color ("#rrggbb") as sigma.js reads them: the layout's when
 *   net->has_layout, else eg_layout_node_look's fallback (a circle, colours
 *   by type). Edge attributes: kind, role (array of titles), weight,
 *   documents, first_date, last_date, evidence, seats, seats_history
 *   (array of "DATE:SEATS:DOC" items), pmi. "undirected" is true for
 *   co_mention edges only: every other kind points from its subject.
 *   The entity type is "entity_type", not "type" as in GraphML and CSV:
 *   sigma.js takes a node's `type` for the name of its drawing program and
 *   stops on "person" ("could not find a suitable program for node type",
 *   gephi-lite#56).
 *
 * opts->json_style == EG_JSON_CYTOSCAPE: Cytoscape.js elements
 * (`cytoscape({elements: data.elements})`, and Cytoscape's .cyjs import):
 *   {"data": {graph-level numbers},
 *    "elements": {"nodes": [{"data": {"id": "n0", "label": ..., the node
 *                            attributes above but x and y}, "position":
 *                            {"x": x, "y": -y}}],
 *                 "edges": [{"data": {"id": "e0", "source": "n0", "target":
 *                            "n2", "directed": true, the edge attributes}}]}}
 *   y is negated: Cytoscape's y axis points down, the layout's up (as in
 *   Gephi), so both show the same picture.
 *
 * In both, ids are "n0".. and "e0".. in array order as in the other formats;
 * list values (aliases, role, seats_history) are JSON arrays of strings,
 * where GraphML, GEXF and CSV join them with EG_LIST_SEP; a value left out
 * of GraphML (website, role, seats_history when NULL or empty, seats when
 * < 0, empty dates) is left out here too; numbers are written as
 * eg_graphml_format_number writes them in every format (the shortest form
 * that reads back; non-finite ones as 0). Text is valid UTF-8 (invalid bytes become U+FFFD). The output is one
 * line of compact JSON and a newline; the same network gives the same bytes.
 */
#ifndef EG_JSON_H
#define EG_JSON_H

#include "eg_base.h"
#include "eg_export.h"
#include "eg_network.h"

#include <stdio.h>

/*
 * Writes `net` as JSON in the style opts->json_style to `fp`, which stays
 * open and owned by the caller; the stream is flushed before returning.
 * `opts` may be NULL (node-link). `net` is only read.
 *
 * Returns EG_OK; EG_EIO when a write fails (some bytes may have been
 * written); EG_EINVAL, before any byte is written, when an edge names a node
 * out of range or a metric is named like a fixed node attribute ("id",
 * "label", "type", "entity_type", "aliases", "mentions", "documents",
 * "first_date", "last_date", "website", "x", "y", "size", "color") or
 * another metric;
 * EG_ENOMEM. The calling thread's locale is "C" (uselocale) while it runs.
 */
eg_status eg_json_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);

#endif
