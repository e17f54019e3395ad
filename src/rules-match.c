/*
 * rules-match.c - matching: the index of a rules object (built when first
 * needed after a load), the prefilter that turns most rules away before
 * PCRE2 runs, dc_rules_match(), dc_rules_strip() and what they share per
 * subject.
 *
 * This is the hot path: everything a line's matching calls lives here,
 * or is static inline in rules-internal.h, so that it inlines.
 */
#include "config.h"
#include "rules-internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs of a rule by the interpreter before it is JIT-compiled, or bytes
 * of subject it would have looked at (see run()).  A rule that has run
 * 16 times on a stream goes on running: an interpreted run costs some
 * 9,500 instructions to a JIT run's 2,100, and 16 of them a third of a
 * compile; a single page seldom runs a rule that often. */
#define JIT_AFTER 16
#define JIT_AFTER_BYTES (16 * 1024)

/* ------------------------------------------------------ searching a subject */

/* v: KEY_LEN bytes, the first lowest */
static uint32_t
key_hash(uint32_t v)
{
    return (v * 0x9E3779B1u) >> (32 - KEY_HASH_BITS);
}

/* v: three bytes, the first lowest */
static uint32_t
tri_hash(uint32_t v)
{
    return (v * 0x9E3779B1u) >> (32 - TRI_HASH_BITS);
}

/* KEY_LEN bytes at k as key_hash() wants them: the first lowest */
static uint32_t
key_bytes(const unsigned char *k)
{
    return dc_load_le32(k);
}

/* The subject with ASCII upper case and the non-ASCII characters that
 * caselessly match ASCII letters folded to ASCII lower case.  high (if
 * not NULL) gets the non-ASCII bytes of text. */
void
dc_rules_fold_text(struct dc_buf *b, const char *text, size_t n,
                   struct bset *high)
{
    const unsigned char *t = (const unsigned char *)text;
    struct bset seen = {{0, 0, 0, 0}};
    dc_buf_clear(b);
    /* eight bytes past the NUL too: mark_keys() reads eight at a time */
    dc_buf_reserve(b, n + KEY_HEAD);
    char *o = b->data;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time: add 0x20 where 'A' <= byte <= 'Z' */
        while (i + 8 <= n) {
            uint64_t w = dc_load_le64(t + i);
            uint64_t top = w & 0x8080808080808080ull;
            if (top) {
                /* the bytes before the first 0xC4, 0xC5 or 0xE2 (all
                 * eight if none), at once: the ASCII ones lowered, the
                 * others as they are, and noted (the eight stored fit:
                 * the copy is never longer than the text, k <= i) */
                uint64_t odd =
                    dc_bytes_equal(w & 0xFEFEFEFEFEFEFEFEull, 0xC4) |
                    dc_bytes_equal(w, 0xE2);
                size_t a = odd ? dc_first_flagged(odd) : 8;
                /* dc_tolower8() on the ASCII bytes alone: no carry
                 * leaves a byte with its top bit off */
                uint64_t x = w & 0x7F7F7F7F7F7F7F7Full;
                uint64_t upper = (x + 0x3F3F3F3F3F3F3F3Full) &
                                 ~(x + 0x2525252525252525ull) & ~top &
                                 0x8080808080808080ull;
                w |= upper >> 2;
                dc_store_le64(o + k, w);
                if (a < 8)
                    top &= (odd & (0 - odd)) / 0x80 - 1;
                for (; top; top &= top - 1)
                    bset_add(&seen, t[i + dc_first_flagged(top)]);
                k += a;
                i += a;
                if (a < 8)
                    break;
                continue;
            }
            dc_store_le64(o + k, dc_tolower8(w));
            k += 8;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = t[i];
        if (c < 0x80) {
            o[k++] = (char)dc_tolower(c);
            continue;
        }
        if (c != 0xC4 && c != 0xC5 && c != 0xE2) {
            /* a run of other non-ASCII bytes (Cyrillic, CJK) as it is */
            do {
                bset_add(&seen, t[i]);
                o[k++] = (char)t[i++];
            } while (i < n && t[i] >= 0x80 && t[i] != 0xC4 && t[i] != 0xC5 &&
                     t[i] != 0xE2);
            i--;
            continue;
        }
        bset_add(&seen, c);
        if (c == 0xC5 && i + 1 < n && t[i + 1] == 0xBF) {
            o[k++] = 's'; /* U+017F */
            bset_add(&seen, t[++i]);
        } else if (c == 0xC4 && i + 1 < n &&
                   (t[i + 1] == 0xB0 || t[i + 1] == 0xB1)) {
            o[k++] = 'i'; /* U+0130, U+0131: Turkish casing, if ever on */
            bset_add(&seen, t[++i]);
        } else if (c == 0xE2 && i + 2 < n && t[i + 1] == 0x84 &&
                   t[i + 2] == 0xAA) {
            o[k++] = 'k'; /* U+212A KELVIN SIGN */
            bset_add(&seen, t[++i]);
            bset_add(&seen, t[++i]);
        } else {
            o[k++] = (char)c;
        }
    }
    b->len = k;
    b->data[k] = '\0';
    if (high)
        *high = seen;
}

static const char *
lit_pos(const char *h, size_t hn, const struct lit *l)
{
    if (l->len > hn)
        return NULL;
    const char *p = h + l->anchor;
    const char *end = h + (hn - l->len) + l->anchor + 1;
    int a = (unsigned char)l->s[l->anchor];
    while (p < end) {
        const char *q = memchr(p, a, (size_t)(end - p));
        if (!q)
            return NULL;
        const char *at = q - l->anchor;
        /* the ends first: most candidates fail there, without a call */
        if (at[0] == l->s[0] && at[l->len - 1] == l->s[l->len - 1] &&
            memcmp(at, l->s, l->len) == 0)
            return at;
        p = q + 1;
    }
    return NULL;
}

/* ------------------------------------------------------------------- index */

#define KEY_MIN_RULES                                                          \
    4 /* fewer dc_rules_keyable rules in a group: no key scan */

/* The row of by_start for the subject t[0..len). */
static size_t
start_row(unsigned classes, const unsigned char *t, size_t len)
{
    if (!len)
        return start_rows(classes) - 1;
    if (t[0] >= 0x80)
        return 128 * classes + (t[0] - 0x80);
    /* (a subject of one byte: the NUL a copy would have after it) */
    return t[0] * classes + ((len > 1 ? t[1] : 0) & (classes - 1));
}

/* The classes of the bytes in b (a byte's low bits, as start_row() takes
 * them; classes a power of two, at most 64), a bit each: the set's words
 * folded onto each other, not its bytes tried one by one. */
static uint64_t
bset_classes(const struct bset *b, unsigned classes)
{
    uint64_t m = b->w[0] | b->w[1] | b->w[2] | b->w[3];
    for (unsigned width = 64; width > classes; width /= 2)
        m |= m >> width / 2;
    return classes < 64 ? m & ((1ull << classes) - 1) : m;
}

