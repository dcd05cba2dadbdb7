#include "eg_lexicon.h"

#include "eg_doc.h"
#include "eg_hash.h"
#include "eg_token.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct country {
    char *code;
    char *name;
} country;

/* A head word a typo may be matched against, with its length: the search
 * compares lengths first, with every head word, for every unknown word. */
typedef struct head {
    char *word;
    size_t len;
    size_t entry;
} head;

/*
 * A Bloom filter of the keys of two words or more (phrases and their
 * prefixes, a few thousand). After each word that starts a phrase,
 * eg_lexicon_match looks up the key one word longer, and nearly all such
 * keys are in no lexicon ("the meeting"): each of these look-ups used to
 * wait for memory, the table being megabytes. The filter (8 KB, so it stays
 * in the processor's cache) answers most of them; when it says "maybe" the
 * table decides, so the answers are those of the table.
 */
#define PHRASE_FILTER_BITS 65536 /* four 16-bit slices of a 64-bit hash */

static void phrase_filter_add(uint64_t *filter, uint64_t h)
{
    for (int k = 0; k < 4; k++) {
        unsigned bit = (unsigned)(h >> (16 * k)) & (PHRASE_FILTER_BITS - 1);
        filter[bit / 64] |= UINT64_C(1) << (bit % 64);
    }
}

static bool phrase_filter_may_hold(const uint64_t *filter, uint64_t h)
{
    for (int k = 0; k < 4; k++) {
        unsigned bit = (unsigned)(h >> (16 * k)) & (PHRASE_FILTER_BITS - 1);
        if (!(filter[bit / 64] & (UINT64_C(1) << (bit % 64))))
            return false;
    }
    return true;
}

struct eg_lexicon {
    eg_map *phrases; /* normalised phrase -> index in entries */
    eg_lex_entry *entries;
    size_t n_entries, cap_entries;
    country *countries;
    size_t n_countries, cap_countries;
    char **orgs;
    size_t n_orgs, cap_orgs;
    size_t max_tokens;
    /* one-word head words of bodies and documents long enough that one typo
     * leaves them recognisable ("Univeristy"), with their entries */
    head *heads;
    size_t n_heads, cap_heads;
    eg_tokens toks; /* scratch for cutting phrases; only used while loading */
    eg_strbuf key;
    uint64_t phrase_filter[PHRASE_FILTER_BITS / 64]; /* the keys of two words or more */
};

typedef enum file_kind {
    FILE_LIST,      /* one phrase a line, one class */
    FILE_COUNTRIES, /* CODE, CANONICAL, VARIANTS, DEMONYMS */
    FILE_ORGS,      /* FULL NAME, ACRONYMS, ALT FULL NAMES, PARTY FORMS */
    FILE_BODY_HEADS, /* WORD, KIND */
    FILE_DOC_VERBS,  /* VERB, RELATION */
    FILE_PLACES      /* NAME, STATE (a country's code, or empty) */
} file_kind;

typedef struct file_spec {
    const char *name;
    file_kind kind;
    eg_lex_classes cls;
} file_spec;

