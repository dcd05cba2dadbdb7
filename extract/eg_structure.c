/*
 * eg_structure.c - part_of and country_of links between the chunks of one
 * document: from how names nest ("Parliament of Norway"), possessives
 * ("Norway's Vexa"), definitions ("Vexa is a shipping company based in
 * Oslo, Norway"), the places in names ("University of Bergen"), the organs
 * of the state a document is about ("the Defence Ministry"), and stated
 * units ("Vexa Cargo, a division of Vexa Group").
 */
#include "eg_relate_impl.h"

#include <stdlib.h>
#include <string.h>

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
            rel_add_link(r, EG_REL_PART_OF, x->parent, c, EG_NONE, EG_NONE, sentence);
        else if (x->kind == EG_CHUNK_COUNTRY) {
            rel_add_link(r, EG_REL_COUNTRY_OF, x->parent, c, EG_NONE, EG_NONE, sentence);
            /* "Norway Fisheries Patrol School": a state before the
             * words of a body that is itself before the head is the whole
             * name's state too (not one in a complement: "the Institute of
             * the Norwegian Ministry" is the ministry's unit) */
            for (size_t q = x->parent; x->link == EG_LINK_PREMOD && chunk(r, q)->link == EG_LINK_PREMOD &&
                                       chunk(r, q)->parent != EG_NONE && kind_is(r, chunk(r, q)->parent, EG_CHUNK_BODY);
                 q = chunk(r, q)->parent)
                rel_add_link(r, EG_REL_COUNTRY_OF, chunk(r, q)->parent, c, EG_NONE, EG_NONE, sentence);
        }
    }
}


/* "Japan's Toyota", "Britain's opposition Labour Party": a state's
 * possessive before a body, with up to three describing words between, is
 * its state; a body's ("Vexa's Nordic Freight unit") is what it is part of. */
static void possessive_states(rel *r)
{
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        if ((x->kind != EG_CHUNK_COUNTRY && x->kind != EG_CHUNK_BODY) || x->parent != EG_NONE ||
            (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)) || x->last <= x->first || x->last > r->toks->n)
            continue;
        size_t j = x->last;
        if (j < r->toks->n && (r->toks->v[j].flags & EG_TOK_POSSESSIVE))
            j++;
        else if (!(r->toks->v[j - 1].flags & EG_TOK_POSSESSIVE))
            continue;
        size_t q = j;
        while (q < j + 3 && rel_describing_word(r, q))
            q++;
        size_t b = chunk_at(r, q);
        /* "Russia's CSTO chairmanship": a body that describes a noun is not
         * what the state has */
        const char *bn = b != EG_NONE ? chunk(r, b)->name : NULL;
        if (kind_is(r, b, EG_CHUNK_BODY) && b != c && !(bn && x->name && strcmp(bn, x->name) == 0) &&
            !(chunk(r, b)->flags & EG_CHUNK_GENERIC) &&
            r->toks->v[q].sentence == r->toks->v[x->first].sentence && !rel_describing_word(r, chunk(r, b)->last))
            rel_add_link(r, x->kind == EG_CHUNK_COUNTRY ? EG_REL_COUNTRY_OF : EG_REL_PART_OF, b, c, EG_NONE, EG_NONE,
                     r->toks->v[x->first].sentence);
    }
}

/* A lower-case word for a kind of organisation: "company", "party",
 * "university", "carmaker". */
bool rel_org_noun(const rel *r, size_t i)
{
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD || !(r->toks->v[i].flags & EG_TOK_LOWER))
        return false;
    const char *w = eg_tok_norm(r->toks, i);
    size_t len = strlen(w);
    return (eg_lexicon_classes(r->lex, w) & (EG_LEX_ORG_NOUN | EG_LEX_BODY_HEAD)) ||
           (len > 5 && strcmp(w + len - 5, "maker") == 0);
}

