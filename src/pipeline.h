/*
 * pipeline.h - one document's way through the stages, as a stream:
 *
 *   bytes -> decode -> normalise -> lines -> segment -> classify -> emit
 *
 * HTML takes another way in (html.h): the document is held whole, decoded
 * with the charset it declares, parsed, and its blocks go on to classify
 * and emit with their markup hints:
 *
 *   bytes -> [whole document] -> charset, decode -> html -> normalise ->
 *   lines -> classify -> emit
 *
 * Input is fed in chunks of any size, and the output does not depend on
 * them: text is taken a line at a time (the window advances at the same
 * lines however it came), and a feed of any length a slice at a time.
 * Output is appended to a buffer as soon as decisions are final.  Memory stays bounded: the document window
 * holds at most about DC_WINDOW_LINES lines or DC_WINDOW_BYTES bytes of
 * pending text, and what has been emitted is forgotten but for
 * DC_WINDOW_CONTEXT lines (at most DC_WINDOW_CONTEXT_BYTES) of context.
 * A line of text longer than DC_LINE_MAX bytes (doc.h) goes into the
 * window in pieces, which are written back as the one line they were.
 *
 * It knows nothing of files, options or stdout: main.c feeds it and writes
 * what it returns.
 */
#ifndef DC_PIPELINE_H
#define DC_PIPELINE_H

#include "emit.h"

#define DC_WINDOW_LINES 8192
#define DC_WINDOW_BYTES (8u << 20)
#define DC_WINDOW_CONTEXT 256
#define DC_WINDOW_CONTEXT_BYTES (2u << 20)
/* Lines (and bytes) after a block that must be seen before it is final. */
#define DC_LOOKAHEAD_LINES 1024
#define DC_LOOKAHEAD_BYTES (2u << 20)

struct dc_rules;

/*
 * What the input is: HTML when it looks like it (html.h), or forced
 * (--html, --text; a JSONL record read by --html-field is HTML).
 */
enum dc_input {
    DC_INPUT_AUTO = 0,
    DC_INPUT_HTML,
    DC_INPUT_TEXT
};

struct dc_pipeline_opts {
    const char *from_code;      /* encoding to assume, NULL to detect */
    bool keep_quotes;           /* leave curly quotes as they are */
    enum dc_emit_mode mode;     /* text or --explain */
    struct dc_rules *rules;     /* borrowed; one per pipeline (thread) */
    enum dc_input input;        /* --html, --text, or sniff */
    bool html_messages;         /* keep tidy's warnings (--verbose) */
    size_t html_part_bytes;     /* HTML longer than this is parsed in
                                   parts (0: 2 MiB; fuzzing asks less) */
    /* Called once for every dropped line with its block's reason (the
     * counting behind --stats); NULL for none.  Runs in the thread that
     * feeds the pipeline. */
    void (*on_drop)(void *arg, const struct dc_reason *why);
    void *on_drop_arg;
};

struct dc_pipeline;

/* NULL with err set (DC_EINVAL) when from_code is unknown, or HTML is
 * forced in a build without libtidy. */
struct dc_pipeline *dc_pipeline_new(const struct dc_pipeline_opts *opts,
                                    struct dc_error *err);
void dc_pipeline_free(struct dc_pipeline *p);

/*
 * Feed len bytes of the current document; append any output to out.  With
 * final, the document ends: everything is decided and written, and the
 * pipeline is ready for the next document.  Returns 0.
 */
int dc_pipeline_feed(struct dc_pipeline *p, const char *in, size_t len,
                     bool final, struct dc_buf *out);

/* About the last document (valid after its final feed until the next
 * feed): whether it was HTML and what tidy said, the encoding found,
 * bytes replaced while decoding, the language detected (NULL if none),
 * lines kept and dropped. */
struct dc_doc_stats {
    bool html;               /* read as HTML */
    const char *messages;    /* tidy's, NUL-terminated (html_messages) */
    const char *encoding;
    size_t replaced;
    const char *lang;
    uint64_t kept_lines, dropped_lines;
};
void dc_pipeline_stats(const struct dc_pipeline *p, struct dc_doc_stats *s);

#endif
