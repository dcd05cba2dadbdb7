/*
 * eg_text.h - Unicode text helpers on utf8proc: UTF-8 repair, the normal form
 * names are compared in, and the character classes the tokenizer needs.
 */
#ifndef EG_TEXT_H
#define EG_TEXT_H

#include "eg_base.h"

#include <stdint.h>

/*
 * Copies `len` bytes of `in` to `out`, replacing every byte that is not part
 * of a valid UTF-8 sequence (and every NUL byte) with U+FFFD.
 * `*n_bad` receives the number of replaced bytes and `*first_bad` the byte
 * offset of the first one in `in` (EG_NONE when none). When `shifts` is not
 * NULL, it receives a malloc'd array of the offsets in `out` just after each
 * replacement (caller frees), which eg_offset_to_input uses to map offsets in
 * `out` back to offsets in `in`.
 */
eg_status eg_utf8_repair(const char *in, size_t len, eg_strbuf *out, size_t *n_bad,
                         size_t *first_bad, size_t **shifts);

/* Maps an offset in repaired text back to the input it was repaired from. */
size_t eg_offset_to_input(size_t offset, const size_t *shifts, size_t n_shifts);

/*
 * Appends to `out` the comparison form of s[0..len): NFC, case-folded,
 * Latin letters without diacritics ("São Paulo" = "Sao Paulo"), dashes and
 * quotes unified to '-' and '\'', whitespace runs collapsed to one space,
 * leading and trailing space removed. Input must be valid UTF-8.
 */
eg_status eg_normalize(const char *s, size_t len, eg_strbuf *out);

/* Same, returning a malloc'd string (NULL on failure). */
char *eg_normalize_dup(const char *s, size_t len);

/*
 * The character functions below are called once per character of every
 * document; ASCII, most of any text, is answered inline without a call, and
 * only other characters go to the _nonascii functions (utf8proc).
 */

/* Decodes one code point at s (len bytes available); returns its length in
 * bytes (1 for an invalid byte, with *cp set to -1). */
size_t eg_utf8_decode_nonascii(const char *s, size_t len, int32_t *cp);

static inline size_t eg_utf8_decode(const char *s, size_t len, int32_t *cp)
{
    if (len && (unsigned char)s[0] < 0x80) {
        *cp = (unsigned char)s[0];
        return 1;
    }
    return eg_utf8_decode_nonascii(s, len, cp);
}

bool eg_cp_is_letter_nonascii(int32_t cp);
bool eg_cp_is_upper_nonascii(int32_t cp);
bool eg_cp_is_lower_nonascii(int32_t cp);
bool eg_cp_is_digit_nonascii(int32_t cp);
bool eg_cp_is_space_nonascii(int32_t cp);
/* A combining mark (Unicode categories Mn, Mc, Me). */
bool eg_cp_is_mark_nonascii(int32_t cp);

static inline bool eg_cp_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return eg_cp_is_letter_nonascii(cp);
}

static inline bool eg_cp_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return eg_cp_is_upper_nonascii(cp);
}

static inline bool eg_cp_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return eg_cp_is_lower_nonascii(cp);
}

static inline bool eg_cp_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return eg_cp_is_digit_nonascii(cp);
}

static inline bool eg_cp_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    return eg_cp_is_space_nonascii(cp);
}

/* Dashes and hyphens of any kind (-, U+2010..U+2015, U+2212). */
static inline bool eg_cp_is_dash(int32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

/* Apostrophes and single quotes (', U+2018, U+2019, U+02BC, U+2032). */
static inline bool eg_cp_is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032;
}

/* Whether s[0..len) is a Roman numeral from 1 to 39 in capitals ("III",
 * "XIV"), as after a monarch's or an heir's name. */
bool eg_roman_numeral(const char *s, size_t len);

/*
 * Appends s[0..len) with each word's case fixed: a word written entirely in
 * capitals (two letters or more) keeps its first letter and has the rest
 * lower-cased ("POSPELOV" -> "Pospelov", "MCDONALD" -> "Mcdonald"); other
 * words, and Roman numerals ("III"), are copied as they are.
 */
eg_status eg_fix_caps(const char *s, size_t len, eg_strbuf *out);

#endif
