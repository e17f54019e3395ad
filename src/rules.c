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
 * writes to scratch space inside struct dc_rules (match data, a folded
 * copy of the subject, strip buffers, the warning queue), even through a
 * const pointer.  A rules object is used by one thread at a time.
 *
 * Speed: a stream runs every block through every rule, so most rules
 * should not reach the regex engine.  At load time each pattern gets a
 * prefilter: a set of literals one of which any match must contain
 * (extracted by a small, conservative reading of the pattern; anything it
 * does not understand means no prefilter), plus PCRE2's minimum match
 * length.  Caseless literals are searched in an ASCII-folded copy of the
 * subject, made once per call and only when needed.
 */
#include "config.h"
#include "rules.h"

#include "lang.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

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

/* A prefilter with more alternatives than this costs more than it saves. */
#define PF_MAX_ALTS 16
/* Group nesting the literal extraction follows before giving up. */
#define PF_MAX_DEPTH 32

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
    {S(match_limit), 1000000, 1, 4294967295.0, true,
     "PCRE2 match limit for every pattern"},
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

/* --------------------------------------------------------------- the types */

static const char *const action_names[DC_ACTION_COUNT] = {
    "drop", "keep", "strip", "cut-after", "cut-before", "drop-list",
};

const char *
dc_action_name(enum dc_action a)
{
    return (unsigned)a < DC_ACTION_COUNT ? action_names[a] : "?";
}

/* A literal any match must contain; anchor is its rarest byte, folded
 * its fold_text() form (for the bigram test). */
struct lit {
    char *s, *folded;
    size_t len, anchor, folded_len;
};

/* Any one of v[0..n) must occur; n == 0 means nothing is known. */
struct lits {
    struct lit *v;
    size_t n;
};

struct rule {
    struct dc_rule pub; /* first: callers get &rule->pub */
    uint32_t minlen;    /* PCRE2's minimum match length, in characters */
    bool fold;          /* prefilter literals are ASCII-folded */
    bool anchored;      /* pf: what the subject starts with */
    uint64_t first[4];  /* anchored: the (folded) first bytes of pf */
    bool warned;        /* already queued for dc_rules_take_warning */
    bool jit;           /* JIT-compiled: call pcre2_jit_match directly */
    struct lits pf;     /* the prefilter */
};

enum test_kind { TEST_KEEP, TEST_DROP, TEST_STRIP };

struct test {
    enum test_kind kind;
    const char *file;
    unsigned line;
    uint32_t langs;
    char *text, *want;
    size_t text_len, want_len;
};

/* What matching writes; see the note on threads at the top. */
struct scratch {
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack;
    pcre2_match_data *md;
    uint32_t md_pairs;
    struct dc_buf last;   /* the last subject folded... */
    struct dc_buf fold;   /* ...folded (fold_ok) */
    uint64_t grams[1024]; /* byte pairs in fold (grams_ok), a bit each */
    bool fold_ok, grams_ok;
    struct dc_buf work[2]; /* strip results, alternating */
    struct rule **warn;    /* rules that hit a limit, queued */
    size_t nwarn, capwarn, warn_next;
    uint64_t candidates; /* rule/subject pairs considered */
    uint64_t regex_calls;
};

struct dc_rules {
    struct rule **list[DC_ACTION_COUNT]; /* per action, in load order */
    size_t n[DC_ACTION_COUNT], cap[DC_ACTION_COUNT];
    struct test *tests;
    size_t ntests, captests;
    char **names; /* copies of the names given to load */
    size_t nnames, capnames;
    struct dc_settings settings;      /* [*]: every document */
    /* Per language: the [*] settings with that language's `set`s on top,
     * in file order. */
    struct dc_settings lang_settings[DC_LANG_MAX];
    struct scratch *s;
};

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
    return r;
}

static void
lits_free(struct lits *l)
{
    for (size_t i = 0; i < l->n; i++) {
        dc_free(l->v[i].s);
        dc_free(l->v[i].folded);
    }
    dc_free(l->v);
    l->v = NULL;
    l->n = 0;
}

static void
rule_free(struct rule *ru)
{
    if (!ru)
        return;
    pcre2_code_free(ru->pub.code);
    dc_free(ru->pub.pattern);
    lits_free(&ru->pf);
    dc_free(ru);
}

void
dc_rules_free(struct dc_rules *r)
{
    if (!r)
        return;
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        for (size_t i = 0; i < r->n[a]; i++)
            rule_free(r->list[a][i]);
        dc_free(r->list[a]);
    }
    for (size_t i = 0; i < r->ntests; i++) {
        dc_free(r->tests[i].text);
        dc_free(r->tests[i].want);
    }
    dc_free(r->tests);
    for (size_t i = 0; i < r->nnames; i++)
        dc_free(r->names[i]);
    dc_free(r->names);
    struct scratch *s = r->s;
    pcre2_match_data_free(s->md);
    pcre2_jit_stack_free(s->jit_stack);
    pcre2_match_context_free(s->mctx);
    pcre2_compile_context_free(s->cctx);
    pcre2_general_context_free(s->gctx);
    dc_buf_free(&s->fold);
    dc_buf_free(&s->last);
    dc_buf_free(&s->work[0]);
    dc_buf_free(&s->work[1]);
    dc_free(s->warn);
    dc_free(s);
    dc_free(r);
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

