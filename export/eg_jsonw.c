#include "eg_jsonw.h"

#include "eg_graphml.h"
#include "eg_text.h"

#include <string.h>

#define FLUSH_AT 65536

void eg_jsonw_init(eg_jsonw *j, FILE *fp, bool script_safe)
{
    *j = (eg_jsonw){.out = {fp, 0}, .buf = EG_STRBUF_INIT, .scratch = EG_STRBUF_INIT,
                    .script_safe = script_safe};
}

void eg_jsonw_flush(eg_jsonw *j)
{
    const char *text = j->buf.buf, *run = text, *end = text + j->buf.len;
    for (const char *p = text; j->script_safe && p < end; p++) {
        const char *escape = *p == '<' ? "\\u003c" : *p == '>' ? "\\u003e" : *p == '&' ? "\\u0026" : NULL;
        if (!escape)
            continue;
        eg_writer_put(&j->out, run, (size_t)(p - run));
        eg_writer_puts(&j->out, escape);
        run = p + 1;
    }
    eg_writer_put(&j->out, run, (size_t)(end - run));
    eg_strbuf_reset(&j->buf);
}

void eg_jsonw_maybe_flush(eg_jsonw *j)
{
    if (j->buf.len >= FLUSH_AT)
        eg_jsonw_flush(j);
}

/* The separator before a value, and its key inside an object. */
static void key(eg_jsonw *j, const char *k)
{
    if (j->comma)
        eg_strbuf_addc(&j->buf, ',');
    j->comma = true;
    if (k) {
        eg_strbuf_add_json(&j->buf, k);
        eg_strbuf_addc(&j->buf, ':');
    }
}

void eg_jsonw_open(eg_jsonw *j, const char *k, char bracket)
{
    key(j, k);
    eg_strbuf_addc(&j->buf, bracket);
    j->comma = false;
}

void eg_jsonw_close(eg_jsonw *j, char bracket)
{
    eg_strbuf_addc(&j->buf, bracket);
    j->comma = true;
}

void eg_jsonw_string(eg_jsonw *j, const char *k, const char *s)
{
    key(j, k);
    size_t n_bad, first_bad;
    const char *v = s ? s : "";
    eg_strbuf_reset(&j->scratch);
    if (eg_utf8_repair(v, strlen(v), &j->scratch, &n_bad, &first_bad, NULL) == EG_OK &&
        eg_strbuf_status(&j->scratch) == EG_OK)
        v = j->scratch.buf;
    else
        j->failed = true;
    eg_strbuf_add_json(&j->buf, j->failed ? "" : v);
}

void eg_jsonw_number(eg_jsonw *j, const char *k, double value, bool integer)
{
    char text[EG_GRAPHML_NUMBER_SIZE];
    key(j, k);
    eg_strbuf_adds(&j->buf, eg_graphml_format_number(value, integer, text));
}

void eg_jsonw_boolean(eg_jsonw *j, const char *k, bool value)
{
    key(j, k);
    eg_strbuf_adds(&j->buf, value ? "true" : "false");
}

void eg_jsonw_raw(eg_jsonw *j, const char *text)
{
    eg_strbuf_adds(&j->buf, text);
}

eg_status eg_jsonw_finish(eg_jsonw *j, int *error)
{
    bool failed = j->failed || eg_strbuf_status(&j->buf) != EG_OK || eg_strbuf_status(&j->scratch) != EG_OK;
    if (!failed)
        eg_jsonw_flush(j);
    eg_strbuf_release(&j->buf);
    eg_strbuf_release(&j->scratch);
    *error = 0;
    if (failed)
        return EG_ENOMEM;
    *error = eg_writer_finish(&j->out);
    return *error ? EG_EIO : EG_OK;
}
