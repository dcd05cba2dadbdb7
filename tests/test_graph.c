/*
 * Unit tests of graph/: the corpus-wide alias rules, labels, co-mention
 * weights and relation edges (eg_corpus), and the metrics on graphs with known
 * values (eg_metrics), Zachary's karate club among them.
 */
#include "eg_corpus.h"
#include "eg_metrics.h"
#include "eg_partial.h"
#include "tap.h"

#include <igraph.h>
#include <string.h>

static void mention(eg_doc *doc, eg_type type, eg_form form, const char *text, const char *entity,
                    size_t sentence)
{
    eg_mention m = {0};
    m.type = type;
    m.form = form;
    m.text = (char *)text;
    m.entity = (char *)entity;
    m.sentence = sentence;
    m.parent = EG_NONE;
    eg_doc_add_mention(doc, &m);
}

static void role(eg_doc *doc, const char *person, const char *title, const char *body, size_t sentence)
{
    eg_relation r = {0};
    r.kind = EG_REL_ROLE;
    r.source_type = EG_TYPE_PERSON;
    r.source = (char *)person;
    r.target_type = EG_TYPE_BODY;
    r.target = (char *)body;
    r.role = (char *)title;
    r.seats = -1;
    r.sentence = sentence;
    r.evidence = (char *)"evidence";
    eg_doc_add_relation(doc, &r);
}

static eg_doc new_doc(const char *id, const char *date)
{
    eg_doc doc;
    eg_doc_init(&doc);
    doc.id = eg_strdup(id);
    doc.date = date ? eg_strdup(date) : NULL;
    return doc;
}

static eg_network build(eg_doc *docs, size_t n)
{
    eg_corpus *c;
    eg_network net;
    eg_error err = {0};
    eg_corpus_new(&c);
    for (size_t i = 0; i < n; i++)
        eg_corpus_add(c, &docs[i]);
    if (eg_corpus_build(c, NULL, &net, &err))
        printf("# build failed: %s\n", err.message);
    eg_corpus_free(c);
    for (size_t i = 0; i < n; i++)
        eg_doc_release(&docs[i]);
    return net;
}

static const eg_node *node(const eg_network *net, const char *label)
{
    for (size_t i = 0; i < net->n_nodes; i++)
        if (strcmp(net->nodes[i].label, label) == 0)
            return &net->nodes[i];
    return NULL;
}

static size_t index_of(const eg_network *net, const char *label)
{
    const eg_node *n = node(net, label);
    return n ? (size_t)(n - net->nodes) : EG_NONE;
}

static const eg_edge *edge(const eg_network *net, const char *a, const char *b)
{
    size_t x = index_of(net, a), y = index_of(net, b);
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *e = &net->edges[i];
        if ((e->source == x && e->target == y) || (e->source == y && e->target == x))
            return e;
    }
    return NULL;
}

static bool has_alias(const eg_node *n, const char *alias)
{
    for (size_t i = 0; n && i < n->n_aliases; i++)
        if (strcmp(n->aliases[i], alias) == 0)
            return true;
    return false;
}

static void list_nodes(const eg_network *net)
{
    for (size_t i = 0; i < net->n_nodes; i++)
        printf("#   node %s (%s)\n", net->nodes[i].label, eg_type_name(net->nodes[i].type));
}

