/*
 * rules-parse.c - the rule language: read rule files and strings into a
 * rules object (statements, sections, settings, examples), and the table
 * of classifier settings with their defaults and bounds.
 *
 * It compiles each pattern with PCRE2 and hands it to rules-prefilter.c
 * to be read; it matches nothing.
 */
#include "config.h"
#include "rules-internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- settings */

struct setting {
    const char *name;
    size_t offset;
    double def, min, max;
    bool integer;
    const char *help;
};

#define S(field) #field, offsetof(struct dc_settings, field)
static const struct setting settings[] = {
    {S(length_low), 55, 0, 100000, false,
     "characters (not spaces) below which a block is short"},
    {S(length_high), 165, 0, 100000, false,
     "characters (not spaces) from which a block can be good"},
    {S(stopwords_low), 0.22, 0, 1, false,
     "stopword density below which a block is bad"},
    {S(stopwords_high), 0.30, 0, 1, false,
     "stopword density from which a block is good"},
    {S(max_heading_distance), 3, 0, 1000, true,
     "blocks between a heading and its text"},
    {S(region_gap), 6, 0, 100000, true,
     "bad blocks that end an article region"},
    {S(region_min_words), 60, 0, 1e9, true,
     "words that make a region kept on its own"},
    {S(region_min_share), 0.25, 0, 1, false,
     "share of the biggest region that keeps a region"},
    {S(tail_resume_words), 90, 0, 1e9, true,
     "words of prose in a run after a terminal marker that resume "
     "the article"},
    {S(repeat_min_words), 15, 0, 1e9, true,
     "words from which a paragraph kept once is not kept again"},
    {S(repeat_run_words), 100, 0, 1e9, true,
     "words of repeated paragraphs in a run that are the text printed "
     "again, and kept"},
    {S(match_limit), 1000000, 1, 4294967295.0, true,
     "PCRE2 match limit for every pattern"},
    {S(closing_words), 5, 0, 1e9, true,
     "words of a short sentence, at least, that closes the paragraph "
     "above it (kept with it)"},
    {S(lede_words), 15, 0, 1e9, true,
     "words of a wire story's first paragraph, at least"},
    {S(lede_gap), 6, 0, 1e9, true,
     "blocks of page furniture between a standfirst and the text, at most"},
    {S(stamp_span), 6, 0, 254, true,
     "blocks from one comment's signature (a time of day) to the next, "
     "at most, in a thread"},
    {S(section_words), 60, 0, 1e9, true,
     "words of a paragraph under a subheading, more than, that make it a "
     "section of the text after a terminal marker, not a teaser"},
    {S(lang_words), 20, 0, 1e9, true,
     "words of a paragraph whose language tells the next page's text "
     "from the comments on this one"},
    {S(bare_sentence_words), 5, 0, 1e9, true,
     "words of a list item with no stop at its end that reads as a "
     "sentence, at least"},
    {S(bare_sentence_stopwords), 0.4, 0, 1, false,
     "...and its stopword density, at least"},
    {S(long_list), 20, 1, 1e9, true,
     "headline-like lines in a row that are a list whatever their words"},
    {S(blurb_words), 30, 0, 1e9, true,
     "words of a directory entry's blurb, at most (HTML)"},
    {S(teaser_grid), 3, 1, 1e9, true,
     "paragraphs, at least, of a grid of teasers"},
    {S(teaser_words), 90, 0, 1e9, true, "words of a teaser's summary, at most"},
    {S(teaser_title_words), 5, 0, 1e9, true,
     "words of a teaser's headline, at least (a signature has fewer)"},
    {S(caption_twice_min), 25, 8, 1e9, true,
     "bytes of each copy, at least, of a caption said twice (its alt "
     "text, then its caption)"},
    {S(caption_twice_max), 600, 0, 1e9, true,
     "bytes of a caption said twice, at most"},
    {S(caption_credit_max), 80, 0, 1e9, true,
     "bytes of the bracketed credit after it, at most"},
    {S(list_page_kept), 0.06, 0, 1, false,
     "a text dump whose kept words are less than this share of them and "
     "the words dropped for no text near is a page of lists..."},
    {S(list_page_spread), 0.2, 0, 1, false,
     "...or less than this share, when no paragraph is good by its "
     "features and what was kept lies in two regions or more (or in "
     "one without prose)..."},
    {S(list_page_words), 200, 0, 1e9, true,
     "...when those dropped words are this many at least..."},
    {S(list_page_marks), 0.01, 0, 1, false,
     "...and less than this share of their characters are code marks: "
     "then its lists are kept"},
    {S(list_page_posts), 2, 1, 1e9, true,
     "paragraphs of prose, each with a time of day just above it, that "
     "make a page with no good paragraph a thread of posts, not a page "
     "of lists"},
    {S(brief_paras), 2, 0, 255, true,
     "near-good sentences, at least, dropped before anything was kept, "
     "that make a short brief a terminal marker ends"},
    {S(standfirst_words), 60, 0, 1e9, true,
     "words of prose kept above a terminal marker, fewer than, that are "
     "only the text's standfirst: when text resumes after it..."},
    {S(standfirst_gap), 8, 0, 1e9, true,
     "...this many blocks after the marker at most (rule matches and "
     "code aside), the text takes back all the marker dropped"},
    {S(bullet_item_words), 25, 0, 1e9, true,
     "words of a bulleted line, at most, that is a list item"},
    {S(list_item_stopwords), 0.2, 0, 1, false,
     "stopword density below which a headline-like line is a list item"},
    {S(list_item_words), 20, 0, 1e9, true,
     "under a list heading, words of a line, at most, that is an item "
     "whatever its shape"},
    {S(list_prose_words), 25, 0, 1e9, true,
     "under a list heading, words of a paragraph (list_item_words for "
     "two sentences) that is prose and ends the list"},
    {S(teaser_summary_words), 60, 0, 1e9, true,
     "under a list heading, words of a teaser's summary (or a numbered "
     "headline), at most"},
    {S(author_name_words), 4, 0, 1e9, true,
     "words of an author's name on a line of its own, at most (an author "
     "box: the name, then a paragraph about them, after the text)"},
    {S(author_tail_words), 30, 0, 1e9, true,
     "words of text after an author box, fewer than (more: it is text)"},
    {S(heading_words), 20, 0, 1e9, true,
     "words of a heading (a line with no sentence end, no bullet), at most"},
    {S(heading_chars), 160, 0, 1e9, true,
     "characters (not spaces) of a heading, at most"},
    {S(prose_title_share), 0.7, 0, 1, false,
     "share of capitalised words below which a short line reads as a "
     "piece of prose, not a title"},
    {S(fragment_words), 4, 0, 1e9, true,
     "...and words, at least, of such a line on its own"},
    {S(verse_lines), 8, 2, 1e9, true,
     "lines of prose in a row, at least, that are text however short "
     "(verse)"},
    {S(menu_words), 15, 0, 1e9, true,
     "words of a line with no sentence end, more than, that is a menu "
     "when nearly every word is capitalised"},
    {S(menu_caps_share), 0.8, 0, 1, false,
     "...this share of its words, at least"},
    {S(cjk_stopword_scale), 1.6, 0, 100, false,
     "factor on the stopword density of CJK text (fewer function "
     "characters than European text has function words)"},
    {S(inline_link_words), 15, 0, 1e9, true,
     "words of a bulleted line between two paragraphs, at most, that is "
     "a link set into the text"},
    {S(photo_words), 5, 0, 1e9, true,
     "words of a photo's text, at least, that context passes over"},
    {S(stamp_words), 20, 0, 1e9, true,
     "words of a line with a time of day, at most, that signs a comment"},
    {S(label_words), 6, 0, 1e9, true,
     "words of a heading, at most, that labels a list under it"},
    {S(list_items), 3, 1, 1e9, true,
     "lines of a list, at least, that a sentence announces or that make "
     "a link list"},
    {S(list_sentence_words), 4, 0, 1e9, true,
     "words of a list item, at least, that reads as a sentence"},
    {S(numbered_steps), 3, 1, 1e9, true,
     "numbered steps in a row, at least, that are a recipe's method"},
    {S(link_title_density), 0.8, 0, 1, false,
     "link density of a heading, at least, that is a directory entry's "
     "title (HTML)"},
    {S(titled_blurb_words), 45, 0, 1e9, true,
     "words of the blurb under a linked title, at most (HTML)"},
    {S(blurb_sentences), 3, 0, 1e9, true, "...and its sentences, at most"},
    {S(directory_entries), 3, 1, 1e9, true,
     "entries in a row, at least, that make a directory of links"},
    {S(caption_twice_words), 5, 0, 1e9, true,
     "words of each copy, at least, of a caption said twice"},
    {S(markup_prose_links), 0.5, 0, 1, false,
     "link density, less than, of good prose that only its markup "
     "dropped, for pass 7 to keep (HTML)"},
    {S(near_text_words), 15, 0, 1e9, true,
     "words, at least, of a near-good sentence that good text a few "
     "blocks of page furniture away makes text"},
    {S(near_text_stopwords), 0.4, 0, 1, false,
     "...and its stopword density, at least"},
};
#undef S

