#include "eg_tagger.h"

#include "eg_hash.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "EGTAGGER"
#define HEADER_BYTES (8 + 4 * 4 + 8 + 8)
#define MAX_STAGES 2

/*
 * Tagging is bound by memory reads and by adding up weights: tens of
 * features a word, each a look-up in a table of about a hundred thousand,
 * and the features that fire most (the word's shape, its lexicon classes)
 * have weights for most tags. So a feature's slot holds its key and where
 * its weights are; the weights of both stages lie side by side, as 16-bit
 * numbers times the stage's scale; a feature with few weights keeps (tag,
 * value) pairs, one with many a row of every tag's value, padded to ROW,
 * which the compiler adds up with vector instructions.
 */
#define ROW 32          /* floats per tagger row: EG_N_TAGS and padding */
#define DENSE 0xFF      /* a slot count meaning "a row of ROW values" */
#define DENSE_MIN 9     /* from this many weights on, a feature keeps a row */

typedef struct slot {
    uint64_t key;      /* 0: empty */
    uint32_t first;    /* index of its first number in `data` */
    uint8_t count[MAX_STAGES]; /* per stage: pairs, or DENSE */
} slot;

typedef struct stage {
    float trans[EG_N_TAGS * EG_N_TAGS];
    float scale;
    size_t n_features, n_weights;
} stage;

struct eg_tagger {
    char *note;
    size_t n_stages;
    stage stages[MAX_STAGES];
    slot *slots;       /* open addressing, linear probing */
    size_t mask;       /* slots - 1, a power of two less one */
    int16_t *data;     /* the weights: pairs (tag, value) or rows */
    bool zero_key;     /* the feature with key 0 sits in slot `zero` (kept apart) */
    slot zero;
};

static size_t home(const eg_tagger *t, uint64_t key)
{
    return (size_t)(key ^ key >> 29) & t->mask;
}

/* The slot of key, or NULL. Keys are hashes already. */
static const slot *find_slot_from(const eg_tagger *t, uint64_t key, size_t i)
{
    if (key == 0)
        return t->zero_key ? &t->zero : NULL;
    while (t->slots[i].key) {
        if (t->slots[i].key == key)
            return &t->slots[i];
        i = (i + 1) & t->mask;
    }
    return NULL;
}

static const slot *find_slot(const eg_tagger *t, uint64_t key)
{
    return find_slot_from(t, key, home(t, key));
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
    free(w->scores);
    free(w->first_pass);
    eg_tagger_work_init(w);
}

/*
 * Adds the weights of the features in f of every candidate token: those of
 * the first stage to rows0 and those of the second to rows1 (either may be
 * NULL). The look-ups go in batches: the slots of a batch are fetched from
 * memory together, then their weights, so that the waits overlap.
 */
#define BATCH 64

/* Adds a stage's weights for one feature (at w) to row, when row is
 * given; returns where the next stage's weights begin. */
static const int16_t *add_weights(const int16_t *w, uint8_t count, float scale, float *row)
{
    if (count == DENSE) {
        if (row)
            for (int t = 0; t < ROW; t++)
                row[t] += scale * (float)w[t];
        return w + ROW;
    }
    if (row)
        for (size_t q = 0; q < count; q++)
            row[w[2 * q]] += scale * (float)w[2 * q + 1];
    return w + 2 * (size_t)count;
}

static void add_scores(const eg_tagger *t, const eg_features *f, size_t n, float *rows0,
                       float *rows1)
{
    float s0 = t->stages[0].scale, s1 = t->stages[1].scale;
    uint64_t key[BATCH];
    size_t tok[BATCH], at[BATCH];
    const slot *sl[BATCH];
    size_t i = 0, total = f->first[n];
    for (size_t k0 = 0; k0 < total; k0 += BATCH) {
        size_t m = total - k0 < BATCH ? total - k0 : BATCH;
        for (size_t j = 0; j < m; j++) {
            while (f->first[i + 1] <= k0 + j)
                i++;
            key[j] = f->v[k0 + j];
            tok[j] = i;
            at[j] = home(t, key[j]);
            PREFETCH(&t->slots[at[j]]);
        }
        for (size_t j = 0; j < m; j++) {
            sl[j] = find_slot_from(t, key[j], at[j]);
            if (sl[j])
                PREFETCH(t->data + sl[j]->first);
        }
        for (size_t j = 0; j < m; j++) {
            if (!sl[j])
                continue;
            const int16_t *w = t->data + sl[j]->first;
            w = add_weights(w, sl[j]->count[0], s0, rows0 ? rows0 + tok[j] * ROW : NULL);
            if (rows1)
                add_weights(w, sl[j]->count[1], s1, rows1 + tok[j] * ROW);
        }
    }
}