static const file_spec specs[] = {
    {"countries.tsv", FILE_COUNTRIES, 0},
    {"organizations.tsv", FILE_ORGS, 0},
    {"companies.tsv", FILE_ORGS, 0},
    {"parties.tsv", FILE_ORGS, 0},
    {"teams.tsv", FILE_ORGS, 0},
    {"body_heads.txt", FILE_BODY_HEADS, 0},
    {"given_names.txt", FILE_LIST, EG_LEX_GIVEN},
    {"surnames.txt", FILE_LIST, EG_LEX_SURNAME},
    {"titles.txt", FILE_LIST, EG_LEX_TITLE},
    {"title_modifiers.txt", FILE_LIST, EG_LEX_TITLE_MOD},
    {"portfolios.txt", FILE_LIST, EG_LEX_PORTFOLIO},
    {"honorifics.txt", FILE_LIST, EG_LEX_HONORIFIC},
    {"document_heads.txt", FILE_LIST, EG_LEX_DOC_HEAD},
    {"regions.txt", FILE_LIST, EG_LEX_REGION},
    {"location_heads.txt", FILE_LIST, EG_LEX_LOC_HEAD},
    {"event_heads.txt", FILE_LIST, EG_LEX_EVENT_HEAD},
    {"calendar.txt", FILE_LIST, EG_LEX_CALENDAR},
    {"abbreviations.txt", FILE_LIST, EG_LEX_ABBREV},
    {"generic_modifiers.txt", FILE_LIST, EG_LEX_GENERIC_MOD},
    {"name_particles.txt", FILE_LIST, EG_LEX_PARTICLE},
    {"group_nouns.txt", FILE_LIST, EG_LEX_GROUP_NOUN},
    {"function_words.txt", FILE_LIST, EG_LEX_FUNCTION},
    {"acronym_stop.txt", FILE_LIST, EG_LEX_NOT_ACRONYM},
    {"places.txt", FILE_PLACES, EG_LEX_PLACE},
    {"sport_words.txt", FILE_LIST, EG_LEX_SPORT},
    {"state_nouns.txt", FILE_LIST, EG_LEX_STATE_NOUN},
    {"state_posts.txt", FILE_LIST, EG_LEX_STATE_POST},
    {"org_nouns.txt", FILE_LIST, EG_LEX_ORG_NOUN},
    {"person_verbs.txt", FILE_LIST, EG_LEX_PERSON_VERB},
    {"kin_nouns.txt", FILE_LIST, EG_LEX_KIN_NOUN},
    {"occupations.txt", FILE_LIST, EG_LEX_OCCUPATION},
    {"person_object_verbs.txt", FILE_LIST, EG_LEX_PERSON_OBJECT},
    {"courtesy_titles.txt", FILE_LIST, EG_LEX_COURTESY},
    {"noble_styles.txt", FILE_LIST, EG_LEX_NOBLE_STYLE},
    {"female_names.txt", FILE_LIST, EG_LEX_FEMALE},
    {"male_names.txt", FILE_LIST, EG_LEX_MALE},
    {"english_words.txt", FILE_LIST, EG_LEX_ENGLISH},
    {"document_verbs.txt", FILE_DOC_VERBS, EG_LEX_DOC_VERB},
};

static const file_spec *spec_for(const char *name)
{
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
        if (strcmp(specs[i].name, name) == 0)
            return &specs[i];
    return NULL;
}

/* Whether s[0..len) is one word of ASCII letters, as most entries are
 * (english_words.txt, given_names.txt...): the tokenizer would make it one
 * token whose normal form is its lower case. */
static bool ascii_letters(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            return false;
    return len > 0;
}

/* Normalised key of a phrase: its tokens' normal forms joined by spaces.
 * A final period is dropped ("Mr." -> "mr") unless it belongs to a dotted
 * abbreviation token. Returns the number of tokens (0 for an empty phrase). */
static size_t phrase_key(eg_lexicon *lex, const char *s, size_t len)
{
    eg_strbuf_reset(&lex->key);
    if (ascii_letters(s, len)) {
        for (size_t i = 0; i < len; i++)
            eg_strbuf_addc(&lex->key, s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i]);
        return eg_strbuf_status(&lex->key) == EG_OK ? 1 : 0;
    }
    /* split as documents are, so that "Seine-et-Marne" matches */
    eg_word_tests tests = {NULL, eg_lexicon_is_common, lex};
    if (eg_tokenize(s, len, &tests, &lex->toks) != EG_OK)
        return 0;
    size_t n = lex->toks.n;
    if (n > 1 && lex->toks.v[n - 1].kind == EG_TOK_PUNCT && s[lex->toks.v[n - 1].start] == '.')
        n--;
    for (size_t i = 0; i < n; i++) {
        if (i)
            eg_strbuf_addc(&lex->key, ' ');
        eg_strbuf_adds(&lex->key, eg_tok_norm(&lex->toks, i));
    }
    return eg_strbuf_status(&lex->key) == EG_OK ? n : 0;
}

