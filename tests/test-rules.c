/*
 * test-rules.c - the rule language: statements, flags, escapes, sections,
 * settings, every error with its line and column, matching, strip,
 * match limits, the examples --check-rules runs, and that matching's
 * shortcuts never change an answer.
 */
#include "config.h"
#include "rules.h"
#include "rules-internal.h"

#include "embedded.h"
#include "lang.h"
#include "tap.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <utf8proc.h>

#define NAME "t.rules"

/* A rule set loaded from text, which must load. */
static struct dc_rules *
load(const char *text)
{
    struct dc_rules *r = dc_rules_new();
    struct dc_error err = {0};
    int rc = dc_rules_load_string(r, NAME, text, strlen(text), &err);
    if (rc != 0)
        ok(0, "rules load: %s:%u:%u: %s", err.file ? err.file : "?", err.line,
           err.col, err.msg);
    return r;
}

/* Text that must fail with DC_ERULE at line:col with msg. */
static void
error_is(const char *text, unsigned line, unsigned col, const char *msg)
{
    struct dc_rules *r = dc_rules_new();
    struct dc_error err = {0};
    int rc = dc_rules_load_string(r, NAME, text, strlen(text), &err);
    bool same = rc == DC_ERULE && err.code == DC_ERULE && err.file &&
                strcmp(err.file, NAME) == 0 && err.line == line &&
                err.col == col && strcmp(err.msg, msg) == 0;
    ok(same, "error %u:%u %s", line, col, msg);
    if (!same)
        printf("#   got rc %d %s:%u:%u: %s\n", rc, err.file ? err.file : "?",
               err.line, err.col, err.msg);
    dc_rules_free(r);
}

static bool
drops(const struct dc_rules *r, enum dc_action a, int lang, const char *text)
{
    return dc_rules_match(r, a, lang, text, strlen(text)) != NULL;
}

/* dc_rules_strip on text; the result is compared with want. */
static const struct dc_rule *
strip_is(const struct dc_rules *r, int lang, const char *text, const char *want,
         const char *what)
{
    struct dc_buf out = DC_BUF_INIT;
    const struct dc_rule *ru =
        dc_rules_strip(r, lang, text, strlen(text), &out);
    dc_buf_putc(&out, '\0');
    is_str(out.data, want, "strip %s", what);
    dc_buf_free(&out);
    return ru;
}

static void
test_names_and_defaults(void)
{
    static const char *const names[] = {"drop",        "keep",
                                        "strip",       "cut-after",
                                        "cut-before",  "drop-list",
                                        "drop-markup", "keep-markup",
                                        "signature",   "bio",
                                        "furniture"};
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        is_str(dc_action_name((enum dc_action)a), names[a], "action name %d",
               a);

    struct dc_settings s;
    dc_settings_default(&s);
    ok(s.length_low == 55 && s.length_high == 165, "default lengths");
    ok(s.stopwords_low == 0.22 && s.stopwords_high == 0.30,
       "default stopwords");
    ok(s.max_heading_distance == 3 && s.region_gap == 6 &&
           s.region_min_words == 60 && s.region_min_share == 0.25 &&
           s.tail_resume_words == 90,
       "default region settings");
    ok(s.match_limit == 1000000, "default match limit");
    ok(s.closing_words == 5 && s.lede_words == 15 && s.lede_gap == 6 &&
           s.stamp_span == 6 && s.section_words == 60 &&
           s.lang_words == 20 && s.long_list == 20,
       "default structure thresholds");
    ok(s.bare_sentence_words == 5 && s.bare_sentence_stopwords == 0.4 &&
           s.blurb_words == 30 && s.teaser_grid == 3 &&
           s.teaser_words == 90 && s.teaser_title_words == 5,
       "default list and teaser thresholds");
    ok(s.caption_twice_min == 25 && s.caption_twice_max == 600 &&
           s.caption_credit_max == 80,
       "default caption thresholds");
    ok(s.list_page_kept == 0.06 && s.list_page_spread == 0.2 &&
           s.list_page_words == 200 && s.list_page_marks == 0.01 &&
           s.list_page_posts == 2 && s.brief_paras == 2 &&
           s.standfirst_words == 60 && s.standfirst_gap == 8,
       "default page-of-lists and brief thresholds");
    ok(s.bullet_item_words == 25 && s.list_item_stopwords == 0.2 &&
           s.list_item_words == 20 && s.list_prose_words == 25 &&
           s.teaser_summary_words == 60,
       "default list thresholds");
    ok(s.author_name_words == 4 && s.author_tail_words == 30,
       "default author box thresholds");
    ok(s.heading_words == 20 && s.heading_chars == 160 &&
           s.prose_title_share == 0.7,
       "default heading and prose shape thresholds");
    ok(s.fragment_words == 4 && s.verse_lines == 8 && s.menu_words == 15 &&
           s.menu_caps_share == 0.8 && s.cjk_stopword_scale == 1.6 &&
           s.inline_link_words == 15 && s.photo_words == 5 &&
           s.stamp_words == 20 && s.label_words == 6,
       "default line shape thresholds");
    ok(s.list_items == 3 && s.list_sentence_words == 4 &&
           s.numbered_steps == 3 && s.link_title_density == 0.8 &&
           s.titled_blurb_words == 45 && s.blurb_sentences == 3 &&
           s.directory_entries == 3 && s.caption_twice_words == 5 &&
           s.markup_prose_links == 0.5,
       "default list, directory and caption thresholds");
    ok(s.near_text_words == 15 && s.near_text_stopwords == 0.4,
       "default near-text thresholds");

    struct dc_rules *r = dc_rules_new();
    ok(memcmp(dc_rules_settings(r), &s, sizeof s) == 0,
       "new rules start with the defaults");
    dc_rules_free(r);
    dc_rules_free(NULL);
    ok(1, "dc_rules_free(NULL)");
}

static void
test_actions(void)
{
    struct dc_rules *r = load("# one of each\n"
                              "drop /^advertisement$/\n"
                              "keep /^by [A-Z]/\n"
                              "strip /\\(photo\\)/\n"
                              "\n"
                              "cut-after /^comments$/\n"
                              "  cut-before\t/^skip to content$/\n"
                              "drop-list /^related stories$/\n"
                              "drop /advert/\n");
    const struct dc_rule *ru;

    ru = dc_rules_match(r, DC_ACTION_DROP, -1, "advertisement", 13);
    ok(ru && ru->action == DC_ACTION_DROP && ru->line == 2 &&
           strcmp(ru->file, NAME) == 0,
       "drop matches, with its file and line");
    ok(ru && strcmp(ru->pattern, "/^advertisement$/") == 0,
       "pattern as written");
    ok(ru && ru->langs == 0 && ru->code != NULL, "every language, compiled");
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, "an advert here", 14);
    ok(ru && ru->line == 9, "the first rule that matches");
    ok(!drops(r, DC_ACTION_DROP, -1, "an article"), "drop: no match");
    ok(!drops(r, DC_ACTION_DROP, -1, "by Jane"), "actions do not mix");

    ru = dc_rules_match(r, DC_ACTION_KEEP, -1, "by Jane Doe", 11);
    ok(ru && ru->action == DC_ACTION_KEEP && ru->line == 3, "keep");
    ok(!drops(r, DC_ACTION_KEEP, -1, "by jane"), "keep is case-sensitive");
    ru = dc_rules_match(r, DC_ACTION_CUT_AFTER, -1, "comments", 8);
    ok(ru && ru->action == DC_ACTION_CUT_AFTER && ru->line == 6, "cut-after");
    ru = dc_rules_match(r, DC_ACTION_CUT_BEFORE, -1, "skip to content", 15);
    ok(ru && ru->action == DC_ACTION_CUT_BEFORE && ru->line == 7,
       "cut-before, after blanks and a tab");
    ru = dc_rules_match(r, DC_ACTION_DROP_LIST, -1, "related stories", 15);
    ok(ru && ru->action == DC_ACTION_DROP_LIST && ru->line == 8, "drop-list");
    ru = dc_rules_match(r, DC_ACTION_STRIP, -1, "a (photo) b", 11);
    ok(ru && ru->action == DC_ACTION_STRIP && ru->line == 4,
       "strip rules match too");
    ok(!drops(r, DC_ACTION_COUNT, -1, "advertisement"), "bad action: NULL");
    ok(dc_rules_match(r, DC_ACTION_DROP, -1, "advertisement", 5) == NULL,
       "only len bytes are matched");
    ok(dc_rules_match(r, DC_ACTION_DROP, -1, NULL, 0) == NULL, "empty text");
    ok(dc_rules_take_warning(r) == NULL, "no warnings");
    dc_rules_free(r);
}

/* The matcher reads the subject where the caller has it, not a copy:
 * only its len bytes count, whatever follows them, and a buffer asked
 * about again with other bytes in it is a new subject. */
static void
test_subject_in_place(void)
{
    struct dc_rules *r = load("drop /^a$/\n"
                              "drop /^ab$/\n"
                              "drop /^\\d$/\n"
                              "strip /^x /\n"
                              "drop /^(?:zz)?$/\n");
    const char *abc = "abc";
    const struct dc_rule *ru = NULL;
    bool each = true;
    for (int c = 1; c < 256; c++) {
        char two[2] = {'a', (char)c};
        ru = dc_rules_match(r, DC_ACTION_DROP, -1, two, 1);
        each &= ru && ru->line == 1;
    }
    ok(each, "one byte of a longer text, whatever byte follows");
    /* nothing is read past them (the sanitizer and valgrind see that) */
    char *one = malloc(1);
    one[0] = 'a';
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, one, 1);
    ok(ru && ru->line == 1, "one byte, the whole allocation");
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, one + 1, 0);
    ok(ru && ru->line == 5, "nothing, at the allocation's end");
    free(one);
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, abc, 2);
    ok(ru && ru->line == 2, "two bytes of a longer text");
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, "7z", 1);
    ok(ru && ru->line == 3, "a digit, a letter after it");
    char buf[4] = "ab";
    ok(dc_rules_match(r, DC_ACTION_DROP, -1, buf, 2) != NULL, "asked once");
    buf[1] = 'c';
    ok(dc_rules_match(r, DC_ACTION_DROP, -1, buf, 2) == NULL,
       "the same buffer with other bytes: asked anew");
    struct dc_buf out = DC_BUF_INIT;
    char line[8] = "x ab";
    ok(dc_rules_strip(r, -1, line, 4, &out) != NULL && out.len == 2 &&
           memcmp(out.data, "ab", 2) == 0,
       "stripped");
    memcpy(line, "x a", 3);
    dc_buf_clear(&out);
    ok(dc_rules_strip(r, -1, line, 3, &out) != NULL && out.len == 1 &&
           out.data[0] == 'a' &&
           dc_rules_match(r, DC_ACTION_DROP, -1, out.data, out.len) &&
           dc_rules_match(r, DC_ACTION_DROP, -1, out.data, out.len)->line == 1,
       "stripped again in the same buffer, and the result matched");
    dc_buf_free(&out);
    dc_rules_free(r);
}

