#include "eg_ner.h"

#include "eg_text.h"

#include <stdlib.h>
#include <string.h>

/* Head words decide a phrase's type; these are the classes that count. */
#define HEAD_CLASSES (EG_LEX_BODY_HEAD | EG_LEX_DOC_HEAD | EG_LEX_LOC_HEAD | EG_LEX_EVENT_HEAD)
/* Classes that make a capitalised first word of a sentence worth keeping. */
#define NAME_CLASSES                                                                          \
    (EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_GIVEN | EG_LEX_SURNAME | EG_LEX_TITLE |          \
     EG_LEX_HONORIFIC | EG_LEX_BODY_HEAD | EG_LEX_DOC_HEAD | EG_LEX_ORG | EG_LEX_LEGISLATURE | \
     EG_LEX_TITLE_MOD | EG_LEX_GENERIC_MOD)

typedef struct ner {
    const eg_lexicon *lex;
    const char *text;
    size_t len;
    const eg_tokens *toks;
    size_t n;              /* number of tokens */
    const eg_lex_matches *lm; /* the lexicon phrases of the document */
    unsigned char *used;   /* per token: covered by a chunk of the first pass */
    eg_map *lower_words;   /* words the document writes in lower case somewhere */
    eg_chunks *out;
    eg_strbuf key;         /* scratch */
    size_t depth;          /* names being parsed, one inside the other */
} ner;

/* Complements nest ("Committee of the Council of the Assembly of ..."): no real
 * name goes beyond a handful of levels, and an unbounded recursion would let a
 * crafted page overflow the stack. Deeper complements are left as plain text. */
#define MAX_NAME_DEPTH 24
/* Likewise a name's length: the longest real ones ("Agreement between the
 * Government of ... and the Government of ... on Cooperation in ...") stay
 * well under this many tokens; past it, complements are not taken, so that
 * one pathological sentence cannot make names (and the relations naming
 * them) quadratic in its length. */
#define MAX_NAME_TOKENS 64

void eg_chunks_init(eg_chunks *chunks)
{
    chunks->v = NULL;
    chunks->n = chunks->cap = 0;
}

void eg_chunks_release(eg_chunks *chunks)
{
    if (!chunks)
        return;
    for (size_t i = 0; i < chunks->n; i++)
        free(chunks->v[i].name);
    free(chunks->v);
    eg_chunks_init(chunks);
}

/* ---- token predicates ---- */

static const eg_token *tk(const ner *n, size_t i)
{
    return &n->toks->v[i];
}

static const char *nm(const ner *n, size_t i)
{
    return eg_tok_norm(n->toks, i);
}

static bool is_word(const ner *n, size_t i, const char *w)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_WORD && strcmp(nm(n, i), w) == 0;
}

static bool is_punct(const ner *n, size_t i, char c)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_PUNCT && n->text[tk(n, i)->start] == c &&
           tk(n, i)->end - tk(n, i)->start == 1;
}

static bool same_line(const ner *n, size_t a, size_t b)
{
    return b < n->n && tk(n, a)->line == tk(n, b)->line && tk(n, a)->sentence == tk(n, b)->sentence;
}

/* A capitalised word that can be part of a name (not a code like "PA2904034294"). */
static bool is_cap(const ner *n, size_t i)
{
    if (i >= n->n)
        return false;
    const eg_token *t = tk(n, i);
    if (t->kind != EG_TOK_WORD || !(t->flags & EG_TOK_CAP) ||
        (t->flags & (EG_TOK_POSSESSIVE | EG_TOK_FURNITURE)))
        return false;
    if (t->flags & EG_TOK_DIGIT) {
        size_t digits = 0;
        for (size_t k = t->start; k < t->end; k++)
            digits += n->text[k] >= '0' && n->text[k] <= '9';
        return digits < 3;
    }
    return true;
}

static bool is_lower_word(const ner *n, size_t i)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_WORD && (tk(n, i)->flags & EG_TOK_LOWER);
}

static bool is_headline(const ner *n, size_t i)
{
    return i < n->n && (tk(n, i)->flags & EG_TOK_HEADLINE);
}

