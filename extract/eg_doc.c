#include "eg_doc.h"

#include <cjson/cJSON.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[EG_TYPE_COUNT] = {"person", "body", "country", "document"};
static const char *const form_names[EG_FORM_COUNT] = {"name", "acronym", "surname", "demonym"};
static const char *const kind_names[EG_REL_KIND_COUNT] = {
    "role", "delegation", "adopted", "signed", "developed", "approved", "part_of", "country_of"};

const char *eg_type_name(eg_type type)
{
    return (unsigned)type < EG_TYPE_COUNT ? type_names[type] : "unknown";
}

bool eg_type_parse(const char *name, eg_type *type)
{
    for (int i = 0; i < EG_TYPE_COUNT; i++) {
        if (name && strcmp(name, type_names[i]) == 0) {
            *type = (eg_type)i;
            return true;
        }
    }
    return false;
}

const char *eg_form_name(eg_form form)
{
    return (unsigned)form < EG_FORM_COUNT ? form_names[form] : "name";
}

bool eg_form_parse(const char *name, eg_form *form)
{
    for (int i = 0; i < EG_FORM_COUNT; i++) {
        if (name && strcmp(name, form_names[i]) == 0) {
            *form = (eg_form)i;
            return true;
        }
    }
    return false;
}

const char *eg_relation_kind_name(eg_relation_kind kind)
{
    return (unsigned)kind < EG_REL_KIND_COUNT ? kind_names[kind] : "unknown";
}

bool eg_relation_kind_parse(const char *name, eg_relation_kind *kind)
{
    for (int i = 0; i < EG_REL_KIND_COUNT; i++) {
        if (name && strcmp(name, kind_names[i]) == 0) {
            *kind = (eg_relation_kind)i;
            return true;
        }
    }
    return false;
}

void eg_doc_init(eg_doc *doc)
{
    memset(doc, 0, sizeof *doc);
}

void eg_doc_release(eg_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n_mentions; i++) {
        free(doc->mentions[i].text);
        free(doc->mentions[i].entity);
    }
    for (size_t i = 0; i < doc->n_relations; i++) {
        eg_relation *r = &doc->relations[i];
        free(r->source);
        free(r->target);
        free(r->role);
        free(r->evidence);
    }
    for (size_t i = 0; i < doc->n_facts; i++) {
        free(doc->facts[i].entity);
        free(doc->facts[i].key);
        free(doc->facts[i].value);
    }
    for (size_t i = 0; i < doc->n_sentences; i++)
        free(doc->sentences[i].text);
    free(doc->sentences);
    free(doc->facts);
    free(doc->mentions);
    free(doc->relations);
    free(doc->id);
    free(doc->title);
    free(doc->date);
    free(doc->url);
    eg_doc_init(doc);
}

eg_status eg_doc_add_mention(eg_doc *doc, const eg_mention *m)
{
    if (eg_grow(&doc->mentions, &doc->cap_mentions, doc->n_mentions + 1, sizeof *doc->mentions))
        return EG_ENOMEM;
    eg_mention c = *m;
    c.text = eg_strdup(m->text);
    c.entity = eg_strdup(m->entity);
    if (!c.text || !c.entity) {
        free(c.text);
        free(c.entity);
        return EG_ENOMEM;
    }
    doc->mentions[doc->n_mentions++] = c;
    return EG_OK;
}

eg_status eg_doc_add_relation(eg_doc *doc, const eg_relation *r)
{
    if (eg_grow(&doc->relations, &doc->cap_relations, doc->n_relations + 1,
                sizeof *doc->relations))
        return EG_ENOMEM;
    eg_relation c = *r;
    c.source = eg_strdup(r->source);
    c.target = eg_strdup(r->target);
    c.role = r->role ? eg_strdup(r->role) : NULL;
    c.evidence = eg_strdup(r->evidence ? r->evidence : "");
    if (!c.source || !c.target || (r->role && !c.role) || !c.evidence) {
        free(c.source);
        free(c.target);
        free(c.role);
        free(c.evidence);
        return EG_ENOMEM;
    }
    doc->relations[doc->n_relations++] = c;
    return EG_OK;
}

