/*
 * test_metrics.c - eg_metrics on small graphs with known values.
 *
 * Reference values come from networkx 2.8.8 (Debian python3-networkx, run by
 * /usr/bin/python3) on the same graphs; each check names the call. Zachary's
 * karate club is igraph_famous("Zachary"), whose 78 edges are those of
 * networkx.karate_club_graph() taken without its weights.
 */
#include "eg_metrics.h"
#include "eg_paths.h"
#include "tap.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Fills net (initialised here) with n nodes "v0".."v<n-1>" and a copy of edges. */
static void make_net(eg_network *net, size_t n, const eg_edge *edges, size_t n_edges)
{
    eg_network_init(net);
    net->nodes = calloc(n ? n : 1, sizeof *net->nodes);
    net->n_nodes = n;
    for (size_t i = 0; i < n; i++) {
        char label[32];
        snprintf(label, sizeof label, "v%zu", i);
        net->nodes[i].label = eg_strdup(label);
    }
    net->edges = calloc(n_edges ? n_edges : 1, sizeof *net->edges);
    net->n_edges = n_edges;
    if (n_edges)
        memcpy(net->edges, edges, n_edges * sizeof *edges);
}

static eg_edge co(size_t a, size_t b, double w)
{
    return (eg_edge){.source = a, .target = b, .kind = EG_EDGE_CO_MENTION, .role = NULL,
                     .weight = w, .documents = 1, .first_date = "", .last_date = "",
                     .evidence = NULL, .seats = -1, .seats_history = NULL, .pmi = 0};
}

static eg_edge of_kind(size_t a, size_t b, eg_edge_kind kind, double w)
{
    eg_edge e = co(a, b, w);
    e.kind = kind;
    return e;
}

static double value(const eg_network *net, const char *metric, size_t node)
{
    const eg_metric *m = eg_network_metric(net, metric);
    return m ? m->values[node] : NAN;
}

static double attr(const eg_network *net, const char *name)
{
    const eg_graph_attr *a = eg_network_attr(net, name);
    return a ? a->value : NAN;
}

static void make_karate(eg_network *net)
{
    igraph_t g;
    igraph_famous(&g, "Zachary");
    size_t m = (size_t)igraph_ecount(&g);
    eg_edge *edges = calloc(m, sizeof *edges);
    for (size_t i = 0; i < m; i++)
        edges[i] = co((size_t)IGRAPH_FROM(&g, (igraph_integer_t)i),
                      (size_t)IGRAPH_TO(&g, (igraph_integer_t)i), 1.0);
    make_net(net, (size_t)igraph_vcount(&g), edges, m);
    free(edges);
    igraph_destroy(&g);
}

/* Community ids are 0, 1, ... by first appearance in node order. */
static bool numbered_by_appearance(const eg_network *net, const char *metric)
{
    const eg_metric *m = eg_network_metric(net, metric);
    if (!m)
        return false;
    double next = 0;
    for (size_t i = 0; i < net->n_nodes; i++) {
        if (m->values[i] > next)
            return false;
        if (m->values[i] == next)
            next++;
    }
    return true;
}