/* The state a hidden demonym at token k names when it describes a kind of
 * organisation within the next few words ("Italian food group", "Japanese
 * carmaker", "British rock/pop band"); *noun is the token after that
 * noun. EG_NONE if not. */
static size_t state_of_kind(const rel *r, size_t k, size_t *after)
{
    if (k >= r->toks->n || r->state_at[k] == EG_NONE)
        return EG_NONE;
    /* "shipping and logistics company": "and" between describing words */
    for (size_t q = k + 1; q <= k + KIND_REACH && (rel_describing_word(r, q) || is_punct(r, q, "/") ||
                                                   (q > k + 1 && is_word(r, q, "and") && rel_describing_word(r, q + 1)));
         q++)
        if (rel_org_noun(r, q) && !rel_org_noun(r, q + 1)) {
            *after = q + 1;
            return r->state_at[k];
        }
    return EG_NONE;
}

/* Where a body is from, by a demonym describing it: "Parmalat, the Italian
 * food group", "Sony is a Japanese company", "the Japanese carmaker Toyota". */
static void demonym_bodies(rel *r)
{
    for (size_t b = 0; b < r->chunks->n; b++) {
        const eg_chunk *x = chunk(r, b);
        if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE ||
            (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)))
            continue;
        size_t sentence = r->toks->v[x->first].sentence, after, s;
        /* BODY , the STATE ... NOUN   and   BODY is a STATE ... NOUN */
        size_t j = x->last;
        if (is_punct(r, j, ","))
            j++;
        else if (is_word(r, j, "is") || is_word(r, j, "was"))
            j++;
        else
            j = EG_NONE;
        if (j != EG_NONE && (is_word(r, j, "the") || is_word(r, j, "a") || is_word(r, j, "an"))) {
            /* "a major Turkish weapons manufacturer": a word or two before the demonym */
            size_t d = j + 1;
            while (d < j + 3 && rel_describing_word(r, d))
                d++;
            if ((s = state_of_kind(r, d, &after)) != EG_NONE) {
                rel_add_link(r, EG_REL_COUNTRY_OF, b, s, EG_NONE, EG_NONE, sentence);
                continue;
            }
        }
        /* STATE ... NOUN BODY */
        for (size_t k = x->first > KIND_REACH ? x->first - KIND_REACH - 1 : 0; k + 1 < x->first; k++)
            if ((s = state_of_kind(r, k, &after)) != EG_NONE && after == x->first) {
                rel_add_link(r, EG_REL_COUNTRY_OF, b, s, EG_NONE, EG_NONE, sentence);
                break;
            }
    }
}

/* The token after a copula, an article and a kind of organisation at j
 * ("is an automobile manufacturer", "was a political party"), the kind
 * being the last such noun of a few describing words; EG_NONE if the words
 * at j are not that. */
static size_t after_copula_kind(const rel *r, size_t j)
{
    if (!(is_word(r, j, "is") || is_word(r, j, "was") || is_word(r, j, "are") || is_word(r, j, "were")))
        return EG_NONE;
    j++;
    if (!(is_word(r, j, "a") || is_word(r, j, "an") || is_word(r, j, "the")))
        return EG_NONE;
    size_t end = EG_NONE;
    for (size_t q = j + 1; q <= j + KIND_REACH && rel_describing_word(r, q); q++)
        if (rel_org_noun(r, q))
            end = q + 1;
    return end;
}

/* The state a lexicon place at token q is in, as a chunk of the state the
 * document names ("Bergen" of a document naming Norway); EG_NONE when none,
 * or the place is a common word ("Enterprise"). */
static size_t named_state_of_place(const rel *r, size_t q, size_t limit)
{
    const eg_lex_entry *e = NULL;
    size_t len = eg_lex_phrase_at(r->matches, q, limit, EG_LEX_PLACE, &e);
    if (!len || !e || e->state < 0 || (size_t)e->state >= r->n_named || (len == 1 && (e->classes & EG_LEX_ENGLISH)))
        return EG_NONE;
    return r->named[e->state];
}

