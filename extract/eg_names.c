#include "eg_names.h"

#include "eg_text.h"

/* ---- chunks ---- */

static size_t add_chunk(ner *n, size_t first, size_t last, eg_chunk_kind kind, size_t parent,
                        eg_chunk_link link)
{
    if (eg_grow(&n->out->v, &n->out->cap, n->out->n + 1, sizeof *n->out->v))
        return EG_NONE;
    eg_chunk *c = &n->out->v[n->out->n];
    memset(c, 0, sizeof *c);
    c->first = first;
    c->last = last;
    c->kind = kind;
    c->form = EG_FORM_NAME;
    c->link = link;
    c->parent = parent;
    c->alias_of = EG_NONE;
    c->country = -1;
    c->org = -1;
    return n->out->n++;
}


/* Drops chunks added after `mark` (a tentative parse that was refused). */
static void rollback(ner *n, size_t mark)
{
    for (size_t i = mark; i < n->out->n; i++)
        free(n->out->v[i].name);
    n->out->n = mark;
}

/* ---- titles ---- */

/* A title in the plural starting at i ("chief executives", "spokesmen"):
 * its number of tokens, 0 when there is none. */
static size_t plural_title_at(ner *n, size_t i, size_t limit)
{
    return phrase_at(n, i, limit, EG_LEX_TITLE_PLURAL, NULL);
}

/*
 * A title starting at i: optional modifiers ("deputy", "Plenipotentiary",
 * "Foreign") then a title phrase ("Executive Secretary"), in any case.
 * Returns its end (exclusive) or i when there is none. With `plural`, a
 * title in the plural counts too ("chief executives"), and *plural says
 * whether the last title phrase was one.
 */
static size_t title_at(ner *n, size_t i, size_t limit, bool *plural)
{
    size_t j = i;
    size_t last_title_end = i;
    if (plural)
        *plural = false;
    while (j < limit && tk(n, j)->kind == EG_TOK_WORD && !(tk(n, j)->flags & EG_TOK_POSSESSIVE)) {
        size_t len = phrase_at(n, j, limit, EG_LEX_TITLE, NULL);
        size_t plural_len = plural ? plural_title_at(n, j, limit) : 0;
        if (plural && (len || plural_len))
            *plural = plural_len > len;
        if (plural_len > len)
            len = plural_len;
        if (len) {
            last_title_end = j + len;
            /* a title may be followed by more title words ("Secretary General") */
            j += len;
            continue;
        }
        /* "under" modifies "secretary" ("Under Secretary of State"); before
         * another title it is the preposition ("under President P") */
        if (is_word(n, j, "under") && !is_word(n, j + 1, "secretary") && !is_word(n, j + 1, "secretary-general"))
            break;
        if (cls(n, j) & (EG_LEX_TITLE_MOD | EG_LEX_PORTFOLIO)) {
            j++;
            continue;
        }
        break;
    }
    /* modifiers after the title: "Ambassador Extraordinary and Plenipotentiary" */
    if (last_title_end > i) {
        size_t k = last_title_end;
        for (;;) {
            size_t q = k;
            if (is_word(n, q, "and"))
                q++;
            if (q < limit && tk(n, q)->kind == EG_TOK_WORD && (cls(n, q) & EG_LEX_TITLE_MOD) &&
                !(cls(n, q) & EG_LEX_TITLE) && same_line(n, i, q) &&
                (is_cap(n, q) == is_cap(n, i)) && (q == k || (cls(n, k - 1) & EG_LEX_TITLE_MOD))) {
                k = q + 1;
                continue;
            }
            break;
        }
        /* only a whole run of modifiers counts ("Extraordinary and Plenipotentiary") */
        if (k > last_title_end && !is_cap(n, k))
            last_title_end = k;
    }
    return last_title_end;
}

/* "of Foreign Affairs", "of State": a portfolio after a title. Returns the new end. */
static size_t portfolio_end(ner *n, size_t e)
{
    if (!is_word(n, e, "of") || !is_cap(n, e + 1) || !(cls(n, e + 1) & EG_LEX_PORTFOLIO) ||
        !same_line(n, e, e + 1))
        return e;
    size_t k = e + 1;
    while (k < n->n && same_line(n, e, k)) {
        if (is_cap(n, k) && (cls(n, k) & EG_LEX_PORTFOLIO)) {
            k++;
            continue;
        }
        if ((is_word(n, k, "and") || is_punct(n, k, ',')) && is_cap(n, k + 1) &&
            (cls(n, k + 1) & EG_LEX_PORTFOLIO) && !(cls(n, k + 1) & EG_LEX_TITLE)) {
            k += 2;
            continue;
        }
        break;
    }
    /* a portfolio is not followed by more of the name ("of Foreign Affairs
     * Ministry"), but may be by the holder's ("Minister of Finance Kari
     * Lunde") */
    if (is_cap(n, k) && same_line(n, e, k) &&
        (cls(n, k) & (EG_LEX_BODY_HEAD | EG_LEX_PORTFOLIO | EG_LEX_GENERIC_MOD | EG_LEX_DOC_HEAD | EG_LEX_EVENT_HEAD)))
        return e;
    return k;
}

/* ---- cores ---- */

/* An initial: one capital letter and a period right after it ("F."). */
static bool is_initial(const ner *n, size_t i)
{
    return is_cap(n, i) && tk(n, i)->end - tk(n, i)->start == 1 && is_punct(n, i + 1, '.') &&
           !(tk(n, i + 1)->flags & EG_TOK_SPACE_BEFORE);
}

/* The end of the run of capitalised tokens starting at i. */
/* A plural common noun in the possessive inside a body's name: "People's",
 * "Workers'", "Women's" (not "Russia's", "Bush's"). */
static bool group_possessive(const ner *n, size_t i)
{
    eg_lex_classes c = cls(n, i);
    /* "the CSTO Member States' Council": the members own it, it is theirs */
    if (!(c & EG_LEX_ENGLISH) || (c & (EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_GIVEN | EG_LEX_SURNAME |
                                       EG_LEX_ORG | EG_LEX_PLACE | EG_LEX_GROUP_NOUN)))
        return false;
    const char *w = nm(n, i);
    size_t len = strlen(w);
    return strcmp(w, "people") == 0 || strcmp(w, "women") == 0 || strcmp(w, "children") == 0 ||
           strcmp(w, "men") == 0 || (len > 3 && w[len - 1] == 's' && w[len - 2] != 's');
}

static size_t core_end(const ner *n, size_t i)
{
    size_t j = i;
    while (j < n->n) {
        if (j > i && !same_line(n, i, j))
            break;
        if (is_initial(n, j) && is_cap(n, j + 2) && same_line(n, j, j + 2)) {
            j += 2; /* "S. Waugh", "John F. Kennedy" */
            continue;
        }
        if (is_cap(n, j)) {
            j++;
            continue;
        }
        if (j == i && is_year(n, j) && is_cap(n, j + 1) && same_line(n, j, j + 1)) {
            j++;
            continue;
        }
        if (j > i && (cls(n, j) & EG_LEX_PARTICLE) && is_lower_word(n, j) && is_cap(n, j + 1) &&
            same_line(n, j, j + 1)) {
            j++;
            continue;
        }
        if (j > i && is_punct(n, j, '&') && is_cap(n, j + 1) && same_line(n, j, j + 1)) {
            j++;
            continue;
        }
        /* "Croatian People's Party", "National Governors' Association" */
        if (j > i && (tk(n, j)->flags & EG_TOK_POSSESSIVE) && is_cap(n, j + 1) && same_line(n, j, j + 1) &&
            group_possessive(n, j - 1)) {
            j++;
            continue;
        }
        break;
    }
    return j;
}

