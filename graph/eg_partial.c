#include "eg_partial.h"

#include "eg_corpus_impl.h"

#include <cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* 2: a sentence quotes its text (the evidence of its pairs); no pair records */
#define VERSION 2
#define FLUSH_AT 65536

/* ------------------------------------------------------------ writing */

typedef struct out {
    eg_writer w;
    eg_strbuf buf;
} out;

static void flush(out *o)
{
    eg_writer_put(&o->w, o->buf.buf, o->buf.len);
    eg_strbuf_reset(&o->buf);
}

/* Ends a record: its closing bracket and newline; the buffer goes to the
 * file when it is full enough. */
static void end_record(out *o)
{
    eg_strbuf_adds(&o->buf, "]\n");
    if (o->buf.len >= FLUSH_AT)
        flush(o);
}

static void str(out *o, const char *s)
{
    eg_strbuf_addc(&o->buf, ',');
    eg_strbuf_add_json(&o->buf, s);
}

static void str_or_null(out *o, const char *s)
{
    if (s)
        str(o, s);
    else
        eg_strbuf_adds(&o->buf, ",null");
}

static void num(out *o, size_t v)
{
    eg_strbuf_addf(&o->buf, ",%zu", v);
}

/* The texts the state quotes (example sentences, pair and relation
 * evidence, roles), each once: a sentence naming n names is the evidence of
 * up to n(n-1)/2 pairs, and a page copied a thousand times quotes its
 * sentences a thousand times. texts[i] is the i-th distinct one, `index`
 * maps a text to i. */
typedef struct text_table {
    eg_map *index;
    const char **texts;
    size_t n, cap;
} text_table;

static eg_status table_add(text_table *t, const char *text)
{
    if (!text || eg_map_get(t->index, text) != EG_NONE)
        return EG_OK;
    if (eg_grow(&t->texts, &t->cap, t->n + 1, sizeof *t->texts) || eg_map_put(t->index, text, t->n))
        return EG_ENOMEM;
    t->texts[t->n++] = text;
    return EG_OK;
}

static void text_ref(out *o, const text_table *t, const char *text)
{
    if (text)
        num(o, eg_map_get(t->index, text));
    else
        eg_strbuf_adds(&o->buf, ",null");
}

static void write_sentences(out *o, const eg_corpus *c, size_t d, const text_table *t)
{
    const uint32_t *keys = doc_keys(c, d);
    for (size_t s = c->docs[d].sent_begin; s < c->docs[d].sent_end; s++) {
        const sent *x = &c->sents[s];
        eg_strbuf_adds(&o->buf, "[\"s\"");
        num(o, d);
        num(o, x->sentence);
        num(o, x->paragraph);
        eg_strbuf_addf(&o->buf, ",\"%016llx\",[", (unsigned long long)x->line);
        for (size_t k = 0; k < x->n_keys; k++)
            eg_strbuf_addf(&o->buf, k ? ",%u" : "%u", (unsigned)keys[k]);
        eg_strbuf_addc(&o->buf, ']');
        text_ref(o, t, x->text);
        end_record(o);
        keys += x->n_keys;
    }
}

static void write_relations(out *o, const eg_corpus *c, size_t d, const text_table *t)
{
    for (size_t i = c->docs[d].rel_begin; i < c->docs[d].rel_end; i++) {
        const rel *x = &c->rels[i];
        eg_strbuf_adds(&o->buf, "[\"r\"");
        num(o, d);
        num(o, (size_t)x->kind);
        num(o, x->src);
        num(o, x->tgt);
        text_ref(o, t, x->role);
        eg_strbuf_addf(&o->buf, ",%d", x->seats);
        num(o, x->sentence);
        text_ref(o, t, x->evidence);
        end_record(o);
    }
}

