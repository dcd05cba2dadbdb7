/*
 * eg_ner_words.h - the document as the name modules see it (eg_names,
 * eg_merge, eg_alias: the stages of eg_ner_run), and the word tests they
 * share: its text, its tokens and their lexicon phrases, and the chunks
 * being made. Internal to extract/.
 */
#ifndef EG_NER_WORDS_H
#define EG_NER_WORDS_H

#include "eg_ner.h"
#include "eg_text.h"

#include <stdlib.h>
#include <string.h>

/* Head words decide a phrase's type; these are the classes that count. */
#define HEAD_CLASSES (EG_LEX_BODY_HEAD | EG_LEX_DOC_HEAD | EG_LEX_LOC_HEAD | EG_LEX_EVENT_HEAD)
/* Classes that make a capitalised first word of a sentence worth keeping. */
#define NAME_CLASSES                                                                          \
    (EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_GIVEN | EG_LEX_SURNAME | EG_LEX_TITLE |          \
     EG_LEX_HONORIFIC | EG_LEX_BODY_HEAD | EG_LEX_DOC_HEAD | EG_LEX_ORG | EG_LEX_LEGISLATURE | \
     EG_LEX_TITLE_MOD | EG_LEX_GENERIC_MOD)

typedef struct ner {
    const eg_lexicon *lex;
    const char *text;
    size_t len;
    const eg_tokens *toks;
    size_t n;              /* number of tokens */
    const eg_lex_matches *lm; /* the lexicon phrases of the document */
    eg_map *lower_words;   /* words the document writes in lower case somewhere */
    eg_chunks *out;
    eg_strbuf key;         /* scratch */
    size_t depth;          /* names being parsed, one inside the other */
} ner;

/* Complements nest ("Committee of the Council of the Assembly of ..."): no real
 * name goes beyond a handful of levels, and an unbounded recursion would let a
 * crafted page overflow the stack. Deeper complements are left as plain text. */
#define MAX_NAME_DEPTH 24
/* Likewise a name's length: the longest real ones ("Agreement between the
 * Government of ... and the Government of ... on Cooperation in ...") stay
 * well under this many tokens; past it, complements are not taken, so that
 * one pathological sentence cannot make names (and the relations naming
 * them) quadratic in its length. */
#define MAX_NAME_TOKENS 64


/* A value of the per-document name maps: more than one candidate. */
#define AMBIGUOUS ((size_t)-2)

static inline const eg_token *tk(const ner *n, size_t i)
{
    return &n->toks->v[i];
}

static inline const char *nm(const ner *n, size_t i)
{
    return eg_tok_norm(n->toks, i);
}

static inline bool is_word(const ner *n, size_t i, const char *w)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_WORD && strcmp(nm(n, i), w) == 0;
}

static inline bool is_punct(const ner *n, size_t i, char c)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_PUNCT && n->text[tk(n, i)->start] == c &&
           tk(n, i)->end - tk(n, i)->start == 1;
}

static inline bool same_line(const ner *n, size_t a, size_t b)
{
    return b < n->n && tk(n, a)->line == tk(n, b)->line && tk(n, a)->sentence == tk(n, b)->sentence;
}

/* A word that dates a post ("Former", "Acting"): it opens no name, though
 * it is capitalised at a sentence's start ("Acting Bank of England
 * governor ..."). */
static inline bool post_time_word(const ner *n, size_t i)
{
    static const char *const words[] = {"former", "acting", "interim", "incoming", "outgoing", "ex", NULL};
    for (size_t k = 0; words[k]; k++)
        if (is_word(n, i, words[k]))
            return true;
    return false;
}

/* A capitalised word that can be part of a name (not a code like "PA2904034294"). */
static inline bool is_cap(const ner *n, size_t i)
{
    if (i >= n->n)
        return false;
    const eg_token *t = tk(n, i);
    if (t->kind != EG_TOK_WORD || !(t->flags & EG_TOK_CAP) ||
        (t->flags & (EG_TOK_POSSESSIVE | EG_TOK_FURNITURE)))
        return false;
    if (t->flags & EG_TOK_DIGIT) {
        size_t digits = 0;
        for (size_t k = t->start; k < t->end; k++)
            digits += n->text[k] >= '0' && n->text[k] <= '9';
        return digits < 3;
    }
    return true;
}

static inline bool is_lower_word(const ner *n, size_t i)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_WORD && (tk(n, i)->flags & EG_TOK_LOWER);
}

static inline bool is_headline(const ner *n, size_t i)
{
    return i < n->n && (tk(n, i)->flags & EG_TOK_HEADLINE);
}

/* "2025", "2021-2025": a year or a range of years. */
static inline bool is_year(const ner *n, size_t i)
{
    if (i >= n->n || tk(n, i)->kind != EG_TOK_NUMBER)
        return false;
    const char *s = n->text + tk(n, i)->start;
    size_t len = tk(n, i)->end - tk(n, i)->start;
    if (len < 4 || !(s[0] == '1' || s[0] == '2'))
        return false;
    for (size_t k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    if (len == 4)
        return true;
    /* a dash (1 or 3 bytes) and four more digits */
    size_t rest = len - 4;
    return (rest == 5 || rest == 7) && s[len - 4] >= '0' && s[len - 4] <= '9';
}

static inline eg_lex_classes cls(const ner *n, size_t i)
{
    return i < n->n ? n->lm->cls[i] : 0;
}


/*
 * The longest lexicon phrase starting at token i, within [i, limit), having
 * one of the classes in `mask`. Returns its length in tokens (0 if none).
 */
static inline size_t phrase_at(const ner *n, size_t i, size_t limit, eg_lex_classes mask,
                               const eg_lex_entry **entry)
{
    return eg_lex_phrase_at(n->lm, i, limit, mask, entry);
}

static inline eg_chunk *ch(ner *n, size_t i)
{
    return &n->out->v[i];
}

/* A Roman numeral after a name: "Elizabeth I", "Louis XIV". */
static inline bool roman_token(const ner *n, size_t i)
{
    const eg_token *t = tk(n, i);
    return t->kind == EG_TOK_WORD && eg_roman_numeral(n->text + t->start, t->end - t->start);
}

#endif
