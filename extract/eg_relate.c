#include "eg_relate.h"

#include <stdlib.h>
#include <string.h>

void eg_links_init(eg_links *links)
{
    links->v = NULL;
    links->n = links->cap = 0;
}

void eg_links_release(eg_links *links)
{
    if (!links)
        return;
    free(links->v);
    eg_links_init(links);
}

typedef struct rel {
    const char *text;
    const eg_tokens *toks;
    const eg_chunks *chunks;
    size_t *at;      /* per token: the visible top-level chunk starting there, or EG_NONE */
    eg_links *out;
    bool oom;
} rel;

static const eg_chunk *chunk(const rel *r, size_t c)
{
    return &r->chunks->v[c];
}

static bool is_punct(const rel *r, size_t i, const char *p)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_PUNCT)
        return false;
    size_t len = r->toks->v[i].end - r->toks->v[i].start;
    return len == strlen(p) && memcmp(r->text + r->toks->v[i].start, p, len) == 0;
}

static bool is_word(const rel *r, size_t i, const char *w)
{
    return i < r->toks->n && r->toks->v[i].kind == EG_TOK_WORD &&
           strcmp(eg_tok_norm(r->toks, i), w) == 0;
}

static bool is_dash(const rel *r, size_t i)
{
    return is_punct(r, i, "-") || is_punct(r, i, "\xE2\x80\x93") || is_punct(r, i, "\xE2\x80\x94");
}

static size_t chunk_at(const rel *r, size_t i)
{
    return i < r->toks->n ? r->at[i] : EG_NONE;
}

static bool kind_is(const rel *r, size_t c, eg_chunk_kind k)
{
    return c != EG_NONE && chunk(r, c)->kind == k;
}

static bool is_target(const rel *r, size_t c)
{
    return kind_is(r, c, EG_CHUNK_BODY) || kind_is(r, c, EG_CHUNK_COUNTRY);
}

static void add_link(rel *r, eg_relation_kind kind, size_t src, size_t tgt, size_t title,
                     size_t title_last, size_t sentence)
{
    for (size_t i = 0; i < r->out->n; i++) {
        eg_link *l = &r->out->v[i];
        if (l->kind == kind && l->source == src && l->target == tgt && l->sentence == sentence)
            return;
    }
    if (eg_grow(&r->out->v, &r->out->cap, r->out->n + 1, sizeof *r->out->v)) {
        r->oom = true;
        return;
    }
    r->out->v[r->out->n++] = (eg_link){kind, src, tgt, title, title_last, sentence};
}

/* Structure from nesting. */
static void structure(rel *r)
{
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        if (x->parent == EG_NONE || (x->flags & EG_CHUNK_GENERIC))
            continue;
        const eg_chunk *p = chunk(r, x->parent);
        if (p->kind != EG_CHUNK_BODY || (p->flags & EG_CHUNK_GENERIC))
            continue;
        if (x->link != EG_LINK_COMPLEMENT && x->link != EG_LINK_PREMOD)
            continue;
        size_t sentence = r->toks->v[p->first].sentence;
        if (x->kind == EG_CHUNK_BODY)
            add_link(r, EG_REL_PART_OF, x->parent, c, EG_NONE, EG_NONE, sentence);
        else if (x->kind == EG_CHUNK_COUNTRY)
            add_link(r, EG_REL_COUNTRY_OF, x->parent, c, EG_NONE, EG_NONE, sentence);
    }
}

typedef struct role_phrase {
    size_t title, title_last; /* chunk indexes */
    size_t target;            /* chunk index or EG_NONE */
    size_t end;               /* token after the phrase */
} role_phrase;

/* One role phrase at token k: "[the] T [prep [the] X]", "X T", "X 's T". */
static bool parse_rp(const rel *r, size_t k, role_phrase *rp)
{
    if (is_word(r, k, "the") || is_word(r, k, "a") || is_word(r, k, "an"))
        k++;
    size_t c = chunk_at(r, k);
    if (kind_is(r, c, EG_CHUNK_TITLE)) {
        rp->title = rp->title_last = c;
        rp->target = EG_NONE;
        rp->end = chunk(r, c)->last;
        size_t j = rp->end;
        if (is_word(r, j, "of") || is_word(r, j, "at") || is_word(r, j, "for") ||
            is_word(r, j, "to") || is_word(r, j, "in")) {
            j++;
            if (is_word(r, j, "the"))
                j++;
            size_t x = chunk_at(r, j);
            if (is_target(r, x)) {
                rp->target = x;
                rp->end = chunk(r, x)->last;
            }
        }
        return true;
    }
    if (is_target(r, c)) {
        size_t j = chunk(r, c)->last;
        if (j < r->toks->n && (r->toks->v[j].flags & EG_TOK_POSSESSIVE))
            j++;
        size_t t = chunk_at(r, j);
        if (kind_is(r, t, EG_CHUNK_TITLE)) {
            rp->title = rp->title_last = t;
            rp->target = c;
            rp->end = chunk(r, t)->last;
            return true;
        }
    }
    return false;
}