static void test_aliases(void)
{
    eg_doc d[6];
    d[0] = new_doc("a", "2021-03-01");
    mention(&d[0], EG_TYPE_PERSON, EG_FORM_NAME, "Anna Kowalski", "Anna Kowalski", 0);
    mention(&d[0], EG_TYPE_BODY, EG_FORM_NAME, "World Trade Organization", "World Trade Organization", 0);
    mention(&d[0], EG_TYPE_BODY, EG_FORM_ACRONYM, "WTO", "World Trade Organization", 1);
    mention(&d[0], EG_TYPE_BODY, EG_FORM_NAME, "Storting of Norway", "Storting of Norway", 1);
    mention(&d[0], EG_TYPE_PERSON, EG_FORM_NAME, "Jos\xC3\xA9 Ramos", "Jos\xC3\xA9 Ramos", 2);
    d[1] = new_doc("b", "2020-01-15");
    mention(&d[1], EG_TYPE_PERSON, EG_FORM_NAME, "Jose Ramos", "Jose Ramos", 3);
    mention(&d[1], EG_TYPE_PERSON, EG_FORM_SURNAME, "KOWALSKI", "Kowalski", 0);
    mention(&d[1], EG_TYPE_BODY, EG_FORM_ACRONYM, "WTO", "WTO", 0);
    mention(&d[1], EG_TYPE_BODY, EG_FORM_NAME, "Storting", "Storting", 0);
    mention(&d[1], EG_TYPE_PERSON, EG_FORM_NAME, "Jan Nowak", "Jan Nowak", 1);
    mention(&d[1], EG_TYPE_PERSON, EG_FORM_NAME, "Ewa Nowak", "Ewa Nowak", 1);
    mention(&d[1], EG_TYPE_PERSON, EG_FORM_SURNAME, "Nowak", "Nowak", 2);
    d[2] = new_doc("c", NULL);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_NAME, "BSSC Parliamentary Assembly", "BSSC Parliamentary Assembly", 0);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_ACRONYM, "BSSC PA", "BSSC PA", 1);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_NAME, "Parliamentary Assembly of the Baltic Sea States Council",
            "Parliamentary Assembly of the Baltic Sea States Council", 2);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_NAME, "Defence Council", "Defence Council", 3);
    d[3] = new_doc("d", NULL);
    mention(&d[3], EG_TYPE_BODY, EG_FORM_NAME, "NDO Defence Council", "NDO Defence Council", 0);
    mention(&d[3], EG_TYPE_COUNTRY, EG_FORM_NAME, "Russia", "Russia", 0);
    mention(&d[3], EG_TYPE_COUNTRY, EG_FORM_DEMONYM, "Russian", "Russia", 1);
    mention(&d[3], EG_TYPE_COUNTRY, EG_FORM_NAME, "Russian Federation", "Russia", 2);
    d[4] = new_doc("e", NULL);
    mention(&d[4], EG_TYPE_BODY, EG_FORM_NAME, "Ministry of Health", "Ministry of Health", 0);
    mention(&d[4], EG_TYPE_BODY, EG_FORM_NAME, "Ministry of Health of Chile", "Ministry of Health of Chile", 1);
    mention(&d[4], EG_TYPE_BODY, EG_FORM_NAME, "Ministry of Health of Peru", "Ministry of Health of Peru", 2);
    d[5] = new_doc("f", NULL);
    mention(&d[5], EG_TYPE_BODY, EG_FORM_NAME, "Danish Energy Ministry", "Danish Energy Ministry", 0);
    mention(&d[5], EG_TYPE_BODY, EG_FORM_NAME, "Danish Ministry of Energy Affairs",
            "Danish Ministry of Energy Affairs", 1);
    mention(&d[5], EG_TYPE_COUNTRY, EG_FORM_NAME, "NORWAY", "Norway", 2);
    mention(&d[5], EG_TYPE_COUNTRY, EG_FORM_NAME, "NORWAY", "Norway", 3);
    mention(&d[5], EG_TYPE_COUNTRY, EG_FORM_NAME, "Norway", "Norway", 4);
    mention(&d[5], EG_TYPE_COUNTRY, EG_FORM_NAME, "KINGDOM OF NORWAY", "Norway", 5);
    mention(&d[5], EG_TYPE_COUNTRY, EG_FORM_NAME, "CHILE", "Chile", 6);
    mention(&d[5], EG_TYPE_COUNTRY, EG_FORM_NAME, "Chile", "Chile", 7);
    mention(&d[5], EG_TYPE_BODY, EG_FORM_NAME, "Liberal Unity party", "Liberal Unity party", 7);
    mention(&d[5], EG_TYPE_BODY, EG_FORM_NAME, "Liberal Unity party", "Liberal Unity party", 8);
    mention(&d[5], EG_TYPE_BODY, EG_FORM_NAME, "Liberal Unity Party", "Liberal Unity Party", 9);
    eg_network net = build(d, 6);

    const eg_node *n = node(&net, "Anna Kowalski");
    tap_ok(n && has_alias(n, "KOWALSKI") && n->documents == 2,
           "surname alone joins the one person with that surname");
    tap_ok(n && strcmp(n->first_date, "2020-01-15") == 0 && strcmp(n->last_date, "2021-03-01") == 0,
           "first and last dates of the documents naming it");
    tap_ok(node(&net, "Nowak") != NULL, "a surname shared by two people stays apart");
    n = node(&net, "Jos\xC3\xA9 Ramos");
    tap_ok(n && has_alias(n, "Jose Ramos") && n->documents == 2, "a name written without its accents joins it");
    n = node(&net, "World Trade Organization");
    tap_ok(n && n->mentions == 3 && n->documents == 2, "an acronym defined elsewhere joins its long form");
    n = node(&net, "Storting of Norway");
    tap_ok(n && has_alias(n, "Storting"), "the head part of one longer name joins it");
    n = node(&net, "Parliamentary Assembly of the Baltic Sea States Council");
    tap_ok(n && has_alias(n, "BSSC PA") && has_alias(n, "BSSC Parliamentary Assembly"),
           "composed acronyms and reordered names with the same initials are one body");
    n = node(&net, "NDO Defence Council");
    tap_ok(n && has_alias(n, "Defence Council"), "a name without its acronym premodifier joins it");
    n = node(&net, "Russian Federation");
    tap_ok(n && n->type == EG_TYPE_COUNTRY && has_alias(n, "Russian") && has_alias(n, "Russia"),
           "a country is labelled with its fullest name, not a demonym");
    tap_ok(node(&net, "Ministry of Health") != NULL,
           "a head part shared by two longer names stays apart");
    n = node(&net, "Danish Ministry of Energy Affairs");
    tap_ok(n && has_alias(n, "Danish Energy Ministry"), "the same words in another order are one body");
    n = node(&net, "Norway");
    tap_ok(n && has_alias(n, "NORWAY"), "a name in headline capitals is labelled as it is written in running text");
    tap_ok(n && has_alias(n, "KINGDOM OF NORWAY"), "even when the capitals are the longer name");
    n = node(&net, "Chile");
    tap_ok(n && has_alias(n, "CHILE"), "and when a short name's capitals could be an acronym's");
    n = node(&net, "Liberal Unity Party");
    tap_ok(n && has_alias(n, "Liberal Unity party"),
           "of two spellings of one name, the label is the one whose words begin with capitals, however rarer");
    if (!tap_ok(net.n_nodes == 17, "node count"))
        list_nodes(&net);
    eg_network_release(&net);
}

