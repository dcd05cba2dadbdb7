/*
 * eg_features.h - what the tagger knows about each token of a document, as
 * 64-bit feature hashes, and the tags it gives tokens.
 *
 * Tags are BILOU over six types: the four kinds of entity entigraph keeps
 * (person, body, country, document) and two it does not (misc: works, events,
 * nationalities; loc: cities, regions), so that a model learns what is *not*
 * one of ours instead of forcing it into one. Tag 0 is O (outside any name);
 * tag 1 + 4 * type + position, position B(egin), I(nside), L(ast), U(nit).
 *
 * Features are of two kinds (Ratinov & Roth 2009):
 *  - local: the word, its lower case, shape, prefixes and suffixes, the words
 *    and shapes around it, its capitalisation in context (sentence start,
 *    headline line), whether the document writes it in lower case or
 *    capitalised elsewhere, and its membership in every lexicon (the word
 *    alone, its neighbours, and the lexicon phrases it is part of);
 *  - document: the tags a first pass gave the same word elsewhere in the
 *    document, and to the words around it (two-pass tagging).
 * Each feature is a template number and its value hashed together (eg_hash),
 * so a model is a table from hashes to weights and the feature strings are
 * never built.
 */
#ifndef EG_FEATURES_H
#define EG_FEATURES_H

#include "eg_lexicon.h"
#include "eg_token.h"

#include <stdint.h>

typedef enum eg_tag_type {
    EG_TAG_PERSON = 0,
    EG_TAG_BODY,
    EG_TAG_COUNTRY,
    EG_TAG_DOCUMENT,
    EG_TAG_MISC,
    EG_TAG_LOC,
    EG_TAG_N_TYPES
} eg_tag_type;

enum { EG_TAG_B = 0, EG_TAG_I, EG_TAG_L, EG_TAG_U };

#define EG_TAG_O 0
#define EG_N_TAGS (1 + 4 * EG_TAG_N_TYPES)

static inline int eg_tag(eg_tag_type type, int position)
{
    return 1 + 4 * (int)type + position;
}
/* The type of a tag other than O, and its position (EG_TAG_B...). */
static inline eg_tag_type eg_tag_type_of(int tag)
{
    return (eg_tag_type)((tag - 1) / 4);
}
static inline int eg_tag_position(int tag)
{
    return (tag - 1) % 4;
}

/* "person", "body", "country", "document", "misc", "loc". */
const char *eg_tag_type_name(eg_tag_type type);
bool eg_tag_type_parse(const char *name, eg_tag_type *type);

/*
 * Features of every token: token i's are v[first[i] .. first[i + 1]).
 * Most words can be no part of a name: a word in lower case that does not
 * join two capitalised words ("Bank of England", "Mario de Souza"), most
 * punctuation. They are tagged O without a look at the model, which is most
 * of the tagger's speed; `candidate[i]` says which tokens may be in a name
 * (eg_features_local sets it; the other tokens have no features).
 */
typedef struct eg_features {
    uint64_t *v;
    size_t n, cap;
    size_t *first;
    uint8_t *candidate;
    size_t n_tokens, cap_tokens;
} eg_features;

void eg_features_init(eg_features *f);
void eg_features_release(eg_features *f);

/*
 * The local features of every token of text cut into `toks`, whose lexicon
 * phrases are `lm`. `out` is emptied first.
 */
eg_status eg_features_local(const char *text, const eg_tokens *toks, const eg_lex_matches *lm,
                            eg_features *out);

/*
 * The document features of every candidate token of `local` (the document's
 * local features), given the tags (one per token) that a first pass gave the
 * document. `out` is emptied first.
 */
eg_status eg_features_document(const eg_tokens *toks, const eg_features *local, const uint8_t *tags,
                               eg_features *out);

/*
 * The same by ranges of tokens, so that a long document's features need not
 * all be in memory at once: an eg_feature_doc reads what every token's
 * features depend on in the whole document (the words' other occurrences
 * and contexts; after a first pass, the types its occurrences were given),
 * then gives the features of tokens [from, to) into out, whose token i is
 * token from + i of the document (first[], candidate[]). The document's
 * text, tokens and lexicon phrases are borrowed until the next read. The
 * features of a range are those the whole-document calls give its tokens.
 */
typedef struct eg_feature_doc eg_feature_doc;

eg_feature_doc *eg_feature_doc_new(void); /* NULL when out of memory */
void eg_feature_doc_free(eg_feature_doc *d);
eg_status eg_feature_doc_read(eg_feature_doc *d, const char *text, const eg_tokens *toks, const eg_lex_matches *lm);
/* Which tokens may be in a name (toks->n entries; valid until the next read). */
const uint8_t *eg_feature_doc_candidates(const eg_feature_doc *d);
eg_status eg_features_local_range(const eg_feature_doc *d, size_t from, size_t to, eg_features *out);
/* Counts the types a first pass gave the words of the document read. */
eg_status eg_feature_doc_tagged(eg_feature_doc *d, const uint8_t *tags);
eg_status eg_features_document_range(const eg_feature_doc *d, const uint8_t *tags, size_t from, size_t to,
                                     eg_features *out);

#endif
