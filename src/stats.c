/*
 * stats.c - counters for --stats; see stats.h.
 *
 * Dropped lines are counted per (reason phrase, rule) pair, keyed by the
 * two pointers in an open-addressed table: the phrases are static strings
 * and a rule lives as long as its thread's rules object, so counting a
 * line costs a hash and a compare.  Merging turns the pairs into names
 * ("drop rule FILE:LINE"), since each thread has rule objects of its own.
 */
#include "config.h"
#include "stats.h"

#include "rules.h"

#include <stdlib.h>
#include <string.h>

struct dc_stats_reason {
    const char *what; /* NULL: empty slot */
    const struct dc_rule *rule;
    uint64_t lines;
};

struct dc_stats_label {
    char *name;
    uint64_t n;
};

struct dc_stats *
dc_stats_new(void)
{
    return dc_xcalloc(1, sizeof(struct dc_stats));
}

static void
free_labels(struct dc_stats_label *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dc_free(l[i].name);
    dc_free(l);
}

void
dc_stats_free(struct dc_stats *s)
{
    if (!s)
        return;
    dc_free(s->reasons);
    free_labels(s->labels, s->nlabels);
    free_labels(s->encodings, s->nencodings);
    dc_free(s);
}

static size_t
slot_of(const char *what, const struct dc_rule *rule, size_t cap)
{
    uintptr_t h = (uintptr_t)what * 31u + (uintptr_t)rule;
    h ^= h >> 17;
    h *= 0x9e3779b1u;
    return (size_t)(h ^ (h >> 15)) & (cap - 1);
}

static void
reasons_grow(struct dc_stats *s)
{
    size_t cap = s->reasons_cap ? s->reasons_cap * 2 : 64;
    struct dc_stats_reason *t = dc_xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < s->reasons_cap; i++) {
        struct dc_stats_reason *r = &s->reasons[i];
        if (!r->what)
            continue;
        size_t j = slot_of(r->what, r->rule, cap);
        while (t[j].what)
            j = (j + 1) & (cap - 1);
        t[j] = *r;
    }
    dc_free(s->reasons);
    s->reasons = t;
    s->reasons_cap = cap;
}

void
dc_stats_count_drop(void *arg, const struct dc_reason *why)
{
    struct dc_stats *s = arg;
    const char *what = why->what ? why->what : "-";
    const struct dc_rule *rule = why->rule;
    if (2 * (s->nreasons + 1) > s->reasons_cap)
        reasons_grow(s);
    size_t j = slot_of(what, rule, s->reasons_cap);
    while (s->reasons[j].what &&
           (s->reasons[j].what != what || s->reasons[j].rule != rule))
        j = (j + 1) & (s->reasons_cap - 1);
    if (!s->reasons[j].what) {
        s->reasons[j].what = what;
        s->reasons[j].rule = rule;
        s->nreasons++;
    }
    s->reasons[j].lines++;
}

/* Add n to the label `name` of a list (a linear search: lists are short,
 * and this runs once per document or per merge). */
static void
add_label(struct dc_stats_label **l, size_t *nl, size_t *cap,
          const char *name, uint64_t n)
{
    for (size_t i = 0; i < *nl; i++) {
        if (strcmp((*l)[i].name, name) == 0) {
            (*l)[i].n += n;
            return;
        }
    }
    *l = dc_xgrow(*l, cap, *nl + 1, sizeof **l);
    (*l)[*nl].name = dc_xstrdup(name);
    (*l)[*nl].n = n;
    (*nl)++;
}

void
dc_stats_count_doc(struct dc_stats *s, const char *encoding,
                   uint64_t kept_lines, uint64_t dropped_lines)
{
    s->docs++;
    s->kept_lines += kept_lines;
    s->dropped_lines += dropped_lines;
    add_label(&s->encodings, &s->nencodings, &s->encodings_cap,
              encoding ? encoding : "none (empty)", 1);
}

void
dc_stats_merge(struct dc_stats *s, const struct dc_stats *from)
{
    s->docs += from->docs;
    s->errors += from->errors;
    s->bytes_in += from->bytes_in;
    s->bytes_out += from->bytes_out;
    s->kept_lines += from->kept_lines;
    s->dropped_lines += from->dropped_lines;
    struct dc_buf name = DC_BUF_INIT;
    for (size_t i = 0; i < from->reasons_cap; i++) {
        const struct dc_stats_reason *r = &from->reasons[i];
        if (!r->what)
            continue;
        dc_buf_clear(&name);
        dc_buf_puts(&name, r->what);
        if (r->rule)
            dc_buf_printf(&name, " %s:%u", r->rule->file, r->rule->line);
        add_label(&s->labels, &s->nlabels, &s->labels_cap, name.data,
                  r->lines);
    }
    dc_buf_free(&name);
    for (size_t i = 0; i < from->nlabels; i++)
        add_label(&s->labels, &s->nlabels, &s->labels_cap,
                  from->labels[i].name, from->labels[i].n);
    for (size_t i = 0; i < from->nencodings; i++)
        add_label(&s->encodings, &s->nencodings, &s->encodings_cap,
                  from->encodings[i].name, from->encodings[i].n);
}

/* Most first, then by name, so that the report does not depend on the
 * order in which threads happened to count. */
static int
by_count(const void *a, const void *b)
{
    const struct dc_stats_label *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->name, y->name);
}

void
dc_stats_format(const struct dc_stats *s, struct dc_buf *out)
{
    struct dc_stats all = {0};
    dc_stats_merge(&all, s);
    unsigned long long in = (unsigned long long)s->bytes_in;
    unsigned long long outb = (unsigned long long)s->bytes_out;
    dc_buf_printf(out, "declutter: stats: documents %llu, errors %llu\n",
                  (unsigned long long)s->docs,
                  (unsigned long long)s->errors);
    dc_buf_printf(out,
                  "declutter: stats: bytes in %llu, out %llu (%.1f%% of "
                  "input), %.2f s, %.1f MB/s\n",
                  in, outb, in ? 100.0 * (double)outb / (double)in : 0.0,
                  s->seconds,
                  s->seconds > 0 ? (double)in / 1e6 / s->seconds : 0.0);
    dc_buf_printf(out, "declutter: stats: lines kept %llu, dropped %llu\n",
                  (unsigned long long)s->kept_lines,
                  (unsigned long long)s->dropped_lines);
    if (all.nlabels)
        qsort(all.labels, all.nlabels, sizeof *all.labels, by_count);
    for (size_t i = 0; i < all.nlabels; i++)
        dc_buf_printf(out, "declutter: stats: dropped %llu: %s\n",
                      (unsigned long long)all.labels[i].n,
                      all.labels[i].name);
    if (all.nencodings)
        qsort(all.encodings, all.nencodings, sizeof *all.encodings,
              by_count);
    for (size_t i = 0; i < all.nencodings; i++)
        dc_buf_printf(out, "declutter: stats: encoding %s: %llu documents\n",
                      all.encodings[i].name,
                      (unsigned long long)all.encodings[i].n);
    dc_free(all.reasons);
    free_labels(all.labels, all.nlabels);
    free_labels(all.encodings, all.nencodings);
}