/* ------------------------------------------------------- literal prefilter */

/*
 * The extraction reads the pattern as PCRE2 will (it has compiled
 * already) and keeps, per sequence, the best set of literals that must
 * occur: a run of plain characters, or the union over a group's
 * alternatives.  Anything unfamiliar (option settings, \Q, verbs,
 * conditionals, recursion, a '{' that is not a quantifier) abandons the
 * prefilter; anything it can skip but not use (classes, escapes like \d,
 * lookarounds) just breaks the current run, which is always safe.
 *
 * Caseless literals keep only ASCII and are lower-cased.  In UTF mode a
 * caseless ASCII letter also matches U+212A KELVIN SIGN (k) and U+017F
 * LONG S (s); fold_text() maps those to ASCII, so the folded subject
 * contains the literal whenever PCRE2 can match.
 */

struct px {
    const unsigned char *p;
    size_t n, i;
    bool fold, ext;
    bool fail;
};

enum quant { Q_NONE, Q_MIN0, Q_MIN1 };

static size_t
u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Length of PCRE2 extended-mode white space at i (UTF: Pattern_White_Space),
 * or 0. */
static size_t
xspace_len(const struct px *x, size_t i)
{
    const unsigned char *p = x->p + i;
    size_t left = x->n - i;
    if (!left)
        return 0;
    if (p[0] == ' ' || (p[0] >= '\t' && p[0] <= '\r'))
        return 1;
    if (left >= 2 && p[0] == 0xC2 && p[1] == 0x85)
        return 2;
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        (p[2] == 0x8E || p[2] == 0x8F || p[2] == 0xA8 || p[2] == 0xA9))
        return 3;
    return 0;
}

/* In extended mode, skip white space and a '#' comment (to the end: a
 * rule's pattern is one line). */
static size_t
skip_ignored(const struct px *x, size_t i)
{
    if (!x->ext)
        return i;
    for (;;) {
        size_t k = xspace_len(x, i);
        if (k) {
            i += k;
        } else if (i < x->n && x->p[i] == '#') {
            return x->n;
        } else {
            return i;
        }
    }
}

static void
skip_to(struct px *x, unsigned char close)
{
    const void *q = memchr(x->p + x->i, close, x->n - x->i);
    if (!q) {
        x->fail = true;
        return;
    }
    x->i = (size_t)((const unsigned char *)q - x->p) + 1;
}

static void
lits_add(struct lits *l, const char *s, size_t len)
{
    l->v = dc_xrealloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n].s = dc_xstrndup(s, len);
    l->v[l->n].len = len;
    l->v[l->n].anchor = 0;
    l->v[l->n].folded = NULL;
    l->v[l->n].folded_len = 0;
    l->n++;
}

static size_t
lits_minlen(const struct lits *l)
{
    size_t m = SIZE_MAX;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].len < m)
            m = l->v[i].len;
    return m;
}

/* Keep the more selective of *best and *cand (longest shortest literal,
 * then fewest alternatives); free the other. */
static void
consider(struct lits *best, struct lits *cand)
{
    bool better = false;
    if (cand->n) {
        if (!best->n) {
            better = true;
        } else {
            size_t a = lits_minlen(cand), b = lits_minlen(best);
            better = a > b || (a == b && cand->n < best->n);
        }
    }
    if (better) {
        lits_free(best);
        *best = *cand;
    } else {
        lits_free(cand);
    }
    cand->v = NULL;
    cand->n = 0;
}

static void
flush_run(struct dc_buf *run, struct lits *best)
{
    if (!run->len)
        return;
    struct lits one = {NULL, 0};
    lits_add(&one, run->data, run->len);
    consider(best, &one);
    dc_buf_clear(run);
}

static enum quant
parse_quant(struct px *x)
{
    size_t j = skip_ignored(x, x->i);
    enum quant q;
    if (j >= x->n)
        return Q_NONE;
    switch (x->p[j]) {
    case '*':
    case '?':
        q = Q_MIN0;
        j++;
        break;
    case '+':
        q = Q_MIN1;
        j++;
        break;
    case '{': {
        size_t k = j + 1;
        bool zero = true;
        size_t start = k;
        while (k < x->n && dc_isdigit(x->p[k])) {
            if (x->p[k] != '0')
                zero = false;
            k++;
        }
        if (k == start) {
            x->fail = true; /* a literal '{', or {,n}: not ours */
            return Q_NONE;
        }
        if (k < x->n && x->p[k] == ',') {
            k++;
            while (k < x->n && dc_isdigit(x->p[k]))
                k++;
        }
        if (k >= x->n || x->p[k] != '}') {
            x->fail = true;
            return Q_NONE;
        }
        j = k + 1;
        q = zero ? Q_MIN0 : Q_MIN1;
        break;
    }
    default:
        return Q_NONE;
    }
    j = skip_ignored(x, j);
    if (j < x->n && (x->p[j] == '?' || x->p[j] == '+'))
        j++; /* lazy or possessive */
    x->i = j;
    return q;
}

