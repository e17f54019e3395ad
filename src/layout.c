/*
 * layout.c - side-by-side columns back into reading order; see layout.h.
 */
#include "config.h"
#include "layout.h"

#include <string.h>

#define MIN_GAP 3      /* spaces that separate two cells on a line (as
                          three_spaces() finds them) */
#define MIN_ROWS 4     /* lines with a gap that make a run */
#define MAX_WIDTH 400  /* columns considered; wider text is one cell */
#define MAX_CUTS 16

/* Byte offset of column (code point) col in p, or len past the end. */
static size_t
byte_at(const char *p, size_t len, size_t col)
{
    size_t i = 0;
    for (size_t c = 0; i < len; i++) {
        if (((unsigned char)p[i] & 0xC0) == 0x80)
            continue;
        if (c++ == col)
            return i;
    }
    return len;
}

/* The first three spaces in a row in p[0..n), or NULL: eight bytes at a
 * time, windows overlapping so that every start is tried. */
static const char *
three_spaces(const char *p, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 6) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t t = w ^ 0x2020202020202020ull; /* spaces: zero bytes */
        uint64_t m = ~(((t & 0x7f7f7f7f7f7f7f7full) + 0x7f7f7f7f7f7f7f7full) |
                       t) & 0x8080808080808080ull;
        m &= m >> 8 & m >> 16; /* byte k: bytes k, k + 1, k + 2 are */
        if (m)
            return p + i + (size_t)__builtin_ctzll(m) / 8;
    }
    for (; i + 3 <= n; i++)
        if (p[i] == ' ' && p[i + 1] == ' ' && p[i + 2] == ' ')
            return p + i;
    return NULL;
}

/* Does the line have a gap of MIN_GAP spaces between two pieces of text? */
static bool
has_gap(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len && p[i] == ' ')
        i++;
    /* The first MIN_GAP spaces in a row: a gap if text follows them; if
     * only spaces do, no later run can either. */
    const char *q = three_spaces(p + i, len - i);
    if (!q)
        return false;
    size_t j = (size_t)(q - p) + MIN_GAP;
    while (j < len && p[j] == ' ')
        j++;
    return j < len;
}

/*
 * A line with text only in a right-hand column: indented to where a cell
 * of the line above it starts (after a gap).
 */
static bool
right_cell_only(const char *p, size_t len, const char *above, size_t alen)
{
    size_t i = 0;
    while (i < len && p[i] == ' ')
        i++;
    if (i < 8 || i >= len || i > alen)
        return false;
    /* byte columns are code point columns for the spaces before i; the
     * line above must have a gap that ends exactly there */
    size_t col = 0, k = 0;
    for (; k < alen && col < i; k++)
        if (((unsigned char)above[k] & 0xC0) != 0x80)
            col++;
    return col == i && k >= MIN_GAP && k < alen && above[k] != ' ' &&
           above[k - 1] == ' ' && above[k - 2] == ' ' && above[k - 3] == ' ';
}

static bool
is_blank(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\t')
            return false;
    return true;
}

/*
 * The column cuts of lines [s, e): starts of text after gutters, columns
 * where (almost) no line has text.  Returns how many (0: not a table).
 */
static size_t
find_cuts(const struct dc_doc *doc, size_t s, size_t e,
          size_t cuts[MAX_CUTS])
{
    size_t occ[MAX_WIDTH + 1];
    memset(occ, 0, sizeof occ);
    size_t rows = 0, width = 0;
    for (size_t i = s; i < e; i++) {
        struct dc_span t = dc_doc_line_text(doc, i);
        if (is_blank(t.p, t.len))
            continue;
        rows++;
        size_t col = 0;
        for (size_t k = 0; k < t.len; k++) {
            if (((unsigned char)t.p[k] & 0xC0) == 0x80)
                continue;
            if (t.p[k] != ' ')
                occ[col < MAX_WIDTH ? col : MAX_WIDTH]++;
            col++;
        }
        if (col > width)
            width = col;
    }
    if (width > MAX_WIDTH)
        width = MAX_WIDTH;
    /* A gutter is at least two columns that at most 1 in 20 lines cross;
     * a column of text is one that at least 1 in 5 lines fill.  Over
     * many rows one such column is enough: html2text pads a cell to its
     * width, so a full cell leaves a single space before the next. */
    size_t min_gutter = rows >= 8 ? 1 : 2;
    size_t n = 0, gutter = 0;
    bool text_before = false;
    for (size_t c = 0; c < width; c++) {
        bool empty = occ[c] * 20 <= rows;
        if (empty) {
            gutter++;
            continue;
        }
        if (text_before && gutter >= min_gutter && occ[c] * 5 >= rows &&
            n < MAX_CUTS)
            cuts[n++] = c;
        if (occ[c] * 5 >= rows)
            text_before = true;
        gutter = 0;
    }
    return n;
}

/*
 * Replace lines [s, e) with the text in repl (lines each ended by '\n'),
 * whose line i starts at input line numbers[i].  Returns the number of
 * lines that took their place.
 */
