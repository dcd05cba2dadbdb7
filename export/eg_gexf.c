#include "eg_gexf.h"

#include "eg_graphml.h"
#include "eg_layout.h"

#include <string.h>

#define GEXF_NS "http://gexf.net/1.3"
#define VIZ_NS "http://gexf.net/1.3/viz"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define GEXF_SCHEMA_LOCATION GEXF_NS " http://gexf.net/1.3/gexf.xsd"
#define GEXF_NS_1_2 "http://www.gexf.net/1.2draft"
#define VIZ_NS_1_2 "http://www.gexf.net/1.2draft/viz"
#define GEXF_SCHEMA_LOCATION_1_2 GEXF_NS_1_2 " http://www.gexf.net/1.2draft/gexf.xsd"

/* {id (= title), type}; the order of the <attribute> declarations. */
static const char *const node_attributes[][2] = {
    {"entity_type", "string"}, {"aliases", "string"}, {"website", "string"},
    {"first_date", "string"}, {"last_date", "string"}, {"mentions", "integer"},
    {"documents", "integer"},
};
static const char *const edge_attributes[][2] = {
    {"kind", "string"},       {"role", "string"},      {"evidence", "string"},
    {"seats_history", "string"}, {"first_date", "string"}, {"last_date", "string"},
    {"documents", "integer"}, {"seats", "integer"},    {"pmi", "double"},
};
#define N_NODE_ATTRIBUTES (sizeof node_attributes / sizeof node_attributes[0])
#define N_EDGE_ATTRIBUTES (sizeof edge_attributes / sizeof edge_attributes[0])

typedef struct gexf {
    eg_xml_writer x;
    const eg_network *net;
    bool dynamic;
    bool mixed;
    bool v1_2;      /* GEXF 1.2draft's names (eg_export_opts.gexf_1_2) */
    eg_strbuf text; /* aliases joined, the description */
} gexf;

/* ------------------------------------------------------------ checks */

static eg_status check_network(const eg_network *net, eg_error *err)
{
    for (size_t i = 0; i < net->n_metrics; i++) {
        const char *name = net->metrics[i].name ? net->metrics[i].name : "";
        bool clash = !name[0] || strcmp(name, "id") == 0 || strcmp(name, "label") == 0 ||
                     strcmp(name, "type") == 0;
        for (size_t j = 0; j < N_NODE_ATTRIBUTES && !clash; j++)
            clash = strcmp(name, node_attributes[j][0]) == 0;
        for (size_t j = 0; j < i && !clash; j++)
            clash = strcmp(name, net->metrics[j].name) == 0;
        if (clash)
            return eg_error_set(err, EG_EINVAL, "GEXF: metric name '%s' clashes with another node attribute", name);
    }
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *edge = &net->edges[i];
        if (edge->source >= net->n_nodes || edge->target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "GEXF: edge %zu links node %zu to node %zu, but there are %zu nodes",
                                i, edge->source, edge->target, net->n_nodes);
    }
    return EG_OK;
}

static bool any_date(const eg_network *net)
{
    for (size_t i = 0; i < net->n_nodes; i++)
        if (net->nodes[i].first_date[0] || net->nodes[i].last_date[0])
            return true;
    for (size_t i = 0; i < net->n_edges; i++)
        if (net->edges[i].first_date[0] || net->edges[i].last_date[0])
            return true;
    return false;
}

/* ------------------------------------------------------------ pieces */

static const char *text_done(gexf *g)
{
    if (eg_strbuf_status(&g->text) != EG_OK) {
        g->x.failed = g->x.out_of_memory = true;
        return "";
    }
    return g->text.buf;
}

static void write_meta(gexf *g)
{
    const eg_network *net = g->net;
    char buf[EG_GRAPHML_NUMBER_SIZE];
    eg_xml_start(&g->x, "meta");
    eg_xml_start(&g->x, "creator");
    eg_xml_string(&g->x, "entigraph " EG_VERSION);
    eg_xml_end(&g->x);
    eg_strbuf_reset(&g->text);
    eg_strbuf_addf(&g->text, "entigraph network: %zu nodes, %zu edges", net->n_nodes, net->n_edges);
    if (net->n_documents)
        eg_strbuf_addf(&g->text, " from %zu documents", net->n_documents);
    for (size_t i = 0; i < net->n_attrs; i++)
        eg_strbuf_addf(&g->text, "%s%s=%s", i ? "; " : ". ", net->attrs[i].name,
                       eg_graphml_format_number(net->attrs[i].value, net->attrs[i].integer, buf));
    eg_xml_start(&g->x, "description");
    eg_xml_string(&g->x, text_done(g));
    eg_xml_end(&g->x);
    eg_xml_end(&g->x);
}

static void declare(gexf *g, const char *id, const char *type)
{
    eg_xml_start(&g->x, "attribute");
    eg_xml_attribute(&g->x, "id", id);
    eg_xml_attribute(&g->x, "title", id);
    eg_xml_attribute(&g->x, "type", type);
    eg_xml_end(&g->x);
}

