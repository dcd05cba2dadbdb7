#include "eg_train.h"

#include "eg_hash.h"
#include "eg_text.h"
#include "eg_wire.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- annotated documents ---- */

typedef struct gold_doc {
    char *text;
    size_t len;
    eg_tokens toks;
    uint8_t *gold;          /* gold tag per token */
    uint8_t *first_pass;    /* jackknifed first-pass tags (two-stage training) */
    eg_features local;
    eg_features document;
    size_t repeat;
} gold_doc;

typedef struct doc_set {
    gold_doc *v;
    size_t n, cap;
} doc_set;

/* Why spans were left out. */
typedef struct read_counts {
    size_t docs, spans, off_tokens, across, overlap, trimmed, impossible;
    size_t by_type[EG_TAG_N_TYPES];
} read_counts;

struct eg_trainer {
    const eg_lexicon *lex;
    eg_train_opts opts;
    doc_set train, held;
    eg_strbuf note;
    eg_lex_matches lm; /* scratch */
    eg_lex_entry *hidden; /* scratch: entries with their organisation hidden */
    size_t cap_hidden;
};

static void doc_release(gold_doc *d)
{
    free(d->text);
    eg_tokens_release(&d->toks);
    free(d->gold);
    free(d->first_pass);
    eg_features_release(&d->local);
    eg_features_release(&d->document);
}