/*
 * Code points that no other character matches caselessly: symbols,
 * punctuation, kana, CJK, Hangul.  (Checked against PCRE2 10.42 and
 * Python's Unicode data: a caseless class of these ranges matches no
 * code point outside them.)
 */
static bool
caseless_invariant(int32_t cp)
{
    static const int32_t ranges[][2] = {
        {0xA0, 0xB4},     {0xB6, 0xBF},     {0xD7, 0xD7},     {0xF7, 0xF7},
        {0x2000, 0x20CF}, {0x2190, 0x245F}, {0x2500, 0x2BFF}, {0x3000, 0x30FF},
        {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xFF01, 0xFF20},
        {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
    };
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        if (cp >= ranges[k][0] && cp <= ranges[k][1])
            return true;
    return false;
}

/* A non-ASCII literal character at x->i: usable as is unless caseless
 * matching lets other characters match it. */
static void
literal_char(struct px *x, char ch[4], size_t *chlen)
{
    int32_t cp;
    size_t k = dc_utf8_decode(x->p + x->i, x->n - x->i, &cp);
    if (!k) {
        x->fail = true;
        return;
    }
    if (!x->fold || caseless_invariant(cp)) {
        memcpy(ch, x->p + x->i, k);
        *chlen = k;
    }
    x->i += k;
}

static bool
is_hex(unsigned char c)
{
    return dc_isdigit(c) || (dc_tolower(c) >= 'a' && dc_tolower(c) <= 'f');
}

/* An escape at x->i ('\\').  Sets ch/chlen for a literal character, or
 * leaves chlen 0 for something that is not one. */
static void
parse_escape(struct px *x, char ch[4], size_t *chlen)
{
    const unsigned char *p = x->p;
    *chlen = 0;
    if (++x->i >= x->n) {
        x->fail = true;
        return;
    }
    unsigned char c = p[x->i];
    if (c >= 0x80) {
        literal_char(x, ch, chlen);
        return;
    }
    if (!dc_isalnum(c)) {
        ch[0] = (char)c;
        *chlen = 1;
        x->i++;
        return;
    }
    if (dc_isdigit(c)) {
        /* back reference or octal: skip every digit (more is safe) */
        while (x->i < x->n && dc_isdigit(p[x->i]))
            x->i++;
        return;
    }
    x->i++;
    unsigned char next = x->i < x->n ? p[x->i] : 0;
    /* classes, assertions, \K, control characters: one item each */
    if (strchr("dDsSwWhHvVRXbBAZzGKCaefnrt", c))
        return;
    switch (c) {
    case 'N':
        if (next == '{')
            skip_to(x, '}');
        return;
    case 'x':
        if (next == '{') {
            skip_to(x, '}');
        } else {
            while (x->i < x->n && is_hex(p[x->i]))
                x->i++;
        }
        return;
    case 'o':
        if (next == '{')
            skip_to(x, '}');
        else
            x->fail = true;
        return;
    case 'p':
    case 'P':
        if (next == '{')
            skip_to(x, '}');
        else if (x->i < x->n)
            x->i++;
        return;
    case 'c':
        if (x->i < x->n)
            x->i++;
        else
            x->fail = true;
        return;
    case 'g':
    case 'k':
        if (next == '{') {
            skip_to(x, '}');
        } else if (next == '<') {
            skip_to(x, '>');
        } else if (next == '\'') {
            x->i++;
            skip_to(x, '\'');
        } else if (c == 'g') {
            if (next == '+' || next == '-')
                x->i++;
            while (x->i < x->n && dc_isdigit(p[x->i]))
                x->i++;
        } else {
            x->fail = true;
        }
        return;
    default:
        x->fail = true; /* \Q, \E and anything newer than us */
        return;
    }
}

/* A character class at x->i ('['): skipped. */
static void
skip_class(struct px *x)
{
    const unsigned char *p = x->p;
    size_t i = x->i + 1;
    if (i < x->n && p[i] == '^')
        i++;
    if (i < x->n && p[i] == ']')
        i++;
    while (i < x->n) {
        unsigned char c = p[i];
        if (c == ']') {
            x->i = i + 1;
            return;
        }
        if (c == '\\') {
            if (i + 1 >= x->n || p[i + 1] == 'Q' || p[i + 1] == 'E')
                break;
            i += 2;
            if (i < x->n && p[i] == '{' &&
                strchr("xopPNgk", p[i - 1]) != NULL) {
                const void *q = memchr(p + i, '}', x->n - i);
                if (!q)
                    break;
                i = (size_t)((const unsigned char *)q - p) + 1;
            }
        } else if (c == '[' && i + 1 < x->n &&
                   (p[i + 1] == ':' || p[i + 1] == '.' || p[i + 1] == '=')) {
            unsigned char k = p[i + 1];
            size_t j = i + 2;
            while (j + 1 < x->n && !(p[j] == k && p[j + 1] == ']'))
                j++;
            if (j + 1 >= x->n)
                break;
            i = j + 2;
        } else {
            i++;
        }
    }
    x->fail = true;
}

/* What a sequence or an alternation says about its matches. */
struct pinfo {
    struct lits must;   /* one of these occurs in every match */
    struct lits prefix; /* every match starts with one of these */
    bool anchored;      /* every match starts at the subject's start */
};

static void
pinfo_free(struct pinfo *pi)
{
    lits_free(&pi->must);
    lits_free(&pi->prefix);
    pi->anchored = false;
}

static void parse_alt(struct px *x, int depth, struct pinfo *out);

/* A group at x->i ('('); lookarounds tell nothing. */
static void
parse_group(struct px *x, int depth, struct pinfo *sub)
{
    const unsigned char *p = x->p;
    bool look = false;
    memset(sub, 0, sizeof *sub);
    x->i++;
    if (x->i < x->n && p[x->i] == '*') {
        x->fail = true;
        return;
    }
    if (x->i < x->n && p[x->i] == '?') {
        unsigned char c = ++x->i < x->n ? p[x->i] : 0;
        unsigned char d = x->i + 1 < x->n ? p[x->i + 1] : 0;
        if (c == ':' || c == '|' || c == '>') {
            x->i++;
        } else if (c == '=' || c == '!') {
            x->i++;
            look = true;
        } else if (c == '<' && (d == '=' || d == '!')) {
            x->i += 2;
            look = true;
        } else if (c == '<' || c == '\'') {
            x->i++;
            skip_to(x, c == '<' ? '>' : '\'');
        } else if (c == 'P' && d == '<') {
            x->i += 2;
            skip_to(x, '>');
        } else {
            x->fail = true; /* options, conditions, recursion, comments */
            return;
        }
        if (x->fail)
            return;
    }
    parse_alt(x, depth + 1, sub);
    if (x->fail)
        return;
    if (x->i >= x->n || p[x->i] != ')') {
        x->fail = true;
        return;
    }
    x->i++;
    if (look)
        pinfo_free(sub);
}

/* A sequence up to '|', ')' or the end. */
static void
parse_seq(struct px *x, int depth, struct pinfo *out)
{
    struct dc_buf run = DC_BUF_INIT, pre = DC_BUF_INIT;
    bool at_start = true; /* pre is still growing */
    size_t items = 0;     /* a leading '^' aside */
    memset(out, 0, sizeof *out);
    for (;;) {
        x->i = skip_ignored(x, x->i);
        if (x->i >= x->n || x->p[x->i] == '|' || x->p[x->i] == ')')
            break;
        unsigned char c = x->p[x->i];
        char ch[4];
        size_t chlen = 0;
        bool group = false, caret = false;
        struct pinfo sub;
        memset(&sub, 0, sizeof sub);
        if (c == '\\') {
            parse_escape(x, ch, &chlen);
        } else if (c == '[') {
            skip_class(x);
        } else if (c == '(') {
            parse_group(x, depth, &sub);
            group = true;
        } else if (c == '.' || c == '^' || c == '$') {
            caret = c == '^';
            x->i++;
        } else if (c == '*' || c == '+' || c == '?' || c == '{') {
            x->fail = true;
        } else if (c >= 0x80) {
            literal_char(x, ch, &chlen);
        } else {
            ch[0] = (char)(x->fold ? dc_tolower(c) : c);
            chlen = 1;
            x->i++;
        }
        enum quant q = x->fail ? Q_NONE : parse_quant(x);
        if (x->fail) {
            pinfo_free(&sub);
            break;
        }
        if (caret && !items && q == Q_NONE) {
            out->anchored = true; /* zero width: the prefix follows */
            continue;
        }

        /* what every match starts with */
        if (at_start) {
            if (group) {
                if (q != Q_MIN0 && !pre.len && sub.prefix.n) {
                    out->prefix = sub.prefix;
                    sub.prefix.v = NULL;
                    sub.prefix.n = 0;
                }
                if (q != Q_MIN0 && !items && sub.anchored)
                    out->anchored = true;
                at_start = false;
            } else if (chlen && q != Q_MIN0) {
                dc_buf_append(&pre, ch, chlen);
                at_start = q == Q_NONE;
            } else {
                at_start = false;
            }
        }
        items++;

        /* what every match contains */
        if (group) {
            if (q != Q_MIN0 && run.len && sub.prefix.n) {
                /* "\((photo|image): ": "(photo" or "(image" occurs */
                struct lits cat = {NULL, 0};
                for (size_t k = 0; k < sub.prefix.n; k++) {
                    size_t keep = run.len;
                    dc_buf_append(&run, sub.prefix.v[k].s, sub.prefix.v[k].len);
                    lits_add(&cat, run.data, run.len);
                    run.len = keep;
                }
                consider(&out->must, &cat);
            }
            flush_run(&run, &out->must);
            if (q != Q_MIN0)
                consider(&out->must, &sub.must);
            pinfo_free(&sub);
        } else if (!chlen) {
            flush_run(&run, &out->must);
        } else if (q == Q_NONE) {
            dc_buf_append(&run, ch, chlen);
        } else if (q == Q_MIN1) {
            /* "ab+c": both "ab" and "bc" must occur */
            dc_buf_append(&run, ch, chlen);
            flush_run(&run, &out->must);
            dc_buf_append(&run, ch, chlen);
        } else {
            flush_run(&run, &out->must);
        }
    }
    if (!x->fail) {
        flush_run(&run, &out->must);
        if (!out->prefix.n && pre.len)
            lits_add(&out->prefix, pre.data, pre.len);
    }
    dc_buf_free(&run);
    dc_buf_free(&pre);
}

static void
lits_merge(struct lits *all, const struct lits *more, bool *known)
{
    if (!more->n || all->n + more->n > PF_MAX_ALTS)
        *known = false;
    for (size_t k = 0; *known && k < more->n; k++)
        lits_add(all, more->v[k].s, more->v[k].len);
}

static void
parse_alt(struct px *x, int depth, struct pinfo *out)
{
    struct pinfo all;
    bool must_known = true, prefix_known = true, anchored = true;
    memset(&all, 0, sizeof all);
    memset(out, 0, sizeof *out);
    if (depth > PF_MAX_DEPTH) {
        x->fail = true;
        return;
    }
    for (;;) {
        struct pinfo branch;
        parse_seq(x, depth, &branch);
        if (x->fail) {
            pinfo_free(&branch);
            break;
        }
        lits_merge(&all.must, &branch.must, &must_known);
        lits_merge(&all.prefix, &branch.prefix, &prefix_known);
        anchored = anchored && branch.anchored;
        pinfo_free(&branch);
        if (x->i < x->n && x->p[x->i] == '|') {
            x->i++;
            continue;
        }
        break;
    }
    if (x->fail || !must_known)
        lits_free(&all.must);
    if (x->fail || !prefix_known)
        lits_free(&all.prefix);
    all.anchored = !x->fail && anchored;
    *out = all;
}

/* How common a byte is in text (higher: more common); the search anchors
 * on a literal's rarest byte. */
static int
commonness(unsigned char c)
{
    /* most common first */
    static const char common[] = " etaoinsrhldcumfpgwyb,.vk-'\"0123456789";
    const char *q = c ? strchr(common, c) : NULL;
    return q ? (int)(sizeof common - (size_t)(q - common)) : 0;
}

static void fold_text(struct dc_buf *b, const char *text, size_t n);

/*
 * Set ru's prefilter from its pattern: for a pattern anchored at the
 * subject's start, what the subject must start with (PCRE2 fails such a
 * pattern fast anyway, so only a compare at the start is cheaper); for
 * others, literals one of which the subject must contain.
 */
static void
extract_prefilter(struct rule *ru, const char *pat, size_t len, bool fold,
                  bool ext)
{
    struct px x = {(const unsigned char *)pat, len, 0, fold, ext, false};
    struct pinfo pi;
    parse_alt(&x, 0, &pi);
    ru->fold = fold;
    ru->anchored = false;
    if (x.fail || x.i != x.n) {
        pinfo_free(&pi);
        return;
    }
    if (pi.anchored) {
        ru->anchored = true;
        ru->pf = pi.prefix;
        lits_free(&pi.must);
        for (size_t k = 0; k < ru->pf.n; k++) {
            unsigned char c = (unsigned char)ru->pf.v[k].s[0];
            ru->first[c >> 6] |= 1ull << (c & 63);
        }
        return;
    }
    ru->pf = pi.must;
    lits_free(&pi.prefix);
    /* one common character filters nothing and costs a scan */
    for (size_t k = 0; k < ru->pf.n; k++) {
        unsigned char c = (unsigned char)ru->pf.v[k].s[0];
        if (ru->pf.v[k].len < 2 &&
            (dc_isalnum(c) || dc_isspace(c) || c >= 0x80)) {
            lits_free(&ru->pf);
            return;
        }
    }
    for (size_t k = 0; k < ru->pf.n; k++) {
        struct lit *t = &ru->pf.v[k];
        struct dc_buf f = DC_BUF_INIT;
        fold_text(&f, t->s, t->len);
        t->folded = f.data;
        t->folded_len = f.len;
        for (size_t j = 1; j < t->len; j++)
            if (commonness((unsigned char)t->s[j]) <
                commonness((unsigned char)t->s[t->anchor]))
                t->anchor = j;
    }
}

/* The subject with ASCII upper case and the non-ASCII characters that
 * caselessly match ASCII letters folded to ASCII lower case. */
static void
fold_text(struct dc_buf *b, const char *text, size_t n)
{
    const unsigned char *t = (const unsigned char *)text;
    dc_buf_clear(b);
    dc_buf_reserve(b, n);
    char *o = b->data;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        /* eight ASCII bytes at a time: add 0x20 where 'A' <= byte <= 'Z' */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, t + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            uint64_t ge_a = w + 0x3f3f3f3f3f3f3f3full;
            uint64_t gt_z = w + 0x2525252525252525ull;
            w |= (ge_a & ~gt_z & 0x8080808080808080ull) >> 2;
            memcpy(o + k, &w, 8);
            k += 8;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = t[i];
        if (c < 0x80) {
            o[k++] = (char)dc_tolower(c);
        } else if (c == 0xC5 && i + 1 < n && t[i + 1] == 0xBF) {
            o[k++] = 's'; /* U+017F */
            i++;
        } else if (c == 0xC4 && i + 1 < n &&
                   (t[i + 1] == 0xB0 || t[i + 1] == 0xB1)) {
            o[k++] = 'i'; /* U+0130, U+0131: Turkish casing, if ever on */
            i++;
        } else if (c == 0xE2 && i + 2 < n && t[i + 1] == 0x84 &&
                   t[i + 2] == 0xAA) {
            o[k++] = 'k'; /* U+212A KELVIN SIGN */
            i += 2;
        } else {
            o[k++] = (char)c;
        }
    }
    b->len = k;
    b->data[k] = '\0';
}

