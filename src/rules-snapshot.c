/*
 * rules-snapshot.c - a loaded rules object as bytes, and a rules object
 * made from them (dc_rules_snapshot(), dc_rules_from_snapshot()): how
 * the build carries the default rules without compiling them again at
 * every run.
 *
 * It neither parses rule files nor matches; what the index and the
 * scratch space hold it leaves to rules-match.c to make again.
 */
#include "config.h"
#include "rules-internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- snapshot */

/*
 * A snapshot is what loading rule files left in a dc_rules, as bytes:
 * the patterns serialized by PCRE2, and the rules, tests, names,
 * settings and the index (built for it) as this build lays them out in
 * memory (their pointers replaced by what they point to).  Its strings
 * (each with a NUL) and the index's arrays (8-aligned) are used where
 * they lie: copied, they were some 250 pages of memory that every run
 * faulted in, a third of the page faults of a run on a short page.  The build
 * snapshots the default rules (tools/snapshot.c) and main.c starts from
 * that, so that a run does not compile and read every pattern again:
 * that was some 60M of the 70M instructions of a run on an empty input,
 * and building the index 2.6M more at its first block; a user who runs
 * declutter once a page pays them on every page.
 *
 * Only this build reads its snapshots: the header holds the sizes of
 * the structures and PCRE2's version, and PCRE2 refuses patterns
 * serialized by another of its versions.  What the index and the
 * scratch space hold is made again, as after a load.
 */
#define SNAP_MAGIC "dcrules3"

struct snap_header {
    char magic[8];
    uint32_t sizes[6]; /* of struct rule, lit, test, dc_settings, bset,
                          and DC_LANG_MAX */
    char pcre2_version[32];
    uint32_t nnames, ntests, nrules[DC_ACTION_COUNT];
    uint64_t pcre2_bytes; /* the serialized patterns, after the header */
};

static void
snap_header_sizes(struct snap_header *h)
{
    memcpy(h->magic, SNAP_MAGIC, sizeof h->magic);
    h->sizes[0] = sizeof(struct rule);
    h->sizes[1] = sizeof(struct lit);
    h->sizes[2] = sizeof(struct test);
    h->sizes[3] = sizeof(struct dc_settings);
    h->sizes[4] = sizeof(struct bset);
    h->sizes[5] = DC_LANG_MAX;
    memset(h->pcre2_version, 0, sizeof h->pcre2_version);
    pcre2_config(PCRE2_CONFIG_VERSION, h->pcre2_version);
}

/* A string's length, and the string with a NUL after it; NULL as a
 * length of SNAP_NULL. */
#define SNAP_NULL UINT64_MAX

static void
snap_put_string(struct dc_buf *out, const char *p, size_t n)
{
    uint64_t len = p ? n : SNAP_NULL;
    dc_buf_append(out, &len, sizeof len);
    if (p) {
        dc_buf_append(out, p, n);
        dc_buf_append(out, "", 1);
    }
}

/* Zeros up to the next multiple of 8 bytes from the snapshot's start
 * (out->data + at), where an array read in place begins. */
static void
snap_put_align(struct dc_buf *out, size_t at)
{
    static const char zeros[8];
    dc_buf_append(out, zeros, (8 - (out->len - at) % 8) % 8);
}

/* The index of name in r's names (every rule's and test's file is one). */
static uint32_t
snap_name_index(const struct dc_rules *r, const char *name)
{
    for (size_t i = 0; i < r->nnames; i++)
        if (r->names[i] == name)
            return (uint32_t)i;
    return UINT32_MAX;
}

/* The same bytes for the same rules: the pointers are left out, and the
 * structures' padding is zeros (a rule is allocated zeroed, the others
 * are copied field by field). */