eg_status eg_doc_add_fact(eg_doc *doc, const eg_fact *f)
{
    if (eg_grow(&doc->facts, &doc->cap_facts, doc->n_facts + 1, sizeof *doc->facts))
        return EG_ENOMEM;
    eg_fact c = *f;
    c.entity = eg_strdup(f->entity);
    c.key = eg_strdup(f->key);
    c.value = eg_strdup(f->value);
    if (!c.entity || !c.key || !c.value) {
        free(c.entity);
        free(c.key);
        free(c.value);
        return EG_ENOMEM;
    }
    doc->facts[doc->n_facts++] = c;
    return EG_OK;
}

eg_status eg_doc_append(eg_doc *doc, eg_doc *part, size_t offset)
{
    size_t ns = doc->n_sentences, nm = doc->n_mentions;
    size_t paragraph = ns ? doc->sentences[ns - 1].paragraph + 1 : 0;
    if (part->n_sentences) {
        eg_sentence_info *v = realloc(doc->sentences, (ns + part->n_sentences) * sizeof *v);
        if (!v)
            return EG_ENOMEM;
        doc->sentences = v;
    }
    if (eg_grow(&doc->mentions, &doc->cap_mentions, nm + part->n_mentions, sizeof *doc->mentions) ||
        eg_grow(&doc->relations, &doc->cap_relations, doc->n_relations + part->n_relations,
                sizeof *doc->relations) ||
        eg_grow(&doc->facts, &doc->cap_facts, doc->n_facts + part->n_facts, sizeof *doc->facts))
        return EG_ENOMEM;
    for (size_t i = 0; i < part->n_sentences; i++) {
        eg_sentence_info x = part->sentences[i];
        x.start += offset;
        x.end += offset;
        x.paragraph += paragraph;
        doc->sentences[doc->n_sentences++] = x;
    }
    for (size_t i = 0; i < part->n_mentions; i++) {
        eg_mention x = part->mentions[i];
        x.start += offset;
        x.end += offset;
        x.sentence += ns;
        if (x.parent != EG_NONE)
            x.parent += nm;
        doc->mentions[doc->n_mentions++] = x;
    }
    for (size_t i = 0; i < part->n_relations; i++) {
        eg_relation x = part->relations[i];
        x.start += offset;
        x.end += offset;
        x.sentence += ns;
        doc->relations[doc->n_relations++] = x;
    }
    for (size_t i = 0; i < part->n_facts; i++) {
        eg_fact x = part->facts[i];
        x.sentence += ns;
        doc->facts[doc->n_facts++] = x;
    }
    /* the strings are doc's now */
    part->n_sentences = part->n_mentions = part->n_relations = part->n_facts = 0;
    return EG_OK;
}

eg_status eg_doc_set_sentences(eg_doc *doc, size_t n)
{
    for (size_t i = 0; i < doc->n_sentences; i++)
        free(doc->sentences[i].text);
    free(doc->sentences);
    doc->sentences = NULL;
    doc->n_sentences = 0;
    if (!n)
        return EG_OK;
    doc->sentences = calloc(n, sizeof *doc->sentences);
    if (!doc->sentences)
        return EG_ENOMEM;
    doc->n_sentences = n;
    return EG_OK;
}

eg_status eg_doc_parts_init(eg_doc_parts *parts, const eg_doc *doc)
{
    size_t n = doc->n_mentions;
    parts->first = calloc(n + 1, sizeof *parts->first);
    parts->index = malloc((n ? n : 1) * sizeof *parts->index);
    if (!parts->first || !parts->index) {
        eg_doc_parts_release(parts);
        return EG_ENOMEM;
    }
    for (size_t j = 0; j < n; j++)
        if (doc->mentions[j].parent < j)
            parts->first[doc->mentions[j].parent + 1]++;
    for (size_t i = 0; i < n; i++)
        parts->first[i + 1] += parts->first[i];
    /* fill with first[p] as p's cursor, which leaves it at p + 1's start */
    for (size_t j = 0; j < n; j++)
        if (doc->mentions[j].parent < j)
            parts->index[parts->first[doc->mentions[j].parent]++] = j;
    for (size_t i = n; i > 0; i--)
        parts->first[i] = parts->first[i - 1];
    parts->first[0] = 0;
    return EG_OK;
}

