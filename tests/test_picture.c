/*
 * test_picture.c - the SVG picture and the HTML viewer on a small hand-built
 * network: the SVG parsed back with libxml2 (one circle per node, legend,
 * labels escaped, arrows, fixed-precision numbers), the HTML checked as one
 * self-contained file whose embedded JSON parses back with cJSON and cannot
 * be broken out of, determinism, and write errors. With EG_TEST_OUT set to a
 * folder, the SVG and HTML are also written there (picture.svg, picture.html)
 * to look at.
 */
#include "eg_html.h"
#include "eg_network.h"
#include "eg_svg.h"
#include "tap.h"

#include <cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LABEL0 "Ivan Za\xC5\xAD <&\">"
#define LABEL1 "Maria </script><script>alert(1)</script> Lopez"
#define LABEL3 "Parliamentary Assembly of the Collective Security Treaty Organization"
#define WEBSITE2 "https://odkb-csto.org/?lang=en&v=1"
#define EVIDENCE0 "Ivan Za\xC5\xAD, Executive Secretary of the CSTO PA, said <hello> & goodbye."
#define TITLE "Test network <&>"
#define N_NODES 6
#define N_EDGES 6

/* ------------------------------------------------------------- fixture */

static void set_node(eg_node *node, const char *label, eg_type type, const char *const *aliases,
                     double x, double y, double size, unsigned char r, unsigned char g, unsigned char b)
{
    node->label = eg_strdup(label);
    node->type = type;
    while (aliases && aliases[node->n_aliases])
        node->n_aliases++;
    node->aliases = node->n_aliases ? calloc(node->n_aliases, sizeof *node->aliases) : NULL;
    for (size_t i = 0; aliases && i < node->n_aliases; i++)
        node->aliases[i] = eg_strdup(aliases[i]);
    node->mentions = 3;
    node->documents = 2;
    snprintf(node->first_date, sizeof node->first_date, "%s", "2021-05-20");
    snprintf(node->last_date, sizeof node->last_date, "%s", "2021-05-21");
    node->x = x;
    node->y = y;
    node->size = size;
    node->r = r;
    node->g = g;
    node->b = b;
}

/* Six nodes of every type (colours by type), six edges of five kinds; a
 * label with markup characters and an accent, a label holding "</script>",
 * a label too long to draw whole. */
