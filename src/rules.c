/*
 * rules.c - the rule language: parse rule files, compile their patterns
 * with PCRE2 (JIT when available), hold the classifier settings, match
 * blocks and lines, and run the examples files carry.
 *
 * It does not decide what to keep: classify.c weighs the answers.  It
 * never prints: load errors go to a struct dc_error, match-limit hits to
 * dc_rules_take_warning().
 *
 * Threads: the compiled patterns are read-only once loaded, but matching
 * writes to scratch space inside struct dc_rules (match data, the last
 * subject and what is known of it, the index of the rules, strip
 * buffers, the warning queue), even through a const pointer.  A rules
 * object is used by one thread at a time.
 *
 * Speed: a stream runs every block through every rule, so most rules
 * should not reach the regex engine, and what decides that should cost
 * little per rule.  At load time each pattern gets, from a small and
 * conservative reading of it (anything it does not understand means no
 * shortcut) and from what PCRE2 reports:
 *  - literals one of which any match must contain, or, for a pattern
 *    anchored at the subject's start, start with;
 *  - for an anchored pattern, the bytes a match can start with, and the
 *    second bytes after each ASCII first byte;
 *  - for an anchored pattern, its heads: strings of up to eight bytes
 *    one of which every match starts with;
 *  - non-ASCII bytes one of which any match must contain;
 *  - PCRE2's minimum match length.
 * Per subject, once for all five actions the classifier asks about a
 * block (the last subject is kept, with what is known of it): one table
 * row gives the rules its first two bytes allow, one pass over its folded
 * copy finds the literals' keys (struct index), and the rest is checked
 * per remaining rule before PCRE2 runs.  With DC_RULES_NO_PREFILTER set
 * in the environment when the object is made, every rule runs instead;
 * tests/test-rules.c checks that the answers are the same.
 *
 * The engine is in modules, src/rules*.c: rules-internal.h lists them.
 */
#include "config.h"
#include "rules.h"

#include "rules-internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Backtracking depth and heap for the interpreter (JIT ignores both and
 * has its own stack); match_limit is the main bound, these cap memory. */
#define DEPTH_LIMIT 100000
#define HEAP_LIMIT_KIB (64 * 1024)
#define JIT_STACK_MIN (32 * 1024)
#define JIT_STACK_MAX (1024 * 1024)

/* ---------------------------------------------------------- life and death */

static void *
pcre_malloc(size_t n, void *data)
{
    (void)data;
    return dc_xmalloc(n);
}

static void
pcre_free(void *p, void *data)
{
    (void)data;
    dc_free(p);
}

