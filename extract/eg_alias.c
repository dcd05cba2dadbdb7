#include "eg_alias.h"
#include "eg_people.h"

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

/* Whether chunks a and b are the same words (in normal form). */
static bool same_words(ner *n, const eg_chunk *a, const eg_chunk *b)
{
    if (a->last - a->first != b->last - b->first)
        return false;
    for (size_t k = 0; k < a->last - a->first; k++)
        if (strcmp(nm(n, a->first + k), nm(n, b->first + k)) != 0)
            return false;
    return true;
}

typedef struct known {
    size_t *name_first; /* per chunk: the first token of its name: the demonym
                           of the state it implies, "Russian" of "Russian
                           Foreign Ministry" when the mention is "Foreign
                           Ministry" (eg_merge, rule 6), else its own first */
    eg_people people; /* the full names of people */
    eg_map *heads;    /* a head word of a longer body's name -> the first of
                         its bodies in `next_head` */
    size_t *next_head; /* per chunk: the next body with the same head word */
    eg_map *short_names; /* first words of a body's name ("magna" of "Magna International
                            Inc") -> chunk index, or AMBIGUOUS */
    eg_map *chambers;    /* "commons" of "House of Commons" -> chunk index, or AMBIGUOUS */
    eg_map *nicknames;   /* "spurs" of "San Antonio Spurs" -> chunk index, or AMBIGUOUS */
    size_t subject;      /* the first person the text names in full, or EG_NONE */
} known;

/* The words a body's short forms are prefixes of, in normal form, into out:
 * its lexicon name when it has one ("Tories" -> "conservative party", so
 * that "Conservative" finds it), else its own words. */
static eg_status body_key(ner *n, size_t c, eg_strbuf *out)
{
    const eg_chunk *x = ch(n, c);
    const char *org = x->org >= 0 ? eg_lexicon_org_name(n->lex, x->org) : NULL;
    eg_strbuf_reset(out);
    if (org)
        return eg_normalize(org, strlen(org), out);
    chunk_key(n, x);
    eg_strbuf_add(out, n->key.buf, n->key.len);
    return eg_strbuf_status(out);
}

/* Whether the words of a begin the words of b (or are all of them). */
static bool word_prefix(const char *a, const char *b)
{
    size_t la = strlen(a);
    return strncmp(a, b, la) == 0 && (b[la] == '\0' || b[la] == ' ');
}

/* Indexes body chunk c under every proper prefix of its words ("magna",
 * "magna international" of "Magna International Inc"). A prefix that two
 * bodies share stays with the shorter when one name extends the other
 * ("Oxford University" within "Oxford University Library Services"): the
 * short form names the base entity; otherwise it names none. Repeats of
 * one name are one body. */
static eg_status index_short_names(ner *n, known *kn, size_t c, eg_strbuf *own, eg_strbuf *other)
{
    eg_status st = body_key(n, c, own);
    for (size_t k = own->len; k > 0 && st == EG_OK; k--) {
        if (own->buf[k - 1] != ' ')
            continue;
        own->buf[k - 1] = '\0';
        size_t prev = eg_map_get(kn->short_names, own->buf);
        own->buf[k - 1] = ' ';
        size_t put = EG_NONE;
        if (prev == EG_NONE) {
            put = c;
        } else if (prev != AMBIGUOUS && prev != c) {
            if ((st = body_key(n, prev, other)) != EG_OK)
                break;
            if (word_prefix(own->buf, other->buf))
                put = c; /* c is the shorter, or the same name */
            else if (!word_prefix(other->buf, own->buf))
                put = AMBIGUOUS;
        }
        if (put != EG_NONE) {
            own->buf[k - 1] = '\0';
            st = eg_map_put(kn->short_names, own->buf, put);
            own->buf[k - 1] = ' ';
        }
    }
    return st;
}

/* "House of Commons", "Chamber of Deputies": a chamber named for its
 * members, which news names by that word alone ("the Commons"). */
