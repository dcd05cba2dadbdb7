/* Unit tests of the tagger: the 64-bit map, which words may be names, the
 * BILOU decoder, model files (good and damaged), and training on a file of
 * ten sentences written for the test (tests/data/tagger-train.jsonl).
 *
 * usage: test_tagger TRAIN.jsonl */
#include "eg_extract.h"
#include "eg_features.h"
#include "eg_wire.h"
#include "eg_hash.h"
#include "eg_lexicon.h"
#include "eg_ner.h"
#include "eg_tagger.h"
#include "eg_token.h"
#include "eg_train.h"
#include "tap.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static eg_lexicon *lex;

static void test_u64map(void)
{
    eg_u64map m;
    eg_u64map_init(&m);
    bool ok = true;
    for (uint64_t k = 0; k < 20000; k++)
        ok &= eg_u64map_put(&m, k * 2654435761u, (size_t)k) == EG_OK;
    for (uint64_t k = 0; k < 20000; k++)
        ok &= eg_u64map_get(&m, k * 2654435761u) == (size_t)k;
    tap_ok(ok && m.n == 19999 && m.has_zero, "u64map: 20000 keys, key 0 among them, stored and found");
    tap_ok(eg_u64map_get(&m, 12345) == EG_NONE, "u64map: an absent key");
    size_t *slot = eg_u64map_slot(&m, 77, 5);
    tap_ok(slot && *slot == 5 && eg_u64map_get(&m, 77) == 5, "u64map: slot inserts with its initial value");
    eg_u64map_clear(&m);
    tap_ok(m.n == 0 && eg_u64map_get(&m, 2654435761u) == EG_NONE && eg_u64map_get(&m, 0) == EG_NONE,
           "u64map: clear empties it");
    eg_u64map_release(&m);
    eg_u64map_release(&m);
    tap_ok(eg_hash_str(EG_HASH_SEED, "Tallinn") == eg_hash_bytes(EG_HASH_SEED, "Tallinn", 7) &&
               eg_hash_str(EG_HASH_SEED, "Tallinn") != eg_hash_str(EG_HASH_SEED, "tallinn"),
           "hash: the same bytes give the same hash, others another");
}

/* Tokens, phrases and local features of text. */
typedef struct parsed {
    eg_tokens toks;
    eg_lex_matches lm;
    eg_features f;
} parsed;

static void parse(parsed *p, const char *text)
{
    eg_word_tests tests = {eg_lexicon_is_abbrev, eg_lexicon_is_common, lex};
    eg_tokens_init(&p->toks);
    eg_lex_matches_init(&p->lm);
    eg_features_init(&p->f);
    eg_tokenize(text, strlen(text), &tests, &p->toks);
    eg_lexicon_match(lex, text, &p->toks, &p->lm);
    eg_features_local(text, &p->toks, &p->lm, &p->f);
}

static void parsed_release(parsed *p)
{
    eg_tokens_release(&p->toks);
    eg_lex_matches_release(&p->lm);
    eg_features_release(&p->f);
}

/* Whether the token whose text is `word` may be in a name. */
static int candidate(const parsed *p, const char *text, const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; i < p->toks.n; i++)
        if (p->toks.v[i].end - p->toks.v[i].start == len && memcmp(text + p->toks.v[i].start, word, len) == 0)
            return p->f.candidate[i];
    return -1;
}

static void test_candidates(void)
{
    const char *text = "Yesterday the Bank of England said that Mario de Souza and eBay had 3 offices.";
    parsed p;
    parse(&p, text);
    tap_int(candidate(&p, text, "Bank"), 1, "candidates: a capitalised word");
    tap_int(candidate(&p, text, "of"), 1, "candidates: a connector between capitals");
    tap_int(candidate(&p, text, "de"), 1, "candidates: a name's particle");
    tap_int(candidate(&p, text, "eBay"), 1, "candidates: a capital inside a word");
    tap_int(candidate(&p, text, "and"), 1, "candidates: \"and\" between two capitalised words");
    tap_int(candidate(&p, text, "that"), 0, "candidates: a lower-case word that joins no name");
    tap_int(candidate(&p, text, "said"), 0, "candidates: a lower-case word");
    tap_int(candidate(&p, text, "3"), 0, "candidates: a number far from capitals");
    size_t with = 0;
    for (size_t i = 0; i < p.toks.n; i++)
        if (!p.f.candidate[i])
            with += p.f.first[i + 1] != p.f.first[i];
    tap_int((long long)with, 0, "features: none for a word that is no candidate");
    parsed q;
    parse(&q, text);
    tap_ok(q.f.n == p.f.n && memcmp(q.f.v, p.f.v, p.f.n * sizeof *p.f.v) == 0,
           "features: the same text gives the same features");
    parsed_release(&q);
    parsed_release(&p);
}

