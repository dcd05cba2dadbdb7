#include "eg_token.h"

#include "eg_text.h"

#include <stdlib.h>
#include <string.h>

void eg_tokens_init(eg_tokens *toks)
{
    toks->v = NULL;
    toks->n = toks->cap = 0;
    toks->sentences = NULL;
    toks->n_sentences = toks->cap_sentences = 0;
    eg_strbuf_init(&toks->norms);
}

void eg_tokens_release(eg_tokens *toks)
{
    if (!toks)
        return;
    free(toks->v);
    free(toks->sentences);
    eg_strbuf_release(&toks->norms);
    eg_tokens_init(toks);
}

/* Inline: the scanners ask this of nearly every character. */
static inline bool is_word_cp(int32_t cp)
{
    return cp >= 0 && (eg_cp_is_letter(cp) || eg_cp_is_digit(cp));
}

/* Combining marks continue a word: decomposed accents, and the vowel signs
 * of Indic and other scripts ("रवि" is a letter and a mark). */
static inline bool is_mark(int32_t cp)
{
    return cp >= 0x0300 && eg_cp_is_mark_nonascii(cp);
}

static int32_t peek(const char *t, size_t len, size_t i, size_t *n)
{
    int32_t cp = -1;
    if (i >= len) {
        if (n)
            *n = 0;
        return -1;
    }
    size_t k = eg_utf8_decode(t + i, len - i, &cp);
    if (n)
        *n = k;
    return cp;
}

typedef struct word_scan {
    size_t end;
    uint32_t flags;
} word_scan;

/* Letters and digits, with inner apostrophes before letters (O'Brien) but not
 * a possessive 's, inner hyphens before a letter or digit, and inner periods
 * or commas between digits (3.5, 1,000). */
static size_t scan_word(const char *t, size_t len, size_t i)
{
    size_t n;
    int32_t cp;
    while (i < len) {
        cp = peek(t, len, i, &n);
        if (is_word_cp(cp) || is_mark(cp)) {
            i += n;
            continue;
        }
        size_t n2;
        int32_t next = peek(t, len, i + n, &n2);
        if (eg_cp_is_apostrophe(cp) && is_word_cp(next) && i > 0) {
            /* a possessive 's stays outside the word */
            if ((next == 's' || next == 'S')) {
                size_t n3;
                int32_t after = peek(t, len, i + n + n2, &n3);
                if (!is_word_cp(after))
                    break;
            }
            i += n;
            continue;
        }
        if (eg_cp_is_dash(cp) && cp != 0x2014 && cp != 0x2015 && is_word_cp(next)) {
            i += n;
            continue;
        }
        if ((cp == '.' || cp == ',') && i > 0 && eg_cp_is_digit(next)) {
            int32_t prev = -1;
            /* the previous byte is ASCII when it is a digit */
            prev = (unsigned char)t[i - 1];
            if (prev >= '0' && prev <= '9') {
                i += n;
                continue;
            }
        }
        break;
    }
    return i;
}

typedef struct part_info {
    bool has_cap, has_lower_part, has_digit;
} part_info;

/* Flags of the text t[s..e). */
static uint32_t word_flags(const char *t, size_t s, size_t e)
{
    uint32_t f = 0;
    size_t letters = 0, upper = 0;
    bool first = true;
    int32_t prev = -1;
    for (size_t i = s; i < e;) {
        int32_t cp;
        size_t n = eg_utf8_decode(t + i, e - i, &cp);
        if (eg_cp_is_letter(cp)) {
            letters++;
            bool up = eg_cp_is_upper(cp);
            if (up)
                upper++;
            if (first) {
                f |= up ? EG_TOK_CAP : (eg_cp_is_lower(cp) ? EG_TOK_LOWER : 0);
                first = false;
            }
            if (up && prev >= 0 && eg_cp_is_lower(prev))
                f |= EG_TOK_CAMEL;
        } else if (eg_cp_is_digit(cp)) {
            f |= EG_TOK_DIGIT;
            first = false;
        } else if (eg_cp_is_dash(cp)) {
            f |= EG_TOK_HYPHEN;
        }
        prev = cp;
        i += n;
    }
    if (letters >= 2 && upper == letters)
        f |= EG_TOK_ALLCAPS;
    return f;
}

