#include "eg_webpage.h"

#include "eg_text.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void eg_article_init(eg_article *a)
{
    eg_strbuf_init(&a->text);
    eg_strbuf_init(&a->title);
    eg_strbuf_init(&a->date);
    eg_strbuf_init(&a->url);
}

void eg_article_release(eg_article *a)
{
    if (!a)
        return;
    eg_strbuf_release(&a->text);
    eg_strbuf_release(&a->title);
    eg_strbuf_release(&a->date);
    eg_strbuf_release(&a->url);
}

/* ---- sniffing and encoding ---- */

static bool starts_with_ci(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[i]) != prefix[i])
            return false;
    return true;
}

bool eg_webpage_sniff(const char *html, size_t len)
{
    size_t i = 0, limit = len < 1024 ? len : 1024;
    if (len >= 3 && memcmp(html, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (; i < limit; i++) {
        if (isspace((unsigned char)html[i]))
            continue;
        if (html[i] != '<')
            return false;
        const char *s = html + i;
        size_t n = len - i;
        if (starts_with_ci(s, n, "<!doctype html") || starts_with_ci(s, n, "<html") ||
            starts_with_ci(s, n, "<head") || starts_with_ci(s, n, "<body"))
            return true;
        /* a comment or an XML declaration before the page */
        if (starts_with_ci(s, n, "<!--")) {
            size_t k = i + 4;
            while (k + 3 <= limit && memcmp(html + k, "-->", 3) != 0)
                k++;
            if (k + 3 > limit)
                return false;
            i = k + 2;
            continue;
        }
        if (starts_with_ci(s, n, "<?xml")) {
            const char *end = memchr(s, '>', n);
            if (!end)
                return false;
            i = (size_t)(end - html);
            continue;
        }
        return false;
    }
    return false;
}

/* Whether s[0..len) is all valid UTF-8 (NUL bytes aside). */
static bool valid_utf8(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t n = eg_utf8_decode(s + i, len - i, &cp);
        if (cp < 0)
            return false;
        i += n;
    }
    return true;
}

/* Whether the page says what its charset is (a meta tag or an XML
 * declaration near the top); libxml2 then follows it. */
static bool declares_charset(const char *html, size_t len)
{
    size_t limit = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 7 <= limit; i++)
        if (starts_with_ci(html + i, limit - i, "charset") || starts_with_ci(html + i, limit - i, "encoding="))
            return true;
    return false;
}

/* ---- per-element facts ---- */

typedef struct info {
    double score;     /* readability's content score */
    bool candidate;   /* scored as a container of paragraphs */
    bool skip;        /* never part of the text: scripts, navigation, hidden... */
    size_t text;      /* visible text bytes (not counting white space) */
    size_t link;      /* of them, inside links */
    size_t commas;
} info;

/* How hard a reading leans on class and id names: readability's way of
 * trying strict first, then looser when too little text comes out. */
enum { USE_NAMES_TO_SKIP = 1, USE_NAMES_TO_WEIGH = 2 };

typedef struct page {
    info *info;
    size_t n;
    unsigned flags;
} page;

static info *info_of(xmlNodePtr node)
{
    return node && node->type == XML_ELEMENT_NODE && node->_private ? node->_private : NULL;
}

static bool is_tag(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && node->name &&
           strcmp((const char *)node->name, name) == 0;
}

static bool tag_in(xmlNodePtr node, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (is_tag(node, names[i]))
            return true;
    return false;
}

static const char *const skipped_tags[] = {
    "script", "style", "noscript", "iframe", "svg", "canvas", "template", "button", "select", "input",
    "textarea", "option", "nav", "footer", "aside", "header", "figure", "figcaption", "object", "embed",
    "video", "audio", "map", "head", "title", "meta", "link", "dialog", "menu", NULL};

static const char *const block_tags[] = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl",
    "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead", "hr", "address", "center",
    "body", NULL};

/* Words of class and id names that mark what is not the article, and what is. */
static const char *const negative_stems[] = {
    "comment", "sidebar", "footer", "nav", "menu", "share", "sharing", "social", "related", "promo",
    "advert", "sponsor", "cookie", "newsletter", "subscri", "breadcrumb", "popup", "modal", "banner",
    "widget", "paginat", "pager", "byline", "caption", "credit", "outbrain", "taboola", "recommend",
    "trending", "toolbar", "masthead", "signup", "disqus", "overlay", "tooltip", NULL};
