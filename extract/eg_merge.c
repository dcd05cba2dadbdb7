#include "eg_merge.h"

#include "eg_hash.h"

#include <stdlib.h>

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
        } else if (phrase_at(n, c->first, c->last, EG_LEX_PARTY_FORM, &le) == len && le && le->org >= 0) {
            /* "Conservative": the party it is the adjective of */
            c->org = le->org;
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
    /* "Member States of the Organization": the members, no body */
    size_t lead = phrase_at(n, s->first, s->last, EG_LEX_GROUP_NOUN, NULL);
    if (lead && is_word(n, s->first + lead, "of"))
        return false;
    for (size_t g = s->first + 1; g < s->last; g++) {
        if (phrase_at(n, g, s->last, EG_LEX_GROUP_NOUN, NULL) != s->last - g)
            continue;
        s->last = g;
        /* what the members are of is a body ("CSTO" of "CSTO States"), or a
         * people's adjective that names none ("Arab" of "Arab states") */
        if (s->type == EG_TAG_COUNTRY &&
            phrase_at(n, s->first, s->last, EG_LEX_COUNTRY, NULL) != s->last - s->first) {
            if (s->last - s->first == 1 && (cls(n, s->first) & EG_LEX_DEMONYM))
                return false;
            s->type = EG_TAG_BODY;
        }
        break;
    }
    return s->last > s->first && !(phrase_at(n, s->first, s->last, EG_LEX_GROUP_NOUN, NULL) ==
                                   s->last - s->first);
}

/* Rule 1 too: span s without a word that dates a post, which a tagger may
 * take with the name that follows at a sentence's start. */
static void drop_post_time(ner *n, eg_tag_span *s)
{
    if (s->last - s->first < 2 || !post_time_word(n, s->first))
        return;
    s->first++;
    if (is_punct(n, s->first, '-') && s->last - s->first >= 2)
        s->first++; /* "Ex-Enron" */
}

/* A generational suffix after a name: "Jr", "Sr" (their period is the
 * mention's, eg_extract). */
static bool name_suffix(ner *n, size_t i)
{
    return is_cap(n, i) && (is_word(n, i, "jr") || is_word(n, i, "sr") || is_word(n, i, "jnr") ||
                            is_word(n, i, "snr"));
}

/* Rule 1: a person's name takes the regnal number or generational suffix
 * after it ("Elizabeth I", "Louis XIV", "Paul Desmarais Sr"), up to `limit`
 * (the next tagger name), and the initials before it ("A. R. Rahman"),
 * down to `floor` (the end of the previous one). */
static void take_name_parts(ner *n, eg_tag_span *s, size_t floor, size_t limit)
{
    if (s->type != EG_TAG_PERSON)
        return;
    if (s->last < limit && (roman_token(n, s->last) || name_suffix(n, s->last)) &&
        same_line(n, s->last - 1, s->last) && !(tk(n, s->last)->flags & EG_TOK_HEADLINE))
        s->last++;
    /* "A." is the tokens "A" and "." */
    while (s->first >= floor + 2 && is_punct(n, s->first - 1, '.') &&
           !(tk(n, s->first - 1)->flags & EG_TOK_SPACE_BEFORE) && is_cap(n, s->first - 2) &&
           tk(n, s->first - 2)->end - tk(n, s->first - 2)->start == 1 &&
           same_line(n, s->first - 2, s->first) && !(tk(n, s->first - 2)->flags & EG_TOK_HEADLINE))
        s->first -= 2;
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

/* Rule 3, the same for acronyms: "CSTO PA", which the rules read as one
 * name of acronyms and the tagger as a body or two inside it, is one name. */
static bool acronyms_side_by_side(ner *n, size_t c, const eg_tag_span *spans, const size_t *span_of)
{
    const eg_chunk *x = ch(n, c);
    if (x->kind != EG_CHUNK_BODY || x->form != EG_FORM_ACRONYM || x->last - x->first < 2)
        return false;
    bool any = false;
    for (size_t i = x->first; i < x->last && i < n->n; i++) {
        size_t sp = span_of[i];
        if (sp == EG_NONE)
            continue;
        if (spans[sp].type != EG_TAG_BODY || spans[sp].first < x->first || spans[sp].last > x->last ||
            (spans[sp].first == x->first && spans[sp].last == x->last))
            return false;
        any = true;
    }
    return any;
}

/* Rule 3 for the names the lexicon knows: "New Labour", which the tagger
 * reads as "Labour" after a word: when the rules' chunk is one of an
 * organisation's names in the lexicon and every tagger name inside it is a
 * body the lexicon knows as the same organisation, or not at all, the
 * longer name stands. */
static bool lexicon_reads_longer(ner *n, size_t c, const eg_tag_span *spans, const size_t *span_of)
{
    const eg_chunk *x = ch(n, c);
    const eg_lex_entry *whole = NULL;
    if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || x->last - x->first < 2 || x->last > n->n ||
        phrase_at(n, x->first, x->last, EG_LEX_ORG, &whole) != x->last - x->first || !whole ||
        whole->org < 0)
        return false;
    bool any = false;
    for (size_t i = x->first; i < x->last; i++) {
        size_t sp = span_of[i];
        /* the words the tagger left out are capitalised, words of a name
         * ("New"), not of a description ("Xinhua news agency") */
        if (sp == EG_NONE && !(tk(n, i)->kind == EG_TOK_WORD && is_cap(n, i)))
            return false;
        if (sp == EG_NONE)
            continue;
        const eg_tag_span *s = &spans[sp];
        if (s->first < x->first || s->last > x->last || s->type != EG_TAG_BODY ||
            (s->first == x->first && s->last == x->last))
            return false;
        const eg_lex_entry *e = NULL;
        if (phrase_at(n, s->first, s->last, EG_LEX_ORG, &e) == s->last - s->first && e && e->org != whole->org)
            return false;
        any = true;
    }
    return any;
}

