/*
 * eg_report.h - the analyst's view of an eg_network: what the network holds,
 * its top nodes by one metric, optionally within one community or around one
 * entity (its roles, relations, neighbourhood and strongest ties), as a
 * terminal table, CSV, TSV, JSON or a Markdown (GitHub) table.
 */
#ifndef EG_REPORT_H
#define EG_REPORT_H

#include "eg_base.h"
#include "eg_network.h"

#include <stdio.h>

typedef enum eg_report_format {
    EG_REPORT_TABLE = 0, /* aligned plain text fitting opts->width */
    EG_REPORT_CSV,       /* RFC 4180, like metrics.csv */
    EG_REPORT_TSV,       /* tab-separated, no quoting */
    EG_REPORT_JSON,      /* one object, built with cJSON */
    EG_REPORT_MARKDOWN,  /* GitHub-flavoured Markdown */
    EG_REPORT_FORMAT_COUNT
} eg_report_format;

/* "table", "csv", "tsv", "json", "markdown"; "unknown" out of range. */
const char *eg_report_format_name(eg_report_format format);
/* Parses one of those names; returns false (leaving *format alone) when
 * `name` is not one. */
bool eg_report_format_parse(const char *name, eg_report_format *format);

/*
 * Options. Every field added after `conflicts` means "off" or "the default"
 * when zero, so positional initialisers written for the first five fields
 * keep their meaning.
 */
typedef struct eg_report_opts {
    const char *by; /* metric to rank by: a name in net->metrics, "mentions" or
                       "documents"; NULL = "degree" when present, else "mentions" */
    size_t top;     /* number of rows; 0 = 10 */
    int type;       /* an eg_type to list only nodes of that type, or -1 for all */
    size_t width;   /* terminal width in characters (table format); 0 = 100 */
    bool conflicts; /* add the "Conflicting figures" section (table, markdown, json) */
    eg_report_format format;
    bool by_community; /* list only nodes whose "community" metric is `community` */
    long long community;
    const char *ego; /* label or alias of the entity to centre on; NULL = none.
                        Borrowed for the call. */
    size_t depth;    /* hops around the ego; 0 = 1 */
} eg_report_opts;

/* The defaults. Beware that a zeroed struct lists persons only (type 0). */
#define EG_REPORT_OPTS_INIT {NULL, 0, -1, 0, false, EG_REPORT_TABLE, false, 0, NULL, 0}

