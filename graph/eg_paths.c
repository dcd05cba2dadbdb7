#include "eg_paths.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

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

/* ------------------------------------------------------------ searches */

/*
 * The searches are entigraph's own, not igraph's: igraph 0.10's weighted
 * searches fetch each node's incident edges into a vector allocated anew,
 * and its betweenness and closeness clear arrays of every node's size for
 * each source; on a network of 4.5 million edges and 1.7 million nodes (a
 * quarter of a million small components, each node of which is a source)
 * 64 sources took 780 s through igraph, 90 s here: one search over an array
 * of neighbours (CSR) gives all three metrics and clears only the nodes it
 * reached.
 */

/* Every node's neighbours and edge lengths, together: those of node v are
 * at [start[v], start[v + 1]). */
typedef struct adjacency {
    size_t *start;
    uint32_t *to;
    double *length;
} adjacency;

static void adjacency_destroy(adjacency *a)
{
    free(a->start);
    free(a->to);
    free(a->length);
}

static igraph_error_t adjacency_init(adjacency *a, const igraph_t *g, const igraph_vector_t *lengths)
{
    igraph_integer_t n = igraph_vcount(g), m = igraph_ecount(g);
    if (n >= UINT32_MAX)
        IGRAPH_ERROR("too many nodes for the sampled path metrics", IGRAPH_EINVAL);
    a->start = calloc((size_t)n + 2, sizeof *a->start);
    a->to = malloc(((size_t)m * 2 + 1) * sizeof *a->to);
    a->length = malloc(((size_t)m * 2 + 1) * sizeof *a->length);
    if (!a->start || !a->to || !a->length) {
        adjacency_destroy(a);
        *a = (adjacency){0};
        IGRAPH_ERROR("out of memory", IGRAPH_ENOMEM);
    }
    for (igraph_integer_t e = 0; e < m; e++) {
        a->start[IGRAPH_FROM(g, e) + 2]++;
        a->start[IGRAPH_TO(g, e) + 2]++;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        a->start[v + 2] += a->start[v + 1];
    /* start[v + 1] is now where v's neighbours go: fill, moving it to the end */
    for (igraph_integer_t e = 0; e < m; e++) {
        igraph_integer_t x = IGRAPH_FROM(g, e), y = IGRAPH_TO(g, e);
        double l = VECTOR(*lengths)[e];
        a->to[a->start[x + 1]] = (uint32_t)y;
        a->length[a->start[x + 1]++] = l;
        a->to[a->start[y + 1]] = (uint32_t)x;
        a->length[a->start[y + 1]++] = l;
    }
    return IGRAPH_SUCCESS;
}

/* One search's state; dist is INFINITY and sigma and delta 0 for every node
 * between searches (each search resets the nodes it reached). */
typedef struct search {
    double *dist, *sigma, *delta;
    uint32_t *order;  /* nodes in the order settled */
    size_t n_order;
    uint32_t *heap;   /* nodes, a binary heap by dist */
    uint32_t *pos;    /* a node's place in heap */
    size_t n_heap;
} search;

static void search_destroy(search *s)
{
    free(s->dist);
    free(s->sigma);
    free(s->delta);
    free(s->order);
    free(s->heap);
    free(s->pos);
}

static igraph_error_t search_init(search *s, size_t n)
{
    *s = (search){0};
    s->dist = malloc((n + 1) * sizeof *s->dist);
    s->sigma = calloc(n + 1, sizeof *s->sigma);
    s->delta = calloc(n + 1, sizeof *s->delta);
    s->order = malloc((n + 1) * sizeof *s->order);
    s->heap = malloc((n + 1) * sizeof *s->heap);
    s->pos = malloc((n + 1) * sizeof *s->pos);
    if (!s->dist || !s->sigma || !s->delta || !s->order || !s->heap || !s->pos) {
        /* the caller's clean-up (on igraph's stack) frees *s again: empty it */
        search_destroy(s);
        *s = (search){0};
        IGRAPH_ERROR("out of memory", IGRAPH_ENOMEM);
    }
    for (size_t v = 0; v < n; v++)
        s->dist[v] = INFINITY;
    return IGRAPH_SUCCESS;
}

/* Heap order: nearer first, then the lower node (so that the search, and the
 * order of its sums, is the same every run). */
static bool before(const search *s, uint32_t a, uint32_t b)
{
    return s->dist[a] < s->dist[b] || (s->dist[a] == s->dist[b] && a < b);
}

static void heap_place(search *s, size_t i, uint32_t v)
{
    s->heap[i] = v;
    s->pos[v] = (uint32_t)i;
}

static void sift_up(search *s, size_t i)
{
    uint32_t v = s->heap[i];
    while (i > 0 && before(s, v, s->heap[(i - 1) / 2])) {
        heap_place(s, i, s->heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    heap_place(s, i, v);
}

static uint32_t heap_pop(search *s)
{
    uint32_t top = s->heap[0], v = s->heap[--s->n_heap];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= s->n_heap)
            break;
        if (c + 1 < s->n_heap && before(s, s->heap[c + 1], s->heap[c]))
            c++;
        if (!before(s, s->heap[c], v))
            break;
        heap_place(s, i, s->heap[c]);
        i = c;
    }
    if (s->n_heap)
        heap_place(s, i, v);
    return top;
}

/* d reached over an edge ends exactly at dist: a shortest path, by igraph's
 * tolerance for sums of lengths (IGRAPH_SHORTEST_PATH_EPSILON, relative). */
static bool on_shortest_path(double d, double dist)
{
    return fabs(d - dist) <= 1e-10 * dist;
}

/* The shortest paths from source: distances (Dijkstra), then the number of
 * shortest paths to each node, then each node's dependency (Brandes 2001),
 * added to the sums: dependency / 2 (each pair is met from both ends), the
 * distance and its inverse. */
static void search_from(search *s, const adjacency *a, uint32_t source, double *dependency,
                        double *distance, double *inverse)
{
    s->n_order = 0;
    s->dist[source] = 0;
    s->n_heap = 0;
    heap_place(s, s->n_heap++, source);
    while (s->n_heap) {
        uint32_t v = heap_pop(s);
        s->order[s->n_order++] = v;
        for (size_t k = a->start[v]; k < a->start[v + 1]; k++) {
            uint32_t w = a->to[k];
            double d = s->dist[v] + a->length[k];
            if (!(d < s->dist[w]))
                continue;
            bool queued = s->dist[w] < INFINITY;
            s->dist[w] = d;
            if (!queued)
                heap_place(s, s->n_heap++, w);
            sift_up(s, s->pos[w]);
        }
    }
    s->sigma[source] = 1;
    for (size_t i = 1; i < s->n_order; i++) {
        uint32_t w = s->order[i];
        double paths = 0;
        for (size_t k = a->start[w]; k < a->start[w + 1]; k++)
            if (on_shortest_path(s->dist[a->to[k]] + a->length[k], s->dist[w]))
                paths += s->sigma[a->to[k]];
        s->sigma[w] = paths;
    }
    for (size_t i = s->n_order; i-- > 1;) {
        uint32_t w = s->order[i];
        double share = (1 + s->delta[w]) / s->sigma[w];
        for (size_t k = a->start[w]; k < a->start[w + 1]; k++) {
            uint32_t v = a->to[k];
            if (on_shortest_path(s->dist[v] + a->length[k], s->dist[w]))
                s->delta[v] += s->sigma[v] * share;
        }
        if (dependency)
            dependency[w] += s->delta[w] / 2;
        if (distance)
            distance[w] += s->dist[w];
        if (inverse)
            inverse[w] += 1 / s->dist[w];
    }
    for (size_t i = 0; i < s->n_order; i++) {
        uint32_t v = s->order[i];
        s->dist[v] = INFINITY;
        s->sigma[v] = 0;
        s->delta[v] = 0;
    }
}

/*
 * The sources go to LANES lanes in turn (source i to lane i % LANES), each
 * lane summing its own in order, then the lanes are added in order: so the
 * sums, to the last bit, do not depend on how many threads ran the lanes.
 */
#define LANES 2

typedef struct lane {
    const adjacency *a;
    const igraph_vector_int_t *sources;
    igraph_integer_t first;
    search s;
    double *sums[3]; /* dependency, distance, inverse: the caller's for lane 0 */
} lane;

static void *run_lane(void *arg)
{
    lane *l = arg;
    for (igraph_integer_t i = l->first; i < igraph_vector_int_size(l->sources); i += LANES)
        search_from(&l->s, l->a, (uint32_t)VECTOR(*l->sources)[i], l->sums[0], l->sums[1], l->sums[2]);
    return NULL;
}

/* Frees the lanes after the first (whose sums are the caller's). */
static void lanes_destroy(lane *lanes)
{
    for (int k = 0; k < LANES; k++) {
        search_destroy(&lanes[k].s);
        for (int i = 0; k > 0 && i < 3; i++)
            free(lanes[k].sums[i]);
    }
}

igraph_error_t eg_paths_from_sources(const igraph_t *g, const igraph_vector_t *lengths,
                                     const igraph_vector_int_t *sources, unsigned threads,
                                     igraph_vector_t *dependency, igraph_vector_t *distance,
                                     igraph_vector_t *inverse)
{
    igraph_integer_t n = igraph_vcount(g);
    igraph_vector_t *out[3] = {dependency, distance, inverse};
    for (int i = 0; i < 3; i++)
        if (out[i]) {
            IGRAPH_CHECK(igraph_vector_resize(out[i], n));
            igraph_vector_null(out[i]);
        }
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(sources); i++)
        if (VECTOR(*sources)[i] < 0 || VECTOR(*sources)[i] >= n)
            IGRAPH_ERROR("a source that is no node", IGRAPH_EINVVID);
    adjacency a;
    IGRAPH_CHECK(adjacency_init(&a, g, lengths));
    IGRAPH_FINALLY(adjacency_destroy, &a);
    lane lanes[LANES] = {{0}};
    IGRAPH_FINALLY(lanes_destroy, lanes);
    for (int k = 0; k < LANES; k++) {
        lanes[k] = (lane){.a = &a, .sources = sources, .first = k};
        /* a lane with no source needs no state */
        if (k >= igraph_vector_int_size(sources))
            continue;
        IGRAPH_CHECK(search_init(&lanes[k].s, (size_t)n));
        for (int i = 0; i < 3; i++) {
            if (!out[i])
                continue;
            lanes[k].sums[i] = k == 0 ? VECTOR(*out[i]) : calloc((size_t)n + 1, sizeof(double));
            if (!lanes[k].sums[i])
                IGRAPH_ERROR("out of memory", IGRAPH_ENOMEM);
        }
    }
    /* lanes 1.. on their own threads when asked and possible, lane 0 (and
     * any lane whose thread could not start) on this one */
    pthread_t tid[LANES];
    bool started[LANES] = {false};
    for (int k = 1; k < LANES && (unsigned)k < threads; k++)
        if (lanes[k].s.dist)
            started[k] = pthread_create(&tid[k], NULL, run_lane, &lanes[k]) == 0;
    for (int k = 0; k < LANES; k++)
        if (!started[k] && lanes[k].s.dist)
            run_lane(&lanes[k]);
    for (int k = 1; k < LANES; k++)
        if (started[k])
            pthread_join(tid[k], NULL);
    for (int k = 1; k < LANES; k++)
        for (int i = 0; i < 3; i++)
            if (lanes[k].sums[i])
                for (igraph_integer_t v = 0; v < n; v++)
                    VECTOR(*out[i])[v] += lanes[k].sums[i][v];
    lanes_destroy(lanes);
    adjacency_destroy(&a);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* ------------------------------------------------------------ estimates */

/* The three metrics of every node from the sums over the sources: its
 * component's own when it has at most k nodes (exact), else the k drawn
 * from it, scaled to the component's size. */
static igraph_error_t estimates(const igraph_t *g, const components *cs, igraph_integer_t k,
                                const igraph_vector_int_t *drawn, const igraph_vector_t *dependency,
                                const igraph_vector_t *sum_d, const igraph_vector_t *sum_inv,
                                igraph_vector_t *betweenness, igraph_vector_t *closeness,
                                igraph_vector_t *harmonic)
{
    igraph_integer_t n = igraph_vcount(g);
    igraph_vector_bool_t drawn_node;
    IGRAPH_CHECK(igraph_vector_bool_init(&drawn_node, n));
    IGRAPH_FINALLY(igraph_vector_bool_destroy, &drawn_node);
    igraph_vector_t *out[3] = {betweenness, closeness, harmonic};
    for (int i = 0; i < 3; i++)
        if (out[i])
            IGRAPH_CHECK(igraph_vector_resize(out[i], n));
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(drawn); i++)
        VECTOR(drawn_node)[VECTOR(*drawn)[i]] = true;
    for (igraph_integer_t v = 0; v < n; v++) {
        igraph_integer_t size = VECTOR(cs->size)[VECTOR(cs->membership)[v]];
        bool whole = size <= k;
        /* the sources other than v itself */
        igraph_real_t others = (igraph_real_t)(whole ? size - 1 : k - (VECTOR(drawn_node)[v] ? 1 : 0));
        if (betweenness)
            VECTOR(*betweenness)[v] = VECTOR(*dependency)[v] * (whole ? 1 : (igraph_real_t)size / (igraph_real_t)k);
        if (closeness)
            VECTOR(*closeness)[v] = VECTOR(*sum_d)[v] > 0 ? others / VECTOR(*sum_d)[v] : 0;
        if (harmonic)
            VECTOR(*harmonic)[v] = n > 1 && others > 0 ? VECTOR(*sum_inv)[v] * (igraph_real_t)(size - 1) /
                                                             others / (igraph_real_t)(n - 1)
                                                       : 0;
    }
    igraph_vector_bool_destroy(&drawn_node);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

igraph_error_t eg_paths_estimate(const igraph_t *g, const igraph_vector_t *lengths,
                                 igraph_integer_t k, unsigned threads, igraph_vector_t *betweenness,
                                 igraph_vector_t *closeness, igraph_vector_t *harmonic,
                                 igraph_integer_t *sampled)
{
    components cs;
    igraph_vector_int_t whole, drawn;
    igraph_vector_t dependency, sum_d, sum_inv;
    bool distances = closeness || harmonic;
    if (k < 2)
        IGRAPH_ERROR("at least two sources a component are needed", IGRAPH_EINVAL);
    IGRAPH_CHECK(components_init(&cs, g));
    IGRAPH_FINALLY(components_destroy, &cs);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&whole, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&drawn, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&dependency, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&sum_d, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&sum_inv, 0);
    IGRAPH_CHECK(choose_sources(&cs, k, &whole, &drawn));
    if (sampled)
        *sampled = igraph_vector_int_size(&drawn) / k;
    /* one list of sources: the small components' nodes, then the drawn */
    IGRAPH_CHECK(igraph_vector_int_append(&whole, &drawn));
    IGRAPH_CHECK(eg_paths_from_sources(g, lengths, &whole, threads, betweenness ? &dependency : NULL,
                                       distances ? &sum_d : NULL, distances ? &sum_inv : NULL));
    IGRAPH_CHECK(estimates(g, &cs, k, &drawn, &dependency, &sum_d, &sum_inv, betweenness, closeness,
                           harmonic));
    igraph_vector_destroy(&sum_inv);
    igraph_vector_destroy(&sum_d);
    igraph_vector_destroy(&dependency);
    igraph_vector_int_destroy(&drawn);
    igraph_vector_int_destroy(&whole);
    components_destroy(&cs);
    IGRAPH_FINALLY_CLEAN(6);
    return IGRAPH_SUCCESS;
}
