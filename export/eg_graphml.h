/*
 * eg_graphml.h - GraphML 1.0 output and input of an eg_network.
 *
 * The file is written for Gephi, igraph, networkx and yEd alike:
 *  - every <key> has an id equal to its attr.name (never d0..dN, which Gephi
 *    maps to yEd's label fields), a `for` of "node" or "edge" (never "all",
 *    which Gephi mishandles; "graph" only for the graph-level numbers below)
 *    and an attr.type. Key ids must be
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
 *  - when net->has_layout, six more node keys after the metrics: x, y, size
 *    ("double") and r, g, b ("int"), the names Gephi's importer reads as
 *    position, size and colour (graph/eg_layout.h says what they hold);
 *  - graph-level numbers (net->attrs), when there are any, as keys
 *    for="graph" declared first ("int" or "double", id the name, or
 *    "graph_<name>" when a node or edge key has that id) with their <data>
 *    right inside <graph>, before the nodes: the GraphML schema allows it,
 *    networkx puts them in G.graph and igraph in graph attributes; Gephi
 *    reports them as unsupported and goes on. No attrs, no graph keys;
 *  - one <graph id="G" edgedefault="undirected">, nodes "n0".. in array order,
 *    edges "e0".. in array order, one edge per pair (see eg_network.h). No
 *    edge carries directed="true": networkx refuses an edge whose direction
 *    differs from edgedefault, so direction is told by `kind` (the source is
 *    the subject of every kind but co_mention);
 *  - every key has a <data> on every node or edge, except website, role and
 *    seats_history (only when not NULL or empty), seats (only when >= 0) and
 *    first_date/last_date (only when not empty).
 * List values (aliases, role, seats_history) are one string joined with
 * EG_LIST_SEP, as in GEXF and CSV (JSON writes them as arrays).
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
 * EG_EINVAL when a metric or graph attribute name cannot be a key id (it
 * must be made of ASCII letters, digits, '_', '-', '.', ':', at most 150 of
 * them) or repeats another node key's name (x, y, size, r, g, b included when
 * there is a layout) or an edge key's id; or when an edge names a node out of
 * range;
 * EG_ENOMEM. Text that XML cannot carry (invalid UTF-8, control characters
 * other than tab, LF and CR) is written as U+FFFD.
 *
 * The calling thread's locale is switched to "C" with uselocale() while it
 * runs and restored afterwards; no global state is touched.
 */
eg_status eg_graphml_write(const eg_network *net, FILE *fp, eg_error *err);

/* The most metrics eg_graphml_read takes from one file. Each is an array as
 * long as the node array, so a small file declaring thousands of numeric
 * keys over many nodes would otherwise take gigabytes; entigraph writes a
 * few dozen. */
#define EG_GRAPHML_MAX_METRICS 256

