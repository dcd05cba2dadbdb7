/*
 * eg_pairs.h - a learned scorer of role links. For each person and each body
 * named in one sentence that the patterns of eg_relate left unlinked, a
 * logistic model over the words between the two names, their order and
 * distance, the words around them and the names between says whether the
 * sentence states that the person works for the body ("said Ann Lee, who
 * runs the research desk at Vexa"). It reads only an eg_doc and the text it
 * came from, so the trainer sees exactly what extraction sees.
 *
 * Trained by `entigraph train --pairs` from annotated pairs (CoNLL04
 * Work_For relations, the news set's roles); the default model,
 * models/pairs.egp, is compiled in. The model is read-only once loaded:
 * any number of threads may share one.
 *
 *   eg_pair_model *m;
 *   eg_pair_model_default(&m, &err);
 *   eg_extractor_set_pairs(ex, m);   (eg_extract then calls eg_pairs_link)
 *   ...
 *   eg_pair_model_free(m);
 */
#ifndef EG_PAIRS_H
#define EG_PAIRS_H

#include "eg_doc.h"
#include "eg_lexicon.h"

typedef struct eg_pair_model eg_pair_model;

/* Reads a model from data[0..len) (copied); `name` is for messages. EG_EPARSE
 * names what is wrong with a file that is not a model. */
eg_status eg_pair_model_load(const void *data, size_t len, const char *name, eg_pair_model **out,
                             eg_error *err);
/* The model compiled into the library; EG_ENOINPUT when it was built without one. */
eg_status eg_pair_model_default(eg_pair_model **out, eg_error *err);
void eg_pair_model_free(eg_pair_model *m);

/* Adds to doc, extracted from text[0..len), a role relation for each person
 * the patterns placed nowhere, known by a name of two words or more, whose
 * best-scoring body in its sentence scores above the model's threshold; its title is the run of title words (of
 * `lex`, which may be NULL: no title) between the two names, else just
 * before the person's. With no title, the body must be one by more than
 * the tagger's word (an acronym, an organisation of `lex`, a body's head
 * word): films and shows the tagger takes for bodies are the usual wrong
 * links. EG_ENOMEM or EG_OK. */
eg_status eg_pairs_link(const eg_pair_model *m, const eg_lexicon *lex, const char *text, size_t len,
                        eg_doc *doc);

/* ---- training ---- */

/* A true pair in a training document: byte ranges of the person's name and
 * of the body's name (either may be one of several mentions of the entity). */
typedef struct eg_gold_pair {
    size_t person_start, person_end;
    size_t body_start, body_end;
} eg_gold_pair;

typedef struct eg_pair_trainer eg_pair_trainer;

eg_status eg_pair_trainer_new(eg_pair_trainer **out);
void eg_pair_trainer_free(eg_pair_trainer *t);

/* Adds the candidate pairs of doc (extracted from text[0..len)); a pair is
 * true when its names overlap those of one of gold[0..n_gold). */
eg_status eg_pair_trainer_add(eg_pair_trainer *t, const char *text, size_t len, const eg_doc *doc,
                              const eg_gold_pair *gold, size_t n_gold);

/* Reads annotated documents, one JSON object a line: {"text", "entities":
 * [{"type", "start", "end", "cluster"?}]} (offsets in characters) with
 * either "relations": [{"type": "Work_For", "head", "tail"}] (entity
 * indexes, as in CoNLL04) or "roles": [{"person", "target"}] (clusters, as
 * in the news sets); extracts each text with ex and adds its pairs. Errors
 * name FILE:LINE. *n_docs counts the documents read. */
typedef struct eg_extractor eg_extractor;
eg_status eg_pair_trainer_add_file(eg_pair_trainer *t, eg_extractor *ex, const char *path, size_t *n_docs,
                                   eg_error *err);

/* Candidate pairs added so far, and how many are true. */
size_t eg_pair_trainer_count(const eg_pair_trainer *t, size_t *n_true);

/* Trains for `epochs` passes (the same data give the same bytes) and writes
 * the model, with its decision threshold (a probability), into out. */
eg_status eg_pair_trainer_run(eg_pair_trainer *t, int epochs, double threshold, eg_strbuf *out);

#endif
