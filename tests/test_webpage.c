/*
 * test_webpage.c - the article of a web page (eg_webpage): main text found by its
 * content, navigation and boxes of links left out, paragraphs kept, title,
 * date and URL from the page's metadata, encodings, broken and empty pages.
 * Every page here is written for the test.
 */
#include "eg_webpage.h"
#include "tap.h"

#include <stdlib.h>

static const char *const story[] = {
    "The council of Nordvik voted on Tuesday to rebuild the old harbour bridge, which has been closed "
    "to traffic since the storms of last winter, at a cost the engineers put at twelve million crowns.",
    "Mayor Ola Berg said the work would begin in the spring, once the contracts had been signed, and "
    "that the ferry would run every hour until the bridge opened again, probably in two years.",
    "Shopkeepers on the harbour front, who have lost trade since the closure, welcomed the vote, "
    "although several said the council had taken far too long to decide, and that they had lost money.",
    "The opposition, which had wanted a tunnel instead, said it would not stand in the way of the "
    "bridge, but it asked for an independent review of the costs before the first contract is signed.",
};

static char *page(const char *head, const char *before, const char *after)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    eg_strbuf_addf(&sb, "<!DOCTYPE html><html><head>%s</head><body>", head);
    eg_strbuf_adds(&sb, "<header class=\"site-header\"><a href=\"/\">Nordvik Post</a> <a href=\"/news\">News</a></header>"
                        "<nav><ul><li><a href=\"/a\">Sport</a></li><li><a href=\"/b\">Weather</a></li></ul></nav>");
    eg_strbuf_adds(&sb, before);
    eg_strbuf_adds(&sb, "<div class=\"article-body\"><h1>Bridge to be rebuilt</h1>");
    for (size_t i = 0; i < sizeof story / sizeof story[0]; i++)
        eg_strbuf_addf(&sb, "<p>%s</p>", story[i]);
    eg_strbuf_adds(&sb, "<ul class=\"related\"><li><a href=\"/1\">Ferry times change</a></li>"
                        "<li><a href=\"/2\">Harbour festival</a></li></ul></div>");
    eg_strbuf_adds(&sb, after);
    eg_strbuf_adds(&sb, "<aside><p>Most read: the weather this weekend, and the best walks in the hills "
                        "around the town, with maps and photographs from our readers.</p></aside>"
                        "<footer><p>Copyright Nordvik Post. All rights reserved. Contact us at the office "
                        "on the market square, every weekday from nine to five.</p></footer>"
                        "<script>var x = \"not text, a script\";</script></body></html>");
    return eg_strbuf_detach(&sb, NULL);
}

static void test_main_text(void)
{
    char *html = page("<title>Bridge to be rebuilt | Nordvik Post</title>", "", "");
    eg_article a;
    eg_article_init(&a);
    tap_int(eg_webpage_read(html, strlen(html), &a), EG_OK, "a page is read");
    bool all = true;
    for (size_t i = 0; i < sizeof story / sizeof story[0]; i++)
        all = all && strstr(a.text.buf, story[i]) != NULL;
    tap_ok(all, "every paragraph of the article is in the text");
    tap_ok(strstr(a.text.buf, "Copyright") == NULL && strstr(a.text.buf, "Most read") == NULL &&
               strstr(a.text.buf, "Weather") == NULL && strstr(a.text.buf, "script") == NULL,
           "no footer, aside, navigation or script");
    tap_ok(strstr(a.text.buf, "Ferry times change") == NULL, "a list of links inside the article is left out");
    const char *first = strstr(a.text.buf, story[0]), *second = strstr(a.text.buf, story[1]);
    tap_ok(first && second && second - first == (long)strlen(story[0]) + 2 && first[strlen(story[0])] == '\n',
           "paragraphs are separated by a blank line");
    tap_ok(strcmp(a.title.buf, "Bridge to be rebuilt | Nordvik Post") == 0, "the title from <title>");
    tap_ok(a.date.len == 0 && a.url.len == 0, "no date and no URL when the page gives none");
    eg_article_release(&a);
    free(html);
}