static bool is_chamber(ner *n, const eg_chunk *x)
{
    return x->kind == EG_CHUNK_BODY && x->parent == EG_NONE && x->form == EG_FORM_NAME &&
           x->last - x->first == 3 && (is_word(n, x->first, "house") || is_word(n, x->first, "chamber")) &&
           is_word(n, x->first + 1, "of") && is_cap(n, x->first + 2) &&
           /* named for its members: a plural, not a trade ("of Commerce") */
           nm(n, x->first + 2)[0] && nm(n, x->first + 2)[strlen(nm(n, x->first + 2)) - 1] == 's';
}

/* Indexes body chunk c in `map` under key ("commons", "house"); two bodies of
 * different names under one word make it AMBIGUOUS. */
static eg_status index_key(ner *n, eg_map *map, size_t c, const char *key)
{
    size_t prev = eg_map_get(map, key);
    if (prev == EG_NONE)
        return eg_map_put(map, key, c);
    return prev == AMBIGUOUS || same_words(n, ch(n, prev), ch(n, c)) ? EG_OK : eg_map_put(map, key, AMBIGUOUS);
}

static eg_status index_word(ner *n, eg_map *map, size_t c, size_t i)
{
    return index_key(n, map, c, nm(n, i));
}

static eg_status index_chamber(ner *n, known *kn, size_t c)
{
    return index_word(n, kn->chambers, c, ch(n, c)->first + 2);
}

/* Indexes chamber c (named by its members alone: "Commons") under "house",
 * the word that stands for it; two chambers make the word AMBIGUOUS. */
static eg_status house_of(ner *n, known *kn, size_t c)
{
    return index_key(n, kn->chambers, c, "house");
}

/* "San Antonio Spurs", "Minnesota Vikings": a place and one more word, not
 * a head word: a team or a club that news names by that word alone. */
static bool is_place_and_nickname(ner *n, const eg_chunk *x)
{
    if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || x->form != EG_FORM_NAME ||
        x->last - x->first < 2 || !is_cap(n, x->last - 1) ||
        (cls(n, x->last - 1) & (EG_LEX_BODY_HEAD | EG_LEX_PLACE | EG_LEX_COUNTRY | EG_LEX_GENERIC_MOD)))
        return false;
    size_t place = x->last - 1 - x->first;
    return phrase_at(n, x->first, x->last - 1, EG_LEX_PLACE | EG_LEX_COUNTRY, NULL) == place;
}

static eg_status collect_known(ner *n, known *kn)
{
    eg_strbuf own = EG_STRBUF_INIT, other = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    for (size_t c = 0; c < n->out->n && st == EG_OK; c++) {
        eg_chunk *x = ch(n, c);
        if (x->kind > EG_CHUNK_DOCUMENT || (x->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)))
            continue;
        if (x->kind == EG_CHUNK_PERSON && x->form == EG_FORM_SURNAME)
            continue;
        if (x->kind == EG_CHUNK_BODY && x->parent == EG_NONE && x->form == EG_FORM_NAME)
            st = index_short_names(n, kn, c, &own, &other);
        if (st == EG_OK && is_chamber(n, x))
            st = index_chamber(n, kn, c);
        /* "the Commons" and "the Lords" are the Houses of their members:
         * "the House" of a document naming one of them is it */
        if (st == EG_OK && x->kind == EG_CHUNK_BODY && x->parent == EG_NONE && x->form == EG_FORM_NAME &&
            x->last - x->first == 1 && (is_word(n, x->first, "commons") || is_word(n, x->first, "lords")))
            st = house_of(n, kn, c);
        if (st == EG_OK && is_place_and_nickname(n, x))
            st = index_word(n, kn->nicknames, c, x->last - 1);
        if (st == EG_OK && x->kind == EG_CHUNK_PERSON && x->last - x->first >= 2) {
            st = eg_people_add(&kn->people, n, c);
            if (kn->subject == EG_NONE || x->first < ch(n, kn->subject)->first)
                kn->subject = c;
        }
    }
    eg_strbuf_release(&own);
    eg_strbuf_release(&other);
    return st;
}

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
static char *own_name(ner *n, const known *kn, size_t c, eg_strbuf *sb)
{
    const eg_chunk *x = ch(n, c);
    if (x->org >= 0 && eg_lexicon_org_name(n->lex, x->org))
        return eg_strdup(eg_lexicon_org_name(n->lex, x->org));
    span_text(n, kn->name_first[c], x->last, sb);
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
    /* the longer name must add generic words only ("International Inc",
     * "Energy", "University"): a place makes a unit of its own ("Sony
     * Europe"), and a name word another body ("Square" and "Square Enix") */
    if (y->org < 0)
        for (size_t k = y->first + (x->last - x->first); k < y->last; k++) {
            eg_lex_classes c = cls(n, k);
            if (c & (EG_LEX_COUNTRY | EG_LEX_DEMONYM | EG_LEX_REGION | EG_LEX_PLACE))
                return EG_NONE;
            if (tk(n, k)->kind == EG_TOK_WORD && is_cap(n, k) &&
                !(c & (EG_LEX_ENGLISH | EG_LEX_BODY_HEAD | EG_LEX_ORG_NOUN | EG_LEX_GENERIC_MOD |
                       EG_LEX_PORTFOLIO | EG_LEX_FUNCTION)))
                return EG_NONE;
        }
    return b;
}

