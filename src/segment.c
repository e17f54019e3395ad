/*
 * segment.c - lines to blocks; see segment.h.
 */
#include "config.h"
#include "segment.h"

#include <string.h>
#include <utf8proc.h>

/* Wrap widths considered, in columns (see struct lines). */
#define MIN_WRAP 30
#define MAX_WRAP 200
/* Lines this close below the width count as filled by the wrapper: a
 * word's length in text with spaces; a character or two (and a dash or
 * quote counted wide) in CJK text, where a wrapper may break anywhere. */
#define NEAR 9
#define NEAR_WIDE 4
/* A "paragraph" longer than this, or than DC_LINE_MAX bytes, is split:
 * it is not prose any more, and one block must stay small next to the
 * window. */
#define MAX_BLOCK_LINES 200
/* Columns a line of CJK text may end short of the wrap width and still
 * be full (see wrapped()). */
#define WIDE_SLACK 3
/* Lines near the wrap width that tell a wrapped text from a list. */
#define LIST_LINES 40

/* Code points: one column each, but see struct lines. */
static size_t
columns(const char *p, size_t len)
{
    return dc_utf8_count(p, len);
}

/* Is cp an East Asian wide or full-width character (CJK ideographs,
 * kana, hangul, full-width forms), two columns on a terminal? */
static bool
is_wide(int32_t cp)
{
    /* kana, the CJK ideographs and hangul first: most of CJK text */
    if ((cp >= 0x3041 && cp <= 0x3247) || (cp >= 0x3400 && cp <= 0x9FFF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3))
        return true;
    return cp >= 0x1100 && utf8proc_charwidth(cp) == 2;
}

/* How many wide characters p[0..len) holds (see is_wide).  Only lead
 * bytes E1-F4 can start one (U+1100, the first, is E1 84 80): eight
 * bytes at a time, the ones with their top three bits set (E0-FF) are
 * looked at, so accented Latin text costs a few instructions a word. */
static size_t
wide_chars(const char *p, size_t len)
{
    size_t n = 0, i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w = dc_load_le64(p + i);
            uint64_t top3 = w & (w << 1) & (w << 2) & 0x8080808080808080ull;
            if (!top3) {
                i += 8;
                continue;
            }
            i += dc_first_flagged(top3);
        } else if ((unsigned char)p[i] < 0xE0) {
            i++;
            continue;
        }
        if ((unsigned char)p[i] == 0xE2 && i + 1 < len &&
            (unsigned char)p[i + 1] == 0x80) {
            i += 3; /* U+2000-203F: dashes, quotes, spaces; none wide */
            continue;
        }
        int32_t cp = 0;
        size_t k = dc_utf8_decode((const unsigned char *)p + i, len - i, &cp);
        n += k && is_wide(cp);
        i += k ? k : 1;
    }
    return n;
}

/* How a line after a break starts, as wrapped() asks. */
enum start { START_UNKNOWN, START_ITEM, START_WORD, START_WIDE };

/* The window's lines as segmenting sees them: text and width, the width
 * counted once per line and call rather than at every question. */
struct lines {
    const struct dc_doc *doc;
    size_t *code; /* code points of each line */
    /* display columns of each line, a wide character two, or NULL when
     * the window has no CJK text */
    size_t *display;
    /* how each line starts, when first asked (line_start()): 0 not
     * yet, then one of enum start, and the columns of its first word */
    unsigned char *item;
    size_t *first;
};

/* How line lengths are counted: in display columns (a wide character
 * two) as lynx, w3m and terminals wrap, or in code points, as Python's
 * textwrap (and so html2text) does.  The line lengths tell, for the
 * window or for one run of lines. */
struct measure {
    const size_t *cols;
    bool wide;
};

static struct dc_span
text_of(const struct lines *ls, size_t i)
{
    return dc_doc_line_text(ls->doc, i);
}

/* Is the text an empty row of a table that html2text drew, borders and
 * rules only ("|      |", "|_____|", "|=====|"), of a table of one
 * column (two bars)?  It stands where the page had a gap between a
 * cell's paragraphs or between cells, as a blank line does: else all of
 * a framed table's text (an article in a one-column layout table, the
 * teasers below it) would be one block.  (In a table of several columns
 * an empty row would cut a row's cells into pieces that read as code:
 * their bars outnumber their words.) */
static bool
empty_row(const char *p, size_t len)
{
    size_t bars = 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '|')
            bars++;
        else if (c != ' ' && c != '_' && c != '=' && c != '-' &&
                 !dc_isspace((unsigned char)c))
            return false;
    }
    return bars == 2;
}

static bool
is_blank(const char *p, size_t len)
{
    for (size_t i = dc_leading(p, len, ' ', '\t'); i < len; i++)
        if (!dc_isspace((unsigned char)p[i]))
            return false;
    return true;
}

/* Does the line stand for a gap between paragraphs: blank, or an empty
 * row of a drawn table (whose last byte is a bar: a line keeps no
 * trailing spaces)? */
static inline bool
is_gap(const char *p, size_t len)
{
    return is_blank(p, len) ||
           (p[len - 1] == '|' && empty_row(p, len));
}

/* Does the text, left-trimmed, start a list item: "* ", "- ", "o ", "+ ",
 * "• ", "1. ", "2) "? */