static void test_metadata(void)
{
    char *html = page("<title>Bridge | Nordvik Post</title>"
                      "<meta property=\"og:title\" content=\"Bridge to be rebuilt\">"
                      "<link rel=\"canonical\" href=\"https://post.example/bridge\">"
                      "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@graph\": "
                      "[{\"@type\": \"WebPage\"}, {\"@type\": \"NewsArticle\", \"datePublished\": "
                      "\"2019-11-19T10:00:00Z\"}]}</script>",
                      "<p class=\"x\">Published <time datetime=\"2001-01-01\">long ago</time></p>", "");
    eg_article a;
    eg_article_init(&a);
    tap_int(eg_webpage_read(html, strlen(html), &a), EG_OK, "a page with metadata is read");
    tap_ok(strcmp(a.title.buf, "Bridge to be rebuilt") == 0, "og:title before <title>");
    tap_ok(strcmp(a.url.buf, "https://post.example/bridge") == 0, "the URL from the canonical link");
    tap_ok(strcmp(a.date.buf, "2019-11-19T10:00:00Z") == 0, "JSON-LD datePublished (in @graph) before <time>");
    free(html);

    html = page("<meta property=\"article:published_time\" content=\"2020-02-03\">"
                "<meta property=\"og:url\" content=\"https://post.example/og\">", "", "");
    tap_int(eg_webpage_read(html, strlen(html), &a), EG_OK, "a page with meta tags is read");
    tap_ok(strcmp(a.date.buf, "2020-02-03") == 0, "article:published_time");
    tap_ok(strcmp(a.url.buf, "https://post.example/og") == 0, "og:url when there is no canonical link");
    tap_ok(strcmp(a.title.buf, "Bridge to be rebuilt") == 0, "the first <h1> when there is no title");
    free(html);

    html = page("<meta property=\"article:published_time\" content=\"0001-01-01T00:00:00Z\">",
                "<p>Seen <time datetime=\"2018-05-06\">then</time></p>", "");
    eg_webpage_read(html, strlen(html), &a);
    tap_ok(strcmp(a.date.buf, "2018-05-06") == 0, "a placeholder date (year 1) is passed over");
    free(html);

    html = page("", "<p>Nordvik, 4 March 2015 - the day the bridge closed.</p>", "");
    tap_int(eg_webpage_read(html, strlen(html), &a), EG_OK, "a page with a date in its text");
    tap_ok(a.date.len == 0, "a date written in the text is not the page's date");
    free(html);
    eg_article_release(&a);
}

static void test_encodings(void)
{
    eg_article a;
    eg_article_init(&a);
    /* no charset declared, UTF-8 bytes: read as UTF-8 */
    char *html = page("", "<p>Tromsø and Ålesund sent their mayors, who both spoke at length about it.</p>", "");
    eg_webpage_read(html, strlen(html), &a);
    tap_ok(strstr(a.text.buf, "Troms\xC3\xB8") != NULL && strstr(a.text.buf, "\xC3\x85lesund") != NULL,
           "no charset declared: UTF-8 bytes read as UTF-8");
    free(html);
    /* windows-1252 declared: converted to UTF-8 */
    html = page("<meta charset=\"windows-1252\">",
                "<p>Troms\xF8 and the \x93old\x94 bridge were the talk of the town for the whole week.</p>", "");
    eg_webpage_read(html, strlen(html), &a);
    tap_ok(strstr(a.text.buf, "Troms\xC3\xB8") != NULL && strstr(a.text.buf, "\xE2\x80\x9Cold\xE2\x80\x9D") != NULL,
           "windows-1252 declared: converted to UTF-8");
    free(html);
    /* entities */
    html = page("", "<p>Fish &amp; chips &mdash; and caf&eacute; prices &#8364;5 were debated by all.</p>", "");
    eg_webpage_read(html, strlen(html), &a);
    tap_ok(strstr(a.text.buf, "Fish & chips \xE2\x80\x94 and caf\xC3\xA9 prices \xE2\x82\xAC" "5") != NULL,
           "character references decoded");
    free(html);
    eg_article_release(&a);
}

