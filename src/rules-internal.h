/*
 * rules-internal.h - what the modules of the rule engine share: the
 * types of a rules object, the small helpers more than one of them calls
 * (static inline: matching calls some of them for every line), and the
 * functions one module calls in another.  Included by src/rules*.c and
 * nothing else, and not installed: rules.h is the interface.
 *
 *   rules.c            life and death; the examples (--check-rules)
 *   rules-parse.c      the rule language, the classifier settings
 *   rules-prefilter.c  what a pattern tells before it runs (loading)
 *   rules-match.c      the index, matching, strip
 *   rules-snapshot.c   the rules as a block of bytes, and back
 */
#ifndef DC_RULES_INTERNAL_H
#define DC_RULES_INTERNAL_H

#include "rules.h"

#include "lang.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A literal any match must contain; anchor is its rarest byte, folded
 * its dc_rules_fold_text() form, key where the KEY_LEN bytes of folded start
 * that the subject scan looks for (a shorter literal: all of it), high one of
 * its bytes >= 0x80 (-1: none), head its first two bytes (a NUL for the
 * second of a literal of one), kept here so that a subject's start is
 * compared without a look at s, which is elsewhere in memory. */
struct lit {
    char *s, *folded;
    size_t len, anchor, folded_len, key;
    int high;
    char head[2];
    size_t slot; /* its place in the strip window's search (+ 1; 0: none) */
};

/* Any one of v[0..n) must occur; n == 0 means nothing is known.  cap:
 * v's room (loading a rule file makes and drops some 10,000 of these). */
struct lits {
    struct lit *v;
    size_t n, cap;
};

/* A string every match of an anchored rule may start with (see "how
 * matches begin"): its bytes, the first lowest, and 0xFF for each. */
struct head {
    uint64_t word, mask;
};

/* Literals are found by KEY_LEN of their bytes, or by all of one
 * KEY_LEN - 1 long followed by any byte (struct index). */
#define KEY_LEN 4
#define KEY_HASH_BITS 17 /* a 16 KiB table: rare false hits, in L1 */
#define KEY_BUCKET_BITS 12
#define KEY_BUCKETS (1u << KEY_BUCKET_BITS)
#define TRI_HASH_BITS 16 /* an 8 KiB table */

/* A set of bytes, a bit each. */
struct bset {
    uint64_t w[4];
};

struct rule {
    struct dc_rule pub; /* first: callers get &rule->pub */
    /* First what prefilter() reads of every candidate, side by side: the
     * candidates of a subject lie apart in memory, each a cache miss. */
    uint32_t minlen; /* PCRE2's minimum match length, in characters */
    uint32_t most;   /* the most characters a subject it matches has,
                        white space aside (MX_INF: no bound) */
    uint32_t tail;   /* every match ends at the subject's end and has at
                        most this many such characters (MX_INF: not
                        known); see tail_start() */
    bool ends;       /* every match ends at the subject's end (or before
                        a final newline) */
    bool fold;       /* prefilter literals are ASCII-folded */
    bool anchored;   /* pf: what the subject starts with */
    bool has_need;   /* any match contains a byte of need (>= 0x80) */
    bool keyed;      /* found by the key scan (see struct index) */
    bool key_proves; /* keyed, and a hit is one of its literals found */
    bool jit;        /* JIT-compiled: call pcre2_jit_match directly */
    bool jit_tried;  /* pcre2_jit_compile has been asked (see run()) */
    uint32_t runs;   /* by the interpreter, before JIT_AFTER (see run()) */
    size_t run_bytes; /* the subject bytes of those runs */
    struct lits pf;  /* the prefilter */
    /* a subject that starts with ASCII c, when second[c] > 0, must go
     * on with a byte of seconds[second[c] - 1]; seconds and second (128
     * bytes) are NULL when nseconds is 0 */
    struct bset *seconds;
    uint8_t *second;
    uint32_t nseconds;
    struct bset need;
    /* every match starts with one of heads[0..nheads) (none: not known),
     * sorted by first byte */
    struct head *heads;
    uint32_t nheads;
    bool has_first;    /* every match starts at the subject's start, */
    struct bset first; /* ...with one of these bytes */
    bool has_last;     /* every match ends at the subject's end, */
    struct bset last;  /* ...with one of these bytes (see "how matches
                          end") */
    bool warned;       /* already queued for dc_rules_take_warning */
    bool in_snapshot;  /* its pattern, its literals' strings and the
                          arrays after them lie in the snapshot it was
                          read from, not to be freed */
    /* HEAD_ROWS of them, when nheads: heads[head_at[c]..head_at[c + 1])
     * start with ASCII byte c, and heads[head_at[128]..head_at[129])
     * with a non-ASCII byte */
    uint16_t *head_at;
};

