/*
 * fuzz-pipeline.c - a whole document through the pipeline with the
 * built-in rules: decode, normalise, layout, segment, classify, emit.
 *
 * Input: byte 0 holds the options (bit 0: keep quotes, bit 1: --explain)
 * and the chunk size (bits 2-7, plus one: 1-64 bytes); the rest is the
 * document.
 *
 * The document is read as text (--text); fuzz-html.c runs the same
 * checks on documents read as HTML, but for the line check below.
 *
 * Properties: the output is clean (valid UTF-8, no NUL, no control but
 * tab and newline); it does not depend on the chunk size (nor on a
 * document's length: tests/test-pipeline.c feeds ones that span many
 * windows); and in text mode every
 * output line is a line of the input as normalised, in input order, with
 * inline spans at most removed (an output line is a subsequence of its
 * input line), never invented.  The one stage allowed to join lines is
 * layout, which reads side-by-side columns (cells three spaces apart, or
 * a drawn border between them, on four lines or more) back into reading
 * order: when the input has such
 * lines, an output line need only be a subsequence of the input's text.
 */
#include "config.h"
#include "fuzz.h"

#include "decode.h"
#include "embedded.h"
#include "lang.h"
#include "normalise.h"
#include "pipeline.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* The built-in rules, loaded once: they are the same for every input. */
static struct dc_rules *
default_rules(void)
{
    static struct dc_rules *rules;
    if (!rules) {
        dc_lang_init();
        rules = dc_rules_new();
        for (const struct dc_embedded_file *f = dc_embedded_rules; f->name; f++)
            if (dc_rules_load_string(rules, f->name, f->data, f->len, NULL))
                dc_fuzz_fail("pipeline", "the built-in rules do not load");
    }
    return rules;
}

static void
run(const struct dc_pipeline_opts *po, const char *text, size_t len,
    size_t chunk, struct dc_buf *out)
{
    struct dc_error err = {0};
    struct dc_pipeline *p = dc_pipeline_new(po, &err);
    if (!p)
        dc_fuzz_fail("pipeline", "dc_pipeline_new failed");
    for (size_t pos = 0; pos < len; pos += chunk)
        dc_pipeline_feed(p, text + pos, len - pos < chunk ? len - pos : chunk,
                         false, out);
    dc_pipeline_feed(p, NULL, 0, true, out);
    dc_pipeline_free(p);
}

/* Has the line a gap between two pieces of text: three spaces, or a
 * drawn cell border ('|' beside a space, "Sports   | Weather")?  Leading
 * blanks and borders are indentation.  This may say yes where layout
 * says no, which only makes the check below looser, never wrong. */
static bool
has_gap(const char *p, size_t len)
{
    size_t i = 0, run_len = 0;
    while (i < len && (p[i] == ' ' || p[i] == '|'))
        i++;
    size_t text = i;
    for (; i < len; i++) {
        if (p[i] == '|' && i > text && i + 1 < len &&
            (p[i - 1] == ' ' || p[i + 1] == ' '))
            return true;
        if (p[i] != ' ') {
            if (run_len >= 3)
                return true;
            run_len = 0;
        } else {
            run_len++;
        }
    }
    return false;
}

/* The next line of s[*pos..n), without its '\n' and trailing blanks (as
 * the document stores it); false at the end. */
static bool
next_line(const char *s, size_t n, size_t *pos, struct dc_span *line)
{
    if (*pos >= n)
        return false;
    const char *nl = memchr(s + *pos, '\n', n - *pos);
    size_t end = nl ? (size_t)(nl - s) : n;
    line->p = s + *pos;
    line->len = end - *pos;
    while (line->len > 0 &&
           (line->p[line->len - 1] == ' ' || line->p[line->len - 1] == '\t'))
        line->len--;
    *pos = end + 1;
    return true;
}

/* Could p[0..len) be a line of a frame html2text draws, "  |...|"
 * (src/layout.c, frame_row())? */
static bool
framed_line(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len && p[i] == ' ')
        i++;
    return len - i >= 2 && p[i] == '|' && p[len - 1] == '|';
}

/* s[0..n) with each '_' a space, into out (emptied first). */
static void
underscores_as_spaces(const char *s, size_t n, struct dc_buf *out)
{
    dc_buf_clear(out);
    dc_buf_append(out, s, n);
    for (size_t i = 0; i < out->len; i++)
        if (out->data[i] == '_')
            out->data[i] = ' ';
}