/* "2025", "2021-2025": a year or a range of years. */
static bool is_year(const ner *n, size_t i)
{
    if (i >= n->n || tk(n, i)->kind != EG_TOK_NUMBER)
        return false;
    const char *s = n->text + tk(n, i)->start;
    size_t len = tk(n, i)->end - tk(n, i)->start;
    if (len < 4 || !(s[0] == '1' || s[0] == '2'))
        return false;
    for (size_t k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9')
            return false;
    if (len == 4)
        return true;
    /* a dash (1 or 3 bytes) and four more digits */
    size_t rest = len - 4;
    return (rest == 5 || rest == 7) && s[len - 4] >= '0' && s[len - 4] <= '9';
}

static eg_lex_classes cls(const ner *n, size_t i)
{
    return i < n->n ? n->lm->cls[i] : 0;
}

/* Builds the key of tokens [i, i+len) into n->key. */
static void make_key(ner *n, size_t i, size_t len)
{
    eg_strbuf_reset(&n->key);
    for (size_t k = i; k < i + len; k++) {
        if (k > i)
            eg_strbuf_addc(&n->key, ' ');
        eg_strbuf_adds(&n->key, nm(n, k));
    }
}

/*
 * The longest lexicon phrase starting at token i, within [i, limit), having
 * one of the classes in `mask`. Returns its length in tokens (0 if none).
 */
static size_t phrase_at(ner *n, size_t i, size_t limit, eg_lex_classes mask,
                        const eg_lex_entry **entry)
{
    return eg_lex_phrase_at(n->lm, i, limit, mask, entry);
}

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

static eg_chunk *ch(ner *n, size_t i)
{
    return &n->out->v[i];
}

/* Drops chunks added after `mark` (a tentative parse that was refused). */
static void rollback(ner *n, size_t mark)
{
    for (size_t i = mark; i < n->out->n; i++)
        free(n->out->v[i].name);
    n->out->n = mark;
}

/* ---- titles ---- */

/*
 * A title starting at i: optional modifiers ("deputy", "Plenipotentiary",
 * "Foreign") then a title phrase ("Executive Secretary"), in any case.
 * Returns its end (exclusive) or i when there is none.
 */
static size_t title_at(ner *n, size_t i, size_t limit)
{
    size_t j = i;
    size_t last_title_end = i;
    while (j < limit && tk(n, j)->kind == EG_TOK_WORD && !(tk(n, j)->flags & EG_TOK_POSSESSIVE)) {
        size_t len = phrase_at(n, j, limit, EG_LEX_TITLE, NULL);
        if (len) {
            last_title_end = j + len;
            /* a title may be followed by more title words ("Secretary General") */
            j += len;
            continue;
        }
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
    /* a portfolio is not followed by more of the name ("of Foreign Affairs Ministry") */
    if (is_cap(n, k) && same_line(n, e, k))
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
static bool roman_token(const ner *n, size_t i)
{
    const eg_token *t = tk(n, i);
    return t->kind == EG_TOK_WORD && eg_roman_numeral(n->text + t->start, t->end - t->start);
}

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
static size_t type_segment(ner *n, size_t s, size_t e, size_t parent, eg_chunk_link link,
                           bool force_person)
{
    if (s >= e)
        return EG_NONE;
    bool headline = is_headline(n, s);

    /* "CSTO Member States": the group of members is not a body of its own,
     * unless the whole is a name ("Commonwealth of Independent States") */
    if (e - s >= 2 && phrase_at(n, s, e, EG_LEX_COUNTRY | EG_LEX_ORG, NULL) != e - s) {
        for (size_t g = s + 1; g < e; g++) {
            size_t glen = phrase_at(n, g, e, EG_LEX_GROUP_NOUN, NULL);
            if (glen && g + glen == e) {
                e = g;
                break;
            }
        }
    }

    /* "Moscow IZVESTIYA in Russian", "Sofia BTA": the paper or agency after
     * the city on a wire's source line */
    size_t city = source_city(n, s, e);
    if (city) {
        size_t c = add_chunk(n, s, s + city, EG_CHUNK_OTHER, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_PLACE;
        c = add_chunk(n, s + city, e, EG_CHUNK_BODY, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_STRONG;
        return c;
    }

    if (force_person && name_like(n, s, e) && person_evidence(n, s, e)) {
        size_t c = add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
        if (c != EG_NONE) {
            ch(n, c)->flags |= EG_CHUNK_STRONG;
            /* "Mr Carter": one word after an honorific or a title is a surname */
            if (e - s == 1)
                ch(n, c)->form = EG_FORM_SURNAME;
        }
        return c;
    }

    /* a lexicon phrase covering the whole segment */
    const eg_lex_entry *le = NULL;
    size_t plen = phrase_at(n, s, e, EG_LEX_COUNTRY | EG_LEX_ORG | EG_LEX_DEMONYM | EG_LEX_REGION |
                                         EG_LEX_CALENDAR | EG_LEX_EVENT_HEAD | EG_LEX_PLACE,
                            &le);
    if (plen == e - s && le) {
        if (le->classes & EG_LEX_COUNTRY) {
            size_t c = add_chunk(n, s, e, EG_CHUNK_COUNTRY, parent, link);
            if (c != EG_NONE) {
                ch(n, c)->country = le->country;
                ch(n, c)->flags |= EG_CHUNK_STRONG;
                if (e - s == 1 && (tk(n, s)->flags & (EG_TOK_ALLCAPS | EG_TOK_DOTTED)))
                    ch(n, c)->form = EG_FORM_ACRONYM;
            }
            return c;
        }
        if (le->classes & EG_LEX_ORG) {
            size_t c = add_chunk(n, s, e, EG_CHUNK_BODY, parent, link);
            if (c != EG_NONE) {
                ch(n, c)->flags |= EG_CHUNK_STRONG;
                ch(n, c)->org = le->org;
                if (le->classes & EG_LEX_ORG_ACRONYM)
                    ch(n, c)->form = EG_FORM_ACRONYM;
            }
            return c;
        }
        if ((le->classes & EG_LEX_DEMONYM) && e - s == 1 && !headline &&
            (cls(n, e) & EG_LEX_STATE_NOUN) && is_lower_word(n, e)) {
            /* an adjective naming the state: "the Russian side", "American military
             * presence"; not "a Spanish conqueror" */
            size_t c = add_chunk(n, s, e, EG_CHUNK_COUNTRY, parent, link);
            if (c != EG_NONE) {
                ch(n, c)->country = le->country;
                ch(n, c)->form = EG_FORM_DEMONYM;
                ch(n, c)->flags |= EG_CHUNK_STRONG;
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
    }

    /* "Bill Nelson": a given name that is also a head word, then a name */
    if (e - s >= 2 && e - s <= 4 && (cls(n, s) & EG_LEX_GIVEN) && !headline &&
        name_like(n, s + 1, e) && !(cls(n, s + 1) & (EG_LEX_TITLE | EG_LEX_TITLE_MOD))) {
        size_t c = add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_STRONG;
        return c;
    }

    /* the rightmost head word decides */
    size_t h = EG_NONE;
    for (size_t k = e; k > s; k--) {
        if (cls(n, k - 1) & (HEAD_CLASSES | EG_LEX_LEGISLATURE)) {
            h = k - 1;
            break;
        }
    }
    if (h != EG_NONE && !(headline && (tk(n, s)->flags & EG_TOK_ALLCAPS))) {
        eg_lex_classes hc = cls(n, h);
        eg_chunk_kind kind = EG_CHUNK_OTHER;
        if (hc & (EG_LEX_BODY_HEAD | EG_LEX_LEGISLATURE))
            kind = EG_CHUNK_BODY;
        else if (hc & EG_LEX_DOC_HEAD)
            kind = EG_CHUNK_DOCUMENT;
        /* a person's name before a head is no premodifier: "Lincoln Memorial" */
        /* "Soviet Navy Nikolai Kuznetsov": a person's name after the head */
        if (kind == EG_CHUNK_BODY && h + 2 < e + 1 && h + 1 < e && is_given(n, h + 1) &&
            name_like(n, h + 1, e) && e - (h + 1) >= 2) {
            size_t b = add_chunk(n, s, h + 1, EG_CHUNK_BODY, parent, link);
            if (b == EG_NONE)
                return b;
            ch(n, b)->flags |= EG_CHUNK_STRONG;
            if (all_generic(n, s, h + 1))
                ch(n, b)->flags |= EG_CHUNK_GENERIC;
            add_premod(n, s, h, b);
            size_t p = add_chunk(n, h + 1, e, EG_CHUNK_PERSON, parent, link);
            if (p != EG_NONE)
                ch(n, p)->flags |= EG_CHUNK_STRONG;
            return p;
        }
        size_t c = add_chunk(n, s, e, kind, parent, link);
        if (c == EG_NONE)
            return c;
        ch(n, c)->flags |= EG_CHUNK_STRONG;
        if (kind == EG_CHUNK_BODY && all_generic(n, s, e))
            ch(n, c)->flags |= zero_article(n, s, e) ? EG_CHUNK_BARE : EG_CHUNK_GENERIC;
        if (kind == EG_CHUNK_DOCUMENT && e - s == 1)
            ch(n, c)->flags |= EG_CHUNK_GENERIC;
        add_premod(n, s, h, c);
        return c;
    }

    /* "Ask Anna Kowalski": a sentence's first word before a given name */
    if (e - s >= 2 && at_sentence_start(n, s) && !(cls(n, s) & NAME_CLASSES) && is_given(n, s + 1) &&
        (e - s >= 3 || (tk(n, s + 1)->flags & EG_TOK_CAMEL)) && name_like(n, s + 1, e))
        s++;
    /* "Controversial Australian Anthony Hill": words that describe a person
     * (a nationality, a common adjective) before a full name */
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
        s = g;
        break;
    }

    /* given name + capitalised words: a person; the surname may be a
     * country's name or a demonym ("Neil Jordan", "Richard Finn") */
    if (e - s >= 2 && e - s <= 5 && is_given(n, s) &&
        (name_like(n, s + 1, e) ||
         (name_like(n, s + 1, e - 1) && (cls(n, e - 1) & (EG_LEX_COUNTRY | EG_LEX_DEMONYM)) && is_cap(n, e - 1) &&
          !(tk(n, e - 1)->flags & EG_TOK_ALLCAPS) && !(cls(n, s) & (EG_LEX_COUNTRY | EG_LEX_PLACE)))) &&
        !(tk(n, e - 1)->flags & EG_TOK_POSSESSIVE)) {
        size_t c = add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_STRONG;
        return c;
    }
    /* initials and a surname: "S. Waugh", "J.R. Ewing" */
    if (e - s >= 3 && is_initial(n, s) && name_like(n, s, e) && !is_initial(n, e - 2)) {
        size_t c = add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_STRONG;
        return c;
    }
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
        is_given(n, s)) {
        size_t c = add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);
        if (c != EG_NONE)
            ch(n, c)->flags |= EG_CHUNK_STRONG;
        return c;
    }

    /* capitals: an acronym of a body ("NATO", "CSTO PA") */
    if (e - s <= 3) {
        bool acr = true;
        for (size_t k = s; k < e && acr; k++)
            acr = is_acronym_token(n, k);
        if (acr) {
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
    }

    /* two or three capitalised words ending like a surname */
    if (!headline && e - s >= 2 && e - s <= 3 && name_like(n, s, e) && surname_shaped(n, e - 1))
        return add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);

    /* two or three words no lexicon knows, none written in lower case in the
     * document: most often a person's name ("Yisrael Tal", "Gavrilo Princip") */
    if (!headline && e - s >= 2 && e - s <= 3 + (is_initial(n, s + 1) ? 2 : 0) &&
        link == EG_LINK_NONE && name_like(n, s, e) &&
        unknown_words(n, s, e) &&
        !(e < n->n && (tk(n, e)->flags & EG_TOK_POSSESSIVE) && is_cap(n, e + 1)))
        return add_chunk(n, s, e, EG_CHUNK_PERSON, parent, link);

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
                is_cap(n, xend + 1)) {
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
        size_t q = k;
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
            k = q + 1;
            continue;
        }
        if (is_word(n, q, "the"))
            q++;
        if ((is_word(n, q, "first") || is_word(n, q, "second")) &&
            (is_word(n, q + 1, "half") || is_word(n, q + 1, "quarter")) && is_word(n, q + 2, "of") &&
            is_year(n, q + 3)) {
            k = q + 4;
            continue;
        }
        if (is_word(n, q, "period") && is_word(n, q + 1, "until") && is_year(n, q + 2)) {
            k = q + 3;
            continue;
        }
        break;
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
        size_t te = title_at(n, k, limit);
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

static void mark_used(ner *n, size_t from)
{
    for (size_t c = from; c < n->out->n; c++)
        for (size_t k = ch(n, c)->first; k < ch(n, c)->last && k < n->n; k++)
            n->used[k] = 1;
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
            mark_used(n, mark);
            honorific = false;
            i = b;
            continue;
        }
        honorific = false;
        /* a title in any case: "deputy Executive Secretary", "member" */
        if (is_lower_word(n, i)) {
            size_t te = title_at(n, i, n->n);
            bool only_mods = true;
            for (size_t q = i; q < te; q++)
                if (phrase_at(n, q, te, EG_LEX_TITLE, NULL))
                    only_mods = false;
            if (te > i && !only_mods && !(is_cap(n, te) && same_line(n, i, te) &&
                                          (cls(n, te) & (HEAD_CLASSES | EG_LEX_LEGISLATURE)))) {
                /* a capitalised title may follow its modifier: "deputy Executive Secretary" */
                size_t ce = is_cap(n, te) ? te : te;
                te = portfolio_end(n, ce);
                add_chunk(n, i, te, EG_CHUNK_TITLE, EG_NONE, EG_LINK_NONE);
                i = te;
                continue;
            }
            i++;
            continue;
        }
        if (is_cap(n, i) || (is_year(n, i) && is_cap(n, i + 1) && same_line(n, i, i + 1))) {
            size_t end = i + 1;
            parse_name(n, i, n->n, EG_NONE, EG_LINK_NONE, &end);
            mark_used(n, mark);
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

/* The normalised key of chunk c's tokens, minus honorifics. */
static void chunk_key(ner *n, const eg_chunk *c)
{
    eg_strbuf_reset(&n->key);
    for (size_t k = c->first; k < c->last; k++) {
        if (tk(n, k)->kind == EG_TOK_PUNCT && !is_punct(n, k, '-') && !is_punct(n, k, '&'))
            continue;
        if (n->key.len)
            eg_strbuf_addc(&n->key, ' ');
        eg_strbuf_adds(&n->key, nm(n, k));
    }
}

typedef struct known {
    eg_map *names;    /* key -> chunk index of a strongly typed name */
    eg_map *surnames; /* last token of a person's full name -> chunk index, or EG_NONE-1 when ambiguous */
    eg_map *short_names; /* first words of a body's name ("magna" of "Magna International
                            Inc") -> chunk index, or AMBIGUOUS */
} known;

#define AMBIGUOUS ((size_t)-2)

static eg_status collect_known(ner *n, known *kn)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if (x->kind > EG_CHUNK_DOCUMENT || (x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)))
            continue;
        if (x->kind == EG_CHUNK_PERSON && x->form == EG_FORM_SURNAME)
            continue;
        chunk_key(n, x);
        if (eg_map_get(kn->names, n->key.buf) == EG_NONE &&
            eg_map_put(kn->names, n->key.buf, c) != EG_OK)
            return EG_ENOMEM;
        if (x->kind == EG_CHUNK_BODY && x->parent == EG_NONE && x->form == EG_FORM_NAME) {
            /* every proper prefix of words: "magna", "magna international" */
            for (size_t k = n->key.len; k > 0; k--) {
                if (n->key.buf[k - 1] != ' ')
                    continue;
                char saved = n->key.buf[k - 1];
                n->key.buf[k - 1] = '\0';
                size_t prev = eg_map_get(kn->short_names, n->key.buf);
                eg_status st = EG_OK;
                if (prev == EG_NONE)
                    st = eg_map_put(kn->short_names, n->key.buf, c);
                else if (prev != AMBIGUOUS && prev != c)
                    st = eg_map_put(kn->short_names, n->key.buf, AMBIGUOUS);
                n->key.buf[k - 1] = saved;
                if (st)
                    return EG_ENOMEM;
            }
        }
        if (x->kind == EG_CHUNK_PERSON && x->last - x->first >= 2) {
            const char *sur = nm(n, x->last - 1);
            size_t prev = eg_map_get(kn->surnames, sur);
            if (prev == EG_NONE) {
                if (eg_map_put(kn->surnames, sur, c) != EG_OK)
                    return EG_ENOMEM;
            } else if (prev != AMBIGUOUS) {
                /* two different people with the same surname: refuse to guess */
                chunk_key(n, ch(n, prev));
                char *a = eg_strdup(n->key.buf);
                chunk_key(n, x);
                bool same = a && strcmp(a, n->key.buf) == 0;
                free(a);
                if (!same && eg_map_put(kn->surnames, sur, AMBIGUOUS) != EG_OK)
                    return EG_ENOMEM;
            }
        }
    }
    return EG_OK;
}

/* After the context passes: untyped names that are a known name, or the first
 * words of one body's name ("Magna" after "Magna International Inc"). */
static void retype_known(ner *n, known *kn)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if (x->kind != EG_CHUNK_OTHER || x->parent != EG_NONE || (x->flags & EG_CHUNK_HIDDEN))
            continue;
        chunk_key(n, x);
        size_t k = eg_map_get(kn->names, n->key.buf);
        if (k != EG_NONE && k != c) {
            x->kind = ch(n, k)->kind;
            x->country = ch(n, k)->country;
            x->org = ch(n, k)->org;
            x->form = ch(n, k)->form;
            x->flags &= ~(uint32_t)EG_CHUNK_PLACE;
            continue;
        }
        if (x->flags & EG_CHUNK_PLACE || (cls(n, x->first) & (HEAD_CLASSES | EG_LEX_GENERIC_MOD)))
            continue;
        k = eg_map_get(kn->short_names, n->key.buf);
        if (k != EG_NONE && k != AMBIGUOUS)
            x->kind = EG_CHUNK_BODY;
    }
}

