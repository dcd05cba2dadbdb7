/*
 * End to end on the bundled sample (examples/csto): source -> extract ->
 * corpus -> metrics -> GraphML, then the file is read back through igraph's
 * own GraphML reader and checked: counts, attributes, a few entities and a
 * role edge.
 */
#include "eg_corpus.h"
#include "eg_extract.h"
#include "eg_graphml.h"
#include "eg_metrics.h"
#include "eg_source.h"
#include "tap.h"

#include <igraph.h>
#include <stdlib.h>
#include <string.h>

static bool build_network(const char *corpus_dir, eg_network *net)
{
    eg_lexicon *lex = NULL;
    eg_source *src = NULL;
    eg_extractor *ex = NULL;
    eg_corpus *corpus = NULL;
    eg_error err = {0};
    bool ok = false;
    const char *inputs[] = {corpus_dir};
    if (eg_lexicon_new(&lex, &err) || eg_source_new(inputs, 1, NULL, NULL, &src, &err) ||
        eg_extractor_new(lex, NULL, &ex) || eg_corpus_new(&corpus))
        goto cleanup;
    for (;;) {
        eg_source_doc sd;
        if (eg_source_next(src, &sd, &err))
            goto cleanup;
        if (!sd.text)
            break;
        eg_input in = {sd.id, sd.text, sd.len, sd.title, sd.date, sd.url};
        eg_doc doc;
        eg_status st = eg_extract(ex, &in, &doc, NULL);
        if (!st)
            st = eg_corpus_add(corpus, &doc);
        eg_doc_release(&doc);
        if (st)
            goto cleanup;
    }
    ok = eg_corpus_build(corpus, NULL, net, &err) == EG_OK && eg_metrics_compute(net, NULL, &err) == EG_OK;
cleanup:
    if (!ok)
        printf("# %s\n", err.message);
    eg_corpus_free(corpus);
    eg_extractor_free(ex);
    eg_source_free(src);
    eg_lexicon_free(lex);
    return ok;
}

static igraph_integer_t vertex(const igraph_t *g, const char *label)
{
    for (igraph_integer_t v = 0; v < igraph_vcount(g); v++)
        if (strcmp(VAS(g, "label", v), label) == 0)
            return v;
    return -1;
}

static bool has_alias(const igraph_t *g, igraph_integer_t v, const char *alias)
{
    if (v < 0)
        return false;
    const char *aliases = VAS(g, "aliases", v);
    size_t n = strlen(alias);
    for (const char *p = aliases; (p = strstr(p, alias)); p += n)
        if ((p == aliases || p[-1] == '|') && (p[n] == '|' || p[n] == '\0'))
            return true;
    return false;
}

/*
 * The entity table (type, label, aliases) against a golden file; with
 * EG_UPDATE_GOLDEN=1 in the environment the file is rewritten instead.
 */