static void
test_flags(void)
{
    struct dc_rules *r = load("drop /^advertisement$/i\n"
                              "keep /^ad vert $/x\n"
                              "cut-after /^ COM MENTS $/ix\n"
                              "cut-before /^école$/i\n"
                              "drop-list /^\\w+$/\n"
                              "strip /kelvin/i\n");
    ok(drops(r, DC_ACTION_DROP, -1, "ADVERTISEMENT"), "i: caseless");
    ok(drops(r, DC_ACTION_KEEP, -1, "advert"), "x: blanks ignored");
    ok(!drops(r, DC_ACTION_KEEP, -1, "ad vert "), "x: blanks do not match");
    ok(drops(r, DC_ACTION_CUT_AFTER, -1, "Comments"), "ix together");
    ok(drops(r, DC_ACTION_CUT_BEFORE, -1, "ÉCOLE"), "caseless is Unicode");
    ok(drops(r, DC_ACTION_DROP_LIST, -1, "Grüße"), "\\w is Unicode (UCP)");
    ok(!drops(r, DC_ACTION_DROP_LIST, -1, "a b"), "\\w is not a space");
    ok(drops(r, DC_ACTION_STRIP, -1,
             "\xE2\x84\xAA"
             "ELVIN"),
       "caseless k matches KELVIN SIGN");
    dc_rules_free(r);

    r = load("drop /share/i\n");
    ok(drops(r, DC_ACTION_DROP, -1, "\xC5\xBFHARE"),
       "caseless s matches LONG S");
    ok(drops(r, DC_ACTION_DROP, -1, "please SHARE this"), "found inside");
    dc_rules_free(r);
}

static void
test_pattern_escapes(void)
{
    struct dc_rules *r = load("drop /^a\\/b$/\n"
                              "keep /^c\\\\/\n"
                              "cut-after /^\\d+ comments?$/\n"
                              "cut-before /^\\x{41}\\.$/\n"
                              "drop-list /^x#y$/ # a comment after\n"
                              "strip /\\/\\/+/\n");
    ok(drops(r, DC_ACTION_DROP, -1, "a/b"), "\\/ is a slash");
    ok(drops(r, DC_ACTION_KEEP, -1, "c\\"), "\\\\/ ends the pattern");
    ok(drops(r, DC_ACTION_CUT_AFTER, -1, "12 comments"), "\\d reaches PCRE2");
    ok(!drops(r, DC_ACTION_CUT_AFTER, -1, "x comments"), "\\d is a digit");
    ok(drops(r, DC_ACTION_CUT_BEFORE, -1, "A."), "\\x{41} and \\.");
    ok(!drops(r, DC_ACTION_CUT_BEFORE, -1, "Ab"), "\\. is a dot");
    ok(drops(r, DC_ACTION_DROP_LIST, -1, "x#y"), "# inside a pattern");
    strip_is(r, -1, "see http://x", "see http:x", "\\/\\/+");
    dc_rules_free(r);
}

static void
test_lines(void)
{
    struct dc_rules *r = load("\xEF\xBB\xBF"
                              "drop /^one$/\r\n"
                              "\r\n"
                              "   # comment\r\n"
                              "drop /^two$/   # comment\r\n"
                              "drop /three$/");
    const struct dc_rule *ru;
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, "one", 3);
    ok(ru && ru->line == 1, "byte order mark skipped, CRLF");
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, "two", 3);
    ok(ru && ru->line == 4, "CRLF: $ does not see the CR");
    ru = dc_rules_match(r, DC_ACTION_DROP, -1, "three", 5);
    ok(ru && ru->line == 5, "last line without a newline");
    dc_rules_free(r);

    error_is("drop /a/\r\n\r\n  dorp /b/\r\n", 3, 3, "unknown action 'dorp'");
    error_is("\xEF\xBB\xBF"
             "dorp /b/",
             1, 1, "unknown action 'dorp'");
}

static void
test_sections(void)
{
    int en = dc_lang_index("en"), de = dc_lang_index("de");
    int fr = dc_lang_index("fr"), es = dc_lang_index("es");
    struct dc_rules *r = load("drop /^all$/\n"
                              "[de]\n"
                              "drop /^anzeige$/\n"
                              "[DE, fr]   # both\n"
                              "drop /^werbung$/\n"
                              "[*]\n"
                              "drop /^again$/\n"
                              "[fr]\n");
    ok(en >= 0 && de >= 0 && fr >= 0 && es >= 0, "languages known");
    ok(drops(r, DC_ACTION_DROP, en, "all"), "[*] rule in en");
    ok(drops(r, DC_ACTION_DROP, de, "anzeige"), "[de] rule in de");
    ok(!drops(r, DC_ACTION_DROP, en, "anzeige"), "[de] rule not in en");
    ok(drops(r, DC_ACTION_DROP, -1, "anzeige"), "unknown language: every rule");
    ok(drops(r, DC_ACTION_DROP, fr, "werbung"), "[de,fr] in fr");
    ok(drops(r, DC_ACTION_DROP, de, "werbung"), "[de,fr] in de");
    ok(!drops(r, DC_ACTION_DROP, es, "werbung"), "[de,fr] not in es");
    ok(drops(r, DC_ACTION_DROP, es, "again"), "[*] ends a section");
    const struct dc_rule *ru =
        dc_rules_match(r, DC_ACTION_DROP, de, "werbung", 7);
    ok(ru && ru->langs == ((1u << de) | (1u << fr)), "langs bitmask");

    /* the next file starts in [*] again */
    struct dc_error err = {0};
    const char *more = "drop /^next$/\n";
    ok(dc_rules_load_string(r, "u.rules", more, strlen(more), &err) == 0,
       "second file loads");
    ru = dc_rules_match(r, DC_ACTION_DROP, es, "next", 4);
    ok(ru && strcmp(ru->file, "u.rules") == 0 && ru->line == 1,
       "second file starts in [*]");
    dc_rules_free(r);

    error_is("[de,xx]\n", 1, 5, "unknown language 'xx'");
    error_is("drop /a/\n  [english]", 2, 4, "unknown language 'english'");
    error_is("[]", 1, 2, "expected a language code");
    error_is("[de,]", 1, 5, "expected a language code");
    error_is("[de", 1, 4, "expected ']'");
    error_is("[de fr]", 1, 5, "expected ']'");
    error_is("[*,de]", 1, 3, "expected ']'");
    error_is("[de] drop /a/", 1, 6, "unexpected text after section");
}

static void
test_settings(void)
{
    struct dc_rules *r = load("set length_low 50\n"
                              "set stopwords_high 0.4   # comment\n"
                              "set region_gap 8\n"
                              "set region_gap 9\n"
                              "set match_limit 2e6\n"
                              "set region_min_share .5\n");
    const struct dc_settings *s = dc_rules_settings(r);
    ok(s->length_low == 50, "set length_low");
    ok(s->stopwords_high == 0.4, "set stopwords_high");
    ok(s->region_gap == 9, "a later set wins");
    ok(s->match_limit == 2e6, "exponent");
    ok(s->region_min_share == 0.5, "leading dot");
    ok(s->length_high == 165, "the others keep their defaults");
    struct dc_error err = {0};
    const char *more = "set length_low 60\n";
    dc_rules_load_string(r, "u.rules", more, strlen(more), &err);
    ok(s->length_low == 60, "a later file wins");
    dc_rules_free(r);

    error_is("set foo 1", 1, 5, "unknown setting 'foo'");
    error_is("set Length_low 1", 1, 5, "unknown setting 'Length_low'");
    error_is("set", 1, 4, "expected a setting name");
    error_is("set length_low", 1, 15, "expected a value");
    error_is("set length_low  -1", 1, 17, "value out of range");
    error_is("set stopwords_low 1.5", 1, 19, "value out of range");
    error_is("set match_limit 0", 1, 17, "value out of range");
    error_is("set match_limit 1e99", 1, 17, "value out of range");
    /* caption_twice() looks for the second copy by its first 8 bytes */
    error_is("set caption_twice_min 7", 1, 23, "value out of range");
    /* the classifier counts blocks since a signature in a byte */
    error_is("set stamp_span 255", 1, 16, "value out of range");
    error_is("set long_list 0", 1, 15, "value out of range");
    error_is("set region_gap 2.5", 1, 16, "expected a whole number");
    error_is("set region_gap abc", 1, 16, "expected a number");
    error_is("set region_gap 0x10", 1, 16, "expected a number");
    error_is("set region_gap inf", 1, 16, "expected a number");
    error_is("set region_gap 3 4", 1, 18, "unexpected text after value");

    /* a failed set changes nothing */
    r = dc_rules_new();
    const char *bad = "set region_gap 7\nset region_gap 8 x\n";
    ok(dc_rules_load_string(r, NAME, bad, strlen(bad), &err) == DC_ERULE &&
           dc_rules_settings(r)->region_gap == 7,
       "lines before an error stay, the bad one does not");
    dc_rules_free(r);
}