static const char *const negative_words[] = {"ad", "ads", "advertisement", "tags", NULL};
static const char *const positive_stems[] = {"article", "content", "entry", "main", "post", "story",
                                             "body", "text", "blog", NULL};

/* Calls fn on each word of the element's class and id names, lower case
 * ("article-body main" -> "article", "body", "main"); stops at the first true. */
static bool any_name_word(xmlNodePtr node, bool (*fn)(const char *word))
{
    static const char *const attrs[] = {"class", "id"};
    for (size_t a = 0; a < 2; a++) {
        xmlChar *v = xmlGetProp(node, (const xmlChar *)attrs[a]);
        if (!v)
            continue;
        char word[64];
        size_t n = 0;
        bool found = false;
        for (const xmlChar *p = v;; p++) {
            if (*p && (isalnum(*p))) {
                if (n < sizeof word - 1)
                    word[n++] = (char)tolower(*p);
                continue;
            }
            word[n] = '\0';
            if (n && fn(word)) {
                found = true;
                break;
            }
            n = 0;
            if (!*p)
                break;
        }
        xmlFree(v);
        if (found)
            return true;
    }
    return false;
}

static bool has_stem(const char *word, const char *const *stems)
{
    for (size_t i = 0; stems[i]; i++)
        if (strncmp(word, stems[i], strlen(stems[i])) == 0)
            return true;
    return false;
}

static bool negative_word(const char *w)
{
    if (has_stem(w, negative_stems))
        return true;
    for (size_t i = 0; negative_words[i]; i++)
        if (strcmp(w, negative_words[i]) == 0)
            return true;
    return false;
}

static bool positive_word(const char *w)
{
    return has_stem(w, positive_stems);
}

static bool hidden(xmlNodePtr node)
{
    if (xmlHasProp(node, (const xmlChar *)"hidden"))
        return true;
    bool h = false;
    xmlChar *v = xmlGetProp(node, (const xmlChar *)"aria-hidden");
    if (v) {
        h = xmlStrcasecmp(v, (const xmlChar *)"true") == 0;
        xmlFree(v);
    }
    v = xmlGetProp(node, (const xmlChar *)"style");
    if (v) {
        char s[256];
        size_t n = 0;
        for (const xmlChar *p = v; *p && n < sizeof s - 1; p++)
            if (!isspace(*p))
                s[n++] = (char)tolower(*p);
        s[n] = '\0';
        h = h || strstr(s, "display:none") || strstr(s, "visibility:hidden");
        xmlFree(v);
    }
    return h;
}

/* Gives every element an info (through its _private) and marks what is
 * never text. */
static void mark(page *pg, xmlNodePtr node, bool skipped)
{
    for (xmlNodePtr c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        info *in = &pg->info[pg->n++];
        memset(in, 0, sizeof *in);
        c->_private = in;
        bool structural = is_tag(c, "html") || is_tag(c, "body") || is_tag(c, "article") || is_tag(c, "main");
        in->skip = skipped || tag_in(c, skipped_tags) || hidden(c) ||
                   ((pg->flags & USE_NAMES_TO_SKIP) && !structural && any_name_word(c, negative_word) &&
                    !any_name_word(c, positive_word));
        mark(pg, c->children, in->skip);
    }
}

static size_t count_elements(xmlNodePtr node)
{
    size_t n = 0;
    for (xmlNodePtr c = node; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            n += 1 + count_elements(c->children);
    return n;
}

/* Visible text, link text and commas of every element, bottom up. */
static void measure(xmlNodePtr node, bool in_link, size_t *text, size_t *link, size_t *commas)
{
    for (xmlNodePtr c = node; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const xmlChar *p = c->content; p && *p; p++) {
                if (isspace(*p))
                    continue;
                (*text)++;
                *link += in_link;
                *commas += *p == ',';
            }
            continue;
        }
        info *in = info_of(c);
        if (!in || in->skip)
            continue;
        measure(c->children, in_link || is_tag(c, "a"), &in->text, &in->link, &in->commas);
        *text += in->text;
        *link += in->link;
        *commas += in->commas;
    }
}

static double link_density(const info *in)
{
    return in->text ? (double)in->link / (double)in->text : 0;
}