struct dc_rules *
dc_rules_new(void)
{
    struct dc_rules *r = dc_xcalloc(1, sizeof *r);
    struct scratch *s = dc_xcalloc(1, sizeof *s);
    r->s = s;
    dc_settings_default(&r->settings);
    for (int k = 0; k < DC_LANG_MAX; k++)
        r->lang_settings[k] = r->settings;
    s->gctx = pcre2_general_context_create(pcre_malloc, pcre_free, NULL);
    s->cctx = pcre2_compile_context_create(s->gctx);
    s->mctx = pcre2_match_context_create(s->gctx);
    pcre2_set_depth_limit(s->mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(s->mctx, HEAP_LIMIT_KIB);
    /* NULL when JIT is unavailable: then PCRE2 uses its default stack. */
    s->jit_stack =
        pcre2_jit_stack_create(JIT_STACK_MIN, JIT_STACK_MAX, s->gctx);
    if (s->jit_stack)
        pcre2_jit_stack_assign(s->mctx, NULL, s->jit_stack);
    s->md_pairs = 1;
    s->md = pcre2_match_data_create(s->md_pairs, s->gctx);
    /* Matching with every rule and no shortcut gives the same answers,
     * slower: tests/test-rules.c compares the two. */
    const char *off = getenv("DC_RULES_NO_PREFILTER");
    r->no_prefilter = off && *off && strcmp(off, "0") != 0;
    r->ix = dc_xcalloc(1, sizeof *r->ix);
    r->ix->stale = true;
    return r;
}

void
dc_rules_lits_free(struct lits *l)
{
    for (size_t i = 0; i < l->n; i++) {
        dc_free(l->v[i].s);
        dc_free(l->v[i].folded);
    }
    dc_free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

void
dc_rules_rule_free(struct rule *ru)
{
    if (!ru)
        return;
    pcre2_code_free(ru->pub.code);
    if (ru->in_snapshot) {
        dc_free(ru->pf.v);
    } else {
        dc_free(ru->pub.pattern);
        dc_rules_lits_free(&ru->pf);
        dc_free(ru->seconds);
        dc_free(ru->second);
        dc_free(ru->heads);
        dc_free(ru->head_at);
    }
    dc_free(ru);
}

void
dc_rules_free(struct dc_rules *r)
{
    if (!r)
        return;
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        for (size_t i = 0; i < r->n[a]; i++)
            dc_rules_rule_free(r->list[a][i]);
        dc_free(r->list[a]);
    }
    for (size_t i = 0; i < r->ntests; i++) {
        if (r->tests[i].in_snapshot)
            continue;
        dc_free(r->tests[i].text);
        dc_free(r->tests[i].want);
    }
    dc_free(r->tests);
    for (size_t i = 0; i < r->nnames; i++)
        dc_free(r->names[i]);
    dc_free(r->names);
    dc_rules_index_free(r->ix);
    dc_free(r->ix);
    dc_free(r->asked);
    struct scratch *s = r->s;
    pcre2_match_data_free(s->md);
    pcre2_jit_stack_free(s->jit_stack);
    pcre2_match_context_free(s->mctx);
    pcre2_compile_context_free(s->cctx);
    pcre2_general_context_free(s->gctx);
    dc_buf_free(&s->fold);
    dc_buf_free(&s->work[0]);
    dc_buf_free(&s->work[1]);
    dc_free(s->hits);
    dc_free(s->win_at);
    dc_free(s->win_next);
    dc_free(s->win_lits);
    dc_free(s->win_rules);
    dc_free(s->warn);
    dc_free(s->memo);
    for (size_t k = 0; s->unstripped && k < UNSTRIPPED_SLOTS; k++)
        dc_buf_free(&s->unstripped[k].text);
    dc_free(s->unstripped);
    dc_free(s);
    dc_free(r);
}

static void
lits_copy(struct lits *to, const struct lits *from)
{
    to->n = to->cap = from->n;
    to->v = from->n ? dc_xmalloc(from->n * sizeof *to->v) : NULL;
    for (size_t i = 0; i < from->n; i++) {
        to->v[i] = from->v[i];
        to->v[i].s = dc_xstrndup(from->v[i].s, from->v[i].len);
        if (from->v[i].folded)
            to->v[i].folded =
                dc_xstrndup(from->v[i].folded, from->v[i].folded_len);
    }
}

/* The copy's own string for name, one of from's names. */
static const char *
name_in(struct dc_rules *to, const struct dc_rules *from, const char *name)
{
    for (size_t i = 0; i < from->nnames; i++)
        if (from->names[i] == name)
            return to->names[i];
    return name; /* not one of ours (never so: load makes them all) */
}

/* A copy of rule ru of from, for to: its pattern's code copied (not its
 * JIT code, which is compiled again when runs ask for it). */
static struct rule *
rule_copy(struct dc_rules *to, const struct dc_rules *from,
          const struct rule *ru)
{
    struct rule *c = dc_xmalloc(sizeof *c);
    *c = *ru;
    c->pub.file = name_in(to, from, ru->pub.file);
    /* (through pcre_malloc, which never returns NULL)  With tables of
     * its own: the patterns of a snapshot share one copy of them, with
     * a count of users that PCRE2 does not guard against threads, and
     * the copy goes to another thread. */
    c->pub.code = pcre2_code_copy_with_tables(ru->pub.code);
    c->jit = c->jit_tried = c->warned = false;
    c->runs = 0;
    c->run_bytes = 0;
    if (ru->in_snapshot) {
        /* the pattern, the literals' strings and the arrays lie in the
         * snapshot, which outlives the copy too: shared */
        c->pf.v = dc_xmemdup(ru->pf.v, ru->pf.n * sizeof *c->pf.v);
        c->pf.cap = c->pf.n;
        return c;
    }
    c->pub.pattern = dc_xstrdup(ru->pub.pattern);
    lits_copy(&c->pf, &ru->pf);
    c->seconds = dc_xmemdup(ru->seconds, ru->nseconds * sizeof *c->seconds);
    c->second = dc_xmemdup(ru->second, ru->nseconds ? SECOND_ROWS : 0);
    c->heads = dc_xmemdup(ru->heads, ru->nheads * sizeof *c->heads);
    c->head_at =
        dc_xmemdup(ru->head_at, ru->nheads ? HEAD_ROWS * sizeof *c->head_at : 0);
    return c;
}

struct dc_rules *
dc_rules_copy(const struct dc_rules *r)
{
    struct dc_rules *c = dc_rules_new();
    c->no_prefilter = r->no_prefilter;
    c->settings = r->settings;
    memcpy(c->lang_settings, r->lang_settings, sizeof c->lang_settings);
    c->nnames = c->capnames = r->nnames;
    c->names = r->nnames ? dc_xmalloc(r->nnames * sizeof *c->names) : NULL;
    for (size_t i = 0; i < r->nnames; i++)
        c->names[i] = dc_xstrdup(r->names[i]);
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        c->n[a] = c->cap[a] = r->n[a];
        c->list[a] = r->n[a] ? dc_xmalloc(r->n[a] * sizeof *c->list[a]) : NULL;
        for (size_t i = 0; i < r->n[a]; i++)
            c->list[a][i] = rule_copy(c, r, r->list[a][i]);
    }
    c->ntests = c->captests = r->ntests;
    c->tests = r->ntests ? dc_xmalloc(r->ntests * sizeof *c->tests) : NULL;
    for (size_t i = 0; i < r->ntests; i++) {
        const struct test *t = &r->tests[i];
        c->tests[i] = *t;
        c->tests[i].file = name_in(c, r, t->file);
        if (t->in_snapshot)
            continue; /* (its strings shared, as a rule's are) */
        c->tests[i].text = t->text ? dc_xstrndup(t->text, t->text_len) : NULL;
        c->tests[i].want = dc_xstrndup(t->want, t->want_len);
    }
    /* An index read from a snapshot is shared too (its arrays lie there;
     * the rules' keyed flags and literals' window slots came with their
     * copies): building one costs more than the rest of the copy. */
    if (!r->ix->stale && r->ix->in_snapshot) {
        *c->ix = *r->ix;
        c->ix->lits = NULL;
        dc_rules_index_lits(c);
        dc_rules_index_ready(c);
    }
    /* the match data must fit the pattern with the most captures */
    struct scratch *s = c->s;
    pcre2_match_data_free(s->md);
    s->md_pairs = r->s->md_pairs;
    s->md = pcre2_match_data_create(s->md_pairs, s->gctx);
    return c;
}

