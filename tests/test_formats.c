/*
 * test_formats.c - the layout and every export format on a small hand-built
 * network: eg_layout_compute (box, sizes, colours, repeatability), GraphML
 * with layout and graph attributes (round trip, igraph), GEXF (libxml2,
 * and the GEXF 1.3 schema), JSON (cJSON, both
 * styles), CSV tables, DOT, the registry, bad networks and a full disk.
 *
 * The schema folder is $EG_SCHEMAS (tests/meson.build sets it to
 * tests/schemas), else tests/schemas from the build folder or the checkout;
 * the schema checks say SKIP when it is not found.
 */
#include "eg_dot.h"
#include "eg_export.h"
#include "eg_gexf.h"
#include "eg_graphml.h"
#include "eg_json.h"
#include "eg_layout.h"
#include "eg_metrics.h"
#include "eg_network.h"
#include "eg_tables.h"
#include "tap.h"

#include <cJSON.h>
#include <igraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define N_NODES 6
#define N_EDGES 6
#define LABEL0 "Zaŭ, \"Ivan\" <&>\\N"

/* ------------------------------------------------------------ fixture */

static void set_node(eg_node *node, const char *label, eg_type type, const char *const *aliases,
                     size_t mentions, const char *first, const char *last)
{
    node->label = eg_strdup(label);
    node->type = type;
    while (aliases && aliases[node->n_aliases])
        node->n_aliases++;
    node->aliases = node->n_aliases ? calloc(node->n_aliases, sizeof *node->aliases) : NULL;
    for (size_t i = 0; aliases && i < node->n_aliases; i++)
        node->aliases[i] = eg_strdup(aliases[i]);
    node->mentions = mentions;
    node->documents = mentions > 2 ? 2 : 1;
    snprintf(node->first_date, sizeof node->first_date, "%s", first);
    snprintf(node->last_date, sizeof node->last_date, "%s", last);
}

static void set_edge(eg_edge *edge, size_t source, size_t target, eg_edge_kind kind, const char *role,
                     double weight, const char *first, const char *last, const char *evidence)
{
    edge->source = source;
    edge->target = target;
    edge->kind = kind;
    edge->role = role ? eg_strdup(role) : NULL;
    edge->weight = weight;
    edge->documents = 1;
    snprintf(edge->first_date, sizeof edge->first_date, "%s", first);
    snprintf(edge->last_date, sizeof edge->last_date, "%s", last);
    edge->evidence = evidence; /* static: evidence is the network's pool's, not the edge's */
    edge->seats = -1;
}

/* Six nodes of every type (one undated), role, delegation, part_of,
 * country_of and two co-mention edges, three metrics, two graph numbers. */
static void build_network(eg_network *net)
{
    static const char *const zau[] = {"Ivan Zaŭ", "Zaŭ, I.", NULL};
    static const char *const csto[] = {"CSTO", "Collective Security Treaty Organization", NULL};
    eg_network_init(net);
    net->n_documents = 3;
    net->n_nodes = N_NODES;
    net->nodes = calloc(N_NODES, sizeof *net->nodes);
    set_node(&net->nodes[0], LABEL0, EG_TYPE_PERSON, zau, 7, "2023-01-02", "2023-03-04");
    set_node(&net->nodes[1], "Maria Lopez", EG_TYPE_PERSON, NULL, 2, "", "");
    set_node(&net->nodes[2], "CSTO", EG_TYPE_BODY, csto, 5, "2023-01-02", "2023-03-04");
    set_node(&net->nodes[3], "Belarus", EG_TYPE_COUNTRY, NULL, 4, "2023-02-01", "2023-03-04");
    set_node(&net->nodes[4], "Treaty, \"on\" Security", EG_TYPE_DOCUMENT, NULL, 1, "2023-03-04",
             "2023-03-04");
    set_node(&net->nodes[5], "CSTO Parliamentary Assembly", EG_TYPE_BODY, NULL, 3, "2020-11-17",
             "2021-05-21");
    net->nodes[2].website = eg_strdup("https://odkb-csto.org/?a=1&b=2");

    net->n_edges = N_EDGES;
    net->edges = calloc(N_EDGES, sizeof *net->edges);
    set_edge(&net->edges[0], 0, 2, EG_EDGE_ROLE, "Secretary General" EG_LIST_SEP "Chair", 3, "2023-01-02",
             "2023-03-04", "Ivan Zaŭ, Secretary General of the CSTO, said \"no\".\nThen left.");
    set_edge(&net->edges[1], 0, 1, EG_EDGE_CO_MENTION, NULL, 2.5, "", "", NULL);
    set_edge(&net->edges[2], 2, 3, EG_EDGE_COUNTRY_OF, NULL, 1, "2023-02-01", "2023-02-01", NULL);
    set_edge(&net->edges[3], 3, 4, EG_EDGE_CO_MENTION, NULL, 1, "2023-03-04", "2023-03-04", "Belarus signed it.");
    set_edge(&net->edges[4], 3, 5, EG_EDGE_DELEGATION, NULL, 3, "2020-11-17", "2021-05-21", NULL);
    set_edge(&net->edges[5], 5, 2, EG_EDGE_PART_OF, NULL, 12, "2020-11-17", "2021-05-21", NULL);
    net->edges[4].seats = 7;
    net->edges[4].seats_history = eg_strdup("2020-11-17:6:004.txt|2021-05-21:7:001.txt");
    net->edges[1].pmi = 2.321928094887362;

    static const double degree[N_NODES] = {2, 1, 3, 3, 1, 2};
    static const double pagerank[N_NODES] = {0.2, 0.05, 0.3, 0.25, 0.05, 0.15};
    static const double community[N_NODES] = {0, 0, 0, 1, 1, 10};
    eg_metric *metric = NULL;
    eg_network_add_metric(net, "degree", true, &metric);
    memcpy(metric->values, degree, sizeof degree);
    eg_network_add_metric(net, "pagerank", false, &metric);
    memcpy(metric->values, pagerank, sizeof pagerank);
    eg_network_add_metric(net, "community", true, &metric);
    memcpy(metric->values, community, sizeof community);
    eg_network_set_attr(net, "density", 0.4, false);
    eg_network_set_attr(net, "components", 1, true);
}

/* The layout set by hand, as eg_layout_compute would. */
static void set_layout_by_hand(eg_network *net)
{
    for (size_t i = 0; i < net->n_nodes; i++) {
        eg_node *node = &net->nodes[i];
        node->x = -1000 + 400.0 * (double)i;
        node->y = 250.5 - 100.25 * (double)i;
        node->size = 4 + 6.0 * (double)i;
        node->r = (unsigned char)(10 * i);
        node->g = 200;
        node->b = (unsigned char)(255 - i);
    }
    net->has_layout = true;
}

/* ------------------------------------------------------------ helpers */

/* What was written to fp, which is closed: the bytes (free them) or NULL. */
static char *read_back(FILE *fp)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    char buf[4096];
    size_t n;
    rewind(fp);
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        eg_strbuf_add(&sb, buf, n);
    fclose(fp);
    return eg_strbuf_detach(&sb, NULL);
}

/* Runs a writer into memory: returns the bytes (free them) or NULL. */
static char *write_with(eg_export_fn fn, const eg_network *net, const eg_export_opts *opts, eg_status *status,
                        eg_error *err)
{
    *status = EG_EIO;
    FILE *fp = tmpfile();
    if (!fp)
        return NULL;
    eg_error_clear(err);
    *status = fn(net, fp, opts, err);
    return read_back(fp);
}

static eg_status graphml_fn(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    (void)opts;
    return eg_graphml_write(net, fp, err);
}

static eg_status gexf_mixed_fn(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    return eg_gexf_write_flags(net, fp, opts, EG_GEXF_MIXED, err);
}

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static size_t count_lines(const char *text)
{
    return count_of(text, "\n");
}

