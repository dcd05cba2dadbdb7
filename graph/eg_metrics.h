/*
 * eg_metrics.h - node metrics of an eg_network, computed with igraph.
 *
 * igraph keeps process-wide state (its error handler, its attribute handler
 * and its random number generator); eg_graph_setup sets them once, at start-up,
 * before any other thread runs: a handler that records the error instead of
 * aborting, and the C attribute handler that igraph's file readers need.
 *
 * Metrics (names as they appear in every output):
 *   degree           number of neighbours
 *   weighted_degree  sum of the weights of a node's edges (igraph "strength")
 *   betweenness      weighted shortest-path betweenness, each edge's length
 *                    being 1/weight (strong ties are short), not normalised
 *   pagerank         PageRank with damping 0.85, edge weights as strengths
 *   community        Louvain community (igraph multilevel, modularity,
 *                    resolution 1, weights as strengths), seeded so that runs
 *                    repeat; communities numbered 0.. in node order
 */
#ifndef EG_METRICS_H
#define EG_METRICS_H

#include "eg_network.h"

/* Installs igraph's handlers (idempotent). Not thread-safe: call it first. */
void eg_graph_setup(void);

/* Computes every metric above into net->metrics (replacing earlier values). */
eg_status eg_metrics_compute(eg_network *net, eg_error *err);

#endif
