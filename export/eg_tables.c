#include "eg_tables.h"

#include "eg_graphml.h"
#include "eg_text.h"

#include <string.h>

typedef struct table {
    eg_writer out;
    eg_strbuf scratch; /* text made valid UTF-8; lists joined */
    bool first;        /* the next field starts a row */
    bool out_of_memory;
} table;

/* RFC 4180: quote only the fields that need it, doubling inner quotes. */
static void field(table *t, const char *s)
{
    if (!t->first)
        eg_writer_put(&t->out, ",", 1);
    t->first = false;
    if (!s || !s[0])
        return;
    size_t n_bad, first_bad;
    eg_strbuf_reset(&t->scratch);
    if (eg_utf8_repair(s, strlen(s), &t->scratch, &n_bad, &first_bad, NULL) != EG_OK ||
        eg_strbuf_status(&t->scratch) != EG_OK) {
        t->out_of_memory = true;
        return;
    }
    s = t->scratch.buf;
    if (!strpbrk(s, ",\"\r\n")) {
        eg_writer_puts(&t->out, s);
        return;
    }
    eg_writer_put(&t->out, "\"", 1);
    for (const char *quote; (quote = strchr(s, '"')); s = quote + 1) {
        eg_writer_put(&t->out, s, (size_t)(quote - s) + 1);
        eg_writer_put(&t->out, "\"", 1);
    }
    eg_writer_puts(&t->out, s);
    eg_writer_put(&t->out, "\"", 1);
}

static void end_row(table *t)
{
    eg_writer_put(&t->out, "\n", 1);
    t->first = true;
}

static void number_field(table *t, double value, bool integer)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    field(t, eg_graphml_format_number(value, integer, buf));
}

static void count_field(table *t, size_t value)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    snprintf(buf, sizeof buf, "%zu", value);
    field(t, buf);
}

static void id_field(table *t, char prefix, size_t index)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    snprintf(buf, sizeof buf, "%c%zu", prefix, index);
    field(t, buf);
}

static void aliases_field(table *t, const eg_node *node, eg_strbuf *joined)
{
    eg_strbuf_reset(joined);
    for (size_t i = 0; i < node->n_aliases; i++) {
        if (i)
            eg_strbuf_adds(joined, EG_LIST_SEP);
        eg_strbuf_adds(joined, node->aliases[i] ? node->aliases[i] : "");
    }
    if (eg_strbuf_status(joined) != EG_OK) {
        t->out_of_memory = true;
        field(t, "");
        return;
    }
    field(t, joined->buf);
}

static void write_nodes(table *t, const eg_network *net)
{
    static const char *const columns[] = {"Id",        "Label",      "Type",      "aliases",   "mentions",
                                          "documents", "first_date", "last_date", "website"};
    static const char *const layout_columns[] = {"x", "y", "size", "r", "g", "b"};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        field(t, columns[i]);
    for (size_t i = 0; i < net->n_metrics; i++)
        field(t, net->metrics[i].name);
    for (size_t i = 0; net->has_layout && i < sizeof layout_columns / sizeof layout_columns[0]; i++)
        field(t, layout_columns[i]);
    end_row(t);

    eg_strbuf joined = EG_STRBUF_INIT;
    for (size_t i = 0; i < net->n_nodes && !t->out.error && !t->out_of_memory; i++) {
        const eg_node *node = &net->nodes[i];
        id_field(t, 'n', i);
        field(t, node->label);
        field(t, eg_type_name(node->type));
        aliases_field(t, node, &joined);
        count_field(t, node->mentions);
        count_field(t, node->documents);
        field(t, node->first_date);
        field(t, node->last_date);
        field(t, node->website);
        for (size_t m = 0; m < net->n_metrics; m++)
            number_field(t, net->metrics[m].values[i], net->metrics[m].integer);
        if (net->has_layout) {
            number_field(t, node->x, false);
            number_field(t, node->y, false);
            number_field(t, node->size, false);
            count_field(t, node->r);
            count_field(t, node->g);
            count_field(t, node->b);
        }
        end_row(t);
    }
    eg_strbuf_release(&joined);
}

