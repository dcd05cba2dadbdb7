/*
 * eg_jsonw.h - JSON written as it is made (graph.json, the data of
 * graph.html): values go into a buffer that goes to the file whenever it
 * holds a few tens of kilobytes, so memory stays that of one element,
 * whatever the network's size (a cJSON tree of a 55,000-node network took
 * seven times the size of the text it printed). The bytes are those cJSON
 * prints but for numbers: no spaces, strings escaped as cJSON does (and made
 * valid UTF-8 first, a bad byte becoming U+FFFD); numbers as in GraphML
 * (eg_graphml_format_number: the shortest text that reads back).
 *
 *   eg_jsonw j;
 *   eg_jsonw_init(&j, fp, false);
 *   eg_jsonw_open(&j, NULL, '{'); eg_jsonw_string(&j, "a", "b"); eg_jsonw_close(&j, '}');
 *   eg_status st = eg_jsonw_finish(&j, &error);   (EG_ENOMEM, or EG_EIO with an errno)
 */
#ifndef EG_JSONW_H
#define EG_JSONW_H

#include "eg_base.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct eg_jsonw {
    eg_writer out;       /* the caller's FILE*, borrowed */
    eg_strbuf buf;       /* JSON not yet written */
    eg_strbuf scratch;   /* text made valid UTF-8 */
    bool comma;          /* a value precedes in the current object or array */
    bool failed;         /* out of memory outside the buffers */
    bool script_safe;    /* "<", ">" and "&" as \u escapes */
} eg_jsonw;

/* script_safe: for JSON inside an HTML script element, which nothing in the
 * text may then close ("<", ">" and "&" only ever occur inside strings). */
void eg_jsonw_init(eg_jsonw *j, FILE *fp, bool script_safe);

/* Opens an object ('{') or array ('['), as the value of key k inside an
 * object (k NULL inside an array or at the top). */
void eg_jsonw_open(eg_jsonw *j, const char *k, char bracket);
/* Closes it: '}' or ']'. */
void eg_jsonw_close(eg_jsonw *j, char bracket);
/* A string (NULL writes ""); a number (integer: no decimals; non-finite as
 * 0); a boolean. */
void eg_jsonw_string(eg_jsonw *j, const char *k, const char *s);
void eg_jsonw_number(eg_jsonw *j, const char *k, double value, bool integer);
void eg_jsonw_boolean(eg_jsonw *j, const char *k, bool value);
/* Raw text, already JSON (a newline at the end, say). */
void eg_jsonw_raw(eg_jsonw *j, const char *text);

/* Writes the buffer out once it holds enough: call between elements. */
void eg_jsonw_maybe_flush(eg_jsonw *j);
/* Writes the buffer out now (before script_safe changes). */
void eg_jsonw_flush(eg_jsonw *j);

/* Writes the rest and releases the buffers: EG_OK; EG_ENOMEM (nothing more
 * written); EG_EIO with *error the errno of the first failed write. */
eg_status eg_jsonw_finish(eg_jsonw *j, int *error);

#endif