static bool
lit_find(const char *h, size_t hn, const struct lit *l)
{
    if (l->len > hn)
        return false;
    const char *p = h + l->anchor;
    const char *end = h + (hn - l->len) + l->anchor + 1;
    int a = (unsigned char)l->s[l->anchor];
    while (p < end) {
        const char *q = memchr(p, a, (size_t)(end - p));
        if (!q)
            return false;
        const char *at = q - l->anchor;
        /* the ends first: most candidates fail there, without a call */
        if (at[0] == l->s[0] && at[l->len - 1] == l->s[l->len - 1] &&
            memcmp(at, l->s, l->len) == 0)
            return true;
        p = q + 1;
    }
    return false;
}

/* ---------------------------------------------------------------- matching */

/* One subject being matched, with its lazily made folded copy. */
struct subject {
    const char *text;
    size_t len;
    bool folded;      /* s->fold holds it folded */
    bool utf_checked; /* validated (see invalid) */
    bool invalid;     /* not UTF-8: nothing matches */
};

static void
subject_init(struct subject *sub, const char *text, size_t len)
{
    sub->text = text ? text : "";
    sub->len = text ? len : 0;
    sub->folded = false;
    sub->utf_checked = false;
    sub->invalid = false;
}

/* Does sub start with l (folded: as fold_text() would see it)? */
static bool
starts_with(const struct subject *sub, const struct lit *l, bool fold)
{
    const unsigned char *t = (const unsigned char *)sub->text;
    size_t n = sub->len, j = 0;
    if (!fold)
        return n >= l->len && memcmp(t, l->s, l->len) == 0;
    for (size_t i = 0; i < l->len; i++) {
        char want = l->s[i], got;
        if (j >= n)
            return false;
        if (t[j] == 0xC5 && j + 1 < n && t[j + 1] == 0xBF) {
            got = 's';
            j += 2;
        } else if (t[j] == 0xC4 && j + 1 < n &&
                   (t[j + 1] == 0xB0 || t[j + 1] == 0xB1)) {
            got = 'i';
            j += 2;
        } else if (t[j] == 0xE2 && j + 2 < n && t[j + 1] == 0x84 &&
                   t[j + 2] == 0xAA) {
            got = 'k';
            j += 3;
        } else {
            got = (char)dc_tolower(t[j]);
            j++;
        }
        if (got != want)
            return false;
    }
    return true;
}

