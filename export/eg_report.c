#include "eg_report.h"

#include "eg_graphml.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define DEFAULT_TOP 10
#define DEFAULT_WIDTH 100
#define DEFAULT_DEPTH 1
#define MIN_NAME_WIDTH 8
#define TOP_TIES 10
#define MAX_CANDIDATES 10
#define MAX_SUGGESTIONS 5 /* eg_error holds 512 bytes */
#define GAP "  "
#define CELL_SIZE 48
_Static_assert(CELL_SIZE >= EG_GRAPHML_NUMBER_SIZE,
               "a cell holds any number eg_graphml_format_number writes");
#define MAX_COLUMNS 4 /* the ranking metric, degree, mentions, hops */
#define MAX_GRID_COLUMNS (4 + MAX_COLUMNS) /* rank, id, name, type, the metrics */
#define ELLIPSIS "\xE2\x80\xA6"
#define DASH " \xE2\x80\x94 "
#define FOLD_OPTIONS (UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT)

/* -------------------------------------------------------------- formats */

static const char *const format_names[] = {"table", "csv", "tsv", "json", "markdown"};
_Static_assert(sizeof format_names / sizeof format_names[0] == EG_REPORT_FORMAT_COUNT,
               "one name per eg_report_format");

const char *eg_report_format_name(eg_report_format format)
{
    return (unsigned)format < EG_REPORT_FORMAT_COUNT ? format_names[format] : "unknown";
}

bool eg_report_format_parse(const char *name, eg_report_format *format)
{
    for (int f = 0; f < EG_REPORT_FORMAT_COUNT; f++) {
        if (name && strcmp(name, format_names[f]) == 0) {
            *format = (eg_report_format)f;
            return true;
        }
    }
    return false;
}

/* ------------------------------------------------------------- strlist */

/*
 * Strings kept end to end in one buffer, each NUL-terminated, found by
 * offset because the buffer moves as it grows. The pieces of the report are
 * built as strlists before anything is written, so that running out of
 * memory never leaves half a report; a failure is remembered and checked
 * once, with strlist_failed.
 */
typedef struct strlist {
    eg_strbuf text;
    size_t *starts;
    size_t n, cap;
    bool failed;
} strlist;

static void strlist_init(strlist *l)
{
    memset(l, 0, sizeof *l);
    eg_strbuf_init(&l->text);
}

/* Starts an item and returns the buffer to append it to; strlist_end ends it. */
static eg_strbuf *strlist_begin(strlist *l)
{
    if (eg_grow(&l->starts, &l->cap, l->n + 1, sizeof *l->starts) != EG_OK)
        l->failed = true;
    else
        l->starts[l->n++] = l->text.len;
    return &l->text;
}

static void strlist_end(strlist *l)
{
    eg_strbuf_addc(&l->text, '\0');
}

static void strlist_add(strlist *l, const char *s)
{
    eg_strbuf_adds(strlist_begin(l), s);
    strlist_end(l);
}

static const char *strlist_get(const strlist *l, size_t i)
{
    return l->text.buf + l->starts[i];
}

static bool strlist_failed(const strlist *l)
{
    return l->failed || eg_strbuf_status(&l->text) != EG_OK;
}

static void strlist_release(strlist *l)
{
    eg_strbuf_release(&l->text);
    free(l->starts);
    l->starts = NULL;
    l->n = l->cap = 0;
}

/* ---------------------------------------------------------------- text */

static void repeat(eg_writer *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        eg_writer_puts(out, s);
}

/* A label with a tab or newline would break the report's lines: control
 * characters go out as spaces. */
static void put_clean(eg_writer *out, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20) {
            eg_writer_put(out, s + start, i - start);
            eg_writer_put(out, " ", 1);
            start = i + 1;
        }
    }
    eg_writer_put(out, s + start, len - start);
}

static void add_clean(eg_strbuf *sb, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        eg_strbuf_addc(sb, (unsigned char)s[i] < 0x20 ? ' ' : s[i]);
}

static const char *node_label(const eg_node *node)
{
    return node->label ? node->label : "";
}

static void add_label(eg_strbuf *sb, const eg_node *node)
{
    add_clean(sb, node_label(node), strlen(node_label(node)));
}

/* "LABEL (type)" */
static void add_label_type(eg_strbuf *sb, const eg_node *node)
{
    add_label(sb, node);
    eg_strbuf_addf(sb, " (%s)", eg_type_name(node->type));
}

/* Role titles are joined with EG_LIST_SEP in the network; people read them
 * joined with ", ". */
static void add_titles(eg_strbuf *sb, const char *role)
{
    if (!role || !*role) {
        eg_strbuf_adds(sb, "(no title)");
        return;
    }
    for (const char *sep; (sep = strstr(role, EG_LIST_SEP)); role = sep + strlen(EG_LIST_SEP)) {
        add_clean(sb, role, (size_t)(sep - role));
        eg_strbuf_adds(sb, ", ");
    }
    add_clean(sb, role, strlen(role));
}

/*
 * Terminal columns taken by one character: wide (East Asian) characters take
 * two and combining marks none, as utf8proc_charwidth says; a byte that is
 * not UTF-8, or a control character (written as a space), takes one.
 * Returns the bytes it spans.
 */
static size_t char_columns(const char *s, size_t len, size_t *columns)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
    if (n <= 0) {
        *columns = 1;
        return 1;
    }
    *columns = cp < 0x20 ? 1 : (size_t)utf8proc_charwidth(cp);
    return (size_t)n;
}

static size_t text_columns(const char *s)
{
    size_t len = strlen(s), total = 0, columns = 0;
    for (size_t i = 0; i < len; total += columns)
        i += char_columns(s + i, len - i, &columns);
    return total;
}

/* Bytes of the longest prefix of s that fits in `limit` columns; *used gets
 * the columns it takes. */
static size_t fit_bytes(const char *s, size_t limit, size_t *used)
{
    size_t len = strlen(s), i = 0, columns = 0;
    *used = 0;
    while (i < len) {
        size_t n = char_columns(s + i, len - i, &columns);
        if (*used + columns > limit)
            break;
        *used += columns;
        i += n;
    }
    return i;
}

/* One table cell padded to `width` columns, cut with "…" when wider. */
static void put_cell(eg_writer *out, const char *s, size_t width, bool right)
{
    size_t columns = text_columns(s);
    if (columns <= width) {
        if (right)
            repeat(out, " ", width - columns);
        put_clean(out, s, strlen(s));
        if (!right)
            repeat(out, " ", width - columns);
        return;
    }
    size_t used;
    put_clean(out, s, fit_bytes(s, width - 1, &used));
    eg_writer_puts(out, ELLIPSIS);
    repeat(out, " ", width - 1 - used);
}

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/*
 * GitHub Markdown: characters that could start emphasis, code, a link, an
 * HTML tag or a new table cell are escaped with a backslash. '_' inside a
 * word ("co_mention") and '<' before anything but a letter, '/', '!' or '?'
 * ("<-") mean nothing to GitHub and stay as they are, to keep the text
 * readable; every line starts with "- ", "| " or "#", so '>', '#', '+' and
 * '-' never begin one.
 */
static void put_markdown(eg_writer *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        bool escape = strchr("\\`*[]|~", *p) != NULL;
        if (*p == '_')
            escape = p == s || !is_alnum(p[-1]) || !is_alnum(p[1]);
        if (*p == '<')
            escape = (p[1] >= 'A' && p[1] <= 'Z') || (p[1] >= 'a' && p[1] <= 'z') ||
                     (p[1] && strchr("/!?", p[1]) != NULL);
        if (escape)
            eg_writer_put(out, "\\", 1);
        eg_writer_put(out, (unsigned char)*p < 0x20 ? " " : p, 1);
    }
}

/* RFC 4180: quote only the fields that need it, doubling inner quotes. */
static void put_csv_field(eg_writer *out, const char *s, bool first)
{
    if (!first)
        eg_writer_put(out, ",", 1);
    if (!strpbrk(s, ",\"\r\n")) {
        eg_writer_puts(out, s);
        return;
    }
    eg_writer_put(out, "\"", 1);
    for (const char *quote; (quote = strchr(s, '"')); s = quote + 1) {
        eg_writer_put(out, s, (size_t)(quote - s) + 1);
        eg_writer_put(out, "\"", 1);
    }
    eg_writer_puts(out, s);
    eg_writer_put(out, "\"", 1);
}

