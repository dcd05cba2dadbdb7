#include "eg_aliases.h"

#include "eg_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"merge", "apart", "drop", "label", "type"};

const char *eg_alias_kind_name(eg_alias_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "?";
}

static void rule_release(eg_alias_rule *r)
{
    for (size_t i = 0; i < r->n_names; i++) {
        free(r->names[i]);
        free(r->norms[i]);
    }
    free(r->names);
    free(r->norms);
    free(r->label);
}

void eg_aliases_free(eg_aliases *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n_rules; i++)
        rule_release(&a->rules[i]);
    free(a->rules);
    free(a->path);
    eg_map_free(a->drops);
    eg_map_free(a->types);
    free(a);
}

/* The tab-separated fields of one line, trimmed of spaces; empty fields
 * are kept (and refused by the caller). */
#define MAX_FIELDS 256

static size_t split_fields(char *line, char **field)
{
    size_t n = 0;
    for (char *p = line;; ) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len && p[len - 1] == ' ')
            p[--len] = '\0';
        if (n < MAX_FIELDS)
            field[n] = p;
        n++;
        if (!tab)
            break;
        p = tab + 1;
    }
    return n;
}

static eg_status add_name(eg_alias_rule *r, const char *name)
{
    char **names = realloc(r->names, (r->n_names + 1) * sizeof *names);
    if (!names)
        return EG_ENOMEM;
    r->names = names;
    char **norms = realloc(r->norms, (r->n_names + 1) * sizeof *norms);
    if (!norms)
        return EG_ENOMEM;
    r->norms = norms;
    r->names[r->n_names] = eg_strdup(name);
    r->norms[r->n_names] = eg_normalize_dup(name, strlen(name));
    if (!r->names[r->n_names] || !r->norms[r->n_names]) {
        free(r->names[r->n_names]);
        free(r->norms[r->n_names]);
        return EG_ENOMEM;
    }
    r->n_names++;
    return EG_OK;
}

/* Reads one directive from its fields into r. */
static eg_status parse_rule(char **f, size_t n, eg_alias_rule *r, const char *path, size_t line,
                            eg_error *err)
{
    size_t k = 0;
    while (k < sizeof kind_names / sizeof *kind_names && strcmp(f[0], kind_names[k]) != 0)
        k++;
    if (k == sizeof kind_names / sizeof *kind_names)
        return eg_error_set(err, EG_EPARSE,
                            "%s:%zu: unknown directive \"%s\" (merge, apart, drop, label or type)",
                            path, line, f[0]);
    r->kind = (eg_alias_kind)k;
    static const size_t min_fields[] = {3, 3, 2, 3, 3}, max_fields[] = {MAX_FIELDS, 3, 2, 3, 3};
    if (n < min_fields[k] || n > max_fields[k]) {
        static const char *const usage[] = {"merge NAME NAME...", "apart NAME NAME", "drop NAME",
                                            "label NAME LABEL", "type NAME TYPE"};
        return eg_error_set(err, EG_EPARSE, "%s:%zu: %zu fields; expected %s, separated by tabs",
                            path, line, n, usage[k]);
    }
    for (size_t i = 0; i < n; i++)
        if (!*f[i])
            return eg_error_set(err, EG_EPARSE, "%s:%zu: field %zu is empty", path, line, i + 1);
    size_t n_names = k == EG_ALIAS_LABEL || k == EG_ALIAS_TYPE ? 1 : n - 1;
    eg_status st = EG_OK;
    for (size_t i = 0; i < n_names && st == EG_OK; i++)
        st = add_name(r, f[1 + i]);
    if (st == EG_OK && k == EG_ALIAS_LABEL && !(r->label = eg_strdup(f[2])))
        st = EG_ENOMEM;
    if (st)
        return eg_error_set(err, st, "%s:%zu: out of memory", path, line);
    if (k == EG_ALIAS_TYPE && !eg_type_parse(f[2], &r->type))
        return eg_error_set(err, EG_EPARSE,
                            "%s:%zu: unknown type \"%s\" (person, body, country or document)", path,
                            line, f[2]);
    for (size_t i = 0; i < r->n_names; i++)
        if (!*r->norms[i])
            return eg_error_set(err, EG_EPARSE, "%s:%zu: name %zu is blank", path, line, i + 1);
    if (k == EG_ALIAS_APART && strcmp(r->norms[0], r->norms[1]) == 0)
        return eg_error_set(err, EG_EPARSE, "%s:%zu: \"%s\" cannot be kept apart from itself",
                            path, line, r->names[0]);
    return EG_OK;
}

