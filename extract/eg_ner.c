#include "eg_ner.h"

#include "eg_alias.h"
#include "eg_merge.h"
#include "eg_names.h"
#include "eg_ner_words.h"

void eg_chunks_init(eg_chunks *chunks)
{
    chunks->v = NULL;
    chunks->n = chunks->cap = 0;
}

void eg_chunks_release(eg_chunks *chunks)
{
    if (!chunks)
        return;
    for (size_t i = 0; i < chunks->n; i++)
        free(chunks->v[i].name);
    free(chunks->v);
    eg_chunks_init(chunks);
}

/*
 * No name runs across sentences. A rule that joins words over a line break
 * (a list, a complement, a date) would make a mention no sentence holds;
 * the rules try not to, and this is the guarantee: such a name stops at
 * its first sentence's last capitalised word, and a name nested in it that
 * is now outside stands alone.
 */
static void clip_to_sentences(ner *n)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if (x->last - x->first < 2 || tk(n, x->last - 1)->sentence == tk(n, x->first)->sentence)
            continue;
        size_t e = x->first + 1;
        while (e < x->last && tk(n, e)->sentence == tk(n, x->first)->sentence)
            e++;
        while (e - x->first > 1 && !is_cap(n, e - 1) && tk(n, e - 1)->kind != EG_TOK_NUMBER)
            e--;
        x->last = e;
    }
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        if (x->parent == EG_NONE)
            continue;
        /* a demonym before its body ("Russian" of "Russian Foreign Ministry")
         * is nested outside it on purpose: only what a clip cut off goes */
        const eg_chunk *p = ch(n, x->parent);
        if (tk(n, x->first)->sentence != tk(n, p->first)->sentence) {
            x->parent = EG_NONE;
            x->link = EG_LINK_NONE;
        }
    }
}

/*
 * "Chinese Foreign Minister Li Zhaoxing", "Parmalat, the Italian food
 * group", "the Japanese carmaker Toyota": a demonym that describes names the
 * state a post is in or a body is from. It stays hidden (it is no mention of
 * the state), but it becomes that state, so that eg_relate can link to it.
 */
static void demonym_states(ner *n)
{
    for (size_t c = 0; c < n->out->n; c++) {
        eg_chunk *x = ch(n, c);
        /* (the rules hide such a demonym; the tagger calls it misc) */
        if (x->kind != EG_CHUNK_OTHER || x->parent != EG_NONE || x->last != x->first + 1 ||
            (cls(n, x->first) & (EG_LEX_COUNTRY | EG_LEX_ORG)))
            continue;
        const eg_lex_entry *e = NULL;
        if (phrase_at(n, x->first, x->last, EG_LEX_DEMONYM, &e) != 1 || !e || e->country < 0)
            continue;
        x->kind = EG_CHUNK_COUNTRY;
        x->form = EG_FORM_DEMONYM;
        x->country = e->country;
        x->flags |= EG_CHUNK_HIDDEN;
    }
}

/* A word of a script without capitals (Arabic, Devanagari, Thai, Chinese...). */
static bool caseless_word(const ner *n, size_t i)
{
    return i < n->n && tk(n, i)->kind == EG_TOK_WORD &&
           !(tk(n, i)->flags & (EG_TOK_CAP | EG_TOK_LOWER | EG_TOK_DIGIT));
}

/*
 * "Omar Haddadi (Arabic: عمر حدادي)": a name in a script without capitals,
 * in parentheses right after a name, is that name as its own script writes
 * it (the language and a colon or semicolon may come first). No
 * capitalised run finds it, so it is added here, an alias of the name
 * before it.
 */
static eg_status native_spellings(ner *n)
{
    size_t n_names = n->out->n;
    for (size_t c = 0; c < n_names; c++) {
        const eg_chunk *x = ch(n, c);
        if (x->parent != EG_NONE || (x->flags & EG_CHUNK_HIDDEN) || x->kind == EG_CHUNK_TITLE ||
            x->kind == EG_CHUNK_OTHER || !is_punct(n, x->last, '('))
            continue;
        /* the label: at most four words ("in Devanagari", "simplified Chinese") and its colon */
        size_t i = x->last + 1, label = 0;
        while (i < n->n && label < 5 && !caseless_word(n, i) &&
               (tk(n, i)->kind == EG_TOK_WORD || is_punct(n, i, ':') || is_punct(n, i, ';')))
            i++, label++;
        if (label > 0 && !is_punct(n, i - 1, ':') && !is_punct(n, i - 1, ';'))
            continue;
        size_t first = i;
        while (caseless_word(n, i) && same_line(n, first, i))
            i++;
        if (i == first || i - first > 8 ||
            !(is_punct(n, i, ')') || is_punct(n, i, ';') || is_punct(n, i, ',')))
            continue;
        if (eg_grow(&n->out->v, &n->out->cap, n->out->n + 1, sizeof *n->out->v) != EG_OK)
            return EG_ENOMEM;
        x = ch(n, c);
        eg_chunk *y = ch(n, n->out->n++);
        memset(y, 0, sizeof *y);
        y->first = first;
        y->last = i;
        y->kind = x->kind;
        y->parent = EG_NONE;
        y->alias_of = c;
        y->country = x->country;
        y->org = x->org;
        y->flags = EG_CHUNK_STRONG;
    }
    return EG_OK;
}

eg_status eg_ner_run(const eg_lexicon *lex, const char *text, size_t len, const eg_tokens *toks,
                     const eg_lex_matches *matches, const eg_tag_span *spans, size_t n_spans,
                     eg_chunks *chunks)
{
    for (size_t i = 0; i < chunks->n; i++)
        free(chunks->v[i].name);
    chunks->n = 0;
    ner n = {0};
    n.lex = lex;
    n.text = text;
    n.len = len;
    n.toks = toks;
    n.n = toks->n;
    n.lm = matches;
    n.out = chunks;
    eg_strbuf_init(&n.key);
    n.lower_words = eg_map_new(256);
    eg_status st = n.lower_words ? EG_OK : EG_ENOMEM;
    if (st == EG_OK)
        st = eg_names_parse(&n);
    if (st == EG_OK && spans)
        st = eg_merge_tags(&n, spans, n_spans);
    if (st == EG_OK) {
        clip_to_sentences(&n);
        demonym_states(&n);
        st = native_spellings(&n);
    }
    if (st == EG_OK) {
        st = eg_alias_name(&n);
    }
    eg_map_free(n.lower_words);
    eg_strbuf_release(&n.key);
    return st;
}