static void write_edges(table *t, const eg_network *net)
{
    static const char *const columns[] = {"Source",     "Target",    "Type",     "Weight",
                                          "Kind",       "Id",        "role",     "documents",
                                          "first_date", "last_date", "evidence", "seats",
                                          "seats_history", "pmi"};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        field(t, columns[i]);
    end_row(t);
    for (size_t i = 0; i < net->n_edges && !t->out.error && !t->out_of_memory; i++) {
        const eg_edge *edge = &net->edges[i];
        id_field(t, 'n', edge->source);
        id_field(t, 'n', edge->target);
        field(t, edge->kind == EG_EDGE_CO_MENTION ? "Undirected" : "Directed");
        number_field(t, edge->weight, false);
        field(t, eg_edge_kind_name(edge->kind));
        id_field(t, 'e', i);
        field(t, edge->role);
        count_field(t, edge->documents);
        field(t, edge->first_date);
        field(t, edge->last_date);
        field(t, edge->evidence);
        if (edge->seats >= 0)
            number_field(t, edge->seats, true);
        else
            field(t, NULL);
        field(t, edge->seats_history);
        number_field(t, edge->pmi, false);
        end_row(t);
    }
}

/* merges.csv: the merge log, one row for each name of each node. */
static void write_merges(table *t, const eg_network *net)
{
    static const char *const head[] = {"entity", "type", "alias", "rule", "via", "document",
                                       "example"};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        field(t, head[i]);
    end_row(t);
    for (size_t i = 0; i < net->n_merges; i++) {
        const eg_merge_entry *m = &net->merges[i];
        const eg_node *n = &net->nodes[m->node];
        field(t, n->label);
        field(t, eg_type_name(n->type));
        field(t, m->alias);
        field(t, m->rule);
        field(t, m->via);
        field(t, m->document);
        field(t, m->example);
        end_row(t);
    }
}

typedef enum table_kind { TABLE_NODES, TABLE_EDGES, TABLE_MERGES } table_kind;

static eg_status write_table(const eg_network *net, FILE *fp, table_kind kind, eg_error *err)
{
    static const char *const whats[] = {"nodes CSV", "edges CSV", "merges CSV"};
    const char *what = whats[kind];
    for (size_t i = 0; i < net->n_merges; i++)
        if (net->merges[i].node >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "%s: merge log entry %zu names node %zu, but there are %zu nodes",
                                what, i, net->merges[i].node, net->n_nodes);
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *edge = &net->edges[i];
        if (edge->source >= net->n_nodes || edge->target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "%s: edge %zu links node %zu to node %zu, but there are %zu nodes",
                                what, i, edge->source, edge->target, net->n_nodes);
    }
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "%s: cannot create the C locale", what);
    table t = {{fp, 0}, EG_STRBUF_INIT, true, false};
    if (kind == TABLE_EDGES)
        write_edges(&t, net);
    else if (kind == TABLE_NODES)
        write_nodes(&t, net);
    else
        write_merges(&t, net);
    int error = eg_writer_finish(&t.out);
    eg_strbuf_release(&t.scratch);
    eg_c_locale_leave(&locale);
    if (error)
        return eg_error_set(err, EG_EIO, "writing %s failed: %s", what, strerror(error));
    if (t.out_of_memory)
        return eg_error_set(err, EG_ENOMEM, "writing %s failed: out of memory", what);
    return EG_OK;
}

eg_status eg_tables_write_nodes(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    (void)opts;
    return write_table(net, fp, TABLE_NODES, err);
}

eg_status eg_tables_write_edges(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    (void)opts;
    return write_table(net, fp, TABLE_EDGES, err);
}

eg_status eg_tables_write_merges(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    (void)opts;
    return write_table(net, fp, TABLE_MERGES, err);
}
