/*
 * test_export.c - GraphML, CSV and report writers on a small hand-built
 * network: round trip through eg_graphml_read, import by igraph, quoting,
 * ranking, conflicting seat figures, and I/O failures. With EG_TEST_OUT set, the GraphML is also
 * written to that path (for xmllint and tests/check_graphml.py).
 */
#include "eg_csv.h"
#include "eg_graphml.h"
#include "eg_network.h"
#include "eg_report.h"
#include "tap.h"

#include <igraph.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LABEL0 "Zaŭ, Ivan <&\">"
#define WEBSITE2 "https://odkb-csto.org/?lang=en&v=1,2"
#define HISTORY4 "2020-11-17:6:004.txt|2020-12-04:6:000.txt|2021-05-21:7:001.txt"
#define N_NODES 6
#define N_EDGES 5
/* ------------------------------------------------------------ fixture */

static char *dup_or_null(const char *s)
{
    return s ? eg_strdup(s) : NULL;
}

static void set_node(eg_node *node, const char *label, eg_type type, const char *const *aliases,
                     size_t mentions, size_t documents, const char *first, const char *last)
{
    node->label = eg_strdup(label);
    node->type = type;
    while (aliases && aliases[node->n_aliases])
        node->n_aliases++;
    node->aliases = node->n_aliases ? calloc(node->n_aliases, sizeof *node->aliases) : NULL;
    for (size_t i = 0; aliases && i < node->n_aliases; i++)
        node->aliases[i] = eg_strdup(aliases[i]);
    node->mentions = mentions;
    node->documents = documents;
    snprintf(node->first_date, sizeof node->first_date, "%s", first);
    snprintf(node->last_date, sizeof node->last_date, "%s", last);
}

static void set_edge(eg_edge *edge, size_t source, size_t target, eg_edge_kind kind,
                     const char *role, double weight, size_t documents, const char *first,
                     const char *last, const char *evidence)
{
    edge->source = source;
    edge->target = target;
    edge->kind = kind;
    edge->role = dup_or_null(role);
    edge->weight = weight;
    edge->documents = documents;
    snprintf(edge->first_date, sizeof edge->first_date, "%s", first);
    snprintf(edge->last_date, sizeof edge->last_date, "%s", last);
    edge->evidence = evidence; /* static: evidence is the network's pool's, not the edge's */
    edge->seats = -1;
}

/* Six nodes of every type, one with a website; a role edge, a country_of
 * edge, two co-mentions, a delegation whose history states two figures; pmi
 * on edges; an integer and a real metric. */
static void build_network(eg_network *net)
{
    static const char *const zau[] = {"Ivan Zaŭ", "Zaŭ", NULL};
    static const char *const csto[] = {"CSTO", "Collective Security Treaty Organization", NULL};
    static const char *const belarus[] = {"Belarus", "Belarusian", "Republic of Belarus", NULL};
    eg_network_init(net);
    net->n_documents = 3;
    net->n_nodes = N_NODES;
    net->nodes = calloc(net->n_nodes, sizeof *net->nodes);
    set_node(&net->nodes[0], LABEL0, EG_TYPE_PERSON, zau, 7, 3, "2023-01-02", "2023-03-04");
    set_node(&net->nodes[1], "Maria Lopez", EG_TYPE_PERSON, NULL, 2, 1, "", "");
    set_node(&net->nodes[2], "CSTO", EG_TYPE_BODY, csto, 5, 3, "2023-01-02", "2023-03-04");
    set_node(&net->nodes[3], "Belarus", EG_TYPE_COUNTRY, belarus, 4, 2, "2023-02-01", "2023-03-04");
    set_node(&net->nodes[4], "Treaty on Collective Security", EG_TYPE_DOCUMENT, NULL, 1, 1,
             "2023-03-04", "2023-03-04");
    set_node(&net->nodes[5], "CSTO Parliamentary Assembly", EG_TYPE_BODY, NULL, 3, 3, "2020-11-17",
             "2021-05-21");
    net->nodes[2].website = eg_strdup(WEBSITE2);

    net->n_edges = N_EDGES;
    net->edges = calloc(net->n_edges, sizeof *net->edges);
    set_edge(&net->edges[0], 0, 2, EG_EDGE_ROLE, "Secretary General" EG_LIST_SEP "Chair", 3, 2,
             "2023-01-02", "2023-03-04",
             "Ivan Zaŭ, Secretary General of the CSTO, said \"<no>\" & left.");
    set_edge(&net->edges[1], 0, 1, EG_EDGE_CO_MENTION, NULL, 2.5, 1, "", "", NULL);
    set_edge(&net->edges[2], 2, 3, EG_EDGE_COUNTRY_OF, NULL, 1, 1, "2023-02-01", "2023-02-01",
             "Belarus is a member of the CSTO.");
    set_edge(&net->edges[3], 3, 4, EG_EDGE_CO_MENTION, NULL, 1, 1, "2023-03-04", "2023-03-04",
             "Belarus signed the Treaty on Collective Security.");
    set_edge(&net->edges[4], 3, 5, EG_EDGE_DELEGATION, NULL, 3, 3, "2020-11-17", "2021-05-21",
             "Belarus sends 7 seats to the CSTO Parliamentary Assembly.");
    net->edges[4].seats = 7;
    net->edges[4].seats_history = eg_strdup(HISTORY4);
    net->edges[0].pmi = 1.5;
    net->edges[1].pmi = 2.321928094887362; /* log2(5) */
    net->edges[3].pmi = -0.4150374992788438;

    static const double degree[N_NODES] = {2, 1, 2, 3, 1, 1};
    static const double pagerank[N_NODES] = {0.3, 0.1, 1.0 / 3.0, 0.2, 0.06666666666666667, 0.05};
    eg_metric *metric = NULL;
    eg_network_add_metric(net, "degree", true, &metric);
    memcpy(metric->values, degree, sizeof degree);
    eg_network_add_metric(net, "pagerank", false, &metric);
    memcpy(metric->values, pagerank, sizeof pagerank);
}

