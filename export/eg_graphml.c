#include "eg_graphml.h"

#include <errno.h>
#include <limits.h>
#include <libxml/chvalid.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlstring.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define XSI_NS "http://www.w3.org/2001/XMLSchema-instance"
#define GRAPHML_SCHEMA_LOCATION GRAPHML_NS " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

/* The keys every file declares, as {attr.name, attr.type}; the reader matches
 * on the same names. Key ids are these names, except that an edge key named
 * like a node key gets the id "edge_<name>": ids are unique in a GraphML
 * file, and for="all" (one key for both) is what Gephi mishandles. */
static const char *const node_keys[][2] = {
    {"label", "string"},    {"type", "string"},       {"aliases", "string"},
    {"mentions", "int"},    {"documents", "int"},     {"first_date", "string"},
    {"last_date", "string"},  {"website", "string"},
};
static const char *const edge_keys[][2] = {
    {"kind", "string"},       {"role", "string"},      {"weight", "double"},
    {"documents", "int"},     {"first_date", "string"}, {"last_date", "string"},
    {"evidence", "string"},   {"seats", "int"},         {"seats_history", "string"},
    {"pmi", "double"},
};
#define N_NODE_KEYS (sizeof node_keys / sizeof node_keys[0])
#define N_EDGE_KEYS (sizeof edge_keys / sizeof edge_keys[0])
enum {
    EK_KIND, EK_ROLE, EK_WEIGHT, EK_DOCUMENTS, EK_FIRST_DATE, EK_LAST_DATE, EK_EVIDENCE,
    EK_SEATS, EK_SEATS_HISTORY, EK_PMI
};
#define EDGE_PREFIX "edge_"

/* ---------------------------------------------------------------- numbers */

/* v in decimal, as "%llu" prints it. */
static void format_unsigned(unsigned long long v, char *buf)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *buf++ = digits[--n];
    *buf = '\0';
}

/* v in decimal, as "%lld" prints it; printf's formatting is most of the
 * cost of writing a network of millions of numbers. */
static void format_whole(long long v, char *buf)
{
    if (v < 0)
        *buf++ = '-';
    format_unsigned(v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, buf);
}

const char *eg_graphml_format_number(double value, bool integer, char buf[EG_GRAPHML_NUMBER_SIZE])
{
    /* 2^63 is exactly representable; anything at or beyond it overflows. */
    const double llong_limit = 9223372036854775808.0;
    if (!isfinite(value) || value == 0) {
        strcpy(buf, "0");
        return buf;
    }
    if (integer) {
        double whole = round(value);
        if (whole >= llong_limit || whole < -llong_limit)
            whole = 0;
        format_whole((long long)whole, buf);
        return buf;
    }
    /* whole numbers (weights, counts kept as doubles) print exactly as such */
    if (value == trunc(value) && fabs(value) < 9007199254740992.0) {
        format_whole((long long)value, buf);
        return buf;
    }
    /* hundredths (positions and sizes): the double nearest k / 100 with k
     * under 10^15 is what %.15g prints as k / 100, and reads back */
    if (fabs(value) < 1e12) {
        long long k = llround(value * 100.0);
        if ((double)k / 100.0 == value) {
            long long a = k < 0 ? -k : k;
            if (k < 0)
                *buf++ = '-';
            format_whole(a / 100, buf);
            char *end = buf + strlen(buf);
            int cents = (int)(a % 100);
            if (cents) {
                *end++ = '.';
                *end++ = (char)('0' + cents / 10);
                if (cents % 10)
                    *end++ = (char)('0' + cents % 10);
                *end = '\0';
            }
            return k < 0 ? buf - 1 : buf;
        }
    }
    /* %.17g always round-trips but prints 0.1 as 0.10000000000000001, which
     * every viewer then shows; take the shortest precision that reads back,
     * of 15, 16 and 17 digits. 16 first: when it fails, 17 needs no check;
     * when it reads back, 15 may too (and only then: fewer digits that read
     * back imply more do). Computed values (PageRank, PMI) mostly need 16
     * or 17: two conversions where trying 15 first took three or more. */
    snprintf(buf, EG_GRAPHML_NUMBER_SIZE, "%.16g", value);
    if (strtod(buf, NULL) != value) {
        snprintf(buf, EG_GRAPHML_NUMBER_SIZE, "%.17g", value);
        return buf;
    }
    char shorter[EG_GRAPHML_NUMBER_SIZE];
    snprintf(shorter, sizeof shorter, "%.15g", value);
    if (strtod(shorter, NULL) == value)
        memcpy(buf, shorter, strlen(shorter) + 1);
    return buf;
}

/* ------------------------------------------------------------ XML text */

static int utf8_length(int cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Length of the character at s when it is one XML may carry in canonical
 * UTF-8, else 0. */
static int xml_char_length(const char *s)
{
    int len = 4; /* s is NUL-terminated, and a NUL stops the decoder */
    int cp = xmlGetUTF8Char((const unsigned char *)s, &len);
    if (cp < 0 || !xmlIsCharQ(cp) || utf8_length(cp) != len)
        return 0;
    return len;
}

static bool is_xml_text(const char *s)
{
    while (*s) {
        unsigned char c = (unsigned char)*s;
        /* printable ASCII, tab and newlines: nearly every byte written */
        if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r') {
            s++;
            continue;
        }
        int len = xml_char_length(s);
        if (!len)
            return false;
        s += len;
    }
    return true;
}

/*
 * Returns `s` itself when XML can carry it, else a copy in `scratch` with
 * each offending byte replaced by U+FFFD (libxml2 would otherwise write bytes
 * no parser accepts). NULL reads as "". Returns NULL when out of memory.
 */
static const char *xml_text(eg_strbuf *scratch, const char *s)
{
    if (!s)
        return "";
    if (is_xml_text(s))
        return s;
    eg_strbuf_reset(scratch);
    while (*s) {
        int len = xml_char_length(s);
        if (len) {
            eg_strbuf_add(scratch, s, (size_t)len);
            s += len;
        } else {
            eg_strbuf_adds(scratch, "\xEF\xBF\xBD");
            s++;
        }
    }
    return eg_strbuf_status(scratch) == EG_OK ? scratch->buf : NULL;
}

/* ----------------------------------------------------- shared XML writer */

/*
 * The bytes are those libxml2's xmlTextWriter writes with an indent of two
 * spaces (which this writer replaced, being four times faster on the
 * gigabytes of a large network's GraphML): a start tag on a line of its
 * own, indented by its depth; an element holding text on one line; an
 * empty element closed with "/>"; in text, & < > " and CR escaped; in
 * attribute values, also tab and LF.
 */

