/*
 * eg_tagger.h - a trained sequence labeller: BILOU tags (eg_features.h) for
 * every token of a document, from a linear model over the tokens' features,
 * decoded sentence by sentence with Viterbi under the BILOU constraints (an
 * I or L only after a B or I of its type; a B or I is never last).
 *
 * A model has one or two stages: the first tags with local features; the
 * second, when present, tags again with the first's tags as document
 * features added (eg_features_document).
 *
 * Model files (written by eg_tagger_write, made by `entigraph train`) are
 * the tagger's table as it reads it, so that loading checks the file and
 * then reads the table where it lies (little-endian numbers; every section
 * starts at a multiple of 8 bytes from the start of the file):
 *   header: "EGTAGGER" | u32 format version | u32 feature version | u32 tags |
 *     u32 stages | u64 payload bytes | u64 payload hash (eg_hash_bytes);
 *   table: u32 home slots | u32 slots | u32 keys | u32 data bytes |
 *     u32 record of the feature with key 0 (0xFFFFFFFF: none) | u32 note bytes;
 *     per stage: u32 features | u32 weights | f32 scale | u32 0;
 *   transitions: per stage f32 [tags][tags];
 *   slots: per slot u64 key (0: empty) | u32 byte offset of its record in the
 *     data; a key is in the first free slot from its home, (key >> 32) *
 *     home slots >> 32, onwards; the last slot is empty;
 *   data: records, each at an even offset: per stage a head byte (its
 *     number of weights n, 0 for none; 0x20: a row of a value for every
 *     tag; 0x40: the last of the pairs' values left out, minus the sum of
 *     the others), then the stages' i16 values, then the stages' u8 tags of
 *     the pairs, in increasing order (weight = value * scale);
 *   note: its bytes and a NUL.
 * A file that is truncated, altered, of another version or built for other
 * features is refused with a message that says which, and so is one whose
 * table would lead a look-up astray (a record outside the data, a tag out
 * of range, a key where no look-up finds it...).
 *
 * A loaded tagger is read-only: one may serve any number of threads, each
 * with its own eg_tagger_work.
 */
#ifndef EG_TAGGER_H
#define EG_TAGGER_H

#include "eg_features.h"

#define EG_TAGGER_FORMAT 2
/* Bumped whenever eg_features changes what a template means. */
#define EG_TAGGER_FEATURES 3

typedef struct eg_tagger eg_tagger;

/* Reads a model from memory. The tagger reads its table in place when data
 * is 8-byte aligned and the host little-endian (else from a copy): keep
 * data unchanged until eg_tagger_free. */
eg_status eg_tagger_load(const void *data, size_t len, const char *name, eg_tagger **out,
                         eg_error *err);
/* Reads a model file (into one buffer, which the tagger keeps). */
eg_status eg_tagger_load_file(const char *path, eg_tagger **out, eg_error *err);
/* The model compiled into the library (models/default.egm). */
eg_status eg_tagger_default(eg_tagger **out, eg_error *err);
void eg_tagger_free(eg_tagger *tagger);

/* What the model says of itself: its training data and settings. */
const char *eg_tagger_note(const eg_tagger *tagger);
size_t eg_tagger_n_stages(const eg_tagger *tagger);
size_t eg_tagger_n_weights(const eg_tagger *tagger);

/* Scratch space for tagging: one per thread, reused across documents.
 * `window` is how many tokens (of whole sentences) are scored at a time, 0
 * for the default; the tags are the same for any window (tests set a small
 * one to show it). */
typedef struct eg_tagger_work {
    eg_feature_doc *doc;
    eg_features local, document; /* of the window */
    float *scores;               /* of the window */
    size_t cap_scores;
    uint8_t *first_pass;         /* of the document */
    size_t cap_first_pass;
    size_t window;
} eg_tagger_work;

void eg_tagger_work_init(eg_tagger_work *w);
void eg_tagger_work_release(eg_tagger_work *w);

/* Tags the tokens of text: tags[i] for token i (toks->n entries). */
eg_status eg_tagger_tag(const eg_tagger *tagger, const char *text, const eg_tokens *toks,
                        const eg_lex_matches *lm, eg_tagger_work *w, uint8_t *tags);

/* ---- for training ---- */


/*
 * The best tags for tokens [first, last) of one sentence, given emission
 * scores (a row per token, `stride` floats apart, the document's rows; the
 * first EG_N_TAGS of a row count) and transition
 * scores (EG_N_TAGS x EG_N_TAGS, [from][to]), under the BILOU constraints.
 * Tokens that are no candidates (eg_features) get O; each run of candidates
 * between them is decoded on its own. `back` is scratch of a row per token.
 */
void eg_decode(const float *emit, size_t stride, const uint8_t *candidate, size_t first, size_t last,
               const float *trans, uint8_t *back, uint8_t *out);

/* One stage's weights as training leaves them: a dense row per feature. */
typedef struct eg_stage_weights {
    const float *trans;  /* EG_N_TAGS x EG_N_TAGS */
    size_t n_features;
    const uint64_t *keys;
    const float *rows;   /* n_features x EG_N_TAGS */
} eg_stage_weights;

/*
 * Appends the model file of `stages` to out. Weights smaller in magnitude
 * than `min_weight` are left out (0 keeps all but zeros), and so are those
 * that round to 0; the layout depends on the weights alone, so the same
 * weights always give the same bytes.
 */
eg_status eg_tagger_write(const eg_stage_weights *stages, size_t n_stages, const char *note,
                          float min_weight, eg_strbuf *out);

/* A name found by the tagger: tokens [first, last) of one type. */
typedef struct eg_tag_span {
    size_t first, last;
    eg_tag_type type;
} eg_tag_span;

/* The names in a tag sequence (a B without its L, or a stray I or L, is
 * read as far as it goes). *spans is grown with eg_grow; *n is set. */
eg_status eg_tags_to_spans(const uint8_t *tags, size_t n_tokens, eg_tag_span **spans, size_t *n,
                           size_t *cap);

#endif
