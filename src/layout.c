/*
 * layout.c - side-by-side columns back into reading order; see layout.h.
 */
#include "config.h"
#include "layout.h"

#include <string.h>

#define MIN_GAP 3      /* spaces that separate two cells on a line (as
                          dc_three_spaces() finds them) */
#define MIN_ROWS 4     /* lines with a gap that make a run */
#define MAX_WIDTH 400  /* columns considered; wider text is one cell */
#define MAX_CUTS 16
#define LEAD_SLACK 4   /* a list item's indent in a column */
#define MAX_TRIES 8    /* starts of a run tried, after its first */
#define RIVER_SLACK 2  /* columns a cell's text may start off its column
                          on a line that fills the cell before it */

/*
 * Columns are code points, as lynx lays out a table, or bytes, as
 * html2text does: it pads a cell to its width in bytes, so on a line with
 * a non-ASCII letter in one cell the cells to its right start further
 * left than on the lines above and below it.  A run is read in the unit
 * that lines its cells up (see table_cuts()).  Bytes are the input's:
 * where normalising made a character narrower (a no-break space or a
 * curly quote made ASCII, a soft hyphen taken out), the line's
 * widenings (doc.h) put the text after it back where the renderer had it.
 */

/* A line's widenings; used in the byte unit only. */
struct widen {
    const struct dc_widening *w;
    size_t n;
};

static struct widen
widen_of(const struct dc_doc *doc, size_t i)
{
    struct widen wd;
    wd.w = dc_doc_line_widenings(doc, i, &wd.n);
    return wd;
}

/* Column col of a walk over a line in the byte unit, at its byte k: moved
 * right by the widenings of wd before k (left by negative ones) that the
 * walk has not met yet, the ones from *j on, which it then has. */
static size_t
widened_col(struct widen wd, size_t *j, size_t k, size_t col)
{
    int64_t c = (int64_t)col;
    for (; *j < wd.n && wd.w[*j].at <= k; (*j)++)
        c = c + wd.w[*j].bytes > 0 ? c + wd.w[*j].bytes : 0;
    return (size_t)c;
}

static bool
is_cont(char c, bool bytes)
{
    return !bytes && ((unsigned char)c & 0xC0) == 0x80;
}

static size_t
count_cols(const char *p, size_t len, bool bytes)
{
    return bytes ? len : dc_utf8_count(p, len);
}

/* Byte offset of column col in p, or len past the end; in the byte unit,
 * with the line's widenings wd: inside a widened character, the byte
 * after it. */
static size_t
byte_at(const char *p, size_t len, size_t col, bool bytes, struct widen wd)
{
    if (bytes) {
        size_t k = col;
        int64_t by = 0; /* what the widenings up to byte k moved it */
        for (size_t j = 0; j < wd.n && wd.w[j].at <= k; j++) {
            by += wd.w[j].bytes;
            k = (int64_t)col - by > (int64_t)wd.w[j].at
                    ? (size_t)((int64_t)col - by)
                    : wd.w[j].at;
        }
        col = k;
        if (col >= len)
            return len;
        while (col > 0 && is_cont(p[col], false)) /* not inside a letter */
            col--;
        return col;
    }
    size_t i = 0;
    for (size_t c = 0; i < len; i++) {
        if (is_cont(p[i], false))
            continue;
        if (c++ == col)
            return i;
    }
    return len;
}

/* byte_at() of each of cols[0..n) (ascending, as cuts are) into at[]:
 * one walk over p for them all, not one from its start for each. */
static void
bytes_at(const char *p, size_t len, const size_t *cols, size_t n, bool bytes,
         struct widen wd, size_t *at)
{
    size_t k = 0;
    if (bytes) {
        for (; k < n; k++)
            at[k] = byte_at(p, len, cols[k], true, wd);
        return;
    }
    for (size_t i = 0, c = 0; i < len && k < n; i++) {
        if (is_cont(p[i], false))
            continue;
        while (k < n && cols[k] == c)
            at[k++] = i;
        c++;
    }
    for (; k < n; k++)
        at[k] = len;
}

/* Is there a drawn cell border, a '|' beside a space, between two
 * pieces of text ("period |======|", "Sports   | Weather")? */
