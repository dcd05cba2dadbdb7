#include "eg_paths.h"

/* Written in igraph's own idiom (IGRAPH_CHECK and the FINALLY stack), as the
 * igraph calls it makes are: on an error, igraph's handler frees what is on
 * the stack and the code comes back to the caller. */

/* The nodes of each component, together: those of component c are
 * nodes[start[c] .. start[c + 1]). */
typedef struct components {
    igraph_vector_int_t membership, size, start, nodes;
    igraph_integer_t count;
} components;

static igraph_error_t components_init(components *cs, const igraph_t *g)
{
    igraph_integer_t n = igraph_vcount(g);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&cs->membership, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&cs->size, 0);
    IGRAPH_CHECK(igraph_connected_components(g, &cs->membership, &cs->size, &cs->count, IGRAPH_WEAK));
    IGRAPH_VECTOR_INT_INIT_FINALLY(&cs->start, cs->count + 1);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&cs->nodes, n);
    for (igraph_integer_t c = 0; c < cs->count; c++)
        VECTOR(cs->start)[c + 1] = VECTOR(cs->start)[c] + VECTOR(cs->size)[c];
    /* counting sort: each component's nodes in node order */
    igraph_vector_int_t next;
    IGRAPH_CHECK(igraph_vector_int_init_copy(&next, &cs->start));
    for (igraph_integer_t v = 0; v < n; v++)
        VECTOR(cs->nodes)[VECTOR(next)[VECTOR(cs->membership)[v]]++] = v;
    igraph_vector_int_destroy(&next);
    IGRAPH_FINALLY_CLEAN(4);
    return IGRAPH_SUCCESS;
}

static void components_destroy(components *cs)
{
    igraph_vector_int_destroy(&cs->nodes);
    igraph_vector_int_destroy(&cs->start);
    igraph_vector_int_destroy(&cs->size);
    igraph_vector_int_destroy(&cs->membership);
}

/* The sources: every node of the components of at most k nodes into
 * `whole`, k nodes drawn from each larger one into `drawn`. */
static igraph_error_t choose_sources(const components *cs, igraph_integer_t k,
                                     igraph_vector_int_t *whole, igraph_vector_int_t *drawn)
{
    igraph_vector_int_t pick;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&pick, 0);
    for (igraph_integer_t c = 0; c < cs->count; c++) {
        igraph_integer_t first = VECTOR(cs->start)[c], size = VECTOR(cs->size)[c];
        if (size <= k) {
            for (igraph_integer_t i = 0; i < size; i++)
                IGRAPH_CHECK(igraph_vector_int_push_back(whole, VECTOR(cs->nodes)[first + i]));
            continue;
        }
        IGRAPH_CHECK(igraph_random_sample(&pick, 0, size - 1, k));
        for (igraph_integer_t i = 0; i < k; i++)
            IGRAPH_CHECK(igraph_vector_int_push_back(drawn, VECTOR(cs->nodes)[first + VECTOR(pick)[i]]));
    }
    igraph_vector_int_destroy(&pick);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