/* Whether tags[0..n) is a valid BILOU sequence. */
static bool valid_bilou(const uint8_t *tags, size_t n)
{
    int open = -1; /* type of the name being read, or -1 */
    for (size_t i = 0; i < n; i++) {
        int t = tags[i];
        int pos = t == EG_TAG_O ? -1 : eg_tag_position(t);
        int type = t == EG_TAG_O ? -1 : (int)eg_tag_type_of(t);
        if (open >= 0) {
            if ((pos != EG_TAG_I && pos != EG_TAG_L) || type != open)
                return false;
            if (pos == EG_TAG_L)
                open = -1;
        } else {
            if (pos == EG_TAG_I || pos == EG_TAG_L)
                return false;
            if (pos == EG_TAG_B)
                open = type;
        }
    }
    return open < 0;
}

static void test_decoder(void)
{
    enum { N = 7 };
    float emit[N * EG_N_TAGS], trans[EG_N_TAGS * EG_N_TAGS];
    uint8_t cand[N] = {1, 1, 1, 0, 1, 1, 1}, back[N * EG_N_TAGS], out[N];
    uint64_t state = 12345;
    bool ok = true;
    for (int round = 0; round < 200 && ok; round++) {
        for (size_t k = 0; k < N * EG_N_TAGS; k++) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            emit[k] = (float)((state >> 33) % 2001) / 100.0f - 10.0f;
        }
        for (size_t k = 0; k < EG_N_TAGS * EG_N_TAGS; k++) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            trans[k] = (float)((state >> 33) % 201) / 100.0f - 1.0f;
        }
        eg_decode(emit, EG_N_TAGS, cand, 0, N, trans, back, out);
        ok = valid_bilou(out, N) && out[3] == EG_TAG_O;
    }
    tap_ok(ok, "decoder: any scores give a valid BILOU sequence, O on a word that is no candidate");
    /* scores that want "I-person" first: the decoder must begin the name */
    memset(emit, 0, sizeof emit);
    memset(trans, 0, sizeof trans);
    emit[0 * EG_N_TAGS + eg_tag(EG_TAG_PERSON, EG_TAG_I)] = 5;
    emit[0 * EG_N_TAGS + eg_tag(EG_TAG_PERSON, EG_TAG_B)] = 4;
    emit[1 * EG_N_TAGS + eg_tag(EG_TAG_PERSON, EG_TAG_L)] = 5;
    eg_decode(emit, EG_N_TAGS, cand, 0, 3, trans, back, out);
    tap_ok(out[0] == eg_tag(EG_TAG_PERSON, EG_TAG_B) && out[1] == eg_tag(EG_TAG_PERSON, EG_TAG_L) &&
               out[2] == EG_TAG_O,
           "decoder: the best valid sequence (B L O), not the best tag per word");

    uint8_t tags[] = {EG_TAG_O, (uint8_t)eg_tag(EG_TAG_BODY, EG_TAG_B), (uint8_t)eg_tag(EG_TAG_BODY, EG_TAG_L),
                      (uint8_t)eg_tag(EG_TAG_COUNTRY, EG_TAG_U), EG_TAG_O};
    eg_tag_span *spans = NULL;
    size_t n = 0, cap = 0;
    eg_tags_to_spans(tags, 5, &spans, &n, &cap);
    tap_ok(n == 2 && spans[0].first == 1 && spans[0].last == 3 && spans[0].type == EG_TAG_BODY &&
               spans[1].first == 3 && spans[1].last == 4 && spans[1].type == EG_TAG_COUNTRY,
           "tags to spans: a body of two words and a country of one");
    free(spans);
}

/* Trains on path into *model; returns the status. */
static eg_status train(const char *path, eg_strbuf *model)
{
    eg_train_opts opts = EG_TRAIN_OPTS_INIT;
    opts.epochs = 8;
    opts.folds = 2;
    eg_trainer *tr = NULL;
    eg_error err = {0};
    eg_status st = eg_trainer_new(lex, &opts, &tr);
    if (st == EG_OK)
        st = eg_trainer_add_file(tr, path, false, 1, &err);
    if (st == EG_OK)
        st = eg_trainer_run(tr, model, &err);
    if (st)
        printf("# training failed: %s\n", err.message);
    eg_trainer_free(tr);
    return st;
}

