#include "eg_extract.h"

#include "eg_ner.h"
#include "eg_relate.h"
#include "eg_text.h"
#include "eg_token.h"
#include "eg_wire.h"

#include <stdlib.h>
#include <string.h>

struct eg_extractor {
    const eg_lexicon *lex;
    const eg_tagger *tagger;
    const eg_pair_model *pairs; /* or NULL */
    eg_tagger_work work;
    uint8_t *tags;
    size_t cap_tags;
    eg_tag_span *spans;
    size_t n_spans, cap_spans;
    eg_strbuf clean;   /* the document with invalid bytes replaced */
    eg_tokens toks;
    eg_lex_matches matches;
    eg_chunks chunks;
    eg_links links;
    eg_strbuf scratch;
    size_t part_bytes; /* a longer document is read in parts of about this size */
};

eg_status eg_extractor_new(const eg_lexicon *lex, const eg_tagger *tagger, eg_extractor **out)
{
    *out = NULL;
    eg_extractor *ex = calloc(1, sizeof *ex);
    if (!ex)
        return EG_ENOMEM;
    ex->lex = lex;
    ex->tagger = tagger;
    eg_tagger_work_init(&ex->work);
    eg_strbuf_init(&ex->clean);
    eg_strbuf_init(&ex->scratch);
    eg_tokens_init(&ex->toks);
    eg_lex_matches_init(&ex->matches);
    eg_chunks_init(&ex->chunks);
    eg_links_init(&ex->links);
    ex->part_bytes = EG_PART_BYTES;
    *out = ex;
    return EG_OK;
}

void eg_extractor_set_part_bytes(eg_extractor *ex, size_t bytes)
{
    ex->part_bytes = bytes;
}

void eg_extractor_set_pairs(eg_extractor *ex, const eg_pair_model *pairs)
{
    ex->pairs = pairs;
}

void eg_extractor_free(eg_extractor *ex)
{
    if (!ex)
        return;
    eg_strbuf_release(&ex->clean);
    eg_strbuf_release(&ex->scratch);
    eg_tagger_work_release(&ex->work);
    free(ex->tags);
    free(ex->spans);
    eg_tokens_release(&ex->toks);
    eg_lex_matches_release(&ex->matches);
    eg_chunks_release(&ex->chunks);
    eg_links_release(&ex->links);
    free(ex);
}

/* ---- dates and titles ---- */