/* Shows a block of output as TAP comments. */
static void diag_text(const char *text)
{
    while (text && *text) {
        const char *end = strchr(text, '\n');
        int len = end ? (int)(end - text) : (int)strlen(text);
        printf("# %.*s\n", len, text);
        text += len + (end != NULL);
    }
}

static const char *schema_dir(void)
{
    static char found[4096];
    static const char *const candidates[] = {
        "../tests/schemas", "tests/schemas", "../../tests/schemas",
    };
    const char *env = getenv("EG_SCHEMAS");
    if (env && *env)
        return env;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        snprintf(found, sizeof found, "%s/gexf-1.3/gexf.xsd", candidates[i]);
        if (access(found, R_OK) == 0) {
            snprintf(found, sizeof found, "%s", candidates[i]);
            return found;
        }
    }
    return NULL;
}

static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Validates xml against DIR/<schema> (relative to the schema folder); -1
 * when there is no schema folder, 0 valid, else the number of errors. */
static int validate(const char *xml, const char *schema)
{
    const char *dir = schema_dir();
    if (!dir)
        return -1;
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, schema);
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(path);
    xmlSchemaPtr s = pctxt ? xmlSchemaParse(pctxt) : NULL;
    xmlSchemaValidCtxtPtr vctxt = s ? xmlSchemaNewValidCtxt(s) : NULL;
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "out.xml", NULL, XML_PARSE_NONET);
    int rc = vctxt && doc ? xmlSchemaValidateDoc(vctxt, doc) : 1000;
    xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(vctxt);
    xmlSchemaFree(s);
    xmlSchemaFreeParserCtxt(pctxt);
    xmlSetGenericErrorFunc(NULL, NULL);
    return rc;
}

static void check_schema(const char *xml, const char *schema, const char *what)
{
    int rc = validate(xml, schema);
    char msg[200];
    if (rc < 0) {
        snprintf(msg, sizeof msg, "%s # SKIP no tests/schemas (set EG_SCHEMAS)", what);
        tap_ok(1, msg);
        return;
    }
    if (!tap_int(rc, 0, what))
        diag_text(xml);
}

static xmlNodePtr child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

static size_t count_children(xmlNodePtr node, const char *name)
{
    size_t n = 0;
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            n++;
    return n;
}

static bool has_prop(xmlNodePtr node, const char *name, const char *value)
{
    xmlChar *v = node ? xmlGetProp(node, BAD_CAST name) : NULL;
    bool ok = v && (!value || strcmp((const char *)v, value) == 0);
    xmlFree(v);
    return ok;
}

static const char *ns_of(xmlNodePtr node)
{
    return node && node->ns && node->ns->href ? (const char *)node->ns->href : "";
}

/* ------------------------------------------------------------ layout */

static bool positions_equal(const eg_network *a, const eg_network *b)
{
    for (size_t i = 0; i < a->n_nodes; i++)
        if (a->nodes[i].x != b->nodes[i].x || a->nodes[i].y != b->nodes[i].y ||
            a->nodes[i].size != b->nodes[i].size)
            return false;
    return true;
}

/* A star of 400 nodes and 8 isolated ones, laid out with the grid variant:
 * the grid leaves isolates where they start while the star contracts, and
 * the fit must still give the star most of the box. */
static void test_layout_grid_fit(void)
{
    enum { STAR = 400, ALONE = 8 };
    eg_network net;
    eg_network_init(&net);
    net.n_nodes = STAR + ALONE;
    net.nodes = calloc(net.n_nodes, sizeof *net.nodes);
    for (size_t i = 0; i < net.n_nodes; i++) {
        char label[32];
        snprintf(label, sizeof label, "n%zu", i);
        set_node(&net.nodes[i], label, EG_TYPE_PERSON, NULL, 1, "", "");
    }
    net.n_edges = STAR - 1;
    net.edges = calloc(net.n_edges, sizeof *net.edges);
    for (size_t i = 1; i < STAR; i++)
        set_edge(&net.edges[i - 1], 0, i, EG_EDGE_CO_MENTION, NULL, 1, "", "", NULL);
    eg_layout_opts opts = EG_LAYOUT_OPTS_INIT;
    opts.grid_above = 10;
    opts.size_by = NULL;
    eg_error err = {0};
    tap_int(eg_layout_compute(&net, &opts, &err), EG_OK, "layout grid fit: runs");
    double lo = INFINITY, hi = -INFINITY;
    bool inside = true;
    for (size_t i = 0; i < net.n_nodes; i++) {
        inside = inside && fabs(net.nodes[i].x) <= EG_LAYOUT_EXTENT && fabs(net.nodes[i].y) <= EG_LAYOUT_EXTENT;
        if (i < STAR) {
            lo = fmin(lo, fmin(net.nodes[i].x, net.nodes[i].y));
            hi = fmax(hi, fmax(net.nodes[i].x, net.nodes[i].y));
        }
    }
    tap_ok(inside, "layout grid fit: every node inside the box, isolates included");
    if (!tap_ok(hi - lo > EG_LAYOUT_EXTENT, "layout grid fit: the star spans over half the box")) {
        char msg[80];
        snprintf(msg, sizeof msg, "star spans %.1f of %.1f", hi - lo, 2 * EG_LAYOUT_EXTENT);
        tap_diag(msg);
    }
    eg_network_release(&net);
}

/* A crowded network: a chain of 320 nodes, 30 isolates and 5 pairs. The
 * small ones are packed in the band at the right, the chain has the rest. */
static void test_layout_packs_small_components(void)
{
    enum { CHAIN = 320, ALONE = 30, PAIRS = 5, N = CHAIN + ALONE + 2 * PAIRS };
    eg_network net;
    eg_network_init(&net);
    net.n_nodes = N;
    net.nodes = calloc(N, sizeof *net.nodes);
    for (size_t i = 0; i < N; i++) {
        char label[32];
        snprintf(label, sizeof label, "n%zu", i);
        set_node(&net.nodes[i], label, EG_TYPE_PERSON, NULL, 1, "", "");
    }
    net.n_edges = CHAIN - 1 + PAIRS;
    net.edges = calloc(net.n_edges, sizeof *net.edges);
    for (size_t i = 1; i < CHAIN; i++)
        set_edge(&net.edges[i - 1], i - 1, i, EG_EDGE_CO_MENTION, NULL, 1, "", "", NULL);
    for (size_t p = 0; p < PAIRS; p++)
        set_edge(&net.edges[CHAIN - 1 + p], CHAIN + ALONE + 2 * p, CHAIN + ALONE + 2 * p + 1, EG_EDGE_CO_MENTION,
                 NULL, 1, "", "", NULL);
    eg_layout_opts opts = EG_LAYOUT_OPTS_INIT;
    opts.size_by = NULL;
    eg_error err = {0};
    tap_int(eg_layout_compute(&net, &opts, &err), EG_OK, "layout, crowded: runs");
    bool main_left = true, small_right = true;
    double top = -INFINITY, bottom = INFINITY;
    for (size_t i = 0; i < N; i++) {
        if (i < CHAIN) {
            main_left = main_left && net.nodes[i].x <= 0.6 * EG_LAYOUT_EXTENT + 0.01;
            top = fmax(top, net.nodes[i].x);
            bottom = fmin(bottom, net.nodes[i].x);
        } else {
            small_right = small_right && net.nodes[i].x >= 0.68 * EG_LAYOUT_EXTENT &&
                          net.nodes[i].x <= EG_LAYOUT_EXTENT && fabs(net.nodes[i].y) <= EG_LAYOUT_EXTENT;
        }
    }
    tap_ok(small_right, "layout, crowded: isolates and pairs packed in the band at the right");
    tap_ok(main_left && top - bottom > EG_LAYOUT_EXTENT, "layout, crowded: the main component has the rest of the box");
    double dx = net.nodes[CHAIN + ALONE].x - net.nodes[CHAIN + ALONE + 1].x;
    double dy = net.nodes[CHAIN + ALONE].y - net.nodes[CHAIN + ALONE + 1].y;
    tap_ok(hypot(dx, dy) < 0.05 * EG_LAYOUT_EXTENT, "layout, crowded: a pair stays together");
    eg_network_release(&net);
}