/* The entry for `key`, created (with no class) if missing; EG_NONE on failure. */
static size_t entry_for(eg_lexicon *lex, const char *key)
{
    /* room for a new entry first, so that one probe of the table finds the
     * key or adds it */
    if (eg_grow(&lex->entries, &lex->cap_entries, lex->n_entries + 1, sizeof *lex->entries))
        return EG_NONE;
    size_t idx = eg_map_get_or_put(lex->phrases, key, lex->n_entries);
    if (idx == lex->n_entries) {
        lex->entries[lex->n_entries++] = (eg_lex_entry){0, -1, -1, -1, -1};
        if (strchr(key, ' '))
            phrase_filter_add(lex->phrase_filter, eg_hash_str(EG_HASH_SEED, key));
    }
    return idx;
}

/* Marks the first words of the phrase in lex->toks as a prefix, so that a
 * scan over a document's tokens knows when to stop. */
static eg_status add_prefixes(eg_lexicon *lex, size_t ntok)
{
    eg_strbuf prefix = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    for (size_t k = 0; k + 1 < ntok && st == EG_OK; k++) {
        if (k)
            eg_strbuf_addc(&prefix, ' ');
        eg_strbuf_adds(&prefix, eg_tok_norm(&lex->toks, k));
        size_t idx = eg_strbuf_status(&prefix) ? EG_NONE : entry_for(lex, prefix.buf);
        if (idx == EG_NONE)
            st = EG_ENOMEM;
        else
            lex->entries[idx].classes |= EG_LEX_PREFIX;
    }
    eg_strbuf_release(&prefix);
    return st;
}

#define HEAD_WORDS (EG_LEX_BODY_HEAD | EG_LEX_DOC_HEAD)
/* Shorter words are too close to too many others ("Council" and "Councill"
 * are fine, "Court" and "Count" are not). */
#define MIN_TYPO_HEAD 7

static eg_status add_phrase(eg_lexicon *lex, const char *s, size_t len, eg_lex_classes cls,
                            int32_t country, int32_t org)
{
    size_t ntok = phrase_key(lex, s, len);
    if (ntok == 0)
        return EG_OK;
    if (ntok > lex->max_tokens)
        lex->max_tokens = ntok;
    if (ntok > 1 && add_prefixes(lex, ntok) != EG_OK)
        return EG_ENOMEM;
    size_t idx = entry_for(lex, lex->key.buf);
    if (idx == EG_NONE)
        return EG_ENOMEM;
    eg_lex_entry *e = &lex->entries[idx];
    bool new_head = ntok == 1 && (cls & HEAD_WORDS) && !(e->classes & HEAD_WORDS) &&
                    lex->key.len >= MIN_TYPO_HEAD;
    e->classes |= cls;
    if (new_head) {
        char *copy = eg_strdup(lex->key.buf);
        if (!copy || eg_grow(&lex->heads, &lex->cap_heads, lex->n_heads + 1, sizeof *lex->heads)) {
            free(copy);
            return EG_ENOMEM;
        }
        lex->heads[lex->n_heads++] = (head){copy, lex->key.len, idx};
    }
    /* the first file to claim a phrase for a country or organisation keeps it */
    if (country >= 0 && e->country < 0)
        e->country = country;
    if (org >= 0 && e->org < 0)
        e->org = org;
    return EG_OK;
}

/* Calls add_phrase for each '|'-separated item of field[0..len). */
static eg_status add_list(eg_lexicon *lex, const char *field, size_t len, eg_lex_classes cls,
                          int32_t country, int32_t org)
{
    size_t i = 0;
    while (i <= len) {
        size_t j = i;
        while (j < len && field[j] != '|')
            j++;
        size_t a = i, b = j;
        while (a < b && (field[a] == ' ' || field[a] == '\t'))
            a++;
        while (b > a && (field[b - 1] == ' ' || field[b - 1] == '\t'))
            b--;
        if (b > a) {
            eg_status st = add_phrase(lex, field + a, b - a, cls, country, org);
            if (st)
                return st;
        }
        i = j + 1;
    }
    return EG_OK;
}