/* TSV has no quoting: a tab or line break in a field would split it. */
static void put_tsv_field(eg_writer *out, const char *s, bool first)
{
    if (!first)
        eg_writer_put(out, "\t", 1);
    put_clean(out, s, strlen(s));
}

/* -------------------------------------------------------------- numbers */

/* For people: integers without decimals, others with 4 decimals (6 when
 * `decimals` says every value shown is below 1); for machines (exact): full
 * precision as in metrics.csv, NaN empty. */
static const char *format_number(double value, bool integer, int decimals, bool exact,
                                 char buf[CELL_SIZE])
{
    if (exact) {
        if (!isfinite(value))
            buf[0] = '\0';
        else
            eg_graphml_format_number(value, integer, buf);
    } else if (!isfinite(value)) {
        snprintf(buf, CELL_SIZE, "n/a");
    } else if (integer) {
        snprintf(buf, CELL_SIZE, "%.0f", round(value) == 0 ? 0.0 : round(value));
    } else if (fabs(value) >= 1e15) {
        snprintf(buf, CELL_SIZE, "%.6g", value);
    } else {
        snprintf(buf, CELL_SIZE, "%.*f", decimals, value);
    }
    return buf;
}

static int decimals_for(double largest)
{
    return largest < 1 ? 6 : 4;
}

static void add_number(eg_strbuf *sb, double value, bool integer)
{
    char buf[CELL_SIZE];
    eg_strbuf_adds(sb, format_number(value, integer, decimals_for(fabs(value)), false, buf));
}

/* ------------------------------------------------------------- columns */

typedef enum source { FROM_METRIC, FROM_MENTIONS, FROM_DOCUMENTS, FROM_HOPS } source;

typedef struct column {
    const char *name;
    source source;
    const eg_metric *metric; /* FROM_METRIC only */
    const size_t *hops;      /* FROM_HOPS only: each node's distance from the ego */
    bool integer;
    int decimals; /* for non-integer values shown to people */
} column;

static bool find_column(const eg_network *net, const char *name, column *col)
{
    memset(col, 0, sizeof *col);
    col->name = name;
    col->integer = true;
    if ((col->metric = eg_network_metric(net, name))) {
        col->source = FROM_METRIC;
        col->integer = col->metric->integer;
        return true;
    }
    if (strcmp(name, "mentions") == 0) {
        col->source = FROM_MENTIONS;
        return true;
    }
    if (strcmp(name, "documents") == 0) {
        col->source = FROM_DOCUMENTS;
        return true;
    }
    return false;
}

static double column_value(const column *col, const eg_network *net, size_t index)
{
    switch (col->source) {
    case FROM_METRIC: return col->metric->values[index];
    case FROM_MENTIONS: return (double)net->nodes[index].mentions;
    case FROM_DOCUMENTS: return (double)net->nodes[index].documents;
    case FROM_HOPS: return (double)col->hops[index];
    }
    return 0;
}

static eg_status unknown_metric(const eg_network *net, const char *name, eg_error *err)
{
    eg_strbuf names = EG_STRBUF_INIT;
    for (size_t i = 0; i < net->n_metrics; i++)
        eg_strbuf_addf(&names, "%s, ", net->metrics[i].name);
    eg_strbuf_adds(&names, "mentions, documents");
    eg_status status =
        eg_strbuf_status(&names) != EG_OK
            ? eg_error_set(err, EG_ENOMEM, "report: out of memory")
            : eg_error_set(err, EG_EINVAL, "unknown metric '%s' (available: %s)", name, names.buf);
    eg_strbuf_release(&names);
    return status;
}

/* The ranking metric first, then degree and mentions unless already shown. */
static eg_status choose_columns(const eg_network *net, const char *by, column *cols, size_t *n_cols,
                                eg_error *err)
{
    if (!find_column(net, by, &cols[0]))
        return unknown_metric(net, by, err);
    *n_cols = 1;
    if (strcmp(by, "degree") != 0 && find_column(net, "degree", &cols[*n_cols]))
        (*n_cols)++;
    if (strcmp(by, "mentions") != 0 && find_column(net, "mentions", &cols[*n_cols]))
        (*n_cols)++;
    return EG_OK;
}

/* ------------------------------------------------------------- ranking */

/* A node to rank by value, or (for the ego's ties) an edge by weight with
 * the label of the node at its other end. */
typedef struct ranked {
    double value;
    const char *label;
    size_t index;
} ranked;

static int compare_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    bool x_nan = isnan(x->value), y_nan = isnan(y->value);
    if (x_nan != y_nan)
        return x_nan ? 1 : -1;
    if (!x_nan && x->value != y->value)
        return x->value > y->value ? -1 : 1;
    int order = strcmp(x->label, y->label);
    if (order)
        return order;
    return (x->index > y->index) - (x->index < y->index);
}

typedef struct filter {
    int type;                   /* -1 = any */
    const eg_metric *community; /* NULL = any */
    long long community_id;
    const size_t *hops; /* NULL = any; else only nodes it reaches */
} filter;

static bool wanted(const eg_network *net, const filter *f, size_t i)
{
    if (f->type >= 0 && net->nodes[i].type != (eg_type)f->type)
        return false;
    if (f->community && f->community->values[i] != (double)f->community_id)
        return false;
    return !f->hops || f->hops[i] != EG_NONE;
}

/* Sorts the wanted nodes; *rows is malloc'd (caller frees). */
static eg_status rank_nodes(const eg_network *net, const column *by, const filter *f, ranked **rows,
                            size_t *n_rows)
{
    *rows = malloc((net->n_nodes ? net->n_nodes : 1) * sizeof **rows);
    *n_rows = 0;
    if (!*rows)
        return EG_ENOMEM;
    for (size_t i = 0; i < net->n_nodes; i++) {
        if (wanted(net, f, i))
            (*rows)[(*n_rows)++] =
                (ranked){column_value(by, net, i), node_label(&net->nodes[i]), i};
    }
    qsort(*rows, *n_rows, sizeof **rows, compare_ranked);
    return EG_OK;
}

/* ----------------------------------------------------------------- ego */

/* The form names are matched in: compatibility decomposition without marks,
 * case-folded, so that "zurich" finds "Zürich" and "ZURICH". *out is
 * malloc'd (caller frees). EG_EINVAL when s is not UTF-8. */
static eg_status fold(const char *s, char **out)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s),
                                      &folded, FOLD_OPTIONS);
    *out = (char *)folded;
    if (n >= 0)
        return EG_OK;
    return n == UTF8PROC_ERROR_NOMEM ? EG_ENOMEM : EG_EINVAL;
}

/* Does `s` fold to `key`? A label that is not UTF-8 matches nothing. */
static eg_status folds_to(const char *s, const char *key, bool *match)
{
    char *folded = NULL;
    eg_status status = fold(s ? s : "", &folded);
    *match = status == EG_OK && strcmp(folded, key) == 0;
    free(folded);
    return status == EG_ENOMEM ? EG_ENOMEM : EG_OK;
}

/* Appends to *found the nodes whose label (or, with `aliases`, one of whose
 * aliases) folds to `key`. */
static eg_status find_matches(const eg_network *net, const char *key, bool aliases, size_t **found,
                              size_t *n_found, size_t *cap)
{
    for (size_t i = 0; i < net->n_nodes; i++) {
        const eg_node *node = &net->nodes[i];
        bool match = false;
        eg_status status = EG_OK;
        if (!aliases)
            status = folds_to(node->label, key, &match);
        for (size_t a = 0; aliases && a < node->n_aliases && !match && status == EG_OK; a++)
            status = folds_to(node->aliases[a], key, &match);
        if (status != EG_OK)
            return status;
        if (!match)
            continue;
        if (eg_grow(found, cap, *n_found + 1, sizeof **found) != EG_OK)
            return EG_ENOMEM;
        (*found)[(*n_found)++] = i;
    }
    return EG_OK;
}

static eg_status ambiguous(const eg_network *net, const char *name, const size_t *found,
                           size_t n_found, eg_error *err)
{
    eg_strbuf list = EG_STRBUF_INIT;
    for (size_t i = 0; i < n_found && i < MAX_CANDIDATES; i++) {
        if (i)
            eg_strbuf_adds(&list, ", ");
        add_label_type(&list, &net->nodes[found[i]]);
    }
    if (n_found > MAX_CANDIDATES)
        eg_strbuf_addf(&list, " and %zu more", n_found - MAX_CANDIDATES);
    eg_status status =
        eg_strbuf_status(&list) != EG_OK
            ? eg_error_set(err, EG_ENOMEM, "report: out of memory")
            : eg_error_set(err, EG_EINVAL,
                           "report: '%s' matches %zu entities: %s; give one of these names", name,
                           n_found, list.buf);
    eg_strbuf_release(&list);
    return status;
}

