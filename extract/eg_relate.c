#include "eg_relate.h"
#include "eg_relate_impl.h"

#include <stdlib.h>
#include <string.h>

void eg_links_init(eg_links *links)
{
    links->v = NULL;
    links->n = links->cap = 0;
    links->facts = NULL;
    links->n_facts = links->cap_facts = 0;
}

void eg_links_release(eg_links *links)
{
    if (!links)
        return;
    free(links->v);
    free(links->facts);
    eg_links_init(links);
}

static bool is_target(const rel *r, size_t c)
{
    return kind_is(r, c, EG_CHUNK_BODY) || kind_is(r, c, EG_CHUNK_COUNTRY);
}

/* Appends the decimal digits of v at p; returns the end. */
static char *put_decimal(char *p, size_t v)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = digits[--n];
    return p;
}

/* "kind,source,target,sentence", the key of a link in r->seen, written by
 * hand: formatting it with snprintf cost more than the rest of add_link. */
static void link_key(char key[4 * 24], eg_relation_kind kind, size_t src, size_t tgt,
                     size_t sentence)
{
    char *p = put_decimal(key, (size_t)kind);
    *p++ = ',';
    p = put_decimal(p, src);
    *p++ = ',';
    p = put_decimal(p, tgt);
    *p++ = ',';
    p = put_decimal(p, sentence);
    *p = '\0';
}

static void add_link_seats(rel *r, eg_relation_kind kind, size_t src, size_t tgt, size_t title,
                           size_t title_last, size_t sentence, int seats)
{
    char key[4 * 24];
    link_key(key, kind, src, tgt, sentence);
    if (eg_map_get(r->seen, key) != EG_NONE)
        return;
    if (eg_grow(&r->out->v, &r->out->cap, r->out->n + 1, sizeof *r->out->v) ||
        eg_map_put(r->seen, key, r->out->n) != EG_OK) {
        r->oom = true;
        return;
    }
    r->out->v[r->out->n++] = (eg_link){kind, src, tgt, title, title_last, 0, 0, sentence, seats};
}

/* A role whose title is the words [a, b) rather than a title chunk. */
static void add_role_words(rel *r, size_t src, size_t tgt, size_t a, size_t b, size_t sentence)
{
    size_t before = r->out->n;
    add_link_seats(r, EG_REL_ROLE, src, tgt, EG_NONE, EG_NONE, sentence, -1);
    if (r->out->n > before) {
        r->out->v[before].word = a;
        r->out->v[before].word_end = b;
    }
}

void rel_add_link(rel *r, eg_relation_kind kind, size_t src, size_t tgt, size_t title,
                     size_t title_last, size_t sentence)
{
    add_link_seats(r, kind, src, tgt, title, title_last, sentence, -1);
}

/* The state the document is about: the one its names and demonyms mention
 * most, at least twice and more often than any other; a visible chunk of it,
 * or EG_NONE (also when it is only ever a demonym). */
static size_t home_state(rel *r)
{
    eg_map *slot_of = eg_map_new(16);                          /* state's name -> its slot */
    size_t *count = calloc(r->chunks->n + 1, sizeof *count);   /* by slot */
    size_t *visible = malloc((r->chunks->n + 1) * sizeof *visible); /* a visible chunk of it */
    size_t n_slots = 0, best = EG_NONE, best_n = 0, second_n = 0;
    if (!slot_of || !count || !visible) {
        r->oom = true;
        goto done;
    }
    /* names and demonyms alike ("Venezuelan"), but the state must be named */
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        if (x->kind != EG_CHUNK_COUNTRY || !x->name || (x->flags & EG_CHUNK_GENERIC))
            continue;
        size_t k = eg_map_get_or_put(slot_of, x->name, n_slots);
        if (k == EG_NONE) {
            r->oom = true;
            goto done;
        }
        if (k == n_slots)
            visible[n_slots++] = EG_NONE;
        count[k]++;
        if (visible[k] == EG_NONE && x->parent == EG_NONE && !(x->flags & EG_CHUNK_HIDDEN))
            visible[k] = c;
    }
    for (size_t k = 0; k < n_slots; k++) {
        if (count[k] > best_n) {
            second_n = best_n;
            best_n = count[k];
            best = visible[k];
        } else if (count[k] > second_n) {
            second_n = count[k];
        }
    }
    if (best_n < 2 || best_n == second_n)
        best = EG_NONE;
done:
    eg_map_free(slot_of);
    free(count);
    free(visible);
    return best;
}

typedef struct role_phrase {
    size_t title, title_last; /* chunk indexes */
    size_t target;            /* chunk index or EG_NONE */
    size_t unit_of;           /* the body a unit target is part of ("IMF" of "the IMF's
                                 European Department"), or EG_NONE */
    size_t end;               /* token after the phrase */
} role_phrase;

/* One role phrase at token k: "[the] T [prep [the] X]", "X T", "X 's T". */
/* Words that may open a role phrase: "the", "a", "another", "its"... */
static bool determiner(const rel *r, size_t i)
{
    static const char *const words[] = {"the", "a", "an", "another", "its", "his", "her",
                                        "their", "our", "one"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (is_word(r, i, words[k]))
            return true;
    return false;
}

/* A lower-case title modifier not part of a title chunk: "senior" in "a senior
 * Defense Ministry official". */
static bool loose_modifier(const rel *r, size_t i)
{
    /* "under" modifies "secretary" ("under secretary of state"); before
     * another title it is the preposition ("the agency under President P") */
    if (is_word(r, i, "under") && !is_word(r, i + 1, "secretary") && !is_word(r, i + 1, "secretary-general"))
        return false;
    return i < r->toks->n && r->toks->v[i].kind == EG_TOK_WORD &&
           (r->toks->v[i].flags & EG_TOK_LOWER) && chunk_at(r, i) == EG_NONE &&
           (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, i)) & EG_LEX_TITLE_MOD);
}

/* Whether token i is an honorific ("Professor", "Mr"), which may precede an agent. */
static bool honorific(const rel *r, size_t i)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD)
        return false;
    return (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, i)) & EG_LEX_HONORIFIC) != 0;
}


/* A lower-case word that may describe a title: "seismic analyst", "financial
 * spokesman" (not a function word, not itself in a chunk). */
bool rel_describing_word(const rel *r, size_t i)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD || !(r->toks->v[i].flags & EG_TOK_LOWER) ||
        chunk_at(r, i) != EG_NONE)
        return false;
    eg_lex_classes c = eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, i));
    return !(c & (EG_LEX_FUNCTION | EG_LEX_PERSON_VERB | EG_LEX_DOC_VERB));
}


/* The body "the company", "the agency", "a company" at token k (the noun
 * there, its article before k) stands for: the nearest body named before it
 * in its sentence or the one before, one whose name ends in that noun
 * ("the fleet": "Pacific Fleet") first. EG_NONE when the word is no such
 * noun or nothing is named. */
static size_t body_referred(const rel *r, size_t k)
{
    if (!rel_org_noun(r, k))
        return EG_NONE;
    size_t sentence = r->toks->v[k].sentence, nearest = EG_NONE;
    const char *noun = eg_tok_norm(r->toks, k);
    for (size_t i = k; i-- > 0 && r->toks->v[i].sentence + 1 >= sentence;) {
        size_t c = chunk_at(r, i);
        if (!kind_is(r, c, EG_CHUNK_BODY))
            continue;
        if (strcmp(eg_tok_norm(r->toks, chunk(r, c)->last - 1), noun) == 0)
            return c;
        if (nearest == EG_NONE)
            nearest = c;
    }
    return nearest;
}

/* The body a post at token t belongs to when a generic noun names it right
 * before: "the company's administrator", "a company official". EG_NONE if
 * none. */
static size_t body_before_title(const rel *r, size_t t)
{
    /* past up to two describing words: "the company's senior duty officer" */
    for (size_t d = 0; d <= 2; d++) {
        if (t >= 3 && (r->toks->v[t - 1].flags & EG_TOK_POSSESSIVE) && is_word(r, t - 3, "the"))
            return body_referred(r, t - 2);
        if (t >= 2 && (is_word(r, t - 2, "a") || is_word(r, t - 2, "an")))
            return body_referred(r, t - 1);
        if (t == 0 || !(rel_describing_word(r, t - 1) || loose_modifier(r, t - 1)))
            break;
        t--;
    }
    return EG_NONE;
}

static bool demonym_word(const rel *r, size_t i);

/* The nearest body named before token k, in its sentence or the one
 * before: what "its" at k stands for ("Vexa and its leader Ann Lie").
 * EG_NONE if none. */
