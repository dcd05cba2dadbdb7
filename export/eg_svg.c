#include "eg_svg.h"

#include "eg_layout.h"

#include <errno.h>
#include <libxml/chvalid.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SVG_NS "http://www.w3.org/2000/svg"
#define FONTS "DejaVu Sans, Helvetica, Arial, sans-serif"
#define DEFAULT_TITLE "entigraph network"
#define DEFAULT_LABELS 20

/* The canvas: title band on top, plot area on the left, legend on the right. */
#define PLOT_X 20.0
#define PLOT_Y 84.0
#define PLOT_W (EG_SVG_WIDTH - 300.0)
#define PLOT_H (EG_SVG_HEIGHT - PLOT_Y - 20.0)
#define LEGEND_X (EG_SVG_WIDTH - 264.0)
#define LEGEND_W 244.0
#define ARROW 10.0   /* arrowhead length, user units */
#define SHORT_MAX 30 /* characters of a short label */
#define ALWAYS_LABELLED 5 /* the largest nodes, labelled in bold even when crowded */

/* Edge kinds: dark, saturated colours that the node colours do not use. */
static const char *const kind_colors[EG_EDGE_KIND_COUNT] = {
    "#d55e00", /* role: vermillion */
    "#c51b7d", /* delegation: magenta */
    "#1b7837", /* adopted: green */
    "#35978f", /* signed: teal */
    "#8c6d31", /* developed: ochre */
    "#4d9221", /* approved: olive */
    "#5e3c99", /* part_of: indigo */
    "#7f3b08", /* country_of: brown */
    "#9a9a9a", /* co_mention: grey */
};

const char *eg_svg_kind_color(eg_edge_kind kind)
{
    return (unsigned)kind < EG_EDGE_KIND_COUNT ? kind_colors[kind] : kind_colors[EG_EDGE_CO_MENTION];
}

/* ------------------------------------------------------------- placement */

static double finite_or_zero(double v)
{
    return isfinite(v) ? v : 0.0;
}

/* The value that sizes a node: its layout size, or without a layout its
 * PageRank when computed, else 1. */
static double size_of(const eg_network *net, const eg_metric *pagerank, size_t i)
{
    double s = net->has_layout ? net->nodes[i].size : pagerank ? pagerank->values[i] : 1.0;
    s = finite_or_zero(s);
    return s > 0 ? s : 0;
}

eg_status eg_svg_place(const eg_network *net, double width, double height, eg_svg_node **out)
{
    return eg_svg_place_fitted(net, width, height, NULL, out);
}

eg_status eg_svg_place_fitted(const eg_network *net, double width, double height, const bool *fit,
                              eg_svg_node **out)
{
    *out = NULL;
    size_t n = net->n_nodes;
    if (n == 0)
        return EG_OK;
    eg_svg_node *places = calloc(n, sizeof *places);
    if (!places)
        return EG_ENOMEM;

    double side = width < height ? width : height;
    double rmax = side / (3.0 * sqrt((double)n));
    rmax = rmax < 6 ? 6 : rmax > 26 ? 26 : rmax;
    double rmin = rmax / 5 < 2.5 ? 2.5 : rmax / 5;
    const eg_metric *pagerank = eg_network_metric(net, "pagerank");

    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    double smin = INFINITY, smax = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        /* the nodes' own drawing, or the circle of eg_layout_node_look without a layout */
        eg_node_look look = eg_layout_node_look(net, i);
        double x = finite_or_zero(look.x), y = finite_or_zero(look.y);
        places[i].x = x;
        places[i].y = y;
        places[i].r = look.r;
        places[i].g = look.g;
        places[i].b = look.b;
        if (!fit || fit[i]) {
            xmin = fmin(xmin, x);
            xmax = fmax(xmax, x);
            ymin = fmin(ymin, y);
            ymax = fmax(ymax, y);
        }
        double s = size_of(net, pagerank, i);
        smin = fmin(smin, s);
        smax = fmax(smax, s);
    }

    double margin = rmax + 8;
    double dx = xmax - xmin, dy = ymax - ymin;
    double sx = dx > 0 ? (width - 2 * margin) / dx : INFINITY;
    double sy = dy > 0 ? (height - 2 * margin) / dy : INFINITY;
    double scale = fmin(sx, sy);
    if (!isfinite(scale) || scale < 0)
        scale = 0;
    double xc = (xmin + xmax) / 2, yc = (ymin + ymax) / 2;

    for (size_t i = 0; i < n; i++) {
        eg_svg_node *p = &places[i];
        p->x = width / 2 + (p->x - xc) * scale;
        p->y = height / 2 - (p->y - yc) * scale;
        double s = size_of(net, pagerank, i);
        double t = smax > smin ? (s - smin) / (smax - smin) : 0.5;
        p->radius = rmin + (rmax - rmin) * t;
    }
    *out = places;
    return EG_OK;
}

