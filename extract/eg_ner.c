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
    if (st == EG_OK)
        st = eg_alias_name(&n);
    eg_map_free(n.lower_words);
    eg_strbuf_release(&n.key);
    return st;
}