const struct dc_settings *
dc_rules_settings_for(const struct dc_rules *r, int lang)
{
    if (lang >= 0 && lang < DC_LANG_MAX)
        return &r->lang_settings[lang];
    return &r->settings;
}

const struct dc_settings *
dc_rules_settings(const struct dc_rules *r)
{
    return &r->settings;
}

/* ---------------------------------------------------------------- checking */

/* Text for a report line: one line, control characters escaped. */
static void
put_escaped(struct dc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            dc_buf_puts(b, "\\n");
        else if (c == '\t')
            dc_buf_puts(b, "\\t");
        else if (c < 0x20 || c == 0x7f)
            dc_buf_printf(b, "\\u%04x", c);
        else
            dc_buf_putc(b, (char)c);
    }
}

static bool
rules_drop(const struct dc_rules *r, int lang, const char *text, size_t len)
{
    static const enum dc_action drops[] = {
        DC_ACTION_DROP, DC_ACTION_CUT_AFTER, DC_ACTION_CUT_BEFORE,
        DC_ACTION_DROP_LIST, DC_ACTION_SIGNATURE, DC_ACTION_BIO,
        DC_ACTION_FURNITURE};
    bool drop = false;
    for (size_t k = 0; k < sizeof drops / sizeof drops[0] && !drop; k++)
        drop = dc_rules_match(r, drops[k], lang, text, len) != NULL;
    return drop && !dc_rules_match(r, DC_ACTION_KEEP, lang, text, len);
}

