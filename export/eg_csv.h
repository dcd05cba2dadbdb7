/*
 * eg_csv.h - the node table of an eg_network as CSV, for spreadsheets and
 * pandas: one row per node with its counts, dates and metrics.
 */
#ifndef EG_CSV_H
#define EG_CSV_H

#include "eg_base.h"
#include "eg_network.h"

#include <stdio.h>

/*
 * Writes metrics.csv to `fp`, which stays open and owned by the caller; the
 * stream is flushed before returning so that write errors are seen here.
 *
 * Header: id,label,type,mentions,documents,first_date,last_date,website, then
 * the metric names in net->metrics order. One row per node in array order; id
 * is "n<index>", the node's id in eg_graphml_write's output; website is empty
 * when the node has none. RFC 4180: a field
 * holding a comma, a double quote, CR or LF is quoted, with its quotes
 * doubled; lines end in LF. Numbers are written by eg_graphml_format_number,
 * with '.' as the decimal point whatever the locale (the calling thread runs
 * under the "C" locale during the call, through uselocale()).
 *
 * Returns EG_OK; EG_EIO when a write fails (some bytes may have been
 * written); EG_ENOMEM.
 */
eg_status eg_csv_write_metrics(const eg_network *net, FILE *fp, eg_error *err);

#endif