eg_status eg_partial_write(const eg_corpus *c, FILE *fp, eg_error *err)
{
    if (c->spent)
        return eg_error_set(err, EG_EINVAL, "partial state: the corpus was spent by a build");
    text_table t = {eg_map_new(1024), NULL, 0, 0};
    eg_status st = t.index ? EG_OK : EG_ENOMEM;
    for (size_t f = 0; f < c->n_forms && st == EG_OK; f++)
        st = table_add(&t, c->forms[f].example);
    for (size_t i = 0; i < c->n_sents && st == EG_OK; i++)
        st = table_add(&t, c->sents[i].text);
    for (size_t i = 0; i < c->n_rels && st == EG_OK; i++) {
        st = table_add(&t, c->rels[i].role);
        if (st == EG_OK)
            st = table_add(&t, c->rels[i].evidence);
    }
    if (st) {
        eg_map_free(t.index);
        free(t.texts);
        return eg_error_set(err, st, "writing the partial state: out of memory");
    }
    out o = {{fp, 0}, EG_STRBUF_INIT};
    eg_strbuf_addf(&o.buf,
                   "{\"entigraph\":\"partial\",\"version\":%d,\"texts\":%zu,\"docs\":%zu,\"keys\":%zu,"
                   "\"forms\":%zu,\"sentences\":%zu,\"relations\":%zu,\"facts\":%zu}\n",
                   VERSION, t.n, c->n_docs, c->n_keys, c->n_forms, c->n_sents, c->n_rels, c->n_facts);
    for (size_t i = 0; i < t.n; i++) {
        eg_strbuf_adds(&o.buf, "[\"t\"");
        str(&o, t.texts[i]);
        end_record(&o);
    }
    for (size_t d = 0; d < c->n_docs; d++) {
        eg_strbuf_adds(&o.buf, "[\"d\"");
        str(&o, c->docs[d].id);
        str(&o, c->docs[d].date);
        end_record(&o);
    }
    for (size_t k = 0; k < c->n_keys; k++) {
        const ekey *e = &c->keys[k];
        eg_strbuf_adds(&o.buf, "[\"k\"");
        num(&o, (size_t)e->type);
        str(&o, e->norm);
        str(&o, e->name);
        num(&o, e->name_doc);
        num(&o, e->mentions);
        num(&o, e->named ? 1 : 0);
        str_or_null(&o, e->sig);
        end_record(&o);
    }
    for (size_t f = 0; f < c->n_forms; f++) {
        const form *x = &c->forms[f];
        eg_strbuf_adds(&o.buf, "[\"f\"");
        num(&o, x->key);
        str(&o, x->text);
        num(&o, (size_t)x->form);
        num(&o, x->doc);
        text_ref(&o, &t, x->example);
        end_record(&o);
    }
    for (size_t d = 0; d < c->n_docs; d++)
        write_sentences(&o, c, d, &t);
    for (size_t d = 0; d < c->n_docs; d++)
        write_relations(&o, c, d, &t);
    for (size_t i = 0; i < c->n_facts; i++) {
        const fact *x = &c->facts[i];
        eg_strbuf_adds(&o.buf, "[\"x\"");
        num(&o, x->key);
        str(&o, x->name);
        str(&o, x->value);
        num(&o, x->doc);
        end_record(&o);
    }
    eg_map_free(t.index);
    free(t.texts);
    st = eg_strbuf_status(&o.buf);
    if (st == EG_OK)
        flush(&o);
    eg_strbuf_release(&o.buf);
    if (st)
        return eg_error_set(err, st, "writing the partial state: out of memory");
    int e = eg_writer_finish(&o.w);
    if (e)
        return eg_error_set(err, EG_EIO, "writing the partial state: %s", strerror(e));
    return EG_OK;
}

/* ------------------------------------------------------------ reading */

bool eg_partial_is_header(const char *line, size_t len)
{
    static const char start[] = "{\"entigraph\":\"partial\"";
    return len >= sizeof start - 1 && memcmp(line, start, sizeof start - 1) == 0;
}

/* The records in the order a file holds them. */
static const char tags[] = "tdkfsrx";
enum { N_TAGS = 7, T_TEXT = 0, T_DOC, T_KEY };
static const char *const counted[N_TAGS] = {"texts", "docs", "keys", "forms", "sentences", "relations", "facts"};

struct eg_partial_reader {
    eg_corpus *c;
    const char *name;
    bool header;
    size_t announced[N_TAGS], seen[N_TAGS];
    int last_tag;          /* index in tags of the last record */
    size_t *doc_map, *key_map; /* the file's indexes -> the corpus's */
    size_t cap_docs, cap_keys;
    char **texts;              /* the file's quoted sentences */
    size_t cap_texts;
    size_t sent_doc, rel_doc;  /* the file's document whose sentences / relations are coming */
    eg_strbuf scratch;
};

