#include "eg_features.h"

#include "eg_hash.h"
#include "eg_text.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[EG_TAG_N_TYPES] = {"person", "body", "country",
                                                       "document", "misc", "loc"};

const char *eg_tag_type_name(eg_tag_type type)
{
    return (unsigned)type < EG_TAG_N_TYPES ? type_names[type] : "?";
}

bool eg_tag_type_parse(const char *name, eg_tag_type *type)
{
    for (int t = 0; t < EG_TAG_N_TYPES; t++) {
        if (strcmp(name, type_names[t]) == 0) {
            *type = (eg_tag_type)t;
            return true;
        }
    }
    return false;
}

/* Feature templates. The numbers are part of the model format: a model
 * trained with one numbering cannot be read with another (eg_tagger checks
 * the feature version). */
enum template {
    T_BIAS = 1,
    T_WORD,        /* the normal form */
    T_WORD_CASE,   /* the normal form and the case class ("US" is not "us") */
    T_SHAPE,       /* "Xx", "X.X.", "dd", "Xx-xx" */
    T_PREFIX2,
    T_PREFIX3,
    T_SUFFIX2,
    T_SUFFIX3,
    T_SUFFIX4,
    T_WORD_M1,     /* the words around */
    T_WORD_P1,
    T_WORD_M2,
    T_WORD_P2,
    T_SHAPE_M1,
    T_SHAPE_P1,
    T_BIGRAM_M1,   /* the word before and this one */
    T_BIGRAM_P1,   /* this word and the next */
    T_SHAPE3,      /* shapes of the word before, this one and the next */
    T_POSITION,    /* sentence or line start, headline line, with the case class */
    T_LOWER_ELSEWHERE, /* the document writes the word in lower case elsewhere */
    T_CAP_ELSEWHERE,   /* ... or capitalised inside a sentence elsewhere */
    T_LENGTH,      /* length bucket with the case class */
    T_POSSESSIVE_NEXT,
    T_LEX,         /* a lexicon class of the word alone */
    T_LEX_M1,      /* ... of the word before */
    T_LEX_P1,      /* ... of the next word */
    T_PHRASE,      /* a class of a lexicon phrase of two words or more, with the
                      word's position in it */
    T_AGG_M1,      /* a word before another occurrence of this capitalised word */
    T_AGG_P1,      /* a word after another occurrence */
    T_AGG_LEX_M1,  /* a lexicon class of a word before another occurrence */
    T_AGG_LEX_P1,  /* ... after another occurrence */
    T_AGG_COUNT,   /* how often the document writes the word, in buckets */
    T_AGG_PRONOUN, /* the first pronoun after an occurrence, in its sentence */
    T_AGG_M2,      /* the word two before another occurrence */
    T_AGG_P2,      /* the word two after */
    T_AGG_RIGHT_CLS, /* a lexicon class of a word a few words after an
                        occurrence ("Sega is a Japanese game developer")... */
    T_AGG_LEFT_CLS,  /* ... or a few words before one */
    T_AGG_ALONE,   /* whether the document writes the word alone, inside a run
                      of capitalised words, or both ("Mr Raines" and "Franklin
                      Raines": a surname used alone; "Fannie Mae": never) */
    T_DOC_SELF = 40,   /* the first pass's tag of this token */
    T_DOC_M1,          /* ... of the token before */
    T_DOC_P1,          /* ... of the next token */
    T_DOC_MAJORITY,    /* the type most other occurrences of the word got */
    T_DOC_ALL,         /* every other occurrence got this type */
    T_DOC_NONE,        /* no other occurrence is in a name */
    T_DOC_MAJORITY_HEADLINE, /* T_DOC_MAJORITY, on a headline line */
    T_DOC_IN_LONGER,   /* another occurrence is the first, inner or last word of
                          a longer name of this type ("Parton" of "Dolly Parton") */
};

/* Case classes. */
enum { CASE_LOWER, CASE_CAP, CASE_ALLCAPS, CASE_MIXED, CASE_NUMBER, CASE_PUNCT };

void eg_features_init(eg_features *f)
{
    memset(f, 0, sizeof *f);
}

void eg_features_release(eg_features *f)
{
    if (!f)
        return;
    free(f->v);
    free(f->first);
    free(f->candidate);
    eg_features_init(f);
}

static eg_status begin(eg_features *f, size_t n_tokens)
{
    f->n = 0;
    f->n_tokens = 0;
    if (n_tokens + 1 > f->cap_tokens) {
        size_t *first = realloc(f->first, (n_tokens + 1) * sizeof *first);
        if (first)
            f->first = first;
        uint8_t *cand = realloc(f->candidate, n_tokens + 1);
        if (cand)
            f->candidate = cand;
        if (!first || !cand)
            return EG_ENOMEM;
        f->cap_tokens = n_tokens + 1;
    }
    f->n_tokens = n_tokens;
    f->first[0] = 0;
    return EG_OK;
}