#define SECOND_ROWS 128 /* struct rule's second: an ASCII byte's */
#define HEAD_ROWS 130   /* struct rule's head_at */

enum test_kind { TEST_KEEP, TEST_DROP, TEST_STRIP };

struct test {
    enum test_kind kind;
    const char *file;
    unsigned line;
    uint32_t langs;
    char *text, *want;
    size_t text_len, want_len;
    bool in_snapshot; /* text and want lie in the snapshot read */
};

/* The first bytes of a pattern item compiled alone with opts. */
struct asked {
    unsigned char item[16];
    size_t len;
    uint32_t opts;
    struct bset set;
};

/* A literal's key: the hash of its key bytes (key_hash()), and whose
 * literal it is. */
struct key {
    uint32_t hash;
    uint16_t action;
    uint16_t at;     /* where the key lies in its literal */
    uint32_t index;
    uint32_t len;    /* the literal, folded: a hit is checked against it, */
    uint64_t head;   /* ...its first KEY_HEAD bytes (fewer: 0s after)
                        as dc_load_le64() reads them, at once, */
    uint32_t lit;    /* ...then the rest: index->lits[lit] (a number, not
                        a pointer, so that a snapshot's keys are used
                        where they lie) */
};

#define KEY_HEAD 8

/* The keys one pass over a subject looks for. */
/* What need_scan() tests a place of a subject with before it looks the
 * keys up: the keys' hashes, pairs and trigrams, a bit each. */
struct keymaps {
    /* the hashes of the keys, a bit each */
    uint64_t bits[(1u << KEY_HASH_BITS) / 64];
    /* the first two bytes of the keys, a bit each, and their second and
     * third: the scan tests every other place of a text for either (see
     * need_scan()) */
    uint64_t pairs[65536 / 64], pairs1[65536 / 64];
    /* the first three bytes of the keys and their last three, a bit
     * each by tri_hash(): the test at a place before those, which
     * passes over most places at once (a key's pair of bytes is a
     * common one of the text more often than its three) */
    uint64_t trigrams[(1u << TRI_HASH_BITS) / 64];
};

struct keyset {
    struct key *v; /* sorted by hash */
    size_t n;
    /* where in v the keys whose hash has top bits b start: at[b]
     * (KEY_BUCKETS + 1 of them), so that a hit looks at a few keys, not
     * a search through thousands */
    uint32_t *at;
    /* 40 KiB of bit maps, NULL when there are no keys; apart from the
     * index, so that a snapshot's are read where they lie */
    struct keymaps *maps;
};

/* Key sets of a group: every keyed rule's keys, or only those of the
 * rules whose longest match has no bound (see struct index). */
enum { KEYS_ALL, KEYS_UNBOUNDED };