/* The names the tagger finds in text, as "type:words;..." */
static void tag_text(const eg_tagger *t, const char *text, char *out, size_t size)
{
    parsed p;
    parse(&p, text);
    eg_tagger_work w;
    eg_tagger_work_init(&w);
    uint8_t *tags = calloc(p.toks.n + 1, 1);
    eg_tagger_tag(t, text, &p.toks, &p.lm, &w, tags);
    eg_tag_span *spans = NULL;
    size_t n = 0, cap = 0;
    eg_tags_to_spans(tags, p.toks.n, &spans, &n, &cap);
    out[0] = '\0';
    size_t len = 0;
    for (size_t k = 0; k < n && len < size; k++) {
        size_t a = p.toks.v[spans[k].first].start, b = p.toks.v[spans[k].last - 1].end;
        len += (size_t)snprintf(out + len, size - len, "%s:%.*s;", eg_tag_type_name(spans[k].type),
                                (int)(b - a), text + a);
    }
    free(spans);
    free(tags);
    eg_tagger_work_release(&w);
    parsed_release(&p);
}

/* ---- model files, read as eg_tagger.h lays them out ---- */

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int b = 0; b < 4; b++)
        p[b] = (unsigned char)(v >> (8 * b));
}

static void wr64(unsigned char *p, uint64_t v)
{
    wr32(p, (uint32_t)v);
    wr32(p + 4, (uint32_t)(v >> 32));
}

/* Where a model's sections are: offsets from the start of the file. */
typedef struct model_map {
    size_t table, n_slots, slots, data_bytes, data;
} model_map;

static size_t pad8(size_t n)
{
    return (n + 7) / 8 * 8;
}

static model_map map_model(const unsigned char *m)
{
    model_map mm;
    size_t stages = rd32(m + 20);
    mm.table = 40;
    mm.n_slots = rd32(m + mm.table + 4);
    mm.data_bytes = rd32(m + mm.table + 12);
    mm.slots = mm.table + 24 + 16 * stages + pad8(stages * EG_N_TAGS * EG_N_TAGS * 4);
    mm.data = mm.slots + pad8(mm.n_slots * 12);
    return mm;
}

static uint64_t slot_key_at(const unsigned char *m, const model_map *mm, size_t i)
{
    const unsigned char *s = m + mm->slots + 12 * i;
    return rd32(s) | (uint64_t)rd32(s + 4) << 32;
}

/* The first full slot from i on (n_slots when none). */
static size_t full_slot(const unsigned char *m, const model_map *mm, size_t i)
{
    while (i < mm->n_slots && !slot_key_at(m, mm, i))
        i++;
    return i;
}

/* A damaged model given a valid checksum again: what a hostile file does. */
static void reseal(unsigned char *m, size_t len)
{
    wr64(m + 32, eg_hash_bytes(EG_HASH_SEED, m + 40, len - 40));
}

/* The tags of a record's pairs in stage k (0 or 1), and how many. */
static unsigned char *record_tags(unsigned char *m, const model_map *mm, uint32_t record, int k, size_t *n)
{
    unsigned char *r = m + mm->data + record;
    size_t values = 0, skip = 0;
    for (int s = 0; s < 2; s++) {
        unsigned h = r[s], count = h & 0x1F;
        values += h & 0x20 ? EG_N_TAGS : count - (h & 0x40 ? 1 : 0);
        if (s < k && !(h & 0x20))
            skip += count;
    }
    *n = r[k] & 0x20 ? 0 : r[k] & 0x1F;
    return r + 2 + 2 * values + skip;
}

/* Whether a copy of model a with `change` applied (and resealed) is
 * refused with a message holding `want`. */
static bool refused(const eg_strbuf *a, void (*change)(unsigned char *, const model_map *), const char *want)
{
    unsigned char *m = malloc(a->len);
    memcpy(m, a->buf, a->len);
    model_map mm = map_model(m);
    change(m, &mm);
    reseal(m, a->len);
    eg_tagger *t = NULL;
    eg_error err = {0};
    bool ok = eg_tagger_load(m, a->len, "hostile", &t, &err) == EG_EPARSE && !t && strstr(err.message, want);
    if (!ok)
        printf("# got: %s\n", t ? "a tagger" : err.message);
    eg_tagger_free(t);
    free(m);
    return ok;
}

static void past_the_data(unsigned char *m, const model_map *mm)
{
    size_t i = full_slot(m, mm, 0);
    wr32(m + mm->slots + 12 * i + 8, (uint32_t)mm->data_bytes);
}