static void test_edges(void)
{
    eg_doc d[2];
    d[0] = new_doc("a", "2022-05-01");
    mention(&d[0], EG_TYPE_PERSON, EG_FORM_NAME, "Lena Berg", "Lena Berg", 0);
    mention(&d[0], EG_TYPE_BODY, EG_FORM_NAME, "Statistics Office", "Statistics Office", 0);
    mention(&d[0], EG_TYPE_PERSON, EG_FORM_NAME, "Lena Berg", "Lena Berg", 1);
    mention(&d[0], EG_TYPE_BODY, EG_FORM_NAME, "Statistics Office", "Statistics Office", 1);
    mention(&d[0], EG_TYPE_COUNTRY, EG_FORM_NAME, "Estonia", "Estonia", 1);
    role(&d[0], "Lena Berg", "Head", "Statistics Office", 1);
    d[1] = new_doc("b", "2022-06-01");
    mention(&d[1], EG_TYPE_BODY, EG_FORM_NAME, "Statistics Office", "Statistics Office", 0);
    mention(&d[1], EG_TYPE_COUNTRY, EG_FORM_NAME, "Estonia", "Estonia", 0);
    mention(&d[1], EG_TYPE_COUNTRY, EG_FORM_NAME, "Estonia", "Estonia", 0);
    eg_network net = build(d, 2);
    const eg_edge *e = edge(&net, "Lena Berg", "Statistics Office");
    tap_ok(e && e->kind == EG_EDGE_ROLE && e->role && strcmp(e->role, "Head") == 0,
           "a role edge carries its title");
    tap_ok(e && e->source == index_of(&net, "Lena Berg"), "a role edge goes from the person");
    tap_ok(e && e->weight == 2.0, "weight counts the sentences linking the pair, once each");
    e = edge(&net, "Statistics Office", "Estonia");
    tap_ok(e && e->kind == EG_EDGE_CO_MENTION && e->weight == 2.0 && e->documents == 2,
           "co-mention: distinct sentences, two documents");
    tap_ok(e && strcmp(e->first_date, "2022-05-01") == 0 && strcmp(e->last_date, "2022-06-01") == 0,
           "co-mention: first and last dates");
    tap_int((long long)net.n_edges, 3, "one edge per pair");
    eg_network_release(&net);
}

/* A sentence number past 32 bits (only the library's callers can make one:
 * the JSON reader checks numbers against the document's sentences) is
 * refused, not cut to another sentence's number. */
static void test_limits(void)
{
    eg_corpus *c;
    eg_corpus_new(&c);
    eg_doc doc = new_doc("big", NULL);
    mention(&doc, EG_TYPE_BODY, EG_FORM_NAME, "Alpha Council", "Alpha Council", (size_t)UINT32_MAX + 5);
    tap_ok(eg_corpus_add(c, &doc) == EG_EINVAL, "a sentence number past 32 bits: EG_EINVAL");
    eg_doc_release(&doc);
    eg_corpus_free(c);
}

/* Three pages of one site: a header line naming A and B on every page, and
 * each page's own sentence naming A and C; a delegation stated 6 then 7. */
static eg_network furniture_corpus(const eg_build_opts *opts)
{
    static const char *const dates[] = {"2021-01-01", "2021-02-01", "2021-03-01"};
    eg_corpus *c;
    eg_network net;
    eg_error err = {0};
    eg_corpus_new(&c);
    for (size_t d = 0; d < 3; d++) {
        char id[8];
        snprintf(id, sizeof id, "p%zu", d);
        eg_doc doc = new_doc(id, dates[d]);
        eg_doc_set_sentences(&doc, 3);
        doc.sentences[0] = (eg_sentence_info){0, 10, 0, 0x1111, NULL};         /* the header */
        doc.sentences[1] = (eg_sentence_info){11, 20, 1, 0x2000 + d, NULL};    /* the page's own */
        doc.sentences[2] = (eg_sentence_info){21, 30, 1, 0x3000 + d, NULL};
        mention(&doc, EG_TYPE_BODY, EG_FORM_NAME, "Alpha Council", "Alpha Council", 0);
        mention(&doc, EG_TYPE_BODY, EG_FORM_NAME, "Beta Assembly", "Beta Assembly", 0);
        mention(&doc, EG_TYPE_BODY, EG_FORM_NAME, "Alpha Council", "Alpha Council", 1);
        mention(&doc, EG_TYPE_BODY, EG_FORM_NAME, "Gamma Bank", "Gamma Bank", 1);
        mention(&doc, EG_TYPE_BODY, EG_FORM_NAME, "Beta Assembly", "Beta Assembly", 2);
        eg_relation r = {0};
        r.kind = EG_REL_DELEGATION;
        r.source_type = r.target_type = EG_TYPE_BODY;
        r.source = (char *)"Alpha Council";
        r.target = (char *)"Beta Assembly";
        r.seats = d == 1 ? 7 : 6;
        r.sentence = 0;
        r.evidence = (char *)"header";
        eg_doc_add_relation(&doc, &r);
        eg_corpus_add(c, &doc);
        eg_doc_release(&doc);
    }
    if (eg_corpus_build(c, opts, &net, &err))
        printf("# build failed: %s\n", err.message);
    eg_corpus_free(c);
    return net;
}