static bool sports_report(const ner *n);

/* After a name at token `after`: a verb of speech, then "its" or "that it"
 * ("said its profit", "announced that it", "said on Monday its"); a bare
 * "said it" may be a person's. */
static bool speaks_of_itself(const ner *n, size_t after)
{
    if (after >= n->n || !is_lower_word(n, after) || !(cls(n, after) & EG_LEX_PERSON_VERB))
        return false;
    for (size_t k = after + 1; k < n->n && k <= after + 5; k++) {
        if (is_word(n, k, "its") || (is_word(n, k, "it") && is_word(n, k - 1, "that")))
            return true;
        if (!is_lower_word(n, k) && tk(n, k)->kind != EG_TOK_NUMBER && !(cls(n, k) & EG_LEX_CALENDAR))
            return false;
    }
    return false;
}

/* An adverb in -ly between a name and its verb: "fatally", "reportedly". */
static bool adverb_ly(const ner *n, size_t i)
{
    if (i >= n->n || !is_lower_word(n, i))
        return false;
    const char *w = nm(n, i);
    size_t len = strlen(w);
    return len >= 5 && strcmp(w + len - 2, "ly") == 0;
}

/* Second pass: untyped capitalised phrases take the type of a name the
 * document gives with evidence; context cues make people of the rest. */
static eg_status retype_untyped(ner *n, known *kn)
{
    /* teams are often named like people ("Atalanta", "Chester") */
    bool sports = sports_report(n);
    /* title_before[i]: a top-level title ends right before token i, on its
     * line. No chunk becomes a title here, so this holds throughout, and a
     * scan of every chunk per name would be quadratic. */
    unsigned char *title_before = calloc(n->n ? n->n : 1, 1);
    if (!title_before)
        return EG_ENOMEM;
    for (size_t d = 0; d < n->out->n; d++) {
        const eg_chunk *y = ch(n, d);
        if (y->kind == EG_CHUNK_TITLE && y->parent == EG_NONE && same_line(n, y->first, y->last))
            title_before[y->last] = 1;
    }
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        /* "Holland" where the document named Trevor Holland */
        if (x->kind == EG_CHUNK_COUNTRY && x->parent == EG_NONE && x->last - x->first == 1 &&
            x->form == EG_FORM_NAME) {
            size_t p = eg_map_get(kn->surnames, nm(n, x->first));
            if (p != EG_NONE && p != AMBIGUOUS) {
                x->kind = EG_CHUNK_PERSON;
                x->form = EG_FORM_SURNAME;
                x->country = -1;
            }
            continue;
        }
        if (x->kind != EG_CHUNK_OTHER || (x->flags & EG_CHUNK_HIDDEN))
            continue;
        chunk_key(n, x);
        size_t k = eg_map_get(kn->names, n->key.buf);
        if (k != EG_NONE && k != c) {
            x->kind = ch(n, k)->kind;
            x->country = ch(n, k)->country;
            x->org = ch(n, k)->org;
            x->form = ch(n, k)->form;
            continue;
        }
        if (!(x->flags & EG_CHUNK_PLACE) &&
            !(cls(n, x->first) & (HEAD_CLASSES | EG_LEX_GENERIC_MOD))) {
            size_t b = eg_map_get(kn->short_names, n->key.buf);
            if (b != EG_NONE && b != AMBIGUOUS) {
                x->kind = EG_CHUNK_BODY;
                continue;
            }
        }
        size_t len = x->last - x->first;
        if (len == 1) {
            size_t p = eg_map_get(kn->surnames, nm(n, x->first));
            if (p != EG_NONE && p != AMBIGUOUS) {
                x->kind = EG_CHUNK_PERSON;
                x->form = EG_FORM_SURNAME;
                continue;
            }
        }
        if (!name_like(n, x->first, x->last) || len > 4 || x->parent != EG_NONE)
            continue;
        /* "New York Sen. Robert Kennedy", "Marine Lt. William Higgins": what
         * a rank is of, not a person */
        if (x->last < n->n && is_cap(n, x->last) && (cls(n, x->last) & EG_LEX_HONORIFIC))
            continue;
        /* "X, Executive Secretary of ...": an apposition with a title */
        size_t after = x->last;
        bool cue = false;
        if (is_punct(n, after, ',') && after + 1 < n->n) {
            for (size_t d = c + 1; d < n->out->n; d++) {
                eg_chunk *y = ch(n, d);
                if (y->parent != EG_NONE)
                    continue;
                size_t yf = y->first;
                if (is_word(n, yf - 1, "the") || is_word(n, yf - 1, "a"))
                    yf--;
                if (yf == after + 1 && y->kind == EG_CHUNK_TITLE)
                    cue = true;
                if (y->first > after + 2)
                    break;
            }
        }
        /* a title right before: "commander Avihu Bin-Nun", "Composer Thomas" */
        bool strong = false;
        if (!cue && title_before[x->first])
            cue = strong = true;
        /* an age in apposition: "Cheek, 53, is" */
        if (!cue && is_punct(n, after, ',') && after + 2 < n->n &&
            tk(n, after + 1)->kind == EG_TOK_NUMBER && tk(n, after + 1)->end - tk(n, after + 1)->start <= 3 &&
            (is_punct(n, after + 2, ',') || is_punct(n, after + 2, ')')))
            cue = strong = true;
        /* "said X" / "X said" */
        if (!cue && x->first > 0 &&
            (is_word(n, x->first - 1, "said") || is_word(n, x->first - 1, "says")))
            cue = true;
        /* "Wright said", "Birand asserts", "Sirhan shot" */
        if (!cue && is_lower_word(n, after) && (cls(n, after) & EG_LEX_PERSON_VERB))
            cue = true;
        /* "Stone has said", "Treiki later disclosed", "Ruby fatally shot" */
        if (!cue && after + 1 < n->n &&
            (is_word(n, after, "has") || is_word(n, after, "had") || is_word(n, after, "also") ||
             is_word(n, after, "later") || is_word(n, after, "then") || adverb_ly(n, after)) &&
            is_lower_word(n, after + 1) && (cls(n, after + 1) & EG_LEX_PERSON_VERB))
            cue = true;
        /* "shot Kennedy", "married Ginsberg": no place is shot or married */
        if (!cue && x->first > 0 && is_lower_word(n, x->first - 1) &&
            (cls(n, x->first - 1) & EG_LEX_PERSON_OBJECT))
            cue = strong = true;
        /* "Dole's wife, Elizabeth," */
        if (!cue && x->first > 1 && is_punct(n, x->first - 1, ',') && is_lower_word(n, x->first - 2) &&
            (cls(n, x->first - 2) & EG_LEX_KIN_NOUN) && is_punct(n, after, ','))
            cue = strong = true;
        /* "the widow of Mendes", "the assassination of Lincoln" */
        if (!cue && x->first > 1 && is_word(n, x->first - 1, "of") && is_lower_word(n, x->first - 2) &&
            (cls(n, x->first - 2) & EG_LEX_KIN_NOUN))
            cue = strong = true;
        /* "Oakley was born", "Lennon was fatally shot" */
        if (!cue && (is_word(n, after, "was") || is_word(n, after, "is"))) {
            size_t v = after + 1 + (adverb_ly(n, after + 1) ? 1 : 0);
            if (is_word(n, v, "born") || (is_lower_word(n, v) && (cls(n, v) & EG_LEX_PERSON_OBJECT)))
                cue = strong = true;
        }
        /* a speaker's label in an interview, where a sentence may begin:
         * "(Minoli) Why? (Fini) Because", not "saw (Tom) Seaver" */
        if (!cue && len == 1 && x->first > 0 && is_punct(n, x->first - 1, '(') && is_punct(n, after, ')') &&
            after + 1 < n->n && is_cap(n, after + 1) && same_line(n, after, after + 1) &&
            (x->first == 1 || (tk(n, x->first - 1)->flags & (EG_TOK_SENT_START | EG_TOK_LINE_START)) ||
             (x->first >= 2 && tk(n, x->first - 2)->kind == EG_TOK_PUNCT && !is_punct(n, x->first - 2, ','))))
            cue = true;
        /* "Campbell, who ..." */
        if (!cue && (is_word(n, after, "who") || (is_punct(n, after, ',') && is_word(n, after + 1, "who"))))
            cue = strong = true;
        /* "Anderson's sister", "Kennedy's assassin" */
        if (!cue && after + 1 < n->n && (tk(n, after)->flags & EG_TOK_POSSESSIVE) &&
            is_lower_word(n, after + 1) && (cls(n, after + 1) & EG_LEX_KIN_NOUN))
            cue = strong = true;
        /* "Vexcor said its profit rose", "Knight-Ridder announced that it":
         * a company speaking of itself */
        if (cue && !strong && !(cls(n, x->first) & (EG_LEX_GIVEN | EG_LEX_SURNAME)) &&
            speaks_of_itself(n, after)) {
            x->kind = EG_CHUNK_BODY;
            continue;
        }
        /* one word before "said": a surname unless a lexicon knows it otherwise */
        bool unknown = cls(n, x->first) == 0 && eg_map_get(n->lower_words, nm(n, x->first)) == EG_NONE &&
                       !(tk(n, x->first)->flags & EG_TOK_ALLCAPS);
        /* in a sports report a place named as if it acted is a team */
        if ((x->flags & EG_CHUNK_PLACE) && (sports || !strong) && !(cls(n, x->first) & EG_LEX_SURNAME))
            cue = false;
        /* a common surname or given name alone, that no lexicon and no
         * lower-case use in the document makes anything else: "Kennedy had
         * just won", "Oswald acted alone"; a given name only outside sports
         * reports, where teams are named like people ("Atalanta", "Chester") */
        if (!cue && len == 1 && (cls(n, x->first) & ~(EG_LEX_GIVEN | EG_LEX_SURNAME)) == 0 &&
            (cls(n, x->first) & (sports ? EG_LEX_SURNAME : EG_LEX_GIVEN | EG_LEX_SURNAME)) &&
            eg_map_get(n->lower_words, nm(n, x->first)) == EG_NONE &&
            !(tk(n, x->first)->flags & EG_TOK_ALLCAPS) && !(x->flags & EG_CHUNK_PLACE))
            cue = true;
        if (cue && (len >= 2 || strong || unknown || (cls(n, x->first) & (EG_LEX_SURNAME | EG_LEX_GIVEN)))) {
            x->kind = EG_CHUNK_PERSON;
            if (len == 1)
                x->form = EG_FORM_SURNAME;
        }
    }
    free(title_before);
    return EG_OK;
}