static void
test_errors(void)
{
    error_is("dorp /a/", 1, 1, "unknown action 'dorp'");
    error_is("  drop /a/\n  Drop /a/", 2, 3, "unknown action 'Drop'");
    error_is("/a/", 1, 1, "expected an action");
    error_is("drop", 1, 5, "expected a pattern");
    error_is("drop   a", 1, 8, "expected a pattern");
    error_is("drop # no", 1, 6, "expected a pattern");
    error_is("drop /abc", 1, 6, "unterminated pattern");
    error_is("drop /abc\\/", 1, 6, "unterminated pattern");
    error_is("drop //", 1, 6, "empty pattern");
    error_is("drop /a/iq", 1, 10, "unknown flag 'q'");
    error_is("drop /a/é", 1, 9, "unknown flag 'é'");
    error_is("drop /a/ i", 1, 10, "unexpected text after pattern");
    error_is("drop /a/ /b/", 1, 10, "unexpected text after pattern");

    /* PCRE2's message, at the pattern character it points to */
    error_is("drop /a(b/", 1, 10, "missing closing parenthesis");
    error_is("drop /a\\/b)/", 1, 11, "unmatched closing parenthesis");
    error_is("drop /\\/\\/\\/)/", 1, 13, "unmatched closing parenthesis");
    error_is("drop /é)/", 1, 8, "unmatched closing parenthesis");
    error_is("drop /a\\/+*/", 1, 11,
             "quantifier does not follow a repeatable item");
    error_is("drop /[z-a]/", 1, 10, "range out of order in character class");
    error_is("drop /\\C/", 1, 9, "using \\C is disabled by the application");

    error_is("test keep \"abc", 1, 11, "unterminated string");
    error_is("test keep \"abc\\\"", 1, 11, "unterminated string");
    error_is("test keep abc", 1, 11, "expected a string");
    error_is("test kept \"a\"", 1, 6, "expected keep, drop or strip");
    error_is("test", 1, 5, "expected keep, drop or strip");
    error_is("test strip \"a\"", 1, 15, "expected a string");
    error_is("test keep \"a\" \"b\"", 1, 15, "unexpected text after string");
    error_is("test keep \"a\\qb\"", 1, 13, "unknown escape '\\q'");
    error_is("test keep \"a\\u12\"", 1, 13, "invalid \\u escape");
    error_is("test keep \"\\uD800\"", 1, 12, "invalid \\u escape");
    error_is("drop /\xC3/", 1, 7, "invalid UTF-8");

    /* an error keeps what came before */
    struct dc_rules *r = dc_rules_new();
    struct dc_error err = {0};
    const char *text = "drop /^one$/\ndrop /(/\ndrop /^three$/\n";
    ok(dc_rules_load_string(r, NAME, text, strlen(text), &err) == DC_ERULE,
       "bad line fails the load");
    ok(drops(r, DC_ACTION_DROP, -1, "one"), "rules before it stay");
    ok(!drops(r, DC_ACTION_DROP, -1, "three"), "rules after it are not read");
    dc_rules_free(r);
}

static void
test_strip(void)
{
    struct dc_rules *r = load("strip /\\(photo: [^)]*\\)/i\n"
                              "strip /\\[\\d+\\]/\n"
                              "[de]\n"
                              "strip /\\(Foto\\)/\n");
    const struct dc_rule *ru;
    ru = strip_is(r, -1, "Hello (Photo: AP) world", "Hello world", "middle");
    ok(ru && ru->line == 1, "returns the rule");
    strip_is(r, -1, "(photo: AP)   Hello", "Hello", "at the start");
    strip_is(r, -1, "Hello  (photo: AP)", "Hello", "at the end");
    strip_is(r, -1, "a [1] b [2] c", "a b c", "every match");
    strip_is(r, -1, "a [1][2] b", "a b", "adjacent matches");
    strip_is(r, -1, "a [1] [2] b", "a b", "matches apart");
    strip_is(r, -1, "word[1] next", "word next", "space on one side");
    strip_is(r, -1, "foo[1]bar", "foobar", "no space: none added");
    strip_is(r, -1, "[1] [2]", "", "everything");
    ru = strip_is(r, -1, "  keep  this  ", "  keep  this  ", "no match");
    ok(ru == NULL, "no match: NULL, text unchanged");
    ru = strip_is(r, -1, "(photo: x) a [3]", "a", "two rules, in order");
    ok(ru && ru->line == 1, "the first rule that removed something");
    ru = strip_is(r, dc_lang_index("en"), "b [3] (Foto)", "b (Foto)",
                  "[de] rule not in en");
    ok(ru && ru->line == 2, "the rule that did it");
    strip_is(r, -1, "b [3] (Foto)", "b", "unknown language: every rule");
    strip_is(r, dc_lang_index("de"), "b (Foto) c", "b c", "[de] rule in de");

    struct dc_buf out = DC_BUF_INIT;
    dc_buf_puts(&out, "prefix|");
    dc_rules_strip(r, -1, "x [1] y", 7, &out);
    is_str(out.data, "prefix|x y", "strip appends to out");
    dc_buf_free(&out);
    dc_rules_free(r);

    r = load("strip /x*/\n");
    strip_is(r, -1, "axxb xc", "ab c", "empty matches remove nothing");
    dc_rules_free(r);
}

/* Lines of a strip window, asked in order: a literal found further on
 * in the window is not in the line asked about. */
static void
test_strip_window(void)
{
    struct dc_rules *r = load("strip /\\(Foto\\)/\n"
                              "strip /\\{[^}]*\\}/\n");
    static const char *const lines[][2] = {
        {"a b", "a b"},             /* both literals come later */
        {"c (Foto) d", "c d"},
        {"e (Fo", "e (Fo"},         /* "(Fo\nto)" is no line's */
        {"to) f {x} g", "to) f g"},
        {"h", "h"},
        {"(Foto)", ""},             /* at the window's end */
    };
    struct dc_buf text = DC_BUF_INIT, out = DC_BUF_INIT;
    size_t off[6];
    for (size_t i = 0; i < 6; i++) {
        off[i] = text.len;
        dc_buf_puts(&text, lines[i][0]);
        if (i < 5)
            dc_buf_putc(&text, '\n');
    }
    dc_rules_strip_window(r, text.data, text.len);
    for (size_t i = 0; i < 6; i++) {
        dc_buf_clear(&out);
        dc_rules_strip(r, -1, text.data + off[i], strlen(lines[i][0]), &out);
        dc_buf_putc(&out, '\0');
        is_str(out.data, lines[i][1], "window line %zu", i);
    }
    dc_rules_strip_window(r, NULL, 0);
    strip_is(r, -1, "a (Foto) b", "a b", "no window");
    dc_buf_free(&out);
    dc_buf_free(&text);
    dc_rules_free(r);
}

static void
test_check(void)
{
    int de = dc_lang_index("de");
    struct dc_rules *r = load("drop /^advertisement$/i\n"
                              "keep /^advertisement: the book$/i\n"
                              "cut-after /^comments$/i\n"
                              "strip /\\(photo\\)/i\n"
                              "test drop \"Advertisement\"\n"
                              "test keep \"Advertisement: the book\"\n"
                              "test drop \"Comments\"\n"
                              "test keep \"An article\"\n"
                              "test strip \"a (Photo) b\" \"a b\"\n"
                              "test strip \"\\\"q\\\" \\\\ \\u00e9 (photo)\" "
                              "\"\\\"q\\\" \\\\ é\"\n"
                              "[de]\n"
                              "drop /^anzeige$/i\n"
                              "test drop \"Anzeige\"\n");
    struct dc_buf report = DC_BUF_INIT;
    size_t total = 0;
    size_t failed = dc_rules_check(r, &report, &total);
    ok(failed == 0 && total == 7, "all examples pass (%zu of %zu failed)",
       failed, total);
    ok(report.len == 0, "empty report");
    if (report.len)
        printf("# %s", report.data);
    dc_rules_free(r);
    dc_buf_free(&report);

    r = load("drop /^advertisement$/i\n"
             "keep /^keep me$/\n"
             "drop /^keep me$/\n"
             "strip /\\(photo\\)/\n"
             "test keep \"advertisement\"\n"
             "test drop \"an article\"\n"
             "test drop \"keep me\"\n"
             "test strip \"a (photo)  b\" \"a  b\"\n"
             "test keep \"line\\nbreak\\ttab\"\n"
             "[de]\n"
             "drop /^anzeige$/\n"
             "test drop \"anzeige\"\n"
             "[fr]\n"
             "test drop \"anzeige\"\n");
    failed = dc_rules_check(r, &report, &total);
    ok(failed == 5 && total == 7, "five of seven fail (%zu of %zu)", failed,
       total);
    is_str(report.data ? report.data : "",
           NAME ":5: expected keep: advertisement\n" NAME
                ":6: expected drop: an article\n" NAME
                ":7: expected drop: keep me\n" NAME
                ":8: expected strip result 'a  b', got 'a b'\n" NAME
                ":14: expected drop: anzeige\n",
           "report lines");
    ok(drops(r, DC_ACTION_DROP, de, "anzeige"), "[de] test ran in de");
    failed = dc_rules_check(r, NULL, NULL);
    ok(failed == 5, "report and total may be NULL");
    dc_rules_free(r);
    dc_buf_free(&report);
}

/* The cost check: a pattern whose items can split a row of them every
 * way is reported, the same row's pattern with possessive spaces is not,
 * nor is a bounded one that is never asked about such a line. */
static void
test_check_cost(void)
{
    struct dc_rules *r =
        load("drop /^\\s*(?:(?:share|print)\\s*[|,]?\\s*){2,}$/i\n"
             "drop /^\\s*(?:(?:share|print)\\s*+(?:[|,]\\s*+)?){2,}$/i\n"
             "drop /^(?:advertisement|anzeige)$/i\n"
             "strip /\\s*\\(photo[^)]*\\)/i\n");
    struct dc_buf report = DC_BUF_INIT;
    size_t total = 0;
    size_t slow = dc_rules_check_cost(r, &report, &total);
    ok(slow == 1 && total == 4, "one of four patterns backtracks (%zu of %zu)",
       slow, total);
    ok(report.data && strncmp(report.data, NAME ":1: the pattern backtracks",
                              strlen(NAME ":1: the pattern backtracks")) == 0,
       "the report names its line: %s", report.data ? report.data : "");
    dc_rules_free(r);
    dc_buf_free(&report);
}