/* The body that `map` (a word -> the one body of the document it stands
 * for) gives for body chunk c, one word, or EG_NONE: a chamber named by its
 * members ("Commons" -> "House of Commons"), a team by its nickname ("Spurs"
 * -> "San Antonio Spurs"). */
static size_t body_by_word(ner *n, const eg_map *map, size_t c)
{
    const eg_chunk *x = ch(n, c);
    if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || x->form != EG_FORM_NAME ||
        x->last - x->first != 1)
        return EG_NONE;
    size_t b = eg_map_get(map, nm(n, x->first));
    return b == AMBIGUOUS || b == c ? EG_NONE : b;
}

/* Whether chunk x is a head word, with generic words before it at most:
 * "the Organization", "the Assembly", "the Parliamentary Assembly" (not
 * "Medical Research Council": a portfolio makes a name of its own). */
static bool bare_head(ner *n, const eg_chunk *x)
{
    if (!(cls(n, x->last - 1) & EG_LEX_BODY_HEAD) || (cls(n, x->last - 1) & EG_LEX_LEGISLATURE) ||
        x->org >= 0)
        return false;
    for (size_t k = x->first + is_word(n, x->first, "the"); k + 1 < x->last; k++)
        if (!(cls(n, k) & EG_LEX_GENERIC_MOD) || (cls(n, k) & EG_LEX_PORTFOLIO))
            return false;
    return true;
}

/* Indexes the longer bodies of the document by their head words. */
static eg_status index_heads(ner *n, known *kn)
{
    for (size_t c = 0; c < n->out->n; c++) {
        const eg_chunk *y = ch(n, c);
        kn->next_head[c] = EG_NONE;
        if (y->kind != EG_CHUNK_BODY || y->parent != EG_NONE || y->last - y->first < 2 ||
            (y->flags & (EG_CHUNK_GENERIC | EG_CHUNK_HIDDEN)) || bare_head(n, y))
            continue;
        /* under the head word of its core ("Assembly" of "Parliamentary
         * Assembly of the CSTO"), the rightmost before a complement: one list
         * per chunk */
        size_t core = y->first;
        while (core < y->last && !is_lower_word(n, core))
            core++;
        for (size_t k = core; k > y->first; k--) {
            if (!(cls(n, k - 1) & EG_LEX_BODY_HEAD))
                continue;
            size_t first = eg_map_get(kn->heads, nm(n, k - 1));
            kn->next_head[c] = first;
            if (eg_map_put(kn->heads, nm(n, k - 1), c) != EG_OK)
                return EG_ENOMEM;
            break;
        }
    }
    return EG_OK;
}

/* "the Organization" after "the Collective Security Treaty Organization",
 * "the House" after "the House of Commons": a head word alone stands for the
 * one body of the document with that head; with two or more, it stands for
 * none (which one a reference means is a guess a merge must not rest on). */
