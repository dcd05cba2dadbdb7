#include "eg_metrics.h"
#include "eg_paths.h"

#include <dlfcn.h>
#include <igraph.h>
#include <math.h>
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

bool eg_metrics_layer_parse(const char *name, unsigned *layers)
{
    static const struct {
        const char *name;
        unsigned layers;
    } names[] = {
        {"all", EG_METRICS_LAYER_ALL},
        {"role", EG_METRICS_LAYER_ROLE},
        {"structure", EG_METRICS_LAYER_STRUCTURE},
        {"co_mention", EG_METRICS_LAYER_CO_MENTION},
    };
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *layers = names[i].layers;
            return true;
        }
    }
    return false;
}

/* An edge's weight as the metrics read it: hand-written input may hold 0,
 * a negative or a non-finite weight, or one so small that 1/weight
 * overflows; igraph refuses such lengths, so they count as one window. */
static double edge_weight(const eg_edge *e)
{
    double w = e->weight;
    return w > 0 && isfinite(w) && isfinite(1.0 / w) ? w : 1.0;
}

static bool takes_part(const eg_edge *e, unsigned layers, double min_weight)
{
    if (e->source == e->target)
        return false;
    if (layers) {
        /* a kind out of range belongs to no named layer */
        if ((unsigned)e->kind >= EG_EDGE_KIND_COUNT || !(layers & EG_METRICS_LAYER(e->kind)))
            return false;
    }
    return e->kind != EG_EDGE_CO_MENTION || edge_weight(e) >= min_weight;
}

/*
 * What the metrics share: the graph of the edges taking part, its weights,
 * and scratch vectors. Every vector is initialised (empty) up front, so that
 * one release frees whatever was made.
 */
typedef struct mctx {
    igraph_t g;
    bool have_graph;
    igraph_vector_t weights;         /* per igraph edge: strength */
    igraph_vector_t lengths;         /* per igraph edge: 1/weight */
    igraph_vector_t res;             /* the metric being computed, per node */
    igraph_vector_int_t ivec;        /* integer results (coreness, components) */
    igraph_vector_int_t csize;       /* component sizes */
    igraph_vector_int_t community;   /* Leiden membership, kept for the modularity */
    igraph_vector_int_t louvain;     /* Louvain membership, likewise */
    igraph_vector_t estimates[3];    /* betweenness, closeness, harmonic from eg_paths */
    int n_vectors;                   /* how many of the vectors above are initialised */
    igraph_integer_t n;              /* nodes */
    igraph_real_t cutoff;            /* path length limit of igraph's cutoff variants, < 0: none */
    igraph_integer_t sources;        /* sources a component of the searches, 0 with a cutoff */
    unsigned threads;                /* for the searches */
    unsigned paths;                  /* EG_METRICS_PATHS bits to compute */
    bool estimated;                  /* c->estimates hold the values (made at the first path metric) */
    bool sampled;                    /* some component had more nodes than sources */
    unsigned long seed;
    igraph_integer_t components, largest;
    bool louvain_done;               /* c->louvain holds the membership */
} mctx;

static eg_status mctx_init(mctx *c, igraph_integer_t n)
{
    memset(c, 0, sizeof *c);
    c->n = n;
    c->cutoff = -1;
    if (igraph_vector_init(&c->weights, 0))
        return EG_ENOMEM;
    c->n_vectors++;
    if (igraph_vector_init(&c->lengths, 0))
        return EG_ENOMEM;
    c->n_vectors++;
    if (igraph_vector_init(&c->res, n))
        return EG_ENOMEM;
    c->n_vectors++;
    if (igraph_vector_int_init(&c->ivec, 0))
        return EG_ENOMEM;
    c->n_vectors++;
    if (igraph_vector_int_init(&c->csize, 0))
        return EG_ENOMEM;
    c->n_vectors++;
    if (igraph_vector_int_init(&c->community, 0))
        return EG_ENOMEM;
    c->n_vectors++;
    if (igraph_vector_int_init(&c->louvain, 0))
        return EG_ENOMEM;
    c->n_vectors++;
    for (int i = 0; i < 3; i++) {
        if (igraph_vector_init(&c->estimates[i], 0))
            return EG_ENOMEM;
        c->n_vectors++;
    }
    return EG_OK;
}

