/*
 * eg_report.h - a plain-text summary of an eg_network for the terminal: what
 * the network holds, then its top nodes by one metric.
 */
#ifndef EG_REPORT_H
#define EG_REPORT_H

#include "eg_base.h"
#include "eg_network.h"

#include <stdio.h>

typedef struct eg_report_opts {
    const char *by; /* metric to rank by: a name in net->metrics, "mentions" or
                       "documents"; NULL = "degree" when present, else "mentions" */
    size_t top;     /* number of rows; 0 = 10 */
    int type;       /* an eg_type to list only nodes of that type, or -1 for all */
    size_t width;   /* terminal width in characters; 0 = 100 */
    bool conflicts; /* add the "Conflicting figures" section */
} eg_report_opts;

/* The defaults. Beware that a zeroed struct lists persons only (type 0). */
#define EG_REPORT_OPTS_INIT {NULL, 0, -1, 0, false}

/*
 * Writes the report to `fp`, which stays open and owned by the caller; the
 * stream is flushed before returning so that write errors are seen here.
 * `opts` may be NULL for the defaults; it is only read during the call.
 *
 * Layout:
 *   a line with the numbers of nodes, edges and documents, nodes per type
 *   and edges per kind; a blank line;
 *   "Top N by METRIC" (+ " (type: person)" when filtered), N being the number
 *   of rows shown;
 *   a table: rank, name, type, METRIC, then degree and mentions when they
 *   exist and are not METRIC. Names longer than the width allows are cut
 *   and end in "…" (counted in code points); numbers are right-aligned,
 *   integer metrics without decimals, others with 4 decimals (6 when every
 *   value shown is below 1). Rows are sorted by METRIC descending, then label
 *   (strcmp), then node index; NaN ranks last;
 *   with opts->conflicts, a blank line, "Conflicting figures", then one line
 *   per delegation edge (in edge order) whose seats_history states more than
 *   one distinct SEATS value:
 *     SOURCE -> TARGET: seats 6 (DATE DOC, DATE DOC), 7 (DATE DOC); latest: 7
 *   with source and target by label, values ascending, each value's documents
 *   in history order, and the edge's seats as the latest (the history's last
 *   figure when seats is -1); "(none)" when no edge qualifies. History items
 *   that are not DATE:SEATS:DOC with a whole SEATS are skipped.
 * Numbers use '.' whatever the locale (the calling thread runs under the
 * "C" locale during the call, through uselocale()).
 *
 * Returns EG_OK; EG_EINVAL for an unknown metric (the message lists the
 * available names) or a type out of range, before anything is written;
 * EG_EIO when a write fails; EG_ENOMEM.
 */
eg_status eg_report_write(const eg_network *net, FILE *fp, const eg_report_opts *opts,
                          eg_error *err);

#endif