/* Add rule bit (word w) to the rows of by_start for its first byte c
 * (ru->first has it): after an ASCII c, the rows of the classes of the
 * second bytes it allows (a subject of one byte has the NUL after it
 * for a second: its class may let a rule in that prefilter() then
 * rejects, never the other way). */
static void
start_add(struct index *ix, const struct rule *ru, unsigned c, size_t w,
          uint64_t bit)
{
    unsigned classes = ix->start_classes;
    size_t words = ix->woff[DC_ACTION_COUNT];
    if (c >= 0x80) {
        ix->by_start[(128 * classes + (c - 0x80)) * words + w] |= bit;
        return;
    }
    uint64_t allowed =
        ru->nseconds && ru->second[c]
            ? bset_classes(&ru->seconds[ru->second[c] - 1], classes)
            : ~0ull;
    for (unsigned k = 0; k < classes; k++)
        if (allowed >> k & 1)
            ix->by_start[(c * classes + k) * words + w] |= bit;
}

static size_t
end_row(const unsigned char *t, size_t len)
{
    return len ? t[len - 1] : END_ROWS - 1;
}

/* Add rule bit (word w) to the rows of by_end that allow it. */
static void
end_add(struct index *ix, const struct rule *ru, size_t w, uint64_t bit)
{
    size_t words = ix->woff[DC_ACTION_COUNT];
    for (unsigned c = 0; c < END_ROWS - 1; c++)
        if (!ru->has_last || bset_has(&ru->last, c))
            ix->by_end[c * words + w] |= bit;
    /* the empty subject: no match of a rule with last bytes is empty */
    if (!ru->has_last)
        ix->by_end[(END_ROWS - 1) * words + w] |= bit;
}

/* Word w of the rules that the bound subject can match, as far as its
 * first two bytes and its last tell. */
static uint64_t
row_allows(const struct index *ix, const struct scratch *s, size_t w)
{
    size_t words = ix->woff[DC_ACTION_COUNT];
    return (ix->by_start[s->start * words + w] | ix->unstarted[w]) &
           ix->by_end[s->end * words + w];
}

/* Are ru's literals searched for in a strip window (see
 * dc_rules_strip_window())?  A strip rule's, when prefilter_more() would
 * search the subject as it is for them. */
static bool
searched_in_window(const struct rule *ru)
{
    return ru->pub.action == DC_ACTION_STRIP && !ru->keyed && !ru->anchored &&
           !ru->fold;
}

/* Nothing searched for in the window yet. */
static void
forget_window(struct scratch *s, const struct index *ix)
{
    for (size_t k = 0; k < ix->win_slots; k++)
        s->win_at[k] = SIZE_MAX;
    s->win_soon_known = false;
}

/* Key groups: the subjects of dc_rules_match(), and strip's lines. */
static int
group_of(int action)
{
    return action == DC_ACTION_STRIP ? 1 : 0;
}

#define SORT_LOW_BITS (KEY_HASH_BITS / 2)

/*
 * Sort a key set by hash, keys of one hash in the order they were added
 * (by action, then rule: dc_rules_build_index() adds them so): a radix sort,
 * two stable passes over the hash's low bits, then its high ones.  qsort() with
 * a comparison call per step was a third of the index's building, which a run
 * of one page pays in full.
 */