/* Says so, suggesting the labels that contain the name ("pospelov" for
 * "Sergei Pospelov"): a surname alone is what people type first. */
static eg_status not_found(const eg_network *net, const char *name, const char *key, eg_error *err)
{
    eg_strbuf list = EG_STRBUF_INIT;
    size_t n_found = 0;
    eg_status status = EG_OK;
    for (size_t i = 0; i < net->n_nodes && status == EG_OK; i++) {
        char *folded = NULL;
        status = fold(node_label(&net->nodes[i]), &folded);
        if (status == EG_OK && *key && strstr(folded, key)) {
            if (n_found < MAX_SUGGESTIONS) {
                eg_strbuf_adds(&list, n_found ? ", " : "; labels containing it: ");
                add_label_type(&list, &net->nodes[i]);
            }
            n_found++;
        }
        status = status == EG_ENOMEM ? EG_ENOMEM : EG_OK;
        free(folded);
    }
    if (n_found > MAX_SUGGESTIONS)
        eg_strbuf_addf(&list, " and %zu more", n_found - MAX_SUGGESTIONS);
    if (status == EG_OK && eg_strbuf_status(&list) == EG_OK)
        status = eg_error_set(err, EG_EINVAL,
                              "report: no entity is named '%s' (labels and aliases are compared "
                              "without case or accents)%s",
                              name, list.buf);
    else
        status = eg_error_set(err, EG_ENOMEM, "report: out of memory");
    eg_strbuf_release(&list);
    return status;
}

/* The nodes whose folded label holds `key` as whole words ("pospelov" in
 * "sergei pospelov"; not "pos"). */
static eg_status find_word_matches(const eg_network *net, const char *key, size_t **found,
                                   size_t *n_found, size_t *cap)
{
    size_t len = strlen(key);
    for (size_t i = 0; i < net->n_nodes && len; i++) {
        char *folded = NULL;
        eg_status status = fold(node_label(&net->nodes[i]), &folded);
        if (status == EG_ENOMEM)
            return status;
        bool match = false;
        for (const char *p = folded ? strstr(folded, key) : NULL; p && !match; p = strstr(p + 1, key))
            match = (p == folded || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' ');
        free(folded);
        if (!match)
            continue;
        if (eg_grow(found, cap, *n_found + 1, sizeof **found) != EG_OK)
            return EG_ENOMEM;
        (*found)[(*n_found)++] = i;
    }
    return EG_OK;
}

/*
 * Finds the ego: a unique folded label match; among several, a unique
 * byte-exact label (two labels can fold alike, "Zurich" and "Zürich", and
 * the user must be able to name either); then a unique folded alias match;
 * then a unique label holding the name as whole words (a surname alone is
 * what people type first).
 */
static eg_status find_ego(const eg_network *net, const char *name, size_t *node, eg_error *err)
{
    char *key = NULL;
    size_t *found = NULL, n_found = 0, cap = 0;
    eg_status status = fold(name, &key);
    if (status == EG_EINVAL) {
        status = eg_error_set(err, EG_EINVAL, "report: the entity name is not valid UTF-8");
        goto cleanup;
    }
    if (status == EG_OK)
        status = find_matches(net, key, false, &found, &n_found, &cap);
    if (status == EG_OK && n_found > 1) {
        size_t exact = EG_NONE, n_exact = 0;
        for (size_t i = 0; i < n_found; i++)
            if (strcmp(node_label(&net->nodes[found[i]]), name) == 0)
                exact = found[i], n_exact++;
        if (n_exact == 1)
            found[0] = exact, n_found = 1;
    }
    if (status == EG_OK && n_found == 0)
        status = find_matches(net, key, true, &found, &n_found, &cap);
    if (status == EG_OK && n_found == 0)
        status = find_word_matches(net, key, &found, &n_found, &cap);
    if (status != EG_OK) {
        status = eg_error_set(err, EG_ENOMEM, "report: out of memory");
        goto cleanup;
    }
    if (n_found == 1)
        *node = found[0];
    else if (n_found == 0)
        status = not_found(net, name, key, err);
    else
        status = ambiguous(net, name, found, n_found, err);
cleanup:
    free(key);
    free(found);
    return status;
}

/* Breadth-first from `from` over edges of every kind, either way: hops[i]
 * gets node i's distance, EG_NONE beyond `depth`. */
static eg_status measure_hops(const eg_network *net, size_t from, size_t depth, size_t *hops)
{
    size_t n = net->n_nodes;
    size_t *first = calloc(n + 1, sizeof *first);
    size_t *fill = malloc((n ? n : 1) * sizeof *fill);
    size_t *queue = malloc((n ? n : 1) * sizeof *queue);
    size_t *adj = NULL;
    eg_status status = EG_ENOMEM;
    if (!first || !fill || !queue)
        goto cleanup;
    /* adjacency in compressed rows: node i's neighbours are
     * adj[first[i] .. first[i + 1]) */
    for (size_t e = 0; e < net->n_edges; e++) {
        const eg_edge *edge = &net->edges[e];
        if (edge->source < n && edge->target < n && edge->source != edge->target) {
            first[edge->source + 1]++;
            first[edge->target + 1]++;
        }
    }
    for (size_t i = 0; i < n; i++)
        first[i + 1] += first[i];
    adj = malloc((first[n] ? first[n] : 1) * sizeof *adj);
    if (!adj)
        goto cleanup;
    memcpy(fill, first, n * sizeof *fill);
    for (size_t e = 0; e < net->n_edges; e++) {
        const eg_edge *edge = &net->edges[e];
        if (edge->source < n && edge->target < n && edge->source != edge->target) {
            adj[fill[edge->source]++] = edge->target;
            adj[fill[edge->target]++] = edge->source;
        }
    }
    for (size_t i = 0; i < n; i++)
        hops[i] = EG_NONE;
    size_t head = 0, tail = 0;
    hops[from] = 0;
    queue[tail++] = from;
    while (head < tail) {
        size_t u = queue[head++];
        if (hops[u] >= depth)
            continue;
        for (size_t k = first[u]; k < first[u + 1]; k++) {
            if (hops[adj[k]] == EG_NONE) {
                hops[adj[k]] = hops[u] + 1;
                queue[tail++] = adj[k];
            }
        }
    }
    status = EG_OK;
cleanup:
    free(first);
    free(fill);
    free(queue);
    free(adj);
    return status;
}

static bool edge_valid(const eg_network *net, const eg_edge *edge)
{
    return edge->source < net->n_nodes && edge->target < net->n_nodes &&
           (unsigned)edge->kind < EG_EDGE_KIND_COUNT;
}

static size_t other_end(const eg_edge *edge, size_t ego)
{
    return edge->source == ego ? edge->target : edge->source;
}

/* The ego's edges, heaviest first, then by the other end's label; the first
 * `most`. *ties is malloc'd (caller frees); index is the edge's. */
static eg_status strongest_ties(const eg_network *net, size_t ego, size_t most, ranked **ties, size_t *n_ties)
{
    size_t cap = 0;
    *ties = NULL;
    *n_ties = 0;
    for (size_t e = 0; e < net->n_edges; e++) {
        const eg_edge *edge = &net->edges[e];
        if (!edge_valid(net, edge) || (edge->source != ego && edge->target != ego) ||
            edge->source == edge->target)
            continue;
        if (eg_grow(ties, &cap, *n_ties + 1, sizeof **ties) != EG_OK)
            return EG_ENOMEM;
        (*ties)[(*n_ties)++] =
            (ranked){edge->weight, node_label(&net->nodes[other_end(edge, ego)]), e};
    }
    if (*n_ties)
        qsort(*ties, *n_ties, sizeof **ties, compare_ranked);
    if (*n_ties > most)
        *n_ties = most;
    return EG_OK;
}

/* ---------------------------------------------------------- the report */

/* Everything the formats show, worked out before the first byte is written. */
typedef struct report {
    const eg_network *net;
    eg_report_opts opts;
    column cols[MAX_COLUMNS];
    size_t n_cols;
    ranked *rows; /* the rows shown, best first */
    size_t n_rows;
    filter filter;
    size_t ego;   /* node index, EG_NONE without --ego */
    size_t *hops; /* with an ego: n_nodes distances */
    ranked *ties;
    size_t n_ties;
} report;