static void check_entity_table(const eg_network *net, const char *golden)
{
    eg_strbuf got = EG_STRBUF_INIT;
    for (size_t i = 0; i < net->n_nodes; i++) {
        const eg_node *nd = &net->nodes[i];
        eg_strbuf_addf(&got, "%s\t%s\t", eg_type_name(nd->type), nd->label);
        for (size_t a = 0; a < nd->n_aliases; a++)
            eg_strbuf_addf(&got, "%s%s", a ? "|" : "", nd->aliases[a]);
        eg_strbuf_addc(&got, '\n');
    }
    if (getenv("EG_UPDATE_GOLDEN")) {
        FILE *fp = fopen(golden, "w");
        tap_ok(fp && fwrite(got.buf, 1, got.len, fp) == got.len && fclose(fp) == 0,
               "entity table: golden file rewritten");
        eg_strbuf_release(&got);
        return;
    }
    eg_strbuf want = EG_STRBUF_INIT;
    FILE *fp = fopen(golden, "r");
    char buf[4096];
    size_t n;
    while (fp && (n = fread(buf, 1, sizeof buf, fp)) > 0)
        eg_strbuf_add(&want, buf, n);
    if (fp)
        fclose(fp);
    bool same = fp && strcmp(got.buf, want.buf) == 0;
    tap_ok(same, "entity table: every entity, its type, label and aliases as in tests/golden");
    if (!same) {
        /* show the first differing line */
        const char *a = got.buf, *b = want.buf;
        while (*a && *a == *b) {
            a++;
            b++;
        }
        while (a > got.buf && a[-1] != '\n')
            a--;
        while (b > want.buf && b[-1] != '\n')
            b--;
        printf("#   got:  %.*s\n", (int)strcspn(a, "\n"), a);
        printf("#   want: %.*s\n", (int)strcspn(b, "\n"), b);
    }
    eg_strbuf_release(&got);
    eg_strbuf_release(&want);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        printf("Bail out! usage: test_e2e CORPUS_DIR GOLDEN_ENTITY_TABLE\n");
        return 1;
    }
    eg_graph_setup();
    eg_network net;
    if (!tap_ok(build_network(argv[1], &net), "the sample builds"))
        return tap_done();
    tap_int((long long)net.n_documents, 5, "five documents");
    check_entity_table(&net, argv[2]);

    FILE *fp = tmpfile();
    eg_error err = {0};
    tap_ok(fp && eg_graphml_write(&net, fp, &err) == EG_OK, "GraphML written");
    rewind(fp);
    igraph_t g;
    tap_ok(igraph_read_graph_graphml(&g, fp, 0) == IGRAPH_SUCCESS, "igraph reads the GraphML");
    fclose(fp);
    tap_int((long long)igraph_vcount(&g), (long long)net.n_nodes, "igraph: every node");
    tap_int((long long)igraph_ecount(&g), (long long)net.n_edges, "igraph: every edge");
    const char *vattrs[] = {"label", "type", "aliases", "mentions", "documents", "degree",
                            "weighted_degree", "betweenness", "pagerank", "community"};
    bool all = true;
    for (size_t i = 0; i < sizeof vattrs / sizeof vattrs[0]; i++)
        all &= igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_VERTEX, vattrs[i]);
    const char *eattrs[] = {"kind", "weight", "documents"};
    for (size_t i = 0; i < sizeof eattrs / sizeof eattrs[0]; i++)
        all &= igraph_cattribute_has_attr(&g, IGRAPH_ATTRIBUTE_EDGE, eattrs[i]);
    tap_ok(all, "igraph: node and edge attributes present");

    igraph_integer_t p = vertex(&g, "Sergei Pospelov");
    tap_ok(p >= 0 && strcmp(VAS(&g, "type", p), "person") == 0 && VAN(&g, "documents", p) == 2,
           "Sergei Pospelov: a person in two documents");
    igraph_integer_t o = vertex(&g, "Collective Security Treaty Organization");
    tap_ok(o >= 0 && has_alias(&g, o, "CSTO"), "the CSTO: its acronym is an alias");
    igraph_integer_t pa = vertex(&g, "Parliamentary Assembly of the Collective Security Treaty Organization");
    tap_ok(pa >= 0 && has_alias(&g, pa, "CSTO PA") && has_alias(&g, pa, "CSTO Parliamentary Assembly"),
           "the CSTO PA: acronym, composed and reordered forms are one body");
    igraph_integer_t ru = vertex(&g, "Russian Federation");
    tap_ok(ru >= 0 && strcmp(VAS(&g, "type", ru), "country") == 0 && has_alias(&g, ru, "Russia"),
           "Russia = Russian Federation");
    igraph_integer_t k = vertex(&g, "Yerlan Koshanov");
    tap_ok(k >= 0 && has_alias(&g, k, "YerlanKoshanov"), "a run-together name is split, the typo kept");
    bool role = false;
    for (igraph_integer_t e = 0; e < igraph_ecount(&g); e++) {
        if (strcmp(EAS(&g, "kind", e), "role") != 0)
            continue;
        igraph_integer_t a = IGRAPH_FROM(&g, e), b = IGRAPH_TO(&g, e);
        if (((a == p && b == pa) || (a == pa && b == p)) && strstr(EAS(&g, "role", e), "Executive Secretary"))
            role = true;
    }
    tap_ok(role, "role edge: Pospelov, Executive Secretary of the CSTO PA");
    double sum = 0;
    for (igraph_integer_t v = 0; v < igraph_vcount(&g); v++)
        sum += VAN(&g, "pagerank", v);
    tap_near(sum, 1.0, 1e-9, "PageRank sums to one");
    igraph_destroy(&g);
    eg_network_release(&net);
    return tap_done();
}
