/*
 * pipeline.c - drive one document through the stages; see pipeline.h.
 */
#include "config.h"
#include "pipeline.h"

#include "classify.h"
#include "decode.h"
#include "html.h"
#include "layout.h"
#include "normalise.h"
#include "segment.h"

#include <stdio.h>
#include <string.h>

/* Lines at the window's end that layout leaves for the next advance. */
#define LAYOUT_WAIT 64

/* An HTML page longer than this is parsed in parts (dc_html_part_end),
 * so that memory stays bounded however long the page: libtidy's tree
 * takes some twenty bytes for each byte it parses.  Pages are seldom a
 * tenth as long, and what a part loses is only the markup that spans
 * two. */
#define HTML_PART_BYTES ((size_t)2 << 20)

/* Text is decoded this many bytes of input at a time, however much a
 * feed holds, so that memory does not grow with a feed; and the HTML
 * sniff looks at no more than this, so that what it sees is the same
 * however the document is fed. */
#define FEED_SLICE ((size_t)64 << 10)

struct dc_pipeline {
    struct dc_decoder *decoder;
    struct dc_norm_opts norm;
    struct dc_classifier *classifier;
    struct dc_emitter emitter;
    struct dc_doc doc;
    struct dc_buf utf8;       /* decoded, not yet normalised */
    struct dc_buf norm_out;   /* normalised, not yet split into lines */
    struct dc_buf shifts;     /* struct dc_shift of norm_out */
    struct dc_doc_stats stats;
    size_t layout_done;       /* lines before this were laid out */
    size_t next_lines;        /* pending lines that make the next advance */
    size_t next_bytes;        /* ...or pending bytes */
    enum dc_input input;      /* as asked */
    enum dc_input kind;       /* this document's, once known (AUTO: not yet) */
    bool html_messages;
    bool from_code_given;     /* --from-code overrides a declared charset */
    struct dc_buf raw;        /* sniffed bytes, or HTML not yet parsed */
    struct dc_html html;
    char charset[48];         /* an HTML document's declared encoding */
    struct dc_decoder *html_decoder; /* its own decoder, for that one */
    bool html_begun;          /* a part of it was parsed */
    size_t html_part;         /* bytes that make a part */
    size_t html_next_part;    /* ...or, when no place to cut was found in
                                 a part, a bigger one */
};