static void write_attribute_declarations(gexf *g)
{
    eg_xml_start(&g->x, "attributes");
    eg_xml_attribute(&g->x, "class", "node");
    eg_xml_attribute(&g->x, "mode", "static");
    for (size_t i = 0; i < N_NODE_ATTRIBUTES; i++)
        declare(g, node_attributes[i][0], node_attributes[i][1]);
    for (size_t i = 0; i < g->net->n_metrics; i++)
        declare(g, g->net->metrics[i].name, g->net->metrics[i].integer ? "integer" : "double");
    eg_xml_end(&g->x);
    eg_xml_start(&g->x, "attributes");
    eg_xml_attribute(&g->x, "class", "edge");
    eg_xml_attribute(&g->x, "mode", "static");
    for (size_t i = 0; i < N_EDGE_ATTRIBUTES; i++)
        declare(g, edge_attributes[i][0], edge_attributes[i][1]);
    eg_xml_end(&g->x);
}

static void value(gexf *g, const char *id, const char *text)
{
    eg_xml_start(&g->x, "attvalue");
    eg_xml_attribute(&g->x, "for", id);
    eg_xml_attribute(&g->x, "value", text);
    eg_xml_end(&g->x);
}

static void value_optional(gexf *g, const char *id, const char *text)
{
    if (text && text[0])
        value(g, id, text);
}

static void value_number(gexf *g, const char *id, double number, bool integer)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    value(g, id, eg_graphml_format_number(number, integer, buf));
}

static void value_count(gexf *g, const char *id, size_t count)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    snprintf(buf, sizeof buf, "%zu", count);
    value(g, id, buf);
}

/* One spell from the first to the last date, when dynamic and dated. */
static void write_spell(gexf *g, const char *first, const char *last)
{
    if (!g->dynamic || (!first[0] && !last[0]))
        return;
    eg_xml_start(&g->x, "spells");
    eg_xml_start(&g->x, "spell");
    if (first[0])
        eg_xml_attribute(&g->x, "start", first);
    if (last[0])
        eg_xml_attribute(&g->x, "end", last);
    eg_xml_end(&g->x);
    eg_xml_end(&g->x);
}

static const char *join_aliases(gexf *g, const eg_node *node)
{
    eg_strbuf_reset(&g->text);
    for (size_t i = 0; i < node->n_aliases; i++) {
        if (i)
            eg_strbuf_adds(&g->text, EG_LIST_SEP);
        eg_strbuf_adds(&g->text, node->aliases[i] ? node->aliases[i] : "");
    }
    return text_done(g);
}

static void write_node(gexf *g, size_t index)
{
    const eg_network *net = g->net;
    const eg_node *node = &net->nodes[index];
    char id[EG_GRAPHML_NUMBER_SIZE];
    snprintf(id, sizeof id, "n%zu", index);
    eg_xml_start(&g->x, "node");
    eg_xml_attribute(&g->x, "id", id);
    eg_xml_attribute(&g->x, "label", node->label);

    eg_xml_start(&g->x, "attvalues");
    value(g, "entity_type", eg_type_name(node->type));
    value(g, "aliases", join_aliases(g, node));
    value_optional(g, "website", node->website);
    value_optional(g, "first_date", node->first_date);
    value_optional(g, "last_date", node->last_date);
    value_count(g, "mentions", node->mentions);
    value_count(g, "documents", node->documents);
    for (size_t i = 0; i < net->n_metrics; i++)
        value_number(g, net->metrics[i].name, net->metrics[i].values[index], net->metrics[i].integer);
    eg_xml_end(&g->x);

    write_spell(g, node->first_date, node->last_date);

    eg_node_look look = eg_layout_node_look(net, index);
    eg_xml_start(&g->x, "viz:color");
    eg_xml_attribute_number(&g->x, "r", look.r, true);
    eg_xml_attribute_number(&g->x, "g", look.g, true);
    eg_xml_attribute_number(&g->x, "b", look.b, true);
    eg_xml_end(&g->x);
    eg_xml_start(&g->x, "viz:position");
    eg_xml_attribute_number(&g->x, "x", look.x, false);
    eg_xml_attribute_number(&g->x, "y", look.y, false);
    eg_xml_attribute(&g->x, "z", "0");
    eg_xml_end(&g->x);
    eg_xml_start(&g->x, "viz:size");
    eg_xml_attribute_number(&g->x, "value", look.size >= 0 ? look.size : 0, false);
    eg_xml_end(&g->x);
    eg_xml_end(&g->x);
}