/* Splits a line into at most `max` TAB-separated fields. */
static size_t split_fields(const char *line, size_t len, const char **f, size_t *flen, size_t max)
{
    size_t n = 0, i = 0;
    while (n < max) {
        size_t j = i;
        while (j < len && line[j] != '\t')
            j++;
        f[n] = line + i;
        flen[n] = j - i;
        n++;
        if (j >= len)
            break;
        i = j + 1;
    }
    return n;
}

/* Adds the plural of title s[0..len): its head word, the last or the one
 * before "of" ("chiefs of staff"), in the plural ("secretaries",
 * "spokesmen", "coaches", "ministers"). */
static eg_status add_plural_title(eg_lexicon *lex, const char *s, size_t len)
{
    size_t head_end = len;
    for (size_t i = 0; i + 4 <= len; i++)
        if (memcmp(s + i, " of ", 4) == 0) {
            head_end = i;
            break;
        }
    size_t head = head_end;
    while (head > 0 && s[head - 1] != ' ' && s[head - 1] != '-')
        head--;
    size_t hl = head_end - head;
    if (hl < 2)
        return EG_OK;
    const char *w = s + head;
    eg_strbuf p = EG_STRBUF_INIT;
    eg_strbuf_add(&p, s, head);
    char last = w[hl - 1], before = w[hl - 2];
    bool vowel = before == 'a' || before == 'e' || before == 'i' || before == 'o' || before == 'u';
    if (hl > 3 && memcmp(w + hl - 3, "man", 3) == 0) {
        eg_strbuf_add(&p, w, hl - 2);
        eg_strbuf_adds(&p, "en");
    } else if (last == 'y' && !vowel) {
        eg_strbuf_add(&p, w, hl - 1);
        eg_strbuf_adds(&p, "ies");
    } else if (last == 's' || last == 'x' || last == 'z' || ((last == 'h') && (before == 'c' || before == 's'))) {
        eg_strbuf_add(&p, w, hl);
        eg_strbuf_adds(&p, "es");
    } else {
        eg_strbuf_add(&p, w, hl);
        eg_strbuf_addc(&p, 's');
    }
    eg_strbuf_add(&p, s + head_end, len - head_end);
    eg_status st = eg_strbuf_status(&p);
    if (st == EG_OK)
        st = add_phrase(lex, p.buf, p.len, EG_LEX_TITLE_PLURAL, -1, -1);
    eg_strbuf_release(&p);
    return st;
}

