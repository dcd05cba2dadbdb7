#include "eg_wire.h"

#include <string.h>

static bool punct(const char *text, const eg_tokens *toks, size_t i, const char *chars)
{
    if (i >= toks->n || toks->v[i].kind != EG_TOK_PUNCT)
        return false;
    const eg_token *t = &toks->v[i];
    size_t len = t->end - t->start;
    /* dashes: "-", and the en and em dashes (3 bytes in UTF-8) */
    if (strchr(chars, '-') && len == 3 && (unsigned char)text[t->start] == 0xE2 &&
        (unsigned char)text[t->start + 1] == 0x80 &&
        ((unsigned char)text[t->start + 2] == 0x93 || (unsigned char)text[t->start + 2] == 0x94))
        return true;
    return len == 1 && strchr(chars, text[t->start]) != NULL;
}

static bool same_line(const eg_tokens *toks, size_t a, size_t b)
{
    return b < toks->n && toks->v[a].line == toks->v[b].line;
}

static bool month(const eg_tokens *toks, size_t i)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december", "jan", "feb", "mar", "apr", "jun", "jul",
                                        "aug", "sep", "sept", "oct", "nov", "dec"};
    if (i >= toks->n || toks->v[i].kind != EG_TOK_WORD)
        return false;
    const char *w = eg_tok_norm(toks, i);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(w, names[k]) == 0)
            return true;
    return false;
}

static bool allcaps_word(const eg_tokens *toks, size_t i)
{
    return i < toks->n && toks->v[i].kind == EG_TOK_WORD &&
           (toks->v[i].flags & (EG_TOK_ALLCAPS | EG_TOK_DOTTED)) && (toks->v[i].flags & EG_TOK_CAP);
}

/* The end (exclusive) of a dateline that starts the line at token i, or i:
 * PLACE [, State.] , Month Day -   or   PLACE (Agency) - */
static size_t dateline_end(const char *text, const eg_tokens *toks, size_t i)
{
    size_t k = i;
    while (k < i + 4 && allcaps_word(toks, k) && same_line(toks, i, k))
        k++;
    if (k == i)
        return i;
    /* ", Conn.", ", N.Y.", ", Calif." */
    if (punct(text, toks, k, ",") && k + 1 < toks->n && (toks->v[k + 1].flags & EG_TOK_CAP) &&
        toks->v[k + 1].end - toks->v[k + 1].start <= 6 && !month(toks, k + 1)) {
        size_t q = k + 2;
        if (toks->v[k + 1].flags & EG_TOK_DOTTED)
            k = q;
        else if (punct(text, toks, q, "."))
            k = q + 1;
    }
    size_t q = k;
    if (punct(text, toks, q, ",") && month(toks, q + 1) && q + 2 < toks->n &&
        toks->v[q + 2].kind == EG_TOK_NUMBER) {
        q += 3;
    } else if (punct(text, toks, q, "(") && q + 2 < toks->n && toks->v[q + 1].kind == EG_TOK_WORD &&
               (toks->v[q + 1].flags & EG_TOK_CAP) && punct(text, toks, q + 2, ")")) {
        q += 3; /* "(Reuters)", "(AP)" */
    } else {
        return i;
    }
    if (!same_line(toks, i, q) || !punct(text, toks, q, "-"))
        return i;
    return q + 1;
}

/* The end of a ticker symbol in angle brackets starting at token i ("<",
 * then capitals, digits, dots, ">", with no space inside), or i. */
static size_t ticker_end(const char *text, const eg_tokens *toks, size_t i)
{
    if (!punct(text, toks, i, "<"))
        return i;
    for (size_t k = i + 1; k < toks->n && k <= i + 6; k++) {
        const eg_token *t = &toks->v[k];
        if (t->flags & EG_TOK_SPACE_BEFORE)
            return i;
        if (punct(text, toks, k, ">"))
            return k > i + 1 ? k + 1 : i;
        bool code = t->kind == EG_TOK_NUMBER || punct(text, toks, k, ".") ||
                    (t->kind == EG_TOK_WORD && (t->flags & (EG_TOK_ALLCAPS | EG_TOK_CAP)));
        if (!code)
            return i;
    }
    return i;
}

/* Whether the last line of the document is an agency's signature. */
static bool signature(const eg_tokens *toks, size_t i)
{
    static const char *const agencies[] = {"reuter", "reuters", "ap", "afp", "upi", "xinhua", "tass"};
    if (i + 1 != toks->n || !(toks->v[i].flags & EG_TOK_LINE_START) || toks->v[i].kind != EG_TOK_WORD ||
        i == 0)
        return false;
    const char *w = eg_tok_norm(toks, i);
    for (size_t k = 0; k < sizeof agencies / sizeof agencies[0]; k++)
        if (strcmp(w, agencies[k]) == 0)
            return true;
    return false;
}

static void mark(eg_tokens *toks, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        toks->v[k].flags |= EG_TOK_FURNITURE;
}

void eg_wire_mark(const char *text, eg_tokens *toks)
{
    for (size_t i = 0; i < toks->n; i++) {
        size_t e = i;
        if (toks->v[i].flags & EG_TOK_LINE_START)
            e = dateline_end(text, toks, i);
        if (e == i)
            e = ticker_end(text, toks, i);
        if (e == i && signature(toks, i))
            e = i + 1;
        if (e > i) {
            mark(toks, i, e);
            i = e - 1;
        }
    }
}