static void
keys_sort(struct keyset *ks)
{
    size_t n = ks->n;
    struct key *tmp = dc_xmalloc((n ? n : 1) * sizeof *tmp);
    for (int pass = 0; pass < 2; pass++) {
        unsigned shift = pass ? SORT_LOW_BITS : 0;
        uint32_t mask =
            (1u << (pass ? KEY_HASH_BITS - SORT_LOW_BITS : SORT_LOW_BITS)) - 1;
        size_t at[1u << (KEY_HASH_BITS - SORT_LOW_BITS)] = {0};
        const struct key *from = pass ? tmp : ks->v;
        struct key *to = pass ? ks->v : tmp;
        for (size_t i = 0; i < n; i++)
            at[from[i].hash >> shift & mask]++;
        for (size_t b = 0, sum = 0; b <= mask; b++) {
            size_t c = at[b];
            at[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            to[at[from[i].hash >> shift & mask]++] = from[i];
    }
    dc_free(tmp);
}

/* Set ks->at from the sorted keys. */
static void
keys_bucket(struct keyset *ks)
{
    ks->at = dc_xmalloc((KEY_BUCKETS + 1) * sizeof *ks->at);
    size_t i = 0;
    for (uint32_t b = 0; b <= KEY_BUCKETS; b++) {
        while (i < ks->n &&
               ks->v[i].hash >> (KEY_HASH_BITS - KEY_BUCKET_BITS) < b)
            i++;
        ks->at[b] = (uint32_t)i;
    }
}

/* Free the arrays ix holds (not ix, nor what lies in a snapshot); its
 * fields are left as they were: building it again clears them. */
void
dc_rules_index_free(struct index *ix)
{
    if (!ix)
        return;
    if (!ix->in_snapshot) {
        dc_free(ix->by_start);
        dc_free(ix->unstarted);
        dc_free(ix->by_end);
        dc_free(ix->keyed_mask);
        for (int g = 0; g < 2; g++)
            for (int set = 0; set < 2; set++) {
                dc_free(ix->keys[g][set].v);
                dc_free(ix->keys[g][set].at);
                dc_free(ix->keys[g][set].maps);
            }
    }
    dc_free(ix->lits);
    ix->lits = NULL;
}

/* Can ru be found by its keys?  Every literal needs a pair. */
bool
dc_rules_keyable(const struct rule *ru)
{
    if (ru->anchored || !ru->pf.n)
        return false;
    for (size_t k = 0; k < ru->pf.n; k++)
        if (ru->pf.v[k].folded_len < KEY_LEN - 1)
            return false;
    return true;
}

/*
 * Does a hit of keyed ru's keys prove that one of its literals is in the
 * subject, as prefilter_more() would search for it?  A hit is checked
 * against the literal, folded, in the folded subject (mark_keys()): that
 * is the search when ru's literals are folded already, as a caseless
 * rule's are but for the few characters dc_rules_fold_text() rewrites.
 */
static bool
key_proves(const struct rule *ru)
{
    if (!ru->fold)
        return false;
    for (size_t k = 0; k < ru->pf.n; k++) {
        const struct lit *l = &ru->pf.v[k];
        if (l->len != l->folded_len || memcmp(l->s, l->folded, l->len) != 0)
            return false;
    }
    return true;
}

/* Keys of a literal: one, or one per byte that can follow it. */
static size_t
nkeys_of(const struct lit *l)
{
    return l->folded_len < KEY_LEN ? 256 : 1;
}

/* Two bytes at k, as keypairs indexes them. */
static unsigned
pair_at(const unsigned char *k)
{
    return (unsigned)k[0] | (unsigned)k[1] << 8;
}

/* Is ru's longest match bounded (in the sense of struct index)? */
static bool
bounded(const struct rule *ru)
{
    return ru->most != MX_INF;
}

/* l, literal number lit (see struct index), of rule i of action a */
static void
add_keys(struct keyset *ks, int a, size_t i, const struct lit *l, size_t lit)
{
    size_t at = l->folded_len < KEY_LEN ? 0 : l->key;
    unsigned char k[KEY_LEN];
    for (size_t n = 0; n < nkeys_of(l); n++) {
        struct key *e = &ks->v[ks->n++];
        if (l->folded_len < KEY_LEN) {
            memcpy(k, l->folded, KEY_LEN - 1);
            k[KEY_LEN - 1] = (unsigned char)n;
        } else {
            memcpy(k, l->folded + l->key, KEY_LEN);
        }
        e->hash = key_hash(key_bytes(k));
        e->action = (uint16_t)a;
        e->at = (uint16_t)at;
        e->index = (uint32_t)i;
        e->len = (uint32_t)l->folded_len;
        e->head = 0;
        for (size_t j = 0; j < KEY_HEAD && j < l->folded_len; j++)
            e->head |= (uint64_t)(unsigned char)l->folded[j] << 8 * j;
        e->lit = (uint32_t)lit;
        ks->maps->bits[e->hash >> 6] |= 1ull << (e->hash & 63);
        unsigned pair = pair_at(k), pair1 = pair_at(k + 1);
        ks->maps->pairs[pair >> 6] |= 1ull << (pair & 63);
        ks->maps->pairs1[pair1 >> 6] |= 1ull << (pair1 & 63);
        uint32_t v = key_bytes(k);
        uint32_t tri = tri_hash(v & 0xFFFFFF), tri1 = tri_hash(v >> 8);
        ks->maps->trigrams[tri >> 6] |= 1ull << (tri & 63);
        ks->maps->trigrams[tri1 >> 6] |= 1ull << (tri1 & 63);
    }
}

/* The numbers of r's literals (struct index's lits), for its index. */
void
dc_rules_index_lits(const struct dc_rules *r)
{
    struct index *ix = r->ix;
    size_t n = 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        for (size_t i = 0; i < r->n[a]; i++)
            n += r->list[a][i]->pf.n;
    dc_free(ix->lits);
    ix->lits = dc_xmalloc((n ? n : 1) * sizeof *ix->lits);
    ix->nlits = 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        for (size_t i = 0; i < r->n[a]; i++)
            for (size_t k = 0; k < r->list[a][i]->pf.n; k++)
                ix->lits[ix->nlits++] = r->list[a][i]->pf.v[k].folded;
}

/* Build r's index (it is scratch like the rest: see the note on threads
 * at the top). */
const struct index *
dc_rules_build_index(const struct dc_rules *r)
{
    struct index *ix = r->ix;
    size_t nkeys[2][2] = {{0, 0}, {0, 0}}, nkeyed[2] = {0, 0};
    dc_rules_index_free(ix);
    memset(ix, 0, sizeof *ix);
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        ix->woff[a + 1] = ix->woff[a] + (r->n[a] + 63) / 64;
        for (size_t i = 0; i < r->n[a]; i++)
            nkeyed[group_of(a)] += dc_rules_keyable(r->list[a][i]);
    }
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        for (size_t i = 0; i < r->n[a]; i++) {
            struct rule *ru = r->list[a][i];
            /* for a few rules, searching their literals costs less than
             * a pass over every subject */
            ru->keyed =
                nkeyed[group_of(a)] >= KEY_MIN_RULES && dc_rules_keyable(ru);
            ru->key_proves = ru->keyed && key_proves(ru);
            if (!ru->keyed)
                continue;
            int g = group_of(a);
            for (size_t k = 0; k < ru->pf.n; k++) {
                size_t n = nkeys_of(&ru->pf.v[k]);
                nkeys[g][KEYS_ALL] += n;
                nkeys[g][KEYS_UNBOUNDED] += bounded(ru) ? 0 : n;
            }
            if (bounded(ru) && ru->most > ix->bounded_most[g])
                ix->bounded_most[g] = ru->most;
            ix->keyed[a] = true;
        }
    }
    size_t words = ix->woff[DC_ACTION_COUNT];
    ix->start_classes = START_MAX_CLASSES;
    while (ix->start_classes > 1 &&
           start_rows(ix->start_classes) * words * sizeof(uint64_t) >
               START_BUDGET)
        ix->start_classes /= 2;
    ix->by_start = dc_xcalloc(
        start_rows(ix->start_classes) * (words ? words : 1), sizeof(uint64_t));
    ix->unstarted = dc_xcalloc(words ? words : 1, sizeof(uint64_t));
    ix->by_end = dc_xcalloc(END_ROWS * (words ? words : 1), sizeof(uint64_t));
    ix->keyed_mask = dc_xcalloc(words ? words : 1, sizeof(uint64_t));
    for (int g = 0; g < 2; g++)
        for (int set = 0; set < 2; set++) {
            struct keyset *ks = &ix->keys[g][set];
            ks->v = dc_xcalloc(nkeys[g][set] ? nkeys[g][set] : 1,
                               sizeof(struct key));
            if (nkeys[g][set])
                ks->maps = dc_xcalloc(1, sizeof *ks->maps);
        }
    dc_rules_index_lits(r);
    size_t lit = 0; /* the number of ru's first literal */
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        int g = group_of(a);
        for (size_t i = 0; i < r->n[a]; i++) {
            const struct rule *ru = r->list[a][i];
            size_t w = ix->woff[a] + i / 64;
            uint64_t bit = 1ull << (i % 64);
            if (ru->keyed) {
                for (size_t k = 0; k < ru->pf.n; k++) {
                    add_keys(&ix->keys[g][KEYS_ALL], a, i, &ru->pf.v[k],
                             lit + k);
                    if (!bounded(ru))
                        add_keys(&ix->keys[g][KEYS_UNBOUNDED], a, i,
                                 &ru->pf.v[k], lit + k);
                }
                ix->keyed_mask[w] |= bit;
            }
            lit += ru->pf.n;
            for (size_t k = 0; k < ru->pf.n; k++)
                ru->pf.v[k].slot =
                    searched_in_window(ru) ? ++ix->win_slots : 0;
            end_add(ix, ru, w, bit);
            if (!ru->has_first)
                ix->unstarted[w] |= bit;
            else
                for (unsigned c = bset_next(&ru->first, 0); c < 256;
                     c = bset_next(&ru->first, c + 1))
                    start_add(ix, ru, c, w, bit);
        }
    }
    for (int g = 0; g < 2; g++)
        for (int set = 0; set < 2; set++)
        {
            keys_sort(&ix->keys[g][set]);
            keys_bucket(&ix->keys[g][set]);
        }
    dc_rules_index_ready(r);
    return ix;
}

/* The scratch space for r's index, built or read (see the snapshot),
 * and nothing known of a subject: the answers were the old rules'. */
