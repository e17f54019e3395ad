/*
 * test-pipeline.c - a document's output does not depend on how its bytes
 * are fed: in one piece, in the CLI's 64 KiB chunks, in pieces of random
 * sizes, with `final` on the last piece or on an empty feed after it.
 * A pipe hands a reader pieces of any size, and a library caller may
 * pass a whole file at once, so the window must advance at the same
 * lines whatever the feeds were.  The text document written here spans
 * several windows (DC_WINDOW_LINES) and holds a line longer than
 * DC_LINE_MAX, which goes into the window in pieces; the HTML one is
 * parsed in parts, and opens with comments longer than the bytes a
 * first small feed gives the HTML sniff.
 */
#include "config.h"

#include "embedded.h"
#include "html.h"
#include "lang.h"
#include "pipeline.h"
#include "rules.h"

#include "tap.h"

#include <stdint.h>
#include <stdlib.h>

/* A small deterministic generator (xorshift64), so that a failure can be
 * reproduced. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static unsigned
rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

static const char *const words[] = {
    "the",      "council",  "said",    "that",     "it",       "would",
    "review",   "plans",    "for",     "a",        "new",      "bridge",
    "over",     "river",    "after",   "residents", "raised",  "concerns",
    "about",    "traffic",  "and",     "noise",    "in",       "their",
    "streets",  "which",    "have",    "been",     "closed",   "since",
    "spring",   "when",     "work",    "began",    "on",       "the",
    "old",      "crossing", "of",      "town",     "is",       "not",
    "expected", "to",       "finish",  "before",   "next",     "year",
};

static void
add_str(struct dc_buf *b, const char *s)
{
    dc_buf_append(b, s, strlen(s));
}

/* A paragraph of prose, wrapped at 72 columns with lynx's indent, or
 * in a <p> element. */
static void
add_paragraph(struct dc_buf *b, bool html)
{
    if (html)
        dc_buf_append(b, "<p>", 3);
    size_t col = html ? 3 : 0;
    unsigned n = 40 + rnd(60);
    for (unsigned i = 0; i < n; i++) {
        const char *w = words[rnd(sizeof words / sizeof *words)];
        size_t len = strlen(w);
        if (col == 0 && !html) {
            dc_buf_append(b, "   ", 3);
            col = 3;
        } else if (col + 1 + len > 72 && !html) {
            dc_buf_append(b, "\n   ", 4);
            col = 3;
        } else {
            dc_buf_append(b, " ", 1);
            col++;
        }
        dc_buf_append(b, w, len);
        col += len;
    }
    if (html)
        add_str(b, ".</p>\n");
    else
        dc_buf_append(b, ".\n\n", 3);
}

/* How a page is written: as lynx renders it, or as HTML. */
struct markup {
    bool html;
    const char *menu;
    const char *headline[2]; /* before and after it */
    const char *related;
    const char *item[2];     /* before and after each link */
    const char *end;
};

static const struct markup as_text = {
    false,
    "   [1]Home [2]News [3]Sport [4]Weather [5]Contact\n\n",
    {"", "\n\n"},
    "   Share this article\n   Related stories\n",
    {"     * [10]", "\n"},
    "\n   Leave a comment\n   (c) 2026 The Town Paper. All rights "
    "reserved.\n\n",
};

static const struct markup as_html = {
    true,
    "<div class=\"nav\"><a href=\"/\">Home</a> <a href=\"/n\">News</a> "
    "<a href=\"/s\">Sport</a></div>\n",
    {"<h2>", "</h2>\n"},
    "<p>Share this article</p>\n<h3>Related stories</h3>\n<ul>",
    {"<li><a href=\"/r\">", "</a></li>\n"},
    "</ul>\n<p>Leave a comment</p>\n<footer>(c) 2026 The Town Paper. All "
    "rights reserved.</footer>\n",
};

/* One scraped page: a menu, a headline, the article, and the boilerplate
 * around it. */
static void
add_page(struct dc_buf *b, unsigned k, const struct markup *m)
{
    char line[64];
    add_str(b, m->menu);
    snprintf(line, sizeof line, "Bridge works in town %u go on", k);
    add_str(b, m->headline[0]);
    add_str(b, line);
    add_str(b, m->headline[1]);
    unsigned paragraphs = 3 + rnd(8);
    for (unsigned i = 0; i < paragraphs; i++)
        add_paragraph(b, m->html);
    add_str(b, m->related);
    for (unsigned i = 0; i < 4 + rnd(4); i++) {
        snprintf(line, sizeof line, "Roads closed in town %u", rnd(1000));
        add_str(b, m->item[0]);
        add_str(b, line);
        add_str(b, m->item[1]);
    }
    add_str(b, m->end);
}

