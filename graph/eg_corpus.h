/*
 * eg_corpus.h - gathers the documents extracted from a corpus and turns their
 * mentions into entities and their relations into the edges of a network.
 *
 * Documents are added one at a time (eg_corpus_add copies what it needs, so
 * the caller may release each eg_doc at once); the text itself is never held.
 * Adding is order-independent in what it accumulates (counts, sets, earliest
 * and latest dates); only "first evidence" depends on the order, which is the
 * order the documents were given in, so the same inputs give the same bytes.
 *
 * eg_corpus_build then applies the alias rules across the corpus, each only
 * when it is unambiguous (two candidates: no merge):
 *  - a name that is a surface form of exactly one other entity of its type
 *    joins it ("MGIMO" where another document defined it), but for a
 *    person's one word that begins the names of two people of the corpus
 *    (a given name they share: "Anna" that one document gave Anna Vostan);
 *  - bodies whose initials agree, one of them written with an acronym, whose
 *    spelled-out words agree and that share a word or an acronym ("CSTO PA" =
 *    "CSTO Parliamentary Assembly" = "Parliamentary Assembly of the
 *    Collective Security Treaty Organization"; "X of the Y" read as "Y X";
 *    not "FC Vardo" and "FC Vefsn", nor "BBC1" and "BBC"), or a name in
 *    acronyms and a name that a document wrote with those acronyms;
 *  - a body named by the head part of a longer name ("Mazhilis" ->
 *    "Mazhilis of the Parliament of ..."; a head part of one word only when
 *    no third body name has that word: "Council" is no "Council of Europe");
 *  - a chamber named by its members ("Commons" -> the one "House of
 *    Commons" of the corpus);
 *  - names that differ only in hyphens and spaces ("Robert Kilroy-Silk",
 *    "Robert Kilroy Silk");
 *  - a body or document named without its acronym or year premodifier
 *    ("Collective Security Council" -> "CSTO Collective Security Council");
 *  - a person named by initials and surname -> the one person whose given
 *    name begins with that initial and who has that surname ("K. Lunde" ->
 *    "Kari Lunde");
 *  - a person named by surname only -> the one person with that surname,
 *    unless the word begins another person's name in the corpus (a given
 *    name there: "Hassan" alone may be Hassan Rahimi as well as Omar Hassan).
 * Each entity is labelled with its fullest name. The network's merge log
 * (eg_network.merges) says, for every name of every node, which rule joined
 * it and where it was first written.
 */
#ifndef EG_CORPUS_H
#define EG_CORPUS_H

#include "eg_aliases.h"
#include "eg_doc.h"
#include "eg_network.h"

typedef struct eg_corpus eg_corpus;

eg_status eg_corpus_new(eg_corpus **out);
void eg_corpus_free(eg_corpus *corpus);

/* Adds one document's mentions and relations (copied). EG_EINVAL when a
 * sentence or paragraph number, or the corpus's count of documents or
 * names, does not fit in 32 bits, or a relation's sentence number in 28 (the
 * corpus keeps each sentence and each stated relation in a few bytes). */
eg_status eg_corpus_add(eg_corpus *corpus, const eg_doc *doc);

/* Documents added so far. */
size_t eg_corpus_n_documents(const eg_corpus *corpus);

/*
 * A user's corrections (eg_aliases.h), borrowed: they must outlive the
 * corpus. Set before adding documents: drops and types act on mentions as
 * documents are added; merges, kept-apart pairs and labels when the network
 * is built (a merge first; a kept-apart pair is never joined by a rule).
 */
eg_status eg_corpus_set_aliases(eg_corpus *corpus, const eg_aliases *aliases);

/* How many mentions (drop, type) or names (merge, apart, label) rule i of the
 * aliases matched so far: 0 says the file names something the corpus does
 * not. */
size_t eg_corpus_alias_hits(const eg_corpus *corpus, size_t rule);

/* The window within which two named entities count as co-mentioned. */
typedef enum eg_window {
    EG_WINDOW_SENTENCE = 0,
    EG_WINDOW_PARAGRAPH,
    EG_WINDOW_DOCUMENT
} eg_window;

/* "sentence", "paragraph", "document". */
const char *eg_window_name(eg_window window);
bool eg_window_parse(const char *name, eg_window *window);

typedef struct eg_build_opts {
    eg_window window;
    /*
     * Site furniture: a line found in several documents (at least 2, and in 5%
     * of them or 50) is boilerplate; its links count once for the corpus, at
     * its first document, and a line repeated within one document (a title
     * printed twice) counts once. Set keep_boilerplate to count every copy.
     */
    bool keep_boilerplate;
    /*
     * Spend the corpus: its indexes, names and per-sentence lists are
     * freed as soon as the network no longer needs them, its pool of quoted
     * texts goes to the network (whose edges quote them) rather than being
     * copied, and with glibc the memory freed is given back to the system
     * (malloc_trim), so that the corpus and the network are never whole side
     * by side. The corpus can then only be freed:
     * eg_corpus_add, eg_corpus_build and eg_partial_write on it fail with
     * EG_EINVAL.
     */
    bool spend;
    /* No merge log (net->merges left empty): for a caller that writes
     * neither merges.csv nor the HTML viewer, which show it. On a large
     * corpus the log, an entry with an example sentence for every name of
     * every node, is a third of the network's memory. */
    bool skip_merge_log;
} eg_build_opts;

/* A window that names more entities than this is a list, a table or a whole
 * directory page: it still counts for each entity (mentions, PMI's window
 * counts) but makes no co-mention edges, which would grow as the square of
 * the list (1,000 names: 499,500 edges). */
#define EG_CO_MENTION_MAX_ENTITIES 64

#define EG_BUILD_OPTS_INIT {EG_WINDOW_SENTENCE, false, false, false}

/*
 * Builds the network's nodes and edges into `net` (initialised by this call;
 * no metrics yet). `opts` may be NULL for the defaults. The corpus may be
 * added to and built again afterwards, unless opts->spend.
 *
 * Edges: one per pair of entities; `kind` is the most specific relation
 * stated (eg_edge_kind order); `weight` the number of windows linking the
 * pair; `pmi` = log2(n_ab N / (n_a n_b)) over the N windows naming an entity,
 * n_a of them naming a, n_ab naming both (0 when never together); delegation
 * edges keep every seat figure stated (`seats_history`) and take `seats` from
 * the latest dated document.
 */
eg_status eg_corpus_build(eg_corpus *corpus, const eg_build_opts *opts, eg_network *net,
                          eg_error *err);

#endif