void
dc_rules_index_ready(const struct dc_rules *r)
{
    struct index *ix = r->ix;
    struct scratch *s = r->s;
    size_t words = ix->woff[DC_ACTION_COUNT];
    ix->stale = false;
    s->hits = dc_xrealloc(s->hits, (words ? words : 1) * sizeof *s->hits);
    s->win_at = dc_xrealloc(s->win_at, (ix->win_slots + 1) * sizeof *s->win_at);
    s->win_next =
        dc_xrealloc(s->win_next, (ix->win_slots + 1) * sizeof *s->win_next);
    s->win_lits =
        dc_xrealloc(s->win_lits, (ix->win_slots + 1) * sizeof *s->win_lits);
    size_t strip_words =
        ix->woff[DC_ACTION_STRIP + 1] - ix->woff[DC_ACTION_STRIP];
    s->win_rules = dc_xrealloc(s->win_rules, (strip_words ? strip_words : 1) *
                                                 sizeof *s->win_rules);
    memset(s->win_rules, 0,
           (strip_words ? strip_words : 1) * sizeof *s->win_rules);
    for (size_t i = 0; i < r->n[DC_ACTION_STRIP]; i++) {
        const struct rule *ru = r->list[DC_ACTION_STRIP][i];
        for (size_t k = 0; k < ru->pf.n; k++)
            if (ru->pf.v[k].slot)
                s->win_lits[ru->pf.v[k].slot - 1] = &ru->pf.v[k];
        if (ru->pf.n && ru->pf.v[0].slot)
            s->win_rules[i / 64] |= 1ull << (i % 64);
    }
    forget_window(s, ix);
    memset(s->memo_of, 0, sizeof s->memo_of);
    s->memo_n = 0;
    for (size_t k = 0; s->unstripped && k < UNSTRIPPED_SLOTS; k++)
        s->unstripped[k].known = false;
}

/* ---------------------------------------------------------------- matching */

/*
 * Make text[0..len) the subject: borrowed, not copied, so that it must
 * stay as it is until the call that bound it returns (every entry point
 * that matches binds its subject first).  What was known of the subject
 * before is forgotten: the memos (memo_slot(), unstripped_slot()) keep
 * what is worth keeping of one asked about again.  ix: the index, built.
 */
static void
bind(struct scratch *s, const struct index *ix, const char *text, size_t len)
{
    uintptr_t at = (uintptr_t)text, win = (uintptr_t)s->win;
    s->in_win = s->win && at >= win && at - win <= s->win_len &&
                len <= s->win_len - (at - win);
    s->win_off = s->in_win ? at - win : 0;
    s->last.data = len ? text : ""; /* t[0] is read, a NUL if nothing */
    s->last.len = len;
    s->utf_known = s->utf_bad = s->fold_ok = s->head_known = false;
    s->marks_at = 0;
    s->marks = 0;
    s->scanned[0] = s->scanned[1] = false;
    s->start = start_row(ix->start_classes, (const unsigned char *)text, len);
    s->end = end_row((const unsigned char *)text, len);
    s->text_hash = 0;
    s->memo_at = NULL;
}