/* Features are added one token after the other; `failed` records a failed
 * allocation so that the adds need one check per token. */
typedef struct adder {
    eg_features *f;
    bool failed;
} adder;

/* The most features one token can have: some 30 templates with one value
 * each, every lexicon class (at most 35) of the token, of its neighbours and
 * around its other occurrences (7 sets), MAX_PHRASE_FEATURES of its phrases,
 * 4 x AGG_WORDS words around its occurrences and 13 pronouns: under 420.
 * Room for this many is made before a token's features, so that adding one
 * is a store. */
#define MAX_TOKEN_FEATURES 640

static bool reserve(adder *a)
{
    eg_features *f = a->f;
    if (f->n + MAX_TOKEN_FEATURES > f->cap &&
        eg_grow(&f->v, &f->cap, f->n + MAX_TOKEN_FEATURES, sizeof *f->v)) {
        a->failed = true;
        return false;
    }
    return true;
}

static inline void add(adder *a, int tmpl, uint64_t value)
{
    a->f->v[a->f->n++] = eg_hash_u64((uint64_t)tmpl, value);
}

/* ---- per token ---- */

static int case_class(const eg_token *t)
{
    if (t->kind == EG_TOK_PUNCT)
        return CASE_PUNCT;
    if (t->kind == EG_TOK_NUMBER)
        return CASE_NUMBER;
    if (t->flags & EG_TOK_ALLCAPS)
        return CASE_ALLCAPS;
    if (t->flags & EG_TOK_CAMEL)
        return CASE_MIXED;
    if (t->flags & EG_TOK_CAP)
        return CASE_CAP;
    return CASE_LOWER;
}

/* The shape of a word: X for a capital, x for a small letter, d for a digit,
 * other characters as they are (non-ASCII ones as 'o'), runs of one class
 * cut to one: "McDonald" -> "XxXx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d". */
static uint64_t shape_hash(const char *s, size_t len)
{
    char buf[32];
    size_t n = 0;
    size_t i = 0;
    while (i < len && n < sizeof buf) {
        int32_t cp;
        size_t k = eg_utf8_decode(s + i, len - i, &cp);
        char c;
        if (cp >= 0 && eg_cp_is_upper(cp))
            c = 'X';
        else if (cp >= 0 && eg_cp_is_lower(cp))
            c = 'x';
        else if (cp >= 0 && eg_cp_is_digit(cp))
            c = 'd';
        else if (cp >= 0 && eg_cp_is_letter(cp))
            c = 'x';
        else if (cp > 0 && cp < 128)
            c = (char)cp;
        else
            c = 'o';
        if (!n || buf[n - 1] != c)
            buf[n++] = c;
        i += k;
    }
    return eg_hash_bytes(EG_HASH_SEED, buf, n);
}

/* Byte length of the first k code points of s (or all of it). */
static size_t prefix_bytes(const char *s, size_t len, size_t k)
{
    size_t i = 0;
    while (i < len && k > 0) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

/* Byte offset where the last k code points of s begin (0 if fewer). */
static size_t suffix_start(const char *s, size_t len, size_t k)
{
    size_t i = len;
    while (i > 0 && k > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        k--;
    }
    return i;
}

static size_t code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int length_bucket(size_t n)
{
    return n <= 4 ? (int)n : n <= 7 ? 5 : 6;
}

/* Whether tokens a and b share a sentence (and so a window). */
static bool same_sentence(const eg_tokens *toks, size_t a, size_t b)
{
    return toks->v[a].sentence == toks->v[b].sentence;
}

/* ---- which tokens may be in a name ---- */

/* A word with a capital letter anywhere ("Lloyd", "eBay", "al-Akhbar"),
 * the core of any name. */
static bool core_word(const char *text, const eg_token *t)
{
    if (t->kind != EG_TOK_WORD || (t->flags & EG_TOK_POSSESSIVE))
        return false;
    if (t->flags & (EG_TOK_CAP | EG_TOK_ALLCAPS | EG_TOK_CAMEL))
        return true;
    for (size_t i = t->start; i < t->end;) {
        int32_t cp;
        i += eg_utf8_decode(text + i, t->end - i, &cp);
        if (cp >= 0 && eg_cp_is_upper(cp))
            return true;
    }
    return false;
}

/* Lower-case words that join the capitalised words of one name: "Bank of
 * England", "Trinity and All Saints", "Mario de Souza". */
static bool connector(const char *text, const eg_tokens *toks, const eg_lex_matches *lm, size_t i)
{
    static const char *const words[] = {"of", "the", "and", "for", "on", "at", "in", "to", "a",
                                        "an", "with", "against", "upon", "from", "by", "under"};
    const eg_token *t = &toks->v[i];
    if (t->kind == EG_TOK_PUNCT) {
        char c = text[t->start];
        return t->end - t->start == 1 && (c == '&' || c == '.' || c == '-' || c == '/' || c == '\'');
    }
    if (t->kind != EG_TOK_WORD || !(t->flags & EG_TOK_LOWER))
        return false;
    if (lm->cls[i] & EG_LEX_PARTICLE)
        return true;
    const char *w = eg_tok_norm(toks, i);
    /* Most words start with another letter or are longer than "against":
     * reject them before the comparisons, which this hot path pays for. */
    if (!strchr("otafiwub", w[0]) || strnlen(w, 8) > 7)
        return false;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(w, words[k]) == 0)
            return true;
    return false;
}