/* ------------------------------------------------------------ helpers */

/* The whole of fp from its start, malloc'd and NUL-terminated. */
static char *slurp(FILE *fp)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    char buf[4096];
    size_t n;
    rewind(fp);
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        eg_strbuf_add(&sb, buf, n);
    return eg_strbuf_detach(&sb, NULL);
}

static FILE *file_with(const char *text)
{
    FILE *fp = tmpfile();
    fputs(text, fp);
    rewind(fp);
    return fp;
}

/* Shows a block of output as TAP comments. */
static void diag_lines(const char *text)
{
    while (text && *text) {
        const char *end = strchr(text, '\n');
        int len = end ? (int)(end - text) : (int)strlen(text);
        printf("# %.*s\n", len, text);
        text += len + (end != NULL);
    }
}

static bool same_string(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

static bool same_node(const eg_node *a, const eg_node *b)
{
    if (!same_string(a->label, b->label) || a->type != b->type || a->n_aliases != b->n_aliases ||
        a->mentions != b->mentions || a->documents != b->documents ||
        strcmp(a->first_date, b->first_date) != 0 || strcmp(a->last_date, b->last_date) != 0 ||
        !same_string(a->website, b->website))
        return false;
    for (size_t i = 0; i < a->n_aliases; i++)
        if (!same_string(a->aliases[i], b->aliases[i]))
            return false;
    return true;
}

static bool same_edge(const eg_edge *a, const eg_edge *b)
{
    return a->source == b->source && a->target == b->target && a->kind == b->kind &&
           same_string(a->role, b->role) && a->weight == b->weight &&
           a->documents == b->documents && strcmp(a->first_date, b->first_date) == 0 &&
           strcmp(a->last_date, b->last_date) == 0 && same_string(a->evidence, b->evidence) &&
           a->seats == b->seats && same_string(a->seats_history, b->seats_history) &&
           a->pmi == b->pmi;
}

static bool same_metrics(const eg_network *a, const eg_network *b)
{
    if (a->n_metrics != b->n_metrics)
        return false;
    for (size_t m = 0; m < a->n_metrics; m++) {
        if (strcmp(a->metrics[m].name, b->metrics[m].name) != 0 ||
            a->metrics[m].integer != b->metrics[m].integer)
            return false;
        for (size_t i = 0; i < a->n_nodes; i++)
            if (a->metrics[m].values[i] != b->metrics[m].values[i])
                return false;
    }
    return true;
}

/* -------------------------------------------------------------- GraphML */

static void test_graphml_round_trip(const eg_network *net, FILE *fp)
{
    eg_error err = {0};
    eg_network back;
    tap_int(eg_graphml_read(fp, "round-trip.graphml", &back, &err), EG_OK, "graphml: reads back");
    if (err.code)
        tap_diag(err.message);
    tap_int((long long)back.n_nodes, (long long)net->n_nodes, "graphml: node count");
    tap_int((long long)back.n_edges, (long long)net->n_edges, "graphml: edge count");
    bool nodes_ok = back.n_nodes == net->n_nodes, edges_ok = back.n_edges == net->n_edges;
    for (size_t i = 0; nodes_ok && i < net->n_nodes; i++)
        nodes_ok = same_node(&net->nodes[i], &back.nodes[i]);
    for (size_t i = 0; edges_ok && i < net->n_edges; i++)
        edges_ok = same_edge(&net->edges[i], &back.edges[i]);
    tap_ok(nodes_ok, "graphml: every node attribute equal");
    tap_ok(edges_ok, "graphml: every edge attribute equal");
    tap_ok(nodes_ok && same_metrics(net, &back), "graphml: metrics equal, bit for bit");
    if (back.n_nodes)
        tap_str(back.nodes[0].label, LABEL0, "graphml: escaped, non-ASCII label intact");
    if (nodes_ok) {
        tap_str(back.nodes[2].website, WEBSITE2, "graphml: website read back");
        tap_ok(back.nodes[0].website == NULL, "graphml: no website reads as NULL");
    }
    if (edges_ok) {
        tap_int(back.edges[4].seats, 7, "graphml: seats read back");
        tap_str(back.edges[4].seats_history, HISTORY4, "graphml: seats_history read back");
        tap_ok(back.edges[0].seats == -1 && back.edges[0].seats_history == NULL,
               "graphml: no seats reads as -1, no history as NULL");
        tap_ok(back.edges[1].pmi == 2.321928094887362 && back.edges[3].pmi < 0 && back.edges[2].pmi == 0,
               "graphml: pmi read back, bit for bit");
        tap_int(back.edges[4].kind, EG_EDGE_DELEGATION, "graphml: delegation kind read back");
    }
    eg_network_release(&back);
}

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Every <key id="..."> differs from the others. */
static bool key_ids_unique(const char *xml)
{
    char ids[64][40];
    size_t n = 0;
    for (const char *p = xml; (p = strstr(p, "<key id=\"")); p++) {
        const char *id = p + strlen("<key id=\"");
        const char *end = strchr(id, '"');
        if (!end || end - id >= 40 || n == 64)
            return false;
        snprintf(ids[n], sizeof ids[n], "%.*s", (int)(end - id), id);
        for (size_t i = 0; i < n; i++)
            if (strcmp(ids[i], ids[n]) == 0)
                return false;
        n++;
    }
    return n > 0;
}

static void test_graphml_text(const char *xml)
{
    tap_ok(strstr(xml, "<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>") != NULL,
           "graphml: named key ids with for and attr.type");
    tap_ok(strstr(xml, "<key id=\"pagerank\" for=\"node\" attr.name=\"pagerank\" attr.type=\"double\"/>") != NULL,
           "graphml: real metric key is double");
    tap_ok(strstr(xml, "attr.name=\"degree\" attr.type=\"int\"") != NULL, "graphml: integer metric key is int");
    tap_ok(strstr(xml, "<key id=\"edge_documents\" for=\"edge\" attr.name=\"documents\" attr.type=\"int\"/>") != NULL,
           "graphml: edge key named like a node key has a unique id");
    tap_ok(strstr(xml, "for=\"all\"") == NULL && strstr(xml, "for=\"graph\"") == NULL,
           "graphml: no all or graph keys");
    tap_ok(strstr(xml, "<graph id=\"G\" edgedefault=\"undirected\">") != NULL, "graphml: one undirected graph");
    tap_ok(strstr(xml, "Zaŭ, Ivan &lt;&amp;&quot;&gt;") != NULL, "graphml: label escaped by libxml2");
    tap_ok(strstr(xml, "<data key=\"pagerank\">0.1</data>") != NULL, "graphml: shortest exact double");
    tap_ok(strstr(xml, "<data key=\"role\">") != NULL && strstr(xml, "<edge id=\"e1\"") != NULL,
           "graphml: role edge has a role");
    const char *e1 = strstr(xml, "<edge id=\"e1\"");
    const char *e2 = e1 ? strstr(e1, "<edge id=\"e2\"") : NULL;
    const char *role = e1 ? strstr(e1, "key=\"role\"") : NULL;
    tap_ok(e1 && e2 && (!role || role > e2), "graphml: no role on an edge without one");
    const char *n1 = strstr(xml, "<node id=\"n1\"");
    const char *n2 = n1 ? strstr(n1, "<node id=\"n2\"") : NULL;
    const char *date = n1 ? strstr(n1, "key=\"first_date\"") : NULL;
    tap_ok(n1 && n2 && (!date || date > n2), "graphml: no empty dates");

    tap_ok(key_ids_unique(xml), "graphml: every key id declared once");
    tap_ok(strstr(xml, "<key id=\"website\" for=\"node\" attr.name=\"website\" attr.type=\"string\"/>") != NULL,
           "graphml: website node key");
    tap_ok(strstr(xml, "<key id=\"seats\" for=\"edge\" attr.name=\"seats\" attr.type=\"int\"/>") != NULL,
           "graphml: seats edge key is int");
    tap_ok(strstr(xml, "<key id=\"seats_history\" for=\"edge\" attr.name=\"seats_history\" attr.type=\"string\"/>") != NULL,
           "graphml: seats_history edge key");
    tap_ok(strstr(xml, "<key id=\"pmi\" for=\"edge\" attr.name=\"pmi\" attr.type=\"double\"/>") != NULL,
           "graphml: pmi edge key is double");
    tap_int((long long)count_of(xml, "<data key=\"website\">"), 1, "graphml: website only on the node that has one");
    tap_ok(strstr(xml, "<data key=\"website\">https://odkb-csto.org/?lang=en&amp;v=1,2</data>") != NULL,
           "graphml: website escaped");
    tap_int((long long)count_of(xml, "<data key=\"seats\">"), 1, "graphml: seats only on the edge that has them");
    tap_ok(strstr(xml, "<data key=\"seats\">7</data>") != NULL, "graphml: seats value");
    tap_int((long long)count_of(xml, "<data key=\"seats_history\">"), 1, "graphml: seats_history only where set");
    tap_ok(strstr(xml, "<data key=\"seats_history\">" HISTORY4 "</data>") != NULL, "graphml: seats_history value");
    tap_int((long long)count_of(xml, "<data key=\"pmi\">"), N_EDGES, "graphml: pmi on every edge");
    tap_ok(strstr(xml, "<data key=\"pmi\">0</data>") && strstr(xml, "<data key=\"pmi\">-0.4150374992788438</data>"),
           "graphml: pmi values, 0 included");
    tap_ok(strstr(xml, "<data key=\"kind\">delegation</data>") != NULL, "graphml: delegation kind");
}

static void test_graphml_igraph(FILE *fp)
{
    igraph_t g;
    rewind(fp);
    igraph_set_attribute_table(&igraph_cattribute_table);
    igraph_error_handler_t *old = igraph_set_error_handler(igraph_error_handler_printignore);
    igraph_error_t rc = igraph_read_graph_graphml(&g, fp, 0);
    tap_int(rc, IGRAPH_SUCCESS, "igraph: reads the GraphML");
    if (rc == IGRAPH_SUCCESS) {
        tap_int(igraph_vcount(&g), N_NODES, "igraph: vertex count");
        tap_int(igraph_ecount(&g), N_EDGES, "igraph: edge count");
        tap_str(VAS(&g, "label", 0), LABEL0, "igraph: string label of vertex 0");
        tap_near(VAN(&g, "mentions", 0), 7, 0, "igraph: numeric mentions of vertex 0");
        tap_near(EAN(&g, "weight", 1), 2.5, 0, "igraph: numeric weight of edge 1");
        tap_near(EAN(&g, "documents", 0), 2, 0, "igraph: edge documents under its attr.name");
        tap_near(VAN(&g, "documents", 0), 3, 0, "igraph: node documents apart from the edge's");
        tap_str(VAS(&g, "website", 2), WEBSITE2, "igraph: website of vertex 2");
        tap_str(VAS(&g, "website", 0), "", "igraph: no website is empty");
        tap_ok(igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE, "seats"), "igraph: seats edge attribute");
        tap_near(EAN(&g, "seats", 4), 7, 0, "igraph: numeric seats of edge 4");
        tap_ok(isnan(EAN(&g, "seats", 0)), "igraph: no seats is NaN");
        tap_str(EAS(&g, "seats_history", 4), HISTORY4, "igraph: seats_history of edge 4");
        tap_near(EAN(&g, "pmi", 1), 2.321928094887362, 0, "igraph: numeric pmi of edge 1");
        tap_str(EAS(&g, "kind", 4), "delegation", "igraph: delegation kind");
        igraph_destroy(&g);
    }
    igraph_set_error_handler(old);
}