static bool
has_border(const char *p, size_t len, size_t from)
{
    for (const char *q = p + from; (q = memchr(q, '|', len - (size_t)(q - p)));
         q++) {
        size_t k = (size_t)(q - p);
        if (k > from && k + 1 < len && (p[k - 1] == ' ' || p[k + 1] == ' '))
            return true;
    }
    return false;
}

/* Does the line have a gap of MIN_GAP spaces, or a drawn border, between
 * two pieces of text? */
static bool
has_gap(const char *p, size_t len)
{
    /* text browsers indent deeply, with spaces and table borders */
    size_t i = dc_leading(p, len, ' ', '|');
    if (dc_no_gap_no_bar(p + i, len - i))
        return false; /* most lines of text: found in one pass */
    /* The first MIN_GAP spaces in a row: a gap if text follows them; if
     * only spaces do, no later run can either. */
    const char *q = dc_three_spaces(p + i, len - i, false);
    if (!q)
        return has_border(p, len, i);
    size_t j = (size_t)(q - p) + MIN_GAP;
    while (j < len && p[j] == ' ')
        j++;
    return j < len || has_border(p, (size_t)(q - p), i);
}

/* has_gap() of line i. */
static bool
gap_at(const struct dc_doc *doc, size_t i)
{
    struct dc_span t = dc_doc_line_text(doc, i);
    return has_gap(t.p, t.len);
}

/*
 * A line with text only in a right-hand column: indented to where a cell
 * of the line above it starts (after a gap).
 */
static bool
right_cell_only(const char *p, size_t len, const char *above, size_t alen)
{
    size_t i = dc_leading(p, len, ' ', ' ');
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
    return dc_leading(p, len, ' ', '\t') == len;
}

/*
 * A gutter's river: the byte columns [lo, hi) that are spaces on each
 * line of a run so far.  A gap line starts one at its first gap; a line
 * without a gap carries it on (river_goes_on()).  html2text pads a cell
 * to its width in bytes, so where a cell's line fills it, one space is
 * all that parts it from the next cell: a column of a newspaper's layout
 * table wrapped at 22 bytes has several such lines in a row, which would
 * otherwise end the run (a run takes two lines without a gap at most).
 */
struct river {
    size_t lo, hi;
    size_t cell; /* where the cell after the gap starts on the gap line */
};

static struct river
river_of(const char *p, size_t len)
{
    struct river r = {0, 0, 0};
    size_t i = dc_leading(p, len, ' ', '|');
    const char *q = dc_three_spaces(p + i, len - i, false);
    if (q) {
        r.lo = (size_t)(q - p);
        r.hi = r.lo + dc_leading(q, len - r.lo, ' ', ' ');
        r.cell = r.hi;
    }
    return r;
}

/* Does line p carry the river r on: spaces in it, text before them, and
 * text after them where the cell after the gap starts (give or take
 * RIVER_SLACK)?  Then r narrows to those spaces. */
static bool
river_goes_on(const char *p, size_t len, struct river *r)
{
    if (memchr(p, '|', len))
        return false; /* a drawn table: its bars part its cells */
    size_t from = r->cell > RIVER_SLACK ? r->cell - RIVER_SLACK : 1;
    for (size_t e = from; e <= r->cell + RIVER_SLACK && e < len; e++) {
        if (p[e] == ' ' || p[e - 1] != ' ')
            continue; /* no word starts at e */
        size_t k = e - 1;
        while (k > 0 && p[k - 1] == ' ')
            k--;
        if (k == 0 || e <= r->lo || k >= r->hi)
            continue; /* no text before it, or spaces off the river */
        r->lo = k > r->lo ? k : r->lo;
        r->hi = e < r->hi ? e : r->hi;
        return true;
    }
    return false;
}

/*
 * What find_cuts() reads of a run's lines, in one unit: occ, lines with
 * text in each column; wide, lines whose text in that column follows two
 * spaces or more (a cell's start, not the next word of the same cell).
 * Sums over lines, so that a line can be taken out again (struct run).
 */
struct counts {
    size_t occ[MAX_WIDTH + 1], wide[MAX_WIDTH + 1];
    size_t rows;  /* lines with text */
    size_t width; /* of the widest line counted (taken out or not) */
};

/* Add line t, with widenings wd, to n (add 1) or take it out (add
 * SIZE_MAX: unsigned arithmetic wraps to a subtraction).  Returns whether
 * its columns may differ in bytes: it has a byte >= 0x80 or widenings. */