/* Whether a core word is at most `reach` tokens from i, on the side `step`
 * (-1 or +1), in i's sentence. */
static bool core_near(const char *text, const eg_tokens *toks, size_t i, int step, size_t reach)
{
    for (size_t d = 1; d <= reach; d++) {
        if (step < 0 ? i < d : i + d >= toks->n)
            return false;
        size_t k = step < 0 ? i - d : i + d;
        if (toks->v[k].sentence != toks->v[i].sentence)
            return false;
        if (core_word(text, &toks->v[k]))
            return true;
    }
    return false;
}

static void mark_candidates(const char *text, const eg_tokens *toks, const eg_lex_matches *lm,
                            uint8_t *candidate)
{
    for (size_t i = 0; i < toks->n; i++) {
        const eg_token *t = &toks->v[i];
        if (t->flags & EG_TOK_FURNITURE)
            candidate[i] = 0;
        else if (core_word(text, t))
            candidate[i] = 1;
        else if (t->flags & EG_TOK_POSSESSIVE) /* "Lloyd's", "People's Party" */
            candidate[i] = core_near(text, toks, i, -1, 1);
        else if (t->kind == EG_TOK_NUMBER)
            candidate[i] = core_near(text, toks, i, -1, 1) || core_near(text, toks, i, +1, 1);
        else if (connector(text, toks, lm, i))
            candidate[i] = core_near(text, toks, i, -1, 2) && core_near(text, toks, i, +1, 2);
        else
            candidate[i] = 0;
    }
}

/* Per token, what its neighbours' features need. */
typedef struct token_info {
    uint64_t word;   /* hash of the normal form */
    uint64_t shape;
    eg_lex_classes cls;
    int case_class;
} token_info;

/* Hashes of the window's edges. */
#define EDGE_BEFORE UINT64_C(0x5bd1e9955bd1e995)
#define EDGE_AFTER UINT64_C(0xc6a4a7935bd1e995)

/* Bits of a word's occurrences in the document. */
enum { SEEN_LOWER = 1, SEEN_CAP_INSIDE = 2 };

static eg_status word_occurrences(const eg_tokens *toks, const token_info *info, eg_u64map *seen)
{
    for (size_t i = 0; i < toks->n; i++) {
        const eg_token *t = &toks->v[i];
        if (t->kind != EG_TOK_WORD || (t->flags & EG_TOK_POSSESSIVE))
            continue;
        unsigned bits = 0;
        if (t->flags & EG_TOK_LOWER)
            bits = SEEN_LOWER;
        else if ((t->flags & EG_TOK_CAP) &&
                 !(t->flags & (EG_TOK_SENT_START | EG_TOK_LINE_START | EG_TOK_HEADLINE)))
            bits = SEEN_CAP_INSIDE;
        if (!bits)
            continue;
        size_t *slot = eg_u64map_slot(seen, info[i].word, 0);
        if (!slot)
            return EG_ENOMEM;
        *slot |= bits;
    }
    return EG_OK;
}

/*
 * Context aggregation (Ratinov & Roth 2009): a capitalised word takes, at
 * each of its occurrences, the words and lexicon classes around all of its
 * occurrences in the document outside headlines: "Gartner said its" at one
 * place tells what "Gartner" is everywhere, a headline's capitals included.
 */
#define AGG_WORDS 12

typedef struct aggregate {
    uint64_t before[AGG_WORDS], after[AGG_WORDS], before2[AGG_WORDS], after2[AGG_WORDS];
    unsigned n_before, n_after, n_before2, n_after2;
    unsigned pronouns; /* bits: which pronouns came first after an occurrence */
    unsigned alone, in_run; /* occurrences without and with capitalised neighbours */
    eg_lex_classes cls_right, cls_left; /* classes a few words away (CONTEXT_CLASSES) */
    eg_lex_classes cls_before, cls_after;
    unsigned count;
} aggregate;

typedef struct aggregates {
    eg_u64map index; /* word -> aggregate */
    aggregate *v;
    size_t n, cap;
} aggregates;

static void add_unique(uint64_t *set, unsigned *n, uint64_t h)
{
    for (unsigned k = 0; k < *n; k++)
        if (set[k] == h)
            return;
    if (*n < AGG_WORDS)
        set[(*n)++] = h;
}

