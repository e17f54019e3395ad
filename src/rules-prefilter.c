/*
 * rules-prefilter.c - what a pattern tells before it runs, read once at
 * load time: the literals one of which a match contains, its longest
 * match, the heads, first bytes, pairs and last bytes of its matches
 * (see the top of rules.c for how matching uses them).
 *
 * It reads a conservative subset of the pattern language and gives up on
 * the rest (no shortcut then); it builds no index and matches nothing.
 */
#include "config.h"
#include "rules-internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A prefilter with more alternatives than this costs more than it saves, */
#define PF_MAX_ALTS 16
/* ...unless it is found by its keys (struct index), in one pass over the
 * subject whatever their number: then the words a rule names in several
 * languages can be its literals.  (More filters less: every key is a
 * place where the pass stops.) */
#define PF_MAX_KEYED_ALTS 24
/* Group nesting the literal extraction follows before giving up. */
#define PF_MAX_DEPTH 32

/* ------------------------------------------------------- literal prefilter */

/*
 * The extraction reads the pattern as PCRE2 will (it has compiled
 * already) and keeps, per sequence, the best set of literals that must
 * occur: a run of plain characters, or the union over a group's
 * alternatives (a class of a few plain characters is such a group).
 * Anything unfamiliar (option settings, \Q, verbs, conditionals,
 * recursion, a '{' that is not a quantifier) abandons the prefilter;
 * anything it can skip but not use (other classes, escapes like \d,
 * lookarounds) just breaks the current run, which is always safe.
 *
 * Caseless literals keep only ASCII and are lower-cased.  In UTF mode a
 * caseless ASCII letter also matches U+212A KELVIN SIGN (k) and U+017F
 * LONG S (s); dc_rules_fold_text() maps those to ASCII, so the folded subject
 * contains the literal whenever PCRE2 can match.
 */

struct px {
    const unsigned char *p;
    size_t n, i;
    bool fold, ext;
    bool fail;
    size_t max_alts; /* the literal walk: literals a set may have */
};

enum quant { Q_NONE, Q_MIN0, Q_MIN1 };

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

/* Past white space and comments ignored at x->i: is a sequence over
 * ('|', ')' or the pattern's end)? */
static bool
seq_done(struct px *x)
{
    x->i = skip_ignored(x, x->i);
    return x->i >= x->n || x->p[x->i] == '|' || x->p[x->i] == ')';
}

/* Is a group at this depth nested too deep to walk?  Then the walk
 * fails. */
static bool
too_deep(struct px *x, int depth)
{
    if (depth > PF_MAX_DEPTH)
        x->fail = true;
    return depth > PF_MAX_DEPTH;
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

/* Append a literal whose bytes s (NUL-terminated, len long) it now owns. */
static void
lits_take(struct lits *l, char *s, size_t len)
{
    l->v = dc_xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n].s = s;
    l->v[l->n].len = len;
    l->v[l->n].anchor = 0;
    l->v[l->n].folded = NULL;
    l->v[l->n].folded_len = 0;
    l->v[l->n].key = 0;
    l->v[l->n].high = -1;
    l->v[l->n].slot = 0;
    l->v[l->n].head[0] = l->v[l->n].s[0];
    l->v[l->n].head[1] = len > 1 ? l->v[l->n].s[1] : '\0';
    l->n++;
}

static void
lits_add(struct lits *l, const char *s, size_t len)
{
    lits_take(l, dc_xstrndup(s, len), len);
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
        dc_rules_lits_free(best);
        *best = *cand;
    } else {
        dc_rules_lits_free(cand);
    }
    cand->v = NULL;
    cand->n = cand->cap = 0;
}

/* Move more's literals to the end of all (more is left empty), or, when
 * more knows nothing or all would have more than max, set *known false. */
static void
lits_merge(struct lits *all, struct lits *more, bool *known, size_t max)
{
    if (!more->n || all->n + more->n > max)
        *known = false;
    if (!*known)
        return;
    all->v = dc_xgrow(all->v, &all->cap, all->n + more->n, sizeof *all->v);
    memcpy(all->v + all->n, more->v, more->n * sizeof *more->v);
    all->n += more->n;
    more->n =
        0; /* its strings are all's now; dc_rules_lits_free(more) frees v */
}