/* ---- sports reports ---- */

/* A report about sport: several of its words say so. */
static bool sports_report(const ner *n)
{
    size_t hits = 0;
    for (size_t i = 0; i < n->n && hits < 3; i++)
        if (cls(n, i) & EG_LEX_SPORT)
            hits++;
    return hits >= 3;
}

/* Sport words per thousand words of the text. */
static size_t sport_words_share(const ner *n)
{
    size_t hits = 0, words = 0;
    for (size_t i = 0; i < n->n; i++) {
        if (tk(n, i)->kind != EG_TOK_WORD)
            continue;
        words++;
        if (cls(n, i) & EG_LEX_SPORT)
            hits++;
    }
    return words ? hits * 1000 / words : 0;
}

/* The share of sport words (per thousand) that makes a text about sport: in
 * the CoNLL-2003 dev set, 93 of 101 sports reports reach 2% (median 8%), and
 * 114 of 115 other reports stay below it (90% of them under 0.4%). */
#define SPORT_SHARE 20

/* A score: a number that is no year ("83", "296", "108-3", "2-1"). */
static bool is_score(const ner *n, size_t i)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_NUMBER && !is_year(n, i) &&
           tk(n, i)->end - tk(n, i)->start <= 7;
}

static bool is_result_verb(const ner *n, size_t i)
{
    static const char *const verbs[] = {"beat", "beats", "defeated", "drew", "thrashed", "edged",
                                        "routed", "crushed", "upset", "v", "vs", "versus"};
    for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
        if (is_word(n, i, verbs[k]))
            return true;
    return false;
}

/* A preposition of place: "in", "at", "near"... (and "of": "the county of Kent"). */
static bool locative(const ner *n, size_t i)
{
    static const char *const words[] = {"in", "at", "near", "from", "of", "outside", "inside", "around",
                                        "across", "into", "via", "through", "toward", "towards",
                                        "to", "born", "native", "visit", "visited", "visiting"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (is_word(n, i, words[k]))
            return true;
    return false;
}

/* A cricket scorecard's word for how a batsman was out ("c", "b", "lbw",
 * "st") or stayed in ("not out", "run out"). */
static bool dismissal_word(const ner *n, size_t i)
{
    if (is_word(n, i, "c") || is_word(n, i, "b") || is_word(n, i, "lbw") || is_word(n, i, "st"))
        return true;
    return (is_word(n, i, "not") || is_word(n, i, "run")) && is_word(n, i + 1, "out");
}

/* Bowling figures: overs, maidens, runs, wickets ("10-0-41-2", "9.5-0-44-1"). */
static bool bowling_figures(const ner *n, size_t i)
{
    if (i >= n->n || tk(n, i)->kind != EG_TOK_NUMBER)
        return false;
    size_t dashes = 0;
    for (size_t k = tk(n, i)->start; k < tk(n, i)->end; k++)
        dashes += n->text[k] == '-';
    return dashes == 3;
}

/* On a cricket scorecard the names around the marks of a dismissal and
 * before bowling figures are players: "S. Law c Tillekeratne b Dharmasena
 * 13", "Bowling: Vass 7-0-29-0". */
static void cricket_players(ner *n)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if ((x->kind != EG_CHUNK_OTHER && x->kind != EG_CHUNK_PERSON) || x->parent != EG_NONE ||
            (x->flags & EG_CHUNK_HIDDEN) || x->last - x->first > 3)
            continue;
        bool player = (x->first > 0 && dismissal_word(n, x->first - 1)) || dismissal_word(n, x->last) ||
                      bowling_figures(n, x->last);
        if (!player || x->kind == EG_CHUNK_PERSON)
            continue;
        x->kind = EG_CHUNK_PERSON;
        x->flags = (x->flags & ~(uint32_t)EG_CHUNK_PLACE) | EG_CHUNK_STRONG;
        if (x->last - x->first == 1)
            x->form = EG_FORM_SURNAME;
    }
}

static void make_team(eg_chunk *c)
{
    c->kind = EG_CHUNK_BODY;
    c->form = EG_FORM_NAME;
    c->flags = (c->flags & ~(uint32_t)EG_CHUNK_PLACE) | EG_CHUNK_STRONG;
}

/*
 * In a sports report a place's or an unknown name followed by a score, or
 * beating another, is a team: "Somerset 83 and 174", "Leicestershire beat
 * Somerset", and in tables of capitals "NEW YORK 74 59 .556".
 */