static bool capitalised_word(const eg_token *t)
{
    return t->kind == EG_TOK_WORD && (t->flags & (EG_TOK_CAP | EG_TOK_ALLCAPS)) &&
           !(t->flags & EG_TOK_POSSESSIVE);
}

/* "he", "she", "it", "they" and their forms, and the relatives "who" and
 * "which": what the text calls a name a few words on says whether it is a
 * person or a thing. Returns a bit, or 0. */
static unsigned pronoun_bit(const char *w)
{
    static const char *const pronouns[] = {"he", "his", "him", "she", "her", "it", "its",
                                           "they", "their", "them", "who", "which", "whose"};
    if (!strchr("hsitw", w[0]) || strnlen(w, 6) > 5)
        return 0;
    for (unsigned k = 0; k < sizeof pronouns / sizeof pronouns[0]; k++)
        if (strcmp(w, pronouns[k]) == 0)
            return 1u << k;
    return 0;
}

/* The first pronoun within eight words after token i, in its sentence. */
static unsigned pronoun_after(const eg_tokens *toks, size_t i)
{
    for (size_t k = i + 1; k < toks->n && k <= i + 8 && same_sentence(toks, i, k); k++) {
        if (toks->v[k].kind != EG_TOK_WORD || !(toks->v[k].flags & EG_TOK_LOWER))
            continue;
        unsigned bit = pronoun_bit(eg_tok_norm(toks, k));
        if (bit)
            return bit;
    }
    return 0;
}

/* What the words a few places from a name say of it: the kind of body or of
 * person it is ("company", "singer", "wife"), what it does ("said"), what it
 * heads ("Ministry"), whether the text is a sports report. */
#define CONTEXT_CLASSES                                                                          \
    (EG_LEX_ORG_NOUN | EG_LEX_KIN_NOUN | EG_LEX_OCCUPATION | EG_LEX_TITLE | EG_LEX_PERSON_VERB |                   \
     EG_LEX_PERSON_OBJECT | EG_LEX_BODY_HEAD | EG_LEX_DOC_HEAD | EG_LEX_SPORT | EG_LEX_DEMONYM | \
     EG_LEX_LOC_HEAD | EG_LEX_EVENT_HEAD)
#define CONTEXT_REACH 6

/* The longest aside in parentheses that context_classes looks past. */
#define ASIDE_REACH 24

/* The token after the parenthesised aside that opens at token k, or k when
 * none opens there (or it does not close within ASIDE_REACH tokens of its
 * sentence): "Anthony Steel (21 May 1920 - 21 March 2001) was an actor". */
static size_t past_aside(const eg_tokens *toks, size_t k)
{
    if (k >= toks->n || toks->v[k].kind != EG_TOK_PUNCT || strcmp(eg_tok_norm(toks, k), "(") != 0)
        return k;
    for (size_t j = k + 1; j < toks->n && j <= k + ASIDE_REACH && same_sentence(toks, k, j); j++)
        if (toks->v[j].kind == EG_TOK_PUNCT && strcmp(eg_tok_norm(toks, j), ")") == 0)
            return j + 1;
    return k;
}

/* Lower-case words' classes within reach of token i, on one side; on the
 * right, past an aside in parentheses just after it. */
static eg_lex_classes context_classes(const eg_tokens *toks, const token_info *info, size_t i, int step)
{
    eg_lex_classes c = 0;
    size_t from = i;
    if (step > 0) {
        size_t after = past_aside(toks, i + 1);
        if (after != i + 1)
            from = after - 2; /* the first word after the aside counts as d = 2 */
    }
    for (size_t d = 2; d <= CONTEXT_REACH; d++) {
        if (step < 0 ? from < d : from + d >= toks->n)
            break;
        size_t k = step < 0 ? from - d : from + d;
        if (!same_sentence(toks, i, k))
            break;
        if (toks->v[k].flags & EG_TOK_LOWER)
            c |= info[k].cls & CONTEXT_CLASSES;
    }
    return c;
}

/* Whether token j (i - 1 or i + 1) is a capitalised word of the same name
 * as token i: one of its sentence, not a title or a form of address ("Mr",
 * "President"), which stand before a name used alone. */
static bool run_neighbour(const eg_tokens *toks, const token_info *info, size_t i, size_t j)
{
    if (j >= toks->n || !same_sentence(toks, i, j) || !capitalised_word(&toks->v[j]))
        return false;
    return !(info[j].cls & (EG_LEX_HONORIFIC | EG_LEX_TITLE | EG_LEX_TITLE_MOD | EG_LEX_COURTESY |
                            EG_LEX_NOBLE_STYLE));
}

