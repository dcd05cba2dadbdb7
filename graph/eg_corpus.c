#include "eg_corpus.h"

#include "eg_corpus_impl.h"
#include "eg_text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <strings.h>

static const char *const window_names[] = {"sentence", "paragraph", "document"};

const char *eg_window_name(eg_window window)
{
    return (unsigned)window <= EG_WINDOW_DOCUMENT ? window_names[window] : "sentence";
}

bool eg_window_parse(const char *name, eg_window *window)
{
    for (int i = 0; i <= EG_WINDOW_DOCUMENT; i++) {
        if (name && strcmp(name, window_names[i]) == 0) {
            *window = (eg_window)i;
            return true;
        }
    }
    return false;
}

eg_status eg_corpus_new(eg_corpus **out)
{
    *out = NULL;
    eg_corpus *c = calloc(1, sizeof *c);
    if (!c)
        return EG_ENOMEM;
    eg_strbuf_init(&c->scratch);
    c->key_index = eg_map_new(1024);
    c->form_index = eg_map_new(1024);
    eg_strpool_init(&c->texts);
    if (!c->key_index || !c->form_index) {
        eg_corpus_free(c);
        return EG_ENOMEM;
    }
    *out = c;
    return EG_OK;
}

void eg_corpus_free(eg_corpus *c)
{
    if (!c)
        return;
    eg_map_free(c->key_index);
    eg_map_free(c->form_index);
    for (size_t i = 0; i < c->n_keys; i++) {
        free(c->keys[i].norm);
        free(c->keys[i].name);
        free(c->keys[i].sig);
    }
    free(c->keys);
    for (size_t i = 0; i < c->n_forms; i++)
        free(c->forms[i].text);
    free(c->alias_hits);
    free(c->forms);
    free(c->keylist);
    free(c->sents);
    free(c->rels);
    for (size_t i = 0; i < c->n_docs; i++)
        free(c->docs[i].id);
    free(c->docs);
    for (size_t i = 0; i < c->n_facts; i++) {
        free(c->facts[i].name);
        free(c->facts[i].value);
    }
    free(c->facts);
    eg_strpool_release(&c->texts);
    eg_strbuf_release(&c->scratch);
    free(c);
}

size_t eg_corpus_n_documents(const eg_corpus *c)
{
    return c->n_docs;
}

const char *eg_corpus_intern(eg_corpus *c, const char *s)
{
    return eg_strpool_intern(&c->texts, s);
}

/* A pooled copy of at most max_chars characters of s, cut at a character;
 * NULL when out of memory. */
static const char *intern_trimmed(eg_corpus *c, const char *s, size_t max_chars);

eg_status eg_corpus_set_aliases(eg_corpus *c, const eg_aliases *aliases)
{
    size_t *hits = aliases ? calloc(aliases->n_rules + 1, sizeof *hits) : NULL;
    if (aliases && !hits)
        return EG_ENOMEM;
    free(c->alias_hits);
    c->alias_hits = hits;
    c->aliases = aliases;
    return EG_OK;
}

size_t eg_corpus_alias_hits(const eg_corpus *c, size_t rule)
{
    return c->aliases && rule < c->aliases->n_rules ? c->alias_hits[rule] : 0;
}

static const char *intern_trimmed(eg_corpus *c, const char *s, size_t max_chars)
{
    size_t len = 0, chars = 0;
    while (s[len] && chars < max_chars) {
        len++;
        while ((s[len] & 0xC0) == 0x80)
            len++;
        chars++;
    }
    if (!s[len])
        return eg_corpus_intern(c, s);
    char *cut = eg_strndup(s, len);
    const char *pooled = cut ? eg_corpus_intern(c, cut) : NULL;
    free(cut);
    return pooled;
}

/* The key of (type, name), created on first use; EG_NONE on failure. */
/* The key of (type, name) in document doc, created on first use; its name
 * is the spelling of the first document in the canonical order. EG_NONE on
 * failure. */
static size_t key_for(eg_corpus *c, eg_type type, const char *name, size_t doc)
{
    eg_strbuf_reset(&c->scratch);
    eg_strbuf_addf(&c->scratch, "%d\x1f", (int)type);
    if (eg_normalize(name, strlen(name), &c->scratch) != EG_OK)
        return EG_NONE;
    size_t k = eg_map_get(c->key_index, c->scratch.buf);
    if (k != EG_NONE) {
        ekey *e = &c->keys[k];
        if (e->name_doc != doc && doc_before(c, doc, e->name_doc) && strcmp(e->name, name) != 0) {
            char *copy = eg_strdup(name);
            if (!copy)
                return EG_NONE;
            free(e->name);
            e->name = copy;
        }
        if (doc_before(c, doc, e->name_doc))
            e->name_doc = doc;
        return k;
    }
    if (eg_grow(&c->keys, &c->cap_keys, c->n_keys + 1, sizeof *c->keys))
        return EG_NONE;
    const char *norm = strchr(c->scratch.buf, '\x1f') + 1;
    ekey e = {type, eg_strdup(norm), eg_strdup(name), doc, 0, false, NULL};
    if (!e.norm || !e.name || eg_map_put(c->key_index, c->scratch.buf, c->n_keys) != EG_OK) {
        free(e.norm);
        free(e.name);
        return EG_NONE;
    }
    c->keys[c->n_keys] = e;
    return c->n_keys++;
}

static eg_status add_form(eg_corpus *c, size_t key, const char *text, eg_form f, size_t doc,
                          const char *sentence)
{
    eg_strbuf_reset(&c->scratch);
    eg_strbuf_addf(&c->scratch, "%zu\x1f%s", key, text);
    if (eg_strbuf_status(&c->scratch))
        return EG_ENOMEM;
    size_t known = eg_map_get(c->form_index, c->scratch.buf);
    if (known != EG_NONE) {
        form *fo = &c->forms[known];
        if (fo->doc != doc && doc_before(c, doc, fo->doc)) {
            const char *example = sentence ? intern_trimmed(c, sentence, 200) : NULL;
            if (sentence && !example)
                return EG_ENOMEM;
            fo->example = example;
            fo->doc = doc;
            fo->form = f;
        } else if (fo->doc == doc && f < fo->form) {
            fo->form = f;
        }
        return EG_OK;
    }
    if (eg_grow(&c->forms, &c->cap_forms, c->n_forms + 1, sizeof *c->forms))
        return EG_ENOMEM;
    form fo = {key, eg_strdup(text), f, doc, sentence ? intern_trimmed(c, sentence, 200) : NULL};
    if (!fo.text || (sentence && !fo.example) ||
        eg_map_put(c->form_index, c->scratch.buf, c->n_forms) != EG_OK) {
        free(fo.text);
        return EG_ENOMEM;
    }
    c->forms[c->n_forms++] = fo;
    return EG_OK;
}

/*
 * The signature of a body's name: its text with each country named in it
 * replaced by the country's canonical name and "the" dropped, so that
 * "Parliament of Kazakhstan" and "Parliament of the Republic of Kazakhstan"
 * sign alike. NULL (and EG_OK) when the body names no country.
 */
