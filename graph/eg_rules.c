/*
 * eg_rules.c - the corpus alias rules (eg_corpus.h): which keys name one
 * entity, each join only when unambiguous, and the merges of a user's
 * aliases file. Used by eg_corpus_build through eg_corpus_impl.h.
 */
#include "eg_corpus_impl.h"

#include "eg_text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- union-find ---- */

/* Joins the sets of a and b; the smaller index becomes the root, so the
 * result does not depend on the order the rules find their pairs in. */
static void unite(size_t *parent, size_t a, size_t b)
{
    a = find(parent, a);
    b = find(parent, b);
    if (a == b)
        return;
    if (a < b)
        parent[b] = a;
    else
        parent[a] = b;
}

static bool holds_root(size_t *parent, const size_t *keys, size_t n, size_t root)
{
    for (size_t i = 0; i < n; i++)
        if (find(parent, keys[i]) == root)
            return true;
    return false;
}

/* Joins the entities of keys a and b by the rule at work, unless an aliases
 * file keeps them apart. */
static void join(joins *j, size_t a, size_t b)
{
    size_t ra = find(j->parent, a), rb = find(j->parent, b);
    if (ra == rb)
        return;
    for (size_t p = 0; p < j->n_aparts; p++) {
        const apart *ap = &j->aparts[p];
        if ((holds_root(j->parent, ap->a, ap->n_a, ra) && holds_root(j->parent, ap->b, ap->n_b, rb)) ||
            (holds_root(j->parent, ap->a, ap->n_a, rb) && holds_root(j->parent, ap->b, ap->n_b, ra)))
            return;
    }
    /* both names record the join they first took part in: which of the two
     * "joined" the other follows the keys' canonical numbering (by type and
     * normal form, eg_corpus_build), not the order of the documents */
    if (!j->why[a]) {
        j->why[a] = j->rule;
        j->with[a] = b;
    }
    if (!j->why[b]) {
        j->why[b] = j->rule;
        j->with[b] = a;
    }
    unite(j->parent, a, b);
}

/* A map from a string to one root, or AMBIGUOUS when two roots claim it. */

static eg_status claim(eg_map *map, const char *key, size_t root, size_t *parent)
{
    size_t prev = eg_map_get(map, key);
    if (prev == EG_NONE)
        return eg_map_put(map, key, root);
    if (prev == AMBIGUOUS || find(parent, prev) == find(parent, root))
        return EG_OK;
    return eg_map_put(map, key, AMBIGUOUS);
}

static size_t claimed(const eg_map *map, const char *key, size_t *parent)
{
    size_t v = eg_map_get(map, key);
    if (v == EG_NONE || v == AMBIGUOUS)
        return EG_NONE;
    return find(parent, v);
}

/* ---- alias rules ---- */

/*
 * Each rule works in two steps: keys claim strings (their surface forms, the
 * head parts of their names...) in a map, where a string claimed by two roots
 * becomes AMBIGUOUS; then every key seeks its own string there and joins the
 * one root that claimed it. A seek function writes the string a key seeks
 * into sb, or returns false when the key does not take part in the rule.
 */
typedef bool (*seek_fn)(const eg_corpus *c, size_t key, eg_strbuf *sb);

static eg_status unite_seekers(eg_corpus *c, joins *j, const eg_map *claims, seek_fn seek)
{
    size_t *parent = j->parent;
    eg_strbuf sb = EG_STRBUF_INIT;
    for (size_t i = 0; i < c->n_keys && !sb.failed; i++) {
        eg_strbuf_reset(&sb);
        if (!seek(c, i, &sb) || sb.failed)
            continue;
        size_t other = claimed(claims, sb.buf, parent);
        if (other != EG_NONE && other != find(parent, i))
            join(j, i, other);
    }
    eg_status st = eg_strbuf_status(&sb);
    eg_strbuf_release(&sb);
    return st;
}

/* "type\x1fnorm" of any key but a country's. */
static bool seek_typed_name(const eg_corpus *c, size_t i, eg_strbuf *sb)
{
    const ekey *k = &c->keys[i];
    if (k->type == EG_TYPE_COUNTRY)
        return false;
    eg_strbuf_addf(sb, "%d\x1f%s", (int)k->type, k->norm);
    return true;
}

/* The same for bodies and documents only. */
static bool seek_titled_name(const eg_corpus *c, size_t i, eg_strbuf *sb)
{
    const ekey *k = &c->keys[i];
    return (k->type == EG_TYPE_BODY || k->type == EG_TYPE_DOCUMENT) && seek_typed_name(c, i, sb);
}

/* A body's name. */
static bool seek_body_name(const eg_corpus *c, size_t i, eg_strbuf *sb)
{
    if (c->keys[i].type != EG_TYPE_BODY)
        return false;
    eg_strbuf_adds(sb, c->keys[i].norm);
    return true;
}

/* An entity of `type` named by one word. */
static bool seek_one_word(const eg_corpus *c, size_t i, eg_strbuf *sb, eg_type type)
{
    const ekey *k = &c->keys[i];
    if (k->type != type || strchr(k->norm, ' '))
        return false;
    eg_strbuf_adds(sb, k->norm);
    return true;
}

/* A person named by one word. */
static bool seek_lone_name(const eg_corpus *c, size_t i, eg_strbuf *sb)
{
    return seek_one_word(c, i, sb, EG_TYPE_PERSON);
}