static void odd_record(unsigned char *m, const model_map *mm)
{
    size_t i = full_slot(m, mm, 0);
    unsigned char *rec = m + mm->slots + 12 * i + 8;
    wr32(rec, rd32(rec) + 1);
}

/* The record laid out last gets a head byte of 25 pairs: it would run past
 * the end of the data. */
static void runs_past(unsigned char *m, const model_map *mm)
{
    uint32_t last = 0;
    for (size_t i = 0; i < mm->n_slots; i++)
        if (slot_key_at(m, mm, i) && rd32(m + mm->slots + 12 * i + 8) > last)
            last = rd32(m + mm->slots + 12 * i + 8);
    m[mm->data + last] = EG_N_TAGS;
}

static void tag_out_of_range(unsigned char *m, const model_map *mm)
{
    for (size_t i = 0; i < mm->n_slots; i++) {
        if (!slot_key_at(m, mm, i))
            continue;
        size_t n;
        unsigned char *tags = record_tags(m, mm, rd32(m + mm->slots + 12 * i + 8), 0, &n);
        if (n) {
            tags[n - 1] = EG_N_TAGS;
            return;
        }
    }
}

static void bad_head(unsigned char *m, const model_map *mm)
{
    size_t i = full_slot(m, mm, 0);
    m[mm->data + rd32(m + mm->slots + 12 * i + 8)] |= 0x80;
}

static void last_slot_full(unsigned char *m, const model_map *mm)
{
    size_t i = full_slot(m, mm, 0);
    memcpy(m + mm->slots + 12 * (mm->n_slots - 1), m + mm->slots + 12 * i, 12);
}

/* A key copied into a free slot after its own: no look-up would reach it. */
static void key_twice(unsigned char *m, const model_map *mm)
{
    size_t i = full_slot(m, mm, 0), j = i + 1;
    while (slot_key_at(m, mm, j))
        j++;
    memcpy(m + mm->slots + 12 * j, m + mm->slots + 12 * i, 12);
}

static void more_slots(unsigned char *m, const model_map *mm)
{
    wr32(m + mm->table + 4, (uint32_t)mm->n_slots + 1000);
}

static void older_format(unsigned char *m, const model_map *mm)
{
    (void)mm;
    wr32(m + 8, 1);
}

/* Tags of `text` by every model made from a by changing one byte or one
 * number at random (and resealing): each must be refused or tag without
 * reading outside the model (the sanitizer build checks that). */
static void test_hostile(const eg_strbuf *a)
{
    const char *text = "Oskar Lind joined Greyfield Capital after ten years at Maren Bank in Oslo.";
    parsed p;
    parse(&p, text);
    eg_tagger_work w;
    eg_tagger_work_init(&w);
    uint8_t *tags = calloc(p.toks.n + 1, 1);
    unsigned char *m = malloc(a->len);
    uint64_t state = 99;
    size_t loaded = 0, rounds = 3000;
    bool ok = true;
    for (size_t round = 0; round < rounds; round++) {
        memcpy(m, a->buf, a->len);
        state = state * 6364136223846793005u + 1442695040888963407u;
        size_t at = 40 + (size_t)(state >> 33) % (a->len - 40);
        state = state * 6364136223846793005u + 1442695040888963407u;
        if (round % 2)
            m[at] = (unsigned char)(state >> 40);
        else if (at + 4 <= a->len)
            wr32(m + (at & ~(size_t)3), (uint32_t)(state >> 32) % 4096);
        reseal(m, a->len);
        eg_tagger *t = NULL;
        eg_error err = {0};
        eg_status st = eg_tagger_load(m, a->len, "random", &t, &err);
        ok &= (st == EG_OK) == (t != NULL) && (st == EG_OK || st == EG_EPARSE);
        if (t) {
            loaded++;
            ok &= eg_tagger_tag(t, text, &p.toks, &p.lm, &w, tags) == EG_OK;
        }
        eg_tagger_free(t);
    }
    printf("# %zu of %zu damaged models loaded\n", loaded, rounds);
    tap_ok(ok, "load: models damaged at random (checksum made good) are refused or tag within bounds");
    free(m);
    free(tags);
    eg_tagger_work_release(&w);
    parsed_release(&p);
}