static igraph_error_t estimate_betweenness(const igraph_t *g, const igraph_vector_t *lengths,
                                           const components *cs, igraph_integer_t k,
                                           const igraph_vector_int_t *whole,
                                           const igraph_vector_int_t *drawn, igraph_vector_t *res)
{
    igraph_vector_int_t sources;
    IGRAPH_CHECK(igraph_vector_int_init_copy(&sources, whole));
    IGRAPH_FINALLY(igraph_vector_int_destroy, &sources);
    IGRAPH_CHECK(igraph_vector_int_append(&sources, drawn));
    IGRAPH_CHECK(igraph_betweenness_subset(g, res, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                           igraph_vss_vector(&sources), igraph_vss_all(), lengths));
    for (igraph_integer_t v = 0; v < igraph_vcount(g); v++) {
        igraph_integer_t size = VECTOR(cs->size)[VECTOR(cs->membership)[v]];
        if (size > k)
            VECTOR(*res)[v] *= (igraph_real_t)size / (igraph_real_t)k;
    }
    igraph_vector_int_destroy(&sources);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* Closeness and harmonic of the nodes of the small components, exactly. */
static igraph_error_t exact_distances(const igraph_t *g, const igraph_vector_t *lengths,
                                      const igraph_vector_int_t *whole, igraph_vector_t *closeness,
                                      igraph_vector_t *harmonic)
{
    igraph_vector_t values;
    IGRAPH_VECTOR_INIT_FINALLY(&values, 0);
    igraph_vs_t vids = igraph_vss_vector(whole);
    igraph_integer_t count = igraph_vector_int_size(whole);
    if (closeness) {
        IGRAPH_CHECK(igraph_closeness(g, &values, NULL, NULL, vids, IGRAPH_ALL, lengths, true));
        for (igraph_integer_t i = 0; i < count; i++)
            VECTOR(*closeness)[VECTOR(*whole)[i]] = VECTOR(values)[i];
    }
    if (harmonic) {
        IGRAPH_CHECK(igraph_harmonic_centrality(g, &values, vids, IGRAPH_ALL, lengths, true));
        for (igraph_integer_t i = 0; i < count; i++)
            VECTOR(*harmonic)[VECTOR(*whole)[i]] = VECTOR(values)[i];
    }
    igraph_vector_destroy(&values);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* Closeness and harmonic of the nodes of the large components, from the
 * distances to the drawn sources (k of each such component, in order). */
static igraph_error_t sampled_distances(const igraph_t *g, const igraph_vector_t *lengths,
                                        const components *cs, igraph_integer_t k,
                                        const igraph_vector_int_t *drawn,
                                        igraph_vector_t *closeness, igraph_vector_t *harmonic)
{
    igraph_integer_t n = igraph_vcount(g);
    igraph_matrix_t row;
    igraph_vector_t sum_d, sum_inv;
    IGRAPH_MATRIX_INIT_FINALLY(&row, 0, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&sum_d, n);
    IGRAPH_VECTOR_INIT_FINALLY(&sum_inv, n);
    igraph_vector_bool_t drawn_node;
    IGRAPH_CHECK(igraph_vector_bool_init(&drawn_node, n));
    IGRAPH_FINALLY(igraph_vector_bool_destroy, &drawn_node);
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(drawn); i++)
        VECTOR(drawn_node)[VECTOR(*drawn)[i]] = true;
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(drawn); i++) {
        igraph_integer_t s = VECTOR(*drawn)[i], c = VECTOR(cs->membership)[s];
        IGRAPH_CHECK(igraph_distances_dijkstra(g, &row, igraph_vss_1(s), igraph_vss_all(), lengths,
                                               IGRAPH_ALL));
        for (igraph_integer_t j = VECTOR(cs->start)[c]; j < VECTOR(cs->start)[c + 1]; j++) {
            igraph_integer_t v = VECTOR(cs->nodes)[j];
            igraph_real_t d = MATRIX(row, 0, v);
            if (v == s || !(d > 0))
                continue;
            VECTOR(sum_d)[v] += d;
            VECTOR(sum_inv)[v] += 1 / d;
        }
    }
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t size = VECTOR(cs->size)[VECTOR(cs->membership)[v]];
        if (size <= k)
            continue;
        /* the sources other than v itself */
        igraph_real_t others = (igraph_real_t)(k - (VECTOR(drawn_node)[v] ? 1 : 0));
        if (closeness)
            VECTOR(*closeness)[v] = VECTOR(sum_d)[v] > 0 ? others / VECTOR(sum_d)[v] : 0;
        if (harmonic)
            VECTOR(*harmonic)[v] = n > 1 ? VECTOR(sum_inv)[v] * (igraph_real_t)(size - 1) / others /
                                               (igraph_real_t)(n - 1)
                                         : 0;
    }
    igraph_vector_bool_destroy(&drawn_node);
    igraph_vector_destroy(&sum_inv);
    igraph_vector_destroy(&sum_d);
    igraph_matrix_destroy(&row);
    IGRAPH_FINALLY_CLEAN(4);
    return IGRAPH_SUCCESS;
}

igraph_error_t eg_paths_estimate(const igraph_t *g, const igraph_vector_t *lengths,
                                 igraph_integer_t k, igraph_vector_t *betweenness,
                                 igraph_vector_t *closeness, igraph_vector_t *harmonic,
                                 igraph_integer_t *sampled)
{
    igraph_integer_t n = igraph_vcount(g);
    components cs;
    igraph_vector_int_t whole, drawn;
    if (k < 2)
        IGRAPH_ERROR("at least two sources a component are needed", IGRAPH_EINVAL);
    IGRAPH_CHECK(components_init(&cs, g));
    IGRAPH_FINALLY(components_destroy, &cs);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&whole, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&drawn, 0);
    IGRAPH_CHECK(choose_sources(&cs, k, &whole, &drawn));
    if (sampled)
        *sampled = igraph_vector_int_size(&drawn) / k;
    if (betweenness)
        IGRAPH_CHECK(estimate_betweenness(g, lengths, &cs, k, &whole, &drawn, betweenness));
    if (closeness)
        IGRAPH_CHECK(igraph_vector_resize(closeness, n));
    if (harmonic)
        IGRAPH_CHECK(igraph_vector_resize(harmonic, n));
    if (closeness || harmonic) {
        IGRAPH_CHECK(exact_distances(g, lengths, &whole, closeness, harmonic));
        IGRAPH_CHECK(sampled_distances(g, lengths, &cs, k, &drawn, closeness, harmonic));
    }
    igraph_vector_int_destroy(&drawn);
    igraph_vector_int_destroy(&whole);
    components_destroy(&cs);
    IGRAPH_FINALLY_CLEAN(3);
    return IGRAPH_SUCCESS;
}
