#include "eg_dot.h"

#include "eg_graphml.h"
#include "eg_layout.h"
#include "eg_svg.h"
#include "eg_text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Node attribute names a metric may not take: the node data the writer sets
 * and the Graphviz node attributes that would change the drawing. */
static const char *const reserved_names[] = {
    "type", "aliases", "mentions", "documents", "first_date", "last_date", "website",
    "label", "xlabel", "color", "fillcolor", "fontcolor", "fontname", "fontsize", "style",
    "shape", "width", "height", "fixedsize", "pos", "pin", "group", "size", "penwidth",
    "peripheries", "tooltip", "URL", "href", "id", "class", "image", "orientation", "sides",
    "margin", "z", "root", "sortv",
};
#define N_RESERVED_NAMES (sizeof reserved_names / sizeof reserved_names[0])

/* Nodes drawn with their names, unless --labels says otherwise. */
#define DOT_LABELS 30

typedef struct dot {
    eg_writer out;
    eg_strbuf scratch; /* text made valid UTF-8 */
    eg_strbuf joined;  /* aliases joined */
    bool out_of_memory;
    const bool *named; /* per node: drawn with its name (the largest nodes) */
} dot;

double eg_dot_points_per_unit(size_t n)
{
    return n > EG_DOT_ROOMY ? EG_DOT_POINTS_PER_UNIT * sqrt((double)n / EG_DOT_ROOMY) : EG_DOT_POINTS_PER_UNIT;
}

/* A DOT double-quoted string. */
static void quoted(dot *d, const char *s)
{
    size_t n_bad, first_bad;
    eg_strbuf_reset(&d->scratch);
    if (s && (eg_utf8_repair(s, strlen(s), &d->scratch, &n_bad, &first_bad, NULL) != EG_OK ||
              eg_strbuf_status(&d->scratch) != EG_OK)) {
        d->out_of_memory = true;
        return;
    }
    eg_writer_put(&d->out, "\"", 1);
    const char *p = d->scratch.buf;
    while (*p) {
        size_t run = strcspn(p, "\"\\\n\r\t\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f");
        eg_writer_put(&d->out, p, run);
        p += run;
        if (!*p)
            break;
        switch (*p) {
        case '"': eg_writer_puts(&d->out, "\\\""); break;
        case '\\': eg_writer_puts(&d->out, "\\\\"); break;
        case '\n': eg_writer_puts(&d->out, "\\n"); break;
        case '\r': break;
        default: eg_writer_put(&d->out, " ", 1); break;
        }
        p++;
    }
    eg_writer_put(&d->out, "\"", 1);
}

/* `, name="value"` (the first attribute of a list has no comma). */
static void attribute(dot *d, const char *name, const char *value, bool *first)
{
    if (!*first)
        eg_writer_puts(&d->out, ", ");
    *first = false;
    eg_writer_puts(&d->out, name);
    eg_writer_put(&d->out, "=", 1);
    quoted(d, value);
}

static void attribute_optional(dot *d, const char *name, const char *value, bool *first)
{
    if (value && value[0])
        attribute(d, name, value, first);
}

static void attribute_number(dot *d, const char *name, double value, bool integer, bool *first)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    attribute(d, name, eg_graphml_format_number(value, integer, buf), first);
}

static void attribute_count(dot *d, const char *name, size_t value, bool *first)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    snprintf(buf, sizeof buf, "%zu", value);
    attribute(d, name, buf, first);
}

/* Numbers Graphviz reads: two decimals are plenty for inches and points. */
static void attribute_fixed(dot *d, const char *name, double value, bool *first)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f", isfinite(value) ? value : 0.0);
    attribute(d, name, buf, first);
}

static const char *join_aliases(dot *d, const eg_node *node)
{
    eg_strbuf_reset(&d->joined);
    for (size_t i = 0; i < node->n_aliases; i++) {
        if (i)
            eg_strbuf_adds(&d->joined, EG_LIST_SEP);
        eg_strbuf_adds(&d->joined, node->aliases[i] ? node->aliases[i] : "");
    }
    if (eg_strbuf_status(&d->joined) != EG_OK) {
        d->out_of_memory = true;
        return "";
    }
    return d->joined.buf;
}

