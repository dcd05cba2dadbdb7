/*
 * eg_corpus_impl.h - what eg_corpus.c and eg_rules.c share, and no one
 * else: the corpus's keys (an entity as documents name it), forms,
 * sentences, relations and documents, and the joining of keys into
 * entities (union-find, with why each key joined, and the pairs an aliases
 * file keeps apart). Not installed; the public interface is eg_corpus.h.
 */
#ifndef EG_CORPUS_IMPL_H
#define EG_CORPUS_IMPL_H

#include "eg_aliases.h"
#include "eg_corpus.h"
#include "eg_hash.h"

#include <stdint.h>
#include <string.h>

/* The largest key, document, sentence or paragraph number a rel or a sent
 * holds. */
#define REL_MAX UINT32_MAX

/* An entity as one or more documents name it: a type and a normalised name. */
typedef struct ekey {
    eg_type type;
    char *norm;     /* normalised name: the identity */
    char *name;     /* the name as the first document (doc_before) writes it */
    size_t name_doc;
    size_t mentions;
    bool named;     /* seen at least once in a non-demonym form */
    char *sig;      /* a body's name with its countries as canonical names, or NULL */
} ekey;

/* A surface form of a key ("MGIMO", "Russia's" -> "Russia"), with where it
 * was first written (for the merge log). */
typedef struct form {
    size_t key;
    char *text;
    eg_form form;
    size_t doc;
    const char *example; /* its first sentence, trimmed (pooled); or NULL */
} form;

/* The keys named in one sentence: the next n_keys of keylist. A document's
 * sentences are in the order of their numbers, and their keys follow one
 * another in keylist from the document's key_begin (so that a sentence
 * needs no offset of its own). Kept for every sentence naming something, so
 * small: numbers in 32 bits, as in rel. */
typedef struct sent {
    uint32_t n_keys;
    uint32_t doc;
    uint32_t sentence;
    uint32_t paragraph;
    uint64_t line;     /* hash of the line holding it */
    const char *text;  /* pooled: the sentence, when it names from 2 to
                          EG_CO_MENTION_MAX_ENTITIES keys (the evidence of
                          their co-mention); else NULL */
} sent;

/* A relation as one document states it. Kept for every statement, so
 * small, 32 bytes: keys in 32 bits, the sentence number in 28 and the kind
 * in 4 (eg_corpus_add refuses a corpus or a document past them); its
 * document is the one whose range of rels holds it. */
#define REL_SENTENCE_MAX (1u << 28)
typedef struct rel {
    uint32_t src, tgt;      /* keys */
    unsigned sentence : 28;
    unsigned kind : 4;      /* eg_relation_kind */
    int32_t seats;
    const char *role;       /* pooled, or NULL */
    const char *evidence;   /* pooled */
} rel;
_Static_assert(EG_REL_KIND_COUNT <= 16, "a relation kind fits in rel's 4 bits");



/* A fact about a key ("website"), as stated in one document. */
typedef struct fact {
    size_t key;
    char *name;
    char *value;
    size_t doc;
} fact;

typedef struct cdoc {
    char *id;
    char date[11];
    size_t sent_begin, sent_end; /* range in sents */
    size_t key_begin;            /* where its sentences' keys start in keylist */
    size_t rel_begin, rel_end;   /* range in rels */
} cdoc;

struct eg_corpus {
    eg_map *key_index;  /* "type\x1fnorm" -> key */
    ekey *keys;
    size_t n_keys, cap_keys;
    eg_map *form_index; /* "key\x1ftext" -> form */
    form *forms;
    size_t n_forms, cap_forms;
    uint32_t *keylist;  /* keys, below REL_MAX */
    size_t n_keylist, cap_keylist;
    sent *sents;
    size_t n_sents, cap_sents;
    rel *rels;
    size_t n_rels, cap_rels;
    cdoc *docs;
    size_t n_docs, cap_docs;
    fact *facts;
    size_t n_facts, cap_facts;
    eg_strpool texts;   /* roles, evidence and sentences, each once:
                           the relations of a thousand copies of a page quote
                           one sentence a thousand times */
    eg_strbuf scratch;
    bool spent;         /* built with eg_build_opts.spend: only eg_corpus_free is left */
    const eg_aliases *aliases; /* borrowed, or NULL */
    size_t *alias_hits;        /* per rule of `aliases` */
};

/* The keys of document d's sentences, which follow one another (NULL while
 * the corpus has no key: no arithmetic on a null pointer). */
static inline uint32_t *doc_keys(const eg_corpus *c, size_t d)
{
    return c->keylist ? c->keylist + c->docs[d].key_begin : NULL;
}

/* The canonical order of documents: by id, then as added. Every "first
 * document" choice goes by it, so that the outputs depend on the set of
 * documents, not on the order they were given in (or their partial states
 * merged in). */
static inline bool doc_before(const eg_corpus *c, size_t a, size_t b)
{
    int d = strcmp(c->docs[a].id, c->docs[b].id);
    return d < 0 || (d == 0 && a < b);
}

/* The key of a pair of indexes a < b in a map of pairs: the two side by
 * side while both fit in 32 bits (exact), a hash of them beyond. */
static inline uint64_t pair_key(size_t a, size_t b)
{
    if ((uint64_t)a >> 32 == 0 && (uint64_t)b >> 32 == 0)
        return (uint64_t)a << 32 | (uint64_t)b;
    return eg_hash_u64(eg_hash_u64(EG_HASH_SEED, (uint64_t)a), (uint64_t)b);
}

/* The pool's copy of s (made on first use); NULL when out of memory. */
const char *eg_corpus_intern(eg_corpus *c, const char *s);

/* ---- joining keys into entities ---- */

/* The root of x's set (path halving). */
static inline size_t find(size_t *parent, size_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

/* Two sets of keys an aliases file keeps apart. */
typedef struct apart {
    size_t *a, *b;
    size_t n_a, n_b;
} apart;

/* The joining of keys into entities: the union-find forest, why each key
 * joined its entity (for the merge log), and the pairs kept apart. */
typedef struct joins {
    size_t *parent;
    const char **why;   /* per key: the rule that joined it to another, or NULL */
    size_t *with;       /* per key: the key it was joined with */
    const char *rule;   /* the rule at work */
    apart *aparts;
    size_t n_aparts;
} joins;

/* A value of the rules' maps: two roots claim the string. */
#define AMBIGUOUS ((size_t)-2)

/* The merges of the corpus's aliases file, and its kept-apart pairs into
 * j, before any rule runs; *form_norms gets the forms' normal forms (freed
 * by the caller, one string per form). */
eg_status eg_rules_user_joins(eg_corpus *c, joins *j, char ***form_norms);

/* The alias rules of eg_corpus.h, in their fixed order, each recording its
 * name in j->rule for the merge log. */
eg_status eg_rules_apply(eg_corpus *c, joins *j);

#endif
