/*
 * test_report.c - the report on small hand-built networks: every format
 * (table, csv, tsv, json read back with cJSON, markdown), the summary lines
 * from graph-level attrs, fitting the width with long non-ASCII labels, the
 * community filter, the ego (found by an accent-insensitive alias, ambiguous
 * and unknown names, depth 1 against 2), and failures.
 */
#include "eg_network.h"
#include "eg_report.h"
#include "tap.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define CYRILLIC "Организация Договора о коллективной безопасности"
#define CJK "集体安全条约组织秘书处常务委员会"
#define DOCUMENT "Treaty, \"Basic\"\tText | *1*"
#define N_NODES 9

/* ------------------------------------------------------------ fixture */

static void set_node(eg_node *node, const char *label, eg_type type, const char *const *aliases,
                     size_t mentions, size_t documents)
{
    node->label = eg_strdup(label);
    node->type = type;
    while (aliases && aliases[node->n_aliases])
        node->n_aliases++;
    node->aliases = node->n_aliases ? calloc(node->n_aliases, sizeof *node->aliases) : NULL;
    for (size_t i = 0; i < node->n_aliases; i++)
        node->aliases[i] = eg_strdup(aliases[i]);
    node->mentions = mentions;
    node->documents = documents;
}

static char *dup_or_null(const char *s)
{
    return s ? eg_strdup(s) : NULL;
}

/* The network owns its strings: copies the ones the edge points to (the
 * evidence stays static: it is the network pool's, never an edge's to free). */
static eg_edge owned(eg_edge edge)
{
    edge.role = dup_or_null(edge.role);
    edge.seats_history = dup_or_null(edge.seats_history);
    return edge;
}

static void add_metric(eg_network *net, const char *name, bool integer, const double *values)
{
    eg_metric *metric = NULL;
    if (eg_network_add_metric(net, name, integer, &metric) == EG_OK)
        memcpy(metric->values, values, net->n_nodes * sizeof *values);
}

/*
 * Two people sharing the alias "Ivanov"; "City of Zürich" (alias "Zürich")
 * whose posts they hold; a country, a document whose label needs quoting in
 * every format, a long Cyrillic label, a long CJK label, a delegation whose
 * history conflicts; and an isolated node. Neighbourhoods of Sergei Ivanov:
 * depth 1 {Sergei, Pyotr, City}; depth 2 adds {Swiss Confederation,
 * Cyrillic}; depth 3 adds {document, CJK, Senate}; never the isolated node.
 */