static bool
applies(const struct rule *ru, int lang)
{
    return lang < 0 || lang >= DC_LANG_MAX || !ru->pub.langs ||
           (ru->pub.langs >> lang & 1u);
}

static void
queue_warning(struct scratch *s, struct rule *ru)
{
    if (ru->warned)
        return;
    ru->warned = true;
    s->warn = dc_xgrow(s->warn, &s->capwarn, s->nwarn + 1, sizeof *s->warn);
    s->warn[s->nwarn++] = ru;
}

static void
set_limits(const struct dc_rules *r)
{
    /* settings can change after a pattern is compiled: read them now */
    double v = r->settings.match_limit;
    uint32_t lim = v < 1 ? 1 : v > 4294967295.0 ? UINT32_MAX : (uint32_t)v;
    pcre2_set_match_limit(r->s->mctx, lim);
}

static void
clear_grams(struct scratch *s)
{
    if (!s->grams_ok)
        return;
    /* cheaper than clearing 8 KiB when subjects are lines */
    const unsigned char *f = (const unsigned char *)s->fold.data;
    for (size_t i = 1; i < s->fold.len; i++)
        s->grams[(f[i - 1] << 2) | (f[i] >> 6)] = 0;
    s->grams_ok = false;
}

/* Make s->fold hold sub folded.  The last subject's stays: the
 * classifier asks about one block for several actions in a row. */
