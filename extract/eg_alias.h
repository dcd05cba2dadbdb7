/*
 * eg_alias.h - the name each chunk of a document goes by (a stage of
 * eg_ner_run): a person's name with its capitals fixed; a surname alone, or a
 * one-word country or body that is a person's surname ("Holland" after
 * "Trevor Holland"), the one full name of the document with that surname or with
 * that part of a hyphenated surname ("Kilroy", "Silk"); a country or a
 * well-known organisation its lexicon name ("UK" -> "United Kingdom", "UN" ->
 * "United Nations"); a bare body name the one longer body name it begins
 * ("Magna" -> "Magna International Inc"; "Conservative" -> "Conservative
 * Party" where the lexicon names "Tories" so), the shorter where one such
 * name extends another, and only when the longer adds generic words, not a
 * place ("Sony Europe") or a word of a name ("Square Enix"); a headed one
 * only through a complement ("Parliamentary Assembly" -> "... of the CSTO");
 * an acronym (also a word of a line in capitals) the name it is defined for
 * in parentheses or the one body whose initials it is ("SEC"). Where two
 * candidates tie, the chunk keeps its own name: a wrong merge costs more
 * than a split.
 */
#ifndef EG_ALIAS_H
#define EG_ALIAS_H

#include "eg_ner_words.h"

/* Sets the name of every chunk of n->out that names an entity. */
eg_status eg_alias_name(ner *n);

#endif