static void test_graphml(const eg_network *net)
{
    eg_error err = {0};
    FILE *fp = tmpfile(), *again = tmpfile();
    tap_int(eg_graphml_write(net, fp, &err), EG_OK, "graphml: writes");
    tap_int(eg_graphml_write(net, again, &err), EG_OK, "graphml: writes again");
    char *xml = slurp(fp), *xml_again = slurp(again);
    tap_ok(xml && xml_again && strcmp(xml, xml_again) == 0, "graphml: same input, same bytes");
    if (xml)
        test_graphml_text(xml);
    rewind(fp);
    test_graphml_round_trip(net, fp);
    test_graphml_igraph(fp);

    const char *copy = getenv("EG_TEST_OUT");
    if (copy && xml) {
        FILE *out = fopen(copy, "w");
        tap_ok(out && fputs(xml, out) >= 0 && fclose(out) == 0, "graphml: copy kept at EG_TEST_OUT");
    }
    free(xml);
    free(xml_again);
    fclose(fp);
    fclose(again);
}

/*
 * Under a locale with a decimal comma the bytes must not change and numbers
 * must still read back. Skipped when no such locale is installed (with
 * glibc, `localedef -i de_DE -f UTF-8 DIR/de_DE.UTF-8` and LOCPATH=DIR).
 */
