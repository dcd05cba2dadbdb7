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

/* Decodes one code point at s (len bytes available); returns its length in
 * bytes (1 for an invalid byte, with *cp set to -1). */
size_t eg_utf8_decode(const char *s, size_t len, int32_t *cp);

bool eg_cp_is_letter(int32_t cp);
bool eg_cp_is_upper(int32_t cp);
bool eg_cp_is_lower(int32_t cp);
bool eg_cp_is_digit(int32_t cp);
bool eg_cp_is_space(int32_t cp);
/* Dashes and hyphens of any kind (-, U+2010..U+2015, U+2212). */
bool eg_cp_is_dash(int32_t cp);
/* Apostrophes and single quotes (', U+2018, U+2019, U+02BC). */
bool eg_cp_is_apostrophe(int32_t cp);

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