static eg_status aggregate_contexts(const eg_tokens *toks, const token_info *info, aggregates *ag)
{
    for (size_t i = 0; i < toks->n; i++) {
        const eg_token *t = &toks->v[i];
        if (!capitalised_word(t) || (t->flags & EG_TOK_HEADLINE))
            continue;
        size_t *slot = eg_u64map_slot(&ag->index, info[i].word, ag->n);
        if (!slot)
            return EG_ENOMEM;
        if (*slot == ag->n) {
            if (eg_grow(&ag->v, &ag->cap, ag->n + 1, sizeof *ag->v))
                return EG_ENOMEM;
            memset(&ag->v[ag->n], 0, sizeof *ag->v);
            ag->n++;
        }
        aggregate *g = &ag->v[*slot];
        g->count++;
        if (i > 0 && same_sentence(toks, i - 1, i)) {
            add_unique(g->before, &g->n_before, info[i - 1].word);
            g->cls_before |= info[i - 1].cls;
        } else {
            add_unique(g->before, &g->n_before, EDGE_BEFORE);
        }
        if (i + 1 < toks->n && same_sentence(toks, i, i + 1)) {
            add_unique(g->after, &g->n_after, info[i + 1].word);
            g->cls_after |= info[i + 1].cls;
        } else {
            add_unique(g->after, &g->n_after, EDGE_AFTER);
        }
        if (i > 1 && same_sentence(toks, i - 2, i))
            add_unique(g->before2, &g->n_before2, info[i - 2].word);
        if (i + 2 < toks->n && same_sentence(toks, i, i + 2))
            add_unique(g->after2, &g->n_after2, info[i + 2].word);
        g->pronouns |= pronoun_after(toks, i);
        g->cls_right |= context_classes(toks, info, i, +1);
        g->cls_left |= context_classes(toks, info, i, -1);
        if (run_neighbour(toks, info, i, i - 1) || run_neighbour(toks, info, i, i + 1))
            g->in_run++;
        else
            g->alone++;
    }
    return EG_OK;
}

static void lex_features(adder *a, int tmpl, eg_lex_classes cls);

static void aggregate_features(adder *a, const aggregates *ag, uint64_t word)
{
    size_t k = eg_u64map_get(&ag->index, word);
    if (k == EG_NONE)
        return;
    const aggregate *g = &ag->v[k];
    for (unsigned j = 0; j < g->n_before; j++)
        add(a, T_AGG_M1, g->before[j]);
    for (unsigned j = 0; j < g->n_after; j++)
        add(a, T_AGG_P1, g->after[j]);
    for (unsigned j = 0; j < g->n_before2; j++)
        add(a, T_AGG_M2, g->before2[j]);
    for (unsigned j = 0; j < g->n_after2; j++)
        add(a, T_AGG_P2, g->after2[j]);
    for (unsigned bits = g->pronouns, k = 0; bits; k++, bits >>= 1)
        if (bits & 1)
            add(a, T_AGG_PRONOUN, k);
    lex_features(a, T_AGG_LEX_M1, g->cls_before);
    lex_features(a, T_AGG_LEX_P1, g->cls_after);
    add(a, T_AGG_COUNT, g->count <= 3 ? g->count : g->count <= 6 ? 4 : 5);
    add(a, T_AGG_ALONE, (g->alone > 0) * 2u + (g->in_run > 0));
    lex_features(a, T_AGG_RIGHT_CLS, g->cls_right);
    lex_features(a, T_AGG_LEFT_CLS, g->cls_left);
}

/* Classes that are no evidence for the tagger: the sex of a given name is
 * for telling people apart (eg_people), and a given name is one already; a
 * post in a state's government and a title in the plural are for eg_names
 * and eg_relate (a title is one already);
 * a party's adjective ("Conservative") is for eg_merge, after the tagger.
 * (A class that became a feature would also change what the shipped model
 * is trained on.) */
#define NOT_FEATURES (EG_LEX_FEMALE | EG_LEX_MALE | EG_LEX_STATE_POST | EG_LEX_PARTY_FORM | EG_LEX_TITLE_PLURAL)

static void lex_features(adder *a, int tmpl, eg_lex_classes cls)
{
    cls &= ~NOT_FEATURES;
    for (int bit = 0; cls; bit++, cls >>= 1)
        if (cls & 1)
            add(a, tmpl, (uint64_t)bit);
}

/* Classes of the phrases of two words or more that cover token i. */
/* At most this many phrase features a token: a word inside many nested
 * lexicon phrases gains little from the last of them, and the count must
 * stay within MAX_TOKEN_FEATURES. */
#define MAX_PHRASE_FEATURES 64

static void phrase_features(adder *a, const eg_lex_matches *lm, size_t i)
{
    size_t from = i >= 11 ? i - 11 : 0, added = 0;
    for (size_t s = from; s <= i; s++) {
        for (size_t k = lm->at[s]; k < lm->at[s + 1]; k++) {
            const eg_lex_match *m = &lm->v[k];
            if (m->len < 2 || s + m->len <= i)
                continue;
            int pos = i == s ? EG_TAG_B : i + 1 == s + m->len ? EG_TAG_L : EG_TAG_I;
            eg_lex_classes cls = m->entry->classes & ~(EG_LEX_PREFIX | NOT_FEATURES);
            for (int bit = 0; cls && added < MAX_PHRASE_FEATURES; bit++, cls >>= 1)
                if (cls & 1) {
                    add(a, T_PHRASE, (uint64_t)(bit * 4 + pos));
                    added++;
                }
        }
    }
}