#define NSETTINGS (sizeof settings / sizeof settings[0])

void
dc_settings_default(struct dc_settings *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < NSETTINGS; i++)
        *(double *)((char *)s + settings[i].offset) = settings[i].def;
}

static const char *const action_names[DC_ACTION_COUNT] = {
    "drop", "keep", "strip", "cut-after", "cut-before", "drop-list",
    "drop-markup", "keep-markup", "signature", "bio", "furniture",
};

const char *
dc_action_name(enum dc_action a)
{
    return (unsigned)a < DC_ACTION_COUNT ? action_names[a] : "?";
}

/* ----------------------------------------------------------------- parsing */

struct cursor {
    const char *name;
    unsigned line;
    const char *bol, *p, *eol; /* line start, position, end (no CR/LF) */
    uint32_t langs;            /* the current section */
};

static bool
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void
skip_space(struct cursor *c)
{
    while (c->p < c->eol && is_space(*c->p))
        c->p++;
}

static bool
at_end(const struct cursor *c)
{
    return c->p >= c->eol || *c->p == '#';
}

static unsigned
column(const struct cursor *c, const char *at)
{
    unsigned col = 1;
    /* at may be the end of the line, which for a last line without a
     * '\n' is the end of the text: no byte to look at there */
    while (at > c->bol && at < c->eol && ((unsigned char)*at & 0xC0) == 0x80)
        at--; /* inside a character: its column */
    for (const char *q = c->bol; q < at; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            col++;
    return col;
}

static int rule_error(struct dc_error *err, const struct cursor *c,
                      const char *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int
rule_error(struct dc_error *err, const struct cursor *c, const char *at,
           const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        dc_error_setv(err, DC_ERULE, fmt, ap);
        va_end(ap);
        err->saved_errno = 0;
        err->file = c->name;
        err->line = c->line;
        err->col = column(c, at);
    }
    return DC_ERULE;
}

/* Bytes of a token worth quoting in a message: at most ~40, whole
 * characters. */
static int
quote_len(const char *s, size_t n)
{
    if (n <= 40)
        return (int)n;
    n = 40;
    while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* A token ending at white space, '#' or any byte in stop. */
static const char *
token_end(const struct cursor *c, const char *stop)
{
    const char *q = c->p;
    while (q < c->eol && !is_space(*q) && *q != '#' && !strchr(stop, *q))
        q++;
    return q;
}

static int
expect_end(struct cursor *c, const char *what, struct dc_error *err)
{
    skip_space(c);
    if (!at_end(c))
        return rule_error(err, c, c->p, "unexpected text after %s", what);
    return 0;
}

/* A "string" at c->p; its decoded bytes go to out. */
static int
parse_string(struct cursor *c, struct dc_buf *out, struct dc_error *err)
{
    const char *open = c->p;
    if (c->p >= c->eol || *c->p != '"')
        return rule_error(err, c, c->p, "expected a string");
    c->p++;
    dc_buf_clear(out);
    dc_buf_reserve(out, 0);
    while (c->p < c->eol && *c->p != '"') {
        if (*c->p != '\\') {
            dc_buf_putc(out, *c->p++);
            continue;
        }
        const char *esc = c->p;
        char e = c->p + 1 < c->eol ? c->p[1] : '\0';
        c->p += 2;
        switch (e) {
        case '"':
        case '\\':
            dc_buf_putc(out, e);
            break;
        case 'n':
            dc_buf_putc(out, '\n');
            break;
        case 't':
            dc_buf_putc(out, '\t');
            break;
        case 'u': {
            int32_t cp = dc_hex4(c->p, (size_t)(c->eol - c->p));
            if (cp < 0)
                return rule_error(err, c, esc, "invalid \\u escape");
            c->p += 4;
            if (cp >= 0xD800 && cp <= 0xDFFF)
                return rule_error(err, c, esc, "invalid \\u escape");
            char u[4];
            dc_buf_append(out, u, dc_utf8_encode(cp, u));
            break;
        }
        default:
            if (esc + 1 >= c->eol) {
                c->p = c->eol;
                break; /* unterminated, below */
            }
            return rule_error(err, c, esc, "unknown escape '\\%.*s'",
                              (int)u8len((unsigned char)e), esc + 1);
        }
    }
    if (c->p >= c->eol)
        return rule_error(err, c, open, "unterminated string");
    c->p++;
    return 0;
}

static int
io_error(struct dc_error *err, const char *path, const char *what)
{
    int e = errno;
    dc_error_set(err, DC_EIO, "%s", what);
    if (err) {
        err->saved_errno = e;
        err->file = path;
        err->line = err->col = 0;
    }
    return DC_EIO;
}

static void
add_name(struct dc_rules *r, const char *name, const char **copy)
{
    if (r->nnames && strcmp(r->names[r->nnames - 1], name) == 0) {
        *copy = r->names[r->nnames - 1];
        return;
    }
    r->names =
        dc_xgrow(r->names, &r->capnames, r->nnames + 1, sizeof *r->names);
    r->names[r->nnames] = dc_xstrdup(name);
    *copy = r->names[r->nnames++];
}

static int
parse_section(struct cursor *c, struct dc_error *err)
{
    uint32_t langs = 0;
    c->p++; /* '[' */
    skip_space(c);
    if (c->p < c->eol && *c->p == '*') {
        c->p++;
        skip_space(c);
        if (c->p >= c->eol || *c->p != ']')
            return rule_error(err, c, c->p, "expected ']'");
    } else {
        for (;;) {
            skip_space(c);
            const char *code = c->p, *end = token_end(c, ",]");
            if (end == code)
                return rule_error(err, c, code, "expected a language code");
            int k = dc_lang_index_n(code, (size_t)(end - code));
            if (k < 0 || k >= DC_LANG_MAX)
                return rule_error(err, c, code, "unknown language '%.*s'",
                                  quote_len(code, (size_t)(end - code)), code);
            langs |= 1u << k;
            c->p = end;
            skip_space(c);
            if (c->p < c->eol && *c->p == ',') {
                c->p++;
                continue;
            }
            if (c->p >= c->eol || *c->p != ']')
                return rule_error(err, c, c->p, "expected ']'");
            break;
        }
    }
    c->p++; /* ']' */
    int rc = expect_end(c, "section", err);
    if (rc == 0)
        c->langs = langs;
    return rc;
}

static int
parse_set(struct dc_rules *r, struct cursor *c, struct dc_error *err)
{
    skip_space(c);
    const char *name = c->p, *name_end = token_end(c, "");
    if (name == name_end)
        return rule_error(err, c, name, "expected a setting name");
    const struct setting *st = NULL;
    size_t nlen = (size_t)(name_end - name);
    for (size_t k = 0; k < NSETTINGS; k++)
        if (strlen(settings[k].name) == nlen &&
            memcmp(settings[k].name, name, nlen) == 0)
            st = &settings[k];
    if (!st)
        return rule_error(err, c, name, "unknown setting '%.*s'",
                          quote_len(name, nlen), name);
    c->p = name_end;
    skip_space(c);
    const char *val = c->p, *val_end = token_end(c, "");
    if (val == val_end)
        return rule_error(err, c, val, "expected a value");

    /* [+-]digits[.digits][e[+-]digits], checked here so that strtod's
     * extras (hex, inf, nan) are not accepted */
    size_t vlen = (size_t)(val_end - val), k = 0;
    size_t digits = 0;
    char num[64];
    if (k < vlen && (val[k] == '+' || val[k] == '-'))
        k++;
    while (k < vlen && dc_isdigit(val[k]))
        k++, digits++;
    if (k < vlen && val[k] == '.') {
        k++;
        while (k < vlen && dc_isdigit(val[k]))
            k++, digits++;
    }
    if (digits && k < vlen && (val[k] == 'e' || val[k] == 'E')) {
        k++;
        if (k < vlen && (val[k] == '+' || val[k] == '-'))
            k++;
        size_t e = k;
        while (k < vlen && dc_isdigit(val[k]))
            k++;
        if (k == e)
            digits = 0;
    }
    if (!digits || k != vlen || vlen >= sizeof num)
        return rule_error(err, c, val, "expected a number");
    memcpy(num, val, vlen);
    num[vlen] = '\0';
    double v = strtod(num, NULL);
    if (!(v >= st->min && v <= st->max))
        return rule_error(err, c, val, "value out of range");
    if (st->integer && v != (double)(uint64_t)v)
        return rule_error(err, c, val, "expected a whole number");
    c->p = val_end;
    int rc = expect_end(c, "value", err);
    if (rc != 0)
        return rc;
    /* In [*] a setting is for every document, so for every language too;
     * in a language section only for the languages named. */
    if (!c->langs)
        *(double *)((char *)&r->settings + st->offset) = v;
    for (int lang = 0; lang < DC_LANG_MAX; lang++)
        if (!c->langs || (c->langs & (1u << lang)))
            *(double *)((char *)&r->lang_settings[lang] + st->offset) = v;
    return 0;
}

static int
parse_test(struct dc_rules *r, struct cursor *c, const char *file,
           struct dc_error *err)
{
    static const char *const kinds[] = {"keep", "drop", "strip"};
    struct dc_buf text = DC_BUF_INIT, want = DC_BUF_INIT;
    int rc = 0;
    skip_space(c);
    const char *kw = c->p, *kw_end = token_end(c, "\"");
    int kind = -1;
    for (int k = 0; k < 3; k++)
        if (strlen(kinds[k]) == (size_t)(kw_end - kw) &&
            memcmp(kinds[k], kw, (size_t)(kw_end - kw)) == 0)
            kind = k;
    if (kind < 0) {
        rc = rule_error(err, c, kw, "expected keep, drop or strip");
        goto out;
    }
    c->p = kw_end;
    skip_space(c);
    if ((rc = parse_string(c, &text, err)) < 0)
        goto out;
    if (kind == TEST_STRIP) {
        skip_space(c);
        if ((rc = parse_string(c, &want, err)) < 0)
            goto out;
    }
    if ((rc = expect_end(c, "string", err)) < 0)
        goto out;
    r->tests =
        dc_xgrow(r->tests, &r->captests, r->ntests + 1, sizeof *r->tests);
    struct test *t = &r->tests[r->ntests++];
    t->kind = (enum test_kind)kind;
    t->file = file;
    t->line = c->line;
    t->langs = c->langs;
    t->text_len = text.len;
    t->text = text.data;
    t->want_len = want.len;
    t->want = want.data ? want.data : dc_xstrdup("");
    t->in_snapshot = false;
    text.data = want.data = NULL;
out:
    dc_buf_free(&text);
    dc_buf_free(&want);
    return rc;
}

static int
parse_rule(struct dc_rules *r, struct cursor *c, enum dc_action action,
           const char *file, struct dc_error *err)
{
    struct dc_buf pat = DC_BUF_INIT;
    size_t *map = NULL, mapcap = 0; /* pattern byte -> offset in line */
    pcre2_code *code = NULL;
    int rc = 0;
    skip_space(c);
    const char *open = c->p;
    if (c->p >= c->eol || *c->p != '/') {
        rc = rule_error(err, c, c->p, "expected a pattern");
        goto out;
    }
    c->p++;
    dc_buf_reserve(&pat, 0);
    while (c->p < c->eol && *c->p != '/') {
        map = dc_xgrow(map, &mapcap, pat.len + 2, sizeof *map);
        if (*c->p == '\\' && c->p + 1 < c->eol) {
            map[pat.len] = (size_t)(c->p - c->bol);
            if (c->p[1] == '/') {
                dc_buf_putc(&pat, '/'); /* "\/" stands for '/' */
            } else {
                dc_buf_putc(&pat, '\\');
                map[pat.len] = (size_t)(c->p + 1 - c->bol);
                dc_buf_putc(&pat, c->p[1]);
            }
            c->p += 2;
        } else {
            map[pat.len] = (size_t)(c->p - c->bol);
            dc_buf_putc(&pat, *c->p++);
        }
    }
    if (c->p >= c->eol) {
        rc = rule_error(err, c, open, "unterminated pattern");
        goto out;
    }
    if (!pat.len) {
        rc = rule_error(err, c, open, "empty pattern");
        goto out;
    }
    map = dc_xgrow(map, &mapcap, pat.len + 1, sizeof *map);
    map[pat.len] = (size_t)(c->p - c->bol);
    c->p++;
    bool caseless = false, extended = false;
    while (c->p < c->eol && !is_space(*c->p) && *c->p != '#') {
        if (*c->p == 'i') {
            caseless = true;
        } else if (*c->p == 'x') {
            extended = true;
        } else {
            size_t k = u8len((unsigned char)*c->p);
            if (k > (size_t)(c->eol - c->p))
                k = (size_t)(c->eol - c->p);
            rc = rule_error(err, c, c->p, "unknown flag '%.*s'", (int)k, c->p);
            goto out;
        }
        c->p++;
    }
    const char *written_end = c->p;
    if ((rc = expect_end(c, "pattern", err)) < 0)
        goto out;

    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
                    (caseless ? PCRE2_CASELESS : 0) |
                    (extended ? PCRE2_EXTENDED : 0);
    int errcode;
    PCRE2_SIZE erroff;
    code = pcre2_compile((PCRE2_SPTR)pat.data, pat.len, opts, &errcode, &erroff,
                         r->s->cctx);
    if (!code) {
        PCRE2_UCHAR msg[200];
        if (pcre2_get_error_message(errcode, msg, sizeof msg) < 0)
            snprintf((char *)msg, sizeof msg, "bad pattern");
        if (erroff > pat.len)
            erroff = pat.len;
        rc = rule_error(err, c, c->bol + map[erroff], "%s", (char *)msg);
        goto out;
    }

    uint32_t captures = 0;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
    if (captures + 1 > r->s->md_pairs) {
        pcre2_match_data_free(r->s->md);
        r->s->md_pairs = captures + 1;
        r->s->md = pcre2_match_data_create(r->s->md_pairs, r->s->gctx);
    }

    struct rule *ru = dc_xcalloc(1, sizeof *ru);
    ru->pub.action = action;
    ru->pub.file = file;
    ru->pub.line = c->line;
    ru->pub.pattern = dc_xstrndup(open, (size_t)(written_end - open));
    ru->pub.langs = c->langs;
    ru->pub.code = code;
    code = NULL;
    if (pcre2_pattern_info(ru->pub.code, PCRE2_INFO_MINLENGTH, &ru->minlen) !=
        0)
        ru->minlen = 0;
    /* A caseless group in a cased pattern: fold all of its literals. */
    bool fold = caseless || memmem(pat.data, pat.len, "(?i", 3) != NULL;
    dc_rules_extract_prefilter(ru, pat.data, pat.len, fold, extended);
    dc_rules_extract_heads(ru, pat.data, pat.len, fold, extended);
    dc_rules_extract_most(ru, pat.data, pat.len, opts);
    if (r->no_prefilter)
        ru->tail = MX_INF; /* every run from the subject's start */
    dc_rules_extract_start(r, ru, pat.data, pat.len, opts);
    dc_rules_extract_end(r, ru, pat.data, pat.len, opts);
    r->list[action] = dc_xgrow(r->list[action], &r->cap[action],
                               r->n[action] + 1, sizeof *r->list[action]);
    r->list[action][r->n[action]++] = ru;
out:
    pcre2_code_free(code);
    dc_free(map);
    dc_buf_free(&pat);
    return rc;
}

static int
parse_line(struct dc_rules *r, struct cursor *c, const char *file,
           struct dc_error *err)
{
    size_t valid = dc_utf8_valid_prefix(c->bol, (size_t)(c->eol - c->bol));
    if (valid != (size_t)(c->eol - c->bol))
        return rule_error(err, c, c->bol + valid, "invalid UTF-8");
    skip_space(c);
    if (at_end(c))
        return 0;
    if (*c->p == '[')
        return parse_section(c, err);
    const char *word = c->p, *end = token_end(c, "/\"[");
    size_t n = (size_t)(end - word);
    if (!n)
        return rule_error(err, c, word, "expected an action");
    c->p = end;
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        if (strlen(action_names[a]) == n &&
            memcmp(action_names[a], word, n) == 0)
            return parse_rule(r, c, (enum dc_action)a, file, err);
    if (n == 3 && memcmp(word, "set", 3) == 0)
        return parse_set(r, c, err);
    if (n == 4 && memcmp(word, "test", 4) == 0)
        return parse_test(r, c, file, err);
    return rule_error(err, c, word, "unknown action '%.*s'", quote_len(word, n),
                      word);
}

int
dc_rules_load_string(struct dc_rules *r, const char *name, const char *text,
                     size_t len, struct dc_error *err)
{
    const char *file;
    if (!name)
        name = "<string>";
    add_name(r, name, &file);
    struct cursor c = {name, 0, NULL, NULL, NULL, 0};
    const char *p = text, *end = text + len;
    int rc = 0;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a byte order mark is no part of the first line */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        c.line++;
        c.bol = c.p = p;
        c.eol = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        if ((rc = parse_line(r, &c, file, err)) < 0)
            break;
        p = nl ? nl + 1 : end;
    }
    r->ix->stale = true; /* and the rules loaded before an error stay */
    return rc;
}

int
dc_rules_load_file(struct dc_rules *r, const char *path, struct dc_error *err)
{
    struct dc_buf b = DC_BUF_INIT;
    int rc = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        rc = io_error(err, path, "cannot open rule file");
        goto out;
    }
    for (;;) {
        dc_buf_reserve(&b, 65536);
        size_t got = fread(b.data + b.len, 1, 65536, f);
        b.len += got;
        b.data[b.len] = '\0';
        if (got < 65536)
            break;
    }
    if (ferror(f)) {
        rc = io_error(err, path, "cannot read rule file");
        goto out;
    }
    rc = dc_rules_load_string(r, path, b.data, b.len, err);
out:
    if (f)
        fclose(f);
    dc_buf_free(&b);
    return rc;
}