static eg_status sports_pass(ner *n)
{
    if (!sports_report(n))
        return EG_OK;
    cricket_players(n);
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        bool weak_person = x->kind == EG_CHUNK_PERSON && !(x->flags & EG_CHUNK_STRONG);
        if ((x->kind != EG_CHUNK_OTHER && !weak_person) || x->parent != EG_NONE ||
            (x->flags & EG_CHUNK_HIDDEN) ||
            (cls(n, x->first) & (EG_LEX_REGION | EG_LEX_CALENDAR | EG_LEX_EVENT_HEAD)))
            continue;
        size_t after = x->last;
        /* a player's name may be followed by a score too ("Fleming 4"); a name
         * that looks like a person's is a team only in a table row (three
         * numbers or more) or a result row ("Red Star 2 Vojvodina 1") */
        bool row = is_score(n, after) && is_score(n, after + 1) && is_score(n, after + 2);
        bool result = is_score(n, after) && is_cap(n, after + 1) && same_line(n, after, after + 1);
        if (is_score(n, after) && same_line(n, x->first, after) && (!weak_person || row || result)) {
            make_team(x);
            continue;
        }
        if (is_result_verb(n, after) && is_cap(n, after + 1) && same_line(n, x->first, after + 1)) {
            make_team(x);
            for (size_t d = 0; d < n->out->n; d++)
                if (ch(n, d)->first == after + 1 && ch(n, d)->parent == EG_NONE &&
                    (ch(n, d)->kind == EG_CHUNK_OTHER ||
                     (ch(n, d)->kind == EG_CHUNK_PERSON && !(ch(n, d)->flags & EG_CHUNK_STRONG))))
                    make_team(ch(n, d));
        }
    }
    /* "Surrey closed on 429", "to dismiss Nottinghamshire": a place that is
     * not where something happens ("in Leeds", "at Tunbridge Wells:", the
     * dateline "LONDON 1996-08-30") is a team; only where sport is what the
     * text is about, not in a report on an election "race" */
    bool about_sport = sport_words_share(n) >= SPORT_SHARE;
    for (size_t c = 0; c < n->out->n && about_sport; c++) {
        eg_chunk *x = ch(n, c);
        if (x->kind != EG_CHUNK_OTHER || !(x->flags & EG_CHUNK_PLACE) || x->parent != EG_NONE ||
            (x->flags & EG_CHUNK_HIDDEN) || is_headline(n, x->first))
            continue;
        size_t after = x->last;
        /* a venue ("Tunbridge Wells:"), a dateline ("ARLINGTON, Texas
         * 1996-08-31"), or the city of a longer name ("the Texas Rangers") */
        bool venue = is_punct(n, after, ':') || is_punct(n, after, '(') ||
                     (after < n->n && tk(n, after)->kind == EG_TOK_NUMBER && !is_score(n, after)) ||
                     ((tk(n, x->first)->flags & EG_TOK_LINE_START) && after < n->n &&
                      tk(n, after)->kind == EG_TOK_NUMBER) ||
                     (is_cap(n, after) && same_line(n, x->first, after));
        if (!venue && x->first > 0 && !locative(n, x->first - 1))
            make_team(x);
    }
    /* rows of tables in capitals: a name at the start of a line, then a score */
    for (size_t i = 0; i < n->n; i++) {
        if (!is_headline(n, i) || !(tk(n, i)->flags & EG_TOK_LINE_START) || !is_cap(n, i))
            continue;
        size_t j = i;
        while (j < n->n && is_cap(n, j) && same_line(n, i, j) && j - i < 4)
            j++;
        if (!is_score(n, j) || !same_line(n, i, j) || (cls(n, i) & (EG_LEX_COUNTRY | EG_LEX_CALENDAR)))
            continue;
        size_t c = add_chunk(n, i, j, EG_CHUNK_BODY, EG_NONE, EG_LINK_NONE);
        if (c == EG_NONE)
            return EG_ENOMEM;
        ch(n, c)->flags |= EG_CHUNK_STRONG | EG_CHUNK_HEADLINE;
        for (size_t k = i; k < j; k++)
            n->used[k] = 1;
    }
    return EG_OK;
}

/* Whether token i is a lower-case word for a kind of organisation. */
static bool org_noun(const ner *n, size_t i)
{
    return is_lower_word(n, i) && (cls(n, i) & EG_LEX_ORG_NOUN);
}

/* "the copper company Codelco", "Codelco, a Chilean copper company": a name
 * in apposition with a word for a kind of organisation is a body. */
static void bodies_from_appositions(ner *n)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if (x->kind != EG_CHUNK_OTHER || x->parent != EG_NONE ||
            (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_PLACE)) ||
            (cls(n, x->first) & (EG_LEX_REGION | EG_LEX_CALENDAR | EG_LEX_EVENT_HEAD)))
            continue;
        bool before = x->first > 0 && org_noun(n, x->first - 1) && same_line(n, x->first - 1, x->first);
        bool after = false;
        size_t k = x->last;
        if (is_punct(n, k, ',') && (is_word(n, k + 1, "a") || is_word(n, k + 1, "an") ||
                                    is_word(n, k + 1, "the"))) {
            /* ", a Hong Kong construction firm": the noun within a few words */
            for (size_t q = k + 2; q < k + 7 && q < n->n && same_line(n, k, q); q++) {
                if (org_noun(n, q)) {
                    after = !(q + 1 < n->n && is_word(n, q + 1, "of"));
                    break;
                }
                if (is_punct(n, q, ',') || is_punct(n, q, '.') || is_word(n, q, "who") ||
                    is_word(n, q, "which"))
                    break;
            }
        }
        if (before || after)
            x->kind = EG_CHUNK_BODY;
    }
}

/* "Pirelli chairman", "chairman of Pirelli", "spokesman for Pirelli": an
 * unknown name with a post is the body that gives the post. */
/* "Democratic Gov.", "Nationalist candidate", "Crimean Deputy": one word
 * shaped like an adjective before a post says what kind of post, not whose
 * ("Vexa chairman" stays a body). */
static bool adjective_before_post(const ner *n, const eg_chunk *x)
{
    static const char *const endings[] = {"ic", "al", "ist", "ish", "ese", "ive", "ary", "ean", "ian", "an"};
    if (x->last - x->first != 1 || (cls(n, x->first) & (EG_LEX_ORG | EG_LEX_GIVEN | EG_LEX_SURNAME)))
        return false;
    const char *w = nm(n, x->first);
    size_t len = strlen(w);
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
        size_t el = strlen(endings[k]);
        if (len > el + 3 && strcmp(w + len - el, endings[k]) == 0)
            return true;
    }
    return false;
}

static eg_status bodies_from_posts(ner *n)
{
    /* The candidates indexed by their last and first token: pairing every
     * title with every chunk is quadratic. Only candidates change, and only
     * to bodies, so the result does not depend on the order of the pairs. */
    size_t nc = n->out->n;
    size_t *ending = malloc((n->n + 1) * sizeof *ending);   /* token -> first candidate */
    size_t *starting = malloc((n->n + 1) * sizeof *starting);
    size_t *next_ending = malloc((nc ? nc : 1) * sizeof *next_ending);
    size_t *next_starting = malloc((nc ? nc : 1) * sizeof *next_starting);
    eg_status st = EG_OK;
    if (!ending || !starting || !next_ending || !next_starting) {
        st = EG_ENOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i <= n->n; i++)
        ending[i] = starting[i] = EG_NONE;
    for (size_t d = nc; d > 0; d--) {
        const eg_chunk *x = ch(n, d - 1);
        if (x->kind != EG_CHUNK_OTHER || x->parent != EG_NONE ||
            (x->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_PLACE)) ||
            (cls(n, x->first) & (EG_LEX_REGION | EG_LEX_CALENDAR | EG_LEX_EVENT_HEAD)) ||
            x->last > n->n)
            continue;
        next_ending[d - 1] = ending[x->last];
        ending[x->last] = d - 1;
        next_starting[d - 1] = starting[x->first];
        starting[x->first] = d - 1;
    }
    for (size_t c = 0; c < nc; c++) {
        const eg_chunk *t = ch(n, c);
        if (t->kind != EG_CHUNK_TITLE || t->parent != EG_NONE)
            continue;
        for (size_t d = ending[t->first]; d != EG_NONE; d = next_ending[d])
            if (same_line(n, ch(n, d)->first, t->first) && !adjective_before_post(n, ch(n, d)))
                ch(n, d)->kind = EG_CHUNK_BODY;
        size_t k = t->last;
        bool prep = is_word(n, k, "of") || is_word(n, k, "for") || is_word(n, k, "at");
        if (prep && is_word(n, k + 1, "the"))
            k++;
        if (!prep || k + 1 > n->n)
            continue;
        for (size_t d = starting[k + 1]; d != EG_NONE; d = next_starting[d])
            if (same_line(n, t->first, ch(n, d)->first))
                ch(n, d)->kind = EG_CHUNK_BODY;
    }
cleanup:
    free(ending);
    free(starting);
    free(next_ending);
    free(next_starting);
    return st;
}

/*
 * Finds, in tokens [from, to), the names the document gives elsewhere and
 * lexicon countries and organisations; adds them as top-level chunks.
 */
