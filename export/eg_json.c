#include "eg_json.h"

#include "eg_jsonw.h"
#include "eg_layout.h"
#include "eg_text.h"

#include <stdlib.h>
#include <string.h>

/* Node attribute names the writer sets itself; a metric may not take one. */
static const char *const fixed_node_names[] = {
    "id", "label", "type", "entity_type", "aliases", "mentions", "documents", "first_date", "last_date",
    "website", "x", "y", "size", "color",
};
#define N_FIXED_NODE_NAMES (sizeof fixed_node_names / sizeof fixed_node_names[0])

/* The JSON is written as it is made (eg_jsonw), one node or edge at a time. */
typedef struct jw {
    const eg_network *net;
    eg_jsonw w;
} jw;

static void maybe_flush(jw *j)
{
    eg_jsonw_maybe_flush(&j->w);
}

static void open_(jw *j, char c)
{
    eg_jsonw_open(&j->w, NULL, c);
}

static void close_(jw *j, char c)
{
    eg_jsonw_close(&j->w, c);
}

static void open_object(jw *j, const char *k)
{
    eg_jsonw_open(&j->w, k, '{');
}

static void open_array(jw *j, const char *k)
{
    eg_jsonw_open(&j->w, k, '[');
}

static void string(jw *j, const char *k, const char *s)
{
    eg_jsonw_string(&j->w, k, s);
}

static void optional(jw *j, const char *k, const char *s)
{
    if (s && s[0])
        string(j, k, s);
}

static void number(jw *j, const char *k, double value, bool integer)
{
    eg_jsonw_number(&j->w, k, value, integer);
}

static void count(jw *j, const char *k, size_t value)
{
    number(j, k, (double)value, true);
}

static void boolean(jw *j, const char *k, bool value)
{
    eg_jsonw_boolean(&j->w, k, value);
}

/* A list value: the pieces of `joined` between EG_LIST_SEP, as an array. */
static void list(jw *j, const char *k, const char *joined)
{
    open_array(j, k);
    size_t sep_len = strlen(EG_LIST_SEP);
    for (const char *start = joined; start;) {
        const char *sep = strstr(start, EG_LIST_SEP);
        size_t len = sep ? (size_t)(sep - start) : strlen(start);
        char *piece = eg_strndup(start, len);
        if (!piece) {
            j->w.failed = true;
            break;
        }
        string(j, NULL, piece);
        free(piece);
        start = sep ? sep + sep_len : NULL;
    }
    close_(j, ']');
}

/* ------------------------------------------------------------ pieces */

static void graph_numbers(jw *j)
{
    for (size_t i = 0; i < j->net->n_attrs; i++)
        number(j, j->net->attrs[i].name, j->net->attrs[i].value, j->net->attrs[i].integer);
}

/* Node attributes; x and y only when with_position (node-link). */
static void node_attributes(jw *j, size_t index, bool with_position)
{
    const eg_network *net = j->net;
    const eg_node *node = &net->nodes[index];
    string(j, "label", node->label);
    string(j, "entity_type", eg_type_name(node->type));
    open_array(j, "aliases");
    for (size_t i = 0; i < node->n_aliases; i++)
        string(j, NULL, node->aliases[i]);
    close_(j, ']');
    count(j, "mentions", node->mentions);
    count(j, "documents", node->documents);
    optional(j, "first_date", node->first_date);
    optional(j, "last_date", node->last_date);
    optional(j, "website", node->website);
    for (size_t i = 0; i < net->n_metrics; i++)
        number(j, net->metrics[i].name, net->metrics[i].values[index], net->metrics[i].integer);
    eg_node_look look = eg_layout_node_look(net, index);
    if (with_position) {
        number(j, "x", look.x, false);
        number(j, "y", look.y, false);
    }
    number(j, "size", look.size, false);
    char color[8];
    snprintf(color, sizeof color, "#%02x%02x%02x", look.r, look.g, look.b);
    string(j, "color", color);
}

static void edge_attributes(jw *j, const eg_edge *edge)
{
    string(j, "kind", eg_edge_kind_name(edge->kind));
    if (edge->role && edge->role[0])
        list(j, "role", edge->role);
    number(j, "weight", edge->weight, false);
    count(j, "documents", edge->documents);
    optional(j, "first_date", edge->first_date);
    optional(j, "last_date", edge->last_date);
    optional(j, "evidence", edge->evidence);
    if (edge->seats >= 0)
        number(j, "seats", edge->seats, true);
    if (edge->seats_history && edge->seats_history[0])
        list(j, "seats_history", edge->seats_history);
    number(j, "pmi", edge->pmi, false);
}

static void node_id(char buf[32], size_t index)
{
    snprintf(buf, 32, "n%zu", index);
}

