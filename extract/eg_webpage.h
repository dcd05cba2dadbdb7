/*
 * eg_webpage.h - the article in a saved web page: its main text, title,
 * publication date and URL.
 *
 * The page is parsed with libxml2's HTML parser (broken markup recovered;
 * the charset the page declares is honoured, and a page that declares none
 * is read as UTF-8 when its bytes are UTF-8). The main text is found by the
 * content itself, the way readability does: paragraphs score the blocks that
 * hold them by their length and commas, links count against a block, class
 * and id names such as "article" or "sidebar" nudge the score, and the best
 * block is taken with those of its siblings that score nearly as well.
 * Scripts, styles, forms' controls, navigation, headers, footers, asides and
 * hidden elements never count. Paragraphs stay paragraphs (a blank line
 * between them).
 *
 * Metadata, first found wins:
 *   title: og:title, twitter:title, <title>, the first <h1>;
 *   date:  article:published_time and the usual meta names, itemprop
 *          datePublished, JSON-LD datePublished, the first <time datetime>
 *          (never a date written in the text);
 *   url:   <link rel="canonical">, og:url.
 */
#ifndef EG_WEBPAGE_H
#define EG_WEBPAGE_H

#include "eg_base.h"

typedef struct eg_article {
    eg_strbuf text;  /* the main text, UTF-8, paragraphs separated by "\n\n" */
    eg_strbuf title; /* empty when none was found */
    eg_strbuf date;  /* as the page writes it ("2019-11-19T10:00:00Z"), or empty */
    eg_strbuf url;   /* or empty */
} eg_article;

void eg_article_init(eg_article *a);
void eg_article_release(eg_article *a);

/* Whether html[0..len) looks like an HTML page: a doctype or an <html>,
 * <head> or <body> tag near the start. */
bool eg_webpage_sniff(const char *html, size_t len);

/*
 * Finds the article of the page html[0..len) into *a (emptied first).
 * EG_OK (also for a page with no text: a->text is then empty), EG_ENOMEM,
 * or EG_EPARSE when libxml2 could make no document of it.
 */
eg_status eg_webpage_read(const char *html, size_t len, eg_article *a);

#endif
