/*
 * eg_pairs.c - the learned scorer of role links (see eg_pairs.h).
 *
 * Features are strings hashed (FNV-1a) into a fixed number of weights, so
 * that the model needs no vocabulary; the model file is
 *   "EGPAIRS1", u32 number of weights (a power of two), f32 threshold,
 *   f32 weights[n]          (all little endian)
 */
#include "eg_pairs.h"

#include "eg_extract.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <float.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "EGPAIRS1"
#define MAGIC_LEN 8
#define N_WEIGHTS (1u << 16)
#define MAX_FEATURES 128
#define MAX_MID 8      /* names between two names given a feature each */
#define MAX_BETWEEN 12 /* words between two names looked at one by one */
#define MAX_GAP 300    /* bytes between two names for them to be a candidate pair */
#define MAX_NAME_BYTES 256 /* a body's name longer than that is not looked back over */

struct eg_pair_model {
    uint32_t n;      /* weights, a power of two */
    float threshold; /* a probability */
    const unsigned char *w; /* native floats: the bytes of `own`, or where the
                               compiled-in model lies (read with memcpy) */
    float *own;
};

extern const unsigned char eg_default_pairs[];
extern const size_t eg_default_pairs_len;

/* ---- model file ---- */

/* the model file holds IEEE 754 single precision numbers */
_Static_assert(sizeof(float) == 4 && FLT_MANT_DIG == 24, "float is IEEE 754 single precision");

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float get_f32(const unsigned char *p)
{
    uint32_t u = get_u32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static void put_u32(eg_strbuf *out, uint32_t v)
{
    char b[4] = {(char)(v & 0xFF), (char)(v >> 8 & 0xFF), (char)(v >> 16 & 0xFF), (char)(v >> 24 & 0xFF)};
    eg_strbuf_add(out, b, 4);
}

static void put_f32(eg_strbuf *out, float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    put_u32(out, u);
}

static bool little_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

/* Loads a model; with `borrow` on a little-endian host the weights are read
 * where they lie (the compiled-in model: 256 KB less memory). */
static eg_status load(const void *data, size_t len, const char *name, bool borrow, eg_pair_model **out,
                      eg_error *err)
{
    *out = NULL;
    const unsigned char *p = data;
    if (len < MAGIC_LEN + 8 || memcmp(p, MAGIC, MAGIC_LEN) != 0)
        return eg_error_set(err, EG_EPARSE, "%s: not an entigraph pair model (no %s header)", name, MAGIC);
    uint32_t n = get_u32(p + MAGIC_LEN);
    float threshold = get_f32(p + MAGIC_LEN + 4);
    if (n == 0 || (n & (n - 1)) != 0 || n > (1u << 24))
        return eg_error_set(err, EG_EPARSE, "%s: %u weights, not a power of two", name, n);
    if (len != MAGIC_LEN + 8 + (size_t)n * 4)
        return eg_error_set(err, EG_EPARSE, "%s: %zu bytes, truncated or too long for %u weights", name, len, n);
    if (!(threshold > 0 && threshold < 1))
        return eg_error_set(err, EG_EPARSE, "%s: a threshold outside (0, 1)", name);
    for (uint32_t i = 0; i < n; i++)
        if (!isfinite(get_f32(p + MAGIC_LEN + 8 + (size_t)i * 4)))
            return eg_error_set(err, EG_EPARSE, "%s: weight %u is not a number", name, i);
    eg_pair_model *m = calloc(1, sizeof *m);
    if (!m)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    m->n = n;
    m->threshold = threshold;
    const unsigned char *weights = p + MAGIC_LEN + 8;
    if (borrow && little_endian()) {
        m->w = weights;
    } else {
        if (!(m->own = malloc((size_t)n * sizeof *m->own))) {
            free(m);
            return eg_error_set(err, EG_ENOMEM, "out of memory");
        }
        for (uint32_t i = 0; i < n; i++)
            m->own[i] = get_f32(weights + (size_t)i * 4);
        m->w = (const unsigned char *)m->own;
    }
    *out = m;
    return EG_OK;
}

eg_status eg_pair_model_load(const void *data, size_t len, const char *name, eg_pair_model **out,
                             eg_error *err)
{
    return load(data, len, name, false, out, err);
}

eg_status eg_pair_model_default(eg_pair_model **out, eg_error *err)
{
    *out = NULL;
    if (eg_default_pairs_len == 0)
        return eg_error_set(err, EG_ENOINPUT, "this entigraph was built without a default pair model");
    return load(eg_default_pairs, eg_default_pairs_len, "default pair model", true, out, err);
}

void eg_pair_model_free(eg_pair_model *m)
{
    if (!m)
        return;
    free(m->own);
    free(m);
}

/* ---- features ---- */

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The next word or punctuation mark of text[pos..end) as [*ws, *we);
 * returns false when there is none. "'s" is one mark. */
static bool next_word(const char *text, size_t pos, size_t end, size_t *ws, size_t *we)
{
    while (pos < end && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t' || text[pos] == '\r'))
        pos++;
    if (pos >= end)
        return false;
    *ws = pos;
    if (word_byte((unsigned char)text[pos])) {
        while (pos < end && (word_byte((unsigned char)text[pos]) ||
                             (text[pos] == '-' && pos + 1 < end && word_byte((unsigned char)text[pos + 1]))))
            pos++;
    } else if (text[pos] == '\'' && pos + 1 < end && (text[pos + 1] == 's' || text[pos + 1] == 'S')) {
        pos += 2;
    } else {
        pos++;
    }
    *we = pos;
    return true;
}

/* The word or mark that ends right before text[pos] (after spaces), not
 * before text[floor]; false when there is none. */
static bool prev_word(const char *text, size_t floor, size_t pos, size_t *ws, size_t *we)
{
    while (pos > floor && (text[pos - 1] == ' ' || text[pos - 1] == '\n' || text[pos - 1] == '\t' ||
                           text[pos - 1] == '\r'))
        pos--;
    if (pos <= floor)
        return false;
    *we = pos;
    if (word_byte((unsigned char)text[pos - 1])) {
        size_t limit = pos > floor + 64 ? pos - 64 : floor; /* a word is not that long */
        while (pos > limit && (word_byte((unsigned char)text[pos - 1]) ||
                               (text[pos - 1] == '-' && pos - 1 > limit && word_byte((unsigned char)text[pos - 2]))))
            pos--;
    } else {
        pos--;
    }
    *ws = pos;
    return true;
}

typedef struct feats {
    uint32_t id[MAX_FEATURES];
    size_t n;
    uint32_t mask;
} feats;

/* Adds the feature "prefix" + lower-case text[a..b). */
static void feat(feats *f, const char *prefix, const char *text, size_t a, size_t b)
{
    if (f->n == MAX_FEATURES)
        return;
    uint64_t h = UINT64_C(14695981039346656037);
    for (const char *p = prefix; *p; p++) {
        h ^= (unsigned char)*p;
        h *= UINT64_C(1099511628211);
    }
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        h ^= c;
        h *= UINT64_C(1099511628211);
    }
    f->id[f->n++] = (uint32_t)(h ^ (h >> 32)) & f->mask;
}

static const char *distance_bucket(size_t n)
{
    return n == 0 ? "d0" : n == 1 ? "d1" : n == 2 ? "d2" : n <= 4 ? "d4" : n <= 8 ? "d8" : n <= 14 ? "d14" : "dfar";
}

/* The features of person mention p and body mention b of one sentence,
 * whose mentions are doc->mentions[first .. last). */
static void pair_features(const char *text, size_t len, const eg_doc *doc, size_t first, size_t last, size_t p,
                          size_t b, feats *f)
{
    const eg_mention *P = &doc->mentions[p], *B = &doc->mentions[b];
    bool pb = P->start < B->start;
    const eg_mention *one = pb ? P : B, *two = pb ? B : P;
    const eg_sentence_info *s = &doc->sentences[P->sentence];
    size_t s_start = s->start < len ? s->start : len, s_end = s->end < len ? s->end : len;
    const char *ord = pb ? "PB" : "BP";
    char pre[16];
    f->n = 0;
    feat(f, "bias", "", 0, 0);
    feat(f, ord, "", 0, 0);
    /* the words between, one by one while they are few */
    size_t ws, we, pos = one->end, n_between = 0, last_s = 0, last_e = 0, prev_s = 0, prev_e = 0;
    while (pos < two->start && next_word(text, pos, two->start, &ws, &we)) {
        if (n_between < MAX_BETWEEN) {
            snprintf(pre, sizeof pre, "w%s:", ord);
            feat(f, pre, text, ws, we);
            if (n_between == 0) {
                snprintf(pre, sizeof pre, "f%s:", ord);
                feat(f, pre, text, ws, we);
            } else {
                /* a bigram: the previous word's hash folded into this one's prefix */
                char bg[64];
                size_t k = prev_e - prev_s < 40 ? prev_e - prev_s : 40;
                snprintf(bg, sizeof bg, "b%s:%.*s_", ord, (int)k, text + prev_s);
                for (char *q = bg; *q; q++)
                    if (*q >= 'A' && *q <= 'Z')
                        *q = (char)(*q - 'A' + 'a');
                feat(f, bg, text, ws, we);
            }
        }
        prev_s = ws;
        prev_e = we;
        last_s = ws;
        last_e = we;
        n_between++;
        pos = we;
    }
    if (n_between) {
        snprintf(pre, sizeof pre, "l%s:", ord);
        feat(f, pre, text, last_s, last_e);
    }
    snprintf(pre, sizeof pre, "%s%s", ord, distance_bucket(n_between));
    feat(f, pre, "", 0, 0);
    /* the names between */
    /* mentions come in the order of the text: those between lie between */
    size_t names = 0, lo = p < b ? p : b, hi = p < b ? b : p;
    (void)first;
    (void)last;
    for (size_t i = lo + 1; i < hi; i++) {
        const eg_mention *m = &doc->mentions[i];
        if (m->parent == EG_NONE && m->start >= one->end && m->end <= two->start) {
            if (names < MAX_MID)
                feat(f, "mid:", eg_type_name(m->type), 0, 0);
            names++;
        }
    }
    feat(f, names == 0 ? "names0" : names == 1 ? "names1" : "names2+", "", 0, 0);
    /* the word before the first name and the word after the second */
    snprintf(pre, sizeof pre, "pre%s:", ord);
    if (prev_word(text, s_start, one->start, &ws, &we))
        feat(f, pre, text, ws, we);
    else
        feat(f, pre, "^", 0, 1);
    snprintf(pre, sizeof pre, "post%s:", ord);
    if (two->end < s_end && next_word(text, two->end, s_end, &ws, &we))
        feat(f, pre, text, ws, we);
    else
        feat(f, pre, "$", 0, 1);
    /* the body's last word ("Party", "Corp", "University") and the forms */
    if (prev_word(text, B->start, B->end, &ws, &we))
        feat(f, "bh:", text, ws, we);
    feat(f, "bf:", eg_form_name(B->form), 0, 0);
    feat(f, "pf:", eg_form_name(P->form), 0, 0);
}

static double probability(const unsigned char *w, const feats *f)
{
    double z = 0;
    for (size_t i = 0; i < f->n; i++) {
        float v;
        memcpy(&v, w + (size_t)f->id[i] * sizeof v, sizeof v);
        z += v;
    }
    return 1 / (1 + exp(-z));
}

/* ---- candidates ---- */

/* Whether the top-level mention i is a candidate of the given type inside the text. */
static bool candidate(const eg_doc *doc, size_t i, eg_type type, size_t len)
{
    const eg_mention *m = &doc->mentions[i];
    return m->parent == EG_NONE && m->type == type && m->end <= len && m->start < m->end &&
           m->sentence < doc->n_sentences;
}

/* Calls fn for every person and body named in one sentence (the mentions
 * of a sentence are consecutive: they come in the order of the text). */
typedef eg_status (*pair_fn)(void *data, size_t first, size_t last, size_t person, size_t body);

static eg_status each_pair(const eg_doc *doc, size_t len, pair_fn fn, void *data)
{
    size_t first = 0;
    while (first < doc->n_mentions) {
        size_t sentence = doc->mentions[first].sentence, last = first;
        while (last < doc->n_mentions && doc->mentions[last].sentence == sentence)
            last++;
        for (size_t p = first; p < last; p++) {
            if (!candidate(doc, p, EG_TYPE_PERSON, len))
                continue;
            const eg_mention *P = &doc->mentions[p];
            /* only the names near it (mentions come in the order of the
             * text): a sentence of 50,000 names is no quadratic work */
            size_t lo = p, hi = p + 1;
            while (lo > first && P->start - doc->mentions[lo - 1].start <= MAX_GAP + MAX_NAME_BYTES)
                lo--;
            while (hi < last && (doc->mentions[hi].start <= P->end || doc->mentions[hi].start - P->end <= MAX_GAP))
                hi++;
            for (size_t b = lo; b < hi; b++) {
                const eg_mention *B = &doc->mentions[b];
                size_t gap = B->start >= P->end ? B->start - P->end : P->start >= B->end ? P->start - B->end : 0;
                if (!candidate(doc, b, EG_TYPE_BODY, len) || gap > MAX_GAP)
                    continue;
                eg_status st = fn(data, first, last, p, b);
                if (st)
                    return st;
            }
        }
        first = last;
    }
    return EG_OK;
}

/* ---- the title of a learned link ---- */

/* The lexicon classes of the word text[a..b) in lower case. */
static eg_lex_classes word_classes(const eg_lexicon *lex, const char *text, size_t a, size_t b)
{
    char w[64];
    if (b - a >= sizeof w)
        return 0;
    for (size_t i = a; i < b; i++) {
        char c = text[i];
        w[i - a] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    w[b - a] = '\0';
    return eg_lexicon_classes(lex, w);
}

/* The first run of title words (a post, with the words that may precede
 * one: "chief economist", "managing director") in text[a..b), as written;
 * false when there is none. */
static bool title_in(const eg_lexicon *lex, const char *text, size_t a, size_t b, size_t *ts, size_t *te)
{
    size_t ws, we, run_s = 0, run_e = 0;
    bool in_run = false, has_title = false;
    for (size_t pos = a; next_word(text, pos, b, &ws, &we); pos = we) {
        eg_lex_classes c = word_classes(lex, text, ws, we);
        /* "under coach X": a preposition, though "Under Secretary" is a post */
        if ((c & EG_LEX_FUNCTION) && text[ws] >= 'a' && text[ws] <= 'z')
            c &= ~EG_LEX_TITLE_MOD;
        if (c & (EG_LEX_TITLE | EG_LEX_TITLE_MOD)) {
            if (!in_run)
                run_s = ws;
            in_run = true;
            run_e = we;
            has_title |= (c & EG_LEX_TITLE) != 0;
            continue;
        }
        if (in_run && has_title)
            break;
        in_run = has_title = false;
    }
    if (!has_title)
        return false;
    *ts = run_s;
    *te = run_e;
    return true;
}

/* The title a sentence gives the person of a learned link, into *out (NULL
 * when none): between the two names, else in the few words before the
 * person's ("analyst Ann Lee"). EG_ENOMEM or EG_OK. */
static eg_status link_title(const eg_lexicon *lex, const char *text, const eg_mention *P, const eg_mention *B,
                            size_t s_start, char **out)
{
    *out = NULL;
    size_t ts, te;
    bool found = P->end <= B->start ? title_in(lex, text, P->end, B->start, &ts, &te)
                                    : title_in(lex, text, B->end, P->start, &ts, &te);
    if (!found) {
        size_t from = P->start > s_start + 40 ? P->start - 40 : s_start;
        found = title_in(lex, text, from, P->start, &ts, &te);
    }
    if (!found)
        return EG_OK;
    /* white space as one space, as the patterns' titles are written */
    char *t = malloc(te - ts + 1);
    if (!t)
        return EG_ENOMEM;
    size_t n = 0;
    for (size_t i = ts; i < te; i++) {
        char c = text[i];
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space)
            t[n++] = c;
        else if (n && t[n - 1] != ' ')
            t[n++] = ' ';
    }
    t[n] = '\0';
    *out = t;
    return EG_OK;
}

/* ---- linking ---- */

/* Whether body mention B is a body by more than the tagger's word: an
 * acronym, an organisation the lexicon knows, or a name with a body's head
 * word ("Council", "Bank"). Films, shows and products the tagger takes for
 * bodies have none of these. */
static bool evidenced_body(const eg_lexicon *lex, const char *text, const eg_mention *B)
{
    if (B->form == EG_FORM_ACRONYM)
        return true;
    char name[MAX_NAME_BYTES];
    size_t len = strlen(B->entity);
    if (len < sizeof name) {
        for (size_t i = 0; i <= len; i++) {
            char c = B->entity[i];
            name[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        if (eg_lexicon_classes(lex, name) & EG_LEX_ORG)
            return true;
    }
    size_t ws, we;
    for (size_t pos = B->start; next_word(text, pos, B->end, &ws, &we); pos = we)
        if (word_classes(lex, text, ws, we) & (EG_LEX_BODY_HEAD | EG_LEX_ORG))
            return true;
    return false;
}

/* The persons the patterns placed (anywhere in the document). */
static eg_map *placed_persons(const eg_doc *doc)
{
    eg_map *placed = eg_map_new(16);
    for (size_t i = 0; placed && i < doc->n_relations; i++)
        if (doc->relations[i].kind == EG_REL_ROLE && eg_map_put(placed, doc->relations[i].source, 1)) {
            eg_map_free(placed);
            return NULL;
        }
    return placed;
}

typedef struct linker {
    const eg_pair_model *m;
    const char *text;
    size_t len;
    const eg_doc *doc;
    size_t *best;   /* per mention: the best body of a person, EG_NONE */
    double *score;  /* its probability */
    feats f;
} linker;

static eg_status score_pair(void *data, size_t first, size_t last, size_t p, size_t b)
{
    linker *k = data;
    pair_features(k->text, k->len, k->doc, first, last, p, b, &k->f);
    double pr = probability(k->m->w, &k->f);
    if (k->best[p] == EG_NONE || pr > k->score[p]) {
        k->best[p] = b;
        k->score[p] = pr;
    }
    return EG_OK;
}

/* Whether the patterns tie body B, in P's sentence, to another person
 * named between P and B ("Ann Lie, Ola Berg of Vexa and ...") or in
 * apposition right after B ("Ann Lie and the chairman of Vexa, Ola Berg"):
 * the post is that person's, and P is only beside it. */
static bool shadowed(const eg_doc *doc, const char *text, const eg_mention *P, const eg_mention *B)
{
    size_t lo = P->end < B->end ? P->end : B->end, hi = P->start > B->start ? P->start : B->start;
    for (size_t i = 0; i < doc->n_relations; i++) {
        const eg_relation *r = &doc->relations[i];
        if (r->kind != EG_REL_ROLE || r->sentence != P->sentence || strcmp(r->target, B->entity) != 0 ||
            strcmp(r->source, P->entity) == 0)
            continue;
        for (size_t k = 0; k < doc->n_mentions; k++) {
            const eg_mention *q = &doc->mentions[k];
            if (q->type != EG_TYPE_PERSON || q->sentence != P->sentence || strcmp(q->entity, r->source) != 0)
                continue;
            bool between = q->start >= lo && q->end <= hi;
            bool apposed = P->end <= B->start && q->start == B->end + 2 && text[B->end] == ',' &&
                           text[B->end + 1] == ' ';
            if (between || apposed)
                return true;
        }
    }
    return false;
}

eg_status eg_pairs_link(const eg_pair_model *m, const eg_lexicon *lex, const char *text, size_t len,
                        eg_doc *doc)
{
    size_t n = doc->n_mentions;
    if (!m || n == 0)
        return EG_OK;
    linker k = {m, text, len, doc, malloc(n * sizeof(size_t)), malloc(n * sizeof(double)), {.mask = m->n - 1}};
    if (!k.best || !k.score) {
        free(k.best);
        free(k.score);
        return EG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        k.best[i] = EG_NONE;
    eg_map *placed = placed_persons(doc);
    eg_status st = placed ? each_pair(doc, len, score_pair, &k) : EG_ENOMEM;
    for (size_t p = 0; p < n && st == EG_OK; p++) {
        size_t b = k.best[p];
        if (b == EG_NONE || k.score[p] <= m->threshold)
            continue;
        const eg_mention *P = &doc->mentions[p], *B = &doc->mentions[b];
        /* the patterns' links stand: a person they placed is not placed again;
         * and a learned link needs a person known by more than one word:
         * what the tagger took for a person named by one word alone is often
         * a product, a company or a place, and a weak end for a guess */
        if (eg_map_get(placed, P->entity) != EG_NONE || !strchr(P->entity, ' ') || shadowed(doc, text, P, B))
            continue;
        const eg_sentence_info *s = &doc->sentences[P->sentence];
        char *title = NULL;
        if (lex)
            st = link_title(lex, text, P, B, s->start < len ? s->start : len, &title);
        /* with no post in the sentence, the link rests on the body being one */
        if (st == EG_OK && lex && !title && !evidenced_body(lex, text, B))
            continue;
        eg_relation r = {EG_REL_ROLE, EG_TYPE_PERSON, P->entity, EG_TYPE_BODY, B->entity, title, -1,
                         P->sentence, s->start, s->end, s->text ? s->text : ""};
        if (st == EG_OK)
            st = eg_doc_add_relation(doc, &r);
        /* one learned link a person: its best-placed mention's */
        if (st == EG_OK)
            st = eg_map_put(placed, P->entity, 1);
        free(title);
    }
    eg_map_free(placed);
    free(k.best);
    free(k.score);
    return st;
}

/* ---- training ---- */

struct eg_pair_trainer {
    uint32_t *ids;    /* the features of every example, one after another */
    size_t n_ids, cap_ids;
    size_t *start;    /* example i: ids[start[i] .. start[i + 1]) */
    unsigned char *label;
    size_t n, cap;
    size_t n_true;
};

eg_status eg_pair_trainer_new(eg_pair_trainer **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? EG_OK : EG_ENOMEM;
}

void eg_pair_trainer_free(eg_pair_trainer *t)
{
    if (!t)
        return;
    free(t->ids);
    free(t->start);
    free(t->label);
    free(t);
}

size_t eg_pair_trainer_count(const eg_pair_trainer *t, size_t *n_true)
{
    if (n_true)
        *n_true = t->n_true;
    return t->n;
}

typedef struct adder {
    eg_pair_trainer *t;
    const char *text;
    size_t len;
    const eg_doc *doc;
    const eg_gold_pair *gold;
    size_t n_gold;
    feats f;
} adder;

static bool overlap(size_t a, size_t b, size_t c, size_t d)
{
    return a < d && c < b;
}

static eg_status add_pair(void *data, size_t first, size_t last, size_t p, size_t b)
{
    adder *a = data;
    eg_pair_trainer *t = a->t;
    const eg_mention *P = &a->doc->mentions[p], *B = &a->doc->mentions[b];
    bool yes = false;
    for (size_t g = 0; g < a->n_gold && !yes; g++)
        yes = overlap(P->start, P->end, a->gold[g].person_start, a->gold[g].person_end) &&
              overlap(B->start, B->end, a->gold[g].body_start, a->gold[g].body_end);
    pair_features(a->text, a->len, a->doc, first, last, p, b, &a->f);
    size_t cap = t->cap;
    if (eg_grow(&t->ids, &t->cap_ids, t->n_ids + a->f.n, sizeof *t->ids) ||
        eg_grow(&t->start, &t->cap, t->n + 2, sizeof *t->start))
        return EG_ENOMEM;
    if (t->cap != cap || !t->label) {
        unsigned char *label = realloc(t->label, t->cap);
        if (!label)
            return EG_ENOMEM;
        t->label = label;
    }
    if (t->n == 0)
        t->start[0] = 0;
    memcpy(t->ids + t->n_ids, a->f.id, a->f.n * sizeof *t->ids);
    t->n_ids += a->f.n;
    t->label[t->n] = yes;
    t->start[++t->n] = t->n_ids;
    t->n_true += yes;
    return EG_OK;
}

eg_status eg_pair_trainer_add(eg_pair_trainer *t, const char *text, size_t len, const eg_doc *doc,
                              const eg_gold_pair *gold, size_t n_gold)
{
    adder a = {t, text, len, doc, gold, n_gold, {.mask = N_WEIGHTS - 1}};
    return each_pair(doc, len, add_pair, &a);
}

eg_status eg_pair_trainer_run(eg_pair_trainer *t, int epochs, double threshold, eg_strbuf *out)
{
    /* logistic regression by stochastic gradient descent, the weights
     * averaged over every step (w - u / c) */
    double *w = calloc(N_WEIGHTS, sizeof *w), *u = calloc(N_WEIGHTS, sizeof *u);
    size_t *order = malloc((t->n ? t->n : 1) * sizeof *order);
    if (!w || !u || !order) {
        free(w);
        free(u);
        free(order);
        return EG_ENOMEM;
    }
    for (size_t i = 0; i < t->n; i++)
        order[i] = i;
    uint64_t seed = UINT64_C(88172645463325252);
    double c = 1;
    for (int e = 0; e < epochs; e++) {
        for (size_t i = t->n; i > 1; i--) { /* Fisher-Yates, a fixed sequence */
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            size_t j = (size_t)(seed % i), x = order[i - 1];
            order[i - 1] = order[j];
            order[j] = x;
        }
        double rate = 0.1 / (1 + e);
        for (size_t k = 0; k < t->n; k++, c++) {
            size_t i = order[k];
            double z = 0;
            for (size_t q = t->start[i]; q < t->start[i + 1]; q++)
                z += w[t->ids[q]];
            double g = 1 / (1 + exp(-z)) - t->label[i];
            for (size_t q = t->start[i]; q < t->start[i + 1]; q++) {
                w[t->ids[q]] -= rate * g;
                u[t->ids[q]] -= c * rate * g;
            }
        }
    }
    eg_strbuf_add(out, MAGIC, MAGIC_LEN);
    put_u32(out, N_WEIGHTS);
    put_f32(out, (float)threshold);
    for (uint32_t i = 0; i < N_WEIGHTS; i++)
        put_f32(out, (float)(w[i] - u[i] / c));
    free(w);
    free(u);
    free(order);
    return eg_strbuf_status(out);
}

/* Byte offset of character `chars` of the UTF-8 text s[0..len), or EG_NONE past its end. */
static size_t byte_of_char(const char *s, size_t len, size_t chars)
{
    size_t i = 0;
    for (size_t c = 0; c < chars; c++) {
        if (i >= len)
            return EG_NONE;
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return i <= len ? i : EG_NONE;
}

/* The byte range of entity e, false when it is not one. */
static bool entity_range(const cJSON *e, const char *text, size_t len, size_t *start, size_t *end)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(e, "start");
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "end");
    /* a character offset is no larger than the text's length in bytes */
    if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b) || !(a->valuedouble >= 0) || b->valuedouble < a->valuedouble ||
        !(b->valuedouble <= (double)len))
        return false;
    *start = byte_of_char(text, len, (size_t)a->valuedouble);
    *end = byte_of_char(text, len, (size_t)b->valuedouble);
    return *start != EG_NONE && *end != EG_NONE;
}

static const char *string_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The true pairs of one annotated document into *gold: EG_EPARSE when it
 * is malformed, EG_ENOMEM. */
static eg_status gold_pairs(const cJSON *o, const char *text, size_t len, eg_gold_pair **gold, size_t *n,
                            size_t *cap)
{
    const cJSON *ents = cJSON_GetObjectItemCaseSensitive(o, "entities");
    const cJSON *rels = cJSON_GetObjectItemCaseSensitive(o, "relations");
    const cJSON *roles = cJSON_GetObjectItemCaseSensitive(o, "roles");
    *n = 0;
    if (!cJSON_IsArray(ents))
        return EG_EPARSE;
    int n_ents = cJSON_GetArraySize(ents);
    const cJSON *r;
    if (cJSON_IsArray(rels)) {
        cJSON_ArrayForEach(r, rels) {
            const char *type = string_of(r, "type");
            const cJSON *h = cJSON_GetObjectItemCaseSensitive(r, "head");
            const cJSON *t = cJSON_GetObjectItemCaseSensitive(r, "tail");
            if (!type || strcmp(type, "Work_For") != 0)
                continue;
            if (!cJSON_IsNumber(h) || !cJSON_IsNumber(t) || h->valueint < 0 || t->valueint < 0 ||
                h->valueint >= n_ents || t->valueint >= n_ents)
                return EG_EPARSE;
            eg_gold_pair g;
            if (!entity_range(cJSON_GetArrayItem(ents, h->valueint), text, len, &g.person_start, &g.person_end) ||
                !entity_range(cJSON_GetArrayItem(ents, t->valueint), text, len, &g.body_start, &g.body_end))
                return EG_EPARSE;
            if (eg_grow(gold, cap, *n + 1, sizeof **gold))
                return EG_ENOMEM;
            (*gold)[(*n)++] = g;
        }
    }
    if (cJSON_IsArray(roles)) {
        cJSON_ArrayForEach(r, roles) {
            const char *pc = string_of(r, "person"), *tc = string_of(r, "target");
            if (!pc || !tc)
                return EG_EPARSE;
            /* every mention of the person's cluster with every mention of the target's */
            const cJSON *pe, *te;
            cJSON_ArrayForEach(pe, ents) {
                const char *c1 = string_of(pe, "cluster");
                if (!c1 || strcmp(c1, pc) != 0)
                    continue;
                cJSON_ArrayForEach(te, ents) {
                    const char *c2 = string_of(te, "cluster");
                    if (!c2 || strcmp(c2, tc) != 0)
                        continue;
                    eg_gold_pair g;
                    if (!entity_range(pe, text, len, &g.person_start, &g.person_end) ||
                        !entity_range(te, text, len, &g.body_start, &g.body_end))
                        return EG_EPARSE;
                    if (eg_grow(gold, cap, *n + 1, sizeof **gold))
                        return EG_ENOMEM;
                    (*gold)[(*n)++] = g;
                }
            }
        }
    }
    return EG_OK;
}

eg_status eg_pair_trainer_add_file(eg_pair_trainer *t, eg_extractor *ex, const char *path, size_t *n_docs,
                                   eg_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_set(err, EG_EIO, "%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0, lineno = 0, gcap = 0, n_gold = 0;
    eg_gold_pair *gold = NULL;
    ssize_t got;
    eg_status st = EG_OK;
    *n_docs = 0;
    while (st == EG_OK && (got = eg_read_line(fp, &line, &cap, (size_t)1 << 28)) != -1) {
        lineno++;
        if (got < 0) {
            st = eg_error_set(err, got == -3 ? EG_ENOMEM : EG_EPARSE, "%s:%zu: a line too long", path, lineno);
            break;
        }
        size_t len = (size_t)got;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (!len)
            continue;
        cJSON *o = cJSON_ParseWithLength(line, len);
        const char *text = o ? string_of(o, "text") : NULL;
        eg_status gs = text ? gold_pairs(o, text, strlen(text), &gold, &n_gold, &gcap) : EG_EPARSE;
        if (gs == EG_EPARSE) {
            st = eg_error_set(err, EG_EPARSE, "%s:%zu: not an annotated document (text, entities, "
                              "relations or roles)", path, lineno);
        } else if (gs) {
            st = eg_error_set(err, gs, "%s:%zu: out of memory", path, lineno);
        } else {
            eg_input in = {"train", text, strlen(text), NULL, NULL, NULL};
            eg_doc doc;
            st = eg_extract(ex, &in, &doc, NULL);
            if (st)
                eg_error_set(err, st, "%s:%zu: cannot extract its text (%s)", path, lineno,
                             st == EG_ENOMEM ? "out of memory" : "error");
            else if ((st = eg_pair_trainer_add(t, text, strlen(text), &doc, gold, n_gold)))
                eg_error_set(err, st, "%s:%zu: out of memory", path, lineno);
            else
                (*n_docs)++;
            eg_doc_release(&doc);
        }
        cJSON_Delete(o);
    }
    if (st == EG_OK && ferror(fp))
        st = eg_error_set(err, EG_EIO, "%s: read error", path);
    free(line);
    free(gold);
    fclose(fp);
    return st;
}
