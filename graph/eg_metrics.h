/*
 * eg_metrics.h - node metrics and a graph summary of an eg_network, computed
 * with igraph.
 *
 * igraph keeps process-wide state (its error handler, its attribute handler
 * and its random number generator); eg_graph_setup sets them once, at start-up,
 * before any other thread runs: a handler that records the error instead of
 * aborting, and the C attribute handler that igraph's file readers need.
 * eg_metrics_compute reseeds the generator right before each randomised step,
 * so its results do not depend on what ran before; for the same reason two
 * threads must not compute metrics at the same time.
 *
 * Which edges count. The metrics read the edges of the chosen layers
 * (eg_metrics_opts.layers), without co-mention edges lighter than
 * min_weight; the other edges stay in the network, untouched, and simply do
 * not take part. A loop (an edge from a node to itself) never takes part.
 * Every node takes part, linked or not.
 *
 * Edge weights. Every kind carries the same kind of weight, set by
 * eg_corpus_build: the number of windows (sentences by default) linking the
 * pair, whether a window states the relation or only names both, so at least 1:
 *   role                 person -> body or country: windows stating a title
 *                        or naming both
 *   part_of, country_of  body -> body, body -> country: likewise
 *   delegation           parliament -> assembly: likewise (the seats are not
 *                        a weight)
 *   adopted, signed, developed, approved   actor -> document: likewise
 *   co_mention           windows naming both
 * A weight that is not a positive finite number (possible in hand-written
 * input) counts as 1. Weights are strengths (a heavier edge is a stronger
 * tie) for weighted_degree, eigenvector, pagerank, community and louvain, and
 * distances of 1/weight (a strong tie is a short hop) for betweenness,
 * closeness and harmonic. degree, coreness, clustering and component ignore
 * weights.
 *
 * Node metrics (the names are GraphML keys, CSV columns and report columns):
 *   degree           neighbours in the layer
 *   weighted_degree  sum of the weights of the node's edges (igraph "strength")
 *   betweenness      sum over pairs s, t (s != t, both != v, each unordered
 *                    pair once) of the share of shortest s-t paths through v;
 *                    undirected, not normalised (divide by (n-1)(n-2)/2 for
 *                    networkx's normalized=True); path length = sum of 1/weight
 *   closeness        r / (sum of the distances to the r nodes reachable from
 *                    v): igraph's normalised closeness, computed over the
 *                    reachable nodes only, so that each component is measured
 *                    on its own (= networkx closeness_centrality with
 *                    wf_improved=False, = Gephi's); 0 for an isolated node
 *   harmonic         (sum over u != v of 1/d(v, u)) / (n - 1), an unreachable
 *                    u adding 0: normalised by n - 1, so values of different
 *                    graphs compare (networkx harmonic_centrality is the bare
 *                    sum); above 1 only where ties heavier than 1 make
 *                    distances shorter than a hop
 *   eigenvector      eigenvector of the largest eigenvalue of the weighted
 *                    adjacency matrix, scaled so that the largest value is 1
 *                    (networkx scales to Euclidean length 1: divide by the
 *                    maximum to compare). On a disconnected layer, nodes
 *                    outside the component that carries the largest
 *                    eigenvalue get 0; with no edge at all every node gets 1
 *                    (igraph's convention)
 *   pagerank         PageRank, damping 0.85, weights as strengths, a node
 *                    without edges jumping anywhere (igraph PRPACK); sums to 1
 *   coreness         k of the innermost k-core holding the node (unweighted)
 *   clustering       local clustering coefficient: the share of pairs of
 *                    neighbours that are linked; 0 for degree < 2 (unweighted)
 *   community        Leiden communities optimising modularity
 *                    (igraph_community_leiden with resolution 1/(2m), m the
 *                    total weight, and node weights = strengths, which is
 *                    modularity at resolution 1; beta 0.01, iterated until
 *                    stable), seeded
 *   louvain          Louvain communities (igraph_community_multilevel,
 *                    resolution 1, the last level), seeded
 *   component        connected component (of the layer)
 * community, louvain and component are numbered 0, 1, ... in order of first
 * appearance in node order, so node 0 is always in 0.
 *
 * Path metrics and large graphs. Betweenness, closeness and harmonic come
 * from shortest-path searches out of the nodes (eg_paths.h: one search gives
 * all three; its values are igraph's to 1e-9). Exact values take one search
 * from every node, each about `edges` steps. A connected component of more
 * than k nodes is searched from k of its nodes drawn at random (seeded),
 * and its values estimated from them (eg_paths.h: the estimators and their
 * error bound); a smaller one is searched from all its nodes, exactly.
 * k = work_limit / edges, at least EG_METRICS_MIN_SOURCES, so the searches
 * cost about work_limit steps; `sources` sets k, `exact` searches from every
 * node. The estimates keep the exact metrics' meaning and scale. Measured on
 * a news network of 16,720 nodes and 40,267 edges (bench/path-sampling;
 * largest component 12,273 nodes): exact, `entigraph graph` takes 33 s
 * (150 s with igraph's functions); with 512 sources 2.9 s, the exact top 10
 * by betweenness having 9 in the estimated top 10, the top 100 88, the
 * median relative error over the top 100 being 14% (0.5% for closeness, 1%
 * for harmonic); with 2,048 (about the default there) 7.0 s: 10, 92, 6%
 * (0.2%, 1.6%).
 * Given a positive `cutoff` instead (and no `sources`), a graph of more
 * than work_limit nodes x edges uses igraph's cutoff variants, which only
 * follow paths up to that length: betweenness counts only the shortest paths
 * of at most that length, closeness is taken over the nodes within that
 * distance, harmonic adds 1/d for them only (still divided by n - 1); local
 * values. The summary records which was done (below), so that every output
 * says the values are estimates.
 *
 * Graph summary, set with eg_network_set_attr (names as they appear in every
 * output):
 *   nodes               all nodes
 *   edges               edges taking part (layer, min_weight, no loops)
 *   density             edges / (nodes (nodes - 1) / 2); 0 below 2 nodes
 *   components          connected components of the layer (isolated nodes
 *                       included)
 *   largest_component   nodes in the largest of them
 *   modularity          modularity of `community` (weighted, resolution 1);
 *                       0 when no edge takes part
 *   louvain_modularity  the same for `louvain`
 *   average_clustering  mean of `clustering` over all nodes, nodes of degree
 *                       < 2 counting as 0 (igraph_transitivity_avglocal_undirected,
 *                       IGRAPH_TRANSITIVITY_ZERO; = networkx average_clustering)
 *   min_weight          the min_weight applied, when above 0
 *   betweenness_sources, closeness_sources, harmonic_sources
 *                       k, the sources a component, only when a component had
 *                       more than k nodes (some values are estimates)
 *   betweenness_cutoff, closeness_cutoff, harmonic_cutoff
 *                       the path length limit, only when it was applied
 * Attributes of an earlier computation that no longer apply are removed.
 */