static eg_status scan_known(ner *n, known *kn, size_t from, size_t to, uint32_t flags)
{
    size_t i = from;
    while (i < to) {
        if (tk(n, i)->kind != EG_TOK_WORD || !(tk(n, i)->flags & EG_TOK_CAP)) {
            i++;
            continue;
        }
        size_t best = 0, best_chunk = EG_NONE;
        for (size_t len = 1; len <= 8 && i + len <= to; len++) {
            size_t last = i + len - 1;
            if (!same_line(n, i, last) || tk(n, last)->kind == EG_TOK_PUNCT)
                break;
            make_key(n, i, len);
            size_t k = eg_map_get(kn->names, n->key.buf);
            if (k != EG_NONE) {
                best = len;
                best_chunk = k;
            }
        }
        const eg_lex_entry *le = NULL;
        size_t plen = phrase_at(n, i, to, EG_LEX_COUNTRY | EG_LEX_ORG, &le);
        if (plen > best && le) {
            size_t c = add_chunk(n, i, i + plen,
                                 (le->classes & EG_LEX_COUNTRY) ? EG_CHUNK_COUNTRY : EG_CHUNK_BODY,
                                 EG_NONE, EG_LINK_NONE);
            if (c == EG_NONE)
                return EG_ENOMEM;
            ch(n, c)->country = (le->classes & EG_LEX_COUNTRY) ? le->country : -1;
            ch(n, c)->org = (le->classes & EG_LEX_COUNTRY) ? -1 : le->org;
            ch(n, c)->flags |= flags | EG_CHUNK_STRONG;
            if ((le->classes & EG_LEX_ORG_ACRONYM) ||
                (plen == 1 && (tk(n, i)->flags & (EG_TOK_ALLCAPS | EG_TOK_DOTTED)) &&
                 !(tk(n, i)->flags & EG_TOK_HEADLINE)))
                ch(n, c)->form = EG_FORM_ACRONYM;
            i += plen;
            continue;
        }
        if (best) {
            eg_chunk src = *ch(n, best_chunk);
            size_t c = add_chunk(n, i, i + best, src.kind, EG_NONE, EG_LINK_NONE);
            if (c == EG_NONE)
                return EG_ENOMEM;
            ch(n, c)->country = src.country;
            ch(n, c)->org = src.org;
            ch(n, c)->form = src.form;
            ch(n, c)->flags |= flags;
            i += best;
            continue;
        }
        /* "MAGNA" in a headline, "Magna International Inc" in the text */
        size_t short_len = 0;
        for (size_t len = 1; len <= 3 && i + len <= to; len++) {
            size_t last = i + len - 1;
            if (!same_line(n, i, last) || tk(n, last)->kind == EG_TOK_PUNCT || cls(n, last))
                break;
            make_key(n, i, len);
            size_t k = eg_map_get(kn->short_names, n->key.buf);
            if (k != EG_NONE && k != AMBIGUOUS)
                short_len = len;
        }
        if (short_len) {
            size_t c = add_chunk(n, i, i + short_len, EG_CHUNK_BODY, EG_NONE, EG_LINK_NONE);
            if (c == EG_NONE)
                return EG_ENOMEM;
            ch(n, c)->flags |= flags;
            i += short_len;
            continue;
        }
        size_t p = eg_map_get(kn->surnames, nm(n, i));
        if (p != EG_NONE && p != AMBIGUOUS) {
            size_t c = add_chunk(n, i, i + 1, EG_CHUNK_PERSON, EG_NONE, EG_LINK_NONE);
            if (c == EG_NONE)
                return EG_ENOMEM;
            ch(n, c)->form = EG_FORM_SURNAME;
            ch(n, c)->flags |= flags;
        }
        i++;
    }
    return EG_OK;
}

/* Headline lines, and long capitalised runs that got no type ("Kazakhstan
 * Will Address Topical Security Issues"): the names known from elsewhere. */
static eg_status known_names_pass(ner *n, known *kn)
{
    size_t i = 0;
    while (i < n->n) {
        if (!is_headline(n, i)) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n->n && is_headline(n, j) && same_line(n, i, j))
            j++;
        eg_status st = scan_known(n, kn, i, j, EG_CHUNK_HEADLINE);
        if (st)
            return st;
        i = j > i ? j : i + 1;
    }
    size_t count = n->out->n;
    for (size_t c = 0; c < count; c++) {
        eg_chunk x = *ch(n, c);
        if (x.kind != EG_CHUNK_OTHER || x.parent != EG_NONE || x.last - x.first < 2 ||
            (x.flags & EG_CHUNK_HIDDEN))
            continue;
        size_t mark = n->out->n;
        eg_status st = scan_known(n, kn, x.first, x.last, 0);
        if (st)
            return st;
        if (n->out->n > mark)
            ch(n, c)->flags |= EG_CHUNK_HIDDEN;
    }
    return EG_OK;
}

/* ---- the tagger's names ---- */

/*
 * The policy where the tagger and the rules meet. The tagger decides which
 * words are names and of which type: person, body, country, or none of ours
 * (misc, loc). The rules keep what a tagger does not do: titles (posts),
 * documents, the names nested in a body's name, generic references ("the
 * Assembly"), acronyms defined in parentheses. In order:
 *  1. a tagger name loses the words of a group ("CSTO Member States" ->
 *     "CSTO"; "States" alone is no name), unless a lexicon name covers it
 *     ("United States");
 *  2. a tagger name over words the rules read as a title (a post) is
 *     refused: posts are the rules' ("Ambassador Extraordinary and
 *     Plenipotentiary"); the rules' names under it stand. But a tagger name
 *     that holds the whole title keeps it as a word of its name ("General
 *     Motors Corp"), and a body or country inside the title before its post
 *     ("backbench Labour MP") is the tagger's, the title beginning after it;
 *  3. a body or document the rules read as a longer name than the tagger,
 *     over names the tagger found inside it, stands with its nested names
 *     ("National Assembly of the Republic of Belarus", where the tagger saw
 *     "National Assembly" and "Republic of Belarus"): a body when the rules
 *     took a complement ("of the ...", "on ..."), a document always (few
 *     annotated texts mark documents: they are the rules' own);
 *  4. every other tagger name takes over the rules' chunk of exactly its
 *     words (nested names kept for a body or a place; a person or country
 *     has none), or becomes a chunk of its own;
 *  5. the rules' titles, documents, generic references and implied names
 *     that no tagger name overlaps stand; so do the rules' names under a
 *     refused tagger name; every other chunk of the rules goes.
 */

static eg_chunk_kind kind_of_tag(eg_tag_type t)
{
    switch (t) {
    case EG_TAG_PERSON: return EG_CHUNK_PERSON;
    case EG_TAG_BODY: return EG_CHUNK_BODY;
    case EG_TAG_COUNTRY: return EG_CHUNK_COUNTRY;
    case EG_TAG_DOCUMENT: return EG_CHUNK_DOCUMENT;
    default: return EG_CHUNK_OTHER;
    }
}

/* Whether tagger span s names one of our entities (not misc or loc). */
static bool ours(const eg_tag_span *s)
{
    return s->type <= EG_TAG_DOCUMENT;
}

/* Form and lexicon identity of a chunk made from a tagger name. */
static void type_new_chunk(ner *n, eg_chunk *c)
{
    size_t len = c->last - c->first;
    const eg_lex_entry *le = NULL;
    bool caps = len == 1 && (tk(n, c->first)->flags & (EG_TOK_ALLCAPS | EG_TOK_DOTTED)) &&
                !(tk(n, c->first)->flags & EG_TOK_HEADLINE);
    if (c->kind == EG_CHUNK_COUNTRY) {
        if (phrase_at(n, c->first, c->last, EG_LEX_COUNTRY, &le) == len && le)
            c->country = le->country;
        if (caps)
            c->form = EG_FORM_ACRONYM;
    } else if (c->kind == EG_CHUNK_BODY) {
        if (phrase_at(n, c->first, c->last, EG_LEX_ORG, &le) == len && le) {
            c->org = le->org;
            if (le->classes & EG_LEX_ORG_ACRONYM)
                c->form = EG_FORM_ACRONYM;
        } else if (caps) {
            c->form = EG_FORM_ACRONYM;
        }
    } else if (c->kind == EG_CHUNK_PERSON && len == 1) {
        c->form = EG_FORM_SURNAME;
    }
}

/* Rule 1: span s without the group noun that ends it; false when nothing
 * is left. */
static bool drop_group(ner *n, eg_tag_span *s)
{
    if (phrase_at(n, s->first, s->last, EG_LEX_COUNTRY | EG_LEX_ORG, NULL) == s->last - s->first)
        return true;
    for (size_t g = s->first; g < s->last; g++) {
        if (phrase_at(n, g, s->last, EG_LEX_GROUP_NOUN, NULL) == s->last - g) {
            s->last = g;
            break;
        }
    }
    return s->last > s->first;
}

/* Rule 3: whether top-level chunk c, a body or document, holds every live
 * tagger name that overlaps it, none of them a person's, and is longer
 * than each. */
static bool rules_read_longer(ner *n, size_t c, const eg_tag_span *spans, const size_t *span_of,
                              const unsigned char *has_complement)
{
    const eg_chunk *x = ch(n, c);
    if ((x->kind != EG_CHUNK_BODY && x->kind != EG_CHUNK_DOCUMENT) || !(x->flags & EG_CHUNK_STRONG) ||
        (x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)) || x->last - x->first < 3)
        return false;
    if (x->kind == EG_CHUNK_BODY && !has_complement[c])
        return false;
    bool any = false;
    for (size_t i = x->first; i < x->last && i < n->n; i++) {
        size_t sp = span_of[i];
        if (sp == EG_NONE)
            continue;
        const eg_tag_span *s = &spans[sp];
        if (s->first < x->first || s->last > x->last || s->type == EG_TAG_PERSON ||
            (s->first == x->first && s->last == x->last))
            return false;
        any = true;
    }
    return any || x->kind == EG_CHUNK_DOCUMENT;
}

typedef struct merge {
    eg_tag_span *spans;     /* the tagger's names, as rule 1 cut them */
    size_t n_spans;
    unsigned char *state;   /* per span: LIVE, REFUSED, TAKEN */
    size_t *span_of;        /* per token: the live span over it, or EG_NONE */
    unsigned char *refused; /* per token: under a refused span */
    unsigned char *has_complement; /* per chunk */
    size_t *title_first;    /* per chunk: where a title begins once the names
                               in it are cut out, or EG_NONE */
    size_t *renum;          /* old chunk -> new, or EG_NONE */
    eg_chunk *keep;         /* the new chunks */
    size_t n_keep;
} merge;

enum { LIVE, REFUSED, TAKEN, GONE };

static void merge_release(merge *m)
{
    free(m->spans);
    free(m->state);
    free(m->span_of);
    free(m->refused);
    free(m->has_complement);
    free(m->title_first);
    free(m->renum);
    free(m->keep);
}

/* A title_first value: the title lies inside a tagger name and goes. */
#define TITLE_GONE ((size_t)-2)

/*
 * Rule 2 for title chunk c. A tagger name that holds the whole title is a
 * name with a title word in it ("General Motors Corp"): the title goes. A
 * tagger name of a body or country inside the title before its post
 * ("backbench Labour MP", "Former Labour leader": the rules' modifiers took
 * in the party) stays, and the title begins after it. Any other tagger
 * name over the title's words is refused: posts are the rules'.
 */