static void report_release(report *r)
{
    free(r->rows);
    free(r->hops);
    free(r->ties);
}

/* The pieces of the table and markdown formats (and the csv and tsv grid). */
typedef struct grid {
    const char *heads[MAX_GRID_COLUMNS];
    bool right[MAX_GRID_COLUMNS]; /* numbers are right-aligned */
    size_t n_cols;
    size_t flex;   /* the name column, cut to fit the width */
    strlist cells; /* row by row, n_cols cells a row */
    size_t n_rows;
} grid;

typedef struct texts {
    strlist summary;
    eg_strbuf title;
    grid rows;
    strlist entity, roles, holders, relations; /* with an ego */
    grid ties;                                 /* with an ego */
    strlist conflicts;                         /* with opts.conflicts */
} texts;

static void texts_init(texts *t)
{
    memset(t, 0, sizeof *t);
    strlist_init(&t->summary);
    eg_strbuf_init(&t->title);
    strlist_init(&t->rows.cells);
    strlist_init(&t->entity);
    strlist_init(&t->roles);
    strlist_init(&t->holders);
    strlist_init(&t->relations);
    strlist_init(&t->ties.cells);
    strlist_init(&t->conflicts);
}

static void texts_release(texts *t)
{
    strlist_release(&t->summary);
    eg_strbuf_release(&t->title);
    strlist_release(&t->rows.cells);
    strlist_release(&t->entity);
    strlist_release(&t->roles);
    strlist_release(&t->holders);
    strlist_release(&t->relations);
    strlist_release(&t->ties.cells);
    strlist_release(&t->conflicts);
}

static bool texts_failed(const texts *t)
{
    return strlist_failed(&t->summary) || eg_strbuf_status(&t->title) != EG_OK ||
           strlist_failed(&t->rows.cells) || strlist_failed(&t->entity) ||
           strlist_failed(&t->roles) || strlist_failed(&t->holders) ||
           strlist_failed(&t->relations) || strlist_failed(&t->ties.cells) ||
           strlist_failed(&t->conflicts);
}

/* -------------------------------------------------------------- summary */

static void count_nodes_edges(const eg_network *net, size_t per_type[EG_TYPE_COUNT],
                              size_t per_kind[EG_EDGE_KIND_COUNT])
{
    for (size_t i = 0; i < net->n_nodes; i++)
        if ((unsigned)net->nodes[i].type < EG_TYPE_COUNT)
            per_type[net->nodes[i].type]++;
    for (size_t i = 0; i < net->n_edges; i++)
        if ((unsigned)net->edges[i].kind < EG_EDGE_KIND_COUNT)
            per_kind[net->edges[i].kind]++;
}

static bool ends_with(const char *name, const char *suffix)
{
    size_t len = strlen(name), n = strlen(suffix);
    return len > n && strcmp(name + len - n, suffix) == 0;
}

/* The summary numbers that say how a metric was approximated:
 * betweenness_cutoff, closeness_sources... (eg_metrics.h). */
static bool is_approximation(const char *name)
{
    return ends_with(name, "_cutoff") || ends_with(name, "_sources");
}

/* The attrs the second summary line names in words. */
static bool is_named_attr(const char *name)
{
    static const char *const named[] = {"nodes",
                                        "edges",
                                        "density",
                                        "components",
                                        "largest_component",
                                        "modularity",
                                        "average_clustering"};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(name, named[i]) == 0)
            return true;
    return is_approximation(name);
}

static void add_attr(eg_strbuf *sb, const char *words, const eg_graph_attr *attr)
{
    if (sb->len)
        eg_strbuf_adds(sb, "; ");
    eg_strbuf_addf(sb, "%s ", words);
    add_number(sb, attr->value, attr->integer);
}

/* Only what the network itself holds, so that a report of a GraphML read back
 * reads the same as the report of the build that wrote it. */
static void summary_lines(const eg_network *net, strlist *lines)
{
    size_t per_type[EG_TYPE_COUNT] = {0}, per_kind[EG_EDGE_KIND_COUNT] = {0};
    count_nodes_edges(net, per_type, per_kind);
    eg_strbuf *sb = strlist_begin(lines);
    eg_strbuf_addf(sb, "%zu node%s, %zu edge%s; nodes:", net->n_nodes, net->n_nodes == 1 ? "" : "s",
                   net->n_edges, net->n_edges == 1 ? "" : "s");
    for (int t = 0; t < EG_TYPE_COUNT; t++)
        eg_strbuf_addf(sb, "%s %zu %s", t ? "," : "", per_type[t], eg_type_name((eg_type)t));
    eg_strbuf_adds(sb, "; edges:");
    for (int k = 0; k < EG_EDGE_KIND_COUNT; k++)
        eg_strbuf_addf(sb, "%s %zu %s", k ? "," : "", per_kind[k],
                       eg_edge_kind_name((eg_edge_kind)k));
    strlist_end(lines);

    eg_strbuf line = EG_STRBUF_INIT;
    const eg_graph_attr *attr, *largest = eg_network_attr(net, "largest_component");
    if ((attr = eg_network_attr(net, "density")))
        add_attr(&line, "density", attr);
    if ((attr = eg_network_attr(net, "components"))) {
        if (line.len)
            eg_strbuf_adds(&line, "; ");
        add_number(&line, attr->value, true);
        eg_strbuf_addf(&line, " component%s", attr->value == 1 ? "" : "s");
        if (largest) {
            eg_strbuf_adds(&line, ", the largest of ");
            add_number(&line, largest->value, true);
            eg_strbuf_addf(&line, " node%s", largest->value == 1 ? "" : "s");
        }
    } else if (largest) {
        add_attr(&line, "largest component", largest);
    }
    if ((attr = eg_network_attr(net, "modularity")))
        add_attr(&line, "modularity", attr);
    if ((attr = eg_network_attr(net, "average_clustering")))
        add_attr(&line, "average clustering", attr);
    for (size_t i = 0; i < net->n_attrs; i++)
        if (!is_named_attr(net->attrs[i].name))
            add_attr(&line, net->attrs[i].name, &net->attrs[i]);
    if (line.len)
        strlist_add(lines, line.buf);

    eg_strbuf_reset(&line);
    for (size_t i = 0; i < net->n_attrs; i++) {
        const char *name = net->attrs[i].name;
        if (!is_approximation(name))
            continue;
        bool cutoff = ends_with(name, "_cutoff");
        eg_strbuf_adds(&line, line.len ? ", " : "approximated: ");
        eg_strbuf_add(&line, name, strlen(name) - strlen(cutoff ? "_cutoff" : "_sources"));
        eg_strbuf_adds(&line, cutoff ? " (cutoff " : " (estimated from ");
        add_number(&line, net->attrs[i].value, net->attrs[i].integer);
        eg_strbuf_adds(&line, cutoff ? ")" : " sources a component)");
    }
    if (line.len)
        strlist_add(lines, line.buf);
    if (eg_strbuf_status(&line) != EG_OK)
        lines->failed = true;
    eg_strbuf_release(&line);
}

/* "Top 5 by pagerank within 2 hops of Zürich (type: person; community: 3)" */
static void title_line(const report *r, eg_strbuf *sb)
{
    eg_strbuf_addf(sb, "Top %zu by %s", r->n_rows, r->cols[0].name);
    if (r->ego != EG_NONE) {
        eg_strbuf_addf(sb, " within %zu hop%s of ", r->opts.depth, r->opts.depth == 1 ? "" : "s");
        add_label(sb, &r->net->nodes[r->ego]);
    }
    if (r->opts.type >= 0)
        eg_strbuf_addf(sb, " (type: %s", eg_type_name((eg_type)r->opts.type));
    if (r->opts.by_community)
        eg_strbuf_addf(sb, "%scommunity: %lld", r->opts.type >= 0 ? "; " : " (", r->opts.community);
    if (r->opts.type >= 0 || r->opts.by_community)
        eg_strbuf_adds(sb, ")");
}

/* ----------------------------------------------------------------- grids */

static void grid_head(grid *g, const char *head, bool right)
{
    g->heads[g->n_cols] = head;
    g->right[g->n_cols] = right;
    g->n_cols++;
}

static const char *grid_cell(const grid *g, size_t row, size_t col)
{
    return strlist_get(&g->cells, row * g->n_cols + col);
}