static const char *const months[12][2] = {
    {"january", "jan"}, {"february", "feb"}, {"march", "mar"},     {"april", "apr"},
    {"may", "may"},     {"june", "jun"},     {"july", "jul"},       {"august", "aug"},
    {"september", "sep"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"}};

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A month name (full, three letters, or "Sept") at s[i..len): returns 1-12 and its length. */
static int month_at(const char *s, size_t len, size_t i, size_t *mlen)
{
    if (i > 0 && is_alpha((unsigned char)s[i - 1]))
        return 0;
    if (i >= len)
        return 0;
    /* called at every word of a page until its date: most words fail on
     * their first letter, tested before anything else */
    int c0 = lower((unsigned char)s[i]);
    for (int m = 0; m < 12; m++) {
        for (int f = 0; f < 2; f++) {
            const char *w = months[m][f];
            if (w[0] != c0)
                continue;
            size_t wl = strlen(w);
            if (i + wl > len)
                continue;
            size_t k = 0;
            while (k < wl && lower((unsigned char)s[i + k]) == w[k])
                k++;
            if (k < wl)
                continue;
            size_t e = i + wl;
            if (f == 1 && m == 8 && e < len && lower((unsigned char)s[e]) == 't')
                e++; /* "Sept" */
            if (e < len && is_alpha((unsigned char)s[e]))
                continue;
            if (e < len && s[e] == '.')
                e++;
            *mlen = e - i;
            return m + 1;
        }
    }
    return 0;
}

/* Reads 1-2 digits (a day) or 4 digits (a year) at s[i..). */
static int number_at(const char *s, size_t len, size_t i, size_t digits_min, size_t digits_max,
                     size_t *nlen)
{
    if (i > 0 && is_digit((unsigned char)s[i - 1]))
        return -1;
    size_t k = 0;
    int v = 0;
    while (i + k < len && is_digit((unsigned char)s[i + k]) && k < digits_max + 1) {
        v = v * 10 + (s[i + k] - '0');
        k++;
    }
    if (k < digits_min || k > digits_max)
        return -1;
    *nlen = k;
    return v;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static bool valid_date(int y, int m, int d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1];
}

/* valid_date has checked the ranges: four, two and two digits. */
static void format_iso(char iso[11], int y, int m, int d)
{
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = '\0';
}

bool eg_find_date(const char *s, size_t len, char iso[11])
{
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        size_t a, b, m;
        if (is_digit(c)) {
            /* 2020-12-04 */
            int y = number_at(s, len, i, 4, 4, &a);
            if (y > 0 && i + a + 6 <= len && (s[i + a] == '-' || s[i + a] == '/')) {
                int mo = number_at(s, len, i + a + 1, 2, 2, &b);
                if (mo > 0 && s[i + a + 1 + b] == s[i + a]) {
                    int d = number_at(s, len, i + a + 2 + b, 2, 2, &m);
                    if (d > 0 && valid_date(y, mo, d) &&
                        !(i + a + 2 + b + m < len && is_digit((unsigned char)s[i + a + 2 + b + m]))) {
                        format_iso(iso, y, mo, d);
                        return true;
                    }
                }
            }
            /* 4 December 2020 */
            int d = number_at(s, len, i, 1, 2, &a);
            if (d > 0) {
                size_t j = i + a;
                if (j + 2 <= len && is_alpha((unsigned char)s[j]) && is_alpha((unsigned char)s[j + 1]) &&
                    (memcmp(s + j, "st", 2) == 0 || memcmp(s + j, "nd", 2) == 0 ||
                     memcmp(s + j, "rd", 2) == 0 || memcmp(s + j, "th", 2) == 0))
                    j += 2;
                j = skip_spaces(s, len, j);
                if (j > i + a || j < len) {
                    int mo = month_at(s, len, j, &m);
                    if (mo && j > i + a) {
                        size_t k = j + m;
                        if (k < len && s[k] == ',')
                            k++;
                        k = skip_spaces(s, len, k);
                        int y = k > j + m ? number_at(s, len, k, 4, 4, &b) : -1;
                        if (y > 0 && valid_date(y, mo, d) &&
                            !(k + b < len && is_digit((unsigned char)s[k + b]))) {
                            format_iso(iso, y, mo, d);
                            return true;
                        }
                    }
                }
            }
        } else if (is_alpha(c)) {
            /* December 4, 2020 */
            int mo = month_at(s, len, i, &m);
            if (mo) {
                size_t j = skip_spaces(s, len, i + m);
                int d = j > i + m ? number_at(s, len, j, 1, 2, &a) : -1;
                if (d > 0) {
                    size_t k = j + a;
                    if (k + 2 <= len && (memcmp(s + k, "st", 2) == 0 || memcmp(s + k, "nd", 2) == 0 ||
                                         memcmp(s + k, "rd", 2) == 0 || memcmp(s + k, "th", 2) == 0))
                        k += 2;
                    if (k < len && s[k] == ',')
                        k++;
                    size_t k2 = skip_spaces(s, len, k);
                    int y = k2 > j + a ? number_at(s, len, k2, 4, 4, &b) : -1;
                    if (y > 0 && valid_date(y, mo, d) &&
                        !(k2 + b < len && is_digit((unsigned char)s[k2 + b]))) {
                        format_iso(iso, y, mo, d);
                        return true;
                    }
                }
                i += m - 1;
            } else {
                while (i + 1 < len && is_alpha((unsigned char)s[i + 1]))
                    i++;
            }
        }
    }
    return false;
}

/* Lines considered for a page's title and date. */
#define HEAD_LINES 40
#define MAX_TITLE 300

typedef struct line {
    size_t start, end;
} line;

static bool blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

static char *trimmed_dup(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
        b--;
    return eg_strndup(s + a, b - a);
}

/* A line as long as a date line can be ("Published: Monday, 12 March 2004,
 * 10:42 GMT"); a dateline's head ("WASHINGTON, March 3, 1987 - ") is at
 * most so many bytes before its dash. */
#define DATE_LINE 64
#define DATE_LINE_WORDS 8
#define DATELINE_HEAD 100

/*
 * Whether line [a, b) of s dates its page, into iso: a short line with a
 * date ("4 December 2020", "LONDON 1996-08-30", "Posted 4 December 2020
 * by staff"), or a dateline, a date before a dash that opens the first
 * paragraph ("OSLO, May 4, 2021 - Ministers met..."). A date inside a
 * sentence is what the text talks about, not when it was written.
 */
static bool few_words(const char *s, size_t a, size_t b)
{
    size_t words = 1;
    for (size_t i = a; i + 1 < b; i++)
        words += s[i] == ' ' && s[i + 1] != ' ';
    return words <= DATE_LINE_WORDS;
}

static bool date_line(const char *s, size_t a, size_t b, char iso[11])
{
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
        b--;
    /* not a sentence that mentions a date ("He died on 3 May 1920."): a
     * few words that do not end as a sentence (or a life's dates) does */
    if (b - a <= DATE_LINE) {
        char last = s[b - 1];
        return few_words(s, a, b) && last != '.' && last != '!' && last != '?' && last != ')' &&
               eg_find_date(s + a, b - a, iso);
    }
    /* nor a name with its dates in parentheses before a dash ("Jan Berg
     * (4 May 1920 - 1 June 1990) was...") */
    size_t limit = b - a < DATELINE_HEAD ? b : a + DATELINE_HEAD;
    for (size_t i = a; i + 2 < limit && s[i] != '('; i++) {
        bool dash = s[i] == ' ' && (s[i + 1] == '-' || memcmp(s + i + 1, "\xE2\x80\x94", 3) == 0 ||
                                     memcmp(s + i + 1, "\xE2\x80\x93", 3) == 0);
        if (dash)
            return few_words(s, a, i) && eg_find_date(s + a, i - a, iso);
    }
    return false;
}

/*
 * The date is that of the first date line among the document's first lines
 * (date_line); the title is the
 * line just before a date line near the top (title, date, body: how news
 * pages read once scraped, behind whatever navigation text comes first), or
 * else the first non-empty line.
 */
static eg_status find_title_date(const char *s, size_t len, char **title, char **date)
{
    line first = {0, 0};
    bool have_first = false;
    line prev = {0, 0};
    bool have_prev = false;
    size_t i = 0, lineno = 0;
    char iso[11];
    *title = *date = NULL;
    /* a byte order mark is no part of the first line */
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != '\n')
            j++;
        if (!blank(s, i, j)) {
            if (!have_first) {
                first = (line){i, j};
                have_first = true;
            }
            if (lineno >= HEAD_LINES)
                break;
            if (!*date && date_line(s, i, j, iso)) {
                *date = eg_strdup(iso);
                if (!*date)
                    return EG_ENOMEM;
                if (have_prev && prev.end - prev.start <= MAX_TITLE &&
                    !eg_find_date(s + prev.start, prev.end - prev.start, iso)) {
                    *title = trimmed_dup(s, prev.start, prev.end);
                    return *title ? EG_OK : EG_ENOMEM;
                }
                break;
            }
            prev = (line){i, j};
            have_prev = true;
            lineno++;
        }
        i = j + 1;
    }
    if (have_first) {
        size_t e = first.end;
        if (e - first.start > MAX_TITLE) {
            /* cut at a character boundary */
            e = first.start + MAX_TITLE;
            while (e > first.start && ((unsigned char)s[e] & 0xC0) == 0x80)
                e--;
        }
        *title = trimmed_dup(s, first.start, e);
        if (!*title)
            return EG_ENOMEM;
    }
    return EG_OK;
}