/* ---- scoring ---- */

static bool has_block_child(xmlNodePtr node)
{
    for (xmlNodePtr c = node->children; c; c = c->next)
        if (tag_in(c, block_tags))
            return true;
    return false;
}

/* Whether the element is a paragraph for scoring: p, pre, td, blockquote,
 * or a div (section, span...) holding text but no block. */
static bool paragraph_like(xmlNodePtr node)
{
    if (is_tag(node, "p") || is_tag(node, "pre") || is_tag(node, "td") || is_tag(node, "blockquote"))
        return true;
    return (is_tag(node, "div") || is_tag(node, "section")) && !has_block_child(node);
}

static double class_weight(xmlNodePtr node)
{
    double w = 0;
    if (any_name_word(node, negative_word))
        w -= 25;
    if (any_name_word(node, positive_word))
        w += 25;
    return w;
}

/* A container's score before its paragraphs add to it. */
static void start_candidate(xmlNodePtr node, info *in, bool weigh_names)
{
    if (in->candidate)
        return;
    in->candidate = true;
    static const char *const plus5[] = {"div", "article", "main", NULL};
    static const char *const plus3[] = {"pre", "td", "blockquote", NULL};
    static const char *const minus3[] = {"address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL};
    static const char *const minus5[] = {"h1", "h2", "h3", "h4", "h5", "h6", "th", NULL};
    in->score = tag_in(node, plus5) ? 5 : tag_in(node, plus3) ? 3 : tag_in(node, minus3) ? -3
              : tag_in(node, minus5) ? -5 : 0;
    if (weigh_names)
        in->score += class_weight(node);
}

static void score_paragraphs(xmlNodePtr node, bool weigh_names)
{
    for (xmlNodePtr c = node; c; c = c->next) {
        info *in = info_of(c);
        if (!in || in->skip)
            continue;
        if (paragraph_like(c) && in->text >= 25) {
            double s = 1 + (double)in->commas + (double)(in->text / 100 < 3 ? in->text / 100 : 3);
            xmlNodePtr up = c->parent;
            for (int level = 0; level < 3 && up && up->type == XML_ELEMENT_NODE; level++, up = up->parent) {
                info *ui = info_of(up);
                if (!ui || ui->skip)
                    break;
                start_candidate(up, ui, weigh_names);
                ui->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
            }
        }
        score_paragraphs(c->children, weigh_names);
    }
}

static double final_score(const info *in)
{
    return in->score * (1 - link_density(in));
}

#define TOP_N 5

/* The TOP_N best candidates, best first. */
typedef struct top {
    xmlNodePtr node[TOP_N];
    double score[TOP_N];
    size_t n;
} top;

/* Keeps c among the best when it scores high enough (ties: the first met). */
static void consider(top *t, xmlNodePtr c, double score)
{
    if (t->n == TOP_N && score <= t->score[TOP_N - 1])
        return;
    size_t k = t->n < TOP_N ? t->n++ : TOP_N - 1;
    while (k > 0 && t->score[k - 1] < score) {
        t->node[k] = t->node[k - 1];
        t->score[k] = t->score[k - 1];
        k--;
    }
    t->node[k] = c;
    t->score[k] = score;
}

static void top_candidates(xmlNodePtr node, top *t)
{
    for (xmlNodePtr c = node; c; c = c->next) {
        info *in = info_of(c);
        if (!in || in->skip)
            continue;
        if (in->candidate)
            consider(t, c, final_score(in));
        top_candidates(c->children, t);
    }
}

static bool inside(xmlNodePtr node, xmlNodePtr ancestor)
{
    for (xmlNodePtr u = node; u; u = u->parent)
        if (u == ancestor)
            return true;
    return false;
}

/* The best block, or an ancestor of it that holds at least three of the
 * other best-scoring blocks (an article cut into several blocks: each
 * scores well, their container is the article). */
static xmlNodePtr best_candidate(xmlNodePtr root, double *best_score)
{
    top t = {{NULL}, {0}, 0};
    top_candidates(root, &t);
    if (!t.n)
        return NULL;
    xmlNodePtr best = t.node[0];
    *best_score = t.score[0];
    for (xmlNodePtr up = best->parent; up && up->type == XML_ELEMENT_NODE && !is_tag(up, "body");
         up = up->parent) {
        size_t held = 0;
        for (size_t i = 1; i < t.n; i++)
            held += t.score[i] >= 0.75 * t.score[0] && inside(t.node[i], up);
        if (held >= 3) {
            info *in = info_of(up);
            best = up;
            if (in && in->candidate && final_score(in) > *best_score)
                *best_score = final_score(in);
            break;
        }
    }
    return best;
}

/* ---- the text ---- */

typedef struct writer {
    eg_strbuf *out;
    int breaks;  /* line breaks owed before the next text: 1 or 2 */
    bool space;  /* a space owed before the next text */
} writer;

static void put_text(writer *w, const xmlChar *s)
{
    for (const xmlChar *p = s; *p; p++) {
        if (isspace(*p)) {
            w->space = true;
            continue;
        }
        if (w->out->len) {
            if (w->breaks)
                eg_strbuf_add(w->out, "\n\n", (size_t)w->breaks);
            else if (w->space)
                eg_strbuf_addc(w->out, ' ');
        }
        w->breaks = 0;
        w->space = false;
        eg_strbuf_addc(w->out, (char)*p);
    }
}

static void put_break(writer *w, int n)
{
    if (w->out->len && n > w->breaks)
        w->breaks = n;
}

/* Lists, tables and divisions inside the article that are mostly links
 * (a box of related stories) are left out. */
static bool link_box(xmlNodePtr node, const info *in)
{
    static const char *const boxes[] = {"ul", "ol", "div", "section", "table", "dl", NULL};
    return tag_in(node, boxes) && in->text && link_density(in) > 0.5;
}

static void render(writer *w, xmlNodePtr node)
{
    for (xmlNodePtr c = node; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                put_text(w, c->content);
            continue;
        }
        info *in = info_of(c);
        if (!in || in->skip || link_box(c, in))
            continue;
        if (is_tag(c, "br")) {
            put_break(w, 1);
            continue;
        }
        bool block = tag_in(c, block_tags);
        if (block)
            put_break(w, 2);
        render(w, c->children);
        if (block)
            put_break(w, 2);
    }
}

