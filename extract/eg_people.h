/*
 * eg_people.h - the people a document names in full, indexed so that a
 * shorter mention finds the one it stands for (used by eg_alias).
 *
 * Full names of one person vary within a document ("Henrik Angell",
 * "Henrik August Angell", "H. Angell"): two full names are one person when
 * they end in the same surname, begin with the same given name (or its
 * initial), the words of the shorter appear, in order, in the longer, and
 * middle initials, where both give some, agree ("George W. Bush" is not
 * "George H. W. Bush"); and a name of two words or more that is the first
 * words of one longer name is that person's ("Maren Holt" of "Maren Holt
 * Vesterby"), unless the longer adds a son's "Jr" or a number, or a place's or
 * a body's head ("... Stadium": a name of something named after a person).
 * A surname alone ("Angell") or a part of a hyphenated one ("Kilroy" of
 * "Robert Kilroy-Silk") stands for the fullest of the full names that carry
 * it. When two people share it, it stands for the one the document names
 * most often in full, the first named of equals (an article's subject is
 * introduced first; relatives and namesakes are named in full where they
 * appear); and a form of address of one sex ("Mrs Howard") never stands for
 * a given name of the other ("Michael Howard").
 * A full name's first word is indexed too, for names written family name
 * first ("Zhou" of "Zhou Enlai"), and the inner words of a name of three
 * words or more, for family names that come before a second one ("Velarde"
 * of "Rodrigo Velarde Quintana");
 * eg_alias asks them only of words that are no given name and no one's
 * surname. A surname with its particle ("De Sanctis", "van Dijk") is the full
 * name that ends in it.
 */
#ifndef EG_PEOPLE_H
#define EG_PEOPLE_H

#include "eg_ner_words.h"

typedef struct eg_person_link {
    size_t chunk, next;
    size_t name; /* index of the distinct full name in eg_people's counts */
} eg_person_link;

typedef struct eg_people {
    eg_map *by_surname; /* surname, or a part of a hyphenated one -> first link */
    eg_map *by_first;   /* first word (not an initial) -> first link */
    eg_map *by_inner;   /* a word between the first and the last of a name of three or more -> first link */
    eg_map *names;      /* the distinct full names indexed, in normal form -> index */
    size_t *uses;       /* per distinct full name: how many times the document writes it */
    size_t n_names, cap_names;
    eg_strbuf key;      /* scratch */
    eg_person_link *links;
    size_t n_links, cap_links;
} eg_people;

eg_status eg_people_init(eg_people *p);
void eg_people_release(eg_people *p);

/* Indexes person chunk c of n->out, a full name of two words or more. */
eg_status eg_people_add(eg_people *p, ner *n, size_t c);

/* Sexes a name or a form of address can tell. */
typedef enum eg_sex { EG_SEX_UNKNOWN = 0, EG_SEX_FEMALE, EG_SEX_MALE } eg_sex;

/* The chunk of the fullest name of the person whose full names have
 * `word` (a normal form) as surname, leaving out those whose given name is
 * of the other sex than `sex` (EG_SEX_UNKNOWN: none left out): of several
 * people, the one named most often in full, then the first named;
 * AMBIGUOUS when more than a few names share the word, EG_NONE when none
 * has it. */
size_t eg_people_by_surname(const eg_people *p, ner *n, const char *word, eg_sex sex);

/* The same for the full names that begin with `word` (a normal form). */
size_t eg_people_by_first(const eg_people *p, ner *n, const char *word);

/* The fullest name of the one person whose full names begin with `word`
 * (a normal form); AMBIGUOUS when they name two or more people. */
size_t eg_people_only_by_first(const eg_people *p, ner *n, const char *word);

/* The same for the full names of three words or more that have `word` (a
 * normal form) inside. */
size_t eg_people_by_inner(const eg_people *p, ner *n, const char *word);

/* The sex the first given name of person chunk c says (eg_lexicon's
 * female_names and male_names), or EG_SEX_UNKNOWN. */
eg_sex eg_people_sex(ner *n, size_t c);

/* The chunk of the fullest name of the person that full name c names: c
 * itself unless a fuller name that can be the same person's is in the
 * document (other people of that surname aside). */
size_t eg_people_fullest(const eg_people *p, ner *n, size_t c);

#endif