static void test_locale(const eg_network *net)
{
    const char *name = getenv("EG_TEST_LOCALE") ? getenv("EG_TEST_LOCALE") : "de_DE.UTF-8";
    if (!setlocale(LC_ALL, name) || strcmp(localeconv()->decimal_point, ".") == 0) {
        setlocale(LC_ALL, "C");
        tap_diag("no locale with a decimal comma: skipping the locale checks");
        return;
    }
    eg_error err = {0};
    eg_network back;
    FILE *in_c = tmpfile(), *in_locale = tmpfile(), *csv_c = tmpfile(), *csv_locale = tmpfile();
    eg_graphml_write(net, in_locale, &err);
    eg_csv_write_metrics(net, csv_locale, &err);
    rewind(in_locale);
    tap_int(eg_graphml_read(in_locale, "locale.graphml", &back, &err), EG_OK, "locale: reads back under a decimal comma");
    tap_ok(back.n_nodes == net->n_nodes && same_metrics(net, &back), "locale: metrics equal");
    tap_ok(back.n_edges == N_EDGES && back.edges[1].weight == 2.5, "locale: weight equal");
    tap_ok(back.n_edges == N_EDGES && back.edges[3].pmi == net->edges[3].pmi, "locale: pmi equal");
    eg_network_release(&back);
    char sample[16];
    snprintf(sample, sizeof sample, "%.1f", 2.5);
    tap_str(sample, "2,5", "locale: the program's own locale is left in place");
    setlocale(LC_ALL, "C");
    eg_graphml_write(net, in_c, &err);
    eg_csv_write_metrics(net, csv_c, &err);
    char *a = slurp(in_c), *b = slurp(in_locale), *c = slurp(csv_c), *d = slurp(csv_locale);
    tap_ok(a && b && strcmp(a, b) == 0, "locale: GraphML bytes independent of the locale");
    tap_ok(c && d && strcmp(c, d) == 0, "locale: CSV bytes independent of the locale");
    free(a);
    free(b);
    free(c);
    free(d);
    fclose(in_c);
    fclose(in_locale);
    fclose(csv_c);
    fclose(csv_locale);
}

/* Text XML cannot carry is replaced, so the file still parses. */
static void test_graphml_unsafe_text(void)
{
    eg_network net, back;
    eg_error err = {0};
    eg_network_init(&net);
    net.n_nodes = 1;
    net.nodes = calloc(1, sizeof *net.nodes);
    set_node(&net.nodes[0], "bad\x01\xff", EG_TYPE_BODY, NULL, 1, 1, "", "");
    FILE *fp = tmpfile();
    tap_int(eg_graphml_write(&net, fp, &err), EG_OK, "graphml: writes control and invalid bytes");
    rewind(fp);
    tap_int(eg_graphml_read(fp, "unsafe.graphml", &back, &err), EG_OK, "graphml: ... and reads them back");
    if (back.n_nodes == 1)
        tap_str(back.nodes[0].label, "bad\xEF\xBF\xBD\xEF\xBF\xBD", "graphml: as U+FFFD");
    eg_network_release(&back);
    fclose(fp);

    eg_metric *metric = NULL;
    eg_network_add_metric(&net, "bad name", false, &metric);
    fp = tmpfile();
    tap_int(eg_graphml_write(&net, fp, &err), EG_EINVAL, "graphml: metric name that is no key id");
    char *text = slurp(fp);
    tap_ok(text && !text[0], "graphml: ... rejected before writing");
    free(text);
    fclose(fp);
    eg_network_release(&net);
}