/*
 * Which rules a subject can match, as bit sets over each action's list
 * (action a owns words woff[a]..woff[a + 1]), built when first needed
 * after a load.
 *
 * A rule with first bytes is in the rows of by_start for those bytes
 * (see start_row(); the empty subject has a row, which it is not in),
 * every other rule in unstarted, which goes with every row.  A subject
 * that starts with ASCII has a row for the class of its second byte
 * too, and a rule whose second bytes are known after that first byte is
 * only in the rows of their classes: most of the rules a first byte
 * allows, its second rules out.  There are as many classes as keep the
 * table within START_BUDGET bytes (one, for thousands of rules).  A
 * keyed rule (every literal of its prefilter
 * KEY_LEN - 1 folded bytes or more) also needs the one pass over the
 * folded subject (and the NUL after it) to meet the hash of one of its
 * keys.  Group 0 is the actions dc_rules_match() is asked about, group 1
 * strip: they see different subjects (blocks and lines), so they scan
 * apart.
 *
 * Most keyed rules are headings and widgets with a bounded longest
 * match (struct rule's most), and their keys are common words
 * ("comment", "read", "ago"); most of the text is paragraphs too long
 * for them.  A subject with more than bounded_most[g] characters (as
 * marks_above() counts them) is scanned for the keys of the unbounded
 * rules alone: fewer keys, and fewer places that stop the scan.
 *
 * Hyperscan 5.4 (Debian's libhyperscan) was measured in this index's
 * place, and does not pay: compiling the rules' patterns (UTF-8, Unicode
 * properties, caseless, HS_FLAG_PREFILTER) took 50 CPU seconds for the
 * first 29 of some 270, and three it refused ("Pattern too large",
 * "Embedded end anchors not supported"); as a literal matcher over the
 * prefilter's 657 unanchored literals it compiled in 93M instructions
 * (more than all of declutter's startup) and scanned the blocks of the
 * generated 2 MB stream in 44M, more than the key scan's 38M.
 */
struct index {
    bool stale; /* rules were loaded since it was built */
    size_t woff[DC_ACTION_COUNT + 1];
    bool keyed[DC_ACTION_COUNT]; /* the action has keyed rules */
    unsigned start_classes;      /* of second bytes, a power of two */
    uint64_t *by_start;          /* start_rows() rows of words (woff[...]) */
    uint64_t *unstarted;         /* the rules without first bytes (a row) */
    uint64_t *by_end; /* END_ROWS rows of words: the rules a subject's
                         last byte allows (see "how matches end") */
    uint64_t *keyed_mask;        /* the keyed rules (a row's worth) */
    struct keyset keys[2][2];    /* [group][KEYS_ALL or KEYS_UNBOUNDED] */
    size_t win_slots; /* literals searched for in strip windows */
    /* the longest `most` of group g's keyed rules that have one; 0
     * when none has (then both key sets are the same) */
    uint32_t bounded_most[2];
    /* Every rule's prefilter literals, folded, numbered in the order of
     * the rules (action by action) and of their literals: a key's lit. */
    const char **lits;
    size_t nlits;
    /* by_start, unstarted, by_end, keyed_mask and the keys' v, at and
     * maps lie in the snapshot the rules were read from, not to be freed */
    bool in_snapshot;
};

/*
 * dc_rules_match()'s answers for short subjects, by subject and language.
 * The short blocks of a stream are most of its blocks and most of the
 * questions, and they repeat: menus, share buttons, cookie banners, the
 * same on every page of a site (over half of them in real pages).  An
 * answer is a pure function of the rules, the action, the language and
 * the text, so a repeat gets it without a rule run.  A slot per hash
 * has a memo, the newest subject of the slot taking it over; answers
 * that came with a limit hit are not kept (the run decides again, as
 * without the memo).  The memos lie in the order their slots were first
 * used: the hundred short lines of one page fill a few pages of memory,
 * where memos placed by hash would touch a page each, and a page's
 * first touch (a fault) costs as much as a thousand lookups.
 */
#define MEMO_BITS 12
#define MEMO_SLOTS (1u << MEMO_BITS)
#define MEMO_TEXT 96    /* the longest subject kept */
_Static_assert(MEMO_SLOTS < UINT16_MAX, "memo_of holds a memo's number + 1");

struct memo {
    uint64_t hash; /* of the text and language */
    uint16_t len;
    int16_t lang;
    uint16_t known;                  /* actions answered, a bit each */
    uint16_t answer[DC_ACTION_COUNT]; /* the rule's index + 1, 0: none */
    char text[MEMO_TEXT];
};

