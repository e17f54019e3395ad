/*
 * doc.h - the document window that flows between segment, classify and
 * emit: normalised text, its lines, the blocks (paragraphs) they form, each
 * block's features, and the decision taken on it with its reason.
 *
 * The window holds a bounded stretch of one input document.  Lines at its
 * start may already be emitted ("frozen"): they stay as context for the
 * lines after them, with their decisions fixed.  See pipeline.h for how
 * the window slides.
 */
#ifndef DC_DOC_H
#define DC_DOC_H

#include "util.h"

#define DC_NONE ((size_t)-1)

enum dc_decision {
    DC_UNDECIDED = 0,
    DC_KEEP,
    DC_DROP
};

/*
 * Why a block was kept or dropped.  `what` is a static phrase ("link
 * list", "code", "after terminal marker"); `rule`, when set, is the rule
 * (a const struct dc_rule *) that decided, for --explain to name.
 */
struct dc_reason {
    const char *what;
    const void *rule;
};

/*
 * What the markup said about a line's block, for HTML input (html.h makes
 * them, hints.h weighs them).  All zero for text input: `serial` is 0.
 */
enum dc_element {
    DC_EL_NONE = 0, DC_EL_P, DC_EL_H1, DC_EL_H2, DC_EL_H3, DC_EL_H4,
    DC_EL_H5, DC_EL_H6, DC_EL_LI, DC_EL_DT, DC_EL_DD, DC_EL_TD, DC_EL_TH,
    DC_EL_PRE, DC_EL_BLOCKQUOTE, DC_EL_FIGCAPTION, DC_EL_CAPTION,
    DC_EL_ADDRESS, DC_EL_DIV, DC_EL_OTHER
};

/* Kinds of boilerplate that ancestors' class and id words name. */
enum {
    DC_KIND_COMMENT = 1 << 0,
    DC_KIND_RELATED = 1 << 1,
    DC_KIND_SHARE = 1 << 2,
    DC_KIND_SIDEBAR = 1 << 3,
    DC_KIND_FOOTER = 1 << 4,
    DC_KIND_NAV = 1 << 5,
    DC_KIND_PROMO = 1 << 6,
    DC_KIND_NEWSLETTER = 1 << 7,
    DC_KIND_COOKIE = 1 << 8,
    DC_KIND_CAPTION = 1 << 9,
    DC_KIND_BYLINE = 1 << 10,
    DC_KIND_META = 1 << 11,     /* dates, tags, categories, breadcrumbs */
    DC_KIND_CONTENT = 1 << 12,  /* article body, post content, entry text */
    DC_KIND_COUNT = 13
};

/* Other facts about a block's place in the markup. */
enum {
    DC_HINT_ARTICLE = 1 << 0,   /* inside <article>, <main> or role=main */
    DC_HINT_HIDDEN = 1 << 1,    /* hidden, aria-hidden, display:none */
    DC_HINT_JSONLD = 1 << 2,    /* its text is in the JSON-LD articleBody */
    DC_HINT_HEADER = 1 << 3,    /* inside <header> */
    DC_HINT_FOOTER = 1 << 4,    /* inside <footer> */
    DC_HINT_NAV = 1 << 5,       /* inside <nav> or role=navigation */
    DC_HINT_ASIDE = 1 << 6,     /* inside <aside> or role=complementary */
    DC_HINT_LINK_TITLE = 1 << 7 /* its first line, with more after it, is
                                   all link text (a teaser's headline) */
};

struct dc_hints {
    uint32_t serial;         /* HTML block number from 1; 0: text input */
    uint32_t path_off, path_len; /* element path in doc->paths */
    uint32_t elems_off;      /* its elements' numbers in doc->elems */
    uint16_t elems_len;      /* (one per path step; 0: none) */
    uint16_t kinds;          /* DC_KIND_* of ancestors' class/id words */
    uint8_t element;         /* enum dc_element of the block's element */
    uint8_t flags;           /* DC_HINT_* */
    float link_density;      /* share of the block's text inside <a> */
};

/* The longest piece of a line the window holds, and the most bytes a
 * block holds: far more than any paragraph, an eighth of the window. */
#define DC_LINE_MAX (1u << 20)