/* Whether token i starts a sentence (possibly after opening punctuation). */
static bool at_sentence_start(const ner *n, size_t i)
{
    if (tk(n, i)->flags & (EG_TOK_SENT_START | EG_TOK_LINE_START))
        return true;
    size_t k = i;
    while (k > 0 && tk(n, k - 1)->kind == EG_TOK_PUNCT && same_line(n, k - 1, i)) {
        k--;
        if (tk(n, k)->flags & (EG_TOK_SENT_START | EG_TOK_LINE_START))
            return true;
    }
    return false;
}

/* "Evaluating Juppe's visit", "Quoting Xinhua": a sentence that opens with
 * a present participle, right before a name. */
static bool participle_opener(const ner *n, size_t i, size_t e)
{
    const char *w = nm(n, i);
    size_t len = strlen(w);
    return i + 1 < e && len >= 7 && strcmp(w + len - 3, "ing") == 0 &&
           (cls(n, i) & EG_LEX_ENGLISH) && !(cls(n, i) & EG_LEX_PLACE);
}

/* Skips capitalised words at the start of a core that are not names:
 * function words ("The", "According") and a sentence's first word that the
 * document also writes in lower case ("Considering"). */
static size_t strip_leading(ner *n, size_t i, size_t e)
{
    while (i < e) {
        eg_lex_classes c = cls(n, i);
        /* "New York", "The Hague": the first word of a known name stays */
        if (phrase_at(n, i, n->n, EG_LEX_COUNTRY | EG_LEX_ORG | EG_LEX_PLACE, NULL) > 1)
            break;
        if ((c & EG_LEX_FUNCTION) && !(c & (EG_LEX_COUNTRY | EG_LEX_ORG))) {
            i++;
            continue;
        }
        if (at_sentence_start(n, i) && !(c & NAME_CLASSES) && !(tk(n, i)->flags & EG_TOK_ALLCAPS) &&
            (eg_map_get(n->lower_words, nm(n, i)) != EG_NONE || participle_opener(n, i, e))) {
            i++;
            continue;
        }
        break;
    }
    return i;
}

/* ---- typing ---- */

static bool is_acronym_token(const ner *n, size_t i)
{
    const eg_token *t = tk(n, i);
    if (t->kind != EG_TOK_WORD || (t->flags & EG_TOK_HEADLINE))
        return false;
    if (!(t->flags & (EG_TOK_ALLCAPS | EG_TOK_DOTTED)))
        return false;
    if (t->end - t->start > 12)
        return false;
    eg_lex_classes c = cls(n, i);
    if (c & (EG_LEX_NOT_ACRONYM | EG_LEX_CALENDAR | EG_LEX_HONORIFIC | EG_LEX_TITLE |
             EG_LEX_FUNCTION | EG_LEX_REGION))
        return false;
    if ((c & (EG_LEX_COUNTRY | EG_LEX_DEMONYM)) && !(c & EG_LEX_ORG))
        return false;
    return true;
}

/* Surname endings common in the languages of news names; weak evidence. */
static bool surname_shaped(const ner *n, size_t i)
{
    static const char *const endings[] = {"ov",  "ova",  "ev",    "eva",  "in",   "ina",
                                          "sky", "skiy", "skaya", "enko", "yan",  "ian",
                                          "uly", "kyzy", "shvili", "dze", "escu", "vic",
                                          "vich", "ovich", "evich", "son", "sen", "ez",
                                          "ski", "ska", "oglu", "zade", "bayev", "bekov"};
    const char *s = nm(n, i);
    size_t len = strlen(s);
    if (len < 4)
        return false;
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
        size_t el = strlen(endings[k]);
        if (len > el + 1 && strcmp(s + len - el, endings[k]) == 0)
            return true;
    }
    return false;
}

/* Whether token i is a given name, also as the first part of a compound
 * ("Kassym-Jomart") or of a run-together name ("YerlanKoshanov"). */
static bool is_given(ner *n, size_t i)
{
    if (cls(n, i) & EG_LEX_GIVEN)
        return true;
    const eg_token *t = tk(n, i);
    if (!(t->flags & (EG_TOK_HYPHEN | EG_TOK_CAMEL)))
        return false;
    const char *s = n->text + t->start;
    size_t len = t->end - t->start;
    /* the first part: up to a hyphen, or up to the first inner capital */
    size_t cut = 0;
    for (size_t k = 1; k < len; k++) {
        if (s[k] == '-') {
            cut = k;
            break;
        }
        if ((t->flags & EG_TOK_CAMEL) && s[k] >= 'A' && s[k] <= 'Z' && s[k - 1] >= 'a' &&
            s[k - 1] <= 'z') {
            cut = k;
            break;
        }
    }
    if (!cut)
        return false;
    eg_strbuf_reset(&n->key);
    if (eg_normalize(s, cut, &n->key) != EG_OK)
        return false;
    return (eg_lexicon_classes(n->lex, n->key.buf) & EG_LEX_GIVEN) != 0;
}


/* Whether tokens [s, e) can all be parts of a personal name. */
static bool name_like(const ner *n, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++) {
        if (k > s && is_initial(n, k - 1) && is_punct(n, k, '.'))
            continue;
        if (tk(n, k)->kind != EG_TOK_WORD)
            return false;
        eg_lex_classes c = cls(n, k);
        if (c & EG_LEX_PARTICLE)
            continue;
        if (is_initial(n, k))
            continue;
        /* "Elizabeth I", "Louis XIV", "Thomas Gardner III" */
        if (k > s && roman_token(n, k))
            continue;
        if (!is_cap(n, k))
            return false;
        /* "Bill Clinton": a given name first may be a head word too */
        if (k == s && e - s >= 2 && (c & EG_LEX_GIVEN) && !(c & (EG_LEX_FUNCTION | EG_LEX_CALENDAR)))
            continue;
        if (c & (HEAD_CLASSES | EG_LEX_LEGISLATURE | EG_LEX_REGION | EG_LEX_CALENDAR |
                 EG_LEX_FUNCTION))
            return false;
        /* "General Electric": a name does not begin with a post that is also
         * an adjective */
        if (k == s && (c & EG_LEX_TITLE) && (c & EG_LEX_TITLE_MOD) && !(c & (EG_LEX_GIVEN | EG_LEX_SURNAME)))
            return false;
        if ((c & (EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_ORG)) && !(c & (EG_LEX_GIVEN | EG_LEX_SURNAME)))
            return false;
    }
    return true;
}

/* No token of [s, e) is in a lexicon (but as a given name or surname), nor
 * written in lower case elsewhere in the document, nor in capitals. */