/* A document of many pages, with one line longer than DC_LINE_MAX in
 * its middle. */
static void
make_document(struct dc_buf *doc, unsigned pages)
{
    for (unsigned k = 0; k < pages; k++) {
        add_page(doc, k, &as_text);
        if (k == pages / 2) {
            size_t start = doc->len;
            while (doc->len - start <= DC_LINE_MAX + DC_LINE_MAX / 3)
                add_str(doc, "word after word, ");
            add_str(doc, "end\n\n");
        }
    }
}

/* The same pages as HTML, after a run of comments that fill more than
 * DC_HTML_SNIFF bytes. */
static void
make_html(struct dc_buf *doc, unsigned pages)
{
    while (doc->len < 2 * DC_HTML_SNIFF)
        add_str(doc, "<!-- served by a cache, generated by a template -->\n");
    add_str(doc, "<!DOCTYPE html>\n<html><head><title>The Town Paper</title>"
                 "</head><body>\n");
    for (unsigned k = 0; k < pages; k++)
        add_page(doc, k, &as_html);
    add_str(doc, "</body></html>\n");
}

/* How one run cuts the document into feeds. */
enum schedule {
    WHOLE_FINAL,  /* one feed, final */
    WHOLE_THEN,   /* one feed, then an empty final one */
    CHUNKS,       /* 64 KiB feeds, as the CLI reads */
    RANDOM_SIZES, /* feeds of 1 byte to 9 KiB, final on the last */
};

static void
run(struct dc_pipeline *p, const struct dc_buf *doc, enum schedule how,
    struct dc_buf *out)
{
    const char *s = doc->data;
    size_t left = doc->len;
    switch (how) {
    case WHOLE_FINAL:
        dc_pipeline_feed(p, s, left, true, out);
        return;
    case WHOLE_THEN:
        dc_pipeline_feed(p, s, left, false, out);
        break;
    case CHUNKS:
        for (; left > 0;) {
            size_t n = left < (64u << 10) ? left : (64u << 10);
            dc_pipeline_feed(p, s, n, false, out);
            s += n;
            left -= n;
        }
        break;
    case RANDOM_SIZES:
        for (; left > 0;) {
            size_t n = 1 + rnd(rnd(4) == 0 ? 16 : 9000);
            if (n > left)
                n = left;
            dc_pipeline_feed(p, s, n, n == left, out);
            s += n;
            left -= n;
        }
        return;
    }
    dc_pipeline_feed(p, NULL, 0, true, out);
}

static size_t
count_lines(const struct dc_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->data[i] == '\n';
    return n;
}

static bool
holds(const struct dc_buf *b, const char *s)
{
    return b->len && memmem(b->data, b->len, s, strlen(s)) != NULL;
}

static void
test_feeds(struct dc_rules *rules, enum dc_emit_mode mode, bool html,
           const char *what)
{
    struct dc_buf doc = DC_BUF_INIT;
    if (html) {
        make_html(&doc, 900);
        ok(doc.len > ((size_t)2 << 20), "%s: the page is %zu bytes", what,
           doc.len);
    } else {
        make_document(&doc, 900);
        size_t lines = count_lines(&doc);
        ok(lines > 4 * DC_WINDOW_LINES, "%s: the document spans %zu lines",
           what, lines);
    }

    /* sniffed, as declutter does unless told */
    struct dc_pipeline_opts po = {.rules = rules, .mode = mode};
    struct dc_error err = {0};
    struct dc_pipeline *p = dc_pipeline_new(&po, &err);
    struct dc_buf want = DC_BUF_INIT, got = DC_BUF_INIT;
    run(p, &doc, CHUNKS, &want);
    struct dc_doc_stats st;
    dc_pipeline_stats(p, &st);
    ok(st.html == html, "%s: read as %s", what, html ? "HTML" : "text");
    if (mode == DC_EMIT_TEXT)
        ok(holds(&want, "the council said") && !holds(&want, "Related") &&
               !holds(&want, "Leave a comment") &&
               !holds(&want, "All rights reserved"),
           "%s: 64 KiB feeds keep the articles, drop the rest (%zu of %zu "
           "bytes)", what, want.len, doc.len);
    static const struct {
        enum schedule how;
        const char *name;
    } others[] = {
        {WHOLE_FINAL, "one final feed"},
        {WHOLE_THEN, "one feed, then final"},
        {RANDOM_SIZES, "feeds of random sizes"},
        {CHUNKS, "64 KiB feeds again"},
    };
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        dc_buf_clear(&got);
        run(p, &doc, others[i].how, &got);
        size_t same = 0;
        while (same < got.len && same < want.len &&
               got.data[same] == want.data[same])
            same++;
        ok(got.len == want.len && same == got.len,
           "%s: the same output from %s (%zu bytes; first difference at %zu)",
           what, others[i].name, got.len, same);
    }
    dc_pipeline_free(p);
    dc_buf_free(&got);
    dc_buf_free(&want);
    dc_buf_free(&doc);
}

