/*
 * test-rules.c - the rule language: statements, flags, escapes, sections,
 * settings, every error with its line and column, matching, strip,
 * match limits, and the examples --check-rules runs.
 */
#include "config.h"
#include "rules.h"

#include "lang.h"
#include "tap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

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
    static const char *const names[] = {"drop",      "keep",       "strip",
                                        "cut-after", "cut-before", "drop-list"};
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

static void
test_match_limit(void)
{
    size_t n = 100 * 1024;
    char *text = malloc(n + 1);
    memset(text, 'a', n);
    text[n] = '!';
    struct dc_rules *r = load("drop /^x/\n"
                              "drop /(a+)+$/\n"
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
    r = load("drop /(a+)+$/\n");
    ok(!drops(r, DC_ACTION_DROP, -1, "aaaaaaaaaaaa!"), "no match");
    ok(dc_rules_take_warning(r) == NULL, "within the default limit");
    struct dc_error err = {0};
    const char *more = "set match_limit 100\n";
    dc_rules_load_string(r, "u.rules", more, strlen(more), &err);
    ok(!drops(r, DC_ACTION_DROP, -1, "aaaaaaaaaaaa!"), "no match");
    w = dc_rules_take_warning(r);
    ok(w && w->line == 1, "past a limit set later");
    dc_rules_free(r);

    r = load("strip /(a+)+$/\n");
    text[n - 1] = ' ';
    struct dc_buf out = DC_BUF_INIT;
    ok(dc_rules_strip(r, -1, text, n + 1, &out) == NULL && out.len == n + 1,
       "strip past the limit: text unchanged");
    ok(dc_rules_take_warning(r) != NULL, "strip reports the limit");
    dc_buf_free(&out);
    dc_rules_free(r);
    free(text);
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
    test_flags();
    test_pattern_escapes();
    test_lines();
    test_sections();
    test_settings();
    test_errors();
    test_strip();
    test_check();
    test_match_limit();
    test_many_captures();
    test_prefilter();
    test_files();
    return tap_done();
}