static void set_release(doc_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        doc_release(&s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

eg_status eg_trainer_new(const eg_lexicon *lex, const eg_train_opts *opts, eg_trainer **out)
{
    static const eg_train_opts defaults = EG_TRAIN_OPTS_INIT;
    *out = NULL;
    eg_trainer *tr = calloc(1, sizeof *tr);
    if (!tr)
        return EG_ENOMEM;
    tr->lex = lex;
    tr->opts = opts ? *opts : defaults;
    if (tr->opts.stages < 1 || tr->opts.stages > 2 || tr->opts.epochs < 1 || tr->opts.runs < 1 ||
        (tr->opts.stages == 2 && tr->opts.folds < 2)) {
        free(tr);
        return EG_EINVAL;
    }
    eg_strbuf_init(&tr->note);
    eg_lex_matches_init(&tr->lm);
    *out = tr;
    return EG_OK;
}

void eg_trainer_free(eg_trainer *tr)
{
    if (!tr)
        return;
    set_release(&tr->train);
    set_release(&tr->held);
    eg_strbuf_release(&tr->note);
    eg_lex_matches_release(&tr->lm);
    free(tr->hidden);
    free(tr);
}

static void report(const eg_trainer *tr, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void report(const eg_trainer *tr, const char *fmt, ...)
{
    if (!tr->opts.report)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    tr->opts.report(tr->opts.data, line);
}

static void progress(const eg_trainer *tr, const char *what, double fraction)
{
    if (tr->opts.progress)
        tr->opts.progress(tr->opts.data, what, fraction);
}

/* The type a data set's label stands for; false when unknown. `is_loc` is
 * set for labels of places, which are countries or not by their name. */
static bool map_type(const char *label, eg_tag_type *type, bool *is_loc)
{
    static const struct {
        const char *label;
        eg_tag_type type;
    } map[] = {
        {"person", EG_TAG_PERSON}, {"PER", EG_TAG_PERSON},   {"Peop", EG_TAG_PERSON},
        {"body", EG_TAG_BODY},     {"ORG", EG_TAG_BODY},     {"Org", EG_TAG_BODY},
        {"country", EG_TAG_COUNTRY}, {"document", EG_TAG_DOCUMENT}, {"misc", EG_TAG_MISC},
        {"MISC", EG_TAG_MISC},     {"Other", EG_TAG_MISC},   {"loc", EG_TAG_LOC},
        {"LOC", EG_TAG_LOC},       {"Loc", EG_TAG_LOC},
    };
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++) {
        if (strcmp(label, map[k].label) == 0) {
            *type = map[k].type;
            *is_loc = map[k].type == EG_TAG_LOC;
            return true;
        }
    }
    return false;
}

/* The token starting (ending, when `ending`) at byte `off`, or EG_NONE.
 * Tokens are in text order, so their starts and their ends both ascend. */
static size_t token_at(const eg_tokens *toks, size_t off, bool ending)
{
    size_t lo = 0, hi = toks->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((ending ? toks->v[mid].end : toks->v[mid].start) < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == toks->n || (ending ? toks->v[lo].end : toks->v[lo].start) != off)
        return EG_NONE;
    return lo;
}

static bool is_period(const gold_doc *d, size_t i)
{
    const eg_token *t = &d->toks.v[i];
    return t->kind == EG_TOK_PUNCT && t->end - t->start == 1 && d->text[t->start] == '.';
}

/* A title or honorific before a person's name ("President", "Sen.", "Mr"),
 * which CoNLL-2003 leaves out of the name and CoNLL04 does not. */
static bool title_word(const eg_lex_matches *lm, size_t i)
{
    eg_lex_classes c = lm->cls[i];
    return (c & (EG_LEX_TITLE | EG_LEX_HONORIFIC | EG_LEX_TITLE_MOD | EG_LEX_COURTESY)) &&
           !(c & (EG_LEX_GIVEN | EG_LEX_SURNAME | EG_LEX_NOBLE_STYLE));
}

/* Places one gold span [a, b] (tokens, inclusive) of `type` into d->gold. */
static void place_span(gold_doc *d, const eg_lex_matches *lm, size_t a, size_t b, eg_tag_type type,
                       read_counts *rc)
{
    /* a sentence's final period is no part of a name */
    if (b > a && is_period(d, b))
        b--;
    if (type == EG_TAG_PERSON) {
        size_t a0 = a;
        while (a < b && (title_word(lm, a) || (a > a0 && is_period(d, a))))
            a++;
        rc->trimmed += a > a0;
    }
    for (size_t k = a; k <= b; k++) {
        if (d->gold[k] != EG_TAG_O) {
            rc->overlap++;
            return;
        }
    }
    if (d->toks.v[a].sentence != d->toks.v[b].sentence) {
        rc->across++;
        return;
    }
    if (a == b) {
        d->gold[a] = (uint8_t)eg_tag(type, EG_TAG_U);
    } else {
        d->gold[a] = (uint8_t)eg_tag(type, EG_TAG_B);
        for (size_t k = a + 1; k < b; k++)
            d->gold[k] = (uint8_t)eg_tag(type, EG_TAG_I);
        d->gold[b] = (uint8_t)eg_tag(type, EG_TAG_L);
    }
    rc->spans++;
    rc->by_type[type]++;
}

/* Names over a word that is no candidate (eg_features: "the presidential
 * election", "$ 5 million") cannot be tagged: they are left out. */
static void drop_impossible(gold_doc *d, read_counts *rc)
{
    eg_tag_span *spans = NULL;
    size_t n = 0, cap = 0;
    if (eg_tags_to_spans(d->gold, d->toks.n, &spans, &n, &cap) != EG_OK) {
        free(spans);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        bool ok = true;
        for (size_t i = spans[k].first; i < spans[k].last; i++)
            ok &= d->local.candidate[i] != 0;
        if (ok)
            continue;
        for (size_t i = spans[k].first; i < spans[k].last; i++)
            d->gold[i] = EG_TAG_O;
        rc->spans--;
        rc->by_type[spans[k].type]--;
        rc->impossible++;
    }
    free(spans);
}

/* Byte offset of each code point of s, and one past the end. */
static size_t *code_point_offsets(const char *s, size_t len, size_t *n_cp)
{
    size_t *off = malloc((len + 2) * sizeof *off);
    if (!off)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            off[n++] = i;
    off[n] = len;
    *n_cp = n;
    return off;
}

/*
 * Lexicon dropout. The lexicons know most of the companies, parties and
 * teams of the training text, but far fewer of those of a user's text: a
 * model trained with every one of them in view learns that a body is a
 * lexicon entry and little of what the words around a body say. So in each
 * training document about half of the organisations the lexicons know
 * (chosen per organisation and document by a hash, so that the same data
 * give the same model) lose their lexicon classes in all their occurrences.
 */
#define ORG_CLASSES (EG_LEX_ORG | EG_LEX_ORG_ACRONYM)

static bool org_hidden(uint64_t seed, size_t doc, int32_t org)
{
    return eg_hash_u64(seed ^ (uint64_t)doc, (uint64_t)(uint32_t)org) & 1;
}

static eg_status hide_orgs(eg_trainer *tr, eg_lex_matches *lm, size_t doc)
{
    if (lm->n > tr->cap_hidden && eg_grow(&tr->hidden, &tr->cap_hidden, lm->n, sizeof *tr->hidden))
        return EG_ENOMEM;
    for (size_t i = 0; i < lm->n_tokens; i++)
        for (size_t k = lm->at[i]; k < lm->at[i + 1]; k++) {
            eg_lex_match *m = &lm->v[k];
            if (!(m->entry->classes & ORG_CLASSES) || m->entry->org < 0 ||
                !org_hidden(tr->opts.seed, doc, m->entry->org))
                continue;
            tr->hidden[k] = *m->entry;
            tr->hidden[k].classes &= ~ORG_CLASSES;
            tr->hidden[k].org = -1;
            m->entry = &tr->hidden[k];
            if (m->len == 1)
                lm->cls[i] &= ~ORG_CLASSES;
        }
    return EG_OK;
}

/* Reads one annotated document; `train_index` is its index among the
 * training documents, EG_NONE for a held-out one. */
static eg_status read_doc(eg_trainer *tr, const cJSON *o, gold_doc *d, size_t train_index,
                          read_counts *rc, const char *path, size_t line, eg_error *err)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
    const cJSON *ents = cJSON_GetObjectItemCaseSensitive(o, "entities");
    if (!cJSON_IsString(text))
        return eg_error_set(err, EG_EPARSE, "%s:%zu: no \"text\" string", path, line);
    if (ents && !cJSON_IsArray(ents))
        return eg_error_set(err, EG_EPARSE, "%s:%zu: \"entities\" is not an array", path, line);
    size_t n_bad = 0, first_bad = 0;
    eg_strbuf clean = EG_STRBUF_INIT;
    const char *raw = text->valuestring;
    eg_status st = eg_utf8_repair(raw, strlen(raw), &clean, &n_bad, &first_bad, NULL);
    if (st) {
        eg_strbuf_release(&clean);
        return eg_error_set(err, st, "%s:%zu: out of memory", path, line);
    }
    d->len = clean.len;
    d->text = eg_strbuf_detach(&clean, NULL);
    if (!d->text)
        return eg_error_set(err, EG_ENOMEM, "%s:%zu: out of memory", path, line);
    eg_word_tests tests = {eg_lexicon_is_abbrev, eg_lexicon_is_common, tr->lex};
    if ((st = eg_tokenize(d->text, d->len, &tests, &d->toks)) != EG_OK)
        return eg_error_set(err, st, "%s:%zu: out of memory", path, line);
    eg_wire_mark(d->text, &d->toks);
    if ((st = eg_lexicon_match(tr->lex, d->text, &d->toks, &tr->lm)) != EG_OK)
        return eg_error_set(err, st, "%s:%zu: out of memory", path, line);
    d->gold = calloc(d->toks.n ? d->toks.n : 1, 1);
    size_t n_cp = 0;
    size_t *cp = code_point_offsets(d->text, d->len, &n_cp);
    if (!d->gold || !cp) {
        free(cp);
        return eg_error_set(err, EG_ENOMEM, "%s:%zu: out of memory", path, line);
    }
    size_t k = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, ents)
    {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(e, "type");
        const cJSON *start = cJSON_GetObjectItemCaseSensitive(e, "start");
        const cJSON *end = cJSON_GetObjectItemCaseSensitive(e, "end");
        eg_tag_type tt;
        bool is_loc;
        if (!cJSON_IsString(type) || !cJSON_IsNumber(start) || !cJSON_IsNumber(end)) {
            st = eg_error_set(err, EG_EPARSE, "%s:%zu: entity %zu needs \"type\", \"start\", \"end\"",
                              path, line, k);
            break;
        }
        if (!map_type(type->valuestring, &tt, &is_loc)) {
            st = eg_error_set(err, EG_EPARSE, "%s:%zu: entity %zu: unknown type \"%s\"", path, line,
                              k, type->valuestring);
            break;
        }
        double s = start->valuedouble, en = end->valuedouble;
        if (!(s >= 0 && en > s && en <= (double)n_cp)) {
            st = eg_error_set(err, EG_EPARSE, "%s:%zu: entity %zu: offsets %g-%g outside the text (%zu characters)",
                              path, line, k, s, en, n_cp);
            break;
        }
        size_t bs = cp[(size_t)s], be = cp[(size_t)en];
        size_t a = token_at(&d->toks, bs, false);
        size_t b = token_at(&d->toks, be, true);
        /* "Inc." in the gold, "Inc" "." in the tokens */
        if (b == EG_NONE && be > bs + 1 && d->text[be - 1] == '.')
            b = token_at(&d->toks, be - 1, true);
        k++;
        if (a == EG_NONE || b == EG_NONE || b < a) {
            rc->off_tokens++;
            continue;
        }
        if (is_loc) {
            const eg_lex_entry *le = NULL;
            size_t plen = eg_lex_phrase_at(&tr->lm, a, b + 1, EG_LEX_COUNTRY, &le);
            if (plen == b + 1 - a)
                tt = EG_TAG_COUNTRY;
        }
        place_span(d, &tr->lm, a, b, tt, rc);
    }
    free(cp);
    if (st)
        return st;
    if (train_index != EG_NONE && (st = hide_orgs(tr, &tr->lm, train_index)) != EG_OK)
        return eg_error_set(err, st, "%s:%zu: out of memory", path, line);
    if ((st = eg_features_local(d->text, &d->toks, &tr->lm, &d->local)) != EG_OK)
        return eg_error_set(err, st, "%s:%zu: out of memory", path, line);
    drop_impossible(d, rc);
    return EG_OK;
}