static void
flush_run(struct dc_buf *run, struct lits *best)
{
    if (!run->len)
        return;
    struct lits one = {NULL, 0, 0};
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

/* Past what follows escape letter c, x->i just after it, when c is one
 * that stands for one character given by what follows: \N{U+...} (\N
 * alone: any but a newline), \x{...} or \xhh, \o{...}, \p{..} or \pL
 * (and \P), \cX.  False for any other letter. */
static bool
skip_escape_arg(struct px *x, unsigned char c)
{
    unsigned char next = x->i < x->n ? x->p[x->i] : 0;
    switch (c) {
    case 'N':
        if (next == '{')
            skip_to(x, '}');
        return true;
    case 'x':
        if (next == '{') {
            skip_to(x, '}');
        } else {
            /* two digits at most: the rest are literals */
            for (int k = 0; k < 2 && x->i < x->n && is_hex(x->p[x->i]); k++)
                x->i++;
        }
        return true;
    case 'o':
    case 'p':
    case 'P':
        if (next == '{')
            skip_to(x, '}');
        else if (c != 'o' && x->i < x->n)
            x->i++;
        else
            x->fail = true;
        return true;
    case 'c':
        if (x->i < x->n)
            x->i++;
        else
            x->fail = true;
        return true;
    default:
        return false;
    }
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
    if (skip_escape_arg(x, c))
        return;
    switch (c) {
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
    dc_rules_lits_free(&pi->must);
    dc_rules_lits_free(&pi->prefix);
    pi->anchored = false;
}

/* Members of a class that count as literals: a few plain characters. */
#define PF_MAX_CLASS 4

/*
 * A character class at x->i ('['): a few plain characters ("[>»›]") are
 * an alternation of one-character literals, and true is returned with
 * sub set; anything else (ranges, negation, escapes that are not
 * punctuation, characters with other cases under caseless matching) is
 * skipped, and false returned.
 */
static bool
parse_class(struct px *x, struct pinfo *sub)
{
    const unsigned char *p = x->p;
    size_t i = x->i + 1, members = 0;
    struct lits chars = {NULL, 0, 0};
    bool plain = i < x->n && p[i] != '^' && p[i] != ']';
    while (plain && i < x->n && p[i] != ']') {
        char ch[4];
        size_t k = 1;
        unsigned char c = p[i];
        if (c == '\\' && i + 1 < x->n && p[i + 1] < 0x80 &&
            !dc_isalnum(p[i + 1])) {
            ch[0] = (char)p[i + 1];
            i += 2;
        } else if (c == '\\' || c == '[' || c == '-') {
            plain = false;
        } else if (c >= 0x80) {
            int32_t cp;
            k = dc_utf8_decode(p + i, x->n - i, &cp);
            plain = k && (!x->fold || caseless_invariant(cp));
            if (plain)
                memcpy(ch, p + i, k);
            i += k;
        } else {
            ch[0] = (char)(x->fold ? dc_tolower(c) : c);
            i++;
        }
        if (plain && ++members > PF_MAX_CLASS)
            plain = false;
        if (plain)
            lits_add(&chars, ch, k);
    }
    if (!plain || i >= x->n) {
        dc_rules_lits_free(&chars);
        skip_class(x);
        return false;
    }
    x->i = i + 1;
    memset(sub, 0, sizeof *sub);
    sub->prefix = chars;
    for (size_t k = 0; k < chars.n; k++)
        lits_add(&sub->must, chars.v[k].s, chars.v[k].len);
    return true;
}

static void parse_alt(struct px *x, int depth, struct pinfo *out);

/*
 * Past the '(' at x->i and what opens the group: "?:", "?|", "?>", a
 * name; *look says whether it is a lookaround.  Options, conditions,
 * recursion and comments fail the walk.  Both walks of a pattern (its
 * literals, its first characters) open groups this way.
 */
static bool
open_group(struct px *x, bool *look)
{
    const unsigned char *p = x->p;
    *look = false;
    x->i++;
    if (x->i < x->n && p[x->i] == '*') {
        x->fail = true;
        return false;
    }
    if (x->i < x->n && p[x->i] == '?') {
        unsigned char c = ++x->i < x->n ? p[x->i] : 0;
        unsigned char d = x->i + 1 < x->n ? p[x->i + 1] : 0;
        if (c == ':' || c == '|' || c == '>') {
            x->i++;
        } else if (c == '=' || c == '!') {
            x->i++;
            *look = true;
        } else if (c == '<' && (d == '=' || d == '!')) {
            x->i += 2;
            *look = true;
        } else if (c == '<' || c == '\'') {
            x->i++;
            skip_to(x, c == '<' ? '>' : '\'');
        } else if (c == 'P' && d == '<') {
            x->i += 2;
            skip_to(x, '>');
        } else if ((c == 'i' || c == '-') && x->fold) {
            /* "(?i:...)", "(?-i:...)": a group that only sets case, in
             * a walk that folds the whole pattern (a caseless reading
             * passes all that a partly cased pattern matches). */
            size_t k = x->i;
            while (k < x->n && (p[k] == 'i' || p[k] == '-'))
                k++;
            if (k < x->n && p[k] == ':')
                x->i = k + 1;
            else
                x->fail = true;
        } else {
            x->fail = true; /* options, conditions, recursion, comments */
        }
    }
    return !x->fail;
}

/* Past the ')' that ends a group whose contents were walked. */
static bool
close_group(struct px *x)
{
    if (x->fail)
        return false;
    if (x->i >= x->n || x->p[x->i] != ')') {
        x->fail = true;
        return false;
    }
    x->i++;
    return true;
}

/* A group at x->i ('('); lookarounds tell nothing. */
static void
parse_group(struct px *x, int depth, struct pinfo *sub)
{
    bool look;
    memset(sub, 0, sizeof *sub);
    if (!open_group(x, &look))
        return;
    parse_alt(x, depth + 1, sub);
    if (!close_group(x))
        return;
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
        if (seq_done(x))
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
            group = parse_class(x, &sub);
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
                    sub.prefix.n = sub.prefix.cap = 0;
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
                struct lits cat = {NULL, 0, 0};
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
parse_alt(struct px *x, int depth, struct pinfo *out)
{
    struct pinfo all;
    bool must_known = true, prefix_known = true, anchored = true;
    memset(&all, 0, sizeof all);
    memset(out, 0, sizeof *out);
    if (too_deep(x, depth))
        return;
    for (;;) {
        struct pinfo branch;
        parse_seq(x, depth, &branch);
        if (x->fail) {
            pinfo_free(&branch);
            break;
        }
        lits_merge(&all.must, &branch.must, &must_known, x->max_alts);
        lits_merge(&all.prefix, &branch.prefix, &prefix_known, PF_MAX_ALTS);
        anchored = anchored && branch.anchored;
        pinfo_free(&branch);
        if (x->i < x->n && x->p[x->i] == '|') {
            x->i++;
            continue;
        }
        break;
    }
    if (x->fail || !must_known)
        dc_rules_lits_free(&all.must);
    if (x->fail || !prefix_known)
        dc_rules_lits_free(&all.prefix);
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

/* How common n bytes are, roughly: a lead byte starts every non-ASCII
 * character, a continuation byte is one of 64. */
static int
key_weight(const unsigned char *k, size_t n)
{
    int w = 0;
    for (size_t j = 0; j < n; j++)
        w += k[j] >= 0xC0 ? 60 : k[j] >= 0x80 ? 30 : commonness(k[j]);
    return w;
}

/*
 * Set ru's prefilter from its pattern: for a pattern anchored at the
 * subject's start, what the subject must start with, when that is known;
 * otherwise literals one of which the subject must contain, a set of
 * max_alts at most.
 */
static void
read_prefilter(struct rule *ru, const char *pat, size_t len, bool fold,
               bool ext, size_t max_alts)
{
    struct px x = {(const unsigned char *)pat, len, 0, fold, ext, false,
                   max_alts};
    struct pinfo pi;
    parse_alt(&x, 0, &pi);
    ru->fold = fold;
    ru->anchored = false;
    if (x.fail || x.i != x.n) {
        pinfo_free(&pi);
        return;
    }
    if (pi.anchored && pi.prefix.n) {
        ru->anchored = true;
        ru->pf = pi.prefix;
        dc_rules_lits_free(&pi.must);
        return;
    }
    ru->pf = pi.must;
    dc_rules_lits_free(&pi.prefix);
    /* one common character filters nothing and costs a scan */
    for (size_t k = 0; k < ru->pf.n; k++) {
        unsigned char c = (unsigned char)ru->pf.v[k].s[0];
        if (ru->pf.v[k].len < 2 &&
            (dc_isalnum(c) || dc_isspace(c) || c >= 0x80)) {
            dc_rules_lits_free(&ru->pf);
            return;
        }
    }
    for (size_t k = 0; k < ru->pf.n; k++) {
        struct lit *t = &ru->pf.v[k];
        struct dc_buf f = DC_BUF_INIT;
        dc_rules_fold_text(&f, t->s, t->len, NULL);
        t->folded = f.data;
        t->folded_len = f.len;
        const unsigned char *sb = (const unsigned char *)t->s;
        for (size_t j = 1; j < t->len; j++)
            if (key_weight(sb + j, 1) < key_weight(sb + t->anchor, 1))
                t->anchor = j;
        for (size_t j = 0; j < t->len && t->high < 0; j++)
            if (sb[j] >= 0x80)
                t->high = sb[j];
        /* the key: the folded bytes least likely in text, first of all
         * its first two, which stop the scan (need_scan()) wherever
         * they occur */
        const unsigned char *fb = (const unsigned char *)t->folded;
        for (size_t j = 1; j + KEY_LEN <= t->folded_len; j++) {
            int pair = key_weight(fb + j, 2);
            int best = key_weight(fb + t->key, 2);
            if (pair < best ||
                (pair == best && key_weight(fb + j, KEY_LEN) <
                                     key_weight(fb + t->key, KEY_LEN)))
                t->key = j;
        }
    }
}

/* read_prefilter() with a set of literals as large as keys allow, or,
 * when they could not all be keys, PF_MAX_ALTS. */
void
dc_rules_extract_prefilter(struct rule *ru, const char *pat, size_t len,
                           bool fold, bool ext)
{
    read_prefilter(ru, pat, len, fold, ext, PF_MAX_KEYED_ALTS);
    if (ru->pf.n > PF_MAX_ALTS && !dc_rules_keyable(ru)) {
        dc_rules_lits_free(&ru->pf);
        read_prefilter(ru, pat, len, fold, ext, PF_MAX_ALTS);
    }
}

/* ------------------------------------------------------ longest whole match */

/*
 * Most rules name a heading or a widget and are anchored at both ends
 * ("^(?:related|most popular|...)\s*:?$"); most blocks are paragraphs.
 * When PCRE2 anchors a pattern at the subject's start and every branch
 * of it ends with $, \z or \Z, a match is the whole subject (but for a
 * final newline), so a subject with more characters than the longest
 * match can not match, and a count rejects it before PCRE2 runs.
 *
 * Only characters that are neither white space nor decimal digits
 * count, on both sides: \s, \h, \v and \R match white space alone and
 * \d digits alone, so "\s+" and "\d+" count 0 and the bound stays
 * finite.  An item counts at most one character per repeat (a literal,
 * a class, '.', \w, \p{..}); assertions and lookarounds count 0; a
 * group its longest branch.  Anything that could match more than one
 * character at once (\X, back references, recursion) or that the walk
 * does not know (option settings, verbs, \Q) leaves the rule without a
 * bound.  The subject's count (marks()) is a lower bound: characters
 * whose first byte is shared with a white space or digit character
 * anywhere in Unicode are not counted.
 */

#define MX_USEFUL 400

static uint32_t
mx_add(uint32_t a, uint32_t b)
{
    return a > MX_INF - b ? MX_INF : a + b;
}

static uint32_t
mx_mul(uint32_t a, uint32_t b)
{
    if (!a || !b)
        return 0;
    return a > MX_INF / b ? MX_INF : a * b;
}

static uint32_t
mx_number(struct px *x, size_t *k)
{
    uint32_t v = 0;
    while (*k < x->n && dc_isdigit(x->p[*k])) {
        v = v > 1000000 ? v : v * 10 + (uint32_t)(x->p[*k] - '0');
        (*k)++;
    }
    return v;
}

/* The quantifier after an item: it repeats from *lo to *hi times (hi
 * MX_INF: no bound); 1 and 1 when there is none. */
static void
mx_quant(struct px *x, uint32_t *lo, uint32_t *hi)
{
    size_t j = skip_ignored(x, x->i);
    *lo = *hi = 1;
    if (j >= x->n)
        return;
    switch (x->p[j]) {
    case '*':
        *lo = 0, *hi = MX_INF, j++;
        break;
    case '+':
        *hi = MX_INF, j++;
        break;
    case '?':
        *lo = 0, j++;
        break;
    case '{': {
        size_t k = j + 1;
        if (k >= x->n || !dc_isdigit(x->p[k])) {
            x->fail = true; /* a literal '{', or {,n}: not ours */
            return;
        }
        *lo = *hi = mx_number(x, &k);
        if (k < x->n && x->p[k] == ',') {
            k++;
            *hi = k < x->n && dc_isdigit(x->p[k]) ? mx_number(x, &k) : MX_INF;
        }
        if (k >= x->n || x->p[k] != '}') {
            x->fail = true;
            return;
        }
        j = k + 1;
        break;
    }
    default:
        return;
    }
    j = skip_ignored(x, j);
    if (j < x->n && (x->p[j] == '?' || x->p[j] == '+'))
        j++; /* lazy or possessive */
    x->i = j;
}

/* An escape at x->i ('\\'): the characters it counts; *end when it is
 * \z or \Z. */
static uint32_t
mx_escape(struct px *x, bool *end)
{
    const unsigned char *p = x->p;
    if (++x->i >= x->n) {
        x->fail = true;
        return 0;
    }
    unsigned char c = p[x->i];
    if (c >= 0x80) {
        size_t k = u8len(c);
        x->i += k < x->n - x->i ? k : x->n - x->i;
        return 1;
    }
    if (!dc_isalnum(c)) {
        x->i++;
        return 1;
    }
    x->i++;
    if (skip_escape_arg(x, c))
        return 1;
    switch (c) {
    case 'z':
    case 'Z':
        *end = true;
        return 0;
    case 'd': /* decimal digits alone */
    case 's': /* white space alone */
    case 'h':
    case 'v':
    case 'R':
    case 'n':
    case 'r':
    case 't':
    case 'f':
    case 'b': /* assertions */
    case 'B':
    case 'A':
    case 'G':
    case 'K':
        return 0;
    case 'D':
    case 'S':
    case 'w':
    case 'W':
    case 'H':
    case 'V':
    case 'a':
    case 'e':
        return 1;
    default:
        /* \X, back references (\1, \g, \k), \Q, \E, octal, and
         * anything newer than us */
        x->fail = true;
        return 0;
    }
}

static uint32_t mx_alt(struct px *x, int depth, bool *ends);

/* A sequence up to '|', ')' or the end: its most characters; *ends when
 * its last item is $, \z or \Z, unrepeated. */
static uint32_t
mx_seq(struct px *x, int depth, bool *ends)
{
    uint32_t total = 0;
    *ends = false;
    for (;;) {
        if (seq_done(x))
            return total;
        unsigned char c = x->p[x->i];
        uint32_t m = 0;
        bool end = false;
        if (c == '\\') {
            m = mx_escape(x, &end);
        } else if (c == '[') {
            skip_class(x);
            m = 1;
        } else if (c == '(') {
            bool look;
            if (!open_group(x, &look))
                return total;
            m = mx_alt(x, depth + 1, &end);
            if (!close_group(x))
                return total;
            if (look)
                m = 0, end = false; /* it consumes nothing */
        } else if (c == '^') {
            x->i++;
        } else if (c == '$') {
            end = true;
            x->i++;
        } else if (c == '*' || c == '+' || c == '?' || c == '{') {
            x->fail = true;
        } else if (c >= 0x80) {
            size_t k = u8len(c);
            x->i += k < x->n - x->i ? k : x->n - x->i;
            m = 1;
        } else {
            m = c != ' ' && !(c >= '\t' && c <= '\r') && !dc_isdigit(c);
            x->i++;
        }
        uint32_t lo = 1, hi = 1;
        if (!x->fail)
            mx_quant(x, &lo, &hi);
        if (x->fail)
            return total;
        total = mx_add(total, mx_mul(m, hi));
        *ends = end && lo == 1 && hi == 1;
    }
}

static uint32_t
mx_alt(struct px *x, int depth, bool *ends)
{
    uint32_t most = 0;
    *ends = true;
    if (too_deep(x, depth))
        return 0;
    for (;;) {
        bool e;
        uint32_t m = mx_seq(x, depth, &e);
        if (x->fail)
            return 0;
        most = m > most ? m : most;
        *ends = *ends && e;
        if (x->i >= x->n || x->p[x->i] != '|')
            return most;
        x->i++;
    }
}

/* Set ru->most: the most characters other than white space a subject it
 * matches can have, or MX_INF when there is no such bound; and ru->tail,
 * the same bound on a match of a pattern not anchored at the start but
 * at the end ("(?:^|\|\s*)photo credit:[^.!?]{2,80}$"). */
void
dc_rules_extract_most(struct rule *ru, const char *pat, size_t len,
                      uint32_t opts)
{
    uint32_t all = 0;
    struct px x = {.p = (const unsigned char *)pat,
                   .n = len,
                   .fold = (opts & PCRE2_CASELESS) != 0,
                   .ext = (opts & PCRE2_EXTENDED) != 0};
    bool ends;
    ru->most = ru->tail = MX_INF;
    if (pcre2_pattern_info(ru->pub.code, PCRE2_INFO_ALLOPTIONS, &all) != 0)
        return;
    uint32_t m = mx_alt(&x, 0, &ends);
    if (x.fail || x.i != x.n || !ends)
        return;
    ru->ends = true;
    if (!(all & PCRE2_ANCHORED))
        ru->tail = m;
    else if (m <= MX_USEFUL) /* a longer bound rejects little, and
                                counting that far costs */
        ru->most = m;
}

/* ------------------------------------------------------- how matches begin */

/*
 * A rule anchored at the subject's start names a heading or a widget,
 * most often as an alternation of words ("^(?:related|most popular|
 * ...)"); its first bytes and the second bytes after them (see "how
 * matches start") let through every block that starts as one of its
 * words might, and most of those the regex engine then rejects: "* Re"
 * starts "* Related", "* Read more" and a hundred menu entries.  Its
 * heads say more: strings of up to HEAD_LEN bytes one of which every
 * match starts with, after which anything may follow.
 *
 * A walk of the pattern keeps, for a sequence, the strings its matches
 * so far can be, each open (the match so far is exactly it, and what
 * follows is appended) or closed (it goes on in a way the walk does not
 * follow).  A literal appends its bytes; a class of a few plain
 * characters, \d, and \s (as ' ') one string each; an optional item the
 * strings with and without it; an alternation their union; other
 * classes, repeats after their first time, '.' and '$' close; anything
 * unfamiliar abandons the heads.  When there would be more than
 * HEAD_MAX strings, strings that share a start are cut to it.
 *
 * Heads and the subject's start are compared as head_byte() has them:
 * white space as ' ', a run of it as one (so that \s+ is one string),
 * and ASCII lowered for a caseless rule.  Beyond ASCII, only the
 * characters dc_rules_head_char_exact() accepts are compared, byte for byte (a
 * bullet, a dash, a quotation mark): no other character matches them,
 * and none of them matches what gave a head an ASCII byte (a literal,
 * a class member, \d, \s).  Where the subject has another non-ASCII
 * character, a head that goes on from there lets it through (a class's
 * other characters, KELVIN SIGN for 'k'), and in a head another
 * character's lead byte ends it (a caseless character's other cases).
 */
#define HEAD_MAX 1024 /* (struct rule's head_at holds 16 bits) */

struct hstr {
    unsigned char b[HEAD_LEN];
    uint8_t len;
    bool open;
};

struct hset {
    struct hstr *v;
    size_t n, cap;
};

static void
hset_free(struct hset *h)
{
    dc_free(h->v);
    memset(h, 0, sizeof *h);
}

static void
hset_add(struct hset *h, const struct hstr *s)
{
    h->v = dc_xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
    h->v[h->n++] = *s;
}

/* Is cp a character heads and subjects compare byte for byte (see
 * above)?  One no other character matches caselessly, and neither
 * white space nor a digit as PCRE2_UCP has them (\s, \d). */
bool
dc_rules_head_char_exact(int32_t cp)
{
    bool space = cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
                 cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
                 cp == 0x205F || cp == 0x3000;
    bool digit = cp >= 0xFF10 && cp <= 0xFF19; /* FULLWIDTH DIGITs */
    return caseless_invariant(cp) && !space && !digit;
}

/* The set of the empty string, open (a zero-width item) or closed
 * (anything at all). */
static void
hset_empty(struct hset *h, bool open)
{
    struct hstr e = {{0}, 0, open};
    h->n = 0;
    hset_add(h, &e);
}

static void
hset_close(struct hset *h)
{
    for (size_t k = 0; k < h->n; k++)
        h->v[k].open = false;
}

/* Is the set one string of white space, open (\s, ' ')?  Repeated, it
 * is the same string: runs of white space count as one. */
static bool
hset_is_space(const struct hset *h)
{
    return h->n == 1 && h->v[0].len == 1 && h->v[0].b[0] == ' ' &&
           h->v[0].open;
}

/* Byte order, a prefix before what extends it, closed before open. */
static int
hstr_cmp(const void *pa, const void *pb)
{
    const struct hstr *a = pa, *b = pb;
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->b, b->b, n);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return (int)a->open - (int)b->open;
}

/* Sort h, and drop the strings another covers: the same string again,
 * or one that starts with a closed string (after it in the order). */
static void
hset_prune(struct hset *h)
{
    if (h->n < 2)
        return;
    qsort(h->v, h->n, sizeof *h->v, hstr_cmp);
    size_t n = 0;
    const struct hstr *cover = NULL;
    for (size_t k = 0; k < h->n; k++) {
        const struct hstr *s = &h->v[k];
        if (cover && cover->len <= s->len &&
            memcmp(cover->b, s->b, cover->len) == 0)
            continue;
        if (n && h->v[n - 1].len == s->len &&
            memcmp(h->v[n - 1].b, s->b, s->len) == 0)
            continue; /* the same, closed first */
        h->v[n++] = *s;
        cover = s->open ? NULL : &h->v[n - 1];
    }
    h->n = n;
}

/* Do a and b share their first len bytes? */
static bool
hstr_share(const struct hstr *a, const struct hstr *b, uint8_t len)
{
    return a->len >= len && b->len >= len && memcmp(a->b, b->b, len) == 0;
}

/* Prune h, and while more than HEAD_MAX are left, cut the strings that
 * share their first len bytes with another to those, len from the
 * longest down: the fewest subjects let through for the strings saved.
 * (Sorted, the strings that share a start lie side by side.) */
static void
hset_fit(struct hset *h)
{
    hset_prune(h);
    for (uint8_t len = HEAD_LEN - 1; h->n > HEAD_MAX && len > 0; len--) {
        bool prev = false; /* h->v[k - 1] shared with the one before */
        for (size_t k = 0; k < h->n; k++) {
            bool next = k + 1 < h->n && hstr_share(&h->v[k], &h->v[k + 1], len);
            bool shared = prev || next;
            prev = next;
            if (shared && h->v[k].len > len) {
                h->v[k].len = len;
                h->v[k].open = false;
            }
        }
        hset_prune(h);
    }
}

/* *a = a followed by b, a run of white space where they meet as one. */
static void
hset_cat(struct hset *a, const struct hset *b)
{
    struct hset out = {NULL, 0, 0};
    for (size_t k = 0; k < a->n; k++) {
        const struct hstr *s = &a->v[k];
        if (!s->open) {
            hset_add(&out, s);
            continue;
        }
        for (size_t j = 0; j < b->n; j++) {
            const struct hstr *t = &b->v[j];
            struct hstr c = *s;
            size_t from = c.len && c.b[c.len - 1] == ' ' && t->len &&
                          t->b[0] == ' ';
            size_t take = t->len - from, room = HEAD_LEN - (size_t)c.len;
            if (take > room)
                take = room;
            memcpy(c.b + c.len, t->b + from, take);
            c.len = (uint8_t)(c.len + take);
            c.open = t->open && from + take == t->len && c.len < HEAD_LEN;
            hset_add(&out, &c);
        }
    }
    hset_free(a);
    *a = out;
    hset_fit(a);
}

static void
hset_union(struct hset *a, const struct hset *b)
{
    for (size_t k = 0; k < b->n; k++)
        hset_add(a, &b->v[k]);
    hset_fit(a);
}

/* Add the string of one character, its k bytes at p, to h: ASCII as
 * head_byte() has it; non-ASCII, its bytes when dc_rules_head_char_exact(),
 * else its lead byte, which ends the string (other characters may match it
 * caselessly, with other bytes after), but for the characters that
 * match an ASCII letter caselessly (KELVIN SIGN, LONG S, the Turkish
 * i), which could be anything: false. */
static bool
hset_char(struct hset *h, const struct px *x, const unsigned char *p,
          size_t k)
{
    struct hstr s = {{0}, 1, true};
    if (p[0] < 0x80) {
        s.b[0] = head_byte(p[0], x->fold);
    } else {
        int32_t cp;
        size_t len = dc_utf8_decode(p, k, &cp);
        if (!len ||
            (x->fold && (cp == 0x212A || cp == 0x017F || cp == 0x0130 ||
                         cp == 0x0131)))
            return false;
        s.b[0] = p[0];
        if (dc_rules_head_char_exact(cp)) {
            memcpy(s.b, p, len);
            s.len = (uint8_t)len;
        } else {
            s.open = false;
        }
    }
    hset_add(h, &s);
    return true;
}

/* Members of a class read as alternatives, at most. */
#define HEAD_MAX_CLASS 8

/* A class at x->i ('['): one string per member when it is a few plain
 * characters ('-' first or last), else the closed empty string. */
static void
head_class(struct px *x, struct hset *out)
{
    const unsigned char *p = x->p;
    size_t i = x->i + 1, start = i;
    bool plain = i < x->n && p[i] != '^' && p[i] != ']';
    size_t members = 0;
    out->n = 0;
    while (plain && i < x->n && p[i] != ']') {
        size_t k = 1;
        const unsigned char *c = p + i;
        if (p[i] == '\\' && i + 1 < x->n && p[i + 1] < 0x80 &&
            !dc_isalnum(p[i + 1])) {
            c = p + i + 1;
            i += 2;
        } else if (p[i] == '\\' || p[i] == '[' ||
                   (p[i] == '-' && i != start && i + 1 < x->n &&
                    p[i + 1] != ']')) {
            plain = false;
            break;
        } else {
            k = p[i] < 0x80 ? 1 : u8len(p[i]);
            if (k > x->n - i)
                k = x->n - i;
            i += k;
        }
        plain = ++members <= HEAD_MAX_CLASS && hset_char(out, x, c, k);
    }
    if (!plain || i >= x->n) {
        skip_class(x);
        hset_empty(out, false);
        return;
    }
    x->i = i + 1;
    hset_prune(out);
}

static void head_alt(struct px *x, int depth, struct hset *out);

/* Past the '|' at x->i, if there is one: another branch follows. */
static bool
next_branch(struct px *x)
{
    if (x->i >= x->n || x->p[x->i] != '|')
        return false;
    x->i++;
    return true;
}

/* An escape at x->i ('\\'). */
static void
head_escape(struct px *x, struct hset *out)
{
    unsigned char e = x->i + 1 < x->n ? x->p[x->i + 1] : 0;
    char ch[4];
    size_t chlen;
    if (e == 'G') {
        x->fail = true; /* anchored at the start offset, not the start */
        return;
    }
    size_t at = x->i + 1;
    parse_escape(x, ch, &chlen);
    out->n = 0;
    if (chlen) {
        /* a literal: the character escaped, where the pattern has it */
        if (!hset_char(out, x, x->p + at, chlen))
            hset_empty(out, false);
    } else if (e == 'd') {
        /* its ASCII members (a subject's other digit lets it through) */
        for (unsigned char c = '0'; c <= '9'; c++)
            hset_char(out, x, &c, 1);
    } else if (e == 's' || e == 'h' || e == 'v') {
        unsigned char c = ' ';
        hset_char(out, x, &c, 1);
    } else { /* assertions are zero-width; the rest, some character */
        hset_empty(out, e == 'b' || e == 'B' || e == 'A' || e == 'K');
    }
}

/* One item at x->i, its quantifier aside. */
static void
head_item(struct px *x, int depth, struct hset *out)
{
    unsigned char c = x->p[x->i];
    if (c == '(') {
        bool look;
        if (!open_group(x, &look))
            return;
        head_alt(x, depth + 1, out);
        if (!close_group(x))
            return;
        if (look)
            hset_empty(out, true);
    } else if (c == '[') {
        head_class(x, out);
    } else if (c == '\\') {
        head_escape(x, out);
    } else if (c == '^') {
        hset_empty(out, true);
        x->i++;
    } else if (c == '.' || c == '$') {
        hset_empty(out, false);
        x->i++;
    } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        x->fail = true;
    } else {
        size_t k = c < 0x80 ? 1 : u8len(c);
        if (k > x->n - x->i)
            k = x->n - x->i;
        out->n = 0;
        if (!hset_char(out, x, x->p + x->i, k))
            hset_empty(out, false);
        x->i += k;
    }
}

/* A sequence up to '|', ')' or the end. */
static void
head_seq(struct px *x, int depth, struct hset *out)
{
    hset_empty(out, true);
    for (;;) {
        if (seq_done(x))
            return;
        struct hset it = {NULL, 0, 0};
        uint32_t lo = 1, hi = 1;
        head_item(x, depth, &it);
        if (!x->fail)
            mx_quant(x, &lo, &hi);
        if (x->fail) {
            hset_free(&it);
            return;
        }
        if (hi == 0) {
            hset_empty(&it, true);
        } else if (lo != 1 || hi != 1) {
            /* repeated: the walk follows one time, then anything */
            if (hi > 1 && !hset_is_space(&it))
                hset_close(&it);
            if (lo == 0) {
                struct hset none = {NULL, 0, 0};
                hset_empty(&none, true);
                hset_union(&it, &none);
                hset_free(&none);
            }
        }
        hset_cat(out, &it);
        hset_free(&it);
    }
}

static void
head_alt(struct px *x, int depth, struct hset *out)
{
    out->n = 0;
    if (too_deep(x, depth))
        return;
    do {
        struct hset branch = {NULL, 0, 0};
        head_seq(x, depth, &branch);
        if (!x->fail)
            hset_union(out, &branch);
        hset_free(&branch);
    } while (!x->fail && next_branch(x));
}

/* Set ru's heads (see above), for a pattern PCRE2 anchors: fold, ext as
 * for read_prefilter(). */
void
dc_rules_extract_heads(struct rule *ru, const char *pat, size_t len, bool fold,
                       bool ext)
{
    uint32_t all = 0;
    ru->heads = NULL;
    ru->head_at = NULL;
    ru->nheads = 0;
    if (pcre2_pattern_info(ru->pub.code, PCRE2_INFO_ALLOPTIONS, &all) != 0 ||
        !(all & PCRE2_ANCHORED))
        return;
    struct px x = {.p = (const unsigned char *)pat,
                   .n = len,
                   .fold = fold,
                   .ext = ext};
    struct hset h = {NULL, 0, 0};
    head_alt(&x, 0, &h);
    /* the match may end where a string is open: anything may follow */
    hset_close(&h);
    hset_prune(&h);
    bool known = !x.fail && x.i == x.n && h.n;
    for (size_t k = 0; k < h.n && known; k++)
        known = h.v[k].len > 0;
    if (known) {
        /* sorted, and none starts with another (pruned) */
        ru->heads = dc_xmalloc(h.n * sizeof *ru->heads);
        for (size_t k = 0; k < h.n; k++) {
            ru->heads[k].word = head_word(h.v[k].b, h.v[k].len);
            ru->heads[k].mask = head_mask(h.v[k].len);
        }
        ru->nheads = (uint32_t)h.n;
        ru->head_at = dc_xmalloc(HEAD_ROWS * sizeof *ru->head_at);
        for (unsigned c = 0, k = 0; c <= 128; c++) {
            while (k < h.n && h.v[k].b[0] < c)
                k++;
            ru->head_at[c] = (uint16_t)k;
        }
        ru->head_at[HEAD_ROWS - 1] = (uint16_t)h.n;
    }
    hset_free(&h);
}

/* ------------------------------------------------------- how matches start */

/*
 * For a pattern PCRE2 anchors at the subject's start: the bytes a match
 * can start with, and the pairs of bytes.  A subject that starts with
 * neither can not match, which a table lookup (first byte, for every
 * rule at once: struct index) and a bit test (the pair, per rule) decide
 * without calling PCRE2.  For every pattern: non-ASCII bytes one of which
 * any match contains (a Cyrillic word, say), tested against the bytes
 * the subject has.
 *
 * The first bytes are what PCRE2 itself found (its start-of-match
 * bitmap or first code unit, which its own searches rely on) intersected
 * with a reading of the pattern that also knows \d, \s, \w and \p{L}
 * under UCP (where PCRE2 gives up) and goes on to the second byte.  The
 * reading works on the pattern source like the literal extraction above
 * and gives up the same way.  Per item, sequence or alternation it knows
 * whether a match can be empty (E), the one-byte matches (S1), the first
 * bytes of non-empty matches (F), the first two bytes of longer ones
 * that start with ASCII (P; the others are of no use), and non-ASCII
 * bytes one of which every match has (N).  Then for a sequence XY:
 *
 *     E = E(X) and E(Y)             F = F(X), plus F(Y) if E(X)
 *     S1 = S1(X) if E(Y), plus S1(Y) if E(X)
 *     P = P(X), plus S1(X) x F(Y), plus P(Y) if E(X)
 *     N = the smaller of N(X) and N(Y), of those that can not be absent
 *
 * an alternation is the union (N only if every branch has one), and a
 * repeat adds S1(X) x F(X).  An item that matches one character with
 * first byte in F has S1 = the ASCII part of F (the subject is valid
 * UTF-8, or nothing matches) and, if F has no ASCII, N = F.  A class, or
 * a non-ASCII character under caseless matching, is compiled alone and
 * PCRE2 asked for its first bytes; when PCRE2 does not know, any byte.
 */

static void
bset_range(struct bset *b, unsigned lo, unsigned hi)
{
    for (unsigned c = lo; c <= hi;) {
        if (c % 64 == 0 && hi - c >= 63) {
            b->w[c / 64] = ~0ull;
            c += 64;
        } else {
            bset_add(b, c++);
        }
    }
}

static void
bset_or(struct bset *b, const struct bset *o)
{
    for (int k = 0; k < 4; k++)
        b->w[k] |= o->w[k];
}

/* An ASCII character c as it starts a match; under caseless matching its
 * other case too, and the lead bytes of the non-ASCII characters that
 * can match an ASCII letter (U+212A KELVIN SIGN, U+017F LONG S; U+0130
 * and U+0131 in case Turkish casing is ever on). */
static void
bset_ascii(struct bset *b, unsigned char c, bool caseless)
{
    bset_add(b, c);
    if (!caseless || !dc_isalpha(c))
        return;
    bset_add(b, (unsigned char)(c ^ 0x20));
    bset_add(b, 0xC4);
    bset_add(b, 0xC5);
    bset_add(b, 0xE2);
}

/*
 * What PCRE2 knows of the first code unit of every match of code.
 * PCRE2 does not say when its first code unit is caseless, which it can
 * be without caseless matching ("[Bb]y" starts with a caseless 'B'): an
 * ASCII letter stands for both cases (and what bset_ascii() adds).
 * caseless: the pattern may match caselessly; then a non-ASCII first
 * code unit tells nothing of the other cases' first bytes.
 */
static bool
code_first(const pcre2_code *code, bool caseless, struct bset *set)
{
    uint32_t type = 0, unit = 0;
    const uint8_t *map = NULL;
    memset(set, 0, sizeof *set);
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) != 0)
        return false;
    if (type == 1) {
        if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &unit) != 0 ||
            unit > 0xFF || (caseless && unit >= 0x80))
            return false;
        bset_ascii(set, (unsigned char)unit, true);
        return true;
    }
    if (type != 0 ||
        pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &map) != 0 || !map)
        return false;
    for (unsigned k = 0; k < 32; k++)
        set->w[k / 8] |= (uint64_t)map[k] << (k % 8 * 8);
    return true;
}