static size_t headed_body(ner *n, known *kn, size_t c)
{
    const eg_chunk *x = ch(n, c);
    if (x->kind != EG_CHUNK_BODY || x->parent != EG_NONE || x->form != EG_FORM_NAME || !bare_head(n, x))
        return EG_NONE;
    size_t found = EG_NONE;
    for (size_t y = eg_map_get(kn->heads, nm(n, x->last - 1)); y != EG_NONE; y = kn->next_head[y]) {
        if (found != EG_NONE && !same_words(n, ch(n, found), ch(n, y)))
            return EG_NONE;
        found = y;
    }
    return found;
}

/* "Holland" where the document names Trevor Holland: a one-word country
 * that is the surname of the one person of the document with that surname
 * is that person. */
static void countries_as_surnames(ner *n, known *kn)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        /* also a one-word body no lexicon knows ("Huysmans" where the
         * document names Joris-Karl Huysmans): the tagger's doubt, not an
         * organisation's name */
        bool body = x->kind == EG_CHUNK_BODY && x->org < 0 && !(tk(n, x->first)->flags & EG_TOK_ALLCAPS) &&
                    !(cls(n, x->first) & (EG_LEX_BODY_HEAD | EG_LEX_ORG));
        if ((x->kind != EG_CHUNK_COUNTRY && !body) || x->parent != EG_NONE || x->last - x->first != 1 ||
            x->form != EG_FORM_NAME)
            continue;
        size_t p = eg_people_by_surname(&kn->people, n, nm(n, x->first), EG_SEX_UNKNOWN);
        if (p != EG_NONE && p != AMBIGUOUS) {
            x->kind = EG_CHUNK_PERSON;
            x->form = EG_FORM_SURNAME;
            x->country = -1;
            x->org = -1;
        }
    }
}

/* The sex the form of address right before token i says ("Mrs", "Mr."). */
static eg_sex addressed_sex(ner *n, size_t i)
{
    size_t h = i;
    if (h >= 2 && is_punct(n, h - 1, '.') && !(tk(n, h - 1)->flags & EG_TOK_SPACE_BEFORE))
        h--;
    if (h == 0 || !same_line(n, h - 1, i) || !is_cap(n, h - 1))
        return EG_SEX_UNKNOWN;
    static const char *const female[] = {"mrs", "ms", "miss", "madam", "madame", "mme", "mlle", "lady", "dame"};
    static const char *const male[] = {"mr", "sir", "lord", "monsieur", "messrs"};
    const char *w = nm(n, h - 1);
    for (size_t k = 0; k < sizeof female / sizeof *female; k++)
        if (strcmp(w, female[k]) == 0)
            return EG_SEX_FEMALE;
    for (size_t k = 0; k < sizeof male / sizeof *male; k++)
        if (strcmp(w, male[k]) == 0)
            return EG_SEX_MALE;
    return EG_SEX_UNKNOWN;
}

/* The chunk whose name person chunk c goes by: the fullest name of the
 * person a full name names; for a surname, the person whose surname it is;
 * for a given name alone, the document's subject when it is the subject's
 * and no one else named in full has it; else c itself. (Only the subject's:
 * families and dynasties share given names, and in news a first name alone
 * is more often someone else's, a relative or a witness named once, than the
 * one person named in full with it; an encyclopedic article calls its
 * subject, named first, by the given name.) */