static eg_status bad(eg_partial_reader *r, size_t lineno, eg_error *err, const char *why)
{
    return eg_error_set(err, EG_EPARSE, "%s:%zu: not a valid entigraph partial file: %s", r->name, lineno, why);
}

eg_status eg_partial_begin(eg_corpus *c, const char *name, eg_partial_reader **out, eg_error *err)
{
    *out = NULL;
    if (c->aliases && (eg_map_size(c->aliases->drops) || eg_map_size(c->aliases->types)))
        return eg_error_set(err, EG_EINVAL,
                            "%s: an aliases file that drops or retypes names applies as documents are read: "
                            "give it when the partial states are made, not when they are merged", name);
    eg_partial_reader *r = calloc(1, sizeof *r);
    if (!r)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    r->c = c;
    r->name = name;
    r->last_tag = -1;
    r->sent_doc = r->rel_doc = EG_NONE;
    eg_strbuf_init(&r->scratch);
    *out = r;
    return EG_OK;
}

void eg_partial_free(eg_partial_reader *r)
{
    if (!r)
        return;
    free(r->doc_map);
    free(r->key_map);
    for (size_t i = 0; i < r->seen[T_TEXT]; i++)
        free(r->texts[i]);
    free(r->texts);
    eg_strbuf_release(&r->scratch);
    free(r);
}

/* A whole number from 0 to 2^53 (what a double holds exactly). */
static bool get_count(const cJSON *item, size_t *out)
{
    if (!cJSON_IsNumber(item))
        return false;
    double v = item->valuedouble;
    if (!(v >= 0) || v > 9007199254740992.0 || v != (double)(uint64_t)v)
        return false;
    *out = (size_t)v;
    return true;
}

/* An index below `limit`. */
static bool get_index(const cJSON *item, size_t limit, size_t *out)
{
    return get_count(item, out) && *out < limit;
}

static const char *get_string(const cJSON *item)
{
    return cJSON_IsString(item) && item->valuestring ? item->valuestring : NULL;
}

/* A string, or NULL for null; *ok false for anything else. */
static const char *get_optional(const cJSON *item, bool *ok)
{
    if (cJSON_IsNull(item))
        return NULL;
    const char *s = get_string(item);
    if (!s)
        *ok = false;
    return s;
}

static eg_status header(eg_partial_reader *r, const cJSON *root, size_t lineno, eg_error *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "version");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(v))
        return bad(r, lineno, err, "the header has no version");
    if (v->valuedouble != VERSION)
        return eg_error_set(err, EG_EPARSE, "%s:%zu: a partial file of version %g; this entigraph reads version %d",
                            r->name, lineno, v->valuedouble, VERSION);
    for (int t = 0; t < N_TAGS; t++)
        if (!get_count(cJSON_GetObjectItemCaseSensitive(root, counted[t]), &r->announced[t]))
            return bad(r, lineno, err, "the header lacks a count");
    r->header = true;
    return EG_OK;
}

static eg_status add_text(eg_partial_reader *r, const cJSON *a, size_t lineno, eg_error *err)
{
    const char *text = get_string(cJSON_GetArrayItem(a, 1));
    if (!text)
        return bad(r, lineno, err, "a text record needs a string");
    if (eg_grow(&r->texts, &r->cap_texts, r->seen[T_TEXT] + 1, sizeof *r->texts) ||
        !(r->texts[r->seen[T_TEXT]] = eg_strdup(text)))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    return EG_OK;
}

/* A quoted sentence: the index of a text record, or null (NULL); *ok false
 * for anything else. */
static const char *get_text(eg_partial_reader *r, const cJSON *item, bool *ok)
{
    size_t i;
    if (cJSON_IsNull(item))
        return NULL;
    if (!get_index(item, r->seen[T_TEXT], &i)) {
        *ok = false;
        return NULL;
    }
    return r->texts[i];
}

