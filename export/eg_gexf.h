/*
 * eg_gexf.h - GEXF 1.3 output of an eg_network, for Gephi, sigma.js /
 * graphology (graphology-gexf) and networkx.
 *
 * The file, valid against the GEXF 1.3 schema (namespace
 * http://gexf.net/1.3, viz elements in http://gexf.net/1.3/viz):
 *  - <meta>: <creator>entigraph VERSION</creator> and a <description> with
 *    the counts and the graph-level numbers ("density=0.1; ..."): GEXF has
 *    no other place for them. No lastmodifieddate, so that the same network
 *    gives the same bytes;
 *  - typed attributes, id = title = the name used in the other formats:
 *    nodes: entity_type, aliases, website, first_date, last_date (string),
 *    mentions,
 *    documents (integer), then each metric ("integer" or "double");
 *    edges: kind, role, evidence, seats_history, first_date, last_date
 *    (string), documents, seats (integer), pmi (double). The entity type is
 *    "entity_type", not "type" as in GraphML and CSV: sigma.js reads a node's
 *    `type` as the name of its drawing program and stops on "person"
 *    ("could not find a suitable program for node type", gephi-lite#56),
 *    so a GEXF with a `type` column cannot be shown in sigma.js or Gephi
 *    Lite. The node label and
 *    the edge weight are the GEXF `label` and `weight` XML attributes (Gephi,
 *    networkx and graphology read them there); a role edge's label is its
 *    role. List values (aliases, role, seats_history) are one string joined
 *    with EG_LIST_SEP, as in GraphML and CSV (JSON writes arrays). An
 *    attvalue is left out where GraphML leaves out the <data> (website, role,
 *    seats_history when NULL or empty, seats when < 0, empty dates);
 *  - ids "n0".. and "e0".. in array order, as in GraphML and CSV;
 *  - viz:color, viz:position (z 0) and viz:size on every node: the layout's
 *    when net->has_layout, else eg_layout_node_look's fallback (nodes on a
 *    circle, coloured by type), because sigma.js draws nothing without them;
 *  - direction: by default the graph is undirected (defaultedgetype
 *    "undirected", no per-edge type), like the GraphML. Mixed direction
 *    cannot be written so that both Gephi and networkx read it: networkx
 *    (read_gexf, 3.6) raises on any edge whose type differs from
 *    defaultedgetype except "mutual", and Gephi (0.9+) reports "mutual" as
 *    an unknown edge type and accepts only "directed" and "undirected".
 *    The subject of a directed kind is still the source and `kind` says
 *    which edges are directed; for arrows in Gephi, write EG_GEXF_MIXED (or
 *    import nodes.csv and edges.csv, whose Type column says it per edge);
 *  - dynamic mode (opts->dynamic, and some node or edge is dated):
 *    mode="dynamic" timeformat="date", and each dated node or edge gets one
 *    <spell start="first_date" end="last_date"/>: it is there from the
 *    earliest to the latest dated document naming it (the network keeps
 *    only those two dates, so gaps in between are not shown). Undated ones
 *    have no spell, which Gephi treats as always present. Otherwise
 *    mode="static" and no spells.
 * Numbers are written as eg_graphml_format_number does, whatever the locale.
 */
#ifndef EG_GEXF_H
#define EG_GEXF_H

#include "eg_base.h"
#include "eg_export.h"
#include "eg_network.h"

#include <stdio.h>

typedef enum eg_gexf_flags {
    /* defaultedgetype="directed", co_mention edges type="undirected": Gephi
     * and graphology draw arrows on every other kind. networkx cannot read
     * such a file ("Undirected edge found in directed graph."). */
    EG_GEXF_MIXED = (1 << 0)
} eg_gexf_flags;

/*
 * Writes `net` as GEXF 1.3 to `fp`, which stays open and owned by the
 * caller; the stream is flushed before returning so that write errors are
 * seen here. `opts` may be NULL (EG_EXPORT_OPTS_INIT); only opts->dynamic
 * and opts->gexf_directed (EG_GEXF_MIXED) are used. `net` is only read.
 *
 * Returns EG_OK; EG_EIO when a write fails (err names the system error; some
 * bytes may have been written, so write to an eg_outfile to keep an older
 * file); EG_EINVAL, before any byte is written, when an edge names a node
 * out of range or a metric is named like another attribute (the fixed ones
 * above, "id", "label", "type" or another metric); EG_ENOMEM. Text XML cannot carry
 * is written as U+FFFD. The calling thread's locale is "C" (uselocale)
 * while it runs.
 */
eg_status eg_gexf_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);

/* The same, with `flags` a combination of eg_gexf_flags (opts->gexf_directed
 * is ignored). */
eg_status eg_gexf_write_flags(const eg_network *net, FILE *fp, const eg_export_opts *opts,
                              unsigned flags, eg_error *err);

#endif