/* A metric named like an edge key moves the edge key to edge_<name>; one
 * named like a node key is refused. */
static void test_graphml_metric_clash(void)
{
    eg_network net, back;
    eg_error err = {0};
    eg_network_init(&net);
    net.n_nodes = 2;
    net.nodes = calloc(2, sizeof *net.nodes);
    set_node(&net.nodes[0], "Federal Assembly", EG_TYPE_BODY, NULL, 1, 1, "", "");
    set_node(&net.nodes[1], "Parliamentary Assembly", EG_TYPE_BODY, NULL, 1, 1, "", "");
    net.n_edges = 1;
    net.edges = calloc(1, sizeof *net.edges);
    set_edge(&net.edges[0], 0, 1, EG_EDGE_DELEGATION, NULL, 1, 1, "", "", NULL);
    net.edges[0].seats = 3;
    net.edges[0].pmi = 0.5;
    eg_metric *metric = NULL;
    eg_network_add_metric(&net, "seats", true, &metric);
    metric->values[0] = 10;
    metric->values[1] = 20;
    FILE *fp = tmpfile();
    tap_int(eg_graphml_write(&net, fp, &err), EG_OK, "graphml: metric named seats");
    char *xml = slurp(fp);
    tap_ok(xml && strstr(xml, "<key id=\"edge_seats\" for=\"edge\" attr.name=\"seats\" attr.type=\"int\"/>") &&
               strstr(xml, "<data key=\"edge_seats\">3</data>") && strstr(xml, "<data key=\"seats\">20</data>"),
           "graphml: ... moves the edge key to edge_seats");
    tap_ok(xml && key_ids_unique(xml), "graphml: ... key ids still unique");
    free(xml);
    rewind(fp);
    tap_int(eg_graphml_read(fp, "clash.graphml", &back, &err), EG_OK, "graphml: ... reads back");
    tap_ok(back.n_edges == 1 && back.edges[0].seats == 3 && back.edges[0].pmi == 0.5,
           "graphml: ... edge seats and pmi intact");
    const eg_metric *seats = eg_network_metric(&back, "seats");
    tap_ok(back.n_nodes == 2 && seats && seats->integer && seats->values[1] == 20,
           "graphml: ... seats metric intact");
    eg_network_release(&back);
    fclose(fp);

    eg_network_add_metric(&net, "website", false, &metric);
    fp = tmpfile();
    tap_int(eg_graphml_write(&net, fp, &err), EG_EINVAL, "graphml: metric named website is refused");
    fclose(fp);
    eg_network_release(&net);
}

static void expect_read_error(const char *input, const char *name, const char *want, const char *what)
{
    eg_network net;
    eg_error err = {0};
    FILE *fp = file_with(input);
    eg_status status = eg_graphml_read(fp, name, &net, &err);
    tap_int(status, EG_EPARSE, what);
    bool ok = strstr(err.message, name) && strstr(err.message, want);
    if (!tap_ok(ok, "graphml: error names the file and the problem"))
        tap_diag(err.message);
    tap_ok(net.n_nodes == 0 && net.nodes == NULL, "graphml: network left released");
    fclose(fp);
}

static void test_graphml_bad_input(void)
{
    expect_read_error("", "empty.graphml", "not a GraphML file", "graphml: empty file rejected");
    expect_read_error("id,label\nn0,x\n", "table.csv", "table.csv:1: not a GraphML file",
                      "graphml: CSV rejected");
    expect_read_error("<?xml version=\"1.0\"?>\n<gexf><graph/></gexf>\n", "other.gexf", "root element is <gexf>",
                      "graphml: other XML rejected");
    expect_read_error("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                      "<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                      "<graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n"
                      "<edge source=\"a\" target=\"zz\"/>\n</graph>\n</graphml>\n",
                      "dangling.graphml", "dangling.graphml:5: edge target 'zz'",
                      "graphml: edge to an unknown node rejected");
    expect_read_error("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                      "<key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n"
                      "<graph edgedefault=\"undirected\">\n<node id=\"a\">\n"
                      "<data key=\"mentions\">many</data>\n</node>\n</graph>\n</graphml>\n",
                      "count.graphml", "count.graphml:5: 'many' is not a count",
                      "graphml: bad number rejected");
    expect_read_error("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                      "<key id=\"seats\" for=\"edge\" attr.name=\"seats\" attr.type=\"int\"/>\n"
                      "<graph edgedefault=\"undirected\">\n<node id=\"a\"/>\n<node id=\"b\"/>\n"
                      "<edge source=\"a\" target=\"b\"><data key=\"seats\">7.5</data></edge>\n"
                      "</graph>\n</graphml>\n",
                      "seats.graphml", "seats.graphml:6: '7.5' is not a number of seats",
                      "graphml: bad seats rejected");
    expect_read_error("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph>\n<node id=\"a\">\n</graph>",
                      "broken.graphml", "broken.graphml:4", "graphml: malformed XML rejected");
}