static void
need_fold(struct scratch *s, struct subject *sub)
{
    if (sub->folded)
        return;
    sub->folded = true;
    if (s->fold_ok && s->last.len == sub->len &&
        (!sub->len || memcmp(s->last.data, sub->text, sub->len) == 0))
        return;
    clear_grams(s);
    fold_text(&s->fold, sub->text, sub->len);
    dc_buf_clear(&s->last);
    dc_buf_append(&s->last, sub->text, sub->len);
    s->fold_ok = true;
}

/* Make s->grams hold the byte pairs of sub folded. */
static void
need_grams(struct scratch *s, struct subject *sub)
{
    need_fold(s, sub);
    if (s->grams_ok)
        return;
    const unsigned char *f = (const unsigned char *)s->fold.data;
    for (size_t i = 1; i < s->fold.len; i++)
        s->grams[(f[i - 1] << 2) | (f[i] >> 6)] |= 1ull << (f[i] & 63);
    s->grams_ok = true;
}

/* Could ru match sub at all?  (minimum length and literals) */
static bool
prefilter(struct scratch *s, const struct rule *ru, struct subject *sub)
{
    s->candidates++;
    if (sub->len < ru->minlen)
        return false;
    if (!ru->pf.n)
        return true;
    if (ru->anchored) {
        unsigned char c = sub->len ? (unsigned char)sub->text[0] : 0;
        if (ru->fold && c < 0x80)
            c = (unsigned char)dc_tolower(c);
        /* bytes that fold_text() maps to ASCII can not be looked up */
        bool mapped = ru->fold && (c == 0xC4 || c == 0xC5 || c == 0xE2);
        if (!mapped && !(ru->first[c >> 6] >> (c & 63) & 1))
            return false;
        for (size_t k = 0; k < ru->pf.n; k++)
            if (starts_with(sub, &ru->pf.v[k], ru->fold))
                return true;
        return false;
    }
    /* Every byte pair of a literal must occur in the folded subject:
     * a bit test per pair, where a search would scan the text. */
    need_grams(s, sub);
    const char *h = ru->fold ? s->fold.data : sub->text;
    size_t hn = ru->fold ? s->fold.len : sub->len;
    for (size_t k = 0; k < ru->pf.n; k++) {
        const struct lit *l = &ru->pf.v[k];
        const unsigned char *f = (const unsigned char *)l->folded;
        size_t j = 1;
        while (j < l->folded_len &&
               (s->grams[(f[j - 1] << 2) | (f[j] >> 6)] >> (f[j] & 63) & 1))
            j++;
        if (j >= l->folded_len && lit_find(h, hn, l))
            return true;
    }
    return false;
}