static size_t body_before(const rel *r, size_t k)
{
    size_t sentence = r->toks->v[k].sentence;
    for (size_t i = k; i-- > 0 && r->toks->v[i].sentence + 1 >= sentence;) {
        size_t c = chunk_at(r, i);
        if (kind_is(r, c, EG_CHUNK_BODY))
            return c;
        if (kind_is(r, c, EG_CHUNK_PERSON))
            return EG_NONE;
    }
    return EG_NONE;
}

static bool parse_rp(const rel *r, size_t k, role_phrase *rp)
{
    rp->unit_of = EG_NONE;
    size_t its = is_word(r, k, "its") ? k : EG_NONE;
    if (determiner(r, k))
        k++;
    while (loose_modifier(r, k))
        k++;
    /* "a Norwegian politician for B", "the Norwegian foreign minister": a
     * demonym describes the post, and gives a post in a state's government
     * its state */
    size_t demonym = k, demonym_state = EG_NONE;
    while (demonym < k + 2 && demonym_word(r, demonym)) {
        if (r->state_at[demonym] != EG_NONE)
            demonym_state = r->state_at[demonym];
        demonym++;
    }
    if (demonym > k && kind_is(r, chunk_at(r, demonym), EG_CHUNK_TITLE))
        k = demonym;
    else
        demonym_state = EG_NONE;
    /* up to two describing words right before a title */
    for (size_t d = 1; d <= 2; d++) {
        bool all = true;
        for (size_t q = k; q < k + d && all; q++)
            all = rel_describing_word(r, q);
        if (all && kind_is(r, chunk_at(r, k + d), EG_CHUNK_TITLE)) {
            k += d;
            break;
        }
    }
    size_t c = chunk_at(r, k);
    if (kind_is(r, c, EG_CHUNK_TITLE)) {
        rp->title = rp->title_last = c;
        rp->target = body_before_title(r, chunk(r, c)->first);
        rp->end = chunk(r, c)->last;
        size_t j = rp->end;
        /* "a professor of political science at Queens College": a field in
         * lower case between the title and the body */
        if (is_word(r, j, "of")) {
            size_t q = j + 1;
            while (q < j + 5 && q < r->toks->n && r->toks->v[q].kind == EG_TOK_WORD &&
                   (r->toks->v[q].flags & EG_TOK_LOWER) && !is_word(r, q, "the") &&
                   !is_word(r, q, "at") && !is_word(r, q, "for") && !is_word(r, q, "with") &&
                   !is_word(r, q, "in"))
                q++;
            if (q > j + 1 && (is_word(r, q, "at") || is_word(r, q, "for") || is_word(r, q, "with") ||
                              is_word(r, q, "in")))
                j = q;
        }
        if (is_word(r, j, "of") || is_word(r, j, "at") || is_word(r, j, "for") ||
            is_word(r, j, "to") || is_word(r, j, "in") || is_word(r, j, "with")) {
            j++;
            if (is_word(r, j, "the"))
                j++;
            /* "of the state Republican Party": a word in lower case before the name */
            if (!is_target(r, chunk_at(r, j)) && rel_describing_word(r, j) && is_target(r, chunk_at(r, j + 1)))
                j++;
            size_t x = chunk_at(r, j);
            /* "a spokeswoman for the agency": the body named before */
            size_t referred = is_target(r, x) || !is_word(r, j - 1, "the") ? EG_NONE : body_referred(r, j);
            if (referred != EG_NONE) {
                rp->target = referred;
                rp->end = j + 1;
            } else if (is_target(r, x)) {
                rp->target = x;
                rp->end = chunk(r, x)->last;
                /* "administrator of the Agency's Food Safety Service": the post
                 * is in the unit, which is part of the body before it */
                size_t q = rp->end;
                if (q < r->toks->n && (r->toks->v[q].flags & EG_TOK_POSSESSIVE)) {
                    q++;
                    size_t u = chunk_at(r, q);
                    if (kind_is(r, u, EG_CHUNK_BODY) && !(chunk(r, u)->flags & EG_CHUNK_GENERIC)) {
                        rp->unit_of = x;
                        rp->target = u;
                        rp->end = chunk(r, u)->last;
                    }
                }
            } else {
                /* "spokesman for reform": a phrase in lower case, then maybe
                 * more; "chairman of the largest opposition party, the Vexa
                 * Party": the body named in apposition to the phrase */
                size_t q = j;
                while (q < j + 4 && rel_describing_word(r, q))
                    q++;
                size_t named = q > j && rel_org_noun(r, q - 1) && is_punct(r, q, ",") ? rel_body_at(r, q + 1) : EG_NONE;
                if (named != EG_NONE) {
                    rp->target = named;
                    rp->end = chunk(r, named)->last;
                } else if (q > j && (is_punct(r, q, ",") || is_word(r, q, "and"))) {
                    rp->end = q;
                }
            }
        }
        /* "Vexa and its leader Ann Lie" */
        if (rp->target == EG_NONE && its != EG_NONE && rp->end == chunk(r, c)->last)
            rp->target = body_before(r, its);
        if (rp->target == EG_NONE && demonym_state != EG_NONE && rp->end == chunk(r, c)->last &&
            (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, rp->end - 1)) & EG_LEX_STATE_POST))
            rp->target = demonym_state;
        return true;
    }
    if (is_target(r, c)) {
        size_t j = chunk(r, c)->last;
        /* "CHP (Republican People's Party) leader Deniz Baykal" */
        if (is_punct(r, j, "(")) {
            size_t q = j + 1;
            while (q < j + 10 && q < r->toks->n && !is_punct(r, q, ")"))
                q++;
            if (is_punct(r, q, ")"))
                j = q + 1;
        }
        if (j < r->toks->n && (r->toks->v[j].flags & EG_TOK_POSSESSIVE))
            j++;
        /* "Vexa operations manager": up to two describing words between */
        size_t t = chunk_at(r, j);
        for (size_t d = 1; d <= 2 && !kind_is(r, t, EG_CHUNK_TITLE) && rel_describing_word(r, j + d - 1); d++)
            t = chunk_at(r, j + d);
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
            rps[n - 1].unit_of = rps[n].unit_of;
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

static size_t state_post_home(const rel *r, const role_phrase *rp);

/* A title in the plural ("chief executives", "ministers"): a group's. */
static bool plural_title(const rel *r, size_t t)
{
    return t != EG_NONE && (chunk(r, t)->flags & EG_CHUNK_PLURAL);
}

/* The roles of a list of role phrases; a post in a state's government with
 * no target is held in the document's state ("Ann Lie, the prime minister,");
 * a post in a unit of a body is also one in the body ("director of the
 * IMF's European Department" works for the IMF too), the unit keeping its
 * own node and its part_of link. */
static void emit_roles(rel *r, size_t person, const role_phrase *rps, size_t n, size_t sentence, bool group)
{
    for (size_t i = 0; i < n; i++) {
        /* a title in the plural is a group's: "Ann Lie, the minister, and the
         * party's deputies" makes her no deputy */
        if (!group && plural_title(r, rps[i].title_last))
            continue;
        size_t target = rps[i].target != EG_NONE ? rps[i].target : state_post_home(r, &rps[i]);
        if (target != EG_NONE)
            rel_add_link(r, EG_REL_ROLE, person, target, rps[i].title, rps[i].title_last, sentence);
        if (target != EG_NONE && rps[i].unit_of != EG_NONE)
            rel_add_link(r, EG_REL_ROLE, person, rps[i].unit_of, rps[i].title, rps[i].title_last, sentence);
    }
}

static bool word_in(const rel *r, size_t i, const char *const *words)
{
    for (size_t k = 0; words[k]; k++)
        if (is_word(r, i, words[k]))
            return true;
    return false;
}

/* Verbs of working for a body, which follows a preposition ("taught at",
 * "works for", "reports for") or comes straight after ("joined Reuters",
 * "headed the Centers for Disease Control", "owned the bank"). */
static const char *const work_verbs_prep[] = {"work",   "works",   "worked",  "working", "teach",
                                              "teaches", "taught", "writes",  "wrote",   "reports",
                                              "reported", "plays",  "played",  "signed",  "signs",
                                              NULL};
/* (Leaving a body was a role there: "the drummer left the band in 1981".) */
static const char *const work_verbs_direct[] = {"joined", "joins",   "heads",   "headed",   "leads",
                                                "led",    "chairs",  "chaired", "directs",  "directed",
                                                "founded", "owns",   "owned",   "manages",  "managed",
                                                "rejoined", "left",  "quit",    NULL};

/* Verbs of standing for a party, before "as" and the party: "P was
 * elected as a Liberal", "P ran as a Republican". */
static const char *const stand_verbs[] = {"elected", "re-elected", "reelected", "ran", "runs", "stood",
                                          "stands",  "sat",        "sits",      "served", "serves", NULL};

/* Verbs that give a person a post: "B named P chief executive", "P was
 * appointed head of B". */
static const char *const appoint_verbs[] = {"named", "appointed", "elected", "hired", "made",
                                            "promoted", "nominated", NULL};

/* Verbs of holding a post, before "as" and the post: "P reigned as King of
 * Romania", "P worked as an analyst at B". (Not "known as", "cast as",
 * "described as": those name no post.) */
static const char *const post_verbs[] = {"reigned", "reigns",   "ruled",     "rules",    "worked",
                                         "works",   "acted",    "acts",      "continued", "continues",
                                         "returned", "returns", "sat",       "sits",     NULL};

/* Verbs of founding, in the passive: "B, founded by P", "B is a label
 * started by P in 1990". */
static const char *const founding_verbs[] = {"founded", "co-founded", "cofounded", "formed", "established",
                                             "started", "created",    NULL};

/* The title of "as [its] TITLE" at token k ("joined B as finance director"),
 * with *title_last; EG_NONE when there is none. */
static size_t as_title(const rel *r, size_t k, size_t *title_last)
{
    if (!is_word(r, k, "as"))
        return EG_NONE;
    role_phrase rp;
    if (!parse_rp(r, k + 1, &rp) || rp.target != EG_NONE)
        return EG_NONE;
    *title_last = rp.title_last;
    return rp.title;
}

/* "Tomas Berg taught at Uppsala University", "Higgins, who works at the
 * Pentagon", "Smith joined Reuters", "Warner, 70, who owned the bank": the
 * person at chunk c, with the verb phrase from token k. */
static void work_verbs(rel *r, size_t c, size_t k, size_t sentence)
{
    static const char *const adverbs[] = {"also", "later", "then", "once", "still", "currently",
                                          "previously", "formerly", "now", NULL};
    for (;;) {
        size_t v = k;
        if (is_word(r, v, "who"))
            v++;
        if (word_in(r, v, adverbs))
            v++;
        size_t b = EG_NONE;
        /* "P was elected as a Liberal to the Storting": the party is the body */
        size_t sv = is_word(r, v, "was") || is_word(r, v, "is") || is_word(r, v, "were") ? v + 1 : v;
        if (word_in(r, sv, stand_verbs) && is_word(r, sv + 1, "as")) {
            size_t q = sv + 2 + (is_word(r, sv + 2, "a") || is_word(r, sv + 2, "an"));
            size_t p = chunk_at(r, q);
            if (kind_is(r, p, EG_CHUNK_BODY) && chunk(r, p)->first == q)
                rel_add_link(r, EG_REL_ROLE, c, p, EG_NONE, EG_NONE, sentence);
            return;
        }
        if (word_in(r, v, work_verbs_direct)) {
            b = rel_body_at(r, v + 1);
            size_t title_last = EG_NONE, title = b == EG_NONE ? EG_NONE : as_title(r, chunk(r, b)->last, &title_last);
            if (title != EG_NONE) {
                rel_add_link(r, EG_REL_ROLE, c, b, title, title_last, sentence);
                return;
            }
        } else if (word_in(r, v, work_verbs_prep)) {
            size_t q = v + 1;
            while (q < v + 3 && q < r->toks->n && r->toks->v[q].kind == EG_TOK_WORD &&
                   (r->toks->v[q].flags & EG_TOK_LOWER) && !is_word(r, q, "at") && !is_word(r, q, "for"))
                q++;
            if (is_word(r, q, "at") || is_word(r, q, "for"))
                b = rel_body_at(r, q + 1);
            /* "taught at Uppsala University and the Norwegian Business School":
             * every body of the list */
            size_t j = EG_NONE;
            while (b != EG_NONE) {
                rel_add_link(r, EG_REL_ROLE, c, b, EG_NONE, EG_NONE, sentence);
                j = chunk(r, b)->last;
                if (is_punct(r, j, ",") && is_word(r, j + 1, "and"))
                    j++;
                b = is_punct(r, j, ",") || is_word(r, j, "and") ? rel_body_at(r, j + 1) : EG_NONE;
            }
            /* "teaches at B and previously taught at C": the next verb phrase
             * is the same person's (a loop, not a call: a sentence may chain
             * any number of them) */
            if (j != EG_NONE && is_word(r, j, "and") && j + 1 < r->toks->n) {
                k = j + 1;
                continue;
            }
            return;
        }
        if (b != EG_NONE)
            rel_add_link(r, EG_REL_ROLE, c, b, EG_NONE, EG_NONE, sentence);
        return;
    }
}

/* "Vexa named Ola Berg as its chief executive", "Vexa appointed Ola Berg
 * chairman": a post given by the body. */
static void appointed_by(rel *r, size_t b, size_t sentence)
{
    size_t v = chunk(r, b)->last;
    if (is_word(r, v, "has") || is_word(r, v, "have"))
        v++;
    if (!word_in(r, v, appoint_verbs))
        return;
    size_t p = chunk_at(r, v + 1);
    if (!kind_is(r, p, EG_CHUNK_PERSON) || chunk(r, p)->first != v + 1)
        return;
    size_t q = chunk(r, p)->last, title_last = EG_NONE, title;
    if (is_word(r, q, "as")) {
        title = as_title(r, q, &title_last);
    } else {
        role_phrase rp;
        if (!parse_rp(r, q, &rp) || rp.target != EG_NONE)
            return;
        title = rp.title;
        title_last = rp.title_last;
    }
    if (title != EG_NONE)
        rel_add_link(r, EG_REL_ROLE, p, b, title, title_last, sentence);
}

/* "the Mediterranean Foundation headed by Juan Novara": the passive of a
 * verb of leading, after the body. */
static void led_by(rel *r, size_t b, size_t sentence)
{
    size_t v = chunk(r, b)->last;
    if (is_punct(r, v, ","))
        v++;
    if (!word_in(r, v, work_verbs_direct) || !is_word(r, v + 1, "by"))
        return;
    size_t p = chunk_at(r, v + 2);
    if (kind_is(r, p, EG_CHUNK_PERSON))
        rel_add_link(r, EG_REL_ROLE, p, b, EG_NONE, EG_NONE, sentence);
}

/* "Sappy Records is a record label based in Sackville, started by Julie
 * Doiron in 1990", "The Swingles are a group formed in 1962 in Paris by
 * Ward Swingle": a verb of founding in the passive, with its founder after
 * "by" (past a date or a place), in a sentence whose subject is the body
 * and that names no other before the verb. The founder's role has no
 * title: the text names none. */
/* A word for what a person does, in lower case, before the person's name:
 * "guitarist", "producer" (an occupation, or a post the rules did not take
 * as a title chunk). */
static bool occupation_word(const rel *r, size_t i)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD || !(r->toks->v[i].flags & EG_TOK_LOWER))
        return false;
    if (kind_is(r, chunk_at(r, i), EG_CHUNK_TITLE))
        return chunk(r, chunk_at(r, i))->last == i + 1;
    return chunk_at(r, i) == EG_NONE &&
           (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, i)) & (EG_LEX_OCCUPATION | EG_LEX_TITLE));
}