/* The state chunk a place phrase from token q names: the first state after
 * at most a few capitalised words of a city or a region and their commas
 * ("Bergen, Norway"; a lower-case word ends the phrase), or else the state
 * of its first place when the document names it ("Bergen" of a document
 * naming Norway); EG_NONE if none. */
static size_t state_in_place(const rel *r, size_t q, size_t sentence, bool cities)
{
    if (is_word(r, q, "the"))
        q++;
    /* "the town of Tromso, Norway" */
    if ((is_word(r, q, "city") || is_word(r, q, "town") || is_word(r, q, "village")) && is_word(r, q + 1, "of"))
        q += 2;
    size_t of_place = EG_NONE;
    for (size_t end = q + 8; q < end && q < r->toks->n && r->toks->v[q].sentence == sentence; q++) {
        size_t c = chunk_at(r, q);
        if (kind_is(r, c, EG_CHUNK_COUNTRY) && !(chunk(r, c)->flags & EG_CHUNK_GENERIC))
            return c;
        const eg_token *t = &r->toks->v[q];
        if (!(is_punct(r, q, ",") || (t->kind == EG_TOK_WORD && (t->flags & EG_TOK_CAP))))
            break;
        if (of_place == EG_NONE && cities)
            of_place = named_state_of_place(r, q, end);
    }
    return of_place;
}

/* Whether body chunk b's name has a state, a demonym, a region or a place
 * in it, or another body nested (worked out for every chunk at once by
 * mark_placed: one pass, not one per body). */
static bool placed_name(const rel *r, size_t b)
{
    return r->placed[b];
}

/* Fills r->placed; false when out of memory. */
static bool mark_placed(rel *r)
{
    r->placed = calloc(r->chunks->n ? r->chunks->n : 1, sizeof *r->placed);
    if (!r->placed)
        return false;
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        for (size_t i = x->first; x->kind == EG_CHUNK_BODY && i < x->last && i < r->toks->n && !r->placed[c]; i++)
            r->placed[c] = (r->matches->cls[i] & (EG_LEX_PLACE | EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_REGION)) != 0;
        if (x->parent != EG_NONE && x->parent < r->chunks->n &&
            (x->kind == EG_CHUNK_BODY || x->kind == EG_CHUNK_COUNTRY || (x->flags & EG_CHUNK_PLACE)))
            r->placed[x->parent] = true;
    }
    return true;
}

/* Puts name and each of its first words ("Assembly of Representatives of
 * X": "Assembly", "Assembly of"...) in map. */
static void put_name_prefixes(rel *r, eg_map *map, const char *name)
{
    char *prefix = eg_strdup(name);
    if (!prefix || eg_map_put(map, prefix, 1) != EG_OK)
        r->oom = true;
    for (char *sp = prefix ? strchr(prefix, ' ') : NULL; sp; sp = strchr(sp + 1, ' ')) {
        *sp = '\0';
        if (eg_map_put(map, prefix, 1) != EG_OK)
            r->oom = true;
        *sp = ' ';
    }
    free(prefix);
}

/* "Siemens, based in Munich, Germany", "Vexa is headquartered in Oslo,
 * Norway", and a definition's "Vexa is a shipping company based in Oslo,
 * Norway", "the Kestrel Party is a political party in Peru", "Vexa Air is
 * the national airline of Norway": where a body is based, when the place
 * named is a state (after at most a few words of a city or a region and
 * their commas). */