static void test_furniture_and_windows(void)
{
    eg_network net = furniture_corpus(NULL);
    const eg_edge *e = edge(&net, "Alpha Council", "Beta Assembly");
    tap_ok(e && e->weight == 1.0 && e->documents == 3,
           "boilerplate: a header on every page counts once, its documents all");
    tap_ok(e && e->kind == EG_EDGE_DELEGATION && e->seats == 6 && e->seats_history &&
               strstr(e->seats_history, "2021-02-01:7:p1") && strstr(e->seats_history, "2021-03-01:6:p2"),
           "delegation: seats from the latest document, every figure kept");
    e = edge(&net, "Alpha Council", "Gamma Bank");
    tap_ok(e && e->weight == 3.0 && e->kind == EG_EDGE_CO_MENTION, "pages' own sentences count each");
    tap_ok(e && e->pmi > 0, "PMI of a pair always named together is positive");
    tap_ok(edge(&net, "Gamma Bank", "Beta Assembly") == NULL, "sentence window: no edge across sentences");
    eg_network_release(&net);

    eg_build_opts keep = {EG_WINDOW_SENTENCE, true, false, false};
    net = furniture_corpus(&keep);
    e = edge(&net, "Alpha Council", "Beta Assembly");
    tap_ok(e && e->weight == 3.0, "--keep-boilerplate: every copy counts");
    eg_network_release(&net);

    eg_build_opts para = {EG_WINDOW_PARAGRAPH, false, false, false};
    net = furniture_corpus(&para);
    e = edge(&net, "Gamma Bank", "Beta Assembly");
    tap_ok(e && e->weight == 3.0, "paragraph window: sentences of one paragraph link");
    eg_network_release(&net);

    /* a spent corpus builds the same network; without the merge log if asked */
    eg_network whole = furniture_corpus(NULL);
    eg_build_opts spend = {EG_WINDOW_SENTENCE, false, true, true};
    net = furniture_corpus(&spend);
    tap_ok(whole.n_merges > 0 && net.n_merges == 0 && net.merges == NULL, "skip_merge_log: no merge log");
    bool same = whole.n_edges == net.n_edges && whole.n_nodes == net.n_nodes;
    for (size_t i = 0; same && i < net.n_edges; i++) {
        const eg_edge *a = &whole.edges[i], *b = &net.edges[i];
        same = a->source == b->source && a->target == b->target && a->kind == b->kind && a->weight == b->weight &&
               a->documents == b->documents && a->pmi == b->pmi && a->seats == b->seats &&
               strcmp(a->evidence ? a->evidence : "", b->evidence ? b->evidence : "") == 0 &&
               strcmp(a->seats_history ? a->seats_history : "", b->seats_history ? b->seats_history : "") == 0;
    }
    tap_ok(same, "spend: the same network, edge for edge");
    eg_network_release(&whole);
    eg_network_release(&net);
}

/* A corpus spent by a build can only be freed. */
static void test_spent_corpus(void)
{
    eg_corpus *c = NULL;
    eg_corpus_new(&c);
    eg_doc doc = new_doc("spent", NULL);
    mention(&doc, EG_TYPE_PERSON, EG_FORM_NAME, "Ola Berg", "Ola Berg", 0);
    mention(&doc, EG_TYPE_BODY, EG_FORM_NAME, "Vexa Council", "Vexa Council", 0);
    tap_int(eg_corpus_add(c, &doc), EG_OK, "spend: a document added");
    eg_build_opts spend = {EG_WINDOW_SENTENCE, false, true, false};
    eg_network net;
    eg_error err = {0};
    tap_int(eg_corpus_build(c, &spend, &net, &err), EG_OK, "spend: the build");
    tap_ok(net.n_edges == 1, "spend: the pair's edge");
    eg_network_release(&net);
    tap_int(eg_corpus_add(c, &doc), EG_EINVAL, "spend: no document added after");
    tap_int(eg_corpus_build(c, NULL, &net, &err), EG_EINVAL, "spend: no second build");
    tap_ok(strstr(err.message, "spent") != NULL, "spend: the error says why");
    eg_network_release(&net);
    FILE *fp = tmpfile();
    tap_int(eg_partial_write(c, fp, &err), EG_EINVAL, "spend: no partial state");
    if (fp)
        fclose(fp);
    eg_doc_release(&doc);
    eg_corpus_free(c);
}

/* One sentence naming n people, another naming two of them. */
static eg_network list_corpus(size_t n)
{
    eg_doc doc = new_doc("list", NULL);
    char names[100][16];
    for (size_t i = 0; i < n && i < 100; i++) {
        snprintf(names[i], sizeof names[i], "Person %03zu", i);
        mention(&doc, EG_TYPE_PERSON, EG_FORM_NAME, names[i], names[i], 0);
    }
    mention(&doc, EG_TYPE_PERSON, EG_FORM_NAME, names[0], names[0], 1);
    mention(&doc, EG_TYPE_PERSON, EG_FORM_NAME, names[1], names[1], 1);
    return build(&doc, 1);
}

static void test_list_windows(void)
{
    eg_network net = list_corpus(EG_CO_MENTION_MAX_ENTITIES + 1);
    tap_int((long long)net.n_nodes, EG_CO_MENTION_MAX_ENTITIES + 1, "a list: every name is an entity");
    tap_int((long long)net.n_edges, 1, "a list: no co-mention among its names, only the other sentence's pair");
    const eg_edge *e = edge(&net, "Person 000", "Person 001");
    tap_ok(e && e->weight == 1.0, "a list: the pair named elsewhere keeps that sentence's weight only");
    eg_network_release(&net);
    net = list_corpus(EG_CO_MENTION_MAX_ENTITIES);
    size_t n = EG_CO_MENTION_MAX_ENTITIES;
    tap_int((long long)net.n_edges, (long long)(n * (n - 1) / 2), "a window at the limit links every pair");
    eg_network_release(&net);
}

static void test_metrics_known(void)
{
    /* a weighted path a - b - c: b brokers every path */
    eg_network net;
    eg_network_init(&net);
    net.n_nodes = 3;
    net.nodes = calloc(3, sizeof *net.nodes);
    const char *labels[] = {"a", "b", "c"};
    for (size_t i = 0; i < 3; i++)
        net.nodes[i].label = eg_strdup(labels[i]);
    net.n_edges = 2;
    net.edges = calloc(2, sizeof *net.edges);
    net.edges[0] = (eg_edge){.source = 0, .target = 1, .kind = EG_EDGE_CO_MENTION, .weight = 2.0,
                             .documents = 1, .seats = -1};
    net.edges[1] = (eg_edge){.source = 1, .target = 2, .kind = EG_EDGE_CO_MENTION, .weight = 1.0,
                             .documents = 1, .seats = -1};
    eg_error err = {0};
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "metrics on a path");
    const eg_metric *m = eg_network_metric(&net, "weighted_degree");
    tap_ok(m && m->values[1] == 3.0, "weighted degree sums weights");
    m = eg_network_metric(&net, "betweenness");
    tap_ok(m && m->values[1] == 1.0 && m->values[0] == 0.0, "betweenness of the broker");
    eg_network_release(&net);
}