static void mctx_release(mctx *c)
{
    /* in the reverse order of mctx_init */
    switch (c->n_vectors) {
    case 10: igraph_vector_destroy(&c->estimates[2]); /* fall through */
    case 9: igraph_vector_destroy(&c->estimates[1]); /* fall through */
    case 8: igraph_vector_destroy(&c->estimates[0]); /* fall through */
    case 7: igraph_vector_int_destroy(&c->louvain); /* fall through */
    case 6: igraph_vector_int_destroy(&c->community); /* fall through */
    case 5: igraph_vector_int_destroy(&c->csize); /* fall through */
    case 4: igraph_vector_int_destroy(&c->ivec); /* fall through */
    case 3: igraph_vector_destroy(&c->res); /* fall through */
    case 2: igraph_vector_destroy(&c->lengths); /* fall through */
    case 1: igraph_vector_destroy(&c->weights); /* fall through */
    default: break;
    }
    c->n_vectors = 0;
    if (c->have_graph)
        igraph_destroy(&c->g);
    c->have_graph = false;
}

/* Builds the graph of the edges taking part, on all the nodes. */
static eg_status build_graph(mctx *c, const eg_network *net, const eg_metrics_opts *o,
                             eg_error *err)
{
    eg_status st = EG_OK;
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, 0))
        return eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *e = &net->edges[i];
        if (e->source >= net->n_nodes || e->target >= net->n_nodes) {
            st = eg_error_set(err, EG_EINVAL, "metrics: edge %zu links node %zu to node %zu, "
                              "but the network has %zu nodes", i, e->source, e->target,
                              net->n_nodes);
            goto cleanup;
        }
        if (!takes_part(e, o->layers, o->min_weight))
            continue;
        double w = edge_weight(e);
        /* the lengths only for the path metrics: on a large network they
         * weigh as much as the weights */
        if (igraph_vector_int_push_back(&edges, (igraph_integer_t)e->source) ||
            igraph_vector_int_push_back(&edges, (igraph_integer_t)e->target) ||
            igraph_vector_push_back(&c->weights, w) ||
            ((o->which & EG_METRICS_PATHS) && igraph_vector_push_back(&c->lengths, 1.0 / w))) {
            st = eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
            goto cleanup;
        }
    }
    if (igraph_create(&c->g, &edges, c->n, IGRAPH_UNDIRECTED)) {
        st = fail(err, "building the graph");
        goto cleanup;
    }
    c->have_graph = true;
cleanup:
    igraph_vector_int_destroy(&edges);
    return st;
}

/* Non-finite values (igraph's NaN closeness of an isolated node) become 0. */
static void zero_nonfinite(igraph_vector_t *v)
{
    for (igraph_integer_t i = 0; i < igraph_vector_size(v); i++)
        if (!isfinite(VECTOR(*v)[i]))
            VECTOR(*v)[i] = 0;
}

/* Copies integer results into c->res. */
static void from_ints(mctx *c, const igraph_vector_int_t *v)
{
    for (igraph_integer_t i = 0; i < c->n; i++)
        VECTOR(c->res)[i] = (igraph_real_t)VECTOR(*v)[i];
}

/* Writes a membership into c->res, renumbered by first appearance, so that
 * ids follow node order and do not depend on igraph's internal numbering. */
static eg_status renumber(mctx *c, const igraph_vector_int_t *membership, eg_error *err)
{
    igraph_integer_t n = c->n;
    igraph_integer_t *map = malloc((size_t)(n ? n : 1) * sizeof *map);
    if (!map)
        return eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
    for (igraph_integer_t i = 0; i < n; i++)
        map[i] = -1;
    igraph_integer_t next = 0;
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t id = VECTOR(*membership)[i];
        if (id >= 0 && id < n && map[id] < 0)
            map[id] = next++;
        VECTOR(c->res)[i] = (id >= 0 && id < n) ? (igraph_real_t)map[id] : 0;
    }
    free(map);
    return EG_OK;
}

/* The metrics, one function each, leaving the values in c->res. */
typedef eg_status (*metric_fn)(mctx *c, eg_error *err);

static eg_status m_degree(mctx *c, eg_error *err)
{
    if (igraph_strength(&c->g, &c->res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, NULL))
        return fail(err, "degree");
    return EG_OK;
}

static eg_status m_weighted_degree(mctx *c, eg_error *err)
{
    if (igraph_strength(&c->g, &c->res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &c->weights))
        return fail(err, "weighted degree");
    return EG_OK;
}

/* The path metrics the options ask for, all at once at the first of them
 * (one search gives all three): exact in the components the sources cover,
 * estimated in the larger ones. */