/* Rule 3 for a state's organ: "the Indian Army", "the Norwegian
 * Parliament", which the rules read as one body and the tagger, as CoNLL
 * annotates demonyms, as a demonym alone with nothing after it, or as one
 * name of neither person nor body: the body stands. (When the tagger names
 * the organ, "Foreign Ministry", rule 6 gives it the state.) */
static bool organ_words(ner *n, size_t a, size_t b);

static bool organ_after_demonym(ner *n, size_t c, const eg_tag_span *spans, const size_t *span_of)
{
    const eg_chunk *x = ch(n, c);
    size_t d = x->first;
    if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || x->last - d < 2 || d >= n->n ||
        !is_cap(n, d) || !(cls(n, d) & EG_LEX_DEMONYM) || (cls(n, d) & (EG_LEX_COUNTRY | EG_LEX_ORG)) ||
        !same_line(n, d, x->last - 1) || !organ_words(n, d + 1, x->last) || span_of[d] == EG_NONE)
        return false;
    const eg_tag_span *s = &spans[span_of[d]];
    if (s->type == EG_TAG_PERSON || s->type == EG_TAG_BODY || s->type == EG_TAG_DOCUMENT ||
        s->first != d || (s->last != d + 1 && s->last != x->last))
        return false;
    for (size_t i = d + 1; i < x->last; i++)
        if (!is_cap(n, i) || (span_of[i] != EG_NONE && span_of[i] != span_of[d]))
            return false;
    return true;
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
        if (s->first <= x->first && x->last <= s->last && s->type == EG_TAG_BODY) {
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

/*
 * Rule 3, first half: a tagger name over two of the rules' bodies joined by
 * "and" or a comma ("the Council of Ministers of Defence and Committee of
 * Secretaries"), each with its head word, the first one where the tagger's
 * begins, is two names: the tagger's is refused.
 */
static eg_status refuse_coordinations(ner *n, merge *m)
{
    size_t *body_at = malloc((n->n + 1) * sizeof *body_at); /* token -> headed body starting there */
    if (!body_at)
        return EG_ENOMEM;
    for (size_t i = 0; i <= n->n; i++)
        body_at[i] = EG_NONE;
    for (size_t c = 0; c < n->out->n; c++) {
        const eg_chunk *x = ch(n, c);
        if (x->parent == EG_NONE && x->kind == EG_CHUNK_BODY && (x->flags & EG_CHUNK_STRONG) &&
            !(x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)) && x->last - x->first >= 2)
            body_at[x->first] = c;
    }
    for (size_t k = 0; k < m->n_spans; k++) {
        const eg_tag_span *s = &m->spans[k];
        if (m->state[k] != LIVE || s->type != EG_TAG_BODY || body_at[s->first] == EG_NONE)
            continue;
        size_t end = ch(n, body_at[s->first])->last;
        if (end >= s->last)
            continue;
        if (!is_word(n, end, "and") && !is_punct(n, end, ','))
            continue;
        size_t next = end + 1 + is_word(n, end + 1, "the");
        if (next < s->last && body_at[next] != EG_NONE)
            m->state[k] = REFUSED;
    }
    free(body_at);
    return EG_OK;
}

/* A straight or curly double quote. */
static bool quote_at(ner *n, size_t i)
{
    if (i >= n->n || tk(n, i)->kind != EG_TOK_PUNCT)
        return false;
    const char *t = n->text + tk(n, i)->start;
    size_t len = tk(n, i)->end - tk(n, i)->start;
    return (len == 1 && t[0] == '"') ||
           (len == 3 && (memcmp(t, "\xe2\x80\x9c", 3) == 0 || memcmp(t, "\xe2\x80\x9d", 3) == 0));
}

/* The first token of a quoted nickname that ends right before token i
 * ("Peggy" of "Margaret "Peggy" Hallorane": one or two capitalised words in
 * quotes, a capitalised word before them), or EG_NONE. */
static size_t nickname_before(ner *n, size_t i)
{
    if (i < 4 || !quote_at(n, i - 1) || !is_cap(n, i - 2))
        return EG_NONE;
    size_t q = quote_at(n, i - 3) ? i - 3 : i - 4;
    if (q == 0 || !quote_at(n, q) || !is_cap(n, q + 1) || !is_cap(n, q - 1) || !same_line(n, q - 1, i) ||
        is_headline(n, i))
        return EG_NONE;
    return q;
}

