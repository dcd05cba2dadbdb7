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
        st = eg_alias_name(&n);
    }
    eg_map_free(n.lower_words);
    eg_strbuf_release(&n.key);
    return st;
}