/* A hash of the bound subject for the memos: eight bytes a step. */
static uint64_t
text_hash(struct scratch *s)
{
    if (s->text_hash)
        return s->text_hash;
    const unsigned char *t = (const unsigned char *)s->last.data;
    size_t n = s->last.len, i = 0;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    for (; i + 8 <= n; i += 8) {
        h = (h ^ dc_load_le64(t + i)) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    for (size_t k = 0; i < n; i++, k++)
        w |= (uint64_t)t[i] << (8 * k);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 32;
    s->text_hash = h ? h : 1;
    return s->text_hash;
}

/* The memos' hash of the bound subject in language lang, never 0; its
 * top bits pick a slot. */
static uint64_t
memo_hash(struct scratch *s, int lang)
{
    uint64_t h = (text_hash(s) + (uint64_t)(uint32_t)(lang + 1)) *
                 0x9E3779B97F4A7C15ull;
    return h ? h : 1;
}

/* The memo of the bound subject in language lang, emptied for it if
 * another subject of its slot had it; NULL when the subject is too long
 * to be kept. */
static struct memo *
memo_slot(const struct dc_rules *r, int lang)
{
    struct scratch *s = r->s;
    if (s->last.len > MEMO_TEXT || r->no_prefilter)
        return NULL;
    if (s->memo_at && s->memo_lang == lang)
        return s->memo_at;
    uint64_t h = memo_hash(s, lang);
    size_t k = (size_t)(h >> (64 - MEMO_BITS));
    s->memo_lang = lang;
    struct memo *m;
    if (s->memo_of[k]) {
        m = &s->memo[s->memo_of[k] - 1];
        if (m->hash == h && m->len == s->last.len && m->lang == lang &&
            memcmp(m->text, s->last.data, s->last.len) == 0)
            return s->memo_at = m;
    } else {
        /* a slot's first subject: the next memo, in order */
        if (s->memo_n == s->memo_cap) {
            s->memo_cap = s->memo_cap ? 2 * s->memo_cap : 64;
            s->memo = dc_xrealloc(s->memo, s->memo_cap * sizeof *s->memo);
        }
        m = &s->memo[s->memo_n++];
        s->memo_of[k] = (uint16_t)s->memo_n;
    }
    m->hash = h;
    m->len = (uint16_t)s->last.len;
    m->lang = (int16_t)lang;
    m->known = 0;
    memcpy(m->text, s->last.data, s->last.len);
    return s->memo_at = m;
}

static void
need_fold(struct scratch *s)
{
    if (s->fold_ok)
        return;
    dc_rules_fold_text(&s->fold, s->last.data, s->last.len, &s->high);
    s->fold_ok = true;
}

/* How a byte counts in marks_above(): 1 the lead byte of a character
 * that counts (ASCII: above ' ', not a digit), 0 one of a character
 * that may be white space or a digit (or not a lead byte), MARKS_LOOK
 * look at the character.  A table: text in Cyrillic or CJK is counted
 * eight bytes at a time by adding up theirs, with no test for ASCII. */
#define MARKS_LOOK 16 /* more than eight bytes' 1s, so it shows in a sum */
#define L MARKS_LOOK
static const unsigned char byte_marks[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 10 */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 20 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, /* 30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 50 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 70 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 80 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 90 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* A0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* B0 */
    0, 0, L, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* C0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, /* D0 */
    0, 0, L, L, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, /* E0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* F0 */
};
#undef L

/* Does the character at t (n bytes left, lead byte 0xC2, 0xE2 or 0xE3)
 * count in marks(): is it other than white space? */
static bool
marks_char(const unsigned char *t, size_t n)
{
    if (t[0] == 0xC2)
        return n < 2 || (t[1] != 0x85 && t[1] != 0xA0);
    if (n < 3)
        return true;
    if (t[0] == 0xE3)
        return t[1] != 0x80 || t[2] != 0x80;
    if (t[1] == 0x80)
        return !(t[2] <= 0x8A || t[2] == 0xA8 || t[2] == 0xA9 || t[2] == 0xAF);
    return t[1] != 0x81 || t[2] != 0x9F;
}

/* Does the bound subject have more than `most` characters that are
 * neither white space nor digits?  (A lower bound of them: see "longest
 * whole match".)  The count goes on from where the last question left
 * it, and no further than it must. */
static bool
marks_above(struct scratch *s, uint32_t most)
{
    const unsigned char *t = (const unsigned char *)s->last.data;
    size_t n = s->last.len, i = s->marks_at;
    uint32_t c = s->marks;
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    while (i < n && c <= most) {
        if (i + 8 <= n) {
            uint64_t w = dc_load_le64(t + i);
            if (!(w & high)) {
                /* ASCII above ' ' (no carry: every byte is below 0x80),
                 * but not '0'...'9' */
                uint64_t above = (w + ones * 0x5F) & high;
                uint64_t digit = (w + ones * 0x50) & ~(w + ones * 0x46) & high;
                /* one bit a byte, added up in the top byte */
                c += (uint32_t)((((above & ~digit) >> 7) * ones) >> 56);
                i += 8;
                continue;
            }
            /* the bytes' counts added up, if none needs a look */
            unsigned sum = 0;
            for (size_t k = 0; k < 8; k++)
                sum += byte_marks[t[i + k]];
            if (sum < MARKS_LOOK) {
                c += sum;
                i += 8;
                continue;
            }
        }
        /* the word's bytes one at a time, then the test above again
         * (counting on past `most` changes no answer: c only grows) */
        for (size_t stop = n - i > 8 ? i + 8 : n; i < stop; i++) {
            unsigned k = byte_marks[t[i]];
            c += k == MARKS_LOOK ? marks_char(t + i, n - i) : k;
        }
    }
    s->marks_at = i;
    s->marks = c;
    return c > most;
}

/* Mark the rules of the keys with hash `hash` whose literal is in the
 * folded subject where the key at f puts it.  (Checked here, once, the
 * hit is a literal found, not a hash met: a rule whose key proves it
 * needs no search for its literals; see key_proves().) */
static void
mark_keys(const struct index *ix, const struct keyset *ks, struct scratch *s,
          uint32_t hash, const unsigned char *f)
{
    uint32_t b = hash >> (KEY_HASH_BITS - KEY_BUCKET_BITS);
    const struct key *v = ks->v + ks->at[b], *end = ks->v + ks->at[b + 1];
    const char *text = s->fold.data;
    size_t q = (size_t)((const char *)f - text), n = s->fold.len;
    while (v < end && v->hash < hash)
        v++;
    for (; v < end && v->hash == hash; v++) {
        if (q < v->at || q - v->at + v->len > n)
            continue;
        /* (the folded copy has room for eight bytes at any place) */
        const char *at = text + q - v->at;
        uint64_t head = dc_load_le64(at);
        if (v->len < KEY_HEAD)
            head &= (1ull << 8 * v->len) - 1;
        if (head != v->head || (v->len > KEY_HEAD &&
                                memcmp(at + KEY_HEAD,
                                       ix->lits[v->lit] + KEY_HEAD,
                                       v->len - KEY_HEAD) != 0))
            continue;
        s->hits[ix->woff[v->action] + v->index / 64] |= 1ull << (v->index % 64);
    }
}

/* The keys group g's rules need looked for in the bound subject: those
 * of the unbounded rules alone when it is too long for the others. */
static const struct keyset *
keys_for(const struct index *ix, struct scratch *s, int g)
{
    uint32_t most = ix->bounded_most[g];
    if (most && s->last.len > most && marks_above(s, most))
        return &ix->keys[g][KEYS_UNBOUNDED];
    return &ix->keys[g][KEYS_ALL];
}

/* Is there a key (or one with the same hash) at f?  Then mark it. */
static inline void
key_at(const struct index *ix, const struct keyset *ks, struct scratch *s,
       const unsigned char *f)
{
    uint32_t h = key_hash(key_bytes(f));
    if (ks->maps->bits[h >> 6] >> (h & 63) & 1)
        mark_keys(ix, ks, s, h, f);
}

static bool
has_bit(const uint64_t *set, unsigned bit)
{
    return set[bit >> 6] >> (bit & 63) & 1;
}

/* need_scan() at even place i, whose three bytes are in the trigrams:
 * a key at i, or one at i - 1. */
static inline void
scan_place(const struct index *ix, const struct keyset *ks, struct scratch *s,
           const unsigned char *f, size_t i)
{
    unsigned pair = pair_at(f + i);
    if (has_bit(ks->maps->pairs, pair))
        key_at(ix, ks, s, f + i);
    if (has_bit(ks->maps->pairs1, pair) && i > 0)
        key_at(ix, ks, s, f + i - 1);
}

/*
 * Mark in s->hits the keyed rules of group g whose key (or one with the
 * same hash) occurs in the subject: one pass over it folded, a bit test
 * or two at every other place.  A key at an even place q starts with a
 * pair of pairs, and one at an odd q has a pair of pairs1 at q + 1, even:
 * the scan looks at each q once, as one that tests every place would,
 * in half the steps.
 */
static void
need_scan(const struct index *ix, struct scratch *s, int g)
{
    if (s->scanned[g])
        return;
    if (!s->scanned[!g])
        memset(s->hits, 0, ix->woff[DC_ACTION_COUNT] * sizeof *s->hits);
    s->scanned[g] = true;
    const struct keyset *ks = keys_for(ix, s, g);
    if (!ks->n)
        return;
    need_fold(s);
    /* the NUL after the text ends the last KEY_LEN - 1 bytes */
    const unsigned char *f = (const unsigned char *)s->fold.data;
    const uint64_t *trigrams = ks->maps->trigrams;
    /* a local end: marking hits writes through s, so the compiler would
     * read s->fold.len again at every place */
    size_t end = s->fold.len + 1;
    size_t i = 0;
    /* f[i], f[i + 1], f[i + 2]: a key at i starts with them, one at
     * i - 1 ends with them.  Three places from one load of eight bytes
     * while a key at the third fits before end (most places pass none
     * of the tests: the load and the loop's count are the cost)... */
    for (; i + 8 <= end; i += 6) {
        uint64_t w = dc_load_le64(f + i);
        if (has_bit(trigrams, tri_hash((uint32_t)w & 0xFFFFFF)))
            scan_place(ix, ks, s, f, i);
        if (has_bit(trigrams, tri_hash((uint32_t)(w >> 16) & 0xFFFFFF)))
            scan_place(ix, ks, s, f, i + 2);
        if (has_bit(trigrams, tri_hash((uint32_t)(w >> 32) & 0xFFFFFF)))
            scan_place(ix, ks, s, f, i + 4);
    }
    /* ...then one a step, where a key at i fits */
    for (; i + KEY_LEN <= end; i += 2)
        if (has_bit(trigrams, tri_hash(key_bytes(f + i) & 0xFFFFFF)))
            scan_place(ix, ks, s, f, i);
    /* then at the last even i where one at i - 1 does */
    if (i > 0 && i + KEY_LEN - 1 <= end &&
        has_bit(ks->maps->pairs1, pair_at(f + i)))
        key_at(ix, ks, s, f + i - 1);
}

/* Does the subject start with l (folded: as dc_rules_fold_text() would see it)?
 */
static bool
starts_with(struct scratch *s, const struct lit *l, bool fold)
{
    if (fold)
        need_fold(s);
    const char *t = fold ? s->fold.data : s->last.data;
    size_t n = fold ? s->fold.len : s->last.len;
    return n >= l->len && t[0] == l->head[0] &&
           (l->len < 2 || t[1] == l->head[1]) && memcmp(t, l->s, l->len) == 0;
}

static bool
applies(const struct rule *ru, int lang)
{
    return lang < 0 || lang >= DC_LANG_MAX || !ru->pub.langs ||
           (ru->pub.langs >> lang & 1u);
}

/* Where the literal of window slot k is first found from the bound
 * subject's start on (SIZE_MAX: nowhere), the subject lying in the
 * window. */
static size_t
window_next(struct scratch *s, size_t k)
{
    size_t from = s->win_off;
    if (s->win_at[k] > from || s->win_next[k] < from) {
        const char *at = lit_pos(s->win + from, s->win_len - from,
                                 s->win_lits[k]);
        s->win_at[k] = from;
        s->win_next[k] = at ? (size_t)(at - s->win) : SIZE_MAX;
    }
    return s->win_next[k];
}

/* Is l, a literal with a window slot, in the bound subject, which lies
 * in the window?  The first one from the subject's start on, found by a
 * search of the window's rest that the lines after it share: lines come
 * in order, and most have none of a strip rule's rare literals. */
static bool
window_has(struct scratch *s, const struct lit *l)
{
    size_t k = l->slot - 1, from = s->win_off;
    window_next(s, k);
    return s->win_next[k] != SIZE_MAX &&
           s->win_next[k] + l->len <= from + s->last.len;
}

/* Does no literal searched for in the window start in the bound subject,
 * which lies in it?  Then no strip rule whose literals are searched so
 * can match it: most lines have none of them, and are told so by a look
 * at where each is next, not by a question per rule. */
static bool
window_quiet(struct scratch *s, const struct index *ix)
{
    if (!s->win_soon_known || s->win_soon < s->win_off) {
        s->win_soon = SIZE_MAX;
        for (size_t k = 0; k < ix->win_slots; k++) {
            size_t at = window_next(s, k);
            if (at < s->win_soon)
                s->win_soon = at;
        }
        s->win_soon_known = true;
    }
    return s->win_soon >= s->win_off + s->last.len;
}

/* prefilter() past its first tests: the longest match, needed bytes
 * and literals. */
static bool
prefilter_more(struct scratch *s, const struct rule *ru)
{
    if (s->last.len > ru->most && marks_above(s, ru->most))
        return false; /* (a shorter subject has no more characters) */
    if (ru->has_need) {
        need_fold(s);
        if (!((s->high.w[2] & ru->need.w[2]) | (s->high.w[3] & ru->need.w[3])))
            return false;
    }
    if (!ru->pf.n || ru->key_proves)
        return true; /* (a keyed rule is asked about after its key hit) */
    if (ru->anchored) {
        for (size_t k = 0; k < ru->pf.n; k++)
            if (starts_with(s, &ru->pf.v[k], ru->fold))
                return true;
        return false;
    }
    if (ru->fold)
        need_fold(s);
    const char *h = ru->fold ? s->fold.data : s->last.data;
    size_t hn = ru->fold ? s->fold.len : s->last.len;
    for (size_t k = 0; k < ru->pf.n; k++) {
        const struct lit *l = &ru->pf.v[k];
        if (l->slot && s->in_win) {
            if (window_has(s, l))
                return true;
            continue;
        }
        /* folded, the subject's non-ASCII bytes are known (the folded
         * copy has no others): skip the search for a literal with one
         * the subject lacks */
        if (l->high >= 0 && s->fold_ok &&
            !bset_has(&s->high, (unsigned)l->high))
            continue;
        if (lit_pos(h, hn, l))
            return true;
    }
    return false;
}

/* The bound subject's start as heads are compared with it (see "how
 * matches begin"): up to its first non-ASCII character that is not
 * dc_rules_head_char_exact(), as it is and lowered, and whether that character
 * was met. */
static void
need_head(struct scratch *s)
{
    if (s->head_known)
        return;
    const unsigned char *t = (const unsigned char *)s->last.data;
    uint64_t w = 0, low = 0; /* as head_word() makes them */
    size_t k = 0, n = s->last.len;
    unsigned char last = 0;
    s->head_stop = false;
    if (n >= HEAD_LEN) {
        /* most subjects start with eight ASCII bytes, none of them
         * white space but single spaces: the head is those bytes */
        const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
        uint64_t x = dc_load_le64(t);
        uint64_t space = dc_bytes_equal(x, ' ');
        if (!(x & high) &&
            !((x + ones * (0x80 - '\t')) & ~(x + ones * (0x80 - '\r' - 1)) &
              high) &&
            !(space & space >> 8)) {
            s->head = __builtin_bswap64(x);
            s->head_lowered = __builtin_bswap64(dc_tolower8(x));
            s->head_len = HEAD_LEN;
            s->head_known = true;
            return;
        }
    }
    for (size_t i = 0; i < n && k < HEAD_LEN; i++) {
        if (t[i] >= 0x80) {
            int32_t cp;
            size_t len = dc_utf8_decode(t + i, n - i, &cp);
            if (!len || !dc_rules_head_char_exact(cp)) {
                s->head_stop = true;
                break;
            }
            /* its bytes as they are (a head may hold its first ones) */
            for (size_t j = 0; j < len && k < HEAD_LEN; j++, k++) {
                w = w << 8 | t[i + j];
                low = low << 8 | t[i + j];
            }
            last = t[i];
            i += len - 1;
            continue;
        }
        unsigned char c = head_byte(t[i], false);
        if (c == ' ' && last == ' ')
            continue;
        w = w << 8 | c;
        low = low << 8 | head_byte(c, true);
        last = c;
        k++;
    }
    s->head = k ? w << 8 * (HEAD_LEN - k) : 0;
    s->head_lowered = k ? low << 8 * (HEAD_LEN - k) : 0;
    s->head_len = (uint8_t)k;
    s->head_known = true;
}

/* Does the bound subject start as one of ru's heads?  The heads are
 * sorted and none starts with another: the one it can start with is the
 * last one not above it.  A head that goes on where the subject has a
 * non-ASCII byte lets it through (the first one above it, if any). */
static bool
heads_allow(struct scratch *s, const struct rule *ru)
{
    need_head(s);
    uint64_t w = ru->fold ? s->head_lowered : s->head;
    const struct head *v = ru->heads;
    if (!s->head_len)
        return s->head_stop; /* (a head has a byte at least) */
    unsigned c = (unsigned)(w >> 8 * (HEAD_LEN - 1));
    if (c > 128)
        c = 128; /* the non-ASCII heads' row */
    size_t lo = ru->head_at[c], hi = ru->head_at[c + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].word <= w)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > ru->head_at[c] && (w & v[lo - 1].mask) == v[lo - 1].word)
        return true;
    return s->head_stop && lo < ru->head_at[c + 1] &&
           (v[lo].word & head_mask(s->head_len)) == w;
}

