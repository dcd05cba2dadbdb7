#include "eg_people.h"

eg_status eg_people_init(eg_people *p)
{
    memset(p, 0, sizeof *p);
    p->by_surname = eg_map_new(64);
    p->by_first = eg_map_new(64);
    p->by_inner = eg_map_new(64);
    p->names = eg_map_new(64);
    eg_strbuf_init(&p->key);
    return p->by_surname && p->by_first && p->by_inner && p->names ? EG_OK : EG_ENOMEM;
}

void eg_people_release(eg_people *p)
{
    eg_map_free(p->by_surname);
    eg_map_free(p->by_first);
    eg_map_free(p->by_inner);
    eg_map_free(p->names);
    eg_strbuf_release(&p->key);
    free(p->links);
    free(p->uses);
    memset(p, 0, sizeof *p);
}

static eg_status link_under(eg_people *p, eg_map *index, const char *key, size_t c, size_t name)
{
    if (eg_grow(&p->links, &p->cap_links, p->n_links + 1, sizeof *p->links))
        return EG_ENOMEM;
    size_t first = eg_map_get(index, key);
    p->links[p->n_links] = (eg_person_link){c, first, name};
    return eg_map_put(index, key, p->n_links++);
}

eg_status eg_people_add(eg_people *p, ner *n, size_t c)
{
    const eg_chunk *x = ch(n, c);
    /* one link per distinct name: a name repeated a thousand times is one */
    eg_strbuf_reset(&p->key);
    for (size_t i = x->first; i < x->last; i++)
        if (tk(n, i)->kind == EG_TOK_WORD) {
            eg_strbuf_adds(&p->key, nm(n, i));
            eg_strbuf_addc(&p->key, ' ');
        }
    if (eg_strbuf_status(&p->key) != EG_OK)
        return EG_ENOMEM;
    size_t name = eg_map_get(p->names, p->key.buf);
    if (name != EG_NONE) {
        p->uses[name]++;
        return EG_OK;
    }
    name = p->n_names;
    if (eg_grow(&p->uses, &p->cap_names, name + 1, sizeof *p->uses) ||
        eg_map_put(p->names, p->key.buf, name) != EG_OK)
        return EG_ENOMEM;
    p->uses[p->n_names++] = 1;
    const char *sur = nm(n, x->last - 1);
    eg_status st = link_under(p, p->by_surname, sur, c, name);
    /* the first word, unless an initial ("N. C. Wyeth") */
    size_t f = x->first;
    while (f < x->last && tk(n, f)->kind != EG_TOK_WORD)
        f++;
    if (st == EG_OK && f + 1 < x->last && nm(n, f)[0] && nm(n, f)[1])
        st = link_under(p, p->by_first, nm(n, f), c, name);
    /* the words between, but initials and particles ("Rodrigo Luis
     * Velarde Quintana": luis, velarde) */
    for (size_t i = f + 1; st == EG_OK && i + 1 < x->last; i++)
        if (tk(n, i)->kind == EG_TOK_WORD && nm(n, i)[0] && nm(n, i)[1] && !(cls(n, i) & EG_LEX_PARTICLE))
            st = link_under(p, p->by_inner, nm(n, i), c, name);
    /* "Robert Kilroy-Silk": news shortens such a name to either part */
    const char *dash = strchr(sur, '-');
    if (st == EG_OK && dash && dash != sur && dash[1] && !strchr(dash + 1, '-')) {
        char *first = eg_strndup(sur, (size_t)(dash - sur));
        if (!first)
            return EG_ENOMEM;
        st = link_under(p, p->by_surname, first, c, name);
        free(first);
        if (st == EG_OK)
            st = link_under(p, p->by_surname, dash + 1, c, name);
    }
    return st;
}

/* Names longer than this many words are compared by their first ones. */
#define MAX_WORDS 16
/* More distinct full names than this with one surname are
 * taken to be of several people (and the comparisons stay few). */
#define MAX_NAMES 16

/* The words of chunk x in normal form, punctuation left out ("N. C.
 * Wyeth" -> n c wyeth); their count. */
static size_t words_of(ner *n, const eg_chunk *x, const char **w)
{
    size_t k = 0;
    for (size_t i = x->first; i < x->last && k < MAX_WORDS; i++)
        if (tk(n, i)->kind == EG_TOK_WORD)
            w[k++] = nm(n, i);
    return k;
}

/* The same name word, or an initial and a word it begins. */
static bool same_word(const char *a, const char *b)
{
    if (!a[1] || !b[1])
        return a[0] == b[0];
    return strcmp(a, b) == 0;
}

/* Whether full names a and b can be one person's: the same first and last
 * words, and the words of the shorter in order among the longer's. */