/*
 * Bytes that normalising took out of a line before its byte `at` (a
 * no-break space or a curly quote made ASCII, a soft hyphen removed; see
 * struct dc_shift in normalise.h; negative: bytes it put in).  A renderer
 * that padded table cells counting bytes, as html2text does, placed the
 * text from `at` on that much further right than the normalised line
 * has it.
 */
struct dc_widening {
    uint32_t at;
    int32_t bytes;
};

/* One input line, as normalised.  Trailing spaces are not part of it. */
struct dc_line {
    size_t off, len;           /* text in doc->text */
    uint64_t number;           /* 1-based line number in the document */
    size_t block;              /* its block, or DC_NONE for a blank line */
    const void *strip_rule;    /* set when a strip rule cut a span out */
    bool stripped;             /* strip rules have been applied */
    struct dc_hints hints;     /* from the markup, for HTML input */
    /* Code points that the renderer which wrapped the line counted and
     * normalising took out (a character reference decoded, a soft hyphen
     * removed; see struct dc_shift in normalise.h): in the whole line,
     * and in its first word.  Its width as the renderer saw it is its
     * code points and these. */
    uint32_t narrowed, first_narrowed;
    /* Where its first word ends for the renderer (an offset in the line,
     * at most len), when a space after it was a no-break one, which a
     * wrapper does not break at ("10\u00A0km", "mot\u00A0:"); 0: at its
     * first space.  Not to be trusted once a strip rule rewrote it. */
    uint32_t first_end;
    /* Its struct dc_widening records: doc->widenings[widen_off ..
     * widen_off + widen_len), ascending `at`; none for most lines. */
    uint32_t widen_off, widen_len;
    /* The input line goes on in the next line of the window: this is a
     * piece of a line longer than DC_LINE_MAX, broken by the pipeline to
     * keep memory bounded.  The pieces share a number, and are written back
     * with no line end between them. */
    bool continued;
};

/* A line of doc->text[off .. off+len) numbered `number`: in no block
 * yet, nothing stripped, no markup.  Every line is made this way, so
 * that no field is left to whatever a grown array held. */
static inline struct dc_line
dc_line_make(size_t off, size_t len, uint64_t number)
{
    struct dc_line l = {.off = off, .len = len, .number = number,
                        .block = DC_NONE};
    return l;
}

/* What the classifier measured about a block; shown by --explain. */
struct dc_features {
    uint32_t chars;       /* code points, spaces excluded */
    uint32_t words;       /* words; CJK counts ~1.5 characters a word */
    uint32_t stopwords;   /* words found in the document language's list */
    uint32_t numbers;     /* words without a letter ("2005", "25" of "$25",
                             the "9" and "45" of "9:45") */
    uint32_t letters;     /* letters (any script) */
    uint32_t digits;
    uint32_t punct;       /* ASCII and Unicode punctuation and symbols */
    uint32_t code_marks;  /* { } ; = < > ( ) [ ] and the like */
    uint32_t upper_words; /* words starting with an upper-case letter */
    uint32_t cjk;         /* CJK / kana / hangul characters */
    uint32_t sentences;   /* sentence ends inside or at the end */
    bool terminal;        /* ends with . ! ? or a closing quote after one */
    bool bullet;          /* starts with a list bullet (* - o + ...) */
    bool code;            /* looks like script, CSS or JSON */
    bool heading;         /* short, no terminal punctuation: heading-like */
    bool picture;         /* wholly in brackets: an image's alt text or a
                             button, as text browsers render them, or a
                             row of them */
    bool colon;           /* ends with ':' (introduces what follows) */
    bool ordinal;         /* only a list number ("1.", "12)"): the label
                             of the step or item after it */
    float stop_density;   /* stopwords / words; in a sentence, / words that
                             are not numbers (classify.c) */
    uint32_t stoplists;   /* bit l: a word of the block is in language
                             l's stoplist (hits[l] > 0 in measure.h) */
    int8_t lang;          /* dc_lang_index of the stoplist counted: the
                             document's, or the block's own when it is
                             plainly in another language; -1 unknown */
};

/*
 * Classes a block falls into before context is considered (after jusText:
 * good paragraphs, near-good ones, short ones that context decides, bad
 * ones).
 */