/* ---- building the doc ---- */

static bool emitted(const eg_chunk *c)
{
    return c->kind <= EG_CHUNK_DOCUMENT && !(c->flags & (EG_CHUNK_HIDDEN | EG_CHUNK_GENERIC)) &&
           c->name;
}

/* The nearest ancestor of chunk c that becomes a mention, or EG_NONE. */
static size_t emitted_parent(const eg_chunks *chunks, size_t c)
{
    size_t p = chunks->v[c].parent;
    while (p != EG_NONE && !emitted(&chunks->v[p]))
        p = chunks->v[p].parent;
    return p;
}

typedef struct order_ctx {
    const eg_chunks *chunks;
    size_t *parent;   /* emitted parent of each chunk */
    size_t *mention;  /* mention index of each chunk, EG_NONE if none */
    size_t *kid_first; /* the emitted children of chunk c are */
    size_t *kids;      /* kids[kid_first[c] .. kid_first[c + 1]), in text order */
} order_ctx;

static int cmp_chunk_pos(const void *a, const void *b, const eg_chunks *chunks)
{
    const eg_chunk *x = &chunks->v[*(const size_t *)a];
    const eg_chunk *y = &chunks->v[*(const size_t *)b];
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    if (x->last != y->last)
        return x->last > y->last ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* qsort has no context argument in C11: a merge sort on indexes, tmp as
 * long as idx. The order is total, so any sort gives the same result. */
static void sort_by_position(size_t *idx, size_t n, const eg_chunks *chunks, size_t *tmp)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = mid + width < n ? mid + width : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                tmp[o++] = cmp_chunk_pos(&idx[b], &idx[a], chunks) < 0 ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[o++] = idx[a++];
            while (b < hi)
                tmp[o++] = idx[b++];
        }
        memcpy(idx, tmp, n * sizeof *idx);
    }
}