/* A network larger than the layout's core: a hub of 40 spokes, each spoke
 * the centre of a fan of 10 leaves, and a chain of 30 nodes no path joins
 * to them. With a core of 20 nodes, the hub and the spokes are laid out
 * and every leaf sits by its spoke; all inside the box, repeatably. */
static void test_layout_core(void)
{
    enum { SPOKES = 40, LEAVES = 10, CHAIN = 30, N = 1 + SPOKES * (1 + LEAVES) + CHAIN };
    eg_network net, again;
    for (int round = 0; round < 2; round++) {
        eg_network *x = round ? &again : &net;
        eg_network_init(x);
        x->n_nodes = N;
        x->nodes = calloc(N, sizeof *x->nodes);
        for (size_t i = 0; i < N; i++) {
            char label[32];
            snprintf(label, sizeof label, "n%zu", i);
            set_node(&x->nodes[i], label, EG_TYPE_PERSON, NULL, 1, "", "");
        }
        x->n_edges = SPOKES * (1 + LEAVES) + CHAIN - 1;
        x->edges = calloc(x->n_edges, sizeof *x->edges);
        size_t e = 0;
        for (size_t s = 0; s < SPOKES; s++) {
            size_t spoke = 1 + s * (1 + LEAVES);
            set_edge(&x->edges[e++], 0, spoke, EG_EDGE_CO_MENTION, NULL, 5, "", "", NULL);
            for (size_t l = 1; l <= LEAVES; l++)
                set_edge(&x->edges[e++], spoke, spoke + l, EG_EDGE_CO_MENTION, NULL, 1, "", "", NULL);
        }
        for (size_t c = 1; c < CHAIN; c++)
            set_edge(&x->edges[e++], N - CHAIN + c - 1, N - CHAIN + c, EG_EDGE_CO_MENTION, NULL, 1, "", "", NULL);
        eg_layout_opts opts = EG_LAYOUT_OPTS_INIT;
        opts.core = 20;
        opts.size_by = NULL;
        eg_error err = {0};
        tap_int(eg_layout_compute(x, &opts, &err), EG_OK, "layout by the core: runs");
    }
    tap_ok(positions_equal(&net, &again), "layout by the core: same seed, same positions");
    bool inside = true;
    for (size_t i = 0; i < N; i++)
        inside = inside && isfinite(net.nodes[i].x) && isfinite(net.nodes[i].y) &&
                 fabs(net.nodes[i].x) <= EG_LAYOUT_EXTENT && fabs(net.nodes[i].y) <= EG_LAYOUT_EXTENT;
    tap_ok(inside, "layout by the core: every node inside the box");
    /* a leaf is nearer its own spoke than the median distance between spokes */
    double spread = 0;
    for (size_t s = 1; s < SPOKES; s++)
        spread += hypot(net.nodes[1 + s * (1 + LEAVES)].x - net.nodes[1].x,
                        net.nodes[1 + s * (1 + LEAVES)].y - net.nodes[1].y);
    spread /= SPOKES - 1;
    size_t near = 0;
    for (size_t s = 0; s < SPOKES; s++) {
        size_t spoke = 1 + s * (1 + LEAVES);
        for (size_t l = 1; l <= LEAVES; l++)
            near += hypot(net.nodes[spoke + l].x - net.nodes[spoke].x, net.nodes[spoke + l].y - net.nodes[spoke].y) <
                    spread / 2;
    }
    if (!tap_ok(near == SPOKES * LEAVES, "layout by the core: every leaf beside its spoke")) {
        char msg[80];
        snprintf(msg, sizeof msg, "%zu of %d leaves near, spokes %.1f apart", near, SPOKES * LEAVES, spread);
        tap_diag(msg);
    }
    eg_network_release(&net);
    eg_network_release(&again);
}

/* The numbers GraphML and GEXF write: the shortest of %.15g, %.16g, %.17g
 * that reads back, whole numbers as integers; the hand-made paths (whole
 * numbers, hundredths) must give those very bytes. */
static void test_number_format(void)
{
    bool same = true;
    char diag[160] = "";
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (long i = -200000; i <= 200000 && same; i++) {
        h = h * 6364136223846793005ULL + 1442695040888963407ULL;
        double values[] = {(double)i / 100.0, (double)i * 12345.67 / 100.0, (double)(h >> 11) / 9007199254740992.0 * 1e6,
                           (double)i, -(double)i / 7.0, round((double)(h >> 20) / 100.0) / 100.0};
        for (size_t k = 0; k < sizeof values / sizeof *values && same; k++) {
            double v = values[k];
            char want[EG_GRAPHML_NUMBER_SIZE], got[EG_GRAPHML_NUMBER_SIZE];
            if (v == 0) {
                strcpy(want, "0");
            } else if (v == trunc(v) && fabs(v) < 9007199254740992.0) {
                snprintf(want, sizeof want, "%lld", (long long)v);
            } else {
                for (int digits = 15; digits <= 17; digits++) {
                    snprintf(want, sizeof want, "%.*g", digits, v);
                    if (strtod(want, NULL) == v)
                        break;
                }
            }
            eg_graphml_format_number(v, false, got);
            if (strcmp(want, got) != 0) {
                same = false;
                snprintf(diag, sizeof diag, "%.17g: want %s, got %s", v, want, got);
            }
        }
    }
    if (!tap_ok(same, "numbers: the same bytes as printf's shortest round trip"))
        tap_diag(diag);
    char buf[EG_GRAPHML_NUMBER_SIZE];
    tap_str(eg_graphml_format_number(-2.5, true, buf), "-3", "numbers: an integer column rounds half away from zero");
    tap_str(eg_graphml_format_number(-0.05, false, buf), "-0.05", "numbers: a negative hundredth");
    tap_str(eg_graphml_format_number(0.1, false, buf), "0.1", "numbers: 0.1 as 0.1");
}

