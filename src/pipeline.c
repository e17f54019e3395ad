/*
 * pipeline.c - drive one document through the stages; see pipeline.h.
 */
#include "config.h"
#include "pipeline.h"

#include "classify.h"
#include "decode.h"
#include "layout.h"
#include "normalise.h"
#include "segment.h"

#include <string.h>

/* Lines at the window's end that layout leaves for the next advance. */
#define LAYOUT_WAIT 64

struct dc_pipeline {
    struct dc_decoder *decoder;
    struct dc_norm_opts norm;
    struct dc_classifier *classifier;
    struct dc_emitter emitter;
    struct dc_doc doc;
    struct dc_buf utf8;       /* decoded, not yet normalised */
    struct dc_buf norm_out;   /* normalised, not yet split into lines */
    struct dc_doc_stats stats;
    size_t layout_done;       /* lines before this were laid out */
    size_t next_lines;        /* pending lines that make the next advance */
    size_t next_bytes;        /* ...or pending bytes */
};

struct dc_pipeline *
dc_pipeline_new(const struct dc_pipeline_opts *opts, struct dc_error *err)
{
    if (opts->input != DC_INPUT_TEXT) {
        dc_error_set(err, DC_EINVAL, "HTML input is not supported in this "
                                     "build");
        return NULL;
    }
    struct dc_decoder *d = dc_decoder_new(opts->from_code, err);
    if (!d)
        return NULL;
    struct dc_pipeline *p = dc_xcalloc(1, sizeof *p);
    p->decoder = d;
    p->norm.keep_quotes = opts->keep_quotes;
    p->classifier = dc_classifier_new(opts->rules);
    p->emitter.mode = opts->mode;
    p->emitter.on_drop = opts->on_drop;
    p->emitter.on_drop_arg = opts->on_drop_arg;
    dc_doc_init(&p->doc);
    p->next_lines = DC_WINDOW_LINES + DC_LOOKAHEAD_LINES;
    p->next_bytes = DC_WINDOW_BYTES;
    return p;
}

void
dc_pipeline_free(struct dc_pipeline *p)
{
    if (!p)
        return;
    dc_decoder_free(p->decoder);
    dc_classifier_free(p->classifier);
    dc_doc_free(&p->doc);
    dc_buf_free(&p->utf8);
    dc_buf_free(&p->norm_out);
    dc_free(p);
}

/*
 * Where decoded text may be cut for normalising: after the last '\n', or
 * after a last '\r' that is not the final byte (it may be half a CRLF).
 * Only bytes from `fresh` on are new: before them there is no cut, but
 * for a '\r' just before them.  Searching only those keeps a long line
 * arriving in many chunks linear.
 */
static size_t
line_cut(const char *s, size_t len, size_t fresh)
{
    size_t stop = fresh > 0 ? fresh - 1 : 0;
    for (size_t i = len; i-- > stop;) {
        if (s[i] == '\n')
            return i + 1;
        if (s[i] == '\r' && i + 1 < len)
            return i + 1;
    }
    return 0;
}

/* Split normalised text into lines; with final, a last unterminated line
 * too.  Consumes what it adds. */
static void
add_lines(struct dc_pipeline *p, bool final)
{
    struct dc_buf *b = &p->norm_out;
    size_t start = 0;
    for (;;) {
        const char *nl = b->len > start
                             ? memchr(b->data + start, '\n', b->len - start)
                             : NULL;
        if (!nl)
            break;
        size_t end = (size_t)(nl - b->data);
        dc_doc_add_line(&p->doc, b->data + start, end - start);
        start = end + 1;
    }
    if (final && start < b->len) {
        dc_doc_add_line(&p->doc, b->data + start, b->len - start);
        start = b->len;
    }
    dc_buf_consume(b, start);
}

static size_t
pending_bytes(const struct dc_doc *doc)
{
    size_t frozen_bytes = doc->nfrozen_lines < doc->nlines
                              ? doc->lines[doc->nfrozen_lines].off
                              : doc->text.len;
    return doc->text.len - frozen_bytes;
}