/* Pairs of bytes that start with an ASCII byte (the others are of no
 * use): a row of second bytes per first byte, made when needed (has: the
 * rows in use). */
struct pset {
    struct bset has;
    struct bset *row; /* NULL, or 128 rows */
};

static void
pset_free(struct pset *p)
{
    dc_free(p->row);
    memset(p, 0, sizeof *p);
}

static struct bset *
pset_row(struct pset *p, unsigned c)
{
    if (!p->row)
        p->row = dc_xmalloc(128 * sizeof *p->row); /* rows cleared in use */
    if (!bset_has(&p->has, c)) {
        memset(&p->row[c], 0, sizeof p->row[c]);
        bset_add(&p->has, c);
    }
    return &p->row[c];
}

/* p += a x b (the ASCII part of a) */
static void
pset_cross(struct pset *p, const struct bset *a, const struct bset *b)
{
    if (bset_empty(b))
        return;
    for (unsigned c = bset_next(a, 0); c < 128; c = bset_next(a, c + 1))
        bset_or(pset_row(p, c), b);
}

static void
pset_or(struct pset *p, const struct pset *q)
{
    for (unsigned c = bset_next(&q->has, 0); c < 128;
         c = bset_next(&q->has, c + 1))
        bset_or(pset_row(p, c), &q->row[c]);
}