void eg_doc_parts_release(eg_doc_parts *parts)
{
    if (!parts)
        return;
    free(parts->first);
    free(parts->index);
    parts->first = parts->index = NULL;
}

/* ---- writing ---- */

/* Line hashes travel as 16 hexadecimal digits: JSON numbers lose 64-bit precision. */
static void hex64(uint64_t v, char out[17])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = digits[v & 15];
        v >>= 4;
    }
    out[16] = '\0';
}

static bool parse_hex64(const char *s, uint64_t *v)
{
    uint64_t r = 0;
    size_t n = 0;
    for (; s && *s; s++, n++) {
        int d = *s >= '0' && *s <= '9' ? *s - '0' : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10 : -1;
        if (d < 0 || n >= 16)
            return false;
        r = r << 4 | (uint64_t)d;
    }
    *v = r;
    return n > 0;
}

/*
 * The JSON line is written straight into the buffer rather than built as a
 * cJSON tree and printed: on a large corpus the tree's one allocation per
 * value, its printing and its freeing cost a fifth of `extract`. The bytes are
 * those cJSON_PrintUnformatted wrote for that tree (the format of every
 * `extract` run so far): the same keys in the same order, no spaces, the same
 * escapes and the same numbers. eg_doc_from_json still reads with cJSON.
 */

#define JSON_LIT(sb, lit) eg_strbuf_add((sb), (lit), sizeof(lit) - 1)

/* Strings go through eg_strbuf_add_json, which escapes as cJSON does. */

/* cJSON's test of whether a printed number read back to the same value. */
static bool same_double(double a, double b)
{
    double max = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= max * DBL_EPSILON;
}

/* A number that is no int, as cJSON prints it: 15 significant digits when
 * they read back to the same value, else 17, and '.' whatever the locale. */
static void json_double(eg_strbuf *sb, double d)
{
    char buf[32];
    double back = 0.0;
    int n = snprintf(buf, sizeof buf, "%1.15g", d);
    if (sscanf(buf, "%lg", &back) != 1 || !same_double(back, d))
        n = snprintf(buf, sizeof buf, "%1.17g", d);
    if (n < 0 || (size_t)n >= sizeof buf) {
        sb->failed = true;
        return;
    }
    char point = localeconv()->decimal_point[0];
    for (int i = 0; i < n; i++)
        if (buf[i] == point)
            buf[i] = '.';
    eg_strbuf_add(sb, buf, (size_t)n);
}

/* A count or an offset: cJSON held it as a double and printed it with "%d"
 * when it fits an int, which is every offset short of 2 GB. */
static void json_size(eg_strbuf *sb, size_t v)
{
    if (v > INT_MAX) {
        json_double(sb, (double)v);
        return;
    }
    char buf[16];
    size_t i = sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    eg_strbuf_add(sb, buf + i, sizeof buf - i);
}

static void json_sentence(eg_strbuf *sb, const eg_sentence_info *si)
{
    char hex[17];
    hex64(si->line, hex);
    JSON_LIT(sb, "{\"start\":");
    json_size(sb, si->start);
    JSON_LIT(sb, ",\"end\":");
    json_size(sb, si->end);
    JSON_LIT(sb, ",\"paragraph\":");
    json_size(sb, si->paragraph);
    JSON_LIT(sb, ",\"line\":\"");
    eg_strbuf_add(sb, hex, 16);
    eg_strbuf_addc(sb, '"');
    if (si->text) {
        JSON_LIT(sb, ",\"text\":");
        eg_strbuf_add_json(sb, si->text);
    }
    eg_strbuf_addc(sb, '}');
}

/* Mention i with its parts nested inside it, depth first. */
static void json_mention(eg_strbuf *sb, const eg_doc *doc, const eg_doc_parts *pa, size_t i)
{
    const eg_mention *m = &doc->mentions[i];
    JSON_LIT(sb, "{\"start\":");
    json_size(sb, m->start);
    JSON_LIT(sb, ",\"end\":");
    json_size(sb, m->end);
    JSON_LIT(sb, ",\"type\":");
    eg_strbuf_add_json(sb, eg_type_name(m->type));
    JSON_LIT(sb, ",\"text\":");
    eg_strbuf_add_json(sb, m->text);
    JSON_LIT(sb, ",\"entity\":");
    eg_strbuf_add_json(sb, m->entity);
    JSON_LIT(sb, ",\"form\":");
    eg_strbuf_add_json(sb, eg_form_name(m->form));
    JSON_LIT(sb, ",\"sentence\":");
    json_size(sb, m->sentence);
    if (pa->first[i] < pa->first[i + 1]) {
        JSON_LIT(sb, ",\"parts\":[");
        for (size_t k = pa->first[i]; k < pa->first[i + 1]; k++) {
            if (k > pa->first[i])
                eg_strbuf_addc(sb, ',');
            json_mention(sb, doc, pa, pa->index[k]);
        }
        eg_strbuf_addc(sb, ']');
    }
    eg_strbuf_addc(sb, '}');
}