static void build_network(eg_network *net, bool with_attrs)
{
    static const char *const pyotr[] = {"Ivanov", "Pyotr Ivanov", NULL};
    static const char *const sergei[] = {"Ivanov", "Sergei Ivanov", NULL};
    static const char *const city[] = {"City of Zürich", "Zürich", NULL};
    static const char *const swiss[] = {"Switzerland", NULL};
    eg_network_init(net);
    net->n_nodes = N_NODES;
    net->nodes = calloc(N_NODES, sizeof *net->nodes);
    set_node(&net->nodes[0], "Pyotr Ivanov", EG_TYPE_PERSON, pyotr, 5, 2);
    set_node(&net->nodes[1], "Sergei Ivanov", EG_TYPE_PERSON, sergei, 3, 1);
    set_node(&net->nodes[2], "City of Zürich", EG_TYPE_BODY, city, 9, 3);
    set_node(&net->nodes[3], "Swiss Confederation", EG_TYPE_COUNTRY, swiss, 4, 2);
    set_node(&net->nodes[4], DOCUMENT, EG_TYPE_DOCUMENT, NULL, 1, 1);
    set_node(&net->nodes[5], CYRILLIC, EG_TYPE_BODY, NULL, 6, 2);
    set_node(&net->nodes[6], CJK, EG_TYPE_BODY, NULL, 2, 1);
    set_node(&net->nodes[7], "Senate", EG_TYPE_BODY, NULL, 2, 1);
    set_node(&net->nodes[8], "Lonely Node", EG_TYPE_PERSON, NULL, 1, 1);
    snprintf(net->nodes[2].first_date, sizeof net->nodes[2].first_date, "2021-01-02");
    snprintf(net->nodes[2].last_date, sizeof net->nodes[2].last_date, "2021-03-04");
    net->nodes[2].website = eg_strdup("https://www.stadt-zuerich.ch/");

    const eg_edge edges[] = {
        {.source = 0,
         .target = 1,
         .kind = EG_EDGE_CO_MENTION,
         .role = NULL,
         .weight = 4,
         .documents = 2,
         .first_date = "",
         .last_date = "",
         .evidence = NULL,
         .seats = -1,
         .seats_history = NULL,
         .pmi = 1.5},
        {.source = 0,
         .target = 2,
         .kind = EG_EDGE_ROLE,
         .role = "Mayor|Chairman",
         .weight = 5,
         .documents = 2,
         .first_date = "2021-01-02",
         .last_date = "2021-03-04",
         .evidence = "Pyotr Ivanov, Mayor of Zürich, said.",
         .seats = -1,
         .seats_history = NULL,
         .pmi = 0},
        {.source = 1,
         .target = 2,
         .kind = EG_EDGE_ROLE,
         .role = "Deputy Mayor",
         .weight = 2,
         .documents = 1,
         .first_date = "",
         .last_date = "",
         .evidence = NULL,
         .seats = -1,
         .seats_history = NULL,
         .pmi = 0},
        {.source = 2,
         .target = 3,
         .kind = EG_EDGE_COUNTRY_OF,
         .role = NULL,
         .weight = 3,
         .documents = 2,
         .first_date = "",
         .last_date = "",
         .evidence = NULL,
         .seats = -1,
         .seats_history = NULL,
         .pmi = 0},
        {.source = 2,
         .target = 5,
         .kind = EG_EDGE_CO_MENTION,
         .role = NULL,
         .weight = 1,
         .documents = 1,
         .first_date = "",
         .last_date = "",
         .evidence = NULL,
         .seats = -1,
         .seats_history = NULL,
         .pmi = 0.5},
        {.source = 3,
         .target = 4,
         .kind = EG_EDGE_SIGNED,
         .role = NULL,
         .weight = 1,
         .documents = 1,
         .first_date = "",
         .last_date = "",
         .evidence = NULL,
         .seats = -1,
         .seats_history = NULL,
         .pmi = 0},
        {.source = 5,
         .target = 6,
         .kind = EG_EDGE_CO_MENTION,
         .role = NULL,
         .weight = 1,
         .documents = 1,
         .first_date = "",
         .last_date = "",
         .evidence = NULL,
         .seats = -1,
         .seats_history = NULL,
         .pmi = 0.25},
        {.source = 7,
         .target = 5,
         .kind = EG_EDGE_DELEGATION,
         .role = NULL,
         .weight = 2,
         .documents = 2,
         .first_date = "2021-01-01",
         .last_date = "2021-02-01",
         .evidence = NULL,
         .seats = 7,
         .seats_history = "2021-01-01:6:a.txt|2021-02-01:7:b.txt",
         .pmi = 0},
    };
    net->n_edges = sizeof edges / sizeof edges[0];
    net->edges = calloc(net->n_edges, sizeof *net->edges);
    for (size_t i = 0; i < net->n_edges; i++)
        net->edges[i] = owned(edges[i]);

    static const double degree[N_NODES] = {2, 2, 4, 2, 1, 3, 1, 1, 0};
    static const double pagerank[N_NODES] = {0.10, 0.08, 0.25, 0.12, 0.05, 0.18, 0.11, 0.09, 0.02};
    static const double community[N_NODES] = {0, 0, 0, 1, 1, 2, 2, 2, 3};
    double betweenness[N_NODES] = {0, 0, 12, 6, 0, 8, 0, 0, 0};
    betweenness[7] = NAN;
    add_metric(net, "degree", true, degree);
    add_metric(net, "pagerank", false, pagerank);
    add_metric(net, "betweenness", false, betweenness);
    add_metric(net, "community", true, community);
    if (!with_attrs)
        return;
    eg_network_set_attr(net, "nodes", N_NODES, true);
    eg_network_set_attr(net, "edges", 8, true);
    eg_network_set_attr(net, "density", 8.0 / 36.0, false);
    eg_network_set_attr(net, "components", 2, true);
    eg_network_set_attr(net, "largest_component", 8, true);
    eg_network_set_attr(net, "modularity", 0.41, false);
    eg_network_set_attr(net, "average_clustering", 0.125, false);
    eg_network_set_attr(net, "betweenness_cutoff", 4, true);
    eg_network_set_attr(net, "transitivity", 0.5, false);
    eg_network_set_attr(net, "closeness_sources", 139, true);
}

/* ------------------------------------------------------------- helpers */

static char *slurp(FILE *fp)
{
    long size = ftell(fp);
    char *text = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (!text)
        return NULL;
    rewind(fp);
    size_t n = fread(text, 1, (size_t)size, fp);
    text[n] = '\0';
    return text;
}

/* The report as text (caller frees); *status gets what eg_report_write said. */
static char *run(const eg_network *net, const eg_report_opts *opts, eg_status *status,
                 eg_error *err)
{
    FILE *fp = tmpfile();
    if (!fp)
        return NULL;
    *status = eg_report_write(net, fp, opts, err);
    char *text = slurp(fp);
    fclose(fp);
    return text;
}

/* The report, which must succeed (one check). */
static char *run_ok(const eg_network *net, const eg_report_opts *opts, const char *what)
{
    eg_error err = {0};
    eg_status status = EG_OK;
    char *text = run(net, opts, &status, &err);
    if (!tap_int(status, EG_OK, what))
        tap_diag(err.message);
    return text;
}

static void diag_lines(const char *text)
{
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        printf("# %.*s\n", (int)len, line);
        line = end ? end + 1 : NULL;
    }
}

/* The line that starts with `prefix` (after a newline, or at the start),
 * copied (caller frees); NULL when none. */
static char *line_starting(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= n && strncmp(line, prefix, n) == 0)
            return eg_strndup(line, len);
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; text && *text; text++)
        n += *text == '\n';
    return n;
}

/* Terminal columns of s[0..len), as a terminal shows them. */
static size_t columns(const char *s, size_t len)
{
    size_t total = 0;
    while (len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
        if (n <= 0)
            n = 1, cp = '?';
        total += (size_t)utf8proc_charwidth(cp);
        s += n;
        len -= (size_t)n;
    }
    return total;
}