/* Rule 1: a person's name runs on over a quoted nickname: the tagger's
 * name before it (or a given name no name holds) and the one after it
 * (span k) are one name, the nickname in it. */
static void take_nickname(ner *n, merge *m, size_t k)
{
    eg_tag_span *s = &m->spans[k];
    if (s->type != EG_TAG_PERSON || m->state[k] != LIVE)
        return;
    /* a name before the nickname: it takes the surname after it, whatever
     * the tagger made of that word */
    size_t after = s->last + 3 + (is_cap(n, s->last + 2) ? 1 : 0);
    if (quote_at(n, s->last) && nickname_before(n, after) == s->last) {
        size_t end = after + 1, j = k + 1;
        for (; j < m->n_spans && m->spans[j].first < after; j++)
            m->state[j] = GONE;
        if (j < m->n_spans && m->spans[j].first == after &&
            (m->spans[j].type == EG_TAG_PERSON || m->spans[j].last == after + 1)) {
            end = m->spans[j].last;
            m->state[j] = GONE;
        } else if (j < m->n_spans && m->spans[j].first == after) {
            return;
        }
        s->last = end;
        return;
    }
    /* else a name after it takes a given name before it */
    size_t q = nickname_before(n, s->first);
    if (q == EG_NONE)
        return;
    size_t j = k; /* the first span from the nickname on */
    while (j > 0 && m->spans[j - 1].last > q)
        j--;
    if (j > 0 && m->spans[j - 1].last == q && m->spans[j - 1].type == EG_TAG_PERSON &&
        m->state[j - 1] == LIVE) {
        m->spans[j - 1].last = s->last;
        for (; j <= k; j++)
            m->state[j] = GONE;
    } else if (cls(n, q - 1) & EG_LEX_GIVEN) {
        /* (a given name the tagger took for something else alone) */
        if (j > 0 && m->spans[j - 1].last == q) {
            if (m->spans[j - 1].first != q - 1)
                return;
            m->state[j - 1] = GONE;
        }
        s->first = q - 1;
        for (; j < k; j++)
            m->state[j] = GONE;
    }
}

/* Whether token i is a word a ruler or saint is known by after "the":
 * "Great", "Terrible", "Elder" (a capitalised common word that ends the
 * name and is no name of its own). */
static bool epithet_word(ner *n, size_t i)
{
    return is_cap(n, i) && (cls(n, i) & EG_LEX_ENGLISH) && !(tk(n, i)->flags & EG_TOK_ALLCAPS) &&
           !(cls(n, i) & (HEAD_CLASSES | NAME_CLASSES | EG_LEX_PLACE | EG_LEX_CALENDAR)) && !is_cap(n, i + 1);
}

/*
 * Rule 1: a name of one given name (or a ruler's, with a number) takes its
 * epithet, "the" and a word ("Ivan the Terrible", "Alfred the Great"). The
 * tagger's names inside the longer name go. ("Philip V of Spain" is left as
 * it is: its state is a mention of its own, and a name nested in a
 * person's would be none.)
 */