static size_t clean_to_input(size_t off, const size_t *shifts, size_t n_shifts)
{
    return shifts ? eg_offset_to_input(off, shifts, n_shifts) : off;
}

/* "Jr", "Sr", "Jnr", "Snr": a word only a person's name ends in. */
static bool generational_suffix(const char *w, size_t len)
{
    return (len == 2 && (memcmp(w, "Jr", 2) == 0 || memcmp(w, "Sr", 2) == 0)) ||
           (len == 3 && (memcmp(w, "Jnr", 3) == 0 || memcmp(w, "Snr", 3) == 0));
}

/* A name that ends in an abbreviated word takes the period that abbreviates
 * it: "Martin Luther King Jr.", "Luis Cobos R.", "Drexel Burnham Lambert
 * Inc." (the period is part of the word, as in news annotations, even when
 * it also ends the sentence). */
static bool takes_abbreviation_dot(const eg_extractor *ex, const eg_chunk *x, size_t last)
{
    const eg_strbuf *clean = &ex->clean;
    const eg_token *b = &ex->toks.v[last];
    if (b->end >= clean->len || clean->buf[b->end] != '.' || b->kind != EG_TOK_WORD)
        return false;
    const char *w = clean->buf + b->start;
    size_t len = b->end - b->start;
    if (x->kind == EG_CHUNK_BODY)
        return w[0] >= 'A' && w[0] <= 'Z' && !(b->flags & EG_TOK_DOTTED) && !generational_suffix(w, len) &&
               (eg_lexicon_classes(ex->lex, eg_tok_norm(&ex->toks, last)) & EG_LEX_ABBREV);
    if (x->kind != EG_CHUNK_PERSON)
        return false;
    /* an initial, but not a regnal number ("Pedro I.") */
    if (len == 1)
        return w[0] >= 'A' && w[0] <= 'Z' && !eg_roman_numeral(w, 1);
    return generational_suffix(w, len);
}

/* Adds chunk c and, depth first, its emitted descendants. */
static eg_status add_subtree(eg_extractor *ex, eg_doc *doc, order_ctx *oc, size_t c,
                             size_t parent_mention, const size_t *shifts, size_t n_shifts)
{
    const eg_chunks *chunks = oc->chunks;
    const eg_chunk *x = &chunks->v[c];
    const eg_token *a = &ex->toks.v[x->first];
    const eg_token *b = &ex->toks.v[x->last - 1];
    size_t start = a->start;
    size_t end = b->end + (takes_abbreviation_dot(ex, x, x->last - 1) ? 1 : 0);
    eg_strbuf_reset(&ex->scratch);
    eg_strbuf_add(&ex->scratch, ex->clean.buf + start, end - start);
    if (eg_strbuf_status(&ex->scratch))
        return EG_ENOMEM;
    eg_mention m = {0};
    m.start = clean_to_input(start, shifts, n_shifts);
    m.end = clean_to_input(end, shifts, n_shifts);
    m.type = (eg_type)x->kind;
    m.form = x->form;
    m.text = ex->scratch.buf;
    m.entity = x->name;
    m.sentence = a->sentence;
    m.parent = parent_mention;
    if (eg_doc_add_mention(doc, &m) != EG_OK)
        return EG_ENOMEM;
    size_t self = doc->n_mentions - 1;
    oc->mention[c] = self;
    eg_status st = EG_OK;
    for (size_t k = oc->kid_first[c]; k < oc->kid_first[c + 1] && st == EG_OK; k++)
        st = add_subtree(ex, doc, oc, oc->kids[k], self, shifts, n_shifts);
    return st;
}

/* The evidence keeps at most this many characters of the sentence, then an
 * ellipsis. The loop below may add one space and one character past it when
 * they end the sentence, each character at most 4 bytes. */
#define EVIDENCE_CHARS 199
#define EVIDENCE_BYTES ((EVIDENCE_CHARS + 2) * 4 + 3)

/* The evidence: a sentence's text, white space collapsed, at most 200
 * characters. It is built in a local buffer, one malloc per sentence (the
 * text is valid UTF-8, so every character decodes to at most 4 bytes). */
