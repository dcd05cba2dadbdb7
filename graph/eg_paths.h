/*
 * eg_paths.h - betweenness, closeness and harmonic centrality from
 * shortest-path searches: exact, or, on a graph too large for a search from
 * every node, estimated from a sample of sources (used by eg_metrics).
 *
 * The exact metrics run one search from every node. A connected
 * component of more than k nodes is searched from k of its nodes drawn at
 * random, without replacement, with igraph's process-wide generator (seed it
 * first); a component of at most k nodes is searched from all its nodes, so
 * its values are exact. Paths never leave a component, so each node's value
 * comes from the sources of its own component, scaled to the whole of it:
 *
 *   betweenness  (N / k) x the betweenness over the paths that start at a
 *                sampled source (each pair counted once, as in the exact
 *                metric): an unbiased estimate (Brandes and Pich 2007);
 *   closeness    (sources other than v) / (sum of their distances to v): the
 *                mean distance to v over the sample stands for the mean over
 *                the component (Eppstein and Wang 2004; distances are
 *                symmetric in an undirected graph);
 *   harmonic     (sum over the sources other than v of 1/d) x (N - 1) /
 *                (sources other than v), divided by n - 1 like the exact one,
 *
 * N being the size of v's component and n of the graph; with k >= N these
 * are the exact metrics (igraph's definitions, eg_metrics.h). Time: k
 * searches of each large component (O(m log n) each: one search gives all
 * three) and one from every node of the small ones.
 *
 * Error: for one node, the mean over the sample of any per-source share in
 * [0, 1] is within sqrt(ln(2 / delta) / (2 k)) of the component's mean with
 * probability 1 - delta (Hoeffding's bound, which holds for sampling
 * without replacement). For betweenness, normalised by (N - 1)(N - 2) / 2,
 * the share is a source's dependency on v over N - 2: with k = 128 the
 * normalised value is within 0.12 of the exact one at 95%, whatever the
 * graph. That bound is loose where it matters: the hubs that rank first
 * collect a share from nearly every source, and bench/path-sampling measures
 * the error actually made on news networks.
 */
#ifndef EG_PATHS_H
#define EG_PATHS_H

#include <igraph.h>
#include <stdbool.h>

/*
 * Estimates, over the undirected graph g with edge lengths `lengths`, from at
 * most k >= 2 sources a component, the metrics whose result vector is not
 * NULL (each is resized to the node count); *sampled (unless NULL) receives
 * the number of components that had more than k nodes (0: all values exact).
 * The searches run on up to `threads` threads (at most 2; 0 or 1: this one
 * only), with the same results, to the last bit, for any number.
 * Returns an igraph error code; on failure the vectors hold nothing
 * meaningful.
 */
igraph_error_t eg_paths_estimate(const igraph_t *g, const igraph_vector_t *lengths,
                                 igraph_integer_t k, unsigned threads, igraph_vector_t *betweenness,
                                 igraph_vector_t *closeness, igraph_vector_t *harmonic,
                                 igraph_integer_t *sampled);

/*
 * Sums over the shortest-path searches from `sources` (nodes of g; edge
 * lengths `lengths`, undirected), into the vectors not NULL (each resized to
 * the node count): for each node v, dependency = half the sum of the
 * sources' dependencies on v (Brandes: the shares of the shortest paths from
 * a source that pass through v; half, as each pair is met from both ends,
 * which is igraph_betweenness_subset's value for the same sources), distance
 * = the sum of d(s, v) and inverse = the sum of 1 / d(s, v) over the sources
 * s != v that reach v. Shortest paths tie as in igraph (sums of lengths
 * equal within a relative 1e-10). The searches touch no igraph state: they
 * run on up to `threads` threads (at most 2: the sources alternate between
 * two sums, added in order at the end, so the result is the same to the
 * last bit for any number of threads). Returns an igraph error code.
 */
igraph_error_t eg_paths_from_sources(const igraph_t *g, const igraph_vector_t *lengths,
                                     const igraph_vector_int_t *sources, unsigned threads,
                                     igraph_vector_t *dependency, igraph_vector_t *distance,
                                     igraph_vector_t *inverse);

#endif