bool eg_svg_colors_by_type(const eg_network *net, const eg_svg_node *places,
                           unsigned char type_rgb[EG_TYPE_COUNT][3])
{
    bool seen[EG_TYPE_COUNT] = {false};
    unsigned char rgb[EG_TYPE_COUNT][3];
    for (size_t i = 0; i < net->n_nodes; i++) {
        unsigned t = (unsigned)net->nodes[i].type;
        if (t >= EG_TYPE_COUNT)
            return false;
        const eg_svg_node *p = &places[i];
        if (!seen[t]) {
            seen[t] = true;
            rgb[t][0] = p->r;
            rgb[t][1] = p->g;
            rgb[t][2] = p->b;
        } else if (rgb[t][0] != p->r || rgb[t][1] != p->g || rgb[t][2] != p->b) {
            return false;
        }
    }
    for (unsigned t = 0; t < EG_TYPE_COUNT; t++)
        if (seen[t])
            memcpy(type_rgb[t], rgb[t], 3);
    return true;
}

double eg_svg_edge_width(const eg_edge *edge)
{
    double weight = finite_or_zero(edge->weight);
    double w = 0.8 + (weight > 1 ? 0.7 * log2(weight) : 0);
    return w > 4.5 ? 4.5 : w;
}

/* Number of characters (code points) in s; bytes of bad sequences count one each. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Whether every word of alias is a word of label or in capitals (an
 * acronym): "CSTO Parliamentary Assembly" shortens "Parliamentary Assembly
 * of the CSTO", but a longer name the extractor joined to it ("CSTO
 * Members") says something the label does not. */
static bool words_of_label(const char *alias, const char *label)
{
    const char *w = alias;
    while (*w) {
        while (*w == ' ')
            w++;
        const char *e = w;
        bool caps = true;
        while (*e && *e != ' ') {
            if (*e >= 'a' && *e <= 'z')
                caps = false;
            e++;
        }
        if (e == w)
            break;
        bool found = caps;
        size_t len = (size_t)(e - w);
        for (const char *p = label; !found && *p; p++)
            found = (p == label || p[-1] == ' ') && strncmp(p, w, len) == 0 && (p[len] == ' ' || !p[len]);
        if (!found)
            return false;
        w = e;
    }
    return true;
}

void eg_svg_short_label(const eg_node *node, eg_strbuf *out)
{
    const char *label = node->label ? node->label : "";
    if (utf8_chars(label) <= SHORT_MAX) {
        eg_strbuf_adds(out, label);
        return;
    }
    /* its longest shortening of two words or more ("CSTO Parliamentary
     * Assembly"), else an acronym of it ("CSTO"); one word alone is mostly
     * a head word ("Assembly") */
    const char *best = NULL;
    size_t best_len = 0;
    for (int pass = 0; pass < 2 && !best; pass++)
        for (size_t i = 0; i < node->n_aliases; i++) {
            const char *alias = node->aliases[i];
            size_t len = alias ? utf8_chars(alias) : 0;
            if (len < 2 || len > SHORT_MAX || len <= best_len || !words_of_label(alias, label))
                continue;
            bool caps = true, spaced = false;
            for (const char *c = alias; *c; c++) {
                caps = caps && !(*c >= 'a' && *c <= 'z');
                spaced = spaced || *c == ' ';
            }
            if (pass == 0 ? spaced : caps) {
                best = alias;
                best_len = len;
            }
        }
    if (best) {
        eg_strbuf_adds(out, best);
        return;
    }
    /* Cut at a character boundary, drop a trailing space, add an ellipsis. */
    size_t chars = 0, cut = 0;
    for (const char *p = label; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80) {
            if (chars == SHORT_MAX - 1) {
                cut = (size_t)(p - label);
                break;
            }
            chars++;
        }
    }
    while (cut > 0 && label[cut - 1] == ' ')
        cut--;
    eg_strbuf_add(out, label, cut);
    eg_strbuf_adds(out, "\xE2\x80\xA6");
}

/* Sort context for eg_svg_top_nodes and the drawing order (qsort has none). */
typedef struct ranked {
    size_t index;
    double radius;
    size_t mentions;
} ranked;

static int by_size_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->radius != y->radius)
        return x->radius > y->radius ? -1 : 1;
    if (x->mentions != y->mentions)
        return x->mentions > y->mentions ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static ranked *rank_nodes(const eg_network *net, const eg_svg_node *places)
{
    ranked *order = calloc(net->n_nodes ? net->n_nodes : 1, sizeof *order);
    if (!order)
        return NULL;
    for (size_t i = 0; i < net->n_nodes; i++)
        order[i] = (ranked){i, places[i].radius, net->nodes[i].mentions};
    qsort(order, net->n_nodes, sizeof *order, by_size_desc);
    return order;
}