/* What an item, a sequence or an alternation says (see above). */
struct start {
    bool empty;        /* E */
    struct bset one;   /* S1 */
    struct bset first; /* F */
    struct pset two;   /* P */
    bool has_need;     /* every match has a non-ASCII byte of need */
    struct bset need;
};

static void
start_free(struct start *st)
{
    pset_free(&st->two);
    memset(st, 0, sizeof *st);
}

/* Non-empty matches start with a byte of f: if those are all non-ASCII,
 * f is needed. */
static void
start_need(struct start *st, const struct bset *f)
{
    st->has_need = !f->w[0] && !f->w[1];
    st->need = *f;
}

/* One character starting with a byte in f: one byte if ASCII (and P
 * keeps only pairs that start with ASCII). */
static void
start_char(struct start *st, const struct bset *f)
{
    st->one = *f;
    st->one.w[2] = st->one.w[3] = 0;
    st->first = *f;
    start_need(st, f);
}

/* Something non-empty starting with a byte in f, of any length. */
static void
start_any(struct start *st, const struct bset *f, bool pairs)
{
    struct bset all;
    memset(&all, 0xFF, sizeof all);
    st->one = *f;
    st->first = *f;
    if (pairs)
        pset_cross(&st->two, f, &all);
    start_need(st, f);
}

