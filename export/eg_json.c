#include "eg_json.h"

#include "eg_graphml.h"
#include "eg_layout.h"
#include "eg_text.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Node attribute names the writer sets itself; a metric may not take one. */
static const char *const fixed_node_names[] = {
    "id", "label", "type", "entity_type", "aliases", "mentions", "documents", "first_date", "last_date",
    "website", "x", "y", "size", "color",
};
#define N_FIXED_NODE_NAMES (sizeof fixed_node_names / sizeof fixed_node_names[0])

/*
 * Builds the document; the first failure (out of memory) sets `failed` and
 * every later call still runs but adds nothing that matters: the whole tree
 * is dropped at the end.
 */
typedef struct builder {
    const eg_network *net;
    eg_strbuf scratch; /* text made valid UTF-8 */
    bool failed;
} builder;

static const char *clean(builder *b, const char *s)
{
    if (!s)
        return "";
    size_t n_bad, first_bad;
    eg_strbuf_reset(&b->scratch);
    if (eg_utf8_repair(s, strlen(s), &b->scratch, &n_bad, &first_bad, NULL) != EG_OK ||
        eg_strbuf_status(&b->scratch) != EG_OK) {
        b->failed = true;
        return "";
    }
    return b->scratch.buf;
}

static void add_string(builder *b, cJSON *object, const char *key, const char *value)
{
    if (!object || !cJSON_AddStringToObject(object, key, clean(b, value)))
        b->failed = true;
}

static void add_optional(builder *b, cJSON *object, const char *key, const char *value)
{
    if (value && value[0])
        add_string(b, object, key, value);
}

/* Numbers are written as in GraphML, GEXF and CSV (the shortest form that
 * reads back, integers without a point, non-finite as 0), not by cJSON's
 * %.17g: the raw text is a valid JSON number. */
static void add_number(builder *b, cJSON *object, const char *key, double value, bool integer)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    if (!object || !cJSON_AddRawToObject(object, key, eg_graphml_format_number(value, integer, buf)))
        b->failed = true;
}

static void add_bool(builder *b, cJSON *object, const char *key, bool value)
{
    if (!object || !cJSON_AddBoolToObject(object, key, value))
        b->failed = true;
}

static void append(builder *b, cJSON *array, cJSON *item)
{
    if (!array || !item || !cJSON_AddItemToArray(array, item)) {
        cJSON_Delete(item);
        b->failed = true;
    }
}

/* A list value: the pieces of `joined` between EG_LIST_SEP, as an array. */
static void add_list(builder *b, cJSON *object, const char *key, const char *joined)
{
    cJSON *array = object ? cJSON_AddArrayToObject(object, key) : NULL;
    if (!array) {
        b->failed = true;
        return;
    }
    size_t sep_len = strlen(EG_LIST_SEP);
    for (const char *start = joined; start;) {
        const char *sep = strstr(start, EG_LIST_SEP);
        size_t len = sep ? (size_t)(sep - start) : strlen(start);
        char *piece = eg_strndup(start, len);
        append(b, array, piece ? cJSON_CreateString(clean(b, piece)) : NULL);
        free(piece);
        start = sep ? sep + sep_len : NULL;
    }
}

static void add_aliases(builder *b, cJSON *object, const eg_node *node)
{
    cJSON *array = object ? cJSON_AddArrayToObject(object, "aliases") : NULL;
    if (!array)
        b->failed = true;
    for (size_t i = 0; array && i < node->n_aliases; i++)
        append(b, array, cJSON_CreateString(clean(b, node->aliases[i])));
}

static void add_count(builder *b, cJSON *object, const char *key, size_t value)
{
    add_number(b, object, key, (double)value, true);
}

/* ------------------------------------------------------------ pieces */

static void add_graph_numbers(builder *b, cJSON *object)
{
    for (size_t i = 0; object && i < b->net->n_attrs; i++)
        add_number(b, object, b->net->attrs[i].name, b->net->attrs[i].value, b->net->attrs[i].integer);
}

/* Node attributes; x and y only when with_position (node-link). */
static void add_node_attributes(builder *b, cJSON *object, size_t index, bool with_position)
{
    const eg_network *net = b->net;
    const eg_node *node = &net->nodes[index];
    add_string(b, object, "label", node->label);
    add_string(b, object, "entity_type", eg_type_name(node->type));
    add_aliases(b, object, node);
    add_count(b, object, "mentions", node->mentions);
    add_count(b, object, "documents", node->documents);
    add_optional(b, object, "first_date", node->first_date);
    add_optional(b, object, "last_date", node->last_date);
    add_optional(b, object, "website", node->website);
    for (size_t i = 0; i < net->n_metrics; i++)
        add_number(b, object, net->metrics[i].name, net->metrics[i].values[index], net->metrics[i].integer);
    eg_node_look look = eg_layout_node_look(net, index);
    if (with_position) {
        add_number(b, object, "x", look.x, false);
        add_number(b, object, "y", look.y, false);
    }
    add_number(b, object, "size", look.size, false);
    char color[8];
    snprintf(color, sizeof color, "#%02x%02x%02x", look.r, look.g, look.b);
    add_string(b, object, "color", color);
}

