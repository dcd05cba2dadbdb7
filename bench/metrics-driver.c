/*
 * metrics-driver.c - runs eg_metrics_compute on an edge list, for
 * bench/metrics-compare and bench/metrics-speed, which compile it on the fly
 * against build/libentigraph.a (it is no part of the library or the CLI).
 *
 *   metrics-driver [--exact] [--work-limit X] [--cutoff X] [--layer NAME]
 *                  [--min-weight W] < EDGES
 *
 * EDGES: a first line "nodes N", then one edge per line, "SOURCE TARGET
 * WEIGHT [KIND]", nodes numbered 0..N-1, KIND an eg_edge_kind name
 * (default co_mention). Prints, tab-separated: a header "node" + the metric
 * names, one row per node (values with 17 significant digits), then
 * "#attr NAME VALUE" for the graph summary and "#time WHAT SECONDS" for the
 * time spent in each metric ("setup" = building igraph's graph; "total" =
 * the whole of eg_metrics_compute).
 */
#include "eg_metrics.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct timing {
    double start, last;
    char what[64];
    eg_strbuf log; /* "#time WHAT SECONDS" lines */
} timing;

static void on_progress(void *data, const char *what, double fraction)
{
    timing *t = data;
    double at = now();
    (void)fraction;
    eg_strbuf_addf(&t->log, "#time\t%s\t%.6f\n", t->what, at - t->last);
    snprintf(t->what, sizeof t->what, "%s", what);
    t->last = at;
}

static int usage(void)
{
    fputs("usage: metrics-driver [--exact] [--work-limit X] [--cutoff X] [--layer NAME] "
          "[--min-weight W] < EDGES\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    eg_metrics_opts o = EG_METRICS_OPTS_INIT;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--exact") == 0)
            o.exact = true;
        else if (strcmp(argv[i], "--work-limit") == 0 && i + 1 < argc)
            o.work_limit = atof(argv[++i]);
        else if (strcmp(argv[i], "--cutoff") == 0 && i + 1 < argc)
            o.cutoff = atof(argv[++i]);
        else if (strcmp(argv[i], "--min-weight") == 0 && i + 1 < argc)
            o.min_weight = atof(argv[++i]);
        else if (strcmp(argv[i], "--layer") == 0 && i + 1 < argc) {
            if (!eg_metrics_layer_parse(argv[++i], &o.layers))
                return usage();
        } else
            return usage();
    }

    eg_graph_setup();
    eg_network net;
    eg_network_init(&net);
    size_t n = 0, cap = 0;
    if (scanf(" nodes %zu", &n) != 1) {
        fputs("metrics-driver: the input must start with \"nodes N\"\n", stderr);
        return 1;
    }
    net.nodes = calloc(n ? n : 1, sizeof *net.nodes);
    if (!net.nodes)
        return 1;
    net.n_nodes = n;
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        size_t a, b;
        double w;
        char kind[32] = "co_mention";
        int got = sscanf(line, "%zu %zu %lf %31s", &a, &b, &w, kind);
        if (got < 0)
            continue;
        if (got < 3) {
            fprintf(stderr, "metrics-driver: bad line: %s", line);
            return 1;
        }
        eg_edge_kind k;
        if (!eg_edge_kind_parse(kind, &k)) {
            fprintf(stderr, "metrics-driver: unknown kind: %s\n", kind);
            return 1;
        }
        if (eg_grow(&net.edges, &cap, net.n_edges + 1, sizeof *net.edges))
            return 1;
        net.edges[net.n_edges++] = (eg_edge){.source = a, .target = b, .kind = k, .role = NULL,
                                             .weight = w, .documents = 1, .first_date = "",
                                             .last_date = "", .evidence = NULL, .seats = -1,
                                             .seats_history = NULL, .pmi = 0};
    }

    timing t = {0, 0, "setup", EG_STRBUF_INIT};
    o.progress = on_progress;
    o.progress_data = &t;
    eg_error err = {0};
    t.start = t.last = now();
    if (eg_metrics_compute(&net, &o, &err)) {
        fprintf(stderr, "metrics-driver: %s\n", err.message);
        return 1;
    }
    double total = now() - t.start;

    fputs("node", stdout);
    for (size_t m = 0; m < net.n_metrics; m++)
        printf("\t%s", net.metrics[m].name);
    putchar('\n');
    for (size_t i = 0; i < net.n_nodes; i++) {
        printf("%zu", i);
        for (size_t m = 0; m < net.n_metrics; m++)
            printf("\t%.17g", net.metrics[m].values[i]);
        putchar('\n');
    }
    for (size_t i = 0; i < net.n_attrs; i++)
        printf("#attr\t%s\t%.17g\n", net.attrs[i].name, net.attrs[i].value);
    fputs(t.log.buf, stdout);
    printf("#time\ttotal\t%.6f\n", total);
    eg_strbuf_release(&t.log);
    eg_network_release(&net);
    return ferror(stdout) ? 1 : 0;
}