static bool
starts_item(const char *p, size_t len)
{
    /* (a NUL too: strchr() found it, and the answer stays the same) */
    if (len >= 2 && p[1] == ' ' &&
        (p[0] == '*' || p[0] == '-' || p[0] == '+' || p[0] == 'o' ||
         p[0] == '#' || !p[0]))
        return true;
    /* html2text's headings: "****** Title ******", "===== Title =====",
     * "** Title **" */
    if (len >= 3 && (p[0] == '*' || p[0] == '=') && p[1] == p[0] &&
        (p[2] == p[0] || (p[0] == '*' && p[2] == ' ')))
        return true;
    if (len >= 3 && p[0] == '\xe2' && p[1] == '\x80' && p[2] == '\xa2') /* • */
        return true;
    return dc_numbered_item(p, len, 3, NULL);
}

/*
 * The number the text starts a numbered item with, "1234. " or "1234) ",
 * whatever its digits, or 0.  starts_item() takes three digits at most; a
 * longer number starts an item only where it follows the one before (see
 * dc_segment()).
 */
static uint64_t
item_number(const char *p, size_t len)
{
    uint64_t n;
    return dc_numbered_item(p, len, 18, &n) ? n : 0;
}

/* Where the first space or tab in p[0..len) is, or len: eight bytes at
 * a time (a line's first word is often a long link or name). */
static size_t
word_end(const char *p, size_t len)
{
    size_t j = 0;
    for (; j + 8 <= len; j += 8) {
        uint64_t w = dc_load_le64(p + j);
        uint64_t m = dc_bytes_equal(w, ' ') | dc_bytes_equal(w, '\t');
        if (m)
            return j + dc_first_flagged(m);
    }
    while (j < len && p[j] != ' ' && p[j] != '\t')
        j++;
    return j;
}

/* Does the text, left-trimmed, start with a wide character? */
static bool
starts_wide(const char *p, size_t len)
{
    int32_t cp = 0;
    return len > 0 && (unsigned char)p[0] >= 0xE1 &&
           dc_utf8_decode((const unsigned char *)p, len, &cp) && is_wide(cp);
}

/* Columns of the first word of the text, left-trimmed. */
static size_t
first_word_columns(const char *p, size_t len)
{
    return columns(p, word_end(p, len));
}

/* The last character of t, in *cp; false if t is empty or ends in a
 * broken sequence. */