static bool unknown_words(ner *n, size_t s, size_t e)
{
    /* "San Francisco Giants": a place's name begins it */
    if (phrase_at(n, s, e, EG_LEX_COUNTRY | EG_LEX_ORG | EG_LEX_PLACE, NULL))
        return false;
    for (size_t k = s; k < e; k++) {
        if (is_initial(n, k) || (k > s && is_initial(n, k - 1)))
            continue;
        if (tk(n, k)->end - tk(n, k)->start < 2)
            return false;
        if ((cls(n, k) & ~(EG_LEX_GIVEN | EG_LEX_SURNAME)) ||
            (tk(n, k)->flags & EG_TOK_ALLCAPS) || eg_map_get(n->lower_words, nm(n, k)) != EG_NONE)
            return false;
    }
    return true;
}

/* All tokens of [s, e) are generic modifiers or head words ("Parliamentary Assembly"). */
static bool all_generic(const ner *n, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if (!(cls(n, k) & (EG_LEX_GENERIC_MOD | EG_LEX_BODY_HEAD | EG_LEX_DOC_HEAD)) ||
            (cls(n, k) & EG_LEX_LEGISLATURE))
            return false;
    return true;
}

static size_t type_segment(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link,
                           bool force_person);

/* After a title, capitalised words are a person's name when they look like
 * one: two words or more, a known given name or surname, a surname's ending,
 * or a word the document never writes in lower case. */
static bool person_evidence(ner *n, size_t s, size_t e)
{
    if (e - s >= 2)
        return true;
    if (cls(n, s) & (EG_LEX_GIVEN | EG_LEX_SURNAME))
        return true;
    if (cls(n, s) & (EG_LEX_TITLE_MOD | EG_LEX_PORTFOLIO | EG_LEX_GENERIC_MOD))
        return false;
    return surname_shaped(n, s) || eg_map_get(n->lower_words, nm(n, s)) == EG_NONE;
}

/*
 * The longest proper prefix of [s, h) that is a name of its own (an acronym,
 * a country, an organisation, or a phrase ending in a body head), added as a
 * nested chunk of `self`.
 */
static void add_premod(ner *n, size_t s, size_t h, size_t self)
{
    while (s < h && tk(n, s)->kind == EG_TOK_NUMBER)
        s++;
    if (s >= h)
        return;
    if ((cls(n, s) & EG_LEX_DEMONYM) && !(cls(n, s) & EG_LEX_COUNTRY)) {
        /* "Russian Foreign Ministry": the state is implied, not named */
        const eg_lex_entry *e = eg_lexicon_lookup(n->lex, nm(n, s));
        size_t c = add_chunk(n, s, s + 1, EG_CHUNK_COUNTRY, self, EG_LINK_PREMOD);
        if (c != EG_NONE) {
            ch(n, c)->flags |= EG_CHUNK_HIDDEN;
            ch(n, c)->form = EG_FORM_DEMONYM;
            ch(n, c)->country = e ? e->country : -1;
        }
        return;
    }
    for (size_t p = h; p > s; p--) {
        const eg_lex_entry *e = NULL;
        size_t plen = phrase_at(n, s, p, EG_LEX_COUNTRY | EG_LEX_ORG, &e);
        bool acr = true;
        for (size_t k = s; k < p && acr; k++)
            acr = is_acronym_token(n, k);
        bool head = (cls(n, p - 1) & EG_LEX_BODY_HEAD) && p - 1 > s;
        if (plen == p - s || acr || head) {
            size_t mark = n->out->n;
            size_t c = type_segment(n, s, p, self, EG_LINK_PREMOD, false);
            if (c != EG_NONE && (ch(n, c)->kind == EG_CHUNK_BODY || ch(n, c)->kind == EG_CHUNK_COUNTRY))
                return;
            rollback(n, mark);
        }
    }
}

/* "in Congress", "Navy sources said": one head word with no article or
 * possessive before it, inside a sentence, is a proper name. */
static bool zero_article(const ner *n, size_t s, size_t e)
{
    static const char *const dets[] = {"the", "a", "an", "this", "that", "these", "those", "its",
                                       "their", "his", "her", "our", "your", "my", "each", "every",
                                       "any", "another", "whose", "which", "no", "same"};
    if (e - s != 1 || s == 0 || at_sentence_start(n, s) || (tk(n, s)->flags & EG_TOK_HEADLINE))
        return false;
    /* after a lower-case word, and alone: not "(Party of", "Police Major" */
    if (!is_lower_word(n, s - 1) || (tk(n, s - 1)->flags & EG_TOK_POSSESSIVE) ||
        (e < n->n && (is_word(n, e, "of") || is_cap(n, e))))
        return false;
    for (size_t k = 0; k < sizeof dets / sizeof dets[0]; k++)
        if (is_word(n, s - 1, dets[k]))
            return false;
    return true;
}

/* On a wire's source line ("PM2303111794 Moscow IZVESTIYA in Russian 23 Mar
 * 94", "Sofia BTA"), the length of the city's name that begins [s, e) and is
 * followed by a name in capitals to the end of the line or to "in"; else 0. */
static size_t source_city(ner *n, size_t s, size_t e)
{
    if (!(tk(n, s)->flags & EG_TOK_LINE_START)) {
        /* after the wire's reference code at the line's start */
        if (s == 0 || !(tk(n, s - 1)->flags & EG_TOK_LINE_START) || !(tk(n, s - 1)->flags & EG_TOK_DIGIT) ||
            !(tk(n, s - 1)->flags & EG_TOK_CAP))
            return 0;
    }
    size_t city = phrase_at(n, s, e, EG_LEX_PLACE | EG_LEX_COUNTRY, NULL);
    if (!city || s + city >= e)
        return 0;
    for (size_t k = s + city; k < e; k++)
        if (tk(n, k)->kind != EG_TOK_WORD || !(tk(n, k)->flags & EG_TOK_ALLCAPS) ||
            (cls(n, k) & (EG_LEX_COUNTRY | EG_LEX_DEMONYM)))
            return 0;
    if (e < n->n && !(tk(n, e)->flags & EG_TOK_LINE_START) && !is_word(n, e, "in"))
        return 0;
    return city;
}

/* Types tokens [s, e) of a core (titles already cut out). Returns the chunk
 * index, or EG_NONE when nothing was added. */
/* A typing step's answer when the step does not apply (EG_NONE is taken:
 * no chunk, out of memory). */
#define UNDECIDED ((size_t)-3)

/* "CSTO Member States": the group of members is not a body of its own,
 * unless the whole is a name ("Commonwealth of Independent States").
 * Returns the end of [s, e) without the group's words. */
static size_t without_group(ner *n, size_t s, size_t e)
{
    if (e - s < 2 || phrase_at(n, s, e, EG_LEX_COUNTRY | EG_LEX_ORG, NULL) == e - s)
        return e;
    for (size_t g = s + 1; g < e; g++) {
        size_t glen = phrase_at(n, g, e, EG_LEX_GROUP_NOUN, NULL);
        if (glen && g + glen == e)
            return g;
    }
    return e;
}

/* A chunk of [s, e) typed `kind` with strong evidence. */
static size_t strong_chunk(ner *n, size_t s, size_t e, eg_chunk_kind kind, size_t parent,
                           eg_chunk_link link)
{
    size_t c = add_chunk(n, s, e, kind, parent, link);
    if (c != EG_NONE)
        ch(n, c)->flags |= EG_CHUNK_STRONG;
    return c;
}