static void build_network(eg_network *net)
{
    static const char *const zau[] = {"Ivan Za\xC5\xAD", "Za\xC5\xAD", NULL};
    static const char *const csto[] = {"CSTO", "CSTO Members", "Organization", NULL};
    static const char *const pa[] = {"CSTO PA", "CSTO Parliamentary Assembly", NULL};
    eg_network_init(net);
    net->n_documents = 2;
    net->n_nodes = N_NODES;
    net->nodes = calloc(N_NODES, sizeof *net->nodes);
    set_node(&net->nodes[0], LABEL0, EG_TYPE_PERSON, zau, -1.0, 0.5, 8, 0x4e, 0x79, 0xa7);
    set_node(&net->nodes[1], LABEL1, EG_TYPE_PERSON, NULL, -0.8, -0.7, 3, 0x4e, 0x79, 0xa7);
    set_node(&net->nodes[2], "Collective Security Treaty Organization", EG_TYPE_BODY, csto, 0.6, -0.2, 10,
             0xf2, 0x8e, 0x2b);
    set_node(&net->nodes[3], LABEL3, EG_TYPE_BODY, pa, 0.0, 0.9, 6, 0xf2, 0x8e, 0x2b);
    set_node(&net->nodes[4], "Belarus", EG_TYPE_COUNTRY, NULL, 1.0, 0.8, 2, 0x59, 0xa1, 0x4f);
    set_node(&net->nodes[5], "Treaty on Collective Security", EG_TYPE_DOCUMENT, NULL, 0.9, -1.0, 1, 0xb0, 0x7a,
             0xa1);
    net->nodes[2].website = eg_strdup(WEBSITE2);
    net->has_layout = true;

    net->n_edges = N_EDGES;
    net->edges = calloc(N_EDGES, sizeof *net->edges);
    net->edges[0] = (eg_edge){.source = 0, .target = 1, .kind = EG_EDGE_CO_MENTION, .role = NULL, .weight = 3,
                              .documents = 2, .first_date = "2021-05-20", .last_date = "2021-05-21",
                              .evidence = "Za\xC5\xAD met Maria Lopez.", .seats = -1,
                              .seats_history = NULL, .pmi = 1.5};
    net->edges[1] = (eg_edge){.source = 0, .target = 3, .kind = EG_EDGE_ROLE,
                              .role = eg_strdup("Executive Secretary|Chairman"), .weight = 2, .documents = 2,
                              .first_date = "2021-05-20", .last_date = "2021-05-21",
                              .evidence = EVIDENCE0, .seats = -1, .seats_history = NULL, .pmi = 0};
    net->edges[2] = (eg_edge){.source = 1, .target = 2, .kind = EG_EDGE_ROLE, .role = eg_strdup("Secretary General"),
                              .weight = 1, .documents = 1, .first_date = "2021-05-21", .last_date = "2021-05-21",
                              .evidence = "Maria Lopez, Secretary General of the CSTO.", .seats = -1,
                              .seats_history = NULL, .pmi = 0};
    net->edges[3] = (eg_edge){.source = 2, .target = 5, .kind = EG_EDGE_ADOPTED, .role = NULL, .weight = 1,
                              .documents = 1, .first_date = "", .last_date = "", .evidence = NULL, .seats = -1,
                              .seats_history = NULL, .pmi = 0};
    net->edges[4] = (eg_edge){.source = 3, .target = 2, .kind = EG_EDGE_PART_OF, .role = NULL, .weight = 5,
                              .documents = 2, .first_date = "2021-05-20", .last_date = "2021-05-21",
                              .evidence = "the Parliamentary Assembly of the CSTO", .seats = -1,
                              .seats_history = NULL, .pmi = 0};
    net->edges[5] = (eg_edge){.source = 3, .target = 4, .kind = EG_EDGE_DELEGATION, .role = NULL, .weight = 1,
                              .documents = 1, .first_date = "2021-05-21", .last_date = "2021-05-21",
                              .evidence = "Belarus sends 6 members.", .seats = 6,
                              .seats_history = eg_strdup("2021-05-21:6:001.txt"), .pmi = 0};

    eg_metric *m = NULL;
    if (eg_network_add_metric(net, "pagerank", false, &m) == EG_OK)
        for (size_t i = 0; i < N_NODES; i++)
            m->values[i] = 1.0 / (double)(i + 2);
    if (eg_network_add_metric(net, "degree", true, &m) == EG_OK)
        for (size_t i = 0; i < N_NODES; i++)
            m->values[i] = (double)(i % 3 + 1);
}

/* ------------------------------------------------------------- helpers */

typedef eg_status (*writer_fn)(const eg_network *, FILE *, const eg_export_opts *, eg_error *);

/* Writes into memory; returns a malloc'd NUL-terminated copy, or NULL. */
static char *write_to_string(writer_fn write, const eg_network *net, const eg_export_opts *opts,
                             eg_status *status, size_t *len)
{
    eg_error err = {0};
    FILE *fp = tmpfile();
    if (!fp)
        return NULL;
    *status = write(net, fp, opts, &err);
    if (*status != EG_OK)
        printf("# %s\n", err.message);
    long size = ftell(fp);
    char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    rewind(fp);
    if (buf && fread(buf, 1, (size_t)size, fp) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[size] = '\0';
    fclose(fp);
    *len = buf ? (size_t)size : 0;
    return buf;
}

static size_t count_substrings(const char *s, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = s; (p = strstr(p, needle)); p += len)
        n++;
    return n;
}

static xmlXPathObjectPtr xpath(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    if (!ctx)
        return NULL;
    xmlXPathRegisterNs(ctx, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlXPathFreeContext(ctx);
    return obj;
}

static long xpath_count(xmlDocPtr doc, const char *expr)
{
    xmlXPathObjectPtr obj = xpath(doc, expr);
    long n = obj && obj->nodesetval ? obj->nodesetval->nodeNr : -1;
    xmlXPathFreeObject(obj);
    return n;
}

/* The string value of an XPath expression ("" when none), malloc'd. */
static char *xpath_string(xmlDocPtr doc, const char *expr)
{
    xmlXPathObjectPtr obj = xpath(doc, expr);
    char *s = NULL;
    if (obj) {
        xmlChar *v = xmlXPathCastToString(obj);
        s = eg_strdup(v ? (const char *)v : "");
        xmlFree(v);
    }
    xmlXPathFreeObject(obj);
    return s;
}

/* With EG_TEST_OUT set, keeps a copy of an output to look at. */
static void keep(const char *name, const char *bytes, size_t len)
{
    const char *dir = getenv("EG_TEST_OUT");
    if (!dir || !bytes)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(bytes, 1, len, fp) != len || fclose(fp) != 0)
        printf("# cannot write %s\n", path);
}