/* The first word of person key k's name of two words or more, into out
 * (emptied first); false when k is no such name. */
static bool first_word(const ekey *k, eg_strbuf *out)
{
    const char *sp = strchr(k->norm, ' ');
    if (k->type != EG_TYPE_PERSON || !sp)
        return false;
    eg_strbuf_reset(out);
    eg_strbuf_add(out, k->norm, (size_t)(sp - k->norm));
    return true;
}

/* Counts, for the first word of each person's name of two words or more,
 * the names it begins: into `counts` (word -> count). */
static eg_status count_first_words(const eg_corpus *c, eg_map *counts)
{
    eg_strbuf first = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        if (!first_word(&c->keys[i], &first))
            continue;
        if ((st = eg_strbuf_status(&first)) != EG_OK)
            break;
        size_t n = eg_map_get(counts, first.buf);
        st = eg_map_put(counts, first.buf, n == EG_NONE ? 1 : n + 1);
    }
    eg_strbuf_release(&first);
    return st;
}

/* Rule: a key whose name is a surface form of exactly one other entity (but
 * a person's one word that begins the names of two people of the corpus or
 * more, a given name they share, stands for none: "Paul" that one document
 * gave Anna Vostan is not every "Anna" of the corpus). */
static eg_status rule_surface_forms(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *by_form = eg_map_new(c->n_forms + 1), *firsts = eg_map_new(c->n_keys + 1);
    if (!by_form || !firsts) {
        eg_map_free(by_form);
        eg_map_free(firsts);
        return EG_ENOMEM;
    }
    eg_status st = count_first_words(c, firsts);
    eg_strbuf sb = EG_STRBUF_INIT;
    for (size_t i = 0; i < c->n_forms && st == EG_OK; i++) {
        const form *f = &c->forms[i];
        const ekey *k = &c->keys[f->key];
        if (k->type == EG_TYPE_COUNTRY)
            continue;
        eg_strbuf_reset(&sb);
        eg_strbuf_addf(&sb, "%d\x1f", (int)k->type);
        st = eg_normalize(f->text, strlen(f->text), &sb);
        const char *norm = st == EG_OK ? strchr(sb.buf, '\x1f') + 1 : NULL;
        if (norm && k->type == EG_TYPE_PERSON && !strchr(norm, ' ')) {
            size_t begins = eg_map_get(firsts, norm);
            if (begins != EG_NONE && begins >= 2)
                continue;
        }
        if (st == EG_OK && strcmp(norm, k->norm) != 0)
            st = claim(by_form, sb.buf, f->key, parent);
    }
    st = st ? st : eg_strbuf_status(&sb);
    eg_strbuf_release(&sb);
    if (st == EG_OK)
        st = unite_seekers(c, j, by_form, seek_typed_name);
    eg_map_free(by_form);
    eg_map_free(firsts);
    return st;
}

/* Words of a name as written, split on spaces. */
typedef struct words {
    const char *w[64];
    size_t len[64];
    size_t n;
} words;

static void split_words(const char *s, words *out)
{
    out->n = 0;
    while (*s && out->n < 64) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *b = s;
        while (*s && *s != ' ')
            s++;
        out->w[out->n] = b;
        out->len[out->n] = (size_t)(s - b);
        out->n++;
    }
}

static bool word_is(const words *w, size_t i, const char *s)
{
    size_t n = strlen(s);
    if (w->len[i] != n)
        return false;
    for (size_t k = 0; k < n; k++) {
        char a = w->w[i][k];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != s[k])
            return false;
    }
    return true;
}

static bool is_function_word(const words *w, size_t i)
{
    static const char *const fw[] = {"of", "the", "and", "on", "for", "to", "in", "a", "an", "&"};
    for (size_t k = 0; k < sizeof fw / sizeof fw[0]; k++)
        if (word_is(w, i, fw[k]))
            return true;
    return false;
}

/* All letters capitals (two or more): an acronym. */
static bool is_acronym(const char *s, size_t len)
{
    size_t letters = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)s[k];
        if (ch >= 'A' && ch <= 'Z')
            letters++;
        else if (ch >= 'a' && ch <= 'z')
            return false;
        else if (ch >= 0x80)
            return false;
    }
    return letters >= 2;
}

static bool is_member_word(const words *w, size_t i)
{
    return word_is(w, i, "member") || word_is(w, i, "members") || word_is(w, i, "states") ||
           word_is(w, i, "countries");
}

/* One letter of a name's initials: the initial of a word, or a letter (or
 * digit) of an acronym. */
typedef struct initial {
    char letter;
    const char *word; /* the word or acronym it is of, as written */
    size_t len;
    size_t letters;   /* an acronym's letters and digits, else 1 */
    bool acronym, first; /* first: the first letter of its word or acronym */
} initial;

typedef struct initials_of {
    initial v[128];
    size_t n;
    bool has_acronym;
} initials_of;

static void add_initial(initials_of *out, char letter, const words *w, size_t i, size_t letters, bool acronym,
                        bool first)
{
    if (out->n < sizeof out->v / sizeof out->v[0])
        out->v[out->n++] = (initial){letter, w->w[i], w->len[i], letters, acronym, first};
}

/*
 * The initials of a body's name with "X of the Y" read as "Y X" (at the last
 * "of"), acronyms contributing all their letters and digits: "Parliamentary
 * Assembly of the Collective Security Treaty Organization" and "CSTO PA"
 * both give "CSTOPA", "BBC1" gives "BBC1".
 */