static void based_in(rel *r)
{
    for (size_t b = 0; b < r->chunks->n; b++) {
        const eg_chunk *x = chunk(r, b);
        if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE ||
            (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)))
            continue;
        size_t sentence = r->toks->v[x->first].sentence;
        /* a city says the state of a body with a state, place or body in
         * its name no better than the name ("the Vexa Council's session in
         * Oslo") */
        bool cities = !placed_name(r, b);
        size_t j = x->last;
        if (is_punct(r, j, ","))
            j++;
        size_t kind_end = after_copula_kind(r, j);
        size_t c = EG_NONE;
        if (kind_end != EG_NONE) {
            /* the kind of organisation, then where: "in", "from", "of" */
            j = kind_end;
            if (is_punct(r, j, ","))
                j++;
            if (is_word(r, j, "in") || is_word(r, j, "from"))
                c = state_in_place(r, j + 1, sentence, cities);
            else if (is_word(r, j, "of")) {
                /* "a unit of Norway's Vexa" says nothing of the unit's state */
                size_t q = j + 1 + is_word(r, j + 1, "the");
                c = chunk_at(r, q);
                if (!kind_is(r, c, EG_CHUNK_COUNTRY) || (chunk(r, c)->flags & EG_CHUNK_GENERIC) ||
                    (chunk(r, c)->last < r->toks->n && (r->toks->v[chunk(r, c)->last].flags & EG_TOK_POSSESSIVE)) ||
                    (r->toks->v[chunk(r, c)->last - 1].flags & EG_TOK_POSSESSIVE))
                    c = EG_NONE;
            }
        } else if (is_word(r, j, "is") || is_word(r, j, "was") || is_word(r, j, "are") || is_word(r, j, "were"))
            j++;
        else if (j == x->last && is_word(r, j, "in"))
            /* "released by Halden Records in Finland" */
            c = state_in_place(r, j + 1, sentence, cities);
        else if (j == x->last && is_punct(r, j, "(")) {
            /* "Vexa Electric (Japan)": a state alone in parentheses */
            size_t s = chunk_at(r, j + 1);
            if (kind_is(r, s, EG_CHUNK_COUNTRY) && !(chunk(r, s)->flags & EG_CHUNK_GENERIC) &&
                chunk(r, s)->parent == EG_NONE && is_punct(r, chunk(r, s)->last, ")"))
                c = s;
        }
        if (c == EG_NONE && (is_word(r, j, "based") || is_word(r, j, "headquartered") || is_word(r, j, "located")) &&
            is_word(r, j + 1, "in"))
            c = state_in_place(r, j + 2, sentence, cities);
        if (c != EG_NONE)
            rel_add_link(r, EG_REL_COUNTRY_OF, b, c, EG_NONE, EG_NONE, sentence);
    }
}

/* The one state the places in body chunk b's name are in ("University of
 * Bergen", "Tromso Rowing Club", "Oslo Re"), or -1: none, or places of two
 * states. */
static int32_t state_of_places_in(const rel *r, size_t b)
{
    const eg_chunk *x = chunk(r, b);
    int32_t state = -1;
    for (size_t i = x->first; i < x->last && i < r->toks->n;) {
        const eg_lex_entry *e = NULL;
        size_t len = eg_lex_phrase_at(r->matches, i, x->last, EG_LEX_PLACE, &e);
        /* a place named by a common word ("Enterprise", "Reading") may be
         * no place at all in a body's name */
        if (len && e && e->state >= 0 && !(len == 1 && (e->classes & EG_LEX_ENGLISH))) {
            if (state >= 0 && e->state != state)
                return -1;
            state = e->state;
        }
        i += len ? len : 1;
    }
    return state;
}

/* Where a body is, by the places its name has, when the document names that
 * state: "the University of Bergen" is in Norway of a document that names
 * Norway. Only a state the document names:
 * the link stands on the document's words, not on the lexicon's alone. A
 * name that nests a state or another body ("Oslo Institute of the Norwegian
 * Ministry of Health") is left to the nesting, and so is the same unit
 * named without its parent elsewhere in the document ("Oslo Institute"):
 * the unit is part of the body, which is the state's. */