static int
bset_count(const struct bset *b)
{
    int n = 0;
    for (int k = 0; k < 4; k++)
        for (uint64_t m = b->w[k]; m; m &= m - 1)
            n++;
    return n;
}

/* The reading of one pattern. */
struct sctx {
    struct px *x;
    uint32_t opts;      /* the rule's compile options */
    struct dc_rules *r; /* for ask_pcre() */
    bool pairs;         /* P is wanted (costs more than the rest) */
};

/* The first bytes of pattern bytes [from, to) on their own, from PCRE2;
 * any byte when it does not know. */
static void
ask_pcre(struct sctx *f, size_t from, size_t to, struct bset *set)
{
    const unsigned char *item = f->x->p + from;
    size_t n = to - from;
    struct asked *a = NULL;
    /* the same characters come back in many patterns: ask once */
    for (size_t k = 0; k < f->r->nasked && !a; k++)
        if (f->r->asked[k].len == n && f->r->asked[k].opts == f->opts &&
            memcmp(f->r->asked[k].item, item, n) == 0)
            a = &f->r->asked[k];
    if (a) {
        *set = a->set;
        return;
    }
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)item, n, f->opts, &errcode,
                                     &erroff, f->r->s->cctx);
    if (!code || !code_first(code, (f->opts & PCRE2_CASELESS) != 0, set))
        memset(set, 0xFF, sizeof *set);
    pcre2_code_free(code);
    if (n <= sizeof a->item) {
        f->r->asked = dc_xgrow(f->r->asked, &f->r->capasked, f->r->nasked + 1,
                               sizeof *f->r->asked);
        a = &f->r->asked[f->r->nasked++];
        memcpy(a->item, item, n);
        a->len = n;
        a->opts = f->opts;
        a->set = *set;
    }
}