#ifndef EG_METRICS_H
#define EG_METRICS_H

#include "eg_network.h"

/* Installs igraph's handlers (idempotent). Not thread-safe: call it first. */
void eg_graph_setup(void);

/* Bits of eg_metrics_opts.layers: one per eg_edge_kind, and the named layers
 * of the command line's --layer. */
#define EG_METRICS_LAYER(kind) (1u << (unsigned)(kind))

enum eg_metrics_layer_flags {
    EG_METRICS_LAYER_ALL = 0,
    EG_METRICS_LAYER_ROLE = EG_METRICS_LAYER(EG_EDGE_ROLE),
    EG_METRICS_LAYER_STRUCTURE = EG_METRICS_LAYER(EG_EDGE_PART_OF) |
                                 EG_METRICS_LAYER(EG_EDGE_COUNTRY_OF) |
                                 EG_METRICS_LAYER(EG_EDGE_DELEGATION) |
                                 EG_METRICS_LAYER(EG_EDGE_ADOPTED) |
                                 EG_METRICS_LAYER(EG_EDGE_SIGNED) |
                                 EG_METRICS_LAYER(EG_EDGE_DEVELOPED) |
                                 EG_METRICS_LAYER(EG_EDGE_APPROVED),
    EG_METRICS_LAYER_CO_MENTION = EG_METRICS_LAYER(EG_EDGE_CO_MENTION)
};

/* "role", "structure", "co_mention" or "all" -> *layers. Returns false (and
 * leaves *layers alone) for any other name. */
bool eg_metrics_layer_parse(const char *name, unsigned *layers);

/* Default work_limit: 80 million steps, a few seconds of searches on one
 * core (on 31 MB of news, 55,007 nodes and 143,691 edges: 556 sources a
 * component, 5 s); components of up to 80 million / edges nodes are exact. */
#define EG_METRICS_WORK_LIMIT 8e7

/* The fewest sources a component of the estimates: below it the error bound
 * of eg_paths.h passes 0.17, whatever the time saved. */