static void
test_match_limit(void)
{
    size_t n = 100 * 1024;
    char *text = malloc(n + 1);
    memset(text, 'a', n);
    text[n] = '!';
    /* (a rule that can end with the subject's last byte, '!': one that
     * can not is never run) */
    struct dc_rules *r = load("drop /^x/\n"
                              "drop /(a+)+[.!]{2}$/\n"
                              "drop /!/\n");
    const struct dc_rule *ru =
        dc_rules_match(r, DC_ACTION_DROP, -1, text, n + 1);
    ok(ru && ru->line == 3, "a rule past the limit does not match; the "
                            "next one does");
    const struct dc_rule *w = dc_rules_take_warning(r);
    ok(w && w->line == 2, "the limit is reported");
    ok(dc_rules_take_warning(r) == NULL, "once");
    dc_rules_match(r, DC_ACTION_DROP, -1, text, n + 1);
    ok(dc_rules_take_warning(r) == NULL, "and never again");
    dc_rules_free(r);

    /* the limit in force when matching counts, not at compile time */
    r = load("drop /(a+)+[.!]{2}$/\n");
    ok(!drops(r, DC_ACTION_DROP, -1, "aaaaaaaaaaaa!"), "no match");
    ok(dc_rules_take_warning(r) == NULL, "within the default limit");
    struct dc_error err = {0};
    const char *more = "set match_limit 100\n";
    dc_rules_load_string(r, "u.rules", more, strlen(more), &err);
    ok(!drops(r, DC_ACTION_DROP, -1, "aaaaaaaaaaaa!"), "no match");
    w = dc_rules_take_warning(r);
    ok(w && w->line == 1, "past a limit set later");
    dc_rules_free(r);

    r = load("strip /(a+)+[.!]{2}$/\n");
    text[n - 1] = ' ';
    struct dc_buf out = DC_BUF_INIT;
    ok(dc_rules_strip(r, -1, text, n + 1, &out) == NULL && out.len == n + 1,
       "strip past the limit: text unchanged");
    ok(dc_rules_take_warning(r) != NULL, "strip reports the limit");
    dc_buf_free(&out);
    dc_rules_free(r);
    free(text);
}

/* A rule runs in the interpreter for its first runs and is JIT-compiled
 * after (JIT_AFTER in rules-match.c): its answers are the same either way. */
static void
test_jit_later(void)
{
    struct dc_rules *r = load("drop /^(?:share|tweet)\\b.{0,20}$/i\n"
                              "strip /\\s*\\(photo: [^()]*\\)/i\n"
                              "strip /x*/\n");
    size_t wrong = 0;
    for (int i = 0; i < 1000; i++) {
        bool even = i % 2 == 0;
        const char *t =
            even ? "Share this story" : "Share the story of a whole long year";
        if (drops(r, DC_ACTION_DROP, -1, t) != even)
            wrong++;
        struct dc_buf out = DC_BUF_INIT;
        const char *in = even ? "A cat (Photo: A. B.) sits. xx" : "A cat sits.";
        const char *want = "A cat sits."; /* stripped, or as it was */
        const struct dc_rule *ru = dc_rules_strip(r, -1, in, strlen(in), &out);
        if ((ru != NULL) != even || out.len != strlen(want) ||
            memcmp(out.data, want, out.len) != 0)
            wrong++;
        dc_buf_free(&out);
    }
    ok(wrong == 0, "answers the same before and after JIT (%zu wrong)", wrong);
    dc_rules_free(r);

    /* long subjects have it compiled after a few runs: the same again */
    r = load("strip /\\(photo: [^()]*\\)/i\n");
    struct dc_buf in = DC_BUF_INIT, out = DC_BUF_INIT;
    wrong = 0;
    for (int i = 0; i < 8; i++) {
        dc_buf_clear(&in);
        for (int k = 0; k < 1000; k++)
            dc_buf_puts(&in, "A cat sits. ");
        if (i % 2 == 0)
            dc_buf_puts(&in, "(Photo: A. B.)");
        dc_buf_clear(&out);
        const struct dc_rule *ru = dc_rules_strip(r, -1, in.data, in.len, &out);
        /* stripped, the space before the credit goes with it */
        size_t want = i % 2 == 0 ? 12000 - 1 : 12000;
        if ((ru != NULL) != (i % 2 == 0) || out.len != want)
            wrong++;
    }
    ok(wrong == 0, "long subjects the same before and after JIT (%zu wrong)",
       wrong);
    dc_buf_free(&in);
    dc_buf_free(&out);
    dc_rules_free(r);
}

static void
test_many_captures(void)
{
    /* the match data must fit the largest pattern */
    struct dc_rules *r = load("drop /^(a)$/\n"
                              "strip /(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)/\n");
    ok(drops(r, DC_ACTION_DROP, -1, "a"), "one capture");
    strip_is(r, -1, "x bcdefghijkl y", "x y", "eleven captures");
    dc_rules_free(r);
}

static void
test_prefilter(void)
{
    /* the literal prefilter must never hide a match */
    struct dc_rules *r = load("drop /^(related|more) (stories|news)$/i\n"
                              "drop /\\bfunction\\s*\\(/\n"
                              "drop /cookies? (policy|settings)/i\n"
                              "drop /©|all rights reserved/i\n"
                              "drop /ab+c/\n"
                              "drop /^(?:x|y)?zz/\n"
                              "drop /^广告$/i\n");
    ok(drops(r, DC_ACTION_DROP, -1, "MORE News"), "anchored, caseless");
    ok(!drops(r, DC_ACTION_DROP, -1, "see more news"), "anchored");
    ok(drops(r, DC_ACTION_DROP, -1, "var f = function (x) {"), "literal");
    ok(drops(r, DC_ACTION_DROP, -1, "Our COOKIE Settings"), "alternatives");
    ok(drops(r, DC_ACTION_DROP, -1, "© 2024 Example"), "non-ASCII, i");
    ok(drops(r, DC_ACTION_DROP, -1, "abbbc"), "repeated character");
    ok(drops(r, DC_ACTION_DROP, -1, "yzz"), "optional group");
    ok(drops(r, DC_ACTION_DROP, -1, "zz"), "optional group absent");
    ok(drops(r, DC_ACTION_DROP, -1, "广告"), "CJK, caseless");
    ok(!drops(r, DC_ACTION_DROP, -1, "plain prose, nothing to see"),
       "no match");
    dc_rules_free(r);
}

/* ------------------------------------------------- prefilter equivalence */

/*
 * Matching skips most rules without running them (first bytes, literals,
 * keys, a per-text cache).  With DC_RULES_NO_PREFILTER set when the rules
 * object is made, every rule that applies runs: the answers must be the
 * same, for every action, strip, and language.
 */

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;

static uint64_t
rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static size_t
pick(size_t n)
{
    return n ? (size_t)(rng() % n) : 0;
}

static struct dc_rules *
new_rules(bool plain)
{
    if (plain)
        setenv("DC_RULES_NO_PREFILTER", "1", 1);
    struct dc_rules *r = dc_rules_new();
    unsetenv("DC_RULES_NO_PREFILTER");
    return r;
}

static bool
same_rule(const struct dc_rule *x, const struct dc_rule *y)
{
    if (!x || !y)
        return x == y;
    return x->line == y->line && strcmp(x->file, y->file) == 0;
}

static void
print_text(const char *what, const char *t, size_t n)
{
    printf("#   %s: \"", what);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        printf(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? "%c"
                                                              : "\\x%02x",
               c);
    }
    printf("\"\n");
}

struct pair {
    struct dc_rules *fast, *plain;
    size_t texts, differ;
};

/* Ask both about text for every action, strip it, and count a
 * difference (the first few are printed). */
static void
compare(struct pair *p, int lang, const char *text, size_t len)
{
    bool same = true;
    const struct dc_rule *x, *y;
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        x = dc_rules_match(p->fast, (enum dc_action)a, lang, text, len);
        y = dc_rules_match(p->plain, (enum dc_action)a, lang, text, len);
        if (!same_rule(x, y)) {
            if (p->differ < 5)
                printf("#   %s: line %u, every rule: line %u\n",
                       dc_action_name((enum dc_action)a), x ? x->line : 0,
                       y ? y->line : 0);
            same = false;
        }
    }
    struct dc_buf bx = DC_BUF_INIT, by = DC_BUF_INIT;
    x = dc_rules_strip(p->fast, lang, text, len, &bx);
    y = dc_rules_strip(p->plain, lang, text, len, &by);
    if (!same_rule(x, y) || bx.len != by.len ||
        (bx.len && memcmp(bx.data, by.data, bx.len) != 0)) {
        if (p->differ < 5)
            print_text("strip gave", bx.data, bx.len);
        same = false;
    }
    dc_buf_free(&bx);
    dc_buf_free(&by);
    p->texts++;
    if (!same && p->differ++ < 5)
        print_text("text", text, len);
}

/* Append text with each character's case changed as mode says: 0 as is,
 * 1 upper, 2 first upper, 3 at random. */
static void
put_cased(struct dc_buf *b, const char *text, size_t n, int mode)
{
    size_t i = 0;
    bool first = true;
    while (i < n) {
        int32_t cp;
        size_t k = dc_utf8_decode((const unsigned char *)text + i, n - i, &cp);
        if (!k) {
            dc_buf_putc(b, text[i++]); /* left invalid on purpose */
            continue;
        }
        int32_t up = utf8proc_toupper(cp), low = utf8proc_tolower(cp);
        int32_t out = mode == 1 || (mode == 2 && first) ? up
                      : mode == 3                       ? (rng() & 1 ? up : low)
                                                        : cp;
        char u[4];
        dc_buf_append(b, u, dc_utf8_encode(out, u));
        first = false;
        i += k;
    }
}