static void test_model_checks(const eg_strbuf *a)
{
    tap_ok(refused(a, past_the_data, "outside the data"), "load: a slot pointing past the data is refused");
    tap_ok(refused(a, odd_record, "outside the data"), "load: a record at an odd offset is refused");
    tap_ok(refused(a, runs_past, "runs past the data"), "load: a record that runs past the data is refused");
    tap_ok(refused(a, tag_out_of_range, "out of range"), "load: a tag out of range is refused");
    tap_ok(refused(a, bad_head, "bad head byte"), "load: an unknown head byte is refused");
    tap_ok(refused(a, last_slot_full, "last slot"), "load: a table whose last slot is full is refused");
    tap_ok(refused(a, key_twice, "twice"), "load: a key no look-up reaches is refused");
    tap_ok(refused(a, more_slots, "sizes do not add up"), "load: sizes that do not add up are refused");
    tap_ok(refused(a, older_format, "format 1"), "load: a model of the previous format asks to be trained again");

    /* a buffer at an odd address: read from an aligned copy, same tags */
    unsigned char *odd = malloc(a->len + 1);
    memcpy(odd + 1, a->buf, a->len);
    eg_tagger *t = NULL, *u = NULL;
    eg_error err = {0};
    tap_ok(eg_tagger_load(odd + 1, a->len, "odd", &t, &err) == EG_OK && t,
           "load: a model at an odd address loads");
    memset(odd, 0xAA, a->len + 1); /* the tagger holds a copy, not this buffer */
    free(odd);
    eg_tagger_load(a->buf, a->len, "aligned", &u, &err);
    if (t && u) {
        const char *texts[] = {"Oskar Lind joined Greyfield Capital after ten years at Maren Bank.",
                               "Police in Portugal arrested Tomas Reyes near the border with Spain."};
        bool same = true;
        for (size_t k = 0; k < 2; k++) {
            char x[512], y[512];
            tag_text(t, texts[k], x, sizeof x);
            tag_text(u, texts[k], y, sizeof y);
            same &= strcmp(x, y) == 0 && x[0];
        }
        tap_ok(same && eg_tagger_n_weights(t) == eg_tagger_n_weights(u) &&
                   strcmp(eg_tagger_note(t), eg_tagger_note(u)) == 0,
               "load: ... and tags as the same model read in place");
    } else {
        tap_ok(false, "load: ... and tags as the same model read in place");
    }
    eg_tagger_free(t);
    eg_tagger_free(u);

    /* a file is read into one buffer the tagger keeps */
    char path[] = "/tmp/test_tagger_XXXXXX";
    int fd = mkstemp(path);
    FILE *fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
    bool written = fp && fwrite(a->buf, 1, a->len, fp) == a->len;
    if (fp)
        fclose(fp);
    t = NULL;
    tap_ok(written && eg_tagger_load_file(path, &t, &err) == EG_OK && t &&
               eg_tagger_n_weights(t) > 0,
           "load: a model file");
    eg_tagger_free(t);
    remove(path);
    test_hostile(a);
}

static void test_training(const char *path)
{
    eg_strbuf a = EG_STRBUF_INIT, b = EG_STRBUF_INIT;
    tap_ok(train(path, &a) == EG_OK && a.len > 0, "train: a model from ten sentences");
    tap_ok(train(path, &b) == EG_OK && a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0,
           "train: the same data give the same bytes");
    eg_tagger *t = NULL;
    eg_error err = {0};
    tap_ok(eg_tagger_load(a.buf, a.len, "test model", &t, &err) == EG_OK && t &&
               eg_tagger_n_stages(t) == 2 && strstr(eg_tagger_note(t), "tagger-train.jsonl"),
           "load: two stages, and a note that names the training data");
    if (t) {
        char got[512];
        tag_text(t, "Oskar Lind joined Greyfield Capital after ten years at Maren Bank.", got, sizeof got);
        tap_str(got, "person:Oskar Lind;body:Greyfield Capital;body:Maren Bank;",
                "tag: a training sentence is tagged as it was annotated");
        tag_text(t, "Police in Portugal arrested Tomas Reyes near the border with Spain.", got, sizeof got);
        tap_str(got, "country:Portugal;person:Tomas Reyes;country:Spain;",
                "tag: countries and a person");
    }
    eg_tagger_free(t);
    eg_tagger_free(NULL);

    /* damaged files are refused with a message that says how */
    t = NULL;
    tap_ok(eg_tagger_load(a.buf, a.len - 1, "cut", &t, &err) == EG_EPARSE && !t &&
               strstr(err.message, "truncated"),
           "load: a truncated model is refused as truncated");
    char *bad = malloc(a.len);
    memcpy(bad, a.buf, a.len);
    bad[a.len / 2] ^= 0x20;
    tap_ok(eg_tagger_load(bad, a.len, "flipped", &t, &err) == EG_EPARSE && !t &&
               strstr(err.message, "checksum"),
           "load: one altered byte fails the checksum");
    memcpy(bad, a.buf, a.len);
    bad[12] = (char)(bad[12] + 1); /* the feature version */
    tap_ok(eg_tagger_load(bad, a.len, "older", &t, &err) == EG_EPARSE && !t &&
               strstr(err.message, "feature set") && strstr(err.message, "train it again"),
           "load: a model for other features asks to be trained again");
    tap_ok(eg_tagger_load("hello", 5, "text", &t, &err) == EG_EPARSE && !t &&
               strstr(err.message, "not an entigraph model"),
           "load: a file that is no model");
    free(bad);
    tap_ok(eg_tagger_load_file("/nonexistent/model.egm", &t, &err) == EG_EIO && !t &&
               strstr(err.message, "/nonexistent/model.egm"),
           "load: a missing file is an I/O error naming it");
    test_model_checks(&a);
    eg_strbuf_release(&a);
    eg_strbuf_release(&b);

    eg_tagger *def = NULL;
    tap_ok(eg_tagger_default(&def, &err) == EG_OK && def, "load: the default model is compiled in");
    eg_tagger_free(def);
}