static void
snap_put_rule(const struct dc_rules *r, const struct rule *ru,
              struct dc_buf *out, size_t at)
{
    struct rule c;
    memcpy(&c, ru, sizeof c);
    c.pub.file = NULL;
    c.pub.pattern = NULL;
    c.pub.code = NULL;
    c.pf.v = NULL;
    c.pf.cap = c.pf.n;
    c.seconds = NULL;
    c.second = NULL;
    c.heads = NULL;
    c.head_at = NULL;
    c.in_snapshot = false;
    uint32_t file = snap_name_index(r, ru->pub.file);
    dc_buf_append(out, &c, sizeof c);
    dc_buf_append(out, &file, sizeof file);
    snap_put_string(out, ru->pub.pattern, strlen(ru->pub.pattern));
    for (size_t j = 0; j < ru->pf.n; j++) {
        const struct lit *l = &ru->pf.v[j];
        struct lit z;
        memset(&z, 0, sizeof z);
        z.len = l->len;
        z.anchor = l->anchor;
        z.folded_len = l->folded_len;
        z.key = l->key;
        z.high = l->high;
        memcpy(z.head, l->head, sizeof z.head);
        z.slot = l->slot;
        dc_buf_append(out, &z, sizeof z);
        snap_put_string(out, l->s, l->len);
        snap_put_string(out, l->folded, l->folded_len);
    }
    /* arrays used in place: 8-aligned from the snapshot's start (at),
     * the ones of bytes and 16-bit numbers last */
    snap_put_align(out, at);
    dc_buf_append(out, ru->seconds, ru->nseconds * sizeof *ru->seconds);
    dc_buf_append(out, ru->heads, ru->nheads * sizeof *ru->heads);
    dc_buf_append(out, ru->second, ru->nseconds ? SECOND_ROWS : 0);
    dc_buf_append(out, ru->head_at,
                  ru->nheads ? HEAD_ROWS * sizeof *ru->head_at : 0);
}

static void
snap_put_test(const struct dc_rules *r, const struct test *t,
              struct dc_buf *out)
{
    struct test z;
    memset(&z, 0, sizeof z);
    z.kind = t->kind;
    z.line = t->line;
    z.langs = t->langs;
    uint32_t file = snap_name_index(r, t->file);
    dc_buf_append(out, &z, sizeof z);
    dc_buf_append(out, &file, sizeof file);
    snap_put_string(out, t->text, t->text_len);
    snap_put_string(out, t->want, t->want_len);
}

/* The words of a row of the index, as dc_rules_build_index() allocates them. */
static size_t
index_words(const struct index *ix)
{
    size_t words = ix->woff[DC_ACTION_COUNT];
    return words ? words : 1;
}

/* The index, built: its own arrays after it, each 8-aligned from the
 * snapshot's start (out->data + at). */
static void
snap_put_index(const struct index *ix, struct dc_buf *out, size_t at)
{
    struct index c;
    memcpy(&c, ix, sizeof c);
    c.by_start = c.unstarted = c.by_end = c.keyed_mask = NULL;
    for (int g = 0; g < 2; g++)
        for (int set = 0; set < 2; set++) {
            c.keys[g][set].v = NULL;
            c.keys[g][set].at = NULL;
            c.keys[g][set].maps = NULL;
        }
    c.lits = NULL;
    c.nlits = 0;
    c.in_snapshot = false;
    dc_buf_append(out, &c, sizeof c);
    snap_put_align(out, at);
    size_t words = index_words(ix);
    dc_buf_append(out, ix->by_start,
                  start_rows(ix->start_classes) * words * sizeof(uint64_t));
    dc_buf_append(out, ix->unstarted, words * sizeof(uint64_t));
    dc_buf_append(out, ix->by_end, END_ROWS * words * sizeof(uint64_t));
    dc_buf_append(out, ix->keyed_mask, words * sizeof(uint64_t));
    for (int g = 0; g < 2; g++) {
        for (int set = 0; set < 2; set++) {
            const struct keyset *ks = &ix->keys[g][set];
            for (size_t i = 0; i < ks->n; i++) {
                const struct key *e = &ks->v[i];
                struct key z;
                memset(&z, 0, sizeof z); /* (its padding) */
                z.hash = e->hash;
                z.action = e->action;
                z.at = e->at;
                z.index = e->index;
                z.len = e->len;
                z.head = e->head;
                z.lit = e->lit;
                dc_buf_append(out, &z, sizeof z);
            }
            dc_buf_append(out, ks->at, (KEY_BUCKETS + 1) * sizeof *ks->at);
            snap_put_align(out, at);
            if (ks->n)
                dc_buf_append(out, ks->maps, sizeof *ks->maps);
        }
    }
}