eg_status eg_trainer_add_file(eg_trainer *tr, const char *path, bool heldout, size_t repeat,
                              eg_error *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return eg_error_set(err, EG_EIO, "%s: %s", path, strerror(errno));
    doc_set *set = heldout ? &tr->held : &tr->train;
    read_counts rc = {0};
    char *buf = NULL;
    size_t cap = 0, line = 0;
    ssize_t got;
    eg_status st = EG_OK;
    while ((got = getline(&buf, &cap, fp)) >= 0) {
        line++;
        size_t len = (size_t)got;
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            len--;
        if (!len)
            continue;
        cJSON *o = cJSON_ParseWithLength(buf, len);
        if (!o || !cJSON_IsObject(o)) {
            cJSON_Delete(o);
            st = eg_error_set(err, EG_EPARSE, "%s:%zu: not a JSON object", path, line);
            break;
        }
        if (eg_grow(&set->v, &set->cap, set->n + 1, sizeof *set->v)) {
            cJSON_Delete(o);
            st = eg_error_set(err, EG_ENOMEM, "%s:%zu: out of memory", path, line);
            break;
        }
        gold_doc *d = &set->v[set->n];
        memset(d, 0, sizeof *d);
        eg_tokens_init(&d->toks);
        eg_features_init(&d->local);
        eg_features_init(&d->document);
        d->repeat = repeat ? repeat : 1;
        st = read_doc(tr, o, d, heldout ? EG_NONE : set->n, &rc, path, line, err);
        cJSON_Delete(o);
        set->n++;
        if (st)
            break;
        rc.docs++;
    }
    if (st == EG_OK && ferror(fp))
        st = eg_error_set(err, EG_EIO, "%s: %s", path, strerror(errno));
    free(buf);
    fclose(fp);
    if (st)
        return st;
    if (rc.docs == 0)
        return eg_error_set(err, EG_ENOINPUT, "%s: no annotated document", path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char line_buf[512];
    snprintf(line_buf, sizeof line_buf,
             "%s%s: %zu documents%s, %zu names (person %zu, body %zu, country %zu, document %zu, "
             "misc %zu, loc %zu); left out: %zu not on word boundaries, %zu across sentences, "
             "%zu overlapping, %zu over lower-case words; %zu persons without their title",
             heldout ? "held out " : "", path, rc.docs, repeat > 1 ? " (weighed more)" : "", rc.spans,
             rc.by_type[0], rc.by_type[1], rc.by_type[2], rc.by_type[3], rc.by_type[4], rc.by_type[5],
             rc.off_tokens, rc.across, rc.overlap, rc.impossible, rc.trimmed);
    report(tr, "%s", line_buf);
    if (!heldout) {
        if (tr->note.len)
            eg_strbuf_adds(&tr->note, ", ");
        eg_strbuf_addf(&tr->note, "%s (%zu documents", base, rc.docs);
        if (repeat > 1)
            eg_strbuf_addf(&tr->note, " x%zu", repeat);
        eg_strbuf_addc(&tr->note, ')');
    }
    return eg_strbuf_status(&tr->note);
}

/* ---- the perceptron ---- */

typedef struct perceptron {
    eg_u64map index;  /* feature -> row */
    uint64_t *keys;   /* per row */
    float *w;         /* rows x EG_N_TAGS: current weights */
    double *u;        /* rows x EG_N_TAGS: sums of step x update, for averaging */
    size_t n_rows, cap_rows;
    float trans[EG_N_TAGS * EG_N_TAGS];
    double utrans[EG_N_TAGS * EG_N_TAGS];
    double step;      /* sentences seen, from 1 */
} perceptron;

static void perceptron_init(perceptron *p)
{
    memset(p, 0, sizeof *p);
    eg_u64map_init(&p->index);
    p->step = 1;
}

static void perceptron_release(perceptron *p)
{
    eg_u64map_release(&p->index);
    free(p->keys);
    free(p->w);
    free(p->u);
    memset(p, 0, sizeof *p);
}

/* The row of feature key, created when absent; EG_NONE when out of memory. */
static size_t row_of(perceptron *p, uint64_t key)
{
    size_t *slot = eg_u64map_slot(&p->index, key, p->n_rows);
    if (!slot)
        return EG_NONE;
    if (*slot != p->n_rows)
        return *slot;
    if (p->n_rows == p->cap_rows) {
        size_t cap = p->cap_rows ? p->cap_rows * 2 : 4096;
        uint64_t *keys = realloc(p->keys, cap * sizeof *keys);
        if (keys)
            p->keys = keys;
        float *w = realloc(p->w, cap * EG_N_TAGS * sizeof *w);
        if (w)
            p->w = w;
        double *u = realloc(p->u, cap * EG_N_TAGS * sizeof *u);
        if (u)
            p->u = u;
        if (!keys || !w || !u)
            return EG_NONE;
        p->cap_rows = cap;
    }
    size_t r = p->n_rows++;
    p->keys[r] = key;
    memset(p->w + r * EG_N_TAGS, 0, EG_N_TAGS * sizeof *p->w);
    memset(p->u + r * EG_N_TAGS, 0, EG_N_TAGS * sizeof *p->u);
    return r;
}

static void score_features(const perceptron *p, const eg_features *f, size_t i, bool averaged,
                           float *row)
{
    if (!f->candidate[i])
        return;
    for (size_t k = f->first[i]; k < f->first[i + 1]; k++) {
        size_t r = eg_u64map_get(&p->index, f->v[k]);
        if (r == EG_NONE)
            continue;
        const float *w = p->w + r * EG_N_TAGS;
        if (averaged) {
            const double *u = p->u + r * EG_N_TAGS;
            for (int t = 0; t < EG_N_TAGS; t++)
                row[t] += (float)(w[t] - u[t] / p->step);
        } else {
            for (int t = 0; t < EG_N_TAGS; t++)
                row[t] += w[t];
        }
    }
}

static void transitions(const perceptron *p, bool averaged, float *trans)
{
    for (int k = 0; k < EG_N_TAGS * EG_N_TAGS; k++)
        trans[k] = averaged ? (float)(p->trans[k] - p->utrans[k] / p->step) : p->trans[k];
}

/* Scratch for decoding one document. */
typedef struct decoder {
    float *emit;
    uint8_t *back;
    size_t cap;
} decoder;

static eg_status decoder_reserve(decoder *dc, size_t n)
{
    if (n <= dc->cap)
        return EG_OK;
    float *e = realloc(dc->emit, n * EG_N_TAGS * sizeof *e);
    if (e)
        dc->emit = e;
    uint8_t *b = realloc(dc->back, n * EG_N_TAGS);
    if (b)
        dc->back = b;
    if (!e || !b)
        return EG_ENOMEM;
    dc->cap = n;
    return EG_OK;
}

/* Tags document d with p; `with_doc` adds its document features. */
static eg_status tag_doc(const perceptron *p, const gold_doc *d, bool with_doc,
                         bool averaged, decoder *dc, uint8_t *out)
{
    size_t n = d->toks.n;
    if (decoder_reserve(dc, n))
        return EG_ENOMEM;
    float trans[EG_N_TAGS * EG_N_TAGS];
    transitions(p, averaged, trans);
    memset(dc->emit, 0, n * EG_N_TAGS * sizeof *dc->emit);
    for (size_t i = 0; i < n; i++) {
        score_features(p, &d->local, i, averaged, dc->emit + i * EG_N_TAGS);
        if (with_doc)
            score_features(p, &d->document, i, averaged, dc->emit + i * EG_N_TAGS);
    }
    for (size_t s = 0; s < d->toks.n_sentences; s++) {
        const eg_sentence *sent = &d->toks.sentences[s];
        eg_decode(dc->emit, EG_N_TAGS, d->local.candidate, sent->first, sent->last, trans, dc->back, out);
    }
    return EG_OK;
}

static eg_status update_features(perceptron *p, const eg_features *f, size_t i, int good, int bad)
{
    for (size_t k = f->first[i]; k < f->first[i + 1]; k++) {
        size_t r = row_of(p, f->v[k]);
        if (r == EG_NONE)
            return EG_ENOMEM;
        p->w[r * EG_N_TAGS + good] += 1;
        p->u[r * EG_N_TAGS + good] += p->step;
        p->w[r * EG_N_TAGS + bad] -= 1;
        p->u[r * EG_N_TAGS + bad] -= p->step;
    }
    return EG_OK;
}

/* One perceptron step per sentence of d. Returns the tokens it got wrong
 * in *wrong. */
static eg_status learn_doc(perceptron *p, const gold_doc *d, bool with_doc,
                           decoder *dc, uint8_t *pred, size_t *wrong)
{
    size_t n = d->toks.n;
    if (decoder_reserve(dc, n))
        return EG_ENOMEM;
    for (size_t s = 0; s < d->toks.n_sentences; s++) {
        const eg_sentence *sent = &d->toks.sentences[s];
        size_t a = sent->first, len = sent->last - sent->first;
        float *emit = dc->emit + a * EG_N_TAGS;
        memset(emit, 0, len * EG_N_TAGS * sizeof *emit);
        for (size_t i = a; i < sent->last; i++) {
            score_features(p, &d->local, i, false, dc->emit + i * EG_N_TAGS);
            if (with_doc)
                score_features(p, &d->document, i, false, dc->emit + i * EG_N_TAGS);
        }
        eg_decode(dc->emit, EG_N_TAGS, d->local.candidate, a, sent->last, p->trans, dc->back, pred);
        for (size_t i = a; i < sent->last; i++) {
            int good = d->gold[i], bad = pred[i];
            if (good != bad) {
                (*wrong)++;
                if (update_features(p, &d->local, i, good, bad) ||
                    (with_doc && update_features(p, &d->document, i, good, bad)))
                    return EG_ENOMEM;
            }
            if (i > a && d->local.candidate[i] && d->local.candidate[i - 1]) {
                int g = d->gold[i - 1] * EG_N_TAGS + good, b = pred[i - 1] * EG_N_TAGS + bad;
                if (g != b) {
                    p->trans[g] += 1;
                    p->utrans[g] += p->step;
                    p->trans[b] -= 1;
                    p->utrans[b] -= p->step;
                }
            }
        }
        p->step += 1;
    }
    return EG_OK;
}

/* xorshift64*: a small generator whose sequence is the same everywhere. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * UINT64_C(2685821657736338717);
}

/* The visiting order of an epoch: each document of `members` as many times
 * as it is repeated, shuffled. */
static size_t *epoch_order(const doc_set *set, const size_t *members, size_t n_members,
                           uint64_t seed, size_t *n_out)
{
    size_t n = 0;
    for (size_t k = 0; k < n_members; k++)
        n += set->v[members[k]].repeat;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order)
        return NULL;
    size_t j = 0;
    for (size_t k = 0; k < n_members; k++)
        for (size_t r = 0; r < set->v[members[k]].repeat; r++)
            order[j++] = members[k];
    uint64_t state = seed * UINT64_C(0x9E3779B97F4A7C15) + 1;
    for (size_t i = n; i > 1; i--) {
        size_t k = (size_t)(next_random(&state) % i);
        size_t t = order[i - 1];
        order[i - 1] = order[k];
        order[k] = t;
    }
    *n_out = n;
    return order;
}

