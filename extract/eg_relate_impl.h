/*
 * eg_relate_impl.h - what eg_relate.c (roles, delegations, document
 * actions) and eg_structure.c (part_of and country_of) share, and no one
 * else: the state of one document's relation finding and the word tests
 * over its tokens. Not installed; the public interface is eg_relate.h.
 */
#ifndef EG_RELATE_IMPL_H
#define EG_RELATE_IMPL_H

#include "eg_relate.h"

#include <string.h>

typedef struct rel {
    const eg_lexicon *lex;
    const eg_lex_matches *matches;
    const char *text;
    const eg_tokens *toks;
    const eg_chunks *chunks;
    size_t *at;      /* per token: the visible top-level chunk starting there, or EG_NONE */
    size_t *generic_at; /* per token: a generic body reference starting there ("the Assembly") */
    size_t *state_at;   /* per token: a demonym standing for its state ("Chinese" of "Chinese
                           Foreign Minister"), hidden */
    size_t home;        /* a chunk of the state the document is about, or EG_NONE */
    size_t *named;      /* per lexicon country: a visible chunk of it, or EG_NONE */
    size_t n_named;
    bool *placed;       /* per chunk (eg_structure.c): a body whose name has a state,
                           demonym, region or place in it, or a body nested */
    eg_links *out;
    eg_map *seen;    /* "kind,source,target,sentence" of each link in out */
    bool oom;
} rel;

static inline const eg_chunk *chunk(const rel *r, size_t c)
{
    return &r->chunks->v[c];
}

static inline bool is_punct(const rel *r, size_t i, const char *p)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_PUNCT)
        return false;
    size_t len = r->toks->v[i].end - r->toks->v[i].start;
    return len == strlen(p) && memcmp(r->text + r->toks->v[i].start, p, len) == 0;
}

static inline bool is_word(const rel *r, size_t i, const char *w)
{
    return i < r->toks->n && r->toks->v[i].kind == EG_TOK_WORD &&
           strcmp(eg_tok_norm(r->toks, i), w) == 0;
}

static inline bool is_dash(const rel *r, size_t i)
{
    return is_punct(r, i, "-") || is_punct(r, i, "\xE2\x80\x93") || is_punct(r, i, "\xE2\x80\x94");
}

static inline size_t chunk_at(const rel *r, size_t i)
{
    return i < r->toks->n ? r->at[i] : EG_NONE;
}

static inline bool kind_is(const rel *r, size_t c, eg_chunk_kind k)
{
    return c != EG_NONE && chunk(r, c)->kind == k;
}

/* Words from a demonym to the noun of a kind of organisation ("Italian food
 * group"). */
#define KIND_REACH 5

/* Adds a link unless the same (kind, source, target, sentence) is there. */
void rel_add_link(rel *r, eg_relation_kind kind, size_t src, size_t tgt, size_t title, size_t title_last,
                  size_t sentence);
/* A lower-case word that may describe a title or a kind: "seismic analyst". */
bool rel_describing_word(const rel *r, size_t i);
/* A lower-case word for a kind of organisation: "company", "carmaker". */
bool rel_org_noun(const rel *r, size_t i);
/* The body chunk at token i, past "the"; EG_NONE if none. */
size_t rel_body_at(const rel *r, size_t i);
/* The body after a state's or a place's possessive at i ("Norway's Vexa"). */
size_t rel_body_after_place(const rel *r, size_t i);

/* part_of and country_of (eg_structure.c): from nesting, possessives,
 * definitions, places in names, organs of the document's state, units. */
void rel_structure_links(rel *r);

#endif
