#include "eg_doc.h"

#include <cjson/cJSON.h>
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

static cJSON *mention_json(const eg_doc *doc, const eg_doc_parts *pa, size_t i)
{
    const eg_mention *m = &doc->mentions[i];
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    bool ok = cJSON_AddNumberToObject(o, "start", (double)m->start) &&
              cJSON_AddNumberToObject(o, "end", (double)m->end) &&
              cJSON_AddStringToObject(o, "type", eg_type_name(m->type)) &&
              cJSON_AddStringToObject(o, "text", m->text) &&
              cJSON_AddStringToObject(o, "entity", m->entity) &&
              cJSON_AddStringToObject(o, "form", eg_form_name(m->form)) &&
              cJSON_AddNumberToObject(o, "sentence", (double)m->sentence);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    cJSON *parts = NULL;
    for (size_t k = pa->first[i]; k < pa->first[i + 1]; k++) {
        if (!parts) {
            parts = cJSON_AddArrayToObject(o, "parts");
            if (!parts) {
                cJSON_Delete(o);
                return NULL;
            }
        }
        cJSON *child = mention_json(doc, pa, pa->index[k]);
        if (!child || !cJSON_AddItemToArray(parts, child)) {
            cJSON_Delete(child);
            cJSON_Delete(o);
            return NULL;
        }
    }
    return o;
}

static bool add_opt_string(cJSON *o, const char *key, const char *value)
{
    if (value)
        return cJSON_AddStringToObject(o, key, value) != NULL;
    return cJSON_AddNullToObject(o, key) != NULL;
}

eg_status eg_doc_to_json(const eg_doc *doc, eg_strbuf *out)
{
    eg_status st = EG_ENOMEM;
    eg_doc_parts parts = {NULL, NULL};
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return EG_ENOMEM;
    if (!cJSON_AddStringToObject(o, "doc", doc->id ? doc->id : "") ||
        !add_opt_string(o, "title", doc->title) || !add_opt_string(o, "date", doc->date))
        goto cleanup;
    if (doc->url && !cJSON_AddStringToObject(o, "url", doc->url))
        goto cleanup;
    cJSON *sentences = cJSON_AddArrayToObject(o, "sentences");
    if (!sentences)
        goto cleanup;
    for (size_t i = 0; i < doc->n_sentences; i++) {
        const eg_sentence_info *si = &doc->sentences[i];
        cJSON *so = cJSON_CreateObject();
        if (!so || !cJSON_AddItemToArray(sentences, so)) {
            cJSON_Delete(so);
            goto cleanup;
        }
        char hex[17];
        hex64(si->line, hex);
        bool ok = cJSON_AddNumberToObject(so, "start", (double)si->start) &&
                  cJSON_AddNumberToObject(so, "end", (double)si->end) &&
                  cJSON_AddNumberToObject(so, "paragraph", (double)si->paragraph) &&
                  cJSON_AddStringToObject(so, "line", hex) &&
                  (!si->text || cJSON_AddStringToObject(so, "text", si->text));
        if (!ok)
            goto cleanup;
    }
    cJSON *mentions = cJSON_AddArrayToObject(o, "mentions");
    if (!mentions || eg_doc_parts_init(&parts, doc) != EG_OK)
        goto cleanup;
    for (size_t i = 0; i < doc->n_mentions; i++) {
        if (doc->mentions[i].parent != EG_NONE)
            continue;
        cJSON *m = mention_json(doc, &parts, i);
        if (!m || !cJSON_AddItemToArray(mentions, m)) {
            cJSON_Delete(m);
            goto cleanup;
        }
    }
    cJSON *rels = cJSON_AddArrayToObject(o, "relations");
    if (!rels)
        goto cleanup;
    for (size_t i = 0; i < doc->n_relations; i++) {
        const eg_relation *r = &doc->relations[i];
        cJSON *ro = cJSON_CreateObject();
        if (!ro || !cJSON_AddItemToArray(rels, ro)) {
            cJSON_Delete(ro);
            goto cleanup;
        }
        bool ok = cJSON_AddStringToObject(ro, "kind", eg_relation_kind_name(r->kind)) &&
                  cJSON_AddStringToObject(ro, "source", r->source) &&
                  cJSON_AddStringToObject(ro, "source_type", eg_type_name(r->source_type)) &&
                  cJSON_AddStringToObject(ro, "target", r->target) &&
                  cJSON_AddStringToObject(ro, "target_type", eg_type_name(r->target_type)) &&
                  (!r->role || cJSON_AddStringToObject(ro, "role", r->role)) &&
                  (r->seats < 0 || cJSON_AddNumberToObject(ro, "seats", r->seats)) &&
                  cJSON_AddNumberToObject(ro, "sentence", (double)r->sentence) &&
                  cJSON_AddNumberToObject(ro, "start", (double)r->start) &&
                  cJSON_AddNumberToObject(ro, "end", (double)r->end) &&
                  cJSON_AddStringToObject(ro, "evidence", r->evidence ? r->evidence : "");
        if (!ok)
            goto cleanup;
    }
    if (doc->n_facts) {
        cJSON *facts = cJSON_AddArrayToObject(o, "facts");
        if (!facts)
            goto cleanup;
        for (size_t i = 0; i < doc->n_facts; i++) {
            const eg_fact *f = &doc->facts[i];
            cJSON *fo = cJSON_CreateObject();
            if (!fo || !cJSON_AddItemToArray(facts, fo)) {
                cJSON_Delete(fo);
                goto cleanup;
            }
            if (!cJSON_AddStringToObject(fo, "entity", f->entity) ||
                !cJSON_AddStringToObject(fo, "type", eg_type_name(f->type)) ||
                !cJSON_AddStringToObject(fo, "key", f->key) ||
                !cJSON_AddStringToObject(fo, "value", f->value) ||
                !cJSON_AddNumberToObject(fo, "sentence", (double)f->sentence))
                goto cleanup;
        }
    }
    char *text = cJSON_PrintUnformatted(o);
    if (!text)
        goto cleanup;
    eg_strbuf_adds(out, text);
    cJSON_free(text);
    st = eg_strbuf_status(out);
cleanup:
    eg_doc_parts_release(&parts);
    cJSON_Delete(o);
    return st;
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
cleanup:
    cJSON_Delete(o);
    if (st != EG_OK)
        eg_doc_release(doc);
    return st;
}