#define MAX_RPS 8

/* A list of role phrases joined by ",", "-" or "and". Returns how many. */
static size_t parse_rp_list(const rel *r, size_t k, role_phrase *rps, size_t *end)
{
    size_t n = 0;
    *end = k;
    while (n < MAX_RPS && parse_rp(r, k, &rps[n])) {
        /* "T1 and T2 of X": the two titles share the target */
        if (n > 0 && rps[n - 1].target == EG_NONE && is_word(r, rps[n - 1].end, "and") &&
            rps[n].target != EG_NONE) {
            rps[n - 1].title_last = rps[n].title_last;
            rps[n - 1].target = rps[n].target;
            rps[n - 1].end = rps[n].end;
        } else {
            n++;
        }
        size_t j = rps[n ? n - 1 : 0].end;
        *end = j;
        if (is_punct(r, j, ",") && is_word(r, j + 1, "and"))
            k = j + 2;
        else if (is_punct(r, j, ",") || is_dash(r, j) || is_word(r, j, "and"))
            k = j + 1;
        else
            break;
    }
    return n;
}

static void emit_roles(rel *r, size_t person, const role_phrase *rps, size_t n, size_t sentence)
{
    for (size_t i = 0; i < n; i++)
        if (rps[i].target != EG_NONE)
            add_link(r, EG_REL_ROLE, person, rps[i].target, rps[i].title, rps[i].title_last,
                     sentence);
}

static void roles(rel *r)
{
    role_phrase rps[MAX_RPS];
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        if (x->parent != EG_NONE || (x->flags & EG_CHUNK_HIDDEN))
            continue;
        size_t sentence = r->toks->v[x->first].sentence;
        size_t end;
        if (x->kind == EG_CHUNK_PERSON) {
            /* P , RP-list   and   P ( RP-list ) */
            size_t j = x->last;
            if (is_punct(r, j, ",") || is_punct(r, j, "(")) {
                size_t n = parse_rp_list(r, j + 1, rps, &end);
                emit_roles(r, c, rps, n, sentence);
            }
            continue;
        }
        /* RP-list followed by a person: ": P", ", P", "- P" or directly "P" */
        if (x->kind != EG_CHUNK_TITLE && !is_target(r, c))
            continue;
        size_t start = x->first;
        if (start > 0 && (is_word(r, start - 1, "the") || is_word(r, start - 1, "a")))
            start--;
        size_t n = parse_rp_list(r, start, rps, &end);
        if (!n)
            continue;
        size_t j = end;
        if (is_punct(r, j, ":") || is_punct(r, j, ",") || is_dash(r, j))
            j++;
        size_t p = chunk_at(r, j);
        if (kind_is(r, p, EG_CHUNK_PERSON)) {
            /* "TITLE PERSON" needs the target inside the phrase; a bare title
             * before a name ("President Lincoln") states no body */
            emit_roles(r, p, rps, n, sentence);
        }
    }
}

eg_status eg_relate_run(const char *text, const eg_tokens *toks, const eg_chunks *chunks,
                        eg_links *links)
{
    links->n = 0;
    rel r = {text, toks, chunks, NULL, links, false};
    r.at = malloc((toks->n ? toks->n : 1) * sizeof *r.at);
    if (!r.at)
        return EG_ENOMEM;
    for (size_t i = 0; i < toks->n; i++)
        r.at[i] = EG_NONE;
    for (size_t c = 0; c < chunks->n; c++) {
        const eg_chunk *x = &chunks->v[c];
        if (x->parent != EG_NONE || (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)) ||
            x->first >= toks->n)
            continue;
        if (r.at[x->first] == EG_NONE)
            r.at[x->first] = c;
    }
    structure(&r);
    roles(&r);
    free(r.at);
    return r.oom ? EG_ENOMEM : EG_OK;
}
