/*
 * fuzz_doc_json - libFuzzer target: the input bytes are one JSON line for
 * eg_doc_from_json. When it parses, the doc is written back and re-read,
 * which must succeed and give the same bytes.
 */
#include "eg_doc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eg_doc doc, back;
    eg_error err = {0};
    if (eg_doc_from_json((const char *)data, size, &doc, &err))
        return 0;
    eg_strbuf js = EG_STRBUF_INIT, js2 = EG_STRBUF_INIT;
    if (eg_doc_to_json(&doc, &js) || eg_strbuf_status(&js))
        abort();
    if (eg_doc_from_json(js.buf, js.len, &back, &err)) {
        fprintf(stderr, "fuzz_doc_json: re-read of written JSON failed: %s\n%s\n", err.message,
                js.buf);
        abort();
    }
    if (eg_doc_to_json(&back, &js2) || eg_strbuf_status(&js2))
        abort();
    if (js.len != js2.len || memcmp(js.buf, js2.buf, js.len) != 0) {
        fprintf(stderr, "fuzz_doc_json: JSON round trip differs\n1: %s\n2: %s\n", js.buf, js2.buf);
        abort();
    }
    eg_strbuf_release(&js);
    eg_strbuf_release(&js2);
    eg_doc_release(&back);
    eg_doc_release(&doc);
    return 0;
}