static void founded_by(rel *r, size_t b, size_t sentence)
{
    const eg_chunk *x = chunk(r, b);
    size_t first = x->first;
    if (first > 0 && is_word(r, first - 1, "the"))
        first--;
    /* the body the sentence is about, or one the verb follows: "the Vexa
     * Party, founded by ..." */
    size_t right_after = x->last + is_punct(r, x->last, ",");
    if (!(r->toks->v[first].flags & EG_TOK_SENT_START) && !word_in(r, right_after, founding_verbs))
        return;
    for (size_t v = x->last; v < r->toks->n && r->toks->v[v].sentence == sentence; v++) {
        size_t y = chunk_at(r, v);
        if (y != EG_NONE && (kind_is(r, y, EG_CHUNK_BODY) || kind_is(r, y, EG_CHUNK_PERSON)))
            return;
        if (!word_in(r, v, founding_verbs))
            continue;
        /* "by" within a few words: "formed in 1962 in Paris, France by" */
        for (size_t q = v + 1; q < v + 10 && q < r->toks->n && r->toks->v[q].sentence == sentence; q++) {
            if (is_word(r, q, "by")) {
                /* "by guitarist Ann Lie and bassist Bo Berg": each founder */
                for (size_t i = q + 1, n_list = 0; n_list < MAX_RPS; n_list++) {
                    /* "by the then president P", "by its former chairman P" */
                    if (n_list == 0 && (is_word(r, i, "the") || is_word(r, i, "its")))
                        i++;
                    if (n_list == 0 && (is_word(r, i, "former") || is_word(r, i, "then") || is_word(r, i, "late")))
                        i++;
                    if (kind_is(r, chunk_at(r, i), EG_CHUNK_TITLE))
                        i = chunk(r, chunk_at(r, i))->last;
                    else if (occupation_word(r, i))
                        i++;
                    size_t p = chunk_at(r, i);
                    if (!kind_is(r, p, EG_CHUNK_PERSON))
                        break;
                    rel_add_link(r, EG_REL_ROLE, p, b, EG_NONE, EG_NONE, sentence);
                    i = chunk(r, p)->last;
                    if (is_punct(r, i, ",") && is_word(r, i + 1, "and"))
                        i++;
                    if (!is_punct(r, i, ",") && !is_word(r, i, "and"))
                        break;
                    i++;
                }
                return;
            }
            size_t z = chunk_at(r, q);
            if (z != EG_NONE && !kind_is(r, z, EG_CHUNK_COUNTRY) && !(chunk(r, z)->flags & EG_CHUNK_PLACE))
                return;
            if (r->toks->v[q].kind == EG_TOK_WORD && (r->toks->v[q].flags & EG_TOK_LOWER) &&
                !is_word(r, q, "in") && !is_word(r, q, "at"))
                return;
        }
        return;
    }
}

