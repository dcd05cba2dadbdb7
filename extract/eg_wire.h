/*
 * eg_wire.h - the furniture of wire and agency copy, which names no entity:
 *  - datelines at the start of a paragraph: "WESTPORT, Conn., March 9 -",
 *    "ADDIS ABABA, March 16 -", "LONDON (Reuters) -";
 *  - ticker symbols in angle brackets: "<GM>", "<BAC.N>";
 *  - the agency's signature on the last line: "Reuter".
 * Their tokens get EG_TOK_FURNITURE: the tagger leaves them out and the name
 * rules start no name on them, so "Conn." is not a person and "GM" in "<GM>"
 * not a second mention of General Motors.
 */
#ifndef EG_WIRE_H
#define EG_WIRE_H

#include "eg_token.h"

/* Marks the furniture tokens of text (cut into toks) with EG_TOK_FURNITURE. */
void eg_wire_mark(const char *text, eg_tokens *toks);

#endif