/* Could ru, a candidate from the index, match the bound subject?  The
 * tests that reject most candidates come first, inline. */
static inline bool
prefilter(struct scratch *s, const struct rule *ru)
{
    const unsigned char *t = (const unsigned char *)s->last.data;
    if (s->last.len < ru->minlen)
        return false; /* minlen counts characters, a byte at least each */
    if (t[0] < 0x80 && ru->nseconds && ru->second[t[0]]) {
        /* t[1]: past one byte, not read */
        if (s->last.len < 2 ||
            !bset_has(&ru->seconds[ru->second[t[0]] - 1], t[1]))
            return false;
    }
    if (ru->nheads && !heads_allow(s, ru))
        return false;
    if (s->last.len <= ru->most && !ru->has_need && !ru->pf.n)
        return true;
    return prefilter_more(s, ru);
}

/* Is rule i of action a a candidate for the bound subject? */
static bool
candidate(const struct dc_rules *r, int a, size_t i)
{
    const struct index *ix = r->ix;
    struct scratch *s = r->s;
    size_t w = ix->woff[a] + i / 64;
    uint64_t bit = 1ull << (i % 64);
    if (r->no_prefilter)
        return true;
    if (!(row_allows(ix, s, w) & bit))
        return false;
    if (r->list[a][i]->keyed) {
        need_scan(ix, s, group_of(a));
        if (!(s->hits[w] & bit))
            return false;
    }
    return prefilter(s, r->list[a][i]);
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
    /* settings can change after a pattern is compiled: read them now
     * (and tell PCRE2 when they have) */
    double v = r->settings.match_limit;
    if (r->s->limit_known && r->s->limit == v)
        return;
    uint32_t lim = v < 1 ? 1 : v > 4294967295.0 ? UINT32_MAX : (uint32_t)v;
    pcre2_set_match_limit(r->s->mctx, lim);
    r->s->limit = v;
    r->s->limit_known = true;
}