static eg_status push_token(eg_tokens *toks, const char *t, size_t s, size_t e, eg_tok_kind kind,
                            uint32_t flags, uint32_t line)
{
    if (eg_grow(&toks->v, &toks->cap, toks->n + 1, sizeof *toks->v))
        return EG_ENOMEM;
    eg_token *tok = &toks->v[toks->n++];
    tok->start = s;
    tok->end = e;
    tok->kind = kind;
    tok->flags = flags;
    tok->line = line;
    tok->sentence = 0;
    tok->norm = toks->norms.len;
    eg_status st = eg_normalize(t + s, e - s, &toks->norms);
    eg_strbuf_addc(&toks->norms, '\0');
    return st == EG_OK ? eg_strbuf_status(&toks->norms) : st;
}

/* Whether the lower-case part t[s..e) of a compound is a common word. */
static bool common_part(const eg_word_tests *tests, const char *t, size_t s, size_t e)
{
    if (!tests || !tests->is_common)
        return true;
    eg_strbuf norm = EG_STRBUF_INIT;
    bool common = eg_normalize(t + s, e - s, &norm) != EG_OK || eg_strbuf_status(&norm) ||
                  tests->is_common(tests->data, norm.buf);
    eg_strbuf_release(&norm);
    return common;
}

/*
 * A compound that glues a capitalised or all-capital part to a lower-case part
 * ("CSTO-wide", "UN-led", "anti-NATO") is split at its hyphens so that the
 * name stands alone, unless it begins with a capital and its lower-case parts
 * are no common words: a name ("Jae-kyu", "Inzamam-ul-Haq"). Other compounds
 * stay whole.
 */
static eg_status push_word(eg_tokens *toks, const char *t, size_t s, size_t e, uint32_t base,
                           uint32_t line, const eg_word_tests *tests)
{
    uint32_t f = word_flags(t, s, e);
    eg_tok_kind kind = (f & EG_TOK_DIGIT) && !(f & (EG_TOK_CAP | EG_TOK_LOWER)) ? EG_TOK_NUMBER
                                                                                  : EG_TOK_WORD;
    {
        int32_t cp0;
        eg_utf8_decode(t + s, e - s, &cp0);
        if (eg_cp_is_digit(cp0))
            kind = EG_TOK_NUMBER;
    }
    if (f & EG_TOK_HYPHEN) {
        bool cap_part = false, lower_part = false, common = false;
        bool cap_first = (f & EG_TOK_CAP) != 0;
        size_t i = s, ps = s;
        while (i <= e) {
            int32_t cp = -1;
            size_t n = 1;
            if (i < e)
                n = eg_utf8_decode(t + i, e - i, &cp);
            if (i == e || eg_cp_is_dash(cp)) {
                uint32_t pf = word_flags(t, ps, i);
                if (pf & EG_TOK_CAP) {
                    cap_part = true;
                } else if (pf & EG_TOK_LOWER) {
                    lower_part = true;
                    if (!common && cap_first)
                        common = common_part(tests, t, ps, i);
                }
                ps = i + n;
            }
            if (i == e)
                break;
            i += n;
        }
        if (cap_part && lower_part && (!cap_first || common)) {
            i = s;
            ps = s;
            uint32_t space = base;
            while (i <= e) {
                int32_t cp = -1;
                size_t n = 1;
                if (i < e)
                    n = eg_utf8_decode(t + i, e - i, &cp);
                if (i == e || eg_cp_is_dash(cp)) {
                    if (i > ps) {
                        uint32_t pf = word_flags(t, ps, i);
                        int32_t c0;
                        eg_utf8_decode(t + ps, i - ps, &c0);
                        eg_status st = push_token(toks, t, ps, i,
                                                  eg_cp_is_digit(c0) ? EG_TOK_NUMBER : EG_TOK_WORD,
                                                  pf | space, line);
                        if (st)
                            return st;
                    }
                    space = 0;
                    if (i < e) {
                        eg_status st = push_token(toks, t, i, i + n, EG_TOK_PUNCT, 0, line);
                        if (st)
                            return st;
                    }
                    ps = i + n;
                }
                if (i == e)
                    break;
                i += n;
            }
            return EG_OK;
        }
    }
    return push_token(toks, t, s, e, kind, f | base, line);
}

