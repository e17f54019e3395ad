/*
 * stats.h - the counters behind --stats: documents, bytes in and out,
 * lines kept, lines dropped by each rule and feature, and the encodings
 * found.
 *
 * One object per thread (counting takes no lock); dc_stats_merge adds
 * one into another when the threads are done.  Nothing here prints:
 * dc_stats_format writes the report into a buffer for the caller.
 */
#ifndef DC_STATS_H
#define DC_STATS_H

#include "doc.h"

struct dc_stats {
    uint64_t docs;        /* documents cleaned */
    uint64_t errors;      /* documents or files reported */
    uint64_t bytes_in, bytes_out;
    uint64_t kept_lines, dropped_lines;
    double seconds;       /* wall time, set by the caller before format */
    /* private: drop reasons and encodings */
    struct dc_stats_reason *reasons;
    size_t nreasons, reasons_cap;  /* open hash on (what, rule) */
    struct dc_stats_label *labels; /* merged reasons, by name */
    size_t nlabels, labels_cap;
    struct dc_stats_label *encodings;
    size_t nencodings, encodings_cap;
};

struct dc_stats *dc_stats_new(void);
void dc_stats_free(struct dc_stats *s);

/* The pipeline's on_drop hook: arg is a struct dc_stats. */
void dc_stats_count_drop(void *arg, const struct dc_reason *why);

/* A document ended: count it, its lines and its encoding (NULL: none). */
void dc_stats_count_doc(struct dc_stats *s, const char *encoding,
                        uint64_t kept_lines, uint64_t dropped_lines);

/* Add everything counted in from (another thread's) into s. */
void dc_stats_merge(struct dc_stats *s, const struct dc_stats *from);

/*
 * The report, one "declutter: stats: ..." line each:
 *   documents N, errors N
 *   bytes in N, out N (P% of input), S s, R MB/s
 *   lines kept N, dropped N
 *   dropped N: REASON            (one line each, most first)
 *   encoding NAME: N documents   (one line each, most first)
 * A reason is a feature ("link list", "code") or a rule's action and
 * place ("drop rule <default>/default.rules:120").
 */
void dc_stats_format(const struct dc_stats *s, struct dc_buf *out);

#endif