int
dc_rules_snapshot(const struct dc_rules *r, struct dc_buf *out)
{
    struct snap_header h;
    /* the index too, and what building it sets in the rules */
    need_index(r);
    memset(&h, 0, sizeof h);
    snap_header_sizes(&h);
    h.nnames = (uint32_t)r->nnames;
    h.ntests = (uint32_t)r->ntests;
    size_t total = 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        h.nrules[a] = (uint32_t)r->n[a];
        total += r->n[a];
    }
    const pcre2_code **codes = dc_xcalloc(total ? total : 1, sizeof *codes);
    size_t k = 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        for (size_t i = 0; i < r->n[a]; i++)
            codes[k++] = r->list[a][i]->pub.code;
    uint8_t *bytes = NULL;
    PCRE2_SIZE nbytes = 0;
    if (total && pcre2_serialize_encode(codes, (int32_t)total, &bytes,
                                        &nbytes, NULL) < 0) {
        dc_free(codes);
        return -1;
    }
    dc_free(codes);
    h.pcre2_bytes = nbytes;
    size_t at = out->len; /* the snapshot's start */
    dc_buf_append(out, &h, sizeof h);
    /* PCRE2 reads its header in place: it starts 8-aligned, as the
     * snapshot does */
    dc_buf_append(out, bytes, nbytes);
    pcre2_serialize_free(bytes);
    dc_buf_append(out, &r->settings, sizeof r->settings);
    dc_buf_append(out, r->lang_settings, sizeof r->lang_settings);
    for (size_t i = 0; i < r->nnames; i++)
        snap_put_string(out, r->names[i], strlen(r->names[i]));
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        for (size_t i = 0; i < r->n[a]; i++)
            snap_put_rule(r, r->list[a][i], out, at);
    for (size_t i = 0; i < r->ntests; i++)
        snap_put_test(r, &r->tests[i], out);
    snap_put_align(out, at);
    snap_put_index(r->ix, out, at);
    return 0;
}

/* Reading a snapshot: p[0..n), at; p is 8-aligned. */
struct snap_reader {
    const unsigned char *p;
    size_t n, at;
    bool bad;
};

static bool
snap_get(struct snap_reader *rd, void *to, size_t n)
{
    if (rd->bad || n > rd->n - rd->at) {
        rd->bad = true;
        memset(to, 0, n);
        return false;
    }
    memcpy(to, rd->p + rd->at, n);
    rd->at += n;
    return true;
}

/* p, which nothing writes through (in_snapshot says so), as the
 * structures' pointers, which a load writes through, take it. */
static void *
unconst(const void *p)
{
    return (void *)(uintptr_t)p;
}

/* The next string and its length: where it lies in the snapshot
 * (NUL-terminated there; never written through), or a copy when
 * !in_place. */
static char *
snap_get_string(struct snap_reader *rd, size_t *len, bool in_place)
{
    uint64_t n = 0;
    *len = 0;
    if (!snap_get(rd, &n, sizeof n) || n == SNAP_NULL)
        return NULL;
    if (n >= rd->n - rd->at || rd->p[rd->at + n] != '\0') {
        rd->bad = true;
        return NULL;
    }
    const char *at = (const char *)rd->p + rd->at;
    rd->at += (size_t)n + 1;
    *len = (size_t)n;
    return in_place ? unconst(at) : dc_xstrndup(at, (size_t)n);
}