/* Every value of a numeric attribute has the form -?D+.DD */
static bool fixed_precision(xmlDocPtr doc, const char *expr)
{
    xmlXPathObjectPtr obj = xpath(doc, expr);
    bool ok = obj && obj->nodesetval && obj->nodesetval->nodeNr > 0;
    for (int i = 0; ok && i < obj->nodesetval->nodeNr; i++) {
        xmlChar *v = xmlNodeGetContent(obj->nodesetval->nodeTab[i]);
        const char *p = (const char *)v;
        if (*p == '-')
            p++;
        size_t digits = strspn(p, "0123456789");
        ok = digits > 0 && p[digits] == '.' && strspn(p + digits + 1, "0123456789") == 2 && !p[digits + 3];
        if (!ok)
            printf("#   not fixed precision: %s\n", (const char *)v);
        xmlFree(v);
    }
    xmlXPathFreeObject(obj);
    return ok;
}

static xmlDocPtr parse_svg(const char *svg, size_t len)
{
    return xmlReadMemory(svg, (int)len, "picture.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
}

/* ------------------------------------------------------------- SVG */

static void test_svg(const eg_network *net)
{
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    opts.title = TITLE;
    eg_status st;
    size_t len;
    char *svg = write_to_string(eg_svg_write, net, &opts, &st, &len);
    tap_ok(svg && st == EG_OK, "svg: written");
    if (!svg)
        return;
    keep("picture.svg", svg, len);
    xmlDocPtr doc = parse_svg(svg, len);
    tap_ok(doc != NULL, "svg: well-formed XML");
    if (doc) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        tap_ok(root && strcmp((const char *)root->name, "svg") == 0 && root->ns &&
                   strcmp((const char *)root->ns->href, "http://www.w3.org/2000/svg") == 0,
               "svg: root <svg> in the SVG namespace");
        tap_int(xpath_count(doc, "//s:circle"), N_NODES, "svg: one circle per node");
        tap_int(xpath_count(doc, "//s:g[@id='edges']/s:line"), N_EDGES, "svg: one line per edge");
        tap_int(xpath_count(doc, "//s:g[@id='edges']/s:line[@marker-end]"), N_EDGES - 1,
                "svg: every edge but the co-mention is an arrow");
        tap_int(xpath_count(doc, "//s:marker[@id='arrow-role']/s:path[@fill='#d55e00']"), 1,
                "svg: the role arrowhead, in the role colour");
        tap_int(xpath_count(doc, "//s:g[@id='edges']/s:line[not(@marker-end)][@stroke='#9a9a9a']"), 1,
                "svg: the co-mention is a grey line");
        char *title = xpath_string(doc, "/s:svg/s:title");
        tap_str(title, TITLE, "svg: the title, escaped and read back");
        free(title);
        tap_int(xpath_count(doc, "//s:g[@id='legend']"), 1, "svg: a legend");
        tap_int(xpath_count(doc, "//s:g[@id='legend']/s:text[.='person (2)']"), 1, "svg: legend lists the person type");
        tap_int(xpath_count(doc, "//s:g[@id='legend']/s:rect[@fill='#4e79a7']"), 1,
                "svg: legend shows the person colour (colours follow the type)");
        tap_int(xpath_count(doc, "//s:g[@id='legend']/s:text[.='delegation (1)']"), 1,
                "svg: legend lists the edge kinds");
        tap_int(xpath_count(doc, "//s:g[@id='legend']/s:text[.='signed (0)']"), 0,
                "svg: legend leaves out absent kinds");
        tap_int(xpath_count(doc, "//s:g[@id='labels']/s:text"), N_NODES, "svg: every node labelled (6 < 20)");
        tap_int(xpath_count(doc, "//s:g[@id='labels'][@paint-order='stroke'][@stroke='#ffffff']"), 1,
                "svg: labels have a halo");
        tap_int(xpath_count(doc, "//s:g[@id='labels']/s:text[.='Ivan Za\xC5\xAD <&\">']"), 1,
                "svg: a label with <&\"> and an accent reads back as written");
        tap_int(xpath_count(doc, "//s:g[@id='labels']/s:text[.='CSTO Parliamentary Assembly']"), 1,
                "svg: a long label is drawn as its longest short alias");
        tap_int(xpath_count(doc, "//s:circle/s:title[.='" LABEL3 " (body)']"), 1,
                "svg: the circle's tooltip has the full label");
        tap_ok(fixed_precision(doc, "//s:circle/@cx | //s:circle/@cy | //s:circle/@r | //s:line/@x1 | "
                                    "//s:line/@y2 | //s:line/@stroke-width | //s:text/@x"),
               "svg: numbers have two decimals");
        xmlFreeDoc(doc);
    }
    tap_ok(strstr(svg, "Ivan Za\xC5\xAD &lt;&amp;&quot;&gt;") != NULL, "svg: markup characters escaped in the bytes");
    tap_ok(strstr(svg, "<script") == NULL, "svg: no script");

    /* the same bytes again, and with another numeric locale when there is one */
    eg_status st2;
    size_t len2;
    char *again = write_to_string(eg_svg_write, net, &opts, &st2, &len2);
    tap_ok(again && len2 == len && memcmp(again, svg, len) == 0, "svg: same network, same bytes");
    free(again);
    if (setlocale(LC_ALL, "de_DE.UTF-8") || setlocale(LC_ALL, "fr_FR.UTF-8")) {
        again = write_to_string(eg_svg_write, net, &opts, &st2, &len2);
        tap_ok(again && len2 == len && memcmp(again, svg, len) == 0, "svg: same bytes under a comma locale");
        free(again);
        setlocale(LC_ALL, "C");
    } else {
        tap_ok(1, "svg: same bytes under a comma locale # SKIP no de_DE or fr_FR locale installed");
    }
    free(svg);

    /* label_top */
    opts.label_top = 2;
    svg = write_to_string(eg_svg_write, net, &opts, &st, &len);
    doc = svg ? parse_svg(svg, len) : NULL;
    tap_int(doc ? xpath_count(doc, "//s:g[@id='labels']/s:text") : -1, 2, "svg: label_top 2 labels two nodes");
    tap_int(doc ? xpath_count(doc, "//s:g[@id='labels']/s:text[.='CSTO']") : -1, 1,
            "svg: the largest node is labelled (by its short alias)");
    xmlFreeDoc(doc);
    free(svg);
}