static void cut_title(ner *n, merge *m, size_t c)
{
    const eg_chunk *x = ch(n, c);
    size_t first = x->first;
    for (size_t i = x->first; i < x->last && i < n->n; i++) {
        size_t k = m->span_of[i];
        if (k == EG_NONE || m->state[k] != LIVE)
            continue;
        const eg_tag_span *s = &m->spans[k];
        if (s->first <= x->first && x->last <= s->last) {
            m->title_first[c] = TITLE_GONE;
            return;
        }
        bool post_after = false;
        for (size_t q = s->last; q < x->last && !post_after; q++)
            post_after = (cls(n, q) & EG_LEX_TITLE) != 0;
        if (s->first >= x->first && s->last < x->last && post_after && ours(s) &&
            s->type != EG_TAG_PERSON) {
            first = s->last;
            i = s->last - 1;
        } else {
            m->state[k] = REFUSED;
        }
    }
    if (first != x->first)
        m->title_first[c] = first;
}

static eg_status merge_init(merge *m, ner *n, const eg_tag_span *spans, size_t n_spans)
{
    size_t nc = n->out->n;
    memset(m, 0, sizeof *m);
    m->n_spans = n_spans;
    m->spans = malloc((n_spans + 1) * sizeof *m->spans);
    m->state = calloc(n_spans + 1, 1);
    m->span_of = malloc((n->n + 1) * sizeof *m->span_of);
    m->refused = calloc(n->n + 1, 1);
    m->has_complement = calloc(nc + 1, 1);
    m->title_first = malloc((nc + 1) * sizeof *m->title_first);
    m->renum = malloc((nc + 1) * sizeof *m->renum);
    m->keep = malloc((nc + n_spans + 1) * sizeof *m->keep);
    if (!m->spans || !m->state || !m->span_of || !m->refused || !m->has_complement ||
        !m->title_first || !m->renum || !m->keep)
        return EG_ENOMEM;
    memcpy(m->spans, spans, n_spans * sizeof *spans);
    for (size_t c = 0; c < nc; c++)
        if (ch(n, c)->parent != EG_NONE && ch(n, c)->link == EG_LINK_COMPLEMENT)
            m->has_complement[ch(n, c)->parent] = 1;
    /* rule 1 */
    for (size_t k = 0; k < n_spans; k++)
        if (!drop_group(n, &m->spans[k]))
            m->state[k] = GONE;
    for (size_t i = 0; i <= n->n; i++)
        m->span_of[i] = EG_NONE;
    for (size_t k = 0; k < n_spans; k++)
        for (size_t i = m->spans[k].first; i < m->spans[k].last && i < n->n; i++)
            if (m->state[k] == LIVE)
                m->span_of[i] = k;
    /* rule 2, title by title */
    for (size_t c = 0; c < nc; c++) {
        const eg_chunk *x = ch(n, c);
        m->title_first[c] = EG_NONE;
        if (x->kind == EG_CHUNK_TITLE && x->parent == EG_NONE)
            cut_title(n, m, c);
    }
    for (size_t i = 0; i <= n->n; i++)
        m->span_of[i] = EG_NONE;
    for (size_t k = 0; k < n_spans; k++) {
        const eg_tag_span *s = &m->spans[k];
        for (size_t i = s->first; i < s->last && i < n->n; i++) {
            if (m->state[k] == LIVE)
                m->span_of[i] = k;
            else if (m->state[k] == REFUSED)
                m->refused[i] = 1;
        }
    }
    return EG_OK;
}

/* Rules 3-5 for chunk c: the chunk to keep, or false to drop it. */
static bool merge_chunk(ner *n, merge *m, size_t c, eg_chunk *y)
{
    const eg_chunk *x = ch(n, c);
    *y = *x;
    if (x->parent != EG_NONE) {
        /* inside a name kept whole: the rules' parse of it stands */
        y->parent = m->renum[x->parent];
        return y->parent != EG_NONE;
    }
    size_t sp = x->first < n->n ? m->span_of[x->first] : EG_NONE;
    bool exact = sp != EG_NONE && m->spans[sp].first == x->first && m->spans[sp].last == x->last &&
                 m->state[sp] == LIVE;
    bool overlap = false, under_refused = false;
    for (size_t i = x->first; i < x->last && i < n->n; i++) {
        overlap |= m->span_of[i] != EG_NONE;
        under_refused |= m->refused[i] != 0;
    }
    if (rules_read_longer(n, c, m->spans, m->span_of, m->has_complement)) {
        for (size_t i = x->first; i < x->last && i < n->n; i++)
            if (m->span_of[i] != EG_NONE)
                m->state[m->span_of[i]] = TAKEN;
        return true;
    }
    if (exact) {
        eg_chunk_kind kind = kind_of_tag(m->spans[sp].type);
        if (x->kind == EG_CHUNK_DOCUMENT && (x->flags & EG_CHUNK_STRONG) && !ours(&m->spans[sp]))
            kind = EG_CHUNK_DOCUMENT;
        if (kind != x->kind) {
            y->kind = kind;
            y->form = EG_FORM_NAME;
            y->country = y->org = -1;
            y->alias_of = EG_NONE;
            type_new_chunk(n, y);
        }
        /* the tagger says it is a name: not a generic reference ("General
         * Motors Corp" is no "general corporation") */
        if (ours(&m->spans[sp]))
            y->flags &= ~(uint32_t)(EG_CHUNK_GENERIC | EG_CHUNK_BARE | EG_CHUNK_PLACE | EG_CHUNK_HIDDEN);
        m->state[sp] = TAKEN;
        return true;
    }
    if (x->kind == EG_CHUNK_TITLE && m->title_first[c] == TITLE_GONE)
        return false;
    if (x->kind == EG_CHUNK_TITLE && m->title_first[c] != EG_NONE) {
        y->first = m->title_first[c];
        return true;
    }
    if (overlap)
        return false;
    if (under_refused)
        return true;
    return x->kind == EG_CHUNK_TITLE || (x->kind == EG_CHUNK_DOCUMENT && (x->flags & EG_CHUNK_STRONG)) ||
           (x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN));
}

static eg_status apply_tags(ner *n, const eg_tag_span *spans, size_t n_spans)
{
    merge m;
    eg_status st = merge_init(&m, n, spans, n_spans);
    if (st) {
        merge_release(&m);
        return st;
    }
    size_t nc = n->out->n;
    for (size_t c = 0; c < nc; c++) {
        eg_chunk y;
        m.renum[c] = EG_NONE;
        if (!merge_chunk(n, &m, c, &y))
            continue;
        /* a person or a country has no nested names */
        if (y.parent != EG_NONE && (m.keep[y.parent].kind == EG_CHUNK_PERSON ||
                                    m.keep[y.parent].kind == EG_CHUNK_COUNTRY))
            continue;
        m.keep[m.n_keep] = y;
        m.renum[c] = m.n_keep++;
    }
    for (size_t k = 0; k < m.n_spans; k++) {
        if (m.state[k] != LIVE)
            continue;
        eg_chunk c;
        memset(&c, 0, sizeof c);
        c.first = m.spans[k].first;
        c.last = m.spans[k].last;
        c.kind = kind_of_tag(m.spans[k].type);
        c.parent = c.alias_of = EG_NONE;
        c.country = c.org = -1;
        c.flags = EG_CHUNK_STRONG;
        type_new_chunk(n, &c);
        m.keep[m.n_keep++] = c;
    }
    for (size_t k = 0; k < m.n_keep; k++) {
        size_t a = m.keep[k].alias_of;
        a = a == EG_NONE ? EG_NONE : m.renum[a];
        m.keep[k].alias_of = a != EG_NONE && m.keep[a].kind == m.keep[k].kind ? a : EG_NONE;
    }
    for (size_t c = 0; c < nc; c++)
        free(n->out->v[c].name);
    n->out->n = 0;
    if (eg_grow(&n->out->v, &n->out->cap, m.n_keep, sizeof *n->out->v) == EG_OK) {
        memcpy(n->out->v, m.keep, m.n_keep * sizeof *m.keep);
        n->out->n = m.n_keep;
    } else {
        st = EG_ENOMEM;
    }
    merge_release(&m);
    return st;
}

/* ---- naming ---- */

/* The text of tokens [first, last) with white space collapsed. */
static void span_text(ner *n, size_t first, size_t last, eg_strbuf *out)
{
    eg_strbuf_reset(out);
    for (size_t k = first; k < last; k++) {
        if (k > first && (tk(n, k)->flags & EG_TOK_SPACE_BEFORE))
            eg_strbuf_addc(out, ' ');
        eg_strbuf_add(out, n->text + tk(n, k)->start, tk(n, k)->end - tk(n, k)->start);
    }
}

/* A person's name: capitals fixed, a run-together name split. */
static char *person_name(ner *n, const eg_chunk *c)
{
    eg_strbuf raw = EG_STRBUF_INIT, fixed = EG_STRBUF_INIT;
    span_text(n, c->first, c->last, &raw);
    /* split "YerlanKoshanov" at the inner capital after a given name */
    if (c->last - c->first == 1 && (tk(n, c->first)->flags & EG_TOK_CAMEL)) {
        for (size_t k = 1; k < raw.len; k++) {
            if (raw.buf[k] >= 'A' && raw.buf[k] <= 'Z' && raw.buf[k - 1] >= 'a' &&
                raw.buf[k - 1] <= 'z') {
                eg_strbuf split = EG_STRBUF_INIT;
                eg_strbuf_add(&split, raw.buf, k);
                eg_strbuf_addc(&split, ' ');
                eg_strbuf_add(&split, raw.buf + k, raw.len - k);
                eg_strbuf_release(&raw);
                raw = split;
                break;
            }
        }
    }
    eg_fix_caps(raw.buf, raw.len, &fixed);
    eg_strbuf_release(&raw);
    return eg_strbuf_detach(&fixed, NULL);
}