/* People get "#" and "name", machines "rank", the node's "id" in the
 * network's files (to join with them) and "label". */
static void grid_name_heads(grid *g, bool exact)
{
    grid_head(g, exact ? "rank" : "#", true);
    if (exact)
        grid_head(g, "id", false);
    grid_head(g, exact ? "label" : "name", false);
    g->flex = exact ? 2 : 1;
    grid_head(g, "type", false);
}

static void rows_grid(const report *r, bool exact, grid *g)
{
    const eg_network *net = r->net;
    char buf[CELL_SIZE];
    grid_name_heads(g, exact);
    for (size_t c = 0; c < r->n_cols; c++)
        grid_head(g, r->cols[c].name, true);
    for (size_t i = 0; i < r->n_rows; i++) {
        size_t index = r->rows[i].index;
        snprintf(buf, sizeof buf, "%zu", i + 1);
        strlist_add(&g->cells, buf);
        if (exact) {
            snprintf(buf, sizeof buf, "n%zu", index);
            strlist_add(&g->cells, buf);
        }
        strlist_add(&g->cells, r->rows[i].label);
        strlist_add(&g->cells, eg_type_name(net->nodes[index].type));
        for (size_t c = 0; c < r->n_cols; c++) {
            const column *col = &r->cols[c];
            strlist_add(&g->cells, format_number(column_value(col, net, index), col->integer,
                                                 col->decimals, exact, buf));
        }
        g->n_rows++;
    }
}

static void ties_grid(const report *r, bool exact, grid *g)
{
    const eg_network *net = r->net;
    char buf[CELL_SIZE];
    bool integer = true;
    double largest = 0;
    for (size_t i = 0; i < r->n_ties; i++) {
        double w = r->ties[i].value;
        integer = integer && (!isfinite(w) || w == round(w));
        if (isfinite(w) && fabs(w) > largest)
            largest = fabs(w);
    }
    grid_name_heads(g, exact);
    grid_head(g, "kind", false);
    grid_head(g, "weight", true);
    for (size_t i = 0; i < r->n_ties; i++) {
        const eg_edge *edge = &net->edges[r->ties[i].index];
        const eg_node *other = &net->nodes[other_end(edge, r->ego)];
        snprintf(buf, sizeof buf, "%zu", i + 1);
        strlist_add(&g->cells, buf);
        if (exact) {
            snprintf(buf, sizeof buf, "n%zu", (size_t)(other - net->nodes));
            strlist_add(&g->cells, buf);
        }
        strlist_add(&g->cells, node_label(other));
        strlist_add(&g->cells, eg_type_name(other->type));
        strlist_add(&g->cells, eg_edge_kind_name(edge->kind));
        strlist_add(&g->cells,
                    format_number(edge->weight, integer, decimals_for(largest), exact, buf));
        g->n_rows++;
    }
}

/* Column widths fit the cells; the name column takes what the others leave
 * of `width`, never less than MIN_NAME_WIDTH. */
static void write_grid_table(eg_writer *out, const grid *g, size_t width)
{
    size_t widths[MAX_GRID_COLUMNS], fixed = 0;
    for (size_t c = 0; c < g->n_cols; c++) {
        widths[c] = text_columns(g->heads[c]);
        for (size_t r = 0; r < g->n_rows; r++) {
            size_t w = text_columns(grid_cell(g, r, c));
            widths[c] = w > widths[c] ? w : widths[c];
        }
        if (c != g->flex)
            fixed += widths[c];
    }
    fixed += strlen(GAP) * (g->n_cols - 1);
    size_t room = width > fixed + MIN_NAME_WIDTH ? width - fixed : MIN_NAME_WIDTH;
    if (widths[g->flex] > room)
        widths[g->flex] = room;

    for (size_t c = 0; c < g->n_cols; c++) {
        eg_writer_puts(out, c ? GAP : "");
        put_cell(out, g->heads[c], widths[c], g->right[c]);
    }
    eg_writer_puts(out, "\n");
    repeat(out, "-", fixed + widths[g->flex]);
    eg_writer_puts(out, "\n");
    for (size_t r = 0; r < g->n_rows; r++) {
        for (size_t c = 0; c < g->n_cols; c++) {
            eg_writer_puts(out, c ? GAP : "");
            put_cell(out, grid_cell(g, r, c), widths[c], g->right[c]);
        }
        eg_writer_puts(out, "\n");
    }
}

static void write_grid_markdown(eg_writer *out, const grid *g)
{
    for (size_t c = 0; c < g->n_cols; c++) {
        eg_writer_puts(out, "| ");
        put_markdown(out, g->heads[c]);
        eg_writer_puts(out, " ");
    }
    eg_writer_puts(out, "|\n");
    for (size_t c = 0; c < g->n_cols; c++)
        eg_writer_puts(out, g->right[c] ? "| ---: " : "| :--- ");
    eg_writer_puts(out, "|\n");
    for (size_t r = 0; r < g->n_rows; r++) {
        for (size_t c = 0; c < g->n_cols; c++) {
            eg_writer_puts(out, "| ");
            put_markdown(out, grid_cell(g, r, c));
            eg_writer_puts(out, " ");
        }
        eg_writer_puts(out, "|\n");
    }
}

static void write_grid_delimited(eg_writer *out, const grid *g, bool csv)
{
    void (*field)(eg_writer *, const char *, bool) = csv ? put_csv_field : put_tsv_field;
    for (size_t c = 0; c < g->n_cols; c++)
        field(out, g->heads[c], c == 0);
    eg_writer_puts(out, "\n");
    for (size_t r = 0; r < g->n_rows && !out->error; r++) {
        for (size_t c = 0; c < g->n_cols; c++)
            field(out, grid_cell(g, r, c), c == 0);
        eg_writer_puts(out, "\n");
    }
}

/* ---------------------------------------------------------------- ego text */

static void entity_lines(const eg_node *node, strlist *l)
{
    eg_strbuf_addf(strlist_begin(l), "type: %s", eg_type_name(node->type));
    strlist_end(l);
    if (node->n_aliases) {
        eg_strbuf *sb = strlist_begin(l);
        eg_strbuf_adds(sb, "aliases: ");
        for (size_t a = 0; a < node->n_aliases; a++) {
            if (a)
                eg_strbuf_adds(sb, "; ");
            add_clean(sb, node->aliases[a], strlen(node->aliases[a]));
        }
        strlist_end(l);
    }
    eg_strbuf_addf(strlist_begin(l), "mentions: %zu", node->mentions);
    strlist_end(l);
    eg_strbuf_addf(strlist_begin(l), "documents: %zu", node->documents);
    strlist_end(l);
    const char *first = node->first_date, *last = node->last_date;
    if (*first || *last) {
        eg_strbuf *sb = strlist_begin(l);
        eg_strbuf_adds(sb, "dates: ");
        if (*first && *last && strcmp(first, last) != 0) {
            add_clean(sb, first, strlen(first));
            eg_strbuf_adds(sb, " to ");
            add_clean(sb, last, strlen(last));
        } else {
            add_clean(sb, *first ? first : last, strlen(*first ? first : last));
        }
        strlist_end(l);
    }
    if (node->website && *node->website) {
        eg_strbuf *sb = strlist_begin(l);
        eg_strbuf_adds(sb, "website: ");
        add_clean(sb, node->website, strlen(node->website));
        strlist_end(l);
    }
}