/* A literal non-ASCII character at x->i. */
static void
start_nonascii(struct sctx *f, struct start *out)
{
    struct px *x = f->x;
    int32_t cp;
    size_t k = dc_utf8_decode(x->p + x->i, x->n - x->i, &cp);
    if (!k) {
        x->fail = true;
        return;
    }
    if (!x->fold || caseless_invariant(cp)) {
        bset_add(&out->first, x->p[x->i]);
        start_need(out, &out->first);
    } else {
        struct bset set;
        ask_pcre(f, x->i, x->i + k, &set);
        start_char(out, &set);
    }
    x->i += k;
}

/* The lead bytes of the non-ASCII characters that escapes match under
 * PCRE2_UCP, a bit each from 0xC0 (a bset's last word: the bytes below
 * never start a character).  Most scripts have no digits or spaces of
 * their own: a rule that starts with \d or \s is not run on a Cyrillic
 * or Chinese paragraph.  tests/test-rules.c checks them with PCRE2 at
 * every code point. */
#define LEADS_DIGIT 0x184038a000000ull /* \d: D9 DB DF E0 E1 EA EF F0 */
#define LEADS_SPACE 0xe00000004ull     /* \s, \h: C2 E1 E2 E3 */
#define LEADS_VSPACE 0x400000004ull    /* \v: C2 E2 */
/* \p{Lu} or \p{Ll}, either (caseless may match the other): C2-CA,
 * CD-D6, E1, E2, EA, EF, F0 */