/* The edges of node-link, once under "edges" and once under "links". */
static void node_link_edges(jw *j, const char *k)
{
    const eg_network *net = j->net;
    char id[32], source[32], target[32];
    open_array(j, k);
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *edge = &net->edges[i];
        snprintf(id, sizeof id, "e%zu", i);
        node_id(source, edge->source);
        node_id(target, edge->target);
        open_object(j, NULL);
        string(j, "key", id);
        string(j, "source", source);
        string(j, "target", target);
        boolean(j, "undirected", edge->kind == EG_EDGE_CO_MENTION);
        open_object(j, "attributes");
        edge_attributes(j, edge);
        close_(j, '}');
        close_(j, '}');
        maybe_flush(j);
    }
    close_(j, ']');
}

/* graphology + d3 */
static void write_node_link(jw *j)
{
    const eg_network *net = j->net;
    char id[32];
    open_(j, '{');
    open_object(j, "attributes");
    graph_numbers(j);
    close_(j, '}');
    bool loops = false;
    for (size_t i = 0; i < net->n_edges; i++)
        loops = loops || net->edges[i].source == net->edges[i].target;
    open_object(j, "options");
    string(j, "type", "mixed");
    boolean(j, "multi", false);
    boolean(j, "allowSelfLoops", loops);
    close_(j, '}');
    open_array(j, "nodes");
    for (size_t i = 0; i < net->n_nodes; i++) {
        node_id(id, i);
        open_object(j, NULL);
        string(j, "key", id);
        string(j, "id", id);
        open_object(j, "attributes");
        node_attributes(j, i, true);
        close_(j, '}');
        close_(j, '}');
        maybe_flush(j);
    }
    close_(j, ']');
    node_link_edges(j, "edges");
    node_link_edges(j, "links");
    close_(j, '}');
}

/* Cytoscape.js elements */
static void write_cytoscape(jw *j)
{
    const eg_network *net = j->net;
    char id[32], source[32], target[32];
    open_(j, '{');
    open_object(j, "data");
    graph_numbers(j);
    close_(j, '}');
    open_object(j, "elements");
    open_array(j, "nodes");
    for (size_t i = 0; i < net->n_nodes; i++) {
        node_id(id, i);
        open_object(j, NULL);
        open_object(j, "data");
        string(j, "id", id);
        node_attributes(j, i, false);
        close_(j, '}');
        eg_node_look look = eg_layout_node_look(net, i);
        open_object(j, "position");
        number(j, "x", look.x, false);
        number(j, "y", -look.y, false);
        close_(j, '}');
        close_(j, '}');
        maybe_flush(j);
    }
    close_(j, ']');
    open_array(j, "edges");
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *edge = &net->edges[i];
        snprintf(id, sizeof id, "e%zu", i);
        node_id(source, edge->source);
        node_id(target, edge->target);
        open_object(j, NULL);
        open_object(j, "data");
        string(j, "id", id);
        string(j, "source", source);
        string(j, "target", target);
        boolean(j, "directed", edge->kind != EG_EDGE_CO_MENTION);
        edge_attributes(j, edge);
        close_(j, '}');
        close_(j, '}');
        maybe_flush(j);
    }
    close_(j, ']');
    close_(j, '}');
    close_(j, '}');
}

/* ------------------------------------------------------------ checks */

static eg_status check_network(const eg_network *net, eg_error *err)
{
    for (size_t i = 0; i < net->n_metrics; i++) {
        const char *name = net->metrics[i].name ? net->metrics[i].name : "";
        bool clash = !name[0];
        for (size_t j = 0; j < N_FIXED_NODE_NAMES && !clash; j++)
            clash = strcmp(name, fixed_node_names[j]) == 0;
        for (size_t j = 0; j < i && !clash; j++)
            clash = strcmp(name, net->metrics[j].name) == 0;
        if (clash)
            return eg_error_set(err, EG_EINVAL, "JSON: metric name '%s' clashes with another node attribute", name);
    }
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *edge = &net->edges[i];
        if (edge->source >= net->n_nodes || edge->target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "JSON: edge %zu links node %zu to node %zu, but there are %zu nodes",
                                i, edge->source, edge->target, net->n_nodes);
    }
    return EG_OK;
}

static eg_status write_json(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    eg_status status = check_network(net, err);
    if (status != EG_OK)
        return status;
    jw j = {.net = net};
    eg_jsonw_init(&j.w, fp, false);
    if (opts->json_style == EG_JSON_CYTOSCAPE)
        write_cytoscape(&j);
    else
        write_node_link(&j);
    eg_jsonw_raw(&j.w, "\n");
    int error;
    status = eg_jsonw_finish(&j.w, &error);
    if (status == EG_ENOMEM)
        return eg_error_set(err, EG_ENOMEM, "writing JSON failed: out of memory");
    if (status)
        return eg_error_set(err, EG_EIO, "writing JSON failed: %s", strerror(error));
    return EG_OK;
}

eg_status eg_json_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    static const eg_export_opts defaults = EG_EXPORT_OPTS_INIT;
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "JSON: cannot create the C locale");
    eg_status status = write_json(net, fp, opts ? opts : &defaults, err);
    eg_c_locale_leave(&locale);
    return status;
}