static void write_node(dot *d, const eg_network *net, size_t index)
{
    const eg_node *node = &net->nodes[index];
    eg_node_look look = eg_layout_node_look(net, index);
    char buf[64];
    bool first = true;
    snprintf(buf, sizeof buf, "  \"n%zu\" [", index);
    eg_writer_puts(&d->out, buf);
    attribute(d, "label", node->label, &first);
    /* the name drawn beside the point, for the largest nodes only
     * (Graphviz draws no label in a point, and leaves out an external
     * label that would overlap: forcelabels=false) */
    if (d->named && d->named[index]) {
        eg_strbuf_reset(&d->joined);
        eg_svg_short_label(node, &d->joined);
        if (eg_strbuf_status(&d->joined) != EG_OK)
            d->out_of_memory = true;
        else
            attribute(d, "xlabel", d->joined.buf, &first);
    }
    snprintf(buf, sizeof buf, "#%02x%02x%02x", look.r, look.g, look.b);
    attribute(d, "fillcolor", buf, &first);
    double diameter = 2.0 * look.size * EG_DOT_POINTS_PER_UNIT / 72.0;
    attribute_fixed(d, "width", diameter, &first);
    attribute_fixed(d, "height", diameter, &first);
    if (net->has_layout) {
        double k = eg_dot_points_per_unit(net->n_nodes);
        snprintf(buf, sizeof buf, "%.2f,%.2f!", look.x * k, look.y * k);
        attribute(d, "pos", buf, &first);
    }
    attribute(d, "type", eg_type_name(node->type), &first);
    attribute(d, "aliases", join_aliases(d, node), &first);
    attribute_count(d, "mentions", node->mentions, &first);
    attribute_count(d, "documents", node->documents, &first);
    attribute_optional(d, "first_date", node->first_date, &first);
    attribute_optional(d, "last_date", node->last_date, &first);
    attribute_optional(d, "website", node->website, &first);
    for (size_t i = 0; i < net->n_metrics; i++)
        attribute_number(d, net->metrics[i].name, net->metrics[i].values[index], net->metrics[i].integer,
                         &first);
    eg_writer_puts(&d->out, "];\n");
}

static void write_edge(dot *d, const eg_edge *edge, double log_max)
{
    char buf[96];
    bool first = true;
    snprintf(buf, sizeof buf, "  \"n%zu\" -> \"n%zu\" [", edge->source, edge->target);
    eg_writer_puts(&d->out, buf);
    bool co_mention = edge->kind == EG_EDGE_CO_MENTION;
    if (co_mention)
        attribute(d, "dir", "none", &first);
    attribute(d, "color", co_mention ? "#999999" : "#444444", &first);
    double w = isfinite(edge->weight) && edge->weight > 0 ? edge->weight : 0;
    attribute_fixed(d, "penwidth", log_max > 0 && w > 1 ? 1.0 + 4.0 * log(w) / log_max : 1.0, &first);
    double layout_weight = round(w);
    attribute_number(d, "weight", layout_weight < 1 ? 1 : layout_weight, true, &first);
    attribute(d, "kind", eg_edge_kind_name(edge->kind), &first);
    attribute_optional(d, "role", edge->role, &first);
    attribute_count(d, "documents", edge->documents, &first);
    attribute_optional(d, "first_date", edge->first_date, &first);
    attribute_optional(d, "last_date", edge->last_date, &first);
    attribute_optional(d, "evidence", edge->evidence, &first);
    if (edge->seats >= 0)
        attribute_number(d, "seats", edge->seats, true, &first);
    attribute_optional(d, "seats_history", edge->seats_history, &first);
    attribute_number(d, "pmi", edge->pmi, false, &first);
    eg_writer_puts(&d->out, "];\n");
}