/* ---- the wire's furniture ---- */

/* The flags of the token whose text is `word`, or 0. */
static uint32_t flags_of(const eg_tokens *toks, const char *text, const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; i < toks->n; i++)
        if (toks->v[i].end - toks->v[i].start == len && memcmp(text + toks->v[i].start, word, len) == 0)
            return toks->v[i].flags;
    return 0;
}

static void test_wire(void)
{
    const char *text = "VEXA SEES GAINS\n\nHALDENBURG, Conn., March 9 - Vexa Corp <VXA.N> said sales rose, "
                       "said Ola Berg.\nOSLO (Reuters) - Talks ended.\nReuter\n";
    eg_tokens toks;
    eg_tokens_init(&toks);
    eg_word_tests tests = {eg_lexicon_is_abbrev, eg_lexicon_is_common, lex};
    eg_tokenize(text, strlen(text), &tests, &toks);
    eg_wire_mark(text, &toks);
    tap_ok((flags_of(&toks, text, "HALDENBURG") & EG_TOK_FURNITURE) &&
               (flags_of(&toks, text, "Conn") & EG_TOK_FURNITURE) &&
               (flags_of(&toks, text, "March") & EG_TOK_FURNITURE),
           "wire: a dateline with a state's abbreviation is furniture");
    tap_ok((flags_of(&toks, text, "VXA.N") & EG_TOK_FURNITURE) || (flags_of(&toks, text, "VXA") & EG_TOK_FURNITURE),
           "wire: a ticker in angle brackets is furniture");
    tap_ok((flags_of(&toks, text, "OSLO") & EG_TOK_FURNITURE) && (flags_of(&toks, text, "Reuters") & EG_TOK_FURNITURE),
           "wire: \"PLACE (Agency) -\" is a dateline");
    tap_ok(flags_of(&toks, text, "Reuter") & EG_TOK_FURNITURE, "wire: the agency's signature on the last line");
    tap_ok(!(flags_of(&toks, text, "Vexa") & EG_TOK_FURNITURE) && !(flags_of(&toks, text, "Ola") & EG_TOK_FURNITURE) &&
               !(flags_of(&toks, text, "VEXA") & EG_TOK_FURNITURE),
           "wire: the story and the headline are not");
    eg_tokens_release(&toks);
}

/* ---- extraction with the default model ---- */

static eg_extractor *ex;

static eg_doc extract(const char *text)
{
    eg_input in = {"t", text, strlen(text), NULL, NULL, NULL};
    eg_doc doc;
    eg_extract(ex, &in, &doc, NULL);
    return doc;
}

/* The mention whose text is `text`, or NULL. */
static const eg_mention *mention(const eg_doc *doc, const char *text)
{
    for (size_t k = 0; k < doc->n_mentions; k++)
        if (strcmp(doc->mentions[k].text, text) == 0)
            return &doc->mentions[k];
    return NULL;
}

static void expect_mention(const eg_doc *doc, const char *text, eg_type type, const char *entity,
                           const char *what)
{
    const eg_mention *m = mention(doc, text);
    if (!tap_ok(m && m->type == type && strcmp(m->entity, entity) == 0, what)) {
        for (size_t k = 0; k < doc->n_mentions; k++)
            printf("#   found %s \"%s\" -> \"%s\"\n", eg_type_name(doc->mentions[k].type),
                   doc->mentions[k].text, doc->mentions[k].entity);
    }
}