static void test_karate(void)
{
    igraph_t g;
    igraph_famous(&g, "Zachary");
    eg_network net;
    eg_network_init(&net);
    net.n_nodes = (size_t)igraph_vcount(&g);
    net.nodes = calloc(net.n_nodes, sizeof *net.nodes);
    for (size_t i = 0; i < net.n_nodes; i++) {
        char label[32];
        snprintf(label, sizeof label, "v%zu", i);
        net.nodes[i].label = eg_strdup(label);
    }
    net.n_edges = (size_t)igraph_ecount(&g);
    net.edges = calloc(net.n_edges, sizeof *net.edges);
    for (size_t i = 0; i < net.n_edges; i++) {
        net.edges[i].source = (size_t)IGRAPH_FROM(&g, (igraph_integer_t)i);
        net.edges[i].target = (size_t)IGRAPH_TO(&g, (igraph_integer_t)i);
        net.edges[i].weight = 1.0;
        net.edges[i].kind = EG_EDGE_CO_MENTION;
    }
    igraph_destroy(&g);
    eg_error err = {0};
    tap_ok(eg_metrics_compute(&net, NULL, &err) == EG_OK, "karate: metrics computed");
    const eg_metric *deg = eg_network_metric(&net, "degree");
    tap_ok(deg && deg->values[0] == 16 && deg->values[33] == 17, "karate: degree of the two leaders");
    const eg_metric *btw = eg_network_metric(&net, "betweenness");
    tap_near(btw ? btw->values[0] : 0, 231.0714285714, 1e-6, "karate: betweenness of node 0");
    /* networkx pagerank(karate_club_graph(), alpha=0.85, tol=1e-12, weight=None) */
    const eg_metric *pr = eg_network_metric(&net, "pagerank");
    tap_near(pr ? pr->values[0] : 0, 0.09699728539860193, 1e-6, "karate: pagerank of node 0");
    tap_near(pr ? pr->values[33] : 0, 0.10091918232295749, 1e-6, "karate: pagerank of node 33");
    const eg_metric *com = eg_network_metric(&net, "community");
    double max = 0;
    for (size_t i = 0; com && i < net.n_nodes; i++)
        if (com->values[i] > max)
            max = com->values[i];
    tap_ok(com && com->values[0] != com->values[33] && max >= 2 && max <= 5,
           "karate: the two leaders fall in different communities");
    double first[34];
    for (size_t i = 0; com && i < 34; i++)
        first[i] = com->values[i];
    eg_metrics_compute(&net, NULL, &err);
    com = eg_network_metric(&net, "community");
    tap_ok(com && memcmp(first, com->values, sizeof first) == 0, "karate: communities repeat run to run");
    eg_network_release(&net);
}

/* "Commons" in one document, "House of Commons" in another: one chamber. */
static void test_chamber(void)
{
    eg_doc docs[2] = {new_doc("a", NULL), new_doc("b", NULL)};
    mention(&docs[0], EG_TYPE_BODY, EG_FORM_NAME, "House of Commons", "House of Commons", 0);
    mention(&docs[1], EG_TYPE_BODY, EG_FORM_NAME, "Commons", "Commons", 0);
    eg_network net = build(docs, 2);
    const eg_node *h = node(&net, "House of Commons");
    tap_ok(net.n_nodes == 1 && h && has_alias(h, "Commons"), "a chamber named by its members joins the corpus's one chamber of that name");
    eg_network_release(&net);
}

/* One name with a hyphen in one document, a space in another. */
static void test_hyphen_variants(void)
{
    eg_doc docs[2] = {new_doc("a", NULL), new_doc("b", NULL)};
    mention(&docs[0], EG_TYPE_PERSON, EG_FORM_NAME, "Robert Kilroy-Silk", "Robert Kilroy-Silk", 0);
    mention(&docs[1], EG_TYPE_PERSON, EG_FORM_NAME, "Robert Kilroy Silk", "Robert Kilroy Silk", 0);
    eg_network net = build(docs, 2);
    tap_ok(net.n_nodes == 1, "names that differ only in a hyphen and a space are one entity");
    eg_network_release(&net);
}