/* Phrases: runs of letters and spaces in the rule files (the words the
 * patterns look for, and their comments), and their examples. */
static void
collect_phrases(const char *text, size_t len, char ***v, size_t *n, size_t *cap)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && (dc_isalpha(p[j]) || p[j] >= 0x80 || p[j] == ' ' ||
                           p[j] == '\'' || p[j] == '-'))
            j++;
        if (j - i >= 2) {
            while (j > i && (p[j - 1] & 0xC0) == 0x80 &&
                   dc_utf8_valid_prefix(text + i, j - i) != j - i)
                j--; /* a run ends on a character */
            *v = dc_xgrow(*v, cap, *n + 1, sizeof **v);
            (*v)[(*n)++] = dc_xstrndup(text + i, j - i);
        }
        i = j + 1;
    }
}

/* clang-format off */
static const char *const extras[] = {
    "- ", "* ", "• ", "· ", "1. ", "» ", "© 2024 ", "(c) 2023", "Photo: ",
    "(AP Photo/Jane Doe)", "Getty Images", "| Source: Reuters", " | ", ": ",
    "2024-01-02", "12:30", "Mon, Jan 5, 2024", "5 min read", "\xe2\x84\xaa",
    "\xc5\xbf", "\xc4\xb0", "\xc4\xb1", "\xc3\x9f", "\xe1\xba\x9e",
    "\xe2\x84\xa6", "\xcf\x89", "\xc7\x85", "\xef\xac\x81", "\xc2\xa0",
    "\xe2\x80\xa8", "\xc2\x85", "\xef\xbc\x91\xef\xbc\x92", "\xd9\xa1\xd9\xa2",
    "\xf0\x9f\x98\x80", "\xe2\x80\x9c", "\xe2\x80\x9d", "{", "}",
    "\xe2\x80\x94 ", "\xe2\x80\xba ", "\xe3\x80\x80", "\xe2\x80\x83",
    "\xe2\x80\xaf", "\xef\xbc\x83",
    " { color: red; }", ".nav > li { margin: 0 }",
    "(adsbygoogle = window.adsbygoogle || []).push({});",
    "googletag.cmd.push(function() { x(); });", "var x = 1;", "\t",
    "Kommentare", "Комментарии", "ФОТО: ", "评论", "分享到", "广告",
    "Related Stories", "Read more", "Share this article", "Leave a Reply",
    "We use cookies", "Sign up for our newsletter", "By John Smith",
    "by Jane Doe", "Home > News", "home", "All rights reserved.",
    "Image 3 of 12", "3 / 12", "x", "X", "", "\xff", "\xc3",
};
/* clang-format on */