static char *evidence_text(const char *s, size_t a, size_t b)
{
    char buf[EVIDENCE_BYTES];
    size_t len = 0, chars = 0;
    bool space = false;
    size_t i = a;
    while (i < b) {
        int32_t cp;
        size_t n = eg_utf8_decode(s + i, b - i, &cp);
        if (cp >= 0 && eg_cp_is_space(cp)) {
            space = len > 0;
            i += n;
            continue;
        }
        if (chars + (space ? 1 : 0) + 1 > EVIDENCE_CHARS && i + n < b) {
            memcpy(buf + len, "\xE2\x80\xA6", 3); /* ellipsis */
            len += 3;
            break;
        }
        if (space) {
            buf[len++] = ' ';
            chars++;
            space = false;
        }
        if (n == 1) {
            buf[len++] = s[i];
        } else {
            memcpy(buf + len, s + i, n);
            len += n;
        }
        chars++;
        i += n;
    }
    return eg_strndup(buf, len);
}

/* "former", "acting"...: a word at token i that dates a post, or NULL. */
static const char *post_time(const eg_tokens *toks, size_t i)
{
    static const char *const words[] = {"former", "acting", "interim", "incoming", "outgoing", NULL};
    if (toks->v[i].kind != EG_TOK_WORD)
        return NULL;
    for (size_t k = 0; words[k]; k++)
        if (strcmp(eg_tok_norm(toks, i), words[k]) == 0)
            return words[k];
    return NULL;
}

/* The evidence of sentence k, made once however many relations it states
 * and kept in evidence[k] (an array of one entry per sentence, NULL until
 * made); NULL when out of memory. */
static const char *evidence_of(const eg_extractor *ex, char **evidence, size_t k)
{
    if (!evidence[k]) {
        const eg_sentence *sent = &ex->toks.sentences[k];
        evidence[k] = evidence_text(ex->clean.buf, sent->start, sent->end);
    }
    return evidence[k];
}

/* FNV-1a, 64 bits: stable across machines, so that runs on many machines agree. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

/*
 * Per sentence: its range, its paragraph (blocks between blank lines, or each
 * line when the text has no blank line: scraped pages put a paragraph a line),
 * the hash of its line's normalised words, and its text where two entities or
 * more are named (the evidence of co-mention edges).
 */
static eg_status sentence_info(eg_extractor *ex, eg_doc *doc, char **evidence,
                               const size_t *shifts, size_t n_shifts)
{
    const eg_tokens *t = &ex->toks;
    if (eg_doc_set_sentences(doc, t->n_sentences))
        return EG_ENOMEM;
    bool blank_lines = false;
    for (size_t i = 1; i < t->n; i++)
        if (t->v[i].flags & EG_TOK_PARA_START)
            blank_lines = true;
    /* line hashes */
    size_t n_lines = t->n ? t->v[t->n - 1].line + 1 : 0;
    uint64_t *line_hash = calloc(n_lines ? n_lines : 1, sizeof *line_hash);
    size_t *line_para = calloc(n_lines ? n_lines : 1, sizeof *line_para);
    if (!line_hash || !line_para) {
        free(line_hash);
        free(line_para);
        return EG_ENOMEM;
    }
    for (size_t l = 0; l < n_lines; l++)
        line_hash[l] = UINT64_C(14695981039346656037);
    size_t para = 0;
    for (size_t i = 0; i < t->n; i++) {
        const eg_token *tok = &t->v[i];
        if (i > 0 && ((blank_lines && (tok->flags & EG_TOK_PARA_START)) ||
                      (!blank_lines && (tok->flags & EG_TOK_LINE_START))))
            para++;
        line_para[tok->line] = para;
        const char *norm = eg_tok_norm(t, i);
        line_hash[tok->line] = fnv1a(line_hash[tok->line], norm, strlen(norm) + 1);
    }
    /* sentences naming two entities or more keep their text */
    size_t *named = calloc(t->n_sentences ? t->n_sentences : 1, sizeof *named);
    if (!named) {
        free(line_hash);
        free(line_para);
        return EG_ENOMEM;
    }
    for (size_t m = 0; m < doc->n_mentions; m++)
        if (doc->mentions[m].sentence < t->n_sentences)
            named[doc->mentions[m].sentence]++;
    eg_status st = EG_OK;
    for (size_t s = 0; s < t->n_sentences && st == EG_OK; s++) {
        const eg_sentence *sent = &t->sentences[s];
        eg_sentence_info *si = &doc->sentences[s];
        size_t line = t->v[sent->first].line;
        si->start = clean_to_input(sent->start, shifts, n_shifts);
        si->end = clean_to_input(sent->end, shifts, n_shifts);
        si->paragraph = line_para[line];
        si->line = line_hash[line];
        if (named[s] >= 2) {
            /* the doc takes the text over from the cache */
            if (!evidence_of(ex, evidence, s))
                st = EG_ENOMEM;
            si->text = evidence[s];
            evidence[s] = NULL;
        }
    }
    free(named);
    free(line_hash);
    free(line_para);
    return st;
}