enum dc_class {
    DC_CLASS_BAD = 0,
    DC_CLASS_SHORT,
    DC_CLASS_NEAR_GOOD,
    DC_CLASS_GOOD
};

/* A paragraph: consecutive non-blank lines judged as one. */
struct dc_block {
    size_t first, count;     /* lines[first .. first+count) */
    struct dc_features f;
    enum dc_class cls;
    enum dc_decision decision;
    struct dc_reason reason;
    bool frozen;             /* already emitted; decision is final */
    struct dc_hints hints;   /* its first line's markup hints */
};

struct dc_doc {
    struct dc_buf text;      /* normalised text of the lines in the window */
    struct dc_line *lines;
    size_t nlines, lines_cap;
    struct dc_block *blocks;
    size_t nblocks, blocks_cap;
    size_t nfrozen_lines;    /* lines[0 .. nfrozen_lines) are emitted */
    uint64_t next_number;    /* number the next appended line gets */
    const char *lang;        /* detected language code ("en"), or NULL */
    struct dc_buf paths;     /* element paths of HTML blocks, for the
                                whole document (dc_hints.path_off) */
    struct dc_buf widenings; /* struct dc_widening of the lines */
    struct dc_buf elems;     /* uint32_t numbers of the elements on
                                those paths, outermost first: unlike a
                                path, a number names one element
                                (dc_hints.elems_off, in uint32_t) */
};

/* An empty document window; free with dc_doc_free. */
void dc_doc_init(struct dc_doc *doc);
void dc_doc_free(struct dc_doc *doc);

/* Start a new document: empty the window, restart line numbers. */
void dc_doc_reset(struct dc_doc *doc);

/* Append one line (without its '\n'); trailing spaces are trimmed. */
void dc_doc_add_line(struct dc_doc *doc, const char *p, size_t len);

/* Append a piece of a longer line: kept as it is, marked continued, and
 * numbered as the line that goes on after it. */
void dc_doc_add_piece(struct dc_doc *doc, const char *p, size_t len);

/* Record that normalising took `bytes` bytes out of the last line
 * before its byte `at` (struct dc_widening); past its end, nothing. */
void dc_doc_widen_last(struct dc_doc *doc, size_t at, int32_t bytes);

/* The struct dc_widening records of line i: *n of them. */
static inline const struct dc_widening *
dc_doc_line_widenings(const struct dc_doc *doc, size_t i, size_t *n)
{
    *n = doc->lines[i].widen_len;
    return *n ? (const struct dc_widening *)(const void *)
                        doc->widenings.data +
                    doc->lines[i].widen_off
              : NULL;
}

/* Does block b hold a piece of a line longer than DC_LINE_MAX?  (Its
 * first line is one, or goes on from one: blocks split such a line.) */
static inline bool
dc_doc_block_in_pieces(const struct dc_doc *doc, const struct dc_block *b)
{
    return doc->lines[b->first].continued ||
           (b->first > 0 && doc->lines[b->first - 1].continued);
}

/* A block's element path ("body>div#main>p"), empty for text input. */
static inline struct dc_span
dc_doc_block_path(const struct dc_doc *doc, const struct dc_block *b)
{
    struct dc_span s = {doc->paths.data + b->hints.path_off,
                        b->hints.path_len};
    if (!b->hints.path_len)
        s.p = "";
    return s;
}

/* The numbers of the elements on b's path, outermost first: *n of them
 * (0 for text input).  Two blocks with the same number at step i are in
 * the same element, which two same paths need not be. */
static inline const uint32_t *
dc_doc_block_elems(const struct dc_doc *doc, const struct dc_block *b,
                   size_t *n)
{
    *n = b->hints.elems_len;
    return *n ? (const uint32_t *)(const void *)doc->elems.data +
                    b->hints.elems_off
              : NULL;
}

/* Forget the first n lines (all frozen) and the blocks that hold them. */
void dc_doc_forget(struct dc_doc *doc, size_t n);

static inline struct dc_span
dc_doc_line_text(const struct dc_doc *doc, size_t i)
{
    struct dc_span s = {doc->text.data + doc->lines[i].off, doc->lines[i].len};
    return s;
}

#endif
