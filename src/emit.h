/*
 * emit.h - write decided lines: the article text, or the --explain
 * listing of every line with its decision and reason.
 *
 * Features: a header row "#line\tlines\tkeep\t..." at the start of each
 * document, then one row per block, at its first line: where it is, the
 * decision and reason, the class from its features alone, every field of
 * its struct dc_features, its markup hints (zero for text) and its text
 * (lines joined by one space, tabs made spaces).  For scripts that study
 * or train the classifier (bench/model.py); not a stable format.
 *
 * Text: kept lines as they are (trailing spaces were cut when the line
 * was read), one blank line between two kept lines wherever the input had
 * one or more blank lines between them, none at the start or the end of
 * a document, each line ending in '\n'.
 */
#ifndef DC_EMIT_H
#define DC_EMIT_H

#include "doc.h"

enum dc_emit_mode {
    DC_EMIT_TEXT = 0,
    DC_EMIT_EXPLAIN,
    DC_EMIT_FEATURES  /* --features: one tab-separated row per block */
};

/* Emitter state across calls within one document; zero it to start. */
struct dc_emitter {
    enum dc_emit_mode mode;
    bool any;            /* a line of this document has been written */
    bool blank_pending;  /* a blank line was seen since the last kept one */
    bool open;           /* the last line written is a piece of a longer
                            one (dc_line's `continued`), not ended yet */
    uint64_t open_number;   /* and its number */
    uint64_t kept, dropped; /* lines, for statistics */
    /* If set, called for each dropped line with the reason of its block. */
    void (*on_drop)(void *arg, const struct dc_reason *why);
    void *on_drop_arg;
};

/* Append the lines [from, to) of doc, which must be decided, to out. */
void dc_emit_lines(struct dc_emitter *e, const struct dc_doc *doc,
                   size_t from, size_t to, struct dc_buf *out);

/* End of a document: reset for the next one. */
void dc_emit_end(struct dc_emitter *e, struct dc_buf *out);

#endif