static void test_karate(void)
{
    eg_network net;
    make_karate(&net);
    eg_error err = {0};
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "karate: metrics computed");
    if (err.code)
        tap_diag(err.message);

    static const char *const names[] = {"degree", "weighted_degree", "betweenness", "closeness",
                                        "harmonic", "eigenvector", "pagerank", "coreness",
                                        "clustering", "community", "louvain", "component"};
    bool all = net.n_metrics == sizeof names / sizeof names[0];
    for (size_t i = 0; all && i < net.n_metrics; i++)
        all = strcmp(net.metrics[i].name, names[i]) == 0;
    tap_ok(all, "karate: the twelve metrics, in order");

    tap_int((long long)value(&net, "degree", 0), 16, "karate: degree of node 0");
    tap_int((long long)value(&net, "degree", 33), 17, "karate: degree of node 33");
    tap_near(value(&net, "weighted_degree", 33), 17, 0, "karate: weighted degree = degree at weight 1");

    /* networkx betweenness_centrality(G, normalized=False) */
    tap_near(value(&net, "betweenness", 0), 231.0714285714, 1e-6, "karate: betweenness of node 0");
    tap_near(value(&net, "betweenness", 33), 160.5515873015873, 1e-6, "karate: betweenness of node 33");

    /* networkx pagerank(G, alpha=0.85, tol=1e-12, weight=None) */
    tap_near(value(&net, "pagerank", 0), 0.09699728539860193, 1e-6, "karate: pagerank of node 0");
    tap_near(value(&net, "pagerank", 33), 0.10091918232295749, 1e-6, "karate: pagerank of node 33");

    /* networkx closeness_centrality(G, wf_improved=False) */
    tap_near(value(&net, "closeness", 0), 0.5689655172413793, 1e-9, "karate: closeness of node 0");
    tap_near(value(&net, "closeness", 2), 0.559322033898305, 1e-9, "karate: closeness of node 2");
    tap_near(value(&net, "closeness", 16), 0.28448275862068967, 1e-9, "karate: closeness of node 16");
    tap_near(value(&net, "closeness", 33), 0.55, 1e-9, "karate: closeness of node 33");

    /* networkx harmonic_centrality(G)[v] / (n - 1): networkx gives the bare sum */
    tap_near(value(&net, "harmonic", 0), 0.7020202020202019, 1e-9, "karate: harmonic of node 0");
    tap_near(value(&net, "harmonic", 2), 0.6363636363636364, 1e-9, "karate: harmonic of node 2");
    tap_near(value(&net, "harmonic", 16), 0.33636363636363625, 1e-9, "karate: harmonic of node 16");
    tap_near(value(&net, "harmonic", 33), 0.7045454545454546, 1e-9, "karate: harmonic of node 33");

    /* networkx eigenvector_centrality_numpy(G) has Euclidean length 1 (node 0:
     * 0.35549144452456666, node 33: 0.37336347029148315); ours has maximum 1,
     * so the reference is divided by its maximum, node 33's. */
    tap_near(value(&net, "eigenvector", 33), 1.0, 1e-6, "karate: eigenvector of node 33 is the maximum");
    tap_near(value(&net, "eigenvector", 0), 0.35549144452456666 / 0.37336347029148315, 1e-6,
             "karate: eigenvector of node 0, rescaled");
    tap_near(value(&net, "eigenvector", 16), 0.023635628104591116 / 0.37336347029148315, 1e-6,
             "karate: eigenvector of node 16, rescaled");

    /* networkx core_number(G) */
    static const int core[34] = {4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2,
                                 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4};
    bool cores = true;
    for (size_t i = 0; i < 34; i++)
        cores = cores && value(&net, "coreness", i) == core[i];
    tap_ok(cores, "karate: coreness of every node");

    /* networkx clustering(G) */
    tap_near(value(&net, "clustering", 0), 0.15, 1e-12, "karate: clustering of node 0");
    tap_near(value(&net, "clustering", 2), 0.24444444444444444, 1e-12, "karate: clustering of node 2");
    tap_near(value(&net, "clustering", 11), 0, 0, "karate: clustering of a node of degree 1 is 0");
    tap_near(value(&net, "clustering", 33), 0.11029411764705882, 1e-12, "karate: clustering of node 33");

    /* networkx average_clustering(G), density(G) */
    tap_near(attr(&net, "average_clustering"), 0.5706384782076823, 1e-12, "karate: average_clustering");
    tap_near(attr(&net, "density"), 0.13903743315508021, 1e-12, "karate: density");
    tap_int((long long)attr(&net, "nodes"), 34, "karate: nodes");
    tap_int((long long)attr(&net, "edges"), 78, "karate: edges");
    tap_int((long long)attr(&net, "components"), 1, "karate: one component");
    tap_int((long long)attr(&net, "largest_component"), 34, "karate: largest component");
    tap_ok(attr(&net, "modularity") > 0.3, "karate: modularity of the Leiden communities > 0.3");
    tap_ok(attr(&net, "louvain_modularity") > 0.3, "karate: modularity of the Louvain communities > 0.3");
    tap_ok(!eg_network_attr(&net, "betweenness_cutoff"), "karate: exact, no cutoff recorded");

    tap_ok(value(&net, "community", 0) != value(&net, "community", 33),
           "karate: the two leaders fall in different communities");
    tap_ok(numbered_by_appearance(&net, "community") && numbered_by_appearance(&net, "louvain"),
           "karate: communities numbered by first appearance");
    bool comp0 = true;
    for (size_t i = 0; i < 34; i++)
        comp0 = comp0 && value(&net, "component", i) == 0;
    tap_ok(comp0, "karate: component 0 everywhere");

    /* Runs repeat even when something else used igraph's RNG in between. */
    double leiden[34], louvain[34];
    for (size_t i = 0; i < 34; i++) {
        leiden[i] = value(&net, "community", i);
        louvain[i] = value(&net, "louvain", i);
    }
    igraph_rng_seed(igraph_rng_default(), 42);
    (void)RNG_INTEGER(0, 1000);
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "karate: computed again");
    tap_ok(memcmp(leiden, eg_network_metric(&net, "community")->values, sizeof leiden) == 0,
           "karate: Leiden communities repeat run to run");
    tap_ok(memcmp(louvain, eg_network_metric(&net, "louvain")->values, sizeof louvain) == 0,
           "karate: Louvain communities repeat run to run");
    tap_int((long long)net.n_metrics, 12, "karate: a second run replaces, not adds, the columns");

    /* Another seed is another run of the same method. */
    eg_metrics_opts o = EG_METRICS_OPTS_INIT;
    o.seed = 7;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK && attr(&net, "modularity") > 0.3,
           "karate: another seed still finds the structure");
    eg_network_release(&net);
}