static void test_svg_without_layout(eg_network *net)
{
    net->has_layout = false;
    eg_status st;
    size_t len;
    char *svg = write_to_string(eg_svg_write, net, NULL, &st, &len);
    xmlDocPtr doc = svg ? parse_svg(svg, len) : NULL;
    tap_ok(doc && st == EG_OK, "svg without layout: written, well-formed");
    tap_int(doc ? xpath_count(doc, "//s:circle") : -1, N_NODES, "svg without layout: one circle per node");
    eg_svg_node *places = NULL;
    bool distinct = eg_svg_place(net, 800, 600, &places) == EG_OK && places;
    for (size_t i = 0; distinct && i < N_NODES; i++) {
        distinct = places[i].x >= 0 && places[i].x <= 800 && places[i].y >= 0 && places[i].y <= 600;
        for (size_t j = 0; distinct && j < i; j++)
            distinct = fabs(places[i].x - places[j].x) + fabs(places[i].y - places[j].y) > 1;
    }
    tap_ok(distinct, "svg without layout: a circle layout, inside the box, no two nodes at one place");
    unsigned char rgb[EG_TYPE_COUNT][3];
    tap_ok(places && eg_svg_colors_by_type(net, places, rgb) && rgb[EG_TYPE_BODY][0] == 0xe6,
           "svg without layout: coloured by type");
    char *title = doc ? xpath_string(doc, "/s:svg/s:title") : NULL;
    tap_str(title, "entigraph network", "svg: the default title");
    free(title);
    free(places);
    xmlFreeDoc(doc);
    free(svg);
    net->has_layout = true;
}

static void test_svg_colors_by_community(eg_network *net)
{
    unsigned char saved = net->nodes[1].r;
    net->nodes[1].r = 0x11; /* two persons, two colours */
    eg_status st;
    size_t len;
    char *svg = write_to_string(eg_svg_write, net, NULL, &st, &len);
    xmlDocPtr doc = svg ? parse_svg(svg, len) : NULL;
    tap_int(doc ? xpath_count(doc, "//s:g[@id='legend']/s:text[.='colour: community']") : -1, 1,
            "svg: colours not by type are said to be communities");
    tap_int(doc ? xpath_count(doc, "//s:g[@id='legend']/s:rect[@rx='7']") : -1, 0,
            "svg: and no type swatches then");
    xmlFreeDoc(doc);
    free(svg);
    net->nodes[1].r = saved;
}