/* "Tory Liam Fox", "Democrat Ann Lie": an organisation the lexicon
 * knows, named by one word (a party, mostly) right before a person's name,
 * is the person's. */
static void party_before_person(rel *r, size_t b, size_t sentence)
{
    const eg_chunk *x = chunk(r, b);
    if (x->org < 0 || x->last - x->first != 1 || (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)))
        return;
    size_t p = chunk_at(r, x->last);
    if (kind_is(r, p, EG_CHUNK_PERSON) && r->toks->v[x->last].line == r->toks->v[x->first].line)
        rel_add_link(r, EG_REL_ROLE, p, b, EG_NONE, EG_NONE, sentence);
}

/* "Happy Mondays dancer Bez", "BBC presenter Ann Lee": a body, an
 * occupation no title lexicon lists (occupations.txt), and the person: the
 * occupation is practised in the body, and is the role's title. */
static void occupation_before(rel *r, size_t b, size_t sentence)
{
    size_t j = chunk(r, b)->last;
    if (j < r->toks->n && (r->toks->v[j].flags & EG_TOK_POSSESSIVE))
        j++;
    if (j >= r->toks->n || r->toks->v[j].kind != EG_TOK_WORD || !(r->toks->v[j].flags & EG_TOK_LOWER) ||
        chunk_at(r, j) != EG_NONE ||
        !(eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, j)) & EG_LEX_OCCUPATION))
        return;
    size_t p = chunk_at(r, j + 1);
    if (kind_is(r, p, EG_CHUNK_PERSON))
        add_role_words(r, p, b, j, j + 1, sentence);
}

/* "David Pimentel, an ecologist and entomologist at Cornell University",
 * "Gary Heichel, a plant physiologist with the USDA": an occupation no
 * lexicon lists, then where it is practised. */
/* A demonym at token i that names no entity of its own: one standing for
 * its state, or one no name holds ("a Norwegian politician"). */
static bool demonym_word(const rel *r, size_t i)
{
    if (i >= r->toks->n)
        return false;
    if (r->state_at[i] != EG_NONE)
        return true;
    return chunk_at(r, i) == EG_NONE && r->toks->v[i].kind == EG_TOK_WORD &&
           (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, i)) & EG_LEX_DEMONYM);
}

static size_t body_after_kind(const rel *r, size_t i);

static void occupation_at(rel *r, size_t person, size_t k, size_t sentence)
{

    if (!is_word(r, k, "a") && !is_word(r, k, "an") && !is_word(r, k, "the"))
        return;
    size_t q = k + 1, words = 0;
    /* "an ecologist and entomologist", "a Norwegian politician" */
    while (q < k + 7 && (rel_describing_word(r, q) || is_word(r, q, "and") || demonym_word(r, q))) {
        if (is_word(r, q, "at") || is_word(r, q, "with") || is_word(r, q, "for") || is_word(r, q, "of"))
            break;
        words += !is_word(r, q, "and");
        q++;
    }
    /* "the guitarist of the band Vexa": "of" only after an occupation (a
     * graduate or a native of a place is none) */
    bool of = is_word(r, q, "of") && (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, q - 1)) & EG_LEX_OCCUPATION);
    if (!words || !(is_word(r, q, "at") || is_word(r, q, "with") || is_word(r, q, "for") || of))
        return;
    size_t b = rel_body_at(r, q + 1);
    /* "a guitarist with the Norwegian band Vexa" */
    if (b == EG_NONE)
        b = body_after_kind(r, q + 1);
    if (b != EG_NONE)
        rel_add_link(r, EG_REL_ROLE, person, b, EG_NONE, EG_NONE, sentence);
}

/* The post of a role phrase without a target, when it is a post in a
 * state's government ("President Hugo Chavez", "Agriculture minister Ana
 * Ruiz"): the document's state holds it. */
static size_t state_post_home(const rel *r, const role_phrase *rp)
{
    if (r->home == EG_NONE || rp->target != EG_NONE)
        return EG_NONE;
    size_t last = chunk(r, rp->title_last)->last - 1;
    /* not when a complement was there but named nothing ("president of
     * the club"): the post is the complement's */
    if (is_word(r, last + 1, "of") || is_word(r, last + 1, "at") || is_word(r, last + 1, "for"))
        return EG_NONE;
    /* nor when another state is named right before the post ("Sweden's
     * Foreign Minister", "Danish Farm Minister" in a document mostly about
     * another): the post is more likely that state's */
    size_t first = chunk(r, rp->title)->first;
    const char *home = chunk(r, r->home)->name;
    for (size_t k = 1; k <= 3 && k <= first && r->toks->v[first - k].sentence == r->toks->v[first].sentence; k++) {
        size_t s = r->state_at[first - k];
        if (s == EG_NONE && kind_is(r, chunk_at(r, first - k), EG_CHUNK_COUNTRY))
            s = chunk_at(r, first - k);
        if (s != EG_NONE && chunk(r, s)->name && home && strcmp(chunk(r, s)->name, home) != 0)
            return EG_NONE;
    }
    return (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, last)) & EG_LEX_STATE_POST) ? r->home : EG_NONE;
}

/* The state a demonym names right before the post at token t, past up to
 * two lower-case words ("Iraqi interim leader"); EG_NONE when none. */
static size_t state_before(const rel *r, size_t t)
{
    for (size_t k = 1; k <= 3 && k <= t; k++) {
        if (r->state_at[t - k] != EG_NONE)
            return r->state_at[t - k];
        const eg_token *w = &r->toks->v[t - k];
        if (w->kind != EG_TOK_WORD || !(w->flags & EG_TOK_LOWER))
            return EG_NONE;
    }
    return EG_NONE;
}

/* Whether token i is a quotation mark. */
static bool quote_mark(const rel *r, size_t i)
{
    return is_punct(r, i, "\"") || is_punct(r, i, "\xE2\x80\x9C") || is_punct(r, i, "\xE2\x80\x9D");
}

/* Whether a noun phrase ends before token i: at a mark or a verb of saying
 * ("said the Vexa striker.", "the Oslo coach added"), not before another
 * noun ("the Agency's official website"). */
static bool noun_phrase_ends(const rel *r, size_t i)
{
    if (i >= r->toks->n || r->toks->v[i].kind == EG_TOK_PUNCT)
        return !is_punct(r, i, "'") && !is_dash(r, i);
    return (r->toks->v[i].flags & EG_TOK_LOWER) &&
           (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, i)) & EG_LEX_PERSON_VERB);
}

/* The person "the BODY TITLE" at token k most likely stands for, when no name
 * follows it ("said the Vexa spokesman", "the Oslo coach added"): the last
 * person named before it in its sentence outside quotation marks, else the
 * first person named outside them in the sentence before. EG_NONE if none. */