/* Is the bound subject valid UTF-8?  (Checked once, and faster on ASCII
 * than PCRE2's own check.) */
static bool
subject_valid(struct scratch *s)
{
    if (!s->utf_known) {
        s->utf_known = true;
        /* folded, its non-ASCII bytes are known: none, and it is ASCII */
        s->utf_bad =
            !(s->fold_ok && bset_empty(&s->high)) &&
            dc_utf8_valid_prefix(s->last.data, s->last.len) != s->last.len;
    }
    return !s->utf_bad;
}

/* Where in the bound subject a match of ru can start, at the earliest,
 * when every match ends at its end (ru->tail): past the last tail + 1
 * characters that marks_above() counts, since a match that started
 * before them would have them all.  A lower bound of the count makes the
 * place an early one, never too late.  (PCRE2 reads the subject before
 * a start offset for lookbehinds and \b, and ^ fails at any offset but
 * 0 as it fails at any place but the start: the match found from there
 * is the one found from the subject's start.)  Valid UTF-8: the place is
 * a character's start. */
static size_t
tail_start(const struct scratch *s, const struct rule *ru)
{
    const unsigned char *t = (const unsigned char *)s->last.data;
    size_t n = s->last.len, i = n;
    if (ru->tail == MX_INF || n <= ru->tail)
        return 0; /* (fewer bytes than that, fewer characters) */
    uint32_t c = 0;
    while (i > 0) {
        i--;
        unsigned k = byte_marks[t[i]];
        if (k == MARKS_LOOK)
            k = marks_char(t + i, n - i);
        if (k && ++c > ru->tail)
            return i + u8len(t[i]);
    }
    return 0;
}

/* Run ru on the bound subject from start: 1 match (ovector in s->md), 0
 * no match, -1 an error (limit hit: queued for a warning).  Not UTF-8:
 * the caller broke the contract, not the rule; nothing matches. */
static int
run(struct scratch *s, struct rule *ru, size_t start, uint32_t opts)
{
    if (!subject_valid(s))
        return 0;
    size_t from = tail_start(s, ru);
    if (from > start) {
        /* no match starts before from: not an empty one at start */
        start = from;
        opts &= ~(uint32_t)PCRE2_NOTEMPTY_ATSTART;
    }
    PCRE2_SPTR t = (PCRE2_SPTR)s->last.data;
    size_t n = s->last.len;
    /* JIT-compiled when it has run JIT_AFTER times, not when loaded:
     * prefilters keep most rules from ever running on a page, and most
     * of the rest run a few times a page; compiling each (some 300,000
     * instructions, executable memory mapped for each) cost more than
     * a page's interpreted runs.  The interpreter does the same job,
     * slower a run; it is what runs without JIT support too.  Its cost
     * grows with the subject, and some 16 KiB of it (a style sheet, a
     * page's text on one line) cost more than the compiling. */
    if (!ru->jit_tried && (++ru->runs > JIT_AFTER ||
                           (ru->run_bytes += n - start) > JIT_AFTER_BYTES)) {
        ru->jit_tried = true;
        ru->jit = pcre2_jit_compile(ru->pub.code, PCRE2_JIT_COMPLETE) == 0;
    }
    /* pcre2_jit_match skips pcre2_match's checks, which we did */
    int rc = ru->jit ? pcre2_jit_match(ru->pub.code, t, n, start, opts, s->md,
                                       s->mctx)
                     : pcre2_match(ru->pub.code, t, n, start,
                                   opts | PCRE2_NO_UTF_CHECK, s->md, s->mctx);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    queue_warning(s, ru);
    return -1;
}

/* dc_rules_match() of action a on the bound subject, whose memo (or
 * NULL) is memo.  ix: the index, built. */