/* ---- scoring ---- */

double eg_span_f1(const eg_span_score *s, eg_tag_type type)
{
    double tp = (double)s->tp[type], fp = (double)s->fp[type], fn = (double)s->fn[type];
    return tp ? 2 * tp / (2 * tp + fp + fn) : 0.0;
}

static eg_status score_doc(const uint8_t *gold, const uint8_t *pred, size_t n, eg_span_score *s)
{
    eg_tag_span *g = NULL, *p = NULL;
    size_t ng = 0, np = 0, capg = 0, capp = 0;
    if (eg_tags_to_spans(gold, n, &g, &ng, &capg) || eg_tags_to_spans(pred, n, &p, &np, &capp)) {
        free(g);
        free(p);
        return EG_ENOMEM;
    }
    /* both lists are in text order and hold no overlaps: one merge */
    size_t i = 0, j = 0;
    while (i < ng || j < np) {
        if (i < ng && j < np && g[i].first == p[j].first && g[i].last == p[j].last &&
            g[i].type == p[j].type) {
            s->tp[g[i].type]++;
            i++;
            j++;
        } else if (j >= np || (i < ng && g[i].first <= p[j].first)) {
            s->fn[g[i++].type]++;
        } else {
            s->fp[p[j++].type]++;
        }
    }
    free(g);
    free(p);
    return EG_OK;
}