static eg_status estimate_paths(mctx *c, eg_error *err)
{
    igraph_integer_t sampled = 0;
    if (c->estimated)
        return EG_OK;
    /* seeded right before use, as the community methods are: the sources
     * are drawn with the process-wide RNG */
    igraph_rng_seed(igraph_rng_default(), c->seed);
    if (eg_paths_estimate(&c->g, &c->lengths, c->sources, c->threads,
                          (c->paths & EG_METRIC_BETWEENNESS) ? &c->estimates[0] : NULL,
                          (c->paths & EG_METRIC_CLOSENESS) ? &c->estimates[1] : NULL,
                          (c->paths & EG_METRIC_HARMONIC) ? &c->estimates[2] : NULL, &sampled))
        return fail(err, "path metrics");
    c->estimated = true;
    c->sampled = sampled > 0;
    return EG_OK;
}

/* The three path metrics come from eg_paths's searches (exact where the
 * sources cover a component), or with a cutoff from igraph's cutoff
 * variants. */
static eg_status m_betweenness(mctx *c, eg_error *err)
{
    if (c->sources > 0) {
        eg_status st = estimate_paths(c, err);
        if (st || igraph_vector_update(&c->res, &c->estimates[0]))
            return st ? st : eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
        return EG_OK;
    }
    if (igraph_betweenness_cutoff(&c->g, &c->res, igraph_vss_all(), IGRAPH_UNDIRECTED, &c->lengths,
                                  c->cutoff))
        return fail(err, "betweenness");
    return EG_OK;
}

static eg_status m_closeness(mctx *c, eg_error *err)
{
    if (c->sources > 0) {
        eg_status st = estimate_paths(c, err);
        if (st || igraph_vector_update(&c->res, &c->estimates[1]))
            return st ? st : eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
    } else if (igraph_closeness_cutoff(&c->g, &c->res, NULL, NULL, igraph_vss_all(), IGRAPH_ALL,
                                       &c->lengths, true, c->cutoff)) {
        return fail(err, "closeness");
    }
    zero_nonfinite(&c->res);
    return EG_OK;
}

static eg_status m_harmonic(mctx *c, eg_error *err)
{
    if (c->sources > 0) {
        eg_status st = estimate_paths(c, err);
        if (st || igraph_vector_update(&c->res, &c->estimates[2]))
            return st ? st : eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
    } else if (igraph_harmonic_centrality_cutoff(&c->g, &c->res, igraph_vss_all(), IGRAPH_ALL,
                                                 &c->lengths, true, c->cutoff)) {
        return fail(err, "harmonic");
    }
    zero_nonfinite(&c->res);
    return EG_OK;
}

static eg_status m_eigenvector(mctx *c, eg_error *err)
{
    igraph_real_t value;
    /* seeded right before use, as the community methods are: ARPACK may
     * draw a start vector, and its last digits would then follow whatever
     * used the process-wide RNG before */
    igraph_rng_seed(igraph_rng_default(), c->seed);
    if (igraph_eigenvector_centrality(&c->g, &c->res, &value, IGRAPH_UNDIRECTED, true, &c->weights,
                                      NULL))
        return fail(err, "eigenvector");
    return EG_OK;
}

/*
 * PRPACK, igraph's PageRank solver, sums in parallel with OpenMP, in an order
 * that changes from run to run: two runs on CoNLL-2003 differed in the 13th
 * digit, and the same input must give the same bytes. One thread makes it
 * repeatable (PageRank is a small share of the metrics' time). igraph brings
 * libgomp with it; its functions are looked up in the process instead of
 * making OpenMP a build dependency of ours, and when igraph was built
 * without OpenMP they are absent and nothing is needed. The setting is the
 * calling thread's and is put back afterwards.
 */
typedef int (*omp_get_fn)(void);
typedef void (*omp_set_fn)(int);

static bool find_omp(omp_get_fn *get, omp_set_fn *set)
{
    void *self = dlopen(NULL, RTLD_LAZY);
    if (!self)
        return false;
    void *g = dlsym(self, "omp_get_max_threads"), *s = dlsym(self, "omp_set_num_threads");
    dlclose(self);
    if (!g || !s)
        return false;
    /* POSIX allows a data pointer to hold a function's address; memcpy keeps
     * ISO C's pedantic mode quiet about the conversion */
    memcpy(get, &g, sizeof *get);
    memcpy(set, &s, sizeof *set);
    return true;
}