static void
append_piece(struct dc_buf *b, char **phrases, size_t nphrases)
{
    static const char *const seps[] = {"",    " ",  " ",   " ",  "  ", ": ",
                                       " | ", ", ", " - ", ". ", "\n"};
    const char *t;
    if (rng() % 3 == 0) {
        t = extras[pick(sizeof extras / sizeof *extras)];
        if ((t[0] == '\xff' || t[0] == '\xc3') && rng() % 8)
            t = " "; /* invalid UTF-8, now and then */
    } else {
        t = phrases[pick(nphrases)];
    }
    size_t n = strlen(t);
    if (rng() % 6 == 0) {
        n = pick(n + 1); /* a prefix, whole characters */
        while (n && n < strlen(t) && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
    }
    put_cased(b, t, n, (int)pick(4));
    dc_buf_puts(b, seps[pick(sizeof seps / sizeof *seps)]);
}

/* Compare the two on a text of `pieces` pieces, in language lang. */
static void
compare_pieces(struct pair *p, int lang, size_t pieces, char **phrases,
               size_t nphrases)
{
    struct dc_buf t = DC_BUF_INIT;
    for (size_t j = 0; j < pieces; j++)
        append_piece(&t, phrases, nphrases);
    compare(p, lang, t.data ? t.data : "", t.len);
    dc_buf_free(&t);
}

/* Load the shipped rules into a and b (if not NULL), and collect their
 * phrases (if phrases is not NULL). */
static bool
load_shipped(struct dc_rules *a, struct dc_rules *b, char ***phrases,
             size_t *nphrases)
{
    size_t cap = 0;
    struct dc_error err = {0};
    bool loaded = true;
    if (phrases) {
        *phrases = NULL;
        *nphrases = 0;
    }
    for (const struct dc_embedded_file *f = dc_embedded_rules; f->name; f++) {
        loaded = loaded &&
                 dc_rules_load_string(a, f->name, f->data, f->len, &err) == 0 &&
                 (!b || dc_rules_load_string(b, f->name, f->data, f->len,
                                             &err) == 0);
        if (phrases)
            collect_phrases(f->data, f->len, phrases, nphrases, &cap);
    }
    return loaded;
}

static void
free_phrases(char **phrases, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dc_free(phrases[i]);
    dc_free(phrases);
}

static void
test_prefilter_shipped(void)
{
    struct pair p = {new_rules(false), new_rules(true), 0, 0};
    char **phrases;
    size_t nphrases;
    struct dc_error err = {0};
    bool loaded = load_shipped(p.fast, p.plain, &phrases, &nphrases);
    ok(loaded && nphrases > 100, "shipped rules loaded twice, %zu phrases",
       nphrases);

    struct dc_buf t = DC_BUF_INIT;
    /* every phrase alone, as written, in upper case and capitalised */
    for (size_t i = 0; i < nphrases; i++)
        for (int mode = 0; mode < 3; mode++) {
            dc_buf_clear(&t);
            put_cased(&t, phrases[i], strlen(phrases[i]), mode);
            compare(&p, -1, t.data, t.len);
        }
    for (size_t i = 0; i < sizeof extras / sizeof *extras; i++)
        compare(&p, -1, extras[i], strlen(extras[i]));
    /* texts made of a few of them, in every language */
    for (int k = 0; k < 4000; k++) {
        size_t pieces = 1 + pick(rng() % 4 ? 4 : 12);
        int lang = rng() % 3 ? -1 : (int)pick(DC_LANG_MAX + 1) - 1;
        compare_pieces(&p, lang, pieces, phrases, nphrases);
    }
    ok(p.differ == 0, "shipped rules: %zu texts, %zu differ from every rule",
       p.texts, p.differ);
    /* long ones, where a match that ends at the end can only start late */
    size_t before = p.differ;
    for (int k = 0; k < 300; k++)
        compare_pieces(&p, -1, 20 + pick(60), phrases, nphrases);
    ok(p.differ == before, "shipped rules: long texts as every rule");

    /* each rule alone, after which the others can not hide it */
    static const char pads[] = "drop /qqzz1/\ndrop /qqzz2/\ndrop /qqzz3/\n"
                               "strip /qqzz4/\nstrip /qqzz5/\n"
                               "strip /qqzz6/\nstrip /qqzz7/\n";
    size_t texts = 0, differ = 0, nrules = 0, n;
    for (const struct dc_embedded_file *f = dc_embedded_rules; f->name; f++) {
        for (const char *line = f->data, *end; *line; line += n) {
            end = strchr(line, '\n');
            n = end ? (size_t)(end - line) + 1 : strlen(line);
            struct dc_buf one = DC_BUF_INIT;
            dc_buf_append(&one, line, n);
            dc_buf_putc(&one, '\n');
            dc_buf_puts(&one, pads);
            struct pair q = {new_rules(false), new_rules(true), 0, 0};
            bool rule = strncmp(line, "drop", 4) == 0 ||
                        strncmp(line, "keep", 4) == 0 ||
                        strncmp(line, "strip", 5) == 0 ||
                        strncmp(line, "cut-", 4) == 0;
            if (rule &&
                dc_rules_load_string(q.fast, f->name, one.data, one.len,
                                     &err) == 0 &&
                dc_rules_load_string(q.plain, f->name, one.data, one.len,
                                     &err) == 0) {
                nrules++;
                for (int k = 0; k < 300; k++)
                    compare_pieces(&q, -1, 1 + pick(4), phrases, nphrases);
                if (q.differ)
                    printf("#   in %s: %.*s", f->name, (int)n, line);
                texts += q.texts;
                differ += q.differ;
            }
            dc_buf_free(&one);
            dc_rules_free(q.fast);
            dc_rules_free(q.plain);
        }
    }
    ok(nrules > 50 && differ == 0,
       "shipped rules one by one: %zu rules, %zu texts, %zu differ", nrules,
       texts, differ);
    dc_buf_free(&t);
    free_phrases(phrases, nphrases);
    dc_rules_free(p.fast);
    dc_rules_free(p.plain);
}

/* Patterns at the edges of what the pattern reading understands, on
 * texts from a small alphabet that hits them often. */
static void
test_prefilter_edges(void)
{
    static const char rules[] = "drop /^(?:a|b)?c/\n"
                                "drop /^[Bb]y\\s/\n"
                                "drop /^(?:[Hh]ome|HOME)\\b/\n"
                                "drop /^[пП]ри/\n"
                                "drop /^Foo/\n"
                                "drop /^a*b/i\n"
                                "drop /^\\d+\\s*x/\n"
                                "drop /^[^a]b/\n"
                                "drop /^(?=x)xy/\n"
                                "drop /^(?!x)\\w/\n"
                                "drop /^\\bfoo/i\n"
                                "drop /^$/\n"
                                "drop /^(?:ab|)c/\n"
                                "drop /^\\p{Lu}\\w+/\n"
                                "drop /^k/i\n"
                                "drop /^s+t/i\n"
                                "drop /^привет/i\n"
                                "drop /^é/i\n"
                                "drop /^[éa]z/i\n"
                                "drop /^\\x{41}b/\n"
                                "drop /^.{2}x/\n"
                                "drop /^(a|bc)+d/\n"
                                "drop /^(?:x|\\s)+y$/\n"
                                "drop /^\\s*-?\\s*(?:share|like)\\b/i\n"
                                "drop /^[*•-]\\s+(?:go|stop)/i\n"
                                "drop /^ω/i\n"
                                "drop /^(?:\\R|x)z/\n"
                                "drop /^\\X\\X$/\n"
                                "drop /^(?<n>ab)\\k<n>/\n"
                                "drop /^(?i)ab/\n"
                                "drop /^a(?i)b/\n"
                                "drop /^\\Qa.b\\E/\n"
                                "drop /^ a b # comment/x\n"
                                "drop /^[ ]b/x\n"
                                "drop /\\A(?:dit|dat)s?\\b/i\n"
                                "drop /(?:^|\\.\\s+)(?:фото|снимок):/i\n"
                                "drop /(?:dit|photo)s?:/i\n"
                                "drop /(?:cookie|banner) (?:policy|notice)/i\n"
                                "drop /newsletter/i\n"
                                "drop /ab+c/\n"
                                "drop /[>»›]\\s*x/\n"
                                "drop /[Kk]ey\\b/\n"
                                "drop /\\bkm\\b/i\n"
                                "drop /x(?:фото)?y/i\n"
                                "drop /(?:фото|x)y/i\n"
                                "drop /(?:снимок)+z/i\n"
                                "drop /d(?:фото|ФОТО){0,2}c/\n"
                                "drop /(?=фото)\\w+:/i\n"
                                "drop /^(?:ab|c)\\s*\\d+$/\n"
                                "drop /^a.{0,3}$/\n"
                                "drop /^[^x]{1,4}\\z/\n"
                                "drop /^\\d+\\s+x{2,3}\\Z/\n"
                                "drop /^(?:a|b)(?=c)\\w?$/\n"
                                "drop /^\\x4112$/\n"
                                "drop /^\\h*a\\v?\\R*$/\n"
                                "drop /^\\p{L}{1,2}\\s*$/i\n"
                                "drop /^.{0,2}\\d*$/\n"
                                "drop /^(?:\\S\\s?){0,3}$/\n"
                                "drop /^(?:k|s)+$/i\n"
                                "drop /^(?:a$|b)/\n"
                                "drop /^(?:x(?:y|z)$|\\d)$/\n"
                                "drop /^\\X{0,2}$/\n"
                                "drop /^a\\s+b/\n"
                                "drop /^a\\s\\sb/\n"
                                "drop /^a  b/\n"
                                "drop /^a \\s*b/\n"
                                "drop /^a[ .]b/\n"
                                "drop /^[ab-]x/\n"
                                "drop /^[-ab]y/\n"
                                "drop /^(?:[*•-]\\s*)?(?:kb|sz|ab)/i\n"
                                "drop /^»\\s*(?:go|stop)/i\n"
                                "drop /^ſt/i\n"
                                "drop /^über|^x/i\n"
                                "drop /^\\d\\dx/\n"
                                "drop /^(?:ab)*c/\n"
                                "drop /^a?b?c$/\n"
                                "drop /^ab{2}c/\n"
                                "drop /^(?:x|y){2,3}z/\n"
                                "drop /^(?:abc|abd|ab)z/\n"
                                "drop /^[abcdxyzk][abcdxyzk][abcdxyzk][abcdxyzk]s/i\n"
                                "drop /x\\]$/\n"
                                "drop /^.{0,5}\\s\\[(?:…|\\.{3})\\]$/\n"
                                "drop /(?:k|фото)$/i\n"
                                "drop /xſ$/i\n"
                                "drop /é$/i\n"
                                "drop /ω\\s*$/i\n"
                                "drop /\\d$/\n"
                                "drop /\\s*$/\n"
                                "drop /[^a]$/\n"
                                "drop /\\p{Lu}\\Z/i\n"
                                "drop /(?i:x)$/\n"
                                "drop /x(?:y$|z\\z)/\n"
                                "drop /(?:ab|c\\Z)/\n"
                                "drop /(?:a|b)(?<=b)$/\n"
                                "drop /a(?:b|\\R|)$/\n"
                                "drop /(?:\\.{3}|…)\\s*(?:»|>>)?$/\n"
                                "keep /^\\D{0,2}\\W?$/\n"
                                "keep /^(?:x|y)+$/\n"
                                "cut-after /^(?:go|stop)\\s*$/i\n"
                                "[ru]\n"
                                "drop /^x/\n"
                                "[*]\n"
                                "strip /\\{[^}]*\\}/\n"
                                "strip /^(?:date|posted)\\s*:\\s*/i\n"
                                "strip /x+/\n"
                                "strip /(?:ads|googletag)\\.push\\(\\)/\n"
                                "strip /\\bkm\\b/i\n"
                                "strip /(?=y)/\n"
                                "strip /\\s*\\[x\\]$/\n"
                                "strip /\\s+(?:k|ab)$/i\n";
    /* clang-format off */
    static const char *const tokens[] = {
        "a", "b", "c", "d", "x", "y", "z", "k", "K", "s", "S", "t", "\xc5\xbf",
        "\xe2\x84\xaa", "\xc3\xa9", "\xc3\x89", "\xd0\xbf", "\xd0\x9f",
        "\xd1\x80", "\xd0\xa0", "привет", "ПРИВЕТ", "ПрИвЕт", "фото", "ФОТО",
        "снимок", "\xcf\x89", "\xce\xa9", "\xe2\x84\xa6", "1", "2", "\xd9\xa1",
        " ", "  ", "\t", "\r\n", "\n", "-", "*", "\xe2\x80\xa2", ".", ":",
        "\xc2\xbb", ">", "{", "}", "(", ")", "ab", "bc", "dit", "DIT", "dat",
        "photo", "cookie policy", "BANNER NOTICE", "newsletter", "share",
        "like", "go", "stop", "foo", "FOO", "key", "Key", "km", "KM", "date",
        "Posted", "ads.push()", "by", "By", "BY", "home", "Home", "HOME",
        "при", "При", "ПРИ", "Foo", "googletag.push()", "a.b", "\xc2\xa0",
        "\xe3\x80\x80", "\xc2\x85", "\xef\xbc\x91", "\xe2\x80\x89",
        "\xe1\x9a\x80", "\xe0\xa5\xa7", "\xe2\x80\xaf", "\xe2\x81\x9f",
        "\x0b", "\x0c", "123", "\xe3\x81\x82", "\xc3\xbc", "\xc3\x9c",
        "\xc3\xbc" "ber", "\xc3\x9c" "BER", "abc", "abd", "dd", "xyz",
        "[", "]", "[x]", "[X]", "...", "\xe2\x80\xa6", ">>", "x]",
    };
    /* clang-format on */
    /* Rules that never match, after the one tested: enough literals
     * that the subjects are scanned for them (and their keys). */
    static const char pads[] = "drop /qqzz1/\ndrop /qqzz2/\ndrop /qqzz3/\n"
                               "strip /qqzz4/\nstrip /qqzz5/\n"
                               "strip /qqzz6/\nstrip /qqzz7/\n";
    /* all of them, then each alone (the first match hides the rest) */
    size_t texts = 0, differ = 0, sets = 0;
    bool loaded = true;
    for (const char *line = rules, *end; *line; line = end + 1, sets++) {
        end = strchr(line, '\n');
        size_t n = sets ? (size_t)(end - line) : strlen(rules);
        if (sets && (line[0] == '[' || line[0] == '\n'))
            continue;
        struct pair p = {new_rules(false), new_rules(true), 0, 0};
        struct dc_error err = {0};
        loaded =
            loaded && dc_rules_load_string(p.fast, NAME, line, n, &err) == 0 &&
            dc_rules_load_string(p.plain, NAME, line, n, &err) == 0 &&
            dc_rules_load_string(p.fast, NAME, pads, strlen(pads), &err) == 0 &&
            dc_rules_load_string(p.plain, NAME, pads, strlen(pads), &err) == 0;
        struct dc_buf t = DC_BUF_INIT;
        for (int k = 0; k < (sets ? 1500 : 20000); k++) {
            dc_buf_clear(&t);
            size_t len = pick(k < 300 ? 4 : 10);
            for (size_t j = 0; j < len; j++)
                dc_buf_puts(&t, tokens[pick(sizeof tokens / sizeof *tokens)]);
            int lang = rng() % 4 ? -1 : dc_lang_index(rng() & 1 ? "ru" : "en");
            compare(&p, lang, t.data ? t.data : "", t.len);
        }
        if (p.differ)
            printf("#   in: %.*s\n", (int)n, line);
        texts += p.texts;
        differ += p.differ;
        dc_buf_free(&t);
        dc_rules_free(p.fast);
        dc_rules_free(p.plain);
        if (!sets)
            end = line - 1; /* then from the first line again */
    }
    ok(loaded, "edge rules load");
    ok(differ == 0, "edge patterns: %zu texts, %zu differ from every rule",
       texts, differ);
}

/* The key scan steps over every other place of a subject: a literal at
 * any place, up to its very end, is still found, and one cut short by
 * the end is not. */
/* dc_rules_fold_text() against a fold one byte at a time, on texts of
 * ASCII, Cyrillic, CJK and the characters it rewrites, cut at every
 * length (mid-character too): its runs of eight bytes a load must
 * stop where the byte at a time one would, at every place in a load. */
static void
test_fold_text(void)
{
    static const char *const pieces[] = {
        "a", "Q", " ", "\xd0\xb4", "\xd0\xaf", "\xe4\xb8\xad",
        "\xc5\xbf", "\xc4\xb0", "\xc4\xb1", "\xe2\x84\xaa",
        "\xe2\x80\x93", "\xc5\x82", "\xc4\x87", "\xc3\xa9",
        "\xd1\x91", "\xe8\xaa\x9e", "\xe2\x84\xa2"};
    size_t wrong = 0, asked = 0;
    struct dc_buf got = {0};
    for (int round = 0; round < 400; round++) {
        char t[256];
        size_t n = 0;
        size_t npieces = 1 + pick(40);
        for (size_t p = 0; p < npieces; p++) {
            const char *x = pieces[pick(sizeof pieces / sizeof *pieces)];
            size_t xl = strlen(x);
            if (n + xl > sizeof t)
                break;
            memcpy(t + n, x, xl);
            n += xl;
        }
        for (size_t len = 0; len <= n; len++) {
            const unsigned char *u = (const unsigned char *)t;
            char want[256];
            size_t k = 0;
            struct bset high = {{0, 0, 0, 0}}, want_high = {{0, 0, 0, 0}};
            for (size_t i = 0; i < len; i++) {
                unsigned char c = u[i];
                if (c < 0x80) {
                    want[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                    continue;
                }
                want_high.w[c >> 6] |= 1ull << (c & 63);
                if (c == 0xC5 && i + 1 < len && u[i + 1] == 0xBF) {
                    want[k++] = 's';
                } else if (c == 0xC4 && i + 1 < len &&
                           (u[i + 1] == 0xB0 || u[i + 1] == 0xB1)) {
                    want[k++] = 'i';
                } else if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x84 &&
                           u[i + 2] == 0xAA) {
                    want[k++] = 'k';
                    want_high.w[u[i + 1] >> 6] |= 1ull << (u[i + 1] & 63);
                    i++;
                } else {
                    want[k++] = (char)c;
                    continue;
                }
                i++;
                want_high.w[u[i] >> 6] |= 1ull << (u[i] & 63);
            }
            dc_rules_fold_text(&got, t, len, &high);
            asked++;
            if (got.len != k || memcmp(got.data, want, k) != 0 ||
                got.data[k] != '\0' ||
                memcmp(&high, &want_high, sizeof high) != 0) {
                if (!wrong)
                    print_text("text", t, len);
                wrong++;
            }
        }
    }
    dc_buf_free(&got);
    ok(wrong == 0, "fold_text as one byte at a time: %zu of %zu wrong", wrong,
       asked);
}

static void
test_key_places(void)
{
    struct dc_rules *r = load("drop /cookies/\n"
                              "drop /newsletter/\n"
                              "drop /abc/\n"
                              "drop /sign in/\n"
                              "drop /subscribe now/\n");
    static const char *const words[] = {"cookies", "newsletter", "abc",
                                        "sign in"};
    size_t wrong = 0, asked = 0;
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t wl = strlen(words[w]);
        for (size_t before = 0; before < 6; before++) {
            for (size_t after = 0; after < 4; after++) {
                char t[64];
                memset(t, '.', before);
                memcpy(t + before, words[w], wl);
                memset(t + before + wl, '.', after);
                size_t n = before + wl + after;
                /* whole, and cut one byte short of the word's end */
                wrong += dc_rules_match(r, DC_ACTION_DROP, -1, t, n) == NULL;
                wrong += after == 0 &&
                         dc_rules_match(r, DC_ACTION_DROP, -1, t, n - 1);
                asked += 2;
            }
        }
    }
    ok(wrong == 0, "literals at every place: %zu of %zu answers wrong", wrong,
       asked);
    dc_rules_free(r);
}

