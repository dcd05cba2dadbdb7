#include "pipeline.h"

#include "eg_text.h"

#include <cjson/cJSON.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Text in flight beyond which no more is read ahead (one document may be larger). */
#define MAX_BYTES_IN_FLIGHT ((size_t)64 << 20)
/* Two batches a thread: one being extracted, one ready; four held 1.3 MB
 * more on 50 MB of short pages at -j2 and extracted no faster. */
#define SLOTS_PER_THREAD 2
/* Documents go to the workers in batches of up to this many, or this much
 * text: a hand-over costs two wake-ups, which for short news articles cost
 * as much as a tenth of their extraction. */
#define BATCH_DOCS 32
#define BATCH_BYTES ((size_t)256 << 10)

enum slot_state { SLOT_EMPTY, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

/* A document read and its result. The input's strings are copies: the
 * source's stay valid only until its next document. */
typedef struct doc_slot {
    char *id, *title, *date, *url; /* NULL when the source has none */
    char *text;
    size_t len;
    pipeline_item item;
} doc_slot;

/* A batch of documents, read, extracted and handed on together. */
typedef struct slot {
    enum slot_state state;
    doc_slot docs[BATCH_DOCS];
    size_t n;
    size_t bytes; /* of their texts */
} slot;

typedef struct pipeline {
    const pipeline_config *cfg;
    pthread_mutex_t lock;
    pthread_cond_t queued; /* a slot became QUEUED, or stop */
    pthread_cond_t done;   /* a slot became DONE */
    slot *slots;
    size_t n_slots;
    size_t next_read, next_emit; /* sequence numbers; slot of seq s: s % n_slots */
    size_t bytes_in_flight;
    bool stop;
} pipeline;

typedef struct worker {
    pipeline *p;
    eg_extractor *ex;
    pthread_t thread;
} worker;

size_t pipeline_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

static void doc_slot_clear(doc_slot *s)
{
    free(s->id);
    free(s->title);
    free(s->date);
    free(s->url);
    free(s->text);
    free((char *)s->item.origin);
    eg_doc_release(&s->item.doc);
    eg_strbuf_release(&s->item.json);
    memset(s, 0, sizeof *s);
    eg_doc_init(&s->item.doc);
    eg_strbuf_init(&s->item.json);
}

static void slot_clear(slot *s)
{
    for (size_t i = 0; i < BATCH_DOCS; i++)
        doc_slot_clear(&s->docs[i]);
    s->n = s->bytes = 0;
    s->state = SLOT_EMPTY;
}

static char *copy_or_null(const char *s, bool *failed)
{
    if (!s)
        return NULL;
    char *c = eg_strdup(s);
    *failed |= c == NULL;
    return c;
}

/* Copies the source's document into s; false when out of memory. */
static bool doc_slot_fill(doc_slot *s, const eg_source_doc *sd)
{
    bool failed = false;
    s->id = copy_or_null(sd->id, &failed);
    s->title = copy_or_null(sd->title, &failed);
    s->date = copy_or_null(sd->date, &failed);
    s->url = copy_or_null(sd->url, &failed);
    s->item.origin = copy_or_null(sd->origin ? sd->origin : sd->id, &failed);
    s->text = malloc(sd->len ? sd->len : 1);
    if (s->text)
        memcpy(s->text, sd->text, sd->len);
    s->len = sd->len;
    return !failed && s->text;
}

/* Appends "text": the document's text (as UTF-8, invalid bytes replaced)
 * as the last member of the JSON object in json. */
static eg_status add_text(eg_strbuf *json, const char *text, size_t len)
{
    if (!json->len || json->buf[json->len - 1] != '}')
        return EG_EPARSE;
    eg_strbuf utf8 = EG_STRBUF_INIT;
    size_t n_bad, first_bad;
    eg_status st = eg_utf8_repair(text, len, &utf8, &n_bad, &first_bad, NULL);
    cJSON *value = st == EG_OK ? cJSON_CreateString(utf8.buf) : NULL;
    char *printed = value ? cJSON_PrintUnformatted(value) : NULL;
    if (!printed) {
        st = EG_ENOMEM;
    } else {
        eg_strbuf_setlen(json, json->len - 1);
        eg_strbuf_adds(json, ",\"text\":");
        eg_strbuf_adds(json, printed);
        eg_strbuf_addc(json, '}');
    }
    free(printed);
    cJSON_Delete(value);
    eg_strbuf_release(&utf8);
    return st;
}

/* Extracts the document of s (no lock held: the slot is this worker's). */
static void extract_doc(const pipeline_config *cfg, eg_extractor *ex, doc_slot *s)
{
    eg_input in = {s->id, s->text, s->len, s->title, s->date, s->url};
    s->item.status = eg_extract(ex, &in, &s->item.doc, &s->item.stats);
    /* a document read in parts (eg_extract.h) makes a line too long to hold
     * twice, as a doc and as its JSON: written as it is made */
    s->item.json_deferred = cfg->want_json && !cfg->with_text && s->len > EG_PART_BYTES;
    if (s->item.status == EG_OK && cfg->want_json && !s->item.json_deferred) {
        if (eg_doc_to_json(&s->item.doc, &s->item.json) == EG_OK && cfg->with_text)
            s->item.status = add_text(&s->item.json, s->text, s->len);
        eg_strbuf_addc(&s->item.json, '\n');
        if (s->item.status == EG_OK)
            s->item.status = eg_strbuf_status(&s->item.json);
    }
    free(s->text); /* the document holds what it needs of its text */
    s->text = NULL;
}

static void *work(void *arg)
{
    worker *w = arg;
    pipeline *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        slot *s = NULL;
        /* the oldest queued document first, so that results come in order */
        for (size_t q = p->next_emit; q < p->next_read && !s; q++)
            if (p->slots[q % p->n_slots].state == SLOT_QUEUED)
                s = &p->slots[q % p->n_slots];
        if (!s) {
            if (p->stop)
                break;
            pthread_cond_wait(&p->queued, &p->lock);
            continue;
        }
        s->state = SLOT_RUNNING;
        pthread_mutex_unlock(&p->lock);
        for (size_t i = 0; i < s->n; i++)
            extract_doc(p->cfg, w->ex, &s->docs[i]);
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_DONE;
        pthread_cond_signal(&p->done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Reads the next document into d (no worker touches it). Returns 1 when a
 * document was read, 0 at the end, -1 on an error (*err set). */
static int read_one(doc_slot *d, eg_source *src, eg_error *err)
{
    eg_source_doc sd;
    if (eg_source_next(src, &sd, err))
        return -1;
    if (!sd.text)
        return 0;
    if (!doc_slot_fill(d, &sd)) {
        doc_slot_clear(d);
        eg_error_set(err, EG_ENOMEM, "out of memory reading %s", sd.origin ? sd.origin : "a document");
        return -1;
    }
    return 1;
}

/* Reads a batch of documents into s (EMPTY: no worker touches it): until it
 * is full, the end or a failure. Returns 1 when it goes on after the batch,
 * 0 at the end, -1 on an error (*err set); s->n documents were read in any
 * case, and are handed on. */
static int read_batch(slot *s, eg_source *src, eg_error *err)
{
    while (s->n < BATCH_DOCS && s->bytes < BATCH_BYTES) {
        int got = read_one(&s->docs[s->n], src, err);
        if (got <= 0)
            return got;
        s->bytes += s->docs[s->n].len;
        s->n++;
    }
    return 1;
}

/* One thread: each document read, extracted and handed on in turn by the
 * calling thread. A worker would add a hand-over, two wake-ups, per
 * document: some 7% of the time of a corpus of short news articles. */
static int run_inline(const pipeline_config *cfg, eg_source *src, pipeline_emit_fn emit, void *data,
                      eg_error *err)
{
    eg_extractor *ex = NULL;
    if (eg_extractor_new(cfg->lex, cfg->tagger, &ex)) {
        eg_error_set(err, EG_ENOMEM, "out of memory");
        return -1;
    }
    eg_extractor_set_pairs(ex, cfg->pairs);
    eg_extractor_set_part_bytes(ex, cfg->part_bytes);
    doc_slot one;
    memset(&one, 0, sizeof one);
    doc_slot_clear(&one);
    int rc = 0;
    for (;;) {
        int got = read_one(&one, src, err);
        if (got <= 0) {
            rc = got;
            break;
        }
        extract_doc(cfg, ex, &one);
        rc = emit(data, &one.item);
        doc_slot_clear(&one);
        if (rc)
            break;
    }
    doc_slot_clear(&one);
    eg_extractor_free(ex);
    return rc;
}

int pipeline_run(const pipeline_config *cfg, eg_source *src, pipeline_emit_fn emit, void *data,
                 eg_error *err)
{
    size_t threads = cfg->threads ? cfg->threads : 1;
    if (threads == 1)
        return run_inline(cfg, src, emit, data, err);
    pipeline p = {.cfg = cfg, .n_slots = SLOTS_PER_THREAD * threads};
    worker *workers = calloc(threads, sizeof *workers);
    p.slots = calloc(p.n_slots, sizeof *p.slots);
    size_t started = 0;
    int rc = 0;
    bool locks = false;
    if (!workers || !p.slots) {
        eg_error_set(err, EG_ENOMEM, "out of memory");
        rc = -1;
        goto cleanup;
    }
    for (size_t i = 0; i < p.n_slots; i++) {
        memset(&p.slots[i], 0, sizeof p.slots[i]);
        slot_clear(&p.slots[i]);
    }
    if (pthread_mutex_init(&p.lock, NULL) || pthread_cond_init(&p.queued, NULL) ||
        pthread_cond_init(&p.done, NULL)) {
        eg_error_set(err, EG_ENOMEM, "cannot set up the threads");
        rc = -1;
        goto cleanup;
    }
    locks = true;
    for (size_t i = 0; i < threads; i++) {
        workers[i].p = &p;
        if (eg_extractor_new(cfg->lex, cfg->tagger, &workers[i].ex)) {
            eg_error_set(err, EG_ENOMEM, "out of memory");
            rc = -1;
            goto join;
        }
        eg_extractor_set_pairs(workers[i].ex, cfg->pairs);
        eg_extractor_set_part_bytes(workers[i].ex, cfg->part_bytes);
        if (pthread_create(&workers[i].thread, NULL, work, &workers[i])) {
            eg_error_set(err, EG_ENOMEM, "cannot start %zu threads (started %zu)", threads, started);
            rc = -1;
            goto join;
        }
        started++;
    }

    bool reading = true, read_failed = false;
    pthread_mutex_lock(&p.lock);
    while (rc == 0) {
        slot *next = &p.slots[p.next_emit % p.n_slots];
        if (p.next_emit < p.next_read && next->state == SLOT_DONE) {
            /* hand on the oldest results; past next_emit, no worker looks at its slot */
            p.next_emit++;
            p.bytes_in_flight -= next->bytes;
            pthread_mutex_unlock(&p.lock);
            for (size_t i = 0; i < next->n && rc == 0; i++)
                rc = emit(data, &next->docs[i].item);
            slot_clear(next);
            pthread_mutex_lock(&p.lock);
            continue;
        }
        if (reading && p.next_read - p.next_emit < p.n_slots &&
            (p.bytes_in_flight < MAX_BYTES_IN_FLIGHT || p.next_read == p.next_emit)) {
            /* read ahead (the slot is empty: no worker looks at it) */
            slot *s = &p.slots[p.next_read % p.n_slots];
            pthread_mutex_unlock(&p.lock);
            int got = read_batch(s, src, err);
            pthread_mutex_lock(&p.lock);
            if (s->n) {
                /* after a failure, what was read before it is still handed on */
                s->state = SLOT_QUEUED;
                p.bytes_in_flight += s->bytes;
                p.next_read++;
                pthread_cond_signal(&p.queued);
            }
            if (got != 1) {
                reading = false;
                read_failed = got < 0;
            }
            continue;
        }
        if (!reading && p.next_emit == p.next_read)
            break;
        pthread_cond_wait(&p.done, &p.lock);
    }
    pthread_mutex_unlock(&p.lock);
    if (rc == 0 && read_failed)
        rc = -1;

join:
    pthread_mutex_lock(&p.lock);
    p.stop = true;
    /* what is still queued after a stop is dropped, not extracted */
    for (size_t i = 0; i < p.n_slots; i++)
        if (p.slots[i].state == SLOT_QUEUED)
            p.slots[i].state = SLOT_EMPTY;
    pthread_cond_broadcast(&p.queued);
    pthread_mutex_unlock(&p.lock);
    for (size_t i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
    for (size_t i = 0; i < threads; i++)
        eg_extractor_free(workers[i].ex);
cleanup:
    if (p.slots)
        for (size_t i = 0; i < p.n_slots; i++)
            slot_clear(&p.slots[i]);
    if (locks) {
        pthread_mutex_destroy(&p.lock);
        pthread_cond_destroy(&p.queued);
        pthread_cond_destroy(&p.done);
    }
    free(p.slots);
    free(workers);
    return rc;
}