static void test_initialled_names(void)
{
    eg_doc docs[3] = {new_doc("a", NULL), new_doc("b", NULL), new_doc("c", NULL)};
    mention(&docs[0], EG_TYPE_PERSON, EG_FORM_NAME, "Kari Lunde", "Kari Lunde", 0);
    mention(&docs[0], EG_TYPE_PERSON, EG_FORM_NAME, "Per Dahl", "Per Dahl", 1);
    mention(&docs[0], EG_TYPE_PERSON, EG_FORM_NAME, "Siri Dahl", "Siri Dahl", 2);
    mention(&docs[1], EG_TYPE_PERSON, EG_FORM_NAME, "K. Lunde", "K. Lunde", 0);
    mention(&docs[1], EG_TYPE_PERSON, EG_FORM_NAME, "P. Dahl", "P. Dahl", 1);
    mention(&docs[1], EG_TYPE_PERSON, EG_FORM_NAME, "S. Dahl", "S. Dahl", 2);
    mention(&docs[2], EG_TYPE_PERSON, EG_FORM_SURNAME, "Lunde", "Lunde", 0);
    mention(&docs[2], EG_TYPE_PERSON, EG_FORM_NAME, "A. Mullan", "A. Mullan", 1);
    mention(&docs[2], EG_TYPE_PERSON, EG_FORM_NAME, "Alan Mullan", "Alan Mullan", 2);
    mention(&docs[2], EG_TYPE_PERSON, EG_FORM_NAME, "Anne Mullan", "Anne Mullan", 3);
    eg_network net = build(docs, 3);
    const eg_node *n = node(&net, "Kari Lunde");
    tap_ok(n && has_alias(n, "K. Lunde") && has_alias(n, "Lunde"),
           "initials and surname join the one person of the corpus with that initial and surname, "
           "and the surname alone then too");
    n = node(&net, "Per Dahl");
    tap_ok(n && has_alias(n, "P. Dahl") && !has_alias(n, "S. Dahl"), "... by the initial, not the surname alone");
    tap_ok(node(&net, "A. Mullan") != NULL, "... and not when two people of the corpus have them");
    if (!tap_ok(net.n_nodes == 6, "node count"))
        list_nodes(&net);
    eg_network_release(&net);
}

static void test_given_name_alone(void)
{
    eg_doc docs[3] = {new_doc("a", NULL), new_doc("b", NULL), new_doc("c", NULL)};
    mention(&docs[0], EG_TYPE_PERSON, EG_FORM_NAME, "Omar Hassan", "Omar Hassan", 0);
    mention(&docs[1], EG_TYPE_PERSON, EG_FORM_NAME, "Hassan Rahimi", "Hassan Rahimi", 0);
    mention(&docs[2], EG_TYPE_PERSON, EG_FORM_SURNAME, "Hassan", "Hassan", 0);
    eg_network net = build(docs, 3);
    const eg_node *n = node(&net, "Omar Hassan");
    tap_ok(n && !has_alias(n, "Hassan") && node(&net, "Hassan"),
           "a word alone that begins another person's name in the corpus (a given name there) joins no one by surname");
    eg_network_release(&net);

    eg_doc more[3] = {new_doc("a", NULL), new_doc("b", NULL), new_doc("c", NULL)};
    mention(&more[0], EG_TYPE_PERSON, EG_FORM_NAME, "Paul Kessler", "Paul Kessler", 0);
    mention(&more[0], EG_TYPE_PERSON, EG_FORM_SURNAME, "Paul", "Paul Kessler", 1);
    mention(&more[1], EG_TYPE_PERSON, EG_FORM_NAME, "Paul Vikan", "Paul Vikan", 0);
    mention(&more[2], EG_TYPE_PERSON, EG_FORM_SURNAME, "Paul", "Paul", 0);
    net = build(more, 3);
    n = node(&net, "Paul Kessler");
    tap_ok(n && node(&net, "Paul") && node(&net, "Paul") != n,
           "... nor, being one document's name for a person, the persons named so elsewhere");
    eg_network_release(&net);
}

static void test_common_head_part(void)
{
    eg_doc docs[4] = {new_doc("a", NULL), new_doc("b", NULL), new_doc("c", NULL), new_doc("d", NULL)};
    mention(&docs[0], EG_TYPE_BODY, EG_FORM_NAME, "Council of Europe", "Council of Europe", 0);
    mention(&docs[1], EG_TYPE_BODY, EG_FORM_NAME, "Council", "Council", 0);
    mention(&docs[2], EG_TYPE_BODY, EG_FORM_NAME, "Nordic Council", "Nordic Council", 0);
    mention(&docs[3], EG_TYPE_BODY, EG_FORM_NAME, "Security Council", "Security Council", 0);
    eg_network net = build(docs, 4);
    const eg_node *n = node(&net, "Council of Europe");
    tap_ok(n && !has_alias(n, "Council") && node(&net, "Council"),
           "a head part of one word that other names of the corpus have too (a common noun) joins no longer name");
    eg_network_release(&net);
}

static void test_initials_apart(void)
{
    static const char *const names[][2] = {
        {"FC Vardo", "FC Vefsn"}, {"BBC1", "British Broadcasting Corporation"}, {"Nordic TV", "Norda TV"},
        {"VNA", "Vestland Nursing Association"}, {"U.S. NFA", "U.S. Northern Fisheries Agency"}};
    eg_doc docs[10];
    for (size_t i = 0; i < 5; i++)
        for (size_t k = 0; k < 2; k++) {
            docs[2 * i + k] = new_doc(k ? "b" : "a", NULL);
            mention(&docs[2 * i + k], EG_TYPE_BODY, strchr(names[i][k], ' ') ? EG_FORM_NAME : EG_FORM_ACRONYM,
                    names[i][k], names[i][k], 0);
        }
    mention(&docs[3], EG_TYPE_BODY, EG_FORM_ACRONYM, "BBC", "British Broadcasting Corporation", 1);
    eg_network net = build(docs, 10);
    tap_ok(node(&net, "FC Vardo") && node(&net, "FC Vefsn") && node(&net, "Nordic TV") && node(&net, "Norda TV"),
           "names with the same initials whose spelled-out words differ stay apart");
    tap_ok(node(&net, "BBC1") && node(&net, "British Broadcasting Corporation"),
           "an acronym with a digit is not the acronym without it");
    tap_ok(node(&net, "VNA") && node(&net, "Vestland Nursing Association"),
           "a bare acronym does not join a name spelled out that no document writes with it");
    const eg_node *n = node(&net, "U.S. Northern Fisheries Agency");
    tap_ok(n && has_alias(n, "U.S. NFA"), "... but does where the names share a word or an acronym");
    if (!tap_ok(net.n_nodes == 9, "node count"))
        list_nodes(&net);
    eg_network_release(&net);
}