/* Two nodes joined by a heavy two-hop path and a light direct edge: weights
 * are distances of 1/weight for the path metrics, strengths for the rest. */
static void test_weights(void)
{
    eg_edge edges[] = {co(0, 1, 4), co(1, 2, 4), co(0, 2, 1)};
    eg_network net;
    make_net(&net, 3, edges, 3);
    eg_error err = {0};
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "weights: computed");
    tap_near(value(&net, "betweenness", 1), 1, 1e-12, "weights: the strong path 0-1-2 (0.5) beats the weak edge (1)");
    tap_near(value(&net, "betweenness", 0), 0, 1e-12, "weights: no path through node 0");
    /* closeness of 0: distances 0.25 and 0.5 -> 2 / 0.75 */
    tap_near(value(&net, "closeness", 0), 2 / 0.75, 1e-12, "weights: closeness over 1/weight distances");
    /* harmonic of 0: (4 + 2) / 2 */
    tap_near(value(&net, "harmonic", 0), 3, 1e-12, "weights: harmonic over 1/weight distances, / (n-1)");
    tap_near(value(&net, "weighted_degree", 1), 8, 0, "weights: weighted degree sums weights");
    tap_ok(value(&net, "pagerank", 1) > value(&net, "pagerank", 0), "weights: pagerank follows strength");
    tap_near(value(&net, "eigenvector", 1), 1, 1e-9, "weights: the strongest node has eigenvector 1");

    /* A weight that is no positive finite number counts as 1. */
    net.edges[2].weight = -3;
    net.edges[0].weight = NAN;
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "weights: bad weights accepted");
    tap_near(value(&net, "weighted_degree", 0), 2, 0, "weights: -3 and NaN count as 1");
    eg_network_release(&net);
}