/*
 * Lines dc_rules_strip() found nothing to strip in, by text and language,
 * asked only when a strip rule is about to run: the lines that reach the
 * regex engine are few (scripts and style sheets a page repeats, most of
 * them), longer than a block the memo above keeps, and each run on them
 * costs thousands of instructions.
 */
#define UNSTRIPPED_BITS 8
#define UNSTRIPPED_SLOTS (1u << UNSTRIPPED_BITS)
#define UNSTRIPPED_TEXT 1024 /* the longest line kept */

struct unstripped {
    uint64_t hash; /* of the text and language; 0: empty */
    int lang;
    bool known;         /* text has nothing to strip */
    struct dc_buf text; /* a line of that hash */
};

/* What matching writes; see the note on threads at the top. */
struct scratch {
    pcre2_general_context *gctx;
    pcre2_compile_context *cctx;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack;
    pcre2_match_data *md;
    uint32_t md_pairs;
    double limit; /* the match limit mctx has, when limit_known */
    bool limit_known;
    /* The subject of the call in progress, borrowed from the caller
     * (see bind()), and what is known of it. */
    struct {
        const char *data;
        size_t len;
    } last;
    bool utf_known, utf_bad; /* validated; not UTF-8 */
    bool fold_ok;            /* fold holds last folded, high its
                                non-ASCII bytes */
    bool scanned[2];         /* hits holds group g's key hits */
    size_t start;            /* its row of the index's by_start */
    size_t end;              /* ...and of by_end */
    size_t marks_at;         /* marks() counted last up to here */
    uint32_t marks;
    struct dc_buf fold;
    struct bset high;
    /* its first HEAD_LEN bytes as a word, as they are and with ASCII
     * lowered (see heads_allow()), when head_known */
    bool head_known, head_stop;
    uint8_t head_len;
    uint64_t head, head_lowered;
    uint64_t *hits;        /* keyed rules met, over the index's words */
    struct dc_buf work[2]; /* strip results, alternating */
    struct rule **warn;    /* rules that hit a limit, queued */
    size_t nwarn, capwarn, warn_next;
    /* memo_n memos made (room for memo_cap), and each slot's memo + 1
     * (0: none) */
    struct memo *memo;
    uint32_t memo_n, memo_cap;
    uint16_t memo_of[MEMO_SLOTS];
    uint64_t text_hash; /* of the bound subject, when asked (0: not yet) */
    struct unstripped *unstripped; /* UNSTRIPPED_SLOTS, when needed */
    /* the slot memo_slot() last gave for the bound subject, and in which
     * language: the classifier asks about a block five times in a row */
    struct memo *memo_at;
    int memo_lang;
    /* The strip window (dc_rules_strip_window()), and where the bound
     * subject lies in it when it does.  For each literal of the index's
     * window slots: a search onwards from win_at[k] found it first at
     * win_next[k] (SIZE_MAX: nowhere); win_at[k] SIZE_MAX: not yet
     * searched in this window. */
    const char *win;
    size_t win_len;
    bool in_win;
    size_t win_off;
    size_t *win_at, *win_next;
    const struct lit **win_lits; /* the literal of each window slot */
    /* the strip rules whose literals are searched for in the window, a
     * bit each (as the index's words of strip number them) */
    uint64_t *win_rules;
    /* the least of win_next, when win_soon_known: while it is not before
     * the bound subject, neither is any of them (see window_quiet()) */
    size_t win_soon;
    bool win_soon_known;
};

struct dc_rules {
    struct rule **list[DC_ACTION_COUNT]; /* per action, in load order */
    size_t n[DC_ACTION_COUNT], cap[DC_ACTION_COUNT];
    struct test *tests;
    size_t ntests, captests;
    char **names; /* copies of the names given to load */
    size_t nnames, capnames;
    struct dc_settings settings; /* [*]: every document */
    /* Per language: the [*] settings with that language's `set`s on top,
     * in file order. */
    struct dc_settings lang_settings[DC_LANG_MAX];
    struct index *ix;    /* built when first needed after a load */
    struct asked *asked; /* what PCRE2 said of one item (loading) */
    size_t nasked, capasked;
    bool no_prefilter; /* DC_RULES_NO_PREFILTER: every rule runs (tests) */
    struct scratch *s;
};

