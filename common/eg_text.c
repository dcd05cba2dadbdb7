#include "eg_text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t eg_utf8_decode_nonascii(const char *s, size_t len, int32_t *cp)
{
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)(len > 4 ? 4 : len), &c);
    if (n <= 0) {
        *cp = -1;
        return 1;
    }
    *cp = c;
    return (size_t)n;
}

eg_status eg_utf8_repair(const char *in, size_t len, eg_strbuf *out, size_t *n_bad,
                         size_t *first_bad, size_t **shifts)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    size_t bad = 0, first = EG_NONE, shift_cap = 0;
    size_t *shift = NULL;
    size_t i = 0;
    *n_bad = 0;
    *first_bad = EG_NONE;
    if (shifts)
        *shifts = NULL;
    while (i < len) {
        /* copy the longest valid ASCII run at once: the common case */
        size_t j = i;
        while (j < len && (unsigned char)in[j] < 0x80 && in[j] != '\0')
            j++;
        if (j > i) {
            eg_strbuf_add(out, in + i, j - i);
            i = j;
            continue;
        }
        int32_t cp;
        size_t n = in[i] == '\0' ? 1 : eg_utf8_decode(in + i, len - i, &cp);
        if (in[i] == '\0' || cp < 0) {
            if (first == EG_NONE)
                first = i;
            bad++;
            eg_strbuf_add(out, replacement, 3);
            if (shifts) {
                if (eg_grow(&shift, &shift_cap, bad, sizeof *shift) != EG_OK) {
                    free(shift);
                    return EG_ENOMEM;
                }
                shift[bad - 1] = out->len;
            }
            i += 1;
        } else {
            eg_strbuf_add(out, in + i, n);
            i += n;
        }
    }
    if (eg_strbuf_status(out) != EG_OK) {
        free(shift);
        return EG_ENOMEM;
    }
    *n_bad = bad;
    *first_bad = first;
    if (shifts)
        *shifts = shift;
    else
        free(shift);
    return EG_OK;
}

size_t eg_offset_to_input(size_t offset, const size_t *shifts, size_t n_shifts)
{
    /* each replacement turned 1 input byte into 3 output bytes */
    size_t lo = 0, hi = n_shifts;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (shifts[mid] <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return offset - 2 * lo;
}

bool eg_cp_is_letter_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool eg_cp_is_mark_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

bool eg_cp_is_upper_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool eg_cp_is_lower_nonascii(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool eg_cp_is_digit_nonascii(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

bool eg_cp_is_space_nonascii(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
           cp == 0x85;
}

static bool is_double_quote(int32_t cp)
{
    return cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0x2033 ||
           cp == 0x00AB || cp == 0x00BB;
}

/* Unifies punctuation variants and collapses spaces into `out`. */
static void append_unified(eg_strbuf *out, const char *s, size_t len)
{
    size_t i = 0;
    bool pending_space = false;
    while (i < len) {
        int32_t cp;
        size_t n = eg_utf8_decode(s + i, len - i, &cp);
        if (cp >= 0 && eg_cp_is_space(cp)) {
            pending_space = out->len > 0;
            i += n;
            continue;
        }
        if (pending_space) {
            eg_strbuf_addc(out, ' ');
            pending_space = false;
        }
        if (cp >= 0 && cp != '-' && eg_cp_is_dash(cp))
            eg_strbuf_addc(out, '-');
        else if (cp >= 0 && cp != '\'' && eg_cp_is_apostrophe(cp))
            eg_strbuf_addc(out, '\'');
        else if (cp >= 0 && is_double_quote(cp))
            eg_strbuf_addc(out, '"');
        else
            eg_strbuf_add(out, s + i, n);
        i += n;
    }
}

/* A Latin letter with diacritics as its base letter in ASCII ("é" -> 'e'),
 * or 0. Other scripts keep their marks: there they are letters, not accents. */
static char latin_base(int32_t cp)
{
    if (cp < 0xC0 || cp > 0x24F) {
        if (cp < 0x1E00 || cp > 0x1EFF)
            return 0;
    }
    utf8proc_int32_t parts[4];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 4, UTF8PROC_DECOMPOSE, &boundclass);
    return n >= 2 && parts[0] < 0x80 ? (char)parts[0] : 0;
}

/* append_unified, then Latin letters without their diacritics. */
static void append_folded(eg_strbuf *out, const char *s, size_t len)
{
    size_t from = out->len;
    append_unified(out, s, len);
    size_t w = from;
    for (size_t r = from; r < out->len;) {
        int32_t cp;
        size_t n = eg_utf8_decode(out->buf + r, out->len - r, &cp);
        char base = cp >= 0x80 ? latin_base(cp) : 0;
        if (base) {
            out->buf[w++] = base;
        } else {
            memmove(out->buf + w, out->buf + r, n);
            w += n;
        }
        r += n;
    }
    out->len = w;
    out->buf[w] = '\0';
}

/*
 * eg_normalize for ASCII text, nearly every word: lower case, '`' as an
 * apostrophe, white space runs as one space and none at the ends. The bytes
 * go through a small buffer appended a chunk at a time rather than one
 * append per byte. Returns false, having appended part of the text, at the
 * first byte that is not ASCII.
 */
static bool append_ascii_normal(eg_strbuf *out, const char *s, size_t len)
{
    char buf[128];
    size_t n = 0;
    /* a word of printable ASCII, as nearly every token is: no space to collapse */
    while (n < len && n < sizeof buf) {
        unsigned char c = (unsigned char)s[n];
        if (c <= ' ' || c >= 0x7F)
            break;
        buf[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == '`' ? '\'' : (char)c;
    }
    if (n == len) {
        eg_strbuf_add(out, buf, n);
        return true;
    }
    n = 0;
    bool written = false, pending_space = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if ((unsigned char)c >= 0x80) {
            eg_strbuf_add(out, buf, n);
            return false;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            pending_space = written;
            continue;
        }
        if (n + 2 > sizeof buf) {
            eg_strbuf_add(out, buf, n);
            n = 0;
        }
        if (pending_space) {
            buf[n++] = ' ';
            pending_space = false;
        }
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == '`')
            c = '\'';
        buf[n++] = c;
        written = true;
    }
    eg_strbuf_add(out, buf, n);
    return true;
}

eg_status eg_normalize(const char *s, size_t len, eg_strbuf *out)
{
    size_t base = out->len;
    if (append_ascii_normal(out, s, len))
        return eg_strbuf_status(out);
    /* not ASCII: start again with utf8proc */
    if (out->len > base)
        eg_strbuf_setlen(out, base);
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
    if (n < 0) {
        /* invalid input: fall back to the bytes as they are */
        append_unified(out, s, len);
        return eg_strbuf_status(out);
    }
    append_folded(out, (const char *)mapped, (size_t)n);
    free(mapped);
    return eg_strbuf_status(out);
}

char *eg_normalize_dup(const char *s, size_t len)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    if (eg_normalize(s, len, &sb) != EG_OK) {
        eg_strbuf_release(&sb);
        return NULL;
    }
    return eg_strbuf_detach(&sb, NULL);
}

