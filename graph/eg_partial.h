/*
 * eg_partial.h - the state of an eg_corpus as a file, and the merging of such
 * files: the reduce step of entigraph, cut anywhere.
 *
 * `extract` maps documents to their names and relations; `graph` reduces
 * them to one network. A partial file is the reducer's state after some
 * documents: per document its id, date, the keys each sentence names (the
 * co-mention counts and the boilerplate test need them), its relations and
 * facts, and the text of each sentence naming a few keys (the evidence of
 * their co-mention); per key its type, normal form, chosen spelling,
 * mention count and forms. The rest of the documents' text is not in it,
 * so a partial is several times smaller than the `extract` output it was
 * made from. Merging partials in any tree, in any
 * order, and building the network from the result gives the bytes a single
 * `build` of all the documents gives, because every choice the corpus makes
 * between documents (a name's spelling, a form's example sentence, a pair's
 * evidence) goes by the documents' canonical order (by id), which the merge
 * keeps.
 *
 * Format: JSON Lines. A header object, then one JSON array a line, each
 * starting with a letter, in this order (indexes count from 0 within the
 * file):
 *   {"entigraph": "partial", "version": 2, "texts": T, "docs": N, "keys": K,
 *    "forms": F, "sentences": S, "relations": R, "facts": X}
 *   ["t", text]                                      a sentence quoted below
 *   ["d", id, date]                                  a document ("" = no date)
 *   ["k", type, norm, name, name_doc, mentions, named, sig]   a key (sig or null)
 *   ["f", key, text, form, doc, example]             a form (example: a "t"
 *                                                    index or null)
 *   ["s", doc, sentence, paragraph, line, [key...], text]  a sentence's keys
 *                                                    (line: 16 hex digits;
 *                                                    text: a "t" index or null)
 *   ["r", doc, kind, source, target, role, seats, sentence, evidence] (role and
 *                                                    evidence: "t" indexes or null)
 *   ["x", key, name, value, doc]                     a fact ("website")
 * Sentences and relations come grouped by document, documents in order.
 * Version 1 (before 2026-12) kept a record per pair of keys instead of the
 * sentences' texts; its files are refused by version.
 */
#ifndef EG_PARTIAL_H
#define EG_PARTIAL_H

#include "eg_corpus.h"

#include <stdio.h>

/* Writes the state of corpus c to fp. EG_EIO names the failure. */
eg_status eg_partial_write(const eg_corpus *c, FILE *fp, eg_error *err);

/* Whether a file's first line (len bytes, no newline needed) is the header of
 * a partial file. */
bool eg_partial_is_header(const char *line, size_t len);

/*
 * Merging one partial file into a corpus, a line at a time: the header
 * first, then the records in file order. The documents it holds join the
 * corpus's (a corpus made with --aliases drops or retypes names as documents
 * come in; a partial made without them cannot be: eg_partial_begin refuses a
 * corpus whose aliases drop or retype names).
 */
typedef struct eg_partial_reader eg_partial_reader;

/* Starts merging into c, whose documents and names it adds to. `name` names
 * the file in messages (borrowed). */
eg_status eg_partial_begin(eg_corpus *c, const char *name, eg_partial_reader **out, eg_error *err);

/* One line of the file (the header, then records), `lineno` for messages.
 * A malformed line, an index out of range, a record out of order or a count
 * the header does not announce is EG_EPARSE naming the file and line: the
 * corpus then holds part of the file and must not be built. */
eg_status eg_partial_line(eg_partial_reader *r, const char *line, size_t len, size_t lineno,
                          eg_error *err);

/* Checks that every record the header announced came, gives the number of
 * documents the file held (may be NULL); then frees r. */
eg_status eg_partial_end(eg_partial_reader *r, size_t *n_docs, eg_error *err);

/* Frees r without checks (after a failure); NULL is harmless. */
void eg_partial_free(eg_partial_reader *r);

#endif
