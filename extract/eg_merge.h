/*
 * eg_merge.h - where the tagger and the rules meet (a stage of
 * eg_ner_run). The tagger decides which words are names and of which type: person, body, country, or none of ours
 * (misc, loc). The rules keep what a tagger does not do: titles (posts),
 * documents, the names nested in a body's name, generic references ("the
 * Assembly"), acronyms defined in parentheses. In order:
 *  1. a one-word organisation the lexicon knows before a person's given
 *     name is a body of its own, the person's affiliation ("Tory Liam
 *     Fox"); a name the tagger read as a person or as none of ours that
 *     the text calls a kind of organisation ("Vexa is a Norwegian
 *     shipping company", not "a record producer") is a body in the whole
 *     document; a party's adjective or member noun the lexicon knows,
 *     capitalised and no word of a longer name, is the party before a
 *     post, a person or a kind of organisation ("Conservative spokesman",
 *     "the Liberal party", with "party") and in mid-sentence as a noun for
 *     a member ("a Democrat from Ohio"), the tagger's misc or nothing
 *     there; a body with a head word after "X and", X a capitalised common
 *     word of no name, begins at X ("Qualifications and Curriculum
 *     Authority"); a body whose head word (its last, or the one before
 *     "of") names an event is an event ("Cannes Film Festival", "Battle of
 *     X"), a forum or a conference aside; a tagger name loses the words of a group ("CSTO Member States" ->
 *     "CSTO"; "States" alone is no name), unless a lexicon name covers it
 *     ("United States"); a person's takes a regnal number or a
 *     generational suffix ("Elizabeth I", "Paul Desmarais Sr") and the
 *     initials before it ("A. R. Rahman");
 *  2. a tagger name over words the rules read as a title (a post) is
 *     refused: posts are the rules' ("Ambassador Extraordinary and
 *     Plenipotentiary"); the rules' names under it stand. But a body the
 *     tagger found around the whole title keeps it as a word of its name
 *     ("General Motors Corp"), and a body or country inside the title before its post
 *     ("backbench Labour MP") is the tagger's, the title beginning after it;
 *  3. where the rules read two bodies joined by "and" or a comma, each with
 *     its head word, and the tagger one name over both, the rules' stand;
 *     a body or document the rules read as a longer name than the tagger,
 *     over names the tagger found inside it, stands with its nested names
 *     ("National Assembly of the Republic of Belarus", where the tagger saw
 *     "National Assembly" and "Republic of Belarus"): a body when the rules
 *     took a complement ("of the ...", "on ..."), a document always (few
 *     annotated texts mark documents: they are the rules' own); and a name
 *     of acronyms side by side in which the tagger saw a body ("CSTO PA");
 *  4. every other tagger name takes over the rules' chunk of exactly its
 *     words (nested names kept for a body or a place; a person or country
 *     has none), or becomes a chunk of its own; a document by its head word
 *     stays a document unless the tagger sees a person, and a given name run
 *     together with a surname ("YerlanKoshanov") a person;
 *  5. the rules' titles, documents, generic references and implied names
 *     that no tagger name overlaps stand; so do the rules' names under a
 *     refused tagger name; every other chunk of the rules goes;
 *  6. a body made of a state's organ words right after a demonym ("the
 *     Russian Foreign Ministry", where the tagger names "Foreign Ministry")
 *     gets that state as an implied nested name: country_of, and a name of
 *     its own for each state's ministry.
 */
#ifndef EG_MERGE_H
#define EG_MERGE_H

#include "eg_ner_words.h"

/* Merges the tagger's names `spans` into the rules' chunks n->out, by the
 * policy above. Parents stay before their nested chunks. */
eg_status eg_merge_tags(ner *n, const eg_tag_span *spans, size_t n_spans);

#endif
