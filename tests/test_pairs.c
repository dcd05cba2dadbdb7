/* Unit tests of the scorer of role links (eg_pairs): model files, good and
 * damaged; training on sentences written for the test
 * (tests/data/pairs-train.jsonl), the same bytes twice; a link found in a
 * sentence the patterns do not read, none where the text states none; the
 * patterns' links left alone.
 *
 * usage: test_pairs TRAIN.jsonl */
#include "eg_extract.h"
#include "eg_lexicon.h"
#include "eg_pairs.h"
#include "eg_tagger.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static eg_lexicon *lex;
static eg_tagger *tagger;

static bool has_role(const eg_doc *doc, const char *person, const char *body)
{
    for (size_t i = 0; i < doc->n_relations; i++)
        if (doc->relations[i].kind == EG_REL_ROLE && strcmp(doc->relations[i].source, person) == 0 &&
            strcmp(doc->relations[i].target, body) == 0)
            return true;
    return false;
}

static size_t n_roles(const eg_doc *doc)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->n_relations; i++)
        n += doc->relations[i].kind == EG_REL_ROLE;
    return n;
}

static void test_model_files(void)
{
    eg_pair_model *m = NULL;
    eg_error err = {0};
    tap_int(eg_pair_model_load("", 0, "empty.egp", &m, &err), EG_EPARSE, "an empty file is no model");
    tap_ok(m == NULL && strstr(err.message, "empty.egp") != NULL, "the message names the file");
    tap_int(eg_pair_model_load("EGTAGGER1234567890", 18, "x.egp", &m, &err), EG_EPARSE, "another magic");
    unsigned char head[16] = {'E', 'G', 'P', 'A', 'I', 'R', 'S', '1', 3, 0, 0, 0, 0, 0, 0, 0x3f};
    tap_int(eg_pair_model_load(head, sizeof head, "three.egp", &m, &err), EG_EPARSE,
            "3 weights: not a power of two");
    head[8] = 4;
    tap_int(eg_pair_model_load(head, sizeof head, "cut.egp", &m, &err), EG_EPARSE, "4 weights announced, none there");
    tap_ok(strstr(err.message, "truncated") != NULL, "said to be truncated");
    unsigned char whole[16 + 16] = {0};
    memcpy(whole, head, 16);
    whole[14] = whole[15] = 0; /* threshold 0: outside (0, 1) */
    tap_int(eg_pair_model_load(whole, sizeof whole, "zero.egp", &m, &err), EG_EPARSE, "a threshold of 0");
    whole[14] = 0x00, whole[15] = 0x3f; /* 0.5 */
    tap_int(eg_pair_model_load(whole, sizeof whole, "ok.egp", &m, &err), EG_OK, "4 weights and 0.5: a model");
    eg_pair_model_free(m);
    eg_pair_model_free(NULL);
    tap_ok(1, "eg_pair_model_free(NULL) is harmless");
}

static eg_status train(const char *path, eg_strbuf *out)
{
    eg_extractor *ex = NULL;
    eg_pair_trainer *t = NULL;
    eg_error err = {0};
    size_t docs = 0;
    eg_status st = eg_extractor_new(lex, tagger, &ex);
    if (!st)
        st = eg_pair_trainer_new(&t);
    if (!st)
        st = eg_pair_trainer_add_file(t, ex, path, &docs, &err);
    size_t n_true = 0;
    if (!st) {
        tap_int((long long)docs, 9, "training: the nine documents read");
        tap_ok(eg_pair_trainer_count(t, &n_true) == 10 && n_true == 5, "training: ten candidate pairs, five true");
        st = eg_pair_trainer_run(t, 10, 0.5, out);
    }
    eg_pair_trainer_free(t);
    eg_extractor_free(ex);
    return st;
}

static void extract(const eg_pair_model *m, const char *text, eg_doc *doc)
{
    eg_extractor *ex = NULL;
    if (eg_extractor_new(lex, tagger, &ex))
        abort();
    eg_extractor_set_pairs(ex, m);
    eg_input in = {"t.txt", text, strlen(text), NULL, NULL, NULL};
    if (eg_extract(ex, &in, doc, NULL))
        abort();
    eg_extractor_free(ex);
}