/*
 * Reads a GraphML file as written by eg_graphml_write into `net`, which the
 * call initialises; on failure `net` is left released (empty). `fp` stays
 * open and owned by the caller; `path` (may be NULL) is only used in messages.
 *
 * Nodes come in file order with their label (the node id when absent), type,
 * aliases (split on EG_LIST_SEP), mentions, documents and dates; every other
 * numeric node key (attr.type int, long, float or double) becomes a metric,
 * integer when its type is int or long, 0 on nodes without a value; keys with
 * the same attr.name share one metric, and a file with more than
 * EG_GRAPHML_MAX_METRICS of them is refused (EG_EINVAL, below). Edges
 * come with their endpoints, kind (an unknown kind reads as co_mention),
 * role, evidence and seats_history (NULL when absent or empty), weight,
 * documents, dates, seats (-1 when absent or negative) and pmi (0 when
 * absent). Nodes get their website the same way (NULL when absent or empty).
 * Node keys named x, y, size, r, g, b are the layout, not metrics: when the
 * file declares x and y, net->has_layout is set and the nodes get their
 * position, size and colour (0 where a value is missing; r, g, b clamped to
 * 0..255). The <data> right inside <graph> of numeric graph keys become
 * net->attrs, in file order ("int" and "long" ones integer).
 * Keys with for="all" apply to nodes, edges and the graph, and a node key
 * and an edge key may share an id (networkx writes such files); <default>
 * values and unknown keys are ignored. Nodes must precede the edges that use
 * them. libxml2's messages go into err, never to stderr.
 *
 * Returns EG_OK; EG_EPARSE for input that is not well-formed XML, not
 * GraphML, or holds a bad value (err gives "path:line: what"); EG_EINVAL
 * when the file declares more than EG_GRAPHML_MAX_METRICS metric names (err:
 * "path:line: more than 256 numeric node keys (metrics): key 'NAME' is one
 * too many", the line of that key); EG_EIO when reading fails; EG_ENOMEM.
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

/* ------------------------------------------------------------------------
 * eg_xml_writer: the XML output shared by the writers in export/ that write
 * XML (GraphML, GEXF) to the caller's FILE*, indented by two spaces, with
 * the bytes libxml2's xmlTextWriter writes (which it replaced, for speed).
 * It remembers its first failure (a failed write, out of memory) and then
 * skips every later call, so a document is written straight through and
 * checked once, by eg_xml_writer_close. Text that XML cannot carry (invalid
 * UTF-8, control characters other than tab, LF and CR) is written as
 * U+FFFD.
 *
 *   eg_xml_writer w;
 *   if ((status = eg_xml_writer_open(&w, fp, "GEXF", err)) != EG_OK)
 *       return status;
 *   eg_xml_start(&w, "gexf"); eg_xml_attribute(&w, "version", "1.3"); ...
 *   eg_xml_end(&w);
 *   return eg_xml_writer_close(&w, "GEXF", err);
 *
 * Element names are kept, not copied: literals, or strings that outlive
 * the element. Attributes go right after their element's start. Namespaces
 * are written as plain xmlns attributes and prefixed names ("viz:color").
 * Numbers follow the calling thread's locale: run under eg_c_locale.
 */
#define EG_XML_MAX_DEPTH 16

typedef struct eg_xml_writer {
    eg_writer out;              /* the caller's FILE*, borrowed */
    char buf[65536];            /* bytes not yet given to out */
    size_t len;
    const char *names[EG_XML_MAX_DEPTH]; /* of the open elements */
    size_t depth;
    bool open;                  /* the innermost start tag is not closed yet */
    bool indent_end;            /* the next end tag goes on its own line */
    eg_strbuf scratch;          /* text made safe for XML */
    bool failed;
    bool out_of_memory;
    bool too_deep;
} eg_xml_writer;

/* Starts the document (<?xml version="1.0" encoding="UTF-8"?>). `what`
 * names the format in messages. Returns EG_OK or EG_ENOMEM (nothing to
 * close then). */
eg_status eg_xml_writer_open(eg_xml_writer *w, FILE *fp, const char *what, eg_error *err);
void eg_xml_start(eg_xml_writer *w, const char *name);
void eg_xml_end(eg_xml_writer *w);
/* value NULL is written as "". */
void eg_xml_attribute(eg_xml_writer *w, const char *name, const char *value);
/* The number as eg_graphml_format_number writes it. */
void eg_xml_attribute_number(eg_xml_writer *w, const char *name, double value, bool integer);
/* Element content; NULL is written as "". */
void eg_xml_string(eg_xml_writer *w, const char *text);
/* Ends the document (closing the elements left open) and flushes fp
 * (which stays open). Returns EG_OK; EG_EIO ("writing <what> failed: <system error>")
 * when a write failed; EG_ENOMEM. Call it once after a successful open,
 * whatever happened in between. */
eg_status eg_xml_writer_close(eg_xml_writer *w, const char *what, eg_error *err);

#endif