static void report_scores(const eg_trainer *tr, const char *head, const eg_span_score *s)
{
    char line[512];
    int len = snprintf(line, sizeof line, "%s held-out F1:", head);
    for (int t = 0; t < EG_TAG_N_TYPES && len > 0 && (size_t)len < sizeof line; t++) {
        if (s->tp[t] + s->fn[t] == 0)
            continue;
        len += snprintf(line + len, sizeof line - (size_t)len, " %s %.3f", eg_tag_type_name((eg_tag_type)t),
                        eg_span_f1(s, (eg_tag_type)t));
    }
    report(tr, "%s", line);
}

/* Scores the held-out documents with stage-1 perceptron p1 and, when given,
 * stage-2 perceptron p2 (both averaged). */
static eg_status evaluate_held(eg_trainer *tr, const perceptron *p1, const perceptron *p2,
                               eg_span_score *score)
{
    memset(score, 0, sizeof *score);
    decoder dc = {0};
    eg_status st = EG_OK;
    for (size_t k = 0; k < tr->held.n && st == EG_OK; k++) {
        gold_doc *d = &tr->held.v[k];
        uint8_t *pred = malloc(d->toks.n ? d->toks.n : 1);
        if (!pred) {
            st = EG_ENOMEM;
            break;
        }
        st = tag_doc(p1, d, false, true, &dc, pred);
        if (st == EG_OK && p2) {
            st = eg_features_document(&d->toks, &d->local, pred, &d->document);
            if (st == EG_OK)
                st = tag_doc(p2, d, true, true, &dc, pred);
        }
        if (st == EG_OK)
            st = score_doc(d->gold, pred, d->toks.n, score);
        free(pred);
    }
    free(dc.emit);
    free(dc.back);
    return st;
}