static void test_svg_edge_cases(void)
{
    eg_network empty;
    eg_network_init(&empty);
    eg_status st;
    size_t len;
    char *svg = write_to_string(eg_svg_write, &empty, NULL, &st, &len);
    xmlDocPtr doc = svg ? parse_svg(svg, len) : NULL;
    tap_ok(doc && st == EG_OK && xpath_count(doc, "//s:circle") == 0, "svg: an empty network is an empty picture");
    xmlFreeDoc(doc);
    free(svg);

    char *html = write_to_string(eg_html_write, &empty, NULL, &st, &len);
    tap_ok(html && st == EG_OK, "html: an empty network is written");
    free(html);

    /* an edge out of range: nothing written */
    eg_node node = {.label = "A"};
    eg_edge edge = {.source = 0, .target = 3, .kind = EG_EDGE_ROLE, .role = NULL, .weight = 1, .documents = 1,
                    .first_date = "", .last_date = "", .evidence = NULL, .seats = -1, .seats_history = NULL,
                    .pmi = 0};
    eg_network bad = {.nodes = &node, .n_nodes = 1, .edges = &edge, .n_edges = 1};
    svg = write_to_string(eg_svg_write, &bad, NULL, &st, &len);
    tap_ok(st == EG_EINVAL && len == 0, "svg: an edge out of range is EG_EINVAL, nothing written");
    free(svg);
    html = write_to_string(eg_html_write, &bad, NULL, &st, &len);
    tap_ok(st == EG_EINVAL && len == 0, "html: an edge out of range is EG_EINVAL, nothing written");
    free(html);

    /* text XML cannot carry */
    eg_node odd = {.label = "bad \xFF byte \x01 here"};
    eg_network one = {.nodes = &odd, .n_nodes = 1};
    svg = write_to_string(eg_svg_write, &one, NULL, &st, &len);
    doc = svg ? parse_svg(svg, len) : NULL;
    tap_ok(doc && st == EG_OK, "svg: invalid UTF-8 and control characters still give well-formed XML");
    tap_int(doc ? xpath_count(doc, "//s:g[@id='labels']/s:text[.='bad \xEF\xBF\xBD byte \xEF\xBF\xBD here']") : -1,
            1, "svg: each bad byte drawn as U+FFFD");
    xmlFreeDoc(doc);
    free(svg);
}

static void test_short_label(void)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    eg_node node = {.label = "Moscow State Institute of International Relations (University)"};
    eg_svg_short_label(&node, &sb);
    tap_str(sb.buf, "Moscow State Institute of Int\xE2\x80\xA6", "short label: cut at 29 characters with an ellipsis");
    eg_strbuf_reset(&sb);
    node.label = "\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89"
                 "\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89"
                 "\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89\xC3\x89";
    eg_svg_short_label(&node, &sb);
    tap_str(sb.buf, node.label, "short label: 30 two-byte characters are short enough");
    eg_strbuf_release(&sb);
}

/* ------------------------------------------------------------- HTML */

/* The text between the data script's start tag and the next "</script>". */
static char *data_block(const char *html)
{
    const char *open = "<script type=\"application/json\" id=\"eg-data\">";
    const char *start = strstr(html, open);
    if (!start)
        return NULL;
    start += strlen(open);
    const char *end = strstr(start, "</script>");
    return end ? eg_strndup(start, (size_t)(end - start)) : NULL;
}