/* What other writers produce: networkx reuses key ids for nodes and edges,
 * keys for="all" and for="graph", CDATA, nodes without labels. */
static void test_graphml_foreign(void)
{
    static const char *const xml =
        "<?xml version='1.0' encoding='utf-8'?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        "<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
        "<key id=\"documents\" for=\"node\" attr.name=\"documents\" attr.type=\"long\"/>\n"
        "<key id=\"documents\" for=\"edge\" attr.name=\"documents\" attr.type=\"long\"/>\n"
        "<key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "<key id=\"g\" for=\"graph\" attr.name=\"source\" attr.type=\"string\"/>\n"
        "<key id=\"score\" for=\"all\" attr.name=\"score\" attr.type=\"float\"/>\n"
        "<graph edgedefault=\"undirected\"><data key=\"g\">corpus</data>\n"
        "<node id=\"a\"><data key=\"documents\">2</data><data key=\"score\">1.5</data></node>\n"
        "<node id=\"b\"><data key=\"label\"><![CDATA[B & co]]></data></node>\n"
        "<edge source=\"a\" target=\"b\"><data key=\"documents\">4</data>"
        "<data key=\"kind\">friend</data><data key=\"score\">9</data></edge>\n"
        "</graph>\n</graphml>\n";
    eg_network net;
    eg_error err = {0};
    FILE *fp = file_with(xml);
    tap_int(eg_graphml_read(fp, "foreign.graphml", &net, &err), EG_OK, "graphml: reads a networkx-style file");
    if (err.code)
        tap_diag(err.message);
    if (net.n_nodes == 2 && net.n_edges == 1 && net.n_metrics == 1) {
        tap_str(net.nodes[0].label, "a", "graphml: label defaults to the node id");
        tap_str(net.nodes[1].label, "B & co", "graphml: CDATA text");
        tap_int((long long)net.nodes[0].documents, 2, "graphml: node documents");
        tap_int((long long)net.edges[0].documents, 4, "graphml: edge documents from a reused id");
        tap_int(net.edges[0].kind, EG_EDGE_CO_MENTION, "graphml: unknown kind reads as co_mention");
        tap_str(net.metrics[0].name, "score", "graphml: numeric key becomes a metric");
        tap_ok(!net.metrics[0].integer && net.metrics[0].values[0] == 1.5 && net.metrics[0].values[1] == 0,
               "graphml: metric values, 0 when absent");
        tap_ok(net.edges[0].seats == -1 && net.edges[0].seats_history == NULL && net.edges[0].pmi == 0,
               "graphml: absent seats read as -1, history as NULL, pmi as 0");
        tap_ok(net.nodes[0].website == NULL && net.nodes[1].website == NULL, "graphml: absent website is NULL");
    } else {
        tap_ok(0, "graphml: networkx-style file has 2 nodes, 1 edge, 1 metric");
    }
    eg_network_release(&net);
    fclose(fp);

    FILE *write_only = fopen("/dev/null", "w");
    if (write_only) {
        tap_int(eg_graphml_read(write_only, "/dev/null", &net, &err), EG_EIO, "graphml: read failure is EG_EIO");
        tap_diag(err.message);
        fclose(write_only);
    }
}

/* n numeric node keys, m0..m{n-1}, a second key named like m0, and two
 * graph keys named alike, each given twice. */
static char *metric_keys_file(int n)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    eg_strbuf_adds(&sb, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
    for (int i = 0; i < n; i++)
        eg_strbuf_addf(&sb, "<key id=\"k%d\" for=\"node\" attr.name=\"m%d\" attr.type=\"double\"/>\n", i, i);
    eg_strbuf_adds(&sb, "<key id=\"again\" for=\"node\" attr.name=\"m0\" attr.type=\"int\"/>\n"
                        "<key id=\"g1\" for=\"graph\" attr.name=\"score\" attr.type=\"int\"/>\n"
                        "<key id=\"g2\" for=\"graph\" attr.name=\"score\" attr.type=\"double\"/>\n"
                        "<graph edgedefault=\"undirected\"><data key=\"g1\">1</data><data key=\"g2\">2.5</data>"
                        "<data key=\"g1\">3</data>\n"
                        "<node id=\"a\"><data key=\"k0\">1.5</data><data key=\"again\">2</data></node>\n"
                        "<node id=\"b\"/>\n</graph>\n</graphml>\n");
    return eg_strbuf_detach(&sb, NULL);
}