static size_t
replace_lines(struct dc_doc *doc, size_t s, size_t e, const struct dc_buf *repl,
              const uint64_t *numbers, size_t nrepl)
{
    size_t old_start = doc->lines[s].off;
    size_t old_end = e < doc->nlines ? doc->lines[e].off : doc->text.len;

    /* The text, in place: what comes after moves to make room for the
     * new lines (a copy of the whole window per table cost more than
     * the rest of layout). */
    struct dc_buf *text = &doc->text;
    size_t after = text->len - old_end;
    if (repl->len > old_end - old_start)
        dc_buf_reserve(text, repl->len - (old_end - old_start));
    size_t shift_to = old_start + repl->len; /* new offset of old_end */
    memmove(text->data + shift_to, text->data + old_end, after);
    if (repl->len)
        memcpy(text->data + old_start, repl->data, repl->len);
    text->len = shift_to + after;
    text->data[text->len] = '\0';

    size_t tail = doc->nlines - e;
    size_t nlines = doc->nlines - (e - s) + nrepl;
    doc->lines = dc_xgrow(doc->lines, &doc->lines_cap, nlines + 1,
                          sizeof *doc->lines);
    memmove(doc->lines + s + nrepl, doc->lines + e,
            tail * sizeof *doc->lines);
    for (size_t i = s + nrepl; i < nlines; i++)
        doc->lines[i].off = doc->lines[i].off - old_end + shift_to;

    size_t off = old_start;
    for (size_t i = 0; i < nrepl; i++) {
        const char *p = text->data + off;
        const char *nl = memchr(p, '\n', shift_to - off);
        size_t len = nl ? (size_t)(nl - p) : shift_to - off;
        doc->lines[s + i] = dc_line_make(off, len, numbers[i]);
        off += len + 1;
    }
    doc->nlines = nlines;
    return nrepl;
}

/* Rewrite the run [s, e) column by column; returns its new line count,
 * or e - s if it is not a table. */
static size_t
unfold_run(struct dc_doc *doc, size_t s, size_t e)
{
    size_t cuts[MAX_CUTS];
    size_t ncuts = find_cuts(doc, s, e, cuts);
    if (ncuts == 0)
        return e - s;
    struct dc_buf repl = DC_BUF_INIT;
    /* at most a paragraph and a blank line per cell */
    size_t cap = 2 * (e - s + 1) * (ncuts + 1), nrepl = 0;
    uint64_t *numbers = dc_xcalloc(cap, sizeof *numbers);
    for (size_t k = 0; k <= ncuts; k++) {
        size_t from_col = k ? cuts[k - 1] : 0;
        size_t to_col = k < ncuts ? cuts[k] : (size_t)-1;
        bool open = false; /* a paragraph of this column is open */
        uint64_t start = 0;
        size_t last_len = 0; /* bytes in the previous cell */
        for (size_t i = s; i <= e; i++) {
            size_t a = 0, b = 0;
            struct dc_span t = {NULL, 0};
            if (i < e) {
                t = dc_doc_line_text(doc, i);
                a = byte_at(t.p, t.len, from_col);
                b = to_col == (size_t)-1 ? t.len
                                         : byte_at(t.p, t.len, to_col);
                while (a < b && t.p[a] == ' ')
                    a++;
                while (b > a && t.p[b - 1] == ' ')
                    b--;
            }
            /* A cell that is a whole line of prose (the one above ended a
             * sentence, this one starts one, and both are long) starts a
             * paragraph of its own: rows of a table are not wrapped. */
            bool ends = a == b;
            if (!ends && open && repl.len > 0) {
                char last = repl.data[repl.len - 1];
                unsigned char first = (unsigned char)t.p[a];
                ends = (last == '.' || last == '!' || last == '?') &&
                       (dc_isupper(first) || first == '"' || first >= 0x80) &&
                       b - a >= 60 && last_len >= 60;
            }
            if (ends) { /* empty cell, new paragraph, or the end */
                if (open) {
                    dc_buf_puts(&repl, "\n\n"); /* its line, a blank one */
                    numbers[nrepl++] = start;
                    numbers[nrepl++] = start;
                    open = false;
                }
                if (a == b)
                    continue;
            }
            if (!open)
                start = doc->lines[i].number;
            else if (repl.data[repl.len - 1] != '-')
                dc_buf_putc(&repl, ' ');
            dc_buf_append(&repl, t.p + a, b - a);
            last_len = b - a;
            open = true;
        }
    }
    size_t n = replace_lines(doc, s, e, &repl, numbers, nrepl);
    dc_buf_free(&repl);
    dc_free(numbers);
    return n;
}

size_t
dc_layout_columns(struct dc_doc *doc, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        struct dc_span t = dc_doc_line_text(doc, i);
        if (!has_gap(t.p, t.len)) {
            i++;
            continue;
        }
        /* A run: lines with gaps, with at most two others between, and
         * lines with text in a right-hand column only. */
        size_t s = i, e = i + 1, gaps = 1, last = i;
        while (e < to && e - last <= 3) {
            struct dc_span u = dc_doc_line_text(doc, e);
            if (has_gap(u.p, u.len)) {
                gaps++;
                last = e;
            } else if (e == last + 1 &&
                       right_cell_only(u.p, u.len,
                                       dc_doc_line_text(doc, last).p,
                                       dc_doc_line_text(doc, last).len)) {
                last = e;
            }
            e++;
        }
        e = last + 1;
        if (gaps < MIN_ROWS) {
            i = e;
            continue;
        }
        size_t n = unfold_run(doc, s, e);
        to = to + n - (e - s);
        i = s + n;
    }
    return to;
}
