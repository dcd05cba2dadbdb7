/*
 * eg_relate.h - relations between the chunks of one document.
 *
 * Structure (eg_structure.c) comes from how names nest: "House of
 * Representatives of the National Assembly" is part_of the National
 * Assembly; "Parliament of the Republic of Kazakhstan" is country_of
 * Kazakhstan; "CSTO PA Secretariat" is part_of the CSTO PA; and from
 * possessives, definitions, places and stated units (see eg_structure.c).
 *
 * Roles come from a table of constructions over the sequence of chunks
 * (person P, title T, body or country X), each a row of data:
 *   P , RP-list          "Sergei Pospelov, Executive Secretary of the ..."
 *   P ( RP-list )
 *   RP-list : P          "Plenipotentiary Representative of X, deputy ... of Y: P"
 *   RP-list , P          "the Secretary of the Security Council, Nikolai Patrushev"
 *   RP P                 "CSTO PA Executive Secretary Sergei Pospelov"
 * where a role phrase RP is "[the] T [of|at|for|to|in [the] X]", "X T" or
 * "X 's T", and an RP-list joins role phrases with ",", "-", "and". A title
 * without a target followed by "and" and one with a target shares it
 * ("Secretary of State and deputy Minister of Internal Affairs of X").
 */
#ifndef EG_RELATE_H
#define EG_RELATE_H

#include "eg_ner.h"

typedef struct eg_link {
    eg_relation_kind kind;
    size_t source, target; /* chunk indexes */
    size_t title;          /* role: the title chunk (first of a joined pair), else EG_NONE */
    size_t title_last;     /* role: the last title chunk of a joined title, else == title */
    size_t word, word_end; /* role without a title chunk: the tokens [word, word_end) that
                              name what the person is ("Happy Mondays dancer Bez"); 0, 0 */
    size_t sentence;
    int seats;             /* delegation: seats, else -1 */
} eg_link;

/* A fact read off the text: the chunk it is about, and the value's bytes. */
typedef struct eg_fact_link {
    size_t chunk;
    const char *key;       /* static string: "website" */
    size_t start, end;     /* the value's byte range in the text */
    size_t sentence;
} eg_fact_link;

typedef struct eg_links {
    eg_link *v;
    size_t n, cap;
    eg_fact_link *facts;
    size_t n_facts, cap_facts;
} eg_links;

void eg_links_init(eg_links *links);
void eg_links_release(eg_links *links);

/*
 * Finds the relations among `chunks` (named by eg_ner_run); `links` is
 * emptied first. `matches` are the lexicon phrases of toks
 * (eg_lexicon_match). Beside roles and structure (above):
 *  - delegations: "Delegation of X to Y consists of N deputies from A and M
 *    members of B" -> X delegation Y with N + M seats; A and B part_of X;
 *  - document actions, verbs from document_verbs.txt: active ("X adopted the
 *    D", "X has approved the D1 and the D2"), passive ("the D was signed by
 *    P1 ... and P2"), with "the document", "the agreement" standing for the
 *    last document named, and a generic subject ("the Assembly") standing for
 *    the body of the document it most likely means; the parties of "an
 *    agreement between X and Y" signed it;
 *  - facts: "Website of X: URL".
 */
eg_status eg_relate_run(const eg_lexicon *lex, const eg_lex_matches *matches, const char *text,
                        const eg_tokens *toks, const eg_chunks *chunks, eg_links *links);

#endif