static void add_edge_attributes(builder *b, cJSON *object, const eg_edge *edge)
{
    add_string(b, object, "kind", eg_edge_kind_name(edge->kind));
    if (edge->role && edge->role[0])
        add_list(b, object, "role", edge->role);
    add_number(b, object, "weight", edge->weight, false);
    add_count(b, object, "documents", edge->documents);
    add_optional(b, object, "first_date", edge->first_date);
    add_optional(b, object, "last_date", edge->last_date);
    add_optional(b, object, "evidence", edge->evidence);
    if (edge->seats >= 0)
        add_number(b, object, "seats", edge->seats, true);
    if (edge->seats_history && edge->seats_history[0])
        add_list(b, object, "seats_history", edge->seats_history);
    add_number(b, object, "pmi", edge->pmi, false);
}

static void node_id(char buf[32], size_t index)
{
    snprintf(buf, 32, "n%zu", index);
}

/* graphology + d3 */
static cJSON *build_node_link(builder *b)
{
    const eg_network *net = b->net;
    char id[32], source[32], target[32];
    cJSON *root = cJSON_CreateObject();
    if (!root) {
        b->failed = true;
        return NULL;
    }
    cJSON *attributes = cJSON_AddObjectToObject(root, "attributes");
    if (!attributes)
        b->failed = true;
    add_graph_numbers(b, attributes);

    bool loops = false;
    for (size_t i = 0; i < net->n_edges; i++)
        loops = loops || net->edges[i].source == net->edges[i].target;
    cJSON *options = cJSON_AddObjectToObject(root, "options");
    add_string(b, options, "type", "mixed");
    add_bool(b, options, "multi", false);
    add_bool(b, options, "allowSelfLoops", loops);

    cJSON *nodes = cJSON_AddArrayToObject(root, "nodes");
    for (size_t i = 0; i < net->n_nodes && !b->failed; i++) {
        cJSON *node = cJSON_CreateObject();
        append(b, nodes, node);
        if (b->failed)
            break;
        node_id(id, i);
        add_string(b, node, "key", id);
        add_string(b, node, "id", id);
        add_node_attributes(b, cJSON_AddObjectToObject(node, "attributes"), i, true);
    }

    cJSON *edges = cJSON_AddArrayToObject(root, "edges");
    for (size_t i = 0; i < net->n_edges && !b->failed; i++) {
        const eg_edge *edge = &net->edges[i];
        cJSON *item = cJSON_CreateObject();
        append(b, edges, item);
        if (b->failed)
            break;
        snprintf(id, sizeof id, "e%zu", i);
        node_id(source, edge->source);
        node_id(target, edge->target);
        add_string(b, item, "key", id);
        add_string(b, item, "source", source);
        add_string(b, item, "target", target);
        add_bool(b, item, "undirected", edge->kind == EG_EDGE_CO_MENTION);
        add_edge_attributes(b, cJSON_AddObjectToObject(item, "attributes"), edge);
    }
    if (!b->failed) {
        cJSON *links = edges ? cJSON_Duplicate(edges, true) : NULL;
        if (!links || !cJSON_AddItemToObject(root, "links", links)) {
            cJSON_Delete(links);
            b->failed = true;
        }
    }
    return root;
}

/* Cytoscape.js elements */
static cJSON *build_cytoscape(builder *b)
{
    const eg_network *net = b->net;
    char id[32], source[32], target[32];
    cJSON *root = cJSON_CreateObject();
    if (!root) {
        b->failed = true;
        return NULL;
    }
    cJSON *data = cJSON_AddObjectToObject(root, "data");
    if (!data)
        b->failed = true;
    add_graph_numbers(b, data);
    cJSON *elements = cJSON_AddObjectToObject(root, "elements");
    cJSON *nodes = elements ? cJSON_AddArrayToObject(elements, "nodes") : NULL;
    cJSON *edges = elements ? cJSON_AddArrayToObject(elements, "edges") : NULL;
    if (!nodes || !edges)
        b->failed = true;

    for (size_t i = 0; i < net->n_nodes && !b->failed; i++) {
        cJSON *node = cJSON_CreateObject();
        append(b, nodes, node);
        if (b->failed)
            break;
        cJSON *node_data = cJSON_AddObjectToObject(node, "data");
        node_id(id, i);
        add_string(b, node_data, "id", id);
        add_node_attributes(b, node_data, i, false);
        eg_node_look look = eg_layout_node_look(net, i);
        cJSON *position = cJSON_AddObjectToObject(node, "position");
        add_number(b, position, "x", look.x, false);
        add_number(b, position, "y", -look.y, false);
    }
    for (size_t i = 0; i < net->n_edges && !b->failed; i++) {
        const eg_edge *edge = &net->edges[i];
        cJSON *item = cJSON_CreateObject();
        append(b, edges, item);
        if (b->failed)
            break;
        cJSON *edge_data = cJSON_AddObjectToObject(item, "data");
        snprintf(id, sizeof id, "e%zu", i);
        node_id(source, edge->source);
        node_id(target, edge->target);
        add_string(b, edge_data, "id", id);
        add_string(b, edge_data, "source", source);
        add_string(b, edge_data, "target", target);
        add_bool(b, edge_data, "directed", edge->kind != EG_EDGE_CO_MENTION);
        add_edge_attributes(b, edge_data, edge);
    }
    return root;
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
    builder b = {net, EG_STRBUF_INIT, false};
    cJSON *root = opts->json_style == EG_JSON_CYTOSCAPE ? build_cytoscape(&b) : build_node_link(&b);
    char *text = b.failed ? NULL : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    eg_strbuf_release(&b.scratch);
    if (!text)
        return eg_error_set(err, EG_ENOMEM, "writing JSON failed: out of memory");

    eg_writer out = {fp, 0};
    eg_writer_puts(&out, text);
    eg_writer_put(&out, "\n", 1);
    free(text);
    int error = eg_writer_finish(&out);
    if (error)
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