static void test_layout(void)
{
    eg_network a, b;
    eg_error err = {0};
    eg_layout_opts opts = EG_LAYOUT_OPTS_INIT;
    build_network(&a);
    build_network(&b);
    tap_int(eg_layout_compute(&a, &opts, &err), EG_OK, "layout: Fruchterman-Reingold runs");
    tap_int(eg_layout_compute(&b, &opts, &err), EG_OK, "layout: runs again");
    tap_ok(a.has_layout, "layout: has_layout set");
    tap_ok(positions_equal(&a, &b), "layout: same seed, same positions and sizes");

    double max_extent = 0;
    bool inside = true, distinct = true;
    for (size_t i = 0; i < a.n_nodes; i++) {
        inside = inside && fabs(a.nodes[i].x) <= EG_LAYOUT_EXTENT && fabs(a.nodes[i].y) <= EG_LAYOUT_EXTENT;
        max_extent = fmax(max_extent, fmax(fabs(a.nodes[i].x), fabs(a.nodes[i].y)));
        for (size_t j = 0; j < i; j++)
            distinct = distinct && (a.nodes[i].x != a.nodes[j].x || a.nodes[i].y != a.nodes[j].y);
    }
    tap_ok(inside, "layout: positions inside the box");
    tap_near(max_extent, EG_LAYOUT_EXTENT, 1.0, "layout: the longer side fills the box");
    tap_ok(distinct, "layout: no two nodes on the same spot");
    tap_near(a.nodes[2].size, EG_LAYOUT_SIZE_MAX, 1e-9, "layout: largest pagerank, largest radius");
    tap_near(a.nodes[1].size, EG_LAYOUT_SIZE_MIN, 1e-9, "layout: smallest pagerank, smallest radius");
    double t = (0.2 - 0.05) / (0.3 - 0.05);
    tap_near(a.nodes[0].size, EG_LAYOUT_SIZE_MIN + (EG_LAYOUT_SIZE_MAX - EG_LAYOUT_SIZE_MIN) * sqrt(t), 0.006,
             "layout: radius grows with the square root of the value");
    unsigned char rgb[3];
    eg_layout_type_color(EG_TYPE_BODY, rgb);
    tap_ok(a.nodes[2].r == rgb[0] && a.nodes[2].g == rgb[1] && a.nodes[2].b == rgb[2],
           "layout: body coloured with the type palette");
    tap_ok(a.nodes[0].r == 0x00 && a.nodes[0].g == 0x72 && a.nodes[0].b == 0xB2, "layout: person is blue #0072B2");

    /* a different seed gives another picture */
    opts.seed = 7;
    tap_int(eg_layout_compute(&b, &opts, &err), EG_OK, "layout: another seed");
    tap_ok(!positions_equal(&a, &b), "layout: another seed, other positions");

    /* equal sizes, community colours */
    opts.size_by = NULL;
    opts.color_by = EG_COLOR_BY_COMMUNITY;
    tap_int(eg_layout_compute(&b, &opts, &err), EG_OK, "layout: no size metric, colour by community");
    bool equal = true;
    for (size_t i = 0; i < b.n_nodes; i++)
        equal = equal && b.nodes[i].size == EG_LAYOUT_SIZE_EQUAL;
    tap_ok(equal, "layout: size_by NULL gives equal sizes");
    unsigned char c0[3], c10[3];
    eg_layout_community_color(0, c0);
    eg_layout_community_color(10, c10);
    tap_ok(b.nodes[0].r == c0[0] && b.nodes[0].g == c0[1] && b.nodes[0].b == c0[2] && b.nodes[1].r == c0[0],
           "layout: community 0 has the first palette colour");
    tap_ok(b.nodes[5].r == c10[0] && b.nodes[5].g == c10[1] && b.nodes[5].b == c10[2],
           "layout: community 10 cycles through the palette");
    tap_ok(memcmp(c10, (unsigned char[3]){0x33, 0x22, 0x88}, 3) == 0, "layout: palette cycles modulo 9");
    opts.size_by = "no_such_metric";
    tap_int(eg_layout_compute(&b, &opts, &err), EG_OK, "layout: unknown size metric");
    tap_ok(b.nodes[2].size == EG_LAYOUT_SIZE_EQUAL, "layout: unknown size metric gives equal sizes");

    /* the grid variant above the threshold, seeded too */
    eg_layout_opts grid = EG_LAYOUT_OPTS_INIT;
    grid.grid_above = 3;
    tap_int(eg_layout_compute(&a, &grid, &err), EG_OK, "layout: the grid variant runs");
    if (err.code)
        tap_diag(err.message);
    tap_int(eg_layout_compute(&b, &grid, &err), EG_OK, "layout: the grid variant runs again");
    tap_ok(positions_equal(&a, &b), "layout: the grid variant repeats with the same seed");
    inside = true;
    for (size_t i = 0; i < a.n_nodes; i++)
        inside = inside && fabs(a.nodes[i].x) <= EG_LAYOUT_EXTENT && fabs(a.nodes[i].y) <= EG_LAYOUT_EXTENT &&
                 isfinite(a.nodes[i].x) && isfinite(a.nodes[i].y);
    tap_ok(inside, "layout: grid positions inside the box");
    eg_network_release(&a);
    eg_network_release(&b);

    /* degenerate networks */
    eg_network empty;
    eg_network_init(&empty);
    tap_int(eg_layout_compute(&empty, NULL, &err), EG_OK, "layout: empty network");
    tap_ok(empty.has_layout, "layout: empty network has a (void) layout");
    eg_network one;
    eg_network_init(&one);
    one.n_nodes = 1;
    one.nodes = calloc(1, sizeof *one.nodes);
    set_node(&one.nodes[0], "Alone", EG_TYPE_COUNTRY, NULL, 1, "", "");
    tap_int(eg_layout_compute(&one, NULL, &err), EG_OK, "layout: one node");
    tap_ok(one.nodes[0].x == 0 && one.nodes[0].y == 0 && one.nodes[0].size == EG_LAYOUT_SIZE_EQUAL,
           "layout: one node at the centre, default size");
    one.n_edges = 1;
    one.edges = calloc(1, sizeof *one.edges);
    one.edges[0].target = 3;
    tap_int(eg_layout_compute(&one, NULL, &err), EG_EINVAL, "layout: edge out of range is EG_EINVAL");
    eg_network_release(&one);

    /* the fallback drawing without a layout */
    eg_network plain;
    build_network(&plain);
    eg_node_look first = eg_layout_node_look(&plain, 0), third = eg_layout_node_look(&plain, 3);
    tap_ok(first.x == 0 && first.y == EG_LAYOUT_EXTENT, "look: without a layout, node 0 at the top of a circle");
    tap_near(third.y, -EG_LAYOUT_EXTENT, 1e-9, "look: node n/2 at the bottom");
    tap_ok(first.size == EG_LAYOUT_SIZE_EQUAL && first.r == 0x00 && first.b == 0xB2,
           "look: fallback size and type colour");
    eg_network_release(&plain);
}

/* ------------------------------------------------------------ GraphML */