static bool has_role(const eg_doc *doc, const char *person, const char *title, const char *target)
{
    for (size_t k = 0; k < doc->n_relations; k++) {
        const eg_relation *r = &doc->relations[k];
        if (r->kind == EG_REL_ROLE && strcmp(r->source, person) == 0 && strcmp(r->target, target) == 0 &&
            r->role && strcmp(r->role, title) == 0)
            return true;
    }
    return false;
}

/* The tags of a document scored a few sentences at a time are those of
 * the document scored whole, whatever the window, and a work area that
 * tagged a long document tags the next as a fresh one would. */
static void test_windows(const eg_tagger *tagger)
{
    const char *text =
        "Oskar Lind joined Greyfield Capital after ten years at Maren Bank in Oslo. Lind said the bank "
        "would grow. The Nordic Investment Bank lent money to Norway.\n\nGREYFIELD HIRES LIND\n\n"
        "Maren Bank chief executive Ann Berg said Greyfield Capital was a rival. Berg met Lind in "
        "Bergen on Monday. The European Union and the United Nations sent observers. Lind, 54, "
        "is married. Greyfield said profits rose.";
    parsed p;
    parse(&p, text);
    size_t n = p.toks.n;
    uint8_t *whole = calloc(n + 1, 1), *part = calloc(n + 1, 1);
    eg_tagger_work w;
    eg_tagger_work_init(&w);
    bool ok = eg_tagger_tag(tagger, text, &p.toks, &p.lm, &w, whole) == EG_OK;
    size_t names = 0;
    for (size_t i = 0; i < n; i++)
        names += whole[i] != EG_TAG_O;
    static const size_t windows[] = {1, 7, 20, 60};
    for (size_t k = 0; k < sizeof windows / sizeof *windows; k++) {
        memset(part, 0xff, n);
        w.window = windows[k];
        ok &= eg_tagger_tag(tagger, text, &p.toks, &p.lm, &w, part) == EG_OK;
        ok &= memcmp(whole, part, n) == 0;
    }
    w.window = 0;
    memset(part, 0xff, n);
    ok &= eg_tagger_tag(tagger, text, &p.toks, &p.lm, &w, part) == EG_OK && memcmp(whole, part, n) == 0;
    tap_ok(ok && names > 10 && p.toks.n_sentences > 6,
           "tagging: the same tags scored whole and a window of sentences at a time (1, 7, 20, 60 "
           "tokens), and after a long document");
    free(whole);
    free(part);
    eg_tagger_work_release(&w);
    parsed_release(&p);
}