/* Whether a sibling of the best block belongs to the article too. */
static bool sibling_belongs(xmlNodePtr s, double threshold)
{
    info *in = info_of(s);
    if (!in || in->skip || !in->text)
        return false;
    if (in->candidate && final_score(in) >= threshold)
        return true;
    if (!is_tag(s, "p"))
        return false;
    double ld = link_density(in);
    return (in->text > 80 && ld < 0.25) || (ld == 0 && in->text > 20);
}

static void main_text(xmlNodePtr root, eg_strbuf *out)
{
    double best_score = 0;
    xmlNodePtr best = best_candidate(root, &best_score);
    writer w = {out, 0, false};
    if (!best) {
        /* no paragraphs: whatever text the page shows */
        render(&w, root);
        return;
    }
    double threshold = best_score * 0.2 > 10 ? best_score * 0.2 : 10;
    xmlNodePtr parent = best->parent;
    if (!parent || parent->type != XML_ELEMENT_NODE) {
        render(&w, best->children);
        return;
    }
    for (xmlNodePtr s = parent->children; s; s = s->next) {
        if (s == best) {
            put_break(&w, 2);
            render(&w, best->children);
            put_break(&w, 2);
        } else if (s->type == XML_ELEMENT_NODE && sibling_belongs(s, threshold)) {
            put_break(&w, 2);
            render(&w, s->children);
            put_break(&w, 2);
        }
    }
}

/* ---- metadata ---- */

static void set_once(eg_strbuf *sb, const xmlChar *v)
{
    if (sb->len || !v)
        return;
    writer w = {sb, 0, false};
    put_text(&w, v); /* white space collapsed, trimmed */
}

static bool attr_is(xmlNodePtr node, const char *attr, const char *const *values)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)attr);
    bool is = false;
    for (size_t i = 0; v && values[i] && !is; i++)
        is = xmlStrcasecmp(v, (const xmlChar *)values[i]) == 0;
    xmlFree(v);
    return is;
}

static void set_from_attr(eg_strbuf *sb, xmlNodePtr node, const char *attr)
{
    if (sb->len)
        return;
    xmlChar *v = xmlGetProp(node, (const xmlChar *)attr);
    set_once(sb, v);
    xmlFree(v);
}