static void test_graphml(void)
{
    eg_network net, back;
    eg_error err = {0};
    eg_status status;
    build_network(&net);

    /* without a layout: no layout keys; graph keys for the attrs */
    char *xml = write_with(graphml_fn, &net, NULL, &status, &err);
    tap_int(status, EG_OK, "graphml: writes without a layout");
    tap_ok(xml && !strstr(xml, "<key id=\"x\""), "graphml: no layout, no x key");
    free(xml);

    set_layout_by_hand(&net);
    xml = write_with(graphml_fn, &net, NULL, &status, &err);
    tap_int(status, EG_OK, "graphml: writes with a layout and graph numbers");
    if (!xml)
        xml = eg_strdup("");
    tap_ok(strstr(xml, "<key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>") &&
               strstr(xml, "<key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>") &&
               strstr(xml, "<key id=\"size\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>") &&
               strstr(xml, "<key id=\"r\" for=\"node\" attr.name=\"r\" attr.type=\"int\"/>") &&
               strstr(xml, "<key id=\"g\" for=\"node\" attr.name=\"g\" attr.type=\"int\"/>") &&
               strstr(xml, "<key id=\"b\" for=\"node\" attr.name=\"b\" attr.type=\"int\"/>"),
           "graphml: x, y, size (double) and r, g, b (int) keys, Gephi's names");
    tap_ok(strstr(xml, "<key id=\"density\" for=\"graph\" attr.name=\"density\" attr.type=\"double\"/>") &&
               strstr(xml, "<key id=\"components\" for=\"graph\" attr.name=\"components\" attr.type=\"int\"/>"),
           "graphml: graph numbers as for=\"graph\" keys");
    const char *graph = strstr(xml, "<graph id=\"G\" edgedefault=\"undirected\">");
    const char *density = strstr(xml, "<data key=\"density\">0.4</data>");
    const char *node0 = strstr(xml, "<node id=\"n0\">");
    tap_ok(graph && density && node0 && graph < density && density < node0,
           "graphml: graph data inside <graph>, before the nodes");
    tap_ok(strstr(xml, "<data key=\"x\">-1000</data>") && strstr(xml, "<data key=\"y\">250.5</data>") &&
               strstr(xml, "<data key=\"r\">10</data>"),
           "graphml: layout values on the nodes");
    tap_ok(!strstr(xml, "directed=\"true\""), "graphml: no per-edge direction (networkx refuses it)");
    check_schema(xml, "graphml/graphml.xsd", "graphml: valid against the GraphML schema");

    FILE *fp = tmpfile();
    fputs(xml, fp);
    rewind(fp);
    tap_int(eg_graphml_read(fp, "layout.graphml", &back, &err), EG_OK, "graphml: reads back");
    fclose(fp);
    tap_ok(back.has_layout, "graphml: has_layout read back");
    bool same = back.n_nodes == net.n_nodes;
    for (size_t i = 0; same && i < net.n_nodes; i++)
        same = back.nodes[i].x == net.nodes[i].x && back.nodes[i].y == net.nodes[i].y &&
               back.nodes[i].size == net.nodes[i].size && back.nodes[i].r == net.nodes[i].r &&
               back.nodes[i].g == net.nodes[i].g && back.nodes[i].b == net.nodes[i].b;
    tap_ok(same, "graphml: x, y, size, r, g, b read back");
    tap_int((long long)back.n_metrics, 3, "graphml: layout keys are not read as metrics");
    const eg_graph_attr *d = eg_network_attr(&back, "density"), *c = eg_network_attr(&back, "components");
    tap_ok(back.n_attrs == 2 && d && d->value == 0.4 && !d->integer && c && c->value == 1 && c->integer,
           "graphml: graph numbers read back in order, with their type");
    eg_network_release(&back);

    /* igraph reads the graph numbers as graph attributes */
    fp = tmpfile();
    fputs(xml, fp);
    rewind(fp);
    igraph_t g;
    if (tap_int(igraph_read_graph_graphml(&g, fp, 0), IGRAPH_SUCCESS, "graphml: igraph reads it")) {
        tap_near(GAN(&g, "density"), 0.4, 0, "graphml: igraph sees the graph attribute density");
        tap_near(VAN(&g, "x", 0), -1000, 0, "graphml: igraph sees x");
        igraph_destroy(&g);
    }
    fclose(fp);
    free(xml);

    /* a metric named like a layout key */
    eg_metric *m;
    eg_network_add_metric(&net, "size", false, &m);
    xml = write_with(graphml_fn, &net, NULL, &status, &err);
    tap_int(status, EG_EINVAL, "graphml: a metric named size clashes with the layout key");
    tap_ok(xml && !xml[0], "graphml: nothing written then");
    free(xml);
    eg_network_release(&net);

    /* a graph number named like a node key gets graph_<name> */
    build_network(&net);
    eg_network_set_attr(&net, "documents", 3, true);
    xml = write_with(graphml_fn, &net, NULL, &status, &err);
    tap_ok(status == EG_OK && xml &&
               strstr(xml, "<key id=\"graph_documents\" for=\"graph\" attr.name=\"documents\" attr.type=\"int\"/>"),
           "graphml: graph key named like a node key gets graph_<name>");
    free(xml);
    eg_network_release(&net);
}

/* ------------------------------------------------------------ XML writer */

/* The exact bytes of the shared XML writer: libxml2's xmlTextWriter's, which
 * it replaced (checked against it when it did), and XML that reads back. */
static void test_xml_writer(void)
{
    FILE *fp = tmpfile();
    eg_xml_writer *w = malloc(sizeof *w);
    eg_error err = {0};
    if (!tap_ok(fp && w, "xml writer: a temporary file")) {
        if (fp)
            fclose(fp);
        free(w);
        return;
    }
    tap_int(eg_xml_writer_open(w, fp, "XML", &err), EG_OK, "xml writer: opens");
    eg_xml_start(w, "root");
    eg_xml_attribute(w, "a", "x<>&\"'\t\n\r \xC3\xA9 end");
    eg_xml_start(w, "empty");
    eg_xml_end(w);
    eg_xml_start(w, "data");
    eg_xml_attribute(w, "key", "k");
    eg_xml_string(w, "t<>&\"'\t\n\r \xC3\xA9 ]]> end\x01\xFF");
    eg_xml_end(w);
    eg_xml_start(w, "none");
    eg_xml_string(w, "");
    eg_xml_end(w);
    eg_xml_start(w, "n");
    eg_xml_start(w, "d");
    eg_xml_string(w, "v");
    eg_xml_end(w);
    eg_xml_end(w);
    eg_xml_start(w, "left_open");
    tap_int(eg_xml_writer_close(w, "XML", &err), EG_OK, "xml writer: closes the elements left open");
    char *xml = read_back(fp);
    if (!xml)
        xml = eg_strdup("");
    tap_str(xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<root a=\"x&lt;&gt;&amp;&quot;'&#9;&#10;&#13; \xC3\xA9 end\">\n"
            "  <empty/>\n"
            "  <data key=\"k\">t&lt;&gt;&amp;&quot;'\t\n&#13; \xC3\xA9 ]]&gt; end\xEF\xBF\xBD\xEF\xBF\xBD</data>\n"
            "  <none></none>\n"
            "  <n>\n"
            "    <d>v</d>\n"
            "  </n>\n"
            "  <left_open/>\n"
            "</root>\n",
            "xml writer: escapes, indents and closes as libxml2's writer did");
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "w.xml", NULL, XML_PARSE_NONET);
    xmlChar *a = doc ? xmlGetProp(xmlDocGetRootElement(doc), BAD_CAST "a") : NULL;
    tap_ok(a && strcmp((const char *)a, "x<>&\"'\t\n\r \xC3\xA9 end") == 0,
           "xml writer: an attribute with tab, LF and CR reads back whole");
    xmlFree(a);
    xmlFreeDoc(doc);
    free(xml);

    /* misuse is an error at close, not bad XML */
    fp = tmpfile();
    eg_xml_writer_open(w, fp, "XML", &err);
    eg_xml_start(w, "root");
    eg_xml_string(w, "text");
    eg_xml_attribute(w, "late", "1");
    tap_ok(eg_xml_writer_close(w, "XML", &err) != EG_OK, "xml writer: an attribute after content is an error");
    fclose(fp);
    free(w);
}

/* ------------------------------------------------------------ GEXF */