static eg_status build_doc(eg_extractor *ex, eg_doc *doc, const size_t *shifts, size_t n_shifts)
{
    const eg_chunks *chunks = &ex->chunks;
    eg_status st = EG_OK;
    order_ctx oc = {chunks, NULL, NULL, NULL, NULL};
    size_t *tops = NULL, *tmp = NULL;
    size_t n = chunks->n;
    char **evidence = calloc(ex->toks.n_sentences ? ex->toks.n_sentences : 1, sizeof *evidence);
    oc.parent = malloc((n ? n : 1) * sizeof *oc.parent);
    oc.mention = malloc((n ? n : 1) * sizeof *oc.mention);
    oc.kid_first = calloc(n + 1, sizeof *oc.kid_first);
    oc.kids = malloc((n ? n : 1) * sizeof *oc.kids);
    tops = malloc((n ? n : 1) * sizeof *tops);
    tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!oc.parent || !oc.mention || !oc.kid_first || !oc.kids || !tops || !tmp || !evidence) {
        st = EG_ENOMEM;
        goto cleanup;
    }
    size_t n_tops = 0;
    for (size_t c = 0; c < n; c++) {
        oc.parent[c] = emitted_parent(chunks, c);
        oc.mention[c] = EG_NONE;
        if (!emitted(&chunks->v[c]))
            continue;
        if (oc.parent[c] == EG_NONE)
            tops[n_tops++] = c;
        else
            oc.kid_first[oc.parent[c] + 1]++;
    }
    sort_by_position(tops, n_tops, chunks, tmp);
    /* children lists built once: scanning every chunk per mention is quadratic */
    for (size_t c = 0; c < n; c++)
        oc.kid_first[c + 1] += oc.kid_first[c];
    for (size_t c = 0; c < n; c++)
        if (oc.parent[c] != EG_NONE && emitted(&chunks->v[c]))
            oc.kids[oc.kid_first[oc.parent[c]]++] = c;
    for (size_t c = n; c > 0; c--)
        oc.kid_first[c] = oc.kid_first[c - 1];
    oc.kid_first[0] = 0;
    for (size_t c = 0; c < n; c++)
        sort_by_position(oc.kids + oc.kid_first[c], oc.kid_first[c + 1] - oc.kid_first[c], chunks,
                         tmp);
    for (size_t t = 0; t < n_tops && st == EG_OK; t++) {
        /* the same name found twice over the same words (nested in a phrase
         * that names nothing, and again as a name the document knows) is one
         * mention */
        const eg_chunk *x = &chunks->v[tops[t]];
        const eg_chunk *prev = t ? &chunks->v[tops[t - 1]] : NULL;
        if (prev && prev->first == x->first && prev->last == x->last && prev->kind == x->kind &&
            strcmp(prev->name, x->name) == 0)
            continue;
        st = add_subtree(ex, doc, &oc, tops[t], EG_NONE, shifts, n_shifts);
    }
    if (st)
        goto cleanup;

    eg_strbuf role = EG_STRBUF_INIT;
    for (size_t l = 0; l < ex->links.n && st == EG_OK; l++) {
        const eg_link *k = &ex->links.v[l];
        const eg_chunk *src = &chunks->v[k->source];
        const eg_chunk *tgt = &chunks->v[k->target];
        if (!emitted(src) || !tgt->name || tgt->kind > EG_CHUNK_DOCUMENT ||
            (tgt->flags & EG_CHUNK_GENERIC))
            continue;
        const eg_sentence *sent = &ex->toks.sentences[k->sentence];
        eg_relation r = {0};
        r.kind = k->kind;
        r.seats = k->seats;
        r.source_type = (eg_type)src->kind;
        r.source = src->name;
        r.target_type = (eg_type)tgt->kind;
        r.target = tgt->name;
        r.sentence = k->sentence;
        r.start = clean_to_input(sent->start, shifts, n_shifts);
        r.end = clean_to_input(sent->end, shifts, n_shifts);
        r.evidence = (char *)evidence_of(ex, evidence, k->sentence);
        if (k->title != EG_NONE) {
            const eg_token *ta = &ex->toks.v[chunks->v[k->title].first];
            const eg_token *tb = &ex->toks.v[chunks->v[k->title_last].last - 1];
            eg_strbuf_reset(&role);
            /* the post's time stays with it: "former chief executive" (also
             * before the body in "Former Enron chief executive X") */
            size_t before = chunks->v[k->title].first;
            if (tgt->last == before)
                before = tgt->first;
            const char *when = before > 0 ? post_time(&ex->toks, before - 1) : NULL;
            if (when) {
                eg_strbuf_adds(&role, when);
                eg_strbuf_addc(&role, ' ');
            }
            for (size_t i = ta->start; i < tb->end; i++) {
                char c = ex->clean.buf[i];
                bool sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';
                if (sp && role.len && role.buf[role.len - 1] == ' ')
                    continue;
                eg_strbuf_addc(&role, sp ? ' ' : c);
            }
            r.role = role.buf;
        } else if (k->word_end > k->word) {
            const eg_token *ta = &ex->toks.v[k->word], *tb = &ex->toks.v[k->word_end - 1];
            eg_strbuf_reset(&role);
            eg_strbuf_add(&role, ex->clean.buf + ta->start, tb->end - ta->start);
            r.role = role.buf;
        }
        if (!r.evidence || eg_strbuf_status(&role))
            st = EG_ENOMEM;
        else
            st = eg_doc_add_relation(doc, &r);
    }
    eg_strbuf_release(&role);
    for (size_t f = 0; f < ex->links.n_facts && st == EG_OK; f++) {
        const eg_fact_link *fl = &ex->links.facts[f];
        const eg_chunk *x = &chunks->v[fl->chunk];
        if (!emitted(x))
            continue;
        char *value = eg_strndup(ex->clean.buf + fl->start, fl->end - fl->start);
        eg_fact fact = {(eg_type)x->kind, x->name, (char *)fl->key, value, fl->sentence};
        st = value ? eg_doc_add_fact(doc, &fact) : EG_ENOMEM;
        free(value);
    }
    if (st == EG_OK)
        st = sentence_info(ex, doc, evidence, shifts, n_shifts);