/* Past the zeros snap_put_align() wrote. */
static void
snap_get_align(struct snap_reader *rd)
{
    size_t pad = (8 - rd->at % 8) % 8;
    if (pad > rd->n - rd->at)
        rd->bad = true;
    else
        rd->at += pad;
}

/* Where the next n bytes lie, an array used in place; NULL when the
 * snapshot is short. */
static void *
snap_get_in_place(struct snap_reader *rd, size_t n)
{
    if (rd->bad || n > rd->n - rd->at) {
        rd->bad = true;
        return NULL;
    }
    const void *at = rd->p + rd->at;
    rd->at += n;
    return unconst(at);
}

static const char *
snap_name(const struct dc_rules *r, struct snap_reader *rd)
{
    uint32_t k = 0;
    snap_get(rd, &k, sizeof k);
    if (k >= r->nnames) {
        rd->bad = true;
        return "?";
    }
    return r->names[k];
}

/* The next rule, its pattern's code code (the rule's, or freed); NULL
 * when rd went bad. */
static struct rule *
snap_get_rule(struct dc_rules *r, struct snap_reader *rd, pcre2_code *code)
{
    struct rule *ru = dc_xmalloc(sizeof *ru);
    size_t len;
    snap_get(rd, ru, sizeof *ru);
    ru->pub.code = code;
    ru->pub.file = snap_name(r, rd);
    ru->pub.pattern = snap_get_string(rd, &len, true);
    ru->in_snapshot = true;
    size_t nseconds = ru->nseconds, nheads = ru->nheads;
    ru->seconds = NULL;
    ru->second = NULL;
    ru->nseconds = 0;
    ru->heads = NULL;
    ru->head_at = NULL;
    ru->nheads = 0;
    size_t n = ru->pf.n;
    ru->pf.n = ru->pf.cap = 0;
    ru->pf.v = NULL;
    if (n <= (rd->n - rd->at) / sizeof *ru->pf.v)
        ru->pf.v = dc_xmalloc(n * sizeof *ru->pf.v);
    else
        rd->bad = true;
    for (size_t j = 0; j < n && !rd->bad; j++) {
        struct lit *l = &ru->pf.v[ru->pf.n++];
        ru->pf.cap = ru->pf.n;
        snap_get(rd, l, sizeof *l);
        l->s = snap_get_string(rd, &len, true);
        l->folded = snap_get_string(rd, &len, true);
    }
    /* the arrays where they lie (in_snapshot), each number in them
     * checked against the array it counts in */
    snap_get_align(rd);
    if (nseconds > (rd->n - rd->at) / sizeof *ru->seconds ||
        nheads > (rd->n - rd->at) / sizeof *ru->heads)
        rd->bad = true;
    if (nseconds && !rd->bad) {
        ru->seconds = snap_get_in_place(rd, nseconds * sizeof *ru->seconds);
        ru->nseconds = (uint32_t)nseconds;
    }
    if (nheads && !rd->bad) {
        ru->heads = snap_get_in_place(rd, nheads * sizeof *ru->heads);
        ru->nheads = (uint32_t)nheads;
    }
    /* (maxima, which the compiler takes 16 bytes at a time: this is
     * asked of every rule at every start) */
    if (nseconds && !rd->bad) {
        ru->second = snap_get_in_place(rd, SECOND_ROWS);
        uint8_t most = 0;
        for (size_t c = 0; ru->second && c < SECOND_ROWS; c++)
            most = ru->second[c] > most ? ru->second[c] : most;
        rd->bad = rd->bad || most > nseconds;
    }
    if (nheads && !rd->bad) {
        ru->head_at = snap_get_in_place(rd, HEAD_ROWS * sizeof *ru->head_at);
        uint16_t most = 0;
        for (size_t c = 0; ru->head_at && c < HEAD_ROWS; c++)
            most = ru->head_at[c] > most ? ru->head_at[c] : most;
        rd->bad = rd->bad || most > nheads;
    }
    ru->jit = ru->jit_tried = ru->warned = false;
    ru->runs = 0;
    ru->run_bytes = 0;
    if (rd->bad) {
        dc_rules_rule_free(ru);
        return NULL;
    }
    return ru;
}