/* datePublished anywhere in a JSON-LD value (objects, arrays, @graph). */
static const char *ld_date(const cJSON *v, int depth)
{
    if (!v || depth > 8)
        return NULL;
    if (cJSON_IsObject(v)) {
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(v, "datePublished");
        if (cJSON_IsString(d) && d->valuestring[0])
            return d->valuestring;
    }
    if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        const cJSON *c;
        cJSON_ArrayForEach(c, v) {
            const char *s = ld_date(c, depth + 1);
            if (s)
                return s;
        }
    }
    return NULL;
}

typedef struct meta {
    eg_strbuf og_title, title_tag, h1;
    eg_strbuf meta_date, ld_date, time_date;
    eg_strbuf canonical, og_url;
} meta;

static void read_meta(xmlNodePtr node, meta *m)
{
    static const char *const title_props[] = {"og:title", "twitter:title", NULL};
    static const char *const date_props[] = {
        "article:published_time", "og:published_time", "date", "pubdate", "publishdate", "publish-date",
        "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
        "parsely-pub-date", "article.published", "datepublished", "original-publish-date", NULL};
    static const char *const url_props[] = {"og:url", NULL};
    static const char *const date_itemprop[] = {"datePublished", NULL};
    static const char *const canonical[] = {"canonical", NULL};
    static const char *const ld_types[] = {"application/ld+json", NULL};
    for (xmlNodePtr c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_tag(c, "meta")) {
            if (attr_is(c, "property", title_props) || attr_is(c, "name", title_props))
                set_from_attr(&m->og_title, c, "content");
            if (attr_is(c, "property", date_props) || attr_is(c, "name", date_props) ||
                attr_is(c, "itemprop", date_itemprop))
                set_from_attr(&m->meta_date, c, "content");
            if (attr_is(c, "property", url_props) || attr_is(c, "name", url_props))
                set_from_attr(&m->og_url, c, "content");
        } else if (is_tag(c, "title") && !m->title_tag.len) {
            xmlChar *t = xmlNodeGetContent(c);
            set_once(&m->title_tag, t);
            xmlFree(t);
        } else if (is_tag(c, "h1") && !m->h1.len) {
            xmlChar *t = xmlNodeGetContent(c);
            set_once(&m->h1, t);
            xmlFree(t);
        } else if (is_tag(c, "link") && attr_is(c, "rel", canonical)) {
            set_from_attr(&m->canonical, c, "href");
        } else if (is_tag(c, "script") && attr_is(c, "type", ld_types) && !m->ld_date.len) {
            xmlChar *t = xmlNodeGetContent(c);
            cJSON *j = t ? cJSON_Parse((const char *)t) : NULL;
            set_once(&m->ld_date, (const xmlChar *)ld_date(j, 0));
            cJSON_Delete(j);
            xmlFree(t);
        } else if (is_tag(c, "time")) {
            set_from_attr(&m->time_date, c, "datetime");
        } else if (attr_is(c, "itemprop", date_itemprop)) {
            set_from_attr(&m->meta_date, c, "datetime");
            set_from_attr(&m->meta_date, c, "content");
        }
        read_meta(c->children, m);
    }
}

static void first_of(eg_strbuf *out, eg_strbuf *const *choices, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (choices[i]->len) {
            eg_strbuf_add(out, choices[i]->buf, choices[i]->len);
            return;
        }
}

/* Whether a page's date is one: not empty, and not a placeholder year
 * before 1900 ("0001-01-01T00:00:00Z"). */
static bool plausible_date(const eg_strbuf *d)
{
    if (!d->len)
        return false;
    if (d->len >= 4 && isdigit((unsigned char)d->buf[0]) && isdigit((unsigned char)d->buf[1]) &&
        isdigit((unsigned char)d->buf[2]) && isdigit((unsigned char)d->buf[3]))
        return atoi(d->buf) >= 1900;
    return true;
}