static void name_initials(const char *name, words *w, initials_of *out)
{
    split_words(name, w);
    out->n = 0;
    out->has_acronym = false;
    size_t of = w->n;
    for (size_t i = 0; i < w->n; i++)
        if (word_is(w, i, "of"))
            of = i;
    /* parts in reading order: Y (after the last "of") then X */
    size_t ranges[2][2] = {{0, w->n}, {0, 0}};
    if (of < w->n && of > 0) {
        ranges[0][0] = of + 1;
        ranges[0][1] = w->n;
        ranges[1][0] = 0;
        ranges[1][1] = of;
    }
    for (int r = 0; r < 2; r++) {
        size_t end = ranges[r][1];
        /* "the CSTO Member States": the members are not the body */
        while (end > ranges[r][0] + 1 && is_member_word(w, end - 1))
            end--;
        for (size_t i = ranges[r][0]; i < end; i++) {
            if (is_function_word(w, i))
                continue;
            if (is_acronym(w->w[i], w->len[i])) {
                out->has_acronym = true;
                size_t letters = 0;
                for (size_t k = 0; k < w->len[i]; k++)
                    letters += (w->w[i][k] >= 'A' && w->w[i][k] <= 'Z') || (w->w[i][k] >= '0' && w->w[i][k] <= '9');
                bool first = true;
                for (size_t k = 0; k < w->len[i]; k++) {
                    char ch = w->w[i][k];
                    if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')) {
                        add_initial(out, ch, w, i, letters, true, first);
                        first = false;
                    }
                }
            } else {
                char ch = w->w[i][0];
                if (ch >= 'a' && ch <= 'z')
                    ch = (char)(ch - 'a' + 'A');
                if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80)
                    add_initial(out, ch, w, i, 1, false, true);
            }
        }
    }
}

static void initials(const char *name, eg_strbuf *out, bool *has_acronym)
{
    words w;
    initials_of in;
    name_initials(name, &w, &in);
    *has_acronym = in.has_acronym;
    for (size_t k = 0; k < in.n; k++)
        eg_strbuf_addc(out, in.v[k].letter);
}

static bool same_letters(const initial *a, const initial *b)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < a->len && !((a->word[i] >= 'A' && a->word[i] <= 'Z') || (a->word[i] >= '0' && a->word[i] <= '9')))
            i++;
        while (j < b->len && !((b->word[j] >= 'A' && b->word[j] <= 'Z') || (b->word[j] >= '0' && b->word[j] <= '9')))
            j++;
        if (i == a->len || j == b->len)
            return i == a->len && j == b->len;
        if (a->word[i++] != b->word[j++])
            return false;
    }
}

/* Whether two body names with the same initials can be one body's: where
 * both spell a word out, the same word ("FC Vardo" is not "FC Vefsn", "BBC
 * Two" not "BBC Television"), and they share a word or an acronym ("CSTO
 * PA" and "CSTO Parliamentary Assembly"; a bare acronym and a name spelled
 * out share nothing, and joining them across documents joined a news
 * agency's acronym to a state agency and a network's to a school more
 * often than it was right). */
static bool initials_agree(const char *a, const char *b)
{
    words wa, wb;
    initials_of ia, ib;
    name_initials(a, &wa, &ia);
    name_initials(b, &wb, &ib);
    if (ia.n != ib.n)
        return false;
    bool shared = false;
    for (size_t k = 0; k < ia.n; k++) {
        const initial *x = &ia.v[k], *y = &ib.v[k];
        if (!x->acronym && !y->acronym) {
            if (x->len != y->len || strncasecmp(x->word, y->word, x->len) != 0)
                return false;
            shared = true;
        } else if (x->acronym && y->acronym && x->first && y->first && x->letters == y->letters &&
                   same_letters(x, y)) {
            shared = true;
        }
    }
    return shared;
}

/* Whether a name's initials are all letters of acronyms ("CSTO", "CSTO PA",
 * "the CSTO Members"). */
static bool only_acronyms(const char *name)
{
    words w;
    initials_of in;
    name_initials(name, &w, &in);
    for (size_t k = 0; k < in.n; k++)
        if (!in.v[k].acronym)
            return false;
    return in.n > 0;
}

/* Per key: whether a document wrote it as an acronym of its initials ("CSTO"
 * for the Collective Security Treaty Organization): the corpus's evidence
 * that those letters stand for it. NULL when out of memory. */
static bool *acronym_known(const eg_corpus *c)
{
    bool *known = calloc(c->n_keys + 1, sizeof *known);
    eg_strbuf a = EG_STRBUF_INIT, b = EG_STRBUF_INIT;
    for (size_t f = 0; known && f < c->n_forms; f++) {
        const form *fo = &c->forms[f];
        if (c->keys[fo->key].type != EG_TYPE_BODY || known[fo->key] || !only_acronyms(fo->text))
            continue;
        bool dummy;
        eg_strbuf_reset(&a);
        eg_strbuf_reset(&b);
        initials(fo->text, &a, &dummy);
        initials(c->keys[fo->key].name, &b, &dummy);
        known[fo->key] = !a.failed && !b.failed && a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0;
    }
    if (a.failed || b.failed) {
        free(known);
        known = NULL;
    }
    eg_strbuf_release(&a);
    eg_strbuf_release(&b);
    return known;
}