static void test_graphml_metric_limit(void)
{
    eg_network net;
    eg_error err = {0};
    char *xml = metric_keys_file(EG_GRAPHML_MAX_METRICS);
    FILE *fp = file_with(xml);
    tap_int(eg_graphml_read(fp, "limit.graphml", &net, &err), EG_OK, "graphml: reads EG_GRAPHML_MAX_METRICS metrics");
    if (err.code)
        tap_diag(err.message);
    tap_int((long long)net.n_metrics, EG_GRAPHML_MAX_METRICS, "graphml: ... keys named alike share a metric");
    if (net.n_metrics > 0 && net.n_nodes == 2)
        tap_ok(!net.metrics[0].integer && net.metrics[0].values[0] == 2 && net.metrics[0].values[1] == 0,
               "graphml: ... the first key's type, the last value");
    tap_int((long long)net.n_attrs, 1, "graphml: graph keys named alike share an attribute");
    if (net.n_attrs == 1)
        tap_ok(strcmp(net.attrs[0].name, "score") == 0 && net.attrs[0].value == 3 && net.attrs[0].integer,
               "graphml: ... the last value and its key's type");
    eg_network_release(&net);
    fclose(fp);
    free(xml);

    xml = metric_keys_file(EG_GRAPHML_MAX_METRICS + 1);
    fp = file_with(xml);
    tap_int(eg_graphml_read(fp, "many.graphml", &net, &err), EG_EINVAL, "graphml: one metric too many is refused");
    char want[64], key[32];
    snprintf(want, sizeof want, "many.graphml:%d: more than %d", EG_GRAPHML_MAX_METRICS + 2,
             EG_GRAPHML_MAX_METRICS);
    snprintf(key, sizeof key, "'m%d'", EG_GRAPHML_MAX_METRICS);
    if (!tap_ok(strstr(err.message, want) && strstr(err.message, key),
                "graphml: ... the message names the file, line and key"))
        tap_diag(err.message);
    tap_ok(net.n_nodes == 0 && net.n_metrics == 0 && net.metrics == NULL, "graphml: ... network left released");
    fclose(fp);
    free(xml);
}

/* ------------------------------------------------------------------ CSV */

static void test_csv(const eg_network *net)
{
    eg_error err = {0};
    FILE *fp = tmpfile();
    tap_int(eg_csv_write_metrics(net, fp, &err), EG_OK, "csv: writes");
    char *csv = slurp(fp);
    const char *header = "id,label,type,mentions,documents,first_date,last_date,website,degree,pagerank\n";
    tap_ok(csv && strncmp(csv, header, strlen(header)) == 0, "csv: header row");
    tap_ok(csv && strstr(csv, "\nn0,\"Zaŭ, Ivan <&\"\">\",person,7,3,2023-01-02,2023-03-04,,2,0.3\n") != NULL,
           "csv: quoted field with doubled quotes");
    tap_ok(csv && strstr(csv, "\nn1,Maria Lopez,person,2,1,,,,1,0.1\n") != NULL,
           "csv: plain row, empty dates and website");
    tap_ok(csv && strstr(csv, "\nn2,CSTO,body,5,3,2023-01-02,2023-03-04,\"" WEBSITE2 "\",2,0.3333333333333333\n") != NULL,
           "csv: website after last_date (quoted for its comma), numbers as in GraphML");
    tap_ok(csv && strstr(csv, "\nn5,CSTO Parliamentary Assembly,body,3,3,2020-11-17,2021-05-21,,1,0.05\n") != NULL,
           "csv: row without a website");
    size_t lines = 0;
    for (const char *p = csv; p && *p; p++)
        lines += *p == '\n';
    tap_int((long long)lines, N_NODES + 1, "csv: one line per node plus header");
    tap_ok(csv && !strchr(csv, '\r'), "csv: LF line ends");
    free(csv);
    fclose(fp);
}

/* --------------------------------------------------------------- report */

/* The first table row: the line after the rule of dashes. */
static const char *first_row(const char *report)
{
    const char *rule = strstr(report, "\n---");
    const char *row = rule ? strchr(rule + 1, '\n') : NULL;
    return row ? row + 1 : NULL;
}

static void test_report(const eg_network *net)
{
    eg_error err = {0};
    FILE *fp = tmpfile();
    eg_report_opts opts = {.by = "pagerank", .top = 3, .type = -1};
    tap_int(eg_report_write(net, fp, &opts, &err), EG_OK, "report: writes");
    char *text = slurp(fp);
    const char *summary = "6 nodes, 5 edges; nodes: 2 person, 2 body, 1 country, 1 document; "
                          "edges: 1 role, 1 delegation, 0 adopted, 0 signed, 0 developed, "
                          "0 approved, 0 part_of, 1 country_of, 2 co_mention\n";
    tap_ok(text && strncmp(text, summary, strlen(summary)) == 0, "report: summary line");
    tap_ok(text && strstr(text, "\nTop 3 by pagerank\n"), "report: title");
    const char *row = text ? first_row(text) : NULL;
    tap_ok(row && strncmp(row, "1  CSTO ", 8) == 0, "report: top node first");
    tap_ok(text && strstr(text, "0.333333") && strstr(text, "0.300000"), "report: real metric, 6 decimals");
    tap_ok(text && strstr(text, "degree  mentions\n"), "report: degree and mentions columns");
    tap_ok(text && !strstr(text, "Maria"), "report: only the top rows");
    tap_ok(text && !strstr(text, "Conflicting"), "report: no conflicts section unless asked");
    if (text)
        diag_lines(text);
    free(text);
    fclose(fp);

    fp = tmpfile();
    opts = (eg_report_opts){.by = "mentions", .type = EG_TYPE_PERSON, .width = 30};
    tap_int(eg_report_write(net, fp, &opts, &err), EG_OK, "report: filtered, narrow");
    text = slurp(fp);
    tap_ok(text && strstr(text, "\nTop 2 by mentions (type: person)\n"), "report: filtered title");
    row = text ? first_row(text) : NULL;
    tap_ok(row && strncmp(row, "1  Zaŭ, Iv", strlen("1  Zaŭ, Iv")) == 0 && strstr(row, "…  person"),
           "report: long name cut with an ellipsis");
    tap_ok(text && !strstr(text, "CSTO"), "report: other types left out");
    if (text)
        diag_lines(text);
    free(text);
    fclose(fp);

    fp = tmpfile();
    opts = (eg_report_opts){.by = "closeness", .type = -1};
    tap_int(eg_report_write(net, fp, &opts, &err), EG_EINVAL, "report: unknown metric is EG_EINVAL");
    tap_ok(strstr(err.message, "closeness") && strstr(err.message, "degree, pagerank"),
           "report: message lists the metrics");
    tap_diag(err.message);
    fclose(fp);
}