static void
check_lines(const char *me, const char *in, size_t in_len, const char *out,
            size_t out_len, bool keep_quotes)
{
    /* The input as the pipeline sees it: decoded and normalised whole. */
    struct dc_decoder *d = dc_decoder_new(NULL, NULL);
    struct dc_buf utf8 = DC_BUF_INIT, norm = DC_BUF_INIT;
    struct dc_norm_opts o = {.keep_quotes = keep_quotes};
    dc_decoder_feed(d, in, in_len, true, &utf8);
    dc_normalise(DC_FUZZ_DATA(utf8), utf8.len, &o, &norm);
    dc_decoder_free(d);

    const char *s = DC_FUZZ_DATA(norm);
    size_t pos = 0, gaps = 0, framed = 0;
    struct dc_span l;
    while (next_line(s, norm.len, &pos, &l)) {
        gaps += has_gap(l.p, l.len);
        framed += framed_line(l.p, l.len);
    }
    /* Layout draws a framed table's last row back with spaces where
     * html2text drew them as '_' (src/layout.c, unframe()): the lines
     * are compared with '_' read as a space on both sides. */
    struct dc_buf in_plain = DC_BUF_INIT, out_plain = DC_BUF_INIT;
    underscores_as_spaces(s, norm.len, &in_plain);
    underscores_as_spaces(out, out_len, &out_plain);
    s = DC_FUZZ_DATA(in_plain);
    out = DC_FUZZ_DATA(out_plain);
    struct dc_buf flat = DC_BUF_INIT;
    dc_buf_append(&flat, s, norm.len);
    for (size_t i = 0; i < flat.len; i++)
        if (flat.data[i] == '\n')
            flat.data[i] = ' ';

    size_t opos = 0;
    pos = 0;
    struct dc_span ol;
    while (next_line(out, out_len, &opos, &ol)) {
        if (ol.len == 0)
            continue; /* blank lines are the emitter's */
        if (gaps >= 4 || framed > 0) {
            /* layout joins a column's cells, and a framed cell's lines
             * (unframe()), with a space where the input had a line end */
            DC_FUZZ_CHECK(
                me, dc_fuzz_subsequence(ol.p, ol.len, flat.data, flat.len),
                "an output line is not made of input text");
            continue;
        }
        bool found = false;
        while (!found && next_line(s, norm.len, &pos, &l))
            found = dc_fuzz_subsequence(ol.p, ol.len, l.p, l.len);
        DC_FUZZ_CHECK(me, found,
                      "an output line is not an input line, in order");
    }
    dc_buf_free(&utf8);
    dc_buf_free(&norm);
    dc_buf_free(&flat);
    dc_buf_free(&in_plain);
    dc_buf_free(&out_plain);
}

int
dc_fuzz_document(const char *me, int input, size_t html_part,
                 const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct dc_pipeline_opts po = {
        .keep_quotes = data[0] & 1,
        .mode = data[0] & 2 ? DC_EMIT_EXPLAIN : DC_EMIT_TEXT,
        .rules = default_rules(),
        .input = (enum dc_input)input,
        .html_part_bytes = html_part,
    };
    size_t chunk = (size_t)(data[0] >> 2) + 1;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    struct dc_buf chunked = DC_BUF_INIT, whole = DC_BUF_INIT;
    run(&po, text, len, chunk, &chunked);
    run(&po, text, len, len ? len : 1, &whole);
    dc_fuzz_check_clean(me, DC_FUZZ_DATA(chunked), chunked.len);
    DC_FUZZ_CHECK(
        me,
        chunked.len == whole.len &&
            memcmp(DC_FUZZ_DATA(chunked), DC_FUZZ_DATA(whole), whole.len) == 0,
        "output depends on the chunk size");
    /* Markup is not text: only a text document's lines can be checked
     * against the input's. */
    if (po.mode == DC_EMIT_TEXT && input == DC_INPUT_TEXT)
        check_lines(me, text, len, DC_FUZZ_DATA(chunked), chunked.len,
                    po.keep_quotes);
    /* the rules object lives on: take its warnings so they do not pile */
    while (dc_rules_take_warning(po.rules))
        ;
    dc_buf_free(&chunked);
    dc_buf_free(&whole);
    return 0;
}

int
dc_fuzz_pipeline(const uint8_t *data, size_t size)
{
    return dc_fuzz_document("pipeline", DC_INPUT_TEXT, 0, data, size);
}