eg_status eg_aliases_parse(const char *text, size_t len, const char *path, eg_aliases **out,
                           eg_error *err)
{
    *out = NULL;
    eg_aliases *a = calloc(1, sizeof *a);
    if (!a || !(a->path = eg_strdup(path))) {
        free(a);
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", path);
    }
    size_t cap = 0, line = 0;
    eg_status st = EG_OK;
    char *field[MAX_FIELDS];
    for (size_t at = 0; at < len && st == EG_OK;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        line++;
        size_t n = end - at;
        if (n && text[at + n - 1] == '\r')
            n--;
        char *copy = eg_strndup(text + at, n);
        at = end + 1;
        if (!copy) {
            st = eg_error_set(err, EG_ENOMEM, "%s:%zu: out of memory", path, line);
            break;
        }
        if (strlen(copy) != n) {
            free(copy);
            st = eg_error_set(err, EG_EPARSE, "%s:%zu: a NUL byte in the line", path, line);
            break;
        }
        size_t n_bad = 0, first_bad = 0;
        eg_strbuf repaired = EG_STRBUF_INIT;
        st = eg_utf8_repair(copy, n, &repaired, &n_bad, &first_bad, NULL);
        eg_strbuf_release(&repaired);
        if (st || n_bad) {
            free(copy);
            st = st ? eg_error_set(err, st, "%s:%zu: out of memory", path, line)
                    : eg_error_set(err, EG_EPARSE, "%s:%zu:%zu: not UTF-8", path, line,
                                   first_bad + 1);
            break;
        }
        char *p = copy;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#') {
            free(copy);
            continue;
        }
        size_t nf = split_fields(p, field);
        if (nf > MAX_FIELDS) {
            free(copy);
            st = eg_error_set(err, EG_EPARSE, "%s:%zu: more than %d fields", path, line,
                              MAX_FIELDS);
            break;
        }
        if (eg_grow(&a->rules, &cap, a->n_rules + 1, sizeof *a->rules)) {
            free(copy);
            st = eg_error_set(err, EG_ENOMEM, "%s:%zu: out of memory", path, line);
            break;
        }
        eg_alias_rule *r = &a->rules[a->n_rules++];
        memset(r, 0, sizeof *r);
        r->line = line;
        st = parse_rule(field, nf, r, path, line, err);
        free(copy);
    }
    if (st == EG_OK && !((a->drops = eg_map_new(16)) && (a->types = eg_map_new(16))))
        st = eg_error_set(err, EG_ENOMEM, "%s: out of memory", path);
    /* a later directive for a name wins over an earlier one */
    for (size_t i = 0; i < a->n_rules && st == EG_OK; i++) {
        const eg_alias_rule *r = &a->rules[i];
        if (r->kind == EG_ALIAS_DROP || r->kind == EG_ALIAS_TYPE)
            st = eg_map_put(r->kind == EG_ALIAS_DROP ? a->drops : a->types, r->norms[0], i);
        if (st)
            st = eg_error_set(err, st, "%s: out of memory", path);
    }
    if (st) {
        eg_aliases_free(a);
        return st;
    }
    *out = a;
    return EG_OK;
}

/* The rule of `map` for a name (EG_NONE when none); the name normalised into sb. */
static size_t rule_for(const eg_map *map, const char *name, eg_strbuf *sb)
{
    if (!name || eg_map_size(map) == 0)
        return EG_NONE;
    eg_strbuf_reset(sb);
    if (eg_normalize(name, strlen(name), sb) != EG_OK)
        return EG_NONE;
    return eg_map_get(map, sb->buf);
}

void eg_aliases_view_release(eg_doc *view)
{
    free(view->mentions);
    free(view->relations);
    memset(view, 0, sizeof *view);
}

eg_status eg_aliases_view(const eg_aliases *a, const eg_doc *doc, eg_doc *view, size_t *hits)
{
    *view = *doc;
    view->mentions = malloc((doc->n_mentions ? doc->n_mentions : 1) * sizeof *view->mentions);
    view->relations = malloc((doc->n_relations ? doc->n_relations : 1) * sizeof *view->relations);
    size_t *renumber = malloc((doc->n_mentions ? doc->n_mentions : 1) * sizeof *renumber);
    eg_strbuf sb = EG_STRBUF_INIT;
    if (!view->mentions || !view->relations || !renumber) {
        free(renumber);
        eg_aliases_view_release(view);
        return EG_ENOMEM;
    }
    view->n_mentions = view->cap_mentions = 0;
    view->n_relations = view->cap_relations = 0;
    for (size_t i = 0; i < doc->n_mentions; i++) {
        const eg_mention *m = &doc->mentions[i];
        size_t r = rule_for(a->drops, m->entity, &sb);
        if (r == EG_NONE)
            r = rule_for(a->drops, m->text, &sb);
        renumber[i] = EG_NONE;
        if (r != EG_NONE) {
            hits[r]++;
            continue;
        }
        eg_mention v = *m;
        if (v.parent != EG_NONE)
            v.parent = renumber[v.parent];
        if ((r = rule_for(a->types, m->entity, &sb)) != EG_NONE ||
            (r = rule_for(a->types, m->text, &sb)) != EG_NONE) {
            hits[r]++;
            v.type = a->rules[r].type;
        }
        renumber[i] = view->n_mentions;
        view->mentions[view->n_mentions++] = v;
    }
    for (size_t i = 0; i < doc->n_relations; i++) {
        eg_relation v = doc->relations[i];
        if (rule_for(a->drops, v.source, &sb) != EG_NONE || rule_for(a->drops, v.target, &sb) != EG_NONE)
            continue;
        size_t r;
        if ((r = rule_for(a->types, v.source, &sb)) != EG_NONE)
            v.source_type = a->rules[r].type;
        if ((r = rule_for(a->types, v.target, &sb)) != EG_NONE)
            v.target_type = a->rules[r].type;
        view->relations[view->n_relations++] = v;
    }
    free(renumber);
    eg_status st = eg_strbuf_status(&sb);
    eg_strbuf_release(&sb);
    if (st)
        eg_aliases_view_release(view);
    return st;
}

eg_status eg_aliases_load(const char *path, eg_aliases **out, eg_error *err)
{
    *out = NULL;
    eg_strbuf sb = EG_STRBUF_INIT;
    eg_status st = eg_read_file(path, &sb, err);
    if (st == EG_OK)
        st = eg_aliases_parse(sb.buf ? sb.buf : "", sb.len, path, out, err);
    eg_strbuf_release(&sb);
    return st;
}