/* The report with opts.conflicts, as text (caller frees). */
static char *conflicts_report(const eg_network *net, const char *what)
{
    eg_error err = {0};
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.conflicts = true;
    FILE *fp = tmpfile();
    tap_int(eg_report_write(net, fp, &opts, &err), EG_OK, what);
    char *text = slurp(fp);
    fclose(fp);
    return text;
}

static void test_report_conflicts(const eg_network *net)
{
    char *text = conflicts_report(net, "report: writes with conflicts");
    const char *line = "Belarus -> CSTO Parliamentary Assembly: seats 6 (2020-11-17 004.txt, "
                       "2020-12-04 000.txt), 7 (2021-05-21 001.txt); latest: 7\n";
    const char *section = text ? strstr(text, "\n\nConflicting figures\n") : NULL;
    tap_ok(section && strcmp(section + strlen("\n\nConflicting figures\n"), line) == 0,
           "report: one conflict line after the table, values ascending, documents in history order");
    const char *row = text ? first_row(text) : NULL;
    tap_ok(row && section && row < section, "report: the table comes first");
    if (text)
        diag_lines(text);
    free(text);

    /* Figures out of order, an undated document, items that are no figure;
     * a history on a non-delegation edge; a delegation that agrees. */
    eg_network small;
    eg_network_init(&small);
    small.n_nodes = 3;
    small.nodes = calloc(3, sizeof *small.nodes);
    set_node(&small.nodes[0], "Federal\tAssembly", EG_TYPE_BODY, NULL, 1, 1, "", "");
    set_node(&small.nodes[1], "Parliamentary Assembly", EG_TYPE_BODY, NULL, 1, 1, "", "");
    set_node(&small.nodes[2], "Senate", EG_TYPE_BODY, NULL, 1, 1, "", "");
    small.n_edges = 3;
    small.edges = calloc(3, sizeof *small.edges);
    set_edge(&small.edges[0], 0, 1, EG_EDGE_DELEGATION, NULL, 1, 1, "", "", NULL);
    small.edges[0].seats_history =
        eg_strdup("2021-01-01:12:a.txt|2021-02-01:9:b.txt|:12:c.txt|bad|2021-03-01:x:d.txt");
    set_edge(&small.edges[1], 0, 2, EG_EDGE_CO_MENTION, NULL, 1, 1, "", "", NULL);
    small.edges[1].seats_history = eg_strdup("2021-01-01:1:a.txt|2021-01-02:2:b.txt");
    set_edge(&small.edges[2], 2, 1, EG_EDGE_DELEGATION, NULL, 1, 1, "", "", NULL);
    small.edges[2].seats = 4;
    small.edges[2].seats_history = eg_strdup("2021-01-01:4:a.txt|2021-06-01:4:e.txt");
    text = conflicts_report(&small, "report: writes odd histories");
    section = text ? strstr(text, "\n\nConflicting figures\n") : NULL;
    tap_str(section ? section + strlen("\n\nConflicting figures\n") : NULL,
            "Federal Assembly -> Parliamentary Assembly: seats 9 (2021-02-01 b.txt), "
            "12 (2021-01-01 a.txt, c.txt); latest: 12\n",
            "report: numeric order, undated document, bad items skipped, latest from the history");
    free(text);

    free(small.edges[0].seats_history);
    small.edges[0].seats_history = NULL;
    text = conflicts_report(&small, "report: writes without conflicts");
    section = text ? strstr(text, "\n\nConflicting figures\n") : NULL;
    tap_str(section, "\n\nConflicting figures\n(none)\n", "report: (none) without a conflict");
    free(text);
    eg_network_release(&small);
}

/* ------------------------------------------------------------------ I/O */

static void test_write_failures(const eg_network *net)
{
    eg_error err = {0};
    FILE *fp = tmpfile();
    FILE *read_only = fdopen(dup(fileno(fp)), "r");
    tap_int(eg_graphml_write(net, read_only, &err), EG_EIO, "graphml: read-only stream is EG_EIO");
    tap_diag(err.message);
    fclose(read_only);
    fclose(fp);

    FILE *full = fopen("/dev/full", "w");
    if (!full) {
        tap_diag("no /dev/full: skipping the disk-full checks");
        return;
    }
    tap_int(eg_graphml_write(net, full, &err), EG_EIO, "graphml: disk full is EG_EIO");
    tap_int(eg_csv_write_metrics(net, full, &err), EG_EIO, "csv: disk full is EG_EIO");
    tap_int(eg_report_write(net, full, NULL, &err), EG_EIO, "report: disk full is EG_EIO");
    tap_diag(err.message);
    fclose(full);
}

int main(void)
{
    eg_network net;
    build_network(&net);
    test_graphml(&net);
    test_locale(&net);
    test_graphml_unsafe_text();
    test_graphml_metric_clash();
    test_graphml_bad_input();
    test_graphml_foreign();
    test_graphml_metric_limit();
    test_csv(&net);
    test_report(&net);
    test_report_conflicts(&net);
    test_write_failures(&net);
    eg_network_release(&net);
    return tap_done();
}