/* An aliases file's directives (eg_aliases.h) and their effect on a corpus. */
static bool parse_fails(const char *text, const char *expect)
{
    eg_aliases *a = NULL;
    eg_error err = {0};
    eg_status st = eg_aliases_parse(text, strlen(text), "x.tsv", &a, &err);
    bool ok = st == EG_EPARSE && !a && strstr(err.message, expect);
    if (!ok)
        printf("#   got %d: %s\n", (int)st, err.message);
    eg_aliases_free(a);
    return ok;
}

static void test_user_aliases(void)
{
    eg_aliases *a = NULL;
    eg_error err = {0};
    const char *text = "# corrections\r\n\nmerge\tAcme Corp\tZenco Inc\r\n"
                       "apart\tLavrov\tSergei Lavrov\ndrop\tBaz\nlabel\tAcme Corp\tAcme Group\n"
                       "type\tOslo\tbody\n";
    tap_ok(eg_aliases_parse(text, strlen(text), "x.tsv", &a, &err) == EG_OK && a && a->n_rules == 5 &&
               a->rules[0].kind == EG_ALIAS_MERGE && a->rules[0].n_names == 2 &&
               strcmp(a->rules[0].names[1], "Zenco Inc") == 0 && a->rules[0].line == 3 &&
               a->rules[4].type == EG_TYPE_BODY,
           "aliases: every directive read, comments, blank lines and CRLF skipped");
    tap_ok(parse_fails("merge\tAcme\n", "x.tsv:1") && parse_fails("\nrename\tA\tB\n", "x.tsv:2") &&
               parse_fails("type\tA\tanimal\n", "animal") && parse_fails("label\tA\t\n", "empty") &&
               parse_fails("apart\tA\ta\n", "itself") && parse_fails("drop\t\xff\n", "UTF-8"),
           "aliases: a bad line is refused, naming the file and line");
    eg_aliases_free(NULL);

    eg_doc docs[2] = {new_doc("a", NULL), new_doc("b", NULL)};
    mention(&docs[0], EG_TYPE_PERSON, EG_FORM_NAME, "Sergei Lavrov", "Sergei Lavrov", 0);
    mention(&docs[0], EG_TYPE_BODY, EG_FORM_NAME, "Acme Corp", "Acme Corp", 0);
    mention(&docs[1], EG_TYPE_PERSON, EG_FORM_SURNAME, "Lavrov", "Lavrov", 0);
    mention(&docs[1], EG_TYPE_BODY, EG_FORM_NAME, "Zenco Inc", "Zenco Inc", 0);
    mention(&docs[1], EG_TYPE_BODY, EG_FORM_NAME, "Baz", "Baz", 0);
    mention(&docs[1], EG_TYPE_PERSON, EG_FORM_NAME, "Oslo", "Oslo", 0);
    role(&docs[1], "Lavrov", "director", "Baz", 0);
    eg_corpus *c;
    eg_network net;
    eg_corpus_new(&c);
    eg_corpus_set_aliases(c, a);
    for (size_t i = 0; i < 2; i++)
        eg_corpus_add(c, &docs[i]);
    if (eg_corpus_build(c, NULL, &net, &err))
        printf("# build failed: %s\n", err.message);
    tap_ok(node(&net, "Lavrov") && node(&net, "Sergei Lavrov"), "aliases: a pair kept apart stays two nodes");
    const eg_node *acme = node(&net, "Acme Group");
    tap_ok(acme && has_alias(acme, "Acme Corp") && has_alias(acme, "Zenco Inc") && !node(&net, "Zenco Inc"),
           "aliases: merged names are one node, under the label given");
    bool role_edge = false;
    for (size_t i = 0; i < net.n_edges; i++)
        role_edge |= net.edges[i].kind == EG_EDGE_ROLE;
    tap_ok(!node(&net, "Baz") && !role_edge, "aliases: a dropped name leaves no node and no edge");
    const eg_node *oslo = node(&net, "Oslo");
    tap_ok(oslo && oslo->type == EG_TYPE_BODY, "aliases: a type set");
    bool logged = false;
    for (size_t i = 0; i < net.n_merges; i++)
        logged |= strcmp(net.merges[i].alias, "Zenco Inc") == 0 &&
                  strcmp(net.merges[i].rule, "aliases_file") == 0 &&
                  strcmp(net.nodes[net.merges[i].node].label, "Acme Group") == 0;
    tap_ok(logged, "aliases: the merge log says the file joined them");
    tap_ok(eg_corpus_alias_hits(c, 0) == 2 && eg_corpus_alias_hits(c, 2) == 1 && eg_corpus_alias_hits(c, 1) == 2,
           "aliases: each directive's matches counted");
    eg_network_release(&net);
    eg_corpus_free(c);
    for (size_t i = 0; i < 2; i++)
        eg_doc_release(&docs[i]);
    eg_aliases_free(a);
}

/* A body named with a state nested in it, as extract writes one: "House of
 * Commons of Canada" with "Canada" at its end. */
static void body_of_state(eg_doc *doc, const char *body, const char *state, size_t sentence)
{
    size_t len = strlen(body), state_len = strlen(state);
    eg_mention m = {0};
    m.type = EG_TYPE_BODY;
    m.form = EG_FORM_NAME;
    m.text = m.entity = (char *)body;
    m.sentence = sentence;
    m.start = 100;
    m.end = 100 + len;
    m.parent = EG_NONE;
    size_t parent = doc->n_mentions;
    eg_doc_add_mention(doc, &m);
    m.type = EG_TYPE_COUNTRY;
    m.text = m.entity = (char *)state;
    m.start = 100 + len - state_len;
    m.parent = parent;
    eg_doc_add_mention(doc, &m);
}

