/*
 * test_export.c - GraphML, CSV and report writers on a small hand-built
 * network: round trip through eg_graphml_read, import by igraph, quoting,
 * ranking, and I/O failures. With EG_TEST_OUT set, the GraphML is also
 * written to that path (for xmllint and tests/check_graphml.py).
 */
#include "eg_csv.h"
#include "eg_graphml.h"
#include "eg_network.h"
#include "eg_report.h"
#include "tap.h"

#include <igraph.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LABEL0 "Zaŭ, Ivan <&\">"

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
    edge->evidence = dup_or_null(evidence);
}

/* Five nodes of every type, a role edge, a country_of edge, two co-mentions,
 * an integer and a real metric. */
static void build_network(eg_network *net)
{
    static const char *const zau[] = {"Ivan Zaŭ", "Zaŭ", NULL};
    static const char *const csto[] = {"CSTO", "Collective Security Treaty Organization", NULL};
    static const char *const belarus[] = {"Belarus", "Belarusian", "Republic of Belarus", NULL};
    eg_network_init(net);
    net->n_documents = 3;
    net->n_nodes = 5;
    net->nodes = calloc(net->n_nodes, sizeof *net->nodes);
    set_node(&net->nodes[0], LABEL0, EG_TYPE_PERSON, zau, 7, 3, "2023-01-02", "2023-03-04");
    set_node(&net->nodes[1], "Maria Lopez", EG_TYPE_PERSON, NULL, 2, 1, "", "");
    set_node(&net->nodes[2], "CSTO", EG_TYPE_BODY, csto, 5, 3, "2023-01-02", "2023-03-04");
    set_node(&net->nodes[3], "Belarus", EG_TYPE_COUNTRY, belarus, 4, 2, "2023-02-01", "2023-03-04");
    set_node(&net->nodes[4], "Treaty on Collective Security", EG_TYPE_DOCUMENT, NULL, 1, 1,
             "2023-03-04", "2023-03-04");

    net->n_edges = 4;
    net->edges = calloc(net->n_edges, sizeof *net->edges);
    set_edge(&net->edges[0], 0, 2, EG_EDGE_ROLE, "Secretary General" EG_LIST_SEP "Chair", 3, 2,
             "2023-01-02", "2023-03-04",
             "Ivan Zaŭ, Secretary General of the CSTO, said \"<no>\" & left.");
    set_edge(&net->edges[1], 0, 1, EG_EDGE_CO_MENTION, NULL, 2.5, 1, "", "", NULL);
    set_edge(&net->edges[2], 2, 3, EG_EDGE_COUNTRY_OF, NULL, 1, 1, "2023-02-01", "2023-02-01",
             "Belarus is a member of the CSTO.");
    set_edge(&net->edges[3], 3, 4, EG_EDGE_CO_MENTION, NULL, 1, 1, "2023-03-04", "2023-03-04",
             "Belarus signed the Treaty on Collective Security.");

    static const double degree[] = {2, 1, 2, 2, 1};
    static const double pagerank[] = {0.3, 0.1, 1.0 / 3.0, 0.2, 0.06666666666666667};
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
        strcmp(a->first_date, b->first_date) != 0 || strcmp(a->last_date, b->last_date) != 0)
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
           strcmp(a->last_date, b->last_date) == 0 && same_string(a->evidence, b->evidence);
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
    eg_network_release(&back);
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
        tap_int(igraph_vcount(&g), 5, "igraph: vertex count");
        tap_int(igraph_ecount(&g), 4, "igraph: edge count");
        tap_str(VAS(&g, "label", 0), LABEL0, "igraph: string label of vertex 0");
        tap_near(VAN(&g, "mentions", 0), 7, 0, "igraph: numeric mentions of vertex 0");
        tap_near(EAN(&g, "weight", 1), 2.5, 0, "igraph: numeric weight of edge 1");
        tap_near(EAN(&g, "documents", 0), 2, 0, "igraph: edge documents under its attr.name");
        tap_near(VAN(&g, "documents", 0), 3, 0, "igraph: node documents apart from the edge's");
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
    tap_ok(back.n_edges == 4 && back.edges[1].weight == 2.5, "locale: weight equal");
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

/* ------------------------------------------------------------------ CSV */

static void test_csv(const eg_network *net)
{
    eg_error err = {0};
    FILE *fp = tmpfile();
    tap_int(eg_csv_write_metrics(net, fp, &err), EG_OK, "csv: writes");
    char *csv = slurp(fp);
    const char *header = "id,label,type,mentions,documents,first_date,last_date,degree,pagerank\n";
    tap_ok(csv && strncmp(csv, header, strlen(header)) == 0, "csv: header row");
    tap_ok(csv && strstr(csv, "\nn0,\"Zaŭ, Ivan <&\"\">\",person,7,3,2023-01-02,2023-03-04,2,0.3\n") != NULL,
           "csv: quoted field with doubled quotes");
    tap_ok(csv && strstr(csv, "\nn1,Maria Lopez,person,2,1,,,1,0.1\n") != NULL, "csv: plain row, empty dates");
    tap_ok(csv && strstr(csv, "\nn2,CSTO,body,5,3,2023-01-02,2023-03-04,2,0.3333333333333333\n") != NULL,
           "csv: numbers as in GraphML");
    size_t lines = 0;
    for (const char *p = csv; p && *p; p++)
        lines += *p == '\n';
    tap_int((long long)lines, 6, "csv: one line per node plus header");
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
    eg_report_opts opts = {"pagerank", 3, -1, 0};
    tap_int(eg_report_write(net, fp, &opts, &err), EG_OK, "report: writes");
    char *text = slurp(fp);
    const char *summary = "5 nodes, 4 edges; nodes: 2 person, 1 body, 1 country, "
                          "1 document; edges: 1 role, 0 part_of, 1 country_of, 2 co_mention\n";
    tap_ok(text && strncmp(text, summary, strlen(summary)) == 0, "report: summary line");
    tap_ok(text && strstr(text, "\nTop 3 by pagerank\n"), "report: title");
    const char *row = text ? first_row(text) : NULL;
    tap_ok(row && strncmp(row, "1  CSTO ", 8) == 0, "report: top node first");
    tap_ok(text && strstr(text, "0.333333") && strstr(text, "0.300000"), "report: real metric, 6 decimals");
    tap_ok(text && strstr(text, "degree  mentions\n"), "report: degree and mentions columns");
    tap_ok(text && !strstr(text, "Maria"), "report: only the top rows");
    if (text)
        diag_lines(text);
    free(text);
    fclose(fp);

    fp = tmpfile();
    opts = (eg_report_opts){"mentions", 0, EG_TYPE_PERSON, 30};
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
    opts = (eg_report_opts){"closeness", 0, -1, 0};
    tap_int(eg_report_write(net, fp, &opts, &err), EG_EINVAL, "report: unknown metric is EG_EINVAL");
    tap_ok(strstr(err.message, "closeness") && strstr(err.message, "degree, pagerank"),
           "report: message lists the metrics");
    tap_diag(err.message);
    fclose(fp);
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
    test_graphml_bad_input();
    test_graphml_foreign();
    test_csv(&net);
    test_report(&net);
    test_write_failures(&net);
    eg_network_release(&net);
    return tap_done();
}