static void test_gexf(void)
{
    eg_network net;
    eg_error err = {0};
    eg_status status;
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    build_network(&net);

    /* no layout: defaults still drawn */
    char *xml = write_with(eg_gexf_write, &net, &opts, &status, &err);
    tap_int(status, EG_OK, "gexf: writes without a layout");
    tap_int((long long)count_of(xml, "<viz:position "), N_NODES, "gexf: default positions without a layout");
    check_schema(xml, "gexf-1.3/gexf.xsd", "gexf: valid against GEXF 1.3 without a layout");
    free(xml);

    set_layout_by_hand(&net);
    xml = write_with(eg_gexf_write, &net, &opts, &status, &err);
    tap_int(status, EG_OK, "gexf: writes with a layout");
    if (!xml)
        xml = eg_strdup("");
    check_schema(xml, "gexf-1.3/gexf.xsd", "gexf: valid against GEXF 1.3");
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "graph.gexf", NULL, XML_PARSE_NONET);
    tap_ok(doc != NULL, "gexf: well-formed (libxml2)");
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    tap_ok(root && strcmp((const char *)root->name, "gexf") == 0 && strcmp(ns_of(root), "http://gexf.net/1.3") == 0 &&
               has_prop(root, "version", "1.3"),
           "gexf: <gexf version=1.3> in the 1.3 namespace");
    xmlNodePtr meta = child(root, "meta");
    xmlNodePtr creator = child(meta, "creator");
    xmlChar *creator_text = creator ? xmlNodeGetContent(creator) : NULL;
    tap_ok(creator_text && strncmp((const char *)creator_text, "entigraph", 9) == 0, "gexf: meta creator entigraph");
    xmlFree(creator_text);
    tap_ok(strstr(xml, "density=0.4") != NULL, "gexf: graph numbers in the description");
    xmlNodePtr graph = child(root, "graph");
    tap_ok(has_prop(graph, "defaultedgetype", "undirected") && has_prop(graph, "mode", "dynamic") &&
               has_prop(graph, "timeformat", "date"),
           "gexf: undirected, dynamic, timeformat date");
    tap_int((long long)count_children(graph, "attributes"), 2, "gexf: node and edge attribute declarations");
    tap_ok(strstr(xml, "<attribute id=\"pagerank\" title=\"pagerank\" type=\"double\"/>") &&
               strstr(xml, "<attribute id=\"degree\" title=\"degree\" type=\"integer\"/>") &&
               strstr(xml, "<attribute id=\"seats\" title=\"seats\" type=\"integer\"/>") &&
               strstr(xml, "<attribute id=\"pmi\" title=\"pmi\" type=\"double\"/>") &&
               strstr(xml, "<attribute id=\"kind\" title=\"kind\" type=\"string\"/>"),
           "gexf: typed attributes for metrics and edge data");
    xmlNodePtr nodes = child(graph, "nodes"), edges = child(graph, "edges");
    tap_int((long long)count_children(nodes, "node"), N_NODES, "gexf: every node");
    tap_int((long long)count_children(edges, "edge"), N_EDGES, "gexf: every edge");
    xmlNodePtr n0 = child(nodes, "node");
    tap_ok(has_prop(n0, "label", LABEL0), "gexf: label escaped and read back");
    xmlNodePtr color = child(n0, "color"), position = child(n0, "position"), size = child(n0, "size");
    tap_ok(color && position && size && strcmp(ns_of(color), "http://gexf.net/1.3/viz") == 0 &&
               strcmp(ns_of(position), "http://gexf.net/1.3/viz") == 0,
           "gexf: viz elements in the viz namespace");
    tap_ok(has_prop(color, "r", "0") && has_prop(color, "g", "200") && has_prop(color, "b", "255") &&
               has_prop(position, "x", "-1000") && has_prop(position, "y", "250.5") && has_prop(size, "value", "4"),
           "gexf: viz values from the layout");
    xmlNodePtr spell = child(child(n0, "spells"), "spell");
    tap_ok(has_prop(spell, "start", "2023-01-02") && has_prop(spell, "end", "2023-03-04"),
           "gexf: node spell from first to last date");
    tap_ok(child(n0->next ? xmlNextElementSibling(n0) : NULL, "spells") == NULL, "gexf: undated node has no spell");
    tap_ok(strstr(xml, "<attvalue for=\"entity_type\" value=\"person\"/>") && !strstr(xml, "<attribute id=\"type\""),
           "gexf: entity_type, no node attribute type (sigma.js takes it for a program name)");
    tap_ok(strstr(xml, "<attvalue for=\"aliases\" value=\"Ivan Zaŭ|Zaŭ, I.\"/>") != NULL,
           "gexf: aliases joined with |");
    xmlNodePtr e0 = child(edges, "edge");
    tap_ok(has_prop(e0, "weight", "3") && has_prop(e0, "label", "Secretary General|Chair") && !has_prop(e0, "type", NULL),
           "gexf: weight, role as label, no per-edge type");
    tap_int((long long)count_of(xml, "<attvalue for=\"seats\" value=\"7\"/>"), 1, "gexf: seats only where set");
    tap_int((long long)count_of(xml, "<spell "), 5 + 5, "gexf: a spell per dated node and edge");
    xmlFreeDoc(doc);
    free(xml);

    /* static */
    opts.dynamic = false;
    xml = write_with(eg_gexf_write, &net, &opts, &status, &err);
    tap_ok(status == EG_OK && xml && strstr(xml, "mode=\"static\"") && !strstr(xml, "<spell") &&
               !strstr(xml, "timeformat"),
           "gexf: static mode has no spells");
    check_schema(xml, "gexf-1.3/gexf.xsd", "gexf: static file valid");
    free(xml);

    /* mixed direction for Gephi */
    opts.dynamic = true;
    xml = write_with(gexf_mixed_fn, &net, &opts, &status, &err);
    tap_ok(status == EG_OK && xml && strstr(xml, "defaultedgetype=\"directed\""), "gexf mixed: directed by default");
    tap_int((long long)count_of(xml, "type=\"undirected\""), 2, "gexf mixed: co_mention edges undirected");
    check_schema(xml, "gexf-1.3/gexf.xsd", "gexf mixed: valid");
    free(xml);

    eg_metric *m;
    eg_network_add_metric(&net, "aliases", false, &m);
    xml = write_with(eg_gexf_write, &net, &opts, &status, &err);
    tap_int(status, EG_EINVAL, "gexf: a metric named like an attribute is EG_EINVAL");
    free(xml);
    eg_network_release(&net);
}

/* ------------------------------------------------------------ JSON */

static const cJSON *get(const cJSON *object, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(object, key);
}

