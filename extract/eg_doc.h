/*
 * eg_doc.h - what extraction produces for one document, and its JSON Lines
 * form. This plain structure is the hand-off from extract/ to graph/: the
 * `build` command passes it in memory, `extract` writes it as one JSON line,
 * and `graph` reads such lines back, so both paths give graph/ the same data.
 *
 * Ownership: an eg_doc owns every string and array it points to;
 * eg_doc_release frees them all.
 */
#ifndef EG_DOC_H
#define EG_DOC_H

#include "eg_base.h"

#include <stdint.h>
#include <stdio.h>

typedef enum eg_type {
    EG_TYPE_PERSON = 0,
    EG_TYPE_BODY,
    EG_TYPE_COUNTRY,
    EG_TYPE_DOCUMENT,
    EG_TYPE_COUNT
} eg_type;

/* "person", "body", "country", "document". */
const char *eg_type_name(eg_type type);
/* Parses a type name; returns false when `name` is not one. */
bool eg_type_parse(const char *name, eg_type *type);

/* How a mention's text relates to the entity it names. */
typedef enum eg_form {
    EG_FORM_NAME = 0, /* a proper name (full or partial) */
    EG_FORM_ACRONYM,  /* an acronym */
    EG_FORM_SURNAME,  /* a person named by surname only */
    EG_FORM_DEMONYM,  /* "Russian", "American": an adjective naming a state */
    EG_FORM_COUNT
} eg_form;

const char *eg_form_name(eg_form form);
bool eg_form_parse(const char *name, eg_form *form);

typedef struct eg_mention {
    size_t start, end; /* byte offsets into the document as read, end exclusive */
    eg_type type;
    eg_form form;
    char *text;        /* the surface form, as written (invalid bytes replaced) */
    char *entity;      /* the canonical name it resolves to within the document */
    size_t sentence;   /* index of the sentence that holds it */
    size_t parent;     /* index of the enclosing mention for a name nested in
                          another ("Belarus" in "Republic of Belarus"), else EG_NONE;
                          parents come before their parts */
} eg_mention;

/* Relation kinds, the most specific first (graph/ keeps the first when one
 * pair of entities has several). */
typedef enum eg_relation_kind {
    EG_REL_ROLE = 0,   /* person -> body or country, with a title */
    EG_REL_DELEGATION, /* parliament or chamber -> assembly it sends members to, with seats */
    EG_REL_ADOPTED,    /* body or person -> document */
    EG_REL_SIGNED,
    EG_REL_DEVELOPED,
    EG_REL_APPROVED,
    EG_REL_PART_OF,    /* body -> body */
    EG_REL_COUNTRY_OF, /* body -> country */
    EG_REL_KIND_COUNT
} eg_relation_kind;

const char *eg_relation_kind_name(eg_relation_kind kind);
bool eg_relation_kind_parse(const char *name, eg_relation_kind *kind);

typedef struct eg_relation {
    eg_relation_kind kind;
    eg_type source_type;
    char *source;      /* canonical name of the source entity (as in eg_mention.entity) */
    eg_type target_type;
    char *target;
    char *role;        /* the title for role relations, NULL otherwise */
    int seats;         /* delegations: the number of seats, else -1 */
    size_t sentence;   /* the sentence that states it */
    size_t start, end; /* byte range of that sentence in the document as read */
    char *evidence;    /* its text, trimmed to at most 200 characters */
} eg_relation;

/* A fact about one entity stated in the text: "Website of X: URL". */
typedef struct eg_fact {
    eg_type type;
    char *entity;      /* canonical name, as in eg_mention.entity */
    char *key;         /* "website" */
    char *value;
    size_t sentence;
} eg_fact;