static void
test_prefilter_cache(void)
{
    /* the classifier passes one buffer, rewritten: the content counts */
    struct dc_rules *r = load("drop /^related$/i\n"
                              "drop /cookies/\n"
                              "drop /(?:cookie|banner|modal) (?:policy|bar)/\n"
                              "drop /newsletter/\n"
                              "drop /subscribe now/\n"
                              "drop /sign in/\n"
                              "keep /^by /\n");
    char buf[32];
    memcpy(buf, "related", 7);
    ok(dc_rules_match(r, DC_ACTION_DROP, -1, buf, 7) != NULL, "cache: first");
    memcpy(buf, "relates", 7);
    ok(dc_rules_match(r, DC_ACTION_DROP, -1, buf, 7) == NULL,
       "cache: same buffer, new content");
    memcpy(buf, "cookies", 7);
    ok(dc_rules_match(r, DC_ACTION_KEEP, -1, buf, 7) == NULL &&
           dc_rules_match(r, DC_ACTION_DROP, -1, buf, 7) != NULL,
       "cache: another action, then a keyed rule");
    memcpy(buf, "by cookie policy", 16);
    struct dc_buf out = DC_BUF_INIT;
    dc_rules_strip(r, -1, buf, 16, &out);
    ok(dc_rules_match(r, DC_ACTION_KEEP, -1, buf, 16) != NULL &&
           dc_rules_match(r, DC_ACTION_DROP, -1, buf, 16) != NULL,
       "cache: after a strip");
    ok(dc_rules_match(r, DC_ACTION_DROP, -1, buf, 6) == NULL,
       "cache: a shorter length");
    dc_buf_free(&out);

    /* rules loaded after matching are matched too */
    struct dc_error err = {0};
    const char *more = "drop /^late rule$/\nstrip /zz/\n";
    ok(dc_rules_load_string(r, "more.rules", more, strlen(more), &err) == 0,
       "more rules load");
    ok(drops(r, DC_ACTION_DROP, -1, "late rule"), "rule loaded after matching");
    strip_is(r, -1, "a zz b", "a b", "rule loaded after matching");
    dc_rules_free(r);

    /* the answers kept for a short text are its language's, and rules
     * loaded later are asked */
    int de = dc_lang_index("de"), en = dc_lang_index("en");
    r = load("[de]\ndrop /^anzeige$/\n");
    ok(drops(r, DC_ACTION_DROP, de, "anzeige") &&
           !drops(r, DC_ACTION_DROP, en, "anzeige") &&
           drops(r, DC_ACTION_DROP, de, "anzeige") &&
           !drops(r, DC_ACTION_DROP, en, "anzeige"),
       "kept answers: by language");
    const char *all = "drop /^anzeige$/\n";
    ok(dc_rules_load_string(r, "all.rules", all, strlen(all), &err) == 0 &&
           drops(r, DC_ACTION_DROP, en, "anzeige"),
       "kept answers: a load drops them");
    dc_rules_free(r);

    /* lines with nothing to strip, kept likewise (asked once a rule
     * runs: here the first, for the '{') */
    r = load("strip /\\{[^{}]*\\}/\n[de]\nstrip /\\s*anzeige$/\n");
    strip_is(r, en, "a {b} c", "a c", "kept strips: stripped");
    strip_is(r, en, "a {b} c", "a c", "kept strips: stripped again");
    strip_is(r, en, "x { anzeige", "x { anzeige", "kept strips: nothing");
    strip_is(r, en, "x { anzeige", "x { anzeige", "kept strips: nothing again");
    strip_is(r, de, "x { anzeige", "x {", "kept strips: de after en");
    strip_is(r, en, "x { anzeige", "x { anzeige", "kept strips: en after de");
    dc_rules_free(r);
}

/*
 * The first bytes the prefilter allows escapes that match non-ASCII
 * characters under PCRE2_UCP (LEADS_* in rules-prefilter.c): a rule that starts
 * with one, or goes on with one after an ASCII byte, must run on every
 * character PCRE2 says the escape matches.  PCRE2 is asked about every
 * code point; each lead byte it matches gets one character, which the
 * rule must then match.
 */
/* A copy answers as the rules loaded again do, after the original was
 * used (its index built, rules JIT-compiled) and freed. */
/* p->fast, made from the shipped rules another way than p->plain's
 * load, answers as it does (texts of phrases), runs the same examples
 * and has the same settings. */
static void
check_like_load(const char *what, struct pair *p, bool loaded,
                char **phrases, size_t nphrases)
{
    for (int k = 0; k < 3000; k++) {
        int lang = rng() % 3 ? -1 : (int)pick(DC_LANG_MAX + 1) - 1;
        compare_pieces(p, lang, 1 + pick(rng() % 4 ? 4 : 40), phrases,
                       nphrases);
    }
    ok(loaded && p->differ == 0, "%s: %zu texts, %zu differ from a load",
       what, p->texts, p->differ);

    struct dc_buf a = DC_BUF_INIT, b = DC_BUF_INIT;
    size_t na = 0, nb = 0;
    size_t fa = dc_rules_check(p->fast, &a, &na),
           fb = dc_rules_check(p->plain, &b, &nb);
    ok(fa == fb && na == nb && na > 100 && a.len == b.len &&
           (!a.len || memcmp(a.data, b.data, a.len) == 0),
       "%s's examples: %zu run, %zu failed", what, na, fa);
    bool same = true;
    for (int lang = -1; lang < DC_LANG_MAX; lang++)
        same = same && memcmp(dc_rules_settings_for(p->fast, lang),
                              dc_rules_settings_for(p->plain, lang),
                              sizeof(struct dc_settings)) == 0;
    ok(same, "%s's settings, in every language", what);
    dc_buf_free(&a);
    dc_buf_free(&b);
}

static void
test_copy(void)
{
    struct dc_rules *orig = new_rules(false);
    struct pair p = {NULL, new_rules(false), 0, 0};
    char **phrases;
    size_t nphrases;
    bool loaded = load_shipped(orig, p.plain, &phrases, &nphrases);
    for (int k = 0; k < 2000; k++) {
        struct pair used = {orig, p.plain, 0, 0};
        compare_pieces(&used, -1, 1 + pick(12), phrases, nphrases);
    }
    p.fast = dc_rules_copy(orig);
    dc_rules_free(orig);
    check_like_load("a copy", &p, loaded, phrases, nphrases);
    free_phrases(phrases, nphrases);
    dc_rules_free(p.fast);
    dc_rules_free(p.plain);
}

/* The shipped rules' snapshot, read back: the rules of a load (and their
 * snapshot the same bytes again), a copy of them too; a snapshot that
 * is not whole, or not this build's, is refused. */
/* The snapshot of r in an 8-aligned copy (*copy, to free), with the
 * n bytes of what (one rule's array) found in it: their first offset
 * (the rules come before the index, whose rows of bits may hold the
 * same bytes), or SIZE_MAX when they are not there. */
static size_t
snapshot_with(const struct dc_rules *r, uint64_t **copy, size_t *len,
              const void *what, size_t n)
{
    struct dc_buf snap = DC_BUF_INIT;
    dc_rules_snapshot(r, &snap);
    *copy = dc_xmalloc(snap.len + 8);
    memcpy(*copy, snap.data, snap.len);
    *len = snap.len;
    dc_buf_free(&snap);
    const char *b = (const char *)*copy, *at = memmem(b, *len, what, n);
    return at ? (size_t)(at - b) : SIZE_MAX;
}