/* A name's own text, or its organisation's name from the lexicon. */
static char *own_name(ner *n, const eg_chunk *x, eg_strbuf *sb)
{
    if (x->org >= 0 && eg_lexicon_org_name(n->lex, x->org))
        return eg_strdup(eg_lexicon_org_name(n->lex, x->org));
    span_text(n, x->first, x->last, sb);
    return eg_strdup(sb->buf);
}

/* The one body of the document whose name begins with the words of body
 * chunk c ("Parliamentary Assembly" after "Parliamentary Assembly of the
 * CSTO", "Magna" after "Magna International Inc"), or EG_NONE. */
static size_t longer_body(ner *n, known *kn, size_t c)
{
    const eg_chunk *x = ch(n, c);
    if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || x->form != EG_FORM_NAME)
        return EG_NONE;
    chunk_key(n, x);
    size_t b = eg_map_get(kn->short_names, n->key.buf);
    if (b == AMBIGUOUS || b == c || b == EG_NONE)
        return EG_NONE;
    /* a name with a head word of its own ("Oxford University") is complete:
     * only a complement extends it ("Parliamentary Assembly of the CSTO"),
     * not more heads ("Oxford University Library Services"); a bare name
     * ("Labour", "Magna") stands for the one longer name it begins */
    const eg_chunk *y = ch(n, b);
    if (cls(n, x->last - 1) & EG_LEX_BODY_HEAD)
        return is_word(n, y->first + (x->last - x->first), "of") ? b : EG_NONE;
    return b;
}

static eg_status name_chunks(ner *n, known *kn)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    /* people first, so that surnames can take their full names */
    for (int round = 0; round < 2; round++) {
        for (size_t c = 0; c < n->out->n; c++) {
            eg_chunk *x = ch(n, c);
            if (x->name || x->kind == EG_CHUNK_OTHER || x->kind == EG_CHUNK_TITLE)
                continue;
            if (round == 0 && !(x->kind == EG_CHUNK_PERSON && x->form != EG_FORM_SURNAME))
                continue;
            if (x->kind == EG_CHUNK_PERSON) {
                if (x->form == EG_FORM_SURNAME) {
                    size_t p = eg_map_get(kn->surnames, nm(n, x->last - 1));
                    if (p != EG_NONE && p != AMBIGUOUS && ch(n, p)->name)
                        x->name = eg_strdup(ch(n, p)->name);
                    else
                        x->name = person_name(n, x);
                } else {
                    x->name = person_name(n, x);
                }
            } else if (x->kind == EG_CHUNK_COUNTRY) {
                const char *cn = eg_lexicon_country_name(n->lex, x->country);
                if (cn) {
                    x->name = eg_strdup(cn);
                } else {
                    span_text(n, x->first, x->last, &sb);
                    x->name = eg_strdup(sb.buf);
                }
            } else if (x->org >= 0 && eg_lexicon_org_name(n->lex, x->org)) {
                /* "UN" and "United Nations" are one organisation */
                x->name = eg_strdup(eg_lexicon_org_name(n->lex, x->org));
            } else {
                size_t full = longer_body(n, kn, c);
                if (full != EG_NONE && !ch(n, full)->name)
                    ch(n, full)->name = own_name(n, ch(n, full), &sb);
                x->name = full != EG_NONE ? eg_strdup(ch(n, full)->name) : own_name(n, x, &sb);
            }
            if (!x->name) {
                eg_strbuf_release(&sb);
                return EG_ENOMEM;
            }
        }
    }
    eg_strbuf_release(&sb);
    return EG_OK;
}

/* Acronyms take the name of what they abbreviate: defined in parentheses, or
 * the one body of the document whose initials they are. */
/* The initials of body chunk x's capitalised words, lower case, into
 * n->key ("Securities and Exchange Commission" -> "sec"); false when it has
 * fewer than two. */
static bool initials(ner *n, const eg_chunk *x)
{
    eg_strbuf_reset(&n->key);
    for (size_t k = x->first; k < x->last; k++) {
        const char *w = nm(n, k);
        if (tk(n, k)->kind == EG_TOK_WORD && (tk(n, k)->flags & EG_TOK_CAP) && w[0] >= 'a' && w[0] <= 'z')
            eg_strbuf_addc(&n->key, w[0]);
    }
    return n->key.len >= 2 && eg_strbuf_status(&n->key) == EG_OK;
}

/* An acronym's normal form without its dots ("u.n." -> "un"), into n->key. */
static void undotted(ner *n, size_t i)
{
    eg_strbuf_reset(&n->key);
    for (const char *w = nm(n, i); *w; w++)
        if (*w != '.')
            eg_strbuf_addc(&n->key, *w);
}

static eg_status resolve_acronyms(ner *n)
{
    eg_map *defs = eg_map_new(64);
    eg_map *by_initials = eg_map_new(64);
    if (!defs || !by_initials) {
        eg_map_free(defs);
        eg_map_free(by_initials);
        return EG_ENOMEM;
    }
    eg_status st = EG_OK;
    for (size_t c = 0; c < n->out->n && st == EG_OK; c++) {
        eg_chunk *x = ch(n, c);
        if (x->alias_of != EG_NONE && ch(n, x->alias_of)->name)
            st = eg_map_put(defs, nm(n, x->first), x->alias_of);
        if (st == EG_OK && x->kind == EG_CHUNK_BODY && x->form == EG_FORM_NAME && x->name &&
            x->org < 0 && !(x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)) && initials(n, x)) {
            size_t prev = eg_map_get(by_initials, n->key.buf);
            if (prev == EG_NONE)
                st = eg_map_put(by_initials, n->key.buf, c);
            else if (prev != AMBIGUOUS && strcmp(ch(n, prev)->name, x->name) != 0)
                st = eg_map_put(by_initials, n->key.buf, AMBIGUOUS);
        }
    }
    for (size_t c = 0; c < n->out->n && st == EG_OK; c++) {
        eg_chunk *x = ch(n, c);
        if (x->form != EG_FORM_ACRONYM || x->kind != EG_CHUNK_BODY || x->last - x->first != 1)
            continue;
        size_t d = eg_map_get(defs, nm(n, x->first));
        /* else the one body of the document whose initials it is ("SEC",
         * "Securities and Exchange Commission") */
        if (d == EG_NONE && x->org < 0) {
            undotted(n, x->first);
            d = eg_map_get(by_initials, n->key.buf);
        }
        if (d == EG_NONE || d == AMBIGUOUS || d == c)
            continue;
        char *name = eg_strdup(ch(n, d)->name);
        if (!name) {
            st = EG_ENOMEM;
            break;
        }
        free(x->name);
        x->name = name;
    }
    eg_map_free(defs);
    eg_map_free(by_initials);
    return st;
}

eg_status eg_ner_run(const eg_lexicon *lex, const char *text, size_t len, const eg_tokens *toks,
                     const eg_lex_matches *matches, const eg_tag_span *spans, size_t n_spans,
                     eg_chunks *chunks)
{
    eg_status st = EG_OK;
    for (size_t i = 0; i < chunks->n; i++)
        free(chunks->v[i].name);
    chunks->n = 0;
    ner n = {0};
    known kn = {0};
    n.lex = lex;
    n.text = text;
    n.len = len;
    n.toks = toks;
    n.n = toks->n;
    n.out = chunks;
    n.lm = matches;
    eg_strbuf_init(&n.key);
    n.used = calloc(n.n ? n.n : 1, 1);
    n.lower_words = eg_map_new(256);
    kn.names = eg_map_new(64);
    kn.surnames = eg_map_new(64);
    kn.short_names = eg_map_new(64);
    if (!n.used || !n.lower_words || !kn.names || !kn.surnames ||
        !kn.short_names) {
        st = EG_ENOMEM;
        goto cleanup;
    }
    if ((st = collect_lower_words(&n)) != EG_OK)
        goto cleanup;
    if ((st = first_pass(&n)) != EG_OK)
        goto cleanup;
    if ((st = bare_heads_pass(&n)) != EG_OK)
        goto cleanup;
    if (spans) {
        if ((st = apply_tags(&n, spans, n_spans)) != EG_OK ||
            (st = collect_known(&n, &kn)) != EG_OK || (st = name_chunks(&n, &kn)) != EG_OK)
            goto cleanup;
        st = resolve_acronyms(&n);
        goto cleanup;
    }
    if ((st = collect_known(&n, &kn)) != EG_OK)
        goto cleanup;
    if ((st = retype_untyped(&n, &kn)) != EG_OK)
        goto cleanup;
    if ((st = sports_pass(&n)) != EG_OK)
        goto cleanup;
    if ((st = bodies_from_posts(&n)) != EG_OK)
        goto cleanup;
    bodies_from_appositions(&n);
    if ((st = collect_known(&n, &kn)) != EG_OK)
        goto cleanup;
    retype_known(&n, &kn);
    if ((st = known_names_pass(&n, &kn)) != EG_OK)
        goto cleanup;
    if ((st = name_chunks(&n, &kn)) != EG_OK)
        goto cleanup;
    st = resolve_acronyms(&n);
cleanup:
    free(n.used);
    eg_map_free(n.lower_words);
    eg_map_free(kn.names);
    eg_map_free(kn.surnames);
    eg_map_free(kn.short_names);
    eg_strbuf_release(&n.key);
    return st;
}