static void metadata(xmlNodePtr root, eg_article *a)
{
    meta m;
    eg_strbuf *all[] = {&m.og_title, &m.title_tag, &m.h1, &m.meta_date, &m.ld_date, &m.time_date,
                        &m.canonical, &m.og_url};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        eg_strbuf_init(all[i]);
    read_meta(root, &m);
    eg_strbuf *titles[] = {&m.og_title, &m.title_tag, &m.h1};
    eg_strbuf *dates[] = {&m.meta_date, &m.ld_date, &m.time_date};
    eg_strbuf *urls[] = {&m.canonical, &m.og_url};
    first_of(&a->title, titles, 3);
    for (size_t i = 0; i < 3; i++)
        if (!plausible_date(dates[i]))
            eg_strbuf_reset(dates[i]);
    first_of(&a->date, dates, 3);
    first_of(&a->url, urls, 2);
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        eg_strbuf_release(all[i]);
}

/* ---- the whole ---- */

/* Makes sb valid UTF-8 without NUL bytes (each bad byte a U+FFFD). */
static eg_status repair(eg_strbuf *sb)
{
    if (valid_utf8(sb->buf, sb->len) && !memchr(sb->buf, 0, sb->len))
        return EG_OK;
    eg_strbuf fixed = EG_STRBUF_INIT;
    size_t n_bad, first_bad;
    eg_status st = eg_utf8_repair(sb->buf, sb->len, &fixed, &n_bad, &first_bad, NULL);
    if (st == EG_OK) {
        eg_strbuf_reset(sb);
        eg_strbuf_add(sb, fixed.buf, fixed.len);
        st = eg_strbuf_status(sb);
    }
    eg_strbuf_release(&fixed);
    return st;
}

eg_status eg_webpage_read(const char *html, size_t len, eg_article *a)
{
    eg_strbuf_reset(&a->text);
    eg_strbuf_reset(&a->title);
    eg_strbuf_reset(&a->date);
    eg_strbuf_reset(&a->url);
    if (len > INT32_MAX)
        return EG_EPARSE;
    /* a page that declares no charset is most often UTF-8, which libxml2
     * would otherwise read as Latin-1 */
    const char *encoding = !declares_charset(html, len) && valid_utf8(html, len) ? "UTF-8" : NULL;
    htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, encoding,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET);
    if (!doc)
        return len ? EG_EPARSE : EG_OK;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    eg_status st = EG_OK;
    size_t n = root ? count_elements(root) : 0;
    page pg = {NULL, 0, 0};
    eg_strbuf attempt = EG_STRBUF_INIT;
    if (n && !(pg.info = calloc(n, sizeof *pg.info)))
        st = EG_ENOMEM;
    if (st == EG_OK && root) {
        metadata(root, a);
        /* strict first; looser while the text is short (under 500 bytes),
         * keeping the longest */
        static const unsigned tries[] = {USE_NAMES_TO_SKIP | USE_NAMES_TO_WEIGH, USE_NAMES_TO_WEIGH, 0};
        for (size_t t = 0; t < 3 && a->text.len < 500; t++) {
            memset(pg.info, 0, n * sizeof *pg.info);
            pg.n = 0;
            pg.flags = tries[t];
            mark(&pg, root, false);
            for (xmlNodePtr r = root; r; r = r->next) {
                info *ri = info_of(r);
                if (ri && !ri->skip)
                    measure(r->children, is_tag(r, "a"), &ri->text, &ri->link, &ri->commas);
            }
            score_paragraphs(root, pg.flags & USE_NAMES_TO_WEIGH);
            eg_strbuf_reset(&attempt);
            main_text(root, &attempt);
            if (attempt.len > a->text.len) {
                eg_strbuf_reset(&a->text);
                eg_strbuf_add(&a->text, attempt.buf, attempt.len);
            }
        }
    }
    eg_strbuf_release(&attempt);
    /* _private pointed into pg.info: clear nothing, the document goes */
    xmlFreeDoc(doc);
    free(pg.info);
    /* what libxml2 made of bytes that were not in the declared charset may
     * not be UTF-8; a document's text and names must be */
    eg_strbuf *fields[] = {&a->text, &a->title, &a->date, &a->url};
    for (size_t i = 0; i < 4 && st == EG_OK; i++)
        st = repair(fields[i]);
    if (st == EG_OK)
        st = eg_strbuf_status(&a->text) ? EG_ENOMEM
           : eg_strbuf_status(&a->title) || eg_strbuf_status(&a->date) || eg_strbuf_status(&a->url) ? EG_ENOMEM
           : EG_OK;
    return st;
}