/* Rule: bodies with the same initials, at least one written with an acronym,
 * at most one distinct spelled-out name among them, whose words agree
 * (initials_agree), or a name in acronyms and one that a document wrote
 * with those acronyms. */
static eg_status rule_initials(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *group = eg_map_new(c->n_keys + 1);  /* initials -> first key */
    eg_map *spelled = eg_map_new(c->n_keys + 1); /* initials -> spelled-out root or AMBIGUOUS */
    size_t *next = malloc((c->n_keys + 1) * sizeof *next);
    size_t *head = malloc((c->n_keys + 1) * sizeof *head);
    bool *acr = malloc((c->n_keys + 1) * sizeof *acr);
    bool *known = acronym_known(c);
    eg_strbuf sb = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    if (!group || !spelled || !next || !head || !acr || !known) {
        st = EG_ENOMEM;
        goto cleanup;
    }
    /* chain the keys of each initials group */
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        next[i] = EG_NONE;
        head[i] = EG_NONE;
        acr[i] = false;
        if (c->keys[i].type != EG_TYPE_BODY)
            continue;
        eg_strbuf_reset(&sb);
        initials(c->keys[i].name, &sb, &acr[i]);
        if (sb.len < 3)
            continue;
        size_t g = eg_map_get(group, sb.buf);
        if (g == EG_NONE) {
            st = eg_map_put(group, sb.buf, i);
            head[i] = i;
        } else {
            /* append to the chain started at g */
            size_t t = g;
            while (next[t] != EG_NONE)
                t = next[t];
            next[t] = i;
        }
        if (st == EG_OK && !acr[i])
            st = claim(spelled, sb.buf, i, parent);
    }
    for (size_t g = 0; g < c->n_keys && st == EG_OK; g++) {
        if (head[g] != g || next[g] == EG_NONE)
            continue;
        bool any_acr = false;
        for (size_t t = g; t != EG_NONE; t = next[t])
            any_acr |= acr[t];
        if (!any_acr)
            continue;
        eg_strbuf_reset(&sb);
        bool dummy;
        initials(c->keys[g].name, &sb, &dummy);
        if (eg_map_get(spelled, sb.buf) == AMBIGUOUS)
            continue;
        /* the pairs whose words agree; a group is a few names */
        size_t pairs = 0;
        for (size_t t = g; t != EG_NONE && pairs < 4096; t = next[t])
            for (size_t u = next[t]; u != EG_NONE && pairs < 4096; u = next[u], pairs++)
                if (initials_agree(c->keys[t].name, c->keys[u].name) ||
                    (known[u] && only_acronyms(c->keys[t].name)) || (known[t] && only_acronyms(c->keys[u].name)))
                    join(j, t, u);
    }
    if (st == EG_OK)
        st = eg_strbuf_status(&sb);
cleanup:
    eg_map_free(group);
    eg_map_free(spelled);
    free(next);
    free(head);
    free(acr);
    free(known);
    eg_strbuf_release(&sb);
    return st;
}

/* Rule: a body named by the head part of exactly one longer name
 * ("Mazhilis" -> "Mazhilis of the Parliament of ..."). */
#define HEAD_PARTS_MAX 3
/* The country key that body key k's name ends with after its first `len`
 * bytes ("house of commons" + " of {canada}": eg_corpus wrote the states a
 * body names into its signature so), or EG_NONE. */
static size_t state_after(const eg_corpus *c, const ekey *k, size_t len, eg_strbuf *sb)
{
    if (!k->sig || strncmp(k->sig, k->norm, len) != 0 || strncmp(k->sig + len, " of {", 5) != 0)
        return EG_NONE;
    const char *name = k->sig + len + 5, *end = strchr(name, '}');
    if (!end || end[1])
        return EG_NONE;
    eg_strbuf_reset(sb);
    eg_strbuf_addf(sb, "%d\x1f", (int)EG_TYPE_COUNTRY);
    eg_strbuf_add(sb, name, (size_t)(end - name));
    return eg_strbuf_status(sb) ? EG_NONE : eg_map_get(c->key_index, sb->buf);
}

/* A bare name that would join a state's body ("House of Commons" and "House
 * of Commons of Canada"), and that state's key. */
typedef struct stated {
    size_t bare, body, state;
} stated;

/* How many documents name both keys a and b; docs[k] lists the documents
 * of key k (ascending), n_docs[k] their number. */
static size_t shared_documents(size_t **docs, const size_t *n_docs, size_t a, size_t b)
{
    size_t shared = 0;
    for (size_t x = 0, y = 0; x < n_docs[a] && y < n_docs[b];) {
        if (docs[a][x] == docs[b][y]) {
            shared++;
            x++;
            y++;
        } else if (docs[a][x] < docs[b][y]) {
            x++;
        } else {
            y++;
        }
    }
    return shared;
}

/* The bare names of `cand` join the state's body only where most documents
 * that give the bare name name the state too: British news says "the House
 * of Commons" of its own parliament, and a Canadian page names Canada. */