static void test_extraction(void)
{
    eg_doc doc = extract("HALDENBURG, Conn., March 9 - Shares of General Motors Corp <GM> rose on Monday, "
                         "said Ola Berg, an analyst.\nReuter\n");
    expect_mention(&doc, "General Motors Corp", EG_TYPE_BODY, "General Motors Corp",
                   "tagger and rules: a name that holds a title word stays whole");
    tap_ok(!mention(&doc, "Conn") && !mention(&doc, "GM") && !mention(&doc, "Reuter"),
           "tagger and rules: no name in a dateline, a ticker or a signature");
    eg_doc_release(&doc);

    doc = extract("The vote was close, said backbench Labour MP Karen Buck on Tuesday.");
    expect_mention(&doc, "Labour", EG_TYPE_BODY, "Labour Party",
                   "a party inside the words before a post is a body, under its full name");
    tap_ok(has_role(&doc, "Karen Buck", "MP", "Labour Party"),
           "... and the post is the person's there: Karen Buck is MP of the Labour Party");
    eg_doc_release(&doc);

    doc = extract("Mr Halvorsen spoke for the first time. Later Mr Halvorsen left.");
    tap_ok(mention(&doc, "Halvorsen") && !mention(&doc, "Mr Halvorsen"),
           "a person's mention leaves out the form of address");
    eg_doc_release(&doc);

    doc = extract("Analysts at the Securities and Exchange Commission met. The SEC said it would wait.");
    expect_mention(&doc, "SEC", EG_TYPE_BODY, "Securities and Exchange Commission",
                   "an acronym stands for the one body whose initials it is");
    eg_doc_release(&doc);

    doc = extract("The Norwegian Foreign Ministry protested on Monday.");
    const eg_mention *m = mention(&doc, "Foreign Ministry");
    if (!m)
        m = mention(&doc, "Norwegian Foreign Ministry");
    tap_ok(m && m->type == EG_TYPE_BODY && strcmp(m->entity, "Norwegian Foreign Ministry") == 0,
           "a state's organ after a demonym is that state's: \"Norwegian Foreign Ministry\"");
    bool state = false;
    for (size_t k = 0; k < doc.n_relations; k++)
        state |= doc.relations[k].kind == EG_REL_COUNTRY_OF && strcmp(doc.relations[k].target, "Norway") == 0;
    tap_ok(state, "... and country_of Norway");
    eg_doc_release(&doc);

    doc = extract("The Baltic Fisheries Organization met in Riga. The Organization agreed on quotas.");
    m = mention(&doc, "Organization");
    if (!m)
        m = mention(&doc, "The Organization");
    tap_ok(m && m->type == EG_TYPE_BODY && strcmp(m->entity, "Baltic Fisheries Organization") == 0,
           "a head word alone stands for the one body of the document with that head");
    eg_doc_release(&doc);

    doc = extract("The Council of Ministers of Fisheries and Committee of Harbour Masters of the Nordic "
                  "Union met. Member States of the Union sent envoys.");
    tap_ok(mention(&doc, "Council of Ministers of Fisheries") != NULL &&
               !mention(&doc, "Council of Ministers of Fisheries and Committee of Harbour Masters"),
           "two bodies joined by \"and\", each with its head word, are two names");
    tap_ok(!mention(&doc, "Member States of the Union") && !mention(&doc, "Member States"),
           "the members of a body are no body");
    eg_doc_release(&doc);

    doc = extract("Queen Margrethe II opened the hall, and Martin Haugen Sr. spoke with Ola Berg.");
    tap_ok(mention(&doc, "Margrethe II") && mention(&doc, "Martin Haugen Sr."),
           "a person's name takes a regnal number and a generational suffix");
    eg_doc_release(&doc);

    doc = extract("The report was signed by OlaNordmann, the speaker.");
    expect_mention(&doc, "OlaNordmann", EG_TYPE_PERSON, "Ola Nordmann",
                   "a given name and a surname run together are a person's name");
    eg_doc_release(&doc);
}

/* The body a tagger span of the given words (by token index) makes, as the
 * name rules read it: its text, or "" when no body chunk. */
static void body_of_span(const char *text, size_t first, size_t last, char *out, size_t size)
{
    parsed p;
    parse(&p, text);
    eg_tag_span span = {first, last, EG_TAG_BODY};
    eg_chunks chunks;
    eg_chunks_init(&chunks);
    out[0] = '\0';
    if (eg_ner_run(lex, text, strlen(text), &p.toks, &p.lm, &span, 1, &chunks) == EG_OK)
        for (size_t c = 0; c < chunks.n; c++)
            if (chunks.v[c].kind == EG_CHUNK_BODY && chunks.v[c].first == first) {
                size_t a = p.toks.v[chunks.v[c].first].start, b = p.toks.v[chunks.v[c].last - 1].end;
                snprintf(out, size, "%.*s", (int)(b - a), text + a);
            }
    eg_chunks_release(&chunks);
    parsed_release(&p);
}

static void test_possessives(void)
{
    char got[64];
    /* tokens: Ola Berg , Vestland Paper 's chairman , spoke . */
    body_of_span("Ola Berg, Vestland Paper's chairman, spoke.", 3, 6, got, sizeof got);
    if (!tap_ok(strcmp(got, "Vestland Paper") == 0,
                "a tagger's name ending in a possessive before a lower-case word is the name without it"))
        printf("#   got \"%s\"\n", got);
    body_of_span("Ola Berg, McDonald's chairman, spoke.", 3, 5, got, sizeof got);
    if (!tap_ok(strcmp(got, "McDonald's") == 0, "a name the lexicon knows with its possessive keeps it"))
        printf("#   got \"%s\"\n", got);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_tagger TRAIN.jsonl\n");
        return 2;
    }
    eg_error err = {0};
    if (eg_lexicon_new(&lex, &err) != EG_OK) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    test_u64map();
    test_candidates();
    test_decoder();
    test_training(argv[1]);
    test_wire();
    eg_tagger *tagger = NULL;
    if (eg_tagger_default(&tagger, &err) != EG_OK || eg_extractor_new(lex, tagger, &ex) != EG_OK) {
        printf("Bail out! %s\n", err.message);
        return 1;
    }
    test_extraction();
    test_windows(tagger);
    test_possessives();
    eg_extractor_free(ex);
    eg_tagger_free(tagger);
    eg_lexicon_free(lex);
    return tap_done();
}