static eg_status add_doc(eg_partial_reader *r, const cJSON *a, size_t lineno, eg_error *err)
{
    eg_corpus *c = r->c;
    const char *id = get_string(cJSON_GetArrayItem(a, 1)), *date = get_string(cJSON_GetArrayItem(a, 2));
    if (!id || !date || (date[0] && strlen(date) != 10))
        return bad(r, lineno, err, "a document needs an id and a date (YYYY-MM-DD or \"\")");
    if (eg_grow(&r->doc_map, &r->cap_docs, r->seen[T_DOC] + 1, sizeof *r->doc_map) ||
        eg_grow(&c->docs, &c->cap_docs, c->n_docs + 1, sizeof *c->docs))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    cdoc cd = {.id = eg_strdup(id), .key_begin = c->n_keylist};
    if (!cd.id)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    memcpy(cd.date, date, strlen(date) + 1);
    r->doc_map[r->seen[T_DOC]] = c->n_docs;
    c->docs[c->n_docs++] = cd;
    return EG_OK;
}

static eg_status add_key(eg_partial_reader *r, const cJSON *a, size_t lineno, eg_error *err)
{
    eg_corpus *c = r->c;
    size_t type, name_doc, mentions, named;
    bool ok = true;
    const char *norm = get_string(cJSON_GetArrayItem(a, 2)), *name = get_string(cJSON_GetArrayItem(a, 3));
    const char *sig = get_optional(cJSON_GetArrayItem(a, 7), &ok);
    if (!ok || !norm || !name || !get_index(cJSON_GetArrayItem(a, 1), EG_TYPE_COUNT, &type) ||
        !get_index(cJSON_GetArrayItem(a, 4), r->seen[T_DOC], &name_doc) ||
        !get_count(cJSON_GetArrayItem(a, 5), &mentions) || !get_index(cJSON_GetArrayItem(a, 6), 2, &named))
        return bad(r, lineno, err, "a key needs a type, its normal form, a name, a document, a count, 0 or 1 and "
                                   "a signature or null");
    size_t d = r->doc_map[name_doc];
    eg_strbuf_reset(&r->scratch);
    eg_strbuf_addf(&r->scratch, "%d\x1f%s", (int)type, norm);
    if (eg_grow(&r->key_map, &r->cap_keys, r->seen[T_KEY] + 1, sizeof *r->key_map) ||
        eg_strbuf_status(&r->scratch))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    size_t k = eg_map_get(c->key_index, r->scratch.buf);
    if (k != EG_NONE) {
        /* as eg_corpus_add does it: the spelling of the first document in
         * the canonical order */
        ekey *e = &c->keys[k];
        if (e->name_doc != d && doc_before(c, d, e->name_doc) && strcmp(e->name, name) != 0) {
            char *copy = eg_strdup(name);
            if (!copy)
                return eg_error_set(err, EG_ENOMEM, "out of memory");
            free(e->name);
            e->name = copy;
        }
        if (doc_before(c, d, e->name_doc))
            e->name_doc = d;
        e->mentions += mentions;
        e->named = e->named || named;
        if (!e->sig && sig && !(e->sig = eg_strdup(sig)))
            return eg_error_set(err, EG_ENOMEM, "out of memory");
    } else {
        if (eg_grow(&c->keys, &c->cap_keys, c->n_keys + 1, sizeof *c->keys))
            return eg_error_set(err, EG_ENOMEM, "out of memory");
        ekey e = {(eg_type)type, eg_strdup(norm), eg_strdup(name), d, mentions, named != 0,
                  sig ? eg_strdup(sig) : NULL};
        if (!e.norm || !e.name || (sig && !e.sig) || eg_map_put(c->key_index, r->scratch.buf, c->n_keys)) {
            free(e.norm);
            free(e.name);
            free(e.sig);
            return eg_error_set(err, EG_ENOMEM, "out of memory");
        }
        k = c->n_keys;
        c->keys[c->n_keys++] = e;
    }
    r->key_map[r->seen[T_KEY]] = k;
    return EG_OK;
}

