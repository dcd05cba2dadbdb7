#include "eg_layout.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Okabe & Ito (2008), "Color Universal Design": readable with the common
 * colour-vision deficiencies and on a white background. */
static const unsigned char type_colors[EG_TYPE_COUNT][3] = {
    [EG_TYPE_PERSON] = {0x00, 0x72, 0xB2},   /* blue */
    [EG_TYPE_BODY] = {0xE6, 0x9F, 0x00},     /* orange */
    [EG_TYPE_COUNTRY] = {0x00, 0x9E, 0x73},  /* bluish green */
    [EG_TYPE_DOCUMENT] = {0xCC, 0x79, 0xA7}, /* reddish purple */
};

/* Paul Tol's "muted" qualitative scheme (colour-blind safe). */
static const unsigned char community_colors[][3] = {
    {0xCC, 0x66, 0x77}, /* rose */
    {0x33, 0x22, 0x88}, /* indigo */
    {0xDD, 0xCC, 0x77}, /* sand */
    {0x11, 0x77, 0x33}, /* green */
    {0x88, 0xCC, 0xEE}, /* cyan */
    {0x88, 0x22, 0x55}, /* wine */
    {0x44, 0xAA, 0x99}, /* teal */
    {0x99, 0x99, 0x33}, /* olive */
    {0xAA, 0x44, 0x99}, /* purple */
};
#define N_COMMUNITY_COLORS (sizeof community_colors / sizeof community_colors[0])

void eg_layout_type_color(eg_type type, unsigned char rgb[3])
{
    static const unsigned char grey[3] = {0x99, 0x99, 0x99};
    memcpy(rgb, (unsigned)type < EG_TYPE_COUNT ? type_colors[type] : grey, 3);
}

void eg_layout_community_color(long id, unsigned char rgb[3])
{
    static const unsigned char grey[3] = {0xBB, 0xBB, 0xBB};
    memcpy(rgb, id < 0 ? grey : community_colors[(unsigned long)id % N_COMMUNITY_COLORS], 3);
}

/* Positions are kept to 1/100 of a unit: enough for any drawing, and the
 * files stay short and easy to read. */
static double round2(double v)
{
    double r = round(v * 100.0) / 100.0;
    return r == 0 ? 0 : r; /* no -0 */
}

eg_node_look eg_layout_node_look(const eg_network *net, size_t index)
{
    const eg_node *node = &net->nodes[index];
    eg_node_look look;
    if (net->has_layout) {
        look.x = node->x;
        look.y = node->y;
        look.size = node->size;
        look.r = node->r;
        look.g = node->g;
        look.b = node->b;
        return look;
    }
    double angle = net->n_nodes ? 2.0 * M_PI * (double)index / (double)net->n_nodes : 0;
    unsigned char rgb[3];
    eg_layout_type_color(node->type, rgb);
    look.x = net->n_nodes > 1 ? round2(EG_LAYOUT_EXTENT * sin(angle)) : 0;
    look.y = net->n_nodes > 1 ? round2(EG_LAYOUT_EXTENT * cos(angle)) : 0;
    look.size = EG_LAYOUT_SIZE_EQUAL;
    look.r = rgb[0];
    look.g = rgb[1];
    look.b = rgb[2];
    return look;
}

/* ------------------------------------------------------------ positions */

static eg_status igraph_failed(eg_error *err, const char *what, igraph_error_t code)
{
    return eg_error_set(err, EG_EGRAPH, "layout: %s failed: %s", what, igraph_strerror(code));
}

/* Fruchterman-Reingold keeps every node within +-BOX_FACTOR * sqrt(n). */
#define BOX_FACTOR 0.6

/* Runs the layout of the nodes whose `slot` is not EG_NONE (their number:
 * n), each into xy[2 slot], xy[2 slot + 1], with the edges among them. */