/* Run t for one language; appends to report and returns false when it
 * fails. */
static bool
run_test(const struct dc_rules *r, const struct test *t, int lang,
         struct dc_buf *got, struct dc_buf *report)
{
    bool pass;
    if (t->kind == TEST_STRIP) {
        dc_buf_clear(got);
        dc_rules_strip(r, lang, t->text, t->text_len, got);
        pass = got->len == t->want_len &&
               memcmp(got->data, t->want, got->len) == 0;
    } else {
        pass =
            rules_drop(r, lang, t->text, t->text_len) == (t->kind == TEST_DROP);
    }
    if (pass || !report)
        return pass;
    dc_buf_printf(report, "%s:%u: ", t->file, t->line);
    if (t->kind == TEST_STRIP) {
        dc_buf_puts(report, "expected strip result '");
        put_escaped(report, t->want, t->want_len);
        dc_buf_puts(report, "', got '");
        put_escaped(report, got->data, got->len);
        dc_buf_puts(report, "'");
    } else {
        dc_buf_puts(report, t->kind == TEST_DROP ? "expected drop: "
                                                 : "expected keep: ");
        put_escaped(report, t->text, t->text_len);
    }
    dc_buf_putc(report, '\n');
    return false;
}

/*
 * The cost check: every pattern against lines written to make a careless
 * pattern backtrack, with a match limit that a pattern that reads a line
 * in one pass, or a few, never meets.  A pattern whose items can split a
 * line many ways (two \s* around an optional separator, a loop of loops)
 * takes steps exponential in the line's length, and on a real page it
 * hits PCRE2's match limit or costs a tenth of a run (it happened: see
 * git log rules/default.rules); the examples, short lines that match or
 * not at once, never show it.
 *
 * The lines: rows of short items and separators, runs of spaces, words
 * repeated, a word that never ends, in ASCII and not; and the rule's own
 * literals repeated with spaces and separators, where its loops take the
 * most.  Each is broken near its end by what no rule wants, so that a
 * loop tries all it can before it gives up.  The limit is half a run's
 * (set match_limit), and no more than half the default's, so that a
 * check stays quick: a pattern that meets it on a line of 600 bytes meets
 * a run's on a longer one.
 */
#define COST_LINE_BYTES 600
#define COST_LIMIT 500000u

static const char *const cost_units[] = {
    "Share | ", "Home \xc2\xb7 ", "a, ", " ", "the ", "News ", "1 ", "ab",
    "- ", "* ", "[x] ", "... ", "\xc3\xa9t\xc3\xa9 ", "\xe6\x96\xb0\xe9\x97\xbb",
    "http://a.b/c?d=e ", "  |  ",
};

/* unit repeated to about bytes, broken by what no rule wants, then the
 * unit three times: a loop over the units tries all it can before it
 * gives up, and the line starts and ends as the rule's matches may (the
 * index lets a rule run only then) */
static void
cost_line(struct dc_buf *b, const char *unit, size_t len, size_t bytes)
{
    dc_buf_clear(b);
    while (b->len + 3 * len + 5 < bytes && len)
        dc_buf_append(b, unit, len);
    dc_buf_puts(b, "~#~ ");
    for (int k = 0; k < 3; k++)
        dc_buf_append(b, unit, len);
}