cleanup:
    if (evidence)
        for (size_t k = 0; k < ex->toks.n_sentences; k++)
            free(evidence[k]);
    free(evidence);
    free(oc.parent);
    free(oc.mention);
    free(oc.kid_first);
    free(oc.kids);
    free(tops);
    free(tmp);
    return st;
}

/* The tagger's names, into ex->spans. */
static eg_status tag_names(eg_extractor *ex)
{
    size_t n = ex->toks.n;
    if (n > ex->cap_tags) {
        uint8_t *t = realloc(ex->tags, n);
        if (!t)
            return EG_ENOMEM;
        ex->tags = t;
        ex->cap_tags = n;
    }
    eg_status st = eg_tagger_tag(ex->tagger, ex->clean.buf, &ex->toks, &ex->matches, &ex->work, ex->tags);
    if (st)
        return st;
    return eg_tags_to_spans(ex->tags, n, &ex->spans, &ex->n_spans, &ex->cap_spans);
}

/* A copy of s with its invalid UTF-8 replaced by U+FFFD: a file name in
 * another encoding must not make the JSON output invalid. NULL when out of
 * memory. */
static char *valid_utf8_copy(const char *s)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    size_t n_bad = 0, first_bad = 0;
    if (eg_utf8_repair(s, strlen(s), &sb, &n_bad, &first_bad, NULL) != EG_OK) {
        eg_strbuf_release(&sb);
        return NULL;
    }
    if (!sb.buf) {
        eg_strbuf_release(&sb);
        return eg_strdup("");
    }
    return eg_strbuf_detach(&sb, NULL);
}