static eg_status m_pagerank(mctx *c, eg_error *err)
{
    omp_get_fn get_threads = NULL;
    omp_set_fn set_threads = NULL;
    int threads = 0;
    bool omp = find_omp(&get_threads, &set_threads);
    if (omp) {
        threads = get_threads();
        set_threads(1);
    }
    igraph_real_t value;
    igraph_error_t rc = igraph_pagerank(&c->g, IGRAPH_PAGERANK_ALGO_PRPACK, &c->res, &value,
                                        igraph_vss_all(), IGRAPH_UNDIRECTED, 0.85, &c->weights, NULL);
    if (omp)
        set_threads(threads);
    if (rc)
        return fail(err, "pagerank");
    return EG_OK;
}

static eg_status m_coreness(mctx *c, eg_error *err)
{
    if (igraph_coreness(&c->g, &c->ivec, IGRAPH_ALL))
        return fail(err, "coreness");
    from_ints(c, &c->ivec);
    return EG_OK;
}

static eg_status m_clustering(mctx *c, eg_error *err)
{
    if (igraph_transitivity_local_undirected(&c->g, &c->res, igraph_vss_all(),
                                             IGRAPH_TRANSITIVITY_ZERO))
        return fail(err, "clustering");
    return EG_OK;
}

static eg_status m_community(mctx *c, eg_error *err)
{
    igraph_real_t total = igraph_vector_sum(&c->weights);
    if (igraph_vector_int_resize(&c->community, c->n))
        return eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
    if (!(total > 0)) {
        /* no edge: modularity's resolution 1/(2m) is undefined; every node
         * is its own community, as Leiden would leave it */
        for (igraph_integer_t i = 0; i < c->n; i++)
            VECTOR(c->community)[i] = i;
        return renumber(c, &c->community, err);
    }
    /* Leiden optimises modularity when the node weights are the strengths
     * and the resolution is 1/(2m) (igraph's documentation); c->res holds
     * the strengths until the membership replaces them. */
    if (igraph_strength(&c->g, &c->res, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &c->weights))
        return fail(err, "community");
    /* seeded right before use: the RNG is process-wide, and Leiden visits
     * nodes in a random order */
    igraph_rng_seed(igraph_rng_default(), c->seed);
    if (igraph_community_leiden(&c->g, &c->weights, &c->res, 1.0 / (2 * total), 0.01, false, -1,
                                &c->community, NULL, NULL))
        return fail(err, "community");
    return renumber(c, &c->community, err);
}

/* Louvain's membership into c->louvain. */
static eg_status run_louvain(mctx *c, eg_error *err)
{
    if (igraph_vector_int_resize(&c->louvain, c->n))
        return eg_error_set(err, EG_ENOMEM, "metrics: out of memory");
    igraph_vector_int_null(&c->louvain);
    /* seeded right before use: the multilevel method visits nodes in a
     * random order */
    igraph_rng_seed(igraph_rng_default(), c->seed);
    if (c->n > 0 && igraph_community_multilevel(&c->g, &c->weights, 1.0, &c->louvain, NULL, NULL))
        return fail(err, "louvain");
    c->louvain_done = true;
    return EG_OK;
}

static eg_status m_louvain(mctx *c, eg_error *err)
{
    eg_status st = c->louvain_done ? EG_OK : run_louvain(c, err);
    return st ? st : renumber(c, &c->louvain, err);
}

static eg_status m_component(mctx *c, eg_error *err)
{
    if (igraph_connected_components(&c->g, &c->ivec, &c->csize, &c->components, IGRAPH_WEAK))
        return fail(err, "component");
    c->largest = igraph_vector_int_size(&c->csize) > 0 ? igraph_vector_int_max(&c->csize) : 0;
    return renumber(c, &c->ivec, err);
}

static const struct {
    const char *name; /* the i-th has the bit 1u << i of eg_metric_flags */
    bool integer;
    metric_fn fn;
} metrics[] = {
    {"degree", true, m_degree},
    {"weighted_degree", false, m_weighted_degree},
    {"betweenness", false, m_betweenness},
    {"closeness", false, m_closeness},
    {"harmonic", false, m_harmonic},
    {"eigenvector", false, m_eigenvector},
    {"pagerank", false, m_pagerank},
    {"coreness", true, m_coreness},
    {"clustering", false, m_clustering},
    {"community", true, m_community},
    {"louvain", true, m_louvain},
    {"component", true, m_component},
};
#define N_METRICS (sizeof metrics / sizeof metrics[0])
_Static_assert(sizeof metrics / sizeof metrics[0] == 12, "one bit of eg_metric_flags a metric");

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