/* "U.S.", "e.g.", "U.S.S.R.": single letters each followed by a period. */
static size_t scan_dotted(const char *t, size_t len, size_t i)
{
    size_t j = i, groups = 0;
    while (j < len) {
        size_t n;
        int32_t cp = peek(t, len, j, &n);
        if (!eg_cp_is_letter(cp))
            break;
        size_t n2;
        int32_t dot = peek(t, len, j + n, &n2);
        if (dot != '.')
            break;
        /* the letter must stand alone: no letter right after the period
         * unless it starts the next group */
        groups++;
        j += n + n2;
        size_t n3;
        int32_t after = peek(t, len, j, &n3);
        if (!eg_cp_is_letter(after))
            break;
        size_t n4;
        int32_t after2 = peek(t, len, j + n3, &n4);
        if (after2 != '.')
            break;
    }
    return groups >= 2 ? j : i;
}

static bool is_closing(int32_t cp)
{
    return cp == '"' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 || cp == 0x00BB ||
           cp == '\'';
}

static bool is_opening(int32_t cp)
{
    return cp == '"' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018 || cp == 0x00AB ||
           cp == '\'' || eg_cp_is_dash(cp);
}

/*
 * Headline case: a line mostly in capitals ("CRICKET - LEICESTERSHIRE TAKE
 * OVER"), where capitals say nothing about names. Title Case lines are read as
 * ordinary text; the extractor looks inside their long capitalised runs for
 * names it knows.
 */
static void mark_headlines(eg_tokens *toks)
{
    size_t i = 0;
    while (i < toks->n) {
        size_t j = i + 1;
        while (j < toks->n && !(toks->v[j].flags & EG_TOK_LINE_START))
            j++;
        size_t words = 0, allcaps = 0, long_allcaps = 0;
        for (size_t k = i; k < j; k++) {
            const eg_token *tok = &toks->v[k];
            if (tok->kind != EG_TOK_WORD || tok->flags & EG_TOK_POSSESSIVE)
                continue;
            words++;
            if (tok->flags & EG_TOK_ALLCAPS) {
                allcaps++;
                if (tok->end - tok->start >= 4)
                    long_allcaps++;
            }
        }
        if (words >= 1 && long_allcaps >= 1 && allcaps * 10 >= words * 6)
            for (size_t k = i; k < j; k++)
                toks->v[k].flags |= EG_TOK_HEADLINE;
        i = j;
    }
}

static eg_status split_sentences(const char *t, eg_tokens *toks, const eg_word_tests *tests)
{
    size_t first = 0;
    for (size_t i = 0; i < toks->n; i++) {
        bool boundary_after = false;
        if (i + 1 == toks->n) {
            boundary_after = true;
        } else if (toks->v[i + 1].flags & EG_TOK_LINE_START) {
            boundary_after = true;
        } else {
            const eg_token *tok = &toks->v[i];
            char c = t[tok->start];
            bool stop = tok->kind == EG_TOK_PUNCT && (c == '.' || c == '!' || c == '?');
            if (stop) {
                /* closing quotes and brackets stay with the sentence */
                size_t k = i + 1;
                while (k < toks->n && toks->v[k].kind == EG_TOK_PUNCT &&
                       !(toks->v[k].flags & (EG_TOK_SPACE_BEFORE | EG_TOK_LINE_START))) {
                    int32_t cp;
                    eg_utf8_decode(t + toks->v[k].start, toks->v[k].end - toks->v[k].start, &cp);
                    if (!is_closing(cp))
                        break;
                    k++;
                }
                if (k < toks->n && !(toks->v[k].flags & EG_TOK_LINE_START)) {
                    const eg_token *next = &toks->v[k];
                    int32_t cp;
                    eg_utf8_decode(t + next->start, next->end - next->start, &cp);
                    bool next_ok = (next->flags & EG_TOK_SPACE_BEFORE) &&
                                   (next->flags & EG_TOK_CAP || next->kind == EG_TOK_NUMBER ||
                                    is_opening(cp));
                    bool abbrev = false;
                    if (c == '.' && i > first) {
                        const eg_token *prev = &toks->v[i - 1];
                        if (!(tok->flags & EG_TOK_SPACE_BEFORE)) {
                            size_t plen = prev->end - prev->start;
                            /* an initial: one capital letter */
                            if (prev->kind == EG_TOK_WORD && plen == 1 && (prev->flags & EG_TOK_CAP))
                                abbrev = true;
                            else if (prev->kind == EG_TOK_WORD && tests && tests->is_abbrev &&
                                     tests->is_abbrev(tests->data, eg_tok_norm(toks, i - 1)))
                                abbrev = true;
                        }
                    }
                    if (next_ok && !abbrev) {
                        i = k - 1;
                        boundary_after = true;
                    }
                }
            }
        }
        if (boundary_after) {
            if (eg_grow(&toks->sentences, &toks->cap_sentences, toks->n_sentences + 1,
                        sizeof *toks->sentences))
                return EG_ENOMEM;
            eg_sentence *s = &toks->sentences[toks->n_sentences];
            s->first = first;
            s->last = i + 1;
            s->start = toks->v[first].start;
            s->end = toks->v[i].end;
            for (size_t k = first; k <= i; k++)
                toks->v[k].sentence = (uint32_t)toks->n_sentences;
            toks->v[first].flags |= EG_TOK_SENT_START;
            toks->n_sentences++;
            first = i + 1;
        }
    }
    return EG_OK;
}