#define EG_METRICS_MIN_SOURCES 64

/* Default seed of the community detections (the one eg_layout uses too). */
#define EG_METRICS_SEED 20201204UL

/* Bits of eg_metrics_opts.which: the node metrics listed above, in that
 * order. */
enum eg_metric_flags {
    EG_METRIC_DEGREE = 1u << 0,
    EG_METRIC_WEIGHTED_DEGREE = 1u << 1,
    EG_METRIC_BETWEENNESS = 1u << 2,
    EG_METRIC_CLOSENESS = 1u << 3,
    EG_METRIC_HARMONIC = 1u << 4,
    EG_METRIC_EIGENVECTOR = 1u << 5,
    EG_METRIC_PAGERANK = 1u << 6,
    EG_METRIC_CORENESS = 1u << 7,
    EG_METRIC_CLUSTERING = 1u << 8,
    EG_METRIC_COMMUNITY = 1u << 9,
    EG_METRIC_LOUVAIN = 1u << 10,
    EG_METRIC_COMPONENT = 1u << 11,
    EG_METRICS_ALL = (1u << 12) - 1,
    /* the three that search shortest paths from every node: on a large
     * network nearly all the time metrics take */
    EG_METRICS_PATHS = EG_METRIC_BETWEENNESS | EG_METRIC_CLOSENESS | EG_METRIC_HARMONIC
};

/*
 * A comma-separated list of metric names (those above), "all", or "fast"
 * (all but the three path metrics), into *which. Returns false (and leaves
 * *which alone) on an empty list or an unknown name.
 */
bool eg_metrics_parse(const char *list, unsigned *which);

typedef struct eg_metrics_opts {
    unsigned layers;    /* EG_METRICS_LAYER bits of the edge kinds taking part; 0 = all */
    double min_weight;  /* co-mention edges with weight < min_weight do not take part;
                           other kinds always do; 0 = keep all */
    bool exact;         /* exact path metrics, whatever the size */
    double work_limit;  /* steps the path metrics' searches may take: k =
                           work_limit / edges (see above); 0 = EG_METRICS_WORK_LIMIT */
    double cutoff;      /* > 0: above work_limit nodes x edges, igraph's
                           cutoff variants with this path length limit
                           (1/weight units) instead of the estimates; 0 = estimates */
    size_t sources;     /* k, at least 2: overrides work_limit and cutoff;
                           0 = chosen from work_limit (see above) */
    unsigned threads;   /* threads for the path metrics' searches (eg_paths
                           uses at most 2); 0 = 1; the results are the same */
    unsigned long seed; /* seed of community, louvain and the sampled sources */
    unsigned which;     /* EG_METRIC_ bits of the node metrics to compute;
                           0 = all. A metric left out is no column (an
                           earlier computation's column of it is removed), and
                           the summary numbers that come from it (modularity,
                           louvain_modularity, components, largest_component,
                           the cutoffs) are left out with it */
    /* Called before each metric with its name and the share of metrics done
     * (0 <= fraction < 1), and once at the end with "done" and 1; or NULL.
     * `what` is a static string. The callback must not touch the network. */
    void (*progress)(void *data, const char *what, double fraction);
    void *progress_data; /* passed to progress, borrowed */
} eg_metrics_opts;

#define EG_METRICS_OPTS_INIT \
    {0, 0.0, false, EG_METRICS_WORK_LIMIT, 0.0, 0, 0, EG_METRICS_SEED, 0, NULL, NULL}

/**
 * Computes the node metrics above that opts->which names (all by default)
 * into net->metrics (adding the columns or replacing their values) and the
 * graph summary into net->attrs. Nodes and
 * edges are not changed.
 *
 * @param net   the network; must hold valid node indexes on every edge
 * @param opts  options, borrowed for the call; NULL for EG_METRICS_OPTS_INIT
 * @param err   receives the message on failure; may be NULL
 * @return EG_OK; EG_EINVAL for an edge naming a node that does not exist or
 *         a negative min_weight, work_limit or cutoff, or 1 source; EG_ENOMEM; EG_EGRAPH
 *         with igraph's reason. On failure some metrics may have been
 *         replaced already.
 *
 * Time: O(n m + n^2 log n) for the exact path metrics (n nodes and m edges
 * taking part), about work_limit steps when estimated; the rest is
 * O(m log n) or close (eigenvector and PageRank iterate to convergence).
 */
eg_status eg_metrics_compute(eg_network *net, const eg_metrics_opts *opts, eg_error *err);

#endif