/* "Moscow IZVESTIYA in Russian", "Sofia BTA": the paper or agency after the
 * city on a wire's source line. */
static size_t type_wire_source(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link)
{
    size_t city = source_city(n, s, e);
    if (!city)
        return UNDECIDED;
    size_t c = add_chunk(n, s, s + city, EG_CHUNK_OTHER, parent, link);
    if (c != EG_NONE)
        ch(n, c)->flags |= EG_CHUNK_PLACE;
    return strong_chunk(n, s + city, e, EG_CHUNK_BODY, parent, link);
}

/* A lexicon phrase covering the whole segment: a country, an organisation,
 * a demonym, a region, a month, an event, a place. */
static size_t type_by_lexicon(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link,
                              bool force_person, bool headline)
{
    const eg_lex_entry *le = NULL;
    size_t plen = phrase_at(n, s, e, EG_LEX_COUNTRY | EG_LEX_ORG | EG_LEX_DEMONYM | EG_LEX_REGION |
                                         EG_LEX_CALENDAR | EG_LEX_EVENT_HEAD | EG_LEX_PLACE,
                            &le);
    if (plen != e - s || !le)
        return UNDECIDED;
    if (le->classes & EG_LEX_COUNTRY) {
        size_t c = strong_chunk(n, s, e, EG_CHUNK_COUNTRY, parent, link);
        if (c != EG_NONE) {
            ch(n, c)->country = le->country;
            if (e - s == 1 && (tk(n, s)->flags & (EG_TOK_ALLCAPS | EG_TOK_DOTTED)))
                ch(n, c)->form = EG_FORM_ACRONYM;
        }
        return c;
    }
    if (le->classes & EG_LEX_ORG) {
        size_t c = strong_chunk(n, s, e, EG_CHUNK_BODY, parent, link);
        if (c != EG_NONE) {
            ch(n, c)->org = le->org;
            if (le->classes & EG_LEX_ORG_ACRONYM)
                ch(n, c)->form = EG_FORM_ACRONYM;
        }
        return c;
    }
    if ((le->classes & EG_LEX_DEMONYM) && e - s == 1 && !headline && (cls(n, e) & EG_LEX_STATE_NOUN) &&
        is_lower_word(n, e)) {
        /* an adjective naming the state: "the Russian side", "American military
         * presence"; not "a Spanish conqueror" */
        size_t c = strong_chunk(n, s, e, EG_CHUNK_COUNTRY, parent, link);
        if (c != EG_NONE) {
            ch(n, c)->country = le->country;
            ch(n, c)->form = EG_FORM_DEMONYM;
        }
        return c;
    }
    if (le->classes & (EG_LEX_REGION | EG_LEX_CALENDAR))
        return add_chunk(n, s, e, EG_CHUNK_OTHER, parent, link);
    if ((le->classes & EG_LEX_DEMONYM) && e - s == 1) {
        /* "a Spanish conqueror": describes, names nothing, and must not
         * take the country's type from "the Spanish government" */
        size_t c = add_chunk(n, s, e, EG_CHUNK_OTHER, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_HIDDEN;
        return c;
    }
    if ((le->classes & EG_LEX_PLACE) && !force_person) {
        size_t c = add_chunk(n, s, e, EG_CHUNK_OTHER, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_PLACE;
        return c;
    }
    return UNDECIDED;
}

/* The rightmost head word decides: a body, a document, an event or a place
 * ("Ministry", "Treaty", "Conference", "Street"); but a given name that is
 * also a head word, before a name, is a person's ("Bill Nelson"). */
static size_t type_by_head(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link,
                           bool headline)
{
    if (e - s >= 2 && e - s <= 4 && (cls(n, s) & EG_LEX_GIVEN) && !headline &&
        name_like(n, s + 1, e) && !(cls(n, s + 1) & (EG_LEX_TITLE | EG_LEX_TITLE_MOD)))
        return strong_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    size_t h = EG_NONE;
    for (size_t k = e; k > s; k--) {
        if (cls(n, k - 1) & (HEAD_CLASSES | EG_LEX_LEGISLATURE)) {
            h = k - 1;
            break;
        }
    }
    if (h == EG_NONE || (headline && (tk(n, s)->flags & EG_TOK_ALLCAPS)))
        return UNDECIDED;
    eg_lex_classes hc = cls(n, h);
    eg_chunk_kind kind = EG_CHUNK_OTHER;
    if (hc & (EG_LEX_BODY_HEAD | EG_LEX_LEGISLATURE))
        kind = EG_CHUNK_BODY;
    else if (hc & EG_LEX_DOC_HEAD)
        kind = EG_CHUNK_DOCUMENT;
    /* "Soviet Navy Nikolai Kuznetsov": a person's name after the head */
    if (kind == EG_CHUNK_BODY && h + 1 < e && is_given(n, h + 1) && name_like(n, h + 1, e) &&
        e - (h + 1) >= 2) {
        size_t b = strong_chunk(n, s, h + 1, EG_CHUNK_BODY, parent, link);
        if (b == EG_NONE)
            return b;
        if (all_generic(n, s, h + 1))
            ch(n, b)->flags |= EG_CHUNK_GENERIC;
        add_premod(n, s, h, b);
        return strong_chunk(n, h + 1, e, EG_CHUNK_PERSON, parent, link);
    }
    size_t c = strong_chunk(n, s, e, kind, parent, link);
    if (c == EG_NONE)
        return c;
    if (kind == EG_CHUNK_BODY && all_generic(n, s, e))
        ch(n, c)->flags |= zero_article(n, s, e) ? EG_CHUNK_BARE : EG_CHUNK_GENERIC;
    if (kind == EG_CHUNK_DOCUMENT && e - s == 1)
        ch(n, c)->flags |= EG_CHUNK_GENERIC;
    add_premod(n, s, h, c);
    return c;
}

/* Words before a person's full name that are not part of it: a sentence's
 * first word ("Ask Anna Kowalski"), words that describe the person ("
 * Controversial Australian Anthony Hill", typed as a segment of their own).
 * Returns where the name begins. */
static size_t skip_describing_words(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link)
{
    if (e - s >= 2 && at_sentence_start(n, s) && !(cls(n, s) & NAME_CLASSES) && is_given(n, s + 1) &&
        (e - s >= 3 || (tk(n, s + 1)->flags & EG_TOK_CAMEL)) && name_like(n, s + 1, e))
        s++;
    for (size_t g = s + 1; g + 2 <= e && g - s <= 3; g++) {
        if (!is_given(n, g) || !name_like(n, g, e))
            continue;
        bool describing = true;
        for (size_t k = s; k < g && describing; k++) {
            eg_lex_classes c = cls(n, k);
            describing = ((c & EG_LEX_DEMONYM) && !(c & EG_LEX_ORG)) ||
                         (k == s && at_sentence_start(n, k) && (c & EG_LEX_ENGLISH) &&
                          !(c & (NAME_CLASSES | HEAD_CLASSES)));
        }
        if (!describing)
            continue;
        type_segment(n, s, g, parent, link, false);
        return g;
    }
    return s;
}

/* A person's name by its shape and the name lexicons. */
static size_t type_person(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link)
{
    /* given name + capitalised words; the surname may be a country's name
     * or a demonym ("Neil Jordan", "Richard Finn") */
    if (e - s >= 2 && e - s <= 5 && is_given(n, s) &&
        (name_like(n, s + 1, e) ||
         (name_like(n, s + 1, e - 1) && (cls(n, e - 1) & (EG_LEX_COUNTRY | EG_LEX_DEMONYM)) && is_cap(n, e - 1) &&
          !(tk(n, e - 1)->flags & EG_TOK_ALLCAPS) && !(cls(n, s) & (EG_LEX_COUNTRY | EG_LEX_PLACE)))) &&
        !(tk(n, e - 1)->flags & EG_TOK_POSSESSIVE))
        return strong_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    /* initials and a surname: "S. Waugh", "J.R. Ewing" */
    if (e - s >= 3 && is_initial(n, s) && name_like(n, s, e) && !is_initial(n, e - 2))
        return strong_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    /* family name first: "Wang Ziqiang" (a known surname, then a name no lexicon knows) */
    if (e - s == 2 && (cls(n, s) & EG_LEX_SURNAME) && !cls(n, s + 1) && name_like(n, s, e) &&
        !(tk(n, s + 1)->flags & EG_TOK_ALLCAPS) && eg_map_get(n->lower_words, nm(n, s + 1)) == EG_NONE)
        return add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    /* a name no lexicon knows, then a known surname: "Jansher Khan" */
    if (e - s == 2 && (cls(n, s + 1) & EG_LEX_SURNAME) && !cls(n, s) && name_like(n, s, e) &&
        !at_sentence_start(n, s) && !(tk(n, s)->flags & EG_TOK_ALLCAPS) &&
        eg_map_get(n->lower_words, nm(n, s)) == EG_NONE)
        return add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    /* one run-together token whose first part is a given name: "YerlanKoshanov" */
    if (e - s == 1 && (tk(n, s)->flags & EG_TOK_CAMEL) && !(tk(n, s)->flags & EG_TOK_ALLCAPS) &&
        is_given(n, s))
        return strong_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    return UNDECIDED;
}

/* Capitals: an acronym of a body ("NATO", "CSTO PA", the first its own). */
static size_t type_acronym(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link)
{
    if (e - s > 3)
        return UNDECIDED;
    for (size_t k = s; k < e; k++)
        if (!is_acronym_token(n, k))
            return UNDECIDED;
    size_t c = add_chunk(n, s, e, EG_CHUNK_BODY, parent, link);
    if (c == EG_NONE)
        return c;
    ch(n, c)->form = EG_FORM_ACRONYM;
    if (e - s >= 2) {
        size_t p = add_chunk(n, s, s + 1, EG_CHUNK_BODY, c, EG_LINK_PREMOD);
        if (p != EG_NONE)
            ch(n, p)->form = EG_FORM_ACRONYM;
    }
    return c;
}

/* Weak evidence of a person's name: two or three capitalised words ending
 * like a surname, or no lexicon knows and the document never writes in lower
 * case ("Yisrael Tal", "Gavrilo Princip"). */
static size_t type_unknown_person(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link,
                                  bool headline)
{
    if (headline)
        return UNDECIDED;
    if (e - s >= 2 && e - s <= 3 && name_like(n, s, e) && surname_shaped(n, e - 1))
        return add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    if (e - s >= 2 && e - s <= 3 + (is_initial(n, s + 1) ? 2 : 0) && link == EG_LINK_NONE &&
        name_like(n, s, e) && unknown_words(n, s, e) &&
        !(e < n->n && (tk(n, e)->flags & EG_TOK_POSSESSIVE) && is_cap(n, e + 1)))
        return add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
    return UNDECIDED;
}

/* Types tokens [s, e) of a core (titles already cut out): each step in turn
 * decides or passes, the strongest evidence first. Returns the chunk index,
 * or EG_NONE when nothing was added. */
static size_t type_segment(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link,
                           bool force_person)
{
    if (s >= e)
        return EG_NONE;
    bool headline = is_headline(n, s);
    e = without_group(n, s, e);
    size_t c = type_wire_source(n, s, e, parent, link);
    if (c != UNDECIDED)
        return c;
    if (force_person && name_like(n, s, e) && person_evidence(n, s, e)) {
        c = strong_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
        /* "Mr Carter": one word after an honorific or a title is a surname */
        if (c != EG_NONE && e - s == 1)
            ch(n, c)->form = EG_FORM_SURNAME;
        return c;
    }
    if ((c = type_by_lexicon(n, s, e, parent, link, force_person, headline)) != UNDECIDED ||
        (c = type_by_head(n, s, e, parent, link, headline)) != UNDECIDED)
        return c;
    s = skip_describing_words(n, s, e, parent, link);
    if ((c = type_person(n, s, e, parent, link)) != UNDECIDED ||
        (c = type_acronym(n, s, e, parent, link)) != UNDECIDED ||
        (c = type_unknown_person(n, s, e, parent, link, headline)) != UNDECIDED)
        return c;
    return add_chunk(n, s, e, EG_CHUNK_OTHER, parent, link);
}

/* ---- complements ---- */

static size_t parse_name(ner *n, size_t i, size_t limit, size_t parent, eg_chunk_link link,
                         size_t *end);

/* Extends an untyped complement over a list: "International Affairs, Defence and Security". */
static size_t list_end(ner *n, size_t j, size_t limit)
{
    for (;;) {
        size_t k = j;
        if (is_punct(n, k, ',') && k + 1 < limit)
            k++;
        else if (is_word(n, k, "and") && k + 1 < limit)
            k++;
        else
            break;
        if (!is_cap(n, k) || !same_line(n, j, k) || (cls(n, k) & EG_LEX_FUNCTION))
            break;
        size_t ce = core_end(n, k);
        if (ce > limit)
            ce = limit;
        bool head = false;
        for (size_t q = k; q < ce; q++)
            if (cls(n, q) & (HEAD_CLASSES | EG_LEX_LEGISLATURE | EG_LEX_TITLE | EG_LEX_COUNTRY))
                head = true;
        if (head)
            break;
        /* a comma continues the list only if an "and" closes it later on */
        if (is_punct(n, j, ',')) {
            size_t q = ce;
            while (q < limit && (is_punct(n, q, ',') || is_cap(n, q)) && same_line(n, j, q))
                q++;
            if (!is_word(n, q, "and"))
                break;
        }
        j = ce;
    }
    return j;
}

/* Runs on over "the", "to", "and"... followed by capitals, but not over
 * "of", "on" or "for", which begin complements of their own. */
static size_t phrase_complement_end(ner *n, size_t start, size_t j, size_t limit)
{
    for (;;) {
        size_t k = j;
        while (k < limit && (is_word(n, k, "the") || is_word(n, k, "to") || is_word(n, k, "and") ||
                             is_word(n, k, "in") || is_word(n, k, "against") ||
                             is_word(n, k, "with") || is_word(n, k, "a") || is_word(n, k, "an")))
            k++;
        if (k == j || k >= limit || !is_cap(n, k) || !same_line(n, start, k))
            return j;
        if (cls(n, k) & (HEAD_CLASSES | EG_LEX_LEGISLATURE | EG_LEX_TITLE))
            return j;
        size_t ce = core_end(n, k);
        j = ce > limit ? limit : ce;
    }
}

/* Complements of a body: "of the Republic of Belarus", "on International
 * Affairs", "(University) of ...". Returns the new end of the name. */
static size_t body_complements(ner *n, size_t self, size_t j, size_t limit)
{
    for (;;) {
        if (j >= limit || !same_line(n, ch(n, self)->first, j) ||
            j - ch(n, self)->first >= MAX_NAME_TOKENS)
            break;
        /* "(University) of": a parenthesised word inside the name */
        if (is_punct(n, j, '(') && is_cap(n, j + 1) && !is_acronym_token(n, j + 1) &&
            is_punct(n, j + 2, ')') && is_word(n, j + 3, "of")) {
            j += 3;
            continue;
        }
        const char *prep = NULL;
        if (is_word(n, j, "of"))
            prep = "of";
        else if (is_word(n, j, "on"))
            prep = "on";
        else if (is_word(n, j, "for"))
            prep = "for";
        if (!prep)
            break;
        size_t k = j + 1;
        if (is_word(n, k, "the"))
            k++;
        if (!is_cap(n, k) || !same_line(n, j, k) || k >= limit)
            break;
        size_t mark = n->out->n;
        size_t xend = k;
        size_t x = parse_name(n, k, limit, self, EG_LINK_COMPLEMENT, &xend);
        bool ok = false;
        if (x != EG_NONE) {
            eg_chunk *c = ch(n, x);
            if (prep[0] == 'o' && prep[1] == 'f')
                ok = c->kind == EG_CHUNK_BODY || c->kind == EG_CHUNK_COUNTRY ||
                     (c->kind == EG_CHUNK_OTHER && !(cls(n, c->last - 1) & HEAD_CLASSES) &&
                      !(cls(n, c->first) & (EG_LEX_CALENDAR | EG_LEX_REGION)));
            else
                ok = c->kind == EG_CHUNK_OTHER && !(cls(n, c->first) & (EG_LEX_CALENDAR | EG_LEX_REGION)) &&
                     !(cls(n, c->last - 1) & (EG_LEX_EVENT_HEAD | EG_LEX_LOC_HEAD));
            if (ok && c->kind == EG_CHUNK_OTHER && (tk(n, c->last - 1)->flags & EG_TOK_POSSESSIVE))
                ok = false;
            if (ok && c->kind == EG_CHUNK_OTHER)
                xend = list_end(n, xend, limit);
            /* "for Countering the Illicit Drug Trafficking": a phrase, as in titles */
            if (ok && c->kind == EG_CHUNK_OTHER && prep[0] != 'o')
                xend = phrase_complement_end(n, j, xend, limit);
            if (ok && c->kind == EG_CHUNK_COUNTRY && is_word(n, xend, "and") &&
                is_cap(n, xend + 1) && same_line(n, j, xend + 1)) {
                /* "of Belarus and Russia" */
                size_t mark2 = n->out->n;
                size_t yend = xend + 1;
                size_t y = parse_name(n, xend + 1, limit, self, EG_LINK_COMPLEMENT, &yend);
                if (y != EG_NONE && ch(n, y)->kind == EG_CHUNK_COUNTRY)
                    xend = yend;
                else
                    rollback(n, mark2);
            }
        }
        if (!ok) {
            rollback(n, mark);
            break;
        }
        j = xend;
    }
    return j;
}

/* Function words that may sit inside a document's title. */
static bool title_connector(const ner *n, size_t i)
{
    static const char *const words[] = {"of",      "on",   "for",  "the",  "and",   "to",
                                        "in",      "a",    "an",   "against", "between", "with",
                                        "as",      "by",   "from", "into", "at",    "within",
                                        "towards", "toward", "among", "concerning", "regarding"};
    if (!is_lower_word(n, i))
        return false;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcmp(nm(n, i), words[k]) == 0)
            return true;
    return false;
}

/* Whether a new name headed by a body or document head begins at k. */
static bool new_headed_name(ner *n, size_t k)
{
    size_t ce = core_end(n, k);
    if (cls(n, k) & EG_LEX_TITLE)
        return true;
    for (size_t q = k; q < ce; q++)
        if (cls(n, q) & (EG_LEX_DOC_HEAD | EG_LEX_BODY_HEAD | EG_LEX_LEGISLATURE))
            return true;
    return false;
}

/* "for 2021", "until 2025", "for the second half of 2020 and the first half of 2021" */
static size_t date_complement(ner *n, size_t j)
{
    size_t k = j;
    for (int rounds = 0; rounds < 2; rounds++) {
        size_t q = k, next = EG_NONE;
        if (rounds == 1) {
            if (!is_word(n, q, "and"))
                break;
            q++;
        }
        if (rounds == 0 && !(is_word(n, q, "for") || is_word(n, q, "until") || is_word(n, q, "of") ||
                             is_word(n, q, "to") || is_word(n, q, "till") || is_word(n, q, "through")))
            break;
        if (rounds == 0)
            q++;
        if (is_year(n, q)) {
            next = q + 1;
        } else {
            if (is_word(n, q, "the"))
                q++;
            if ((is_word(n, q, "first") || is_word(n, q, "second")) &&
                (is_word(n, q + 1, "half") || is_word(n, q + 1, "quarter")) && is_word(n, q + 2, "of") &&
                is_year(n, q + 3))
                next = q + 4;
            else if (is_word(n, q, "period") && is_word(n, q + 1, "until") && is_year(n, q + 2))
                next = q + 3;
        }
        /* on the name's line only: a year on the next line is no part of it */
        if (next == EG_NONE || j == 0 || !same_line(n, j - 1, next - 1))
            break;
        k = next;
    }
    return k;
}

/* A document's title runs on over Title Case words and the lower-case words
 * between them: "Recommendations on Developing Common Approaches to ...". */
static size_t document_title_end(ner *n, size_t start, size_t j, size_t limit)
{
    /* "between X and Y": the "and" belongs to the title even before a new name */
    bool between = false;
    for (;;) {
        if (is_word(n, j, "between"))
            between = true;
        if (j >= limit || !same_line(n, start, j) || j - start >= MAX_NAME_TOKENS)
            break;
        /* lower-case connectors, then a capitalised word */
        size_t k = j;
        size_t conns = 0;
        bool comma = false;
        if (is_punct(n, k, ',')) {
            comma = true;
            k++;
        }
        while (k < limit && title_connector(n, k) && conns < 3) {
            k++;
            conns++;
        }
        if (k >= limit || !same_line(n, start, k))
            break;
        if (!(is_cap(n, k) || (is_year(n, k) && conns > 0)))
            break;
        if (conns == 0 && !comma)
            break;
        if (comma) {
            /* a comma continues only a list closed by "and": "Policy, Security and Defence" */
            size_t q = core_end(n, k);
            if (!is_word(n, q, "and") || !is_cap(n, q + 1))
                break;
        }
        /* "and the Plan for ...": a new document or body begins */
        bool pair = between && is_word(n, j, "and");
        if (pair)
            between = false;
        if (!pair && (is_word(n, j, "and") || (is_punct(n, j, ',') && !comma)) && new_headed_name(n, k))
            break;
        if (!pair && is_word(n, j, "and") && is_word(n, j + 1, "the") && new_headed_name(n, k))
            break;
        size_t ce = is_year(n, k) ? k + 1 : core_end(n, k);
        if (ce > limit)
            ce = limit;
        j = ce;
        /* "the CSTO Member States' Security Councils" */
        while (j + 1 < limit && (tk(n, j)->flags & EG_TOK_POSSESSIVE) && is_cap(n, j + 1) &&
               same_line(n, start, j + 1)) {
            ce = core_end(n, j + 1);
            j = ce > limit ? limit : ce;
        }
    }
    return date_complement(n, j);
}

/* Names inside a document's title become nested chunks of it. */
static void parse_inside(ner *n, size_t self, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        if (!is_cap(n, i) && !is_year(n, i)) {
            i++;
            continue;
        }
        size_t end = i + 1;
        size_t mark = n->out->n;
        size_t c = parse_name(n, i, to, self, EG_LINK_INSIDE, &end);
        if (c != EG_NONE) {
            /* only real names stay; the rest of the title is just words */
            bool keep = false;
            for (size_t k = mark; k < n->out->n; k++)
                if (ch(n, k)->kind <= EG_CHUNK_DOCUMENT && !(ch(n, k)->flags & EG_CHUNK_GENERIC))
                    keep = true;
            if (!keep)
                rollback(n, mark);
            else
                for (size_t k = mark; k < n->out->n; k++)
                    if (ch(n, k)->kind == EG_CHUNK_OTHER || ch(n, k)->kind == EG_CHUNK_TITLE)
                        ch(n, k)->flags |= EG_CHUNK_HIDDEN;
        }
        i = end > i ? end : i + 1;
    }
}