static bool
count_line(struct counts *n, struct dc_span t, struct widen wd, bool bytes,
           size_t add)
{
    if (is_blank(t.p, t.len))
        return false; /* (only spaces and tabs: ASCII) */
    n->rows += add;
    /* A '|' is a table's drawn border (html2text draws them), a gutter
     * as much as spaces are. */
    size_t col = 0, spaces = 2, j = 0;
    unsigned char any = 0;
    for (size_t k = 0; k < t.len; k++) {
        any |= (unsigned char)t.p[k];
        if (is_cont(t.p[k], bytes))
            continue;
        if (bytes)
            col = widened_col(wd, &j, k, col);
        size_t c = col < MAX_WIDTH ? col : MAX_WIDTH;
        if (t.p[k] != ' ' && t.p[k] != '|') {
            n->occ[c] += add;
            if (spaces >= 2)
                n->wide[c] += add;
            spaces = 0;
        } else {
            spaces++;
        }
        col++;
    }
    if (col > n->width)
        n->width = col;
    return any >= 0x80 || wd.n;
}

/*
 * The column cuts of the lines counted in n: starts of text after
 * gutters, columns where (almost) no line has text.  Returns how many
 * (0: not a table).
 */
static size_t
find_cuts(const struct counts *nc, size_t cuts[MAX_CUTS])
{
    const size_t *occ = nc->occ, *wide = nc->wide;
    size_t rows = nc->rows;
    /* A gutter is at least two columns that at most 1 in 20 lines cross;
     * over many rows one such column is enough: html2text pads a cell to
     * its width, so a full cell leaves a single space before the next.
     * A column is text that MIN_ROWS lines fill (not 1 in 5 of them, as
     * one would ask of a grid, because in a page's layout table the
     * article's column runs on for a hundred lines after the menu and the
     * teasers beside its top have ended), and that often starts after a
     * wider space than one.  Columns past the widest line are empty:
     * no cut (nor in the MAX_WIDTH one, where wider text piles up). */
    size_t width = nc->width < MAX_WIDTH ? nc->width : MAX_WIDTH;
    size_t min_gutter = rows >= 8 ? 1 : 2;
    size_t n = 0, gutter = 0;
    bool text_before = false;
    for (size_t c = 0; c < width; c++) {
        bool empty = occ[c] * 20 <= rows;
        if (empty) {
            gutter++;
            continue;
        }
        /* Where the text after a one-column gutter always follows a
         * single space, the gutter is a word break that a few long lines
         * happen to share, not the edge of a cell. */
        bool column = occ[c] >= MIN_ROWS && wide[c] * 4 >= occ[c];
        if (text_before && gutter >= min_gutter && column && n < MAX_CUTS)
            cuts[n++] = c;
        if (column)
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

/* The cell of a column on line t, bytes [a, b) (see bytes_at()),
 * trimmed of spaces and of the borders drawn between cells. */
static struct dc_span
cell_of(struct dc_span t, size_t a, size_t b)
{
    while (a < b && (t.p[a] == ' ' || t.p[a] == '|'))
        a++;
    while (b > a && (t.p[b - 1] == ' ' || t.p[b - 1] == '|'))
        b--;
    return (struct dc_span){t.p + a, b - a};
}

/* Columns of the first word of s. */
static size_t
first_word(struct dc_span s, bool bytes)
{
    const char *sp = memchr(s.p, ' ', s.len);
    return count_cols(s.p, sp ? (size_t)(sp - s.p) : s.len, bytes);
}

/* A cell that is a drawn line ("=====", "-----"): a heading's underline
 * or a rule, never part of a paragraph. */
static bool
is_rule(struct dc_span c)
{
    for (size_t i = 0; i < c.len; i++)
        if (!strchr("=-_*~", c.p[i]) || c.p[i] == '\0')
            return false;
    return c.len >= 3;
}

/*
 * Does the cell below continue the paragraph of the cell above it, in a
 * column whose widest cell is `widest` columns?  The renderer wrapped the
 * cell's text greedily, so if the next word would have fitted on the line
 * above, the line ended there on purpose: a paragraph, a list item, a
 * headline ends.  So does a long line of prose that ends a sentence above
 * a long one that starts one (rows of a table are not wrapped), and so
 * does a drawn line.
 */
static bool
continues_cell(struct dc_span above, struct dc_span below, size_t widest,
               bool bytes)
{
    if (is_rule(above) || is_rule(below))
        return false;
    char last = above.p[above.len - 1];
    size_t above_cols = count_cols(above.p, above.len, bytes);
    /* (with two columns to spare: the width is an estimate, and a line
     * that only just had room is no sure sign) */
    if (above_cols + (last == '-' ? 0 : 1) + first_word(below, bytes) + 2 <=
        widest)
        return false;
    unsigned char first = (unsigned char)below.p[0];
    return !((last == '.' || last == '!' || last == '?') &&
             (dc_isupper(first) || first == '"' || first >= 0x80) &&
             below.len >= 60 && above.len >= 60);
}

/*
 * The width the renderer wrapped a column to, from its cells top to
 * bottom.  Where it wrapped a cell's text, the line above holds at most
 * `width` columns and would not have held the next word too: width lies
 * in [above, above + word] for that pair of cells.  The width is the one
 * that most pairs agree on; pairs that ended a paragraph, or cells of
 * another row that overflow the column, scatter elsewhere.  0 if no pair
 * says anything.
 */
static size_t
column_width(const struct dc_span *cells, size_t n, bool bytes)
{
    int votes[MAX_WIDTH + 2];
    memset(votes, 0, sizeof votes);
    for (size_t i = 1; i < n; i++) {
        struct dc_span above = cells[i - 1], c = cells[i];
        if (c.len && above.len) {
            size_t lo = count_cols(above.p, above.len, bytes);
            size_t hi = lo + first_word(c, bytes);
            if (lo <= MAX_WIDTH) {
                votes[lo]++;
                votes[hi < MAX_WIDTH ? hi + 1 : MAX_WIDTH + 1]--;
            }
        }
    }
    size_t best = 0;
    int most = 0, run = 0;
    for (size_t w = 0; w <= MAX_WIDTH; w++) {
        run += votes[w];
        if (run > most)
            most = run, best = w;
    }
    return best;
}

/* Columns of the indent of t, or SIZE_MAX if it is blank. */
static size_t
indent_of(struct dc_span t)
{
    size_t i = dc_leading(t.p, t.len, ' ', ' ');
    return i < t.len ? i : SIZE_MAX;
}

/* Does a cut go through the text of t, a word on either side of it? */
static bool
crosses(struct dc_span t, struct widen wd, bool bytes, const size_t *cuts,
        size_t ncuts)
{
    size_t at[MAX_CUTS];
    bytes_at(t.p, t.len, cuts, ncuts, bytes, wd, at);
    for (size_t k = 0; k < ncuts; k++) {
        size_t b = at[k];
        if (b > 0 && b < t.len && t.p[b - 1] != ' ' && t.p[b] != ' ' &&
            t.p[b - 1] != '|' && t.p[b] != '|')
            return true;
    }
    return false;
}

/* Lines of [s, e) that the cuts go through: cuts in the wrong unit, or
 * not a table's. */
static size_t
splits(const struct dc_doc *doc, size_t s, size_t e, bool bytes,
       const size_t *cuts, size_t ncuts)
{
    size_t n = 0;
    for (size_t i = s; i < e; i++)
        n += crosses(dc_doc_line_text(doc, i), widen_of(doc, i), bytes, cuts,
                     ncuts);
    return n;
}

/*
 * Does each piece of the text of t (words a space apart) lie within one
 * column of the cuts, starting at the cut that opens it, or anywhere in
 * the first column, where its cells start (at `lead`, or a list item's
 * indent further), or in the column of the piece before it (two spaces
 * apart, not a gap)?  Where the table's cells filled their width, a
 * single space before a word at that cut (bit k of `tight` for cut k)
 * ends one piece and starts the next, as in find_cuts().
 */
static bool
in_cells(struct dc_span t, struct widen wd, bool bytes, const size_t *cuts,
         size_t ncuts, size_t lead, unsigned tight)
{
    size_t col = 0, spaces = 2, k = 0, j = 0;
    bool piece = false;
    for (size_t i = 0; i <= t.len; i++) {
        if (i < t.len && is_cont(t.p[i], bytes))
            continue;
        if (bytes)
            col = widened_col(wd, &j, i, col);
        bool blank = i == t.len || t.p[i] == ' ' || t.p[i] == '|';
        if (!blank && (spaces >= 2 || (spaces == 1 && k < ncuts &&
                                       col == cuts[k] && (tight >> k & 1)))) {
            size_t kk = k;
            while (kk < ncuts && cuts[kk] <= col)
                kk++;
            if (kk > k && cuts[kk - 1] != col)
                return false;
            if (kk == k && piece && spaces >= MIN_GAP)
                return false; /* cells of another table side by side */
            if (kk == 0 && col > lead + LEAD_SLACK)
                return false; /* right of where the first column starts */
            k = kk;
            piece = true;
        }
        if (!blank) {
            if (k < ncuts && col >= cuts[k])
                return false; /* ran into the next column */
            spaces = 0;
        } else {
            spaces++;
        }
        col++;
    }
    return piece;
}

/*
 * Where a table's columns go on below the run [.., e): the lines after
 * it, across a blank line or two, whose text lies in its columns (see
 * in_cells()): the article's column after the menu and teasers beside it
 * have ended, its next paragraphs indented as far as ever, or the
 * article on the left, wrapped as narrow as before, beside the last
 * teasers and then alone.  Without them the rest of the article would
 * follow the teasers once the run is unfolded, or stay a column of lines
 * too short to read as sentences.
 * Returns the new end of the run.
 */
static size_t
column_goes_on(const struct dc_doc *doc, size_t s, size_t e, size_t to,
               const size_t *cuts, size_t ncuts, bool bytes)
{
    size_t lead = SIZE_MAX; /* where the first column's cells start */
    unsigned tight = 0;     /* the cuts with a full cell beside them */
    for (size_t i = s; i < e; i++) {
        struct dc_span t = dc_doc_line_text(doc, i);
        size_t in = indent_of(t);
        if (in < lead)
            lead = in;
        size_t at[MAX_CUTS];
        bytes_at(t.p, t.len, cuts, ncuts, bytes, widen_of(doc, i), at);
        for (size_t k = 0; k < ncuts; k++) {
            size_t b = at[k];
            if (b >= 2 && b < t.len && t.p[b] != ' ' && t.p[b - 1] == ' ' &&
                t.p[b - 2] != ' ')
                tight |= 1u << k;
        }
    }
    size_t end = e, blanks = 0;
    for (size_t i = e; i < to && blanks <= 2; i++) {
        struct dc_span t = dc_doc_line_text(doc, i);
        if (indent_of(t) == SIZE_MAX) {
            blanks++;
            continue;
        }
        if (!in_cells(t, widen_of(doc, i), bytes, cuts, ncuts, lead, tight))
            break;
        end = i + 1;
        blanks = 0;
    }
    return end;
}

/*
 * A run of lines [s, e) counted for find_cuts(), in code points and, once
 * a line has non-ASCII text (before that, the two are the same), in
 * bytes.  When no table is found, the run is tried again from further
 * down: its first lines are taken out of the counts rather than every
 * line counted again (most of the time went there, on pages whose
 * layout hides the table under a few lines).
 */
struct run {
    struct counts chars, bytes;
    bool have_bytes;
    size_t s, e;
    size_t non_ascii; /* lines with a byte >= 0x80 */
};

static void
run_start(struct run *r, const struct dc_doc *doc, size_t s, size_t e)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    r->e = e;
    for (size_t i = s; i < e; i++)
        r->non_ascii += count_line(&r->chars, dc_doc_line_text(doc, i),
                                   widen_of(doc, i), false, 1);
}

/* Take the run's first line out. */
static void
run_drop_first(struct run *r, const struct dc_doc *doc)
{
    struct dc_span t = dc_doc_line_text(doc, r->s);
    struct widen wd = widen_of(doc, r->s++);
    r->non_ascii -= count_line(&r->chars, t, wd, false, SIZE_MAX);
    if (r->have_bytes)
        count_line(&r->bytes, t, wd, true, SIZE_MAX);
}

/* The cuts of the run, in *bytes the unit they are counted in; returns
 * how many (0: not a table). */
static size_t
table_cuts(struct run *r, const struct dc_doc *doc, size_t cuts[MAX_CUTS],
           bool *bytes)
{
    size_t bcuts[MAX_CUTS];
    *bytes = false;
    size_t ncuts = find_cuts(&r->chars, cuts);
    if (r->non_ascii) {
        if (!r->have_bytes) {
            r->have_bytes = true;
            for (size_t i = r->s; i < r->e; i++)
                count_line(&r->bytes, dc_doc_line_text(doc, i),
                           widen_of(doc, i), true, 1);
        }
        /* the unit whose cuts go through fewer lines' words, or as
         * few and find more columns */
        size_t nb = find_cuts(&r->bytes, bcuts);
        size_t sb = nb ? splits(doc, r->s, r->e, true, bcuts, nb) : 0;
        size_t sc = ncuts ? splits(doc, r->s, r->e, false, cuts, ncuts) : 0;
        if (nb && (ncuts == 0 || sb < sc || (sb == sc && nb > ncuts))) {
            *bytes = true;
            ncuts = nb;
            memcpy(cuts, bcuts, nb * sizeof *cuts);
        }
    }
    return ncuts;
}

/* Rewrite lines [s, e), a table with these cuts, column by column;
 * returns their new line count. */
static size_t
unfold_cells(struct dc_doc *doc, size_t s, size_t e, const size_t *cuts,
             size_t ncuts, bool bytes)
{
    struct dc_buf repl = DC_BUF_INIT;
    /* at most a paragraph and a blank line per cell */
    size_t cap = 2 * (e - s + 1) * (ncuts + 1), nrepl = 0;
    uint64_t *numbers = dc_xcalloc(cap, sizeof *numbers);
    struct dc_span *cells = dc_xmalloc((e - s) * sizeof *cells);
    /* where each line's columns start: column 0, then the cuts */
    size_t cols[MAX_CUTS + 1], w = ncuts + 1;
    cols[0] = 0;
    if (ncuts) /* (unframe() has none, and no array: memcpy wants one) */
        memcpy(cols + 1, cuts, ncuts * sizeof *cuts);
    size_t *at = dc_xmalloc((e - s) * w * sizeof *at);
    for (size_t i = s; i < e; i++) {
        struct dc_span t = dc_doc_line_text(doc, i);
        bytes_at(t.p, t.len, cols, w, bytes, widen_of(doc, i),
                 at + (i - s) * w);
    }
    for (size_t k = 0; k <= ncuts; k++) {
        for (size_t i = s; i < e; i++) {
            struct dc_span t = dc_doc_line_text(doc, i);
            const size_t *a = at + (i - s) * w;
            cells[i - s] = cell_of(t, a[k], k < ncuts ? a[k + 1] : t.len);
        }
        size_t widest = column_width(cells, e - s, bytes);
        bool open = false; /* a paragraph of this column is open */
        uint64_t start = 0;
        struct dc_span above = {NULL, 0};
        for (size_t i = s; i <= e; i++) {
            struct dc_span c = {NULL, 0}; /* below the last: the end */
            if (i < e)
                c = cells[i - s];
            if (open &&
                (c.len == 0 || !continues_cell(above, c, widest, bytes))) {
                dc_buf_puts(&repl, "\n\n"); /* its line, a blank one */
                numbers[nrepl++] = start;
                numbers[nrepl++] = start;
                open = false;
            }
            if (c.len == 0)
                continue;
            if (!open)
                start = doc->lines[i].number;
            else if (repl.data[repl.len - 1] != '-')
                dc_buf_putc(&repl, ' ');
            dc_buf_append(&repl, c.p, c.len);
            above = c;
            open = true;
        }
    }
    dc_free(cells);
    dc_free(at);
    size_t n = replace_lines(doc, s, e, &repl, numbers, nrepl);
    dc_buf_free(&repl);
    dc_free(numbers);
    return n;
}

/* Rewrite the run [s, *end), a table with these cuts, column by column,
 * *end moved down to where its columns end; returns its new line
 * count. */
static size_t
unfold_run(struct dc_doc *doc, size_t s, size_t *end, size_t to,
           const size_t *cuts, size_t ncuts, bool bytes)
{
    *end = column_goes_on(doc, s, *end, to, cuts, ncuts, bytes);
    return unfold_cells(doc, s, *end, cuts, ncuts, bytes);
}

/* Are all of cuts[0..n) among more[0..nmore)?  (Both ascending.) */
static bool
has_all(const size_t *more, size_t nmore, const size_t *cuts, size_t n)
{
    size_t j = 0;
    for (size_t k = 0; k < n; k++) {
        while (j < nmore && more[j] < cuts[k])
            j++;
        if (j == nmore || more[j] != cuts[k])
            return false;
    }
    return true;
}

/*
 * The cuts of the run r, or of a run from a later line with a gap down
 * to its end: its first lines, of another layout above the table, may
 * hide its gutters.  Each try starts further down (r->s moves there).
 * `gaps` lines of r have a gap, the last of them `last`.
 */
static size_t
table_from_top(struct run *r, const struct dc_doc *doc, size_t gaps,
               size_t last, size_t cuts[MAX_CUTS], bool *bytes)
{
    struct run best; /* where the cuts were found, once they are */
    size_t ncuts = table_cuts(r, doc, cuts, bytes);
    if (ncuts)
        best = *r;
    for (size_t tries = 0; tries < MAX_TRIES; tries++) {
        for (size_t skip = (size_t)1 << (tries / 2);
             skip > 0 && gaps >= MIN_ROWS; skip--) {
            do
                run_drop_first(r, doc);
            while (r->s < last && !gap_at(doc, r->s));
            gaps--;
        }
        if (gaps < MIN_ROWS)
            break;
        size_t more[MAX_CUTS];
        bool more_bytes;
        size_t nmore = table_cuts(r, doc, more, &more_bytes);
        /* The first cuts found, or more of the same table's gutters,
         * that the lines just left out crossed. */
        if (nmore > ncuts && (ncuts == 0 || (more_bytes == *bytes &&
                                             has_all(more, nmore, cuts,
                                                     ncuts)))) {
            ncuts = nmore;
            memcpy(cuts, more, nmore * sizeof *cuts);
            *bytes = more_bytes;
            best = *r;
        }
    }
    if (ncuts)
        *r = best;
    return ncuts;
}

/*
 * Leave the last `skip` lines with a gap out of the run [s, *e), and
 * the lines after the new last one: *e, *last and *gaps follow.
 * Returns false when too few lines with gaps would be left.
 */
static bool
drop_last_gaps(const struct dc_doc *doc, size_t s, size_t *e, size_t *last,
               size_t *gaps, size_t skip)
{
    if (*gaps < MIN_ROWS + skip)
        return false;
    size_t i = *e;
    for (size_t k = 0; k <= skip; k++) /* to the gap line above them */
        do
            i--;
        while (i > s && !gap_at(doc, i));
    *gaps -= skip;
    *last = i;
    *e = i + 1;
    return true;
}

/*
 * html2text draws a table of one column, the layout table an old page
 * puts its article in, as a frame: a rule of '_' above, each line of a
 * cell between '|' at both ends, padded with spaces, and the last line
 * of each row with its spaces drawn as '_':
 *     ______________
 *     |Article text |
 *     |more text    |
 *     |_____________|
 * No gutter sets the cell apart, so no run above finds it; left framed,
 * a line reads as code (bars outnumber words) and rules anchored at a
 * line's start miss it.  So it is unfolded as a column is, as if the
 * table were not drawn: the cell's lines joined into paragraphs, their
 * bars, padding and the top rule taken out, a row's last line with its
 * '_' spaces again.  (Only html2text draws such frames: lynx draws none.)
 */

/* Is t a line of a one-column frame, "  |...|"?  Its cell is [*a, *b).
 * A '|' inside right before a word, after a space or a '_', starts the
 * next cell: a table of more columns, not this one. */
static bool
frame_row(struct dc_span t, size_t *a, size_t *b)
{
    if (t.len < 2 || t.p[t.len - 1] != '|')
        return false;
    size_t i = dc_leading(t.p, t.len, ' ', ' ');
    if (i + 2 > t.len || t.p[i] != '|')
        return false;
    for (size_t k = i + 2; k + 1 < t.len; k++)
        if (t.p[k] == '|' && t.p[k + 1] != ' ' &&
            (t.p[k - 1] == ' ' || t.p[k - 1] == '_'))
            return false;
    *a = i + 1;
    *b = t.len - 1;
    return true;
}

/* Is the cell [a, b) of t the last line of a row, its spaces drawn as
 * '_'?  (More '_' than spaces: a space that html2text did not take for
 * one, a no-break space, stays.) */
static bool
row_end(struct dc_span t, size_t a, size_t b)
{
    size_t under = 0, spaces = 0;
    for (size_t k = a; k < b; k++) {
        under += t.p[k] == '_';
        spaces += t.p[k] == ' ';
    }
    return under > spaces;
}

/* Is the line above line i a rule of '_' (the top of a drawn table)? */
static bool
rule_above(const struct dc_doc *doc, size_t i)
{
    struct dc_span t = dc_doc_line_text(doc, i - 1);
    return dc_underscore_rule(t.p, t.len);
}

/* Unframe the one-column frames of lines [from, to): runs of frame
 * lines with a rule of '_' above, or a row's last line at the bottom
 * (the frame's top was unfolded with columns beside it, or came in an
 * earlier window).  The cell's lines are joined into paragraphs as a
 * column's are (unfold_cells(), which trims the bars), the rule above
 * taken out.  Returns the line index that corresponds to `to`
 * afterwards. */
static size_t
unframe(struct dc_doc *doc, size_t from, size_t to)
{
    size_t a, b;
    for (size_t i = from; i < to;) {
        /* Most lines fail at their last byte: found with no call, in a
         * loop of their own. */
        const struct dc_line *l = doc->lines;
        const char *text = doc->text.data;
        while (i < to && (l[i].len < 2 || text[l[i].off + l[i].len - 1] != '|'))
            i++;
        if (i == to)
            break;
        if (!frame_row(dc_doc_line_text(doc, i), &a, &b)) {
            i++;
            continue;
        }
        size_t e = i + 1;
        while (e < to && frame_row(dc_doc_line_text(doc, e), &a, &b))
            e++;
        bool top = i > 0 && rule_above(doc, i);
        struct dc_span last = dc_doc_line_text(doc, e - 1);
        frame_row(last, &a, &b);
        if (!top && !row_end(last, a, b)) {
            i = e;
            continue;
        }
        size_t s = i;
        if (top && i > from)
            doc->lines[--s].len = 0; /* (an empty cell: no paragraph) */
        for (size_t k = i; k < e; k++) {
            struct dc_span t = dc_doc_line_text(doc, k);
            frame_row(t, &a, &b);
            if (row_end(t, a, b)) /* in place: as long as before */
                for (char *q = doc->text.data + doc->lines[k].off + a;
                     q < doc->text.data + doc->lines[k].off + b; q++)
                    if (*q == '_')
                        *q = ' ';
        }
        size_t n = unfold_cells(doc, s, e, NULL, 0, true);
        to = to + n - (e - s);
        i = s + n;
    }
    return to;
}

size_t
dc_layout_columns(struct dc_doc *doc, size_t from, size_t to)
{
    struct run r; /* (13 KB: on the stack, as find_cuts() kept its own) */
    size_t i = from;
    while (i < to) {
        if (!gap_at(doc, i)) {
            i++;
            continue;
        }
        /* A run: lines with gaps, with at most two others between,
         * lines that carry a gap's river on, and lines with text in a
         * right-hand column only. */
        size_t s = i, e = i + 1, gaps = 1, last = i;
        struct dc_span t0 = dc_doc_line_text(doc, i);
        struct river river = river_of(t0.p, t0.len);
        while (e < to && e - last <= 3) {
            struct dc_span u = dc_doc_line_text(doc, e);
            if (has_gap(u.p, u.len)) {
                gaps++;
                last = e;
                river = river_of(u.p, u.len);
            } else if (e == last + 1 && river_goes_on(u.p, u.len, &river)) {
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
        /* Lines of another layout above the table (a search form, a
         * banner, a menu), or below it (a footer, the next table), whose
         * text crosses its gutters, hide them: without a table, the run
         * is tried again from a later line with a gap, and then again
         * with its last lines with gaps left out; with one found, it
         * takes back the lines above whose text no cut goes through. */
        size_t cuts[MAX_CUTS], top = s, end = e;
        bool bytes;
        size_t ncuts = 0;
        for (size_t tries = 0; tries <= MAX_TRIES; tries++) {
            run_start(&r, doc, top, e);
            ncuts = table_from_top(&r, doc, gaps, last, cuts, &bytes);
            if (ncuts || !drop_last_gaps(doc, top, &e, &last, &gaps,
                                         (size_t)1 << (tries / 2)))
                break;
        }
        s = r.s;
        if (ncuts == 0) {
            i = end; /* (its lower lines were tried from the top) */
            continue;
        }
        while (s > top &&
               !crosses(dc_doc_line_text(doc, s - 1), widen_of(doc, s - 1),
                        bytes, cuts, ncuts))
            s--;
        size_t n = unfold_run(doc, s, &e, to, cuts, ncuts, bytes);
        to = to + n - (e - s);
        i = s + n;
    }
    return unframe(doc, from, to);
}