static eg_status add_form(eg_partial_reader *r, const cJSON *a, size_t lineno, eg_error *err)
{
    eg_corpus *c = r->c;
    size_t key, f, doc;
    bool ok = true;
    const char *text = get_string(cJSON_GetArrayItem(a, 2));
    const char *example = get_text(r, cJSON_GetArrayItem(a, 5), &ok);
    if (!ok || !text || !get_index(cJSON_GetArrayItem(a, 1), r->seen[T_KEY], &key) ||
        !get_index(cJSON_GetArrayItem(a, 3), EG_FORM_COUNT, &f) ||
        !get_index(cJSON_GetArrayItem(a, 4), r->seen[T_DOC], &doc))
        return bad(r, lineno, err, "a form needs a key, its text, a form, a document and a text or null");
    key = r->key_map[key];
    doc = r->doc_map[doc];
    eg_strbuf_reset(&r->scratch);
    eg_strbuf_addf(&r->scratch, "%zu\x1f%s", key, text);
    if (eg_strbuf_status(&r->scratch))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    size_t known = eg_map_get(c->form_index, r->scratch.buf);
    if (known != EG_NONE) {
        form *fo = &c->forms[known];
        if (fo->doc != doc && doc_before(c, doc, fo->doc)) {
            const char *pooled = example ? eg_corpus_intern(c, example) : NULL;
            if (example && !pooled)
                return eg_error_set(err, EG_ENOMEM, "out of memory");
            fo->example = pooled;
            fo->doc = doc;
            fo->form = (eg_form)f;
        } else if (fo->doc == doc && (eg_form)f < fo->form) {
            fo->form = (eg_form)f;
        }
        return EG_OK;
    }
    if (eg_grow(&c->forms, &c->cap_forms, c->n_forms + 1, sizeof *c->forms))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    form fo = {key, eg_strdup(text), (eg_form)f, doc, example ? eg_corpus_intern(c, example) : NULL};
    if (!fo.text || (example && !fo.example) || eg_map_put(c->form_index, r->scratch.buf, c->n_forms)) {
        free(fo.text);
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    c->forms[c->n_forms++] = fo;
    return EG_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Sentences and relations come grouped by document, in the file's document
 * order: *current is the file's document whose records are coming; a record
 * of document d closes its range (in the corpus's document end_of) and opens
 * d's. Returns false when d comes back after another document. */
static bool next_group(eg_partial_reader *r, size_t *current, size_t d, size_t at, bool sentences)
{
    if (*current == d)
        return true;
    if (*current != EG_NONE && d < *current)
        return false;
    cdoc *docs = r->c->docs;
    if (*current != EG_NONE) {
        if (sentences)
            docs[r->doc_map[*current]].sent_end = at;
        else
            docs[r->doc_map[*current]].rel_end = at;
    }
    if (sentences) {
        docs[r->doc_map[d]].sent_begin = docs[r->doc_map[d]].sent_end = at;
        docs[r->doc_map[d]].key_begin = r->c->n_keylist;
    }
    else
        docs[r->doc_map[d]].rel_begin = docs[r->doc_map[d]].rel_end = at;
    *current = d;
    return true;
}

static eg_status add_sentence(eg_partial_reader *r, const cJSON *a, size_t lineno, eg_error *err)
{
    eg_corpus *c = r->c;
    size_t doc, sentence, paragraph;
    const char *line = get_string(cJSON_GetArrayItem(a, 4));
    const cJSON *keys = cJSON_GetArrayItem(a, 5);
    bool ok = true;
    const char *text = get_text(r, cJSON_GetArrayItem(a, 6), &ok);
    char *end = NULL;
    unsigned long long hash = line && strlen(line) == 16 ? strtoull(line, &end, 16) : 0;
    if (!ok || !get_index(cJSON_GetArrayItem(a, 1), r->seen[T_DOC], &doc) ||
        !get_count(cJSON_GetArrayItem(a, 2), &sentence) || !get_count(cJSON_GetArrayItem(a, 3), &paragraph) ||
        !end || *end || !cJSON_IsArray(keys))
        return bad(r, lineno, err, "a sentence needs a document, its number, a paragraph, a line hash of 16 hex "
                                   "digits, an array of keys and a text or null");
    if (cJSON_GetArraySize(keys) == 0) /* the corpus keeps no sentence that names nothing */
        return bad(r, lineno, err, "a sentence names no key");
    if (!next_group(r, &r->sent_doc, doc, c->n_sents, true))
        return bad(r, lineno, err, "sentences must come grouped by document, in document order");
    size_t begin = c->n_keylist;
    const cJSON *item;
    cJSON_ArrayForEach(item, keys) {
        size_t k;
        if (!get_index(item, r->seen[T_KEY], &k)) {
            c->n_keylist = begin;
            return bad(r, lineno, err, "a sentence names a key the file has not given");
        }
        if (r->key_map[k] >= REL_MAX) {
            c->n_keylist = begin;
            return bad(r, lineno, err, "a sentence's keys past 32 bits");
        }
        if (eg_grow(&c->keylist, &c->cap_keylist, c->n_keylist + 1, sizeof *c->keylist))
            return eg_error_set(err, EG_ENOMEM, "out of memory");
        c->keylist[c->n_keylist++] = (uint32_t)r->key_map[k];
    }
    /* a sentence's keys are sorted and distinct, in the corpus's numbering */
    if (c->n_keylist - begin > 1)
        qsort(c->keylist + begin, c->n_keylist - begin, sizeof *c->keylist, cmp_u32);
    size_t w = begin;
    for (size_t i = begin; i < c->n_keylist; i++)
        if (i == begin || c->keylist[i] != c->keylist[w - 1])
            c->keylist[w++] = c->keylist[i];
    c->n_keylist = w;
    if (r->doc_map[doc] >= REL_MAX || sentence >= REL_MAX || paragraph >= REL_MAX || w - begin >= REL_MAX) {
        c->n_keylist = begin;
        return bad(r, lineno, err, "a sentence's document, number, paragraph or keys past 32 bits");
    }
    /* the evidence of its pairs, as the corpus keeps it (eg_corpus_add) */
    const char *pooled = NULL;
    if (text && w - begin >= 2 && w - begin <= EG_CO_MENTION_MAX_ENTITIES && !(pooled = eg_corpus_intern(c, text)))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    if (eg_grow(&c->sents, &c->cap_sents, c->n_sents + 1, sizeof *c->sents))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    c->sents[c->n_sents++] = (sent){(uint32_t)(w - begin), (uint32_t)r->doc_map[doc], (uint32_t)sentence,
                                    (uint32_t)paragraph, (uint64_t)hash, pooled};
    c->docs[r->doc_map[doc]].sent_end = c->n_sents;
    return EG_OK;
}

static eg_status add_relation(eg_partial_reader *r, const cJSON *a, size_t lineno, eg_error *err)
{
    eg_corpus *c = r->c;
    size_t doc, kind, src, tgt, sentence;
    bool ok = true;
    const char *role = get_text(r, cJSON_GetArrayItem(a, 5), &ok);
    const char *evidence = get_text(r, cJSON_GetArrayItem(a, 8), &ok);
    const cJSON *seats = cJSON_GetArrayItem(a, 6);
    if (!ok || !get_index(cJSON_GetArrayItem(a, 1), r->seen[T_DOC], &doc) ||
        !get_index(cJSON_GetArrayItem(a, 2), EG_REL_KIND_COUNT, &kind) ||
        !get_index(cJSON_GetArrayItem(a, 3), r->seen[T_KEY], &src) ||
        !get_index(cJSON_GetArrayItem(a, 4), r->seen[T_KEY], &tgt) || !cJSON_IsNumber(seats) ||
        !(seats->valuedouble >= -1 && seats->valuedouble <= 1e6) ||
        seats->valuedouble != (double)(int)seats->valuedouble ||
        !get_count(cJSON_GetArrayItem(a, 7), &sentence))
        return bad(r, lineno, err, "a relation needs a document, a kind, two keys, a text or null (its role), "
                                   "seats, a sentence and a text or null (its evidence)");
    if (!next_group(r, &r->rel_doc, doc, c->n_rels, false))
        return bad(r, lineno, err, "relations must come grouped by document, in document order");
    if (r->key_map[src] >= REL_MAX || r->key_map[tgt] >= REL_MAX || r->doc_map[doc] >= REL_MAX)
        return bad(r, lineno, err, "a relation's keys or document past 32 bits");
    if (sentence >= REL_SENTENCE_MAX)
        return bad(r, lineno, err, "a relation's sentence number past 2^28");
    if (eg_grow(&c->rels, &c->cap_rels, c->n_rels + 1, sizeof *c->rels))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    rel x = {(uint32_t)r->key_map[src], (uint32_t)r->key_map[tgt], (unsigned)sentence, (unsigned)kind,
             (int32_t)seats->valuedouble, role ? eg_corpus_intern(c, role) : NULL,
             eg_corpus_intern(c, evidence ? evidence : "")};
    if ((role && !x.role) || !x.evidence)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    c->rels[c->n_rels++] = x;
    c->docs[r->doc_map[doc]].rel_end = c->n_rels;
    return EG_OK;
}

static eg_status add_fact(eg_partial_reader *r, const cJSON *a, size_t lineno, eg_error *err)
{
    eg_corpus *c = r->c;
    size_t key, doc;
    const char *name = get_string(cJSON_GetArrayItem(a, 2)), *value = get_string(cJSON_GetArrayItem(a, 3));
    if (!name || !value || !get_index(cJSON_GetArrayItem(a, 1), r->seen[T_KEY], &key) ||
        !get_index(cJSON_GetArrayItem(a, 4), r->seen[T_DOC], &doc))
        return bad(r, lineno, err, "a fact needs a key, a name, a value and a document");
    if (eg_grow(&c->facts, &c->cap_facts, c->n_facts + 1, sizeof *c->facts))
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    fact x = {r->key_map[key], eg_strdup(name), eg_strdup(value), r->doc_map[doc]};
    if (!x.name || !x.value) {
        free(x.name);
        free(x.value);
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    c->facts[c->n_facts++] = x;
    return EG_OK;
}

eg_status eg_partial_line(eg_partial_reader *r, const char *line, size_t len, size_t lineno,
                          eg_error *err)
{
    cJSON *root = cJSON_ParseWithLength(line, len);
    if (!root)
        return bad(r, lineno, err, "a line is not JSON");
    eg_status st;
    if (!r->header) {
        st = header(r, root, lineno, err);
        cJSON_Delete(root);
        return st;
    }
    const char *tag = get_string(cJSON_GetArrayItem(root, 0));
    const char *at = tag && tag[0] && !tag[1] ? strchr(tags, tag[0]) : NULL;
    int t = at ? (int)(at - tags) : -1;
    if (!cJSON_IsArray(root) || t < 0) {
        cJSON_Delete(root);
        return bad(r, lineno, err, "a record is an array that starts with one of \"t\", \"d\", \"k\", \"f\", "
                                   "\"s\", \"r\", \"x\"");
    }
    if (t < r->last_tag || r->seen[t] >= r->announced[t]) {
        cJSON_Delete(root);
        return bad(r, lineno, err, t < r->last_tag ? "records out of order (texts, documents, keys, forms, "
                                                     "sentences, relations, facts)"
                                                   : "more records than the header announces");
    }
    /* a key, form... refers to documents and keys before it: all of them */
    if (t > T_TEXT && r->seen[T_TEXT] < r->announced[T_TEXT]) {
        cJSON_Delete(root);
        return bad(r, lineno, err, "fewer texts than the header announces");
    }
    if (t > T_DOC && r->seen[T_DOC] < r->announced[T_DOC]) {
        cJSON_Delete(root);
        return bad(r, lineno, err, "fewer documents than the header announces");
    }
    if (t > T_KEY && r->seen[T_KEY] < r->announced[T_KEY]) {
        cJSON_Delete(root);
        return bad(r, lineno, err, "fewer keys than the header announces");
    }
    r->last_tag = t;
    switch (tags[t]) {
    case 't': st = add_text(r, root, lineno, err); break;
    case 'd': st = add_doc(r, root, lineno, err); break;
    case 'k': st = add_key(r, root, lineno, err); break;
    case 'f': st = add_form(r, root, lineno, err); break;
    case 's': st = add_sentence(r, root, lineno, err); break;
    case 'r': st = add_relation(r, root, lineno, err); break;
    default: st = add_fact(r, root, lineno, err); break;
    }
    cJSON_Delete(root);
    if (st == EG_OK)
        r->seen[t]++;
    return st;
}

eg_status eg_partial_end(eg_partial_reader *r, size_t *n_docs, eg_error *err)
{
    eg_status st = EG_OK;
    if (n_docs)
        *n_docs = r->seen[T_DOC];
    if (!r->header)
        st = eg_error_set(err, EG_EPARSE, "%s: not a valid entigraph partial file: no header", r->name);
    for (int t = 0; t < N_TAGS && st == EG_OK; t++)
        if (r->seen[t] != r->announced[t])
            st = eg_error_set(err, EG_EPARSE, "%s: not a valid entigraph partial file: %zu %s announced, %zu given "
                              "(a truncated file?)", r->name, r->announced[t], counted[t], r->seen[t]);
    eg_partial_free(r);
    return st;
}