/* Courtesy titles and styles say nothing of a post: Mr, Mrs, Dr, Sir, Madame... */
static bool courtesy_title(const ner *n, size_t i)
{
    return (cls(n, i) & (EG_LEX_COURTESY | EG_LEX_NOBLE_STYLE)) != 0;
}

/*
 * Parses the name that starts at token i (a capitalised word or a year):
 * its core, cut at titles into segments, each typed; the last segment takes
 * its complements. Returns the last segment's chunk and sets *end.
 */
static size_t parse_name_at(ner *n, size_t i, size_t limit, size_t parent, eg_chunk_link link,
                            size_t *end);

static size_t parse_name(ner *n, size_t i, size_t limit, size_t parent, eg_chunk_link link,
                         size_t *end)
{
    if (n->depth >= MAX_NAME_DEPTH) {
        *end = i + 1;
        return EG_NONE;
    }
    n->depth++;
    size_t last = parse_name_at(n, i, limit, parent, link, end);
    n->depth--;
    return last;
}

static size_t parse_name_at(ner *n, size_t i, size_t limit, size_t parent, eg_chunk_link link,
                            size_t *end)
{
    size_t b = core_end(n, i);
    if (b > limit)
        b = limit;
    *end = b;
    size_t a = parent == EG_NONE ? strip_leading(n, i, b) : i;
    if (a >= b)
        return EG_NONE;
    /* a lexicon name may hold lower-case words: "Republic of Belarus" */
    size_t plen = phrase_at(n, a, limit, EG_LEX_COUNTRY | EG_LEX_ORG, NULL);
    if (a + plen > b) {
        b = a + plen;
        *end = b;
    }
    /* "CSTO Member States": the members are not part of the name (but
     * "Commonwealth of Independent States" is a name through and through) */
    for (size_t g = a + 1; g < b && a + plen != b; g++) {
        size_t glen = phrase_at(n, g, b, EG_LEX_GROUP_NOUN, NULL);
        if (glen && g + glen == b) {
            b = g;
            break;
        }
    }
    size_t last = EG_NONE;
    size_t seg = a;
    bool after_title = false;
    bool honorific = false;
    size_t k = a;
    while (k < b) {
        /* an honorific inside a core: "Professor Anatoly Torkunov", or
         * ending it before the name it goes with: "Marine Lt. William Higgins" */
        bool before_name = k + 1 < b || (k > seg && is_punct(n, b, '.') && b + 1 < n->n &&
                                         is_cap(n, b + 1) && same_line(n, k, b + 1));
        if ((cls(n, k) & EG_LEX_HONORIFIC) && before_name && !(cls(n, k) & EG_LEX_GIVEN)) {
            if (k > seg)
                last = type_segment(n, seg, k, parent, link, after_title);
            /* a rank after what it is of is a post there: "Coast Guard Lt. Steve Hardy" */
            if (k + 1 == b && !courtesy_title(n, k))
                last = add_chunk(n, k, b + 1, EG_CHUNK_TITLE, parent, link);
            k++;
            seg = k;
            honorific = true;
            after_title = false;
            continue;
        }
        /* a title may run on past the capitals: "Plenipotentiary representative" */
        size_t te = title_at(n, k, limit, NULL);
        if (te > k) {
            /* "Martin Luther King": a title word after a given name ends the name */
            bool single_name = te == k + 1 && k > seg &&
                               ((cls(n, k) & (EG_LEX_GIVEN | EG_LEX_SURNAME)) ||
                                (is_given(n, seg) && name_like(n, seg, k)));
            bool before_head = te < b && (cls(n, te) & (HEAD_CLASSES | EG_LEX_LEGISLATURE));
            /* "General Electric": a company's name, not a general's */
            bool adjective_first = k == seg && te == k + 1 && te < b &&
                                   (cls(n, k) & EG_LEX_TITLE_MOD) && (cls(n, te) & EG_LEX_ENGLISH) &&
                                   !(cls(n, te) & (EG_LEX_GIVEN | EG_LEX_SURNAME));
            bool only_mods = true;
            for (size_t q = k; q < te; q++)
                if (phrase_at(n, q, te, EG_LEX_TITLE, NULL))
                    only_mods = false;
            if (!single_name && !before_head && !only_mods && !adjective_first) {
                if (k > seg)
                    last = type_segment(n, seg, k, parent, link, after_title || honorific);
                honorific = false;
                if (te >= b)
                    te = portfolio_end(n, te);
                last = add_chunk(n, k, te, EG_CHUNK_TITLE, parent, link);
                after_title = true;
                if (te > b) {
                    *end = te;
                    return last;
                }
                k = te;
                seg = k;
                continue;
            }
        }
        /* "Finance Rudolf Filkus", "French Foreign Roland Dumas": the first
         * words of a post whose head word the text lost; the name after them
         * stands alone */
        bool after_state = k == seg + 1 && (cls(n, seg) & (EG_LEX_DEMONYM | EG_LEX_COUNTRY));
        if ((k == seg || after_state) && b - k >= 3 && (cls(n, k) & (EG_LEX_PORTFOLIO | EG_LEX_TITLE_MOD)) &&
            !(cls(n, k) & (EG_LEX_GIVEN | EG_LEX_SURNAME | EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_ORG)) &&
            (cls(n, k + 1) & EG_LEX_GIVEN) && name_like(n, k + 1, b)) {
            if (after_state)
                last = type_segment(n, seg, k, parent, link, false);
            seg = ++k;
            after_title = true;
            continue;
        }
        k++;
    }
    if (seg < b) {
        last = type_segment(n, seg, b, parent, link, after_title || honorific);
        if (last == EG_NONE)
            return EG_NONE;
        eg_chunk_kind kind = ch(n, last)->kind;
        size_t stop = b;
        if (kind == EG_CHUNK_BODY && ch(n, last)->last == b) {
            stop = body_complements(n, last, b, limit);
        } else if (kind == EG_CHUNK_DOCUMENT && ch(n, last)->last == b) {
            stop = document_title_end(n, ch(n, last)->first, b, limit);
            if (stop > b)
                parse_inside(n, last, b, stop);
        }
        if (stop > b) {
            ch(n, last)->last = stop;
            ch(n, last)->flags &= ~(uint32_t)EG_CHUNK_GENERIC;
            /* a known body's name with a state as complement names another
             * body, the state's own: "Labour Party of Malta" is
             * not the lexicon's "Labour Party" (with a body or a
             * city it still is: "... of the Vexa Football League") */
            for (size_t k = b; k < stop; k++)
                if (cls(n, k) & EG_LEX_COUNTRY)
                    ch(n, last)->org = -1;
            *end = stop;
        }
    }
    return last;
}