static void
snap_get_test(struct dc_rules *r, struct snap_reader *rd, struct test *t)
{
    snap_get(rd, t, sizeof *t);
    t->file = snap_name(r, rd);
    t->text = snap_get_string(rd, &t->text_len, true);
    t->want = snap_get_string(rd, &t->want_len, true);
    t->in_snapshot = true;
    if (!t->want)
        rd->bad = true; /* every test has one */
}

/* Literal number k of the rules (struct index's lits): the rule it is
 * of (list[action][index]) and its folded length. */
struct lit_owner {
    uint32_t action, index, len;
};

/* The next keyset's arrays, used in place; ks->n from the index read.
 * owner[0..nlits): whose each literal is (a key's is checked against it
 * in a look-up, not through its rule: thousands of keys, each rule's
 * structure a cache miss away). */
static void
snap_get_keys(struct snap_reader *rd, struct keyset *ks,
              const struct lit_owner *owner, size_t nlits)
{
    if (ks->n > (rd->n - rd->at) / sizeof *ks->v) {
        rd->bad = true;
        ks->n = 0;
    }
    ks->v = snap_get_in_place(rd, ks->n * sizeof *ks->v);
    ks->at = snap_get_in_place(rd, (KEY_BUCKETS + 1) * sizeof *ks->at);
    snap_get_align(rd);
    ks->maps = ks->n ? snap_get_in_place(rd, sizeof *ks->maps) : NULL;
    if (rd->bad) {
        ks->n = 0;
        return;
    }
    for (size_t i = 0; i < ks->n && !rd->bad; i++) {
        const struct key *e = &ks->v[i];
        if (e->lit >= nlits || owner[e->lit].action != e->action ||
            owner[e->lit].index != e->index || owner[e->lit].len != e->len)
            rd->bad = true;
    }
    for (size_t b = 0; b <= KEY_BUCKETS && !rd->bad; b++)
        if (ks->at[b] > ks->n)
            rd->bad = true;
}

/* The index, as snap_put_index() wrote it for r's rules, in place of
 * r's, which has not been built: its arrays where they lie. */
static void
snap_get_index(const struct dc_rules *r, struct snap_reader *rd)
{
    struct index *ix = r->ix;
    snap_get(rd, ix, sizeof *ix);
    ix->by_start = ix->unstarted = ix->by_end = ix->keyed_mask = NULL;
    for (int g = 0; g < 2; g++)
        for (int set = 0; set < 2; set++) {
            struct keyset *ks = &ix->keys[g][set];
            ks->v = NULL;
            ks->at = NULL;
            ks->maps = NULL;
        }
    ix->lits = NULL;
    ix->in_snapshot = true; /* (whatever it holds is not to be freed) */
    snap_get_align(rd);
    bool fits = ix->start_classes >= 1 &&
                ix->start_classes <= START_MAX_CLASSES &&
                (ix->start_classes & (ix->start_classes - 1)) == 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        fits = fits && ix->woff[a + 1] == ix->woff[a] + (r->n[a] + 63) / 64;
    if (!fits) {
        rd->bad = true;
        return;
    }
    size_t words = index_words(ix);
    size_t rows = start_rows(ix->start_classes);
    ix->by_start = snap_get_in_place(rd, rows * words * 8);
    ix->unstarted = snap_get_in_place(rd, words * 8);
    ix->by_end = snap_get_in_place(rd, END_ROWS * words * 8);
    ix->keyed_mask = snap_get_in_place(rd, words * 8);
    dc_rules_index_lits(r);
    struct lit_owner *owner =
        dc_xmalloc((ix->nlits ? ix->nlits : 1) * sizeof *owner);
    size_t k = 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        for (size_t i = 0; i < r->n[a]; i++)
            for (size_t j = 0; j < r->list[a][i]->pf.n; j++, k++)
                owner[k] = (struct lit_owner){
                    (uint32_t)a, (uint32_t)i,
                    (uint32_t)r->list[a][i]->pf.v[j].folded_len};
    for (int g = 0; g < 2; g++)
        for (int set = 0; set < 2; set++)
            snap_get_keys(rd, &ix->keys[g][set], owner, ix->nlits);
    if (ix->win_slots > ix->nlits)
        rd->bad = true;
    dc_free(owner);
    if (!rd->bad)
        dc_rules_index_ready(r);
}