static void test_json(void)
{
    eg_network net;
    eg_error err = {0};
    eg_status status;
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    build_network(&net);
    set_layout_by_hand(&net);

    char *text = write_with(eg_json_write, &net, &opts, &status, &err);
    tap_int(status, EG_OK, "json: node-link writes");
    tap_ok(text && count_lines(text) == 1, "json: one line");
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    tap_ok(root != NULL, "json: cJSON parses it");
    const cJSON *options = get(root, "options");
    tap_ok(cJSON_IsString(get(options, "type")) && strcmp(get(options, "type")->valuestring, "mixed") == 0 &&
               cJSON_IsFalse(get(options, "multi")) && cJSON_IsFalse(get(options, "allowSelfLoops")),
           "json: graphology options mixed, not multi, no self loops");
    tap_near(cJSON_GetNumberValue(get(get(root, "attributes"), "density")), 0.4, 0, "json: graph attributes");
    const cJSON *nodes = get(root, "nodes"), *edges = get(root, "edges"), *links = get(root, "links");
    tap_int(cJSON_GetArraySize(nodes), N_NODES, "json: every node");
    tap_int(cJSON_GetArraySize(edges), N_EDGES, "json: every edge");
    tap_int(cJSON_GetArraySize(links), N_EDGES, "json: every link, for d3");
    const cJSON *n0 = cJSON_GetArrayItem(nodes, 0);
    const cJSON *a0 = get(n0, "attributes");
    tap_ok(cJSON_IsString(get(n0, "key")) && strcmp(get(n0, "key")->valuestring, "n0") == 0 &&
               cJSON_IsString(get(n0, "id")) && strcmp(get(n0, "id")->valuestring, "n0") == 0,
           "json: node key (graphology) and id (d3)");
    tap_str(cJSON_GetStringValue(get(a0, "label")), LABEL0, "json: label escaped and read back");
    tap_ok(get(a0, "type") == NULL && strcmp(cJSON_GetStringValue(get(a0, "entity_type")), "person") == 0,
           "json: entity_type, no attribute type (sigma.js takes it for a program name)");
    const cJSON *aliases = get(a0, "aliases");
    tap_ok(cJSON_IsArray(aliases) && cJSON_GetArraySize(aliases) == 2 &&
               strcmp(cJSON_GetArrayItem(aliases, 1)->valuestring, "Zaŭ, I.") == 0,
           "json: aliases as an array");
    tap_ok(cJSON_GetNumberValue(get(a0, "x")) == -1000 && cJSON_GetNumberValue(get(a0, "y")) == 250.5 &&
               cJSON_GetNumberValue(get(a0, "size")) == 4,
           "json: x, y, size for sigma.js");
    tap_str(cJSON_GetStringValue(get(a0, "color")), "#00c8ff", "json: color as #rrggbb");
    tap_ok(cJSON_GetNumberValue(get(a0, "pagerank")) == 0.2 && cJSON_GetNumberValue(get(a0, "degree")) == 2,
           "json: metrics kept");
    tap_ok(get(get(cJSON_GetArrayItem(nodes, 1), "attributes"), "first_date") == NULL,
           "json: empty date left out");
    const cJSON *e0 = cJSON_GetArrayItem(edges, 0), *e1 = cJSON_GetArrayItem(edges, 1);
    tap_ok(cJSON_IsFalse(get(e0, "undirected")) && cJSON_IsTrue(get(e1, "undirected")),
           "json: undirected only on co_mention");
    tap_ok(strcmp(cJSON_GetStringValue(get(e0, "source")), "n0") == 0 &&
               strcmp(cJSON_GetStringValue(get(e0, "target")), "n2") == 0,
           "json: source and target are node keys");
    const cJSON *role = get(get(e0, "attributes"), "role");
    tap_ok(cJSON_IsArray(role) && cJSON_GetArraySize(role) == 2 &&
               strcmp(cJSON_GetArrayItem(role, 0)->valuestring, "Secretary General") == 0,
           "json: role as an array of titles");
    const cJSON *history = get(get(cJSON_GetArrayItem(edges, 4), "attributes"), "seats_history");
    tap_ok(cJSON_IsArray(history) && cJSON_GetArraySize(history) == 2 &&
               cJSON_GetNumberValue(get(get(cJSON_GetArrayItem(edges, 4), "attributes"), "seats")) == 7,
           "json: seats and seats_history array");
    char *links_text = cJSON_PrintUnformatted(links), *edges_text = cJSON_PrintUnformatted(edges);
    tap_ok(links_text && edges_text && strcmp(links_text, edges_text) == 0, "json: links are the edges");
    free(links_text);
    free(edges_text);
    cJSON_Delete(root);
    free(text);

    opts.json_style = EG_JSON_CYTOSCAPE;
    text = write_with(eg_json_write, &net, &opts, &status, &err);
    tap_int(status, EG_OK, "json: cytoscape writes");
    root = text ? cJSON_Parse(text) : NULL;
    const cJSON *elements = get(root, "elements");
    const cJSON *cn = get(elements, "nodes"), *ce = get(elements, "edges");
    tap_ok(cJSON_GetArraySize(cn) == N_NODES && cJSON_GetArraySize(ce) == N_EDGES, "json: cytoscape elements");
    const cJSON *d0 = get(cJSON_GetArrayItem(cn, 0), "data");
    const cJSON *p0 = get(cJSON_GetArrayItem(cn, 0), "position");
    tap_ok(strcmp(cJSON_GetStringValue(get(d0, "id")), "n0") == 0 &&
               strcmp(cJSON_GetStringValue(get(d0, "label")), LABEL0) == 0 && get(d0, "x") == NULL,
           "json: cytoscape node data with id and label");
    tap_ok(cJSON_GetNumberValue(get(p0, "x")) == -1000 && cJSON_GetNumberValue(get(p0, "y")) == -250.5,
           "json: cytoscape position, y pointing down");
    const cJSON *ed0 = get(cJSON_GetArrayItem(ce, 0), "data");
    tap_ok(strcmp(cJSON_GetStringValue(get(ed0, "id")), "e0") == 0 &&
               strcmp(cJSON_GetStringValue(get(ed0, "source")), "n0") == 0 && cJSON_IsTrue(get(ed0, "directed")) &&
               cJSON_GetNumberValue(get(ed0, "weight")) == 3,
           "json: cytoscape edge data");
    tap_near(cJSON_GetNumberValue(get(get(root, "data"), "density")), 0.4, 0, "json: cytoscape graph data");
    cJSON_Delete(root);
    free(text);

    eg_metric *m;
    eg_network_add_metric(&net, "color", false, &m);
    text = write_with(eg_json_write, &net, &opts, &status, &err);
    tap_int(status, EG_EINVAL, "json: a metric named color is EG_EINVAL");
    free(text);
    eg_network_release(&net);
}

/* ------------------------------------------------------------ CSV */

static void test_tables(void)
{
    eg_network net;
    eg_error err = {0};
    eg_status status;
    build_network(&net);

    char *csv = write_with(eg_tables_write_nodes, &net, NULL, &status, &err);
    tap_int(status, EG_OK, "csv: nodes.csv writes");
#define NODES_HEADER "Id,Label,Type,aliases,mentions,documents,first_date,last_date,website,degree,pagerank,community\n"
    tap_ok(csv && strncmp(csv, NODES_HEADER, strlen(NODES_HEADER)) == 0,
           "csv: nodes header, Gephi's Id and Label first");
    tap_int((long long)count_lines(csv), N_NODES + 1, "csv: one line per node");
    tap_ok(strstr(csv, "\nn0,\"Zaŭ, \"\"Ivan\"\" <&>\\N\",person,\"Ivan Zaŭ|Zaŭ, I.\",7,2,2023-01-02,2023-03-04,,2,0.2,0\n") !=
               NULL,
           "csv: RFC 4180 quoting, aliases joined");
    free(csv);

    set_layout_by_hand(&net);
    csv = write_with(eg_tables_write_nodes, &net, NULL, &status, &err);
    tap_ok(status == EG_OK && csv && strstr(csv, ",community,x,y,size,r,g,b\n") &&
               strstr(csv, ",-1000,250.5,4,0,200,255\n"),
           "csv: layout columns when there is a layout");
    free(csv);

    csv = write_with(eg_tables_write_edges, &net, NULL, &status, &err);
    tap_int(status, EG_OK, "csv: edges.csv writes");
#define EDGES_HEADER                                                                                 \
    "Source,Target,Type,Weight,Kind,Id,role,documents,first_date,last_date,evidence,seats,seats_history,pmi\n"
    tap_ok(csv && strncmp(csv, EDGES_HEADER, strlen(EDGES_HEADER)) == 0,
           "csv: edges header, Gephi's Source, Target, Type, Weight, Kind");
    tap_int((long long)count_lines(csv), N_EDGES + 2, "csv: one row per edge (one evidence spans two lines)");
    tap_ok(csv && strstr(csv, "\nn0,n2,Directed,3,role,e0,Secretary General|Chair,1,2023-01-02,2023-03-04,"
                              "\"Ivan Zaŭ, Secretary General of the CSTO, said \"\"no\"\".\nThen left.\",,,0\n"),
           "csv: directed role edge, quoted evidence with a line break");
    tap_ok(csv && strstr(csv, "\nn0,n1,Undirected,2.5,co_mention,e1,,1,,,,,,2.321928094887362\n"),
           "csv: co_mention undirected, empty fields");
    tap_ok(csv && strstr(csv, ",7,2020-11-17:6:004.txt|2021-05-21:7:001.txt,0\n"), "csv: seats and history");
    free(csv);
    eg_network_release(&net);
}

/* ------------------------------------------------------------ DOT */