static void test_state_bodies(void)
{
    /* British news: "the House of Commons", and a page on Canada's */
    eg_doc d[4];
    d[0] = new_doc("ca", NULL);
    body_of_state(&d[0], "House of Commons of Canada", "Canada", 0);
    d[1] = new_doc("uk1", NULL);
    mention(&d[1], EG_TYPE_BODY, EG_FORM_NAME, "House of Commons", "House of Commons", 0);
    mention(&d[1], EG_TYPE_COUNTRY, EG_FORM_NAME, "Britain", "Britain", 1);
    d[2] = new_doc("uk2", NULL);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_NAME, "House of Commons", "House of Commons", 0);
    d[3] = new_doc("no", NULL);
    body_of_state(&d[3], "Storting of Norway", "Norway", 0);
    eg_doc e[2];
    e[0] = new_doc("no2", NULL);
    mention(&e[0], EG_TYPE_BODY, EG_FORM_NAME, "Storting", "Storting", 0);
    mention(&e[0], EG_TYPE_COUNTRY, EG_FORM_NAME, "Norway", "Norway", 1);
    e[1] = new_doc("no3", NULL);
    mention(&e[1], EG_TYPE_BODY, EG_FORM_NAME, "Storting", "Storting", 0);
    mention(&e[1], EG_TYPE_COUNTRY, EG_FORM_NAME, "Norway", "Norway", 2);
    eg_doc all[6] = {d[0], d[1], d[2], d[3], e[0], e[1]};
    eg_network net = build(all, 6);
    const eg_node *ca = node(&net, "House of Commons of Canada"), *uk = node(&net, "House of Commons");
    tap_ok(ca && uk && ca != uk && !has_alias(ca, "House of Commons"),
           "a state's body does not take a bare name that the documents giving it do not give the state with");
    const eg_node *no = node(&net, "Storting of Norway");
    tap_ok(no && has_alias(no, "Storting"), "... and takes it where they name the state");
    eg_network_release(&net);
}

/* Documents whose names join in several ways (surname, acronym, head part,
 * chamber, one name through two others). */
static void joining_docs(eg_doc *d)
{
    d[0] = new_doc("a", NULL);
    mention(&d[0], EG_TYPE_PERSON, EG_FORM_NAME, "Anna Kowalski", "Anna Kowalski", 0);
    mention(&d[0], EG_TYPE_BODY, EG_FORM_NAME, "House of Lords", "House of Lords", 0);
    mention(&d[0], EG_TYPE_BODY, EG_FORM_NAME, "Boston Red Sox", "Boston Red Sox", 1);
    d[1] = new_doc("b", NULL);
    mention(&d[1], EG_TYPE_PERSON, EG_FORM_SURNAME, "Kowalski", "Kowalski", 0);
    mention(&d[1], EG_TYPE_BODY, EG_FORM_NAME, "Lords", "Lords", 0);
    mention(&d[1], EG_TYPE_BODY, EG_FORM_NAME, "Boston", "Boston Red Sox", 1);
    d[2] = new_doc("c", NULL);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_NAME, "BOSTON", "BOSTON", 0);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_NAME, "Boston", "BOSTON", 1);
    mention(&d[2], EG_TYPE_BODY, EG_FORM_NAME, "Parliamentary Assembly of the Ring States",
            "Parliamentary Assembly of the Ring States", 1);
    d[3] = new_doc("d", NULL);
    mention(&d[3], EG_TYPE_BODY, EG_FORM_NAME, "House of Lords of the Realm", "House of Lords of the Realm", 0);
    mention(&d[3], EG_TYPE_BODY, EG_FORM_NAME, "Parliamentary Assembly", "Parliamentary Assembly", 0);
    mention(&d[3], EG_TYPE_PERSON, EG_FORM_NAME, "Anna KOWALSKI", "Anna KOWALSKI", 0);
}

static void test_order(void)
{
    eg_doc d[4], r[4];
    joining_docs(d);
    joining_docs(r);
    eg_doc rev[4] = {r[3], r[1], r[2], r[0]};
    eg_network a = build(d, 4), b = build(rev, 4);
    bool same = a.n_merges == b.n_merges && a.n_nodes == b.n_nodes;
    for (size_t i = 0; same && i < a.n_merges; i++) {
        const eg_merge_entry *x = &a.merges[i], *y = &b.merges[i];
        same = strcmp(a.nodes[x->node].label, b.nodes[y->node].label) == 0 && strcmp(x->alias, y->alias) == 0 &&
               strcmp(x->rule, y->rule) == 0 && (x->via ? y->via && strcmp(x->via, y->via) == 0 : !y->via) &&
               strcmp(x->document, y->document) == 0;
        if (!same)
            printf("# merge %zu: %s %s %s via %s / %s %s %s via %s\n", i, x->alias, x->rule, x->document,
                   x->via ? x->via : "-", y->alias, y->rule, y->document, y->via ? y->via : "-");
    }
    tap_ok(same && a.n_merges > 4, "documents read in another order: the same entities and the same merge log, "
                                   "\"via\" included");
    eg_network_release(&a);
    eg_network_release(&b);
}

int main(void)
{
    eg_graph_setup();
    test_aliases();
    test_user_aliases();
    test_chamber();
    test_state_bodies();
    test_order();
    test_hyphen_variants();
    test_initialled_names();
    test_initials_apart();
    test_common_head_part();
    test_given_name_alone();
    test_edges();
    test_furniture_and_windows();
    test_spent_corpus();
    test_list_windows();
    test_metrics_known();
    test_karate();
    test_limits();
    return tap_done();
}
