/*
 * eg_graphml.h - GraphML 1.0 output and input of an eg_network.
 *
 * The file is written for Gephi, igraph, networkx and yEd alike:
 *  - every <key> has an id equal to its attr.name (never d0..dN, which Gephi
 *    maps to yEd's label fields), a `for` of "node" or "edge" (never "all" or
 *    "graph", which Gephi drops or flags) and an attr.type. Key ids must be
 *    unique in a file, so an edge key named like a node key (documents,
 *    first_date, last_date; or a metric named like an edge key) has the id
 *    "edge_<name>"; its attr.name, which Gephi, igraph and networkx use as
 *    the column name, is still <name>;
 *  - node keys, in this order: label, type, aliases (joined with EG_LIST_SEP),
 *    mentions, documents, first_date, last_date, website, then one key per
 *    metric in net->metrics order ("int" when the metric is integer, else
 *    "double");
 *  - edge keys: kind, role, weight, documents, first_date, last_date,
 *    evidence, seats (int), seats_history (the "DATE:SEATS:DOC" items of
 *    eg_edge.seats_history, as they are), pmi (double);
 *  - one <graph id="G" edgedefault="undirected">, nodes "n0".. in array order,
 *    edges "e0".. in array order, one edge per pair (see eg_network.h);
 *  - every key has a <data> on every node or edge, except website, role and
 *    seats_history (only when not NULL or empty), seats (only when >= 0) and
 *    first_date/last_date (only when not empty).
 * The same network always gives the same bytes, whatever the locale.
 */
#ifndef EG_GRAPHML_H
#define EG_GRAPHML_H

#include "eg_base.h"
#include "eg_network.h"

#include <stdbool.h>
#include <stdio.h>

/*
 * Writes `net` as GraphML to `fp`, which stays open and owned by the caller;
 * the stream is flushed before returning so that write errors are seen here.
 *
 * Returns EG_OK; EG_EIO when a write fails (err names the system error; some
 * bytes may have been written, so write to an eg_outfile to keep the old file);
 * EG_EINVAL when a metric name cannot be a key id (it must be made of ASCII
 * letters, digits, '_', '-', '.', ':') or repeats another node key's name or
 * an edge key's id; or when an edge names a node out of range;
 * EG_ENOMEM. Text that XML cannot carry (invalid UTF-8, control characters
 * other than tab, LF and CR) is written as U+FFFD.
 *
 * The calling thread's locale is switched to "C" with uselocale() while it
 * runs and restored afterwards; no global state is touched.
 */
eg_status eg_graphml_write(const eg_network *net, FILE *fp, eg_error *err);

/*
 * Reads a GraphML file as written by eg_graphml_write into `net`, which the
 * call initialises; on failure `net` is left released (empty). `fp` stays
 * open and owned by the caller; `path` (may be NULL) is only used in messages.
 *
 * Nodes come in file order with their label (the node id when absent), type,
 * aliases (split on EG_LIST_SEP), mentions, documents and dates; every other
 * numeric node key (attr.type int, long, float or double) becomes a metric,
 * integer when its type is int or long, 0 on nodes without a value. Edges
 * come with their endpoints, kind (an unknown kind reads as co_mention),
 * role, evidence and seats_history (NULL when absent or empty), weight,
 * documents, dates, seats (-1 when absent or negative) and pmi (0 when
 * absent). Nodes get their website the same way (NULL when absent or empty).
 * Keys with for="all" apply to nodes and edges, and a node key and an edge
 * key may share an id (networkx writes such files); <default> values, graph
 * data and unknown keys are ignored. Nodes must precede the edges that use
 * them. libxml2's messages go into err, never to stderr.
 *
 * Returns EG_OK; EG_EPARSE for input that is not well-formed XML, not
 * GraphML, or holds a bad value (err gives "path:line: what"); EG_EIO when
 * reading fails; EG_ENOMEM.
 */
eg_status eg_graphml_read(FILE *fp, const char *path, eg_network *net, eg_error *err);

/* Size of a buffer that holds any number eg_graphml_format_number writes. */
#define EG_GRAPHML_NUMBER_SIZE 32

/*
 * Formats `value` the way the exporters write numbers and returns `buf`:
 * integers (integer == true) rounded to whole numbers without a decimal point;
 * other values as the shortest of %.15g, %.16g and %.17g that reads back to
 * the same double. NaN, infinities and integers out of the long long range
 * are written as 0, and -0 as 0.
 *
 * The decimal point is that of the calling thread's LC_NUMERIC locale: call
 * it where that is "C" (eg_graphml_write and eg_csv_write_metrics do).
 */
const char *eg_graphml_format_number(double value, bool integer, char buf[EG_GRAPHML_NUMBER_SIZE]);

#endif