bool eg_metrics_parse(const char *list, unsigned *which)
{
    unsigned bits = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        unsigned bit = 0;
        if (len == 3 && strncmp(p, "all", 3) == 0)
            bit = EG_METRICS_ALL;
        else if (len == 4 && strncmp(p, "fast", 4) == 0)
            bit = EG_METRICS_ALL & ~(unsigned)EG_METRICS_PATHS;
        for (size_t i = 0; !bit && i < N_METRICS; i++)
            if (strlen(metrics[i].name) == len && strncmp(p, metrics[i].name, len) == 0)
                bit = 1u << i;
        if (!bit)
            return false;
        bits |= bit;
        if (!p[len])
            break;
        p += len + 1;
    }
    *which = bits;
    return true;
}

/* Removes a metric column an earlier computation made and this one does not
 * (a metric left out). Plain data the network owns, kept by hand, as below. */
static void drop_metric(eg_network *net, const char *name)
{
    for (size_t i = 0; i < net->n_metrics; i++) {
        if (strcmp(net->metrics[i].name, name) == 0) {
            free(net->metrics[i].name);
            free(net->metrics[i].values);
            memmove(&net->metrics[i], &net->metrics[i + 1],
                    (net->n_metrics - i - 1) * sizeof *net->metrics);
            net->n_metrics--;
            return;
        }
    }
}

/* Removes a summary number an earlier computation set and this one does not
 * (a cutoff no longer applied). eg_network has no remover: the array is
 * plain data that the network owns, so this keeps its invariants by hand. */
static void drop_attr(eg_network *net, const char *name)
{
    for (size_t i = 0; i < net->n_attrs; i++) {
        if (strcmp(net->attrs[i].name, name) == 0) {
            free(net->attrs[i].name);
            memmove(&net->attrs[i], &net->attrs[i + 1],
                    (net->n_attrs - i - 1) * sizeof *net->attrs);
            net->n_attrs--;
            return;
        }
    }
}

static double finite_or_zero(double x)
{
    return isfinite(x) ? x : 0;
}

/* Sets the summary number `name` when `have`, else removes it. */
static eg_status set_or_drop(eg_network *net, bool have, const char *name, double value, bool integer)
{
    if (have)
        return eg_network_set_attr(net, name, value, integer);
    drop_attr(net, name);
    return EG_OK;
}

/* Sources a component for the path metrics (exact where they cover the
 * component), or igraph's cutoff variants: each search costs about `edges`
 * steps, so work_limit / edges searches fit the limit. */
static void choose_method(mctx *c, const eg_metrics_opts *o)
{
    double m = (double)igraph_ecount(&c->g), n = (double)c->n;
    igraph_integer_t all = c->n > 2 ? c->n : 2;
    if (o->exact) {
        c->sources = all;
    } else if (o->sources > 0) {
        c->sources = o->sources < (size_t)all ? (igraph_integer_t)o->sources : all;
    } else if (o->cutoff > 0 && n * m > o->work_limit) {
        c->cutoff = o->cutoff;
    } else {
        double k = m > 0 ? floor(o->work_limit / m) : n;
        k = k < EG_METRICS_MIN_SOURCES ? EG_METRICS_MIN_SOURCES : k;
        c->sources = k < n ? (igraph_integer_t)k : all;
    }
}