static size_t person_of(ner *n, known *kn, size_t c)
{
    const eg_chunk *x = ch(n, c);
    if (x->form != EG_FORM_SURNAME && x->last - x->first >= 2)
        return eg_people_fullest(&kn->people, n, c);
    const char *w = nm(n, x->last - 1);
    size_t p = eg_people_by_surname(&kn->people, n, w, addressed_sex(n, x->first));
    /* a word that is no one's surname but begins one full name, and no
     * given name: a name written family name first ("Zhou" of "Zhou
     * Enlai") or a patronymic's bearer ("Tesfay" of "Tesfay Dinka") */
    if (p == EG_NONE && x->last - x->first == 1 && !(cls(n, x->first) & EG_LEX_GIVEN) &&
        addressed_sex(n, x->first) == EG_SEX_UNKNOWN)
        p = eg_people_by_first(&kn->people, n, w);
    /* nor one that ends one, but is inside one: the first of two family
     * names ("Velarde" of "Rodrigo Velarde Quintana") */
    if (p == EG_NONE && x->last - x->first == 1 && !(cls(n, x->first) & EG_LEX_GIVEN))
        p = eg_people_by_inner(&kn->people, n, w);
    if (p == EG_NONE && x->last - x->first == 1 && kn->subject != EG_NONE &&
        addressed_sex(n, x->first) == EG_SEX_UNKNOWN) {
        size_t q = eg_people_only_by_first(&kn->people, n, w);
        if (q != EG_NONE && q != AMBIGUOUS && q == eg_people_fullest(&kn->people, n, kn->subject))
            p = q;
    }
    /* "Holt" -> "Maren Holt" -> "Maren Holt Vesterby" */
    return p == EG_NONE || p == AMBIGUOUS ? c : eg_people_fullest(&kn->people, n, p);
}

/* A surname alone after a form of address that names no person of the
 * document: "Mrs Howard" where the document names only Michael Howard is
 * someone else, and so named with the form of address (the corpus would
 * otherwise join a bare "Howard" to the one Howard it knows). */