static eg_status load_line(eg_lexicon *lex, const file_spec *spec, const char *line, size_t len,
                           const char *origin, size_t lineno, eg_error *err)
{
    const char *f[4];
    size_t fl[4];
    size_t nf = split_fields(line, len, f, fl, 4);
    eg_status st = EG_OK;
    switch (spec->kind) {
    case FILE_LIST:
        st = add_phrase(lex, f[0], fl[0], spec->cls, -1, -1);
        if (!st && spec->cls == EG_LEX_TITLE)
            st = add_plural_title(lex, f[0], fl[0]);
        break;
    case FILE_BODY_HEADS: {
        eg_lex_classes cls = EG_LEX_BODY_HEAD;
        if (nf >= 2 && fl[1] == 11 && memcmp(f[1], "legislature", 11) == 0)
            cls = EG_LEX_LEGISLATURE | EG_LEX_BODY_HEAD;
        st = add_phrase(lex, f[0], fl[0], cls, -1, -1);
        break;
    }
    case FILE_DOC_VERBS: {
        eg_relation_kind kind;
        char name[32];
        if (nf < 2 || fl[1] >= sizeof name)
            return eg_error_set(err, EG_EPARSE, "%s:%zu: expected VERB<TAB>RELATION", origin, lineno);
        memcpy(name, f[1], fl[1]);
        name[fl[1]] = '\0';
        if (!eg_relation_kind_parse(name, &kind) || kind < EG_REL_ADOPTED || kind > EG_REL_APPROVED)
            return eg_error_set(err, EG_EPARSE,
                                "%s:%zu: '%s' is not adopted, signed, developed or approved", origin,
                                lineno, name);
        st = add_phrase(lex, f[0], fl[0], spec->cls, -1, -1);
        if (!st) {
            /* the entry just added or extended is the one for this verb */
            const eg_lex_entry *e = eg_lexicon_lookup(lex, lex->key.buf);
            if (e)
                lex->entries[e - lex->entries].kind = (int32_t)kind;
        }
        break;
    }
    case FILE_PLACES: {
        int32_t state = -1;
        if (nf >= 2 && fl[1]) {
            for (size_t i = 0; i < lex->n_countries && state < 0; i++)
                if (strlen(lex->countries[i].code) == fl[1] && memcmp(lex->countries[i].code, f[1], fl[1]) == 0)
                    state = (int32_t)i;
            if (state < 0)
                return eg_error_set(err, EG_EPARSE, "%s:%zu: '%.*s' is the code of no state of countries.tsv",
                                    origin, lineno, (int)fl[1], f[1]);
        }
        st = add_phrase(lex, f[0], fl[0], spec->cls, -1, -1);
        if (!st) {
            /* the entry just added or extended ("Cordoba" and "Córdoba" are
             * one): places of one name in two states leave it none */
            const eg_lex_entry *e = eg_lexicon_lookup(lex, lex->key.buf);
            if (e) {
                eg_lex_entry *w = &lex->entries[e - lex->entries];
                w->state = w->state < 0 ? state : w->state == state ? state : -1;
            }
        }
        break;
    }
    case FILE_COUNTRIES: {
        if (nf < 2 || !fl[0] || !fl[1])
            return eg_error_set(err, EG_EPARSE, "%s:%zu: expected CODE<TAB>NAME[<TAB>VARIANTS<TAB>DEMONYMS]",
                                origin, lineno);
        if (eg_grow(&lex->countries, &lex->cap_countries, lex->n_countries + 1,
                    sizeof *lex->countries))
            return EG_ENOMEM;
        country c = {eg_strndup(f[0], fl[0]), eg_strndup(f[1], fl[1])};
        if (!c.code || !c.name) {
            free(c.code);
            free(c.name);
            return EG_ENOMEM;
        }
        int32_t idx = (int32_t)lex->n_countries;
        lex->countries[lex->n_countries++] = c;
        st = add_phrase(lex, f[1], fl[1], EG_LEX_COUNTRY, idx, -1);
        if (!st && nf >= 3)
            st = add_list(lex, f[2], fl[2], EG_LEX_COUNTRY, idx, -1);
        if (!st && nf >= 4)
            st = add_list(lex, f[3], fl[3], EG_LEX_DEMONYM, idx, -1);
        break;
    }
    case FILE_ORGS: {
        if (!fl[0])
            return eg_error_set(err, EG_EPARSE, "%s:%zu: expected FULL NAME[<TAB>ACRONYMS]", origin,
                                lineno);
        if (eg_grow(&lex->orgs, &lex->cap_orgs, lex->n_orgs + 1, sizeof *lex->orgs))
            return EG_ENOMEM;
        char *name = eg_strndup(f[0], fl[0]);
        if (!name)
            return EG_ENOMEM;
        int32_t idx = (int32_t)lex->n_orgs;
        lex->orgs[lex->n_orgs++] = name;
        st = add_phrase(lex, f[0], fl[0], EG_LEX_ORG, -1, idx);
        if (!st && nf >= 2)
            st = add_list(lex, f[1], fl[1], EG_LEX_ORG | EG_LEX_ORG_ACRONYM, -1, idx);
        if (!st && nf >= 3)
            st = add_list(lex, f[2], fl[2], EG_LEX_ORG, -1, idx);
        if (!st && nf >= 4)
            st = add_list(lex, f[3], fl[3], EG_LEX_PARTY_FORM, -1, idx);
        break;
    }
    }
    if (st == EG_ENOMEM)
        return eg_error_set(err, EG_ENOMEM, "%s:%zu: out of memory", origin, lineno);
    return st;
}