static void json_relation(eg_strbuf *sb, const eg_relation *r)
{
    JSON_LIT(sb, "{\"kind\":");
    eg_strbuf_add_json(sb, eg_relation_kind_name(r->kind));
    JSON_LIT(sb, ",\"source\":");
    eg_strbuf_add_json(sb, r->source);
    JSON_LIT(sb, ",\"source_type\":");
    eg_strbuf_add_json(sb, eg_type_name(r->source_type));
    JSON_LIT(sb, ",\"target\":");
    eg_strbuf_add_json(sb, r->target);
    JSON_LIT(sb, ",\"target_type\":");
    eg_strbuf_add_json(sb, eg_type_name(r->target_type));
    if (r->role) {
        JSON_LIT(sb, ",\"role\":");
        eg_strbuf_add_json(sb, r->role);
    }
    if (r->seats >= 0) {
        JSON_LIT(sb, ",\"seats\":");
        json_size(sb, (size_t)r->seats);
    }
    JSON_LIT(sb, ",\"sentence\":");
    json_size(sb, r->sentence);
    JSON_LIT(sb, ",\"start\":");
    json_size(sb, r->start);
    JSON_LIT(sb, ",\"end\":");
    json_size(sb, r->end);
    JSON_LIT(sb, ",\"evidence\":");
    eg_strbuf_add_json(sb, r->evidence);
    eg_strbuf_addc(sb, '}');
}

static void json_fact(eg_strbuf *sb, const eg_fact *f)
{
    JSON_LIT(sb, "{\"entity\":");
    eg_strbuf_add_json(sb, f->entity);
    JSON_LIT(sb, ",\"type\":");
    eg_strbuf_add_json(sb, eg_type_name(f->type));
    JSON_LIT(sb, ",\"key\":");
    eg_strbuf_add_json(sb, f->key);
    JSON_LIT(sb, ",\"value\":");
    eg_strbuf_add_json(sb, f->value);
    JSON_LIT(sb, ",\"sentence\":");
    json_size(sb, f->sentence);
    eg_strbuf_addc(sb, '}');
}

/* A string member that is null when absent. */
static void json_opt_string(eg_strbuf *sb, const char *value)
{
    if (value)
        eg_strbuf_add_json(sb, value);
    else
        JSON_LIT(sb, "null");
}

/* Where a document's JSON goes: a buffer that holds it all, or a stream
 * that takes it a block at a time (`file` non-NULL: the buffer is written
 * out and emptied whenever it holds a block). */
typedef struct json_out {
    eg_strbuf *sb;
    FILE *file;
    bool failed; /* a write to file failed */
} json_out;

#define JSON_BLOCK ((size_t)1 << 16)

static void json_flush(json_out *o, bool all)
{
    if (!o->file || o->failed || o->sb->failed || (!all && o->sb->len < JSON_BLOCK))
        return;
    if (o->sb->len && fwrite(o->sb->buf, 1, o->sb->len, o->file) != o->sb->len)
        o->failed = true;
    eg_strbuf_reset(o->sb);
}