/* A triangle, a pair and two isolated nodes. */
static void test_components(void)
{
    eg_edge edges[] = {co(0, 1, 1), co(1, 2, 1), co(0, 2, 1), co(3, 5, 1)};
    eg_network net;
    make_net(&net, 7, edges, 4);
    eg_error err = {0};
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "components: computed");
    static const double want[7] = {0, 0, 0, 1, 2, 1, 3};
    bool same = true;
    for (size_t i = 0; i < 7; i++)
        same = same && value(&net, "component", i) == want[i];
    tap_ok(same, "components: ids by first appearance, isolated nodes their own");
    tap_int((long long)attr(&net, "components"), 4, "components: four");
    tap_int((long long)attr(&net, "largest_component"), 3, "components: the largest has 3 nodes");
    tap_near(value(&net, "closeness", 3), 1, 1e-12, "components: closeness over the reachable node only");
    tap_near(value(&net, "closeness", 4), 0, 0, "components: closeness of an isolated node is 0");
    tap_near(value(&net, "harmonic", 3), 1.0 / 6, 1e-12, "components: harmonic divides by n - 1");
    tap_near(value(&net, "harmonic", 4), 0, 0, "components: harmonic of an isolated node is 0");
    tap_near(value(&net, "clustering", 0), 1, 0, "components: a triangle is fully clustered");
    tap_near(value(&net, "clustering", 3), 0, 0, "components: degree 1 has clustering 0");
    tap_near(attr(&net, "average_clustering"), 3.0 / 7, 1e-12, "components: average counts the zeros");
    tap_near(value(&net, "eigenvector", 4), 0, 1e-12, "components: eigenvector 0 outside the main component");
    tap_int((long long)value(&net, "coreness", 0), 2, "components: the triangle is a 2-core");
    tap_int((long long)value(&net, "coreness", 4), 0, "components: an isolated node has coreness 0");
    double pr = 0;
    for (size_t i = 0; i < 7; i++)
        pr += value(&net, "pagerank", i);
    tap_near(pr, 1, 1e-9, "components: pagerank sums to 1");
    tap_ok(value(&net, "community", 0) == value(&net, "community", 2) &&
           value(&net, "community", 0) != value(&net, "community", 3) &&
           numbered_by_appearance(&net, "community"),
           "components: the triangle is one community, the pair another");
    eg_network_release(&net);
}

/* Role edges 0-1, 1-2; structure 2-3; co-mention 0-2 (weight 1), 3-4 (weight 3). */
static void test_layers(void)
{
    eg_edge edges[] = {of_kind(0, 1, EG_EDGE_ROLE, 1), of_kind(1, 2, EG_EDGE_ROLE, 1),
                       co(0, 2, 1), of_kind(2, 3, EG_EDGE_PART_OF, 2), co(3, 4, 3)};
    eg_network net;
    make_net(&net, 5, edges, 5);
    eg_error err = {0};
    eg_metrics_opts o = EG_METRICS_OPTS_INIT;

    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "layers: all");
    tap_int((long long)attr(&net, "edges"), 5, "layers: all five edges take part");
    tap_int((long long)value(&net, "degree", 2), 3, "layers: node 2 has three neighbours in all");

    o.layers = EG_METRICS_LAYER_ROLE;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "layers: role");
    tap_int((long long)attr(&net, "edges"), 2, "layers: two role edges");
    tap_int((long long)value(&net, "degree", 2), 1, "layers: node 2 has one role neighbour");
    tap_int((long long)attr(&net, "components"), 3, "layers: nodes 3 and 4 fall apart");
    tap_near(value(&net, "betweenness", 1), 1, 1e-12, "layers: node 1 brokers the role path");
    tap_int((long long)net.n_edges, 5, "layers: edges left out stay in the network");

    o.layers = EG_METRICS_LAYER_STRUCTURE;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "layers: structure");
    tap_int((long long)attr(&net, "edges"), 1, "layers: one structure edge");
    tap_near(value(&net, "weighted_degree", 3), 2, 0, "layers: its weight");

    o.layers = EG_METRICS_LAYER_CO_MENTION;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "layers: co_mention");
    tap_int((long long)attr(&net, "edges"), 2, "layers: two co-mention edges");

    o.layers = EG_METRICS_LAYER_ALL;
    o.min_weight = 2;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "min_weight 2");
    tap_int((long long)attr(&net, "edges"), 4, "min_weight: the weight-1 co-mention is left out");
    tap_int((long long)value(&net, "degree", 0), 1, "min_weight: the weight-1 role edge stays");
    tap_near(attr(&net, "min_weight"), 2, 0, "min_weight: recorded in the summary");
    o.min_weight = 4;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK && attr(&net, "edges") == 3,
           "min_weight 4: both co-mention edges are left out");
    o.min_weight = 0;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK && !eg_network_attr(&net, "min_weight"),
           "min_weight: the note goes when it no longer applies");

    unsigned layers = 99;
    tap_ok(eg_metrics_layer_parse("role", &layers) && layers == EG_METRICS_LAYER_ROLE, "layer name: role");
    tap_ok(eg_metrics_layer_parse("structure", &layers) && layers == EG_METRICS_LAYER_STRUCTURE &&
           (layers & EG_METRICS_LAYER(EG_EDGE_DELEGATION)) && (layers & EG_METRICS_LAYER(EG_EDGE_SIGNED)) &&
           !(layers & EG_METRICS_LAYER(EG_EDGE_ROLE)), "layer name: structure");
    tap_ok(eg_metrics_layer_parse("co_mention", &layers) && layers == EG_METRICS_LAYER_CO_MENTION,
           "layer name: co_mention");
    tap_ok(eg_metrics_layer_parse("all", &layers) && layers == 0, "layer name: all");
    tap_ok(!eg_metrics_layer_parse("roles", &layers) && !eg_metrics_layer_parse(NULL, &layers) && layers == 0,
           "layer name: unknown names refused");
    eg_network_release(&net);
}

