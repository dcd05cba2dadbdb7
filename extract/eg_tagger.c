#include "eg_tagger.h"

#include "eg_hash.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAGIC "EGTAGGER"
#define HEADER_BYTES (8 + 4 * 4 + 8 + 8)
#define MAX_STAGES 2

/*
 * Tagging is bound by memory reads and by adding up weights: tens of
 * features a word, each a look-up in a table of about a hundred thousand,
 * and the features that fire most (the word's shape, its lexicon classes)
 * have weights for most tags. The model file is that table as the tagger
 * reads it (eg_tagger.h has the layout), so loading checks it and points
 * into it: the model costs its own size in memory and nothing more.
 *
 * A slot holds a key and where its record is in the data; a record holds
 * the feature's weights in both stages side by side, 16-bit numbers times
 * the stage's scale. A stage's head byte says how: a few (tag, value) pairs,
 * or, from DENSE_MIN weights on, a row of every tag's value, which the
 * compiler adds up with vector instructions. The pairs of a feature add up
 * to zero more often than not (each perceptron update adds to one tag what
 * it takes from another); then the last value is left out and recomputed.
 */
#define ROW 32            /* floats per row of scores: EG_N_TAGS and padding */
#define HEAD_COUNT 0x1F   /* a stage's head byte: its number of weights, */
#define HEAD_DENSE 0x20   /* ... kept as a row of EG_N_TAGS values, */
#define HEAD_ZSUM 0x40    /* pairs whose last value is minus the sum of the others */

_Static_assert(EG_N_TAGS <= HEAD_COUNT && EG_N_TAGS <= ROW, "a head byte counts the tags");

typedef struct slot {
    uint32_t key[2]; /* a 64-bit key (0: empty) read with memcpy: 4-byte alignment, 12 bytes */
    uint32_t record; /* byte offset of its record in the data */
} slot;

typedef struct stage {
    const float *trans;      /* EG_N_TAGS x EG_N_TAGS */
    float scale;
    size_t n_features, n_weights;
} stage;

struct eg_tagger {
    const char *note;
    size_t n_stages;
    stage stages[MAX_STAGES];
    const slot *slots;       /* linear probing from home(); the last slot is empty */
    size_t n_slots;
    uint64_t n_home;         /* slots a key's home can be */
    const unsigned char *data; /* the records */
    size_t data_bytes;
    bool zero_key;           /* the feature with key 0 (the empty mark) is kept apart */
    uint32_t zero_record;
    void *owned;             /* the buffer the table lies in, when the tagger owns it */
};

/* A key's first slot: its high half scaled to the home slots (keys are
 * hashes already, and the table need not be a power of two). */
static size_t home(uint64_t n_home, uint64_t key)
{
    return (size_t)((key >> 32) * n_home >> 32);
}

static uint64_t slot_key(const slot *s)
{
    uint64_t k;
    memcpy(&k, s->key, sizeof k);
    return k;
}

/* The slot of key (not 0) from slot i on, or NULL. Keys are hashes
 * already. The last slot is empty, so the search ends inside the table. */
static const slot *find_slot_from(const slot *slots, uint64_t key, size_t i)
{
    for (;; i++) {
        uint64_t k = slot_key(&slots[i]);
        if (k == key)
            return &slots[i];
        if (k == 0)
            return NULL;
    }
}

/* The record of key, or NULL. */
static const unsigned char *find_record(const eg_tagger *t, uint64_t key, size_t at)
{
    if (key == 0)
        return t->zero_key ? t->data + t->zero_record : NULL;
    const slot *s = find_slot_from(t->slots, key, at);
    return s ? t->data + s->record : NULL;
}

/* The 16-bit values and the tags a stage's head byte says its record part holds. */
static size_t head_values(unsigned head)
{
    return head & HEAD_DENSE ? EG_N_TAGS : (head & HEAD_COUNT) - (head & HEAD_ZSUM ? 1 : 0);
}

