#include "eg_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TOP 10
#define DEFAULT_WIDTH 100
#define MIN_NAME_WIDTH 8
#define GAP "  "
#define CELL_SIZE 48
#define MAX_COLUMNS 3
#define ELLIPSIS "\xE2\x80\xA6"

/* ---------------------------------------------------------------- output */

static void repeat(eg_writer *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        eg_writer_puts(out, s);
}

/* ------------------------------------------------------------- columns */

typedef enum source { FROM_METRIC, FROM_MENTIONS, FROM_DOCUMENTS } source;

typedef struct column {
    const char *name;
    source source;
    const eg_metric *metric; /* FROM_METRIC only */
    bool integer;
    int decimals;            /* for non-integer values */
    size_t width;
} column;

static bool find_column(const eg_network *net, const char *name, column *col)
{
    memset(col, 0, sizeof *col);
    col->name = name;
    col->integer = true;
    if ((col->metric = eg_network_metric(net, name))) {
        col->source = FROM_METRIC;
        col->integer = col->metric->integer;
        return true;
    }
    if (strcmp(name, "mentions") == 0) {
        col->source = FROM_MENTIONS;
        return true;
    }
    if (strcmp(name, "documents") == 0) {
        col->source = FROM_DOCUMENTS;
        return true;
    }
    return false;
}

static double column_value(const column *col, const eg_network *net, size_t index)
{
    switch (col->source) {
    case FROM_METRIC: return col->metric->values[index];
    case FROM_MENTIONS: return (double)net->nodes[index].mentions;
    case FROM_DOCUMENTS: return (double)net->nodes[index].documents;
    }
    return 0;
}

static eg_status unknown_metric(const eg_network *net, const char *name, eg_error *err)
{
    eg_strbuf names = EG_STRBUF_INIT;
    for (size_t i = 0; i < net->n_metrics; i++)
        eg_strbuf_addf(&names, "%s, ", net->metrics[i].name);
    eg_strbuf_adds(&names, "mentions, documents");
    eg_status status = eg_strbuf_status(&names) != EG_OK
                           ? eg_error_set(err, EG_ENOMEM, "report: out of memory")
                           : eg_error_set(err, EG_EINVAL, "unknown metric '%s' (available: %s)", name,
                                          names.buf);
    eg_strbuf_release(&names);
    return status;
}

/* The ranking metric first, then degree and mentions unless already shown. */
static eg_status choose_columns(const eg_network *net, const char *by, column *cols, size_t *n_cols,
                                eg_error *err)
{
    if (!find_column(net, by, &cols[0]))
        return unknown_metric(net, by, err);
    *n_cols = 1;
    if (strcmp(by, "degree") != 0 && find_column(net, "degree", &cols[*n_cols]))
        (*n_cols)++;
    if (strcmp(by, "mentions") != 0 && find_column(net, "mentions", &cols[*n_cols]))
        (*n_cols)++;
    return EG_OK;
}

/* ------------------------------------------------------------- ranking */

typedef struct ranked {
    double value;
    const char *label;
    size_t index;
} ranked;

static int compare_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    bool x_nan = isnan(x->value), y_nan = isnan(y->value);
    if (x_nan != y_nan)
        return x_nan ? 1 : -1;
    if (!x_nan && x->value != y->value)
        return x->value > y->value ? -1 : 1;
    int order = strcmp(x->label, y->label);
    if (order)
        return order;
    return (x->index > y->index) - (x->index < y->index);
}

/* Sorts the nodes of the wanted type; *rows is malloc'd (caller frees). */
static eg_status rank_nodes(const eg_network *net, const column *by, int type, ranked **rows,
                            size_t *n_rows)
{
    *rows = malloc((net->n_nodes ? net->n_nodes : 1) * sizeof **rows);
    *n_rows = 0;
    if (!*rows)
        return EG_ENOMEM;
    for (size_t i = 0; i < net->n_nodes; i++) {
        if (type >= 0 && net->nodes[i].type != (eg_type)type)
            continue;
        const char *label = net->nodes[i].label ? net->nodes[i].label : "";
        (*rows)[(*n_rows)++] = (ranked){column_value(by, net, i), label, i};
    }
    qsort(*rows, *n_rows, sizeof **rows, compare_ranked);
    return EG_OK;
}

/* --------------------------------------------------------------- table */