/* ---- the passes ---- */

/* Records which words the document writes in lower case. */
static eg_status collect_lower_words(ner *n)
{
    for (size_t i = 0; i < n->n; i++) {
        if (tk(n, i)->kind == EG_TOK_WORD && (tk(n, i)->flags & EG_TOK_LOWER) &&
            eg_map_put(n->lower_words, nm(n, i), 1) != EG_OK)
            return EG_ENOMEM;
    }
    return EG_OK;
}



/* A head word alone without an article ("served in Congress") is a name of
 * its own, unless the document names a body with that word, which it may
 * then stand for ("on Assembly's draft acts" after the Parliamentary
 * Assembly): such a word stays a generic reference. */
static eg_status bare_heads_pass(ner *n)
{
    size_t bare = 0;
    for (size_t c = 0; c < n->out->n; c++)
        bare += (ch(n, c)->flags & EG_CHUNK_BARE) != 0;
    if (!bare)
        return EG_OK;
    eg_map *words = eg_map_new(64);
    if (!words)
        return EG_ENOMEM;
    for (size_t c = 0; c < n->out->n; c++) {
        const eg_chunk *x = ch(n, c);
        if (x->kind != EG_CHUNK_BODY || (x->flags & (EG_CHUNK_BARE | EG_CHUNK_GENERIC)))
            continue;
        for (size_t k = x->first; k < x->last && k < n->n; k++)
            if (eg_map_put(words, nm(n, k), 1) != EG_OK) {
                eg_map_free(words);
                return EG_ENOMEM;
            }
    }
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if ((x->flags & EG_CHUNK_BARE) && eg_map_get(words, nm(n, x->first)) != EG_NONE)
            x->flags = (x->flags & ~(uint32_t)EG_CHUNK_BARE) | EG_CHUNK_GENERIC;
    }
    eg_map_free(words);
    return EG_OK;
}