static void ego_lines(const report *r, texts *t)
{
    const eg_network *net = r->net;
    size_t ego = r->ego, co_mentions = 0;
    entity_lines(&net->nodes[ego], &t->entity);
    for (size_t e = 0; e < net->n_edges; e++) {
        const eg_edge *edge = &net->edges[e];
        if (!edge_valid(net, edge) || edge->kind != EG_EDGE_ROLE)
            continue;
        if (edge->source == ego) {
            eg_strbuf *sb = strlist_begin(&t->roles);
            add_titles(sb, edge->role);
            eg_strbuf_adds(sb, DASH);
            add_label_type(sb, &net->nodes[edge->target]);
            strlist_end(&t->roles);
        } else if (edge->target == ego) {
            eg_strbuf *sb = strlist_begin(&t->holders);
            add_label_type(sb, &net->nodes[edge->source]);
            eg_strbuf_adds(sb, DASH);
            add_titles(sb, edge->role);
            strlist_end(&t->holders);
        }
    }
    for (int k = EG_EDGE_ROLE + 1; k < EG_EDGE_KIND_COUNT; k++) {
        for (size_t e = 0; e < net->n_edges; e++) {
            const eg_edge *edge = &net->edges[e];
            if (!edge_valid(net, edge) || edge->kind != (eg_edge_kind)k ||
                (edge->source != ego && edge->target != ego) || edge->source == edge->target)
                continue;
            if (k == EG_EDGE_CO_MENTION) {
                co_mentions++;
                continue;
            }
            eg_strbuf *sb = strlist_begin(&t->relations);
            eg_strbuf_addf(sb, "%s %s ", eg_edge_kind_name(edge->kind),
                           edge->source == ego ? "->" : "<-");
            add_label_type(sb, &net->nodes[other_end(edge, ego)]);
            if (edge->kind == EG_EDGE_DELEGATION && edge->seats >= 0)
                eg_strbuf_addf(sb, ", seats %d", edge->seats);
            strlist_end(&t->relations);
        }
    }
    /* co-mentions are many and say little one by one: the ties table and
     * the json list them */
    if (co_mentions) {
        eg_strbuf_addf(strlist_begin(&t->relations), "%s with %zu entit%s",
                       eg_edge_kind_name(EG_EDGE_CO_MENTION), co_mentions,
                       co_mentions == 1 ? "y" : "ies");
        strlist_end(&t->relations);
    }
}

/* ----------------------------------------------------------- conflicts */

/* One "DATE:SEATS:DOC" item of eg_edge.seats_history; date and doc point
 * into the history and are not NUL-terminated. */
typedef struct figure {
    const char *date, *doc;
    size_t date_len, doc_len;
    long seats;
} figure;

#define MAX_SEATS 100000000L

/*
 * Reads the item at *cursor into *f and moves *cursor to the next item, or to
 * NULL after the last. Returns false, leaving *f unset, for an item that is
 * not DATE:SEATS:DOC with SEATS a whole number: callers skip those.
 */
static bool next_figure(const char **cursor, figure *f)
{
    const char *item = *cursor;
    const char *sep = strstr(item, EG_LIST_SEP);
    size_t len = sep ? (size_t)(sep - item) : strlen(item);
    *cursor = sep ? sep + strlen(EG_LIST_SEP) : NULL;
    const char *colon = memchr(item, ':', len);
    const char *seats = colon ? colon + 1 : NULL;
    const char *colon2 = seats ? memchr(seats, ':', len - (size_t)(seats - item)) : NULL;
    if (!colon2 || colon2 == seats)
        return false;
    long value = 0;
    for (const char *p = seats; p < colon2; p++) {
        if (*p < '0' || *p > '9' || value > MAX_SEATS)
            return false;
        value = value * 10 + (*p - '0');
    }
    f->date = item;
    f->date_len = (size_t)(colon - item);
    f->doc = colon2 + 1;
    f->doc_len = len - (size_t)(f->doc - item);
    f->seats = value;
    return true;
}

/* The smallest SEATS value of the history above `above`, or -1 when none. */
static long next_value(const char *history, long above)
{
    long best = -1;
    figure f;
    for (const char *cursor = history; cursor;)
        if (next_figure(&cursor, &f) && f.seats > above && (best < 0 || f.seats < best))
            best = f.seats;
    return best;
}

static bool is_conflict(const eg_network *net, const eg_edge *edge)
{
    const char *history = edge->seats_history;
    if (edge->kind != EG_EDGE_DELEGATION || !history || edge->source >= net->n_nodes ||
        edge->target >= net->n_nodes)
        return false;
    return next_value(history, next_value(history, -1)) >= 0;
}

/* The latest figure is the edge's seats, or when it has none its history's
 * last one; -1 when there is none. */
static long latest_figure(const eg_edge *edge)
{
    long latest = edge->seats;
    figure f;
    for (const char *cursor = edge->seats_history; edge->seats < 0 && cursor;)
        if (next_figure(&cursor, &f))
            latest = f.seats;
    return latest;
}

/* "2020-12-04 000.txt, 2020-11-17 004.txt": the documents stating `value`,
 * in history order. */
static void add_documents(eg_strbuf *sb, const char *history, long value)
{
    bool first = true;
    figure f;
    for (const char *cursor = history; cursor;) {
        if (!next_figure(&cursor, &f) || f.seats != value)
            continue;
        if (!first)
            eg_strbuf_adds(sb, ", ");
        first = false;
        add_clean(sb, f.date, f.date_len);
        if (f.date_len && f.doc_len)
            eg_strbuf_adds(sb, " ");
        add_clean(sb, f.doc, f.doc_len);
    }
}

/* "SOURCE -> TARGET: seats 6 (DATE DOC, ...), 7 (...); latest: 7" */
static void conflict_line(eg_strbuf *sb, const eg_network *net, const eg_edge *edge)
{
    const char *history = edge->seats_history;
    add_label(sb, &net->nodes[edge->source]);
    eg_strbuf_adds(sb, " -> ");
    add_label(sb, &net->nodes[edge->target]);
    eg_strbuf_adds(sb, ": seats ");
    long lowest = next_value(history, -1);
    for (long value = lowest; value >= 0; value = next_value(history, value)) {
        eg_strbuf_addf(sb, "%s%ld (", value == lowest ? "" : ", ", value);
        add_documents(sb, history, value);
        eg_strbuf_adds(sb, ")");
    }
    long latest = latest_figure(edge);
    if (latest >= 0)
        eg_strbuf_addf(sb, "; latest: %ld", latest);
}

static void conflict_lines(const eg_network *net, strlist *lines)
{
    for (size_t i = 0; i < net->n_edges; i++) {
        if (is_conflict(net, &net->edges[i])) {
            conflict_line(strlist_begin(lines), net, &net->edges[i]);
            strlist_end(lines);
        }
    }
}

/* ----------------------------------------------------- table and markdown */

static void build_texts(const report *r, bool exact, texts *t)
{
    summary_lines(r->net, &t->summary);
    title_line(r, &t->title);
    rows_grid(r, exact, &t->rows);
    if (r->ego != EG_NONE) {
        ego_lines(r, t);
        ties_grid(r, exact, &t->ties);
    }
    if (r->opts.conflicts)
        conflict_lines(r->net, &t->conflicts);
}

static void write_section_table(eg_writer *out, const char *heading, const strlist *lines)
{
    if (!lines->n)
        return;
    eg_writer_puts(out, "\n");
    put_clean(out, heading, strlen(heading));
    eg_writer_puts(out, "\n");
    for (size_t i = 0; i < lines->n; i++) {
        eg_writer_puts(out, "  ");
        eg_writer_puts(out, strlist_get(lines, i));
        eg_writer_puts(out, "\n");
    }
}

static void write_table(eg_writer *out, const report *r, const texts *t)
{
    for (size_t i = 0; i < t->summary.n; i++) {
        eg_writer_puts(out, strlist_get(&t->summary, i));
        eg_writer_puts(out, "\n");
    }
    if (r->ego != EG_NONE) {
        write_section_table(out, node_label(&r->net->nodes[r->ego]), &t->entity);
        write_section_table(out, "Roles", &t->roles);
        write_section_table(out, "Role holders", &t->holders);
        write_section_table(out, "Relations", &t->relations);
    }
    eg_writer_printf(out, "\n%s\n", t->title.buf);
    if (t->rows.n_rows)
        write_grid_table(out, &t->rows, r->opts.width);
    else
        eg_writer_puts(out, "(no nodes)\n");
    if (r->ego != EG_NONE) {
        eg_writer_puts(out, "\nStrongest ties\n");
        if (t->ties.n_rows)
            write_grid_table(out, &t->ties, r->opts.width);
        else
            eg_writer_puts(out, "(none)\n");
    }
    if (r->opts.conflicts) {
        eg_writer_puts(out, "\nConflicting figures\n");
        for (size_t i = 0; i < t->conflicts.n; i++) {
            eg_writer_puts(out, strlist_get(&t->conflicts, i));
            eg_writer_puts(out, "\n");
        }
        if (!t->conflicts.n)
            eg_writer_puts(out, "(none)\n");
    }
}

/* A list item's text is parsed as blocks: a label such as "1. Division" or
 * "# 5" would start a list or a heading inside the item, so the character
 * that would do it is escaped. */
static void put_markdown_item(eg_writer *out, const char *s)
{
    size_t digits = strspn(s, "0123456789");
    size_t marker = digits && (s[digits] == '.' || s[digits] == ')') ? digits
                    : !digits && *s && strchr("#+->=", *s)           ? 0
                                                                     : EG_NONE;
    if (marker != EG_NONE) {
        eg_writer_put(out, s, marker);
        eg_writer_put(out, "\\", 1);
        s += marker;
    }
    put_markdown(out, s);
}