static void token_features(adder *a, const char *text, const eg_tokens *toks,
                           const eg_lex_matches *lm, const token_info *info,
                           const eg_u64map *seen, const aggregates *ag, size_t i)
{
    const eg_token *t = &toks->v[i];
    const token_info *me = &info[i];
    bool has_prev = i > 0 && same_sentence(toks, i - 1, i);
    bool has_next = i + 1 < toks->n && same_sentence(toks, i, i + 1);
    bool has_prev2 = has_prev && i > 1 && same_sentence(toks, i - 2, i);
    bool has_next2 = has_next && i + 2 < toks->n && same_sentence(toks, i, i + 2);
    uint64_t w_m1 = has_prev ? info[i - 1].word : EDGE_BEFORE;
    uint64_t w_p1 = has_next ? info[i + 1].word : EDGE_AFTER;
    uint64_t s_m1 = has_prev ? info[i - 1].shape : EDGE_BEFORE;
    uint64_t s_p1 = has_next ? info[i + 1].shape : EDGE_AFTER;
    bool headline = (t->flags & EG_TOK_HEADLINE) != 0;

    add(a, T_BIAS, 0);
    add(a, T_WORD, me->word);
    add(a, T_WORD_CASE, me->word ^ (uint64_t)me->case_class);
    add(a, T_SHAPE, me->shape);
    add(a, T_WORD_M1, w_m1);
    add(a, T_WORD_P1, w_p1);
    add(a, T_WORD_M2, has_prev2 ? info[i - 2].word : EDGE_BEFORE);
    add(a, T_WORD_P2, has_next2 ? info[i + 2].word : EDGE_AFTER);
    add(a, T_SHAPE_M1, s_m1);
    add(a, T_SHAPE_P1, s_p1);
    add(a, T_BIGRAM_M1, eg_hash_u64(w_m1, me->word));
    add(a, T_BIGRAM_P1, eg_hash_u64(me->word, w_p1));
    add(a, T_SHAPE3, eg_hash_u64(eg_hash_u64(s_m1, me->shape), s_p1));
    unsigned position = ((t->flags & EG_TOK_SENT_START) ? 1u : 0u) |
                        ((t->flags & EG_TOK_LINE_START) ? 2u : 0u) | (headline ? 4u : 0u);
    add(a, T_POSITION, position * 8 + (unsigned)me->case_class);

    if (t->kind == EG_TOK_WORD) {
        const char *norm = eg_tok_norm(toks, i);
        size_t len = strlen(norm);
        size_t chars = code_points(norm, len);
        if (chars > 2) {
            add(a, T_PREFIX2, eg_hash_bytes(EG_HASH_SEED, norm, prefix_bytes(norm, len, 2)));
            add(a, T_SUFFIX2, eg_hash_str(EG_HASH_SEED, norm + suffix_start(norm, len, 2)));
        }
        if (chars > 3) {
            add(a, T_PREFIX3, eg_hash_bytes(EG_HASH_SEED, norm, prefix_bytes(norm, len, 3)));
            add(a, T_SUFFIX3, eg_hash_str(EG_HASH_SEED, norm + suffix_start(norm, len, 3)));
        }
        if (chars > 4)
            add(a, T_SUFFIX4, eg_hash_str(EG_HASH_SEED, norm + suffix_start(norm, len, 4)));
        add(a, T_LENGTH, (uint64_t)(length_bucket(code_points(text + t->start, t->end - t->start)) * 8 +
                                    me->case_class));
        size_t bits = eg_u64map_get(seen, me->word);
        if (bits != EG_NONE) {
            uint64_t ctx = (uint64_t)me->case_class * 2 + (headline ? 1 : 0);
            if (bits & SEEN_LOWER)
                add(a, T_LOWER_ELSEWHERE, ctx);
            if (bits & SEEN_CAP_INSIDE)
                add(a, T_CAP_ELSEWHERE, ctx);
        }
    }
    if (has_next && (toks->v[i + 1].flags & EG_TOK_POSSESSIVE))
        add(a, T_POSSESSIVE_NEXT, 0);
    lex_features(a, T_LEX, me->cls);
    if (has_prev)
        lex_features(a, T_LEX_M1, info[i - 1].cls);
    if (has_next)
        lex_features(a, T_LEX_P1, info[i + 1].cls);
    phrase_features(a, lm, i);
    if (capitalised_word(t))
        aggregate_features(a, ag, me->word);
}

/* ---- the document read once, features by ranges of tokens ---- */