/* Unescaped '|' in a Markdown table line: the cell separators. */
static size_t pipes(const char *line)
{
    size_t n = 0;
    for (const char *p = line; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else
            n += *p == '|';
    }
    return n;
}

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *item = get(o, key);
    return cJSON_IsNumber(item) ? item->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *item = get(o, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

/* ------------------------------------------------------------ formats */

static void test_table(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.by = "pagerank";
    opts.top = 4;
    char *text = run_ok(net, &opts, "table: writes");
    const char *start = "9 nodes, 8 edges; nodes: 3 person, 4 body, 1 country, 1 document; "
                        "edges: 2 role, 1 delegation, 0 adopted, 1 signed, 0 developed, "
                        "0 approved, 0 part_of, 1 country_of, 3 co_mention\n\nTop 4 by pagerank\n";
    tap_ok(text && strncmp(text, start, strlen(start)) == 0,
           "table: summary line, no attr lines without attrs, then the title");
    char *head = text ? line_starting(text, "#") : NULL;
    tap_ok(head && strstr(head, "#  name") && strstr(head, "type     pagerank  degree  mentions"),
           "table: header with the metric, degree and mentions");
    char *first = text ? line_starting(text, "1  ") : NULL;
    tap_ok(first && strncmp(first, "1  City of Zürich", strlen("1  City of Zürich")) == 0 &&
               strstr(first, "body     0.250000       4         9"),
           "table: top row, 6 decimals below 1, integers aligned right");
    tap_int((long long)count_lines(text), 9, "table: summary, blank, title, header, rule, 4 rows");
    free(first);
    free(head);
    free(text);

    opts.by = "betweenness";
    opts.top = 0;
    text = run_ok(net, &opts, "table: by a metric with NaN");
    char *last = text ? line_starting(text, "9  ") : NULL;
    tap_ok(last && strstr(last, "Senate") && strstr(last, "n/a"), "table: NaN ranks last, as n/a");
    char *top = text ? line_starting(text, "1  ") : NULL;
    tap_ok(top && strstr(top, "12.0000"), "table: 4 decimals when a value is 1 or more");
    free(top);
    free(last);
    free(text);
}

static void test_summary_attrs(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.top = 1;
    char *text = run_ok(net, &opts, "summary: writes with attrs");
    char *second = text ? line_starting(text, "density") : NULL;
    tap_str(second,
            "density 0.222222; 2 components, the largest of 8 nodes; modularity 0.410000; "
            "average clustering 0.125000; transitivity 0.500000",
            "summary: density, components, largest, modularity, clustering, then other attrs");
    char *third = text ? line_starting(text, "approximated") : NULL;
    tap_str(third, "approximated: betweenness (cutoff 4), closeness (estimated from 139 sources a component)",
            "summary: the approximated metrics, in attr order");
    tap_ok(text && second && third && strstr(text, third) > strstr(text, second) &&
               strstr(strstr(text, third), "\n\nTop 1 by degree\n") ==
                   strstr(text, third) + strlen(third),
           "summary: attr lines, then a blank line and the title");
    free(third);
    free(second);

    opts.format = EG_REPORT_MARKDOWN;
    char *md = run_ok(net, &opts, "summary: markdown with attrs");
    tap_ok(md && strstr(md, "\n- density 0.222222; 2 components") &&
               strstr(md, "\n- approximated: betweenness (cutoff 4), closeness (estimated from 139 sources a component)\n"),
           "summary: markdown carries the same lines as list items");
    free(md);
    opts.format = EG_REPORT_JSON;
    char *json = run_ok(net, &opts, "summary: json with attrs");
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    const cJSON *summary = get(root, "summary");
    tap_near(num(summary, "density"), 8.0 / 36.0, 1e-15, "summary: json attrs at full precision");
    tap_near(num(summary, "betweenness_cutoff"), 4, 0, "summary: json cutoff attrs");
    tap_near(num(summary, "nodes"), N_NODES, 0, "summary: json nodes once");
    tap_int(cJSON_GetArraySize(summary), 4 + 8,
            "summary: json counts and the attrs but nodes and edges");
    cJSON_Delete(root);
    free(json);
    char *again = run_ok(net, &(eg_report_opts){.top = 1, .type = -1}, "summary: writes twice");
    tap_ok(text && again && strcmp(text, again) == 0, "summary: the same bytes every time");
    free(again);
    free(text);
}

static void test_csv_tsv(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.format = EG_REPORT_CSV;
    opts.by = "mentions";
    opts.top = 20;
    char *text = run_ok(net, &opts, "csv: writes");
    const char *start = "rank,id,label,type,mentions,degree\n1,n2,City of Zürich,body,9,4\n";
    tap_ok(text && strncmp(text, start, strlen(start)) == 0,
           "csv: header of machine names, then rows with the node's id in the network's files");
    tap_ok(text && strstr(text, ",\"Treaty, \"\"Basic\"\"\tText | *1*\",document,1,1\n"),
           "csv: RFC 4180 quoting of commas and quotes; the tab kept inside quotes");
    tap_int((long long)count_lines(text), 1 + N_NODES, "csv: a header and one line per node");
    free(text);

    opts.by = "betweenness";
    opts.top = 0;
    text = run_ok(net, &opts, "csv: by a metric with NaN");
    tap_ok(text && strstr(text, ",12,") && strstr(text, "Senate,body,,1,2\n"),
           "csv: full precision; NaN as an empty field");
    free(text);

    opts.format = EG_REPORT_TSV;
    opts.by = "mentions";
    opts.top = 20;
    text = run_ok(net, &opts, "tsv: writes");
    tap_ok(text && strncmp(text, "rank\tid\tlabel\ttype\tmentions\tdegree\n", 35) == 0,
           "tsv: header separated by tabs");
    tap_ok(text && strstr(text, "\tTreaty, \"Basic\" Text | *1*\tdocument\t1\t1\n"),
           "tsv: no quoting; the tab in the label written as a space");
    tap_int((long long)count_lines(text), 1 + N_NODES, "tsv: a header and one line per node");
    free(text);
}

static void test_json(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.format = EG_REPORT_JSON;
    opts.by = "betweenness";
    opts.top = 20;
    char *text = run_ok(net, &opts, "json: writes");
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    tap_ok(root != NULL, "json: parses back");
    tap_ok(text && text[strlen(text) - 1] == '\n', "json: ends with a newline");
    const cJSON *summary = get(root, "summary");
    tap_near(num(summary, "nodes"), N_NODES, 0, "json: summary nodes");
    tap_near(num(summary, "edges"), 8, 0, "json: summary edges");
    tap_near(num(get(summary, "nodes_by_type"), "body"), 4, 0, "json: nodes by type");
    tap_near(num(get(summary, "edges_by_kind"), "co_mention"), 3, 0, "json: edges by kind");
    tap_int(cJSON_GetArraySize(summary), 4, "json: no attrs in the summary without attrs");
    tap_str(str(root, "by"), "betweenness", "json: by");
    tap_ok(!get(root, "ego") && !get(root, "type") && !get(root, "community"),
           "json: no ego or filters unless asked");
    const cJSON *rows = get(root, "rows");
    tap_int(cJSON_GetArraySize(rows), N_NODES, "json: one row per node");
    const cJSON *row = cJSON_GetArrayItem(rows, 0);
    tap_near(num(row, "rank"), 1, 0, "json: rank");
    tap_str(str(row, "label"), "City of Zürich", "json: label");
    tap_str(str(row, "type"), "body", "json: type");
    tap_near(num(row, "betweenness"), 12, 0, "json: the metric");
    tap_near(num(row, "degree"), 4, 0, "json: degree");
    tap_near(num(row, "mentions"), 9, 0, "json: mentions");
    tap_str(str(row, "id"), "n2", "json: the node's id in the network's files");
    tap_int(cJSON_GetArraySize(row), 7, "json: rank, id, label, type and the three columns");
    const cJSON *last = cJSON_GetArrayItem(rows, N_NODES - 1);
    tap_ok(cJSON_IsNull(get(last, "betweenness")), "json: NaN as null");
    bool found = false;
    for (const cJSON *r = rows ? rows->child : NULL; r; r = r->next)
        found = found || (str(r, "label") && strcmp(str(r, "label"), DOCUMENT) == 0);
    tap_ok(found, "json: a label with quotes and a tab reads back the same");
    cJSON_Delete(root);
    free(text);

    opts.type = EG_TYPE_PERSON;
    opts.by_community = true;
    opts.community = 0;
    opts.conflicts = true;
    opts.by = NULL;
    text = run_ok(net, &opts, "json: filtered, with conflicts");
    root = text ? cJSON_Parse(text) : NULL;
    tap_str(str(root, "type"), "person", "json: the type filter");
    tap_near(num(root, "community"), 0, 0, "json: the community filter");
    tap_str(str(root, "by"), "degree", "json: by defaults to degree");
    tap_int(cJSON_GetArraySize(get(root, "rows")), 2, "json: the two persons of community 0");
    const cJSON *conflict = cJSON_GetArrayItem(get(root, "conflicts"), 0);
    tap_str(str(conflict, "source"), "Senate", "json: conflict source");
    tap_str(str(conflict, "target"), CYRILLIC, "json: conflict target");
    tap_near(num(conflict, "latest"), 7, 0, "json: latest figure");
    const cJSON *figure = cJSON_GetArrayItem(get(conflict, "figures"), 0);
    tap_near(num(figure, "seats"), 6, 0, "json: figures ascending");
    const cJSON *doc = cJSON_GetArrayItem(get(figure, "documents"), 0);
    tap_ok(str(doc, "date") && strcmp(str(doc, "date"), "2021-01-01") == 0 && str(doc, "doc") &&
               strcmp(str(doc, "doc"), "a.txt") == 0,
           "json: each figure's documents with their dates");
    cJSON_Delete(root);
    free(text);
}

static void test_markdown(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.format = EG_REPORT_MARKDOWN;
    opts.by = "mentions";
    opts.top = 20;
    char *text = run_ok(net, &opts, "markdown: writes");
    tap_ok(text &&
               strstr(text, "\n## Top 9 by mentions\n\n| # | name | type | mentions | degree |\n"
                            "| ---: | :--- | :--- | ---: | ---: |\n"),
           "markdown: a heading, then a GitHub table with numbers aligned right");
    size_t rows = 0, bad = 0;
    for (const char *line = text ? strstr(text, "\n| ") : NULL; line && line[1] == '|';) {
        const char *end = strchr(line + 1, '\n');
        char *copy = end ? eg_strndup(line + 1, (size_t)(end - line - 1)) : NULL;
        rows++;
        if (!copy || pipes(copy) != 6 || copy[strlen(copy) - 1] != '|')
            bad++;
        free(copy);
        line = end;
    }
    tap_int((long long)rows, 2 + N_NODES, "markdown: header, alignment row and one row per node");
    tap_int((long long)bad, 0, "markdown: every line has 5 cells between 6 separators");
    tap_ok(text && strstr(text, "| Treaty, \"Basic\" Text \\| \\*1\\* | document |"),
           "markdown: pipes and emphasis escaped, the tab as a space");
    free(text);

    /* list items that would start a block, and labels with markup */
    eg_network small;
    eg_network_init(&small);
    small.n_nodes = 3;
    small.nodes = calloc(3, sizeof *small.nodes);
    set_node(&small.nodes[0], "1. Division", EG_TYPE_BODY, NULL, 3, 1);
    set_node(&small.nodes[1], "<b>_x_ co_mention", EG_TYPE_PERSON, NULL, 2, 1);
    set_node(&small.nodes[2], "2. Army", EG_TYPE_PERSON, NULL, 1, 1);
    small.n_edges = 2;
    small.edges = calloc(2, sizeof *small.edges);
    small.edges[0] = owned((eg_edge){.source = 1,
                                     .target = 0,
                                     .kind = EG_EDGE_ROLE,
                                     .role = "Commander",
                                     .weight = 1,
                                     .documents = 1,
                                     .first_date = "",
                                     .last_date = "",
                                     .evidence = NULL,
                                     .seats = -1,
                                     .seats_history = NULL,
                                     .pmi = 0});
    small.edges[1] = owned((eg_edge){.source = 2,
                                     .target = 0,
                                     .kind = EG_EDGE_ROLE,
                                     .role = "Deputy",
                                     .weight = 1,
                                     .documents = 1,
                                     .first_date = "",
                                     .last_date = "",
                                     .evidence = NULL,
                                     .seats = -1,
                                     .seats_history = NULL,
                                     .pmi = 0});
    opts.ego = "1. division";
    text = run_ok(&small, &opts, "markdown: writes an ego");
    tap_ok(text && strstr(text, "\n## 1. Division\n\n- type: body\n"),
           "markdown: the ego as a heading");
    tap_ok(text && strstr(text, "\n### Role holders\n\n"
                                "- \\<b>\\_x\\_ co_mention (person) — Commander\n"
                                "- 2\\. Army (person) — Deputy\n"),
           "markdown: a tag and emphasis escaped, '_' inside a word kept, '2.' starting an item "
           "escaped");
    free(text);
    opts.ego = "2. ARMY";
    text = run_ok(&small, &opts, "markdown: writes another ego");
    tap_ok(text && strstr(text, "\n### Roles\n\n- Deputy — 1. Division (body)\n"),
           "markdown: a number inside an item left alone");
    free(text);
    eg_network_release(&small);
}

/* Every format carries the same rows in the same order. */
static void test_same_rows(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.by = "pagerank";
    opts.top = 5;
    opts.ego = "sergei ivanov";
    opts.depth = 2;
    const char *order[] = {"City of Zürich", CYRILLIC, "Swiss Confederation", "Pyotr Ivanov",
                           "Sergei Ivanov"};
    size_t agree = 0;
    for (int f = 0; f < EG_REPORT_FORMAT_COUNT; f++) {
        opts.format = (eg_report_format)f;
        char *text = run_ok(net, &opts, eg_report_format_name(opts.format));
        const char *at = text;
        size_t found = 0;
        for (size_t i = 0; i < 5 && at; i++, found += at != NULL)
            at = strstr(at, order[i]);
        if (found == 5)
            agree++;
        else
            diag_lines(text);
        tap_ok(text && strstr(text, "hops"), "same rows: the hops column");
        free(text);
    }
    tap_int((long long)agree, EG_REPORT_FORMAT_COUNT, "same rows: every format, the same order");
}

/* ------------------------------------------------------------- width */

static void test_width(const eg_network *net)
{
    /* 31 columns besides the name, which keeps 8 at least: 39 and up fit */
    for (size_t width = 39; width <= 48; width += 1) {
        eg_report_opts opts = EG_REPORT_OPTS_INIT;
        opts.by = "mentions";
        opts.top = 20;
        opts.width = width;
        char *text = run_ok(net, &opts, "width: writes");
        const char *rule = text ? strstr(text, "\n---") : NULL;
        const char *header = rule;
        while (header && header > text && header[-1] != '\n')
            header--;
        /* header, rule and rows: every line as wide as the rule */
        size_t too_wide = 0, uneven = 0, lines = 0, cut = 0;
        size_t rule_len = rule ? strspn(rule + 1, "-") : 0;
        for (const char *line = text ? strstr(text, "\n#") + 1 : NULL; line && *line;) {
            const char *end = strchr(line, '\n');
            size_t cols = columns(line, (size_t)(end - line));
            too_wide += cols > width;
            uneven += cols != rule_len;
            cut += strstr(line, "…") != NULL && strstr(line, "…") < end;
            lines++;
            line = end + 1;
        }
        char what[80];
        snprintf(what, sizeof what, "width %zu: every line fits", width);
        tap_int((long long)too_wide, 0, what);
        snprintf(what, sizeof what, "width %zu: every line as wide as the rule", width);
        if (!tap_int((long long)uneven, 0, what))
            diag_lines(text);
        snprintf(what, sizeof what, "width %zu: the long labels cut", width);
        tap_ok(lines == 2 + N_NODES && cut >= 3, what);
        free(text);
    }
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.by = "mentions";
    opts.width = 40;
    char *text = run_ok(net, &opts, "width: Cyrillic");
    char *row = text ? line_starting(text, "2  ") : NULL;
    /* 9 columns for the name */
    tap_str(row, "2  Организа…  body             6       3", "width: cut by characters, not bytes");
    free(row);
    free(text);
    opts.width = 41;
    opts.type = EG_TYPE_BODY;
    text = run_ok(net, &opts, "width: CJK");
    row = text ? line_starting(text, "4  ") : NULL;
    /* 14 columns for the name: 6 wide characters, "…" and a space for the
     * half character that does not fit */
    tap_str(row, "4  集体安全条约…   body         2       1", "width: wide characters count two");
    free(row);
    free(text);
}

/* --------------------------------------------------------- community */

static void test_community(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.by_community = true;
    opts.community = 2;
    opts.format = EG_REPORT_CSV;
    char *text = run_ok(net, &opts, "community: writes");
    tap_ok(text && strstr(text, "Senate") && strstr(text, CYRILLIC) && strstr(text, CJK) &&
               count_lines(text) == 4,
           "community: only its three nodes");
    free(text);
    opts.format = EG_REPORT_TABLE;
    opts.type = EG_TYPE_BODY;
    opts.top = 2;
    text = run_ok(net, &opts, "community: with a type");
    tap_ok(text && strstr(text, "\nTop 2 by degree (type: body; community: 2)\n"),
           "community: the title says both filters");
    free(text);
    opts.community = 99;
    text = run_ok(net, &opts, "community: unknown id");
    tap_ok(text && strstr(text, "(type: body; community: 99)\n(no nodes)\n"),
           "community: no nodes");
    free(text);

    eg_network bare;
    eg_network_init(&bare);
    bare.n_nodes = 1;
    bare.nodes = calloc(1, sizeof *bare.nodes);
    set_node(&bare.nodes[0], "Alone", EG_TYPE_PERSON, NULL, 1, 1);
    eg_error err = {0};
    eg_status status = EG_OK;
    text = run(&bare, &opts, &status, &err);
    tap_int(status, EG_EINVAL, "community: without the metric is EG_EINVAL");
    tap_ok(strstr(err.message, "community") && strstr(err.message, "no \"community\" metric"),
           "community: the message says why");
    tap_str(text, "", "community: nothing written");
    tap_diag(err.message);
    free(text);
    eg_network_release(&bare);
}

/* --------------------------------------------------------------- ego */

static void test_ego(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.by = "pagerank";
    opts.ego = "zurich";
    char *text = run_ok(net, &opts, "ego: 'zurich' finds 'Zürich', an alias");
    const char *expected = "\nCity of Zürich\n"
                           "  type: body\n"
                           "  aliases: City of Zürich; Zürich\n"
                           "  mentions: 9\n"
                           "  documents: 3\n"
                           "  dates: 2021-01-02 to 2021-03-04\n"
                           "  website: https://www.stadt-zuerich.ch/\n"
                           "\nRole holders\n"
                           "  Pyotr Ivanov (person) — Mayor, Chairman\n"
                           "  Sergei Ivanov (person) — Deputy Mayor\n"
                           "\nRelations\n"
                           "  country_of -> Swiss Confederation (country)\n"
                           "  co_mention with 1 entity\n"
                           "\nTop 5 by pagerank within 1 hop of City of Zürich\n";
    tap_ok(text && strstr(text, expected), "ego: entity, role holders, relations, then the title");
    tap_ok(text && !strstr(text, "\nRoles\n"), "ego: no empty section");
    char *head = text ? line_starting(text, "#  name") : NULL;
    tap_ok(head && strstr(head, "pagerank  degree  mentions  hops"), "ego: a hops column");
    char *self = text ? line_starting(text, "1  City of Zürich") : NULL;
    tap_ok(self && self[strlen(self) - 1] == '0', "ego: itself at 0 hops");
    const char *ties = text ? strstr(text, "\nStrongest ties\n") : NULL;
    tap_ok(ties && strstr(ties, "\n#  name") && strstr(ties, "kind        weight\n"),
           "ego: a ties table after the rows");
    char *tie1 = ties ? line_starting(ties, "1  ") : NULL;
    char *tie4 = ties ? line_starting(ties, "4  ") : NULL;
    tap_ok(tie1 && strstr(tie1, "Pyotr Ivanov") && strstr(tie1, "role") && strstr(tie1, " 5"),
           "ego: the heaviest tie first, with kind and weight");
    tap_ok(tie4 && strstr(tie4, "Организация") && strstr(tie4, "co_mention"),
           "ego: every neighbour among the ties");
    free(tie4);
    free(tie1);
    free(self);
    free(head);
    free(text);

    opts.top = 2;
    text = run_ok(net, &opts, "ego with --top 2");
    ties = text ? strstr(text, "\nStrongest ties\n") : NULL;
    tie1 = ties ? line_starting(ties, "2  ") : NULL;
    char *tie3 = ties ? line_starting(ties, "3  ") : NULL;
    tap_ok(tie1 && !tie3, "ego with --top 2: two ties, as many as the rows");
    free(tie3);
    free(tie1);
    free(text);
    opts.top = 0;

    opts.ego = "CITY OF ZURICH";
    text = run_ok(net, &opts, "ego: the label without case or accents");
    tap_ok(text && strstr(text, "\nCity of Zürich\n  type: body\n"), "ego: found by label");
    free(text);

    opts.ego = "pyotr ivanov";
    text = run_ok(net, &opts, "ego: a person");
    tap_ok(text && strstr(text, "\nRoles\n  Mayor, Chairman — City of Zürich (body)\n"),
           "ego: roles held, titles joined");
    free(text);

    opts.ego = "Senate";
    text = run_ok(net, &opts, "ego: a delegation");
    tap_ok(text && strstr(text, "\n  delegation -> " CYRILLIC " (body), seats 7\n"),
           "ego: relations with direction and seats");
    free(text);

    opts.ego = "confederation";
    text = run_ok(net, &opts, "ego: one word of one label");
    tap_ok(text && strstr(text, "\nSwiss Confederation\n  type: "), "ego: found by a whole word of its label");
    free(text);

    opts.ego = "confed";
    eg_error err = {0};
    eg_status status = EG_OK;
    free(run(net, &opts, &status, &err));
    tap_int(status, EG_EINVAL, "ego: part of a word is no match");
    tap_ok(strstr(err.message, "labels containing it: Swiss Confederation") != NULL,
           "ego: part of a word is suggested");

    opts.ego = "Lonely Node";
    text = run_ok(net, &opts, "ego: without edges");
    tap_ok(text && strstr(text, "\nTop 1 by pagerank within 1 hop of Lonely Node\n") &&
               strstr(text, "\nStrongest ties\n(none)\n"),
           "ego: only itself, and no ties");
    free(text);
}

static void test_ego_depth(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.format = EG_REPORT_JSON;
    opts.ego = "Sergei Ivanov";
    opts.top = 50;
    size_t want[] = {3, 5, 8, 8};
    for (size_t depth = 1; depth <= 4; depth++) {
        opts.depth = depth == 1 ? 0 : depth; /* 0 is the default, 1 */
        char *text = run_ok(net, &opts, "depth: writes");
        cJSON *root = text ? cJSON_Parse(text) : NULL;
        const cJSON *rows = get(root, "rows");
        char what[64];
        snprintf(what, sizeof what, "depth %zu: %zu nodes", depth, want[depth - 1]);
        tap_int(cJSON_GetArraySize(rows), (int)want[depth - 1], what);
        double deepest = 0;
        for (const cJSON *r = rows ? rows->child : NULL; r; r = r->next)
            deepest = num(r, "hops") > deepest ? num(r, "hops") : deepest;
        snprintf(what, sizeof what, "depth %zu: hops up to %zu", depth, depth < 3 ? depth : 3);
        tap_near(deepest, depth < 3 ? (double)depth : 3, 0, what);
        tap_near(num(get(root, "ego"), "depth"), (double)depth, 0, "depth: said in the ego");
        if (depth == 2) {
            bool swiss = false, document = false;
            for (const cJSON *r = rows ? rows->child : NULL; r; r = r->next) {
                swiss = swiss ||
                        (str(r, "label") && strcmp(str(r, "label"), "Swiss Confederation") == 0 &&
                         num(r, "hops") == 2);
                document = document || (str(r, "label") && strcmp(str(r, "label"), DOCUMENT) == 0);
            }
            tap_ok(swiss && !document, "depth 2: two hops away in, three out");
        }
        cJSON_Delete(root);
        free(text);
    }

    opts.depth = 1;
    opts.ego = "City of Zürich";
    char *text = run_ok(net, &opts, "json ego: writes");
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    const cJSON *ego = get(root, "ego");
    tap_str(str(ego, "label"), "City of Zürich", "json ego: label");
    tap_str(str(ego, "website"), "https://www.stadt-zuerich.ch/", "json ego: website");
    tap_int(cJSON_GetArraySize(get(ego, "aliases")), 2, "json ego: aliases");
    tap_int(cJSON_GetArraySize(get(ego, "roles")), 0, "json ego: no roles held");
    const cJSON *holder = cJSON_GetArrayItem(get(ego, "holders"), 0);
    tap_str(str(holder, "label"), "Pyotr Ivanov", "json ego: holder");
    tap_str(cJSON_GetArrayItem(get(holder, "titles"), 1)
                ? cJSON_GetArrayItem(get(holder, "titles"), 1)->valuestring
                : NULL,
            "Chairman", "json ego: titles split");
    const cJSON *relations = get(ego, "relations");
    tap_int(cJSON_GetArraySize(relations), 2, "json ego: relations, co-mentions included");
    const cJSON *rel = cJSON_GetArrayItem(relations, 0);
    tap_ok(str(rel, "kind") && strcmp(str(rel, "kind"), "country_of") == 0 &&
               str(rel, "direction") && strcmp(str(rel, "direction"), "out") == 0,
           "json ego: kind and direction");
    tap_ok(!get(cJSON_GetArrayItem(relations, 1), "direction"), "json ego: co-mentions undirected");
    const cJSON *ties = get(ego, "ties");
    tap_int(cJSON_GetArraySize(ties), 4, "json ego: ties");
    tap_near(num(cJSON_GetArrayItem(ties, 0), "weight"), 5, 0, "json ego: heaviest first");
    cJSON_Delete(root);
    free(text);
}

static void test_ego_errors(const eg_network *net)
{
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    eg_error err = {0};
    eg_status status = EG_OK;
    opts.ego = "ivanov";
    char *text = run(net, &opts, &status, &err);
    tap_int(status, EG_EINVAL, "ego: an alias of two entities is EG_EINVAL");
    tap_ok(strstr(err.message, "'ivanov' matches 2 entities") &&
               strstr(err.message, "Pyotr Ivanov (person), Sergei Ivanov (person)"),
           "ego: the message lists the candidates");
    tap_str(text, "", "ego: nothing written when ambiguous");
    tap_diag(err.message);
    free(text);

    opts.ego = "Zurich City";
    text = run(net, &opts, &status, &err);
    tap_int(status, EG_EINVAL, "ego: an unknown name is EG_EINVAL");
    tap_ok(strstr(err.message, "no entity is named 'Zurich City'") != NULL,
           "ego: the message says so");
    tap_str(text, "", "ego: nothing written when unknown");
    tap_diag(err.message);
    free(text);

    opts.ego = "ivan";
    text = run(net, &opts, &status, &err);
    tap_ok(status == EG_EINVAL &&
               strstr(err.message, "labels containing it: Pyotr Ivanov (person), "
                                   "Sergei Ivanov (person)"),
           "ego: labels containing the name suggested");
    tap_diag(err.message);
    free(text);

    opts.ego = "\xff";
    text = run(net, &opts, &status, &err);
    tap_ok(status == EG_EINVAL && strstr(err.message, "UTF-8"), "ego: a name that is not UTF-8");
    free(text);

    /* two labels that fold alike: the byte-exact one wins */
    eg_network twins;
    eg_network_init(&twins);
    twins.n_nodes = 2;
    twins.nodes = calloc(2, sizeof *twins.nodes);
    set_node(&twins.nodes[0], "Zurich", EG_TYPE_BODY, NULL, 1, 1);
    set_node(&twins.nodes[1], "Zürich", EG_TYPE_COUNTRY, NULL, 1, 1);
    opts.ego = "Zürich";
    text = run(&twins, &opts, &status, &err);
    tap_ok(status == EG_OK && text && strstr(text, "\nZürich\n  type: country\n"),
           "ego: among labels that fold alike, the exact one");
    free(text);
    opts.ego = "ZURICH";
    text = run(&twins, &opts, &status, &err);
    tap_ok(status == EG_EINVAL && strstr(err.message, "Zurich (body), Zürich (country)"),
           "ego: labels that fold alike, none exact: ambiguous");
    free(text);
    eg_network_release(&twins);
}

/* ------------------------------------------------------------ options */

static void test_options(const eg_network *net)
{
    eg_report_format format = EG_REPORT_TABLE;
    size_t round_trips = 0;
    for (int f = 0; f < EG_REPORT_FORMAT_COUNT; f++)
        round_trips +=
            eg_report_format_parse(eg_report_format_name((eg_report_format)f), &format) &&
            format == (eg_report_format)f;
    tap_int((long long)round_trips, EG_REPORT_FORMAT_COUNT, "format: names parse back");
    tap_ok(!eg_report_format_parse("xml", &format) && !eg_report_format_parse(NULL, &format),
           "format: unknown names refused");
    tap_str(eg_report_format_name(EG_REPORT_MARKDOWN), "markdown", "format: a name");

    eg_error err = {0};
    eg_status status = EG_OK;
    eg_report_opts opts = EG_REPORT_OPTS_INIT;
    opts.format = EG_REPORT_FORMAT_COUNT;
    char *text = run(net, &opts, &status, &err);
    tap_int(status, EG_EINVAL, "format: out of range is EG_EINVAL");
    free(text);

    opts.format = EG_REPORT_CSV;
    opts.conflicts = true;
    text = run(net, &opts, &status, &err);
    tap_ok(status == EG_EINVAL && strstr(err.message, "csv"), "conflicts: refused in csv");
    tap_str(text, "", "conflicts: nothing written");
    free(text);

    opts.format = EG_REPORT_MARKDOWN;
    text = run_ok(net, &opts, "conflicts: markdown");
    tap_ok(text && strstr(text, "\n## Conflicting figures\n\n- Senate -> " CYRILLIC
                                ": seats 6 (2021-01-01 a.txt), 7 (2021-02-01 b.txt); latest: 7\n"),
           "conflicts: markdown list");
    free(text);

    opts = (eg_report_opts)EG_REPORT_OPTS_INIT;
    opts.by = "pmi";
    opts.ego = "nobody";
    text = run(net, &opts, &status, &err);
    tap_ok(status == EG_EINVAL && strstr(err.message, "unknown metric 'pmi'"),
           "options: the metric is checked before the ego");
    free(text);

    FILE *full = fopen("/dev/full", "w");
    if (!full) {
        tap_diag("no /dev/full: skipping the disk-full checks");
        return;
    }
    for (int f = 0; f < EG_REPORT_FORMAT_COUNT; f++) {
        opts = (eg_report_opts)EG_REPORT_OPTS_INIT;
        opts.format = (eg_report_format)f;
        opts.ego = "zurich";
        char what[64];
        snprintf(what, sizeof what, "%s: disk full is EG_EIO", eg_report_format_name(opts.format));
        tap_int(eg_report_write(net, full, &opts, &err), EG_EIO, what);
    }
    fclose(full);
}

int main(void)
{
    eg_network net;
    build_network(&net, false);
    test_table(&net);
    test_csv_tsv(&net);
    test_json(&net);
    test_markdown(&net);
    test_same_rows(&net);
    test_width(&net);
    test_community(&net);
    test_ego(&net);
    test_ego_depth(&net);
    test_ego_errors(&net);
    test_options(&net);
    eg_network_release(&net);

    build_network(&net, true);
    test_summary_attrs(&net);
    eg_network_release(&net);
    return tap_done();
}