static void write_list_markdown(eg_writer *out, const strlist *lines)
{
    for (size_t i = 0; i < lines->n; i++) {
        eg_writer_puts(out, "- ");
        put_markdown_item(out, strlist_get(lines, i));
        eg_writer_puts(out, "\n");
    }
}

static void write_section_markdown(eg_writer *out, const char *level, const char *heading,
                                   const strlist *lines, bool always)
{
    if (!lines->n && !always)
        return;
    eg_writer_printf(out, "\n%s ", level);
    put_markdown(out, heading);
    eg_writer_puts(out, "\n\n");
    write_list_markdown(out, lines);
    if (!lines->n)
        eg_writer_puts(out, "(none)\n");
}

static void write_markdown(eg_writer *out, const report *r, const texts *t)
{
    write_list_markdown(out, &t->summary);
    if (r->ego != EG_NONE) {
        write_section_markdown(out, "##", node_label(&r->net->nodes[r->ego]), &t->entity, true);
        write_section_markdown(out, "###", "Roles", &t->roles, false);
        write_section_markdown(out, "###", "Role holders", &t->holders, false);
        write_section_markdown(out, "###", "Relations", &t->relations, false);
    }
    eg_writer_puts(out, "\n## ");
    put_markdown(out, t->title.buf);
    eg_writer_puts(out, "\n\n");
    if (t->rows.n_rows)
        write_grid_markdown(out, &t->rows);
    else
        eg_writer_puts(out, "(no nodes)\n");
    if (r->ego != EG_NONE) {
        eg_writer_puts(out, "\n## Strongest ties\n\n");
        if (t->ties.n_rows)
            write_grid_markdown(out, &t->ties);
        else
            eg_writer_puts(out, "(none)\n");
    }
    if (r->opts.conflicts)
        write_section_markdown(out, "##", "Conflicting figures", &t->conflicts, true);
}

/* ---------------------------------------------------------------- json */

/*
 * cJSON helpers that remember the first failure in *ok, so that a tree is
 * built straight through and checked once. The cJSON_Add*ToObject helpers
 * free what they fail to add; an item that cannot be added to an array is
 * deleted here, so nothing leaks on failure either way.
 */
static cJSON *j_add(cJSON *parent, const char *key, cJSON *item, bool *ok)
{
    if (!*ok || !item || !parent) {
        cJSON_Delete(item);
        *ok = false;
        return NULL;
    }
    if (key ? !cJSON_AddItemToObject(parent, key, item) : !cJSON_AddItemToArray(parent, item)) {
        cJSON_Delete(item);
        *ok = false;
        return NULL;
    }
    return item;
}

static void j_num(cJSON *o, const char *key, double value, bool *ok)
{
    j_add(o, key, cJSON_CreateNumber(value), ok);
}

/* NULL and "" are null: "unknown" rather than an empty name or date. */
static void j_str(cJSON *o, const char *key, const char *value, bool *ok)
{
    j_add(o, key, value && *value ? cJSON_CreateString(value) : cJSON_CreateNull(), ok);
}

static cJSON *j_obj(cJSON *parent, const char *key, bool *ok)
{
    return j_add(parent, key, cJSON_CreateObject(), ok);
}

static cJSON *j_arr(cJSON *parent, const char *key, bool *ok)
{
    return j_add(parent, key, cJSON_CreateArray(), ok);
}

/* A node's id as in the network's files ("n12"), its label and type. */
static void j_node(cJSON *o, const eg_network *net, const eg_node *node, bool *ok)
{
    char id[32];
    snprintf(id, sizeof id, "n%zu", (size_t)(node - net->nodes));
    j_str(o, "id", id, ok);
    j_add(o, "label", cJSON_CreateString(node_label(node)), ok);
    j_str(o, "type", eg_type_name(node->type), ok);
}

static void j_titles(cJSON *o, const char *role, bool *ok)
{
    cJSON *titles = j_arr(o, "titles", ok);
    for (const char *sep; role && *ok; role = sep ? sep + strlen(EG_LIST_SEP) : NULL) {
        sep = strstr(role, EG_LIST_SEP);
        char *title = eg_strndup(role, sep ? (size_t)(sep - role) : strlen(role));
        if (!title) {
            *ok = false;
            break;
        }
        if (*title)
            j_add(titles, NULL, cJSON_CreateString(title), ok);
        free(title);
    }
}

static void json_summary(cJSON *root, const eg_network *net, bool *ok)
{
    size_t per_type[EG_TYPE_COUNT] = {0}, per_kind[EG_EDGE_KIND_COUNT] = {0};
    count_nodes_edges(net, per_type, per_kind);
    cJSON *summary = j_obj(root, "summary", ok);
    j_num(summary, "nodes", (double)net->n_nodes, ok);
    j_num(summary, "edges", (double)net->n_edges, ok);
    cJSON *types = j_obj(summary, "nodes_by_type", ok);
    for (int t = 0; t < EG_TYPE_COUNT; t++)
        j_num(types, eg_type_name((eg_type)t), (double)per_type[t], ok);
    cJSON *kinds = j_obj(summary, "edges_by_kind", ok);
    for (int k = 0; k < EG_EDGE_KIND_COUNT; k++)
        j_num(kinds, eg_edge_kind_name((eg_edge_kind)k), (double)per_kind[k], ok);
    for (size_t i = 0; i < net->n_attrs; i++) {
        const eg_graph_attr *attr = &net->attrs[i];
        if (strcmp(attr->name, "nodes") != 0 && strcmp(attr->name, "edges") != 0)
            j_num(summary, attr->name, attr->integer ? round(attr->value) : attr->value, ok);
    }
}

static void json_rows(cJSON *root, const report *r, bool *ok)
{
    cJSON *rows = j_arr(root, "rows", ok);
    for (size_t i = 0; i < r->n_rows && *ok; i++) {
        size_t index = r->rows[i].index;
        cJSON *row = j_obj(rows, NULL, ok);
        j_num(row, "rank", (double)(i + 1), ok);
        j_node(row, r->net, &r->net->nodes[index], ok);
        for (size_t c = 0; c < r->n_cols; c++)
            j_num(row, r->cols[c].name, column_value(&r->cols[c], r->net, index), ok);
    }
}

static void json_ego(cJSON *root, const report *r, bool *ok)
{
    const eg_network *net = r->net;
    const eg_node *node = &net->nodes[r->ego];
    cJSON *ego = j_obj(root, "ego", ok);
    j_node(ego, net, node, ok);
    cJSON *aliases = j_arr(ego, "aliases", ok);
    for (size_t a = 0; a < node->n_aliases; a++)
        j_add(aliases, NULL, cJSON_CreateString(node->aliases[a] ? node->aliases[a] : ""), ok);
    j_num(ego, "mentions", (double)node->mentions, ok);
    j_num(ego, "documents", (double)node->documents, ok);
    j_str(ego, "first_date", node->first_date, ok);
    j_str(ego, "last_date", node->last_date, ok);
    j_str(ego, "website", node->website, ok);
    j_num(ego, "depth", (double)r->opts.depth, ok);

    cJSON *roles = j_arr(ego, "roles", ok), *holders = j_arr(ego, "holders", ok);
    cJSON *relations = j_arr(ego, "relations", ok);
    for (int k = 0; k < EG_EDGE_KIND_COUNT && *ok; k++) {
        for (size_t e = 0; e < net->n_edges && *ok; e++) {
            const eg_edge *edge = &net->edges[e];
            if (!edge_valid(net, edge) || edge->kind != (eg_edge_kind)k ||
                (edge->source != r->ego && edge->target != r->ego) || edge->source == edge->target)
                continue;
            const eg_node *other = &net->nodes[other_end(edge, r->ego)];
            if (k == EG_EDGE_ROLE && edge->source == r->ego) {
                cJSON *role = j_obj(roles, NULL, ok);
                j_titles(role, edge->role, ok);
                j_node(role, net, other, ok);
            } else if (k == EG_EDGE_ROLE) {
                cJSON *holder = j_obj(holders, NULL, ok);
                j_node(holder, net, other, ok);
                j_titles(holder, edge->role, ok);
            } else {
                cJSON *relation = j_obj(relations, NULL, ok);
                j_str(relation, "kind", eg_edge_kind_name(edge->kind), ok);
                if (k != EG_EDGE_CO_MENTION)
                    j_str(relation, "direction", edge->source == r->ego ? "out" : "in", ok);
                j_node(relation, net, other, ok);
                j_num(relation, "weight", edge->weight, ok);
                if (edge->kind == EG_EDGE_DELEGATION && edge->seats >= 0)
                    j_num(relation, "seats", edge->seats, ok);
            }
        }
    }

    cJSON *ties = j_arr(ego, "ties", ok);
    for (size_t i = 0; i < r->n_ties && *ok; i++) {
        const eg_edge *edge = &net->edges[r->ties[i].index];
        cJSON *tie = j_obj(ties, NULL, ok);
        j_num(tie, "rank", (double)(i + 1), ok);
        j_node(tie, net, &net->nodes[other_end(edge, r->ego)], ok);
        j_str(tie, "kind", eg_edge_kind_name(edge->kind), ok);
        j_num(tie, "weight", edge->weight, ok);
    }
}