static bool one_person(ner *n, size_t a, size_t b)
{
    if (a == b)
        return true;
    const char *wa[MAX_WORDS], *wb[MAX_WORDS];
    size_t na = words_of(n, ch(n, a), wa), nb = words_of(n, ch(n, b), wb);
    const char **s = wa, **l = wb;
    size_t ns = na, nl = nb;
    if (na > nb) {
        s = wb;
        l = wa;
        ns = nb;
        nl = na;
    }
    if (ns < 2 || strcmp(s[ns - 1], l[nl - 1]) != 0)
        return false;
    /* "De Sanctis" of "Bruno De Sanctis": a surname with its particle */
    if (ns < nl && (eg_lexicon_classes(n->lex, s[0]) & EG_LEX_PARTICLE)) {
        for (size_t k = 0; k < ns; k++)
            if (strcmp(s[k], l[nl - ns + k]) != 0)
                return false;
        return true;
    }
    if (!same_word(s[0], l[0]))
        return false;
    /* "George W. Bush" is not "George H. W. Bush": names that both give
     * middle initials must give the same */
    char ia[MAX_WORDS], ib[MAX_WORDS];
    size_t nia = 0, nib = 0;
    for (size_t k = 1; k + 1 < ns; k++)
        if (!s[k][1])
            ia[nia++] = s[k][0];
    for (size_t k = 1; k + 1 < nl; k++)
        if (!l[k][1])
            ib[nib++] = l[k][0];
    if (nia && nib && (nia != nib || memcmp(ia, ib, nia) != 0))
        return false;
    size_t j = 1;
    for (size_t k = 1; k + 1 < ns; k++, j++) {
        while (j + 1 < nl && !same_word(s[k], l[j]))
            j++;
        if (j + 1 >= nl)
            return false;
    }
    return true;
}

/* Of the chunks linked from `first`, the fullest name when all
 * name one person; AMBIGUOUS when two do not; EG_NONE when there are none. */
eg_sex eg_people_sex(ner *n, size_t c)
{
    eg_lex_classes k = cls(n, ch(n, c)->first);
    if ((k & EG_LEX_FEMALE) && !(k & EG_LEX_MALE))
        return EG_SEX_FEMALE;
    if ((k & EG_LEX_MALE) && !(k & EG_LEX_FEMALE))
        return EG_SEX_MALE;
    return EG_SEX_UNKNOWN;
}

/* Whether chunk c can be a person of `sex`. */
static bool of_sex(ner *n, size_t c, eg_sex sex)
{
    eg_sex s = sex == EG_SEX_UNKNOWN ? EG_SEX_UNKNOWN : eg_people_sex(n, c);
    return s == EG_SEX_UNKNOWN || s == sex;
}

/* The fullest of the chunks linked from `first` that can be `sex` and name
 * the person of chunk `anchor`. */
static size_t fullest_of(const eg_people *p, ner *n, size_t first, eg_sex sex, size_t anchor)
{
    size_t best = EG_NONE, best_words = 0, best_len = 0, count = 0;
    for (size_t l = first; l != EG_NONE && ++count <= MAX_NAMES; l = p->links[l].next) {
        size_t c = p->links[l].chunk;
        if (!of_sex(n, c, sex) || !one_person(n, anchor, c))
            continue;
        /* the fullest: the most words, then the most letters ("Newell
         * Convers Wyeth" over "N. C. Wyeth"); the links run from the last
         * added, so >= keeps the first of equals */
        const char *w[MAX_WORDS];
        size_t k = words_of(n, ch(n, c), w);
        size_t len = tk(n, ch(n, c)->last - 1)->end - tk(n, ch(n, c)->first)->start;
        if (k > best_words || (k == best_words && len >= best_len)) {
            best = c;
            best_words = k;
            best_len = len;
        }
    }
    return best;
}

/* How many times the document writes the names of the person of link l
 * among the links from `first`: its own and those that can be the same
 * person's. */
static size_t uses_of(const eg_people *p, ner *n, size_t first, size_t l, eg_sex sex)
{
    size_t uses = 0, count = 0;
    for (size_t m = first; m != EG_NONE && ++count <= MAX_NAMES; m = p->links[m].next)
        if (of_sex(n, p->links[m].chunk, sex) && one_person(n, p->links[l].chunk, p->links[m].chunk))
            uses += p->uses[p->links[m].name];
    return uses;
}

/* The person the chunks linked from `first` name, of `sex`: the fullest
 * name when all name one person. When they name several, the one the
 * document names most often in full, the first named of equals: the
 * subject an article introduces first and keeps naming ("Michael Howard"
 * beside a namesake named once; "Ross Alger" beside his brother "Harry
 * Alger"), which a bare surname in news and in encyclopedic text most
 * often means. AMBIGUOUS when more names than MAX_NAMES share the word;
 * EG_NONE when there are none. */