static void test_training(const char *path)
{
    eg_strbuf a = EG_STRBUF_INIT, b = EG_STRBUF_INIT;
    tap_int(train(path, &a), EG_OK, "training runs");
    tap_int(train(path, &b), EG_OK, "training runs again");
    tap_ok(a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0, "the same data give the same bytes");
    eg_pair_model *m = NULL;
    eg_error err = {0};
    tap_int(eg_pair_model_load(a.buf, a.len, "trained", &m, &err), EG_OK, "the trained model loads");

    eg_doc doc;
    extract(m, "Markets fell, said Jon Vik, who runs the trading desk at Narvik Metals Company.", &doc);
    tap_ok(has_role(&doc, "Jon Vik", "Narvik Metals Company"), "a link the patterns do not read, found by the model");
    eg_doc_release(&doc);
    extract(m, "Markets fell, said Jon Vik, who runs the trading desk at Narvik Metals.", &doc);
    tap_int((long long)n_roles(&doc), 0,
            "with no post in the sentence, no learned link to a body that is one by the tagger's word alone");
    eg_doc_release(&doc);
    extract(m, "Markets fell, said chief economist Jon Vik, who runs the trading desk at Narvik Metals.", &doc);
    tap_ok(has_role(&doc, "Jon Vik", "Narvik Metals") && doc.n_relations == 1 && doc.relations[0].role &&
               strcmp(doc.relations[0].role, "chief economist") == 0,
           "a learned link takes the title written before the person");
    eg_doc_release(&doc);
    extract(m, "Markets fell under chief economist Jon Vik, who runs the trading desk at Narvik Metals.", &doc);
    tap_ok(n_roles(&doc) == 0 || (doc.relations[0].role && strcmp(doc.relations[0].role, "chief economist") == 0),
           "... without the preposition before it (\"under\" is a title's word only in \"Under Secretary\")");
    eg_doc_release(&doc);
    extract(NULL, "Markets fell, said Jon Vik, who runs the trading desk at Narvik Metals.", &doc);
    tap_int((long long)n_roles(&doc), 0, "without the model, no link");
    eg_doc_release(&doc);
    extract(m, "Jon Vik said that Narvik Metals had lost money this year.", &doc);
    tap_int((long long)n_roles(&doc), 0, "no link where the text states none");
    eg_doc_release(&doc);
    extract(m, "Markets fell, said Vik, who runs the trading desk at Narvik Metals.", &doc);
    tap_int((long long)n_roles(&doc), 0, "no learned link for a person known by one word alone");
    eg_doc_release(&doc);
    extract(m, "Jon Vik, chairman of Narvik Metals, said that Bergen Shipping had lost money.", &doc);
    tap_ok(has_role(&doc, "Jon Vik", "Narvik Metals") && n_roles(&doc) == 1,
           "a person the patterns placed is not placed again");
    eg_doc_release(&doc);
    eg_pair_model_free(m);
    eg_strbuf_release(&a);
    eg_strbuf_release(&b);
}

static void test_default(void)
{
    eg_pair_model *m = NULL;
    eg_error err = {0};
    eg_status st = eg_pair_model_default(&m, &err);
    tap_ok(st == EG_OK || st == EG_ENOINPUT, "the default model loads, or the build has none");
    if (m) {
        /* the patterns give the post to the person beside the body; the
         * one before them in the list is not linked past them */
        eg_doc doc;
        extract(m, "Markets fell. Kari Moe, Ola Berg of NASA and Per Lie met on Monday.", &doc);
        tap_ok(has_role(&doc, "Ola Berg", "National Aeronautics and Space Administration") &&
                   !has_role(&doc, "Kari Moe", "National Aeronautics and Space Administration"),
               "no learned link past a person the patterns tie to the body");
        eg_doc_release(&doc);
        extract(m, "Markets fell. The minister came with his wife, Kari Moe and the deputy secretary of the "
                   "Foreign Ministry, Ola Berg, on Monday.", &doc);
        tap_ok(has_role(&doc, "Ola Berg", "Foreign Ministry") && !has_role(&doc, "Kari Moe", "Foreign Ministry"),
               "no learned link to a post whose holder is named in apposition after the body");
        eg_doc_release(&doc);
    }
    eg_pair_model_free(m);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_pairs TRAIN.jsonl\n");
        return 2;
    }
    eg_error err = {0};
    if (eg_lexicon_new(&lex, &err) || eg_tagger_default(&tagger, &err)) {
        fprintf(stderr, "test_pairs: %s\n", err.message);
        return 1;
    }
    test_model_files();
    test_training(argv[1]);
    test_default();
    eg_tagger_free(tagger);
    eg_lexicon_free(lex);
    return tap_done();
}