static size_t head_tags(unsigned head)
{
    return head & HEAD_DENSE ? 0 : head & HEAD_COUNT;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* ---- BILOU constraints and Viterbi ---- */

/* The tags after which a name may begin (O, L-x, U-x: "closed") and the
 * tags that may follow them (O, B-x, U-x: "opening"), in tag order. */
#define N_EDGE (1 + 2 * EG_TAG_N_TYPES)

static void edge_tags(uint8_t *closed, uint8_t *opening)
{
    closed[0] = opening[0] = EG_TAG_O;
    for (int y = 0; y < EG_TAG_N_TYPES; y++) {
        closed[1 + 2 * y] = (uint8_t)eg_tag((eg_tag_type)y, EG_TAG_L);
        closed[2 + 2 * y] = (uint8_t)eg_tag((eg_tag_type)y, EG_TAG_U);
        opening[1 + 2 * y] = (uint8_t)eg_tag((eg_tag_type)y, EG_TAG_B);
        opening[2 + 2 * y] = (uint8_t)eg_tag((eg_tag_type)y, EG_TAG_U);
    }
}

/*
 * Viterbi over tokens [0, n) of emit (rows `stride` floats apart). The
 * BILOU constraints leave two kinds of step: into an opening tag from any
 * closed one, and into I-x or L-x from B-x or I-x. The first is most of
 * the work, and most of it is wasted: a closed tag whose score trails the
 * best closed one by more than the widest spread of transition scores into
 * any opening tag (`spread`) can win for no target, and is skipped. The
 * result is exactly that of the full search.
 */
static void viterbi(const float *emit, size_t stride, size_t n, const float *trans, float spread,
                    uint8_t *back, uint8_t *out)
{
    uint8_t closed[N_EDGE], opening[N_EDGE], live[N_EDGE];
    edge_tags(closed, opening);
    float prev[EG_N_TAGS], cur[EG_N_TAGS];
    for (int t = 0; t < EG_N_TAGS; t++) {
        int pos = t == EG_TAG_O ? EG_TAG_U : eg_tag_position(t);
        prev[t] = pos == EG_TAG_B || pos == EG_TAG_U ? emit[t] : -INFINITY;
    }
    for (size_t i = 1; i < n; i++) {
        const float *e = emit + i * stride;
        uint8_t *bk = back + i * EG_N_TAGS;
        float top = -INFINITY;
        for (int k = 0; k < N_EDGE; k++)
            if (prev[closed[k]] > top)
                top = prev[closed[k]];
        int n_live = 0;
        for (int k = 0; k < N_EDGE; k++)
            if (prev[closed[k]] >= top - spread)
                live[n_live++] = closed[k];
        for (int k = 0; k < N_EDGE; k++) {
            int t = opening[k];
            float best = -INFINITY;
            int arg = live[0];
            for (int q = 0; q < n_live; q++) {
                float sc = prev[live[q]] + trans[live[q] * EG_N_TAGS + t];
                if (sc > best) {
                    best = sc;
                    arg = live[q];
                }
            }
            cur[t] = best + e[t];
            bk[t] = (uint8_t)arg;
        }
        for (int y = 0; y < EG_TAG_N_TYPES; y++) {
            int tb = eg_tag((eg_tag_type)y, EG_TAG_B), ti = eg_tag((eg_tag_type)y, EG_TAG_I),
                tl = eg_tag((eg_tag_type)y, EG_TAG_L);
            for (int t = ti; t <= tl; t++) {
                float from_b = prev[tb] + trans[tb * EG_N_TAGS + t];
                float from_i = prev[ti] + trans[ti * EG_N_TAGS + t];
                cur[t] = (from_i > from_b ? from_i : from_b) + e[t];
                bk[t] = (uint8_t)(from_i > from_b ? ti : tb);
            }
        }
        memcpy(prev, cur, sizeof prev);
    }
    float best = -INFINITY;
    int arg = EG_TAG_O;
    for (int k = 0; k < N_EDGE; k++) {
        if (prev[closed[k]] > best) {
            best = prev[closed[k]];
            arg = closed[k];
        }
    }
    out[n - 1] = (uint8_t)arg;
    for (size_t i = n - 1; i > 0; i--)
        out[i - 1] = back[i * EG_N_TAGS + out[i]];
}

/* The widest spread of transition scores into one opening tag. */
static float opening_spread(const float *trans)
{
    uint8_t closed[N_EDGE], opening[N_EDGE];
    edge_tags(closed, opening);
    float spread = 0;
    for (int k = 0; k < N_EDGE; k++) {
        float lo = INFINITY, hi = -INFINITY;
        for (int q = 0; q < N_EDGE; q++) {
            float v = trans[closed[q] * EG_N_TAGS + opening[k]];
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        spread = hi - lo > spread ? hi - lo : spread;
    }
    return spread;
}

void eg_decode(const float *emit, size_t stride, const uint8_t *candidate, size_t first, size_t last,
               const float *trans, uint8_t *back, uint8_t *out)
{
    float spread = -1;
    size_t i = first;
    while (i < last) {
        if (!candidate[i]) {
            out[i++] = EG_TAG_O;
            continue;
        }
        size_t j = i;
        while (j < last && candidate[j])
            j++;
        if (spread < 0 && j - i > 1)
            spread = opening_spread(trans);
        viterbi(emit + i * stride, stride, j - i, trans, spread, back + i * EG_N_TAGS, out + i);
        i = j;
    }
}

eg_status eg_tags_to_spans(const uint8_t *tags, size_t n_tokens, eg_tag_span **spans, size_t *n,
                           size_t *cap)
{
    *n = 0;
    size_t i = 0;
    while (i < n_tokens) {
        if (tags[i] == EG_TAG_O) {
            i++;
            continue;
        }
        eg_tag_type type = eg_tag_type_of(tags[i]);
        size_t j = i + 1;
        if (eg_tag_position(tags[i]) != EG_TAG_U && eg_tag_position(tags[i]) != EG_TAG_L) {
            while (j < n_tokens && tags[j] != EG_TAG_O && eg_tag_type_of(tags[j]) == type &&
                   (eg_tag_position(tags[j]) == EG_TAG_I || eg_tag_position(tags[j]) == EG_TAG_L)) {
                j++;
                if (eg_tag_position(tags[j - 1]) == EG_TAG_L)
                    break;
            }
        }
        if (eg_grow(spans, cap, *n + 1, sizeof **spans))
            return EG_ENOMEM;
        (*spans)[(*n)++] = (eg_tag_span){i, j, type};
        i = j;
    }
    return EG_OK;
}

/* ---- tagging ---- */

void eg_tagger_work_init(eg_tagger_work *w)
{
    memset(w, 0, sizeof *w);
    eg_features_init(&w->local);
    eg_features_init(&w->document);
}

void eg_tagger_work_release(eg_tagger_work *w)
{
    if (!w)
        return;
    eg_features_release(&w->local);
    eg_features_release(&w->document);
    eg_feature_doc_free(w->doc);
    free(w->scores);
    free(w->first_pass);
    eg_tagger_work_init(w);
}

/* look-ups in a batch (add_scores) */
#define BATCH 64

/* Adds one stage's weights for a feature to row: `head` says how many and
 * how they are kept, v holds the values, tags their tags when pairs. */
static inline void add_stage(unsigned head, const int16_t *v, const uint8_t *tags, float scale,
                             float *row)
{
    if (head & HEAD_DENSE) {
        /* the first EG_N_TAGS - 1 (24) values, a multiple of the vector
         * width, so that the compiler's cheapest vectorising takes the loop */
        for (int t = 0; t < EG_N_TAGS - 1; t++)
            row[t] += scale * (float)v[t];
        row[EG_N_TAGS - 1] += scale * (float)v[EG_N_TAGS - 1];
        return;
    }
    size_t n = head & HEAD_COUNT;
    if (!(head & HEAD_ZSUM)) {
        for (size_t q = 0; q < n; q++)
            row[tags[q]] += scale * (float)v[q];
        return;
    }
    int32_t sum = 0;
    for (size_t q = 0; q + 1 < n; q++) {
        row[tags[q]] += scale * (float)v[q];
        sum += v[q];
    }
    row[tags[n - 1]] += scale * (float)-sum;
}

/* Adds a feature's record to the rows of its token: the first stage's
 * weights to row0 and, when row1, the second's to row1 (a one-stage
 * model's records have no second stage). */
static void add_record(const unsigned char *r, float s0, float s1, float *row0, float *row1)
{
    unsigned h0 = r[0], h1 = r[1];
    /* records begin at even offsets of an 8-byte aligned section */
    const int16_t *v0 = (const int16_t *)(const void *)(r + 2);
    const int16_t *v1 = v0 + head_values(h0);
    const uint8_t *tags0 = (const uint8_t *)(v1 + head_values(h1));
    if (h0)
        add_stage(h0, v0, tags0, s0, row0);
    if (h1 && row1)
        add_stage(h1, v1, tags0 + head_tags(h0), s1, row1);
}

/* Adds the second stage's weights of a feature's record to row1. */
static void add_record_second(const unsigned char *r, float s1, float *row1)
{
    unsigned h0 = r[0], h1 = r[1];
    if (!h1)
        return;
    const int16_t *v1 = (const int16_t *)(const void *)(r + 2) + head_values(h0);
    add_stage(h1, v1, (const uint8_t *)(v1 + head_values(h1)) + head_tags(h0), s1, row1);
}

/*
 * Adds the weights of the features in f of every candidate token: those of
 * the first stage to rows0 and those of the second to rows1, or when rows0
 * is NULL, those of the second stage only. The look-ups go in batches: the
 * slots of a batch are fetched from memory together, then their records,
 * so that the waits overlap.
 */
static void add_scores(const eg_tagger *t, const eg_features *f, size_t n, float *rows0,
                       float *rows1)
{
    float s0 = t->stages[0].scale, s1 = t->stages[1].scale;
    uint64_t key[BATCH];
    size_t tok[BATCH], at[BATCH];
    const unsigned char *rec[BATCH];
    size_t i = 0, total = f->first[n];
    for (size_t k0 = 0; k0 < total; k0 += BATCH) {
        size_t m = total - k0 < BATCH ? total - k0 : BATCH;
        for (size_t j = 0; j < m; j++) {
            while (f->first[i + 1] <= k0 + j)
                i++;
            key[j] = f->v[k0 + j];
            tok[j] = i;
            at[j] = home(t->n_home, key[j]);
            PREFETCH(&t->slots[at[j]]);
        }
        for (size_t j = 0; j < m; j++) {
            rec[j] = find_record(t, key[j], at[j]);
            if (rec[j])
                PREFETCH(rec[j]);
        }
        if (rows0) {
            for (size_t j = 0; j < m; j++)
                if (rec[j])
                    add_record(rec[j], s0, s1, rows0 + tok[j] * ROW, rows1 ? rows1 + tok[j] * ROW : NULL);
        } else {
            for (size_t j = 0; j < m; j++)
                if (rec[j])
                    add_record_second(rec[j], s1, rows1 + tok[j] * ROW);
        }
    }
}

/* Tokens of whole sentences scored at a time: a document's features and
 * scores are in memory a window at a time, so that a long document takes
 * memory for its tokens, not for their features (a news article is one
 * window). */
#define WINDOW_TOKENS 16384

/* Sentences [k, *k_end) of toks, from token *a to *b: at least `want` tokens
 * when the sentences allow, never part of one. */
static void next_window(const eg_tokens *toks, size_t k, size_t want, size_t *k_end, size_t *a, size_t *b)
{
    *a = toks->sentences[k].first;
    size_t e = k + 1;
    while (e < toks->n_sentences && toks->sentences[e - 1].last - *a < want)
        e++;
    *k_end = e;
    *b = toks->sentences[e - 1].last;
}

/* Makes room for a window of n tokens: two rows of scores a token and the
 * back pointers. */
static eg_status window_room(eg_tagger_work *w, size_t n)
{
    size_t need = 2 * n * ROW + (n * EG_N_TAGS + sizeof(float) - 1) / sizeof(float);
    if (need > w->cap_scores) {
        float *s = realloc(w->scores, need * sizeof *s);
        if (!s)
            return EG_ENOMEM;
        w->scores = s;
        w->cap_scores = need;
    }
    return EG_OK;
}

/* Decodes sentences [k, k_end), whose tokens begin at token a, with the
 * window's scores; tags into out (indexed by token). */
static void decode(const stage *s, const eg_tokens *toks, size_t k, size_t k_end, size_t a,
                   const uint8_t *candidate, const float *scores, uint8_t *back, uint8_t *out)
{
    for (; k < k_end; k++) {
        const eg_sentence *sent = &toks->sentences[k];
        eg_decode(scores, ROW, candidate + a, sent->first - a, sent->last - a, s->trans, back, out + a);
    }
}

/*
 * Two passes over the document's windows. A document of one window keeps
 * the second stage's share of its local features from the first pass
 * (both stages' weights of a feature are one record); a longer one works
 * them out again in the second, window by window. Either way each token's
 * scores add the same weights in the same order, so the tags do not
 * depend on the window.
 */
eg_status eg_tagger_tag(const eg_tagger *tagger, const char *text, const eg_tokens *toks,
                        const eg_lex_matches *lm, eg_tagger_work *w, uint8_t *tags)
{
    size_t n = toks->n;
    if (n == 0 || toks->n_sentences == 0)
        return EG_OK;
    bool two = tagger->n_stages == 2;
    if (two && n > w->cap_first_pass) {
        uint8_t *p = realloc(w->first_pass, n);
        if (!p)
            return EG_ENOMEM;
        w->first_pass = p;
        w->cap_first_pass = n;
    }
    if (!w->doc && !(w->doc = eg_feature_doc_new()))
        return EG_ENOMEM;
    eg_status st = eg_feature_doc_read(w->doc, text, toks, lm);
    if (st)
        return st;
    const uint8_t *cand = eg_feature_doc_candidates(w->doc);
    size_t want = w->window ? w->window : WINDOW_TOKENS;
    size_t k_end, a, b;
    next_window(toks, 0, want, &k_end, &a, &b);
    bool whole = k_end == toks->n_sentences;
    uint8_t *first_pass = two ? w->first_pass : tags;
    for (size_t k = 0; k < toks->n_sentences && st == EG_OK; k = k_end) {
        next_window(toks, k, want, &k_end, &a, &b);
        if ((st = window_room(w, b - a)) != EG_OK || (st = eg_features_local_range(w->doc, a, b, &w->local)))
            break;
        float *rows0 = w->scores, *rows1 = w->scores + (b - a) * ROW;
        uint8_t *back = (uint8_t *)(w->scores + 2 * (b - a) * ROW);
        memset(rows0, 0, (b - a) * ROW * sizeof *rows0);
        if (two && whole)
            memset(rows1, 0, (b - a) * ROW * sizeof *rows1);
        add_scores(tagger, &w->local, b - a, rows0, two && whole ? rows1 : NULL);
        decode(&tagger->stages[0], toks, k, k_end, a, cand, rows0, back, first_pass);
    }
    if (!two || st)
        return st;
    st = eg_feature_doc_tagged(w->doc, first_pass);
    for (size_t k = 0; k < toks->n_sentences && st == EG_OK; k = k_end) {
        next_window(toks, k, want, &k_end, &a, &b);
        float *rows1 = w->scores + (b - a) * ROW;
        uint8_t *back = (uint8_t *)(w->scores + 2 * (b - a) * ROW);
        if (!whole) {
            if ((st = window_room(w, b - a)) != EG_OK || (st = eg_features_local_range(w->doc, a, b, &w->local)))
                break;
            rows1 = w->scores + (b - a) * ROW;
            back = (uint8_t *)(w->scores + 2 * (b - a) * ROW);
            memset(rows1, 0, (b - a) * ROW * sizeof *rows1);
            add_scores(tagger, &w->local, b - a, NULL, rows1);
        }
        if ((st = eg_features_document_range(w->doc, first_pass, a, b, &w->document)) != EG_OK)
            break;
        add_scores(tagger, &w->document, b - a, NULL, rows1);
        decode(&tagger->stages[1], toks, k, k_end, a, cand, rows1, back, tags);
    }
    /* what a long document needed of its whole length goes now, not when
     * the next document comes: the rest of its extraction needs the room */
    if (!whole) {
        eg_feature_doc_free(w->doc);
        w->doc = NULL;
        free(w->first_pass);
        w->first_pass = NULL;
        w->cap_first_pass = 0;
    }
    return st;
}

/* ---- the file's layout ---- */

/*
 * After the header: the table's sizes (TABLE_BYTES), each stage's
 * (STAGE_BYTES), then the sections, each from an offset that is a multiple
 * of 8: transitions, slots, records, note. The layout follows from the sizes
 * alone, for the writer and the reader alike.
 */
#define TABLE_BYTES 24  /* u32 home slots, slots, keys, data bytes, key-0 record, note bytes */
#define STAGE_BYTES 16  /* u32 features, u32 weights, f32 scale, u32 0 */
#define SLOT_BYTES 12
#define NO_RECORD UINT32_MAX

_Static_assert(sizeof(slot) == SLOT_BYTES, "a slot is three 32-bit numbers");

typedef struct layout {
    uint64_t trans, slots, data, note, end;
} layout;

static uint64_t pad8(uint64_t n)
{
    return (n + 7) & ~(uint64_t)7;
}

/* 64-bit arithmetic: sizes from a hostile header cannot wrap around. */
static layout layout_of(uint64_t n_stages, uint64_t n_slots, uint64_t data_bytes, uint64_t note_bytes)
{
    layout l;
    l.trans = HEADER_BYTES + TABLE_BYTES + STAGE_BYTES * n_stages;
    l.slots = l.trans + pad8(n_stages * EG_N_TAGS * EG_N_TAGS * 4);
    l.data = l.slots + pad8(n_slots * SLOT_BYTES);
    l.note = l.data + pad8(data_bytes);
    l.end = l.note + pad8(note_bytes + 1); /* the note ends with a NUL */
    return l;
}

static bool little_endian(void)
{
    const uint32_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* ---- reading a model ---- */

typedef struct reader {
    const unsigned char *p;
    size_t len, pos;
    bool short_read;
} reader;

static const unsigned char *take(reader *r, size_t n)
{
    if (r->short_read || n > r->len - r->pos) {
        r->short_read = true;
        return NULL;
    }
    const unsigned char *q = r->p + r->pos;
    r->pos += n;
    return q;
}

static uint32_t le32(const unsigned char *q)
{
    return (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
}

static uint32_t get_u32(reader *r)
{
    const unsigned char *q = take(r, 4);
    return q ? le32(q) : 0;
}

static uint64_t get_u64(reader *r)
{
    uint64_t lo = get_u32(r);
    uint64_t hi = get_u32(r);
    return lo | hi << 32;
}

static float get_f32(reader *r)
{
    uint32_t u = get_u32(r);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

void eg_tagger_free(eg_tagger *tagger)
{
    if (!tagger)
        return;
    free(tagger->owned);
    free(tagger);
}

/* Little-endian 32-, 64- and 16-bit numbers in place to the host's order (on a
 * little-endian host this rewrites every number as it was). */
static void native32(unsigned char *p, size_t n)
{
    for (size_t k = 0; k < n; k++, p += 4) {
        uint32_t v = le32(p);
        memcpy(p, &v, 4);
    }
}

static void native64(unsigned char *p)
{
    uint64_t v = (uint64_t)le32(p + 4) << 32 | le32(p);
    memcpy(p, &v, 8);
}

static void native16(unsigned char *p, size_t n)
{
    for (size_t k = 0; k < n; k++, p += 2) {
        uint16_t v = (uint16_t)(p[0] | p[1] << 8);
        memcpy(p, &v, 2);
    }
}

/* Checks the record at byte `off` of the data: it lies inside, its head
 * bytes make sense for the model's stages, its tags are in range and in
 * order. Counts its features and weights per stage. */
static eg_status check_record(const eg_tagger *t, uint32_t off, size_t *features, size_t *weights,
                              const char *name, eg_error *err)
{
    if (off % 2 || off >= t->data_bytes || t->data_bytes - off < 2)
        return eg_error_set(err, EG_EPARSE, "%s: a slot points outside the data (record %lu of %zu bytes)",
                            name, (unsigned long)off, t->data_bytes);
    const unsigned char *r = t->data + off;
    size_t size = 2;
    for (size_t k = 0; k < MAX_STAGES; k++) {
        unsigned h = r[k], n = h & HEAD_COUNT;
        if ((h & ~(unsigned)(HEAD_COUNT | HEAD_DENSE | HEAD_ZSUM)) || n > EG_N_TAGS ||
            (h && (k >= t->n_stages || n == 0)) ||
            ((h & HEAD_ZSUM) && (n < 2 || (h & HEAD_DENSE))))
            return eg_error_set(err, EG_EPARSE, "%s: record %lu: bad head byte %#x in stage %zu", name,
                                (unsigned long)off, h, k + 1);
        size += 2 * head_values(h) + head_tags(h);
        features[k] += h != 0;
        weights[k] += n;
    }
    if (!r[0] && !r[1])
        return eg_error_set(err, EG_EPARSE, "%s: record %lu has no weights", name, (unsigned long)off);
    if (size > t->data_bytes - off)
        return eg_error_set(err, EG_EPARSE, "%s: record %lu runs past the data", name, (unsigned long)off);
    const unsigned char *tags = r + 2 + 2 * (head_values(r[0]) + head_values(r[1]));
    for (size_t k = 0; k < MAX_STAGES; k++) {
        size_t n = head_tags(r[k]);
        for (size_t q = 0; q < n; q++) {
            if (tags[q] >= EG_N_TAGS)
                return eg_error_set(err, EG_EPARSE, "%s: record %lu: tag %u out of range", name,
                                    (unsigned long)off, (unsigned)tags[q]);
            if (q && tags[q] <= tags[q - 1])
                return eg_error_set(err, EG_EPARSE, "%s: record %lu: tags out of order", name,
                                    (unsigned long)off);
        }
        tags += n;
    }
    return EG_OK;
}

/* Checks every slot and record against the sizes in the header, so that no
 * look-up can leave the table or the data and every key is where a look-up
 * finds it (once). */
static eg_status check_table(const eg_tagger *t, uint32_t n_keys, const uint32_t *n_features,
                             const uint32_t *n_weights, const char *name, eg_error *err)
{
    if (slot_key(&t->slots[t->n_slots - 1]) != 0)
        return eg_error_set(err, EG_EPARSE, "%s: the table's last slot is not empty", name);
    size_t keys = 0, features[MAX_STAGES] = {0}, weights[MAX_STAGES] = {0};
    eg_status st = EG_OK;
    for (size_t i = 0; i < t->n_slots && st == EG_OK; i++) {
        uint64_t key = slot_key(&t->slots[i]);
        if (!key)
            continue;
        keys++;
        if (find_slot_from(t->slots, key, home(t->n_home, key)) != &t->slots[i])
            return eg_error_set(err, EG_EPARSE, "%s: slot %zu: its key is out of place or twice in the table",
                                name, i);
        st = check_record(t, t->slots[i].record, features, weights, name, err);
    }
    if (st == EG_OK && t->zero_key)
        st = check_record(t, t->zero_record, features, weights, name, err);
    if (st)
        return st;
    if (keys != n_keys)
        return eg_error_set(err, EG_EPARSE, "%s: the table holds %zu keys, its header says %lu", name,
                            keys, (unsigned long)n_keys);
    for (size_t k = 0; k < t->n_stages; k++)
        if (features[k] != n_features[k] || weights[k] != n_weights[k])
            return eg_error_set(err, EG_EPARSE, "%s: stage %zu: weight counts do not add up", name, k + 1);
    return EG_OK;
}

/* The 16-bit values of every record to the host's order, once the records
 * are known to lie inside the data. */
static void native_values(eg_tagger *t)
{
    unsigned char *data = (unsigned char *)t->owned + (t->data - (const unsigned char *)t->owned);
    for (size_t i = 0; i <= t->n_slots; i++) {
        uint32_t off;
        if (i < t->n_slots) {
            if (!slot_key(&t->slots[i]))
                continue;
            off = t->slots[i].record;
        } else if (t->zero_key) {
            off = t->zero_record;
        } else {
            break;
        }
        native16(data + off + 2, head_values(data[off]) + head_values(data[off + 1]));
    }
}

/*
 * The tagger of the checked header and payload in buf (len bytes), whose
 * table lies at 8-byte aligned offsets. When `convert`, buf is the
 * tagger's own copy (`owned`), still little-endian: its numbers are put in
 * the host's order. Frees `owned` on failure.
 */
static eg_status open_table(const unsigned char *buf, size_t len, uint32_t n_stages, unsigned char *owned,
                            bool convert, const char *name, eg_tagger **out, eg_error *err)
{
    reader r = {buf, len, HEADER_BYTES, false};
    uint32_t n_home = get_u32(&r), n_slots = get_u32(&r), n_keys = get_u32(&r);
    uint32_t data_bytes = get_u32(&r), zero = get_u32(&r), note_bytes = get_u32(&r);
    uint32_t n_features[MAX_STAGES] = {0}, n_weights[MAX_STAGES] = {0}, reserved = 0;
    float scale[MAX_STAGES] = {1, 1};
    for (size_t k = 0; k < n_stages; k++) {
        n_features[k] = get_u32(&r);
        n_weights[k] = get_u32(&r);
        scale[k] = get_f32(&r);
        reserved |= get_u32(&r);
    }
    layout l = layout_of(n_stages, n_slots, data_bytes, note_bytes);
    const char *why = NULL;
    if (r.short_read || l.end != len)
        why = "its sizes do not add up to its length";
    else if (n_home == 0 || n_slots <= n_home)
        why = "bad table size";
    else if (!isfinite(scale[0]) || !isfinite(scale[1]) || reserved)
        why = "bad stage header";
    else if (buf[l.note + note_bytes] != '\0')
        why = "its note is not terminated";
    if (why) {
        free(owned);
        return eg_error_set(err, EG_EPARSE, "%s: %s", name, why);
    }
    eg_tagger *t = calloc(1, sizeof *t);
    if (!t) {
        free(owned);
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", name);
    }
    t->owned = owned;
    if (convert) {
        native32(owned + l.trans, (size_t)n_stages * EG_N_TAGS * EG_N_TAGS);
        for (size_t i = 0; i < n_slots; i++) {
            native64(owned + l.slots + i * SLOT_BYTES);
            native32(owned + l.slots + i * SLOT_BYTES + 8, 1);
        }
    }
    t->note = (const char *)buf + l.note;
    t->n_stages = n_stages;
    for (size_t k = 0; k < n_stages; k++) {
        t->stages[k].trans = (const float *)(const void *)(buf + l.trans) + k * EG_N_TAGS * EG_N_TAGS;
        t->stages[k].scale = scale[k];
        t->stages[k].n_features = n_features[k];
        t->stages[k].n_weights = n_weights[k];
    }
    t->slots = (const slot *)(const void *)(buf + l.slots);
    t->n_slots = n_slots;
    t->n_home = n_home;
    t->data = buf + l.data;
    t->data_bytes = data_bytes;
    t->zero_key = zero != NO_RECORD;
    t->zero_record = zero;
    eg_status st = check_table(t, n_keys, n_features, n_weights, name, err);
    if (st) {
        eg_tagger_free(t);
        return st;
    }
    if (convert)
        native_values(t);
    *out = t;
    return EG_OK;
}

/*
 * Checks the header and the checksum of the model in data, then opens its
 * table where it lies when it can (8-byte aligned, little-endian host),
 * else in a copy put in the host's order. `own`, when not NULL, is data
 * itself, a malloc'd buffer the tagger takes over (freed on failure).
 */
static eg_status load(const unsigned char *data, size_t len, const char *name, unsigned char *own,
                      eg_tagger **out, eg_error *err)
{
    *out = NULL;
    if (!name)
        name = "model";
    reader r = {data, len, 0, false};
    const unsigned char *magic = take(&r, 8);
    uint32_t format = get_u32(&r);
    uint32_t features = get_u32(&r);
    uint32_t n_tags = get_u32(&r);
    uint32_t n_stages = get_u32(&r);
    uint64_t payload = get_u64(&r);
    uint64_t hash = get_u64(&r);
    eg_status st = EG_EPARSE;
    if (!magic || memcmp(magic, MAGIC, 8) != 0)
        eg_error_set(err, st, "%s: not an entigraph model (no EGTAGGER header)", name);
    else if (r.short_read)
        eg_error_set(err, st, "%s: model header truncated", name);
    else if (format != EG_TAGGER_FORMAT)
        eg_error_set(err, st, "%s: model format %lu, this entigraph reads format %d: train it again", name,
                     (unsigned long)format, EG_TAGGER_FORMAT);
    else if (features != EG_TAGGER_FEATURES)
        eg_error_set(err, st,
                     "%s: model made for feature set %lu, this entigraph computes set %d: train it again",
                     name, (unsigned long)features, EG_TAGGER_FEATURES);
    else if (n_tags != EG_N_TAGS || n_stages < 1 || n_stages > MAX_STAGES)
        eg_error_set(err, st, "%s: model has %lu tags and %lu stages", name, (unsigned long)n_tags,
                     (unsigned long)n_stages);
    else if (payload != len - HEADER_BYTES)
        eg_error_set(err, st, "%s: model is %zu bytes, its header says %llu: truncated?", name, len,
                     (unsigned long long)(payload + HEADER_BYTES));
    else if (eg_hash_bytes(EG_HASH_SEED, data + HEADER_BYTES, len - HEADER_BYTES) != hash)
        eg_error_set(err, st, "%s: model checksum mismatch: the file is damaged", name);
    else
        st = EG_OK;
    if (st) {
        free(own);
        return st;
    }
    bool aligned = (uintptr_t)(const void *)data % 8 == 0;
    if (aligned && little_endian())
        return open_table(data, len, n_stages, own, false, name, out, err);
    if (!aligned || !own) {
        /* malloc's memory is aligned for any number */
        unsigned char *copy = malloc(len);
        if (copy)
            memcpy(copy, data, len);
        free(own);
        if (!copy)
            return eg_error_set(err, EG_ENOMEM, "%s: out of memory", name);
        own = copy;
    }
    return open_table(own, len, n_stages, own, true, name, out, err);
}

eg_status eg_tagger_load(const void *data, size_t len, const char *name, eg_tagger **out,
                         eg_error *err)
{
    return load(data, len, name, NULL, out, err);
}

eg_status eg_tagger_load_file(const char *path, eg_tagger **out, eg_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_set(err, EG_EIO, "%s: %s", path, strerror(errno));
    /* one buffer of the file's size (and a byte to see the end), which the
     * tagger keeps: read through a growing buffer, a model would take up to
     * twice its size while loading */
    /* a folder or a device is no model, and has no size to read by */
    struct stat sb;
    if (fstat(fileno(fp), &sb) != 0) {
        int e = errno;
        fclose(fp);
        return eg_error_set(err, EG_EIO, "%s: %s", path, strerror(e));
    }
    if (!S_ISREG(sb.st_mode)) {
        fclose(fp);
        return eg_error_set(err, EG_EIO, "%s: not a model file (a folder or a device)", path);
    }
    if ((uintmax_t)sb.st_size >= SIZE_MAX / 2) {
        fclose(fp);
        return eg_error_set(err, EG_EIO, "%s: too large for a model", path);
    }
    size_t cap = (size_t)sb.st_size + 1, len = 0;
    unsigned char *buf = malloc(cap);
    bool nomem = !buf;
    while (buf) {
        if (len == cap) {
            unsigned char *more = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (!more) {
                nomem = true;
                break;
            }
            buf = more;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0)
            break;
    }
    bool failed = ferror(fp);
    int e = errno;
    fclose(fp);
    if (nomem || failed) {
        free(buf);
        return nomem ? eg_error_set(err, EG_ENOMEM, "%s: out of memory", path)
                     : eg_error_set(err, EG_EIO, "%s: %s", path, strerror(e));
    }
    return load(buf, len, path, buf, out, err);
}

extern const unsigned char eg_default_model[];
extern const size_t eg_default_model_len;

eg_status eg_tagger_default(eg_tagger **out, eg_error *err)
{
    *out = NULL;
    if (eg_default_model_len == 0)
        return eg_error_set(err, EG_ENOINPUT, "this entigraph was built without a default model");
    return eg_tagger_load(eg_default_model, eg_default_model_len, "default model", out, err);
}

const char *eg_tagger_note(const eg_tagger *tagger)
{
    return tagger->note;
}

size_t eg_tagger_n_stages(const eg_tagger *tagger)
{
    return tagger->n_stages;
}

size_t eg_tagger_n_weights(const eg_tagger *tagger)
{
    size_t n = 0;
    for (size_t k = 0; k < tagger->n_stages; k++)
        n += tagger->stages[k].n_weights;
    return n;
}

/* ---- writing a model ---- */

static void put_u32(eg_strbuf *out, uint32_t v)
{
    char b[4] = {(char)(v & 0xff), (char)(v >> 8 & 0xff), (char)(v >> 16 & 0xff), (char)(v >> 24)};
    eg_strbuf_add(out, b, 4);
}

static void put_u64(eg_strbuf *out, uint64_t v)
{
    put_u32(out, (uint32_t)v);
    put_u32(out, (uint32_t)(v >> 32));
}

static void put_f32(eg_strbuf *out, float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    put_u32(out, u);
}

/*
 * How full the writer makes the table: keys over home slots. The fuller, the
 * smaller the model and the longer the searches. Keys go in most weights
 * first (the features that fire most: shapes, lexicon classes), so those sit
 * in their home slot and a hit takes about one probe even this full; what
 * grows is the search for a feature the model lacks (one look-up in ten).
 * On the default model, against a table half full: 0.6 full, 3.53 MB;
 * 0.7, 3.25 MB; 0.8, 3.05 MB for no more instructions or cache misses in
 * the look-ups than the table it replaced; 0.85, 2.96 MB and 10% more
 * first-level cache misses; 0.9, 2.89 MB and 50% more.
 */
#define LOAD_NUM 8
#define LOAD_DEN 10
/* From this many weights on, a stage keeps a row of all tags (50 bytes,
 * added up with vector instructions) rather than (tag, value) pairs (3
 * bytes each, added one by one): 13 costs 13 KB more than the break-even
 * of 17 and saves 7% of the look-ups' instructions. */
#define DENSE_MIN 13

/* A feature as the writer lays it out: its key, its row in each stage's
 * weights (NONE: no weights there), its record. */
#define NONE SIZE_MAX
typedef struct wfeature {
    uint64_t key;
    size_t row[MAX_STAGES];
    unsigned n; /* weights in both stages */
    uint32_t record;
} wfeature;

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = ((const wfeature *)a)->key, y = ((const wfeature *)b)->key;
    return x < y ? -1 : x > y;
}

/* Most weights first, then by key: the order keys take their slots in. */
static int cmp_weights(const void *a, const void *b)
{
    const wfeature *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return cmp_key(a, b);
}

static int16_t quantize(float w, float scale)
{
    long q = lroundf(w / scale);
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

/* A stage's weights of one feature as 16-bit values, one per tag (0: none):
 * those at least min_weight in magnitude that do not round to 0 (adding 0
 * changes no score). Returns how many there are. */
static unsigned quantized_row(const float *row, float min_weight, float scale, int16_t *q)
{
    unsigned n = 0;
    for (int t = 0; t < EG_N_TAGS; t++) {
        q[t] = row[t] != 0 && fabsf(row[t]) >= min_weight ? quantize(row[t], scale) : 0;
        n += q[t] != 0;
    }
    return n;
}

static void put_u16(eg_strbuf *out, uint16_t v)
{
    char b[2] = {(char)(v & 0xff), (char)(v >> 8)};
    eg_strbuf_add(out, b, 2);
}

static void put_pad8(eg_strbuf *out, size_t from)
{
    while ((out->len - from) % 8)
        eg_strbuf_addc(out, 0);
}

/* Appends the record of f to data: head bytes, values, tags (eg_tagger.h). */
static void put_record(const eg_stage_weights *stages, size_t n_stages, const float *scale,
                       float min_weight, const wfeature *f, eg_strbuf *data)
{
    int16_t q[MAX_STAGES][EG_N_TAGS] = {{0}};
    unsigned head[MAX_STAGES] = {0, 0};
    for (size_t k = 0; k < n_stages; k++) {
        if (f->row[k] == NONE)
            continue;
        unsigned n = quantized_row(stages[k].rows + f->row[k] * EG_N_TAGS, min_weight, scale[k], q[k]);
        int32_t sum = 0;
        for (int t = 0; t < EG_N_TAGS; t++)
            sum += q[k][t];
        head[k] = n | (n >= DENSE_MIN ? HEAD_DENSE : n >= 2 && sum == 0 ? HEAD_ZSUM : 0);
    }
    eg_strbuf_addc(data, (char)head[0]);
    eg_strbuf_addc(data, (char)head[1]);
    for (size_t k = 0; k < n_stages; k++) {
        size_t left = head_values(head[k]);
        for (int t = 0; t < EG_N_TAGS && left; t++) {
            if (q[k][t] || (head[k] & HEAD_DENSE)) {
                put_u16(data, (uint16_t)q[k][t]);
                left--;
            }
        }
    }
    for (size_t k = 0; k < n_stages; k++)
        if (head[k] && !(head[k] & HEAD_DENSE))
            for (int t = 0; t < EG_N_TAGS; t++)
                if (q[k][t])
                    eg_strbuf_addc(data, (char)t);
    if (data->len % 2)
        eg_strbuf_addc(data, 0);
}

/* The features of the stages with any weight, each once, by key; NULL
 * with *n set to 0 on a key twice in a stage, or out of memory (*st). */
static wfeature *features_of(const eg_stage_weights *stages, size_t n_stages, const float *scale,
                             float min_weight, size_t *n, eg_status *st)
{
    size_t total = 0;
    for (size_t k = 0; k < n_stages; k++)
        total += stages[k].n_features;
    wfeature *all = malloc((total ? total : 1) * sizeof *all);
    *n = 0;
    *st = EG_ENOMEM;
    if (!all)
        return NULL;
    int16_t q[EG_N_TAGS];
    for (size_t k = 0; k < n_stages; k++) {
        for (size_t f = 0; f < stages[k].n_features; f++) {
            unsigned kept = quantized_row(stages[k].rows + f * EG_N_TAGS, min_weight, scale[k], q);
            if (!kept)
                continue;
            wfeature *w = &all[(*n)++];
            w->key = stages[k].keys[f];
            w->row[0] = w->row[1] = NONE;
            w->row[k] = f;
            w->n = kept;
        }
    }
    qsort(all, *n, sizeof *all, cmp_key);
    /* the same key in two stages is one feature; twice in one is an error */
    size_t m = 0;
    for (size_t i = 0; i < *n; i++) {
        if (m && all[m - 1].key == all[i].key) {
            size_t k = all[i].row[0] != NONE ? 0 : 1;
            if (all[m - 1].row[k] != NONE) {
                free(all);
                *n = 0;
                *st = EG_EINVAL;
                return NULL;
            }
            all[m - 1].row[k] = all[i].row[k];
            all[m - 1].n += all[i].n;
            continue;
        }
        all[m++] = all[i];
    }
    *n = m;
    *st = EG_OK;
    return all;
}

/* The payload of the model: the table (eg_tagger.h) with its records. */
static eg_status write_payload(const eg_stage_weights *stages, size_t n_stages, const char *note,
                               float min_weight, eg_strbuf *out)
{
    float scale[MAX_STAGES] = {1, 1};
    uint32_t n_features[MAX_STAGES] = {0}, n_weights[MAX_STAGES] = {0};
    int16_t q[EG_N_TAGS];
    for (size_t k = 0; k < n_stages; k++) {
        float max = 0;
        for (size_t i = 0; i < stages[k].n_features * EG_N_TAGS; i++) {
            float w = fabsf(stages[k].rows[i]);
            if (w != 0 && w >= min_weight && w > max)
                max = w;
        }
        scale[k] = max > 0 ? max / 32767.0f : 1.0f;
        for (size_t f = 0; f < stages[k].n_features; f++) {
            unsigned kept = quantized_row(stages[k].rows + f * EG_N_TAGS, min_weight, scale[k], q);
            n_features[k] += kept != 0;
            n_weights[k] += kept;
        }
    }
    size_t n = 0;
    eg_status st;
    wfeature *fs = features_of(stages, n_stages, scale, min_weight, &n, &st);
    if (!fs)
        return st;
    qsort(fs, n, sizeof *fs, cmp_weights);

    /* records in that order too: those read most lie together */
    eg_strbuf data = EG_STRBUF_INIT;
    uint32_t zero = NO_RECORD;
    size_t n_keys = 0;
    for (size_t i = 0; i < n; i++) {
        fs[i].record = (uint32_t)data.len;
        if (data.len >= UINT32_MAX - 4 * EG_N_TAGS * MAX_STAGES)
            st = EG_EINVAL; /* too large for 32-bit offsets */
        put_record(stages, n_stages, scale, min_weight, &fs[i], &data);
        if (fs[i].key == 0)
            zero = fs[i].record;
        else
            n_keys++;
    }
    size_t n_home = (n_keys * LOAD_DEN + LOAD_NUM - 1) / LOAD_NUM;
    n_home = n_home ? n_home : 1;
    size_t n_slots = n_home + 1;
    slot *slots = calloc(n_home + n_keys + 1, sizeof *slots);
    if (!slots)
        st = EG_ENOMEM;
    for (size_t i = 0; i < n && slots; i++) {
        if (fs[i].key == 0)
            continue;
        size_t at = home(n_home, fs[i].key);
        while (slot_key(&slots[at]))
            at++;
        memcpy(slots[at].key, &fs[i].key, sizeof fs[i].key);
        slots[at].record = fs[i].record;
        if (at + 2 > n_slots)
            n_slots = at + 2; /* the last slot stays empty */
    }
    if (n_slots > UINT32_MAX)
        st = EG_EINVAL;

    if (st == EG_OK) {
        size_t from = out->len, note_len = note ? strlen(note) : 0;
        put_u32(out, (uint32_t)n_home);
        put_u32(out, (uint32_t)n_slots);
        put_u32(out, (uint32_t)n_keys);
        put_u32(out, (uint32_t)data.len);
        put_u32(out, zero);
        put_u32(out, (uint32_t)note_len);
        for (size_t k = 0; k < n_stages; k++) {
            put_u32(out, n_features[k]);
            put_u32(out, n_weights[k]);
            put_f32(out, scale[k]);
            put_u32(out, 0);
        }
        for (size_t k = 0; k < n_stages; k++)
            for (size_t t = 0; t < EG_N_TAGS * EG_N_TAGS; t++)
                put_f32(out, stages[k].trans[t]);
        put_pad8(out, from);
        for (size_t i = 0; i < n_slots; i++) {
            put_u64(out, slot_key(&slots[i]));
            put_u32(out, slots[i].record);
        }
        put_pad8(out, from);
        eg_strbuf_add(out, data.buf, data.len);
        put_pad8(out, from);
        eg_strbuf_add(out, note ? note : "", note_len);
        eg_strbuf_addc(out, 0);
        put_pad8(out, from);
        st = eg_strbuf_status(out);
    }
    free(slots);
    free(fs);
    eg_strbuf_release(&data);
    return st;
}

eg_status eg_tagger_write(const eg_stage_weights *stages, size_t n_stages, const char *note,
                          float min_weight, eg_strbuf *out)
{
    if (n_stages < 1 || n_stages > MAX_STAGES)
        return EG_EINVAL;
    eg_strbuf payload = EG_STRBUF_INIT;
    eg_status st = write_payload(stages, n_stages, note, min_weight, &payload);
    if (st == EG_OK) {
        eg_strbuf_add(out, MAGIC, 8);
        put_u32(out, EG_TAGGER_FORMAT);
        put_u32(out, EG_TAGGER_FEATURES);
        put_u32(out, EG_N_TAGS);
        put_u32(out, (uint32_t)n_stages);
        put_u64(out, payload.len);
        put_u64(out, eg_hash_bytes(EG_HASH_SEED, payload.buf, payload.len));
        eg_strbuf_add(out, payload.buf, payload.len);
        st = eg_strbuf_status(out);
    }
    eg_strbuf_release(&payload);
    return st;
}