static eg_status body_signature(const eg_doc *doc, const eg_doc_parts *parts, size_t i,
                                char **out)
{
    const eg_mention *m = &doc->mentions[i];
    *out = NULL;
    /* offsets may come from JSON Lines written by anyone: use them only when
     * they agree with the text */
    if (m->end < m->start || m->end - m->start != strlen(m->text))
        return EG_OK;
    eg_strbuf raw = EG_STRBUF_INIT, sig = EG_STRBUF_INIT;
    size_t at = m->start;
    bool any = false;
    for (size_t k = parts->first[i]; k < parts->first[i + 1]; k++) {
        const eg_mention *p = &doc->mentions[parts->index[k]];
        if (p->type != EG_TYPE_COUNTRY || p->start < at || p->end > m->end || p->end < p->start)
            continue;
        eg_strbuf_add(&raw, m->text + (at - m->start), p->start - at);
        eg_strbuf_addf(&raw, "{%s}", p->entity);
        at = p->end;
        any = true;
    }
    if (!any) {
        eg_strbuf_release(&raw);
        return EG_OK;
    }
    eg_strbuf_add(&raw, m->text + (at - m->start), m->end - at);
    eg_status st = eg_normalize(raw.buf, raw.len, &sig);
    eg_strbuf_release(&raw);
    if (st) {
        eg_strbuf_release(&sig);
        return st;
    }
    /* drop the word "the" */
    size_t w = 0;
    for (size_t r = 0; r < sig.len;) {
        if ((r == 0 || sig.buf[r - 1] == ' ') && strncmp(sig.buf + r, "the ", 4) == 0) {
            r += 4;
            continue;
        }
        sig.buf[w++] = sig.buf[r++];
    }
    eg_strbuf_setlen(&sig, w);
    *out = eg_strbuf_detach(&sig, NULL);
    return *out ? EG_OK : EG_ENOMEM;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A mention's sentence and index: sorting them groups a document's mentions
 * by sentence, keeping mention order within each. */
typedef struct sent_mention {
    size_t sentence, index;
} sent_mention;

static int cmp_sent_mention(const void *a, const void *b)
{
    const sent_mention *x = a, *y = b;
    if (x->sentence != y->sentence)
        return x->sentence < y->sentence ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* A sentence of the document being added, and where its keys are. */
typedef struct sent_at {
    sent se;
    size_t begin;
} sent_at;

/* Sentence numbers within one document are distinct here: any sort agrees. */
static int cmp_sent_number(const void *a, const void *b)
{
    const sent_at *x = a, *y = b;
    return x->se.sentence < y->se.sentence ? -1 : x->se.sentence > y->se.sentence;
}

/* Appends the sentences `got` of document d (their keys at the end of
 * keylist, from the document's key_begin) to the corpus in the order of
 * their numbers, their keys in that order too. */
static eg_status add_sentences(eg_corpus *c, size_t d, sent_at *got, size_t n)
{
    if (n == 0)
        return EG_OK;
    size_t from = c->docs[d].key_begin, nk = c->n_keylist - from;
    uint32_t *keys = malloc((nk ? nk : 1) * sizeof *keys);
    if (!keys || eg_grow(&c->sents, &c->cap_sents, c->n_sents + n, sizeof *c->sents)) {
        free(keys);
        return EG_ENOMEM;
    }
    memcpy(keys, c->keylist + from, nk * sizeof *keys);
    if (n > 1)
        qsort(got, n, sizeof *got, cmp_sent_number);
    size_t at = from;
    for (size_t i = 0; i < n; i++) {
        memcpy(c->keylist + at, keys + (got[i].begin - from), got[i].se.n_keys * sizeof *keys);
        at += got[i].se.n_keys;
        c->sents[c->n_sents++] = got[i].se;
    }
    free(keys);
    return EG_OK;
}

static eg_status add_document(eg_corpus *c, const eg_doc *doc);

eg_status eg_corpus_add(eg_corpus *c, const eg_doc *doc)
{
    if (c->spent)
        return EG_EINVAL;
    if (!c->aliases || (eg_map_size(c->aliases->drops) == 0 && eg_map_size(c->aliases->types) == 0))
        return add_document(c, doc);
    eg_doc view;
    eg_status st = eg_aliases_view(c->aliases, doc, &view, c->alias_hits);
    if (st == EG_OK)
        st = add_document(c, &view);
    eg_aliases_view_release(&view);
    return st;
}

static eg_status add_document(eg_corpus *c, const eg_doc *doc)
{
    if (eg_grow(&c->docs, &c->cap_docs, c->n_docs + 1, sizeof *c->docs))
        return EG_ENOMEM;
    size_t d = c->n_docs;
    cdoc cd = {.id = eg_strdup(doc->id ? doc->id : ""), .sent_begin = c->n_sents, .sent_end = c->n_sents,
               .key_begin = c->n_keylist, .rel_begin = c->n_rels, .rel_end = c->n_rels};
    if (!cd.id)
        return EG_ENOMEM;
    if (doc->date && strlen(doc->date) == 10)
        memcpy(cd.date, doc->date, 11);
    c->docs[c->n_docs++] = cd;

    /* keys of every mention, grouped by sentence */
    size_t nm = doc->n_mentions ? doc->n_mentions : 1;
    size_t *mkeys = malloc(nm * sizeof *mkeys);
    size_t *lead = malloc(nm * sizeof *lead);
    sent_mention *by_sent = malloc(nm * sizeof *by_sent);
    eg_doc_parts parts = {NULL, NULL};
    if (!mkeys || !lead || !by_sent || eg_doc_parts_init(&parts, doc) != EG_OK) {
        free(mkeys);
        free(lead);
        free(by_sent);
        return EG_ENOMEM;
    }
    eg_status st = EG_OK;
    for (size_t i = 0; i < doc->n_mentions && st == EG_OK; i++) {
        const eg_mention *m = &doc->mentions[i];
        size_t k = key_for(c, m->type, m->entity, d);
        if (k == EG_NONE) {
            st = EG_ENOMEM;
            break;
        }
        mkeys[i] = k;
        c->keys[k].mentions++;
        if (m->type == EG_TYPE_BODY && !c->keys[k].sig &&
            (st = body_signature(doc, &parts, i, &c->keys[k].sig)) != EG_OK)
            break;
        if (m->form != EG_FORM_DEMONYM)
            c->keys[k].named = true;
        const char *sentence = m->sentence < doc->n_sentences ? doc->sentences[m->sentence].text : NULL;
        st = add_form(c, k, m->text, m->form, d, sentence);
        by_sent[i] = (sent_mention){m->sentence, i};
        lead[i] = EG_NONE;
    }
    eg_doc_parts_release(&parts);
    /* Sentences in the order of their first mention (which decides the
     * evidence of a pair); one sort instead of a scan of all mentions per
     * sentence. lead[i]: where mention i's sentence starts in by_sent when i
     * is its first mention. */
    if (st == EG_OK) {
        qsort(by_sent, doc->n_mentions, sizeof *by_sent, cmp_sent_mention);
        for (size_t r = 0; r < doc->n_mentions; r++)
            if (r == 0 || by_sent[r].sentence != by_sent[r - 1].sentence)
                lead[by_sent[r].index] = r;
    }
    /* each sentence's keys sorted and distinct */
    sent_at *got = NULL;
    size_t n_got = 0, cap_got = 0;
    for (size_t i = 0; i < doc->n_mentions && st == EG_OK; i++) {
        if (lead[i] == EG_NONE)
            continue;
        size_t s = doc->mentions[i].sentence;
        size_t begin = c->n_keylist;
        for (size_t r = lead[i]; r < doc->n_mentions && by_sent[r].sentence == s; r++) {
            size_t k = mkeys[by_sent[r].index];
            if (k >= REL_MAX) {
                st = EG_EINVAL;
                break;
            }
            if (eg_grow(&c->keylist, &c->cap_keylist, c->n_keylist + 1, sizeof *c->keylist)) {
                st = EG_ENOMEM;
                break;
            }
            c->keylist[c->n_keylist++] = (uint32_t)k;
        }
        if (st)
            break;
        qsort(c->keylist + begin, c->n_keylist - begin, sizeof *c->keylist, cmp_u32);
        size_t w = begin;
        for (size_t r = begin; r < c->n_keylist; r++)
            if (w == begin || c->keylist[w - 1] != c->keylist[r])
                c->keylist[w++] = c->keylist[r];
        c->n_keylist = w;
        if (eg_grow(&got, &cap_got, n_got + 1, sizeof *got)) {
            st = EG_ENOMEM;
            break;
        }
        const eg_sentence_info *info = s < doc->n_sentences ? &doc->sentences[s] : NULL;
        size_t paragraph = info ? info->paragraph : s;
        size_t n_keys = w - begin;
        if (d >= REL_MAX || s >= REL_MAX || paragraph >= REL_MAX || n_keys >= REL_MAX) {
            st = EG_EINVAL;
            break;
        }
        sent se = {(uint32_t)n_keys, (uint32_t)d, (uint32_t)s, (uint32_t)paragraph, 0, NULL};
        if (info) {
            se.line = info->line;
        } else {
            /* no line known: a line of its own, never furniture */
            se.line = ((uint64_t)d << 32) ^ s ^ UINT64_C(0x9e3779b97f4a7c15);
        }
        /* the evidence of its pairs */
        if (info && info->text && n_keys >= 2 && n_keys <= EG_CO_MENTION_MAX_ENTITIES &&
            !(se.text = eg_corpus_intern(c, info->text))) {
            st = EG_ENOMEM;
            break;
        }
        got[n_got++] = (sent_at){se, begin};
    }
    free(mkeys);
    free(lead);
    free(by_sent);
    /* sentences sorted by number (mentions come in pre-order, not text order) */
    if (st == EG_OK)
        st = add_sentences(c, d, got, n_got);
    free(got);
    if (st)
        return st;
    c->docs[d].sent_end = c->n_sents;

    for (size_t i = 0; i < doc->n_relations; i++) {
        const eg_relation *r = &doc->relations[i];
        size_t s = key_for(c, r->source_type, r->source, d);
        size_t t = key_for(c, r->target_type, r->target, d);
        if (s == EG_NONE || t == EG_NONE)
            return EG_ENOMEM;
        if (s == t)
            continue;
        if (s >= REL_MAX || t >= REL_MAX || d >= REL_MAX || r->sentence >= REL_SENTENCE_MAX ||
            (unsigned)r->kind >= EG_REL_KIND_COUNT)
            return EG_EINVAL;
        if (eg_grow(&c->rels, &c->cap_rels, c->n_rels + 1, sizeof *c->rels))
            return EG_ENOMEM;
        rel rl = {(uint32_t)s, (uint32_t)t, (unsigned)r->sentence, (unsigned)r->kind, r->seats,
                  r->role ? eg_corpus_intern(c, r->role) : NULL, eg_corpus_intern(c, r->evidence ? r->evidence : "")};
        if ((r->role && !rl.role) || !rl.evidence)
            return EG_ENOMEM;
        c->rels[c->n_rels++] = rl;
    }
    c->docs[d].rel_end = c->n_rels;
    for (size_t i = 0; i < doc->n_facts; i++) {
        const eg_fact *f = &doc->facts[i];
        size_t k = key_for(c, f->type, f->entity, d);
        if (k == EG_NONE || eg_grow(&c->facts, &c->cap_facts, c->n_facts + 1, sizeof *c->facts))
            return EG_ENOMEM;
        fact fa = {k, eg_strdup(f->key), eg_strdup(f->value), d};
        if (!fa.name || !fa.value) {
            free(fa.name);
            free(fa.value);
            return EG_ENOMEM;
        }
        c->facts[c->n_facts++] = fa;
    }
    return EG_OK;
}

/* ---- the network ---- */

typedef struct entity {
    size_t root;
    const char *first_norm; /* the smallest of its keys' names: an identity
                               that does not depend on the documents' order */
    const char *surface; /* the fullest surface form that is a name, or NULL */
    const char *label;
    size_t label_mentions;
    eg_type type;
    size_t node;         /* index once sorted */
} entity;

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Whether s is written in capitals for emphasis, as headlines are ("CANADA",
 * "JOHN SMITH"): no lower-case letter, and two words or six letters or more,
 * more than an acronym ("NATO", "OSCE") usually has. */
static bool shouted(const char *s)
{
    size_t letters = 0, len = strlen(s);
    bool words = false;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        i += eg_utf8_decode(s + i, len - i, &cp);
        if (cp < 0)
            continue;
        if (eg_cp_is_lower(cp))
            return false;
        if (eg_cp_is_letter(cp))
            letters++;
        else if (eg_cp_is_space(cp))
            words = true;
    }
    return words || letters >= 6;
}

/* The words of s in capitals ("SPAIN", "NATO": two letters or more), and
 * those that begin with a capital ("Party"). */
static void capitalised_words(const char *s, size_t *shouting, size_t *initial)
{
    *shouting = *initial = 0;
    size_t len = strlen(s), upper = 0, lower = 0;
    bool first = true;
    for (size_t i = 0; i <= len;) {
        int32_t cp = 0;
        if (i < len)
            i += eg_utf8_decode(s + i, len - i, &cp);
        else
            i++;
        if (cp > 0 && eg_cp_is_letter(cp)) {
            if (first && !eg_cp_is_lower(cp))
                (*initial)++;
            first = false;
            upper += !eg_cp_is_lower(cp);
            lower += eg_cp_is_lower(cp);
        } else if (cp <= 0 || eg_cp_is_space(cp)) {
            *shouting += upper >= 2 && !lower;
            upper = lower = 0;
            first = true;
        }
    }
}

/* Whether name a is a better label than b: not shouted, then longer (more
 * characters), then of two spellings of one name the one with fewer words
 * in capitals (a headline's "SPAIN" is too short to count as shouted, but
 * the text's "Spain" is the name), then with more words that begin with one
 * ("Unity Party", not "Unity party"), then more mentions, then
 * earlier in byte order. */
static bool better_label(const char *a, size_t ma, const char *b, size_t mb)
{
    bool sa = shouted(a), sb = shouted(b);
    if (sa != sb)
        return sb;
    size_t la = utf8_chars(a), lb = utf8_chars(b);
    if (la != lb)
        return la > lb;
    if (strcasecmp(a, b) == 0) {
        size_t sha, ina, shb, inb;
        capitalised_words(a, &sha, &ina);
        capitalised_words(b, &shb, &inb);
        if (sha != shb)
            return sha < shb;
        if (ina != inb)
            return ina > inb;
    }
    if (ma != mb)
        return ma > mb;
    return strcmp(a, b) < 0;
}

static int cmp_entities(const void *a, const void *b)
{
    const entity *x = a, *y = b;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    int c = strcmp(x->label, y->label);
    if (c)
        return c;
    /* two entities with one label ("Senate" and "Senate"): by their names */
    c = strcmp(x->first_norm, y->first_norm);
    if (c)
        return c;
    return x->root < y->root ? -1 : x->root > y->root;
}

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_net_edges(const void *p, const void *q);

typedef struct seat_figure {
    size_t doc;
    int seats;
} seat_figure;

/* The delegation figures stated of one pair. */
typedef struct seat_list {
    seat_figure *v;
    size_t n, cap;
} seat_list;

/* No document or window (the 32-bit fields of edge_acc). */
#define ACC_NONE UINT32_MAX

/* The titles and delegation figures stated of a pair: few pairs have any. */
typedef struct acc_extra {
    eg_strbuf roles; /* the titles stated, joined by EG_LIST_SEP */
    seat_list seats; /* every delegation figure stated */
} acc_extra;

/* One pair's accumulator while the edges are made: one per edge of the
 * network, so small, 64 bytes (nodes, relations, documents and windows in
 * 32 bits, as in rel and sent; dates as the documents that bear them; the
 * kind read off the relation; titles and seats apart). */
typedef struct edge_acc {
    uint32_t a, b;            /* node indexes, a < b */
    uint32_t primary;         /* relation that orients the edge, or ACC_NONE */
    uint32_t weight;          /* windows linking the pair */
    uint32_t together;        /* windows naming both */
    uint32_t docs;            /* documents linking the pair */
    uint32_t last_window;     /* the window last counted in weight (numbered
                                 across the corpus), or ACC_NONE */
    uint32_t together_window; /* ... in together */
    uint32_t counted_doc;     /* the document last counted in docs */
    uint32_t evidence_doc;    /* document of the co-mention evidence chosen, or ACC_NONE */
    uint32_t first_dated, last_dated; /* documents of the earliest and latest dates, or ACC_NONE */
    const char *evidence;     /* borrowed from the corpus */
    acc_extra *extra;         /* or NULL */
} edge_acc;

typedef struct event {
    size_t window;
    size_t seq;
    size_t a, b;   /* nodes */
    size_t rel;    /* relation index or EG_NONE for co-mention */
    bool counts;   /* false for a copy of site furniture: no weight */
} event;

static int cmp_events(const void *p, const void *q)
{
    const event *x = p, *y = q;
    if (x->window != y->window)
        return x->window < y->window ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void widen_dates(char first[11], char last[11], const char *date)
{
    if (!date[0])
        return;
    if (!first[0] || strcmp(date, first) < 0)
        memcpy(first, date, 11);
    if (!last[0] || strcmp(date, last) > 0)
        memcpy(last, date, 11);
}

/* widen_dates for a range kept as the documents that bear its dates. */
static void widen_dated(const eg_corpus *c, uint32_t *first, uint32_t *last, uint32_t d)
{
    const char *date = c->docs[d].date;
    if (!date[0])
        return;
    if (*first == ACC_NONE || strcmp(date, c->docs[*first].date) < 0)
        *first = d;
    if (*last == ACC_NONE || strcmp(date, c->docs[*last].date) > 0)
        *last = d;
}

static eg_edge_kind edge_kind_of(eg_relation_kind k)
{
    switch (k) {
    case EG_REL_ROLE: return EG_EDGE_ROLE;
    case EG_REL_DELEGATION: return EG_EDGE_DELEGATION;
    case EG_REL_ADOPTED: return EG_EDGE_ADOPTED;
    case EG_REL_SIGNED: return EG_EDGE_SIGNED;
    case EG_REL_DEVELOPED: return EG_EDGE_DEVELOPED;
    case EG_REL_APPROVED: return EG_EDGE_APPROVED;
    case EG_REL_PART_OF: return EG_EDGE_PART_OF;
    case EG_REL_COUNTRY_OF: return EG_EDGE_COUNTRY_OF;
    default: return EG_EDGE_CO_MENTION;
    }
}

typedef struct builder {
    eg_corpus *c;
    const eg_build_opts *opts;
    size_t *node_of_key;
    uint32_t *edge_slots; /* the edges by their nodes: an open-addressing
                             table of edge index + 1 (0: empty), the nodes
                             read off the edge itself; 4 bytes a slot where a
                             table of keys and values took 16 */
    size_t cap_slots;     /* a power of two, at least twice n_edges */
    edge_acc *edges;
    size_t n_edges, cap_edges;
    double *node_windows; /* per node: windows naming it */
    double windows;       /* windows naming anything */
    size_t n_nodes;
    uint32_t window_id;   /* the window of the events being applied, numbered across the corpus */
    uint32_t *rel_doc;    /* per relation: its document (while the edges are collected) */
} builder;

/* The kind of the edge an accumulator makes: its orienting relation's, or
 * co-mention. */
static eg_edge_kind acc_kind(const builder *bd, const edge_acc *acc)
{
    return acc->primary == ACC_NONE ? EG_EDGE_CO_MENTION : edge_kind_of(bd->c->rels[acc->primary].kind);
}

static size_t edge_home(const builder *bd, size_t a, size_t b)
{
    return (size_t)eg_hash_mix(pair_key(a, b)) & (bd->cap_slots - 1);
}

/* Doubles the table of edges (or makes the first), placing each again. */
static eg_status grow_edge_slots(builder *bd)
{
    size_t cap = bd->cap_slots ? 2 * bd->cap_slots : 1024;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return EG_ENOMEM;
    free(bd->edge_slots);
    bd->edge_slots = slots;
    bd->cap_slots = cap;
    for (size_t e = 0; e < bd->n_edges; e++) {
        size_t i = edge_home(bd, bd->edges[e].a, bd->edges[e].b);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = (uint32_t)(e + 1);
    }
    return EG_OK;
}

/* The edge between nodes a and b, made when absent and `create`; EG_NONE
 * when absent (or out of memory). */
static size_t find_edge(builder *bd, size_t a, size_t b, bool create)
{
    if (a > b) {
        size_t t = a;
        a = b;
        b = t;
    }
    if (!bd->cap_slots && (!create || grow_edge_slots(bd)))
        return EG_NONE;
    size_t i = edge_home(bd, a, b);
    for (uint32_t e; (e = bd->edge_slots[i]) != 0; i = (i + 1) & (bd->cap_slots - 1))
        if (bd->edges[e - 1].a == a && bd->edges[e - 1].b == b)
            return e - 1;
    if (!create)
        return EG_NONE;
    /* the table holds edge + 1 in 32 bits */
    if (bd->n_edges + 1 >= ACC_NONE ||
        eg_grow(&bd->edges, &bd->cap_edges, bd->n_edges + 1, sizeof *bd->edges))
        return EG_NONE;
    /* nodes below ACC_NONE: eg_corpus_build saw to it */
    bd->edges[bd->n_edges] = (edge_acc){
        .a = (uint32_t)a, .b = (uint32_t)b, .primary = ACC_NONE,
        .last_window = ACC_NONE, .together_window = ACC_NONE, .counted_doc = ACC_NONE,
        .evidence_doc = ACC_NONE, .first_dated = ACC_NONE, .last_dated = ACC_NONE};
    size_t e = bd->n_edges++;
    if (2 * bd->n_edges > bd->cap_slots) {
        if (grow_edge_slots(bd)) {
            bd->n_edges--;
            return EG_NONE;
        }
        return e;
    }
    bd->edge_slots[i] = (uint32_t)(e + 1);
    return e;
}

/* Appends a role title unless the edge has it already. */
/* A copy of a list joined by EG_LIST_SEP with its items sorted: the same
 * items in whatever order the documents came. NULL when out of memory. */
static char *sorted_list(const char *list)
{
    size_t n = 1, sep = strlen(EG_LIST_SEP);
    for (const char *p = strstr(list, EG_LIST_SEP); p; p = strstr(p + sep, EG_LIST_SEP))
        n++;
    char *copy = eg_strdup(list);
    char **items = malloc(n * sizeof *items);
    eg_strbuf sb = EG_STRBUF_INIT;
    if (!copy || !items) {
        free(copy);
        free(items);
        return NULL;
    }
    size_t k = 0;
    for (char *p = copy;;) {
        items[k++] = p;
        char *e = strstr(p, EG_LIST_SEP);
        if (!e)
            break;
        *e = '\0';
        p = e + sep;
    }
    qsort(items, k, sizeof *items, cmp_strings);
    for (size_t i = 0; i < k; i++)
        eg_strbuf_addf(&sb, "%s%s", i ? EG_LIST_SEP : "", items[i]);
    free(items);
    free(copy);
    return eg_strbuf_detach(&sb, NULL);
}

static acc_extra *extra_of(edge_acc *acc)
{
    if (!acc->extra && (acc->extra = calloc(1, sizeof *acc->extra)))
        eg_strbuf_init(&acc->extra->roles);
    return acc->extra;
}

static eg_status add_role(edge_acc *acc, const char *role)
{
    acc_extra *x = extra_of(acc);
    if (!x)
        return EG_ENOMEM;
    const char *s = x->roles.buf;
    size_t rl = strlen(role);
    while (*s) {
        const char *e = strstr(s, EG_LIST_SEP);
        size_t l = e ? (size_t)(e - s) : strlen(s);
        if (l == rl && strncmp(s, role, rl) == 0)
            return EG_OK;
        s += l;
        if (*s)
            s += strlen(EG_LIST_SEP);
    }
    if (x->roles.len)
        eg_strbuf_adds(&x->roles, EG_LIST_SEP);
    eg_strbuf_adds(&x->roles, role);
    return eg_strbuf_status(&x->roles);
}

/* Applies one event of document doc, in the window bd->window_id. */
static eg_status apply_event(builder *bd, size_t doc, const event *ev)
{
    size_t e = find_edge(bd, ev->a, ev->b, true);
    if (e == EG_NONE)
        return EG_ENOMEM;
    edge_acc *acc = &bd->edges[e];
    /* documents below REL_MAX: eg_corpus_add saw to it */
    uint32_t d = (uint32_t)doc, w = bd->window_id;
    if (ev->counts && acc->last_window != w) {
        acc->weight += 1;
        acc->last_window = w;
    }
    if (ev->counts && ev->rel == EG_NONE && acc->together_window != w) {
        acc->together += 1;
        acc->together_window = w;
    }
    if (acc->counted_doc != d) {
        acc->docs++;
        acc->counted_doc = d;
        widen_dated(bd->c, &acc->first_dated, &acc->last_dated, d);
    }
    if (ev->rel == EG_NONE)
        return EG_OK;
    const rel *r = &bd->c->rels[ev->rel];
    eg_edge_kind k = edge_kind_of(r->kind), pk = acc_kind(bd, acc);
    /* the most specific kind; of several, the one of the first document in
     * the canonical order */
    if (acc->primary == ACC_NONE || k < pk ||
        (k == pk && d != bd->rel_doc[acc->primary] && doc_before(bd->c, d, bd->rel_doc[acc->primary])))
        acc->primary = (uint32_t)ev->rel; /* below ACC_NONE: eg_corpus_build saw to it */
    if (k == EG_EDGE_DELEGATION && r->seats >= 0) {
        acc_extra *x = extra_of(acc);
        if (!x)
            return EG_ENOMEM;
        seat_list *sl = &x->seats;
        if (eg_grow(&sl->v, &sl->cap, sl->n + 1, sizeof *sl->v))
            return EG_ENOMEM;
        sl->v[sl->n++] = (seat_figure){doc, r->seats};
    }
    if (k == EG_EDGE_ROLE && r->role && r->role[0])
        return add_role(acc, r->role);
    return EG_OK;
}

/* A line of a document, for counting the documents that hold each line. */
typedef struct line_doc {
    uint64_t line;
    uint32_t doc;
} line_doc;

static int cmp_line_doc(const void *p, const void *q)
{
    const line_doc *x = p, *y = q;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* The lines of site furniture: the hash of each line found in at least 2
 * documents and in 5% of them (or 50) -> the document that counts it, the
 * first of those in the canonical order (doc_before). Every (line,
 * document) once, sorted by line: 16 bytes a line of the corpus (with padding) for the
 * time it takes, where a table of the distinct lines took several times
 * that at the graph stage's peak. */
static eg_status find_furniture(builder *bd, eg_u64map *furniture)
{
    eg_corpus *c = bd->c;
    line_doc *all = malloc((c->n_sents ? c->n_sents : 1) * sizeof *all);
    if (!all)
        return EG_ENOMEM;
    size_t n = 0;
    for (size_t d = 0; d < c->n_docs; d++) {
        const cdoc *cd = &c->docs[d];
        size_t from = n;
        for (size_t s = cd->sent_begin; s < cd->sent_end; s++)
            all[n++] = (line_doc){c->sents[s].line, (uint32_t)d};
        /* each line once per document */
        if (n - from > 1)
            qsort(all + from, n - from, sizeof *all, cmp_line_doc);
        size_t w = from;
        for (size_t i = from; i < n; i++)
            if (i == from || all[i].line != all[w - 1].line)
                all[w++] = all[i];
        n = w;
    }
    if (n > 1)
        qsort(all, n, sizeof *all, cmp_line_doc);
    eg_status st = EG_OK;
    for (size_t i = 0; i < n && st == EG_OK;) {
        size_t j = i, owner = all[i].doc;
        for (; j < n && all[j].line == all[i].line; j++)
            if (doc_before(c, all[j].doc, owner))
                owner = all[j].doc;
        size_t documents = j - i;
        if (documents >= 2 && (documents * 20 >= c->n_docs || documents >= 50))
            st = eg_u64map_put(furniture, all[i].line, owner);
        i = j;
    }
    free(all);
    return st;
}

static size_t window_of(const builder *bd, const sent *se)
{
    switch (bd->opts->window) {
    case EG_WINDOW_PARAGRAPH: return se->paragraph;
    case EG_WINDOW_DOCUMENT: return 0;
    default: return se->sentence;
    }
}

typedef struct line_at {
    uint64_t line;
    size_t sent; /* index in c->sents */
} line_at;

static int cmp_line_at(const void *p, const void *q)
{
    const line_at *x = p, *y = q;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->sent < y->sent ? -1 : x->sent > y->sent;
}

/* skip[s - sent_begin] = sentence s of document d is a copy: its line came
 * earlier in the document (a title printed twice), or it is site furniture
 * that another document counts (find_furniture). Sorting by line keeps this
 * O(n log n) in the document's sentences. */
static eg_status mark_copies(builder *bd, const cdoc *cd, const eg_u64map *furniture, size_t d, bool *skip,
                             line_at **lines, size_t *cap_lines)
{
    eg_corpus *c = bd->c;
    size_t ns = cd->sent_end - cd->sent_begin;
    for (size_t i = 0; i < ns; i++)
        skip[i] = false;
    if (bd->opts->keep_boilerplate || ns == 0)
        return EG_OK;
    if (eg_grow(lines, cap_lines, ns, sizeof **lines))
        return EG_ENOMEM;
    for (size_t i = 0; i < ns; i++)
        (*lines)[i] = (line_at){c->sents[cd->sent_begin + i].line, cd->sent_begin + i};
    qsort(*lines, ns, sizeof **lines, cmp_line_at);
    for (size_t i = 1; i < ns; i++)
        if ((*lines)[i].line == (*lines)[i - 1].line)
            skip[(*lines)[i].sent - cd->sent_begin] = true;
    for (size_t s = cd->sent_begin; s < cd->sent_end; s++) {
        if (skip[s - cd->sent_begin])
            continue;
        size_t owner = eg_u64map_get(furniture, c->sents[s].line);
        if (owner != EG_NONE)
            skip[s - cd->sent_begin] = owner != d;
    }
    return EG_OK;
}

/* The index in c->sents of sentence number `number` of document cd (its
 * sentences are sorted by number), or EG_NONE. */
static size_t find_sentence(const eg_corpus *c, const cdoc *cd, size_t number)
{
    size_t lo = cd->sent_begin, hi = cd->sent_end;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->sents[mid].sentence < number)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cd->sent_end && c->sents[lo].sentence == number ? lo : EG_NONE;
}

static eg_status collect_edges(builder *bd)
{
    eg_corpus *c = bd->c;
    event *evs = NULL;
    size_t n_evs = 0, cap_evs = 0;
    size_t *nodes = NULL, cap_nodes = 0;
    bool *skip = NULL;
    size_t cap_skip = 0;
    line_at *lines = NULL;
    size_t cap_lines = 0;
    size_t stamp = 0; /* windows seen so far; node_stamp[n] == stamp: n is in this one */
    size_t *node_stamp = calloc(bd->n_nodes ? bd->n_nodes : 1, sizeof *node_stamp);
    /* each relation's document, read off the documents' ranges of rels */
    bd->rel_doc = malloc((c->n_rels ? c->n_rels : 1) * sizeof *bd->rel_doc);
    if (!node_stamp || !bd->rel_doc) {
        free(node_stamp);
        free(bd->rel_doc);
        bd->rel_doc = NULL;
        return EG_ENOMEM;
    }
    for (size_t d = 0; d < c->n_docs; d++)
        for (size_t r = c->docs[d].rel_begin; r < c->docs[d].rel_end; r++)
            bd->rel_doc[r] = (uint32_t)d;
    eg_u64map furniture;
    eg_u64map_init(&furniture);
    eg_status st = EG_OK;
    if (!bd->opts->keep_boilerplate && (st = find_furniture(bd, &furniture))) {
        eg_u64map_release(&furniture);
        free(node_stamp);
        free(bd->rel_doc);
        bd->rel_doc = NULL;
        return st;
    }
    for (size_t d = 0; d < c->n_docs && st == EG_OK; d++) {
        n_evs = 0;
        const cdoc *cd = &c->docs[d];
        size_t ns = cd->sent_end - cd->sent_begin;
        if (eg_grow(&skip, &cap_skip, ns + 1, sizeof *skip)) {
            st = EG_ENOMEM;
            break;
        }
        /* which sentences are copies: of a line earlier in this document, or of
         * site furniture another document counts */
        if ((st = mark_copies(bd, cd, &furniture, d, skip, &lines, &cap_lines)))
            break;
        /* windows: runs of sentences with the same window number */
        size_t s = cd->sent_begin;
        const uint32_t *keys = doc_keys(c, d); /* of sentence e */
        while (s < cd->sent_end && st == EG_OK) {
            size_t w = window_of(bd, &c->sents[s]);
            size_t nn = 0;
            size_t e = s;
            stamp++;
            for (; e < cd->sent_end && window_of(bd, &c->sents[e]) == w; e++) {
                const sent *se = &c->sents[e];
                keys += se->n_keys;
                if (skip[e - cd->sent_begin])
                    continue;
                for (const uint32_t *k = keys - se->n_keys; k < keys; k++) {
                    size_t node = bd->node_of_key[*k];
                    if (node_stamp[node] == stamp)
                        continue;
                    node_stamp[node] = stamp;
                    if (eg_grow(&nodes, &cap_nodes, nn + 1, sizeof *nodes)) {
                        st = EG_ENOMEM;
                        break;
                    }
                    nodes[nn++] = node;
                }
            }
            if (nn) {
                bd->windows += 1;
                for (size_t i = 0; i < nn; i++)
                    bd->node_windows[nodes[i]] += 1;
            }
            /* a window naming more entities than this is a list or a table:
             * its pairs are not ties (and would grow as its square) */
            if (nn > EG_CO_MENTION_MAX_ENTITIES)
                nn = 0;
            for (size_t i = 0; i < nn && st == EG_OK; i++)
                for (size_t j = i + 1; j < nn && st == EG_OK; j++) {
                    if (eg_grow(&evs, &cap_evs, n_evs + 1, sizeof *evs)) {
                        st = EG_ENOMEM;
                        break;
                    }
                    evs[n_evs] = (event){w, n_evs, nodes[i], nodes[j], EG_NONE, true};
                    n_evs++;
                }
            s = e;
        }
        for (size_t r = cd->rel_begin; r < cd->rel_end && st == EG_OK; r++) {
            size_t a = bd->node_of_key[c->rels[r].src], b = bd->node_of_key[c->rels[r].tgt];
            if (a == b)
                continue;
            /* the relation's sentence: its window, and whether it is a copy */
            size_t w = c->rels[r].sentence;
            bool counts = true;
            size_t q = find_sentence(c, cd, c->rels[r].sentence);
            if (q != EG_NONE) {
                w = window_of(bd, &c->sents[q]);
                counts = !skip[q - cd->sent_begin];
            }
            if (bd->opts->window == EG_WINDOW_DOCUMENT)
                w = 0;
            if (eg_grow(&evs, &cap_evs, n_evs + 1, sizeof *evs)) {
                st = EG_ENOMEM;
                break;
            }
            evs[n_evs] = (event){w, n_evs, a, b, r, counts};
            n_evs++;
        }
        if (st)
            break;
        if (n_evs > 1)
            qsort(evs, n_evs, sizeof *evs, cmp_events);
        for (size_t i = 0; i < n_evs && st == EG_OK; i++) {
            /* a new window: a new number (a corpus of 2^32 windows is refused) */
            if ((i == 0 || evs[i].window != evs[i - 1].window) && ++bd->window_id == ACC_NONE)
                st = EG_EINVAL;
            if (st == EG_OK)
                st = apply_event(bd, d, &evs[i]);
        }
    }
    free(evs);
    free(nodes);
    free(skip);
    free(lines);
    free(node_stamp);
    free(bd->rel_doc);
    bd->rel_doc = NULL;
    eg_u64map_release(&furniture);
    return st;
}

/*
 * The co-mention evidence of each edge: the first sentence naming both its
 * nodes, in the canonical order of documents (doc_before), then in the
 * order of the sentences' numbers; only a sentence naming a few keys (sent's
 * text) is the evidence of its pairs.
 */
static void choose_evidence(builder *bd)
{
    eg_corpus *c = bd->c;
    for (size_t d = 0; d < c->n_docs; d++) {
        const cdoc *cd = &c->docs[d];
        const uint32_t *keys = doc_keys(c, d);
        for (size_t s = cd->sent_begin; s < cd->sent_end; keys += c->sents[s].n_keys, s++) {
            const sent *se = &c->sents[s];
            if (!se->text)
                continue;
            for (size_t i = 0; i < se->n_keys; i++)
                for (size_t j = i + 1; j < se->n_keys; j++) {
                    size_t a = bd->node_of_key[keys[i]], b = bd->node_of_key[keys[j]];
                    size_t e = a == b ? EG_NONE : find_edge(bd, a, b, false);
                    if (e == EG_NONE)
                        continue;
                    edge_acc *acc = &bd->edges[e];
                    if (acc->evidence_doc == ACC_NONE ||
                        (d != acc->evidence_doc && doc_before(c, d, acc->evidence_doc))) {
                        acc->evidence_doc = (uint32_t)d;
                        acc->evidence = se->text;
                    }
                }
        }
    }
}

static const char *doc_date(const eg_corpus *c, size_t doc)
{
    return c->docs[doc].date;
}

/* Every figure in date order ("DATE:SEATS:DOC"|...); the latest gives the seats. */
static eg_status seats_of(const builder *bd, edge_acc *acc, eg_edge *e)
{
    const eg_corpus *c = bd->c;
    seat_list *sl = &acc->extra->seats;
    /* insertion sort by (date, document id) */
    for (size_t i = 1; i < sl->n; i++) {
        seat_figure v = sl->v[i];
        size_t j = i;
        while (j > 0) {
            const seat_figure *p = &sl->v[j - 1];
            int cmp = strcmp(doc_date(c, p->doc), doc_date(c, v.doc));
            if (!cmp)
                cmp = strcmp(c->docs[p->doc].id, c->docs[v.doc].id);
            if (cmp <= 0)
                break;
            sl->v[j] = sl->v[j - 1];
            j--;
        }
        sl->v[j] = v;
    }
    eg_strbuf sb = EG_STRBUF_INIT;
    for (size_t i = 0; i < sl->n; i++) {
        const seat_figure *f = &sl->v[i];
        eg_strbuf_addf(&sb, "%s%s:%d:%s", i ? EG_LIST_SEP : "", doc_date(c, f->doc), f->seats,
                       c->docs[f->doc].id);
    }
    e->seats = sl->v[sl->n - 1].seats;
    e->seats_history = eg_strbuf_detach(&sb, NULL);
    return e->seats_history ? EG_OK : EG_ENOMEM;
}

static eg_status fill_edges(builder *bd, eg_network *net)
{
    /* A spent corpus hands its pool of texts to the network, whose edges
     * quote them: one copy of each evidence sentence, not two at once. */
    if (bd->opts->spend && net->texts.n == 0) {
        eg_strpool_release(&net->texts);
        net->texts = bd->c->texts;
        eg_strpool_init(&bd->c->texts);
    }
    /* the edges' index goes before the network's edges come */
    if (bd->opts->spend) {
        free(bd->edge_slots);
        bd->edge_slots = NULL;
        bd->cap_slots = 0;
    }
    net->edges = calloc(bd->n_edges ? bd->n_edges : 1, sizeof *net->edges);
    if (!net->edges)
        return EG_ENOMEM;
    for (size_t i = 0; i < bd->n_edges; i++) {
        edge_acc *acc = &bd->edges[i];
        eg_edge *e = &net->edges[net->n_edges++];
        e->source = acc->a;
        e->target = acc->b;
        e->kind = EG_EDGE_CO_MENTION;
        e->weight = acc->weight > 0 ? acc->weight : 1;
        e->documents = acc->docs;
        e->seats = -1;
        if (acc->first_dated != ACC_NONE) {
            memcpy(e->first_date, bd->c->docs[acc->first_dated].date, 11);
            memcpy(e->last_date, bd->c->docs[acc->last_dated].date, 11);
        }
        if (acc->together > 0 && bd->windows > 0) {
            double na = bd->node_windows[acc->a], nb = bd->node_windows[acc->b];
            e->pmi = log2(acc->together * bd->windows / (na * nb));
        }
        const char *evidence = acc->evidence;
        if (acc->primary != ACC_NONE) {
            const rel *r = &bd->c->rels[acc->primary];
            e->kind = acc_kind(bd, acc);
            /* the subject of the relation is the source */
            e->source = bd->node_of_key[r->src];
            e->target = bd->node_of_key[r->tgt];
            evidence = r->evidence;
            if (e->kind == EG_EDGE_ROLE && acc->extra && acc->extra->roles.len) {
                e->role = sorted_list(acc->extra->roles.buf);
                if (!e->role)
                    return EG_ENOMEM;
            }
            if (e->kind == EG_EDGE_DELEGATION && acc->extra && acc->extra->seats.n && seats_of(bd, acc, e))
                return EG_ENOMEM;
        }
        if (evidence && evidence[0] && !(e->evidence = eg_network_text(net, evidence)))
            return EG_ENOMEM;
    }
    qsort(net->edges, net->n_edges, sizeof *net->edges, cmp_net_edges);
    return EG_OK;
}

static int cmp_net_edges(const void *p, const void *q)
{
    const eg_edge *x = p, *y = q;
    if (x->source != y->source)
        return x->source < y->source ? -1 : 1;
    if (x->target != y->target)
        return x->target < y->target ? -1 : 1;
    return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static eg_status fill_nodes(eg_corpus *c, size_t *parent, entity *ents, size_t n_ents,
                            size_t *node_of_key, eg_network *net)
{
    net->nodes = calloc(n_ents ? n_ents : 1, sizeof *net->nodes);
    if (!net->nodes)
        return EG_ENOMEM;
    net->n_nodes = n_ents;
    for (size_t i = 0; i < n_ents; i++) {
        net->nodes[i].type = ents[i].type;
        net->nodes[i].label = eg_strdup(ents[i].label);
        if (!net->nodes[i].label)
            return EG_ENOMEM;
    }
    /* aliases: every surface form of every key of the entity */
    size_t *counts = calloc(n_ents ? n_ents : 1, sizeof *counts);
    if (!counts)
        return EG_ENOMEM;
    for (size_t f = 0; f < c->n_forms; f++)
        counts[node_of_key[c->forms[f].key]]++;
    for (size_t i = 0; i < n_ents; i++) {
        net->nodes[i].aliases = calloc(counts[i] ? counts[i] : 1, sizeof(char *));
        if (!net->nodes[i].aliases) {
            free(counts);
            return EG_ENOMEM;
        }
    }
    free(counts);
    for (size_t f = 0; f < c->n_forms; f++) {
        eg_node *nd = &net->nodes[node_of_key[c->forms[f].key]];
        if (!(nd->aliases[nd->n_aliases] = eg_strdup(c->forms[f].text)))
            return EG_ENOMEM;
        nd->n_aliases++;
    }
    for (size_t i = 0; i < n_ents; i++) {
        eg_node *nd = &net->nodes[i];
        qsort(nd->aliases, nd->n_aliases, sizeof *nd->aliases, cmp_strings);
        size_t w = 0;
        for (size_t r = 0; r < nd->n_aliases; r++) {
            if (w && strcmp(nd->aliases[w - 1], nd->aliases[r]) == 0)
                free(nd->aliases[r]);
            else
                nd->aliases[w++] = nd->aliases[r];
        }
        nd->n_aliases = w;
    }
    for (size_t k = 0; k < c->n_keys; k++)
        net->nodes[node_of_key[k]].mentions += c->keys[k].mentions;
    /* documents and dates */
    size_t *last_doc = malloc((n_ents ? n_ents : 1) * sizeof *last_doc);
    if (!last_doc)
        return EG_ENOMEM;
    for (size_t i = 0; i < n_ents; i++)
        last_doc[i] = EG_NONE;
    for (size_t d = 0; d < c->n_docs; d++) {
        const uint32_t *keys = doc_keys(c, d);
        for (size_t s = c->docs[d].sent_begin; s < c->docs[d].sent_end; keys += c->sents[s].n_keys, s++) {
            for (size_t i = 0; i < c->sents[s].n_keys; i++) {
                size_t node = node_of_key[keys[i]];
                if (last_doc[node] == d)
                    continue;
                last_doc[node] = d;
                net->nodes[node].documents++;
                widen_dates(net->nodes[node].first_date, net->nodes[node].last_date,
                            c->docs[d].date);
            }
        }
    }
    free(last_doc);
    (void)parent;
    /* facts: the latest dated document's value (the later one on a tie) */
    size_t *fact_doc = malloc((n_ents ? n_ents : 1) * sizeof *fact_doc);
    if (!fact_doc)
        return EG_ENOMEM;
    for (size_t i = 0; i < n_ents; i++)
        fact_doc[i] = EG_NONE;
    for (size_t f = 0; f < c->n_facts; f++) {
        const fact *fa = &c->facts[f];
        if (strcmp(fa->name, "website") != 0)
            continue;
        size_t node = node_of_key[fa->key];
        size_t prev = fact_doc[node];
        if (prev != EG_NONE && strcmp(c->docs[fa->doc].date, c->docs[prev].date) < 0)
            continue;
        char *v = eg_strdup(fa->value);
        if (!v) {
            free(fact_doc);
            return EG_ENOMEM;
        }
        free(net->nodes[node].website);
        net->nodes[node].website = v;
        fact_doc[node] = fa->doc;
    }
    free(fact_doc);
    return EG_OK;
}

/* ---- the user's corrections (eg_aliases.h) and the merge log ---- */

/* Sets the labels the aliases file gives (the last directive for an entity
 * wins). */
static void user_labels(eg_corpus *c, size_t *parent, char **form_norms, entity *ents,
                        const size_t *ent_of_root)
{
    const eg_aliases *a = c->aliases;
    for (size_t r = 0; r < a->n_rules; r++) {
        const eg_alias_rule *ru = &a->rules[r];
        if (ru->kind != EG_ALIAS_LABEL)
            continue;
        for (size_t k = 0; k < c->n_keys; k++)
            if (strcmp(c->keys[k].norm, ru->norms[0]) == 0) {
                ents[ent_of_root[find(parent, k)]].label = ru->label;
                c->alias_hits[r]++;
            }
        for (size_t f = 0; f < c->n_forms; f++)
            if (strcmp(form_norms[f], ru->norms[0]) == 0) {
                ents[ent_of_root[find(parent, c->forms[f].key)]].label = ru->label;
                c->alias_hits[r]++;
            }
    }
}

static const char *form_rule(eg_form f)
{
    switch (f) {
    case EG_FORM_ACRONYM:
        return "document_acronym";
    case EG_FORM_SURNAME:
        return "document_surname";
    case EG_FORM_DEMONYM:
        return "document_demonym";
    default:
        return "document_name";
    }
}

/* NULL before any string. */
static int cmp_optional(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* A total order: entries that tie on node, alias and rule (one name written
 * "Boston" through two others) would otherwise come in the order the
 * documents were read. */
static int cmp_merge_entries(const void *p, const void *q)
{
    const eg_merge_entry *a = p, *b = q;
    if (a->node != b->node)
        return a->node < b->node ? -1 : 1;
    int d = strcmp(a->alias, b->alias);
    if (!d)
        d = strcmp(a->rule, b->rule);
    if (!d)
        d = cmp_optional(a->via, b->via);
    if (!d)
        d = strcmp(a->document, b->document);
    return d ? d : cmp_optional(a->example, b->example);
}

static eg_status add_merge_entry(eg_network *net, size_t *cap, size_t node, const char *alias,
                                 const char *rule, const char *via, const char *document,
                                 const char *example)
{
    if (eg_grow(&net->merges, cap, net->n_merges + 1, sizeof *net->merges))
        return EG_ENOMEM;
    eg_merge_entry e = {node, eg_strdup(alias), rule, via ? eg_strdup(via) : NULL,
                        eg_strdup(document), example ? eg_strdup(example) : NULL};
    if (!e.alias || (via && !e.via) || !e.document || (example && !e.example)) {
        free(e.alias);
        free(e.via);
        free(e.document);
        free(e.example);
        return EG_ENOMEM;
    }
    net->merges[net->n_merges++] = e;
    return EG_OK;
}

/* The merge log: a line for each entity name (key) with the rule that
 * joined it, and one for each other way a document wrote it. */
static eg_status fill_merge_log(eg_corpus *c, const joins *j, const size_t *node_of_key,
                                eg_network *net)
{
    size_t cap = 0;
    size_t *first_form = malloc((c->n_keys ? c->n_keys : 1) * sizeof *first_form);
    if (!first_form)
        return EG_ENOMEM;
    for (size_t k = 0; k < c->n_keys; k++)
        first_form[k] = EG_NONE;
    /* a name's example: where the text wrote it so, else the form of the
     * first document in the canonical order (then the first text) */
    for (size_t f = 0; f < c->n_forms; f++) {
        const form *fo = &c->forms[f];
        size_t cur = first_form[fo->key];
        if (cur == EG_NONE) {
            first_form[fo->key] = f;
            continue;
        }
        const form *cf = &c->forms[cur];
        bool exact = strcmp(fo->text, c->keys[fo->key].name) == 0;
        bool cur_exact = strcmp(cf->text, c->keys[fo->key].name) == 0;
        if (exact != cur_exact) {
            if (exact)
                first_form[fo->key] = f;
        } else if (fo->doc != cf->doc ? doc_before(c, fo->doc, cf->doc) : strcmp(fo->text, cf->text) < 0) {
            first_form[fo->key] = f;
        }
    }
    eg_status st = EG_OK;
    for (size_t k = 0; k < c->n_keys && st == EG_OK; k++) {
        const form *fo = first_form[k] != EG_NONE ? &c->forms[first_form[k]] : NULL;
        /* the name the node is labelled with is its own, however it joined */
        bool own = !j->why[k] || strcmp(c->keys[k].name, net->nodes[node_of_key[k]].label) == 0;
        st = add_merge_entry(net, &cap, node_of_key[k], c->keys[k].name, own ? "name" : j->why[k],
                             own ? NULL : c->keys[j->with[k]].name, fo ? c->docs[fo->doc].id : "",
                             fo ? fo->example : NULL);
    }
    for (size_t f = 0; f < c->n_forms && st == EG_OK; f++) {
        const form *fo = &c->forms[f];
        if (strcmp(fo->text, c->keys[fo->key].name) == 0)
            continue;
        st = add_merge_entry(net, &cap, node_of_key[fo->key], fo->text, form_rule(fo->form),
                             c->keys[fo->key].name, c->docs[fo->doc].id, fo->example);
    }
    free(first_form);
    if (st == EG_OK && net->n_merges > 1)
        qsort(net->merges, net->n_merges, sizeof *net->merges, cmp_merge_entries);
    return st;
}

/* A key's place in the canonical order. */
typedef struct key_order {
    eg_type type;
    const char *norm;
    size_t old;
} key_order;

static int cmp_key_order(const void *p, const void *q)
{
    const key_order *a = p, *b = q;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    int d = strcmp(a->norm, b->norm);
    return d ? d : (a->old > b->old) - (a->old < b->old);
}

/* Re-keys the map of forms, whose keys hold key indexes ("key\x1ftext"),
 * after a renumbering. A corpus being spent needs it no more (it serves
 * eg_corpus_add): it goes. */
static eg_status reindex(eg_corpus *c)
{
    if (c->spent) {
        eg_map_free(c->form_index);
        c->form_index = NULL;
        return EG_OK;
    }
    eg_map *forms = eg_map_new(c->n_forms + 1);
    eg_status st = forms ? EG_OK : EG_ENOMEM;
    for (size_t f = 0; f < c->n_forms && st == EG_OK; f++) {
        eg_strbuf_reset(&c->scratch);
        eg_strbuf_addf(&c->scratch, "%zu\x1f%s", c->forms[f].key, c->forms[f].text);
        st = eg_strbuf_status(&c->scratch);
        if (st == EG_OK)
            st = eg_map_put(forms, c->scratch.buf, f);
    }
    if (st) {
        eg_map_free(forms);
        return st;
    }
    eg_map_free(c->form_index);
    c->form_index = forms;
    return EG_OK;
}

/*
 * Numbers the keys by type and normal form, whatever order the documents
 * came in: the alias rules fill their maps in key order and make the
 * smallest index a set's root, and which key a name is said to have joined
 * "via" follows from both. So the outputs depend on the set of documents
 * only, however they were read or their partial states merged.
 */
static eg_status canonical_keys(eg_corpus *c)
{
    size_t n = c->n_keys;
    key_order *ko = malloc((n ? n : 1) * sizeof *ko);
    size_t *renum = malloc((n ? n : 1) * sizeof *renum);
    ekey *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!ko || !renum || !keys) {
        free(ko);
        free(renum);
        free(keys);
        return EG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        ko[i] = (key_order){c->keys[i].type, c->keys[i].norm, i};
    qsort(ko, n, sizeof *ko, cmp_key_order);
    bool moved = false;
    for (size_t i = 0; i < n; i++) {
        renum[ko[i].old] = i;
        keys[i] = c->keys[ko[i].old];
        moved = moved || ko[i].old != i;
    }
    free(ko);
    if (!moved) {
        free(renum);
        free(keys);
        return c->spent ? reindex(c) : EG_OK;
    }
    memcpy(c->keys, keys, n * sizeof *keys);
    free(keys);
    eg_status st = EG_OK;
    for (size_t i = 0; i < n && st == EG_OK; i++) {
        eg_strbuf_reset(&c->scratch);
        eg_strbuf_addf(&c->scratch, "%d\x1f%s", (int)c->keys[i].type, c->keys[i].norm);
        st = eg_strbuf_status(&c->scratch);
        if (st == EG_OK)
            st = eg_map_put(c->key_index, c->scratch.buf, i);
    }
    for (size_t k = 0; k < c->n_keylist; k++)
        c->keylist[k] = (uint32_t)renum[c->keylist[k]];
    for (size_t d = 0; d < c->n_docs; d++) { /* a sentence's keys stay sorted */
        uint32_t *keys = doc_keys(c, d);
        for (size_t s = c->docs[d].sent_begin; s < c->docs[d].sent_end; keys += c->sents[s].n_keys, s++)
            qsort(keys, c->sents[s].n_keys, sizeof *keys, cmp_u32);
    }
    for (size_t f = 0; f < c->n_forms; f++)
        c->forms[f].key = renum[c->forms[f].key];
    for (size_t i = 0; i < c->n_rels; i++) {
        c->rels[i].src = renum[c->rels[i].src];
        c->rels[i].tgt = renum[c->rels[i].tgt];
    }
    for (size_t i = 0; i < c->n_facts; i++)
        c->facts[i].key = renum[c->facts[i].key];
    free(renum);
    return st ? st : reindex(c);
}

/* Returns to the system the memory freed so far: a spent corpus frees
 * millions of small strings, which glibc keeps otherwise (they lie under
 * live blocks, so its heap cannot shrink from the top). */
static void give_back_memory(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

/* Frees the keys, the forms and their indexes of a corpus being spent
 * (eg_build_opts.spend), once the nodes are made. */
static void spend_names(eg_corpus *c)
{
    eg_map_free(c->key_index);
    eg_map_free(c->form_index);
    c->key_index = c->form_index = NULL;
    for (size_t i = 0; i < c->n_keys; i++) {
        free(c->keys[i].norm);
        free(c->keys[i].name);
        free(c->keys[i].sig);
    }
    free(c->keys);
    c->keys = NULL;
    c->n_keys = c->cap_keys = 0;
    for (size_t i = 0; i < c->n_forms; i++)
        free(c->forms[i].text);
    free(c->forms);
    c->forms = NULL;
    c->n_forms = c->cap_forms = 0;
}

eg_status eg_corpus_build(eg_corpus *c, const eg_build_opts *opts, eg_network *net,
                          eg_error *err)
{
    static const eg_build_opts defaults = EG_BUILD_OPTS_INIT;
    eg_network_init(net);
    if (c->spent) {
        eg_error_set(err, EG_EINVAL, "building the network: the corpus was spent by an earlier build");
        return EG_EINVAL;
    }
    if (opts && opts->spend)
        c->spent = true;
    eg_status st = EG_OK;
    size_t nk = c->n_keys;
    size_t *parent = malloc((nk ? nk : 1) * sizeof *parent);
    entity *ents = malloc((nk ? nk : 1) * sizeof *ents);
    size_t *ent_of_root = malloc((nk ? nk : 1) * sizeof *ent_of_root);
    size_t *node_of_key = malloc((nk ? nk : 1) * sizeof *node_of_key);
    builder bd = {.c = c, .opts = opts ? opts : &defaults, .node_of_key = node_of_key};
    joins j = {parent, calloc(nk ? nk : 1, sizeof *j.why), malloc((nk ? nk : 1) * sizeof *j.with),
               NULL, NULL, 0};
    char **form_norms = NULL; /* the forms' texts normalised, when an aliases file needs them */
    if (!parent || !ents || !ent_of_root || !node_of_key || !j.why || !j.with) {
        st = EG_ENOMEM;
        goto cleanup;
    }
    if (c->n_rels >= ACC_NONE || nk >= ACC_NONE) {
        /* the edges name their nodes and relations in 32 bits */
        st = EG_EINVAL;
        goto cleanup;
    }
    if ((st = canonical_keys(c)))
        goto cleanup;
    for (size_t i = 0; i < nk; i++)
        parent[i] = i;
    if (c->aliases && (st = eg_rules_user_joins(c, &j, &form_norms)))
        goto cleanup;
    if ((st = eg_rules_apply(c, &j)))
        goto cleanup;

    /* one entity per root, labelled with its fullest name: for people the
     * name as the extractor fixed it ("Yerlan Koshanov"), for the others the
     * fullest form written in the text, not a lexicon's spelling ("Shanghai
     * Cooperation Organization") nor an acronym or demonym */
    size_t n_ents = 0;
    for (size_t i = 0; i < nk; i++)
        ent_of_root[i] = EG_NONE;
    for (size_t i = 0; i < nk; i++) {
        size_t r = find(parent, i);
        if (ent_of_root[r] == EG_NONE) {
            ent_of_root[r] = n_ents;
            ents[n_ents++] = (entity){r, c->keys[r].norm, NULL, NULL, 0, c->keys[r].type, 0};
        }
        entity *e = &ents[ent_of_root[r]];
        const ekey *k = &c->keys[i];
        if (strcmp(k->norm, e->first_norm) < 0)
            e->first_norm = k->norm;
        if (!e->label || better_label(k->name, k->mentions, e->label, e->label_mentions)) {
            e->label = k->name;
            e->label_mentions = k->mentions;
        }
    }
    for (size_t f = 0; f < c->n_forms; f++) {
        const form *fo = &c->forms[f];
        entity *e = &ents[ent_of_root[find(parent, fo->key)]];
        if (e->type == EG_TYPE_PERSON || fo->form != EG_FORM_NAME)
            continue;
        if (!e->surface || better_label(fo->text, 0, e->surface, 0))
            e->surface = fo->text;
    }
    for (size_t i = 0; i < n_ents; i++)
        if (ents[i].surface)
            ents[i].label = ents[i].surface;
    if (c->aliases)
        user_labels(c, parent, form_norms, ents, ent_of_root);
    qsort(ents, n_ents, sizeof *ents, cmp_entities);
    for (size_t i = 0; i < n_ents; i++)
        ent_of_root[ents[i].root] = i;
    for (size_t k = 0; k < nk; k++)
        node_of_key[k] = ent_of_root[find(parent, k)];
    if ((st = fill_nodes(c, parent, ents, n_ents, node_of_key, net)) ||
        (!bd.opts->skip_merge_log && (st = fill_merge_log(c, &j, node_of_key, net))))
        goto cleanup;
    if (bd.opts->spend) {
        /* the nodes have their names: the keys' and forms' are done with */
        if (form_norms)
            for (size_t f = 0; f < c->n_forms; f++)
                free(form_norms[f]);
        free(form_norms);
        form_norms = NULL;
        spend_names(c);
        give_back_memory();
    }
    if (!(bd.node_windows = calloc(n_ents ? n_ents : 1, sizeof *bd.node_windows))) {
        st = EG_ENOMEM;
        goto cleanup;
    }
    bd.n_nodes = n_ents;
    if ((st = collect_edges(&bd)))
        goto cleanup;
    choose_evidence(&bd);
    if (bd.opts->spend) {
        /* the windows are counted: the sentences' lists are done with */
        free(c->sents);
        free(c->keylist);
        c->sents = NULL;
        c->keylist = NULL;
        c->n_sents = c->cap_sents = c->n_keylist = c->cap_keylist = 0;
        give_back_memory();
        for (size_t d = 0; d < c->n_docs; d++)
            c->docs[d].sent_begin = c->docs[d].sent_end = 0;
    }
    if ((st = fill_edges(&bd, net)))
        goto cleanup;
    net->n_documents = c->n_docs;
    for (size_t d = 0; d < c->n_docs; d++)
        net->n_dated += c->docs[d].date[0] != 0;
cleanup:
    if (st) {
        eg_network_release(net);
        eg_error_set(err, st, "building the network: %s", eg_strerror(st));
    }
    for (size_t i = 0; i < bd.n_edges; i++) {
        acc_extra *x = bd.edges[i].extra;
        if (x) {
            eg_strbuf_release(&x->roles);
            free(x->seats.v);
            free(x);
        }
    }
    free(bd.edges);
    free(bd.node_windows);
    free(bd.edge_slots);
    free(parent);
    free(ents);
    free(ent_of_root);
    free(node_of_key);
    free(j.why);
    free(j.with);
    for (size_t p = 0; p < j.n_aparts; p++) {
        free(j.aparts[p].a);
        free(j.aparts[p].b);
    }
    free(j.aparts);
    if (form_norms)
        for (size_t f = 0; f < c->n_forms; f++)
            free(form_norms[f]);
    free(form_norms);
    return st;
}