static void take_epithet(ner *n, merge *m, size_t k)
{
    eg_tag_span *s = &m->spans[k];
    bool ruler = s->last - s->first == 2 && roman_token(n, s->first + 1);
    if (s->type != EG_TAG_PERSON || m->state[k] != LIVE || is_headline(n, s->first) ||
        !(s->last - s->first == 1 || ruler) || !((cls(n, s->first) & EG_LEX_GIVEN) || ruler) ||
        !is_word(n, s->last, "the") || !same_line(n, s->first, s->last + 1) || !epithet_word(n, s->last + 1))
        return;
    size_t end = s->last + 2;
    for (size_t j = k + 1; j < m->n_spans && m->spans[j].first < end; j++)
        if (m->spans[j].last > end)
            return; /* a name that runs on past the word: not an epithet */
    for (size_t j = k + 1; j < m->n_spans && m->spans[j].first < end; j++)
        m->state[j] = GONE;
    s->last = end;
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
    /* room for the rules' chunks, the tagger's, and a state implied by a
     * demonym before each of those (demonym_states) */
    m->keep = malloc((nc + 2 * n_spans + 1) * sizeof *m->keep);
    if (!m->spans || !m->state || !m->span_of || !m->refused || !m->has_complement ||
        !m->title_first || !m->renum || !m->keep)
        return EG_ENOMEM;
    memcpy(m->spans, spans, n_spans * sizeof *spans);
    for (size_t c = 0; c < nc; c++)
        if (ch(n, c)->parent != EG_NONE && ch(n, c)->link == EG_LINK_COMPLEMENT)
            m->has_complement[ch(n, c)->parent] = 1;
    /* rule 1 */
    for (size_t k = 0; k < n_spans; k++) {
        /* no name is that long: a crafted page of endless capitals is none */
        drop_post_time(n, &m->spans[k]);
        if (m->spans[k].last - m->spans[k].first > MAX_NAME_TOKENS || !drop_group(n, &m->spans[k]))
            m->state[k] = GONE;
        take_name_parts(n, &m->spans[k], k > 0 ? m->spans[k - 1].last : 0,
                        k + 1 < n_spans ? m->spans[k + 1].first : n->n);
    }
    for (size_t k = 0; k < n_spans; k++) {
        take_epithet(n, m, k);
        take_nickname(n, m, k);
    }
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
    if (refuse_coordinations(n, m) != EG_OK)
        return EG_ENOMEM;
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

/* Whether token i follows a capitalised post or form of address on its
 * line ("President", "Dr"), itself no part of a name the tagger read. */
static bool after_title(ner *n, size_t i)
{
    return i > 0 && same_line(n, i - 1, i) && is_cap(n, i - 1) && !is_headline(n, i - 1) &&
           (cls(n, i - 1) & (EG_LEX_TITLE | EG_LEX_HONORIFIC | EG_LEX_COURTESY | EG_LEX_NOBLE_STYLE));
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
    if (rules_read_longer(n, c, m->spans, m->span_of, m->has_complement) ||
        acronyms_side_by_side(n, c, m->spans, m->span_of) || organ_after_demonym(n, c, m->spans, m->span_of) ||
        lexicon_reads_longer(n, c, m->spans, m->span_of)) {
        for (size_t i = x->first; i < x->last && i < n->n; i++)
            if (m->span_of[i] != EG_NONE)
                m->state[m->span_of[i]] = TAKEN;
        return true;
    }
    if (exact) {
        eg_chunk_kind kind = kind_of_tag(m->spans[sp].type);
        /* "President Franklin Roosevelt": a name right after a post or a
         * form of address is a person's, whatever place or work the tagger
         * took its words for */
        if (x->kind == EG_CHUNK_PERSON && kind == EG_CHUNK_OTHER && after_title(n, x->first))
            kind = EG_CHUNK_PERSON;
        if (x->kind == EG_CHUNK_DOCUMENT && (x->flags & EG_CHUNK_STRONG) && kind != EG_CHUNK_PERSON)
            kind = EG_CHUNK_DOCUMENT;
        /* "YerlanKoshanov": a given name and a surname run together, as
         * scraped pages lose spaces; a word the tagger never saw */
        if (x->kind == EG_CHUNK_PERSON && x->last - x->first == 1 && (x->flags & EG_CHUNK_STRONG) &&
            (tk(n, x->first)->flags & EG_TOK_CAMEL))
            kind = EG_CHUNK_PERSON;
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

/* Whether tokens [a, b) are all words of an organ of a state: "Foreign
 * Ministry", "Defence Ministry", "Embassy", "Parliament", "Navy". */
static bool organ_words(ner *n, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (!(cls(n, k) & (EG_LEX_GENERIC_MOD | EG_LEX_PORTFOLIO | EG_LEX_BODY_HEAD | EG_LEX_LEGISLATURE |
                           EG_LEX_STATE_NOUN)))
            return false;
    return true;
}

/*
 * Rule 6: "the Russian Foreign Ministry": the tagger names "Foreign
 * Ministry", as news annotations do, but which state's it is lies in the
 * demonym before it. A body made only of such words, right after a demonym,
 * gets the state as an implied nested name (a hidden country chunk, as the
 * rules' parse gives "Russian Foreign Ministry"): country_of, and the name
 * "Russian Foreign Ministry" (eg_alias), so that the foreign ministries of
 * two states are two entities.
 */
static eg_status demonym_states(ner *n, merge *m)
{
    size_t kept = m->n_keep;
    unsigned char *has_state = calloc(kept + 1, 1);
    if (!has_state)
        return EG_ENOMEM;
    for (size_t k = 0; k < kept; k++)
        if (m->keep[k].parent != EG_NONE && m->keep[k].kind == EG_CHUNK_COUNTRY &&
            m->keep[k].link == EG_LINK_PREMOD)
            has_state[m->keep[k].parent] = 1;
    for (size_t k = 0; k < kept; k++) {
        const eg_chunk *x = &m->keep[k];
        size_t d = x->first - 1;
        if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || has_state[k] || x->first == 0 ||
            !same_line(n, d, x->first) || !(cls(n, d) & EG_LEX_DEMONYM) ||
            (cls(n, d) & (EG_LEX_COUNTRY | EG_LEX_ORG)) || !organ_words(n, x->first, x->last))
            continue;
        const eg_lex_entry *e = NULL;
        if (phrase_at(n, d, d + 1, EG_LEX_DEMONYM, &e) != 1 || !e || e->country < 0)
            continue;
        eg_chunk c;
        memset(&c, 0, sizeof c);
        c.first = d;
        c.last = d + 1;
        c.kind = EG_CHUNK_COUNTRY;
        c.form = EG_FORM_DEMONYM;
        c.link = EG_LINK_PREMOD;
        c.parent = k;
        c.alias_of = EG_NONE;
        c.country = e->country;
        c.org = -1;
        c.flags = EG_CHUNK_HIDDEN;
        m->keep[m->n_keep++] = c;
    }
    free(has_state);
    return EG_OK;
}

/* Whether the lexicon writes the organisation of `e` in capitals ("ARD"). */
static bool all_caps_name(ner *n, const eg_lex_entry *e)
{
    const char *name = e && e->org >= 0 ? eg_lexicon_org_name(n->lex, e->org) : NULL;
    if (!name)
        return false;
    for (const char *p = name; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            return false;
    return true;
}

/* Rule 1: "Tory Liam Fox", "Labour Diane Abbott": a one-word organisation
 * the lexicon knows (a party, mostly) before a person's given name is the
 * person's affiliation, a body of its own, not a word of the name. The
 * spans of the tagger, with such names split in two, into *out (malloc'd). */
static eg_status split_affiliations(ner *n, const eg_tag_span *spans, size_t n_spans,
                                    eg_tag_span **out, size_t *n_out)
{
    *out = malloc((2 * n_spans + 1) * sizeof **out);
    if (!*out)
        return EG_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n_spans; i++) {
        eg_tag_span s = spans[i];
        const eg_lex_entry *org = NULL;
        if (s.type == EG_TAG_PERSON && s.last - s.first >= 3 && is_cap(n, s.first) &&
            phrase_at(n, s.first, s.last, EG_LEX_ORG, &org) == 1 &&
            (cls(n, s.first + 1) & EG_LEX_GIVEN) && !(cls(n, s.first) & EG_LEX_GIVEN) &&
            /* an acronym only in capitals: "Ard Jan" is no ARD */
            ((tk(n, s.first)->flags & EG_TOK_ALLCAPS) || !(cls(n, s.first) & EG_LEX_ORG_ACRONYM)) &&
            ((tk(n, s.first)->flags & EG_TOK_ALLCAPS) || !all_caps_name(n, org)) &&
            same_line(n, s.first, s.last - 1)) {
            (*out)[k++] = (eg_tag_span){s.first, s.first + 1, EG_TAG_BODY};
            s.first++;
        }
        (*out)[k++] = s;
    }
    *n_out = k;
    return EG_OK;
}

/* Whether what follows a party's form at token e says it is the party:
 * a post, maybe after a few words of its own ("Conservative spokesman",
 * "Conservative local government spokesman"), a person ("Republican John
 * Doe") or a kind of organisation ("Democratic party"). */
#define PARTY_POST_REACH 3 /* lower-case words before the post */
static bool party_context(ner *n, const eg_tag_span *spans, size_t n_spans, size_t k, size_t e)
{
    if (k < n_spans && spans[k].first == e && spans[k].type == EG_TAG_PERSON)
        return true;
    for (size_t q = e; q <= e + PARTY_POST_REACH && q < n->n && same_line(n, e - 1, q); q++) {
        if (cls(n, q) & (EG_LEX_TITLE | EG_LEX_OCCUPATION | EG_LEX_ORG_NOUN))
            return true;
        if (!is_lower_word(n, q) || (cls(n, q) & EG_LEX_FUNCTION))
            return false;
    }
    return false;
}

/* Whether a party's form ending before token e is a noun for a member
 * ("a Democrat from Ohio", "as a Republican,"), not an adjective of
 * something else ("the Democratic primary", "Republican and Hispanic
 * circles"). */
static bool member_noun_use(ner *n, size_t e)
{
    if (e >= n->n || !same_line(n, e - 1, e))
        return true;
    if (tk(n, e)->kind == EG_TOK_PUNCT)
        return !is_punct(n, e, '-');
    return is_lower_word(n, e) && (cls(n, e) & EG_LEX_FUNCTION) && !is_word(n, e, "and") && !is_word(n, e, "or");
}

/* Rule 1: "Conservative spokesman Ann Lie", "a Republican member", "a
 * Democrat from Ohio": a party's adjective or member noun, capitalised,
 * before a post, a person or a kind of organisation, or in mid-sentence a
 * noun for a member, is a mention of the party, which the tagger (taught
 * by sets that call it misc) leaves out. Not when it opens or ends a
 * longer name ("Irish Republican Army", "Democratic Republic"). The
 * spans, with these added, into *out (malloc'd). */
static eg_status party_forms(ner *n, const eg_tag_span *spans, size_t n_spans, eg_tag_span **out,
                             size_t *n_out)
{
    *out = malloc((2 * n_spans + 1) * sizeof **out);
    size_t cap = 2 * n_spans + 1, m = 0, k = 0;
    if (!*out)
        return EG_ENOMEM;
    for (size_t i = 0; i < n->n; i++) {
        while (k < n_spans && spans[k].last <= i) {
            if (m == cap && eg_grow(out, &cap, m + 1, sizeof **out))
                return EG_ENOMEM;
            (*out)[m++] = spans[k++];
        }
        const eg_lex_entry *e = NULL;
        size_t len = tk(n, i)->kind == EG_TOK_WORD && is_cap(n, i) && !(tk(n, i)->flags & EG_TOK_ALLCAPS)
                         ? phrase_at(n, i, n->n, EG_LEX_PARTY_FORM, &e)
                         : 0;
        if (!len || !e || e->org < 0)
            continue;
        size_t end = i + len;
        /* a name of the tagger over it, but for a misc one that is just it */
        bool misc_alone = k < n_spans && spans[k].first == i && spans[k].last == end &&
                          spans[k].type == EG_TAG_MISC;
        if (k < n_spans && spans[k].first < end && !misc_alone)
            continue;
        bool opens = (tk(n, i)->flags & (EG_TOK_SENT_START | EG_TOK_LINE_START)) || is_headline(n, i);
        if (!opens && i > 0 && same_line(n, i - 1, i) && tk(n, i - 1)->kind == EG_TOK_WORD && is_cap(n, i - 1) &&
            !(cls(n, i - 1) & EG_LEX_FUNCTION))
            continue;
        size_t next = misc_alone ? k + 1 : k;
        bool after_ok;
        if (end < n->n && same_line(n, i, end) && tk(n, end)->kind == EG_TOK_WORD && is_cap(n, end))
            after_ok = next < n_spans && spans[next].first == end && spans[next].type == EG_TAG_PERSON;
        else
            after_ok = party_context(n, spans, n_spans, next, end) || (!opens && member_noun_use(n, end));
        if (!after_ok)
            continue;
        /* "the Liberal party": the noun is part of the name */
        size_t name_end = is_word(n, end, "party") && same_line(n, i, end) &&
                                  !(next < n_spans && spans[next].first == end)
                              ? end + 1
                              : end;
        if (m == cap && eg_grow(out, &cap, m + 1, sizeof **out))
            return EG_ENOMEM;
        (*out)[m++] = (eg_tag_span){i, name_end, EG_TAG_BODY};
        if (misc_alone)
            k++;
        i = name_end - 1;
    }
    while (k < n_spans) {
        if (m == cap && eg_grow(out, &cap, m + 1, sizeof **out))
            return EG_ENOMEM;
        (*out)[m++] = spans[k++];
    }
    *n_out = m;
    return EG_OK;
}

/* Whether token i is a capitalised common word that no tagger name holds:
 * a word a body's name may begin with before "and" ("Qualifications" of
 * "Qualifications and Curriculum Authority"), not a name of its own. */
static bool bare_common_word(ner *n, const eg_tag_span *spans, size_t k, size_t i)
{
    const eg_lex_classes names = EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_GIVEN | EG_LEX_ORG |
                                 EG_LEX_PLACE | EG_LEX_REGION | EG_LEX_CALENDAR | EG_LEX_FUNCTION |
                                 EG_LEX_TITLE | EG_LEX_HONORIFIC;
    if (tk(n, i)->kind != EG_TOK_WORD || !is_cap(n, i) || (tk(n, i)->flags & EG_TOK_ALLCAPS) ||
        !(cls(n, i) & EG_LEX_ENGLISH) || (cls(n, i) & names) || is_headline(n, i))
        return false;
    /* the tagger's names before span k: is one over token i? */
    for (size_t j = k; j > 0; j--) {
        if (spans[j - 1].last <= i)
            break;
        if (spans[j - 1].first <= i)
            return false;
    }
    return true;
}

/* Rule 1: "Chinese Civil War", "Cannes Film Festival", "Coordination
 * Meeting of Chairmen": a name whose head word (its last, or the one before
 * "of") names an event is an event, whatever else the tagger read; but a
 * forum or a conference is often a body ("Liberal Forum"). */
static void events_are_not_bodies(ner *n, eg_tag_span *spans, size_t n_spans)
{
    for (size_t k = 0; k < n_spans; k++) {
        eg_tag_span *s = &spans[k];
        if (s->type != EG_TAG_BODY)
            continue;
        /* the head: the last word, or the word before "of" ("Battle of
         * X"); other complements and coordinations ("Rally for the Return
         * of ...", "... Invasion and Numbering") make no event of a name */
        size_t head = s->first;
        while (head + 1 < s->last && !is_lower_word(n, head + 1) && tk(n, head + 1)->kind == EG_TOK_WORD)
            head++;
        if (head + 1 < s->last && !is_word(n, head + 1, "of"))
            continue;
        if ((cls(n, head) & EG_LEX_EVENT_HEAD) && !(cls(n, head) & EG_LEX_BODY_HEAD) &&
            !is_word(n, head, "forum") && !is_word(n, head, "conference") &&
            phrase_at(n, s->first, s->last, EG_LEX_ORG, NULL) != s->last - s->first)
            s->type = EG_TAG_MISC;
    }
}

/* A name's words, as one hash, for consistent_types. */
typedef struct span_words {
    uint64_t hash;
    size_t span;
} span_words;

static int by_hash(const void *a, const void *b)
{
    const span_words *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->span < y->span ? -1 : x->span > y->span;
}

/* The hash of the words of tokens [a, b). */
static uint64_t words_hash(ner *n, size_t a, size_t b)
{
    uint64_t h = b - a;
    for (size_t i = a; i < b; i++)
        h = eg_hash_str(h, nm(n, i));
    return h;
}

/* Rule 1: "expands Burren Energy's portfolio": a name the tagger took with
 * the possessive after it ends before it when the document writes the name
 * without one elsewhere; "Lloyd's" and "McDonald's", always written so,
 * keep theirs, and so does "People's Party", where more of the name
 * follows. */
static eg_status drop_possessives(ner *n, eg_tag_span *spans, size_t n_spans)
{
    eg_u64map bare;
    eg_u64map_init(&bare);
    eg_status st = EG_OK;
    for (size_t k = 0; k < n_spans && st == EG_OK; k++) {
        const eg_tag_span *s = &spans[k];
        if (s->last <= n->n && s->last > s->first && !(tk(n, s->last - 1)->flags & EG_TOK_POSSESSIVE))
            st = eg_u64map_put(&bare, words_hash(n, s->first, s->last), k);
    }
    for (size_t k = 0; k < n_spans && st == EG_OK; k++) {
        eg_tag_span *s = &spans[k];
        if (s->last > n->n || s->last - s->first < 2 || !(tk(n, s->last - 1)->flags & EG_TOK_POSSESSIVE) ||
            (s->last < n->n && is_cap(n, s->last) && same_line(n, s->last - 1, s->last)))
            continue;
        /* "Vexa Paper's chairman": before a lower-case word the possessive
         * is the grammar's, not the name's, unless the lexicon knows the
         * name so ("McDonald's") */
        bool determiner = is_lower_word(n, s->last) && same_line(n, s->last - 1, s->last) &&
                          eg_lex_phrase_at(n->lm, s->first, s->last, EG_LEX_ORG, NULL) != s->last - s->first;
        if (determiner || eg_u64map_get(&bare, words_hash(n, s->first, s->last - 1)) != EG_NONE)
            s->last--;
    }
    eg_u64map_release(&bare);
    return st;
}

/* Rule 1: one name, one type in a document. A name of two words or more
 * that the tagger reads as a place or a name of no entity in one sentence
 * ("a buyer at Riga Mills") and as a person, body, country or document in
 * another ("Riga Mills said") is that entity everywhere in the document,
 * unless the other reading is the more frequent one: a name is a body once
 * it acts as one, and the other occurrences are the tagger's slips. */
static eg_status consistent_types(ner *n, eg_tag_span *spans, size_t n_spans)
{
    span_words *w = malloc((n_spans + 1) * sizeof *w);
    if (!w)
        return EG_ENOMEM;
    size_t m = 0;
    for (size_t k = 0; k < n_spans; k++) {
        if (spans[k].last - spans[k].first < 2 || spans[k].last > n->n)
            continue;
        w[m++] = (span_words){words_hash(n, spans[k].first, spans[k].last), k};
    }
    qsort(w, m, sizeof *w, by_hash);
    for (size_t a = 0, b; a < m; a = b) {
        size_t votes[EG_TAG_N_TYPES] = {0};
        for (b = a; b < m && w[b].hash == w[a].hash; b++)
            votes[spans[w[b].span].type]++;
        int best = -1;
        for (int t = EG_TAG_PERSON; t <= EG_TAG_DOCUMENT; t++)
            if (votes[t] && (best < 0 || votes[t] > votes[best]))
                best = t;
        if (best < 0)
            continue;
        for (size_t j = a; j < b; j++) {
            eg_tag_span *s = &spans[w[j].span];
            if (!ours(s) && votes[s->type] <= votes[best])
                s->type = (eg_tag_type)best;
        }
    }
    free(w);
    return EG_OK;
}

/* A kind of organisation that no person is ("company", "club", "band",
 * "carmaker"), at token i: an organisation noun but an agent noun
 * ("publisher", "producer"), which a person can be too. */
static bool group_noun_at(ner *n, size_t i)
{
    if (!is_lower_word(n, i) || !(cls(n, i) & EG_LEX_ORG_NOUN) || (cls(n, i) & (EG_LEX_TITLE | EG_LEX_OCCUPATION)))
        return false;
    const char *w = nm(n, i);
    size_t len = strlen(w);
    bool agent = len > 2 && (strcmp(w + len - 2, "er") == 0 || strcmp(w + len - 2, "or") == 0);
    return !agent || (len > 5 && strcmp(w + len - 5, "maker") == 0);
}

/* Whether the words from token j say "is a [Norwegian football] club": a
 * copula, an article, at most a few words describing it, and a kind of
 * organisation that ends the noun phrase ("a record label based in",
 * "a rock band from", not "a band member"). */
#define COPULA_REACH 6 /* words between the article and the noun */
static bool copula_group(ner *n, size_t j)
{
    if (!(is_word(n, j, "is") || is_word(n, j, "was") || is_word(n, j, "are") || is_word(n, j, "were")))
        return false;
    j++;
    if (!(is_word(n, j, "a") || is_word(n, j, "an") || is_word(n, j, "the")))
        return false;
    for (size_t q = j + 1; q <= j + COPULA_REACH && q < n->n && same_line(n, j, q); q++) {
        if (group_noun_at(n, q)) {
            size_t e = q + 1;
            if (e >= n->n || !same_line(n, q, e) || tk(n, e)->kind == EG_TOK_PUNCT || (cls(n, e) & EG_LEX_FUNCTION))
                return true;
            const char *w = nm(n, e);
            size_t len = strlen(w);
            /* "based", "founded", "headquartered" */
            if (is_lower_word(n, e) && len > 3 && strcmp(w + len - 2, "ed") == 0)
                return true;
            /* else it describes the noun after it ("association football club") */
        }
        /* describing words: lower case, demonyms, "rock/pop", "Australian-based" */
        bool describing = is_lower_word(n, q) || (tk(n, q)->kind == EG_TOK_WORD && (cls(n, q) & EG_LEX_DEMONYM)) ||
                          is_punct(n, q, '/') || is_punct(n, q, '-');
        if (!describing || (cls(n, q) & EG_LEX_FUNCTION))
            return false;
    }
    return false;
}

/* Rule 1: "Vexatron is a Swedish arms company", "Vexa were a Norwegian
 * rock band": a name the tagger read as a person, or as none of ours, that
 * the text says is a kind of organisation is a body, everywhere in the
 * document. */
static eg_status copula_bodies(ner *n, eg_tag_span *spans, size_t n_spans)
{
    eg_u64map named;
    eg_u64map_init(&named);
    eg_status st = EG_OK;
    for (size_t k = 0; k < n_spans && st == EG_OK; k++) {
        eg_tag_span *s = &spans[k];
        if ((s->type == EG_TAG_PERSON || s->type == EG_TAG_MISC) && s->last <= n->n && copula_group(n, s->last))
            st = eg_u64map_put(&named, words_hash(n, s->first, s->last), 1);
    }
    if (st == EG_OK && named.n)
        for (size_t k = 0; k < n_spans; k++) {
            eg_tag_span *s = &spans[k];
            if ((s->type == EG_TAG_PERSON || s->type == EG_TAG_MISC) && s->last <= n->n &&
                eg_u64map_get(&named, words_hash(n, s->first, s->last)) != EG_NONE)
                s->type = EG_TAG_BODY;
        }
    eg_u64map_release(&named);
    return st;
}

/* Rule 1: "Securities and Exchange Commission", "Qualifications and
 * Curriculum Authority": a body with a head word that the tagger found
 * after "X and", X a capitalised common word of no name, begins at X. */
static void join_coordinated_words(ner *n, eg_tag_span *spans, size_t n_spans)
{
    for (size_t k = 0; k < n_spans; k++) {
        eg_tag_span *s = &spans[k];
        size_t a = s->first;
        /* a body by its head word ("Authority"), not one the lexicon knows
         * ("Sky and Virgin Media" are two) */
        if (s->type != EG_TAG_BODY || a < 2 || !(is_word(n, a - 1, "and") || is_punct(n, a - 1, '&')) ||
            !(cls(n, s->last - 1) & EG_LEX_BODY_HEAD) ||
            phrase_at(n, a, s->last, EG_LEX_ORG, NULL) == s->last - a || !same_line(n, a - 2, a) ||
            !bare_common_word(n, spans, k, a - 2))
            continue;
        s->first = a - 2;
    }
}

eg_status eg_merge_tags(ner *n, const eg_tag_span *tagged, size_t n_tagged)
{
    merge m;
    eg_tag_span *spans = NULL;
    size_t n_spans = 0;
    eg_tag_span *split = NULL;
    size_t n_split = 0;
    eg_status st = split_affiliations(n, tagged, n_tagged, &split, &n_split);
    if (st == EG_OK)
        st = party_forms(n, split, n_split, &spans, &n_spans);
    free(split);
    if (st) {
        free(spans);
        return st;
    }
    join_coordinated_words(n, spans, n_spans);
    events_are_not_bodies(n, spans, n_spans);
    memset(&m, 0, sizeof m);
    st = drop_possessives(n, spans, n_spans);
    if (st == EG_OK)
        st = copula_bodies(n, spans, n_spans);
    if (st == EG_OK)
        st = consistent_types(n, spans, n_spans);
    if (st == EG_OK)
        st = merge_init(&m, n, spans, n_spans);
    free(spans);
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
    st = demonym_states(n, &m);
    for (size_t k = 0; k < m.n_keep && st == EG_OK; k++) {
        size_t a = m.keep[k].alias_of;
        a = a == EG_NONE ? EG_NONE : m.renum[a];
        m.keep[k].alias_of = a != EG_NONE && m.keep[a].kind == m.keep[k].kind ? a : EG_NONE;
    }
    for (size_t c = 0; c < nc; c++)
        free(n->out->v[c].name);
    n->out->n = 0;
    if (st == EG_OK && eg_grow(&n->out->v, &n->out->cap, m.n_keep, sizeof *n->out->v) == EG_OK) {
        memcpy(n->out->v, m.keep, m.n_keep * sizeof *m.keep);
        n->out->n = m.n_keep;
    } else if (st == EG_OK) {
        st = EG_ENOMEM;
    }
    merge_release(&m);
    return st;
}
