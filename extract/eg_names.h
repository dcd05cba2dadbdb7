/*
 * eg_names.h - names and nesting by rules (a stage of eg_ner_run): each run
 * of capitalised words (a core), minus a leading function word or a
 * sentence's first word the document also writes in lower case, is cut at
 * titles (posts: "Executive Secretary", "deputy Minister of Internal
 * Affairs") and typed by the lexicons: a lexicon name (country,
 * organisation), the rightmost head word (body, document, event, place; a
 * head misspelt by one letter counts), a given name, an acronym. Bodies and
 * documents then take their complements ("of the Republic of Belarus", "on
 * Peacekeeping Activities", "for 2021"), parsed recursively into nested
 * chunks; "Long Name (ACR)" defines an acronym; a head word alone without an
 * article ("in Congress") is a name, with one a generic reference ("the
 * Assembly"). With a tagger, eg_merge then decides which of these names
 * stand; without one they all do.
 */
#ifndef EG_NAMES_H
#define EG_NAMES_H

#include "eg_ner_words.h"

/* Parses the document of n into chunks, appended to n->out (emptied by the
 * caller); parents come before their nested chunks. */
eg_status eg_names_parse(ner *n);

#endif
