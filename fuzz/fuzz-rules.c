/*
 * fuzz-rules.c - the rule-file parser, then the rules it loaded at work.
 *
 * Input: the whole input is a rule file.  After loading it (or what comes
 * before its first error), a second file caps the match limit, so that a
 * `set match_limit 4294967295` with a backtracking pattern does not turn
 * into a fuzzer timeout: that limit is the user's to choose.  Then every
 * action is matched, and the strip rules applied, on the file's own lines
 * (as UTF-8) and on a few fixed lines, and its examples are run.
 *
 * Properties: loading returns 0 or DC_ERULE, and an error names the
 * file, a line within it and a message; stripping only removes (its
 * output is valid UTF-8 and a subsequence of its input), and with no
 * rule that removed anything it gives the text back unchanged; each rule
 * that hit the match limit is reported once; the cost check reports each
 * pattern it finds slow on a line of its own.
 */
#include "config.h"
#include "fuzz.h"

#include "rules.h"

#include <string.h>

static const char *const lines[] = {
    "The minister said on Tuesday that the talks would resume next week.",
    "Related: Read more | Share this story on Facebook",
    "Photo: Reuters / John Smith   Advertisement",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
    "Die Regierung hat am Dienstag gesagt, dass sie verhandeln werde.",
    "\xe4\xb8\xad\xe5\x9b\xbd\xe6\x94\xbf\xe5\xba\x9c\xe8\xa1\xa8\xe7\xa4\xba",
    "",
};
#define NLINES (sizeof lines / sizeof lines[0])

static void
exercise(const char *me, struct dc_rules *r, const char *text, size_t len)
{
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        for (int lang = -1; lang < 2; lang++)
            dc_rules_match(r, (enum dc_action)a, lang, text, len);
    struct dc_buf out = DC_BUF_INIT;
    const struct dc_rule *hit = dc_rules_strip(r, -1, text, len, &out);
    dc_fuzz_check_utf8(me, DC_FUZZ_DATA(out), out.len);
    DC_FUZZ_CHECK(me,
                  dc_fuzz_subsequence(DC_FUZZ_DATA(out), out.len, text, len),
                  "strip invented text");
    DC_FUZZ_CHECK(
        me,
        hit || (out.len == len && memcmp(DC_FUZZ_DATA(out), text, len) == 0),
        "strip changed a line but names no rule");
    dc_buf_free(&out);
}

int
dc_fuzz_rules(const uint8_t *data, size_t size)
{
    static const char me[] = "rules";
    static const char name[] = "fuzz.rules";
    static const char cap[] = "[*]\nset match_limit 20000\n";
    const char *text = (const char *)data;

    struct dc_rules *r = dc_rules_new();
    struct dc_error err = {0};
    int rc = dc_rules_load_string(r, name, text, size, &err);
    DC_FUZZ_CHECK(me, rc == 0 || rc == DC_ERULE, "unexpected status");
    if (rc) {
        size_t nl = 1;
        for (size_t i = 0; i < size; i++)
            nl += text[i] == '\n';
        DC_FUZZ_CHECK(me, err.file && strcmp(err.file, name) == 0,
                      "an error does not name the file");
        DC_FUZZ_CHECK(me, err.line >= 1 && err.line <= nl,
                      "an error names a line outside the file");
        DC_FUZZ_CHECK(me, err.msg[0] && memchr(err.msg, 0, sizeof err.msg),
                      "an error has no message");
    }
    struct dc_error err2 = {0};
    rc = dc_rules_load_string(r, "cap.rules", cap, sizeof cap - 1, &err2);
    DC_FUZZ_CHECK(me, rc == 0, "the match-limit cap did not load");

    struct dc_buf utf8 = DC_BUF_INIT;
    dc_fuzz_to_utf8(text, size, &utf8);
    for (size_t i = 0; i < utf8.len;) {
        const char *nl = memchr(utf8.data + i, '\n', utf8.len - i);
        size_t end = nl ? (size_t)(nl - utf8.data) : utf8.len;
        exercise(me, r, utf8.data + i, end - i);
        i = end + 1;
    }
    for (size_t i = 0; i < NLINES; i++)
        exercise(me, r, lines[i], strlen(lines[i]));

    /* Each rule that hit the limit is reported once, then never again. */
    const struct dc_rule *w, *seen[64];
    size_t nseen = 0;
    while ((w = dc_rules_take_warning(r))) {
        for (size_t i = 0; i < nseen && i < 64; i++)
            DC_FUZZ_CHECK(me, seen[i] != w, "a rule was warned about twice");
        if (nseen < 64)
            seen[nseen] = w;
        nseen++;
    }
    for (size_t i = 0; i < NLINES; i++)
        exercise(me, r, lines[i], strlen(lines[i]));
    while ((w = dc_rules_take_warning(r)))
        for (size_t i = 0; i < nseen && i < 64; i++)
            DC_FUZZ_CHECK(me, seen[i] != w, "a rule was warned about twice");

    struct dc_buf report = DC_BUF_INIT;
    size_t total = 0;
    size_t failed = dc_rules_check(r, &report, &total);
    DC_FUZZ_CHECK(me, failed <= total, "more failed examples than examples");

    /* the cost check: a line of report for each pattern it names slow */
    size_t patterns = 0, lines_out = 0;
    dc_buf_clear(&report);
    size_t slow = dc_rules_check_cost(r, &report, &patterns);
    for (size_t i = 0; i < report.len; i++)
        lines_out += report.data[i] == '\n';
    DC_FUZZ_CHECK(me, slow <= patterns, "more slow patterns than patterns");
    DC_FUZZ_CHECK(me, lines_out == slow, "a slow pattern without its line");

    dc_buf_free(&report);
    dc_buf_free(&utf8);
    dc_rules_free(r);
    return 0;
}