static void json_conflicts(cJSON *root, const eg_network *net, bool *ok)
{
    cJSON *conflicts = j_arr(root, "conflicts", ok);
    for (size_t i = 0; i < net->n_edges && *ok; i++) {
        const eg_edge *edge = &net->edges[i];
        if (!is_conflict(net, edge))
            continue;
        const char *history = edge->seats_history;
        cJSON *conflict = j_obj(conflicts, NULL, ok);
        j_add(conflict, "source", cJSON_CreateString(node_label(&net->nodes[edge->source])), ok);
        j_add(conflict, "target", cJSON_CreateString(node_label(&net->nodes[edge->target])), ok);
        cJSON *figures = j_arr(conflict, "figures", ok);
        for (long value = next_value(history, -1); value >= 0 && *ok;
             value = next_value(history, value)) {
            cJSON *fig = j_obj(figures, NULL, ok);
            j_num(fig, "seats", (double)value, ok);
            cJSON *docs = j_arr(fig, "documents", ok);
            figure f;
            for (const char *cursor = history; cursor && *ok;) {
                if (!next_figure(&cursor, &f) || f.seats != value)
                    continue;
                char *date = eg_strndup(f.date, f.date_len), *doc = eg_strndup(f.doc, f.doc_len);
                cJSON *d = date && doc ? j_obj(docs, NULL, ok) : NULL;
                j_str(d, "date", date, ok);
                j_str(d, "doc", doc, ok);
                free(date);
                free(doc);
            }
        }
        long latest = latest_figure(edge);
        j_add(conflict, "latest",
              latest >= 0 ? cJSON_CreateNumber((double)latest) : cJSON_CreateNull(), ok);
    }
}

/* The whole object as text (caller frees with cJSON_free), or NULL when out
 * of memory. */
static char *json_text(const report *r)
{
    bool ok = true;
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    json_summary(root, r->net, &ok);
    j_str(root, "by", r->cols[0].name, &ok);
    if (r->opts.type >= 0)
        j_str(root, "type", eg_type_name((eg_type)r->opts.type), &ok);
    if (r->opts.by_community)
        j_num(root, "community", (double)r->opts.community, &ok);
    json_rows(root, r, &ok);
    if (r->ego != EG_NONE)
        json_ego(root, r, &ok);
    if (r->opts.conflicts)
        json_conflicts(root, r->net, &ok);
    char *text = ok ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    return text;
}

/* ----------------------------------------------------------------- API */

static eg_report_opts with_defaults(const eg_network *net, const eg_report_opts *opts)
{
    eg_report_opts o = EG_REPORT_OPTS_INIT;
    if (opts)
        o = *opts;
    if (!o.by)
        o.by = eg_network_metric(net, "degree") ? "degree" : "mentions";
    if (!o.top)
        o.top = DEFAULT_TOP;
    if (!o.width)
        o.width = DEFAULT_WIDTH;
    if (!o.depth)
        o.depth = DEFAULT_DEPTH;
    return o;
}

/* Checks the options and works out the rows, the ego and its ties. */
static eg_status prepare(report *r, eg_error *err)
{
    const eg_network *net = r->net;
    const eg_report_opts *o = &r->opts;
    if (o->type < -1 || o->type >= EG_TYPE_COUNT)
        return eg_error_set(err, EG_EINVAL, "report: %d is not a node type", o->type);
    if ((unsigned)o->format >= EG_REPORT_FORMAT_COUNT)
        return eg_error_set(err, EG_EINVAL, "report: %d is not a report format", (int)o->format);
    if (o->conflicts && (o->format == EG_REPORT_CSV || o->format == EG_REPORT_TSV))
        return eg_error_set(err, EG_EINVAL,
                            "report: conflicting figures are shown in the table, markdown and "
                            "json formats, not in %s",
                            eg_report_format_name(o->format));
    r->filter = (filter){o->type, NULL, o->community, NULL};
    if (o->by_community && !(r->filter.community = eg_network_metric(net, "community")))
        return eg_error_set(err, EG_EINVAL,
                            "report: cannot list community %lld: the network has no "
                            "\"community\" metric",
                            o->community);
    /* the metric is checked before the ego is looked for, which costs more */
    eg_status status = choose_columns(net, o->by, r->cols, &r->n_cols, err);
    if (status != EG_OK)
        return status;
    if (o->ego) {
        status = find_ego(net, o->ego, &r->ego, err);
        if (status != EG_OK)
            return status;
        if (!(r->hops = malloc(net->n_nodes * sizeof *r->hops)) ||
            measure_hops(net, r->ego, o->depth, r->hops) != EG_OK ||
            strongest_ties(net, r->ego, o->top ? o->top : TOP_TIES, &r->ties, &r->n_ties) != EG_OK)
            return eg_error_set(err, EG_ENOMEM, "report: out of memory");
        r->filter.hops = r->hops;
        r->cols[r->n_cols++] =
            (column){.name = "hops", .source = FROM_HOPS, .hops = r->hops, .integer = true};
    }
    if (rank_nodes(net, &r->cols[0], &r->filter, &r->rows, &r->n_rows) != EG_OK)
        return eg_error_set(err, EG_ENOMEM, "report: out of memory");
    if (r->n_rows > o->top)
        r->n_rows = o->top;
    /* people read the decimals of the rows shown: 6 when all are below 1 */
    for (size_t c = 0; c < r->n_cols; c++) {
        double largest = 0;
        for (size_t i = 0; i < r->n_rows; i++) {
            double v = fabs(column_value(&r->cols[c], net, r->rows[i].index));
            if (isfinite(v) && v > largest)
                largest = v;
        }
        r->cols[c].decimals = decimals_for(largest);
    }
    return EG_OK;
}

static eg_status write_format(eg_writer *out, const report *r, eg_error *err)
{
    eg_report_format format = r->opts.format;
    if (format == EG_REPORT_JSON) {
        char *text = json_text(r);
        if (!text)
            return eg_error_set(err, EG_ENOMEM, "report: out of memory");
        eg_writer_puts(out, text);
        eg_writer_puts(out, "\n");
        cJSON_free(text);
        return EG_OK;
    }
    texts t;
    texts_init(&t);
    build_texts(r, format == EG_REPORT_CSV || format == EG_REPORT_TSV, &t);
    eg_status status = EG_OK;
    if (texts_failed(&t))
        status = eg_error_set(err, EG_ENOMEM, "report: out of memory");
    else if (format == EG_REPORT_TABLE)
        write_table(out, r, &t);
    else if (format == EG_REPORT_MARKDOWN)
        write_markdown(out, r, &t);
    else
        write_grid_delimited(out, &t.rows, format == EG_REPORT_CSV);
    texts_release(&t);
    return status;
}

eg_status eg_report_write(const eg_network *net, FILE *fp, const eg_report_opts *opts,
                          eg_error *err)
{
    report r = {.net = net, .opts = with_defaults(net, opts), .ego = EG_NONE};
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "report: cannot create the C locale");
    /* under "C" from here: the texts and the json hold formatted numbers */
    eg_status status = prepare(&r, err);
    eg_writer out = {fp, 0};
    if (status == EG_OK)
        status = write_format(&out, &r, err);
    int error = status == EG_OK ? eg_writer_finish(&out) : 0;
    eg_c_locale_leave(&locale);
    report_release(&r);

    if (error)
        return eg_error_set(err, EG_EIO, "writing the report failed: %s", strerror(error));
    return status;
}
