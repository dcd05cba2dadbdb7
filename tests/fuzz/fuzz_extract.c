/*
 * fuzz_extract - libFuzzer target: the input bytes are one document's text.
 * Extracts it, writes the JSON line, reads that line back and checks that it
 * serialises to the same bytes (abort() otherwise: a round-trip bug).
 *
 * An input whose last byte is odd is read in small parts (eg_extractor_set_part_bytes).
 * An input that starts with the byte 0x01 plays a JSON Lines record: its first
 * line (after the 0x01) is the known date, its second the known title, the
 * rest the text, so that eg_find_date sees untrusted date strings too.
 */
#include "eg_doc.h"
#include "eg_extract.h"
#include "eg_lexicon.h"
#include "eg_tagger.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static eg_lexicon *lex;
static eg_extractor *ex;
static eg_tagger *tagger; /* the default models: fuzz what ships */
static eg_pair_model *pairs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    eg_error err = {0};
    if (eg_lexicon_new(&lex, &err) || eg_tagger_default(&tagger, &err) || eg_pair_model_default(&pairs, &err) ||
        eg_extractor_new(lex, tagger, &ex)) {
        fprintf(stderr, "fuzz_extract: set-up failed: %s\n", err.message);
        abort();
    }
    eg_extractor_set_pairs(ex, pairs);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eg_input in = {"fuzz.txt", (const char *)data, size, NULL, NULL, NULL};
    char *date = NULL, *title = NULL;
    if (size && data[0] == 0x01) {
        const char *p = (const char *)data + 1, *end = (const char *)data + size;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        date = strndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
        p = nl ? nl + 1 : end;
        nl = memchr(p, '\n', (size_t)(end - p));
        title = strndup(p, nl ? (size_t)(nl - p) : (size_t)(end - p));
        p = nl ? nl + 1 : end;
        if (!date || !title)
            abort();
        in.text = p;
        in.len = (size_t)(end - p);
        in.date = date;
        in.title = title;
    }
    /* an odd last byte reads the document in parts of a few dozen bytes
     * (a long document's way), so that the parts' joining is fuzzed too */
    eg_extractor_set_part_bytes(ex, size && (data[size - 1] & 1) ? (size_t)(16 + data[size - 1] / 2) : EG_PART_BYTES);
    eg_doc doc, back;
    eg_extract_stats stats;
    eg_status st = eg_extract(ex, &in, &doc, &stats);
    if (st) {
        eg_doc_release(&doc);
        free(date);
        free(title);
        return 0;
    }
    eg_strbuf js = EG_STRBUF_INIT, js2 = EG_STRBUF_INIT;
    if (eg_doc_to_json(&doc, &js) || eg_strbuf_status(&js)) {
        fprintf(stderr, "fuzz_extract: eg_doc_to_json failed\n");
        abort();
    }
    eg_error err = {0};
    if (eg_doc_from_json(js.buf, js.len, &back, &err)) {
        fprintf(stderr, "fuzz_extract: eg_doc_from_json rejects its own output: %s\n%s\n",
                err.message, js.buf);
        abort();
    }
    if (eg_doc_to_json(&back, &js2) || eg_strbuf_status(&js2)) {
        fprintf(stderr, "fuzz_extract: eg_doc_to_json (2nd) failed\n");
        abort();
    }
    if (js.len != js2.len || memcmp(js.buf, js2.buf, js.len) != 0) {
        fprintf(stderr, "fuzz_extract: JSON round trip differs\n1: %s\n2: %s\n", js.buf, js2.buf);
        abort();
    }
    eg_strbuf_release(&js);
    eg_strbuf_release(&js2);
    eg_doc_release(&back);
    eg_doc_release(&doc);
    free(date);
    free(title);
    return 0;
}