static bool
window_full(const struct dc_pipeline *p)
{
    const struct dc_doc *doc = &p->doc;
    size_t pending = doc->nlines - doc->nfrozen_lines;
    return pending >= p->next_lines || pending_bytes(doc) >= p->next_bytes;
}

/*
 * The last line that can be decided now: DC_LOOKAHEAD_LINES before the
 * end, and no more than DC_LOOKAHEAD_BYTES of text after it is needed.
 */
static size_t
horizon(const struct dc_doc *doc)
{
    size_t h = doc->nlines > DC_LOOKAHEAD_LINES
                   ? doc->nlines - DC_LOOKAHEAD_LINES
                   : 0;
    size_t end = doc->text.len;
    size_t i = doc->nlines;
    while (i > h && end - doc->lines[i - 1].off < DC_LOOKAHEAD_BYTES)
        i--;
    return i;
}

/* Decide what can be decided, emit it, and forget old context. */
static void
advance(struct dc_pipeline *p, bool final, struct dc_buf *out)
{
    struct dc_doc *doc = &p->doc;
    /* Columns side by side back into reading order, once per line; the
     * last lines wait, in case a table goes on after them. */
    size_t settled = final ? doc->nlines
                           : doc->nlines > LAYOUT_WAIT ? doc->nlines - LAYOUT_WAIT
                                                       : 0;
    if (p->layout_done < doc->nfrozen_lines)
        p->layout_done = doc->nfrozen_lines;
    if (settled > p->layout_done)
        p->layout_done = dc_layout_columns(doc, p->layout_done, settled);
    dc_segment(doc, doc->nfrozen_lines);
    size_t done = dc_classify(p->classifier, doc, horizon(doc), final);
    if (done > doc->nfrozen_lines) {
        dc_emit_lines(&p->emitter, doc, doc->nfrozen_lines, done, out);
        doc->nfrozen_lines = done;
    }
    if (doc->nfrozen_lines > DC_WINDOW_CONTEXT) {
        /* Forget at a block boundary at least DC_WINDOW_CONTEXT lines
         * before the frozen edge. */
        size_t cut = doc->nfrozen_lines - DC_WINDOW_CONTEXT;
        while (cut > 0 && doc->lines[cut].block != DC_NONE &&
               doc->lines[cut - 1].block == doc->lines[cut].block)
            cut--;
        dc_doc_forget(doc, cut);
        p->layout_done -= cut < p->layout_done ? cut : p->layout_done;
    }
    /* Wait for the window to fill again before the next try, so that a
     * window that could not advance is not classified on every feed. */
    size_t pending = doc->nlines - doc->nfrozen_lines;
    p->next_lines = pending + DC_WINDOW_LINES;
    p->next_bytes = dc_add_size(pending_bytes(doc), DC_WINDOW_BYTES);
}

int
dc_pipeline_feed(struct dc_pipeline *p, const char *in, size_t len,
                 bool final, struct dc_buf *out)
{
    size_t fresh = p->utf8.len;
    dc_decoder_feed(p->decoder, in, len, final, &p->utf8);
    size_t cut =
        final ? p->utf8.len : line_cut(p->utf8.data, p->utf8.len, fresh);
    if (cut) {
        dc_normalise(p->utf8.data, cut, &p->norm, &p->norm_out);
        dc_buf_consume(&p->utf8, cut);
        add_lines(p, final);
    }
    if (final || window_full(p))
        advance(p, final, out);
    if (final) {
        struct dc_doc_stats *s = &p->stats;
        s->encoding = dc_decoder_encoding(p->decoder);
        s->replaced = dc_decoder_replaced(p->decoder);
        s->lang = p->doc.lang;
        s->kept_lines = p->emitter.kept;
        s->dropped_lines = p->emitter.dropped;
        dc_emit_end(&p->emitter, out);
        p->emitter.kept = p->emitter.dropped = 0;
        dc_doc_reset(&p->doc);
        p->layout_done = 0;
        p->next_lines = DC_WINDOW_LINES + DC_LOOKAHEAD_LINES;
        p->next_bytes = DC_WINDOW_BYTES;
    }
    return 0;
}

void
dc_pipeline_stats(const struct dc_pipeline *p, struct dc_doc_stats *s)
{
    *s = p->stats;
}