static eg_status doc_json(const eg_doc *doc, json_out *o)
{
    eg_strbuf *out = o->sb;
    eg_doc_parts parts = {NULL, NULL};
    if (eg_doc_parts_init(&parts, doc) != EG_OK)
        return EG_ENOMEM;
    JSON_LIT(out, "{\"doc\":");
    eg_strbuf_add_json(out, doc->id);
    JSON_LIT(out, ",\"title\":");
    json_opt_string(out, doc->title);
    JSON_LIT(out, ",\"date\":");
    json_opt_string(out, doc->date);
    if (doc->url) {
        JSON_LIT(out, ",\"url\":");
        eg_strbuf_add_json(out, doc->url);
    }
    JSON_LIT(out, ",\"sentences\":[");
    for (size_t i = 0; i < doc->n_sentences; i++) {
        if (i)
            eg_strbuf_addc(out, ',');
        json_sentence(out, &doc->sentences[i]);
        json_flush(o, false);
    }
    JSON_LIT(out, "],\"mentions\":[");
    bool first = true;
    for (size_t i = 0; i < doc->n_mentions; i++) {
        if (doc->mentions[i].parent != EG_NONE)
            continue;
        if (!first)
            eg_strbuf_addc(out, ',');
        first = false;
        json_mention(out, doc, &parts, i);
        json_flush(o, false);
    }
    JSON_LIT(out, "],\"relations\":[");
    for (size_t i = 0; i < doc->n_relations; i++) {
        if (i)
            eg_strbuf_addc(out, ',');
        json_relation(out, &doc->relations[i]);
        json_flush(o, false);
    }
    eg_strbuf_addc(out, ']');
    if (doc->n_facts) {
        JSON_LIT(out, ",\"facts\":[");
        for (size_t i = 0; i < doc->n_facts; i++) {
            if (i)
                eg_strbuf_addc(out, ',');
            json_fact(out, &doc->facts[i]);
            json_flush(o, false);
        }
        eg_strbuf_addc(out, ']');
    }
    eg_strbuf_addc(out, '}');
    eg_doc_parts_release(&parts);
    return eg_strbuf_status(out);
}

eg_status eg_doc_to_json(const eg_doc *doc, eg_strbuf *out)
{
    json_out o = {out, NULL, false};
    return doc_json(doc, &o);
}

eg_status eg_doc_write_json(const eg_doc *doc, FILE *file)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    json_out o = {&sb, file, false};
    eg_status st = doc_json(doc, &o);
    if (st == EG_OK) {
        eg_strbuf_addc(&sb, '\n');
        json_flush(&o, true);
        st = eg_strbuf_status(&sb);
    }
    eg_strbuf_release(&sb);
    return st == EG_OK && o.failed ? EG_EIO : st;
}

/* ---- reading ---- */