/* ---- training ---- */

/*
 * Trains p on the training documents listed in `members` (stage 2 when
 * `stage1` is given: document features come from each document's
 * first_pass tags, held-out documents are tagged by stage1 first).
 * `label` names the run in the progress line; epoch reports only when
 * `verbose`.
 */
static eg_status train_stage(eg_trainer *tr, perceptron *p, const size_t *members, size_t n_members,
                             const perceptron *stage1, const char *label, bool verbose, uint64_t seed)
{
    decoder dc = {0};
    eg_status st = EG_OK;
    size_t max_tokens = 1;
    for (size_t k = 0; k < n_members; k++)
        if (tr->train.v[members[k]].toks.n > max_tokens)
            max_tokens = tr->train.v[members[k]].toks.n;
    uint8_t *pred = malloc(max_tokens);
    if (!pred)
        return EG_ENOMEM;
    for (size_t e = 0; e < tr->opts.epochs && st == EG_OK; e++) {
        size_t n_order = 0;
        size_t *order = epoch_order(&tr->train, members, n_members, seed + e, &n_order);
        if (!order) {
            st = EG_ENOMEM;
            break;
        }
        size_t wrong = 0, tokens = 0;
        char what[128];
        snprintf(what, sizeof what, "%s, epoch %zu/%zu", label, e + 1, tr->opts.epochs);
        for (size_t k = 0; k < n_order && st == EG_OK; k++) {
            const gold_doc *d = &tr->train.v[order[k]];
            st = learn_doc(p, d, stage1 != NULL, &dc, pred, &wrong);
            tokens += d->toks.n;
            if ((k & 63) == 0)
                progress(tr, what, (double)k / (double)n_order);
        }
        free(order);
        if (st || !verbose)
            continue;
        progress(tr, what, 1.0);
        char head[192];
        snprintf(head, sizeof head, "%s: %zu of %zu tokens wrong (%.2f%%);", what, wrong, tokens,
                 tokens ? 100.0 * (double)wrong / (double)tokens : 0.0);
        if (tr->held.n) {
            eg_span_score s;
            st = stage1 ? evaluate_held(tr, stage1, p, &s) : evaluate_held(tr, p, NULL, &s);
            if (st == EG_OK)
                report_scores(tr, head, &s);
        } else {
            report(tr, "%s", head);
        }
    }
    free(pred);
    free(dc.emit);
    free(dc.back);
    return st;
}