eg_status eg_tokenize(const char *t, size_t len, const eg_word_tests *tests, eg_tokens *toks)
{
    toks->n = 0;
    toks->n_sentences = 0;
    eg_strbuf_reset(&toks->norms);
    uint32_t line = 0;
    uint32_t pending = EG_TOK_LINE_START | EG_TOK_PARA_START;
    size_t newlines = 0;
    size_t i = 0;
    eg_status st = EG_OK;
    while (i < len) {
        size_t n;
        int32_t cp = peek(t, len, i, &n);
        if (cp >= 0 && eg_cp_is_space(cp)) {
            if (cp == '\n' || cp == 0x2028 || cp == 0x2029) {
                line++;
                newlines++;
                pending |= EG_TOK_LINE_START;
                if (newlines >= 2)
                    pending |= EG_TOK_PARA_START;
            }
            pending |= EG_TOK_SPACE_BEFORE;
            i += n;
            continue;
        }
        newlines = 0;
        if (cp == '\r') {
            i += n;
            continue;
        }
        if (is_word_cp(cp)) {
            size_t end = scan_dotted(t, len, i);
            if (end > i) {
                st = push_token(toks, t, i, end, EG_TOK_WORD,
                                word_flags(t, i, end) | EG_TOK_DOTTED | pending, line);
            } else {
                end = scan_word(t, len, i);
                st = push_word(toks, t, i, end, pending, line, tests);
            }
            i = end;
        } else if (eg_cp_is_apostrophe(cp) && toks->n > 0 &&
                   !(pending & EG_TOK_SPACE_BEFORE) && toks->v[toks->n - 1].kind == EG_TOK_WORD) {
            /* possessive: 's after any word, a bare apostrophe after a final s */
            size_t n2;
            int32_t next = peek(t, len, i + n, &n2);
            size_t n3;
            int32_t after = peek(t, len, i + n + n2, &n3);
            const eg_token *prev = &toks->v[toks->n - 1];
            char last = t[prev->end - 1];
            if ((next == 's' || next == 'S') && !is_word_cp(after)) {
                st = push_token(toks, t, i, i + n + n2, EG_TOK_WORD, EG_TOK_POSSESSIVE | pending,
                                line);
                i += n + n2;
            } else if ((last == 's' || last == 'S') && !is_word_cp(next)) {
                st = push_token(toks, t, i, i + n, EG_TOK_PUNCT, EG_TOK_POSSESSIVE | pending,
                                line);
                i += n;
            } else {
                st = push_token(toks, t, i, i + n, EG_TOK_PUNCT, pending, line);
                i += n;
            }
        } else {
            st = push_token(toks, t, i, i + n, EG_TOK_PUNCT, pending, line);
            i += n;
        }
        if (st != EG_OK)
            return st;
        pending = 0;
    }
    mark_headlines(toks);
    return split_sentences(t, toks, tests);
}