static const cJSON *member(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static bool get_size(const cJSON *o, const char *key, size_t *out)
{
    const cJSON *v = member(o, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 9007199254740992.0)
        return false;
    *out = (size_t)v->valuedouble;
    return true;
}

static const char *get_string(const cJSON *o, const char *key)
{
    const cJSON *v = member(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static eg_status read_opt_string(const cJSON *o, const char *key, char **out)
{
    const char *s = get_string(o, key);
    *out = NULL;
    if (!s)
        return EG_OK;
    *out = eg_strdup(s);
    return *out ? EG_OK : EG_ENOMEM;
}

static eg_status read_mention(const cJSON *mo, size_t parent, eg_doc *doc, eg_error *err)
{
    eg_mention m = {0};
    const char *type = get_string(mo, "type");
    const char *form = get_string(mo, "form");
    m.text = (char *)get_string(mo, "text");
    m.entity = (char *)get_string(mo, "entity");
    m.parent = parent;
    if (!cJSON_IsObject(mo) || !get_size(mo, "start", &m.start) || !get_size(mo, "end", &m.end) ||
        !eg_type_parse(type, &m.type) || !m.text || !m.entity)
        return eg_error_set(err, EG_EPARSE, "mention without start, end, type, text and entity");
    if (!form || !eg_form_parse(form, &m.form))
        m.form = EG_FORM_NAME;
    if (!get_size(mo, "sentence", &m.sentence))
        m.sentence = 0;
    if (eg_doc_add_mention(doc, &m) != EG_OK)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    size_t self = doc->n_mentions - 1;
    const cJSON *parts = member(mo, "parts");
    if (parts && !cJSON_IsArray(parts))
        return eg_error_set(err, EG_EPARSE, "\"parts\" is not an array");
    const cJSON *p;
    cJSON_ArrayForEach(p, parts)
    {
        eg_status st = read_mention(p, self, doc, err);
        if (st != EG_OK)
            return st;
    }
    return EG_OK;
}

static eg_status read_relation(const cJSON *ro, eg_doc *doc, eg_error *err)
{
    eg_relation r = {0};
    if (!cJSON_IsObject(ro) || !eg_relation_kind_parse(get_string(ro, "kind"), &r.kind) ||
        !eg_type_parse(get_string(ro, "source_type"), &r.source_type) ||
        !eg_type_parse(get_string(ro, "target_type"), &r.target_type) ||
        !get_string(ro, "source") || !get_string(ro, "target"))
        return eg_error_set(err, EG_EPARSE, "relation without kind, source and target");
    r.source = (char *)get_string(ro, "source");
    r.target = (char *)get_string(ro, "target");
    r.role = (char *)get_string(ro, "role");
    r.evidence = (char *)get_string(ro, "evidence");
    if (!get_size(ro, "sentence", &r.sentence))
        r.sentence = 0;
    size_t seats;
    r.seats = get_size(ro, "seats", &seats) && seats < 100000000 ? (int)seats : -1;
    if (!get_size(ro, "start", &r.start))
        r.start = 0;
    if (!get_size(ro, "end", &r.end))
        r.end = r.start;
    if (eg_doc_add_relation(doc, &r) != EG_OK)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    return EG_OK;
}

/* What a line of extract output must hold together: offsets in order and
 * inside their sentence, sentence numbers that exist, and relations between
 * entities that the mentions name (a country aside: a demonym implies it). */
static eg_status check_doc(const eg_doc *doc, eg_error *err)
{
    for (size_t i = 0; i < doc->n_sentences; i++)
        if (doc->sentences[i].end < doc->sentences[i].start)
            return eg_error_set(err, EG_EPARSE, "sentence %zu ends (%zu) before it starts (%zu)", i,
                                doc->sentences[i].end, doc->sentences[i].start);
    for (size_t i = 0; i < doc->n_mentions; i++) {
        const eg_mention *m = &doc->mentions[i];
        if (m->end < m->start)
            return eg_error_set(err, EG_EPARSE, "mention %zu (\"%s\") ends (%zu) before it starts (%zu)", i,
                                m->text, m->end, m->start);
        if (doc->n_sentences && m->sentence >= doc->n_sentences)
            return eg_error_set(err, EG_EPARSE, "mention %zu (\"%s\") is in sentence %zu of %zu", i,
                                m->text, m->sentence, doc->n_sentences);
        if (doc->n_sentences) {
            const eg_sentence_info *si = &doc->sentences[m->sentence];
            if (m->start < si->start || m->end > si->end)
                return eg_error_set(err, EG_EPARSE,
                                    "mention %zu (\"%s\") at %zu-%zu lies outside its sentence (%zu-%zu)", i,
                                    m->text, m->start, m->end, si->start, si->end);
        }
    }
    eg_map *names = eg_map_new(doc->n_mentions + 1);
    if (!names)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    eg_strbuf key = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    for (size_t i = 0; i < doc->n_mentions && st == EG_OK; i++) {
        eg_strbuf_reset(&key);
        eg_strbuf_addf(&key, "%d\x1f%s", (int)doc->mentions[i].type, doc->mentions[i].entity);
        st = eg_strbuf_status(&key) ? EG_ENOMEM : eg_map_put(names, key.buf, i);
    }
    for (size_t i = 0; i < doc->n_relations && st == EG_OK; i++) {
        const eg_relation *r = &doc->relations[i];
        if (doc->n_sentences && r->sentence >= doc->n_sentences) {
            st = eg_error_set(err, EG_EPARSE, "relation %zu is in sentence %zu of %zu", i, r->sentence,
                              doc->n_sentences);
            break;
        }
        for (int side = 0; side < 2 && st == EG_OK; side++) {
            /* a state is named by an adjective too ("American": country_of
             * the United States), which is no mention */
            if ((side ? r->target_type : r->source_type) == EG_TYPE_COUNTRY)
                continue;
            const char *name = side ? r->target : r->source;
            eg_strbuf_reset(&key);
            eg_strbuf_addf(&key, "%d\x1f%s", (int)(side ? r->target_type : r->source_type), name);
            if (eg_strbuf_status(&key))
                st = EG_ENOMEM;
            else if (eg_map_get(names, key.buf) == EG_NONE)
                st = eg_error_set(err, EG_EPARSE, "relation %zu names the %s \"%s\", which no mention names", i,
                                  eg_type_name(side ? r->target_type : r->source_type), name);
        }
    }
    if (st == EG_ENOMEM)
        eg_error_set(err, st, "out of memory");
    eg_strbuf_release(&key);
    eg_map_free(names);
    return st;
}

eg_status eg_doc_from_json(const char *line, size_t len, eg_doc *doc, eg_error *err)
{
    eg_status st = EG_OK;
    eg_doc_init(doc);
    cJSON *o = cJSON_ParseWithLength(line, len);
    if (!o || !cJSON_IsObject(o)) {
        st = eg_error_set(err, EG_EPARSE, "not a JSON object");
        goto cleanup;
    }
    const char *id = get_string(o, "doc");
    if (!id) {
        st = eg_error_set(err, EG_EPARSE, "no \"doc\" field: not a line of `entigraph extract` output");
        goto cleanup;
    }
    doc->id = eg_strdup(id);
    if (!doc->id || read_opt_string(o, "title", &doc->title) ||
        read_opt_string(o, "date", &doc->date) || read_opt_string(o, "url", &doc->url)) {
        st = eg_error_set(err, EG_ENOMEM, "out of memory");
        goto cleanup;
    }
    const cJSON *sentences = member(o, "sentences");
    if (sentences && !cJSON_IsArray(sentences)) {
        st = eg_error_set(err, EG_EPARSE, "\"sentences\" must be an array");
        goto cleanup;
    }
    if (eg_doc_set_sentences(doc, (size_t)cJSON_GetArraySize(sentences))) {
        st = eg_error_set(err, EG_ENOMEM, "out of memory");
        goto cleanup;
    }
    size_t si = 0;
    const cJSON *sv;
    cJSON_ArrayForEach(sv, sentences)
    {
        eg_sentence_info *info = &doc->sentences[si++];
        if (!cJSON_IsObject(sv) || !get_size(sv, "start", &info->start) ||
            !get_size(sv, "end", &info->end) || !parse_hex64(get_string(sv, "line"), &info->line)) {
            st = eg_error_set(err, EG_EPARSE, "sentence %zu without start, end and line", si - 1);
            goto cleanup;
        }
        if (!get_size(sv, "paragraph", &info->paragraph))
            info->paragraph = si - 1;
        if (read_opt_string(sv, "text", &info->text)) {
            st = eg_error_set(err, EG_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    const cJSON *facts = member(o, "facts");
    if (facts && !cJSON_IsArray(facts)) {
        st = eg_error_set(err, EG_EPARSE, "\"facts\" must be an array");
        goto cleanup;
    }
    const cJSON *fv;
    cJSON_ArrayForEach(fv, facts)
    {
        eg_fact f = {0};
        f.entity = (char *)get_string(fv, "entity");
        f.key = (char *)get_string(fv, "key");
        f.value = (char *)get_string(fv, "value");
        if (!cJSON_IsObject(fv) || !f.entity || !f.key || !f.value ||
            !eg_type_parse(get_string(fv, "type"), &f.type)) {
            st = eg_error_set(err, EG_EPARSE, "fact without entity, type, key and value");
            goto cleanup;
        }
        if (!get_size(fv, "sentence", &f.sentence))
            f.sentence = 0;
        if (eg_doc_add_fact(doc, &f)) {
            st = eg_error_set(err, EG_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    const cJSON *mentions = member(o, "mentions");
    const cJSON *rels = member(o, "relations");
    if ((mentions && !cJSON_IsArray(mentions)) || (rels && !cJSON_IsArray(rels))) {
        st = eg_error_set(err, EG_EPARSE, "\"mentions\" and \"relations\" must be arrays");
        goto cleanup;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, mentions)
    {
        if ((st = read_mention(item, EG_NONE, doc, err)) != EG_OK)
            goto cleanup;
    }
    cJSON_ArrayForEach(item, rels)
    {
        if ((st = read_relation(item, doc, err)) != EG_OK)
            goto cleanup;
    }
    st = check_doc(doc, err);
cleanup:
    cJSON_Delete(o);
    if (st != EG_OK)
        eg_doc_release(doc);
    return st;
}
