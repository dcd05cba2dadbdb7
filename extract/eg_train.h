/*
 * eg_train.h - trains the tagger (eg_tagger.h) from annotated text.
 *
 * Data are JSON Lines, one document a line, as in shared/data:
 *   {"id": ..., "text": ..., "entities": [{"type", "start", "end"}, ...]}
 * with character offsets (code points, end exclusive). Types are read as
 * entigraph's: person/PER/Peop, body/ORG/Org, country, document,
 * misc/MISC/Other, and loc/LOC/Loc, which is a country when the whole name is
 * one in the lexicon ("Russia", "U.S.") and a place otherwise.
 * Spans are read by the CoNLL-2003 convention, whatever the data's: a
 * person's name without the title or honorific before it ("President
 * Kennedy" -> "Kennedy"), and no sentence-final period. A span that does not
 * fall on token boundaries, crosses a sentence, or overlaps an earlier one is
 * left out and counted.
 *
 * Training is the averaged structured perceptron (Collins 2002): one Viterbi
 * decode per sentence, an update of the features of the tokens it got wrong,
 * weights averaged over all steps. Documents are visited in an order shuffled
 * by a fixed seed, so the same data and options give the same model bytes.
 * A two-stage model's second stage learns from first-pass tags that a model
 * trained without the document made (jackknife over `folds` parts), so that
 * it sees first-pass errors as they occur on new text. With `runs` > 1 the
 * whole training is repeated over other visiting orders and the weights of
 * the runs averaged: one model of the same size whose figures depend less on
 * the order the documents happened to be visited in.
 */
#ifndef EG_TRAIN_H
#define EG_TRAIN_H

#include "eg_lexicon.h"
#include "eg_tagger.h"

typedef struct eg_train_opts {
    size_t epochs;      /* passes over the data per stage */
    size_t stages;      /* 1 or 2 */
    size_t folds;       /* jackknife parts for the second stage's first-pass tags */
    float min_weight;   /* weights smaller in magnitude are not written */
    uint64_t seed;      /* of the visiting order */
    size_t runs;        /* models trained over differently shuffled orders and
                           averaged (each run's seed follows from `seed`) */
    /* Called with one line of news (data read, each epoch's figures); may be NULL. */
    void (*report)(void *data, const char *line);
    /* Called often with the fraction done of the current pass; may be NULL. */
    void (*progress)(void *data, const char *what, double fraction);
    void *data;
} eg_train_opts;

#define EG_TRAIN_OPTS_INIT {10, 2, 4, 0.0f, 1, 1, NULL, NULL, NULL}

typedef struct eg_trainer eg_trainer;

/* `lex` is borrowed and must outlive the trainer. */
eg_status eg_trainer_new(const eg_lexicon *lex, const eg_train_opts *opts, eg_trainer **out);
void eg_trainer_free(eg_trainer *tr);

/*
 * Reads the annotated documents of a JSON Lines file: to train on (each
 * document `repeat` times per epoch: a small set in the users' own kind of
 * text weighs more), or, with `heldout`, only to report figures on after each
 * epoch. Errors name the file and line.
 */
eg_status eg_trainer_add_file(eg_trainer *tr, const char *path, bool heldout, size_t repeat,
                              eg_error *err);

/* Trains and appends the model file to `model`. */
eg_status eg_trainer_run(eg_trainer *tr, eg_strbuf *model, eg_error *err);

/* Precision, recall and F1 of typed spans per type (exact match). */
typedef struct eg_span_score {
    size_t tp[EG_TAG_N_TYPES], fp[EG_TAG_N_TYPES], fn[EG_TAG_N_TYPES];
} eg_span_score;

/* Tags the held-out documents with a model and scores them. */
eg_status eg_trainer_evaluate(eg_trainer *tr, const eg_tagger *tagger, eg_span_score *score);

double eg_span_f1(const eg_span_score *s, eg_tag_type type);

#endif