/* Run ru on sub from start: 1 match (ovector in s->md), 0 no match, -1
 * an error (limit hit: queued for a warning). */
static int
run(struct scratch *s, struct rule *ru, struct subject *sub, size_t start,
    uint32_t opts)
{
    if (!sub->utf_checked) {
        /* once per subject, and faster on ASCII than PCRE2's own check */
        sub->utf_checked = true;
        sub->invalid = dc_utf8_valid_prefix(sub->text, sub->len) != sub->len;
    }
    if (sub->invalid)
        return 0; /* not UTF-8: the caller broke the contract, not the rule */
    s->regex_calls++;
    /* pcre2_jit_match skips pcre2_match's checks, which we did */
    int rc =
        ru->jit ? pcre2_jit_match(ru->pub.code, (PCRE2_SPTR)sub->text, sub->len,
                                  start, opts, s->md, s->mctx)
                : pcre2_match(ru->pub.code, (PCRE2_SPTR)sub->text, sub->len,
                              start, opts | PCRE2_NO_UTF_CHECK, s->md, s->mctx);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    queue_warning(s, ru);
    return -1;
}

const struct dc_rule *
dc_rules_match(const struct dc_rules *r, enum dc_action action, int lang,
               const char *text, size_t len)
{
    if (!r || (unsigned)action >= DC_ACTION_COUNT)
        return NULL;
    struct subject sub;
    subject_init(&sub, text, len);
    set_limits(r);
    const struct dc_rule *found = NULL;
    for (size_t i = 0; i < r->n[action] && !found; i++) {
        struct rule *ru = r->list[action][i];
        if (!applies(ru, lang) || !prefilter(r->s, ru, &sub))
            continue;
        if (run(r->s, ru, &sub, 0, 0) > 0)
            found = &ru->pub;
        if (sub.invalid)
            break;
    }
    return found;
}

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void
trim_end(struct dc_buf *b, bool *trimmed)
{
    while (b->len && is_blank(b->data[b->len - 1])) {
        b->len--;
        *trimmed = true;
    }
    if (b->data)
        b->data[b->len] = '\0';
}