static const char *format_cell(const column *col, double value, char buf[CELL_SIZE])
{
    if (!isfinite(value))
        snprintf(buf, CELL_SIZE, "n/a");
    else if (col->integer)
        snprintf(buf, CELL_SIZE, "%.0f", round(value) == 0 ? 0.0 : round(value));
    else if (fabs(value) >= 1e15)
        snprintf(buf, CELL_SIZE, "%.6g", value);
    else
        snprintf(buf, CELL_SIZE, "%.*f", col->decimals, value);
    return buf;
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Bytes taken by the first n code points of s. */
static size_t prefix_bytes(const char *s, size_t n)
{
    size_t i = 0;
    while (s[i] && n) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

/* A label with a tab or newline would break the table's lines. */
static void put_label(eg_writer *out, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20) {
            eg_writer_put(out, s + start, i - start);
            eg_writer_put(out, " ", 1);
            start = i + 1;
        }
    }
    eg_writer_put(out, s + start, len - start);
}

static void put_name(eg_writer *out, const char *label, size_t width)
{
    size_t length = code_points(label);
    if (length <= width) {
        put_label(out, label, strlen(label));
        repeat(out, " ", width - length);
    } else {
        put_label(out, label, prefix_bytes(label, width - 1));
        eg_writer_puts(out, ELLIPSIS);
    }
}

typedef struct layout {
    size_t rank, name, type, total;
} layout;

/* Column widths fit the rows shown; the name takes what the others leave. */
static layout measure(const eg_network *net, const ranked *rows, size_t n_rows, column *cols,
                      size_t n_cols, size_t width)
{
    layout lay = {1, strlen("name"), strlen("type"), 0};
    char buf[CELL_SIZE];
    for (size_t n = n_rows; n >= 10; n /= 10)
        lay.rank++;
    for (size_t c = 0; c < n_cols; c++) {
        double largest = 0;
        for (size_t r = 0; r < n_rows; r++) {
            double v = fabs(column_value(&cols[c], net, rows[r].index));
            if (isfinite(v) && v > largest)
                largest = v;
        }
        cols[c].decimals = largest < 1 ? 6 : 4;
        cols[c].width = strlen(cols[c].name);
        for (size_t r = 0; r < n_rows; r++) {
            size_t len = strlen(format_cell(&cols[c], column_value(&cols[c], net, rows[r].index), buf));
            if (len > cols[c].width)
                cols[c].width = len;
        }
    }
    size_t longest = lay.name;
    for (size_t r = 0; r < n_rows; r++) {
        size_t type_len = strlen(eg_type_name(net->nodes[rows[r].index].type));
        size_t name_len = code_points(rows[r].label);
        lay.type = type_len > lay.type ? type_len : lay.type;
        longest = name_len > longest ? name_len : longest;
    }
    size_t fixed = lay.rank + 2 * strlen(GAP) + lay.type;
    for (size_t c = 0; c < n_cols; c++)
        fixed += strlen(GAP) + cols[c].width;
    size_t room = width > fixed + MIN_NAME_WIDTH ? width - fixed : MIN_NAME_WIDTH;
    lay.name = longest < room ? longest : room;
    lay.total = fixed + lay.name;
    return lay;
}

static void write_table_header(eg_writer *out, const layout *lay, const column *cols, size_t n_cols)
{
    eg_writer_printf(out, "%*s" GAP "%-*s" GAP "%-*s", (int)lay->rank, "#", (int)lay->name,
                     "name", (int)lay->type, "type");
    for (size_t c = 0; c < n_cols; c++)
        eg_writer_printf(out, GAP "%*s", (int)cols[c].width, cols[c].name);
    eg_writer_printf(out, "\n");
    repeat(out, "-", lay->total);
    eg_writer_printf(out, "\n");
}

static void write_row(eg_writer *out, const eg_network *net, const layout *lay, const column *cols,
                      size_t n_cols, const ranked *row, size_t rank)
{
    char buf[CELL_SIZE];
    eg_writer_printf(out, "%*zu" GAP, (int)lay->rank, rank);
    put_name(out, row->label, lay->name);
    eg_writer_printf(out, GAP "%-*s", (int)lay->type, eg_type_name(net->nodes[row->index].type));
    for (size_t c = 0; c < n_cols; c++)
        eg_writer_printf(out, GAP "%*s", (int)cols[c].width,
                         format_cell(&cols[c], column_value(&cols[c], net, row->index), buf));
    eg_writer_printf(out, "\n");
}