/* A rule's rows of second bytes and its heads are read in place: a
 * number in them past the array it counts in is a snapshot refused,
 * not a read out of bounds. */
static void
test_snapshot_bounds(void)
{
    struct dc_rules *r = load("drop /^(?:qz|qx)wv\\b/\n");
    need_index(r);
    const struct rule *ru = r->list[DC_ACTION_DROP][0];
    ok(ru->nseconds == 1 && ru->nheads == 2, "one row of seconds, two heads");
    if (ru->nseconds != 1 || ru->nheads != 2) {
        dc_rules_free(r);
        return;
    }
    uint64_t *copy;
    size_t len, at = snapshot_with(r, &copy, &len, ru->second, SECOND_ROWS);
    struct dc_rules *back = dc_rules_from_snapshot(copy, len);
    ok(back != NULL, "the snapshot reads back");
    dc_rules_free(back);
    ok(at != SIZE_MAX, "its rows of second bytes are in it");
    if (at != SIZE_MAX) {
        ((unsigned char *)copy)['q' + at] = 2;
        back = dc_rules_from_snapshot(copy, len);
        ok(back == NULL, "a second byte's row past the rows is refused");
        dc_rules_free(back);
    }
    dc_free(copy);
    at = snapshot_with(r, &copy, &len, ru->head_at,
                       HEAD_ROWS * sizeof *ru->head_at);
    ok(at != SIZE_MAX, "its heads' rows are in it");
    if (at != SIZE_MAX) {
        uint16_t past = 3;
        memcpy((char *)copy + at + (HEAD_ROWS - 1) * sizeof past, &past,
               sizeof past);
        back = dc_rules_from_snapshot(copy, len);
        ok(back == NULL, "a head's row past the heads is refused");
        dc_rules_free(back);
    }
    dc_free(copy);
    dc_rules_free(r);
}

static void
test_snapshot(void)
{
    struct dc_rules *orig = new_rules(false);
    struct pair p = {NULL, new_rules(false), 0, 0};
    char **phrases;
    size_t nphrases;
    bool loaded = load_shipped(orig, p.plain, &phrases, &nphrases);
    struct dc_buf snap = DC_BUF_INIT, again = DC_BUF_INIT;
    int made = dc_rules_snapshot(orig, &snap);
    ok(made == 0 && snap.len > 10000, "the shipped rules' snapshot: %zu bytes",
       snap.len);
    dc_rules_free(orig);
    /* the bytes where the program has them: 8-aligned */
    uint64_t *copy = dc_xmalloc(snap.len + 8);
    memcpy(copy, snap.data, snap.len);
    p.fast = dc_rules_from_snapshot(copy, snap.len);
    ok(p.fast != NULL, "a snapshot read back");
    if (!p.fast)
        p.fast = new_rules(false);
    /* the same bytes for the same rules (no pointer, no padding in it),
     * but for what PCRE2 marks in a pattern it read: a load and a
     * reading give the same snapshot twice */
    struct dc_rules *twice = new_rules(false);
    load_shipped(twice, NULL, NULL, NULL);
    made = dc_rules_snapshot(twice, &again);
    dc_rules_free(twice);
    ok(made == 0 && again.len == snap.len &&
           memcmp(again.data, snap.data, snap.len) == 0,
       "the same rules loaded again: the same snapshot");
    dc_buf_clear(&again);
    struct dc_buf read = DC_BUF_INIT;
    dc_rules_snapshot(p.fast, &read);
    uint64_t *read_copy = dc_xmalloc(read.len + 8);
    memcpy(read_copy, read.data, read.len);
    twice = dc_rules_from_snapshot(read_copy, read.len);
    made = twice ? dc_rules_snapshot(twice, &again) : -1;
    ok(made == 0 && again.len == read.len &&
           memcmp(again.data, read.data, read.len) == 0,
       "the same rules read again: the same snapshot");
    dc_rules_free(twice);
    dc_free(read_copy);
    dc_buf_free(&read);
    check_like_load("rules from a snapshot", &p, loaded, phrases, nphrases);
    struct dc_rules *fast = p.fast;
    p.fast = dc_rules_copy(fast);
    dc_rules_free(fast);
    p.texts = p.differ = 0;
    check_like_load("a copy of them", &p, loaded, phrases, nphrases);

    size_t whole = snap.len;
    struct dc_rules *r = dc_rules_from_snapshot(copy, whole - 1);
    ok(r == NULL, "a snapshot a byte short is refused");
    dc_rules_free(r);
    r = dc_rules_from_snapshot(copy, whole / 2);
    ok(r == NULL, "half a snapshot is refused");
    dc_rules_free(r);
    ((unsigned char *)copy)[0] ^= 1;
    r = dc_rules_from_snapshot(copy, whole);
    ok(r == NULL, "a snapshot of another format is refused");
    dc_rules_free(r);
    ((unsigned char *)copy)[0] ^= 1;
    /* its arrays are read in place, so the same bytes a byte on are not
     * a snapshot to read */
    unsigned char *odd = dc_xmalloc(whole + 1);
    memcpy(odd + 1, copy, whole);
    r = dc_rules_from_snapshot(odd + 1, whole);
    ok(r == NULL, "a snapshot that is not 8-aligned is refused");
    dc_rules_free(r);
    dc_free(odd);
    setenv("DC_RULES_NO_PREFILTER", "1", 1);
    r = dc_rules_from_snapshot(copy, whole);
    unsetenv("DC_RULES_NO_PREFILTER");
    ok(r == NULL, "no snapshot is read when every rule must run");
    dc_rules_free(r);
    dc_buf_free(&snap);
    dc_buf_free(&again);
    free_phrases(phrases, nphrases);
    dc_rules_free(p.fast);
    dc_free(copy); /* (after the copy of the rules read from it) */
    dc_rules_free(p.plain);
}

static void
test_escape_leads(void)
{
    static const struct {
        const char *escape;
        bool caseless;
    } cases[] = {{"\\d", false},     {"\\s", false},    {"\\h", false},
                 {"\\v", false},     {"\\p{Lu}", false}, {"\\p{Ll}", false},
                 {"\\p{Lu}", true},  {"\\p{Ll}", true},  {"\\p{L}", false}};
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const char *e = cases[k].escape;
        uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED |
                        (cases[k].caseless ? PCRE2_CASELESS : 0);
        int errcode;
        PCRE2_SIZE erroff;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)e, PCRE2_ZERO_TERMINATED,
                                         opts, &errcode, &erroff, NULL);
        char rules[128];
        snprintf(rules, sizeof rules, "drop /^%s/%s\ndrop /^x%s/%s\n", e,
                 cases[k].caseless ? "i" : "", e,
                 cases[k].caseless ? "i" : "");
        struct dc_rules *r = load(rules);
        bool lead[256] = {false};
        size_t leads = 0, missed = 0;
        for (int32_t cp = 0x80; code && cp <= 0x10FFFF; cp++) {
            char t[5] = {'x'};
            size_t n = cp >= 0xD800 && cp <= 0xDFFF
                           ? 0
                           : dc_utf8_encode(cp, t + 1);
            unsigned char b = (unsigned char)t[1];
            if (!n || lead[b] ||
                pcre2_match(code, (PCRE2_SPTR)t + 1, n, 0, 0, md, NULL) < 0)
                continue;
            lead[b] = true;
            leads++;
            if (!dc_rules_match(r, DC_ACTION_DROP, -1, t + 1, n) ||
                !dc_rules_match(r, DC_ACTION_DROP, -1, t, n + 1)) {
                printf("#   %s misses U+%04X\n", e, (unsigned)cp);
                missed++;
            }
        }
        ok(code && leads > 0 && missed == 0,
           "%s%s: %zu lead bytes, %zu missed", e,
           cases[k].caseless ? " caseless" : "", leads, missed);
        pcre2_code_free(code);
        dc_rules_free(r);
    }
    pcre2_match_data_free(md);
}

static void
test_files(void)
{
    struct dc_rules *r = dc_rules_new();
    struct dc_error err = {0};
    const char *missing = "/nonexistent/declutter/x.rules";
    ok(dc_rules_load_file(r, missing, &err) == DC_EIO && err.code == DC_EIO,
       "missing file: DC_EIO");
    ok(err.saved_errno == ENOENT, "saved errno");
    ok(err.file == missing, "file set");

    char path[] = "/tmp/test-rules-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "drop /^from a file$/\nset region_gap 11\n";
    ok(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text),
       "temporary file written");
    if (fd >= 0)
        close(fd);
    ok(dc_rules_load_file(r, path, &err) == 0, "file loads");
    const struct dc_rule *ru =
        dc_rules_match(r, DC_ACTION_DROP, -1, "from a file", 11);
    ok(ru && strcmp(ru->file, path) == 0 && ru->line == 1, "rule from file");
    ok(dc_rules_settings(r)->region_gap == 11, "setting from file");

    const char *bad = "\n\ndrop /x/ y\n";
    fd = open(path, O_WRONLY | O_TRUNC);
    ok(fd >= 0 && write(fd, bad, strlen(bad)) == (ssize_t)strlen(bad),
       "bad file written");
    if (fd >= 0)
        close(fd);
    ok(dc_rules_load_file(r, path, &err) == DC_ERULE && err.file == path &&
           err.line == 3 && err.col == 10,
       "errors in a file name it");
    unlink(path);
    dc_rules_free(r);
}

int
main(void)
{
    test_names_and_defaults();
    test_actions();
    test_subject_in_place();
    test_flags();
    test_pattern_escapes();
    test_lines();
    test_sections();
    test_settings();
    test_errors();
    test_strip();
    test_strip_window();
    test_check();
    test_check_cost();
    test_match_limit();
    test_jit_later();
    test_many_captures();
    test_prefilter();
    test_prefilter_cache();
    test_fold_text();
    test_key_places();
    test_prefilter_edges();
    test_prefilter_shipped();
    test_copy();
    test_snapshot();
    test_snapshot_bounds();
    test_escape_leads();
    test_files();
    return tap_done();
}