static eg_status join_stated(eg_corpus *c, joins *j, const stated *cand, size_t n)
{
    unsigned char *want = calloc(c->n_keys + 1, 1);
    size_t **docs = calloc(c->n_keys + 1, sizeof *docs);
    size_t *n_docs = calloc(c->n_keys + 1, sizeof *n_docs), *cap = calloc(c->n_keys + 1, sizeof *cap);
    eg_status st = want && docs && n_docs && cap ? EG_OK : EG_ENOMEM;
    for (size_t i = 0; i < n && st == EG_OK; i++)
        want[cand[i].bare] = want[cand[i].state] = 1;
    /* the documents naming each wanted key, in document order */
    for (size_t d = 0; d < c->n_docs && st == EG_OK; d++) {
        const cdoc *cd = &c->docs[d];
        const uint32_t *keys = doc_keys(c, d), *end = keys;
        for (size_t s = cd->sent_begin; s < cd->sent_end; s++)
            end += c->sents[s].n_keys;
        for (; keys < end && st == EG_OK; keys++) {
            size_t key = *keys;
            if (!want[key] || (n_docs[key] && docs[key][n_docs[key] - 1] == d))
                continue;
            if (eg_grow(&docs[key], &cap[key], n_docs[key] + 1, sizeof **docs))
                st = EG_ENOMEM;
            else
                docs[key][n_docs[key]++] = d;
        }
    }
    for (size_t i = 0; i < n && st == EG_OK; i++)
        if (2 * shared_documents(docs, n_docs, cand[i].bare, cand[i].state) >= n_docs[cand[i].bare] &&
            n_docs[cand[i].bare])
            join(j, cand[i].bare, cand[i].body);
    for (size_t k = 0; docs && k < c->n_keys; k++)
        free(docs[k]);
    free(docs);
    free(n_docs);
    free(cap);
    free(want);
    return st;
}

/* Counts, for each word of a body's name, the body names that have it:
 * into `counts` (word -> count). */
static eg_status count_name_words(const eg_corpus *c, eg_map *counts)
{
    eg_strbuf word = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        if (c->keys[i].type != EG_TYPE_BODY)
            continue;
        words w;
        split_words(c->keys[i].norm, &w);
        for (size_t k = 0; k < w.n && st == EG_OK; k++) {
            bool again = false; /* once a name */
            for (size_t m = 0; m < k && !again; m++)
                again = w.len[m] == w.len[k] && memcmp(w.w[m], w.w[k], w.len[k]) == 0;
            if (again)
                continue;
            eg_strbuf_reset(&word);
            eg_strbuf_add(&word, w.w[k], w.len[k]);
            if ((st = eg_strbuf_status(&word)) != EG_OK)
                break;
            size_t n = eg_map_get(counts, word.buf);
            st = eg_map_put(counts, word.buf, n == EG_NONE ? 1 : n + 1);
        }
    }
    eg_strbuf_release(&word);
    return st;
}

static eg_status rule_head_part(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *prefixes = eg_map_new(c->n_keys + 1), *of_states = eg_map_new(64), *word_names = eg_map_new(c->n_keys + 1);
    eg_status st = prefixes && of_states && word_names ? EG_OK : EG_ENOMEM;
    eg_strbuf sb = EG_STRBUF_INIT, state = EG_STRBUF_INIT;
    if (st == EG_OK)
        st = count_name_words(c, word_names);
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        const ekey *k = &c->keys[i];
        if (k->type != EG_TYPE_BODY)
            continue;
        /* the first few head parts only: a name is seldom called by more of
         * itself, and every prefix of a long chain ("X of the Y of the Z of
         * ...", from hand-made JSON Lines) would cost its square */
        const char *s = k->norm;
        size_t taken = 0;
        for (const char *p = s; *p && st == EG_OK && taken < HEAD_PARTS_MAX; p++) {
            if (p > s && (strncmp(p, " of ", 4) == 0 || strncmp(p, " (", 2) == 0)) {
                eg_strbuf_reset(&sb);
                eg_strbuf_add(&sb, s, (size_t)(p - s));
                /* "House of Commons of Canada" is one state's House of
                 * Commons: its bare name may be another state's */
                bool of_state = state_after(c, k, (size_t)(p - s), &state) != EG_NONE;
                /* a head part of one word that more names than this one
                 * and itself have is a common noun ("Council" of "Council
                 * of Europe", "Union", "Academy"), a proper name if only
                 * they do ("Mazhilis") */
                size_t used = strchr(sb.buf, ' ') ? 0 : eg_map_get(word_names, sb.buf);
                if (used == EG_NONE || used <= 2)
                    st = claim(of_state ? of_states : prefixes, sb.buf, i, parent);
                taken++;
            }
        }
    }
    if (st == EG_OK)
        st = eg_strbuf_status(&sb);
    if (st == EG_OK)
        st = unite_seekers(c, j, prefixes, seek_body_name);
    /* the bare names that only a state's body claims */
    stated *cand = NULL;
    size_t n_cand = 0, cap_cand = 0;
    for (size_t i = 0; i < c->n_keys && st == EG_OK && eg_map_size(of_states); i++) {
        eg_strbuf_reset(&sb);
        if (!seek_body_name(c, i, &sb) || sb.failed)
            continue;
        size_t body = eg_map_get(of_states, sb.buf);
        if (body == EG_NONE || body == AMBIGUOUS || find(parent, body) == find(parent, i))
            continue;
        size_t st_key = state_after(c, &c->keys[body], strlen(sb.buf), &state);
        if (st_key == EG_NONE)
            continue;
        if (eg_grow(&cand, &cap_cand, n_cand + 1, sizeof *cand))
            st = EG_ENOMEM;
        else
            cand[n_cand++] = (stated){i, body, st_key};
    }
    if (st == EG_OK && n_cand)
        st = join_stated(c, j, cand, n_cand);
    free(cand);
    eg_strbuf_release(&sb);
    eg_strbuf_release(&state);
    eg_map_free(prefixes);
    eg_map_free(of_states);
    eg_map_free(word_names);
    return st;
}

