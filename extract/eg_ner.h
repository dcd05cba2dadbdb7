/*
 * eg_ner.h - finds the names in one tokenized document and types them:
 * person, body, country, document, plus the titles (posts) that the relation
 * patterns need and the capitalised phrases that are none of these, as
 * chunks: token ranges, typed, nested, named.
 *
 * Three stages, a module each, one after the other over the same chunks:
 *  1. names and nesting by rules (eg_names): cores of capitalised words cut
 *     at titles, typed by lexicons and head words, with their complements;
 *  2. with a tagger (eg_merge): the tagger's names decide which words are
 *     names and of which type; the rules keep titles, documents, nesting,
 *     generic references and acronym definitions, by one policy;
 *  3. aliases (eg_alias): each chunk's canonical name in the document
 *     (surnames, first words, acronyms to the full name).
 */
#ifndef EG_NER_H
#define EG_NER_H

#include "eg_doc.h"
#include "eg_lexicon.h"
#include "eg_tagger.h"
#include "eg_token.h"

typedef enum eg_chunk_kind {
    EG_CHUNK_PERSON = EG_TYPE_PERSON,
    EG_CHUNK_BODY = EG_TYPE_BODY,
    EG_CHUNK_COUNTRY = EG_TYPE_COUNTRY,
    EG_CHUNK_DOCUMENT = EG_TYPE_DOCUMENT,
    EG_CHUNK_TITLE,    /* a post: "Executive Secretary", "deputy Minister of Internal Affairs" */
    EG_CHUNK_OTHER     /* a capitalised phrase that is none of the above */
} eg_chunk_kind;

/* How a nested chunk relates to its parent. */
typedef enum eg_chunk_link {
    EG_LINK_NONE = 0,
    EG_LINK_COMPLEMENT, /* "of/on/for X" after the parent's head */
    EG_LINK_PREMOD,     /* a name before the parent's head: "CSTO" in "CSTO Secretariat" */
    EG_LINK_INSIDE      /* a name inside a document title */
} eg_chunk_link;

enum eg_chunk_flags {
    EG_CHUNK_GENERIC = 1u << 0,  /* "the Assembly": a generic reference, not a name */
    EG_CHUNK_HIDDEN = 1u << 1,   /* implied, not a mention ("Russian" in "Russian Foreign Ministry") */
    EG_CHUNK_STRONG = 1u << 2,   /* typed by strong evidence (lexicon, head word, given name) */
    EG_CHUNK_HEADLINE = 1u << 3, /* on a headline-case line */
    EG_CHUNK_PLACE = 1u << 4,    /* untyped because it names a city or a region */
    EG_CHUNK_BARE = 1u << 5,     /* "in Congress": a head word alone, without an article */
    EG_CHUNK_PLURAL = 1u << 6    /* a title in the plural: "chief executives" */
};

typedef struct eg_chunk {
    size_t first, last;   /* token range [first, last) */
    eg_chunk_kind kind;
    eg_form form;
    eg_chunk_link link;
    size_t parent;        /* enclosing chunk, or EG_NONE */
    size_t alias_of;      /* for an acronym defined in parentheses: the chunk it abbreviates;
                             for a name in another script after a name: that name */
    int32_t country;      /* lexicon country index for countries, else -1 */
    int32_t org;          /* lexicon organisation index, else -1 */
    uint32_t flags;
    char *name;           /* canonical name in the document (owned), set by eg_alias */
} eg_chunk;

typedef struct eg_chunks {
    eg_chunk *v;
    size_t n, cap;
} eg_chunks;

void eg_chunks_init(eg_chunks *chunks);
void eg_chunks_release(eg_chunks *chunks);

/*
 * Finds and names the chunks of text[0..len) cut into `toks`, whose lexicon
 * phrases are `matches`, and which a tagger cut into the names `spans` (NULL:
 * the rules alone type the names). `chunks` is emptied first. Parents come
 * before their nested chunks.
 */
eg_status eg_ner_run(const eg_lexicon *lex, const char *text, size_t len, const eg_tokens *toks,
                     const eg_lex_matches *matches, const eg_tag_span *spans, size_t n_spans,
                     eg_chunks *chunks);

#endif