/* A ring of n nodes with weight-1 edges. */
static void make_ring(eg_network *net, size_t n)
{
    eg_edge *edges = calloc(n, sizeof *edges);
    for (size_t i = 0; i < n; i++)
        edges[i] = co(i, (i + 1) % n, 1);
    make_net(net, n, edges, n);
    free(edges);
}

typedef struct progress_log {
    int calls;
    double last;
    bool monotone;
    char last_what[32];
} progress_log;

static void on_progress(void *data, const char *what, double fraction)
{
    progress_log *p = data;
    if (fraction < p->last)
        p->monotone = false;
    p->last = fraction;
    p->calls++;
    snprintf(p->last_what, sizeof p->last_what, "%s", what);
}

static void test_cutoff(void)
{
    eg_network net;
    make_ring(&net, 50);
    eg_error err = {0};
    eg_metrics_opts o = EG_METRICS_OPTS_INIT;

    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "cutoff: exact ring");
    /* exact: pairs up to 25 apart pass through a node, not only those 2 apart */
    double exact = value(&net, "betweenness", 0);
    tap_ok(!eg_network_attr(&net, "betweenness_cutoff"), "cutoff: none below the work limit");

    /* 50 nodes x 50 edges = 2500 > 100: the cutoff variants, with cutoff 2 */
    o.work_limit = 100;
    o.cutoff = 2;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "cutoff: given cutoff 2");
    tap_near(value(&net, "betweenness", 0), 1, 1e-12, "cutoff: only the pair two apart goes through");
    tap_ok(exact > 1, "cutoff: the exact value is larger");
    tap_near(value(&net, "closeness", 0), 4.0 / 6, 1e-12, "cutoff: closeness over the 4 nodes within 2");
    tap_near(value(&net, "harmonic", 0), 3.0 / 49, 1e-12, "cutoff: harmonic of the nodes within 2, / (n-1)");
    tap_near(attr(&net, "betweenness_cutoff"), 2, 0, "cutoff: betweenness_cutoff recorded");
    tap_near(attr(&net, "closeness_cutoff"), 2, 0, "cutoff: closeness_cutoff recorded");
    tap_near(attr(&net, "harmonic_cutoff"), 2, 0, "cutoff: harmonic_cutoff recorded");

    o.exact = true;
    progress_log p = {0, 0, true, ""};
    o.progress = on_progress;
    o.progress_data = &p;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "cutoff: exact forced");
    tap_near(value(&net, "betweenness", 0), exact, 1e-9, "cutoff: exact forced gives the exact value");
    tap_ok(!eg_network_attr(&net, "betweenness_cutoff") && !eg_network_attr(&net, "harmonic_cutoff"),
           "cutoff: the notes go when no cutoff applies");
    tap_ok(!eg_network_attr(&net, "betweenness_sources"), "cutoff: nor are sources noted");
    tap_int(p.calls, 13, "progress: once per metric and once at the end");
    tap_ok(p.monotone && p.last == 1.0 && strcmp(p.last_what, "done") == 0, "progress: rises to done, 1");
    eg_network_release(&net);
}