static void test_broken_and_empty(void)
{
    eg_article a;
    eg_article_init(&a);
    const char *broken = "<html><body><div class=\"content\"><p>The council of Nordvik voted on Tuesday to "
                         "rebuild the old harbour bridge, at a cost of twelve million crowns<p>Work begins "
                         "in spring, the mayor said, and the ferry runs every hour<div><b>unclosed";
    tap_int(eg_webpage_read(broken, strlen(broken), &a), EG_OK, "broken markup is recovered");
    tap_ok(strstr(a.text.buf, "twelve million crowns") && strstr(a.text.buf, "ferry runs every hour"),
           "the text of broken markup is kept");
    const char *empty = "<!DOCTYPE html><html><head><title>Nothing</title></head><body></body></html>";
    tap_int(eg_webpage_read(empty, strlen(empty), &a), EG_OK, "an empty body is read");
    tap_ok(a.text.len == 0 && strcmp(a.title.buf, "Nothing") == 0, "no text, the title kept");
    tap_int(eg_webpage_read("", 0, &a), EG_OK, "zero bytes");
    tap_ok(a.text.len == 0, "zero bytes: no text");
    /* only navigation-like classes around the article: read anyway (looser tries) */
    const char *wrapped = "<html><body><div class=\"page-sidebar-wrap\"><p>The council of Nordvik voted on "
                          "Tuesday to rebuild the old harbour bridge, which has been closed since the storms of "
                          "last winter, at a cost the engineers put at twelve million crowns, and the mayor "
                          "said work would begin in the spring once contracts were signed.</p><p>Shopkeepers "
                          "welcomed the vote, although several said the council had taken too long, and the "
                          "opposition asked for an independent review of the costs before the first contract."
                          "</p></div></body></html>";
    eg_webpage_read(wrapped, strlen(wrapped), &a);
    tap_ok(strstr(a.text.buf, "twelve million crowns") != NULL,
           "an article inside a wrapper whose class looks like a sidebar is still found");
    eg_article_release(&a);
}

static void test_article_in_blocks(void)
{
    /* an article cut into blocks, each a paragraph in a card, ads between */
    eg_strbuf sb = EG_STRBUF_INIT;
    eg_strbuf_adds(&sb, "<html><body><nav><a href=\"/\">Home</a></nav><div class=\"cards\">");
    for (size_t i = 0; i < sizeof story / sizeof story[0]; i++) {
        eg_strbuf_addf(&sb, "<div class=\"card\"><div class=\"card-text\"><p>%s</p></div></div>", story[i]);
        eg_strbuf_adds(&sb, "<div class=\"slot\"><a href=\"/buy\">Buy now</a></div>");
    }
    eg_strbuf_adds(&sb, "</div><footer>Copyright</footer></body></html>");
    eg_article a;
    eg_article_init(&a);
    tap_int(eg_webpage_read(sb.buf, sb.len, &a), EG_OK, "a page of cards is read");
    bool all = true;
    for (size_t i = 0; i < sizeof story / sizeof story[0]; i++)
        all = all && strstr(a.text.buf, story[i]) != NULL;
    tap_ok(all, "an article cut into blocks: the container of the best blocks, every paragraph");
    eg_article_release(&a);
    eg_strbuf_release(&sb);
}

static void test_sniff(void)
{
    tap_ok(eg_webpage_sniff("<!DOCTYPE html><html>", 21), "a doctype is HTML");
    tap_ok(eg_webpage_sniff("\n  <HTML lang=en>", 16), "<HTML> after white space is HTML");
    tap_ok(eg_webpage_sniff("<!-- saved --><html>", 20), "a comment, then <html>");
    tap_ok(!eg_webpage_sniff("The <b>bold</b> claim", 21), "text with a tag in it is not HTML");
    tap_ok(!eg_webpage_sniff("", 0), "nothing is not HTML");
}

int main(void)
{
    test_main_text();
    test_metadata();
    test_encodings();
    test_broken_and_empty();
    test_article_in_blocks();
    test_sniff();
    return tap_done();
}