static void bodies_of_places(rel *r)
{
    bool *nests = calloc(r->chunks->n ? r->chunks->n : 1, sizeof *nests);
    eg_map *units = eg_map_new(16); /* the names of units of bodies, and their first words */
    if (!nests || !units) {
        free(nests);
        eg_map_free(units);
        r->oom = true;
        return;
    }
    for (size_t c = 0; c < r->chunks->n; c++) {
        const eg_chunk *x = chunk(r, c);
        if (x->kind == EG_CHUNK_COUNTRY || x->kind == EG_CHUNK_BODY)
            for (size_t p = x->parent; p != EG_NONE && p < r->chunks->n && !nests[p]; p = chunk(r, p)->parent)
                nests[p] = true;
    }
    for (size_t b = 0; b < r->chunks->n && !r->oom; b++)
        if (chunk(r, b)->kind == EG_CHUNK_BODY && nests[b] && chunk(r, b)->name)
            put_name_prefixes(r, units, chunk(r, b)->name);
    for (size_t b = 0; b < r->chunks->n; b++) {
        const eg_chunk *x = chunk(r, b);
        if (x->kind != EG_CHUNK_BODY || nests[b] || x->first >= r->toks->n ||
            (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)) || (x->name && eg_map_get(units, x->name) != EG_NONE))
            continue;
        int32_t state = state_of_places_in(r, b);
        if (state >= 0 && (size_t)state < r->n_named && r->named[state] != EG_NONE)
            rel_add_link(r, EG_REL_COUNTRY_OF, b, r->named[state], EG_NONE, EG_NONE, r->toks->v[x->first].sentence);
    }
    free(nests);
    eg_map_free(units);
}

/* Whether token i is the head of a state's organ: "Parliament", "Senate",
 * "Ministry", "Army", "Supreme Court" (English grammar of states, in code;
 * the legislatures' own names are the lexicon's). */
static bool organ_head(const rel *r, size_t i)
{
    static const char *const heads[] = {"parliament", "senate", "congress", "assembly", "ministry",
                                        "army",       "navy",   "police",   "government", "cabinet",
                                        "court",      "guard",  "legislature", NULL};
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD)
        return false;
    if (eg_lexicon_classes(r->lex, eg_tok_norm(r->toks, i)) & EG_LEX_LEGISLATURE)
        return true;
    for (size_t k = 0; heads[k]; k++)
        if (strcmp(eg_tok_norm(r->toks, i), heads[k]) == 0)
            return true;
    return false;
}

/* A state's organ named without its state ("the Defence Ministry", "the
 * Senate", "the Storting") in a document about one state is that state's
 * (home_state: the state it names most, and more than any other). Not a
 * body the lexicon knows (an international one), nor one whose name has a
 * state, a place or another body in it (the nesting or the places say), nor
 * the first words of such a name in the same document ("the Assembly of
 * Representatives" of "the Assembly of Representatives of Tajikistan"). */
static void home_organs(rel *r)
{
    if (r->home == EG_NONE)
        return;
    eg_map *placed = eg_map_new(16); /* placed names and their first words */
    if (!placed) {
        r->oom = true;
        return;
    }
    for (size_t b = 0; b < r->chunks->n && !r->oom; b++)
        if (chunk(r, b)->kind == EG_CHUNK_BODY && chunk(r, b)->name && placed_name(r, b))
            put_name_prefixes(r, placed, chunk(r, b)->name);
    for (size_t b = 0; b < r->chunks->n && !r->oom; b++) {
        const eg_chunk *x = chunk(r, b);
        if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || x->org >= 0 || x->first >= r->toks->n ||
            !x->name || (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)) || eg_map_get(placed, x->name) != EG_NONE)
            continue;
        bool organ = false, states = false;
        for (size_t i = x->first; i < x->last && i < r->toks->n; i++) {
            organ |= organ_head(r, i);
            /* a "Parliamentary Assembly", an "International Court": an
             * organ of states together, not of one */
            states |= is_word(r, i, "parliamentary") || is_word(r, i, "international") ||
                      is_word(r, i, "inter-parliamentary") || is_word(r, i, "interparliamentary");
        }
        if (organ && !states)
            rel_add_link(r, EG_REL_COUNTRY_OF, b, r->home, EG_NONE, EG_NONE, r->toks->v[x->first].sentence);
    }
    eg_map_free(placed);
}

