#include "eg_network.h"

#include <stdlib.h>
#include <string.h>

static const char *const edge_kind_names[EG_EDGE_KIND_COUNT] = {
    "role", "delegation", "adopted", "signed", "developed", "approved", "part_of", "country_of",
    "co_mention"};

const char *eg_edge_kind_name(eg_edge_kind kind)
{
    return (unsigned)kind < EG_EDGE_KIND_COUNT ? edge_kind_names[kind] : "unknown";
}

bool eg_edge_kind_parse(const char *name, eg_edge_kind *kind)
{
    for (int i = 0; i < EG_EDGE_KIND_COUNT; i++) {
        if (name && strcmp(name, edge_kind_names[i]) == 0) {
            *kind = (eg_edge_kind)i;
            return true;
        }
    }
    return false;
}

void eg_network_init(eg_network *net)
{
    memset(net, 0, sizeof *net);
}

void eg_network_release(eg_network *net)
{
    if (!net)
        return;
    for (size_t i = 0; i < net->n_nodes; i++) {
        eg_node *n = &net->nodes[i];
        free(n->label);
        for (size_t j = 0; j < n->n_aliases; j++)
            free(n->aliases[j]);
        free(n->aliases);
        free(n->website);
    }
    for (size_t i = 0; i < net->n_edges; i++) {
        free(net->edges[i].role);
        free(net->edges[i].seats_history);
    }
    for (size_t i = 0; i < net->n_metrics; i++) {
        free(net->metrics[i].name);
        free(net->metrics[i].values);
    }
    for (size_t i = 0; i < net->n_attrs; i++)
        free(net->attrs[i].name);
    for (size_t i = 0; i < net->n_merges; i++) {
        free(net->merges[i].alias);
        free(net->merges[i].via);
        free(net->merges[i].document);
        free(net->merges[i].example);
    }
    free(net->merges);
    free(net->attrs);
    free(net->nodes);
    free(net->edges);
    free(net->metrics);
    eg_strpool_release(&net->texts);
    eg_network_init(net);
}

const eg_metric *eg_network_metric(const eg_network *net, const char *name)
{
    for (size_t i = 0; i < net->n_metrics; i++)
        if (strcmp(net->metrics[i].name, name) == 0)
            return &net->metrics[i];
    return NULL;
}

eg_status eg_network_add_metric(eg_network *net, const char *name, bool integer, eg_metric **out)
{
    *out = NULL;
    for (size_t i = 0; i < net->n_metrics; i++) {
        if (strcmp(net->metrics[i].name, name) == 0) {
            eg_metric *m = &net->metrics[i];
            m->integer = integer;
            if (net->n_nodes)
                memset(m->values, 0, net->n_nodes * sizeof *m->values);
            *out = m;
            return EG_OK;
        }
    }
    eg_metric *grown = realloc(net->metrics, (net->n_metrics + 1) * sizeof *grown);
    if (!grown)
        return EG_ENOMEM;
    net->metrics = grown;
    eg_metric m = {eg_strdup(name), integer, calloc(net->n_nodes ? net->n_nodes : 1, sizeof(double))};
    if (!m.name || !m.values) {
        free(m.name);
        free(m.values);
        return EG_ENOMEM;
    }
    net->metrics[net->n_metrics] = m;
    *out = &net->metrics[net->n_metrics++];
    return EG_OK;
}

eg_status eg_network_set_attr(eg_network *net, const char *name, double value, bool integer)
{
    for (size_t i = 0; i < net->n_attrs; i++) {
        if (strcmp(net->attrs[i].name, name) == 0) {
            net->attrs[i].value = value;
            net->attrs[i].integer = integer;
            return EG_OK;
        }
    }
    eg_graph_attr *grown = realloc(net->attrs, (net->n_attrs + 1) * sizeof *grown);
    if (!grown)
        return EG_ENOMEM;
    net->attrs = grown;
    char *copy = eg_strdup(name);
    if (!copy)
        return EG_ENOMEM;
    net->attrs[net->n_attrs++] = (eg_graph_attr){copy, value, integer};
    return EG_OK;
}

const eg_graph_attr *eg_network_attr(const eg_network *net, const char *name)
{
    for (size_t i = 0; i < net->n_attrs; i++)
        if (strcmp(net->attrs[i].name, name) == 0)
            return &net->attrs[i];
    return NULL;
}

const char *eg_network_text(eg_network *net, const char *s)
{
    return eg_strpool_intern(&net->texts, s);
}