static void write_edge(gexf *g, size_t index)
{
    const eg_edge *edge = &g->net->edges[index];
    char id[EG_GRAPHML_NUMBER_SIZE], source[EG_GRAPHML_NUMBER_SIZE], target[EG_GRAPHML_NUMBER_SIZE];
    snprintf(id, sizeof id, "e%zu", index);
    snprintf(source, sizeof source, "n%zu", edge->source);
    snprintf(target, sizeof target, "n%zu", edge->target);
    eg_xml_start(&g->x, "edge");
    eg_xml_attribute(&g->x, "id", id);
    eg_xml_attribute(&g->x, "source", source);
    eg_xml_attribute(&g->x, "target", target);
    if (g->mixed && edge->kind == EG_EDGE_CO_MENTION)
        eg_xml_attribute(&g->x, "type", "undirected");
    eg_xml_attribute_number(&g->x, "weight", edge->weight, false);
    if (edge->role && edge->role[0])
        eg_xml_attribute(&g->x, "label", edge->role);

    eg_xml_start(&g->x, "attvalues");
    value(g, "kind", eg_edge_kind_name(edge->kind));
    value_optional(g, "role", edge->role);
    value_optional(g, "evidence", edge->evidence);
    value_optional(g, "seats_history", edge->seats_history);
    value_optional(g, "first_date", edge->first_date);
    value_optional(g, "last_date", edge->last_date);
    value_count(g, "documents", edge->documents);
    if (edge->seats >= 0)
        value_number(g, "seats", edge->seats, true);
    value_number(g, "pmi", edge->pmi, false);
    eg_xml_end(&g->x);

    write_spell(g, edge->first_date, edge->last_date);
    eg_xml_end(&g->x);
}

static void write_document(gexf *g)
{
    const eg_network *net = g->net;
    char count[EG_GRAPHML_NUMBER_SIZE];
    eg_xml_start(&g->x, "gexf");
    /* what is written is valid in both versions: only the names differ */
    eg_xml_attribute(&g->x, "xmlns", g->v1_2 ? GEXF_NS_1_2 : GEXF_NS);
    eg_xml_attribute(&g->x, "xmlns:viz", g->v1_2 ? VIZ_NS_1_2 : VIZ_NS);
    eg_xml_attribute(&g->x, "xmlns:xsi", XSI_NS);
    eg_xml_attribute(&g->x, "xsi:schemaLocation", g->v1_2 ? GEXF_SCHEMA_LOCATION_1_2 : GEXF_SCHEMA_LOCATION);
    eg_xml_attribute(&g->x, "version", g->v1_2 ? "1.2" : "1.3");
    write_meta(g);
    eg_xml_start(&g->x, "graph");
    eg_xml_attribute(&g->x, "defaultedgetype", g->mixed ? "directed" : "undirected");
    eg_xml_attribute(&g->x, "mode", g->dynamic ? "dynamic" : "static");
    if (g->dynamic)
        eg_xml_attribute(&g->x, "timeformat", "date");
    write_attribute_declarations(g);
    eg_xml_start(&g->x, "nodes");
    snprintf(count, sizeof count, "%zu", net->n_nodes);
    eg_xml_attribute(&g->x, "count", count);
    for (size_t i = 0; i < net->n_nodes && !g->x.failed; i++)
        write_node(g, i);
    eg_xml_end(&g->x);
    eg_xml_start(&g->x, "edges");
    snprintf(count, sizeof count, "%zu", net->n_edges);
    eg_xml_attribute(&g->x, "count", count);
    for (size_t i = 0; i < net->n_edges && !g->x.failed; i++)
        write_edge(g, i);
    eg_xml_end(&g->x);
    eg_xml_end(&g->x);
    eg_xml_end(&g->x);
}

static eg_status write_gexf(const eg_network *net, FILE *fp, const eg_export_opts *opts, unsigned flags,
                            eg_error *err)
{
    eg_status status = check_network(net, err);
    if (status != EG_OK)
        return status;
    gexf g;
    memset(&g, 0, sizeof g);
    g.net = net;
    g.dynamic = opts->dynamic && any_date(net);
    g.mixed = (flags & EG_GEXF_MIXED) != 0;
    g.v1_2 = opts->gexf_1_2;
    eg_strbuf_init(&g.text);
    if ((status = eg_xml_writer_open(&g.x, fp, "GEXF", err)) != EG_OK)
        return status;
    write_document(&g);
    status = eg_xml_writer_close(&g.x, "GEXF", err);
    eg_strbuf_release(&g.text);
    return status;
}

eg_status eg_gexf_write_flags(const eg_network *net, FILE *fp, const eg_export_opts *opts,
                              unsigned flags, eg_error *err)
{
    static const eg_export_opts defaults = EG_EXPORT_OPTS_INIT;
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "GEXF: cannot create the C locale");
    eg_status status = write_gexf(net, fp, opts ? opts : &defaults, flags, err);
    eg_c_locale_leave(&locale);
    return status;
}

eg_status eg_gexf_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    return eg_gexf_write_flags(net, fp, opts, opts && opts->gexf_directed ? EG_GEXF_MIXED : 0, err);
}