#define LEADS_CASED 0x18406007fe7fcull

/* An escape at x->i ('\\'). */
static void
start_escape(struct sctx *f, struct start *out)
{
    struct px *x = f->x;
    const unsigned char *p = x->p;
    unsigned char e = x->i + 1 < x->n ? p[x->i + 1] : 0;
    struct bset set;
    bool multi = false;
    char ch[4];
    size_t chlen;
    memset(&set, 0, sizeof set);
    if (e >= 0x80) {
        x->i++;
        start_nonascii(f, out);
        return;
    }
    if (e && !dc_isalnum(e)) {
        bset_add(&out->one, e);
        bset_add(&out->first, e);
        x->i += 2;
        return;
    }
    switch (e) {
    case 'b':
    case 'B':
    case 'A':
    case 'z':
    case 'Z':
    case 'G':
        out->empty = true; /* assertions */
        x->i += 2;
        return;
    case 'd': /* under UCP: Nd, only 0-9 in ASCII */
        bset_range(&set, '0', '9');
        set.w[3] = LEADS_DIGIT;
        break;
    case 'w':
        bset_range(&set, '0', '9');
        bset_range(&set, 'A', 'Z');
        bset_range(&set, 'a', 'z');
        bset_add(&set, '_');
        bset_range(&set, 0x80, 0xFF);
        break;
    case 's':
        bset_range(&set, '\t', '\r');
        bset_add(&set, ' ');
        set.w[3] = LEADS_SPACE;
        break;
    case 'h':
        bset_add(&set, '\t');
        bset_add(&set, ' ');
        set.w[3] = LEADS_SPACE;
        break;
    case 'v':
        bset_range(&set, '\n', '\r');
        set.w[3] = LEADS_VSPACE;
        break;
    case 'p': {
        /* \p{L}, \p{Lu}, \p{Ll}: letters, only A-Z and a-z in ASCII */
        static const char *const letters[] = {"{L}", "{Lu}", "{Ll}", "L"};
        size_t known = 0;
        for (size_t k = 0; k < sizeof letters / sizeof *letters; k++) {
            size_t n = strlen(letters[k]);
            if (x->i + 2 + n <= x->n &&
                memcmp(p + x->i + 2, letters[k], n) == 0)
                known = k + 1;
        }
        if (known) {
            bset_range(&set, 'A', 'Z');
            bset_range(&set, 'a', 'z');
            if (known == 2 || known == 3)
                set.w[3] = LEADS_CASED;
            else
                bset_range(&set, 0x80, 0xFF);
        } else {
            memset(&set, 0xFF, sizeof set);
        }
        break;
    }
    case 'a':
        bset_add(&set, 0x07);
        break;
    case 'e':
        bset_add(&set, 0x1B);
        break;
    case 'f':
        bset_add(&set, '\f');
        break;
    case 'n':
        bset_add(&set, '\n');
        break;
    case 'r':
        bset_add(&set, '\r');
        break;
    case 't':
        bset_add(&set, '\t');
        break;
    case 'D':
    case 'S':
    case 'W':
    case 'H':
    case 'V':
    case 'P':
    case 'N':
    case 'x':
    case 'o':
    case 'c':
        memset(&set, 0xFF, sizeof set); /* some character */
        break;
    case 'R':
    case 'X': /* CR LF; a grapheme cluster */
        memset(&set, 0xFF, sizeof set);
        multi = true;
        break;
    default:
        /* back references (can match empty), \K, \Q, \C, the rest */
        x->fail = true;
        return;
    }
    parse_escape(x, ch, &chlen); /* to step over it */
    if (multi)
        start_any(out, &set, f->pairs);
    else
        start_char(out, &set);
}

static void start_alt(struct sctx *f, int depth, struct start *out);

/* A group at x->i ('('); lookarounds match the empty string. */
static void
start_group(struct sctx *f, int depth, struct start *out)
{
    struct px *x = f->x;
    bool look;
    if (!open_group(x, &look))
        return;
    start_alt(f, depth + 1, out);
    if (!close_group(x))
        return;
    if (look) {
        start_free(out);
        out->empty = true;
    }
}

/* One item at x->i, its quantifier aside. */
static void
start_item(struct sctx *f, int depth, struct start *out)
{
    struct px *x = f->x;
    unsigned char c = x->p[x->i];
    if (c == '(') {
        start_group(f, depth, out);
    } else if (c == '[') {
        size_t from = x->i;
        struct bset set;
        skip_class(x);
        if (!x->fail) {
            ask_pcre(f, from, x->i, &set);
            start_char(out, &set);
        }
    } else if (c == '\\') {
        start_escape(f, out);
    } else if (c == '.') {
        struct bset set;
        memset(&set, 0xFF, sizeof set);
        start_char(out, &set);
        x->i++;
    } else if (c == '^' || c == '$') {
        out->empty = true;
        x->i++;
    } else if (c == '*' || c == '+' || c == '?' || c == '{') {
        x->fail = true;
    } else if (c >= 0x80) {
        start_nonascii(f, out);
    } else {
        struct bset set = {{0, 0, 0, 0}};
        bset_ascii(&set, c, x->fold);
        start_char(out, &set);
        x->i++;
    }
}

/* A sequence up to '|', ')' or the end. */
static void
start_seq(struct sctx *f, int depth, struct start *out)
{
    struct px *x = f->x;
    memset(out, 0, sizeof *out);
    out->empty = true;
    for (;;) {
        if (seq_done(x))
            return;
        struct start it;
        bool pairs = f->pairs;
        memset(&it, 0, sizeof it);
        /* past two bytes, only the bytes needed count */
        f->pairs = pairs && (out->empty || !bset_empty(&out->one));
        start_item(f, depth, &it);
        enum quant q = x->fail ? Q_NONE : parse_quant(x);
        if (q != Q_NONE && f->pairs) /* a repeat: two one-byte matches */
            pset_cross(&it.two, &it.one, &it.first);
        if (q == Q_MIN0)
            it.empty = true;
        f->pairs = pairs;
        if (x->fail) {
            start_free(&it);
            return;
        }
        /* an item that is always there: keep the fewest bytes needed */
        if (q != Q_MIN0 && it.has_need &&
            (!out->has_need || bset_count(&it.need) < bset_count(&out->need))) {
            out->has_need = true;
            out->need = it.need;
        }
        /* until every match so far is two bytes long or more */
        if (out->empty || !bset_empty(&out->one)) {
            pset_cross(&out->two, &out->one, &it.first);
            if (out->empty) {
                pset_or(&out->two, &it.two);
                bset_or(&out->first, &it.first);
            }
            struct bset one = {{0, 0, 0, 0}};
            if (out->empty)
                bset_or(&one, &it.one);
            if (it.empty)
                bset_or(&one, &out->one);
            out->one = one;
            out->empty = out->empty && it.empty;
        }
        start_free(&it);
    }
}