/*
 * Writes the report to `fp`, which stays open and owned by the caller; the
 * stream is flushed before returning so that write errors are seen here.
 * `opts` may be NULL for the defaults; it is only read during the call.
 *
 * Rows and columns, the same in every format:
 *   the nodes of the wanted type (opts->type), community (opts->by_community)
 *   and, with opts->ego, within opts->depth hops of the ego (the ego itself
 *   at 0 hops; edges of every kind count as one hop, either way), sorted by
 *   METRIC descending, then label (strcmp), then node index, NaN last; the
 *   first opts->top of them.
 *   Columns: rank, name, type, METRIC, then degree and mentions when they
 *   exist and are not METRIC, then "hops" with an ego.
 *
 * The table format:
 *   a line with the numbers of nodes and edges, nodes per type and edges per
 *   kind; when net->attrs has them, a line such as
 *     density 0.074429; 3 components, the largest of 70 nodes; modularity
 *     0.412345; average clustering 0.512300
 *   (each part only when its attr exists; other attrs follow as "NAME VALUE",
 *   in attr order; "nodes" and "edges" are left out, being on the first line)
 *   and, when attrs named METRIC_sources or METRIC_cutoff exist, a line
 *     approximated: betweenness (estimated from 139 sources a component),
 *     closeness (cutoff 4)
 *   in attr order; a blank line;
 *   with an ego, its label, then indented "type:", "aliases:" (joined with
 *   "; "), "mentions:", "documents:", "dates:" and "website:" lines (the last
 *   three when known); then, each after a blank line and only when not
 *   empty, "Roles" (role edges from the ego: "TITLES — TARGET (type)"),
 *   "Role holders" (role edges to the ego: "HOLDER (type) — TITLES"; titles
 *   joined with ", ") and "Relations" (other edges by kind, in kind then edge
 *   order: "KIND -> OTHER (type)" from the ego, "KIND <- OTHER (type)" to it,
 *   ", seats N" on delegations, and co-mentions as one count line); a blank
 *   line;
 *   "Top N by METRIC" (+ " within D hop(s) of EGO" + " (type: person;
 *   community: 3)" as filtered), N being the number of rows shown;
 *   the rows as a table: the name column is cut to make the table fit
 *   opts->width (in terminal columns, wide characters counting two) and ends
 *   in "…" when cut; numbers are right-aligned, integer metrics without
 *   decimals, others with 4 decimals (6 when every value shown is below 1),
 *   NaN as "n/a"; "(no nodes)" without rows;
 *   with an ego, a blank line, "Strongest ties" and a table of the ego's
 *   heaviest edges, as many as opts->top (10 when 0): rank, name, type, kind, weight ("(none)" without edges);
 *   with opts->conflicts, a blank line, "Conflicting figures", then one line
 *   per delegation edge (in edge order) whose seats_history states more than
 *   one distinct SEATS value:
 *     SOURCE -> TARGET: seats 6 (DATE DOC, DATE DOC), 7 (DATE DOC); latest: 7
 *   with source and target by label, values ascending, each value's documents
 *   in history order, and the edge's seats as the latest (the history's last
 *   figure when seats is -1); "(none)" when no edge qualifies. History items
 *   that are not DATE:SEATS:DOC with a whole SEATS are skipped.
 *   Control characters in labels are written as spaces.
 * markdown: the same content: summary lines as a list, "## " and "### "
 *   headings, list items, GitHub tables (numbers right-aligned) that are not
 *   cut to a width; Markdown punctuation in text is escaped with '\'.
 * csv: a header "rank,id,label,type,METRIC,...[,hops]" (id: the node's id in
 * the network's files, "n12") then the rows, quoted as
 *   in RFC 4180 when needed, lines ending in "\n"; numbers at full precision
 *   as in metrics.csv, NaN as an empty field. tsv: the same separated by
 *   tabs, with tabs and line breaks in labels written as spaces. Neither
 *   carries the summary, the ego's details or the conflicts: use json.
 * json: one object, followed by "\n":
 *   {"summary": {"nodes", "edges", "nodes_by_type": {...}, "edges_by_kind":
 *    {...}, then every attr but nodes and edges by name},
 *    "by": METRIC, ["type": T,] ["community": C,]
 *    "rows": [{"rank", "id", "label", "type", METRIC, ..., ["hops"]}],
 *    ["ego": {"id", "label", "type", "aliases": [], "mentions", "documents",
 *     "first_date", "last_date", "website" (null when unknown), "depth",
 *     "roles": [{"titles": [], "id", "label", "type"}],
 *     "holders": [{"id", "label", "type", "titles": []}],
 *     "relations": [{"kind", ["direction": "out"|"in",] "id", "label", "type",
 *                    "weight", ["seats"]}] (co-mentions included, undirected),
 *     "ties": [{"rank", "id", "label", "type", "kind", "weight"}]},]
 *    ["conflicts": [{"source", "target", "figures": [{"seats",
 *     "documents": [{"date", "doc"}]}], "latest"}]]}
 *   numbers at full precision, NaN as null.
 *
 * The ego is found by comparing opts->ego with every label, then every alias,
 * after folding both (NFKD, marks stripped, case-folded: "zurich" finds
 * "Zürich"): a unique label match wins; several label matches are settled by
 * a unique byte-exact label; then a unique alias match; then a unique label
 * holding the name as whole words ("pospelov" finds "Sergei Pospelov";
 * several such labels are ambiguous).
 *
 * Numbers use '.' whatever the locale (the calling thread runs under the
 * "C" locale during the call, through uselocale()).
 *
 * Returns EG_OK; EG_EINVAL, before anything is written, for an unknown
 * metric (the message lists the available names), a type or format out of
 * range, --community on a network without a "community" metric, conflicts
 * asked in csv or tsv, or an ego name that matches no entity or several
 * (the message lists up to 10 candidates, or up to 5 labels containing the
 * name); EG_EIO when a write fails;
 * EG_ENOMEM.
 *
 * Time: O(V log V + E), plus the folding of every label and alias with an ego.
 */
eg_status eg_report_write(const eg_network *net, FILE *fp, const eg_report_opts *opts,
                          eg_error *err);

#endif