static size_t described_person(const rel *r, size_t k)
{
    size_t sentence = r->toks->v[k].sentence, first = k;
    while (first > 0 && r->toks->v[first - 1].sentence == sentence)
        first--;
    size_t found = EG_NONE;
    bool quoted = false;
    for (size_t i = first; i < k; i++) {
        if (quote_mark(r, i))
            quoted = !quoted;
        else if (!quoted && kind_is(r, chunk_at(r, i), EG_CHUNK_PERSON))
            found = chunk_at(r, i);
    }
    if (found != EG_NONE || sentence == 0 || first == 0)
        return found;
    size_t prev = first;
    while (prev > 0 && r->toks->v[prev - 1].sentence == sentence - 1)
        prev--;
    quoted = false;
    for (size_t i = prev; i < first; i++) {
        if (quote_mark(r, i))
            quoted = !quoted;
        else if (!quoted && kind_is(r, chunk_at(r, i), EG_CHUNK_PERSON))
            return chunk_at(r, i);
    }
    return EG_NONE;
}

/* The body after a place's possessive at token i: "of Oslo's Vexa
 * Institute". EG_NONE if none. */
size_t rel_body_after_place(const rel *r, size_t i)
{
    if (is_word(r, i, "the"))
        i++;
    size_t c = chunk_at(r, i);
    if (c == EG_NONE || !(kind_is(r, c, EG_CHUNK_COUNTRY) || (chunk(r, c)->flags & EG_CHUNK_PLACE)))
        return EG_NONE;
    size_t j = chunk(r, c)->last;
    return j < r->toks->n && (r->toks->v[j].flags & EG_TOK_POSSESSIVE) ? rel_body_at(r, j + 1) : EG_NONE;
}

/* The body named after a kind of organisation at token i: "the Swedish
 * punk band Vexa", "the law firm Vexa & Co" (a demonym and a few words that
 * describe the kind before it). EG_NONE if none. */
static size_t body_after_kind(const rel *r, size_t i)
{
    if (is_word(r, i, "the") || is_word(r, i, "a") || is_word(r, i, "an"))
        i++;
    for (size_t q = i; q < i + KIND_REACH && q < r->toks->n; q++) {
        if (rel_org_noun(r, q)) {
            size_t b = chunk_at(r, q + 1);
            if (kind_is(r, b, EG_CHUNK_BODY))
                return b;
        }
        if (!(rel_describing_word(r, q) || is_punct(r, q, "/") || r->state_at[q] != EG_NONE))
            return EG_NONE;
    }
    return EG_NONE;
}

/* The roles stated after a reference to the person at chunk c, the
 * reference ending at token j: the person's name, or a pronoun standing for
 * it (then only the verb phrases: "He was a member of B", "She joined B"). */
/* The token after the aside in parentheses that opens at token j, when it
 * closes within its sentence and a few words; else j. */
static size_t after_aside(const rel *r, size_t j)
{
    for (size_t q = j + 1; q < j + 40 && q < r->toks->n && r->toks->v[q].sentence == r->toks->v[j].sentence; q++)
        if (is_punct(r, q, ")"))
            return q + 1;
    return j;
}

/* A regnal number at token i: "V", "XIV" (roman numerals, capitals). */
static bool regnal_number(const rel *r, size_t i)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD)
        return false;
    size_t a = r->toks->v[i].start, b = r->toks->v[i].end;
    if (b - a > 6)
        return false;
    for (size_t k = a; k < b; k++)
        if (!strchr("IVXL", r->text[k]))
            return false;
    return b > a;
}

static void person_roles(rel *r, size_t c, size_t j, size_t sentence, bool pronoun)
{
    role_phrase rps[MAX_RPS];
    size_t end;
    /* "Cheek, 53, ...": an age in apposition is skipped */
    if (is_punct(r, j, ",") && j + 2 < r->toks->n && r->toks->v[j + 1].kind == EG_TOK_NUMBER &&
        is_punct(r, j + 2, ","))
        j += 2;
    /* P , RP-list   and   P ( RP-list ) */
    if (!pronoun && (is_punct(r, j, ",") || is_punct(r, j, "("))) {
        size_t n = parse_rp_list(r, j + 1, rps, &end);
        /* "President Vestby, Minister of Finance of Norway Kari
         * Lunde": a list's next title is the next name's */
        if (n && kind_is(r, chunk_at(r, end), EG_CHUNK_PERSON))
            n = 0;
        emit_roles(r, c, rps, n, sentence, false);
        if (!n)
            occupation_at(r, c, j + 1, sentence);
    }
    /* P is / was / became RP-list: "Barrett is a member of the Commission",
     * also past an aside: "Carol II (1893-1953) reigned as King of Romania" */
    if (!pronoun && is_punct(r, j, "("))
        j = after_aside(r, j);
    size_t k = is_punct(r, j, ",") ? j + 1 : j;
    /* "P, who is chief economist at B" */
    size_t kc = is_word(r, k, "who") ? k + 1 : k;
    if (is_word(r, kc, "is") || is_word(r, kc, "was") || is_word(r, kc, "became") ||
        is_word(r, kc, "remains") || is_word(r, kc, "serves") || is_word(r, kc, "served")) {
        size_t q = kc + 1;
        /* "P, who is also chief economist at B" */
        static const char *const adverbs[] = {"also", "now", "still", "currently", "formerly", "previously",
                                              "later", "then", NULL};
        if (word_in(r, q, adverbs))
            q++;
        /* "P was named chief executive of B" */
        if (word_in(r, q, appoint_verbs))
            q++;
        if (is_word(r, q, "as"))
            q++;
        size_t n = parse_rp_list(r, q, rps, &end);
        emit_roles(r, c, rps, n, sentence, false);
        /* "P was a Norwegian politician for the Vexa Party" */
        if (!n)
            occupation_at(r, c, q, sentence);
    } else if (word_in(r, kc, post_verbs) && is_word(r, kc + 1, "as")) {
        /* "P reigned as King of Romania", "P worked as a lawyer for B": a post
         * with its holder named (a bare occupation, no target, gives none) */
        size_t n = parse_rp_list(r, kc + 2, rps, &end);
        emit_roles(r, c, rps, n, sentence, false);
    }
    /* "Wang Ziqiang at the Institute of Mechanics", "Greg Thayer of
     * the Forest Service", "Ulf Merbold, 47, of the European Space
     * Agency": an affiliation without a title */
    /* "Ola Berg and Kari Lie of the Vexa Band": the list shares it */
    size_t aff = k;
    for (size_t q = k, n_list = 0; !pronoun && n_list < MAX_RPS && is_word(r, q, "and"); n_list++) {
        size_t p2 = chunk_at(r, q + 1);
        if (!kind_is(r, p2, EG_CHUNK_PERSON))
            break;
        aff = q = chunk(r, p2)->last;
    }
    /* "P from anti-virus firm B" */
    if (!pronoun && (is_word(r, aff, "at") || is_word(r, aff, "of") || is_word(r, aff, "from"))) {
        size_t b = rel_body_at(r, aff + 1);
        if (b == EG_NONE)
            b = rel_body_after_place(r, aff + 1);
        /* "Ola Strand of Swedish punk band Vexa" */
        if (b == EG_NONE)
            b = body_after_kind(r, aff + 1);
        if (b != EG_NONE)
            rel_add_link(r, EG_REL_ROLE, c, b, EG_NONE, EG_NONE, sentence);
        /* "Olav V of Norway": a ruler's regnal number, then the state */
        size_t s = is_word(r, aff, "of") ? chunk_at(r, aff + 1 + is_word(r, aff + 1, "the")) : EG_NONE;
        if (b == EG_NONE && kind_is(r, s, EG_CHUNK_COUNTRY) && regnal_number(r, chunk(r, c)->last - 1))
            rel_add_link(r, EG_REL_ROLE, c, s, EG_NONE, EG_NONE, sentence);
    }
    work_verbs(r, c, k, sentence);
    /* "Brian Mulroney's Progressive Conservative Party" */
    if (!pronoun && j < r->toks->n && (r->toks->v[j].flags & EG_TOK_POSSESSIVE)) {
        size_t q = j + 1;
        while (q < j + 4 && q < r->toks->n && r->toks->v[q].kind == EG_TOK_WORD &&
               (r->toks->v[q].flags & EG_TOK_LOWER))
            q++;
        size_t b = chunk_at(r, q);
        if (kind_is(r, b, EG_CHUNK_BODY))
            rel_add_link(r, EG_REL_ROLE, c, b, EG_NONE, EG_NONE, sentence);
    }
}

/* The person a sentence-initial "He" or "She" at token i stands for: the
 * last person named in the two sentences before, outside quotation
 * marks, whose given name is not only the other sex's. EG_NONE if none. */