static void write_document(dot *d, const eg_network *net)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    eg_writer_printf(&d->out, "// entigraph %s: %zu nodes, %zu edges", EG_VERSION, net->n_nodes, net->n_edges);
    if (net->n_documents)
        eg_writer_printf(&d->out, " from %zu documents", net->n_documents);
    eg_writer_puts(&d->out, "\n");
    for (size_t i = 0; i < net->n_attrs; i++) {
        /* names are the caller's text: keep the comment on one line */
        eg_writer_puts(&d->out, "// ");
        for (const char *p = net->attrs[i].name; p && *p; p++)
            eg_writer_put(&d->out, (unsigned char)*p < 0x20 ? " " : p, 1);
        eg_writer_printf(&d->out, " = %s\n",
                         eg_graphml_format_number(net->attrs[i].value, net->attrs[i].integer, buf));
    }
    /* nodes are points of their size, whatever their label: a circle
     * would be drawn round its label (neato -n2 widens each to its name) */
    eg_writer_puts(&d->out, "digraph \"entigraph\" {\n"
                            "  graph [overlap=false, outputorder=edgesfirst, forcelabels=false];\n"
                            "  node [shape=point, fixedsize=true, style=filled, color=\"#ffffff\", penwidth=0.5, "
                            "fontname=\"Helvetica\", fontsize=10];\n"
                            "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n");
    for (size_t i = 0; i < net->n_nodes && !d->out.error && !d->out_of_memory; i++)
        write_node(d, net, i);
    double max_weight = 0;
    for (size_t i = 0; i < net->n_edges; i++)
        if (isfinite(net->edges[i].weight) && net->edges[i].weight > max_weight)
            max_weight = net->edges[i].weight;
    double log_max = max_weight > 1 ? log(max_weight) : 0;
    for (size_t i = 0; i < net->n_edges && !d->out.error && !d->out_of_memory; i++)
        write_edge(d, &net->edges[i], log_max);
    eg_writer_puts(&d->out, "}\n");
}

static eg_status check_network(const eg_network *net, eg_error *err)
{
    for (size_t i = 0; i < net->n_metrics; i++) {
        const char *name = net->metrics[i].name ? net->metrics[i].name : "";
        bool bad = !name[0];
        for (const char *p = name; *p && !bad; p++)
            bad = !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_", *p);
        bad = bad || (name[0] >= '0' && name[0] <= '9');
        for (size_t j = 0; j < N_RESERVED_NAMES && !bad; j++)
            bad = strcmp(name, reserved_names[j]) == 0;
        for (size_t j = 0; j < i && !bad; j++)
            bad = strcmp(name, net->metrics[j].name) == 0;
        if (bad)
            return eg_error_set(err, EG_EINVAL,
                                "DOT: metric name '%s' is not a plain name (letters, digits, '_') "
                                "or clashes with another node attribute",
                                name);
    }
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *edge = &net->edges[i];
        if (edge->source >= net->n_nodes || edge->target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "DOT: edge %zu links node %zu to node %zu, but there are %zu nodes",
                                i, edge->source, edge->target, net->n_nodes);
    }
    return EG_OK;
}

/* The label_top largest nodes (by drawn size, then index), or NULL. */
static bool *largest_nodes(const eg_network *net, size_t top)
{
    bool *named = calloc(net->n_nodes ? net->n_nodes : 1, sizeof *named);
    eg_svg_node *places = NULL;
    size_t *idx = NULL, n = 0;
    if (!named || eg_svg_place(net, EG_SVG_WIDTH, EG_SVG_HEIGHT, &places) != EG_OK ||
        eg_svg_top_nodes(net, places, top, &idx, &n) != EG_OK) {
        free(named);
        free(places);
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        named[idx[k]] = true;
    free(idx);
    free(places);
    return named;
}

eg_status eg_dot_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    eg_status status = check_network(net, err);
    if (status != EG_OK)
        return status;
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "DOT: cannot create the C locale");
    dot d = {{fp, 0}, EG_STRBUF_INIT, EG_STRBUF_INIT, false, NULL};
    bool *named = largest_nodes(net, opts && opts->label_top ? opts->label_top : DOT_LABELS);
    if (!named && net->n_nodes)
        d.out_of_memory = true;
    d.named = named;
    write_document(&d, net);
    free(named);
    int error = eg_writer_finish(&d.out);
    eg_strbuf_release(&d.scratch);
    eg_strbuf_release(&d.joined);
    eg_c_locale_leave(&locale);
    if (error)
        return eg_error_set(err, EG_EIO, "writing DOT failed: %s", strerror(error));
    if (d.out_of_memory)
        return eg_error_set(err, EG_ENOMEM, "writing DOT failed: out of memory");
    return EG_OK;
}
