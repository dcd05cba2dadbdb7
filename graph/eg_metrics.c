#include "eg_metrics.h"

#include <igraph.h>
#include <stdlib.h>
#include <string.h>

/* The last igraph error, for the message; igraph reports errors through a
 * process-wide handler, so this is process-wide too (written on failure only). */
static char igraph_reason[256];

static void record_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    (void)file;
    (void)line;
    snprintf(igraph_reason, sizeof igraph_reason, "%s (%s)", reason ? reason : "",
             igraph_strerror(code));
    IGRAPH_FINALLY_FREE();
}

void eg_graph_setup(void)
{
    igraph_set_error_handler(record_error);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_set_attribute_table(&igraph_cattribute_table);
}

static eg_status fail(eg_error *err, const char *what)
{
    return eg_error_set(err, EG_EGRAPH, "%s: %s", what, igraph_reason);
}

static eg_status copy_out(eg_network *net, const char *name, bool integer, const igraph_vector_t *v)
{
    eg_metric *m;
    eg_status st = eg_network_add_metric(net, name, integer, &m);
    if (st)
        return st;
    for (size_t i = 0; i < net->n_nodes; i++)
        m->values[i] = VECTOR(*v)[(igraph_integer_t)i];
    return EG_OK;
}

eg_status eg_metrics_compute(eg_network *net, eg_error *err)
{
    eg_status st = EG_OK;
    igraph_t g;
    bool have_graph = false;
    igraph_vector_int_t edges, membership;
    igraph_vector_t weights, lengths, res;
    bool have_edges = false, have_w = false, have_l = false, have_res = false, have_m = false;
    igraph_integer_t nn = (igraph_integer_t)net->n_nodes;

    if (igraph_vector_int_init(&edges, 2 * (igraph_integer_t)net->n_edges)) {
        st = fail(err, "edges");
        goto cleanup;
    }
    have_edges = true;
    if (igraph_vector_init(&weights, (igraph_integer_t)net->n_edges)) {
        st = fail(err, "weights");
        goto cleanup;
    }
    have_w = true;
    if (igraph_vector_init(&lengths, (igraph_integer_t)net->n_edges)) {
        st = fail(err, "lengths");
        goto cleanup;
    }
    have_l = true;
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *e = &net->edges[i];
        double w = e->weight > 0 ? e->weight : 1.0;
        VECTOR(edges)[2 * (igraph_integer_t)i] = (igraph_integer_t)e->source;
        VECTOR(edges)[2 * (igraph_integer_t)i + 1] = (igraph_integer_t)e->target;
        VECTOR(weights)[(igraph_integer_t)i] = w;
        VECTOR(lengths)[(igraph_integer_t)i] = 1.0 / w;
    }
    if (igraph_create(&g, &edges, nn, IGRAPH_UNDIRECTED)) {
        st = fail(err, "building the graph");
        goto cleanup;
    }
    have_graph = true;
    if (igraph_vector_init(&res, nn)) {
        st = fail(err, "metrics");
        goto cleanup;
    }
    have_res = true;

    if (igraph_strength(&g, &res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, NULL)) {
        st = fail(err, "degree");
        goto cleanup;
    }
    if ((st = copy_out(net, "degree", true, &res)))
        goto cleanup;
    if (igraph_strength(&g, &res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &weights)) {
        st = fail(err, "weighted degree");
        goto cleanup;
    }
    if ((st = copy_out(net, "weighted_degree", false, &res)))
        goto cleanup;
    if (igraph_betweenness(&g, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, &lengths)) {
        st = fail(err, "betweenness");
        goto cleanup;
    }
    if ((st = copy_out(net, "betweenness", false, &res)))
        goto cleanup;
    igraph_real_t value;
    if (igraph_pagerank(&g, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value, igraph_vss_all(),
                        IGRAPH_UNDIRECTED, 0.85, &weights, NULL)) {
        st = fail(err, "pagerank");
        goto cleanup;
    }
    if ((st = copy_out(net, "pagerank", false, &res)))
        goto cleanup;

    if (igraph_vector_int_init(&membership, nn)) {
        st = fail(err, "community");
        goto cleanup;
    }
    have_m = true;
    /* seeded: the multilevel method visits nodes in a random order */
    igraph_rng_seed(igraph_rng_default(), 20201204);
    if (nn > 0 && igraph_community_multilevel(&g, &weights, 1.0, &membership, NULL, NULL)) {
        st = fail(err, "community");
        goto cleanup;
    }
    {
        /* renumber communities by first appearance, so ids follow node order */
        igraph_integer_t *map = malloc((size_t)(nn ? nn : 1) * sizeof *map);
        if (!map) {
            st = EG_ENOMEM;
            goto cleanup;
        }
        for (igraph_integer_t i = 0; i < nn; i++)
            map[i] = -1;
        igraph_integer_t next = 0;
        for (igraph_integer_t i = 0; i < nn; i++) {
            igraph_integer_t c = VECTOR(membership)[i];
            if (c >= 0 && c < nn && map[c] < 0)
                map[c] = next++;
            VECTOR(res)[i] = (c >= 0 && c < nn) ? (igraph_real_t)map[c] : 0;
        }
        free(map);
    }
    st = copy_out(net, "community", true, &res);
cleanup:
    if (have_m)
        igraph_vector_int_destroy(&membership);
    if (have_res)
        igraph_vector_destroy(&res);
    if (have_graph)
        igraph_destroy(&g);
    if (have_l)
        igraph_vector_destroy(&lengths);
    if (have_w)
        igraph_vector_destroy(&weights);
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    return st;
}
