#include "eg_doc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[EG_TYPE_COUNT] = {"person", "body", "country", "document"};
static const char *const form_names[EG_FORM_COUNT] = {"name", "acronym", "surname", "demonym"};
static const char *const kind_names[EG_REL_KIND_COUNT] = {"role", "part_of", "country_of"};

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

/* ---- writing ---- */

static cJSON *mention_json(const eg_doc *doc, size_t i)
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
    for (size_t j = i + 1; j < doc->n_mentions; j++) {
        if (doc->mentions[j].parent != i)
            continue;
        if (!parts) {
            parts = cJSON_AddArrayToObject(o, "parts");
            if (!parts) {
                cJSON_Delete(o);
                return NULL;
            }
        }
        cJSON *child = mention_json(doc, j);
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
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return EG_ENOMEM;
    if (!cJSON_AddStringToObject(o, "doc", doc->id ? doc->id : "") ||
        !add_opt_string(o, "title", doc->title) || !add_opt_string(o, "date", doc->date))
        goto cleanup;
    if (doc->url && !cJSON_AddStringToObject(o, "url", doc->url))
        goto cleanup;
    if (!cJSON_AddNumberToObject(o, "sentences", (double)doc->n_sentences))
        goto cleanup;
    cJSON *mentions = cJSON_AddArrayToObject(o, "mentions");
    if (!mentions)
        goto cleanup;
    for (size_t i = 0; i < doc->n_mentions; i++) {
        if (doc->mentions[i].parent != EG_NONE)
            continue;
        cJSON *m = mention_json(doc, i);
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
                  cJSON_AddNumberToObject(ro, "sentence", (double)r->sentence) &&
                  cJSON_AddNumberToObject(ro, "start", (double)r->start) &&
                  cJSON_AddNumberToObject(ro, "end", (double)r->end) &&
                  cJSON_AddStringToObject(ro, "evidence", r->evidence ? r->evidence : "");
        if (!ok)
            goto cleanup;
    }
    char *text = cJSON_PrintUnformatted(o);
    if (!text)
        goto cleanup;
    eg_strbuf_adds(out, text);
    cJSON_free(text);
    st = eg_strbuf_status(out);
cleanup:
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
    if (!get_size(o, "sentences", &doc->n_sentences))
        doc->n_sentences = 0;
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
