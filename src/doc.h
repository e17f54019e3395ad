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

/* One input line, as normalised.  Trailing spaces are not part of it. */
struct dc_line {
    size_t off, len;           /* text in doc->text */
    uint64_t number;           /* 1-based line number in the document */
    size_t block;              /* its block, or DC_NONE for a blank line */
    const void *strip_rule;    /* set when a strip rule cut a span out */
    bool stripped;             /* strip rules have been applied */
};

/* What the classifier measured about a block; shown by --explain. */
struct dc_features {
    uint32_t chars;       /* code points, spaces excluded */
    uint32_t words;       /* words; CJK counts ~1.5 characters a word */
    uint32_t stopwords;   /* words found in the document language's list */
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
                             button, as text browsers render them */
    bool colon;           /* ends with ':' (introduces what follows) */
    float stop_density;   /* stopwords / words */
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
};

/* An empty document window; free with dc_doc_free. */
void dc_doc_init(struct dc_doc *doc);
void dc_doc_free(struct dc_doc *doc);

/* Start a new document: empty the window, restart line numbers. */
void dc_doc_reset(struct dc_doc *doc);

/* Append one line (without its '\n'); trailing spaces are trimmed. */
void dc_doc_add_line(struct dc_doc *doc, const char *p, size_t len);

/* Forget the first n lines (all frozen) and the blocks that hold them. */
void dc_doc_forget(struct dc_doc *doc, size_t n);

static inline struct dc_span
dc_doc_line_text(const struct dc_doc *doc, size_t i)
{
    struct dc_span s = {doc->text.data + doc->lines[i].off, doc->lines[i].len};
    return s;
}

#endif