/* Adds the averaged weights of p to the sums of the runs in `sum` (a
 * perceptron used only for its rows, by feature). */
static eg_status add_run(perceptron *sum, const perceptron *p)
{
    float trans[EG_N_TAGS * EG_N_TAGS];
    transitions(p, true, trans);
    for (int k = 0; k < EG_N_TAGS * EG_N_TAGS; k++)
        sum->trans[k] += trans[k];
    for (size_t r = 0; r < p->n_rows; r++) {
        size_t q = row_of(sum, p->keys[r]);
        if (q == EG_NONE)
            return EG_ENOMEM;
        for (size_t t = 0; t < EG_N_TAGS; t++) {
            size_t k = r * EG_N_TAGS + t;
            sum->w[q * EG_N_TAGS + t] += (float)(p->w[k] - p->u[k] / p->step);
        }
    }
    return EG_OK;
}

/* The mean of the `runs` runs summed in `sum`, as eg_tagger_write takes
 * it; *rows is malloc'd. */
static eg_status mean_of_runs(const perceptron *sum, size_t runs, float **rows, float *trans)
{
    *rows = malloc((sum->n_rows ? sum->n_rows : 1) * EG_N_TAGS * sizeof **rows);
    if (!*rows)
        return EG_ENOMEM;
    for (size_t k = 0; k < sum->n_rows * EG_N_TAGS; k++)
        (*rows)[k] = sum->w[k] / (float)runs;
    for (int k = 0; k < EG_N_TAGS * EG_N_TAGS; k++)
        trans[k] = sum->trans[k] / (float)runs;
    return EG_OK;
}

/* First-pass tags for every training document from models that did not see
 * it: the documents in `folds` parts, each tagged by a model trained on the
 * others. */
static eg_status jackknife(eg_trainer *tr, uint64_t seed)
{
    size_t n = tr->train.n, folds = tr->opts.folds;
    size_t *members = malloc((n ? n : 1) * sizeof *members);
    if (!members)
        return EG_ENOMEM;
    decoder dc = {0};
    eg_status st = EG_OK;
    for (size_t f = 0; f < folds && st == EG_OK; f++) {
        size_t m = 0;
        for (size_t k = 0; k < n; k++)
            if (k % folds != f)
                members[m++] = k;
        perceptron p;
        perceptron_init(&p);
        char label[64];
        snprintf(label, sizeof label, "first pass, part %zu/%zu", f + 1, folds);
        st = train_stage(tr, &p, members, m, NULL, label, false, seed);
        for (size_t k = f; k < n && st == EG_OK; k += folds) {
            gold_doc *d = &tr->train.v[k];
            free(d->first_pass); /* an earlier run's */
            d->first_pass = malloc(d->toks.n ? d->toks.n : 1);
            if (!d->first_pass)
                st = EG_ENOMEM;
            else
                st = tag_doc(&p, d, false, true, &dc, d->first_pass);
            if (st == EG_OK)
                st = eg_features_document(&d->toks, &d->local, d->first_pass, &d->document);
        }
        perceptron_release(&p);
        report(tr, "first-pass tags of part %zu/%zu made by a model trained on the others", f + 1,
               folds);
    }
    free(members);
    free(dc.emit);
    free(dc.back);
    return st;
}