static char *addressed_name(ner *n, known *kn, size_t c)
{
    const eg_chunk *x = ch(n, c);
    eg_sex sex = addressed_sex(n, x->first);
    if (x->form != EG_FORM_SURNAME || sex == EG_SEX_UNKNOWN)
        return NULL;
    /* only where the form of address is why no one was found */
    size_t any = eg_people_by_surname(&kn->people, n, nm(n, x->last - 1), EG_SEX_UNKNOWN);
    if (any == EG_NONE || any == AMBIGUOUS)
        return NULL;
    size_t h = x->first - 1 - (is_punct(n, x->first - 1, '.') ? 1 : 0);
    eg_strbuf sb = EG_STRBUF_INIT;
    span_text(n, h, h + 1, &sb);
    eg_strbuf_addc(&sb, ' ');
    char *surname = person_name(n, x);
    eg_strbuf_adds(&sb, surname ? surname : "");
    free(surname);
    return eg_strbuf_detach(&sb, NULL);
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
                size_t p = person_of(n, kn, c);
                if (p != c || !(x->name = addressed_name(n, kn, c)))
                    x->name = person_name(n, ch(n, p));
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
                if (full == EG_NONE)
                    full = headed_body(n, kn, c);
                if (full == EG_NONE)
                    full = body_by_word(n, kn->chambers, c);
                if (full == EG_NONE)
                    full = body_by_word(n, kn->nicknames, c);
                if (full != EG_NONE && !ch(n, full)->name)
                    ch(n, full)->name = own_name(n, kn, full, &sb);
                x->name = full != EG_NONE ? eg_strdup(ch(n, full)->name) : own_name(n, kn, c, &sb);
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

/* Whether the acronym `acr` (normal form) abbreviates the words of chunk y,
 * as Schwartz and Hearst (2003) test it: each of its letters and digits,
 * from the last, found in order among y's, the first at the start of a
 * word ("TFF": Tears for Fears; "SLASPA": Saint Lucia Air and Seaports
 * Authority). */
static bool spelling_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool abbreviates(ner *n, const char *acr, const eg_chunk *y)
{
    chunk_key(n, y);
    const char *l = n->key.buf;
    size_t li = n->key.len, si = strlen(acr), first = 0;
    if (si < 2 || eg_strbuf_status(&n->key) != EG_OK)
        return false;
    while (first < si && !spelling_char(acr[first]))
        first++;
    while (si > first) {
        char c = acr[--si];
        if (!spelling_char(c))
            continue;
        /* the first letter at a word's start, the others anywhere */
        for (;;) {
            if (li == 0)
                return false;
            li--;
            bool at_word_start = li == 0 || l[li - 1] == ' ' || l[li - 1] == '-';
            if (l[li] == c && (si > first || at_word_start))
                break;
        }
    }
    return true;
}

/* "Tears for Fears (TFF)": a body's acronym in parentheses right after
 * its name, when the name's words spell it, into defs (acronym -> the
 * name's chunk), over what the rules' parse linked it to: done on the
 * names the tagger and the rules agreed on, so that a name the tagger read
 * whole ("Saint Lucia Air and Seaports Authority", where the rules stop at
 * "and") keeps its acronym. */
static eg_status parenthesised_definitions(ner *n, eg_map *defs)
{
    /* the names end to end in the text: chunks are not in its order (the
     * tagger's own names come after the rules') */
    size_t *ending = malloc((n->n + 1) * sizeof *ending); /* per token: a top-level name ending there */
    if (!ending)
        return EG_ENOMEM;
    for (size_t i = 0; i <= n->n; i++)
        ending[i] = EG_NONE;
    for (size_t c = 0; c < n->out->n; c++)
        if (ch(n, c)->parent == EG_NONE && ch(n, c)->last <= n->n)
            ending[ch(n, c)->last] = c;
    eg_status st = EG_OK;
    for (size_t c = 0; c < n->out->n && st == EG_OK; c++) {
        const eg_chunk *x = ch(n, c);
        if (x->parent != EG_NONE || x->form != EG_FORM_ACRONYM || x->last - x->first != 1 || x->first < 1 ||
            !is_punct(n, x->first - 1, '(') || !is_punct(n, x->last, ')'))
            continue;
        size_t d = ending[x->first - 1];
        const eg_chunk *y = d == EG_NONE ? NULL : ch(n, d);
        if (!y || y->kind != x->kind || !(y->kind == EG_CHUNK_BODY || y->kind == EG_CHUNK_DOCUMENT) || !y->name)
            continue;
        undotted(n, x->first);
        char acr[64];
        if (n->key.len >= sizeof acr)
            continue;
        memcpy(acr, n->key.buf, n->key.len + 1);
        if (abbreviates(n, acr, y))
            st = eg_map_put(defs, nm(n, x->first), d);
    }
    free(ending);
    return st;
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
    if (st == EG_OK)
        st = parenthesised_definitions(n, defs);
    for (size_t c = 0; c < n->out->n && st == EG_OK; c++) {
        eg_chunk *x = ch(n, c);
        if (x->kind != EG_CHUNK_BODY || x->last - x->first != 1)
            continue;
        /* in a line of capitals an acronym looks like any word: there, a
         * word in capitals is tried as one */
        if (x->form != EG_FORM_ACRONYM &&
            !(x->form == EG_FORM_NAME && is_headline(n, x->first) && (tk(n, x->first)->flags & EG_TOK_ALLCAPS)))
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

/*
 * Whether the words before token `open`, a "(", spell the acronym `acr`
 * (normal form, no dots) in lower case: "gross domestic product (GDP)",
 * "radio frequency ID (RFID)". Each word gives its first letter, a word in
 * capitals may give all of itself, and small function words may give
 * nothing; a capitalised word (other than a sentence's first) means a name
 * ("Office for National Statistics (ONS)"), and so does no lower-case word.
 */
static bool spelt_in_lower_case(ner *n, size_t open, const char *acr)
{
    static const char *const small[] = {"of", "and", "the", "for", "in", "on", "to", "a", NULL};
    size_t pos = strlen(acr), lower = 0;
    size_t k = open;
    while (pos > 0 && k > 0 && open - k < 12) {
        k--;
        const eg_token *t = tk(n, k);
        if (t->kind != EG_TOK_WORD || tk(n, k)->sentence != tk(n, open)->sentence)
            return false;
        const char *w = nm(n, k);
        size_t wl = strlen(w);
        bool capitalised = (t->flags & EG_TOK_CAP) && !(t->flags & EG_TOK_ALLCAPS);
        if (capitalised && !(t->flags & EG_TOK_SENT_START))
            return false;
        if ((t->flags & EG_TOK_ALLCAPS) && wl <= pos && memcmp(acr + pos - wl, w, wl) == 0) {
            pos -= wl;
            continue;
        }
        if (w[0] == acr[pos - 1]) {
            pos--;
            lower += (t->flags & EG_TOK_LOWER) != 0;
            continue;
        }
        bool skip = false;
        for (size_t j = 0; small[j] && !skip; j++)
            skip = strcmp(w, small[j]) == 0;
        if (!skip)
            return false;
    }
    return pos == 0 && lower > 0;
}

/*
 * An acronym the document spells out in lower case names a thing, not a
 * body ("radio frequency ID (RFID) tags", "weapons of mass destruction
 * (WMD)"): every chunk that is that acronym alone is no name in this
 * document, whatever the tagger or a lexicon made of it ("GM" of
 * "genetically modified (GM) crops" is no carmaker).
 */
static eg_status drop_common_acronyms(ner *n)
{
    eg_map *common = NULL;
    for (size_t i = 1; i + 2 < n->n; i++) {
        if (!is_punct(n, i, '(') || !is_punct(n, i + 2, ')') || tk(n, i + 1)->kind != EG_TOK_WORD ||
            !(tk(n, i + 1)->flags & EG_TOK_ALLCAPS))
            continue;
        undotted(n, i + 1);
        if (n->key.len < 2 || !spelt_in_lower_case(n, i, n->key.buf))
            continue;
        if (!common && !(common = eg_map_new(8)))
            return EG_ENOMEM;
        if (eg_map_put(common, nm(n, i + 1), 0) != EG_OK) {
            eg_map_free(common);
            return EG_ENOMEM;
        }
    }
    if (!common)
        return EG_OK;
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if (x->last == x->first + 1 && x->kind != EG_CHUNK_TITLE && x->kind != EG_CHUNK_OTHER &&
            eg_map_get(common, nm(n, x->first)) != EG_NONE) {
            x->kind = EG_CHUNK_OTHER;
            x->alias_of = EG_NONE;
            x->org = -1;
        }
    }
    eg_map_free(common);
    return EG_OK;
}

/* A name written in another script (eg_ner) goes by the name it spells. */
static eg_status name_native_spellings(ner *n)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if (x->alias_of == EG_NONE || x->form == EG_FORM_ACRONYM || !ch(n, x->alias_of)->name)
            continue;
        char *name = eg_strdup(ch(n, x->alias_of)->name);
        if (!name)
            return EG_ENOMEM;
        free(x->name);
        x->name = name;
    }
    return EG_OK;
}