static eg_status load_text(eg_lexicon *lex, const file_spec *spec, const char *data, size_t len,
                           const char *origin, eg_error *err)
{
    size_t i = 0, lineno = 0;
    /* a UTF-8 byte-order mark is not part of the first entry */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        size_t j = i;
        while (j < len && data[j] != '\n')
            j++;
        lineno++;
        size_t e = j;
        while (e > i && (data[e - 1] == '\r' || data[e - 1] == ' '))
            e--;
        if (e > i && data[i] != '#') {
            eg_status st = load_line(lex, spec, data + i, e - i, origin, lineno, err);
            if (st)
                return st;
        }
        i = j + 1;
    }
    return EG_OK;
}

eg_status eg_lexicon_new(eg_lexicon **out, eg_error *err)
{
    *out = NULL;
    eg_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex)
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    eg_tokens_init(&lex->toks);
    eg_strbuf_init(&lex->key);
    /* the compiled-in lexicons hold some 88,000 phrases and prefixes: a
     * table sized for them at once is not rebuilt while they load */
    lex->phrases = eg_map_new(96 * 1000);
    if (!lex->phrases) {
        eg_lexicon_free(lex);
        return eg_error_set(err, EG_ENOMEM, "out of memory");
    }
    /* common words first: the keys of the other files are tokenized as
     * documents are, which asks whether a word is common */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < eg_lexicon_n_blobs; i++) {
            const eg_lexicon_blob *b = &eg_lexicon_blobs[i];
            const file_spec *spec = spec_for(b->name);
            if (!spec || ((spec->cls & (EG_LEX_ENGLISH | EG_LEX_FUNCTION)) != 0) != (pass == 0))
                continue;
            eg_status st = load_text(lex, spec, b->data, b->len, b->name, err);
            if (st) {
                eg_lexicon_free(lex);
                return st;
            }
        }
    }
    *out = lex;
    return EG_OK;
}

void eg_lexicon_free(eg_lexicon *lex)
{
    if (!lex)
        return;
    eg_map_free(lex->phrases);
    free(lex->entries);
    for (size_t i = 0; i < lex->n_countries; i++) {
        free(lex->countries[i].code);
        free(lex->countries[i].name);
    }
    free(lex->countries);
    for (size_t i = 0; i < lex->n_orgs; i++)
        free(lex->orgs[i]);
    free(lex->orgs);
    for (size_t i = 0; i < lex->n_heads; i++)
        free(lex->heads[i].word);
    free(lex->heads);
    eg_tokens_release(&lex->toks);
    eg_strbuf_release(&lex->key);
    free(lex);
}

/* Whether a and b differ by one edit: a letter changed, added or dropped, or
 * two neighbours swapped. */
static bool one_edit_apart(const char *a, size_t la, const char *b, size_t lb)
{
    if (la > lb)
        return one_edit_apart(b, lb, a, la);
    if (lb - la > 1)
        return false;
    size_t i = 0;
    while (i < la && a[i] == b[i])
        i++;
    if (i == la)
        return lb == la + 1;
    if (la == lb) {
        if (strcmp(a + i + 1, b + i + 1) == 0)
            return true; /* changed */
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               strcmp(a + i + 2, b + i + 2) == 0; /* swapped */
    }
    return strcmp(a + i, b + i + 1) == 0; /* b has one more */
}

const eg_lex_entry *eg_lexicon_misspelt_head(const eg_lexicon *lex, const char *norm)
{
    size_t len = strlen(norm);
    /* a word the lexicons know ("committed") is no typo of "committee" */
    if (len < MIN_TYPO_HEAD + 1 || eg_map_get(lex->phrases, norm) != EG_NONE)
        return NULL;
    const eg_lex_entry *found = NULL;
    for (size_t i = 0; i < lex->n_heads; i++) {
        const head *h = &lex->heads[i];
        if (h->len + 1 < len || len + 1 < h->len || !one_edit_apart(norm, len, h->word, h->len))
            continue;
        if (found)
            return NULL; /* two heads as close: no guess */
        found = &lex->entries[h->entry];
    }
    return found;
}