static size_t resolve(const eg_people *p, ner *n, size_t first, eg_sex sex)
{
    size_t best = EG_NONE, best_uses = 0, count = 0;
    for (size_t l = first; l != EG_NONE; l = p->links[l].next) {
        /* so many different names with one word name more than one person */
        if (++count > MAX_NAMES)
            return AMBIGUOUS;
        size_t c = p->links[l].chunk;
        if (!of_sex(n, c, sex))
            continue;
        size_t uses = uses_of(p, n, first, l, sex);
        /* first named: in the text's order (the tagger's names come after
         * the rules' in the chunk list) */
        if (best == EG_NONE || uses > best_uses ||
            (uses == best_uses && ch(n, c)->first < ch(n, p->links[best].chunk)->first)) {
            best = l;
            best_uses = uses;
        }
    }
    if (best == EG_NONE)
        return EG_NONE;
    return fullest_of(p, n, first, sex, p->links[best].chunk);
}

size_t eg_people_by_surname(const eg_people *p, ner *n, const char *word, eg_sex sex)
{
    return resolve(p, n, eg_map_get(p->by_surname, word), sex);
}

size_t eg_people_by_first(const eg_people *p, ner *n, const char *word)
{
    return resolve(p, n, eg_map_get(p->by_first, word), EG_SEX_UNKNOWN);
}

size_t eg_people_only_by_first(const eg_people *p, ner *n, const char *word)
{
    size_t first = eg_map_get(p->by_first, word), count = 0;
    if (first == EG_NONE)
        return EG_NONE;
    for (size_t l = first; l != EG_NONE; l = p->links[l].next)
        if (++count > MAX_NAMES || !one_person(n, p->links[first].chunk, p->links[l].chunk))
            return AMBIGUOUS;
    return fullest_of(p, n, first, EG_SEX_UNKNOWN, p->links[first].chunk);
}

size_t eg_people_by_inner(const eg_people *p, ner *n, const char *word)
{
    return resolve(p, n, eg_map_get(p->by_inner, word), EG_SEX_UNKNOWN);
}

/* Whether full name s is the first words of the longer full name l, which
 * adds a name of its own, not a son's or a monarch's number ("Maren Holt"
 * of "Maren Holt Vesterby", not "Tom Brann" of "Tom Brann Jr"). */
static bool name_prefix(ner *n, size_t s, size_t l)
{
    const char *ws[MAX_WORDS], *wl[MAX_WORDS];
    size_t ns = words_of(n, ch(n, s), ws), nl = words_of(n, ch(n, l), wl);
    if (ns < 2 || nl <= ns)
        return false;
    for (size_t k = 0; k < ns; k++)
        if (strcmp(ws[k], wl[k]) != 0)
            return false;
    const char *last = wl[nl - 1];
    if (strcmp(last, "jr") == 0 || strcmp(last, "sr") == 0 || strcmp(last, "jnr") == 0 ||
        strcmp(last, "snr") == 0 || strspn(last, "ivxlc") == strlen(last))
        return false;
    /* nor a place's or a body's head after a person's name ("... Stadium",
     * "... Drive", "... Fellowship"): the tagger's person is then a name of
     * something named after one */
    size_t k = 0;
    for (size_t i = ch(n, l)->first; i < ch(n, l)->last; i++)
        if (tk(n, i)->kind == EG_TOK_WORD && k++ >= ns &&
            (cls(n, i) & (EG_LEX_LOC_HEAD | EG_LEX_BODY_HEAD | EG_LEX_EVENT_HEAD | EG_LEX_DOC_HEAD | EG_LEX_ENGLISH)))
            return false;
    return true;
}

/* The fullest name of the one person whose full names begin with the words
 * of full name c, or EG_NONE (none, or two people). */
static size_t extended_name(const eg_people *p, ner *n, size_t c)
{
    const char *w[MAX_WORDS];
    if (words_of(n, ch(n, c), w) < 2)
        return EG_NONE;
    size_t found = EG_NONE, count = 0;
    for (size_t l = eg_map_get(p->by_first, w[0]); l != EG_NONE; l = p->links[l].next) {
        if (++count > MAX_NAMES)
            return EG_NONE;
        size_t y = p->links[l].chunk;
        if (!name_prefix(n, c, y))
            continue;
        if (found != EG_NONE && !one_person(n, found, y))
            return EG_NONE;
        found = y;
    }
    if (found == EG_NONE)
        return EG_NONE;
    size_t f = fullest_of(p, n, eg_map_get(p->by_surname, nm(n, ch(n, found)->last - 1)), EG_SEX_UNKNOWN, found);
    return f == EG_NONE ? found : f;
}

size_t eg_people_fullest(const eg_people *p, ner *n, size_t c)
{
    size_t f = fullest_of(p, n, eg_map_get(p->by_surname, nm(n, ch(n, c)->last - 1)), eg_people_sex(n, c), c);
    if (f == EG_NONE || f == c) {
        size_t e = extended_name(p, n, c);
        if (e != EG_NONE)
            return e;
    }
    return f == EG_NONE ? c : f;
}
