/*
 * eg_tables.h - an eg_network as two CSV tables, nodes.csv and edges.csv, in
 * the shape Gephi's spreadsheet import (Data Laboratory > Import
 * Spreadsheet) expects, and that pandas or a spreadsheet read as they are.
 *
 * nodes.csv, one row per node in array order:
 *   Id,Label,Type,aliases,mentions,documents,first_date,last_date,website,
 *   then each metric by name, then, when net->has_layout, x,y,size,r,g,b.
 * edges.csv, one row per edge in array order:
 *   Source,Target,Type,Weight,Kind,Id,role,documents,first_date,last_date,
 *   evidence,seats,seats_history,pmi
 * Id, Label, Source, Target, Type, Weight and Kind are the columns Gephi
 * reads itself (matched without regard to case): Id is "n0".. / "e0..", the
 * ids of the other formats; edge Type is "Directed" for every kind but
 * co_mention, which is "Undirected", so Gephi draws arrows where the
 * relation has a subject (the Source); Kind is the edge kind, which Gephi
 * keeps as its edge "kind" (the label of parallel edges); node Type is the
 * entity type (person, body, country, document). The other columns keep
 * the names they have in every other format.
 *
 * Values: list values (aliases, role, seats_history) are joined with
 * EG_LIST_SEP as in GraphML and GEXF (JSON writes arrays); an absent value
 * (no website, no role, seats < 0, no date) is an empty field; numbers as
 * eg_graphml_format_number writes them, with '.' whatever the locale.
 * RFC 4180 quoting: a field holding a comma, a double quote, CR or LF is
 * quoted, its quotes doubled; lines end in LF; text is written as it is
 * (invalid UTF-8 becomes U+FFFD).
 */
#ifndef EG_TABLES_H
#define EG_TABLES_H

#include "eg_base.h"
#include "eg_export.h"
#include "eg_network.h"

#include <stdio.h>

/*
 * Write nodes.csv / edges.csv / merges.csv (the merge log: entity, type,
 * alias, rule, via, document, example; see eg_merge_entry) of `net` to `fp`, which stays open and owned
 * by the caller; the stream is flushed before returning so that write errors
 * are seen here. `opts` is not used (may be NULL); `net` is only read.
 *
 * Return EG_OK; EG_EIO when a write fails (some bytes may have been
 * written); EG_EINVAL, before any byte is written, when an edge names a node
 * out of range; EG_ENOMEM. The calling thread's locale is "C" (uselocale)
 * while they run.
 */
eg_status eg_tables_write_nodes(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);
eg_status eg_tables_write_edges(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);
eg_status eg_tables_write_merges(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err);

#endif