eg_status eg_trainer_evaluate(eg_trainer *tr, const eg_tagger *tagger, eg_span_score *score)
{
    memset(score, 0, sizeof *score);
    eg_tagger_work w;
    eg_tagger_work_init(&w);
    eg_status st = EG_OK;
    for (size_t k = 0; k < tr->held.n && st == EG_OK; k++) {
        gold_doc *d = &tr->held.v[k];
        uint8_t *pred = malloc(d->toks.n ? d->toks.n : 1);
        if (!pred) {
            st = EG_ENOMEM;
            break;
        }
        st = eg_lexicon_match(tr->lex, d->text, &d->toks, &tr->lm);
        if (st == EG_OK)
            st = eg_tagger_tag(tagger, d->text, &d->toks, &tr->lm, &w, pred);
        if (st == EG_OK)
            st = score_doc(d->gold, pred, d->toks.n, score);
        free(pred);
    }
    eg_tagger_work_release(&w);
    return st;
}

eg_status eg_trainer_run(eg_trainer *tr, eg_strbuf *model, eg_error *err)
{
    if (tr->train.n == 0)
        return eg_error_set(err, EG_ENOINPUT, "no training documents");
    size_t n = tr->train.n;
    size_t *all = malloc(n * sizeof *all);
    if (!all)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++)
        all[k] = k;
    perceptron sum1, sum2; /* the runs' weights, added up */
    perceptron_init(&sum1);
    perceptron_init(&sum2);
    float *rows1 = NULL, *rows2 = NULL;
    eg_stage_weights stages[2];
    float trans1[EG_N_TAGS * EG_N_TAGS], trans2[EG_N_TAGS * EG_N_TAGS];
    eg_status st = EG_OK;
    size_t runs = tr->opts.runs;
    for (size_t run = 0; run < runs && st == EG_OK; run++) {
        /* far apart, as each epoch of a run takes the next seed */
        uint64_t seed = tr->opts.seed + (uint64_t)run * UINT64_C(1000003);
        char label1[64], label2[64];
        if (runs > 1) {
            snprintf(label1, sizeof label1, "run %zu/%zu, first pass", run + 1, runs);
            snprintf(label2, sizeof label2, "run %zu/%zu, second pass", run + 1, runs);
        } else {
            snprintf(label1, sizeof label1, "first pass");
            snprintf(label2, sizeof label2, "second pass");
        }
        perceptron p1, p2;
        perceptron_init(&p1);
        perceptron_init(&p2);
        st = train_stage(tr, &p1, all, n, NULL, label1, true, seed);
        if (st == EG_OK && tr->opts.stages == 2)
            st = jackknife(tr, seed);
        if (st == EG_OK && tr->opts.stages == 2)
            st = train_stage(tr, &p2, all, n, &p1, label2, true, seed);
        if (st == EG_OK)
            st = add_run(&sum1, &p1);
        if (st == EG_OK && tr->opts.stages == 2)
            st = add_run(&sum2, &p2);
        perceptron_release(&p1);
        perceptron_release(&p2);
    }
    if (st == EG_OK)
        st = mean_of_runs(&sum1, runs, &rows1, trans1);
    if (st == EG_OK && tr->opts.stages == 2)
        st = mean_of_runs(&sum2, runs, &rows2, trans2);
    if (st == EG_OK) {
        stages[0] = (eg_stage_weights){trans1, sum1.n_rows, sum1.keys, rows1};
        stages[1] = (eg_stage_weights){trans2, sum2.n_rows, sum2.keys, rows2};
        eg_strbuf note = EG_STRBUF_INIT;
        eg_strbuf_addf(&note, "trained on %s; %zu epochs, %zu stage%s, seed %llu", tr->note.buf,
                       tr->opts.epochs, tr->opts.stages, tr->opts.stages > 1 ? "s" : "",
                       (unsigned long long)tr->opts.seed);
        if (runs > 1)
            eg_strbuf_addf(&note, ", %zu runs averaged", runs);
        st = eg_strbuf_status(&note);
        if (st == EG_OK)
            st = eg_tagger_write(stages, tr->opts.stages, note.buf, tr->opts.min_weight, model);
        eg_strbuf_release(&note);
    }
    free(rows1);
    free(rows2);
    free(all);
    perceptron_release(&sum1);
    perceptron_release(&sum2);
    if (st)
        return eg_error_set(err, st, "training failed: %s", eg_strerror(st));
    return EG_OK;
}