static void flush_out(eg_xml_writer *w)
{
    eg_writer_put(&w->out, w->buf, w->len);
    w->len = 0;
    if (w->out.error)
        w->failed = true;
}

static void put(eg_xml_writer *w, const char *s, size_t n)
{
    if (w->len + n > sizeof w->buf) {
        flush_out(w);
        if (n > sizeof w->buf) {
            eg_writer_put(&w->out, s, n);
            if (w->out.error)
                w->failed = true;
            return;
        }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void put_str(eg_xml_writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void put_indent(eg_xml_writer *w, size_t level)
{
    static const char spaces[] = "                                ";
    for (size_t n = 2 * level; n > 0;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        put(w, spaces, k);
        n -= k;
    }
}

/* Writes s escaped: in an attribute value (`attribute`) or as text. */
static void put_escaped(eg_xml_writer *w, const char *s, bool attribute)
{
    const char *run = s;
    for (;; s++) {
        unsigned char c = (unsigned char)*s;
        /* nearly every byte needs nothing: one test for them */
        if (c > '>' || (c >= ' ' && c != '<' && c != '>' && c != '&' && c != '"'))
            continue;
        const char *esc;
        switch (c) {
        case '\0': put(w, run, (size_t)(s - run)); return;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '&': esc = "&amp;"; break;
        case '"': esc = "&quot;"; break;
        case '\r': esc = "&#13;"; break;
        case '\t': esc = attribute ? "&#9;" : NULL; break;
        case '\n': esc = attribute ? "&#10;" : NULL; break;
        default: esc = NULL; break; /* xml_text let no other control through */
        }
        if (!esc)
            continue;
        put(w, run, (size_t)(s - run));
        put_str(w, esc);
        run = s + 1;
    }
}

/* The element being written is open ("<name" written): its start tag is
 * closed before content, with a line break before a child element. */
static void close_start_tag(eg_xml_writer *w, bool child)
{
    if (w->depth && w->open) {
        put(w, child ? ">\n" : ">", child ? 2 : 1);
        w->open = false;
    }
}

static const char *xml_safe(eg_xml_writer *w, const char *s)
{
    const char *text = xml_text(&w->scratch, s);
    if (!text) {
        w->failed = w->out_of_memory = true;
        return "";
    }
    return text;
}

eg_status eg_xml_writer_open(eg_xml_writer *w, FILE *fp, const char *what, eg_error *err)
{
    (void)what;
    (void)err;
    memset(w, 0, sizeof *w);
    w->out.fp = fp;
    eg_strbuf_init(&w->scratch);
    put_str(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    return EG_OK;
}

void eg_xml_start(eg_xml_writer *w, const char *name)
{
    if (w->failed)
        return;
    if (w->depth == EG_XML_MAX_DEPTH) {
        w->failed = w->too_deep = true;
        return;
    }
    close_start_tag(w, true);
    put_indent(w, w->depth);
    put(w, "<", 1);
    put_str(w, name);
    w->names[w->depth++] = name;
    w->open = true;
}

void eg_xml_end(eg_xml_writer *w)
{
    if (w->failed)
        return;
    if (!w->depth) {
        w->failed = true; /* no element to end: the caller's mistake */
        return;
    }
    const char *name = w->names[--w->depth];
    if (w->open) {
        put(w, "/>\n", 3);
        w->open = false;
    } else {
        if (w->indent_end)
            put_indent(w, w->depth);
        put(w, "</", 2);
        put_str(w, name);
        put(w, ">\n", 2);
    }
    w->indent_end = true;
}

void eg_xml_attribute(eg_xml_writer *w, const char *name, const char *value)
{
    if (w->failed)
        return;
    if (!w->open) {
        w->failed = true; /* an attribute after content: the caller's mistake */
        return;
    }
    const char *text = xml_safe(w, value);
    if (w->failed)
        return;
    put(w, " ", 1);
    put_str(w, name);
    put(w, "=\"", 2);
    put_escaped(w, text, true);
    put(w, "\"", 1);
}

void eg_xml_attribute_number(eg_xml_writer *w, const char *name, double value, bool integer)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    eg_xml_attribute(w, name, eg_graphml_format_number(value, integer, buf));
}

void eg_xml_string(eg_xml_writer *w, const char *text)
{
    if (w->failed)
        return;
    if (!w->depth) {
        w->failed = true; /* text outside the root: the caller's mistake */
        return;
    }
    const char *safe = xml_safe(w, text);
    if (w->failed)
        return;
    close_start_tag(w, false);
    put_escaped(w, safe, false);
    w->indent_end = false;
}

eg_status eg_xml_writer_close(eg_xml_writer *w, const char *what, eg_error *err)
{
    while (!w->failed && w->depth)
        eg_xml_end(w);
    if (w->len)
        flush_out(w);
    int error = eg_writer_finish(&w->out);
    eg_strbuf_release(&w->scratch);
    if (error)
        return eg_error_set(err, EG_EIO, "writing %s failed: %s", what, strerror(error));
    if (w->out_of_memory)
        return eg_error_set(err, EG_ENOMEM, "writing %s failed: out of memory", what);
    if (w->too_deep)
        return eg_error_set(err, EG_EINVAL, "writing %s failed: elements nested past %d", what,
                            EG_XML_MAX_DEPTH);
    if (w->failed)
        return eg_error_set(err, EG_EIO, "writing %s failed", what);
    return EG_OK;
}

/* --------------------------------------------------------------- writer */

/* Node keys written only when the network has a layout: the names Gephi's
 * GraphML importer reads as position, size and colour. */
static const char *const layout_keys[][2] = {
    {"x", "double"}, {"y", "double"}, {"size", "double"}, {"r", "int"}, {"g", "int"}, {"b", "int"},
};
#define N_LAYOUT_KEYS (sizeof layout_keys / sizeof layout_keys[0])
#define GRAPH_PREFIX "graph_"
#define KEY_ID_SIZE 160

typedef struct writer {
    eg_xml_writer x;
    char edge_ids[N_EDGE_KEYS][32]; /* key id of each edge_keys entry */
    eg_strbuf list;                 /* aliases joined */
} writer;

static void start(writer *w, const char *name)
{
    eg_xml_start(&w->x, name);
}

static void end(writer *w)
{
    eg_xml_end(&w->x);
}

static void attribute(writer *w, const char *name, const char *value)
{
    eg_xml_attribute(&w->x, name, value);
}

static void data(writer *w, const char *key, const char *value)
{
    start(w, "data");
    attribute(w, "key", key);
    eg_xml_string(&w->x, value);
    end(w);
}

static void data_number(writer *w, const char *key, double value, bool integer)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    data(w, key, eg_graphml_format_number(value, integer, buf));
}

static void data_count(writer *w, const char *key, size_t value)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    format_unsigned(value, buf);
    data(w, key, buf);
}

static void data_date(writer *w, const char *key, const char *date)
{
    if (date[0])
        data(w, key, date);
}

/* Optional text: no <data> at all when NULL or empty. */
static void data_optional(writer *w, const char *key, const char *value)
{
    if (value && value[0])
        data(w, key, value);
}

static void write_key(writer *w, const char *id, const char *name, const char *domain, const char *type)
{
    start(w, "key");
    attribute(w, "id", id);
    attribute(w, "for", domain);
    attribute(w, "attr.name", name);
    attribute(w, "attr.type", type);
    end(w);
}

static bool is_edge_id(const writer *w, const char *id)
{
    for (size_t i = 0; i < N_EDGE_KEYS; i++)
        if (strcmp(id, w->edge_ids[i]) == 0)
            return true;
    return false;
}

static bool is_node_key(const eg_network *net, const char *name, size_t n_metrics)
{
    for (size_t i = 0; i < N_NODE_KEYS; i++)
        if (strcmp(name, node_keys[i][0]) == 0)
            return true;
    for (size_t i = 0; i < n_metrics; i++)
        if (strcmp(name, net->metrics[i].name) == 0)
            return true;
    for (size_t i = 0; net->has_layout && i < N_LAYOUT_KEYS; i++)
        if (strcmp(name, layout_keys[i][0]) == 0)
            return true;
    return false;
}

/* The id of graph key i: its name, or "graph_<name>" when a node or edge key
 * has that id already. */
static const char *graph_key_id(const writer *w, const eg_network *net, size_t i, char id[KEY_ID_SIZE])
{
    const char *name = net->attrs[i].name;
    bool clash = is_node_key(net, name, net->n_metrics) || is_edge_id(w, name);
    snprintf(id, KEY_ID_SIZE, "%s%s", clash ? GRAPH_PREFIX : "", name);
    return id;
}

static void write_keys(writer *w, const eg_network *net)
{
    char id[KEY_ID_SIZE];
    for (size_t i = 0; i < net->n_attrs; i++) {
        const eg_graph_attr *attr = &net->attrs[i];
        write_key(w, graph_key_id(w, net, i, id), attr->name, "graph", attr->integer ? "int" : "double");
    }
    for (size_t i = 0; i < N_NODE_KEYS; i++)
        write_key(w, node_keys[i][0], node_keys[i][0], "node", node_keys[i][1]);
    for (size_t i = 0; i < net->n_metrics; i++) {
        const eg_metric *metric = &net->metrics[i];
        write_key(w, metric->name, metric->name, "node", metric->integer ? "int" : "double");
    }
    for (size_t i = 0; net->has_layout && i < N_LAYOUT_KEYS; i++)
        write_key(w, layout_keys[i][0], layout_keys[i][0], "node", layout_keys[i][1]);
    for (size_t i = 0; i < N_EDGE_KEYS; i++)
        write_key(w, w->edge_ids[i], edge_keys[i][0], "edge", edge_keys[i][1]);
}

static const char *join_aliases(writer *w, const eg_node *node)
{
    eg_strbuf_reset(&w->list);
    for (size_t i = 0; i < node->n_aliases; i++) {
        if (i)
            eg_strbuf_adds(&w->list, EG_LIST_SEP);
        eg_strbuf_adds(&w->list, node->aliases[i] ? node->aliases[i] : "");
    }
    if (eg_strbuf_status(&w->list) != EG_OK) {
        w->x.failed = w->x.out_of_memory = true;
        return "";
    }
    return w->list.buf;
}

static void write_node(writer *w, const eg_network *net, size_t index)
{
    const eg_node *node = &net->nodes[index];
    char id[EG_GRAPHML_NUMBER_SIZE];
    id[0] = 'n';
    format_unsigned(index, id + 1);
    start(w, "node");
    attribute(w, "id", id);
    data(w, "label", node->label);
    data(w, "type", eg_type_name(node->type));
    data(w, "aliases", join_aliases(w, node));
    data_count(w, "mentions", node->mentions);
    data_count(w, "documents", node->documents);
    data_date(w, "first_date", node->first_date);
    data_date(w, "last_date", node->last_date);
    data_optional(w, "website", node->website);
    for (size_t i = 0; i < net->n_metrics; i++)
        data_number(w, net->metrics[i].name, net->metrics[i].values[index], net->metrics[i].integer);
    if (net->has_layout) {
        data_number(w, "x", node->x, false);
        data_number(w, "y", node->y, false);
        data_number(w, "size", node->size, false);
        data_count(w, "r", node->r);
        data_count(w, "g", node->g);
        data_count(w, "b", node->b);
    }
    end(w);
}

static void write_edge(writer *w, const eg_edge *edge, size_t index)
{
    char id[EG_GRAPHML_NUMBER_SIZE], source[EG_GRAPHML_NUMBER_SIZE], target[EG_GRAPHML_NUMBER_SIZE];
    id[0] = 'e';
    format_unsigned(index, id + 1);
    source[0] = target[0] = 'n';
    format_unsigned(edge->source, source + 1);
    format_unsigned(edge->target, target + 1);
    start(w, "edge");
    attribute(w, "id", id);
    attribute(w, "source", source);
    attribute(w, "target", target);
    data(w, w->edge_ids[EK_KIND], eg_edge_kind_name(edge->kind));
    data_optional(w, w->edge_ids[EK_ROLE], edge->role);
    data_number(w, w->edge_ids[EK_WEIGHT], edge->weight, false);
    data_count(w, w->edge_ids[EK_DOCUMENTS], edge->documents);
    data_date(w, w->edge_ids[EK_FIRST_DATE], edge->first_date);
    data_date(w, w->edge_ids[EK_LAST_DATE], edge->last_date);
    data(w, w->edge_ids[EK_EVIDENCE], edge->evidence);
    if (edge->seats >= 0) {
        char seats[EG_GRAPHML_NUMBER_SIZE];
        snprintf(seats, sizeof seats, "%d", edge->seats);
        data(w, w->edge_ids[EK_SEATS], seats);
    }
    data_optional(w, w->edge_ids[EK_SEATS_HISTORY], edge->seats_history);
    data_number(w, w->edge_ids[EK_PMI], edge->pmi, false);
    end(w);
}

static void write_document(writer *w, const eg_network *net)
{
    char id[KEY_ID_SIZE];
    start(w, "graphml");
    attribute(w, "xmlns", GRAPHML_NS);
    attribute(w, "xmlns:xsi", XSI_NS);
    attribute(w, "xsi:schemaLocation", GRAPHML_SCHEMA_LOCATION);
    write_keys(w, net);
    start(w, "graph");
    attribute(w, "id", "G");
    /* Undirected, and no per-edge directed="true" either: networkx's
     * read_graphml raises "directed=true edge found in undirected graph."
     * on such an edge (checked with networkx 3.6.1; Gephi would honour it).
     * The subject of a directed kind is still the source, and `kind` says
     * which edges are directed. */
    attribute(w, "edgedefault", "undirected");
    for (size_t i = 0; i < net->n_attrs; i++)
        data_number(w, graph_key_id(w, net, i, id), net->attrs[i].value, net->attrs[i].integer);
    for (size_t i = 0; i < net->n_nodes && !w->x.failed; i++)
        write_node(w, net, i);
    for (size_t i = 0; i < net->n_edges && !w->x.failed; i++)
        write_edge(w, &net->edges[i], i);
    end(w);
    end(w);
}

/* Key ids are xs:NMTOKEN; ASCII name characters are all a metric needs. */
static bool is_key_id(const char *name)
{
    if (!name || !name[0] || strlen(name) >= KEY_ID_SIZE - strlen(GRAPH_PREFIX))
        return false;
    for (const char *p = name; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:", *p))
            return false;
    return true;
}

static void choose_edge_ids(writer *w, const eg_network *net)
{
    for (size_t i = 0; i < N_EDGE_KEYS; i++) {
        const char *name = edge_keys[i][0];
        bool clash = is_node_key(net, name, net->n_metrics);
        snprintf(w->edge_ids[i], sizeof w->edge_ids[i], "%s%s", clash ? EDGE_PREFIX : "", name);
    }
}

/* Checked up front so that a bad network fails before any byte is written. */
static eg_status check_network(const writer *w, const eg_network *net, eg_error *err)
{
    for (size_t i = 0; i < net->n_metrics; i++) {
        const char *name = net->metrics[i].name;
        if (!is_key_id(name))
            return eg_error_set(err, EG_EINVAL,
                                "metric name '%s' cannot be a GraphML key id "
                                "(use ASCII letters, digits, '_', '-', '.', ':')",
                                name ? name : "");
        if (is_node_key(net, name, i) || is_edge_id(w, name))
            return eg_error_set(err, EG_EINVAL, "metric name '%s' clashes with another GraphML key", name);
        for (size_t j = 0; net->has_layout && j < N_LAYOUT_KEYS; j++)
            if (strcmp(name, layout_keys[j][0]) == 0)
                return eg_error_set(err, EG_EINVAL, "metric name '%s' clashes with a layout key", name);
    }
    char id[KEY_ID_SIZE], other[KEY_ID_SIZE];
    for (size_t i = 0; i < net->n_attrs; i++) {
        const char *name = net->attrs[i].name;
        if (!is_key_id(name))
            return eg_error_set(err, EG_EINVAL,
                                "graph attribute name '%s' cannot be a GraphML key id "
                                "(use ASCII letters, digits, '_', '-', '.', ':')",
                                name ? name : "");
        graph_key_id(w, net, i, id);
        if (is_node_key(net, id, net->n_metrics) || is_edge_id(w, id))
            return eg_error_set(err, EG_EINVAL, "graph attribute name '%s' clashes with another GraphML key", name);
        for (size_t j = 0; j < i; j++)
            if (strcmp(id, graph_key_id(w, net, j, other)) == 0)
                return eg_error_set(err, EG_EINVAL, "graph attribute name '%s' is used twice", name);
    }
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *edge = &net->edges[i];
        if (edge->source >= net->n_nodes || edge->target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "edge %zu links node %zu to node %zu, but there are %zu nodes",
                                i, edge->source, edge->target, net->n_nodes);
    }
    return EG_OK;
}

static eg_status write_graphml(const eg_network *net, FILE *fp, eg_error *err)
{
    writer w;
    memset(&w, 0, sizeof w);
    eg_strbuf_init(&w.list);
    choose_edge_ids(&w, net);
    eg_status status = check_network(&w, net, err);
    if (status != EG_OK)
        return status;
    if ((status = eg_xml_writer_open(&w.x, fp, "GraphML", err)) != EG_OK)
        return status;
    write_document(&w, net);
    status = eg_xml_writer_close(&w.x, "GraphML", err);
    eg_strbuf_release(&w.list);
    return status;
}

eg_status eg_graphml_write(const eg_network *net, FILE *fp, eg_error *err)
{
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "GraphML: cannot create the C locale");
    eg_status status = write_graphml(net, fp, err);
    eg_c_locale_leave(&locale);
    return status;
}