struct eg_feature_doc {
    const char *text;
    const eg_tokens *toks;
    const eg_lex_matches *lm;
    token_info *info;     /* per token */
    uint8_t *candidate;   /* per token */
    size_t cap_tokens;
    eg_u64map seen;       /* word -> SEEN_ bits */
    aggregates ag;        /* capitalised word -> its contexts */
    /* from a first pass's tags */
    eg_u64map index;      /* capitalised word -> its counts */
    struct type_counts *counts;
    size_t n_counts, cap_counts;
};

eg_feature_doc *eg_feature_doc_new(void)
{
    eg_feature_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    eg_u64map_init(&d->seen);
    eg_u64map_init(&d->ag.index);
    eg_u64map_init(&d->index);
    return d;
}

void eg_feature_doc_free(eg_feature_doc *d)
{
    if (!d)
        return;
    free(d->info);
    free(d->candidate);
    eg_u64map_release(&d->seen);
    eg_u64map_release(&d->ag.index);
    free(d->ag.v);
    eg_u64map_release(&d->index);
    free(d->counts);
    free(d);
}

eg_status eg_feature_doc_read(eg_feature_doc *d, const char *text, const eg_tokens *toks, const eg_lex_matches *lm)
{
    d->text = text;
    d->toks = toks;
    d->lm = lm;
    eg_u64map_release(&d->seen);
    eg_u64map_init(&d->seen);
    eg_u64map_release(&d->ag.index);
    eg_u64map_init(&d->ag.index);
    d->ag.n = 0;
    eg_u64map_release(&d->index);
    eg_u64map_init(&d->index);
    d->n_counts = 0;
    if (toks->n + 1 > d->cap_tokens) {
        token_info *info = realloc(d->info, (toks->n + 1) * sizeof *info);
        if (info)
            d->info = info;
        uint8_t *cand = realloc(d->candidate, toks->n + 1);
        if (cand)
            d->candidate = cand;
        if (!info || !cand)
            return EG_ENOMEM;
        d->cap_tokens = toks->n + 1;
    }
    for (size_t i = 0; i < toks->n; i++) {
        const eg_token *t = &toks->v[i];
        d->info[i].word = eg_hash_str(EG_HASH_SEED, eg_tok_norm(toks, i));
        d->info[i].shape = shape_hash(text + t->start, t->end - t->start);
        d->info[i].cls = lm->cls[i];
        d->info[i].case_class = case_class(t);
    }
    eg_status st = word_occurrences(toks, d->info, &d->seen);
    if (st == EG_OK)
        st = aggregate_contexts(toks, d->info, &d->ag);
    mark_candidates(text, toks, lm, d->candidate);
    return st;
}

const uint8_t *eg_feature_doc_candidates(const eg_feature_doc *d)
{
    return d->candidate;
}

/* Empties out for tokens [from, to) of d's document, their candidates copied. */
static eg_status begin_range(eg_features *out, const eg_feature_doc *d, size_t from, size_t to)
{
    eg_status st = begin(out, to - from);
    if (st == EG_OK)
        memcpy(out->candidate, d->candidate + from, to - from);
    return st;
}

eg_status eg_features_local_range(const eg_feature_doc *d, size_t from, size_t to, eg_features *out)
{
    eg_status st = begin_range(out, d, from, to);
    adder a = {out, false};
    for (size_t i = from; i < to && st == EG_OK; i++) {
        if (d->candidate[i] && reserve(&a))
            token_features(&a, d->text, d->toks, d->lm, d->info, &d->seen, &d->ag, i);
        if (a.failed)
            st = EG_ENOMEM;
        out->first[i - from + 1] = out->n;
    }
    return st;
}

eg_status eg_features_local(const char *text, const eg_tokens *toks, const eg_lex_matches *lm,
                            eg_features *out)
{
    eg_feature_doc *d = eg_feature_doc_new();
    eg_status st = d ? eg_feature_doc_read(d, text, toks, lm) : EG_ENOMEM;
    if (st == EG_OK)
        st = eg_features_local_range(d, 0, toks->n, out);
    eg_feature_doc_free(d);
    return st;
}

/* ---- from a first pass's tags ---- */

/* Counts, per word, of the types its occurrences were tagged with (index
 * EG_TAG_N_TYPES: outside any name). */
typedef struct type_counts {
    unsigned n[EG_TAG_N_TYPES + 1];
    unsigned longer[EG_TAG_N_TYPES * 3]; /* by longer_index */
} type_counts;

/* type * 3 + position for a tag inside a name of two words or more, else -1. */
static int longer_index(int tag)
{
    if (tag == EG_TAG_O || eg_tag_position(tag) == EG_TAG_U)
        return -1;
    return (int)eg_tag_type_of(tag) * 3 + eg_tag_position(tag);
}

static int tag_class(int tag)
{
    return tag == EG_TAG_O ? EG_TAG_N_TYPES : (int)eg_tag_type_of(tag);
}