eg_status eg_alias_name(ner *n)
{
    known kn = {malloc((n->out->n + 1) * sizeof *kn.name_first), {0}, eg_map_new(64),
                malloc((n->out->n + 1) * sizeof *kn.next_head), eg_map_new(64), eg_map_new(16),
                eg_map_new(16), EG_NONE};
    eg_status st = eg_people_init(&kn.people);
    if (st == EG_OK)
        st = drop_common_acronyms(n);
    if (st == EG_OK && !(kn.name_first && kn.short_names && kn.heads && kn.next_head && kn.chambers &&
                           kn.nicknames))
        st = EG_ENOMEM;
    if (st == EG_OK)
        st = index_heads(n, &kn);
    for (size_t c = 0; c < n->out->n && st == EG_OK; c++)
        kn.name_first[c] = ch(n, c)->first;
    for (size_t c = 0; c < n->out->n && st == EG_OK; c++) {
        const eg_chunk *x = ch(n, c);
        if (x->parent != EG_NONE && (x->flags & EG_CHUNK_HIDDEN) && x->form == EG_FORM_DEMONYM &&
            x->last == ch(n, x->parent)->first)
            kn.name_first[x->parent] = x->first;
    }
    if (st == EG_OK)
        st = collect_known(n, &kn);
    if (st == EG_OK) {
        countries_as_surnames(n, &kn);
        st = name_chunks(n, &kn);
    }
    if (st == EG_OK)
        st = resolve_acronyms(n);
    if (st == EG_OK)
        st = name_native_spellings(n);
    free(kn.name_first);
    free(kn.next_head);
    eg_map_free(kn.heads);
    eg_people_release(&kn.people);
    eg_map_free(kn.short_names);
    eg_map_free(kn.chambers);
    eg_map_free(kn.nicknames);
    return st;
}