/* --------------------------------------------------------------- reader */

/* What a <data> value sets. */
typedef enum field {
    F_NONE = 0, /* ignored */
    F_LABEL,
    F_TYPE,
    F_ALIASES,
    F_MENTIONS,
    F_DOCUMENTS,
    F_FIRST_DATE,
    F_LAST_DATE,
    F_METRIC,
    F_KIND,
    F_ROLE,
    F_WEIGHT,
    F_EVIDENCE,
    F_WEBSITE,
    F_SEATS,
    F_SEATS_HISTORY,
    F_PMI,
    F_X,
    F_Y,
    F_SIZE,
    F_R,
    F_G,
    F_B,
    F_GRAPH_ATTR
} field;

typedef struct key_info {
    field node_field; /* meaning on nodes */
    field edge_field; /* meaning on edges */
    size_t metric;    /* index into net->metrics when node_field is F_METRIC */
    char *graph_name; /* attr.name of a numeric graph key, else NULL */
    bool graph_integer;
} key_info;

typedef enum owner { OWNER_NONE, OWNER_NODE, OWNER_EDGE } owner;

typedef struct reader {
    xmlTextReaderPtr xml;
    FILE *fp;
    const char *path;
    eg_network *net;
    eg_error *err;
    eg_status status; /* first failure */
    int read_error;   /* errno of a failed fread */
    char xml_error[256]; /* first message of libxml2's parser */
    long xml_error_line;
    key_info *keys;
    size_t n_keys, cap_keys;
    eg_map *node_keys;  /* id of a key for nodes -> index into keys */
    eg_map *edge_keys;  /* the same for edges; networkx reuses ids across the two */
    eg_map *graph_keys; /* the same for the graph */
    eg_map *node_index; /* node id -> index into net->nodes */
    eg_map *metric_index; /* metric name -> index into net->metrics */
    eg_map *attr_index;   /* graph attribute name -> index into net->attrs */
    size_t cap_nodes, cap_edges, cap_attrs;
    bool seen_root, seen_graph;
    bool layout_x, layout_y; /* node keys x and y declared */
    int graph_depth;    /* depth of <graph> */
    owner owner;        /* what a <data> applies to */
    char *node_id;      /* id of the open node, its label by default */
    int data_depth;     /* depth of the open <data>, -1 when none */
    field data_field;
    size_t data_metric;
    eg_strbuf text;     /* the open <data>'s text */
} reader;