struct dc_pipeline *
dc_pipeline_new(const struct dc_pipeline_opts *opts, struct dc_error *err)
{
#if !HAVE_TIDY
    if (opts->input == DC_INPUT_HTML) {
        dc_error_set(err, DC_EINVAL, "HTML input needs libtidy, which this "
                                     "build lacks");
        return NULL;
    }
#else
    if (opts->input == DC_INPUT_HTML && dc_html_load(err) != 0)
        return NULL;
#endif
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
    p->input = opts->input;
    p->from_code_given = opts->from_code != NULL;
    p->html_messages = opts->html_messages;
    p->html_part = opts->html_part_bytes ? opts->html_part_bytes
                                         : HTML_PART_BYTES;
    p->html_next_part = p->html_part;
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
    dc_buf_free(&p->shifts);
    dc_buf_free(&p->raw);
    dc_decoder_free(p->html_decoder);
    dc_html_free(&p->html);
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

/* The end of text[at, end)'s word: its first space, or end. */
static size_t
space_after(const char *text, size_t at, size_t end)
{
    const char *sp = memchr(text + at, ' ', end - at);
    return sp ? (size_t)(sp - text) : end;
}

/*
 * Give the line just added, text[start, end) of the normalised text, what
 * normalising took out of it: the shifts from *k on that lie in it (at
 * its end too: a character taken out there was the line's).  Their code
 * points make its `narrowed` counts; their bytes, its widenings.  A space
 * with a shift right after it was not one in the input (a no-break space,
 * "&nbsp;"): a wrapper breaks lines at ASCII white space only, so the
 * line's first word goes on past it.
 */
static void
add_shifts(struct dc_doc *doc, const char *text, size_t start, size_t end,
           const struct dc_shift *sh, size_t n, size_t *k)
{
    if (*k >= n || sh[*k].at > end)
        return;
    size_t lead = dc_leading(text + start, end - start, ' ', '\t');
    size_t space = space_after(text, start + lead, end);
    size_t word_end = space;
    int64_t all = 0, first = 0;
    for (; *k < n && sh[*k].at <= end; (*k)++) {
        if (sh[*k].at == word_end + 1 && word_end < end)
            word_end = space_after(text, word_end + 1, end);
        all += sh[*k].cols;
        if (sh[*k].at <= word_end)
            first += sh[*k].cols;
        if (sh[*k].bytes)
            dc_doc_widen_last(doc, sh[*k].at - start, sh[*k].bytes);
    }
    struct dc_line *l = &doc->lines[doc->nlines - 1];
    /* (the line has lost its trailing spaces, glued ones too) */
    if (word_end > space)
        l->first_end = (uint32_t)(word_end - start < l->len ? word_end - start
                                                            : l->len);
    l->narrowed = all > 0 ? (uint32_t)(all < UINT32_MAX ? all : UINT32_MAX) : 0;
    l->first_narrowed =
        first > 0 ? (uint32_t)(first < l->narrowed ? first : l->narrowed) : 0;
}

/*
 * Where a line with no end in its first DC_LINE_MAX bytes of s[0, len) is
 * broken: before the last space of the second half of them, so that the
 * next piece starts with it (pieces are written back as they are), or
 * else at the last character boundary.  0 while the line is shorter.
 */
static size_t
piece_cut(const char *s, size_t len)
{
    if (len <= DC_LINE_MAX)
        return 0;
    for (size_t i = DC_LINE_MAX; i > DC_LINE_MAX / 2; i--)
        if (s[i] == ' ')
            return i;
    size_t i = DC_LINE_MAX;
    while (((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/*
 * Where the first line of s[0, len) is broken into a piece: where
 * piece_cut() says, when it is longer than DC_LINE_MAX bytes, whether
 * its end has come or not.  A line ends as line_cut() reads it: at a
 * '\n' up to byte DC_LINE_MAX, or a '\r' before it (at DC_LINE_MAX a
 * '\r' may be half a CRLF that makes the line one byte too long).
 * s[0, fresh - 1) is known to hold no line end.
 */
static size_t
long_line_cut(const char *s, size_t len, size_t fresh)
{
    if (len <= DC_LINE_MAX)
        return 0;
    size_t from = fresh > 0 ? fresh - 1 : 0;
    if (from <= DC_LINE_MAX &&
        (memchr(s + from, '\n', DC_LINE_MAX + 1 - from) ||
         memchr(s + from, '\r', DC_LINE_MAX - from)))
        return 0;
    return piece_cut(s, len);
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

/* The first frozen line the window keeps as context for what follows:
 * DC_WINDOW_CONTEXT lines before the frozen edge, or fewer if they come
 * to more than DC_WINDOW_CONTEXT_BYTES. */
static size_t
context_start(const struct dc_doc *doc)
{
    size_t edge = doc->nfrozen_lines;
    if (edge == 0)
        return 0;
    size_t i = edge > DC_WINDOW_CONTEXT ? edge - DC_WINDOW_CONTEXT : 0;
    size_t end = edge < doc->nlines ? doc->lines[edge].off : doc->text.len;
    while (i < edge && end - doc->lines[i].off > DC_WINDOW_CONTEXT_BYTES)
        i++;
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
    if (p->kind == DC_INPUT_HTML) /* markup has no side-by-side text */
        p->layout_done = settled;
    if (settled > p->layout_done)
        p->layout_done = dc_layout_columns(doc, p->layout_done, settled);
    dc_segment(doc, doc->nfrozen_lines);
    size_t done = dc_classify(p->classifier, doc, horizon(doc), final);
    if (done > doc->nfrozen_lines) {
        dc_emit_lines(&p->emitter, doc, doc->nfrozen_lines, done, out);
        doc->nfrozen_lines = done;
    }
    /* (after the last advance the document is reset: nothing to move) */
    size_t cut = final ? 0 : context_start(doc);
    if (cut > 0) {
        /* Forget at a block boundary before it. */
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

/* What add_lines() does with the text after the last line end. */
enum rest {
    REST_WAITS,    /* leave it for the next call: the line goes on */
    REST_IS_LINE,  /* a line: the input is at its end */
    REST_IS_PIECE  /* a piece of a line longer than DC_LINE_MAX */
};

/* The line just added may fill the window: then decide what can be
 * decided.  Checked at every line, so that a window always ends at the
 * same line, however the text was fed. */
static void
line_added(struct dc_pipeline *p, struct dc_buf *out)
{
    if (window_full(p))
        advance(p, false, out);
}

/* Split the normalised text in norm_out into lines of the window, and
 * what follows the last line end as `rest` says.  Consumes what it adds,
 * and its shifts; output of windows that fill is appended to out. */
static void
add_lines(struct dc_pipeline *p, enum rest rest, struct dc_buf *out)
{
    struct dc_buf *b = &p->norm_out;
    struct dc_shift *sh = (struct dc_shift *)(void *)p->shifts.data;
    size_t nsh = p->shifts.len / sizeof *sh, k = 0;
    size_t start = 0;
    for (;;) {
        const char *nl = b->len > start
                             ? memchr(b->data + start, '\n', b->len - start)
                             : NULL;
        if (!nl)
            break;
        size_t end = (size_t)(nl - b->data);
        dc_doc_add_line(&p->doc, b->data + start, end - start);
        add_shifts(&p->doc, b->data, start, end, sh, nsh, &k);
        start = end + 1;
        line_added(p, out);
    }
    if (rest != REST_WAITS && start < b->len) {
        if (rest == REST_IS_PIECE)
            dc_doc_add_piece(&p->doc, b->data + start, b->len - start);
        else
            dc_doc_add_line(&p->doc, b->data + start, b->len - start);
        add_shifts(&p->doc, b->data, start, b->len, sh, nsh, &k);
        start = b->len;
        line_added(p, out);
    }
    dc_buf_consume(b, start);
    /* the shifts of the line not yet ended stay, at their new offsets */
    for (size_t i = k; i < nsh; i++)
        sh[i].at -= start;
    dc_buf_consume(&p->shifts, k * sizeof *sh);
}

/* Normalise the n bytes of decoded text at s and add their lines to the
 * window. */
static void
add_text(struct dc_pipeline *p, const char *s, size_t n, enum rest rest,
         struct dc_buf *out)
{
    dc_normalise_shifts(n ? s : "", n, &p->norm, &p->norm_out, &p->shifts);
    add_lines(p, rest, out);
}

/* Add the lines that the decoded text s[0, n) ends, in pieces where one
 * is too long (s[0, fresh - 1) is known to hold no line end).  Returns
 * the bytes they took: the rest waits for its line's end. */
static size_t
add_ended_lines(struct dc_pipeline *p, const char *s, size_t n, size_t fresh,
                struct dc_buf *out)
{
    if (n == 0) /* s may then be NULL (an empty buffer): no s + 0 */
        return 0;
    size_t used = 0, cut;
    while ((cut = long_line_cut(s + used, n - used, fresh)) > 0) {
        add_text(p, s + used, cut, REST_IS_PIECE, out);
        used += cut;
        fresh = 0;
    }
    cut = line_cut(s + used, n - used, fresh);
    if (cut)
        add_text(p, s + used, cut, REST_WAITS, out);
    return used + cut;
}

/* Decode a slice of the input and add the lines it ends to the window. */
static void
take_text(struct dc_pipeline *p, const char *in, size_t len, bool final,
          struct dc_buf *out)
{
    if (p->utf8.len > 0 && len > 0) {
        /* A line waits for its end: the slice's first line end ends it,
         * and the rest may then be read in place.  (Decoding does not
         * depend on where its input is cut.) */
        const char *nl = memchr(in, '\n', len);
        size_t head = nl ? (size_t)(nl - in) + 1 : 0;
        if (head > 0 && head < len) {
            take_text(p, in, head, false, out);
            in += head;
            len -= head;
        }
    }
    size_t fresh = p->utf8.len;
    struct dc_span same;
    dc_decoder_feed_in_place(p->decoder, in, len, final, &p->utf8, &same);
    if (same.p) {
        /* The input is the text (and p->utf8 was empty): its lines are
         * normalised from where they are, and only a line that goes on
         * past the slice is copied, to wait for its end. */
        size_t used = add_ended_lines(p, same.p, same.len, 0, out);
        dc_buf_append(&p->utf8, same.p + used, same.len - used);
    } else {
        dc_buf_consume(&p->utf8, add_ended_lines(p, p->utf8.data,
                                                 p->utf8.len, fresh, out));
    }
    if (final) {
        add_text(p, p->utf8.data, p->utf8.len, REST_IS_LINE, out);
        dc_buf_clear(&p->utf8);
        advance(p, true, out);
    }
}

/* Text, in slices of FEED_SLICE bytes: what a feed holds is decoded a
 * slice at a time, so that memory does not grow with the feed. */
static void
feed_text(struct dc_pipeline *p, const char *in, size_t len, bool final,
          struct dc_buf *out)
{
    do {
        size_t n = len < FEED_SLICE ? len : FEED_SLICE;
        take_text(p, in, n, final && n == len, out);
        in = n ? in + n : in;
        len -= n;
    } while (len > 0);
}

#if HAVE_TIDY
/* Where the span of n units (of unit bytes) at offset off of from lies
 * in to, copied there at its end the first time it is asked for: the
 * lines of a block share theirs.  *last is the offset in from last
 * copied, *at where it went; UINT32_MAX when to had no room left for
 * offsets. */
static uint32_t
copy_once(struct dc_buf *to, const struct dc_buf *from, size_t unit,
          uint32_t off, size_t n, uint32_t *last, uint32_t *at)
{
    if (off != *last) {
        *last = off;
        size_t here = to->len / unit;
        *at = here + n < UINT32_MAX ? (uint32_t)here : UINT32_MAX;
        if (*at != UINT32_MAX)
            dc_buf_append(to, from->data + off * unit, n * unit);
    }
    return *at;
}

/* The markup of an HTML line, its path and element numbers copied into
 * the window's (see copy_once: from[0], to[0] for paths, from[1], to[1]
 * for element numbers); a span with no room left is dropped. */
static struct dc_hints
window_hints(struct dc_doc *doc, const struct dc_html *h,
             const struct dc_hints *in, uint32_t from[2], uint32_t to[2])
{
    struct dc_hints hn = *in;
    if (hn.path_len) {
        hn.path_off = copy_once(&doc->paths, &h->paths, 1, hn.path_off,
                                hn.path_len, &from[0], &to[0]);
        if (hn.path_off == UINT32_MAX)
            hn.path_off = hn.path_len = 0;
    }
    if (hn.elems_len) {
        hn.elems_off = copy_once(&doc->elems, &h->elems, sizeof(uint32_t),
                                 hn.elems_off, hn.elems_len, &from[1],
                                 &to[1]);
        if (hn.elems_off == UINT32_MAX)
            hn.elems_off = hn.elems_len = 0;
    }
    return hn;
}

/* Normalise the lines of the part just parsed and add them, with their
 * markup, to the window, advancing it as it fills. */
static void
add_html_lines(struct dc_pipeline *p, struct dc_buf *out)
{
    struct dc_html *h = &p->html;
    struct dc_doc *doc = &p->doc;
    dc_buf_clear(&p->norm_out);
    /* tidy has decoded the page's references: "&amp;lt;" is the text
     * "&lt;", not "<". */
    struct dc_norm_opts norm = p->norm;
    norm.keep_references = true;
    dc_normalise(h->text.data, h->text.len, &norm, &p->norm_out);
    /* Normalising keeps line ends as they are, so line i is still the
     * i-th of the parse; should that ever fail, the hints are dropped
     * rather than misplaced. */
    const char *s = p->norm_out.data, *end = s + p->norm_out.len;
    uint32_t from[2] = {UINT32_MAX, UINT32_MAX}, to[2] = {0, 0};
    size_t i = 0;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        size_t lead = 0;
        /* Spaces that normalising made (NBSP) do not indent a line;
         * in <pre> they are the text's own. */
        if (i >= h->nlines || h->lines[i].hints.element != DC_EL_PRE)
            lead = dc_leading(s, n, ' ', '\t');
        dc_doc_add_line(doc, s + lead, n - lead);
        if (i < h->nlines)
            doc->lines[doc->nlines - 1].hints =
                window_hints(doc, h, &h->lines[i].hints, from, to);
        i++;
        s += n + (nl != NULL);
        if (window_full(p))
            advance(p, false, out);
    }
    dc_buf_clear(&p->norm_out);
}

/* Parse the first n bytes of p->raw as the next part of the HTML
 * document (all of what is left, when final) and add its lines. */
static void
parse_html_part(struct dc_pipeline *p, size_t n, bool final,
                struct dc_buf *out)
{
    if (!p->html_begun) {
        /* The charset the page declares, unless --from-code says
         * otherwise; a declared UTF-8 is checked by detection, which
         * falls back to windows-1252 for stray bytes. */
        p->charset[0] = '\0';
        if (!p->from_code_given && n &&
            dc_html_charset(p->raw.data, n, p->charset, sizeof p->charset) &&
            strcmp(p->charset, "UTF-8") != 0)
            p->html_decoder = dc_decoder_new(p->charset, NULL);
    }
    struct dc_decoder *d = p->html_decoder ? p->html_decoder : p->decoder;
    dc_decoder_feed(d, p->raw.data, n, final, &p->utf8);
    dc_buf_consume(&p->raw, n);
    if (p->utf8.len == 0 && p->html_begun)
        return; /* (the part before ended the page) */
    dc_html_parse(p->utf8.len ? p->utf8.data : "", p->utf8.len,
                  p->html_messages, p->html_begun, &p->html);
    p->html_begun = true;
    dc_buf_clear(&p->utf8);
    add_html_lines(p, out);
}

/* Can this HTML document, a part's bytes of it in p->raw, be cut into
 * parts: its charset keeps ASCII bytes as they are (no NULs among its
 * first bytes: not UTF-16 or UTF-32), and tidy's messages, whose line
 * numbers would count from each part, are not asked for?  (The bytes
 * looked at are the same however the document arrives.) */
static bool
html_in_parts(const struct dc_pipeline *p)
{
    size_t n = p->html_part < DC_HTML_SNIFF ? p->html_part : DC_HTML_SNIFF;
    return !p->html_messages && !memchr(p->raw.data, '\0', n);
}

/*
 * An HTML document, as its bytes arrive in p->raw: once they are more
 * than a part (all at once, too, as a JSON record's), parse them a part
 * at a time; at the end, what is left.
 */
static void
feed_html(struct dc_pipeline *p, bool final, struct dc_buf *out)
{
    while (p->raw.len >= p->html_next_part &&
           (p->html_begun || html_in_parts(p))) {
        size_t cut =
            dc_html_part_end(p->raw.data, p->raw.len, p->html_next_part);
        if (cut == 0) {
            /* No place to cut yet (a script or comment that long): look
             * again, twice as far, when that many bytes have come.  (The
             * places looked at never depend on how the bytes arrived.) */
            p->html_next_part = dc_add_size(p->html_next_part,
                                            p->html_next_part);
            continue;
        }
        parse_html_part(p, cut, false, out);
        p->html_next_part = p->html_part;
    }
    if (final) {
        parse_html_part(p, p->raw.len, true, out);
        advance(p, true, out);
    }
}
#endif

/* HTML or text, by a document's first bytes s[0, len): no more than
 * FEED_SLICE of them, so that the answer is the same however the
 * document is fed (dc_html_sniff() reads past DC_HTML_SNIFF bytes while
 * comments and scripts come first). */
static enum dc_input
sniff_kind(const char *s, size_t len)
{
    if (!dc_html_sniff(len ? s : "", len < FEED_SLICE ? len : FEED_SLICE))
        return DC_INPUT_TEXT;
#if HAVE_TIDY
    /* read as text, as without libtidy, when it cannot be loaded (said
     * once on stderr) */
    if (dc_html_load(NULL) != 0)
        return DC_INPUT_TEXT;
#endif
    return DC_INPUT_HTML;
}

int
dc_pipeline_feed(struct dc_pipeline *p, const char *in, size_t len,
                 bool final, struct dc_buf *out)
{
#if !HAVE_TIDY
    p->kind = DC_INPUT_TEXT; /* no parser: everything is text */
#endif
    bool fed = false; /* the sniffed bytes were fed as text */
    if (p->kind == DC_INPUT_AUTO) {
        if (p->input != DC_INPUT_AUTO) {
            p->kind = p->input;
        } else if (p->raw.len == 0 && (len >= FEED_SLICE || final)) {
            /* The first bytes came in one piece (a record, a file's
             * first chunk): sniffed where they are, not copied first. */
            p->kind = sniff_kind(in, len);
        } else {
            /* Sniff the first bytes; text then takes its usual way. */
            dc_buf_append(&p->raw, in, len);
            if (p->raw.len < FEED_SLICE && !final)
                return 0;
            p->kind = sniff_kind(p->raw.data, p->raw.len);
            in = NULL;
            len = 0;
            if (p->kind == DC_INPUT_TEXT) {
                feed_text(p, p->raw.data, p->raw.len, final, out);
                dc_buf_clear(&p->raw);
                fed = true;
            }
        }
    }
    struct dc_decoder *used = p->decoder;
#if HAVE_TIDY
    if (p->kind == DC_INPUT_HTML) {
        dc_buf_append(&p->raw, in, len);
        feed_html(p, final, out);
        if (p->html_decoder)
            used = p->html_decoder;
    } else
#endif
    if (len || (final && !fed)) {
        /* (a second final feed would classify an empty window, and the
         * document's language would be reported as unknown) */
        feed_text(p, in, len, final, out);
    }
    if (final) {
        struct dc_doc_stats *s = &p->stats;
        s->html = p->kind == DC_INPUT_HTML;
        s->messages = s->html && p->html.messages.len ? p->html.messages.data
                                                       : NULL;
        s->encoding = dc_decoder_encoding(used);
        if (p->html_decoder && s->encoding) {
            snprintf(p->charset, sizeof p->charset, "%s", s->encoding);
            s->encoding = p->charset;
        }
        s->replaced = dc_decoder_replaced(used);
        dc_decoder_free(p->html_decoder);
        p->html_decoder = NULL;
        p->html_begun = false;
        p->html_next_part = p->html_part;
        s->lang = p->doc.lang;
        s->kept_lines = p->emitter.kept;
        s->dropped_lines = p->emitter.dropped;
        dc_emit_end(&p->emitter, out);
        p->emitter.kept = p->emitter.dropped = 0;
        dc_doc_reset(&p->doc);
        dc_buf_clear(&p->shifts);
        p->layout_done = 0;
        p->next_lines = DC_WINDOW_LINES + DC_LOOKAHEAD_LINES;
        p->next_bytes = DC_WINDOW_BYTES;
        p->kind = DC_INPUT_AUTO;
    }
    return 0;
}

void
dc_pipeline_stats(const struct dc_pipeline *p, struct dc_doc_stats *s)
{
    *s = p->stats;
}