static eg_status extract_whole(eg_extractor *ex, const eg_input *in, eg_doc *doc, eg_extract_stats *stats)
{
    eg_status st;
    size_t *shifts = NULL;
    size_t n_bad = 0, first_bad = EG_NONE;
    eg_doc_init(doc);
    if (stats) {
        stats->invalid_bytes = 0;
        stats->first_invalid = EG_NONE;
    }
    eg_strbuf_reset(&ex->clean);
    st = eg_utf8_repair(in->text, in->len, &ex->clean, &n_bad, &first_bad, &shifts);
    if (st)
        goto cleanup;
    if (stats) {
        stats->invalid_bytes = n_bad;
        stats->first_invalid = first_bad;
    }
    doc->id = valid_utf8_copy(in->id ? in->id : "");
    doc->url = in->url ? eg_strdup(in->url) : NULL;
    if (!doc->id || (in->url && !doc->url)) {
        st = EG_ENOMEM;
        goto cleanup;
    }
    char *found_title = NULL, *found_date = NULL;
    st = find_title_date(ex->clean.buf, ex->clean.len, &found_title, &found_date);
    if (st)
        goto cleanup;
    char iso[11];
    if (in->title && in->title[0]) {
        free(found_title);
        found_title = eg_strdup(in->title);
    }
    if (in->date && in->date[0]) {
        free(found_date);
        found_date = eg_find_date(in->date, strlen(in->date), iso) ? eg_strdup(iso) : NULL;
    }
    doc->title = found_title;
    doc->date = found_date;

    eg_word_tests tests = {eg_lexicon_is_abbrev, eg_lexicon_is_common, ex->lex};
    st = eg_tokenize(ex->clean.buf, ex->clean.len, &tests, &ex->toks);
    if (st)
        goto cleanup;
    eg_wire_mark(ex->clean.buf, &ex->toks);
    st = eg_lexicon_match(ex->lex, ex->clean.buf, &ex->toks, &ex->matches);
    if (st)
        goto cleanup;
    if (ex->tagger && (st = tag_names(ex)) != EG_OK)
        goto cleanup;
    st = eg_ner_run(ex->lex, ex->clean.buf, ex->clean.len, &ex->toks, &ex->matches,
                    ex->tagger ? ex->spans : NULL, ex->n_spans, &ex->chunks);
    if (st)
        goto cleanup;
    st = eg_relate_run(ex->lex, &ex->matches, ex->clean.buf, &ex->toks, &ex->chunks, &ex->links);
    if (st)
        goto cleanup;
    st = build_doc(ex, doc, shifts, n_bad);
    if (st == EG_OK && ex->pairs)
        st = eg_pairs_link(ex->pairs, ex->lex, in->text, in->len, doc);
cleanup:
    free(shifts);
    return st;
}

/* Where the part of text[from, len) that is at most `size` bytes long ends:
 * after the last blank line of its second half, else after its last line
 * break, else after its last space, else before the last character that
 * fits (never inside a UTF-8 sequence). */
static size_t part_end(const char *text, size_t from, size_t len, size_t size)
{
    size_t limit = from + size;
    if (limit >= len)
        return len;
    size_t half = from + size / 2;
    for (size_t k = limit; k > half; k--)
        if (k - 1 > from && text[k - 1] == '\n' && text[k - 2] == '\n')
            return k;
    for (size_t k = limit; k > half; k--)
        if (text[k - 1] == '\n')
            return k;
    for (size_t k = limit; k > half; k--)
        if (text[k - 1] == ' ')
            return k;
    size_t k = limit;
    while (k > from + 1 && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    return k;
}

eg_status eg_extract(eg_extractor *ex, const eg_input *in, eg_doc *doc, eg_extract_stats *stats)
{
    if (!ex->part_bytes || in->len <= ex->part_bytes)
        return extract_whole(ex, in, doc, stats);
    /* A document this long (a book, a dump of pages) is read in parts, each
     * of them as a document of its own for names and their resolution, so
     * that memory stays that of one part; the parts' findings make one doc.
     * The title and date are the first part's. */
    size_t end = part_end(in->text, 0, in->len, ex->part_bytes);
    eg_input part = *in;
    part.len = end;
    eg_status st = extract_whole(ex, &part, doc, stats);
    eg_doc rest;
    eg_doc_init(&rest);
    for (size_t from = end; st == EG_OK && from < in->len; from = end) {
        end = part_end(in->text, from, in->len, ex->part_bytes);
        part.text = in->text + from;
        part.len = end - from;
        eg_extract_stats more;
        st = extract_whole(ex, &part, &rest, &more);
        if (st == EG_OK)
            st = eg_doc_append(doc, &rest, from);
        if (st == EG_OK && stats && more.invalid_bytes) {
            if (!stats->invalid_bytes)
                stats->first_invalid = from + more.first_invalid;
            stats->invalid_bytes += more.invalid_bytes;
        }
        eg_doc_release(&rest);
    }
    return st;
}