static eg_status summarise(eg_network *net, mctx *c, const eg_metrics_opts *o, eg_error *err)
{
    igraph_integer_t m = igraph_ecount(&c->g);
    igraph_real_t density = 0, q = 0, ql = 0, avgcc = 0;
    bool community = o->which & EG_METRIC_COMMUNITY, louvain = o->which & EG_METRIC_LOUVAIN,
         component = o->which & EG_METRIC_COMPONENT;
    if (igraph_density(&c->g, &density, false))
        return fail(err, "density");
    if (m > 0 && ((community && igraph_modularity(&c->g, &c->community, &c->weights, 1,
                                                  IGRAPH_UNDIRECTED, &q)) ||
                  (louvain && igraph_modularity(&c->g, &c->louvain, &c->weights, 1,
                                                IGRAPH_UNDIRECTED, &ql))))
        return fail(err, "modularity");
    if (igraph_transitivity_avglocal_undirected(&c->g, &avgcc, IGRAPH_TRANSITIVITY_ZERO))
        return fail(err, "average clustering");
    static const char *const cutoffs[] = {"betweenness_cutoff", "closeness_cutoff",
                                          "harmonic_cutoff"};
    static const char *const sources[] = {"betweenness_sources", "closeness_sources",
                                          "harmonic_sources"};
    static const unsigned bits[] = {EG_METRIC_BETWEENNESS, EG_METRIC_CLOSENESS, EG_METRIC_HARMONIC};
    eg_status st = EG_OK;
    if (!st)
        st = eg_network_set_attr(net, "nodes", (double)c->n, true);
    if (!st)
        st = eg_network_set_attr(net, "edges", (double)m, true);
    if (!st)
        st = eg_network_set_attr(net, "density", finite_or_zero(density), false);
    if (!st)
        st = set_or_drop(net, component, "components", (double)c->components, true);
    if (!st)
        st = set_or_drop(net, component, "largest_component", (double)c->largest, true);
    if (!st)
        st = set_or_drop(net, community, "modularity", m > 0 ? finite_or_zero(q) : 0, false);
    if (!st)
        st = set_or_drop(net, louvain, "louvain_modularity", m > 0 ? finite_or_zero(ql) : 0, false);
    if (!st)
        st = eg_network_set_attr(net, "average_clustering", finite_or_zero(avgcc), false);
    if (!st && o->min_weight > 0)
        st = eg_network_set_attr(net, "min_weight", o->min_weight, false);
    else if (!st)
        drop_attr(net, "min_weight");
    for (size_t i = 0; !st && i < sizeof cutoffs / sizeof cutoffs[0]; i++) {
        bool computed = c->paths & bits[i];
        st = set_or_drop(net, computed && c->cutoff >= 0, cutoffs[i], c->cutoff, false);
        if (!st)
            st = set_or_drop(net, computed && c->sampled, sources[i], (double)c->sources, true);
    }
    if (st)
        return eg_error_set(err, st, "metrics: out of memory");
    return EG_OK;
}

eg_status eg_metrics_compute(eg_network *net, const eg_metrics_opts *opts, eg_error *err)
{
    static const eg_metrics_opts defaults = EG_METRICS_OPTS_INIT;
    eg_metrics_opts o = opts ? *opts : defaults;
    eg_status st = EG_OK;
    mctx c;

    if (!(o.min_weight >= 0) || !(o.work_limit >= 0) || !(o.cutoff >= 0))
        return eg_error_set(err, EG_EINVAL, "metrics: min_weight, work_limit and cutoff must be "
                            "numbers >= 0");
    if (o.sources == 1)
        return eg_error_set(err, EG_EINVAL, "metrics: estimates need at least 2 sources");
    if (o.work_limit == 0)
        o.work_limit = EG_METRICS_WORK_LIMIT;
    o.which = o.which ? o.which & EG_METRICS_ALL : EG_METRICS_ALL;
    if ((st = mctx_init(&c, (igraph_integer_t)net->n_nodes))) {
        st = eg_error_set(err, st, "metrics: out of memory");
        goto cleanup;
    }
    c.seed = o.seed;
    if ((st = build_graph(&c, net, &o, err)))
        goto cleanup;
    c.paths = o.which & EG_METRICS_PATHS;
    c.threads = o.threads;
    if (c.paths)
        choose_method(&c, &o);
    size_t n_chosen = 0, done = 0;
    for (size_t i = 0; i < N_METRICS; i++)
        n_chosen += (o.which >> i) & 1u;
    /* Louvain first, its column in its place later: its working memory,
     * several times the graph's, is then taken before the other metrics'
     * columns are (the peak of a large build) */
    if ((o.which & EG_METRIC_LOUVAIN) && (st = run_louvain(&c, err)))
        goto cleanup;
    for (size_t i = 0; i < N_METRICS; i++) {
        if (!(o.which & (1u << i))) {
            drop_metric(net, metrics[i].name);
            continue;
        }
        if (o.progress)
            o.progress(o.progress_data, metrics[i].name, (double)done++ / (double)n_chosen);
        if ((st = metrics[i].fn(&c, err)))
            goto cleanup;
        if ((st = copy_out(net, metrics[i].name, metrics[i].integer, &c.res))) {
            st = eg_error_set(err, st, "metrics: out of memory");
            goto cleanup;
        }
    }
    if ((st = summarise(net, &c, &o, err)))
        goto cleanup;
    if (o.progress)
        o.progress(o.progress_data, "done", 1.0);
cleanup:
    mctx_release(&c);
    return st;
}