/* Nouns of a part of an organisation: "X, a subsidiary of Y", "X is the
 * business school of Y". Grammar, not a lexicon of names. */
static bool unit_noun(const rel *r, size_t i)
{
    static const char *const nouns[] = {
        "division", "divisions", "subsidiary", "subsidiaries", "unit", "units", "arm", "branch",
        "affiliate", "department", "wing", "section", "chapter", "agency", "imprint", "subdivision",
        "component", "part", "college", "school", "faculty", "institute", "campus", "bureau",
        "directorate", "committee", "chamber", "house", "service", "office",
    };
    if (i >= r->toks->n || r->toks->v[i].kind != EG_TOK_WORD || !(r->toks->v[i].flags & EG_TOK_LOWER))
        return false;
    const char *w = eg_tok_norm(r->toks, i);
    for (size_t k = 0; k < sizeof nouns / sizeof *nouns; k++)
        if (strcmp(w, nouns[k]) == 0)
            return true;
    return false;
}

/* The body a unit belongs to after "of" at token i: "of Y", "of the Y",
 * "of Norway's Y"; EG_NONE if none. */
static size_t parent_after_of(const rel *r, size_t i)
{
    if (!is_word(r, i, "of"))
        return EG_NONE;
    size_t b = rel_body_at(r, i + 1);
    return b != EG_NONE ? b : rel_body_after_place(r, i + 1);
}

/* part_of stated of a body: "X, a subsidiary of Y", "X is the business
 * school of Y", "X became part of Y", "X, owned by Y" (a parent
 * organisation owns it). */
static void units_of(rel *r)
{
    for (size_t b = 0; b < r->chunks->n; b++) {
        const eg_chunk *x = chunk(r, b);
        if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE ||
            (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)))
            continue;
        size_t j = x->last, p = EG_NONE;
        bool comma = is_punct(r, j, ",");
        if (comma)
            j++;
        bool copula = is_word(r, j, "is") || is_word(r, j, "was") || is_word(r, j, "are") ||
                      is_word(r, j, "were") || is_word(r, j, "became") || is_word(r, j, "becomes");
        if (copula)
            j++;
        if (!comma && !copula)
            continue;
        if (is_word(r, j, "wholly") || is_word(r, j, "jointly") || is_word(r, j, "majority"))
            j++;
        if (is_word(r, j, "owned") && is_word(r, j + 1, "by")) {
            size_t q = j + 2;
            p = rel_body_at(r, q);
            if (p == EG_NONE)
                p = rel_body_after_place(r, q);
        } else if (copula && is_word(r, j, "part")) {
            p = parent_after_of(r, j + 1);
        } else if (is_word(r, j, "a") || is_word(r, j, "an") || is_word(r, j, "the")) {
            /* a few describing words, then the unit noun and "of" */
            for (size_t q = j + 1; q <= j + 4 && q < r->toks->n; q++) {
                if (unit_noun(r, q) && is_word(r, q + 1, "of")) {
                    p = parent_after_of(r, q + 1);
                    break;
                }
                if (!rel_describing_word(r, q) && r->state_at[q] == EG_NONE)
                    break;
            }
        }
        if (p != EG_NONE && p != b && r->toks->v[chunk(r, p)->first].sentence == r->toks->v[x->first].sentence &&
            !(x->name && chunk(r, p)->name && strcmp(x->name, chunk(r, p)->name) == 0))
            rel_add_link(r, EG_REL_PART_OF, b, p, EG_NONE, EG_NONE, r->toks->v[x->first].sentence);
    }
}

void rel_structure_links(rel *r)
{
    if (!mark_placed(r)) {
        r->oom = true;
        return;
    }
    structure(r);
    possessive_states(r);
    based_in(r);
    demonym_bodies(r);
    bodies_of_places(r);
    home_organs(r);
    units_of(r);
    free(r->placed);
    r->placed = NULL;
}