/* A ring of 60 nodes (0-59) and a path of 3 (60-62), unit weights. */
static void make_ring_and_path(eg_network *net)
{
    eg_edge edges[62];
    for (size_t i = 0; i < 60; i++)
        edges[i] = co(i, (i + 1) % 60, 1);
    edges[60] = co(60, 61, 1);
    edges[61] = co(61, 62, 1);
    make_net(net, 63, edges, 62);
}

static double column_sum(const eg_network *net, const char *metric, size_t from, size_t to)
{
    double sum = 0;
    for (size_t i = from; i < to; i++)
        sum += value(net, metric, i);
    return sum;
}

static void test_sampled(void)
{
    eg_network net;
    eg_error err = {0};
    eg_metrics_opts o = EG_METRICS_OPTS_INIT;
    make_ring_and_path(&net);
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "sampled: exact first");
    double exact_b = value(&net, "betweenness", 0), exact_c = value(&net, "closeness", 0),
           exact_h = value(&net, "harmonic", 0);

    o.sources = 12;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "sampled: 12 sources a component");
    tap_near(attr(&net, "betweenness_sources"), 12, 0, "sampled: betweenness_sources recorded");
    tap_near(attr(&net, "closeness_sources"), 12, 0, "sampled: closeness_sources recorded");
    tap_near(attr(&net, "harmonic_sources"), 12, 0, "sampled: harmonic_sources recorded");
    /* the path has fewer nodes than sources: searched from all, exact */
    tap_near(value(&net, "betweenness", 61), 1, 1e-12, "sampled: a small component stays exact (betweenness)");
    tap_near(value(&net, "closeness", 60), 2.0 / 3, 1e-12, "sampled: a small component stays exact (closeness)");
    tap_near(value(&net, "harmonic", 60), 1.5 / 62, 1e-12, "sampled: a small component stays exact (harmonic)");
    /* every source of a ring depends on the nodes alike, so the scaled
     * sample gives the exact total, whichever sources were drawn */
    tap_near(column_sum(&net, "betweenness", 0, 60), 60 * exact_b, 1e-6,
             "sampled: the ring's total betweenness, scaled by 60/12, is exact");
    /* 12 of 60 sources: a sample mean of 12 distances, whose spread is a
     * sixth of the mean or so (measured: 18% and 34% mean errors; a wrong
     * scale would be 100% or more) */
    double err_c = 0, err_h = 0;
    bool differs = false;
    for (size_t v = 0; v < 60; v++) {
        err_c += fabs(value(&net, "closeness", v) / exact_c - 1) / 60;
        err_h += fabs(value(&net, "harmonic", v) / exact_h - 1) / 60;
        differs = differs || value(&net, "betweenness", v) != exact_b;
    }
    tap_ok(err_c < 0.25 && err_h < 0.5, "sampled: closeness and harmonic of the ring near the exact values");
    tap_ok(differs, "sampled: the ring's betweenness values are estimates, not the exact ones");
    double first = value(&net, "betweenness", 7);
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK && value(&net, "betweenness", 7) == first,
           "sampled: the same seed draws the same sources");

    o.sources = 60;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "sampled: as many sources as nodes");
    tap_near(value(&net, "betweenness", 0), exact_b, 1e-9, "sampled: every node a source, exact");
    tap_near(value(&net, "closeness", 0), exact_c, 1e-12, "sampled: every node a source, exact closeness");
    tap_ok(!eg_network_attr(&net, "betweenness_sources"), "sampled: nothing sampled, nothing noted");

    /* by default: above the work limit, work_limit / edges sources, at
     * least EG_METRICS_MIN_SOURCES */
    o.sources = 0;
    o.work_limit = 100;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK && !eg_network_attr(&net, "betweenness_sources"),
           "sampled: at least 64 sources, so 60 nodes stay exact");
    eg_network_release(&net);
    make_ring(&net, 100);
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "sampled: a ring of 100 above the work limit");
    tap_near(attr(&net, "betweenness_sources"), EG_METRICS_MIN_SOURCES, 0, "sampled: the fewest sources");
    o.sources = 1;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_EINVAL, "sampled: one source is refused");
    eg_network_release(&net);
}