/* The word of token i the first pass's counts are kept for: a word that
 * can be a name (capitalised, or written in capitals), else 0. */
static uint64_t counted_word(const eg_feature_doc *d, size_t i)
{
    const eg_token *t = &d->toks->v[i];
    if (t->kind != EG_TOK_WORD || !(t->flags & (EG_TOK_CAP | EG_TOK_ALLCAPS)) || (t->flags & EG_TOK_POSSESSIVE))
        return 0;
    return d->info[i].word | 1;
}

eg_status eg_feature_doc_tagged(eg_feature_doc *d, const uint8_t *tags)
{
    eg_u64map_release(&d->index);
    eg_u64map_init(&d->index);
    d->n_counts = 0;
    for (size_t i = 0; i < d->toks->n; i++) {
        uint64_t word = counted_word(d, i);
        if (!word)
            continue;
        size_t *slot = eg_u64map_slot(&d->index, word, d->n_counts);
        if (!slot)
            return EG_ENOMEM;
        if (*slot == d->n_counts) {
            if (eg_grow(&d->counts, &d->cap_counts, d->n_counts + 1, sizeof *d->counts))
                return EG_ENOMEM;
            memset(&d->counts[d->n_counts], 0, sizeof *d->counts);
            d->n_counts++;
        }
        d->counts[*slot].n[tag_class(tags[i])]++;
        int b = longer_index(tags[i]);
        if (b >= 0)
            d->counts[*slot].longer[b]++;
    }
    return EG_OK;
}

eg_status eg_features_document_range(const eg_feature_doc *d, const uint8_t *tags, size_t from, size_t to,
                                     eg_features *out)
{
    const eg_tokens *toks = d->toks;
    eg_status st = begin_range(out, d, from, to);
    adder a = {out, false};
    for (size_t i = from; i < to && st == EG_OK; i++) {
        if (!d->candidate[i] || !reserve(&a)) {
            out->first[i - from + 1] = out->n;
            continue;
        }
        add(&a, T_DOC_SELF, tags[i]);
        add(&a, T_DOC_M1, i > 0 && same_sentence(toks, i - 1, i) ? tags[i - 1] : 255);
        add(&a, T_DOC_P1, i + 1 < toks->n && same_sentence(toks, i, i + 1) ? tags[i + 1] : 255);
        uint64_t word = counted_word(d, i);
        if (word) {
            type_counts c = d->counts[eg_u64map_get(&d->index, word)];
            c.n[tag_class(tags[i])]--; /* the other occurrences */
            unsigned names = 0, best = 0;
            int major = -1;
            for (int t = 0; t < EG_TAG_N_TYPES; t++) {
                names += c.n[t];
                if (c.n[t] > best) {
                    best = c.n[t];
                    major = t;
                }
            }
            bool headline = (toks->v[i].flags & EG_TOK_HEADLINE) != 0;
            if (major >= 0) {
                uint64_t v = (uint64_t)major * 2 + (c.n[EG_TAG_N_TYPES] > 0);
                add(&a, headline ? T_DOC_MAJORITY_HEADLINE : T_DOC_MAJORITY, v);
                if (best == names && !c.n[EG_TAG_N_TYPES])
                    add(&a, T_DOC_ALL, (uint64_t)major);
            } else if (c.n[EG_TAG_N_TYPES]) {
                add(&a, T_DOC_NONE, headline);
            }
            int own = longer_index(tags[i]);
            if (own >= 0)
                c.longer[own]--;
            for (int b = 0; b < EG_TAG_N_TYPES * 3; b++)
                if (c.longer[b])
                    add(&a, T_DOC_IN_LONGER, (uint64_t)b);
        }
        if (a.failed)
            st = EG_ENOMEM;
        out->first[i - from + 1] = out->n;
    }
    return st;
}

eg_status eg_features_document(const eg_tokens *toks, const eg_features *local, const uint8_t *tags,
                               eg_features *out)
{
    /* the words of the tokens, and the candidates of `local` */
    eg_feature_doc *d = eg_feature_doc_new();
    if (!d)
        return EG_ENOMEM;
    eg_status st = EG_OK;
    d->toks = toks;
    d->info = malloc((toks->n + 1) * sizeof *d->info);
    d->candidate = malloc(toks->n + 1);
    if (!d->info || !d->candidate)
        st = EG_ENOMEM;
    for (size_t i = 0; i < toks->n && st == EG_OK; i++) {
        d->info[i].word = eg_hash_str(EG_HASH_SEED, eg_tok_norm(toks, i));
        d->candidate[i] = local->candidate[i];
    }
    if (st == EG_OK)
        st = eg_feature_doc_tagged(d, tags);
    if (st == EG_OK)
        st = eg_features_document_range(d, tags, 0, toks->n, out);
    eg_feature_doc_free(d);
    return st;
}