static const struct dc_rule *
match_bound(const struct dc_rules *r, const struct index *ix, int a, int lang,
            struct memo *memo)
{
    struct scratch *s = r->s;
    if (memo && (memo->known >> a & 1))
        return memo->answer[a] ? &r->list[a][memo->answer[a] - 1]->pub
                               : NULL;
    const struct dc_rule *found = NULL;
    size_t answer = 0; /* as struct memo keeps it */
    bool limited = false; /* a rule hit a limit: no answer for the memo */
    bool keyed = !r->no_prefilter && ix->keyed[a];
    if (keyed)
        need_scan(ix, s, group_of(a));
    for (size_t w = ix->woff[a]; w < ix->woff[a + 1]; w++) {
        uint64_t m = r->no_prefilter ? ~0ull : row_allows(ix, s, w);
        if (keyed)
            m &= ~ix->keyed_mask[w] | s->hits[w];
        while (m) {
            size_t i = (w - ix->woff[a]) * 64 + lowest_bit(m);
            m &= m - 1;
            if (r->no_prefilter && i >= r->n[a])
                break; /* (the index's rows hold no bit past the rules) */
            struct rule *ru = r->list[a][i];
            if (!applies(ru, lang) || (!r->no_prefilter && !prefilter(s, ru)))
                continue;
            set_limits(r); /* (here: most subjects run no rule) */
            int rc = run(s, ru, 0, 0);
            if (rc > 0) {
                found = &ru->pub;
                answer = i + 1;
                goto out;
            }
            limited |= rc < 0;
            if (s->utf_bad)
                goto out;
        }
    }
out:
    if (memo && !limited && r->n[a] < UINT16_MAX) {
        memo->known |= (uint16_t)(1u << a);
        memo->answer[a] = (uint16_t)answer;
    }
    return found;
}

const struct dc_rule *
dc_rules_match(const struct dc_rules *r, enum dc_action action, int lang,
               const char *text, size_t len)
{
    return dc_rules_match_first(r, &action, 1, lang, text, len);
}

const struct dc_rule *
dc_rules_match_first(const struct dc_rules *r, const enum dc_action *actions,
                     size_t n, int lang, const char *text, size_t len)
{
    if (!r)
        return NULL;
    const struct index *ix = NULL;
    struct memo *memo = NULL;
    for (size_t k = 0; k < n; k++) {
        enum dc_action action = actions[k];
        if ((unsigned)action >= DC_ACTION_COUNT || !r->n[action])
            continue;
        if (!ix) {
            /* bound once, at the first action with rules */
            ix = need_index(r);
            bind(r->s, ix, text ? text : "", text ? len : 0);
            memo = memo_slot(r, lang);
        }
        const struct dc_rule *found = match_bound(r, ix, (int)action, lang,
                                                  memo);
        if (found)
            return found;
    }
    return NULL;
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

/* Remove every match of ru from the bound subject into out (cleared
 * first).  Returns 1 when something was removed, 0 when not, -1 on a
 * limit (out is then garbage and the rule counts as not matching). */
static int
strip_one(struct scratch *s, struct rule *ru, struct dc_buf *out)
{
    const char *t = s->last.data;
    size_t n = s->last.len, pos = 0, start = 0;
    uint32_t opts = 0;
    bool removed = false, pending = false;
    dc_buf_clear(out);
    while (start <= n) {
        int rc = run(s, ru, start, opts);
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

/* The slot of unstripped lines for the bound subject in language lang,
 * taken over if another line had it; NULL for a line too long to keep. */
static struct unstripped *
unstripped_slot(const struct dc_rules *r, int lang)
{
    struct scratch *s = r->s;
    if (s->last.len > UNSTRIPPED_TEXT || r->no_prefilter)
        return NULL;
    if (!s->unstripped)
        s->unstripped = dc_xcalloc(UNSTRIPPED_SLOTS, sizeof *s->unstripped);
    uint64_t h = memo_hash(s, lang);
    struct unstripped *u = &s->unstripped[h >> (64 - UNSTRIPPED_BITS)];
    if (u->hash != h || u->lang != lang || u->text.len != s->last.len ||
        (s->last.len &&
         memcmp(u->text.data, s->last.data, s->last.len) != 0)) {
        u->hash = h;
        u->lang = lang;
        u->known = false;
        dc_buf_clear(&u->text);
        dc_buf_append(&u->text, s->last.data, s->last.len);
    }
    return u;
}

void
dc_rules_strip_window(const struct dc_rules *r, const char *text, size_t len)
{
    if (!r)
        return;
    struct scratch *s = r->s;
    s->win = text;
    s->win_len = text ? len : 0;
    s->in_win = false;
    if (text && r->n[DC_ACTION_STRIP])
        forget_window(s, need_index(r));
}

/* The first strip rule from i on that the index lets through for the
 * bound subject (r->n[DC_ACTION_STRIP]: none), passing over those whose
 * literals the window's search finds when quiet (see window_quiet()): a
 * look at a word of bits, not at each rule. */
static size_t
next_strip(const struct dc_rules *r, size_t i, bool quiet)
{
    const struct index *ix = r->ix;
    const struct scratch *s = r->s;
    size_t n = r->n[DC_ACTION_STRIP], base = ix->woff[DC_ACTION_STRIP];
    while (i < n) {
        size_t w = i / 64;
        uint64_t m = row_allows(ix, s, base + w) & (~0ull << (i % 64));
        if (quiet)
            m &= ~s->win_rules[w];
        if (m)
            return w * 64 + lowest_bit(m); /* (no bit past the rules) */
        i = (w + 1) * 64;
    }
    return n;
}

const struct dc_rule *
dc_rules_strip(const struct dc_rules *r, int lang, const char *text, size_t len,
               struct dc_buf *out)
{
    const struct rule *first = NULL;
    struct scratch *s = r ? r->s : NULL;
    int cur = -1; /* which work buffer holds the text, -1: the input */
    if (!text)
        text = "", len = 0;
    if (r && r->n[DC_ACTION_STRIP]) {
        need_index(r);
        bind(s, r->ix, text, len);
    }
    struct unstripped *u = NULL; /* the line's slot, once a rule runs */
    bool limited = false;
    /* the rules whose literals the window's search finds can be passed
     * over on a line none of those is in (until one strips it) */
    bool quiet = r && r->n[DC_ACTION_STRIP] && s->in_win && !r->no_prefilter &&
                 window_quiet(s, r->ix);
    for (size_t i = 0; r && i < r->n[DC_ACTION_STRIP]; i++) {
        if (!r->no_prefilter &&
            (i = next_strip(r, i, quiet && cur < 0)) >= r->n[DC_ACTION_STRIP])
            break;
        struct rule *ru = r->list[DC_ACTION_STRIP][i];
        if (!applies(ru, lang) || !candidate(r, DC_ACTION_STRIP, i))
            continue;
        if (cur < 0 && !u && (u = unstripped_slot(r, lang)) && u->known)
            break; /* nothing to strip, as before */
        int w = cur == 0 ? 1 : 0;
        set_limits(r);
        int rc = strip_one(s, ru, &s->work[w]);
        limited |= rc < 0;
        if (s->utf_bad)
            break;
        if (rc <= 0)
            continue;
        if (!first)
            first = ru;
        cur = w;
        bind(s, r->ix, s->work[w].data, s->work[w].len);
        /* valid UTF-8 cut at character boundaries is valid UTF-8 */
        s->utf_known = true;
        s->utf_bad = false;
    }
    if (u && cur < 0 && !limited)
        u->known = true;
    if (cur < 0)
        dc_buf_append(out, text, len);
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