eg_status eg_svg_top_nodes(const eg_network *net, const eg_svg_node *places, size_t top,
                           size_t **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t n = top < net->n_nodes ? top : net->n_nodes;
    if (n == 0)
        return EG_OK;
    ranked *order = rank_nodes(net, places);
    size_t *indexes = malloc(n * sizeof *indexes);
    if (!order || !indexes) {
        free(order);
        free(indexes);
        return EG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        indexes[i] = order[i].index;
    free(order);
    *out = indexes;
    *count = n;
    return EG_OK;
}

/* ------------------------------------------------------------ XML text */

static int utf8_length(int cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Length of the character at s when XML may carry it in canonical UTF-8, else 0. */
static int xml_char_length(const char *s)
{
    int len = 4; /* s is NUL-terminated, and a NUL stops the decoder */
    int cp = xmlGetUTF8Char((const unsigned char *)s, &len);
    if (cp < 0 || !xmlIsCharQ(cp) || utf8_length(cp) != len)
        return 0;
    return len;
}

/* ---------------------------------------------------------------- writer */

/* libxml2's output callback: bytes go to the caller's FILE* through an
 * eg_writer, which keeps the first failure's errno. */
static int sink_write(void *context, const char *buffer, int len)
{
    if (len > 0)
        eg_writer_put(context, buffer, (size_t)len);
    /* Claim success either way: libxml2 would print a failure on stderr; ours
     * is kept in the eg_writer. */
    return len;
}

/* An xmlTextWriter that remembers its first failure; after one, every call
 * is a no-op, so the picture is written straight through and checked once. */
typedef struct writer {
    xmlTextWriterPtr xml;
    const eg_writer *out;
    eg_strbuf scratch; /* text made safe for XML */
    eg_strbuf text;    /* text being composed */
    bool failed;
    bool out_of_memory;
} writer;

static void check(writer *w, int rc)
{
    if (rc < 0 || w->out->error)
        w->failed = true;
}

/* `s` itself when XML can carry it, else a copy with U+FFFD for each bad byte. */
static const char *safe(writer *w, const char *s)
{
    if (!s)
        return "";
    const char *p = s;
    while (*p) {
        int len = xml_char_length(p);
        if (!len)
            break;
        p += len;
    }
    if (!*p)
        return s;
    eg_strbuf_reset(&w->scratch);
    for (p = s; *p;) {
        int len = xml_char_length(p);
        if (len) {
            eg_strbuf_add(&w->scratch, p, (size_t)len);
            p += len;
        } else {
            eg_strbuf_adds(&w->scratch, "\xEF\xBF\xBD");
            p++;
        }
    }
    if (eg_strbuf_status(&w->scratch) != EG_OK) {
        w->failed = w->out_of_memory = true;
        return "";
    }
    return w->scratch.buf;
}

static void start(writer *w, const char *name)
{
    if (!w->failed)
        check(w, xmlTextWriterStartElement(w->xml, BAD_CAST name));
}

static void end(writer *w)
{
    if (!w->failed)
        check(w, xmlTextWriterEndElement(w->xml));
}

static void attr(writer *w, const char *name, const char *value)
{
    if (w->failed)
        return;
    const char *text = safe(w, value);
    if (!w->failed)
        check(w, xmlTextWriterWriteAttribute(w->xml, BAD_CAST name, BAD_CAST text));
}

/* Fixed precision, C locale (the caller's thread is in it); never "-0.00". */
static void attr_num(writer *w, const char *name, double value)
{
    char buf[64];
    value = finite_or_zero(value);
    if (fabs(value) < 0.005)
        value = 0;
    snprintf(buf, sizeof buf, "%.2f", value);
    attr(w, name, buf);
}

static void text(writer *w, const char *s)
{
    if (w->failed)
        return;
    const char *t = safe(w, s);
    if (!w->failed)
        check(w, xmlTextWriterWriteString(w->xml, BAD_CAST t));
}

/* <name>text</name> */
static void element_text(writer *w, const char *name, const char *s)
{
    start(w, name);
    text(w, s);
    end(w);
}

static const char *composed(writer *w)
{
    if (eg_strbuf_status(&w->text) != EG_OK) {
        w->failed = w->out_of_memory = true;
        return "";
    }
    return w->text.buf;
}

static void rgb_hex(char buf[8], unsigned char r, unsigned char g, unsigned char b)
{
    snprintf(buf, 8, "#%02x%02x%02x", r, g, b);
}

/* ---------------------------------------------------------------- picture */

typedef struct picture {
    const eg_network *net;
    const eg_svg_node *places; /* in plot coordinates */
    const bool *shown;         /* per node: drawn (NULL: all are) */
    size_t n_hidden, n_hidden_parts;
    size_t type_count[EG_TYPE_COUNT];
    size_t kind_count[EG_EDGE_KIND_COUNT];
    size_t label_top;
    const char *title;
} picture;

static double px(double x)
{
    return PLOT_X + x;
}

static double py(double y)
{
    return PLOT_Y + y;
}

static void write_markers(writer *w, const picture *pic)
{
    start(w, "defs");
    for (unsigned k = 0; k < EG_EDGE_KIND_COUNT; k++) {
        if (k == EG_EDGE_CO_MENTION || !pic->kind_count[k])
            continue;
        char id[64];
        snprintf(id, sizeof id, "arrow-%s", eg_edge_kind_name((eg_edge_kind)k));
        start(w, "marker");
        attr(w, "id", id);
        attr(w, "viewBox", "0 0 10 10");
        attr_num(w, "refX", 0);
        attr_num(w, "refY", 5);
        attr(w, "markerUnits", "userSpaceOnUse");
        attr_num(w, "markerWidth", 10);
        attr_num(w, "markerHeight", 10);
        attr(w, "orient", "auto");
        start(w, "path");
        attr(w, "d", "M0,1L10,5L0,9z");
        attr(w, "fill", eg_svg_kind_color((eg_edge_kind)k));
        end(w);
        end(w);
    }
    end(w);
}

static void write_header(writer *w, const picture *pic)
{
    const eg_network *net = pic->net;
    start(w, "rect");
    attr(w, "width", "100%");
    attr(w, "height", "100%");
    attr(w, "fill", "#ffffff");
    end(w);

    start(w, "text");
    attr_num(w, "x", 28);
    attr_num(w, "y", 44);
    attr_num(w, "font-size", 24);
    attr(w, "font-weight", "bold");
    attr(w, "fill", "#1a1a1a");
    text(w, pic->title);
    end(w);

    /* counts and the span of dates */
    char first[11] = "", last[11] = "";
    for (size_t i = 0; i < net->n_nodes; i++) {
        const eg_node *nd = &net->nodes[i];
        if (nd->first_date[0] && (!first[0] || strcmp(nd->first_date, first) < 0))
            memcpy(first, nd->first_date, sizeof first);
        if (nd->last_date[0] && strcmp(nd->last_date, last) > 0)
            memcpy(last, nd->last_date, sizeof last);
    }
    eg_strbuf_reset(&w->text);
    eg_strbuf_addf(&w->text, "%zu entities \xC2\xB7 %zu relations \xC2\xB7 %zu document%s", net->n_nodes,
                   net->n_edges, net->n_documents, net->n_documents == 1 ? "" : "s");
    if (first[0])
        eg_strbuf_addf(&w->text, " \xC2\xB7 %s to %s", first, last);
    if (pic->n_hidden)
        eg_strbuf_addf(&w->text, " \xC2\xB7 not drawn: %zu in %zu small component%s", pic->n_hidden,
                       pic->n_hidden_parts, pic->n_hidden_parts == 1 ? "" : "s");
    start(w, "text");
    attr_num(w, "x", 28);
    attr_num(w, "y", 68);
    attr_num(w, "font-size", 14);
    attr(w, "fill", "#555555");
    text(w, composed(w));
    end(w);
}

static void edge_title(writer *w, const picture *pic, const eg_edge *e)
{
    const eg_network *net = pic->net;
    eg_strbuf_reset(&w->text);
    const char *a = net->nodes[e->source].label, *b = net->nodes[e->target].label;
    bool directed = e->kind != EG_EDGE_CO_MENTION;
    eg_strbuf_addf(&w->text, "%s %s %s: %s", a ? a : "", directed ? "\xE2\x86\x92" : "\xE2\x80\x94",
                   b ? b : "", eg_edge_kind_name(e->kind));
    if (e->role && e->role[0])
        eg_strbuf_addf(&w->text, " (%s)", e->role);
    eg_strbuf_addf(&w->text, ", weight %g", finite_or_zero(e->weight));
    element_text(w, "title", composed(w));
}

static bool drawn(const picture *pic, size_t i)
{
    return !pic->shown || pic->shown[i];
}

static void write_edge(writer *w, const picture *pic, const eg_edge *e)
{
    if (!drawn(pic, e->source) || !drawn(pic, e->target))
        return;
    const eg_svg_node *s = &pic->places[e->source], *t = &pic->places[e->target];
    double dx = t->x - s->x, dy = t->y - s->y;
    double d = hypot(dx, dy);
    if (e->source == e->target || d < 1e-6)
        return;
    double ux = dx / d, uy = dy / d;
    double width = eg_svg_edge_width(e);
    bool directed = e->kind != EG_EDGE_CO_MENTION;
    double x1 = s->x, y1 = s->y, x2 = t->x, y2 = t->y;
    if (directed) {
        double head = t->radius + 1.5 + ARROW;
        if (d - s->radius - head < 1)
            return; /* the circles touch: no room for an arrow */
        x1 += ux * s->radius;
        y1 += uy * s->radius;
        x2 -= ux * head;
        y2 -= uy * head;
    }
    start(w, "line");
    attr_num(w, "x1", px(x1));
    attr_num(w, "y1", py(y1));
    attr_num(w, "x2", px(x2));
    attr_num(w, "y2", py(y2));
    attr(w, "stroke", eg_svg_kind_color(e->kind));
    attr_num(w, "stroke-width", width);
    if (directed) {
        char marker[80];
        snprintf(marker, sizeof marker, "url(#arrow-%s)", eg_edge_kind_name(e->kind));
        attr(w, "stroke-opacity", "0.85");
        attr(w, "marker-end", marker);
    } else {
        attr(w, "stroke-opacity", "0.45");
    }
    edge_title(w, pic, e);
    end(w);
}

static void write_edges(writer *w, const picture *pic)
{
    const eg_network *net = pic->net;
    start(w, "g");
    attr(w, "id", "edges");
    attr(w, "fill", "none");
    attr(w, "stroke-linecap", "butt");
    /* co-mentions underneath, then the relations */
    for (int pass = 0; pass < 2 && !w->failed; pass++)
        for (size_t i = 0; i < net->n_edges && !w->failed; i++)
            if ((net->edges[i].kind == EG_EDGE_CO_MENTION) == (pass == 0))
                write_edge(w, pic, &net->edges[i]);
    end(w);
}

static void write_nodes(writer *w, const picture *pic, const ranked *order)
{
    const eg_network *net = pic->net;
    start(w, "g");
    attr(w, "id", "nodes");
    attr(w, "stroke", "#ffffff");
    attr_num(w, "stroke-width", 1.2);
    for (size_t k = 0; k < net->n_nodes && !w->failed; k++) {
        size_t i = order[k].index;
        const eg_svg_node *p = &pic->places[i];
        if (!drawn(pic, i))
            continue;
        char fill[8];
        rgb_hex(fill, p->r, p->g, p->b);
        start(w, "circle");
        attr_num(w, "cx", px(p->x));
        attr_num(w, "cy", py(p->y));
        attr_num(w, "r", p->radius);
        attr(w, "fill", fill);
        eg_strbuf_reset(&w->text);
        eg_strbuf_addf(&w->text, "%s (%s)", net->nodes[i].label ? net->nodes[i].label : "",
                       eg_type_name(net->nodes[i].type));
        element_text(w, "title", composed(w));
        end(w);
    }
    end(w);
}

/* ---------------------------------------------------------------- labels */

typedef struct box {
    double x0, y0, x1, y1;
} box;

static double overlap(box a, box b)
{
    double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0);
    double h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* Area of `b` outside the plot. */
static double outside(box b)
{
    box plot = {0, 0, PLOT_W, PLOT_H};
    return (b.x1 - b.x0) * (b.y1 - b.y0) - overlap(b, plot);
}

typedef struct label_spot {
    double x, y;        /* text anchor point */
    const char *anchor; /* text-anchor */
    box bounds;
} label_spot;

#define N_SPOTS 8

/* The places beside a circle a label may go, best first: right, left, below,
 * above, then the four corners. */
static void label_spots(const eg_svg_node *p, double width, double size, label_spot spots[N_SPOTS])
{
    double gap = 4, r = p->radius, h = size * 1.15;
    double base = size * 0.35; /* from the middle line to the baseline */
    double d = r * 0.72 + gap; /* to a corner of the circle, and a little more */
    spots[0] = (label_spot){p->x + r + gap, p->y + base, "start",
                            {p->x + r + gap, p->y - h / 2, p->x + r + gap + width, p->y + h / 2}};
    spots[1] = (label_spot){p->x - r - gap, p->y + base, "end",
                            {p->x - r - gap - width, p->y - h / 2, p->x - r - gap, p->y + h / 2}};
    spots[2] = (label_spot){p->x, p->y + r + gap + size * 0.85, "middle",
                            {p->x - width / 2, p->y + r + gap, p->x + width / 2, p->y + r + gap + h}};
    spots[3] = (label_spot){p->x, p->y - r - gap - size * 0.25, "middle",
                            {p->x - width / 2, p->y - r - gap - h, p->x + width / 2, p->y - r - gap}};
    spots[4] = (label_spot){p->x + d, p->y + d + size * 0.85, "start",
                            {p->x + d, p->y + d, p->x + d + width, p->y + d + h}};
    spots[5] = (label_spot){p->x + d, p->y - d - size * 0.25, "start",
                            {p->x + d, p->y - d - h, p->x + d + width, p->y - d}};
    spots[6] = (label_spot){p->x - d, p->y + d + size * 0.85, "end",
                            {p->x - d - width, p->y + d, p->x - d, p->y + d + h}};
    spots[7] = (label_spot){p->x - d, p->y - d - size * 0.25, "end",
                            {p->x - d - width, p->y - d - h, p->x - d, p->y - d}};
}

/* How much a label at `b` would hide: the plot's edge, other labels (the
 * worst), other circles. *covered receives the area of labels it covers. */
static double spot_cost(const picture *pic, size_t self, box b, const box *placed, size_t n_placed,
                        double *covered)
{
    double cost = 8 * outside(b);
    *covered = 0;
    for (size_t i = 0; i < n_placed; i++)
        *covered += overlap(b, placed[i]);
    cost += 6 * *covered;
    for (size_t i = 0; i < pic->net->n_nodes; i++) {
        if (i == self)
            continue;
        const eg_svg_node *q = &pic->places[i];
        box c = {q->x - q->radius, q->y - q->radius, q->x + q->radius, q->y + q->radius};
        cost += overlap(b, c);
    }
    return cost;
}

static void write_labels(writer *w, const picture *pic)
{
    size_t *top = NULL, n_top = 0, n_placed = 0;
    box *placed = NULL;
    if (eg_svg_top_nodes(pic->net, pic->places, pic->label_top, &top, &n_top) != EG_OK ||
        (n_top && !(placed = calloc(n_top, sizeof *placed)))) {
        w->failed = w->out_of_memory = true;
        free(top);
        return;
    }
    double rmin = INFINITY, rmax = -INFINITY;
    for (size_t i = 0; i < pic->net->n_nodes; i++) {
        rmin = fmin(rmin, pic->places[i].radius);
        rmax = fmax(rmax, pic->places[i].radius);
    }

    start(w, "g");
    attr(w, "id", "labels");
    attr(w, "fill", "#1a1a1a");
    attr(w, "stroke", "#ffffff");
    attr_num(w, "stroke-width", 3.5);
    attr(w, "stroke-linejoin", "round");
    attr(w, "stroke-opacity", "0.9");
    attr(w, "paint-order", "stroke");
    for (size_t k = 0; k < n_top && !w->failed; k++) {
        size_t i = top[k];
        const eg_svg_node *p = &pic->places[i];
        if (!drawn(pic, i))
            continue;
        double t = rmax > rmin ? (p->radius - rmin) / (rmax - rmin) : 0.3;
        double size = 11.5 + 4.5 * t;
        eg_strbuf_reset(&w->text);
        eg_svg_short_label(&pic->net->nodes[i], &w->text);
        const char *label = composed(w);
        bool bold = k < ALWAYS_LABELLED;
        double width = (double)utf8_chars(label) * size * (bold ? 0.64 : 0.58);

        label_spot spots[N_SPOTS];
        label_spots(p, width, size, spots);
        size_t best = 0;
        double best_cost = INFINITY, best_covered = 0;
        for (size_t s = 0; s < N_SPOTS; s++) {
            double covered;
            double cost = spot_cost(pic, i, spots[s].bounds, placed, n_placed, &covered);
            if (cost < best_cost - 1e-9) {
                best = s;
                best_cost = cost;
                best_covered = covered;
            }
            if (cost == 0)
                break;
        }
        /* Past the largest few, a label that would cover another is left out:
         * two labels on top of each other are read as neither. */
        if (k >= ALWAYS_LABELLED && best_covered > 0)
            continue;
        placed[n_placed++] = spots[best].bounds;
        start(w, "text");
        attr_num(w, "x", px(spots[best].x));
        attr_num(w, "y", py(spots[best].y));
        if (strcmp(spots[best].anchor, "start") != 0)
            attr(w, "text-anchor", spots[best].anchor);
        attr_num(w, "font-size", size);
        if (bold)
            attr(w, "font-weight", "bold");
        text(w, label);
        end(w);
    }
    end(w);
    free(top);
    free(placed);
}

/* ---------------------------------------------------------------- legend */

static void legend_text(writer *w, double x, double y, double size, const char *fill, const char *weight,
                        const char *s)
{
    start(w, "text");
    attr_num(w, "x", x);
    attr_num(w, "y", y);
    attr_num(w, "font-size", size);
    attr(w, "fill", fill);
    if (weight)
        attr(w, "font-weight", weight);
    text(w, s);
    end(w);
}

static void write_legend(writer *w, const picture *pic)
{
    static const char *const notes[] = {
        "Circle size: centrality.",
        "Arrows: from subject to object.",
        "Grey lines: named in one sentence.",
    };
    const size_t n_notes = sizeof notes / sizeof notes[0];
    unsigned char type_rgb[EG_TYPE_COUNT][3] = {{0}};
    bool by_type = pic->net->n_nodes == 0 || eg_svg_colors_by_type(pic->net, pic->places, type_rgb);
    size_t n_types = 0, n_kinds = 0;
    for (unsigned t = 0; t < EG_TYPE_COUNT; t++)
        n_types += pic->type_count[t] > 0;
    for (unsigned k = 0; k < EG_EDGE_KIND_COUNT; k++)
        n_kinds += pic->kind_count[k] > 0;

    const double row = 22, x = LEGEND_X + 16;
    double height = 16 + 22 + row * (double)n_types + (by_type ? 0 : row) + 14 + 22 +
                    row * (double)n_kinds + 14 + 17 * (double)n_notes + 8;
    start(w, "g");
    attr(w, "id", "legend");
    start(w, "rect");
    attr_num(w, "x", LEGEND_X);
    attr_num(w, "y", PLOT_Y);
    attr_num(w, "width", LEGEND_W);
    attr_num(w, "height", height);
    attr_num(w, "rx", 6);
    attr(w, "fill", "#f7f7f7");
    attr(w, "stroke", "#d0d0d0");
    end(w);

    double y = PLOT_Y + 16 + 16;
    legend_text(w, x, y, 15, "#1a1a1a", "bold", "Entities");
    y += 8;
    if (!by_type) {
        y += row;
        legend_text(w, x, y - 6, 13, "#555555", NULL, "colour: community");
    }
    char count[80];
    for (unsigned t = 0; t < EG_TYPE_COUNT; t++) {
        if (!pic->type_count[t])
            continue;
        y += row;
        if (by_type) {
            char fill[8];
            rgb_hex(fill, type_rgb[t][0], type_rgb[t][1], type_rgb[t][2]);
            start(w, "rect");
            attr_num(w, "x", x + 1);
            attr_num(w, "y", y - 17);
            attr_num(w, "width", 14);
            attr_num(w, "height", 14);
            attr_num(w, "rx", 7);
            attr(w, "fill", fill);
            end(w);
        }
        snprintf(count, sizeof count, "%s (%zu)", eg_type_name((eg_type)t), pic->type_count[t]);
        legend_text(w, by_type ? x + 24 : x, y - 6, 13, "#1a1a1a", NULL, count);
    }

    y += 14 + 22;
    legend_text(w, x, y - 6, 15, "#1a1a1a", "bold", "Relations");
    y -= 6;
    for (unsigned k = 0; k < EG_EDGE_KIND_COUNT; k++) {
        if (!pic->kind_count[k])
            continue;
        y += row;
        double ly = y - 4.5;
        start(w, "line");
        attr_num(w, "x1", x);
        attr_num(w, "y1", ly);
        attr_num(w, "x2", k == EG_EDGE_CO_MENTION ? x + 30 : x + 22 - ARROW / 2);
        attr_num(w, "y2", ly);
        attr(w, "stroke", eg_svg_kind_color((eg_edge_kind)k));
        attr_num(w, "stroke-width", 2);
        if (k != EG_EDGE_CO_MENTION) {
            char marker[80];
            snprintf(marker, sizeof marker, "url(#arrow-%s)", eg_edge_kind_name((eg_edge_kind)k));
            attr(w, "marker-end", marker);
        } else {
            attr(w, "stroke-opacity", "0.6");
        }
        end(w);
        snprintf(count, sizeof count, "%s (%zu)", eg_edge_kind_name((eg_edge_kind)k), pic->kind_count[k]);
        legend_text(w, x + 40, y, 13, "#1a1a1a", NULL, count);
    }

    y += 14;
    for (size_t i = 0; i < n_notes; i++) {
        y += 17;
        legend_text(w, x, y, 11.5, "#555555", NULL, notes[i]);
    }
    end(w);
}

static void write_document(writer *w, const picture *pic, const ranked *order)
{
    char size[32];
    if (!w->failed)
        check(w, xmlTextWriterStartDocument(w->xml, "1.0", "UTF-8", NULL));
    start(w, "svg");
    attr(w, "xmlns", SVG_NS);
    attr(w, "version", "1.1");
    snprintf(size, sizeof size, "%d", EG_SVG_WIDTH);
    attr(w, "width", size);
    snprintf(size, sizeof size, "%d", EG_SVG_HEIGHT);
    attr(w, "height", size);
    snprintf(size, sizeof size, "0 0 %d %d", EG_SVG_WIDTH, EG_SVG_HEIGHT);
    attr(w, "viewBox", size);
    attr(w, "font-family", FONTS);
    element_text(w, "title", pic->title);
    element_text(w, "desc", "Drawn by entigraph " EG_VERSION " from the network's layout.");
    write_markers(w, pic);
    write_header(w, pic);
    write_edges(w, pic);
    write_nodes(w, pic, order);
    write_labels(w, pic);
    write_legend(w, pic);
    end(w);
    if (!w->failed)
        check(w, xmlTextWriterEndDocument(w->xml));
}

static eg_status check_network(const eg_network *net, eg_error *err)
{
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *e = &net->edges[i];
        if (e->source >= net->n_nodes || e->target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "SVG: edge %zu links node %zu to node %zu, but there are %zu nodes",
                                i, e->source, e->target, net->n_nodes);
    }
    return EG_OK;
}

/*
 * The part of the network the picture shows: all of it, or of a crowded
 * network its main part, without the small components the layout packs
 * aside (eg_layout_small_components), as in the HTML viewer; isolates and
 * small components would otherwise spread over the frame and shrink the
 * main one to a ball in its middle. NULL (all drawn) when nothing is left
 * out, or out of memory.
 */
static bool *main_part(const eg_network *net, size_t *n_hidden, size_t *n_parts)
{
    *n_hidden = *n_parts = 0;
    bool *shown = net->n_nodes > EG_SVG_CROWDED ? malloc(net->n_nodes * sizeof *shown) : NULL;
    if (!shown)
        return NULL;
    size_t n_small = eg_layout_small_components(net, shown, n_parts);
    /* (nothing but small components, as in a network of pairs: all drawn) */
    if (n_small == 0 || n_small == EG_NONE || n_small == net->n_nodes) {
        *n_parts = 0;
        free(shown);
        return NULL;
    }
    for (size_t i = 0; i < net->n_nodes; i++)
        shown[i] = !shown[i];
    *n_hidden = n_small;
    return shown;
}

static eg_status write_svg(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    eg_status status = check_network(net, err);
    if (status != EG_OK)
        return status;

    picture pic = {.net = net};
    pic.label_top = opts && opts->label_top ? opts->label_top : DEFAULT_LABELS;
    pic.title = opts && opts->title && opts->title[0] ? opts->title : DEFAULT_TITLE;
    for (size_t i = 0; i < net->n_nodes; i++)
        if ((unsigned)net->nodes[i].type < EG_TYPE_COUNT)
            pic.type_count[net->nodes[i].type]++;
    for (size_t i = 0; i < net->n_edges; i++)
        if ((unsigned)net->edges[i].kind < EG_EDGE_KIND_COUNT)
            pic.kind_count[net->edges[i].kind]++;

    eg_svg_node *places = NULL;
    ranked *order = NULL;
    bool *shown = main_part(net, &pic.n_hidden, &pic.n_hidden_parts);
    pic.shown = shown;
    if (eg_svg_place_fitted(net, PLOT_W, PLOT_H, shown, &places) != EG_OK ||
        !(order = rank_nodes(net, places))) {
        free(places);
        free(shown);
        return eg_error_set(err, EG_ENOMEM, "SVG: out of memory");
    }
    pic.places = places; /* `order`: largest first, so small circles are drawn over large ones */

    eg_writer out = {fp, 0};
    writer w = {.xml = NULL, .out = &out, .scratch = EG_STRBUF_INIT, .text = EG_STRBUF_INIT};
    xmlOutputBufferPtr buffer = xmlOutputBufferCreateIO(sink_write, NULL, &out, NULL);
    if (buffer)
        w.xml = xmlNewTextWriter(buffer); /* owns buffer from here on */
    else
        status = eg_error_set(err, EG_ENOMEM, "SVG: out of memory");
    if (buffer && !w.xml) {
        xmlOutputBufferClose(buffer);
        status = eg_error_set(err, EG_ENOMEM, "SVG: out of memory");
    }
    if (w.xml) {
        check(&w, xmlTextWriterSetIndent(w.xml, 1));
        check(&w, xmlTextWriterSetIndentString(w.xml, BAD_CAST " "));
        write_document(&w, &pic, order);
        xmlFreeTextWriter(w.xml); /* flushes the last bytes into out */
        int error = eg_writer_finish(&out);
        if (error)
            status = eg_error_set(err, EG_EIO, "writing SVG failed: %s", strerror(error));
        else if (w.out_of_memory)
            status = eg_error_set(err, EG_ENOMEM, "writing SVG failed: out of memory");
        else if (w.failed)
            status = eg_error_set(err, EG_EIO, "writing SVG failed: libxml2 writer error");
    }
    eg_strbuf_release(&w.scratch);
    eg_strbuf_release(&w.text);
    free(order);
    free(places);
    free(shown);
    return status;
}

eg_status eg_svg_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "SVG: cannot create the C locale");
    eg_status status = write_svg(net, fp, opts, err);
    eg_c_locale_leave(&locale);
    return status;
}