/* entigraph's own searches (eg_paths_from_sources) against igraph's, on
 * Zachary's karate club with lengths that tie and lengths that do not, and
 * a few sources. */
static void test_own_searches(void)
{
    igraph_t g;
    igraph_famous(&g, "Zachary");
    igraph_integer_t m = igraph_ecount(&g), n = igraph_vcount(&g);
    igraph_vector_t lengths, dep, dist, inv, expect;
    igraph_matrix_t d;
    igraph_vector_int_t sources;
    igraph_vector_init(&lengths, m);
    igraph_vector_init(&dep, 0);
    igraph_vector_init(&dist, 0);
    igraph_vector_init(&inv, 0);
    igraph_vector_init(&expect, 0);
    igraph_matrix_init(&d, 0, 0);
    igraph_vector_int_init(&sources, 0);
    for (igraph_integer_t k = 0; k < 5; k++)
        igraph_vector_int_push_back(&sources, k * 7);
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: every length 1 (many ties); pass 1: 1/w for w = 1..3, as
         * the metrics' lengths are (ties only within the rounding) */
        for (igraph_integer_t e = 0; e < m; e++)
            VECTOR(lengths)[e] = pass == 0 ? 1 : 1.0 / (double)(1 + e % 3);
        bool ok = eg_paths_from_sources(&g, &lengths, &sources, 2, &dep, &dist, &inv) == IGRAPH_SUCCESS &&
                  igraph_betweenness_subset(&g, &expect, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                            igraph_vss_vector(&sources), igraph_vss_all(), &lengths) ==
                      IGRAPH_SUCCESS &&
                  igraph_distances_dijkstra(&g, &d, igraph_vss_vector(&sources), igraph_vss_all(), &lengths,
                                            IGRAPH_ALL) == IGRAPH_SUCCESS;
        double worst_b = 0, worst_d = 0, worst_i = 0;
        for (igraph_integer_t v = 0; ok && v < n; v++) {
            double sum = 0, sum_inv = 0;
            for (igraph_integer_t i = 0; i < igraph_vector_int_size(&sources); i++)
                if (VECTOR(sources)[i] != v) {
                    sum += MATRIX(d, i, v);
                    sum_inv += 1 / MATRIX(d, i, v);
                }
            worst_b = fmax(worst_b, fabs(VECTOR(dep)[v] - VECTOR(expect)[v]));
            worst_d = fmax(worst_d, fabs(VECTOR(dist)[v] - sum));
            worst_i = fmax(worst_i, fabs(VECTOR(inv)[v] - sum_inv));
        }
        tap_ok(ok, pass ? "own searches: weighted karate" : "own searches: unit karate");
        tap_near(worst_b, 0, 1e-9, "own searches: betweenness from the sources as igraph's subset");
        tap_near(worst_d, 0, 1e-9, "own searches: distance sums as igraph's Dijkstra");
        tap_near(worst_i, 0, 1e-9, "own searches: inverse distance sums as igraph's Dijkstra");
        igraph_vector_t one;
        igraph_vector_init(&one, 0);
        bool same = eg_paths_from_sources(&g, &lengths, &sources, 1, &one, NULL, NULL) == IGRAPH_SUCCESS;
        for (igraph_integer_t v = 0; same && v < n; v++)
            same = VECTOR(one)[v] == VECTOR(dep)[v];
        tap_ok(same, "own searches: one thread or two, the same sums to the last bit");
        igraph_vector_destroy(&one);
    }
    igraph_vector_int_destroy(&sources);
    igraph_matrix_destroy(&d);
    igraph_vector_destroy(&expect);
    igraph_vector_destroy(&inv);
    igraph_vector_destroy(&dist);
    igraph_vector_destroy(&dep);
    igraph_vector_destroy(&lengths);
    igraph_destroy(&g);
}