/* Text before a removed span: one space stands for the blanks around
 * the previous removal. */
static void
put_piece(struct dc_buf *out, const char *p, size_t n, bool *pending)
{
    if (!n)
        return;
    if (*pending && out->len)
        dc_buf_putc(out, ' ');
    *pending = false;
    dc_buf_append(out, p, n);
}

/* Remove every match of ru from sub into out (cleared first).  Returns 1
 * when something was removed, 0 when not, -1 on a limit (out is then
 * garbage and the rule counts as not matching). */
static int
strip_one(struct scratch *s, struct rule *ru, struct subject *sub,
          struct dc_buf *out)
{
    const char *t = sub->text;
    size_t n = sub->len, pos = 0, start = 0;
    uint32_t opts = 0;
    bool removed = false, pending = false;
    dc_buf_clear(out);
    while (start <= n) {
        int rc = run(s, ru, sub, start, opts);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        size_t from = ov[0] < pos ? pos : ov[0];
        size_t to = ov[1] < from ? from : ov[1];
        if (ov[1] <= ov[0]) {
            /* an empty match removes nothing; look past it */
            if (ov[1] < start)
                break;
            start = ov[1];
            opts = PCRE2_NOTEMPTY_ATSTART;
            continue;
        }
        put_piece(out, t + pos, from - pos, &pending);
        trim_end(out, &pending);
        pos = to;
        while (pos < n && is_blank(t[pos])) {
            pos++;
            pending = true;
        }
        removed = true;
        start = ov[1];
        opts = 0;
    }
    put_piece(out, t + pos, n - pos, &pending);
    if (!removed)
        return 0;
    bool dummy = false;
    trim_end(out, &dummy);
    size_t lead = 0;
    while (lead < out->len && is_blank(out->data[lead]))
        lead++;
    dc_buf_consume(out, lead);
    if (!out->data)
        dc_buf_reserve(out, 0);
    return 1;
}

const struct dc_rule *
dc_rules_strip(const struct dc_rules *r, int lang, const char *text, size_t len,
               struct dc_buf *out)
{
    const struct rule *first = NULL;
    struct scratch *s = r ? r->s : NULL;
    struct subject sub;
    int cur = -1; /* which work buffer holds the text, -1: the input */
    subject_init(&sub, text, len);
    if (r)
        set_limits(r);
    for (size_t i = 0; r && i < r->n[DC_ACTION_STRIP]; i++) {
        struct rule *ru = r->list[DC_ACTION_STRIP][i];
        if (!applies(ru, lang) || !prefilter(s, ru, &sub))
            continue;
        int w = cur == 0 ? 1 : 0;
        int rc = strip_one(s, ru, &sub, &s->work[w]);
        if (sub.invalid)
            break;
        if (rc <= 0)
            continue;
        if (!first)
            first = ru;
        cur = w;
        subject_init(&sub, s->work[w].data, s->work[w].len);
        /* valid UTF-8 cut at character boundaries is valid UTF-8 */
        sub.utf_checked = true;
    }
    if (cur < 0)
        dc_buf_append(out, text ? text : "", text ? len : 0);
    else
        dc_buf_append(out, s->work[cur].data, s->work[cur].len);
    return first ? &first->pub : NULL;
}

const struct dc_rule *
dc_rules_take_warning(struct dc_rules *r)
{
    if (!r || r->s->warn_next >= r->s->nwarn)
        return NULL;
    return &r->s->warn[r->s->warn_next++]->pub;
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
    while (at > c->bol && ((unsigned char)*at & 0xC0) == 0x80)
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

static int
hexval(char c)
{
    if (dc_isdigit(c))
        return c - '0';
    c = (char)dc_tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
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
            int32_t cp = 0;
            for (int k = 0; k < 4; k++) {
                int h = c->p < c->eol ? hexval(*c->p) : -1;
                if (h < 0)
                    return rule_error(err, c, esc, "invalid \\u escape");
                cp = cp * 16 + h;
                c->p++;
            }
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
    /* without JIT (no support, no executable memory) the interpreter
     * does the same job, slower */
    bool jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;

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
    ru->jit = jit;
    code = NULL;
    if (pcre2_pattern_info(ru->pub.code, PCRE2_INFO_MINLENGTH, &ru->minlen) !=
        0)
        ru->minlen = 0;
    extract_prefilter(ru, pat.data, pat.len, caseless, extended);
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
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a byte order mark is no part of the first line */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        c.line++;
        c.bol = c.p = p;
        c.eol = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        int rc = parse_line(r, &c, file, err);
        if (rc < 0)
            return rc;
        p = nl ? nl + 1 : end;
    }
    return 0;
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
    static const enum dc_action drops[] = {DC_ACTION_DROP, DC_ACTION_CUT_AFTER,
                                           DC_ACTION_CUT_BEFORE,
                                           DC_ACTION_DROP_LIST};
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