/* What graph/ needs of each sentence: windows, boilerplate, evidence. */
typedef struct eg_sentence_info {
    size_t start, end; /* byte range in the document as read */
    size_t paragraph;  /* paragraph number: lines, or blocks between blank lines */
    uint64_t line;     /* hash of the normalised text of the line holding it; a line
                          repeated across documents is site furniture */
    char *text;        /* the sentence, white space collapsed, at most 200 characters;
                          kept only where two entities or more are named, else NULL */
} eg_sentence_info;

typedef struct eg_doc {
    char *id;          /* path relative to its input root, or the JSONL id */
    char *title;       /* NULL when none was found */
    char *date;        /* ISO 8601 "YYYY-MM-DD", NULL when none was found */
    char *url;         /* from JSON Lines input, else NULL */
    eg_sentence_info *sentences;
    size_t n_sentences;
    eg_mention *mentions;
    size_t n_mentions, cap_mentions;
    eg_relation *relations;
    size_t n_relations, cap_relations;
    eg_fact *facts;
    size_t n_facts, cap_facts;
} eg_doc;

void eg_doc_init(eg_doc *doc);
void eg_doc_release(eg_doc *doc);

/*
 * Appends a mention; `text` and `entity` are copied. Returns EG_ENOMEM on
 * failure (the doc is unchanged).
 */
eg_status eg_doc_add_mention(eg_doc *doc, const eg_mention *m);
/* Appends a relation; its strings are copied. */
eg_status eg_doc_add_relation(eg_doc *doc, const eg_relation *r);
/* Appends a fact; its strings are copied. */
eg_status eg_doc_add_fact(eg_doc *doc, const eg_fact *f);
/* Sets the number of sentences: doc->sentences gets n zeroed entries (their
 * text NULL), replacing any earlier ones. */
eg_status eg_doc_set_sentences(eg_doc *doc, size_t n);

/*
 * Appends the sentences, mentions, relations and facts of `part`, the
 * extraction of the bytes of a document that start at byte `offset` and at
 * a new paragraph, to `doc`, the extraction of what comes before: offsets,
 * sentence, paragraph and mention numbers are shifted to the whole
 * document's. The strings move (part keeps its id, title, date and url and
 * loses the rest, and is still to be released). EG_ENOMEM leaves both
 * unchanged.
 */
eg_status eg_doc_append(eg_doc *doc, eg_doc *part, size_t offset);

/*
 * The parts of every mention, found in one pass over the mentions (looking
 * them up per mention would be quadratic in a long document): the parts of
 * mention i are index[first[i] .. first[i + 1]), in mention order. A mention
 * counts as a part only when it comes after its parent. Valid until the
 * doc's mentions change; eg_doc_parts_release frees it.
 */
typedef struct eg_doc_parts {
    size_t *first; /* n_mentions + 1 entries */
    size_t *index;
} eg_doc_parts;

eg_status eg_doc_parts_init(eg_doc_parts *parts, const eg_doc *doc);
void eg_doc_parts_release(eg_doc_parts *parts);

/*
 * Appends the JSON Lines form of `doc` (one object, no trailing newline) to
 * `out`. Nested mentions are written inside their parent's "parts" array, so
 * that "mentions" lists only the outermost names.
 */
eg_status eg_doc_to_json(const eg_doc *doc, eg_strbuf *out);

/*
 * Writes the same bytes and a newline to `file` a block at a time, so that
 * a document's JSON line (eight bytes a byte of a text dense in names) is
 * never held whole. EG_EIO when a write failed (errno says why), EG_ENOMEM.
 */
eg_status eg_doc_write_json(const eg_doc *doc, FILE *file);

/*
 * Parses one JSON line written by eg_doc_to_json into `doc` (initialised by
 * this call). The line must hold together: offsets in order and inside their
 * sentence, sentence numbers that exist, relations between entities that its
 * mentions name (or a country, implied by a demonym). On failure returns
 * EG_EPARSE or EG_ENOMEM with a message in err and leaves `doc` released.
 */
eg_status eg_doc_from_json(const char *line, size_t len, eg_doc *doc, eg_error *err);

#endif