static void test_edge_cases(void)
{
    eg_network net;
    eg_error err = {0};
    make_net(&net, 0, NULL, 0);
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "empty network");
    tap_int((long long)attr(&net, "nodes"), 0, "empty network: 0 nodes");
    tap_near(attr(&net, "density"), 0, 0, "empty network: density 0");
    eg_network_release(&net);

    make_net(&net, 4, NULL, 0);
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "no edges");
    tap_ok(value(&net, "community", 3) == 3 && value(&net, "louvain", 3) == 3,
           "no edges: every node its own community");
    tap_near(attr(&net, "modularity"), 0, 0, "no edges: modularity 0");
    tap_int((long long)attr(&net, "components"), 4, "no edges: four components");
    eg_network_release(&net);

    eg_edge loop[] = {co(0, 0, 5), co(0, 1, 1)};
    make_net(&net, 2, loop, 2);
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK && attr(&net, "edges") == 1 &&
           value(&net, "weighted_degree", 0) == 1, "a loop takes no part");
    eg_network_release(&net);

    eg_edge bad[] = {co(0, 7, 1)};
    make_net(&net, 2, bad, 1);
    eg_error_clear(&err);
    tap_int(eg_metrics_compute(&net, NULL, &err), EG_EINVAL, "an edge to a missing node is refused");
    tap_ok(strstr(err.message, "edge 0") != NULL, "... and the message names the edge");
    net.edges[0].target = 1;
    eg_metrics_opts o = EG_METRICS_OPTS_INIT;
    o.min_weight = -1;
    tap_int(eg_metrics_compute(&net, &o, &err), EG_EINVAL, "a negative min_weight is refused");
    o.min_weight = NAN;
    tap_int(eg_metrics_compute(&net, &o, &err), EG_EINVAL, "a NaN min_weight is refused");
    eg_network_release(&net);
}

static void test_which(void)
{
    unsigned which = 0;
    tap_ok(eg_metrics_parse("degree,pagerank", &which) &&
               which == (EG_METRIC_DEGREE | EG_METRIC_PAGERANK),
           "which: a list of names");
    tap_ok(eg_metrics_parse("fast", &which) && which == (EG_METRICS_ALL & ~(unsigned)EG_METRICS_PATHS),
           "which: fast is all but the three path metrics");
    tap_ok(eg_metrics_parse("all", &which) && which == EG_METRICS_ALL, "which: all");
    which = 7;
    tap_ok(!eg_metrics_parse("degree,pagerankx", &which) && !eg_metrics_parse("", &which) &&
               !eg_metrics_parse("degree,", &which) && which == 7,
           "which: an unknown or empty name is refused, *which left alone");

    eg_network net;
    make_karate(&net);
    eg_error err = {0};
    eg_metrics_opts o = EG_METRICS_OPTS_INIT;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK && eg_network_metric(&net, "betweenness") &&
               eg_network_attr(&net, "modularity"),
           "which: all by default");
    double pagerank0 = value(&net, "pagerank", 0);
    o.which = EG_METRICS_ALL & ~(unsigned)(EG_METRICS_PATHS | EG_METRIC_COMMUNITY | EG_METRIC_COMPONENT);
    progress_log p = {0, 0, true, ""};
    o.progress = on_progress;
    o.progress_data = &p;
    tap_ok(eg_metrics_compute(&net, &o, &err) == EG_OK, "which: computed again with fewer");
    tap_ok(!eg_network_metric(&net, "betweenness") && !eg_network_metric(&net, "closeness") &&
               !eg_network_metric(&net, "harmonic") && !eg_network_metric(&net, "community") &&
               !eg_network_metric(&net, "component"),
           "which: the metrics left out are no columns, the earlier ones removed");
    tap_near(value(&net, "pagerank", 0), pagerank0, 1e-12, "which: the others as before");
    tap_ok(!eg_network_attr(&net, "modularity") && !eg_network_attr(&net, "components") &&
               !eg_network_attr(&net, "largest_component") && eg_network_attr(&net, "louvain_modularity") &&
               eg_network_attr(&net, "density"),
           "which: the summary numbers of the metrics left out go with them");
    tap_int(p.calls, 7 + 1, "which: progress once per metric computed and once at the end");
    tap_ok(p.monotone && p.last == 1.0, "which: progress rises to 1");
    eg_network_release(&net);
}

int main(void)
{
    eg_graph_setup();
    test_karate();
    test_weights();
    test_components();
    test_layers();
    test_cutoff();
    test_sampled();
    test_own_searches();
    test_edge_cases();
    test_which();
    return tap_done();
}