/* Does code meet the match limit on b? */
static bool
too_slow(const pcre2_code *code, const struct dc_buf *b,
         pcre2_match_context *mctx, pcre2_match_data *md)
{
    int rc = pcre2_match(code, (PCRE2_SPTR)b->data, b->len, 0, PCRE2_NO_JIT,
                         md, mctx);
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
           rc == PCRE2_ERROR_HEAPLIMIT;
}

/* One rule's cost check; appends to report and returns false when it
 * fails. */
static bool
check_cost(const struct rule *ru, struct dc_buf *line,
           pcre2_match_context *mctx, struct dc_buf *report)
{
    const pcre2_code *code = ru->pub.code;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    if (!md)
        dc_out_of_memory();
    /* no longer than the rule is ever asked about (see struct rule) */
    size_t bytes = ru->most < COST_LINE_BYTES ? ru->most : COST_LINE_BYTES;
    struct dc_buf unit = DC_BUF_INIT;
    bool slow = false;
    size_t nunits = sizeof cost_units / sizeof cost_units[0];
    for (size_t k = 0; k < nunits + 2 * ru->pf.n && !slow; k++) {
        dc_buf_clear(&unit);
        if (k < nunits) {
            dc_buf_puts(&unit, cost_units[k]);
        } else {
            /* its literal, then spaces or a separator */
            const struct lit *l = &ru->pf.v[(k - nunits) / 2];
            dc_buf_append(&unit, l->s, l->len);
            dc_buf_puts(&unit, (k - nunits) % 2 ? " | " : "   ");
        }
        cost_line(line, unit.data, unit.len, bytes);
        slow = too_slow(code, line, mctx, md);
    }
    pcre2_match_data_free(md);
    if (slow && report) {
        dc_buf_printf(report, "%s:%u: the pattern backtracks: it meets the "
                              "match limit on a line of %zu bytes of '",
                      ru->pub.file, ru->pub.line, line->len);
        put_escaped(report, unit.data, unit.len);
        dc_buf_puts(report, "'\n");
    }
    dc_buf_free(&unit);
    return !slow;
}

size_t
dc_rules_check_cost(const struct dc_rules *r, struct dc_buf *report,
                    size_t *total)
{
    pcre2_match_context *mctx = pcre2_match_context_create(NULL);
    if (!mctx)
        dc_out_of_memory();
    pcre2_set_depth_limit(mctx, DEPTH_LIMIT);
    pcre2_set_heap_limit(mctx, HEAP_LIMIT_KIB);
    double limit = r ? r->settings.match_limit / 2 : 0;
    pcre2_set_match_limit(mctx, limit < COST_LIMIT ? (uint32_t)limit
                                                   : COST_LIMIT);
    struct dc_buf line = DC_BUF_INIT;
    size_t failed = 0, n = 0;
    for (int a = 0; r && a < DC_ACTION_COUNT; a++)
        for (size_t i = 0; i < r->n[a]; i++, n++)
            failed += !check_cost(r->list[a][i], &line, mctx, report);
    dc_buf_free(&line);
    pcre2_match_context_free(mctx);
    if (total)
        *total = n;
    return failed;
}

size_t
dc_rules_check(const struct dc_rules *r, struct dc_buf *report, size_t *total)
{
    struct dc_buf got = DC_BUF_INIT;
    size_t failed = 0;
    for (size_t i = 0; r && i < r->ntests; i++) {
        const struct test *t = &r->tests[i];
        if (!t->langs) {
            failed += !run_test(r, t, -1, &got, report);
            continue;
        }
        /* [de,fr]: the example must hold in each language */
        for (int k = 0; k < DC_LANG_MAX; k++) {
            if ((t->langs >> k & 1u) && !run_test(r, t, k, &got, report)) {
                failed++;
                break;
            }
        }
    }
    if (total)
        *total = r ? r->ntests : 0;
    dc_buf_free(&got);
    return failed;
}