static void write_summary(eg_writer *out, const eg_network *net)
{
    size_t per_type[EG_TYPE_COUNT] = {0}, per_kind[EG_EDGE_KIND_COUNT] = {0};
    for (size_t i = 0; i < net->n_nodes; i++)
        if ((unsigned)net->nodes[i].type < EG_TYPE_COUNT)
            per_type[net->nodes[i].type]++;
    for (size_t i = 0; i < net->n_edges; i++)
        if ((unsigned)net->edges[i].kind < EG_EDGE_KIND_COUNT)
            per_kind[net->edges[i].kind]++;
    /* only what the network itself holds, so that a report of a GraphML read
     * back reads the same as the report of the build that wrote it */
    eg_writer_printf(out, "%zu node%s, %zu edge%s; nodes:", net->n_nodes,
                     net->n_nodes == 1 ? "" : "s", net->n_edges, net->n_edges == 1 ? "" : "s");
    for (int t = 0; t < EG_TYPE_COUNT; t++)
        eg_writer_printf(out, "%s %zu %s", t ? "," : "", per_type[t], eg_type_name((eg_type)t));
    eg_writer_printf(out, "; edges:");
    for (int k = 0; k < EG_EDGE_KIND_COUNT; k++)
        eg_writer_printf(out, "%s %zu %s", k ? "," : "", per_kind[k],
                         eg_edge_kind_name((eg_edge_kind)k));
    eg_writer_printf(out, "\n");
}

/* ----------------------------------------------------------- conflicts */

/* One "DATE:SEATS:DOC" item of eg_edge.seats_history; date and doc point
 * into the history and are not NUL-terminated. */
typedef struct figure {
    const char *date, *doc;
    size_t date_len, doc_len;
    long seats;
} figure;

#define MAX_SEATS 100000000L

/*
 * Reads the item at *cursor into *f and moves *cursor to the next item, or to
 * NULL after the last. Returns false, leaving *f unset, for an item that is
 * not DATE:SEATS:DOC with SEATS a whole number: callers skip those.
 */
static bool next_figure(const char **cursor, figure *f)
{
    const char *item = *cursor;
    const char *sep = strstr(item, EG_LIST_SEP);
    size_t len = sep ? (size_t)(sep - item) : strlen(item);
    *cursor = sep ? sep + strlen(EG_LIST_SEP) : NULL;
    const char *colon = memchr(item, ':', len);
    const char *seats = colon ? colon + 1 : NULL;
    const char *colon2 = seats ? memchr(seats, ':', len - (size_t)(seats - item)) : NULL;
    if (!colon2 || colon2 == seats)
        return false;
    long value = 0;
    for (const char *p = seats; p < colon2; p++) {
        if (*p < '0' || *p > '9' || value > MAX_SEATS)
            return false;
        value = value * 10 + (*p - '0');
    }
    f->date = item;
    f->date_len = (size_t)(colon - item);
    f->doc = colon2 + 1;
    f->doc_len = len - (size_t)(f->doc - item);
    f->seats = value;
    return true;
}

/* The smallest SEATS value of the history above `above`, or -1 when none. */
static long next_value(const char *history, long above)
{
    long best = -1;
    figure f;
    for (const char *cursor = history; cursor;)
        if (next_figure(&cursor, &f) && f.seats > above && (best < 0 || f.seats < best))
            best = f.seats;
    return best;
}

static bool is_conflict(const eg_network *net, const eg_edge *edge)
{
    const char *history = edge->seats_history;
    if (edge->kind != EG_EDGE_DELEGATION || !history || edge->source >= net->n_nodes ||
        edge->target >= net->n_nodes)
        return false;
    return next_value(history, next_value(history, -1)) >= 0;
}

static void put_node_label(eg_writer *out, const eg_node *node)
{
    const char *label = node->label ? node->label : "";
    put_label(out, label, strlen(label));
}

/* "2020-12-04 000.txt, 2020-11-17 004.txt": the documents stating `value`,
 * in history order. */
static void put_documents(eg_writer *out, const char *history, long value)
{
    bool first = true;
    figure f;
    for (const char *cursor = history; cursor;) {
        if (!next_figure(&cursor, &f) || f.seats != value)
            continue;
        if (!first)
            eg_writer_puts(out, ", ");
        first = false;
        put_label(out, f.date, f.date_len);
        if (f.date_len && f.doc_len)
            eg_writer_puts(out, " ");
        put_label(out, f.doc, f.doc_len);
    }
}