static void
start_alt(struct sctx *f, int depth, struct start *out)
{
    struct px *x = f->x;
    memset(out, 0, sizeof *out);
    if (too_deep(x, depth))
        return;
    bool first = true;
    do {
        struct start branch;
        start_seq(f, depth, &branch);
        if (!x->fail) {
            out->empty = out->empty || branch.empty;
            bset_or(&out->one, &branch.one);
            bset_or(&out->first, &branch.first);
            pset_or(&out->two, &branch.two);
            /* a byte some branch needs: each must need one */
            out->has_need = branch.has_need && (first || out->has_need);
            bset_or(&out->need, &branch.need);
        }
        start_free(&branch);
        first = false;
    } while (!x->fail && next_branch(x));
}

/* Set ru's first bytes, pairs and needed bytes (see above).  opts: ru's
 * compile options. */
void
dc_rules_extract_start(struct dc_rules *r, struct rule *ru, const char *pat,
                       size_t len, uint32_t opts)
{
    uint32_t all = 0;
    bool anchored =
        pcre2_pattern_info(ru->pub.code, PCRE2_INFO_ALLOPTIONS, &all) == 0 &&
        (all & PCRE2_ANCHORED);
    if (!anchored && dc_rules_keyable(ru))
        return; /* its literals are found as cheaply */
    /* an option setting inside the pattern could turn caseless on */
    bool caseless = (opts & PCRE2_CASELESS) || memmem(pat, len, "(?", 2);
    struct bset first;
    bool known = anchored && code_first(ru->pub.code, caseless, &first);

    struct px x = {.p = (const unsigned char *)pat,
                   .n = len,
                   .fold = (opts & PCRE2_CASELESS) != 0,
                   .ext = (opts & PCRE2_EXTENDED) != 0};
    struct sctx f = {&x, opts, r, anchored};
    struct start mine;
    start_alt(&f, 0, &mine);
    bool read = !x.fail && x.i == x.n && !mine.empty;
    if (read && mine.has_need) {
        ru->has_need = true;
        ru->need = mine.need;
    }
    if (read && anchored) {
        if (known)
            for (int k = 0; k < 4; k++)
                first.w[k] &= mine.first.w[k];
        else
            first = mine.first;
        known = true;
        /* the second bytes after an ASCII first byte, when a match can
         * not be that byte alone; the same rows once */
        size_t n = 0;
        struct bset any;
        memset(&any, 0xFF, sizeof any);
        for (unsigned c = 0; c < 128; c++) {
            const struct bset *row =
                bset_has(&mine.two.has, c) ? &mine.two.row[c] : NULL;
            if (!bset_has(&first, c) || bset_has(&mine.one, c) || !row ||
                memcmp(row, &any, sizeof any) == 0)
                continue;
            size_t k = 0;
            while (k < n && memcmp(&ru->seconds[k], row, sizeof *row) != 0)
                k++;
            if (k == n) {
                ru->seconds =
                    dc_xrealloc(ru->seconds, (n + 1) * sizeof *ru->seconds);
                ru->seconds[n++] = *row;
            }
            if (!ru->second)
                ru->second = dc_xcalloc(SECOND_ROWS, 1);
            ru->second[c] = (uint8_t)(k + 1);
        }
        ru->nseconds = (uint32_t)n;
    }
    start_free(&mine);
    ru->has_first = known;
    if (known)
        ru->first = first;
}

/* --------------------------------------------------------- how matches end */

/*
 * Most rules anchored at the subject's end name what a block ends with
 * ("... [...]", "Likes! (12)", a date), and most blocks end with a
 * letter or a full stop.  When every match of a rule ends at the
 * subject's end, the subject's last byte is the last byte of a match,
 * and a rule whose matches can not end with it is passed over (struct
 * index's by_end) before anything else is asked.
 *
 * A walk like the one of "how matches start" keeps, per item, the last
 * bytes of its non-empty matches and whether it can match the empty
 * string: a sequence ends as its last item, or (while that can be
 * empty) as the items before it; an alternation as any branch.  A
 * character's last byte is its own when it is ASCII and a continuation
 * byte (0x80-0xBF) when not, so an item of one character ends with the
 * ASCII bytes it starts with, and with any continuation byte if it can
 * start with another; anything longer (\R, \X) with any of those.
 * '$' and \Z also match before a final newline: '\n' is in every set.
 */

/* The last bytes of one character starting with a byte of first. */
static void
end_char(struct bset *last, const struct bset *first)
{
    last->w[0] = first->w[0];
    last->w[1] = first->w[1];
    last->w[2] = last->w[3] = 0;
    if (first->w[2] || first->w[3])
        bset_range(last, 0x80, 0xBF);
}

/* What an item, a sequence or an alternation says of how its matches
 * end. */
struct end {
    bool empty;       /* it can match the empty string */
    struct bset last; /* the last bytes of its other matches */
};

static void end_alt(struct sctx *f, int depth, struct end *out);

/* One item at x->i, its quantifier aside. */
static void
end_item(struct sctx *f, int depth, struct end *out)
{
    struct px *x = f->x;
    memset(out, 0, sizeof *out);
    if (x->p[x->i] != '(') {
        /* one character (or \R, \X), or an assertion: as it starts */
        struct start st;
        memset(&st, 0, sizeof st);
        start_item(f, depth, &st);
        out->empty = st.empty;
        if (!st.empty)
            end_char(&out->last, &st.first);
        start_free(&st);
        return;
    }
    bool look;
    if (!open_group(x, &look))
        return;
    end_alt(f, depth + 1, out);
    if (!close_group(x))
        return;
    if (look)
        *out = (struct end){.empty = true}; /* it consumes nothing */
}

/* A sequence up to '|', ')' or the end. */
static void
end_seq(struct sctx *f, int depth, struct end *out)
{
    *out = (struct end){.empty = true};
    for (;;) {
        if (seq_done(f->x))
            return;
        struct end it;
        end_item(f, depth, &it);
        enum quant q = f->x->fail ? Q_NONE : parse_quant(f->x);
        if (f->x->fail)
            return;
        if (q == Q_MIN0)
            it.empty = true;
        if (!it.empty)
            memset(&out->last, 0, sizeof out->last);
        bset_or(&out->last, &it.last);
        out->empty = out->empty && it.empty;
    }
}

static void
end_alt(struct sctx *f, int depth, struct end *out)
{
    struct px *x = f->x;
    memset(out, 0, sizeof *out);
    if (too_deep(x, depth))
        return;
    do {
        struct end branch;
        end_seq(f, depth, &branch);
        out->empty = out->empty || branch.empty;
        bset_or(&out->last, &branch.last);
    } while (!x->fail && next_branch(x));
}

/* Set ru's last bytes (see above), when every match of it ends at the
 * subject's end (dc_rules_extract_most() said so).  opts: ru's compile options.
 */
void
dc_rules_extract_end(struct dc_rules *r, struct rule *ru, const char *pat,
                     size_t len, uint32_t opts)
{
    if (!ru->ends)
        return;
    /* a caseless group in a cased pattern: read all of it caselessly */
    if (memmem(pat, len, "(?i", 3))
        opts |= PCRE2_CASELESS;
    struct px x = {.p = (const unsigned char *)pat,
                   .n = len,
                   .fold = (opts & PCRE2_CASELESS) != 0,
                   .ext = (opts & PCRE2_EXTENDED) != 0};
    struct sctx f = {&x, opts, r, false};
    struct end mine;
    end_alt(&f, 0, &mine);
    if (x.fail || x.i != x.n || mine.empty)
        return;
    ru->has_last = true;
    ru->last = mine.last;
    bset_add(&ru->last, '\n');
}