#define PRONOUN_REACH 2 /* sentences back a pronoun's person may be named */
static size_t pronoun_person(const rel *r, size_t i, bool she)
{
    size_t sentence = r->toks->v[i].sentence, from = i;
    while (from > 0 && r->toks->v[from - 1].sentence + PRONOUN_REACH >= sentence)
        from--;
    size_t found = EG_NONE;
    bool quoted = false;
    for (size_t k = from; k < i; k++) {
        if (quote_mark(r, k)) {
            quoted = !quoted;
            continue;
        }
        size_t c = chunk_at(r, k);
        if (quoted || !kind_is(r, c, EG_CHUNK_PERSON))
            continue;
        eg_lex_classes g = eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, chunk(r, c)->first));
        if (!(g & (she ? EG_LEX_MALE : EG_LEX_FEMALE)))
            found = c;
    }
    return found;
}

/* "He was a member of B", "She joined B in 1990": the roles of the person
 * a sentence-initial pronoun stands for. */
static void pronoun_roles(rel *r)
{
    for (size_t i = 0; i < r->toks->n; i++) {
        if (!(r->toks->v[i].flags & EG_TOK_SENT_START) || !(is_word(r, i, "he") || is_word(r, i, "she")))
            continue;
        size_t c = pronoun_person(r, i, is_word(r, i, "she"));
        if (c != EG_NONE)
            person_roles(r, c, i + 1, r->toks->v[i].sentence, true);
    }
}

/* The next person of a list after token i ("P1, P2 and P3"): the person
 * chunk after ",", "and" or ", and"; EG_NONE at the list's end. */
static size_t next_in_list(const rel *r, size_t i)
{
    if (is_punct(r, i, ",") && is_word(r, i + 1, "and"))
        i += 2;
    else if (is_punct(r, i, ",") || is_word(r, i, "and"))
        i++;
    else
        return EG_NONE;
    size_t q = chunk_at(r, i);
    return kind_is(r, q, EG_CHUNK_PERSON) ? q : EG_NONE;
}

/* "Vexa chairman Ola Berg and chief executive Kari Moe": a title without a
 * body after "and" and the first person is the same body's, unless it is a
 * post in a state's government ("and Finance Minister Kari Moe"). */
static void coordinated_title(rel *r, size_t p, const role_phrase *first, size_t sentence)
{
    size_t q = chunk(r, p)->last;
    if (first->target == EG_NONE || !kind_is(r, first->target, EG_CHUNK_BODY) || !is_word(r, q, "and"))
        return;
    role_phrase rps[MAX_RPS];
    size_t end;
    if (parse_rp_list(r, q + 1, rps, &end) != 1 || rps[0].target != EG_NONE || plural_title(r, rps[0].title_last) ||
        (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, chunk(r, rps[0].title_last)->last - 1)) & EG_LEX_STATE_POST))
        return;
    size_t p2 = chunk_at(r, end);
    if (!kind_is(r, p2, EG_CHUNK_PERSON) || chunk(r, p2)->first != end)
        return;
    rps[0].target = first->target;
    emit_roles(r, p2, rps, 1, sentence, false);
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
            person_roles(r, c, x->last, sentence, false);
            continue;
        }
        if (x->kind == EG_CHUNK_BODY) {
            party_before_person(r, c, sentence);
            led_by(r, c, sentence);
            appointed_by(r, c, sentence);
            founded_by(r, c, sentence);
            occupation_before(r, c, sentence);
        }
        /* RP-list followed by a person: ": P", ", P", "- P" or directly "P" */
        if (x->kind != EG_CHUNK_TITLE && !is_target(r, c))
            continue;
        size_t start = x->first;
        if (start > 0 && (is_word(r, start - 1, "the") || is_word(r, start - 1, "a") || is_word(r, start - 1, "its")))
            start--;
        size_t n = parse_rp_list(r, start, rps, &end);
        if (!n)
            continue;
        if (x->kind == EG_CHUNK_TITLE && rps[0].target == EG_NONE)
            rps[0].target = state_before(r, x->first);
        for (size_t i = 0; i < n; i++)
            if (rps[i].target == EG_NONE)
                rps[i].target = state_post_home(r, &rps[i]);
        size_t j = end;
        if (is_punct(r, j, ":") || is_punct(r, j, ",") || is_dash(r, j))
            j++;
        /* "The head of the Transplant Service, Dr. Russell Strong" */
        if (honorific(r, j))
            j += is_punct(r, j + 1, ".") ? 2 : 1;
        size_t p = chunk_at(r, j);
        if (kind_is(r, p, EG_CHUNK_PERSON)) {
            /* "TITLE PERSON" needs the target inside the phrase; a bare title
             * before a name ("President Lincoln") states no body */
            /* "former Vexa chief executives Ann Lie and Bo Kim": a title in
             * the plural holds for every person of the list after it, and
             * for no one person alone ("at the request of the ministers, Ann
             * Lie said") */
            if (n == 1 && plural_title(r, rps[0].title_last)) {
                if (next_in_list(r, chunk(r, p)->last) != EG_NONE)
                    for (size_t q = p; q != EG_NONE; q = next_in_list(r, chunk(r, q)->last))
                        emit_roles(r, q, rps, n, sentence, true);
            } else {
                emit_roles(r, p, rps, n, sentence, false);
                coordinated_title(r, p, &rps[n - 1], sentence);
            }
        } else if (p == EG_NONE && n == 1 && is_target(r, c) && start < x->first && is_word(r, start, "the") &&
                   rps[0].target == c && noun_phrase_ends(r, end)) {
            /* "the BODY TITLE" standing for a person named before */
            size_t q = described_person(r, start);
            if (q != EG_NONE)
                emit_roles(r, q, rps, 1, sentence, false);
        }
    }
}

/* "The band consists of vocalist Ann Lie, guitarist Bo Berg and Kim Dahl":
 * a line-up after "consists of", "comprised", each member with the word of
 * what they do as the title. The body is the nearest one named before the
 * verb in its sentence, or the one "the band", "the group" stands for. */
static void line_ups(rel *r)
{
    static const char *const verbs[] = {"consists", "consisted", "comprises", "comprised", "consisting", NULL};
    for (size_t v = 1; v < r->toks->n; v++) {
        if (!word_in(r, v, verbs))
            continue;
        size_t sentence = r->toks->v[v].sentence, b = EG_NONE;
        for (size_t k = v; k-- > 0 && v - k <= 8 && r->toks->v[k].sentence == sentence && b == EG_NONE;) {
            size_t c = chunk_at(r, k);
            if (kind_is(r, c, EG_CHUNK_BODY))
                b = c;
            else if (c == EG_NONE && (is_word(r, k - 1, "the") || is_word(r, k - 1, "this")))
                b = body_referred(r, k);
        }
        size_t i = v + 1 + is_word(r, v + 1, "of");
        for (size_t n_list = 0; b != EG_NONE && n_list < 12; n_list++) {
            size_t occ = i;
            while (i < occ + 2 && occupation_word(r, i))
                i++;
            size_t p = chunk_at(r, i);
            if (!kind_is(r, p, EG_CHUNK_PERSON))
                break;
            if (i > occ)
                add_role_words(r, p, b, occ, i, sentence);
            else
                rel_add_link(r, EG_REL_ROLE, p, b, EG_NONE, EG_NONE, sentence);
            i = chunk(r, p)->last;
            /* "(vocals)" after a name */
            if (is_punct(r, i, "("))
                i = after_aside(r, i);
            if (is_punct(r, i, ",") && is_word(r, i + 1, "and"))
                i++;
            if (!is_punct(r, i, ",") && !is_word(r, i, "and"))
                break;
            i++;
        }
    }
}

/* ---- delegations ---- */

static bool is_number(const rel *r, size_t i)
{
    return i < r->toks->n && r->toks->v[i].kind == EG_TOK_NUMBER;
}