eg_status eg_lexicon_load_file(eg_lexicon *lex, const char *path, eg_error *err)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const file_spec *spec = spec_for(base);
    if (!spec) {
        eg_strbuf names = EG_STRBUF_INIT;
        for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
            eg_strbuf_addf(&names, "%s%s", i ? ", " : "", specs[i].name);
        eg_status st = eg_error_set(err, EG_EINVAL,
                                    "%s: a lexicon file must be named after the lexicon it extends "
                                    "(one of: %s)",
                                    path, names.buf);
        eg_strbuf_release(&names);
        return st;
    }
    eg_strbuf data = EG_STRBUF_INIT;
    eg_status st = eg_read_file(path, &data, err);
    if (st == EG_OK && data.len && memchr(data.buf, '\0', data.len))
        st = eg_error_set(err, EG_EPARSE, "%s: not a text file", path);
    else if (st == EG_OK)
        st = load_text(lex, spec, data.buf ? data.buf : "", data.len, path, err);
    eg_strbuf_release(&data);
    return st;
}

const eg_lex_entry *eg_lexicon_lookup(const eg_lexicon *lex, const char *norm)
{
    size_t idx = eg_map_get(lex->phrases, norm);
    return idx == EG_NONE ? NULL : &lex->entries[idx];
}

eg_lex_classes eg_lexicon_classes(const eg_lexicon *lex, const char *norm)
{
    const eg_lex_entry *e = eg_lexicon_lookup(lex, norm);
    return e ? e->classes & ~EG_LEX_PREFIX : 0;
}

size_t eg_lexicon_max_tokens(const eg_lexicon *lex)
{
    return lex->max_tokens;
}

size_t eg_lexicon_n_countries(const eg_lexicon *lex)
{
    return lex->n_countries;
}

const char *eg_lexicon_country_name(const eg_lexicon *lex, int32_t c)
{
    return c >= 0 && (size_t)c < lex->n_countries ? lex->countries[c].name : NULL;
}

const char *eg_lexicon_country_code(const eg_lexicon *lex, int32_t c)
{
    return c >= 0 && (size_t)c < lex->n_countries ? lex->countries[c].code : NULL;
}

const char *eg_lexicon_org_name(const eg_lexicon *lex, int32_t o)
{
    return o >= 0 && (size_t)o < lex->n_orgs ? lex->orgs[o] : NULL;
}

bool eg_lexicon_is_abbrev(const void *data, const char *norm)
{
    return (eg_lexicon_classes(data, norm) & (EG_LEX_ABBREV | EG_LEX_HONORIFIC)) != 0;
}

bool eg_lexicon_is_common(const void *data, const char *norm)
{
    return (eg_lexicon_classes(data, norm) & (EG_LEX_ENGLISH | EG_LEX_FUNCTION)) != 0;
}

/* ---- phrases of a tokenized text ---- */

/* Longest sequence of tokens a phrase may span, whatever the data says. */
#define MAX_PHRASE 12

void eg_lex_matches_init(eg_lex_matches *m)
{
    memset(m, 0, sizeof *m);
}

void eg_lex_matches_release(eg_lex_matches *m)
{
    if (!m)
        return;
    free(m->cls);
    free(m->v);
    free(m->at);
    eg_lex_matches_init(m);
}

static bool one_char(const char *text, const eg_token *t, char c)
{
    return t->kind == EG_TOK_PUNCT && t->end - t->start == 1 && text[t->start] == c;
}

static eg_status add_match(eg_lex_matches *out, size_t len, const eg_lex_entry *e)
{
    if (eg_grow(&out->v, &out->cap, out->n + 1, sizeof *out->v))
        return EG_ENOMEM;
    out->v[out->n++] = (eg_lex_match){len, e};
    return EG_OK;
}

