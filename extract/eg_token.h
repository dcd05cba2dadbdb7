/*
 * eg_token.h - tokens, lines and sentences of one document.
 *
 * Tokens keep byte offsets into the text they were cut from and a normal form
 * (NFC, case-folded) for lexicon look-ups. The tokenizer keeps compound words
 * together ("Kassym-Jomart", "Non-Medical", "COVID-19", "2021-2025"), splits
 * those that glue a name to a lower-case word ("CSTO-wide" -> CSTO - wide), cuts
 * possessives off ("Russia's" -> Russia 's), keeps dotted abbreviations whole
 * ("U.S.") and marks lines written in headline case, where capitals carry no
 * evidence.
 */
#ifndef EG_TOKEN_H
#define EG_TOKEN_H

#include "eg_base.h"

#include <stdint.h>

typedef enum eg_tok_kind {
    EG_TOK_WORD = 0, /* letters, possibly with digits, hyphens, apostrophes */
    EG_TOK_NUMBER,   /* starts with a digit */
    EG_TOK_PUNCT     /* one punctuation or symbol character */
} eg_tok_kind;

enum eg_tok_flags {
    EG_TOK_CAP = 1u << 0,           /* starts with an upper-case letter */
    EG_TOK_ALLCAPS = 1u << 1,       /* two letters or more, all upper case */
    EG_TOK_LOWER = 1u << 2,         /* starts with a lower-case letter */
    EG_TOK_SPACE_BEFORE = 1u << 3,  /* white space precedes it */
    EG_TOK_LINE_START = 1u << 4,    /* first token of its line */
    EG_TOK_PARA_START = 1u << 5,    /* first token after a blank line (or of the text) */
    EG_TOK_SENT_START = 1u << 6,    /* first token of its sentence */
    EG_TOK_POSSESSIVE = 1u << 7,    /* 's or a bare apostrophe after a word */
    EG_TOK_HEADLINE = 1u << 8,      /* on a line written in headline case */
    EG_TOK_DIGIT = 1u << 9,         /* contains a digit */
    EG_TOK_CAMEL = 1u << 10,        /* a lower-case letter followed by a capital inside */
    EG_TOK_DOTTED = 1u << 11,       /* dotted abbreviation, final period included ("U.S.") */
    EG_TOK_HYPHEN = 1u << 12,       /* contains a hyphen or dash */
    EG_TOK_FURNITURE = 1u << 13     /* a wire's dateline, ticker or signature (eg_wire) */
};

typedef struct eg_token {
    size_t start, end;     /* byte offsets, end exclusive */
    size_t norm;           /* offset of its normal form in eg_tokens.norms */
    uint32_t flags;
    uint32_t line;         /* line number, from 0 */
    uint32_t sentence;     /* sentence number, from 0 */
    eg_tok_kind kind;
} eg_token;

typedef struct eg_sentence {
    size_t first, last;    /* token range [first, last) */
    size_t start, end;     /* byte range */
} eg_sentence;

typedef struct eg_tokens {
    eg_token *v;
    size_t n, cap;
    eg_sentence *sentences;
    size_t n_sentences, cap_sentences;
    eg_strbuf norms;       /* NUL-terminated normal forms, one per token */
} eg_tokens;

/* What the tokenizer asks a lexicon about a word, by its normal form. Either
 * function may be NULL (the answer is then always no). */
typedef struct eg_word_tests {
    /* a period after the word belongs to it ("Mr.") rather than ending the
     * sentence */
    bool (*is_abbrev)(const void *data, const char *norm);
    /* the word is a common lower-case word ("led", "wide", "on"): a compound
     * that glues one to a name ("CSTO-wide", "UN-led") is split so that the
     * name stands alone, while a name whose parts are not words ("Jae-kyu",
     * "Inzamam-ul-Haq") stays whole */
    bool (*is_common)(const void *data, const char *norm);
    const void *data;
} eg_word_tests;

void eg_tokens_init(eg_tokens *toks);
void eg_tokens_release(eg_tokens *toks);

/*
 * Tokenizes text[0..len) (valid UTF-8) into `toks` (emptied first), then
 * splits sentences; `tests` (may be NULL) answers questions about words.
 * Without an is_common test every compound of a capitalised and a lower-case
 * part is split.
 */
eg_status eg_tokenize(const char *text, size_t len, const eg_word_tests *tests, eg_tokens *toks);

/* The normal form of token i. */
static inline const char *eg_tok_norm(const eg_tokens *toks, size_t i)
{
    return toks->norms.buf + toks->v[i].norm;
}

#endif