/* Rule: a body or document named without its acronym or year premodifier. */
static eg_status rule_premodifier(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *rests = eg_map_new(c->n_keys + 1);
    if (!rests)
        return EG_ENOMEM;
    eg_status st = EG_OK;
    eg_strbuf sb = EG_STRBUF_INIT;
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        const ekey *k = &c->keys[i];
        if (k->type != EG_TYPE_BODY && k->type != EG_TYPE_DOCUMENT)
            continue;
        words w;
        split_words(k->name, &w);
        /* up to two leading acronyms or years */
        size_t p = 0;
        while (p < w.n && p < 2) {
            bool year = w.len[p] >= 4 && w.w[p][0] >= '0' && w.w[p][0] <= '9';
            if (!year && !is_acronym(w.w[p], w.len[p]))
                break;
            p++;
            if (p < w.n - 1) {
                /* the rest: the normalised key minus its first p words */
                const char *rest = k->norm;
                for (size_t q = 0; q < p && rest; q++) {
                    rest = strchr(rest, ' ');
                    if (rest)
                        rest++;
                }
                if (!rest)
                    break;
                eg_strbuf_reset(&sb);
                eg_strbuf_addf(&sb, "%d\x1f%s", (int)k->type, rest);
                st = claim(rests, sb.buf, i, parent);
            }
        }
    }
    if (st == EG_OK)
        st = eg_strbuf_status(&sb);
    eg_strbuf_release(&sb);
    if (st == EG_OK)
        st = unite_seekers(c, j, rests, seek_titled_name);
    eg_map_free(rests);
    return st;
}

/* Rule: bodies whose names differ only in how they name a country. */
static eg_status rule_country_variants(eg_corpus *c, joins *j)
{
    eg_map *sigs = eg_map_new(c->n_keys + 1);
    if (!sigs)
        return EG_ENOMEM;
    eg_status st = EG_OK;
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        if (!c->keys[i].sig)
            continue;
        size_t other = eg_map_get(sigs, c->keys[i].sig);
        if (other == EG_NONE)
            st = eg_map_put(sigs, c->keys[i].sig, i);
        else
            join(j, i, other);
    }
    eg_map_free(sigs);
    return st;
}

/*
 * The words of a body's name as a sorted set, without "of", "the", "and" and
 * "affairs", when the name has three such words or more and an "of" or none:
 * "Russian Foreign Ministry" and "Russian Ministry of Foreign Affairs" both
 * give "foreign ministry russian". NULL for other names.
 */
static char *word_set(const char *norm)
{
    words w;
    split_words(norm, &w);
    const char *kept[64];
    size_t len[64], n = 0;
    for (size_t i = 0; i < w.n; i++) {
        if (word_is(&w, i, "of") || word_is(&w, i, "the") || word_is(&w, i, "and") ||
            word_is(&w, i, "affairs"))
            continue;
        kept[n] = w.w[i];
        len[n] = w.len[i];
        n++;
    }
    if (n < 3)
        return NULL;
    /* insertion sort of the words */
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0; j--) {
            size_t l = len[j - 1] < len[j] ? len[j - 1] : len[j];
            int c = strncmp(kept[j - 1], kept[j], l);
            if (c < 0 || (c == 0 && len[j - 1] <= len[j]))
                break;
            const char *t = kept[j];
            kept[j] = kept[j - 1];
            kept[j - 1] = t;
            size_t tl = len[j];
            len[j] = len[j - 1];
            len[j - 1] = tl;
        }
    }
    eg_strbuf sb = EG_STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            eg_strbuf_addc(&sb, ' ');
        eg_strbuf_add(&sb, kept[i], len[i]);
    }
    return eg_strbuf_detach(&sb, NULL);
}

/* Rule: bodies whose names have the same words in another order ("Russian
 * Foreign Ministry" = "Russian Ministry of Foreign Affairs"). */
static eg_status rule_reordered(eg_corpus *c, joins *j)
{
    eg_map *sets = eg_map_new(c->n_keys + 1);
    if (!sets)
        return EG_ENOMEM;
    eg_status st = EG_OK;
    char **keys = calloc(c->n_keys + 1, sizeof *keys);
    if (!keys) {
        eg_map_free(sets);
        return EG_ENOMEM;
    }
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        if (c->keys[i].type != EG_TYPE_BODY || !(keys[i] = word_set(c->keys[i].norm)))
            continue;
        size_t other = eg_map_get(sets, keys[i]);
        if (other == EG_NONE)
            st = eg_map_put(sets, keys[i], i);
        else
            join(j, i, other);
    }
    for (size_t i = 0; i < c->n_keys; i++)
        free(keys[i]);
    free(keys);
    eg_map_free(sets);
    return st;
}

/* A key's name with its hyphens as spaces, typed ("robert kilroy silk"). */
static bool seek_unhyphenated(const eg_corpus *c, size_t i, eg_strbuf *sb)
{
    const ekey *k = &c->keys[i];
    if (k->type == EG_TYPE_COUNTRY)
        return false;
    eg_strbuf_addf(sb, "%d\x1f", (int)k->type);
    for (const char *p = k->norm; *p; p++)
        eg_strbuf_addc(sb, *p == '-' ? ' ' : *p);
    return true;
}