static long current_line(reader *r)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(r->xml);
    long line = node ? xmlGetLineNo(node) : -1;
    return line > 0 ? line : (long)xmlTextReaderGetParserLineNumber(r->xml);
}

/* Records the first failure as "path:line: message" and returns its code. */
static eg_status fail(reader *r, eg_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static eg_status fail(reader *r, eg_status code, const char *fmt, ...)
{
    if (r->status != EG_OK)
        return r->status;
    char message[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    r->status = code;
    if (code == EG_ENOMEM)
        eg_error_set(r->err, code, "%s: out of memory", r->path);
    else
        eg_error_set(r->err, code, "%s:%ld: %s", r->path, current_line(r), message);
    return code;
}

static int read_input(void *context, char *buffer, int len)
{
    reader *r = context;
    errno = 0;
    size_t n = fread(buffer, 1, (size_t)len, r->fp);
    if (n == 0 && ferror(r->fp)) {
        r->read_error = errno ? errno : EIO;
        return -1;
    }
    return (int)n;
}

static void on_xml_error(void *context, xmlErrorPtr error)
{
    reader *r = context;
    if (r->xml_error[0] || !error || error->level < XML_ERR_ERROR)
        return;
    snprintf(r->xml_error, sizeof r->xml_error, "%s", error->message ? error->message : "XML error");
    size_t len = strlen(r->xml_error);
    while (len && (r->xml_error[len - 1] == '\n' || r->xml_error[len - 1] == ' '))
        r->xml_error[--len] = '\0';
    r->xml_error_line = error->line;
}

/* An attribute of the current element, malloc'd by libxml2 (xmlFree it), or NULL. */
static char *get_attribute(reader *r, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(r->xml, BAD_CAST name);
}

static bool is_numeric_type(const char *type)
{
    return strcmp(type, "int") == 0 || strcmp(type, "long") == 0 || strcmp(type, "float") == 0 ||
           strcmp(type, "double") == 0;
}

static field node_field_named(const char *name)
{
    static const struct { const char *name; field field; } fields[] = {
        {"label", F_LABEL},         {"type", F_TYPE},           {"aliases", F_ALIASES},
        {"mentions", F_MENTIONS},   {"documents", F_DOCUMENTS}, {"first_date", F_FIRST_DATE},
        {"last_date", F_LAST_DATE}, {"website", F_WEBSITE},     {"x", F_X},
        {"y", F_Y},                 {"size", F_SIZE},           {"r", F_R},
        {"g", F_G},                 {"b", F_B},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(name, fields[i].name) == 0)
            return fields[i].field;
    return F_NONE;
}

static field edge_field_named(const char *name)
{
    static const struct { const char *name; field field; } fields[] = {
        {"kind", F_KIND},           {"role", F_ROLE},           {"weight", F_WEIGHT},
        {"documents", F_DOCUMENTS}, {"first_date", F_FIRST_DATE}, {"last_date", F_LAST_DATE},
        {"evidence", F_EVIDENCE},   {"seats", F_SEATS},         {"seats_history", F_SEATS_HISTORY},
        {"pmi", F_PMI},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (strcmp(name, fields[i].name) == 0)
            return fields[i].field;
    return F_NONE;
}

/* Metric value arrays are kept as long as the node array, so a node can be
 * added without touching them one by one; hence the cap on their number
 * (memory is metrics x nodes). Fails through fail(). */
static eg_status add_metric(reader *r, const char *name, bool integer, size_t *index)
{
    eg_network *net = r->net;
    *index = eg_map_get(r->metric_index, name);
    if (*index != EG_NONE)
        return EG_OK;
    if (net->n_metrics >= EG_GRAPHML_MAX_METRICS)
        return fail(r, EG_EINVAL,
                    "more than %d numeric node keys (metrics): key '%s' is one too many",
                    EG_GRAPHML_MAX_METRICS, name);
    eg_metric *grown = realloc(net->metrics, (net->n_metrics + 1) * sizeof *grown);
    if (!grown)
        return fail(r, EG_ENOMEM, "out of memory");
    net->metrics = grown;
    eg_metric metric = {eg_strdup(name), integer, calloc(r->cap_nodes ? r->cap_nodes : 1, sizeof(double))};
    if (!metric.name || !metric.values || eg_map_put(r->metric_index, name, net->n_metrics) != EG_OK) {
        free(metric.name);
        free(metric.values);
        return fail(r, EG_ENOMEM, "out of memory");
    }
    net->metrics[net->n_metrics] = metric;
    *index = net->n_metrics++;
    return EG_OK;
}

static eg_status add_key(reader *r, const char *id, const char *domain, const char *name, const char *type)
{
    bool all = strcmp(domain, "all") == 0;
    bool for_nodes = all || strcmp(domain, "node") == 0;
    bool for_edges = all || strcmp(domain, "edge") == 0;
    bool for_graph = all || strcmp(domain, "graph") == 0;
    if (!for_nodes && !for_edges && !for_graph)
        return EG_OK; /* graphml, port, hyperedge... keys carry nothing we keep */
    if ((for_nodes && eg_map_get(r->node_keys, id) != EG_NONE) ||
        (for_edges && eg_map_get(r->edge_keys, id) != EG_NONE) ||
        (for_graph && eg_map_get(r->graph_keys, id) != EG_NONE))
        return fail(r, EG_EPARSE, "key '%s' is declared twice", id);
    if (eg_grow(&r->keys, &r->cap_keys, r->n_keys + 1, sizeof *r->keys) != EG_OK)
        return fail(r, EG_ENOMEM, "out of memory");
    /* Kept from here on, so that whatever fails below, graph_name is freed. */
    size_t index = r->n_keys++;
    key_info *key = &r->keys[index];
    *key = (key_info){F_NONE, F_NONE, 0, NULL, false};
    if (for_graph && is_numeric_type(type)) {
        if (!(key->graph_name = eg_strdup(name)))
            return fail(r, EG_ENOMEM, "out of memory");
        key->graph_integer = strcmp(type, "int") == 0 || strcmp(type, "long") == 0;
    }
    if (for_nodes) {
        key->node_field = node_field_named(name);
        r->layout_x = r->layout_x || key->node_field == F_X;
        r->layout_y = r->layout_y || key->node_field == F_Y;
        if (key->node_field == F_NONE && is_numeric_type(type)) {
            bool integer = strcmp(type, "int") == 0 || strcmp(type, "long") == 0;
            if (add_metric(r, name, integer, &key->metric) != EG_OK)
                return r->status;
            key->node_field = F_METRIC;
        }
    }
    if (for_edges)
        key->edge_field = edge_field_named(name);
    if ((for_nodes && eg_map_put(r->node_keys, id, index) != EG_OK) ||
        (for_edges && eg_map_put(r->edge_keys, id, index) != EG_OK) ||
        (for_graph && eg_map_put(r->graph_keys, id, index) != EG_OK))
        return fail(r, EG_ENOMEM, "out of memory");
    return EG_OK;
}

static eg_status on_key(reader *r)
{
    char *id = get_attribute(r, "id");
    char *domain = get_attribute(r, "for");
    char *name = get_attribute(r, "attr.name");
    char *type = get_attribute(r, "attr.type");
    eg_status status;
    if (!id)
        status = fail(r, EG_EPARSE, "<key> without an id");
    else
        status = add_key(r, id, domain ? domain : "all", name ? name : id, type ? type : "string");
    xmlFree(id);
    xmlFree(domain);
    xmlFree(name);
    xmlFree(type);
    return status;
}

static eg_status grow_nodes(reader *r)
{
    eg_network *net = r->net;
    size_t old_cap = r->cap_nodes;
    if (eg_grow(&net->nodes, &r->cap_nodes, net->n_nodes + 1, sizeof *net->nodes) != EG_OK)
        return EG_ENOMEM;
    if (r->cap_nodes == old_cap)
        return EG_OK;
    for (size_t i = 0; i < net->n_metrics; i++) {
        double *values = realloc(net->metrics[i].values, r->cap_nodes * sizeof *values);
        if (!values)
            return EG_ENOMEM;
        memset(values + old_cap, 0, (r->cap_nodes - old_cap) * sizeof *values);
        net->metrics[i].values = values;
    }
    return EG_OK;
}

static eg_status on_node(reader *r)
{
    if (!r->seen_graph)
        return fail(r, EG_EPARSE, "<node> outside <graph>");
    if (r->owner != OWNER_NONE)
        return fail(r, EG_EPARSE, "nested graphs are not supported");
    char *id = get_attribute(r, "id");
    if (!id)
        return fail(r, EG_EPARSE, "<node> without an id");
    eg_network *net = r->net;
    eg_status status = EG_OK;
    if (eg_map_get(r->node_index, id) != EG_NONE)
        status = fail(r, EG_EPARSE, "node id '%s' is used twice", id);
    else if (grow_nodes(r) != EG_OK || eg_map_put(r->node_index, id, net->n_nodes) != EG_OK)
        status = fail(r, EG_ENOMEM, "out of memory");
    if (status != EG_OK) {
        xmlFree(id);
        return status;
    }
    memset(&net->nodes[net->n_nodes++], 0, sizeof *net->nodes);
    r->node_id = id;
    r->owner = OWNER_NODE;
    return EG_OK;
}

/* A node without a label data is shown under its id. */
static eg_status end_node(reader *r)
{
    eg_node *node = &r->net->nodes[r->net->n_nodes - 1];
    eg_status status = EG_OK;
    if (!node->label && !(node->label = eg_strdup(r->node_id)))
        status = fail(r, EG_ENOMEM, "out of memory");
    xmlFree(r->node_id);
    r->node_id = NULL;
    r->owner = OWNER_NONE;
    return status;
}

static eg_status resolve_node(reader *r, const char *attribute, size_t *index)
{
    char *id = get_attribute(r, attribute);
    if (!id)
        return fail(r, EG_EPARSE, "<edge> without a %s", attribute);
    *index = eg_map_get(r->node_index, id);
    eg_status status = EG_OK;
    if (*index == EG_NONE)
        status = fail(r, EG_EPARSE, "edge %s '%s' is not a node declared before it", attribute, id);
    xmlFree(id);
    return status;
}

static eg_status on_edge(reader *r)
{
    if (!r->seen_graph)
        return fail(r, EG_EPARSE, "<edge> outside <graph>");
    if (r->owner != OWNER_NONE)
        return fail(r, EG_EPARSE, "nested graphs are not supported");
    size_t source, target;
    if (resolve_node(r, "source", &source) != EG_OK || resolve_node(r, "target", &target) != EG_OK)
        return r->status;
    eg_network *net = r->net;
    if (eg_grow(&net->edges, &r->cap_edges, net->n_edges + 1, sizeof *net->edges) != EG_OK)
        return fail(r, EG_ENOMEM, "out of memory");
    eg_edge *edge = &net->edges[net->n_edges++];
    memset(edge, 0, sizeof *edge);
    edge->source = source;
    edge->target = target;
    edge->kind = EG_EDGE_CO_MENTION;
    edge->seats = -1;
    r->owner = OWNER_EDGE;
    return EG_OK;
}

/* <data> right inside <graph> (not under <graphml>): a numeric graph key's
 * value becomes a graph attribute; other keys are skipped. */
static eg_status on_graph_data(reader *r)
{
    if (!r->seen_graph || r->data_depth != r->graph_depth + 1)
        return EG_OK;
    char *id = get_attribute(r, "key");
    size_t index = id ? eg_map_get(r->graph_keys, id) : EG_NONE;
    eg_status status = EG_OK;
    if (!id)
        status = fail(r, EG_EPARSE, "<data> without a key");
    else if (index == EG_NONE)
        status = fail(r, EG_EPARSE, "<data> refers to key '%s', not declared for graphs", id);
    else if (r->keys[index].graph_name) {
        r->data_field = F_GRAPH_ATTR;
        r->data_metric = index;
    }
    xmlFree(id);
    return status;
}

static eg_status on_data(reader *r)
{
    r->data_depth = xmlTextReaderDepth(r->xml);
    r->data_field = F_NONE;
    eg_strbuf_reset(&r->text);
    if (r->owner == OWNER_NONE)
        return on_graph_data(r);
    char *id = get_attribute(r, "key");
    eg_map *keys = r->owner == OWNER_NODE ? r->node_keys : r->edge_keys;
    size_t index = id ? eg_map_get(keys, id) : EG_NONE;
    eg_status status = EG_OK;
    if (!id)
        status = fail(r, EG_EPARSE, "<data> without a key");
    else if (index == EG_NONE)
        status = fail(r, EG_EPARSE, "<data> refers to key '%s', not declared for %ss", id,
                      r->owner == OWNER_NODE ? "node" : "edge");
    xmlFree(id);
    if (status != EG_OK)
        return status;
    const key_info *key = &r->keys[index];
    r->data_field = r->owner == OWNER_NODE ? key->node_field : key->edge_field;
    r->data_metric = key->metric;
    return EG_OK;
}

static eg_status parse_count(reader *r, const char *text, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    if (end == text || *end || errno || strchr(text, '-') || value > SIZE_MAX)
        return fail(r, EG_EPARSE, "'%s' is not a count", text);
    *out = (size_t)value;
    return EG_OK;
}

static eg_status parse_double(reader *r, const char *text, double *out)
{
    char *end;
    double value = strtod(text, &end);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    if (end == text || *end)
        return fail(r, EG_EPARSE, "'%s' is not a number", text);
    *out = value;
    return EG_OK;
}

/* A whole number of seats; a negative one means none (-1). */
static eg_status parse_seats(reader *r, const char *text, int *out)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    if (end == text || *end || errno || value > INT_MAX)
        return fail(r, EG_EPARSE, "'%s' is not a number of seats", text);
    *out = value < 0 ? -1 : (int)value;
    return EG_OK;
}

static eg_status parse_date(reader *r, const char *text, char out[11])
{
    size_t len = strlen(text);
    if (len > 10)
        return fail(r, EG_EPARSE, "'%s' is not a date (YYYY-MM-DD)", text);
    memcpy(out, text, len + 1);
    return EG_OK;
}

/* A colour channel, clamped to 0..255. */
static eg_status parse_channel(reader *r, const char *text, unsigned char *out)
{
    double value = 0; /* (set by parse_double; GCC -O3 cannot tell) */
    if (parse_double(r, text, &value) != EG_OK)
        return r->status;
    value = isnan(value) ? 0 : round(value);
    *out = (unsigned char)(value < 0 ? 0 : value > 255 ? 255 : value);
    return EG_OK;
}

/* Replaces *slot with a copy of text, or NULL when text is empty. */
static eg_status set_string(reader *r, char **slot, const char *text, bool empty_is_null)
{
    free(*slot);
    *slot = NULL;
    if (empty_is_null && !text[0])
        return EG_OK;
    if (!(*slot = eg_strdup(text)))
        return fail(r, EG_ENOMEM, "out of memory");
    return EG_OK;
}

/* A text in the network's pool (an edge's evidence); empty is NULL. */
static eg_status set_text(reader *r, const char **slot, const char *text)
{
    *slot = NULL;
    if (!text[0])
        return EG_OK;
    if (!(*slot = eg_network_text(r->net, text)))
        return fail(r, EG_ENOMEM, "out of memory");
    return EG_OK;
}

static eg_status set_aliases(reader *r, eg_node *node, const char *text)
{
    for (size_t i = 0; i < node->n_aliases; i++)
        free(node->aliases[i]);
    free(node->aliases);
    node->aliases = NULL;
    node->n_aliases = 0;
    if (!text[0])
        return EG_OK;
    size_t count = 1;
    for (const char *p = strstr(text, EG_LIST_SEP); p; p = strstr(p + 1, EG_LIST_SEP))
        count++;
    if (!(node->aliases = calloc(count, sizeof *node->aliases)))
        return fail(r, EG_ENOMEM, "out of memory");
    const char *start = text;
    for (size_t i = 0; i < count; i++) {
        const char *sep = strstr(start, EG_LIST_SEP);
        size_t len = sep ? (size_t)(sep - start) : strlen(start);
        if (!(node->aliases[i] = eg_strndup(start, len)))
            return fail(r, EG_ENOMEM, "out of memory");
        node->n_aliases++;
        start += len + strlen(EG_LIST_SEP);
    }
    return EG_OK;
}

static eg_status set_node_field(reader *r, const char *text)
{
    size_t index = r->net->n_nodes - 1;
    eg_node *node = &r->net->nodes[index];
    switch (r->data_field) {
    case F_LABEL: return set_string(r, &node->label, text, false);
    case F_TYPE:
        if (!eg_type_parse(text, &node->type))
            return fail(r, EG_EPARSE, "'%s' is not a node type", text);
        return EG_OK;
    case F_ALIASES: return set_aliases(r, node, text);
    case F_MENTIONS: return parse_count(r, text, &node->mentions);
    case F_DOCUMENTS: return parse_count(r, text, &node->documents);
    case F_FIRST_DATE: return parse_date(r, text, node->first_date);
    case F_LAST_DATE: return parse_date(r, text, node->last_date);
    case F_WEBSITE: return set_string(r, &node->website, text, true);
    case F_METRIC: return parse_double(r, text, &r->net->metrics[r->data_metric].values[index]);
    case F_X: return parse_double(r, text, &node->x);
    case F_Y: return parse_double(r, text, &node->y);
    case F_SIZE: return parse_double(r, text, &node->size);
    case F_R: return parse_channel(r, text, &node->r);
    case F_G: return parse_channel(r, text, &node->g);
    case F_B: return parse_channel(r, text, &node->b);
    default: return EG_OK;
    }
}

/* As eg_network_set_attr, with the names in a map: its linear search would
 * make a file of many graph keys quadratic. */
static eg_status set_graph_attr(reader *r, const char *text)
{
    const key_info *key = &r->keys[r->data_metric];
    eg_network *net = r->net;
    double value = 0; /* (set by parse_double; GCC -O3 cannot tell) */
    if (parse_double(r, text, &value) != EG_OK)
        return r->status;
    size_t i = eg_map_get(r->attr_index, key->graph_name);
    if (i == EG_NONE) {
        if (eg_grow(&net->attrs, &r->cap_attrs, net->n_attrs + 1, sizeof *net->attrs) != EG_OK)
            return fail(r, EG_ENOMEM, "out of memory");
        char *name = eg_strdup(key->graph_name);
        if (!name || eg_map_put(r->attr_index, name, net->n_attrs) != EG_OK) {
            free(name);
            return fail(r, EG_ENOMEM, "out of memory");
        }
        i = net->n_attrs++;
        net->attrs[i].name = name;
    }
    net->attrs[i].value = value;
    net->attrs[i].integer = key->graph_integer;
    return EG_OK;
}

static eg_status set_edge_field(reader *r, const char *text)
{
    eg_edge *edge = &r->net->edges[r->net->n_edges - 1];
    switch (r->data_field) {
    case F_KIND:
        if (!eg_edge_kind_parse(text, &edge->kind))
            edge->kind = EG_EDGE_CO_MENTION;
        return EG_OK;
    case F_ROLE: return set_string(r, &edge->role, text, true);
    case F_WEIGHT: return parse_double(r, text, &edge->weight);
    case F_DOCUMENTS: return parse_count(r, text, &edge->documents);
    case F_FIRST_DATE: return parse_date(r, text, edge->first_date);
    case F_LAST_DATE: return parse_date(r, text, edge->last_date);
    case F_EVIDENCE: return set_text(r, &edge->evidence, text);
    case F_SEATS: return parse_seats(r, text, &edge->seats);
    case F_SEATS_HISTORY: return set_string(r, &edge->seats_history, text, true);
    case F_PMI: return parse_double(r, text, &edge->pmi);
    default: return EG_OK;
    }
}

static eg_status end_data(reader *r)
{
    r->data_depth = -1;
    if (eg_strbuf_status(&r->text) != EG_OK)
        return fail(r, EG_ENOMEM, "out of memory");
    if (r->owner == OWNER_NODE)
        return set_node_field(r, r->text.buf);
    if (r->owner == OWNER_EDGE)
        return set_edge_field(r, r->text.buf);
    if (r->data_field == F_GRAPH_ATTR)
        return set_graph_attr(r, r->text.buf);
    return EG_OK;
}

static eg_status on_root(reader *r, const char *name)
{
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r->xml);
    if (strcmp(name, "graphml") != 0 || (ns && strcmp(ns, GRAPHML_NS) != 0))
        return fail(r, EG_EPARSE, "not a GraphML file: the root element is <%s>%s%s", name,
                    ns ? " in namespace " : "", ns ? ns : "");
    r->seen_root = true;
    return EG_OK;
}

static eg_status on_graph(reader *r)
{
    if (r->owner != OWNER_NONE)
        return fail(r, EG_EPARSE, "nested graphs are not supported");
    if (r->seen_graph)
        return fail(r, EG_EPARSE, "more than one <graph> (only one is supported)");
    r->seen_graph = true;
    r->graph_depth = xmlTextReaderDepth(r->xml);
    return EG_OK;
}

static eg_status on_start(reader *r)
{
    const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
    if (!name)
        return fail(r, EG_ENOMEM, "out of memory");
    if (!r->seen_root)
        return on_root(r, name);
    if (r->data_depth >= 0)
        return EG_OK; /* markup inside <data> (yEd graphics): only its text counts */
    if (strcmp(name, "key") == 0)
        return on_key(r);
    if (strcmp(name, "graph") == 0)
        return on_graph(r);
    if (strcmp(name, "node") == 0)
        return on_node(r);
    if (strcmp(name, "edge") == 0)
        return on_edge(r);
    if (strcmp(name, "data") == 0)
        return on_data(r);
    return EG_OK;
}

static eg_status on_end(reader *r)
{
    const char *name = (const char *)xmlTextReaderConstLocalName(r->xml);
    if (!name)
        return fail(r, EG_ENOMEM, "out of memory");
    if (r->data_depth >= 0) {
        if (xmlTextReaderDepth(r->xml) == r->data_depth)
            return end_data(r);
        return EG_OK;
    }
    if (strcmp(name, "node") == 0 && r->owner == OWNER_NODE)
        return end_node(r);
    if (strcmp(name, "edge") == 0 && r->owner == OWNER_EDGE)
        r->owner = OWNER_NONE;
    return EG_OK;
}

static eg_status on_event(reader *r)
{
    switch (xmlTextReaderNodeType(r->xml)) {
    case XML_READER_TYPE_ELEMENT:
        if (on_start(r) != EG_OK)
            return r->status;
        return xmlTextReaderIsEmptyElement(r->xml) == 1 ? on_end(r) : EG_OK;
    case XML_READER_TYPE_END_ELEMENT: return on_end(r);
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        if (r->data_depth >= 0)
            eg_strbuf_adds(&r->text, (const char *)xmlTextReaderConstValue(r->xml));
        return EG_OK;
    default: return EG_OK;
    }
}

static eg_status parse_failure(reader *r)
{
    if (r->read_error)
        return eg_error_set(r->err, EG_EIO, "%s: read failed: %s", r->path, strerror(r->read_error));
    const char *what = r->xml_error[0] ? r->xml_error : "not well-formed XML";
    long line = r->xml_error[0] ? r->xml_error_line : (long)xmlTextReaderGetParserLineNumber(r->xml);
    return eg_error_set(r->err, EG_EPARSE, "%s:%ld: not a GraphML file: %s", r->path, line, what);
}

static eg_status read_events(reader *r)
{
    int rc;
    while ((rc = xmlTextReaderRead(r->xml)) == 1)
        if (on_event(r) != EG_OK)
            return r->status;
    if (rc < 0)
        return parse_failure(r);
    if (!r->seen_graph)
        return eg_error_set(r->err, EG_EPARSE, "%s: not a GraphML file: no <graph> element", r->path);
    r->net->has_layout = r->layout_x && r->layout_y;
    return EG_OK;
}

static eg_status read_graphml(reader *r)
{
    /* NONET: a GraphML file has no business fetching anything; entities are
     * not substituted, so no external entity is read either. */
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
    r->node_keys = eg_map_new(64);
    r->edge_keys = eg_map_new(64);
    r->graph_keys = eg_map_new(16);
    r->node_index = eg_map_new(1024);
    r->metric_index = eg_map_new(64);
    r->attr_index = eg_map_new(16);
    if (!r->node_keys || !r->edge_keys || !r->graph_keys || !r->node_index || !r->metric_index ||
        !r->attr_index)
        return eg_error_set(r->err, EG_ENOMEM, "%s: out of memory", r->path);
    r->xml = xmlReaderForIO(read_input, NULL, r, r->path, NULL, options);
    if (!r->xml)
        return eg_error_set(r->err, EG_ENOMEM, "%s: cannot create an XML reader", r->path);
    xmlTextReaderSetStructuredErrorHandler(r->xml, on_xml_error, r);
    return read_events(r);
}

eg_status eg_graphml_read(FILE *fp, const char *path, eg_network *net, eg_error *err)
{
    reader r = {0};
    r.fp = fp;
    r.path = path ? path : "(GraphML)";
    r.net = net;
    r.err = err;
    r.data_depth = -1;
    eg_strbuf_init(&r.text);
    eg_network_init(net);

    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "%s: cannot create the C locale", r.path);
    eg_status status = read_graphml(&r);
    eg_c_locale_leave(&locale);

    xmlFreeTextReader(r.xml);
    xmlFree(r.node_id);
    eg_map_free(r.node_keys);
    eg_map_free(r.edge_keys);
    eg_map_free(r.graph_keys);
    eg_map_free(r.node_index);
    eg_map_free(r.metric_index);
    eg_map_free(r.attr_index);
    for (size_t i = 0; i < r.n_keys; i++)
        free(r.keys[i].graph_name);
    free(r.keys);
    eg_strbuf_release(&r.text);
    if (status != EG_OK)
        eg_network_release(net);
    return status;
}