static void test_dot(void)
{
    eg_network net;
    eg_error err = {0};
    eg_status status;
    build_network(&net);
    set_layout_by_hand(&net);

    char *text = write_with(eg_dot_write, &net, NULL, &status, &err);
    tap_int(status, EG_OK, "dot: writes");
    if (!text)
        text = eg_strdup("");
    tap_ok(strstr(text, "digraph \"entigraph\" {\n") && text[strlen(text) - 2] == '}', "dot: one digraph");
    tap_ok(strstr(text, "// density = 0.4\n") != NULL, "dot: graph numbers as comments");
    tap_ok(strstr(text, "node [shape=point, fixedsize=true,") != NULL,
           "dot: nodes are points of their size whatever their label (neato -n2 would widen a circle to it)");
    tap_int((long long)count_of(text, "xlabel=\""), N_NODES < 30 ? N_NODES : 30,
            "dot: the largest nodes' names drawn beside them (xlabel)");
    tap_int((long long)count_of(text, " -> "), N_EDGES, "dot: every edge");
    tap_int((long long)count_of(text, "dir=\"none\""), 2, "dot: co_mention edges without arrows");
    tap_ok(strstr(text, "label=\"Zaŭ, \\\"Ivan\\\" <&>\\\\N\"") != NULL, "dot: quotes and backslashes escaped");
    tap_ok(strstr(text, "fillcolor=\"#00c8ff\"") != NULL, "dot: fillcolor from r, g, b");
    tap_ok(strstr(text, "pos=\"-360.00,90.18!\"") != NULL, "dot: pinned position in points");
    tap_ok(strstr(text, "penwidth=\"5.00\"") && strstr(text, "penwidth=\"1.00\""), "dot: penwidth from 1 to 5 by weight");
    tap_ok(strstr(text, "weight=\"12\"") && !strstr(text, "weight=\"2.5\""), "dot: Graphviz weights are whole");
    tap_ok(strstr(text, "evidence=\"Ivan Zaŭ, Secretary General of the CSTO, said \\\"no\\\".\\nThen left.\"") != NULL,
           "dot: line break in a string as \\n");
    tap_ok(strstr(text, "role=\"Secretary General|Chair\"") != NULL && !strstr(text, " label=\"Secretary General"),
           "dot: the role as data of role edges, not drawn on them");
    if (getenv("EG_TEST_SHOW"))
        diag_text(text);
    free(text);

    eg_metric *m;
    eg_network_add_metric(&net, "width", false, &m);
    text = write_with(eg_dot_write, &net, NULL, &status, &err);
    tap_int(status, EG_EINVAL, "dot: a metric named like a Graphviz attribute is EG_EINVAL");
    free(text);
    eg_network_release(&net);
}

/* ------------------------------------------------------------ registry */

static void test_registry(void)
{
    static const char *const names[] = {"graphml", "gexf", "json", "csv", "dot", "svg", "html", "merges"};
    tap_int((long long)eg_exporter_count(), 8, "registry: eight formats");
    bool all = true, ordered = true;
    for (size_t i = 0; i < 8; i++) {
        const eg_exporter *e = eg_exporter_find(names[i]);
        all = all && e && strcmp(e->format, names[i]) == 0 && e->n_files >= 1 && e->files[0].write &&
              e->files[0].name;
        ordered = ordered && eg_exporter_at(i) == e;
    }
    tap_ok(all, "registry: every format found by name");
    tap_ok(ordered, "registry: eg_exporter_at in the fixed order, graphml first");
    tap_ok(eg_exporter_find("xlsx") == NULL && eg_exporter_find(NULL) == NULL && eg_exporter_at(8) == NULL,
           "registry: unknown format, NULL, out of range");
    const eg_exporter *csv = eg_exporter_find("csv");
    tap_ok(csv && csv->n_files == 2 && strcmp(csv->files[0].name, "nodes.csv") == 0 &&
               strcmp(csv->files[1].name, "edges.csv") == 0 && csv->files[1].write,
           "registry: csv writes nodes.csv and edges.csv");
    tap_str(eg_exporter_find("gexf")->files[0].name, "graph.gexf", "registry: graph.gexf");
    tap_str(eg_exporter_find("svg")->files[0].name, "graph.svg", "registry: graph.svg");
    tap_str(eg_exporter_find("html")->files[0].name, "graph.html", "registry: graph.html");

    /* every file of every format, with and without a layout */
    eg_network net;
    build_network(&net);
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            set_layout_by_hand(&net);
        for (size_t i = 0; i < eg_exporter_count(); i++) {
            const eg_exporter *e = eg_exporter_at(i);
            for (size_t f = 0; f < e->n_files; f++) {
                eg_error err = {0};
                eg_status status;
                char *out = write_with(e->files[f].write, &net, &opts, &status, &err);
                char what[160];
                snprintf(what, sizeof what, "registry: %s writes %s %s", e->format, e->files[f].name,
                         pass ? "with a layout" : "without a layout");
                tap_ok(status == EG_OK && out && out[0], what);
                if (status != EG_OK)
                    tap_diag(err.message);
                free(out);
            }
        }
    }

    /* a bad edge: EG_EINVAL and nothing written, for every writer */
    net.edges[2].target = 99;
    bool refused = true;
    for (size_t i = 0; i < eg_exporter_count(); i++) {
        const eg_exporter *e = eg_exporter_at(i);
        for (size_t f = 0; f < e->n_files; f++) {
            eg_error err = {0};
            eg_status status;
            char *out = write_with(e->files[f].write, &net, &opts, &status, &err);
            if (status != EG_EINVAL || (out && out[0])) {
                refused = false;
                printf("# %s %s: status %d\n", e->format, e->files[f].name, (int)status);
            }
            free(out);
        }
    }
    tap_ok(refused, "registry: an edge out of range is EG_EINVAL before any byte, in every format");
    net.edges[2].target = 3;

    /* a full disk is EG_EIO */
    FILE *full = fopen("/dev/full", "w");
    if (!full) {
        tap_ok(1, "registry: disk full # SKIP no /dev/full");
    } else {
        bool eio = true;
        for (size_t i = 0; i < eg_exporter_count(); i++) {
            const eg_exporter *e = eg_exporter_at(i);
            for (size_t f = 0; f < e->n_files; f++) {
                eg_error err = {0};
                eg_status status = e->files[f].write(&net, full, &opts, &err);
                clearerr(full);
                if (status != EG_EIO) {
                    eio = false;
                    printf("# %s %s: status %d on /dev/full\n", e->format, e->files[f].name, (int)status);
                }
            }
        }
        fclose(full);
        tap_ok(eio, "registry: every writer reports a full disk as EG_EIO");
    }
    eg_network_release(&net);
}

/* ------------------------------------------------------------ locale */

/* Writers print '.' whatever LC_NUMERIC says (skipped when no such locale). */
static void test_locale(void)
{
    eg_network net;
    build_network(&net);
    set_layout_by_hand(&net);
    eg_export_opts opts = EG_EXPORT_OPTS_INIT;
    char *before[8] = {0};
    size_t n = 0;
    eg_error err = {0};
    eg_status status;
    for (size_t i = 0; i < eg_exporter_count() && n < 8; i++) {
        const eg_exporter *e = eg_exporter_at(i);
        for (size_t f = 0; f < e->n_files && n < 8; f++)
            before[n++] = write_with(e->files[f].write, &net, &opts, &status, &err);
    }
    const char *name = getenv("EG_TEST_LOCALE") ? getenv("EG_TEST_LOCALE") : "de_DE.UTF-8";
    if (!setlocale(LC_ALL, name) || strcmp(localeconv()->decimal_point, ".") == 0) {
        setlocale(LC_ALL, "C");
        tap_ok(1, "locale: same bytes under a decimal-comma locale # SKIP no such locale");
    } else {
        bool same = true;
        size_t k = 0;
        for (size_t i = 0; i < eg_exporter_count() && k < n; i++) {
            const eg_exporter *e = eg_exporter_at(i);
            for (size_t f = 0; f < e->n_files && k < n; f++, k++) {
                char *after = write_with(e->files[f].write, &net, &opts, &status, &err);
                if (!after || !before[k] || strcmp(after, before[k]) != 0) {
                    same = false;
                    printf("# %s differs under %s\n", e->files[f].name, name);
                }
                free(after);
            }
        }
        setlocale(LC_ALL, "C");
        tap_ok(same, "locale: same bytes under a decimal-comma locale");
    }
    for (size_t i = 0; i < n; i++)
        free(before[i]);
    eg_network_release(&net);
}

int main(void)
{
    eg_graph_setup();
    test_layout();
    test_layout_grid_fit();
    test_layout_packs_small_components();
    test_layout_core();
    test_number_format();
    test_graphml();
    test_xml_writer();
    test_gexf();
    test_json();
    test_tables();
    test_dot();
    test_registry();
    test_locale();
    xmlCleanupParser();
    return tap_done();
}