/* ------------------------------------- helpers and limits the modules share */

static inline size_t
u8len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

#define MX_INF UINT32_MAX

#define HEAD_LEN 8

/* A byte as heads hold it (see "how matches begin" in
 * rules-prefilter.c). */
static inline unsigned char
head_byte(unsigned char c, bool fold)
{
    if (c >= '\t' && c <= '\r')
        return ' ';
    return (unsigned char)(fold ? dc_tolower(c) : c);
}

/* The first n bytes of b as a word, in byte order: the first the most
 * significant, so that words compare as strings do. */
static inline uint64_t
head_word(const unsigned char *b, size_t n)
{
    uint64_t w = 0;
    for (size_t k = 0; k < HEAD_LEN; k++)
        w = w << 8 | (k < n ? b[k] : 0);
    return w;
}

/* 0xFF for each of the first n bytes of a head_word(). */
static inline uint64_t
head_mask(size_t n)
{
    return n ? ~0ull << 8 * (HEAD_LEN - n) : 0;
}

static inline void
bset_add(struct bset *b, unsigned c)
{
    b->w[(c >> 6) & 3] |= 1ull << (c & 63);
}

static inline bool
bset_has(const struct bset *b, unsigned c)
{
    return b->w[(c >> 6) & 3] >> (c & 63) & 1;
}

static inline bool
bset_empty(const struct bset *b)
{
    return !(b->w[0] | b->w[1] | b->w[2] | b->w[3]);
}

static inline unsigned
lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned k = 0;
    while (!(m & 1)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* The next byte of b from c on, or 256. */
static inline unsigned
bset_next(const struct bset *b, unsigned c)
{
    for (unsigned k = c >> 6; k < 4; k++) {
        uint64_t m = b->w[k];
        if (k == c >> 6)
            m &= ~0ull << (c & 63);
        if (m)
            return k * 64 + lowest_bit(m);
    }
    return 256;
}

/* by_start's rows: per ASCII first byte one per class of second byte
 * (the byte's low bits: 'A' and 'a' share one when there are 32), per
 * other first byte one, and one for the empty subject. */
#define START_MAX_CLASSES 32
#define START_BUDGET (256 * 1024)

static inline size_t
start_rows(unsigned classes)
{
    return 128 * classes + 128 + 1;
}

/* by_end's rows: one per last byte, and one for the empty subject. */
#define END_ROWS 257

/* ----------------------------------------- what one module calls in another */

/* rules.c */
void dc_rules_lits_free(struct lits *l);
void dc_rules_rule_free(struct rule *ru);

/* rules-prefilter.c */
bool dc_rules_head_char_exact(int32_t cp);
void dc_rules_extract_prefilter(struct rule *ru, const char *pat, size_t len,
                                bool fold, bool ext);
void dc_rules_extract_most(struct rule *ru, const char *pat, size_t len,
                           uint32_t opts);
void dc_rules_extract_heads(struct rule *ru, const char *pat, size_t len,
                            bool fold, bool ext);
void dc_rules_extract_start(struct dc_rules *r, struct rule *ru,
                            const char *pat, size_t len, uint32_t opts);
void dc_rules_extract_end(struct dc_rules *r, struct rule *ru, const char *pat,
                          size_t len, uint32_t opts);

/* rules-match.c */
void dc_rules_index_free(struct index *ix);
bool dc_rules_keyable(const struct rule *ru);
void dc_rules_fold_text(struct dc_buf *b, const char *text, size_t n,
                        struct bset *high);
const struct index *dc_rules_build_index(const struct dc_rules *r);
void dc_rules_index_lits(const struct dc_rules *r);
void dc_rules_index_ready(const struct dc_rules *r);

/* r's index, built if rules were loaded since: the test inline, as every
 * question about a block or a line asks it. */
static inline const struct index *
need_index(const struct dc_rules *r)
{
    return r->ix->stale ? dc_rules_build_index(r) : r->ix;
}

#endif