/* Explain a document fed in two pieces, cut at byte `at`. */
static void
run_cut(struct dc_pipeline *p, const struct dc_buf *doc, size_t at,
        struct dc_buf *out)
{
    dc_pipeline_feed(p, doc->data, at, false, out);
    dc_pipeline_feed(p, doc->data + at, doc->len - at, true, out);
}

/*
 * A line of DC_LINE_MAX bytes, give or take one, ended by "\n", "\r\n"
 * or a lone "\r": whether it is broken into pieces, and where, must not
 * depend on whether its end came in the same feed.  --explain shows the
 * pieces; the document is fed whole and cut at every byte around the
 * line's end.
 */
static void
test_line_max_edges(struct dc_rules *rules)
{
    static const char *const ends[] = {"\n", "\r\n", "\r"};
    struct dc_pipeline_opts po = {.rules = rules, .mode = DC_EMIT_EXPLAIN,
                                  .input = DC_INPUT_TEXT};
    struct dc_error err = {0};
    struct dc_pipeline *p = dc_pipeline_new(&po, &err);
    struct dc_buf doc = DC_BUF_INIT, want = DC_BUF_INIT, got = DC_BUF_INIT;
    size_t cases = 0, differ = 0;
    for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
        for (size_t len = DC_LINE_MAX - 1; len <= DC_LINE_MAX + 1; len++) {
            dc_buf_clear(&doc);
            add_str(&doc, "A first line of the page.\n");
            size_t start = doc.len;
            while (doc.len - start < len)
                add_str(&doc, "aaaaaaaa");
            doc.len = start + len;
            add_str(&doc, ends[e]);
            add_str(&doc, "And a last line after it.\n");
            dc_buf_clear(&want);
            dc_pipeline_feed(p, doc.data, doc.len, true, &want);
            for (size_t at = start + len - 2; at <= start + len + 3; at++) {
                dc_buf_clear(&got);
                run_cut(p, &doc, at, &got);
                cases++;
                differ += got.len != want.len ||
                          memcmp(got.data, want.data, got.len) != 0;
            }
        }
    }
    ok(cases == 54 && differ == 0,
       "lines of DC_LINE_MAX bytes, give or take one: the same pieces "
       "wherever the feed ends (%zu of %zu cuts differ)",
       differ, cases);
    dc_pipeline_free(p);
    dc_buf_free(&doc);
    dc_buf_free(&want);
    dc_buf_free(&got);
}

int
main(void)
{
    if (!dc_lang_init_snapshot(dc_embedded_lang_snapshot,
                               dc_embedded_lang_snapshot_len))
        dc_lang_init();
    struct dc_rules *rules =
        dc_rules_from_snapshot(dc_embedded_snapshot, dc_embedded_snapshot_len);
    if (!rules) {
        struct dc_error err = {0};
        rules = dc_rules_new();
        for (const struct dc_embedded_file *f = dc_embedded_rules; f->name;
             f++)
            dc_rules_load_string(rules, f->name, f->data, f->len, &err);
    }
    test_feeds(rules, DC_EMIT_TEXT, false, "text");
    test_feeds(rules, DC_EMIT_EXPLAIN, false, "text --explain");
#if HAVE_TIDY
    test_feeds(rules, DC_EMIT_TEXT, true, "HTML");
#endif
    test_line_max_edges(rules);
    dc_rules_free(rules);
    return tap_done();
}