/* First pass: every capitalised run outside headline lines, and titles. */
static eg_status first_pass(ner *n)
{
    size_t i = 0;
    bool honorific = false;
    while (i < n->n) {
        if (is_headline(n, i)) {
            i++;
            honorific = false;
            continue;
        }
        size_t mark = n->out->n;
        /* "Mr Patrushev", "Ms. Kuspan" */
        if (is_cap(n, i) && (cls(n, i) & EG_LEX_HONORIFIC) && !(cls(n, i) & EG_LEX_GIVEN)) {
            size_t k = i + 1;
            if (is_punct(n, k, '.'))
                k++;
            if (is_cap(n, k) && same_line(n, i, k) && !(cls(n, k) & EG_LEX_HONORIFIC)) {
                /* a rank or an office ("Capt.", "Sen.") is a title too: "Coast
                 * Guard Capt. Hugh Madlock" */
                if (!courtesy_title(n, i))
                    add_chunk(n, i, k, EG_CHUNK_TITLE, EG_NONE, EG_LINK_NONE);
                honorific = true;
                i = k;
                continue;
            }
        }
        if (honorific && is_cap(n, i)) {
            size_t b = core_end(n, i);
            type_segment(n, i, b, EG_NONE, EG_LINK_NONE, true);
            honorific = false;
            i = b;
            continue;
        }
        honorific = false;
        /* a title in any case: "deputy Executive Secretary", "member" */
        if (is_lower_word(n, i)) {
            bool plural;
            size_t te = title_at(n, i, n->n, &plural);
            bool only_mods = true;
            for (size_t q = i; q < te; q++)
                if (phrase_at(n, q, te, EG_LEX_TITLE, NULL) || plural_title_at(n, q, te))
                    only_mods = false;
            /* a head word after it makes the title part of a name ("deputy
             * Prime Minister"), unless it is a given name opening a person's
             * name ("chairman Bill Smith") */
            bool person_next = (cls(n, te) & EG_LEX_GIVEN) && is_cap(n, te + 1) && same_line(n, te, te + 1);
            if (te > i && !only_mods &&
                !(is_cap(n, te) && same_line(n, i, te) && !person_next &&
                  (cls(n, te) & (HEAD_CLASSES | EG_LEX_LEGISLATURE)))) {
                /* a capitalised title may follow its modifier: "deputy Executive Secretary" */
                size_t ce = is_cap(n, te) ? te : te;
                te = portfolio_end(n, ce);
                size_t t = add_chunk(n, i, te, EG_CHUNK_TITLE, EG_NONE, EG_LINK_NONE);
                if (t != EG_NONE && plural)
                    n->out->v[t].flags |= EG_CHUNK_PLURAL;
                i = te;
                continue;
            }
            i++;
            continue;
        }
        if (post_time_word(n, i) && is_cap(n, i) && is_cap(n, i + 1) && same_line(n, i, i + 1)) {
            i++;
            continue;
        }
        if (is_cap(n, i) || (is_year(n, i) && is_cap(n, i + 1) && same_line(n, i, i + 1))) {
            size_t end = i + 1;
            parse_name(n, i, n->n, EG_NONE, EG_LINK_NONE, &end);
            /* "Long Name (ACR)": an acronym defined in parentheses */
            if (n->out->n > mark && is_punct(n, end, '(') && is_acronym_token(n, end + 1) &&
                is_punct(n, end + 2, ')')) {
                size_t top = EG_NONE;
                for (size_t c = mark; c < n->out->n; c++)
                    if (ch(n, c)->parent == EG_NONE && ch(n, c)->last == end)
                        top = c;
                if (top != EG_NONE && (ch(n, top)->kind == EG_CHUNK_BODY ||
                                       ch(n, top)->kind == EG_CHUNK_DOCUMENT)) {
                    size_t a = add_chunk(n, end + 1, end + 2, ch(n, top)->kind, EG_NONE, EG_LINK_NONE);
                    if (a != EG_NONE) {
                        ch(n, a)->form = EG_FORM_ACRONYM;
                        ch(n, a)->alias_of = top;
                        ch(n, a)->flags |= EG_CHUNK_STRONG;
                    }
                    end += 3;
                }
            }
            i = end > i ? end : i + 1;
            continue;
        }
        i++;
    }
    return n->out->v || n->out->n == 0 ? EG_OK : EG_ENOMEM;
}

eg_status eg_names_parse(ner *n)
{
    eg_status st = collect_lower_words(n);
    if (st == EG_OK)
        st = first_pass(n);
    if (st == EG_OK)
        st = bare_heads_pass(n);
    return st;
}