struct dc_rules *
dc_rules_from_snapshot(const void *data, size_t len)
{
    struct snap_reader rd = {data, len, 0, false};
    struct snap_header h, want;
    snap_header_sizes(&want);
    if ((uintptr_t)data % 8 != 0 || !snap_get(&rd, &h, sizeof h) ||
        memcmp(h.magic, want.magic, 8) ||
        memcmp(h.sizes, want.sizes, sizeof h.sizes) ||
        memcmp(h.pcre2_version, want.pcre2_version, sizeof h.pcre2_version) ||
        h.pcre2_bytes > len - rd.at)
        return NULL;
    size_t total = 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++)
        total += h.nrules[a];
    if (total > INT32_MAX)
        return NULL;
    struct dc_rules *r = dc_rules_new();
    /* DC_RULES_NO_PREFILTER changes what loading leaves (see
     * parse_rule()): the tests that set it load the files */
    if (r->no_prefilter)
        goto fail;
    pcre2_code **codes = dc_xcalloc(total ? total : 1, sizeof *codes);
    if (total && pcre2_serialize_decode(codes, (int32_t)total, rd.p + rd.at,
                                        r->s->gctx) != (int32_t)total) {
        dc_free(codes);
        goto fail;
    }
    rd.at += (size_t)h.pcre2_bytes;
    snap_get(&rd, &r->settings, sizeof r->settings);
    snap_get(&rd, r->lang_settings, sizeof r->lang_settings);
    for (uint32_t i = 0; i < h.nnames && !rd.bad; i++) {
        size_t n;
        char *name = snap_get_string(&rd, &n, false);
        r->names = dc_xgrow(r->names, &r->capnames, r->nnames + 1,
                            sizeof *r->names);
        r->names[r->nnames++] = name ? name : dc_xstrdup("");
    }
    size_t k = 0;
    for (int a = 0; a < DC_ACTION_COUNT; a++) {
        r->cap[a] = h.nrules[a];
        r->list[a] = dc_xmalloc((r->cap[a] ? r->cap[a] : 1) *
                                sizeof *r->list[a]);
        for (uint32_t i = 0; i < h.nrules[a]; i++, k++) {
            struct rule *ru = snap_get_rule(r, &rd, codes[k]);
            if (!ru)
                continue;
            uint32_t captures = 0;
            pcre2_pattern_info(ru->pub.code, PCRE2_INFO_CAPTURECOUNT,
                               &captures);
            if (captures + 1 > r->s->md_pairs)
                r->s->md_pairs = captures + 1;
            r->list[a][r->n[a]++] = ru;
        }
    }
    dc_free(codes);
    if (h.ntests > (rd.n - rd.at) / sizeof *r->tests)
        rd.bad = true;
    r->captests = rd.bad ? 0 : h.ntests;
    r->tests = dc_xmalloc((r->captests ? r->captests : 1) * sizeof *r->tests);
    for (uint32_t i = 0; i < r->captests && !rd.bad; i++)
        snap_get_test(r, &rd, &r->tests[r->ntests++]);
    snap_get_align(&rd);
    if (!rd.bad)
        snap_get_index(r, &rd);
    if (rd.bad || rd.at != rd.n)
        goto fail;
    /* the match data must fit the pattern with the most captures */
    pcre2_match_data_free(r->s->md);
    r->s->md = pcre2_match_data_create(r->s->md_pairs, r->s->gctx);
    return r;
fail:
    dc_rules_free(r);
    return NULL;
}