eg_status eg_lexicon_match(const eg_lexicon *lex, const char *text, const eg_tokens *toks,
                           eg_lex_matches *out)
{
    size_t n = toks->n;
    out->n = 0;
    out->n_tokens = 0;
    if (n + 1 > out->cap_tokens) {
        eg_lex_classes *cls = realloc(out->cls, (n + 1) * sizeof *cls);
        if (cls)
            out->cls = cls;
        size_t *at = realloc(out->at, (n + 1) * sizeof *at);
        if (at)
            out->at = at;
        if (!cls || !at)
            return EG_ENOMEM;
        out->cap_tokens = n + 1;
    }
    memset(out->cls, 0, (n + 1) * sizeof *out->cls);
    out->n_tokens = n;
    size_t max_phrase = lex->max_tokens < MAX_PHRASE ? lex->max_tokens : MAX_PHRASE;
    eg_strbuf key = EG_STRBUF_INIT;
    eg_status st = EG_OK;
    for (size_t i = 0; i < n && st == EG_OK; i++) {
        const eg_token *first = &toks->v[i];
        out->at[i] = out->n;
        if (first->kind == EG_TOK_PUNCT && !(first->flags & EG_TOK_POSSESSIVE))
            continue;
        for (size_t len = 1; len <= max_phrase && i + len <= n; len++) {
            const eg_token *last = &toks->v[i + len - 1];
            if (len > 1 && (last->line != first->line || last->sentence != first->sentence))
                break;
            if (last->kind == EG_TOK_PUNCT && !(last->flags & EG_TOK_POSSESSIVE) &&
                !one_char(text, last, '.') && !one_char(text, last, '&'))
                break;
            /* one word is its own key, a phrase its words joined by spaces
             * (copied only for phrases: most words start none) */
            const char *k = eg_tok_norm(toks, i);
            if (len > 1) {
                if (len == 2) {
                    eg_strbuf_reset(&key);
                    eg_strbuf_adds(&key, k);
                }
                eg_strbuf_addc(&key, ' ');
                eg_strbuf_adds(&key, eg_tok_norm(toks, i + len - 1));
                if ((st = eg_strbuf_status(&key)) != EG_OK)
                    break;
                k = key.buf;
                if (!phrase_filter_may_hold(lex->phrase_filter, eg_hash_bytes(EG_HASH_SEED, k, key.len)))
                    break;
            }
            const eg_lex_entry *e = eg_lexicon_lookup(lex, k);
            if (!e)
                break;
            if (len == 1)
                out->cls[i] = e->classes & ~EG_LEX_PREFIX;
            if (e->classes & ~EG_LEX_PREFIX)
                st = add_match(out, len, e);
            if (st)
                break;
        }
        /* "Brown Univeristy": a capitalised word no lexicon knows, one typo
         * away from a head word */
        if (st == EG_OK && !out->cls[i] && out->at[i] == out->n && first->kind == EG_TOK_WORD &&
            (first->flags & EG_TOK_CAP) && !(first->flags & EG_TOK_ALLCAPS)) {
            const eg_lex_entry *e = eg_lexicon_misspelt_head(lex, eg_tok_norm(toks, i));
            if (e) {
                out->cls[i] = e->classes & ~EG_LEX_PREFIX;
                st = add_match(out, 1, e);
            }
        }
    }
    out->at[n] = out->n;
    eg_strbuf_release(&key);
    return st;
}

size_t eg_lex_phrase_at(const eg_lex_matches *m, size_t i, size_t limit, eg_lex_classes mask,
                        const eg_lex_entry **entry)
{
    size_t best = 0;
    const eg_lex_entry *be = NULL;
    if (i < m->n_tokens) {
        for (size_t k = m->at[i]; k < m->at[i + 1]; k++) {
            const eg_lex_match *x = &m->v[k];
            if (i + x->len <= limit && (x->entry->classes & mask)) {
                best = x->len;
                be = x->entry;
            }
        }
    }
    if (entry)
        *entry = be;
    return best;
}