/* "SOURCE -> TARGET: seats 6 (DATE DOC, ...), 7 (...); latest: 7". The latest
 * figure is the edge's seats, or when it has none its history's last one. */
static void write_conflict(eg_writer *out, const eg_network *net, const eg_edge *edge)
{
    const char *history = edge->seats_history;
    put_node_label(out, &net->nodes[edge->source]);
    eg_writer_puts(out, " -> ");
    put_node_label(out, &net->nodes[edge->target]);
    eg_writer_puts(out, ": seats ");
    long lowest = next_value(history, -1);
    for (long value = lowest; value >= 0; value = next_value(history, value)) {
        eg_writer_printf(out, "%s%ld (", value == lowest ? "" : ", ", value);
        put_documents(out, history, value);
        eg_writer_puts(out, ")");
    }
    long latest = edge->seats;
    figure f;
    for (const char *cursor = history; edge->seats < 0 && cursor;)
        if (next_figure(&cursor, &f))
            latest = f.seats;
    if (latest >= 0)
        eg_writer_printf(out, "; latest: %ld", latest);
    eg_writer_puts(out, "\n");
}

static void write_conflicts(eg_writer *out, const eg_network *net)
{
    bool any = false;
    eg_writer_puts(out, "\nConflicting figures\n");
    for (size_t i = 0; i < net->n_edges; i++) {
        if (is_conflict(net, &net->edges[i])) {
            write_conflict(out, net, &net->edges[i]);
            any = true;
        }
    }
    if (!any)
        eg_writer_puts(out, "(none)\n");
}

/* -------------------------------------------------------------- report */

static void write_report(eg_writer *out, const eg_network *net, const eg_report_opts *opts,
                         column *cols, size_t n_cols, const ranked *rows, size_t n_rows)
{
    write_summary(out, net);
    eg_writer_printf(out, "\nTop %zu by %s", n_rows, cols[0].name);
    if (opts->type >= 0)
        eg_writer_printf(out, " (type: %s)", eg_type_name((eg_type)opts->type));
    eg_writer_printf(out, "\n");
    if (!n_rows) {
        eg_writer_printf(out, "(no nodes)\n");
    } else {
        layout lay = measure(net, rows, n_rows, cols, n_cols, opts->width);
        write_table_header(out, &lay, cols, n_cols);
        for (size_t r = 0; r < n_rows; r++)
            write_row(out, net, &lay, cols, n_cols, &rows[r], r + 1);
    }
    if (opts->conflicts)
        write_conflicts(out, net);
}

/* ----------------------------------------------------------------- API */

static eg_report_opts with_defaults(const eg_network *net, const eg_report_opts *opts)
{
    eg_report_opts o = EG_REPORT_OPTS_INIT;
    if (opts)
        o = *opts;
    if (!o.by)
        o.by = eg_network_metric(net, "degree") ? "degree" : "mentions";
    if (!o.top)
        o.top = DEFAULT_TOP;
    if (!o.width)
        o.width = DEFAULT_WIDTH;
    return o;
}

eg_status eg_report_write(const eg_network *net, FILE *fp, const eg_report_opts *opts, eg_error *err)
{
    eg_report_opts o = with_defaults(net, opts);
    if (o.type < -1 || o.type >= EG_TYPE_COUNT)
        return eg_error_set(err, EG_EINVAL, "report: %d is not a node type", o.type);
    column cols[MAX_COLUMNS];
    size_t n_cols = 0;
    eg_status status = choose_columns(net, o.by, cols, &n_cols, err);
    if (status != EG_OK)
        return status;
    ranked *rows = NULL;
    size_t n_rows = 0;
    if (rank_nodes(net, &cols[0], o.type, &rows, &n_rows) != EG_OK)
        return eg_error_set(err, EG_ENOMEM, "report: out of memory");
    if (n_rows > o.top)
        n_rows = o.top;

    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale)) {
        free(rows);
        return eg_error_set(err, EG_ENOMEM, "report: cannot create the C locale");
    }
    eg_writer out = {fp, 0};
    write_report(&out, net, &o, cols, n_cols, rows, n_rows);
    int error = eg_writer_finish(&out);
    eg_c_locale_leave(&locale);
    free(rows);

    if (error)
        return eg_error_set(err, EG_EIO, "writing the report failed: %s", strerror(error));
    return EG_OK;
}