bool eg_roman_numeral(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && i < 3 && s[i] == 'X')
        i++;
    if (i + 2 <= len && s[i] == 'I' && (s[i + 1] == 'X' || s[i + 1] == 'V'))
        return i + 2 == len;
    if (i < len && s[i] == 'V')
        i++;
    size_t ones = 0;
    while (i < len && s[i] == 'I' && ones < 3) {
        i++;
        ones++;
    }
    return i == len && len > 0;
}

eg_status eg_fix_caps(const char *s, size_t len, eg_strbuf *out)
{
    size_t i = 0;
    while (i < len) {
        /* find the next word: a run of letters (and apostrophes inside) */
        size_t start = i;
        int32_t cp;
        size_t n = eg_utf8_decode(s + i, len - i, &cp);
        if (cp < 0 || !eg_cp_is_letter(cp)) {
            eg_strbuf_add(out, s + i, n);
            i += n;
            continue;
        }
        size_t letters = 0, upper = 0;
        size_t j = i;
        while (j < len) {
            size_t m = eg_utf8_decode(s + j, len - j, &cp);
            if (cp < 0 || !eg_cp_is_letter(cp))
                break;
            letters++;
            if (eg_cp_is_upper(cp))
                upper++;
            j += m;
        }
        if (letters >= 2 && upper == letters && !eg_roman_numeral(s + start, j - start)) {
            size_t k = start;
            bool first = true;
            while (k < j) {
                size_t m = eg_utf8_decode(s + k, j - k, &cp);
                if (first) {
                    eg_strbuf_add(out, s + k, m);
                    first = false;
                } else {
                    utf8proc_uint8_t enc[4];
                    utf8proc_ssize_t e = utf8proc_encode_char(utf8proc_tolower(cp), enc);
                    eg_strbuf_add(out, (const char *)enc, (size_t)e);
                }
                k += m;
            }
        } else {
            eg_strbuf_add(out, s + start, j - start);
        }
        i = j;
    }
    return eg_strbuf_status(out);
}