/* Rule: "Robert Kilroy-Silk" and "Robert Kilroy Silk", "Coca-Cola" and
 * "Coca Cola": names that differ only in hyphens and spaces. */
static eg_status rule_hyphen_variants(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *names = eg_map_new(c->n_keys + 1);
    if (!names)
        return EG_ENOMEM;
    eg_strbuf sb = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        eg_strbuf_reset(&sb);
        if (strchr(c->keys[i].norm, '-') && seek_unhyphenated(c, i, &sb))
            st = sb.failed ? EG_ENOMEM : claim(names, sb.buf, i, parent);
    }
    eg_strbuf_release(&sb);
    if (st == EG_OK)
        st = unite_seekers(c, j, names, seek_unhyphenated);
    eg_map_free(names);
    return st;
}

/* A body named by one word. */
static bool seek_lone_body(const eg_corpus *c, size_t i, eg_strbuf *sb)
{
    return seek_one_word(c, i, sb, EG_TYPE_BODY);
}

/* Rule: "Commons" -> the one "House of Commons" (or "Chamber of ...") of the
 * corpus: a chamber named by its members. */
static eg_status rule_chamber(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *chambers = eg_map_new(64);
    if (!chambers)
        return EG_ENOMEM;
    eg_status st = EG_OK;
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        const ekey *k = &c->keys[i];
        const char *w = NULL;
        if (k->type != EG_TYPE_BODY)
            continue;
        if (strncmp(k->norm, "house of ", 9) == 0)
            w = k->norm + 9;
        else if (strncmp(k->norm, "chamber of ", 11) == 0)
            w = k->norm + 11;
        /* named for its members: a plural ("Commons", "Lords", "Deputies"),
         * not a trade ("Chamber of Commerce") */
        if (w && *w && !strchr(w, ' ') && w[strlen(w) - 1] == 's')
            st = claim(chambers, w, i, parent);
    }
    if (st == EG_OK)
        st = unite_seekers(c, j, chambers, seek_lone_body);
    eg_map_free(chambers);
    return st;
}

/* The length of the UTF-8 character that starts s. */
static size_t char_len(const char *s)
{
    unsigned char b = (unsigned char)s[0];
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    for (size_t k = 1; k < n; k++)
        if (!s[k])
            return k;
    return n;
}

/* Whether the word w[0..len) is an initial: one letter, with or without its
 * period ("r", "r."). */
static bool is_initial(const char *w, size_t len)
{
    size_t c = char_len(w);
    return c == len || (c + 1 == len && w[c] == '.');
}

/* "r croft" of a person's name of two words or more: the first given name's
 * initial and the surname. `initialled`: only for a name whose given names
 * are all initials ("K. Lunde", "J. R. Smith"); else only for one whose first
 * given name is written in full ("Kari Lunde"). */
static bool initial_and_surname(const char *norm, bool initialled, eg_strbuf *sb)
{
    const char *sp = strrchr(norm, ' ');
    if (!sp || sp == norm)
        return false;
    for (const char *w = norm; w <= sp;) {
        const char *end = strchr(w, ' ');
        bool initial = is_initial(w, (size_t)(end - w));
        if (initialled ? !initial : (w == norm && initial))
            return false;
        w = end + 1;
    }
    eg_strbuf_add(sb, norm, char_len(norm));
    eg_strbuf_addc(sb, ' ');
    eg_strbuf_adds(sb, sp + 1);
    return true;
}

/* A person named by initials and surname. */
static bool seek_initialled(const eg_corpus *c, size_t i, eg_strbuf *sb)
{
    const ekey *k = &c->keys[i];
    return k->type == EG_TYPE_PERSON && initial_and_surname(k->norm, true, sb);
}

/* Rule: "K. Lunde" -> the one person of the corpus whose given name begins
 * with K and whose surname is Lunde (sports results and lists write players
 * so, the reports around them in full). */
static eg_status rule_initialled(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *names = eg_map_new(c->n_keys + 1);
    if (!names)
        return EG_ENOMEM;
    eg_status st = EG_OK;
    eg_strbuf sb = EG_STRBUF_INIT;
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        eg_strbuf_reset(&sb);
        if (c->keys[i].type == EG_TYPE_PERSON && initial_and_surname(c->keys[i].norm, false, &sb))
            st = sb.failed ? EG_ENOMEM : claim(names, sb.buf, i, parent);
    }
    eg_strbuf_release(&sb);
    if (st == EG_OK)
        st = unite_seekers(c, j, names, seek_initialled);
    eg_map_free(names);
    return st;
}

/* Rule: a surname alone -> the one person with that surname. */
static eg_status rule_surname(eg_corpus *c, joins *j)
{
    size_t *parent = j->parent;
    eg_map *surnames = eg_map_new(c->n_keys + 1);
    if (!surnames)
        return EG_ENOMEM;
    eg_status st = EG_OK;
    eg_strbuf first = EG_STRBUF_INIT;
    /* a word that begins a person's name in the corpus is a given name
     * there ("Anna", "Jon"): alone, it may be anyone's (an initial is not) */
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        if (!first_word(&c->keys[i], &first) || (st = eg_strbuf_status(&first)) != EG_OK || first.len < 2 ||
            first.buf[first.len - 1] == '.')
            continue;
        st = eg_map_put(surnames, first.buf, AMBIGUOUS);
    }
    eg_strbuf_release(&first);
    for (size_t i = 0; i < c->n_keys && st == EG_OK; i++) {
        const ekey *k = &c->keys[i];
        const char *sp = strrchr(k->norm, ' ');
        if (k->type == EG_TYPE_PERSON && sp)
            st = claim(surnames, sp + 1, i, parent);
    }
    if (st == EG_OK)
        st = unite_seekers(c, j, surnames, seek_lone_name);
    eg_map_free(surnames);
    return st;
}