static void decode(const stage *s, const eg_tokens *toks,
                   const uint8_t *candidate, const float *scores, uint8_t *back, uint8_t *tags)
{
    for (size_t k = 0; k < toks->n_sentences; k++) {
        const eg_sentence *sent = &toks->sentences[k];
        eg_decode(scores, ROW, candidate, sent->first, sent->last, s->trans, back,
                  tags);
    }
}

eg_status eg_tagger_tag(const eg_tagger *tagger, const char *text, const eg_tokens *toks,
                        const eg_lex_matches *lm, eg_tagger_work *w, uint8_t *tags)
{
    size_t n = toks->n;
    if (n == 0)
        return EG_OK;
    /* the rows of both stages, then the back pointers, in one allocation */
    size_t need = 2 * n * ROW + (n * EG_N_TAGS + sizeof(float) - 1) / sizeof(float);
    if (need > w->cap_scores) {
        float *s = realloc(w->scores, need * sizeof *s);
        if (!s)
            return EG_ENOMEM;
        w->scores = s;
        w->cap_scores = need;
    }
    if (n > w->cap_first_pass) {
        uint8_t *p = realloc(w->first_pass, n);
        if (!p)
            return EG_ENOMEM;
        w->first_pass = p;
        w->cap_first_pass = n;
    }
    eg_status st = eg_features_local(text, toks, lm, &w->local);
    if (st)
        return st;
    bool two = tagger->n_stages == 2;
    float *rows0 = w->scores, *rows1 = w->scores + n * ROW;
    uint8_t *back = (uint8_t *)(w->scores + 2 * n * ROW);
    const uint8_t *cand = w->local.candidate;
    memset(rows0, 0, n * ROW * sizeof *rows0);
    if (two)
        memset(rows1, 0, n * ROW * sizeof *rows1);
    add_scores(tagger, &w->local, n, rows0, two ? rows1 : NULL);
    decode(&tagger->stages[0], toks, cand, rows0, back, two ? w->first_pass : tags);
    if (!two)
        return EG_OK;
    st = eg_features_document(toks, &w->local, w->first_pass, &w->document);
    if (st)
        return st;
    add_scores(tagger, &w->document, n, NULL, rows1);
    decode(&tagger->stages[1], toks, cand, rows1, back, tags);
    return EG_OK;
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

static uint32_t get_u32(reader *r)
{
    const unsigned char *q = take(r, 4);
    return q ? (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24 : 0;
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
    free(tagger->slots);
    free(tagger->data);
    free(tagger->note);
    free(tagger);
}

/* A stage's part of the payload, checked, with its arrays still as bytes. */
typedef struct stage_bytes {
    const unsigned char *keys, *counts, *pairs;
    size_t n_features, n_weights;
} stage_bytes;

static uint64_t key_at(const unsigned char *keys, size_t f)
{
    uint64_t key = 0;
    for (int b = 7; b >= 0; b--)
        key = key << 8 | keys[f * 8 + (size_t)b];
    return key;
}

static eg_status read_stage(reader *r, stage *s, stage_bytes *sb, const char *name, size_t k,
                            eg_error *err)
{
    for (size_t t = 0; t < EG_N_TAGS * EG_N_TAGS; t++)
        s->trans[t] = get_f32(r);
    uint32_t n_features = get_u32(r);
    uint32_t n_weights = get_u32(r);
    s->scale = get_f32(r);
    if (r->short_read)
        return eg_error_set(err, EG_EPARSE, "%s: model truncated in stage %zu", name, k + 1);
    /* each feature takes 9 bytes and each weight 3: a count beyond what the
     * payload holds is a corrupt file, not a reason to allocate gigabytes */
    if ((uint64_t)n_features * 9 + (uint64_t)n_weights * 3 > r->len - r->pos ||
        !isfinite(s->scale) || n_weights >= UINT32_MAX / 2)
        return eg_error_set(err, EG_EPARSE, "%s: stage %zu: sizes do not fit the file", name, k + 1);
    s->n_features = sb->n_features = n_features;
    s->n_weights = sb->n_weights = n_weights;
    sb->keys = take(r, (size_t)n_features * 8);
    sb->counts = take(r, n_features);
    sb->pairs = take(r, (size_t)n_weights * 3);
    size_t total = 0;
    for (size_t f = 0; f < n_features; f++) {
        if (sb->counts[f] == 0 || sb->counts[f] > EG_N_TAGS)
            return eg_error_set(err, EG_EPARSE, "%s: stage %zu: bad weight count of feature %zu",
                                name, k + 1, f);
        total += sb->counts[f];
    }
    if (total != n_weights)
        return eg_error_set(err, EG_EPARSE, "%s: stage %zu: weight counts do not add up", name, k + 1);
    for (size_t j = 0; j < n_weights; j++)
        if (sb->pairs[j * 3] >= EG_N_TAGS)
            return eg_error_set(err, EG_EPARSE, "%s: stage %zu: tag %u out of range", name, k + 1,
                                (unsigned)sb->pairs[j * 3]);
    return EG_OK;
}

/* The slot for key in t, inserted when new. */
static slot *slot_for(eg_tagger *t, uint64_t key)
{
    if (key == 0) {
        t->zero_key = true;
        return &t->zero;
    }
    size_t i = (size_t)(key ^ key >> 29) & t->mask;
    while (t->slots[i].key && t->slots[i].key != key)
        i = (i + 1) & t->mask;
    t->slots[i].key = key;
    return &t->slots[i];
}

/* Numbers a stage's weights take for a feature with `count` of them. */
static size_t numbers(uint8_t count)
{
    return count == DENSE ? ROW : 2 * (size_t)count;
}

/* Lays the stages' features out in one table and their weights side by
 * side: counts first, then each slot's place, then the weights. */
static eg_status build_table(eg_tagger *t, const stage_bytes *sb, const char *name, eg_error *err)
{
    /* features in both stages are one slot: models write keys in order, so
     * a merge counts them (an unordered file only gets a sparser table) */
    size_t n = 0, a = 0, b = 0;
    size_t na = sb[0].n_features, nb = t->n_stages > 1 ? sb[1].n_features : 0;
    while (a < na || b < nb) {
        uint64_t x = a < na ? key_at(sb[0].keys, a) : UINT64_MAX;
        uint64_t y = b < nb ? key_at(sb[1].keys, b) : UINT64_MAX;
        a += x <= y;
        b += y <= x;
        n++;
    }
    size_t cap = 64;
    while (cap < n * 2)
        cap *= 2;
    t->slots = calloc(cap, sizeof *t->slots);
    if (!t->slots)
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", name);
    t->mask = cap - 1;
    for (size_t k = 0; k < t->n_stages; k++) {
        for (size_t f = 0; f < sb[k].n_features; f++) {
            slot *sl = slot_for(t, key_at(sb[k].keys, f));
            if (sl->count[k])
                return eg_error_set(err, EG_EPARSE, "%s: stage %zu: feature %zu appears twice", name,
                                    k + 1, f);
            sl->count[k] = sb[k].counts[f] >= DENSE_MIN ? DENSE : sb[k].counts[f];
        }
    }
    size_t next = 0;
    for (size_t i = 0; i <= cap; i++) {
        slot *sl = i < cap ? &t->slots[i] : &t->zero;
        if (i < cap ? !sl->key : !t->zero_key)
            continue;
        sl->first = (uint32_t)next;
        next += numbers(sl->count[0]) + numbers(sl->count[1]);
        if (next >= UINT32_MAX)
            return eg_error_set(err, EG_EPARSE, "%s: model too large", name);
    }
    t->data = calloc(next ? next : 1, sizeof *t->data);
    if (!t->data)
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", name);
    for (size_t k = 0; k < t->n_stages; k++) {
        const unsigned char *p = sb[k].pairs;
        for (size_t f = 0; f < sb[k].n_features; f++) {
            const slot *sl = find_slot(t, key_at(sb[k].keys, f));
            int16_t *w = t->data + sl->first + (k ? numbers(sl->count[0]) : 0);
            for (size_t j = 0; j < sb[k].counts[f]; j++, p += 3) {
                int16_t v = (int16_t)(uint16_t)(p[1] | p[2] << 8);
                if (sl->count[k] == DENSE) {
                    w[p[0]] = v;
                } else {
                    w[2 * j] = p[0];
                    w[2 * j + 1] = v;
                }
            }
        }
    }
    return EG_OK;
}

eg_status eg_tagger_load(const void *data, size_t len, const char *name, eg_tagger **out,
                         eg_error *err)
{
    *out = NULL;
    if (!name)
        name = "model";
    reader r = {data, len, 0, false};
    const unsigned char *magic = take(&r, 8);
    if (!magic || memcmp(magic, MAGIC, 8) != 0)
        return eg_error_set(err, EG_EPARSE, "%s: not an entigraph model (no EGTAGGER header)", name);
    uint32_t format = get_u32(&r);
    uint32_t features = get_u32(&r);
    uint32_t n_tags = get_u32(&r);
    uint32_t n_stages = get_u32(&r);
    uint64_t payload = get_u64(&r);
    uint64_t hash = get_u64(&r);
    if (r.short_read)
        return eg_error_set(err, EG_EPARSE, "%s: model header truncated", name);
    if (format != EG_TAGGER_FORMAT)
        return eg_error_set(err, EG_EPARSE, "%s: model format %u, this entigraph reads format %d",
                            name, format, EG_TAGGER_FORMAT);
    if (features != EG_TAGGER_FEATURES)
        return eg_error_set(err, EG_EPARSE,
                            "%s: model made for feature set %u, this entigraph computes set %d: "
                            "train it again",
                            name, features, EG_TAGGER_FEATURES);
    if (n_tags != EG_N_TAGS || n_stages < 1 || n_stages > MAX_STAGES)
        return eg_error_set(err, EG_EPARSE, "%s: model has %u tags and %u stages", name, n_tags,
                            n_stages);
    if (payload != len - HEADER_BYTES)
        return eg_error_set(err, EG_EPARSE, "%s: model is %zu bytes, its header says %llu: truncated?",
                            name, len, (unsigned long long)(payload + HEADER_BYTES));
    if (eg_hash_bytes(EG_HASH_SEED, r.p + r.pos, payload) != hash)
        return eg_error_set(err, EG_EPARSE, "%s: model checksum mismatch: the file is damaged", name);
    eg_tagger *t = calloc(1, sizeof *t);
    if (!t)
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", name);
    uint32_t note_len = get_u32(&r);
    const unsigned char *note = take(&r, note_len);
    t->note = note ? eg_strndup((const char *)note, note_len) : NULL;
    if (!t->note) {
        eg_tagger_free(t);
        return eg_error_set(err, r.short_read ? EG_EPARSE : EG_ENOMEM, "%s: bad model note", name);
    }
    t->n_stages = n_stages;
    stage_bytes sb[MAX_STAGES];
    memset(sb, 0, sizeof sb);
    eg_status st = EG_OK;
    for (size_t k = 0; k < n_stages && st == EG_OK; k++)
        st = read_stage(&r, &t->stages[k], &sb[k], name, k, err);
    if (st == EG_OK && r.pos != r.len)
        st = eg_error_set(err, EG_EPARSE, "%s: %zu stray bytes after the model", name, r.len - r.pos);
    if (st == EG_OK)
        st = build_table(t, sb, name, err);
    if (st) {
        eg_tagger_free(t);
        return st;
    }
    *out = t;
    return EG_OK;
}

eg_status eg_tagger_load_file(const char *path, eg_tagger **out, eg_error *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_set(err, EG_EIO, "%s: %s", path, strerror(errno));
    eg_strbuf sb = EG_STRBUF_INIT;
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        eg_strbuf_add(&sb, buf, got);
    bool failed = ferror(fp);
    int e = errno;
    fclose(fp);
    eg_status st;
    if (failed)
        st = eg_error_set(err, EG_EIO, "%s: %s", path, strerror(e));
    else if (eg_strbuf_status(&sb))
        st = eg_error_set(err, EG_ENOMEM, "%s: out of memory", path);
    else
        st = eg_tagger_load(sb.buf, sb.len, path, out, err);
    eg_strbuf_release(&sb);
    return st;
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

typedef struct keyed {
    uint64_t key;
    size_t row;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    uint64_t x = ((const keyed *)a)->key, y = ((const keyed *)b)->key;
    return x < y ? -1 : x > y;
}

static eg_status write_stage(const eg_stage_weights *s, float min_weight, eg_strbuf *out)
{
    float max = 0;
    size_t n_features = 0, n_weights = 0;
    keyed *order = malloc((s->n_features ? s->n_features : 1) * sizeof *order);
    if (!order)
        return EG_ENOMEM;
    for (size_t f = 0; f < s->n_features; f++) {
        size_t kept = 0;
        for (int t = 0; t < EG_N_TAGS; t++) {
            float w = s->rows[f * EG_N_TAGS + t];
            if (w != 0 && fabsf(w) >= min_weight) {
                kept++;
                if (fabsf(w) > max)
                    max = fabsf(w);
            }
        }
        if (kept) {
            order[n_features++] = (keyed){s->keys[f], f};
            n_weights += kept;
        }
    }
    qsort(order, n_features, sizeof *order, cmp_keyed);
    float scale = max > 0 ? max / 32767.0f : 1.0f;
    for (size_t t = 0; t < EG_N_TAGS * EG_N_TAGS; t++)
        put_f32(out, s->trans[t]);
    put_u32(out, (uint32_t)n_features);
    put_u32(out, (uint32_t)n_weights);
    put_f32(out, scale);
    for (size_t f = 0; f < n_features; f++)
        put_u64(out, order[f].key);
    for (size_t f = 0; f < n_features; f++) {
        const float *row = s->rows + order[f].row * EG_N_TAGS;
        unsigned char kept = 0;
        for (int t = 0; t < EG_N_TAGS; t++)
            kept += row[t] != 0 && fabsf(row[t]) >= min_weight;
        eg_strbuf_addc(out, (char)kept);
    }
    for (size_t f = 0; f < n_features; f++) {
        const float *row = s->rows + order[f].row * EG_N_TAGS;
        for (int t = 0; t < EG_N_TAGS; t++) {
            if (row[t] == 0 || fabsf(row[t]) < min_weight)
                continue;
            long q = lroundf(row[t] / scale);
            int16_t v = (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
            char b[3] = {(char)t, (char)((uint16_t)v & 0xff), (char)((uint16_t)v >> 8)};
            eg_strbuf_add(out, b, 3);
        }
    }
    free(order);
    return eg_strbuf_status(out);
}

eg_status eg_tagger_write(const eg_stage_weights *stages, size_t n_stages, const char *note,
                          float min_weight, eg_strbuf *out)
{
    if (n_stages < 1 || n_stages > MAX_STAGES)
        return EG_EINVAL;
    eg_strbuf payload = EG_STRBUF_INIT;
    size_t note_len = note ? strlen(note) : 0;
    put_u32(&payload, (uint32_t)note_len);
    eg_strbuf_add(&payload, note ? note : "", note_len);
    eg_status st = EG_OK;
    for (size_t k = 0; k < n_stages && st == EG_OK; k++)
        st = write_stage(&stages[k], min_weight, &payload);
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