static eg_status place(const eg_network *net, const size_t *slot, size_t n_placed, const eg_layout_opts *opts,
                       double *xy, eg_error *err)
{
    igraph_integer_t n = (igraph_integer_t)n_placed;
    igraph_integer_t m = 0;
    for (size_t i = 0; i < net->n_edges; i++)
        m += slot[net->edges[i].source] != EG_NONE && slot[net->edges[i].target] != EG_NONE;
    igraph_vector_int_t edges;
    igraph_vector_t weights;
    igraph_matrix_t res;
    igraph_t graph;
    igraph_vector_t min_v, max_v;
    bool have_edges = false, have_weights = false, have_res = false, have_graph = false;
    bool have_bounds = false;
    eg_status status = EG_OK;
    igraph_error_t rc;

    if ((rc = igraph_vector_int_init(&edges, 2 * m)) != IGRAPH_SUCCESS) {
        status = igraph_failed(err, "edge list", rc);
        goto cleanup;
    }
    have_edges = true;
    if ((rc = igraph_vector_init(&weights, m)) != IGRAPH_SUCCESS) {
        status = igraph_failed(err, "weights", rc);
        goto cleanup;
    }
    have_weights = true;
    for (size_t e = 0, i = 0; e < net->n_edges; e++) {
        const eg_edge *edge = &net->edges[e];
        if (slot[edge->source] == EG_NONE || slot[edge->target] == EG_NONE)
            continue;
        double w = edge->weight > 1 ? edge->weight : 1;
        VECTOR(edges)[2 * i] = (igraph_integer_t)slot[edge->source];
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)slot[edge->target];
        VECTOR(weights)[i] = 1.0 + log(w);
        i++;
    }
    if ((rc = igraph_create(&graph, &edges, n, IGRAPH_UNDIRECTED)) != IGRAPH_SUCCESS) {
        status = igraph_failed(err, "building the graph", rc);
        goto cleanup;
    }
    have_graph = true;
    if ((rc = igraph_matrix_init(&res, n, 2)) != IGRAPH_SUCCESS) {
        status = igraph_failed(err, "positions", rc);
        goto cleanup;
    }
    have_res = true;

    /* The layout starts from random positions: seed right before. */
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)opts->seed);
    /* A box keeps isolated nodes and small components from drifting
     * far away, which would shrink the main component once fitted. */
    double half = sqrt((double)n) * BOX_FACTOR;
    if ((rc = igraph_vector_init(&min_v, n)) != IGRAPH_SUCCESS) {
        status = igraph_failed(err, "bounds", rc);
        goto cleanup;
    }
    if ((rc = igraph_vector_init(&max_v, n)) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&min_v);
        status = igraph_failed(err, "bounds", rc);
        goto cleanup;
    }
    have_bounds = true;
    igraph_vector_fill(&min_v, -half);
    igraph_vector_fill(&max_v, half);
    bool grid = n_placed > opts->grid_above;
    igraph_integer_t iterations = EG_LAYOUT_FR_ITERATIONS;
    if (grid && EG_LAYOUT_GRID_WORK / (double)n < iterations)
        iterations = (igraph_integer_t)fmax(EG_LAYOUT_GRID_MIN_ITERATIONS, EG_LAYOUT_GRID_WORK / (double)n);
    rc = igraph_layout_fruchterman_reingold(&graph, &res, false, iterations,
                                            sqrt((double)n) / 10.0,
                                            grid ? IGRAPH_LAYOUT_GRID : IGRAPH_LAYOUT_NOGRID,
                                            &weights, &min_v, &max_v, &min_v, &max_v);
    if (rc != IGRAPH_SUCCESS) {
        status = igraph_failed(err, "Fruchterman-Reingold", rc);
        goto cleanup;
    }
    for (igraph_integer_t i = 0; i < n; i++) {
        xy[2 * i] = MATRIX(res, i, 0);
        xy[2 * i + 1] = MATRIX(res, i, 1);
    }

cleanup:
    if (have_bounds) {
        igraph_vector_destroy(&min_v);
        igraph_vector_destroy(&max_v);
    }
    if (have_res)
        igraph_matrix_destroy(&res);
    if (have_graph)
        igraph_destroy(&graph);
    if (have_weights)
        igraph_vector_destroy(&weights);
    if (have_edges)
        igraph_vector_int_destroy(&edges);
    return status;
}