/* Small whole numbers as written ("7", "seven"); -1 otherwise. */
static int number_value(const rel *r, size_t i)
{
    static const char *const words[] = {"zero", "one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten", "eleven", "twelve",
                                        "thirteen", "fourteen", "fifteen", "sixteen",
                                        "seventeen", "eighteen", "nineteen", "twenty"};
    if (is_number(r, i)) {
        const eg_token *t = &r->toks->v[i];
        int v = 0;
        for (size_t k = t->start; k < t->end; k++) {
            char c = r->text[k];
            if (c < '0' || c > '9' || v > 100000)
                return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (is_word(r, i, words[k]))
            return (int)k;
    return -1;
}

static bool member_noun(const rel *r, size_t i)
{
    static const char *const nouns[] = {"deputies", "deputy", "members", "member", "senators",
                                        "representatives", "parliamentarians", "delegates",
                                        "mps", "legislators", "lawmakers", "seats"};
    for (size_t k = 0; k < sizeof nouns / sizeof nouns[0]; k++)
        if (is_word(r, i, nouns[k]))
            return true;
    return false;
}

/* The body chunk at token i, skipping "the". */
size_t rel_body_at(const rel *r, size_t i)
{
    if (is_word(r, i, "the"))
        i++;
    size_t c = chunk_at(r, i);
    return kind_is(r, c, EG_CHUNK_BODY) ? c : EG_NONE;
}

/*
 * "Delegation of X to Y consists of N deputies from A and M members of B."
 * X sends N + M seats to Y; A and B are chambers of X.
 */
static void delegations(rel *r)
{
    const eg_tokens *t = r->toks;
    for (size_t i = 0; i + 4 < t->n; i++) {
        if (!is_word(r, i, "delegation") || !is_word(r, i + 1, "of"))
            continue;
        size_t x = rel_body_at(r, i + 2);
        if (x == EG_NONE)
            continue;
        size_t j = chunk(r, x)->last;
        if (!is_word(r, j, "to"))
            continue;
        size_t y = rel_body_at(r, j + 1);
        if (y == EG_NONE)
            continue;
        size_t sentence = t->v[i].sentence;
        j = chunk(r, y)->last;
        size_t end = t->sentences[sentence].last;
        int seats = -1;
        size_t chambers[8];
        size_t n_chambers = 0;
        for (size_t k = j; k + 1 < end; k++) {
            int v = number_value(r, k);
            if (v < 0 || !member_noun(r, k + 1))
                continue;
            seats = (seats < 0 ? 0 : seats) + v;
            size_t q = k + 2;
            if (is_word(r, q, "from") || is_word(r, q, "of") || is_word(r, q, "in")) {
                size_t c = rel_body_at(r, q + 1);
                if (c != EG_NONE && n_chambers < 8)
                    chambers[n_chambers++] = c;
            }
        }
        if (seats < 0)
            continue;
        add_link_seats(r, EG_REL_DELEGATION, x, y, EG_NONE, EG_NONE, sentence, seats);
        for (size_t c = 0; c < n_chambers; c++)
            if (chambers[c] != x)
                rel_add_link(r, EG_REL_PART_OF, chambers[c], x, EG_NONE, EG_NONE, sentence);
    }
}

/* ---- websites ---- */

static bool url_like(const char *s, size_t len)
{
    if (len < 4)
        return false;
    for (size_t k = 0; k < len; k++)
        if (s[k] == ' ' || s[k] == '\t')
            return false;
    return (len > 7 && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)) ||
           strncmp(s, "www.", 4) == 0;
}

/* "Website of X: URL" (a blank URL gives nothing). */
static void websites(rel *r)
{
    const eg_tokens *t = r->toks;
    for (size_t i = 0; i + 3 < t->n; i++) {
        bool web = is_word(r, i, "website") ||
                   (is_word(r, i, "web") && is_word(r, i + 1, "site") && i++);
        if (!web || !is_word(r, i + 1, "of"))
            continue;
        size_t x = rel_body_at(r, i + 2);
        if (x == EG_NONE)
            continue;
        size_t j = chunk(r, x)->last;
        if (!is_punct(r, j, ":") || j + 1 >= t->n || t->v[j + 1].line != t->v[j].line)
            continue;
        /* the value runs to the end of the line */
        size_t a = t->v[j + 1].start, b = a;
        for (size_t k = j + 1; k < t->n && t->v[k].line == t->v[j].line; k++)
            b = t->v[k].end;
        if (!url_like(r->text + a, b - a))
            continue;
        if (eg_grow(&r->out->facts, &r->out->cap_facts, r->out->n_facts + 1, sizeof *r->out->facts)) {
            r->oom = true;
            return;
        }
        r->out->facts[r->out->n_facts++] = (eg_fact_link){x, "website", a, b, t->v[i].sentence};
    }
}

/* ---- document actions ---- */

/* The relation a verb states, or -1. */
static int doc_verb(const rel *r, size_t i)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD || !(r->toks->v[i].flags & EG_TOK_LOWER))
        return -1;
    /* the lexicon's entry for the word alone, as eg_lexicon_match found it
     * (it looks every word up): no second look-up per word */
    const eg_lex_entry *e = NULL;
    return eg_lex_phrase_at(r->matches, i, i + 1, EG_LEX_DOC_VERB, &e) ? e->kind : -1;
}

/* The last document chunk named before token i, or EG_NONE. */
static size_t last_document_before(const rel *r, size_t i)
{
    size_t best = EG_NONE;
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        if (x->kind == EG_CHUNK_DOCUMENT && x->parent == EG_NONE && x->last <= i &&
            !(x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)) && x->name &&
            (best == EG_NONE || x->first > chunk(r, best)->first))
            best = c;
    }
    return best;
}

/* "the document", "the draft document", "the agreement", "this treaty":
 * a reference to a document named before; returns its end token or i. */
static size_t document_reference(const rel *r, size_t i)
{
    static const char *const nouns[] = {"document", "agreement", "treaty", "law", "strategy",
                                        "plan", "statement", "declaration", "convention",
                                        "memorandum", "accord", "recommendations", "programme",
                                        "program", "resolution", "bill", "charter", "protocol"};
    if (!(is_word(r, i, "the") || is_word(r, i, "this") || is_word(r, i, "that")))
        return i;
    size_t k = i + 1;
    if (is_word(r, k, "draft") || is_word(r, k, "new"))
        k++;
    /* a word, not the start of a name ("the Agreement between ..." is named) */
    if (chunk_at(r, k) != EG_NONE)
        return i;
    for (size_t q = 0; q < sizeof nouns / sizeof nouns[0]; q++)
        if (is_word(r, k, nouns[q]))
            return k + 1;
    return i;
}

/*
 * The body a generic reference ("the Assembly", "the Parliamentary Assembly")
 * most likely means: the body of the document whose name holds the reference's
 * words and that is named most often.
 */
static size_t resolve_generic(const rel *r, size_t g)
{
    const eg_chunk *gc = chunk(r, g);
    size_t best = EG_NONE, best_count = 0;
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        if (x->kind != EG_CHUNK_BODY || (x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)) || !x->name)
            continue;
        /* every word of the reference is in the name */
        bool all = true;
        for (size_t k = gc->first; k < gc->last && all; k++) {
            const char *w = eg_tok_norm(r->toks, k);
            bool found = false;
            for (size_t q = x->first; q < x->last && !found; q++)
                found = strcmp(eg_tok_norm(r->toks, q), w) == 0;
            all = found;
        }
        if (!all)
            continue;
        size_t count = 0;
        for (size_t d = 0; d < r->chunks->n; d++)
            if (chunk(r, d)->name && strcmp(chunk(r, d)->name, x->name) == 0)
                count++;
        if (count > best_count) {
            best = c;
            best_count = count;
        }
    }
    return best;
}


/* The agent chunk at token i: a person or body, or a generic body reference resolved. */
static size_t agent_at(const rel *r, size_t i)
{
    if (is_word(r, i, "the"))
        i++;
    if (honorific(r, i)) {
        i++;
        if (is_punct(r, i, "."))
            i++;
    }
    size_t c = chunk_at(r, i);
    if (kind_is(r, c, EG_CHUNK_PERSON) || kind_is(r, c, EG_CHUNK_BODY))
        return c;
    size_t g = i < r->toks->n ? r->generic_at[i] : EG_NONE;
    return g != EG_NONE ? resolve_generic(r, g) : EG_NONE;
}

/* The documents that are the object at token i: "[the] D1 [, D2] [and [the] D3]". */
static size_t objects_at(const rel *r, size_t i, size_t *objs, size_t max)
{
    size_t n = 0;
    for (;;) {
        if (is_word(r, i, "the") || is_word(r, i, "a") || is_word(r, i, "an") || is_word(r, i, "its"))
            i++;
        size_t c = chunk_at(r, i);
        if (!kind_is(r, c, EG_CHUNK_DOCUMENT) || n == max)
            break;
        objs[n++] = c;
        i = chunk(r, c)->last;
        if (is_punct(r, i, ",") && is_word(r, i + 1, "and"))
            i += 2;
        else if (is_punct(r, i, ",") || is_word(r, i, "and"))
            i++;
        else
            break;
    }
    return n;
}