static bool
last_char(struct dc_span t, int32_t *cp)
{
    size_t lead = t.len;
    while (lead > 0 && ((unsigned char)t.p[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead-- == 0)
        return false;
    size_t n = t.len - lead;
    return dc_utf8_decode((const unsigned char *)t.p + lead, n, cp) == n;
}

/* Does the text end with a wide character?  A wrapper needs no space to
 * break after one. */
static bool
ends_wide(struct dc_span t)
{
    int32_t cp = 0;
    return last_char(t, &cp) && is_wide(cp);
}

/* Count how the (left-trimmed) text starts: a capital or a digit, as a
 * list item does, in *upper; a small letter, as a wrapped sentence going
 * on does, in *lower. */
static void
count_start(const struct dc_span *t, size_t *upper, size_t *lower)
{
    size_t k = dc_leading(t->p, t->len, ' ', '\t');
    if (k < t->len) {
        unsigned char c = (unsigned char)t->p[k];
        *upper += dc_isupper(c) || dc_isdigit(c);
        *lower += dc_islower(c);
    }
}

static enum start line_start(const struct lines *ls, size_t i);

/*
 * Estimate the wrap width of the window: the width W at which the most
 * lines, filled to within NEAR (NEAR_WIDE) columns of it, end where a
 * wrapper at W would have broken them (the next line's first word would
 * not have fitted), with lengths piling up just below W rather than
 * spread evenly, and few lines just above it.  Lines far longer than W
 * (tables, URLs a wrapper cannot break) do not count against it.  A
 * menu's or a list's lines of like length (items of a link list, each
 * followed by the next item or by one whose first word would have
 * fitted) pile up as well, but explain no break.
 */
static size_t
estimate_wrap(const struct lines *ls, const struct measure *m)
{
    size_t near_w = m->wide ? NEAR_WIDE : NEAR;
    size_t hist[MAX_WRAP + NEAR + 2] = {0};
    /* Line i explains a break at the widths w from its own length up
     * to where line i + 1's first word would have fitted after it (as
     * wrapped() asks), at most near_w more: one vote for each, counted
     * as +1 at the first and -1 past the last. */
    int votes[MAX_WRAP + NEAR + 2] = {0};
    size_t longish = 0;
    for (size_t i = 0; i < ls->doc->nlines; i++) {
        size_t c = m->cols[i];
        if (c < MIN_WRAP)
            continue;
        longish++;
        hist[c > MAX_WRAP + NEAR ? MAX_WRAP + NEAR + 1 : c]++;
        if (c <= MAX_WRAP && i + 1 < ls->doc->nlines && m->cols[i + 1] &&
            line_start(ls, i + 1) != START_ITEM) {
            size_t next = ls->item[i + 1] == START_WIDE ? 1 : ls->first[i + 1];
            votes[c]++;
            votes[c + (next < near_w ? next : near_w) + 1]--;
        }
    }
    if (longish < 4)
        return 0;
    /* below[k]: the lines shorter than k, so that the lines of a span
     * of widths take two look-ups, not a sum for each width */
    size_t below_w[MAX_WRAP + NEAR + 3];
    below_w[0] = 0;
    for (size_t k = 0; k < MAX_WRAP + NEAR + 2; k++)
        below_w[k + 1] = below_w[k] + hist[k];
    size_t best = 0, best_near = 0;
    int explained = 0; /* lines whose break a wrapper at w explains */
    for (size_t w = 0; w < MIN_WRAP + 2 * NEAR; w++)
        explained += votes[w];
    for (size_t w = MIN_WRAP + 2 * NEAR; w <= MAX_WRAP; w++) {
        explained += votes[w];
        /* the lines of widths w - near_w to w, of the near_w + 1 widths
         * below those, and of the near_w widths above w */
        size_t near = below_w[w + 1] - below_w[w - near_w];
        size_t below = below_w[w - near_w] - below_w[w - 2 * near_w - 1];
        size_t above = below_w[w + near_w + 1] - below_w[w + 1];
        if ((size_t)explained > best_near && near * 2 >= below * 3 &&
            above * 4 <= near) {
            best = w;
            best_near = (size_t)explained;
        }
    }
    /* Little evidence is enough only at the widths wrappers use (e-mail
     * 72, fmt 75, html2text 79, lynx 77). */
    if (best_near * 10 < longish || best_near < 4 ||
        (best_near < 8 && (best < 68 || best > 80)))
        return 0;
    /* The widest line at or below the estimate is the real width. */
    while (best > MIN_WRAP && hist[best] == 0)
        best--;
    /* A wrapper breaks sentences mid-way, so lines near the width go on
     * in lower case now and then; after every item of a list of
     * headlines (a window of nothing but a long link list, whose items'
     * lengths pile up like wrapped lines) comes a capital or a number. */
    size_t upper = 0, lower = 0;
    for (size_t i = 0; i + 1 < ls->doc->nlines; i++) {
        size_t c = m->cols[i];
        if (c > best || c + near_w < best)
            continue;
        struct dc_span t = text_of(ls, i + 1);
        count_start(&t, &upper, &lower);
    }
    if (upper + lower >= LIST_LINES && lower * 20 < upper + lower)
        return 0;
    return best;
}

/* The length of t without the white space it ends with. */
static size_t
trimmed_len(struct dc_span t)
{
    size_t e = t.len;
    while (e > 0 && dc_isspace((unsigned char)t.p[e - 1]))
        e--;
    return e;
}

/* Does the text end the way only a line of code ends: with a brace, or
 * with a semicolon after a closing bracket or quote ("});", "];", "';")?
 * A wrapper breaking prose never leaves either at a line's end, so a
 * script above a paragraph, with no blank line between them, stays out
 * of the paragraph's block (where it would make all of it look like
 * code). */
static bool
ends_statement(struct dc_span t)
{
    size_t e = trimmed_len(t);
    if (e == 0)
        return false;
    char last = t.p[e - 1];
    if (last == '{' || last == '}')
        return true;
    return last == ';' && e >= 2 && t.p[e - 2] != '\0' &&
           strchr(")]}'\"", t.p[e - 2]);
}

/* Is the text a whole html2text heading, "**** Title ****", or of the
 * lowest level, "** Title **" (a space inside each pair: not Markdown's
 * bold)?  Nothing after it on the next line goes on with it, however
 * long that line's first word (a list of tags run together). */
static bool
whole_heading(struct dc_span t)
{
    size_t i = dc_leading(t.p, t.len, ' ', '\t'), e = t.len;
    while (e > i && dc_isspace((unsigned char)t.p[e - 1]))
        e--;
    if (e < i + 7)
        return false;
    char c = t.p[i];
    if ((c != '*' && c != '=') || t.p[i + 1] != c || t.p[e - 1] != c ||
        t.p[e - 2] != c)
        return false;
    if (t.p[i + 2] == c && t.p[e - 3] == c)
        return e >= i + 8;
    return c == '*' && t.p[i + 2] == ' ' && t.p[e - 3] == ' ';
}

/* Is line i, text t, a rule of '_' only, with a table's row ("|...")
 * below it?  (See top_border().) */
static bool
rule_above_row(const struct lines *ls, size_t i, struct dc_span t)
{
    if (i + 1 >= ls->doc->nlines || !dc_underscore_rule(t.p, t.len))
        return false;
    struct dc_span b = text_of(ls, i + 1);
    size_t k = dc_leading(b.p, b.len, ' ', '\t');
    return k < b.len && b.p[k] == '|';
}

/* Does the text end a sentence: ".", "!" or "?", perhaps inside a
 * closing quote or bracket, or end an image's text in brackets ("...]")?
 * (Not CJK text's "。": a wrapper breaks it anywhere, after a full stop
 * as well, and the next line goes on.) */
static bool
ends_sentence(struct dc_span t)
{
    size_t e = trimmed_len(t);
    if (e > 0 && (t.p[e - 1] == '"' || t.p[e - 1] == '\'' ||
                  t.p[e - 1] == ')'))
        e--;
    return e > 0 && (t.p[e - 1] == '.' || t.p[e - 1] == '!' ||
                     t.p[e - 1] == '?' || t.p[e - 1] == ']');
}

/* Does the text end in a letter or a digit (of any script), with no
 * stop, colon, comma, quote or bracket after its last word? */
static bool
ends_in_word(struct dc_span t)
{
    t.len = trimmed_len(t);
    int32_t cp = 0;
    if (!last_char(t, &cp))
        return false;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO &&
           !(cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

/*
 * Is line i + 1 the last line of its run (end: the run's end), with no
 * stop at its end, after line i ended a sentence or an image's text in
 * brackets?  A paragraph's last line ends as its sentence does; a
 * heading, a label or a link ("Themen: Europa", "Mehr zum Thema", "Read
 * more") below a paragraph does not.  html2text runs such a line into
 * the paragraph above when no blank line parts them, and a full line
 * above it leaves no room for its first word: it would read as wrapped.
 */
static bool
label_after_sentence(const struct lines *ls, size_t i, size_t end)
{
    return i + 2 == end && ends_sentence(text_of(ls, i)) &&
           ends_in_word(text_of(ls, i + 1));
}

/* Is line i the top border of a table that html2text drew: a rule of
 * '_' and nothing else, a row of the table ("|...") below it?  No
 * sentence goes on in it, nor in the table's first row.  (lynx draws
 * <hr> and form fields as such rules; with no table below, they are
 * left as they were: cleaneval's lynx pages lost .002 when they were
 * cut off too.)  A line keeps no trailing spaces, so most lines fail
 * at their last byte. */
static inline bool
top_border(const struct lines *ls, size_t i)
{
    struct dc_span t = text_of(ls, i);
    return t.len > 0 && t.p[t.len - 1] == '_' && rule_above_row(ls, i, t);
}

/* Is line i a rule of '_' and nothing else?  (A line keeps no trailing
 * spaces, so most lines fail at their last byte.) */
static bool
underscore_row(const struct lines *ls, size_t i)
{
    struct dc_span t = text_of(ls, i);
    return t.len > 0 && t.p[t.len - 1] == '_' && dc_underscore_rule(t.p, t.len);
}

/* Is line i a row of a form's text area as lynx draws one: a rule of '_'
 * with another right above or below it?  The rows are a block of their
 * own: no paragraph goes on into them or out of them, as lynx puts the
 * form's label and notes around them ("Please note: Comment moderation
 * is enabled ...").  (A rule alone is most often <hr>, left as it was:
 * see top_border().) */
static bool
form_row(const struct lines *ls, size_t i)
{
    return underscore_row(ls, i) &&
           ((i > 0 && underscore_row(ls, i - 1)) ||
            (i + 1 < ls->doc->nlines && underscore_row(ls, i + 1)));
}

/* Does t hold a gutter, three spaces after its indent (a line of a
 * layout that layout.c left side by side)? */
static bool
has_gutter(struct dc_span t)
{
    size_t i = dc_leading(t.p, t.len, ' ', '\t');
    return memmem(t.p + i, t.len - i, "   ", 3) != NULL;
}

/* Does text a end a bracketed piece ("... (AP Photo)]") and b start
 * another of words ("[A view of the ...")?  html2text writes an image as
 * its alternative text in brackets, wrapped like prose: two in a row are
 * two pictures, not one sentence that goes on.  (Not a file name, nor in
 * a layout's lines, where a picture beside a menu is no caption.) */
static bool
bracket_after_bracket(struct dc_span a, struct dc_span b)
{
    size_t e = trimmed_len(a);
    size_t i = dc_leading(b.p, b.len, ' ', '\t');
    if (e == 0 || a.p[e - 1] != ']' || i >= b.len || b.p[i] != '[' ||
        has_gutter(a) || has_gutter(b))
        return false;
    size_t spaces = 0;
    for (; i < b.len && b.p[i] != ']'; i++)
        spaces += b.p[i] == ' ';
    return spaces >= 2;
}

/* How line i starts (and, in ls->first, the columns of its first word),
 * worked out once a line. */
static enum start
line_start(const struct lines *ls, size_t i)
{
    if (ls->item[i] == START_UNKNOWN) {
        struct dc_span t = text_of(ls, i);
        size_t indent = dc_leading(t.p, t.len, ' ', '\t');
        const char *p = t.p + indent;
        size_t len = t.len - indent;
        ls->item[i] = starts_item(p, len)   ? START_ITEM
                      : starts_wide(p, len) ? START_WIDE
                                            : START_WORD;
        /* (a line a strip rule rewrote has lost its first_end) */
        const struct dc_line *l = &ls->doc->lines[i];
        size_t first_end = l->strip_rule ? 0 : l->first_end;
        ls->first[i] = (first_end > indent && first_end <= t.len
                            ? columns(p, first_end - indent)
                            : first_word_columns(p, len)) +
                       l->first_narrowed;
    }
    return (enum start)ls->item[i];
}

/* Did a greedy wrapper at width wrap (in measure m) break line i before
 * line i + 1? */
static bool
wrapped(const struct lines *ls, const struct measure *m, size_t i,
        size_t wrap)
{
    if (!wrap)
        return false;
    size_t a_cols = m->cols[i];
    if (a_cols > wrap + 1)
        return false;
    if (line_start(ls, i + 1) == START_ITEM)
        return false;
    struct dc_span a = text_of(ls, i);
    bool no_space = a.len > 0 && (a.p[a.len - 1] == '-' ||
                                ((unsigned char)a.p[a.len - 1] >= 0x80 &&
                                 ends_wide(a)));
    /* It broke there only if the next word would not fit; after a
     * hyphen or a wide character there is no space.  A wrapper may
     * break before any wide character (CJK has no spaces), so the next
     * "word" is then one character; and the line is full only to within
     * a few columns, as normalising made one-column quotes and dashes of
     * the ones that a wrapper for CJK text counts two. */
    size_t next = ls->item[i + 1] != START_WIDE ? ls->first[i + 1]
                  : m->wide                     ? 2 + WIDE_SLACK
                                                : 1;
    size_t need = a_cols + (no_space ? 0 : 1) + next;
    return need > wrap;
}

/* Is line i CJK text (a quarter of its characters wide or more)? */
static bool
is_cjk(const struct lines *ls, size_t i)
{
    return ls->display &&
           (ls->display[i] - ls->code[i]) * 4 >= ls->code[i];
}

/* Are most of the lines [s, e) at least min_cols display columns long
 * CJK text? */
static bool
mostly_cjk(const struct lines *ls, size_t s, size_t e, size_t min_cols)
{
    if (!ls->display)
        return false;
    size_t cjk = 0, counted = 0;
    for (size_t i = s; i < e; i++) {
        if (ls->display[i] < min_cols)
            continue;
        counted++;
        cjk += is_cjk(ls, i);
    }
    return cjk * 2 > counted;
}

/* Is line i of the run a measure of its width (see run_width())? */
static bool
measures_run(const struct lines *ls, const struct measure *m, size_t i)
{
    return (!m->wide || (is_cjk(ls, i) && m->cols[i] >= MIN_WRAP)) &&
           !ends_statement(text_of(ls, i));
}

/* The indent of a line of prose, or SIZE_MAX for a line of columns (a
 * table laid out in text, three spaces or more between its cells): a
 * paragraph's lines start at one column and hold no such gap. */
static size_t
flush_indent(struct dc_span t)
{
    size_t k = dc_leading(t.p, t.len, ' ', '\t');
    return dc_three_spaces(t.p + k, t.len - k, true) ? SIZE_MAX : k;
}

/* What wrapped_at() counts of a run's breaks: those measured, those
 * the window's width explains and those the run's own does, and how the
 * lines after them start (capital or digit, lower case). */
struct break_counts {
    size_t breaks, fit_global, fit_local, upper, lower;
};

/* Do the counted breaks read as wrapped at the run's width: most of
 * them explained, by more than the window's width, and the lines not
 * all starting as a list's items do? */
static bool
width_explains(const struct break_counts *c)
{
    bool items = c->upper + c->lower >= 3 &&
                 c->upper * 10 >= (c->upper + c->lower) * 9;
    return c->breaks && c->fit_local * 10 >= c->breaks * 7 &&
           c->fit_local > c->fit_global && !items;
}

/*
 * Do the line breaks of the run [s, e) read as wrapped at `width` in
 * measure m, and better than at the window's width, wrap?  Most breaks
 * must be explained, and by more than the window's.  A run of lines of
 * about the same length is explained by its widest one whether it was
 * wrapped or not; a wrapper breaks sentences mid-way, so some lines go
 * on in lower case, while every item of a list of headlines or names
 * starts with a capital (or a number, past the three digits
 * starts_item() takes).
 */
static bool
wrapped_at(const struct lines *ls, const struct measure *m, size_t s,
           size_t e, size_t wrap, size_t width)
{
    struct break_counts all = {0, 0, 0, 0, 0};
    /* the counts up to the last break the width explains, after line
     * last */
    struct break_counts upto = all;
    size_t last = s;
    for (size_t i = s; i + 1 < e; i++) {
        if (!measures_run(ls, m, i))
            continue;
        struct dc_span b = text_of(ls, i + 1);
        all.breaks++;
        all.fit_global += wrapped(ls, m, i, wrap);
        bool fits = wrapped(ls, m, i, width);
        all.fit_local += fits;
        count_start(&b, &all.upper, &all.lower);
        if (fits) {
            upto = all;
            last = i;
        }
    }
    if (width_explains(&all))
        return true;
    /* A paragraph html2text ran into the lines below it (a caption, a
     * heading, a list: no blank line between them) leaves the breaks
     * after its last line unexplained, however well the width explains
     * the paragraph's own: weigh the breaks up to the last one it
     * explains, three of them at least, ... */
    if (upto.fit_local < 3 || !width_explains(&upto) || width < 2 * MIN_WRAP)
        return false;
    /* ... if the lines down to it start at one column, as a wrapper
     * starts them (the first may stand further in), with words in each
     * and no table's gap: a form's or a table's cells side by side, or
     * its fields of '_', are no paragraph, nor are a form's narrow
     * lines (the width above). */
    size_t indent = flush_indent(text_of(ls, s + 1));
    for (size_t i = s; i <= last + 1; i++) {
        struct dc_span t = text_of(ls, i);
        size_t in = flush_indent(t), k = dc_leading(t.p, t.len, ' ', '\t');
        if (in == SIZE_MAX || (in != indent && !(i == s && in > indent)) ||
            (i <= last && !memchr(t.p + k, ' ', t.len - k)))
            return false;
    }
    return true;
}

/*
 * Does the run of non-blank lines [s, e) read as wrapped at its own
 * widest line in measure m (text wrapped in a narrower column of the
 * page than the window's width, wrap)?  Its width if so, else 0.  A
 * line of script (ends_statement()) is no measure of it, nor, in display
 * columns, a line that is not CJK or a short one (a caption or a label
 * above a CJK paragraph): neither its width nor the break after it
 * counts.  One line longer than all others (a heading or a link the
 * renderer did not wrap, glued to the paragraph) may hide the width:
 * then the widest of the rest is tried too ...
 */
static size_t
run_width(const struct lines *ls, const struct measure *m, size_t s,
          size_t e, size_t wrap)
{
    size_t widest = 0, second = 0;
    for (size_t i = s; i < e; i++) {
        if ((m->wide && !is_cjk(ls, i)) || ends_statement(text_of(ls, i)))
            continue;
        if (m->cols[i] > widest)
            second = widest, widest = m->cols[i];
        else if (m->cols[i] > second)
            second = m->cols[i];
    }
    if (widest < MIN_WRAP)
        return 0;
    if (wrapped_at(ls, m, s, e, wrap, widest))
        return widest;
    if (second < MIN_WRAP || second == widest)
        return 0;
    /* ... if the rest fill it as a wrapper fills its lines, several of
     * them to near the width, not if the rest are a short line or two */
    size_t near_w = m->wide ? NEAR_WIDE : NEAR, full = 0;
    for (size_t i = s; i < e; i++)
        full += m->cols[i] <= second && m->cols[i] + near_w >= second &&
                measures_run(ls, m, i);
    if (full >= 3 && wrapped_at(ls, m, s, e, wrap, second))
        return second;
    return 0;
}

/*
 * The wrap width for the run of non-blank lines [s, e), and in *run the
 * measure it is in: the window's width and measure, or, where that does
 * not explain the run's line breaks, the run's own (a CJK paragraph in a
 * window of other text is wrapped in display columns, and its width
 * need not be the window's).
 */
static size_t
run_wrap(const struct lines *ls, size_t s, size_t e, size_t wrap,
         const struct measure *window, struct measure *run)
{
    *run = *window;
    if (e - s < 3)
        return wrap;
    if (!window->wide && mostly_cjk(ls, s, e, 0)) {
        struct measure display = {ls->display, true};
        size_t width = run_width(ls, &display, s, e, 0);
        if (width) {
            *run = display;
            return width;
        }
    }
    size_t width = run_width(ls, window, s, e, wrap);
    return width ? width : wrap;
}

/* Does line i break a sentence in the middle of a clause, as only a
 * wrapper does: it ends in a small letter or a comma, and line i + 1
 * goes on with a word in small letters ("...a lot of device\nmakers
 * from..."; not "iPhone", a name)? */
static bool
breaks_clause(const struct lines *ls, size_t i)
{
    struct dc_span a = text_of(ls, i), b = text_of(ls, i + 1);
    size_t e = trimmed_len(a);
    if (e == 0 || !(dc_islower((unsigned char)a.p[e - 1]) || a.p[e - 1] == ','))
        return false;
    size_t k = dc_leading(b.p, b.len, ' ', '\t');
    if (k >= b.len || !dc_islower((unsigned char)b.p[k]))
        return false;
    for (size_t j = k; j < b.len && b.p[j] != ' '; j++)
        if (dc_isupper((unsigned char)b.p[j]))
            return false;
    return true;
}

/*
 * Is the run of non-blank lines [s, e) prose broken by hand, or by a
 * wrapper whose width the lines do not show (the page's source, as
 * get_text() keeps its line breaks; entities made some lines shorter)?
 * Each line but the last is long, none is code, and a sentence breaks
 * mid-clause at one of them at least.
 */
static bool
wrapped_by_hand(const struct lines *ls, size_t s, size_t e)
{
    if (e - s < 2 || ls->display)
        return false;
    bool clause = false;
    size_t indent = flush_indent(text_of(ls, s));
    if (indent == SIZE_MAX)
        return false;
    for (size_t i = s; i + 1 < e; i++) {
        if (ls->code[i] < MIN_WRAP || ends_statement(text_of(ls, i)) ||
            line_start(ls, i + 1) == START_ITEM ||
            flush_indent(text_of(ls, i + 1)) != indent)
            return false;
        clause |= breaks_clause(ls, i);
    }
    return clause;
}

/* Is p[0..len) a word of prose: letters (any non-ASCII byte counts as
 * one), apostrophes and hyphens, perhaps a stop or a comma after it? */
static bool
plain_word(const char *p, size_t len)
{
    while (len > 0 && p[len - 1] && strchr(".,;:!?)\"'", p[len - 1]))
        len--;
    if (len == 0)
        return false;
    for (size_t j = 0; j < len; j++) {
        unsigned char c = (unsigned char)p[j];
        if (!(dc_isalpha(c) || c >= 0x80 || c == '\'' || c == '-'))
            return false;
    }
    return true;
}

/* Does a word after the first start with a small letter, as in a
 * sentence?  A name, a place or a title capitalises them all ("Jane
 * Doe, Leeds, England" above her comment). */
static bool
lower_word_after_first(struct dc_span t)
{
    size_t j = dc_leading(t.p, t.len, ' ', '\t');
    for (j += word_end(t.p + j, t.len - j); j + 1 < t.len; j++)
        if (t.p[j] == ' ' && dc_islower((unsigned char)t.p[j + 1]))
            return true;
    return false;
}

/* Does the line hold a mark of code or markup, never of prose? */
static bool
code_marks(struct dc_span t)
{
    /* (compared, not a strchr() call a byte) */
    for (size_t j = 0; j < t.len; j++) {
        char c = t.p[j];
        if (c == '=' || c == '{' || c == '}' || c == '<' || c == '>')
            return true;
    }
    return false;
}

/* Where the text of a list item starts, past its marker ("* ", "12. "),
 * in columns of the untrimmed line. */
static size_t
item_text_column(const char *p, size_t len)
{
    size_t i = dc_leading(p, len, ' ', '\t');
    size_t m = i + word_end(p + i, len - i);
    return m + dc_leading(p + m, len - m, ' ', '\t');
}

/*
 * Does line i go on in line i + 1 as one sentence broken by hand, where
 * the run as a whole does not read as wrapped (wrapped_by_hand() wants
 * every line of it long): line i is long, breaks mid-clause, and both
 * start at one column with no table's gap.  A get_text() dump keeps
 * the source's breaks, and a paragraph's first line there is often
 * shorter than the rest (its tags took the room), or the window's
 * width, which other paragraphs show, does not explain its breaks.
 * Inside a paragraph (`inside`: line i is its second line or later) a
 * short line goes on as well: a menu has no sentence above its items.
 */
static bool
clause_goes_on(const struct lines *ls, size_t i, bool inside)
{
    if (ls->display || (ls->code[i] < MIN_WRAP && !inside) ||
        line_start(ls, i + 1) == START_ITEM || !breaks_clause(ls, i))
        return false;
    struct dc_span a = text_of(ls, i), b = text_of(ls, i + 1);
    size_t indent = flush_indent(a);
    /* (an item's text may go on below at its hanging indent) */
    size_t below = flush_indent(b);
    if (indent != SIZE_MAX && below != indent &&
        line_start(ls, i) == START_ITEM)
        below = below == item_text_column(a.p, a.len) ? indent : SIZE_MAX;
    if (indent == SIZE_MAX || below != indent || code_marks(a) ||
        code_marks(b) || !lower_word_after_first(a))
        return false;
    /* the words at the break are words, not names of code or data
     * ("apache_builds", "GB/s", "body:not(.home)") */
    size_t e = trimmed_len(a);
    if (a.p[e - 1] == ',')
        e--;
    size_t s = e;
    while (s > 0 && a.p[s - 1] != ' ' && a.p[s - 1] != '\t')
        s--;
    size_t k = dc_leading(b.p, b.len, ' ', '\t');
    return plain_word(a.p + s, e - s) &&
           plain_word(b.p + k, word_end(b.p + k, b.len - k));
}

/*
 * The end of the run of lines from i whose line breaks are measured
 * together: up to the next blank line, or to where a list starts or ends
 * inside the run (bullets with no blank line between them and the
 * paragraph above or below).  A list's breaks are no wraps, and counted
 * with the paragraph's they would hide the width it was wrapped at.  In
 * a window a renderer wrapped (`wrapped`), a run ends too where the
 * indent of prose changes: a wrapper starts every line of a paragraph
 * at one column, and text in a table's cell or a quote, indented, was
 * wrapped at the cell's width, not at the page's; *indent_cut tells
 * whether the run ends so (the next one starts a paragraph).  A run's
 * first line alone may stand further in (the spaces before a paragraph's
 * first word or picture that html2text keeps): the lines below it at
 * less go on with it.
 */
static size_t
run_after(const struct lines *ls, size_t i, bool wrapped, bool *indent_cut)
{
    const struct dc_doc *doc = ls->doc;
    struct dc_span t = text_of(ls, i);
    /* the column an item's text starts at while in one, else none */
    size_t item_col = line_start(ls, i) == START_ITEM
                          ? item_text_column(t.p, t.len)
                          : SIZE_MAX;
    size_t e = i + 1;
    size_t same = 1; /* lines at the indent of line e - 1, up to it */
    *indent_cut = false;
    for (; e < doc->nlines; e++) {
        t = text_of(ls, e);
        if (is_gap(t.p, t.len))
            break;
        if (line_start(ls, e) == START_ITEM) {
            if (item_col == SIZE_MAX)
                break; /* a list after prose */
            item_col = item_text_column(t.p, t.len);
        } else if (item_col != SIZE_MAX) {
            if (dc_leading(t.p, t.len, ' ', '\t') < item_col)
                break; /* prose after a list: no item's hanging indent */
        } else if (wrapped) {
            struct dc_span a = text_of(ls, e - 1);
            size_t in = dc_leading(t.p, t.len, ' ', '\t');
            size_t above = dc_leading(a.p, a.len, ' ', '\t');
            /* (a line of columns, a gutter in it, has no one indent) */
            if (in != above && (in > above || same >= 2) &&
                flush_indent(t) != SIZE_MAX && flush_indent(a) != SIZE_MAX) {
                *indent_cut = true; /* prose at another indent */
                break;
            }
            same = in == above ? same + 1 : 1;
        }
    }
    return e;
}

size_t
dc_segment(struct dc_doc *doc, size_t from)
{
    while (doc->nblocks > 0 && doc->blocks[doc->nblocks - 1].first >= from)
        doc->nblocks--;
    struct lines ls = {doc, dc_xmalloc((doc->nlines + 1) * sizeof *ls.code),
                       NULL, dc_xcalloc(doc->nlines + 1, 1),
                       dc_xmalloc((doc->nlines + 1) * sizeof *ls.first)};
    /* Any CJK text?  A wide character is three or four bytes, so a line
     * of code points c and bytes len holds at most (len - c) / 2 of
     * them: a bound that spares other text the count. */
    bool maybe_cjk = false;
    for (size_t i = 0; i < doc->nlines; i++) {
        struct dc_span s = dc_doc_line_text(doc, i);
        size_t c = columns(s.p, s.len);
        maybe_cjk |= c >= 8 && (s.len - c) * 2 >= c;
        ls.code[i] = c + doc->lines[i].narrowed;
    }
    if (maybe_cjk) {
        ls.display = dc_xmalloc((doc->nlines + 1) * sizeof *ls.display);
        for (size_t i = 0; i < doc->nlines; i++) {
            struct dc_span s = dc_doc_line_text(doc, i);
            /* (a line of ASCII has as many code points as bytes) */
            size_t points = ls.code[i] - doc->lines[i].narrowed;
            ls.display[i] = ls.code[i] +
                            (points < s.len ? wide_chars(s.p, s.len) : 0);
        }
    }
    /* Mostly CJK text is measured in display columns, unless no width
     * shows that way (it was wrapped in code points). */
    struct measure window = {ls.code, false};
    size_t wrap = 0;
    if (mostly_cjk(&ls, 0, doc->nlines, MIN_WRAP)) {
        struct measure display = {ls.display, true};
        wrap = estimate_wrap(&ls, &display);
        if (wrap)
            window = display;
    }
    if (!wrap)
        wrap = estimate_wrap(&ls, &window);

    struct dc_block *cur = NULL;
    size_t run_end = from, width = wrap;
    bool indent_cut = false; /* the run before ended at an indent */
    bool by_hand = false; /* the run is wrapped_by_hand() */
    struct measure run = window;
    uint64_t item = 0; /* the number cur starts with, as item_number() */
    for (size_t i = from; i < doc->nlines; i++) {
        struct dc_span s = dc_doc_line_text(doc, i);
        if (is_gap(s.p, s.len)) {
            doc->lines[i].block = DC_NONE;
            cur = NULL;
            continue;
        }
        /* prose at another indent than the line above starts a
         * paragraph where a renderer wrapped the window (run_after()) */
        bool run_cut = false;
        if (i >= run_end) { /* a new run of non-blank lines */
            run_cut = indent_cut;
            run_end = run_after(&ls, i, wrap != 0, &indent_cut);
            width = run_wrap(&ls, i, run_end, wrap, &window, &run);
            /* (a window a renderer wrapped has its breaks explained) */
            by_hand = !wrap && wrapped_by_hand(&ls, i, run_end);
        }
        bool continues = false;
        uint32_t serial = doc->lines[i].hints.serial;
        if (serial) {
            /* HTML: the markup drew the blocks; <br> lines stay in one. */
            continues = cur && doc->lines[i - 1].hints.serial == serial;
        } else if (cur && cur->count < MAX_BLOCK_LINES &&
                   doc->lines[i].off + s.len - doc->lines[cur->first].off <=
                       DC_LINE_MAX) {
            /* "1000. " after the block that starts "999. " is the next
             * item of a list, not a sentence going on */
            continues = !run_cut &&
                        (by_hand || wrapped(&ls, &run, i - 1, width) ||
                         clause_goes_on(&ls, i - 1, cur->count >= 2)) &&
                        !ends_statement(text_of(&ls, i - 1)) &&
                        !whole_heading(text_of(&ls, i - 1)) &&
                        !label_after_sentence(&ls, i - 1, run_end) &&
                        !top_border(&ls, i - 1) && !top_border(&ls, i) &&
                        form_row(&ls, i - 1) == form_row(&ls, i) &&
                        !bracket_after_bracket(text_of(&ls, i - 1), s) &&
                        !(item && item_number(s.p, s.len) == item + 1);
        }
        if (!continues) {
            doc->blocks = dc_xgrow(doc->blocks, &doc->blocks_cap,
                                   dc_add_size(doc->nblocks, 1),
                                   sizeof *doc->blocks);
            cur = &doc->blocks[doc->nblocks++];
            memset(cur, 0, sizeof *cur);
            cur->first = i;
            cur->hints = doc->lines[i].hints;
            item = item_number(s.p, s.len);
        }
        cur->count++;
        doc->lines[i].block = (size_t)(cur - doc->blocks);
    }
    dc_free(ls.code);
    dc_free(ls.display);
    dc_free(ls.item);
    dc_free(ls.first);
    return wrap;
}