/* ---- the rules in their order ---- */

eg_status eg_rules_apply(eg_corpus *c, joins *j)
{
    eg_status st;
    if ((j->rule = "country_variant", st = rule_country_variants(c, j)) ||
        (j->rule = "surface_form", st = rule_surface_forms(c, j)) ||
        (j->rule = "hyphen_variant", st = rule_hyphen_variants(c, j)) ||
        (j->rule = "initials", st = rule_initials(c, j)) ||
        (j->rule = "head_part", st = rule_head_part(c, j)) ||
        (j->rule = "chamber", st = rule_chamber(c, j)) ||
        (j->rule = "premodifier", st = rule_premodifier(c, j)) ||
        (j->rule = "reordered", st = rule_reordered(c, j)) ||
        (j->rule = "initialled", st = rule_initialled(c, j)) ||
        (j->rule = "surname", st = rule_surname(c, j)) ||
        (j->rule = "surface_form", st = rule_surface_forms(c, j)))
        return st;
    return EG_OK;
}

/* ---- the user's merges and kept-apart pairs ---- */

/* The keys an aliases file's name stands for: those of that name, and those
 * with a surface form of that name; appended to *out (EG_ENOMEM or EG_OK). */
static eg_status add_key(size_t **out, size_t *n, size_t *cap, size_t k)
{
    for (size_t i = 0; i < *n; i++)
        if ((*out)[i] == k)
            return EG_OK;
    if (eg_grow(out, cap, *n + 1, sizeof **out))
        return EG_ENOMEM;
    (*out)[(*n)++] = k;
    return EG_OK;
}

static eg_status keys_named(const eg_corpus *c, char **form_norms, const char *norm, size_t **out,
                            size_t *n, size_t *cap)
{
    eg_status st = EG_OK;
    for (size_t k = 0; k < c->n_keys && st == EG_OK; k++)
        if (strcmp(c->keys[k].norm, norm) == 0)
            st = add_key(out, n, cap, k);
    for (size_t f = 0; f < c->n_forms && st == EG_OK; f++)
        if (strcmp(form_norms[f], norm) == 0)
            st = add_key(out, n, cap, c->forms[f].key);
    return st;
}

/* Applies the merges of the aliases file and records its kept-apart pairs
 * in j (before any rule runs); *form_norms gets the forms' normal forms. */
eg_status eg_rules_user_joins(eg_corpus *c, joins *j, char ***form_norms)
{
    const eg_aliases *a = c->aliases;
    char **norms = calloc(c->n_forms ? c->n_forms : 1, sizeof *norms);
    if (!norms)
        return EG_ENOMEM;
    *form_norms = norms;
    for (size_t f = 0; f < c->n_forms; f++)
        if (!(norms[f] = eg_normalize_dup(c->forms[f].text, strlen(c->forms[f].text))))
            return EG_ENOMEM;
    size_t n_apart = 0;
    for (size_t r = 0; r < a->n_rules; r++)
        n_apart += a->rules[r].kind == EG_ALIAS_APART;
    if (n_apart && !(j->aparts = calloc(n_apart, sizeof *j->aparts)))
        return EG_ENOMEM;
    j->rule = "aliases_file";
    for (size_t r = 0; r < a->n_rules; r++) {
        const eg_alias_rule *ru = &a->rules[r];
        if (ru->kind == EG_ALIAS_MERGE) {
            size_t *keys = NULL, n = 0, cap = 0;
            eg_status st = EG_OK;
            for (size_t i = 0; i < ru->n_names && st == EG_OK; i++)
                st = keys_named(c, norms, ru->norms[i], &keys, &n, &cap);
            for (size_t i = 1; i < n && st == EG_OK; i++)
                unite(j->parent, keys[0], keys[i]);
            for (size_t i = 0; i < n && n > 1; i++)
                if (!j->why[keys[i]]) {
                    j->why[keys[i]] = j->rule;
                    j->with[keys[i]] = keys[i ? 0 : 1];
                }
            /* a merge that found one entity did nothing */
            bool two = false;
            for (size_t i = 1; i < n && !two; i++)
                two = keys[i] != keys[0];
            c->alias_hits[r] += two ? n : 0;
            free(keys);
            if (st)
                return st;
        } else if (ru->kind == EG_ALIAS_APART) {
            apart *ap = &j->aparts[j->n_aparts++];
            size_t cap_a = 0, cap_b = 0;
            if (keys_named(c, norms, ru->norms[0], &ap->a, &ap->n_a, &cap_a) ||
                keys_named(c, norms, ru->norms[1], &ap->b, &ap->n_b, &cap_b))
                return EG_ENOMEM;
            c->alias_hits[r] += ap->n_a && ap->n_b ? ap->n_a + ap->n_b : 0;
        }
    }
    return EG_OK;
}