static bool auxiliary(const rel *r, size_t i)
{
    static const char *const aux[] = {"has", "have", "had", "was", "were", "is", "are", "been",
                                      "be", "will", "would", "also", "jointly", "unanimously",
                                      "officially", "finally", "formally", "today", "yesterday",
                                      "already", "recently", "successfully", "members"};
    for (size_t k = 0; k < sizeof aux / sizeof aux[0]; k++)
        if (is_word(r, i, aux[k]))
            return true;
    return false;
}

/*
 * The body whose meeting the text last spoke of ("a meeting of the Committee
 * of ... took place"): "the meeting participants adopted" means it. Returns
 * EG_NONE when no meeting of a body was named before token i.
 */
static size_t meeting_body_before(const rel *r, size_t i)
{
    size_t best = EG_NONE;
    for (size_t k = 0; k + 1 < i; k++) {
        if (!is_word(r, k, "meeting") && !is_word(r, k, "session") && !is_word(r, k, "summit"))
            continue;
        if (!is_word(r, k + 1, "of"))
            continue;
        size_t b = rel_body_at(r, k + 2);
        if (b != EG_NONE)
            best = b;
    }
    return best;
}

/* "The meeting participants", "the participants", "the meeting": the body met. */
static size_t meeting_subject(const rel *r, size_t k, size_t first)
{
    if (k == first)
        return EG_NONE;
    if (!(is_word(r, k - 1, "participants") || is_word(r, k - 1, "meeting") ||
          is_word(r, k - 1, "delegates")))
        return EG_NONE;
    return meeting_body_before(r, k - 1);
}

static void document_actions(rel *r)
{
    const eg_tokens *t = r->toks;
    size_t objs[8];
    for (size_t v = 0; v < t->n; v++) {
        int kind = doc_verb(r, v);
        if (kind < 0)
            continue;
        size_t sentence = t->v[v].sentence;
        size_t first = t->sentences[sentence].first;
        /* passive: "D was signed by A and B" */
        if (is_word(r, v + 1, "by")) {
            size_t k = v;
            while (k > first && auxiliary(r, k - 1))
                k--;
            size_t doc = EG_NONE;
            for (size_t c = 0; c < r->chunks->n; c++) {
                const eg_chunk *x = chunk(r, c);
                if (x->kind == EG_CHUNK_DOCUMENT && x->parent == EG_NONE && x->last == k &&
                    !(x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)))
                    doc = c;
            }
            if (doc == EG_NONE) {
                /* "The document was signed by": the last document named before */
                for (size_t q = first; q < k && doc == EG_NONE; q++)
                    if (document_reference(r, q) == k)
                        doc = last_document_before(r, q);
            }
            if (doc == EG_NONE)
                continue;
            size_t a = agent_at(r, v + 2);
            if (a == EG_NONE)
                continue;
            rel_add_link(r, (eg_relation_kind)kind, a, doc, EG_NONE, EG_NONE, sentence);
            /* later agents of the same kind after "and" */
            for (size_t q = chunk(r, a)->last; q + 1 < t->sentences[sentence].last; q++) {
                if (!is_word(r, q, "and"))
                    continue;
                size_t b = agent_at(r, q + 1);
                if (b != EG_NONE && chunk(r, b)->kind == chunk(r, a)->kind)
                    rel_add_link(r, (eg_relation_kind)kind, b, doc, EG_NONE, EG_NONE, sentence);
            }
            continue;
        }
        /* active: "A [has] adopted the D" */
        size_t n = objects_at(r, v + 1, objs, 8);
        if (!n)
            continue;
        size_t k = v;
        while (k > first && auxiliary(r, k - 1))
            k--;
        size_t subj = EG_NONE;
        for (size_t c = 0; c < r->chunks->n && subj == EG_NONE; c++) {
            const eg_chunk *x = chunk(r, c);
            if (x->parent == EG_NONE && x->last == k && !(x->flags & EG_CHUNK_HIDDEN) &&
                (x->kind == EG_CHUNK_PERSON || x->kind == EG_CHUNK_BODY))
                subj = (x->flags & EG_CHUNK_GENERIC) ? resolve_generic(r, c) : c;
        }
        if (subj == EG_NONE)
            subj = meeting_subject(r, k, first);
        if (subj == EG_NONE)
            continue;
        for (size_t o = 0; o < n; o++)
            rel_add_link(r, (eg_relation_kind)kind, subj, objs[o], EG_NONE, EG_NONE, sentence);
    }
}

/* "an agreement between X and Y": X and Y are its parties, and signed it. */
static void parties(rel *r)
{
    static const char *const heads[] = {"agreement", "treaty", "memorandum", "accord", "pact",
                                        "protocol", "contract", "convention"};
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *d = chunk(r, c);
        if (d->kind != EG_CHUNK_DOCUMENT || (d->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)) || !d->name)
            continue;
        bool head = false;
        for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++)
            head |= is_word(r, d->first, heads[k]);
        size_t b = d->first + 1;
        if (!head || !is_word(r, b, "between"))
            continue;
        size_t sentence = r->toks->v[d->first].sentence;
        for (size_t x = 0; x < r->chunks->n; x++) {
            const eg_chunk *p = chunk(r, x);
            if (p->parent != c || p->link != EG_LINK_INSIDE ||
                (p->kind != EG_CHUNK_BODY && p->kind != EG_CHUNK_COUNTRY && p->kind != EG_CHUNK_PERSON))
                continue;
            size_t before = p->first;
            if (before > 0 && is_word(r, before - 1, "the"))
                before--;
            if (before == b + 1 || (before > 0 && is_word(r, before - 1, "and")))
                rel_add_link(r, EG_REL_SIGNED, x, c, EG_NONE, EG_NONE, sentence);
        }
    }
}

eg_status eg_relate_run(const eg_lexicon *lex, const eg_lex_matches *matches, const char *text,
                        const eg_tokens *toks, const eg_chunks *chunks, eg_links *links)
{
    links->n = 0;
    links->n_facts = 0;
    rel r = {lex, matches, text, toks, chunks, NULL, NULL, NULL, EG_NONE, NULL, 0, NULL, links, NULL, false};
    r.at = malloc((toks->n ? toks->n : 1) * sizeof *r.at);
    r.generic_at = malloc((toks->n ? toks->n : 1) * sizeof *r.generic_at);
    r.state_at = malloc((toks->n ? toks->n : 1) * sizeof *r.state_at);
    r.seen = eg_map_new(256);
    if (!r.at || !r.generic_at || !r.state_at || !r.seen) {
        free(r.at);
        free(r.generic_at);
        free(r.state_at);
        eg_map_free(r.seen);
        return EG_ENOMEM;
    }
    for (size_t i = 0; i < toks->n; i++)
        r.at[i] = r.generic_at[i] = r.state_at[i] = EG_NONE;
    for (size_t c = 0; c < chunks->n; c++) {
        const eg_chunk *x = &chunks->v[c];
        if (x->parent == EG_NONE && (x->flags & EG_CHUNK_HIDDEN) && x->kind == EG_CHUNK_COUNTRY &&
            x->first < toks->n)
            r.state_at[x->first] = c;
        if (x->parent != EG_NONE || (x->flags & EG_CHUNK_HIDDEN) || x->first >= toks->n)
            continue;
        if (x->flags & EG_CHUNK_GENERIC) {
            if (x->kind == EG_CHUNK_BODY && r.generic_at[x->first] == EG_NONE)
                r.generic_at[x->first] = c;
            continue;
        }
        if (r.at[x->first] == EG_NONE)
            r.at[x->first] = c;
    }
    r.n_named = eg_lexicon_n_countries(lex);
    r.named = malloc((r.n_named ? r.n_named : 1) * sizeof *r.named);
    if (!r.named) {
        free(r.at);
        free(r.generic_at);
        free(r.state_at);
        eg_map_free(r.seen);
        return EG_ENOMEM;
    }
    for (size_t s = 0; s < r.n_named; s++)
        r.named[s] = EG_NONE;
    for (size_t c = 0; c < chunks->n; c++) {
        const eg_chunk *x = &chunks->v[c];
        if (x->kind == EG_CHUNK_COUNTRY && !(x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)) && x->country >= 0 &&
            (size_t)x->country < r.n_named && r.named[x->country] == EG_NONE)
            r.named[x->country] = c;
    }
    r.home = home_state(&r);
    rel_structure_links(&r);
    roles(&r);
    line_ups(&r);
    pronoun_roles(&r);
    delegations(&r);
    document_actions(&r);
    parties(&r);
    websites(&r);
    free(r.at);
    free(r.generic_at);
    free(r.state_at);
    free(r.named);
    eg_map_free(r.seen);
    return r.oom ? EG_ENOMEM : EG_OK;
}
