/*
 * eg_aliases.h - a user's corrections to the entities of a network, read
 * from an aliases file (`--aliases FILE` of build and graph).
 *
 * The file is UTF-8 text, one directive a line, fields separated by tabs;
 * empty lines and lines starting with '#' are skipped:
 *
 *   merge  NAME  NAME...   these names are one entity
 *   apart  NAME  NAME      never join these two (whatever rule would)
 *   drop   NAME            not an entity: its mentions are left out
 *   label  NAME  LABEL     the entity's label
 *   type   NAME  TYPE      the entity's type: person, body, country, document
 *
 * A NAME is an entity name as `extract` prints it, or a name as the text
 * writes it (an alias); names are compared as eg_normalize compares them
 * (case, accents, dashes and spacing aside). `drop` and `type` act on
 * mentions as documents are added; `merge`, `apart` and `label` when the
 * network is built (see eg_corpus.h).
 *
 * Ownership: eg_aliases_load returns a set the caller frees with
 * eg_aliases_free (NULL is harmless); its strings belong to it.
 */
#ifndef EG_ALIASES_H
#define EG_ALIASES_H

#include "eg_base.h"
#include "eg_doc.h"

typedef enum eg_alias_kind {
    EG_ALIAS_MERGE = 0,
    EG_ALIAS_APART,
    EG_ALIAS_DROP,
    EG_ALIAS_LABEL,
    EG_ALIAS_TYPE
} eg_alias_kind;

typedef struct eg_alias_rule {
    eg_alias_kind kind;
    char **names;   /* as written in the file */
    char **norms;   /* the same, normalised */
    size_t n_names;
    char *label;    /* EG_ALIAS_LABEL: the label */
    eg_type type;   /* EG_ALIAS_TYPE: the type */
    size_t line;    /* in the file, from 1 */
} eg_alias_rule;

typedef struct eg_aliases {
    char *path;     /* the file, for messages */
    eg_alias_rule *rules;
    size_t n_rules;
    eg_map *drops;  /* normalised name -> its drop rule */
    eg_map *types;  /* normalised name -> its type rule */
} eg_aliases;

/* Reads the aliases file at path; errors (EG_EIO, EG_EPARSE, EG_ENOMEM) name
 * the file and line. */
eg_status eg_aliases_load(const char *path, eg_aliases **out, eg_error *err);

/* The same from text in memory; `path` names it in messages. */
eg_status eg_aliases_parse(const char *text, size_t len, const char *path, eg_aliases **out,
                           eg_error *err);

void eg_aliases_free(eg_aliases *aliases);

/*
 * The document as the file's drop and type directives have it: `view` gets
 * the mentions and relations of doc less those naming a dropped entity (by
 * its name or, for a mention, its text), with the types the file sets; a
 * nested mention whose parent is dropped becomes top-level. The view's
 * arrays are its own (release them with eg_aliases_view_release); its
 * strings and everything else are doc's, which must outlive it. hits[r]
 * (one count per rule) grows by the mentions rule r matched.
 */
eg_status eg_aliases_view(const eg_aliases *aliases, const eg_doc *doc, eg_doc *view, size_t *hits);
void eg_aliases_view_release(eg_doc *view);

/* "merge", "apart", "drop", "label", "type". */
const char *eg_alias_kind_name(eg_alias_kind kind);

#endif