/* A node of a large part, by how much it weighs in the layout. */
typedef struct ranked {
    double strength;
    size_t node;
} ranked;

static int cmp_ranked(const void *p, const void *q)
{
    const ranked *x = p, *y = q;
    if (x->strength != y->strength)
        return x->strength > y->strength ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

/* The golden angle: children of one node spread round it without lining up. */
#define GOLDEN_ANGLE 2.39996322972865332

/*
 * Lays out the nodes whose `slot` is not EG_NONE as place() does, but for a
 * part of more than opts->core nodes, Fruchterman-Reingold runs on its
 * core only: the opts->core nodes of the greatest strength (the sum of
 * their edges' weights within the part; the first index of equals). Each
 * other node is then set beside the neighbour it is most strongly tied to
 * among those already placed, breadth first from the core, on a spiral
 * round that neighbour; a node no path joins to the core starts where its
 * index hashes to inside the core's box. So the cost is one core layout
 * plus O(nodes + edges) whatever the size, where a layout of every node
 * took minutes past a million of them, and what a viewer sees of so large
 * a network is its core anyway.
 */
static eg_status place_large(const eg_network *net, const size_t *slot, size_t n_placed,
                             const eg_layout_opts *opts, double *xy, eg_error *err)
{
    size_t core = opts->core;
    if (n_placed <= core || core == 0)
        return place(net, slot, n_placed, opts, xy, err);
    size_t n = net->n_nodes, m = net->n_edges;
    ranked *rank = calloc(n_placed, sizeof *rank);
    size_t *core_slot = malloc(n * sizeof *core_slot);
    double *core_xy = calloc(2 * core, sizeof *core_xy);
    size_t *start = calloc(n_placed + 1, sizeof *start), *adj = malloc((2 * m + 1) * sizeof *adj);
    size_t *queue = malloc(n_placed * sizeof *queue), *children = calloc(n_placed, sizeof *children);
    bool *placed = calloc(n_placed, sizeof *placed);
    eg_status status = EG_OK;
    if (!rank || !core_slot || !core_xy || !start || !adj || !queue || !children || !placed) {
        status = eg_error_set(err, EG_ENOMEM, "layout: out of memory");
        goto out;
    }
    /* strengths, and the edges within the part by slot (compressed rows) */
    for (size_t i = 0; i < n; i++)
        if (slot[i] != EG_NONE)
            rank[slot[i]].node = i;
    for (size_t e = 0; e < m; e++) {
        size_t a = slot[net->edges[e].source], b = slot[net->edges[e].target];
        if (a == EG_NONE || b == EG_NONE || a == b)
            continue;
        double w = net->edges[e].weight > 1 ? net->edges[e].weight : 1;
        rank[a].strength += w;
        rank[b].strength += w;
        start[a + 1]++;
        start[b + 1]++;
    }
    for (size_t k = 0; k < n_placed; k++)
        start[k + 1] += start[k];
    size_t *fill = queue; /* borrowed as the rows' fill pointers until the search */
    for (size_t k = 0; k < n_placed; k++)
        fill[k] = start[k];
    for (size_t e = 0; e < m; e++) {
        size_t a = slot[net->edges[e].source], b = slot[net->edges[e].target];
        if (a == EG_NONE || b == EG_NONE || a == b)
            continue;
        adj[fill[a]++] = e;
        adj[fill[b]++] = e;
    }
    qsort(rank, n_placed, sizeof *rank, cmp_ranked);
    for (size_t i = 0; i < n; i++)
        core_slot[i] = EG_NONE;
    for (size_t k = 0; k < core; k++)
        core_slot[rank[k].node] = k;
    if ((status = place(net, core_slot, core, opts, core_xy, err)) != EG_OK)
        goto out;
    size_t head = 0, tail = 0;
    for (size_t k = 0; k < core; k++) {
        size_t s = slot[rank[k].node];
        xy[2 * s] = core_xy[2 * k];
        xy[2 * s + 1] = core_xy[2 * k + 1];
        placed[s] = true;
        queue[tail++] = s;
    }
    /* a spiral's step: a fraction of the room each core node has */
    double lo_x = INFINITY, hi_x = -INFINITY, lo_y = INFINITY, hi_y = -INFINITY;
    for (size_t k = 0; k < core; k++) {
        lo_x = fmin(lo_x, core_xy[2 * k]);
        hi_x = fmax(hi_x, core_xy[2 * k]);
        lo_y = fmin(lo_y, core_xy[2 * k + 1]);
        hi_y = fmax(hi_y, core_xy[2 * k + 1]);
    }
    double half = sqrt((double)core) * BOX_FACTOR;
    double step = 0.1 * fmax(hi_x - lo_x, hi_y - lo_y) / sqrt((double)core);
    if (!(step > 0))
        step = 0.1;
    for (size_t next = 0; tail < n_placed || head < tail;) {
        if (head == tail) {
            /* a node no path joins to what is placed: a fresh start */
            while (placed[next])
                next++;
            uint64_t h = (uint64_t)next * 0x9E3779B97F4A7C15ULL;
            xy[2 * next] = ((double)(h >> 40) / (double)(1 << 24) * 2 - 1) * half;
            xy[2 * next + 1] = ((double)(h >> 16 & 0xFFFFFF) / (double)(1 << 24) * 2 - 1) * half;
            placed[next] = true;
            queue[tail++] = next;
        }
        size_t s = queue[head++];
        for (size_t r = start[s]; r < start[s + 1]; r++) {
            const eg_edge *edge = &net->edges[adj[r]];
            size_t t = slot[edge->source] == s ? slot[edge->target] : slot[edge->source];
            if (placed[t])
                continue;
            /* t's strongest tie among the nodes placed by now */
            size_t best = s;
            double best_w = -1;
            for (size_t q = start[t]; q < start[t + 1]; q++) {
                const eg_edge *f = &net->edges[adj[q]];
                size_t u = slot[f->source] == t ? slot[f->target] : slot[f->source];
                if (placed[u] && f->weight > best_w) {
                    best = u;
                    best_w = f->weight;
                }
            }
            size_t c = ++children[best];
            double angle = GOLDEN_ANGLE * (double)c, radius = step * sqrt((double)c);
            xy[2 * t] = fmax(-half, fmin(half, xy[2 * best] + radius * cos(angle)));
            xy[2 * t + 1] = fmax(-half, fmin(half, xy[2 * best + 1] + radius * sin(angle)));
            placed[t] = true;
            queue[tail++] = t;
        }
    }
out:
    free(rank);
    free(core_slot);
    free(core_xy);
    free(start);
    free(adj);
    free(queue);
    free(children);
    free(placed);
    return status;
}

static int cmp_double(const void *p, const void *q)
{
    double x = *(const double *)p, y = *(const double *)q;
    return x < y ? -1 : x > y;
}

/* The values at shares `lo` and `hi` of coordinate `axis` (0 x, 1 y), sorted. */
static eg_status axis_range(const double *xy, size_t n, int axis, double trim, double *lo, double *hi)
{
    double *v = malloc(n * sizeof *v);
    if (!v)
        return EG_ENOMEM;
    for (size_t i = 0; i < n; i++)
        v[i] = xy[2 * i + (size_t)axis];
    qsort(v, n, sizeof *v, cmp_double);
    size_t cut = (size_t)(trim * (double)n);
    *lo = v[cut];
    *hi = v[n - 1 - cut];
    free(v);
    return EG_OK;
}

/*
 * Centres the layout on 0 and scales its longer side to the box. With trim
 * > 0, the box holds the central (1 - 2 trim) of the nodes on each axis and
 * the others are pulled onto its edge: the grid variant leaves isolated
 * nodes where they started, far from a main component that has contracted,
 * which would otherwise end up a dot in the middle of the picture.
 */
static eg_status fit_to_box(double *xy, size_t n, double trim)
{
    if (n == 0)
        return EG_OK;
    double min_x, max_x, min_y, max_y;
    if (axis_range(xy, n, 0, trim, &min_x, &max_x) || axis_range(xy, n, 1, trim, &min_y, &max_y))
        return EG_ENOMEM;
    double half = fmax(max_x - min_x, max_y - min_y) / 2.0;
    if (trim > 0)
        half *= 1.15; /* room for the main component's own outer nodes */
    double scale = half > 0 && isfinite(half) ? EG_LAYOUT_EXTENT / half : 0;
    double cx = (min_x + max_x) / 2.0, cy = (min_y + max_y) / 2.0;
    for (size_t i = 0; i < n; i++) {
        double x = (xy[2 * i] - cx) * scale, y = (xy[2 * i + 1] - cy) * scale;
        xy[2 * i] = round2(fmax(-EG_LAYOUT_EXTENT, fmin(EG_LAYOUT_EXTENT, x)));
        xy[2 * i + 1] = round2(fmax(-EG_LAYOUT_EXTENT, fmin(EG_LAYOUT_EXTENT, y)));
    }
    return EG_OK;
}

/* ------------------------------------------------------------ sizes */

static void set_sizes(eg_network *net, const char *size_by)
{
    const eg_metric *metric = size_by ? eg_network_metric(net, size_by) : NULL;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; metric && i < net->n_nodes; i++) {
        double v = metric->values[i];
        if (isfinite(v)) {
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
    }
    bool spread = metric && isfinite(lo) && isfinite(hi) && hi > lo;
    for (size_t i = 0; i < net->n_nodes; i++) {
        if (!spread) {
            net->nodes[i].size = EG_LAYOUT_SIZE_EQUAL;
            continue;
        }
        double v = metric->values[i];
        double t = isfinite(v) ? (v - lo) / (hi - lo) : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        net->nodes[i].size = round2(EG_LAYOUT_SIZE_MIN + (EG_LAYOUT_SIZE_MAX - EG_LAYOUT_SIZE_MIN) * sqrt(t));
    }
}

/* ------------------------------------------------------------ colours */

static void set_colors(eg_network *net, eg_color_by color_by)
{
    const eg_metric *community =
        color_by == EG_COLOR_BY_COMMUNITY ? eg_network_metric(net, "community") : NULL;
    for (size_t i = 0; i < net->n_nodes; i++) {
        eg_node *node = &net->nodes[i];
        unsigned char rgb[3];
        if (community) {
            double id = community->values[i];
            eg_layout_community_color(isfinite(id) && fabs(id) < 1e15 ? (long)llround(id) : -1, rgb);
        } else {
            eg_layout_type_color(node->type, rgb);
        }
        node->r = rgb[0];
        node->g = rgb[1];
        node->b = rgb[2];
    }
}

/* ------------------------------------------------------------ packing aside */

static size_t find_root(size_t *up, size_t i)
{
    while (up[i] != i) {
        up[i] = up[up[i]];
        i = up[i];
    }
    return i;
}

/* The part of the main component's box, [-E, MAIN_RIGHT E] across, and of
 * the band beside it, [BAND_LEFT E, E], that holds the small components. */
#define MAIN_RIGHT 0.6
#define BAND_LEFT 0.68

/*
 * Of a crowded network (over EG_LAYOUT_CROWDED nodes), the components under
 * 5% of the largest (and under 3 nodes): isolates and pairs that a layout
 * would spread round the main component, shrinking it to a ball in the
 * middle of the picture. comp[i] is node i's component (a node index);
 * returns how many nodes are in small ones.
 */
static size_t small_components(const eg_network *net, size_t *comp, size_t *size, bool *small)
{
    size_t n = net->n_nodes, largest = 0, n_small = 0;
    for (size_t i = 0; i < n; i++) {
        comp[i] = i;
        size[i] = 0;
    }
    for (size_t e = 0; e < net->n_edges; e++) {
        size_t a = find_root(comp, net->edges[e].source), b = find_root(comp, net->edges[e].target);
        if (a != b)
            comp[a > b ? a : b] = a < b ? a : b; /* the root is the smallest index */
    }
    for (size_t i = 0; i < n; i++) {
        comp[i] = find_root(comp, i);
        size[comp[i]]++;
    }
    for (size_t i = 0; i < n; i++)
        largest = size[i] > largest ? size[i] : largest;
    size_t below = (size_t)ceil(0.05 * (double)largest);
    below = below < 3 ? 3 : below;
    for (size_t i = 0; i < n; i++) {
        small[i] = n > EG_LAYOUT_CROWDED && size[comp[i]] < below;
        n_small += small[i];
    }
    return n_small;
}

size_t eg_layout_small_components(const eg_network *net, bool *small, size_t *n_parts)
{
    size_t n = net->n_nodes;
    *n_parts = 0;
    if (n == 0)
        return 0;
    size_t *comp = malloc(n * sizeof *comp), *size = malloc(n * sizeof *size);
    if (!comp || !size) {
        free(comp);
        free(size);
        return EG_NONE;
    }
    size_t n_small = small_components(net, comp, size, small);
    for (size_t i = 0; i < n; i++)
        *n_parts += small[i] && comp[i] == i;
    free(comp);
    free(size);
    return n_small;
}

/*
 * Packs the small components into the band beside the main part, largest
 * first (then by first node): each a square block of its nodes in index
 * order, blocks in rows; the spacing is the largest that fits the band.
 */
static void pack_aside(const eg_network *net, const size_t *comp, const size_t *size, const bool *small,
                       const size_t *order, size_t n_order, double *xy)
{
    double left = BAND_LEFT * EG_LAYOUT_EXTENT, width = (1 - BAND_LEFT) * EG_LAYOUT_EXTENT;
    double height = 2 * EG_LAYOUT_EXTENT, units = 0;
    for (size_t k = 0; k < n_order; k++) {
        double cols = ceil(sqrt((double)size[order[k]]));
        units += (cols + 1) * (cols + 1);
    }
    double step = fmin(sqrt(0.8 * width * height / (units > 0 ? units : 1)), 0.03 * EG_LAYOUT_EXTENT);
    size_t *next = calloc(net->n_nodes, sizeof *next); /* per component: its nodes placed so far */
    for (int tries = 0; tries < 40; tries++, step *= 0.93) {
        double x = 0, y = 0, row = 0;
        bool fits = true;
        for (size_t k = 0; k < n_order && fits; k++) {
            double side = (ceil(sqrt((double)size[order[k]])) + 1) * step;
            if (x + side > width + 1e-9 && x > 0) {
                x = 0;
                y += row;
                row = 0;
            }
            fits = y + side <= height + 1e-9 || tries == 39;
            x += side;
            row = fmax(row, side);
        }
        if (!fits)
            continue;
        /* the block corners, then each node in its block */
        double *corner = malloc(2 * net->n_nodes * sizeof *corner);
        if (!corner || !next) {
            free(corner);
            break; /* out of memory: the small ones stay where the layout put them */
        }
        x = y = row = 0;
        for (size_t k = 0; k < n_order; k++) {
            double side = (ceil(sqrt((double)size[order[k]])) + 1) * step;
            if (x + side > width + 1e-9 && x > 0) {
                x = 0;
                y += row;
                row = 0;
            }
            corner[2 * order[k]] = left + x;
            corner[2 * order[k] + 1] = EG_LAYOUT_EXTENT - y;
            x += side;
            row = fmax(row, side);
        }
        for (size_t i = 0; i < net->n_nodes; i++) {
            if (!small[i])
                continue;
            size_t c = comp[i], j = next[c]++;
            size_t cols = (size_t)ceil(sqrt((double)size[c]));
            xy[2 * i] = corner[2 * c] + ((double)(j % cols) + 1) * step;
            xy[2 * i + 1] = corner[2 * c + 1] - ((double)(j / cols) + 1) * step;
        }
        free(corner);
        break;
    }
    free(next);
}

/* Lays out a crowded network: the main part by Fruchterman-Reingold in its
 * box, the small components packed beside it. false: nothing small. */
static eg_status place_crowded(const eg_network *net, const eg_layout_opts *opts, double *xy, bool *done,
                               eg_error *err)
{
    size_t n = net->n_nodes;
    *done = false;
    size_t *comp = malloc(n * sizeof *comp), *size = malloc(n * sizeof *size), *slot = malloc(n * sizeof *slot);
    bool *small = malloc(n * sizeof *small);
    double *sub = calloc(2 * n, sizeof *sub);
    size_t *order = malloc(n * sizeof *order);
    eg_status status = EG_OK;
    if (!comp || !size || !slot || !small || !sub || !order) {
        status = eg_error_set(err, EG_ENOMEM, "layout: out of memory");
        goto out;
    }
    size_t n_small = small_components(net, comp, size, small);
    if (n_small == 0 || n_small == n)
        goto out;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        slot[i] = small[i] ? EG_NONE : k++;
    if ((status = place_large(net, slot, k, opts, sub, err)) != EG_OK ||
        (status = fit_to_box(sub, k, k > opts->grid_above ? 0.01 : 0)) != EG_OK) {
        if (status == EG_ENOMEM)
            eg_error_set(err, EG_ENOMEM, "layout: out of memory");
        goto out;
    }
    /* the main part in [-E, MAIN_RIGHT E] across, centred up and down */
    double scale = (1 + MAIN_RIGHT) / 2, shift = (MAIN_RIGHT - 1) / 2 * EG_LAYOUT_EXTENT;
    for (size_t i = 0; i < n; i++)
        if (!small[i]) {
            xy[2 * i] = sub[2 * slot[i]] * scale + shift;
            xy[2 * i + 1] = sub[2 * slot[i] + 1] * scale;
        }
    /* the small components, largest first, then by their first node */
    size_t n_order = 0;
    for (size_t i = 0; i < n; i++)
        if (small[i] && comp[i] == i)
            order[n_order++] = i;
    for (size_t a = 1; a < n_order; a++) { /* insertion sort: stable, no context for qsort */
        size_t v = order[a], b = a;
        while (b > 0 && size[order[b - 1]] < size[v]) {
            order[b] = order[b - 1];
            b--;
        }
        order[b] = v;
    }
    pack_aside(net, comp, size, small, order, n_order, xy);
    for (size_t i = 0; i < 2 * n; i++)
        xy[i] = round2(fmax(-EG_LAYOUT_EXTENT, fmin(EG_LAYOUT_EXTENT, xy[i])));
    *done = true;
out:
    free(comp);
    free(size);
    free(slot);
    free(small);
    free(sub);
    free(order);
    return status;
}

eg_status eg_layout_compute(eg_network *net, const eg_layout_opts *opts, eg_error *err)
{
    static const eg_layout_opts defaults = EG_LAYOUT_OPTS_INIT;
    if (!opts)
        opts = &defaults;
    for (size_t i = 0; i < net->n_edges; i++)
        if (net->edges[i].source >= net->n_nodes || net->edges[i].target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "layout: edge %zu links node %zu to node %zu, but there are %zu nodes",
                                i, net->edges[i].source, net->edges[i].target, net->n_nodes);

    double *xy = calloc(net->n_nodes ? 2 * net->n_nodes : 1, sizeof *xy);
    if (!xy)
        return eg_error_set(err, EG_ENOMEM, "layout: out of memory");
    bool crowded = false;
    eg_status status = net->n_nodes > EG_LAYOUT_CROWDED ? place_crowded(net, opts, xy, &crowded, err) : EG_OK;
    if (status == EG_OK && !crowded && net->n_nodes > 1) {
        size_t *all = malloc(net->n_nodes * sizeof *all);
        if (!all)
            status = eg_error_set(err, EG_ENOMEM, "layout: out of memory");
        for (size_t i = 0; all && i < net->n_nodes; i++)
            all[i] = i;
        if (all)
            status = place_large(net, all, net->n_nodes, opts, xy, err);
        free(all);
        if (status == EG_OK && fit_to_box(xy, net->n_nodes, net->n_nodes > opts->grid_above ? 0.01 : 0))
            status = eg_error_set(err, EG_ENOMEM, "layout: out of memory");
    }
    if (status == EG_OK) {
        for (size_t i = 0; i < net->n_nodes; i++) {
            net->nodes[i].x = xy[2 * i];
            net->nodes[i].y = xy[2 * i + 1];
        }
        set_sizes(net, opts->size_by);
        set_colors(net, opts->color_by);
        net->has_layout = true;
    }
    free(xy);
    return status;
}