static cJSON *item(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static void test_html(const eg_network *net)
{
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    opts.title = TITLE;
    eg_status st;
    size_t len;
    char *html = write_to_string(eg_html_write, net, &opts, &st, &len);
    tap_ok(html && st == EG_OK, "html: written");
    if (!html)
        return;
    keep("picture.html", html, len);
    tap_ok(strncmp(html, "<!DOCTYPE html>\n", 16) == 0 && len > 7 && strcmp(html + len - 8, "</html>\n") == 0,
           "html: one document, from doctype to </html>");
    tap_int((long long)count_substrings(html, "</script"), 2,
            "html: two script elements end (data, viewer): a label with </script> ends none");
    tap_int((long long)count_substrings(html, "<script"), 2, "html: two script elements start");
    tap_int((long long)strlen(html), (long long)len, "html: no NUL byte");

    char *block = data_block(html);
    tap_ok(block && !strchr(block, '<') && !strchr(block, '>') && !strchr(block, '&'),
           "html: the data holds no <, > or & (written as \\u escapes)");

    /* outside the data: nothing fetched, no address */
    eg_strbuf rest = EG_STRBUF_INIT;
    const char *start = strstr(html, "id=\"eg-data\">");
    const char *end = start ? strstr(start, "</script>") : NULL;
    if (start && end) {
        eg_strbuf_add(&rest, html, (size_t)(start - html));
        eg_strbuf_adds(&rest, end);
    }
    tap_ok(rest.len > 0 && !strstr(rest.buf, "http://") && !strstr(rest.buf, "https://") &&
               !strstr(rest.buf, "src=") && !strstr(rest.buf, "<link") && !strstr(rest.buf, "@import") &&
               !strstr(rest.buf, "url(") && !strstr(rest.buf, "fetch(") && !strstr(rest.buf, "XMLHttpRequest"),
           "html: self-contained: no address, no src, no link, no fetch outside the data");
    tap_ok(strstr(rest.buf, "normalize('NFD')") != NULL, "html: search folds accents (NFD)");
    eg_strbuf_release(&rest);

    cJSON *data = block ? cJSON_Parse(block) : NULL;
    tap_ok(data != NULL, "html: the embedded JSON parses back with cJSON");
    const cJSON *nodes = item(data, "nodes"), *edges = item(data, "edges");
    tap_int(cJSON_GetArraySize(nodes), N_NODES, "html: every node in the data");
    tap_int(cJSON_GetArraySize(edges), N_EDGES, "html: every edge in the data");
    bool labels = cJSON_GetArraySize(nodes) == N_NODES;
    for (int i = 0; labels && i < N_NODES; i++) {
        const cJSON *label = item(cJSON_GetArrayItem(nodes, i), "label");
        labels = cJSON_IsString(label) && strcmp(label->valuestring, net->nodes[i].label) == 0;
    }
    tap_ok(labels, "html: labels read back as written (<&\">, Za\xC5\xAD, </script>)");
    const cJSON *n0 = cJSON_GetArrayItem(nodes, 0), *n2 = cJSON_GetArrayItem(nodes, 2), *n3 = cJSON_GetArrayItem(nodes, 3);
    const cJSON *aliases = item(n0, "aliases");
    tap_ok(cJSON_GetArraySize(aliases) == 2 && strcmp(cJSON_GetArrayItem(aliases, 1)->valuestring, "Za\xC5\xAD") == 0,
           "html: aliases as an array");
    tap_str(cJSON_GetStringValue(item(n0, "type")), "person", "html: type by name");
    tap_str(cJSON_GetStringValue(item(n0, "color")), "#4e79a7", "html: colour from the layout");
    tap_ok(cJSON_IsNumber(item(n0, "x")) && cJSON_IsNumber(item(n0, "r")) && item(n0, "r")->valuedouble > 0,
           "html: position and radius");
    tap_ok(cJSON_GetNumberValue(item(item(n0, "metrics"), "degree")) == 1, "html: metrics by name");
    tap_str(cJSON_GetStringValue(item(n2, "website")), WEBSITE2, "html: website");
    tap_ok(item(n0, "website") == NULL, "html: no website, no key");
    tap_str(cJSON_GetStringValue(item(n3, "short")), "CSTO Parliamentary Assembly", "html: short label");
    tap_str(cJSON_GetStringValue(item(n2, "short")), "CSTO",
            "html: short label: an acronym where no alias of two words or more is made of the label's words");
    const cJSON *e1 = cJSON_GetArrayItem(edges, 1), *e5 = cJSON_GetArrayItem(edges, 5);
    tap_ok(cJSON_GetNumberValue(item(e1, "source")) == 0 && cJSON_GetNumberValue(item(e1, "target")) == 3,
           "html: edges by node index");
    tap_str(cJSON_GetStringValue(item(e1, "role")), "Executive Secretary|Chairman", "html: role titles");
    tap_str(cJSON_GetStringValue(item(e1, "evidence")), EVIDENCE0, "html: evidence sentence");
    tap_ok(cJSON_GetNumberValue(item(e5, "seats")) == 6 && item(e1, "seats") == NULL, "html: seats only when known");
    tap_str(cJSON_GetStringValue(item(data, "title")), TITLE, "html: the title");
    const cJSON *kinds = item(data, "kinds");
    tap_ok(cJSON_GetArraySize(kinds) == EG_EDGE_KIND_COUNT &&
               cJSON_IsFalse(item(cJSON_GetArrayItem(kinds, EG_EDGE_CO_MENTION), "directed")) &&
               cJSON_IsTrue(item(cJSON_GetArrayItem(kinds, EG_EDGE_ROLE), "directed")),
           "html: every kind, co-mention undirected");
    tap_ok(cJSON_IsTrue(item(data, "colors_by_type")), "html: colours follow the type");
    cJSON_Delete(data);
    free(block);

    eg_status st2;
    size_t len2;
    char *again = write_to_string(eg_html_write, net, &opts, &st2, &len2);
    tap_ok(again && len2 == len && memcmp(again, html, len) == 0, "html: same network, same bytes");
    free(again);
    free(html);
}

/* ------------------------------------------------------------- errors */

static void test_write_errors(const eg_network *net)
{
    FILE *full = fopen("/dev/full", "w");
    if (!full) {
        tap_ok(1, "svg: /dev/full gives EG_EIO # SKIP no /dev/full");
        tap_ok(1, "html: /dev/full gives EG_EIO # SKIP no /dev/full");
        return;
    }
    eg_error err = {0};
    tap_int(eg_svg_write(net, full, NULL, &err), EG_EIO, "svg: /dev/full gives EG_EIO");
    tap_ok(strstr(err.message, "writing SVG failed") != NULL, "svg: the message says what failed");
    clearerr(full);
    eg_error_clear(&err);
    tap_int(eg_html_write(net, full, NULL, &err), EG_EIO, "html: /dev/full gives EG_EIO");
    tap_ok(strstr(err.message, "writing HTML failed") != NULL, "html: the message says what failed");
    fclose(full);
}

/* A crowded network: a chain of 310 nodes and 20 isolates. */
static void test_svg_crowded(void)
{
    enum { CHAIN = 310, ALONE = 20, N = CHAIN + ALONE };
    eg_network net;
    eg_network_init(&net);
    net.n_nodes = N;
    net.nodes = calloc(N, sizeof *net.nodes);
    net.n_edges = CHAIN - 1;
    net.edges = calloc(CHAIN, sizeof *net.edges);
    eg_metric *comp = NULL;
    if (!net.nodes || !net.edges || eg_network_add_metric(&net, "component", true, &comp) != EG_OK) {
        tap_ok(0, "svg: a crowded network is built");
        eg_network_release(&net);
        return;
    }
    for (size_t i = 0; i < N; i++) {
        char label[16];
        snprintf(label, sizeof label, "N%zu", i);
        set_node(&net.nodes[i], label, EG_TYPE_PERSON, NULL, (double)(i % 20), (double)(i / 20), 1, 0x4e, 0x79, 0xa7);
        comp->values[i] = i < CHAIN ? 0 : (double)(i - CHAIN + 1);
    }
    for (size_t i = 0; i + 1 < CHAIN; i++)
        net.edges[i] = (eg_edge){.source = i, .target = i + 1, .kind = EG_EDGE_CO_MENTION, .weight = 1,
                                 .documents = 1, .first_date = "", .last_date = "", .seats = -1};
    net.has_layout = true;
    eg_status st;
    size_t len;
    char *svg = write_to_string(eg_svg_write, &net, NULL, &st, &len);
    xmlDocPtr doc = svg ? parse_svg(svg, len) : NULL;
    tap_int(doc ? xpath_count(doc, "//s:g[@id='nodes']/s:circle") : -1, CHAIN,
            "svg: of a crowded network, the isolates are left out");
    tap_ok(svg && strstr(svg, "not drawn: 20 in 20 small components") != NULL, "svg: ... and counted in the subtitle");
    xmlFreeDoc(doc);
    free(svg);
    eg_network_release(&net);
}

int main(void)
{
    eg_network net;
    build_network(&net);
    test_svg(&net);
    test_svg_without_layout(&net);
    test_svg_colors_by_community(&net);
    test_svg_edge_cases();
    test_svg_crowded();
    test_short_label();
    test_html(&net);
    test_write_errors(&net);
    eg_network_release(&net);
    xmlCleanupParser();
    return tap_done();
}
