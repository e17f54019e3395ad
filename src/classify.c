/*
 * classify.c - keep or drop each block, and why; see classify.h.
 *
 * The passes, in order, over the blocks of the window that are not yet
 * frozen:
 *   1. strip rules cut inline spans out of lines (leaked CSS, date
 *      prefixes);
 *   2. features (measure.h): length, words, stopwords per language,
 *      punctuation, code marks; the document language is the one whose
 *      stopwords are most frequent; numbers alone on their lines that
 *      count up, each above a sentence, are list numbers;
 *   3. rules: keep, drop, cut-after, cut-before, drop-list, signature;
 *   4. a class per block from its features alone (jusText's good,
 *      near-good, short, bad);
 *   5. context: short and near-good blocks take their class from their
 *      neighbours; runs of list items go; the headline above the text
 *      stays;
 *   6. structure: terminal markers and what follows them, header
 *      markers, lists under a "Related" heading, article regions too small
 *      to be more than a teaser, long headlines with no text under
 *      them after the text, an author box after the text; a
 *      sentence dropped for its context that stands right by the text
 *      comes back, and so does the paragraph that the page's structured
 *      data opens its article with;
 *   7. fallback: a document with no boilerplate at all loses nothing;
 *      one where nothing was kept keeps what its <article> holds (HTML),
 *      or its prose; a text dump that is a page of lists keeps them.
 * Rule-dropped blocks are transparent to context: what is left is judged
 * as if they were not there.
 */
#include "config.h"
#include "classify.h"

#include "hints.h"
#include "lang.h"
#include "measure.h"
#include "rules.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * Fingerprints of the paragraphs a document has kept, to keep each only
 * once: a page repeats its ticker, its headline in a teaser carousel, a
 * paragraph in a "Top stories" box; a reader wants the text once.  Open
 * addressing; at SEEN_CAP / 2 it stops taking new ones, which bounds its
 * memory on an endless stream at the price of missing later repeats.
 * The table starts small and doubles at half full: a page of a hundred
 * paragraphs touches a page of memory, not a hundred of the 512 KiB
 * (a first touch, a fault, costs as much as a thousand look-ups).
 */
#define SEEN_CAP 65536u
#define SEEN_FIRST 1024u
struct seen {
    uint64_t *slot;   /* cap fingerprints, 0 = empty */
    uint32_t *used;   /* the slots taken, so that a new document clears
                         only those (a stream of small -z records would
                         otherwise clear the whole table per record) */
    size_t n, cap;
};

/* State carried from the frozen part of the window into the rest. */
struct carry {
    bool in_tail;      /* after a terminal marker, article not resumed */
    bool seen_text;    /* good text has been kept: a marker can end it */
    bool kept_text;    /* anything has been kept as text */
    uint32_t prose_words; /* words kept as text, headings aside */
    uint8_t lone_prose; /* near-good sentences dropped before anything was
                           kept: a short brief's paragraphs */
    uint8_t kept_prose; /* near-good sentences kept as text, context
                           joining them: a brief's paragraphs too */
    bool kept_any;     /* something of this document has been kept */
    bool rescued;      /* ... and all of it by pass 7's fallback */
    bool emitted_any;  /* part of this document has been emitted */
    uint8_t tail_stamps; /* lines with a time of day after the marker, */
    uint8_t since_stamp; /* ... each within stamp_span blocks of the last */
    bool tail_signed;  /* such a line since the tail began, across the
                          markers each comment of some threads carries */
    int8_t text_lang;  /* language of the text's first paragraph that
                          says_language(), or -1 */
};

struct dc_classifier {
    struct dc_rules *rules;
    int lang;               /* dc_lang_index of the document, or -1 */
    struct carry carry;     /* state at the frozen boundary */
    struct dc_buf text;     /* this call's blocks of more than one line,
                               each its lines joined by spaces */
    struct text_at *texts;  /* per block: where its text is */
    size_t texts_cap;
    struct dc_buf strip;    /* a line after strip rules */
    uint32_t *hits;         /* per block and language: stopwords found */
    size_t hits_cap;
    uint32_t *flags;         /* per block: FLAG_* */
    size_t flags_cap;
    uint64_t *fps;          /* per block: its fingerprint(), 0 not taken */
    size_t fps_cap;
    struct seen seen;       /* paragraphs of this document kept so far */
    struct dc_word_cache *words; /* dc_measure()'s, made on first use */
    /* What was worked out for the blocks after the horizon, which the
     * next call sees again: [0] of the last call, [1] being made. */
    struct memos {
        struct memo *v;
        size_t n, cap;
        uint32_t *hits;     /* nlangs per memo */
        size_t hits_cap;
        struct dc_buf text; /* the blocks' texts, one after another */
    } memo[2];
    bool no_memo; /* DC_CLASSIFY_NO_MEMO: every block afresh (tests) */
};

/*
 * A text block's measurements, and what the rules said of it in
 * language `lang` (when `ruled`): both depend on its text alone (and
 * the language), so a block that comes back unchanged in the next call
 * (the lookahead of the window) is not measured and matched again.
 */
struct memo {
    uint64_t number;       /* its first line's number in the document */
    size_t count;          /* its lines */
    size_t off, len;       /* its text in memos.text */
    struct dc_features f;  /* as dc_measure() left them */
    int code;              /* dc_code_hints(), or -1: not looked for */
    uint64_t fp;           /* fingerprint(), or 0: not taken */
    bool ruled;
    int lang;
    enum dc_decision decision;
    struct dc_reason reason;
    uint32_t flags;
};

/* Where a block's text is, for the passes of one call: in the document
 * (a block of one line: its own text) or in c->text (its lines joined).
 * An offset, not a pointer: c->text grows while the texts are made. */
struct text_at {
    size_t off, len;
    bool joined;
};

/* Per-block marks the passes leave for each other. */
enum {
    FLAG_RULE = 1,       /* decided by a rule: transparent to context */
    FLAG_TERMINAL = 2,   /* a cut-after marker */
    FLAG_HEADER = 4,     /* a cut-before marker */
    FLAG_LIST_HEAD = 8,  /* a drop-list heading */
    FLAG_KEEP = 16,      /* a keep rule: never dropped */
    FLAG_STRUCT = 32,    /* dropped as part of a list, tail or header */
    FLAG_HEADING = 64,   /* a heading above good text */
    FLAG_MARKUP = 128,   /* HTML: dropped by its markup's words alone */
    FLAG_LINK_LIST = 256, /* an item of a link list (pass 5a) */
    FLAG_DIRECTORY = 512, /* a blurb in a directory of links (5a'') */
    FLAG_TAIL = 1024,     /* dropped after a terminal marker (pass 6) */
    FLAG_REPEAT = 2048,   /* kept, and a paragraph kept before (pass 6d) */
    FLAG_RESUMED = 4096,  /* text resumed after a terminal marker (pass 6) */
    FLAG_ANNOUNCED = 8192, /* an item of a list the text announces (5a) */
    FLAG_SIGNATURE = 16384, /* a signature rule: a comment's signature */
    FLAG_BIO = 32768,       /* a bio rule: an author presents herself */
    FLAG_FURNITURE = 65536  /* a furniture rule: a break, never kept */
};

/* What fingerprint() hashes of a byte: an ASCII letter in lower case, a
 * digit or any non-ASCII byte as it is; 0 (nothing) for the rest. */
static unsigned char fingerprint_byte[256];

static void
build_fingerprint_bytes(void)
{
    for (int b = 0; b < 256; b++)
        fingerprint_byte[b] = (unsigned char)(b >= 0x80       ? b
                                              : dc_isalnum(b) ? dc_tolower(b)
                                                              : 0);
}

struct dc_classifier *
dc_classifier_new(struct dc_rules *rules)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build_fingerprint_bytes);
    dc_measure_init();
    struct dc_classifier *c = dc_xcalloc(1, sizeof *c);
    c->rules = rules;
    dc_classifier_reset(c);
    /* Without the memo the output is the same, only slower:
     * tests/pathological.sh compares the two. */
    const char *off = getenv("DC_CLASSIFY_NO_MEMO");
    c->no_memo = off && *off && strcmp(off, "0") != 0;
    return c;
}

void
dc_classifier_free(struct dc_classifier *c)
{
    if (!c)
        return;
    dc_buf_free(&c->text);
    dc_free(c->texts);
    dc_buf_free(&c->strip);
    dc_free(c->hits);
    dc_free(c->flags);
    dc_free(c->fps);
    dc_free(c->words);
    dc_free(c->seen.slot);
    dc_free(c->seen.used);
    for (int g = 0; g < 2; g++) {
        dc_free(c->memo[g].v);
        dc_free(c->memo[g].hits);
        dc_buf_free(&c->memo[g].text);
    }
    dc_free(c);
}

void
dc_classifier_reset(struct dc_classifier *c)
{
    c->lang = -1;
    memset(&c->carry, 0, sizeof c->carry);
    c->carry.text_lang = -1;
    for (size_t k = 0; k < c->seen.n; k++)
        c->seen.slot[c->seen.used[k]] = 0;
    c->seen.n = 0;
    c->memo[0].n = c->memo[1].n = 0;
    dc_buf_clear(&c->memo[0].text);
    dc_buf_clear(&c->memo[1].text);
}

const char *
dc_classifier_lang(const struct dc_classifier *c)
{
    return c->lang >= 0 ? dc_lang_code(c->lang) : NULL;
}

/* ---------------------------------------------------------------- strip */

static void
strip_lines(struct dc_classifier *c, struct dc_doc *doc, size_t from)
{
    if (from >= doc->nlines)
        return;
    /* the lines are in order in the text, and a line stripped is
     * rewritten in place, before the next is asked about */
    size_t first = doc->lines[from].off;
    dc_rules_strip_window(c->rules, doc->text.data + first,
                          doc->text.len - first);
    for (size_t i = from; i < doc->nlines; i++) {
        struct dc_line *l = &doc->lines[i];
        if (l->stripped || l->len == 0)
            continue;
        l->stripped = true;
        dc_buf_clear(&c->strip);
        /* Strip rules see the text without its indentation; a line they
         * change loses it too (what was cut was usually its start). */
        const char *p = doc->text.data + l->off;
        size_t indent = dc_leading(p, l->len, ' ', '\t');
        const struct dc_rule *r = dc_rules_strip(c->rules, c->lang, p + indent,
                                                 l->len - indent, &c->strip);
        if (!r)
            continue;
        /* The result is never longer than the line: rewrite in place. */
        memcpy(doc->text.data + l->off, c->strip.data, c->strip.len);
        l->len = c->strip.len;
        l->strip_rule = r;
    }
    dc_rules_strip_window(c->rules, NULL, 0);
}

/* -------------------------------------------------------------- helpers */

/* Make block b's text: its lines joined by single spaces, trimmed.  The
 * passes ask for it again and again (features, code, rules, repeats):
 * it is made once a call, and block_text() finds it. */
static void
make_block_text(struct dc_classifier *c, const struct dc_doc *doc, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    if (bl->count == 1) {
        /* one line (most blocks): its own text, not a copy */
        struct dc_span s = dc_doc_line_text(doc, bl->first);
        size_t indent = dc_leading(s.p, s.len, ' ', '\t');
        s.p += indent, s.len -= indent;
        if (s.len) {
            c->texts[b] = (struct text_at){(size_t)(s.p - doc->text.data),
                                           s.len, false};
            return;
        }
    }
    size_t start = c->text.len;
    for (size_t k = 0; k < bl->count; k++) {
        struct dc_span s = dc_doc_line_text(doc, bl->first + k);
        size_t indent = dc_leading(s.p, s.len, ' ', '\t');
        s.p += indent, s.len -= indent;
        if (!s.len)
            continue;
        if (c->text.len > start)
            dc_buf_putc(&c->text, ' ');
        dc_buf_append(&c->text, s.p, s.len);
    }
    if (!c->text.data)
        dc_buf_reserve(&c->text, 1);
    c->texts[b] = (struct text_at){start, c->text.len - start, true};
}

/* Block b's text, as make_block_text() made it this call.  It borrows
 * from the document or from c->text until the next block's is made. */
static struct dc_span
block_text(const struct dc_classifier *c, const struct dc_doc *doc, size_t b)
{
    const struct text_at *at = &c->texts[b];
    struct dc_span t = {(at->joined ? c->text.data : doc->text.data) + at->off,
                        at->len};
    return t;
}

/*
 * The text without the marks a converter puts around a heading:
 * html2text's "***** Related *****" and "=== Related ===", Markdown's
 * "## Related".  Rules name the heading, not its dress.
 */
static struct dc_span
undecorated(struct dc_span t)
{
    size_t i = 0;
    while (i < t.len && (t.p[i] == '*' || t.p[i] == '=' || t.p[i] == '#'))
        i++;
    if (i == 0 || i == t.len || t.p[i] != ' ' || (i < 2 && t.p[0] != '#'))
        return t;
    size_t e = t.len;
    while (e > i && t.p[e - 1] == t.p[0])
        e--;
    while (e > i && t.p[e - 1] == ' ')
        e--;
    while (i < e && t.p[i] == ' ')
        i++;
    struct dc_span u = {t.p + i, e - i};
    return u.len ? u : t;
}

static void
decide(struct dc_block *b, enum dc_decision d, const char *what,
       const void *rule)
{
    b->decision = d;
    b->reason.what = what;
    b->reason.rule = rule;
}

/* A short block that is a sentence of prose ("This game will help
 * you!"): in a run of paragraphs it is one of them. */
static bool
short_sentence(const struct dc_features *f, enum dc_class cls)
{
    return cls == DC_CLASS_SHORT && f->terminal && !f->colon &&
           !f->code && !f->bullet && f->stopwords > 0 && f->words >= 3;
}

/* A short block of a text dump with the stopwords of prose, and no
 * headline in Title Case, no bullet, no label before a colon.  (In
 * HTML a block is an element: a short one is no piece of a paragraph.) */
static bool
prose_shaped(const struct dc_block *bl, enum dc_class cls,
             const struct dc_settings *set)
{
    const struct dc_features *f = &bl->f;
    return cls == DC_CLASS_SHORT && !bl->hints.serial && !f->code &&
           !f->picture && !f->bullet && !f->colon &&
           f->stop_density >= set->stopwords_high &&
           (double)f->upper_words <
               set->prose_title_share * (double)f->words;
}

/* A short block that reads as a piece of prose: a line of a paragraph
 * the dump broke up (a get_text() dump keeps the page source's line
 * breaks), a line of verse.  It has the stopwords of text, if not its
 * stop. */
static bool
prose_fragment(const struct dc_block *bl, enum dc_class cls,
               const struct dc_settings *set)
{
    return prose_shaped(bl, cls, set) &&
           (double)bl->f.words >= set->fragment_words;
}

/* ...or, inside a run of them, a line of a few words with the
 * stopwords of text ("In the darkness", "Come close to me"): a short
 * line of verse, or of a paragraph the dump broke up. */
static bool
prose_piece(const struct dc_block *bl, enum dc_class cls,
            const struct dc_settings *set)
{
    return prose_shaped(bl, cls, set) && bl->f.stopwords > 0;
}

/* Does f read as a step of numbered instructions, a sentence? */
static bool
step_sentence(const struct dc_features *f)
{
    return !f->code && !f->picture && !f->bullet && f->terminal &&
           !f->colon && f->stopwords > 0 && f->words >= 4;
}

/* A step of numbered instructions: a sentence after a list number. */
static bool
numbered_step(const struct dc_features *f, uint32_t flags)
{
    return !(flags & FLAG_RULE) && step_sentence(f);
}

static size_t block_len(const struct dc_features *f);
static bool menu_line(const struct dc_features *f, const struct dc_settings *s);

/* Is block bl a sentence that only its few stopwords make bad: prose
 * heavy with names and numbers (a match report's scorers, who spoke at a
 * meeting, a wire story's dateline)?  Whether it is text is for its
 * neighbours to say. */
static bool
name_heavy(const struct dc_block *bl, uint32_t flags, enum dc_class cls)
{
    const struct dc_features *f = &bl->f;
    return cls == DC_CLASS_BAD && !(flags & FLAG_RULE) && !f->code &&
           !f->bullet && f->terminal && f->stopwords > 0;
}

/* Is block bl a paragraph as long as good text, with no sentence end,
 * that only its few stopwords make bad: a sentence that trails off
 * into a list of names (the committees someone sat on, a study's
 * authors, a team), as long as a paragraph of the text?  A menu, a
 * select box's options or a path of links has a capital to nearly
 * every word, or a mark between every two (no sentence has as many
 * marks as words); markup and code show their brackets.  In HTML, lines
 * the markup broke (<br>) stack a contact's card or an address. */
static bool
name_list(const struct dc_block *bl, uint32_t flags, enum dc_class cls,
          const struct dc_settings *set)
{
    const struct dc_features *f = &bl->f;
    return cls == DC_CLASS_BAD && !(flags & FLAG_RULE) && !f->code &&
           !f->bullet && !f->terminal && f->stopwords > 0 &&
           (double)block_len(f) >= set->length_high &&
           f->punct < f->words && f->code_marks <= 2 && !menu_line(f, set) &&
           (bl->count == 1 || !bl->hints.serial);
}

/* Is name-heavy sentence bl long enough, and has it stopwords enough
 * (half those of near-good text), to open a wire story: its dateline
 * and who did what ("TAIPEI, Taiwan (AP) - ...")?  A caption or a
 * teaser has fewer. */
static bool
wire_lede(const struct dc_block *bl, const struct dc_settings *set)
{
    return (double)bl->f.words >= set->lede_words &&
           bl->f.stop_density * 2 >= set->stopwords_low;
}

/* The classes of the blocks next to b that no rule decided, before and
 * after it (bad past either end of the window). */
static void
beside(const uint32_t *flags, const enum dc_class *cls, size_t b, size_t nb,
       enum dc_class *before, enum dc_class *after)
{
    size_t p = b, n = b;
    while (p > 0 && (flags[p - 1] & FLAG_RULE))
        p--;
    while (n + 1 < nb && (flags[n + 1] & FLAG_RULE))
        n++;
    *before = p > 0 ? cls[p - 1] : DC_CLASS_BAD;
    *after = n + 1 < nb ? cls[n + 1] : DC_CLASS_BAD;
}

/* The last of the name-heavy sentences in a row from block b (rule
 * matches between them aside): a listing's entries ("Northside High:
 * Seeking a coach. Call 555-0141."), a family's dates, come one after
 * another, and the text around the run says what all of them are. */
static size_t
name_heavy_run(const struct dc_doc *doc, const uint32_t *flags,
               const enum dc_class *cls, size_t b, size_t nb)
{
    size_t last = b;
    for (size_t k = b + 1; k < nb; k++) {
        if (flags[k] & FLAG_RULE)
            continue;
        if (!name_heavy(&doc->blocks[k], flags[k], cls[k]))
            break;
        last = k;
    }
    return last;
}

/* Paragraphs of text, by their class so far. */
static bool
is_text(enum dc_class k)
{
    return k == DC_CLASS_GOOD || k == DC_CLASS_NEAR_GOOD;
}

/* Is block b a link set into a run of paragraphs: one short bullet,
 * no sentence, between two paragraphs ("* Man Shot at Gas Station")? */
static bool
inline_link(const struct dc_doc *doc, const enum dc_class *cls, size_t b,
            const struct dc_settings *set)
{
    const struct dc_features *f = &doc->blocks[b].f;
    return f->bullet && !f->terminal && !f->code &&
           (double)f->words <= set->inline_link_words && b > 0 &&
           b + 1 < doc->nblocks && !doc->blocks[b - 1].f.bullet &&
           !doc->blocks[b + 1].f.bullet &&
           (cls[b - 1] == DC_CLASS_NEAR_GOOD || cls[b - 1] == DC_CLASS_GOOD) &&
           (cls[b + 1] == DC_CLASS_NEAR_GOOD || cls[b + 1] == DC_CLASS_GOOD);
}

/* Code and pictures are neither text nor boilerplate: passes looking for
 * the text around a block look past them. */
static bool
inert(const struct dc_features *f)
{
    return f->code || f->picture;
}

/* Script, not a picture: an ad slot's code, which is neither a teaser's
 * headline nor a break in the text around it.  (A picture is, in a list
 * of teasers: their images.) */
static bool
script(const struct dc_features *f)
{
    return f->code && !f->picture;
}

static size_t
block_len(const struct dc_features *f)
{
    /* A CJK character carries about as much as a three-letter word. */
    return (size_t)f->chars + 2u * f->cjk;
}

/* A paragraph's fingerprint: its letters and digits, ASCII folded to
 * lower case, so that a bullet, spacing or punctuation does not make a
 * repeat look new.  Never 0, which marks an empty slot. */
static uint64_t
fingerprint(struct dc_span t)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    const unsigned char *u = (const unsigned char *)t.p;
    size_t i = 0;
#define FP_STEP(k)                                                           \
    do {                                                                     \
        unsigned ch = fingerprint_byte[u[i + (k)]];                          \
        if (ch)                                                              \
            h = (h ^ ch) * 1099511628211u;                                   \
    } while (0)
    /* four bytes a turn of the loop: its own test and count cost as
     * much as a byte's step */
    for (; i + 4 <= t.len; i += 4) {
        FP_STEP(0);
        FP_STEP(1);
        FP_STEP(2);
        FP_STEP(3);
    }
    for (; i < t.len; i++)
        FP_STEP(0);
#undef FP_STEP
    return h ? h : 1;
}

/* The slot of fp in s: where it is, or the empty one it would take. */
static size_t
seen_slot(const struct seen *s, uint64_t fp)
{
    size_t i = (size_t)(fp ^ (fp >> 32)) & (s->cap - 1);
    while (s->slot[i] && s->slot[i] != fp)
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* s with room for cap slots, its fingerprints placed again. */
static void
seen_grow(struct seen *s, size_t cap)
{
    uint64_t *old = s->slot;
    size_t n = s->n;
    s->slot = dc_xcalloc(cap, sizeof *s->slot);
    s->used = dc_xrealloc(s->used, cap / 2 * sizeof *s->used);
    s->cap = cap;
    for (size_t k = 0; k < n; k++) {
        uint64_t fp = old[s->used[k]];
        size_t i = seen_slot(s, fp);
        s->slot[i] = fp;
        s->used[k] = (uint32_t)i;
    }
    dc_free(old);
}

/* Whether fp was seen; if not, and `add`, it is from now on. */
static bool
seen_before(struct seen *s, uint64_t fp, bool add)
{
    if (!s->slot) {
        if (!add)
            return false;
        seen_grow(s, SEEN_FIRST);
    }
    size_t i = seen_slot(s, fp);
    if (s->slot[i])
        return true;
    if (add && s->n < SEEN_CAP / 2) {
        if (s->n == s->cap / 2) {
            seen_grow(s, 2 * s->cap);
            i = seen_slot(s, fp);
        }
        s->slot[i] = fp;
        s->used[s->n++] = (uint32_t)i;
    }
    return false;
}

/* --------------------------------------------------------------- classes */

/* Longer than a headline, (nearly) every word capitalised, no sentence
 * end: a menu ("NEWS SPORT BUSINESS ...", "Home About Contact ..."),
 * whatever its stopwords ("What To Do", "Out and About"). */
static bool
menu_line(const struct dc_features *f, const struct dc_settings *s)
{
    return !f->terminal && (double)f->words > s->menu_words &&
           (double)f->upper_words >= s->menu_caps_share * (double)f->words;
}

static enum dc_class
class_of(const struct dc_features *f, const struct dc_settings *s)
{
    if (inert(f) || menu_line(f, s)) /* code, a picture: never text */
        return DC_CLASS_BAD;
    size_t len = block_len(f);
    if ((double)len < s->length_low)
        return DC_CLASS_SHORT;
    if (f->stop_density >= s->stopwords_high)
        return (double)len >= s->length_high ? DC_CLASS_GOOD
                                             : DC_CLASS_NEAR_GOOD;
    if (f->stop_density >= s->stopwords_low)
        return DC_CLASS_NEAR_GOOD;
    return DC_CLASS_BAD;
}

/*
 * Context classes during revision: the class plus "edge" for the ends of
 * the document, which count as good for a short block that sits between
 * the text and the end (a closing line, a headline at the very top).
 */
enum ctx { CTX_BAD, CTX_SHORT, CTX_NEAR, CTX_GOOD, CTX_EDGE, CTX_SKIP };

static enum ctx
ctx_of(const struct dc_block *b, const uint32_t *flags, size_t i,
       const enum dc_class *cls, const struct dc_settings *set)
{
    /* A photo between two paragraphs says nothing about either; a short
     * bracketed word ("[Logo]", "[Search]") is an icon of the page's
     * chrome, and counts as bad.  A list number labels what follows it,
     * and says nothing of its own. */
    if ((flags[i] & FLAG_RULE) ||
        (b->f.picture && (double)b->f.words >= set->photo_words) ||
        b->f.ordinal)
        return CTX_SKIP;
    switch (cls[i]) {
    case DC_CLASS_GOOD:
        return CTX_GOOD;
    case DC_CLASS_NEAR_GOOD:
        return CTX_NEAR;
    case DC_CLASS_SHORT:
        return CTX_SHORT;
    default:
        return CTX_BAD;
    }
}

/* Nearest neighbour in direction dir that is good or bad (or near-good
 * unless ignore_near); CTX_EDGE past the ends of the document.  The ends
 * of a window that has more before or after it count as bad: unknown
 * context must not make text of what is not. */
static enum ctx
neighbour(const struct dc_doc *doc, const uint32_t *flags,
          const enum dc_class *cls, size_t i, int dir, bool ignore_near,
          bool at_doc_start, bool at_doc_end, const struct dc_settings *set)
{
    size_t j = i;
    for (;;) {
        if (dir < 0) {
            if (j == 0)
                return at_doc_start ? CTX_EDGE : CTX_BAD;
            j--;
        } else {
            if (j + 1 >= doc->nblocks)
                return at_doc_end ? CTX_EDGE : CTX_BAD;
            j++;
        }
        if (flags[j] & FLAG_TERMINAL)
            return CTX_EDGE;
        enum ctx k = ctx_of(&doc->blocks[j], flags, j, cls, set);
        if (k == CTX_GOOD || k == CTX_BAD)
            return k;
        if (k == CTX_NEAR && !ignore_near)
            return k;
    }
}

/* Is there a paragraph good by its own features within region_gap
 * blocks of b in direction dir, only page furniture between them (rule
 * matches, code, pictures, short lines, link lists)?  So is one of a
 * run of near-good paragraphs that pass 4b made text (a wire story's,
 * all of them short): a "Related" list set into it leaves its last
 * paragraph as near the text as a share bar does.  Prose judged bad
 * between them parts them. */
static bool
good_within_gap(const struct dc_doc *doc, const uint32_t *flags,
                const enum dc_class *cls, size_t b, int dir,
                const struct dc_settings *set)
{
    size_t gap = 0;
    for (size_t j = b; gap <= (size_t)set->region_gap;) {
        if (dir < 0 ? j == 0 : j + 1 >= doc->nblocks)
            return false;
        j = dir < 0 ? j - 1 : j + 1;
        if (flags[j] & FLAG_TERMINAL)
            return false;
        if (flags[j] & FLAG_RULE)
            continue;
        const struct dc_block *bl = &doc->blocks[j];
        if (cls[j] == DC_CLASS_GOOD &&
            (bl->cls == DC_CLASS_GOOD || bl->cls == DC_CLASS_NEAR_GOOD))
            return true;
        if (bl->cls == DC_CLASS_NEAR_GOOD || bl->cls == DC_CLASS_GOOD)
            return false;
        gap++;
    }
    return false;
}

/* Is near-good block b, bad on both sides, a sentence of the text all
 * the same: prose plainly, with good text a little page furniture away
 * (a paragraph the share bar cut from the text, a review between
 * photos)?  *after_text: that text is above it only (what stands right
 * above it is furniture, not its headline). */
static bool
near_text(const struct dc_doc *doc, const uint32_t *flags,
          const enum dc_class *cls, size_t b, const struct dc_settings *set,
          bool *after_text)
{
    const struct dc_features *f = &doc->blocks[b].f;
    *after_text = false;
    if (f->heading || !f->terminal ||
        (double)f->words < set->near_text_words ||
        f->stop_density < set->near_text_stopwords)
        return false;
    bool above = good_within_gap(doc, flags, cls, b, -1, set);
    bool below = good_within_gap(doc, flags, cls, b, +1, set);
    *after_text = above && !below;
    return above || below;
}

/* ----------------------------------------------------------- the passes */

/* Is the next block after b that is not a picture or code a terminal
 * marker (a comment form, "More from the author")? */
static bool
before_terminal(const struct dc_doc *doc, const uint32_t *flags, size_t b)
{
    size_t k = b + 1;
    while (k < doc->nblocks && !(flags[k] & FLAG_TERMINAL) &&
           inert(&doc->blocks[k].f))
        k++;
    return k < doc->nblocks && (flags[k] & FLAG_TERMINAL);
}

/* The next block after b that no rule decided and that is not script
 * (an ad slot's code is neither headline nor text), or nb. */
static size_t
next_content(const struct dc_doc *doc, const uint32_t *flags, size_t b)
{
    size_t k = b + 1;
    while (k < doc->nblocks &&
           ((flags[k] & FLAG_RULE) || script(&doc->blocks[k].f)))
        k++;
    return k;
}

/*
 * Paragraph b follows a headline in a list: is it a teaser's summary?
 * Only if the pattern repeats after it (another headline, another short
 * paragraph); a second paragraph after it is the text going on.
 */
static bool
teaser_follows(const struct dc_doc *doc, const uint32_t *flags, size_t b,
               const struct dc_settings *set)
{
    size_t h = next_content(doc, flags, b);
    if (h >= doc->nblocks)
        return false;
    size_t p = next_content(doc, flags, h);
    return doc->blocks[h].f.heading && p < doc->nblocks &&
           !doc->blocks[p].f.heading &&
           (double)doc->blocks[p].f.words <= set->teaser_summary_words;
}

/* Words of good text in the run of paragraphs from b that headings do
 * not break up (teasers alternate headline and summary; comments
 * alternate signature and text), rule matches, code and pictures passed
 * over, even when they stand alone on a line as a heading does: an ad
 * label and its slot's script, a photo and its credit, part an
 * article's paragraphs, not a list's.  (A teaser's picture goes with
 * its headline, which breaks the run.)
 * *paras, unless NULL, gets how many of them are not headings, and
 * *end, unless NULL, the block that ends the run (or nb). */
static size_t
run_words(const struct dc_doc *doc, const uint32_t *flags,
          const enum dc_class *cls, size_t b, size_t nb, size_t *paras,
          size_t *end)
{
    size_t words = 0, n = 0, k;
    for (k = b; k < nb &&
                (cls[k] == DC_CLASS_GOOD || (flags[k] & FLAG_RULE) ||
                 inert(&doc->blocks[k].f)) &&
                !(flags[k] & (FLAG_TERMINAL | FLAG_LIST_HEAD)) &&
                (k == b || !doc->blocks[k].f.heading ||
                 inert(&doc->blocks[k].f) || (flags[k] & FLAG_RULE));
         k++)
        if (cls[k] == DC_CLASS_GOOD && !(flags[k] & FLAG_RULE)) {
            words += doc->blocks[k].f.words;
            n += !doc->blocks[k].f.heading;
        }
    if (paras)
        *paras = n;
    if (end)
        *end = k;
    return words;
}

/* Was short block k kept (rev, pass 5b) as a sentence closing the text
 * above it?  The one after it closes the text too: a wire story ends on
 * two or three one-line sentences ("She died later in hospital." "The
 * man will appear in court today."). */
static bool
closing(const struct dc_doc *doc, const enum dc_class *cls,
        const enum dc_class *rev, size_t k, const struct dc_settings *set)
{
    return rev[k] == DC_CLASS_GOOD &&
           short_sentence(&doc->blocks[k].f, cls[k]) &&
           (double)doc->blocks[k].f.words >= set->closing_words;
}

/* Is near-good sentence b, above the page's first good paragraph, the
 * article's standfirst?  Only if that text follows within lede_gap
 * blocks of page furniture (a byline, a date, share buttons, a photo,
 * the summary's bullets), other near-good paragraphs of it aside.  A
 * comment marker among them is the share bar's link to the comments:
 * with nothing good above b, what follows it is b's text either way
 * (the article, or the thread under a post that b is all of). */
static bool
lede(const struct dc_doc *doc, const uint32_t *flags,
     const enum dc_class *cls, size_t b, size_t nb,
     const struct dc_settings *set)
{
    size_t gap = 0;
    for (size_t k = b + 1; k < nb; k++) {
        if (flags[k] & FLAG_RULE)
            continue;
        if (cls[k] == DC_CLASS_GOOD && doc->blocks[k].cls != DC_CLASS_SHORT)
            return true;
        if (cls[k] != DC_CLASS_NEAR_GOOD && (double)++gap > set->lede_gap)
            return false;
    }
    return false;
}

/* Is there a time of day in t ("3:06", "16:53:37"): an hour of one or
 * two digits, a colon, two digits of minutes?  Not a ratio ("3:1") nor
 * a count ("120:45"). */
static bool
has_time_of_day(struct dc_span t)
{
    const unsigned char *u = (const unsigned char *)t.p;
    for (size_t i = 1; i + 2 < t.len; i++) {
        if (u[i] != ':' || !dc_isdigit(u[i - 1]) || !dc_isdigit(u[i + 1]) ||
            !dc_isdigit(u[i + 2]) || (i + 3 < t.len && dc_isdigit(u[i + 3])))
            continue;
        /* an hour of one or two digits, not a ratio or a count */
        size_t h = i - 1;
        while (h > 0 && dc_isdigit(u[h - 1]))
            h--;
        if (i - h <= 2)
            return true;
    }
    return false;
}

/* Is block b a short line with a time of day in it ("Posted by Ann,
 * June 7 at 3:06 pm", "Le 11 septembre à 12:57"), or a signature rule's
 * ("TonyZ (6 days ago)")?  Such lines in a row after a comment form sign
 * the comments of a thread.  Code signs none: an ad slot's JSON-LD has
 * its "datePublished" time. */
static bool
time_stamped(const struct dc_classifier *c, const struct dc_doc *doc,
             size_t b)
{
    if (c->flags[b] & FLAG_SIGNATURE)
        return true;
    const struct dc_features *f = &doc->blocks[b].f;
    const struct dc_settings *set = dc_rules_settings_for(c->rules, c->lang);
    if ((double)f->words > set->stamp_words || f->code)
        return false;
    return has_time_of_day(block_text(c, doc, b));
}

/* A comment's signature after a terminal marker: one more in the thread
 * it signs.  Signatures far apart sign no one thread: the date line of
 * the page after a thread, in a stream of pages, is no comment's. */
static void
count_signature(struct carry *st, const struct dc_settings *set)
{
    if ((double)st->since_stamp > set->stamp_span)
        st->tail_stamps = 0;
    if (st->tail_stamps < UINT8_MAX)
        st->tail_stamps++;
    st->since_stamp = 0;
    st->tail_signed = true;
}

/* Is the run of text from b (run_words()) a comment signed below its
 * text?  Its signature, a line with a time of day (or only a signature
 * rule's, with rules_only), lies in the run or just after it (under a
 * line of the name alone).  A long comment in a thread signed so outruns
 * stamp_span from the signature above it. */
static bool
signed_below(const struct dc_classifier *c, const struct dc_doc *doc,
             const enum dc_class *cls, size_t b, size_t nb, bool rules_only)
{
    size_t end;
    run_words(doc, c->flags, cls, b, nb, NULL, &end);
    for (size_t k = b, after = 0; k < nb && after < 2; k++) {
        /* (a list's time stamps under a "Related" heading sign its
         * teasers, not the run above it) */
        if (c->flags[k] & (FLAG_TERMINAL | FLAG_LIST_HEAD))
            return false;
        if (rules_only ? (c->flags[k] & FLAG_SIGNATURE) != 0
                       : time_stamped(c, doc, k))
            return true;
        if (k >= end && !(c->flags[k] & FLAG_RULE) &&
            !inert(&doc->blocks[k].f))
            after++;
    }
    return false;
}

/* Words of good text in the run from b (run_words()) and, when a
 * subheading ends it, in the run under that heading too, if that run
 * opens with a paragraph longer than any teaser's summary: an article's
 * sections, not a list's items.  A heading of names alone, or with a
 * time of day, signs a comment (a thread's text goes on in its next
 * one): it ends the run.  *paras as run_words() says. */
static size_t
section_words(const struct dc_classifier *c, const struct dc_doc *doc,
              const enum dc_class *cls, size_t b, size_t nb, size_t *paras,
              const struct dc_settings *set)
{
    const uint32_t *flags = c->flags;
    size_t h;
    size_t words = run_words(doc, flags, cls, b, nb, paras, &h);
    if (h + 1 >= nb || !doc->blocks[h].f.heading ||
        (flags[h] & (FLAG_TERMINAL | FLAG_LIST_HEAD)) ||
        (double)doc->blocks[h].f.words > set->section_words ||
        doc->blocks[h].f.stopwords == 0 || time_stamped(c, doc, h))
        return words;
    size_t p = h + 1;
    if (cls[p] != DC_CLASS_GOOD || doc->blocks[p].f.heading ||
        (flags[p] & FLAG_RULE) ||
        (double)doc->blocks[p].f.words <= set->section_words)
        return words;
    size_t more = 0;
    words += run_words(doc, flags, cls, p, nb, &more, NULL);
    *paras += more;
    return words;
}

/* Is block bl prose enough for its language to be the text's: good on
 * its own, of sentences, not a list of names or a row of buttons? */
static bool
says_language(const struct dc_block *bl, const struct dc_settings *set)
{
    return bl->cls == DC_CLASS_GOOD && bl->f.lang >= 0 &&
           (double)bl->f.words >= set->lang_words && bl->f.sentences >= 2;
}

/* Is block bl, after a terminal marker, prose in another language than
 * the text's (text_lang: its first paragraph's; a quotation further on
 * does not change it)?  Then it comments on nothing there: in a stream
 * of pages, it is the next page's article, whose page header had no
 * marker to say so. */
static bool
other_language(const struct dc_block *bl, int text_lang,
               const struct dc_settings *set)
{
    return says_language(bl, set) && text_lang >= 0 &&
           bl->f.lang != text_lang;
}

/* Was block j, text by context, taken by the list above it for an item
 * though it is a sentence (a lede of a line or two is as short as an
 * item)? */
static bool
sentence_in_list(const struct dc_doc *doc, const uint32_t *flags,
                 const enum dc_class *cls, size_t j)
{
    const struct dc_block *p = &doc->blocks[j];
    return cls[j] == DC_CLASS_GOOD && (flags[j] & FLAG_STRUCT) &&
           p->decision == DC_DROP && p->cls != DC_CLASS_SHORT &&
           p->f.terminal && !p->f.heading && !p->f.bullet && !p->f.code;
}

/* Keep the heading above text that pass 5c found for b, the article's
 * first paragraph, if the list before b took it for an item; and the
 * sentence right above b, the article's lede, if the list took that.
 * What lies between (a byline, a date, a row of tools) stays as it
 * was. */
static void
restore_headline(struct dc_doc *doc, uint32_t *flags,
                 const enum dc_class *cls, size_t b0, size_t b)
{
    bool lede_done = false;
    for (size_t j = b; j-- > b0;) {
        struct dc_block *p = &doc->blocks[j];
        if ((flags[j] & FLAG_LIST_HEAD) || p->decision == DC_KEEP)
            return;
        if (flags[j] & FLAG_HEADING) {
            if ((flags[j] & FLAG_STRUCT) && p->decision == DC_DROP) {
                flags[j] &= (uint32_t)~FLAG_STRUCT;
                decide(p, DC_KEEP, "headline after a list", NULL);
            }
            return;
        }
        if (cls[j] == DC_CLASS_GOOD) {
            if (lede_done || !sentence_in_list(doc, flags, cls, j))
                return;
            flags[j] &= (uint32_t)~FLAG_STRUCT;
            decide(p, DC_KEEP, "lede after a list", NULL);
            lede_done = true;
        }
    }
}

/* Text resumes at b after the terminal marker at `from`, which came
 * when no more than the text's standfirst had been kept: a "Comments"
 * or "React" button under the headline, not the end of the article.
 * If the tail between is no more than standfirst_gap blocks (the
 * article's first paragraphs, a caption's credit, an embedded post),
 * what text it dropped there is the article's too.  (A grid of teasers
 * after a comment form is longer: a headline, a summary and a "Read
 * more" each.) */
static void
take_back_tail(struct dc_classifier *c, struct dc_doc *doc,
               const enum dc_class *cls, size_t from, size_t b,
               const struct dc_settings *set)
{
    size_t blocks = 0;
    for (size_t j = from + 1; j < b; j++)
        if (!(c->flags[j] & FLAG_RULE) && !inert(&doc->blocks[j].f))
            blocks++;
    if ((double)blocks > set->standfirst_gap)
        return;
    /* (a short line is the tail's own, a caption's credit, a button,
     * unless it heads text: a subheading) */
    for (size_t j = from + 1; j < b; j++) {
        if (!(c->flags[j] & FLAG_TAIL) || cls[j] != DC_CLASS_GOOD ||
            (doc->blocks[j].cls == DC_CLASS_SHORT &&
             !(c->flags[j] & FLAG_HEADING)))
            continue;
        c->flags[j] &= (uint32_t)~(FLAG_STRUCT | FLAG_TAIL);
        decide(&doc->blocks[j], DC_KEEP, "text resumed after terminal marker",
               NULL);
    }
}

/* Block b is kept as text: the line right above it (rule matches and
 * script aside), if short and ending in a colon, leads into it ("The
 * advantages are as follows:", "Leitsätze des Gerichts:", "According
 * to the report:") and is kept with it, whatever lies above.  Only
 * here, once b is kept: as context it would make text of what a
 * comment's "Ann said:" stands between.  (A label over a row of links
 * or buttons, "Share:", "Tags:", has no paragraph under it.) */
static void
keep_lead_in(struct dc_classifier *c, struct dc_doc *doc, size_t b0, size_t b)
{
    const struct dc_features *f = &doc->blocks[b].f;
    if (f->heading || f->bullet)
        return;
    size_t p = b;
    while (p > b0 && ((c->flags[p - 1] & FLAG_RULE) ||
                      script(&doc->blocks[p - 1].f)))
        p--;
    if (p == b0)
        return;
    struct dc_block *l = &doc->blocks[--p];
    if (l->cls != DC_CLASS_SHORT || !l->f.colon || l->f.bullet ||
        l->f.code || l->f.picture || l->decision != DC_DROP ||
        (c->flags[p] & (FLAG_STRUCT | FLAG_KEEP)))
        return;
    decide(l, DC_KEEP, "lead-in to text", NULL);
}

/* Is there a year in t ("2008", "1998"): four digits from 1900 to
 * 2099 with no digit either side? */
static bool
has_year(struct dc_span t)
{
    const unsigned char *u = (const unsigned char *)t.p;
    for (size_t i = 0; i + 4 <= t.len; i++) {
        if ((i > 0 && dc_isdigit(u[i - 1])) ||
            !((u[i] == '1' && u[i + 1] == '9') ||
              (u[i] == '2' && u[i + 1] == '0')) ||
            !dc_isdigit(u[i + 2]) || !dc_isdigit(u[i + 3]) ||
            (i + 4 < t.len && dc_isdigit(u[i + 4])))
            continue;
        return true;
    }
    return false;
}

/* Is heading-shaped block b a dateline ("Fri 18 Jan, 11:45 AM",
 * "Tue 8 Jan 2008, 13:59 GMT"): a quarter of its words numbers or
 * more, a time of day or a year among them?  Pass 5c takes it for
 * the heading above the text; the headline stands above it. */
static bool
dateline(const struct dc_classifier *c, const struct dc_doc *doc, size_t b)
{
    const struct dc_features *f = &doc->blocks[b].f;
    if (!f->heading || f->numbers == 0 || f->code ||
        f->words > 4 * f->numbers)
        return false;
    struct dc_span t = block_text(c, doc, b);
    return has_time_of_day(t) || has_year(t);
}

/* A heading of a few words ("Ingredients", "Für 4 Personen"). */
static bool
label(const struct dc_features *f, const struct dc_settings *set)
{
    return f->heading && !f->bullet && !f->code &&
           (double)f->words <= set->label_words;
}

/* A list's label ending in a colon, alone on its line ("Zutaten:",
 * "Ingredients:", "Für 4 Personen:"): a few words and no code marks.
 * Its "key:" shape may have made it code; it labels the list under it. */
static bool
colon_label(const struct dc_block *bl)
{
    const struct dc_features *f = &bl->f;
    return bl->count == 1 && f->colon && !f->bullet && f->words >= 1 &&
           f->words <= 3 && f->letters > 0 && f->code_marks == 0;
}

/* Bytes of the vulgar fraction at p (U+00BC..U+00BE, U+2150..U+215E),
 * or 0. */
static size_t
fraction_at(const unsigned char *p, size_t len)
{
    if (len >= 2 && p[0] == 0xC2 && p[1] >= 0xBC && p[1] <= 0xBE)
        return 2;
    if (len >= 3 && p[0] == 0xE2 && p[1] == 0x85 && p[2] >= 0x90 &&
        p[2] <= 0x9E)
        return 3;
    return 0;
}

/* The number a quantity starts s with ("350", "1,5", "2-3", "1¼", "½"):
 * its bytes, 0 if s does not start with one; *whole, its whole part
 * (1 for "1¼"; 0 for "½").  A quantity's unit or word follows, apart
 * or not ("350 g", "200g", "2 cups").  Not a list number ("3. ..."), a
 * date or a time ("2019-11-19", "08:57"), nor a count ("2,999 Total",
 * "299Followers": a thousands separator, a capital right after). */
static size_t
quantity_at(const char *s, size_t len, unsigned long *whole)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, seps = 0, after_sep = 0, n;
    bool last_digit = false;
    *whole = 0;
    while (i < len) {
        if (dc_isdigit(p[i])) {
            if (seps == 0)
                *whole = *whole * 10 + (unsigned long)(p[i] - '0');
            after_sep += seps > 0;
            i++;
        } else if ((n = fraction_at(p + i, len - i)) > 0) {
            i += n;
        } else if (last_digit && p[i] && strchr(",./-", p[i]) && seps++ == 0) {
            i++;
            last_digit = false;
            continue;
        } else {
            break;
        }
        last_digit = true;
    }
    bool thousands =
        seps == 1 && after_sep == 3 && (p[i - 4] == ',' || p[i - 4] == '.');
    if (!last_digit || i == len || dc_isupper(p[i]) || thousands)
        return 0;
    size_t w = i + (p[i] == ' ');
    return w < len && (dc_isalpha(p[w]) || p[w] >= 0x80) ? i : 0;
}

/* Does s start with a value after its label ("Neupreis: 20.000 Euro",
 * "Effektiver Jahreszins: 3,9 Prozent"): a few words, a colon, then a
 * number with its unit or word after it?  A date or a count alone
 * ("Datum: 12.03.2020", "Kommentare: 3") is no such value. */
static bool
labelled_value_at(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len && i < 48 &&
           (dc_isalpha(p[i]) || p[i] >= 0x80 || strchr(" .-/", p[i])))
        i++;
    if (i == 0 || i + 2 >= len || p[i] != ':' || p[i + 1] != ' ' ||
        !dc_isdigit(p[i + 2]))
        return false;
    i += 2;
    while (i < len && (dc_isdigit(p[i]) || strchr(".,", p[i])))
        i++;
    while (i < len && p[i] == ' ')
        i++;
    return i < len && (dc_isalpha(p[i]) || p[i] >= 0x80);
}

/* Where the words of bl's first line t start: after its indent and, in
 * text, its list marker and the spaces after it (HTML's <li> prints
 * none). */
static size_t
item_words_at(const struct dc_block *bl, struct dc_span t)
{
    size_t i = dc_leading(t.p, t.len, ' ', '\t');
    if (bl->f.bullet && !bl->hints.serial)
        while (i < t.len && t.p[i] != ' ')
            i++;
    while (i < t.len && t.p[i] == ' ')
        i++;
    return i;
}

/* Whether most items of the list blocks[b..e) start with a quantity
 * ("350 g flour", "½ tsp salt"), as a recipe's ingredients do, or with
 * a labelled one, as a spec sheet's or a cost example's lines do
 * (labelled_value_at()).  In a list with bullets, a line without one
 * is a heading inside it; a text dump may print a list with none, one
 * item a line.  Numbers that count up from item to item ("1 Woman
 * dies", "2 Flat plans") rank a list of headlines. */
static bool
quantities(const struct dc_doc *doc, size_t b, size_t e)
{
    bool bullets = false;
    for (size_t k = b; k < e && !bullets; k++)
        bullets = doc->blocks[k].f.bullet;
    size_t q = 0, items = 0, counting = 0;
    unsigned long last = 0;
    for (size_t k = b; k < e; k++) {
        if (bullets && !doc->blocks[k].f.bullet)
            continue;
        items++;
        struct dc_span t = dc_doc_line_text(doc, doc->blocks[k].first);
        size_t i = item_words_at(&doc->blocks[k], t);
        unsigned long whole;
        if (quantity_at(t.p + i, t.len - i, &whole)) {
            q++;
            counting += q > 1 && whole == last + 1;
            last = whole;
        } else if (labelled_value_at(t.p + i, t.len - i)) {
            q++; /* (a spec's value: no rank that counts up) */
        }
    }
    return q >= 3 && 2 * q >= items && 2 * counting < q - 1;
}

/* Are all items of the list blocks[b..e) bullets, none of them code?
 * A list of quantities printed so (a recipe's ingredients) needs no
 * heading to say what it is; a run of "key: 10px" lines of a style
 * sheet is code. */
static bool
bulleted(const struct dc_doc *doc, size_t b, size_t e)
{
    for (size_t k = b; k < e; k++)
        if (!doc->blocks[k].f.bullet || doc->blocks[k].f.code)
            return false;
    return true;
}

/* Does block b's text end with s (trailing blanks aside)? */
static bool
ends_with(const struct dc_doc *doc, size_t b, const char *s)
{
    const struct dc_block *bl = &doc->blocks[b];
    struct dc_span t = dc_doc_line_text(doc, bl->first + bl->count - 1);
    size_t n = t.len, k = strlen(s);
    while (n > 0 && (t.p[n - 1] == ' ' || t.p[n - 1] == '\t'))
        n--;
    return n >= k && memcmp(t.p + n - k, s, k) == 0;
}

/* Does block b start with a list number ("1. ", " 12) "), as the items
 * of a numbered list do in a text dump? */
static bool
numbered(const struct dc_doc *doc, size_t b)
{
    struct dc_span t = dc_doc_line_text(doc, doc->blocks[b].first);
    return dc_numbered_item(t.p, t.len, 3, NULL);
}

/* Does block b end in an ellipsis ("...", "…"): an excerpt cut short,
 * as teasers of other pages and comments are? */
static bool
cut_short(const struct dc_doc *doc, size_t b)
{
    return ends_with(doc, b, "...") || ends_with(doc, b, "\xe2\x80\xa6");
}

/* Are most items of the list blocks[b..e) sentences: rules, steps,
 * points of the text?  A link list's items are headlines, or links.
 * HTML says which items hold a link; in text a sentence must read as
 * one, with a stop at its end and the stopwords of prose (a headline
 * has neither). */
static bool
sentence_list(const struct dc_doc *doc, size_t b, size_t e,
              const struct dc_settings *set)
{
    size_t sentences = 0, items = 0;
    for (size_t k = b; k < e; k++) {
        const struct dc_block *bl = &doc->blocks[k];
        const struct dc_features *f = &bl->f;
        bool sentence = f->terminal && !f->code &&
                        (double)f->words >= set->list_sentence_words &&
                        f->stopwords > 0;
        if (bl->hints.serial) {
            sentence &= bl->hints.link_density <= 0.0f;
        } else {
            /* the headings between groups of items label them */
            if (!f->bullet)
                continue;
            /* (a list of questions is a table of contents or FAQ
             * links, not points of the text)  An item with no stop at
             * its end is still a sentence (an imperative: "Do not
             * overload the motor") with the words and stopwords of
             * one, more than a headline has; so is one that ends in a
             * semicolon, a clause of the sentence the list goes on. */
            bool prose = f->terminal || ends_with(doc, k, ";") ||
                         ((double)f->words >= set->bare_sentence_words &&
                          f->stop_density >= set->bare_sentence_stopwords);
            sentence = prose && !f->code &&
                       (double)f->words >= set->list_sentence_words &&
                       f->stopwords > 0 && !f->colon && !cut_short(doc, k) &&
                       !ends_with(doc, k, "?") &&
                       f->stop_density >= set->stopwords_high;
        }
        items++;
        sentences += sentence;
    }
    return items >= 3 && sentences * 3 >= items * 2;
}

/* The block before b that is not a rule match or a picture (what
 * introduces a list from b), or nb when there is none. */
static size_t
before_list(const struct dc_doc *doc, const uint32_t *flags, size_t b)
{
    size_t j = b;
    while (j > 0 &&
           ((flags[j - 1] & FLAG_RULE) || doc->blocks[j - 1].f.picture))
        j--;
    return j > 0 ? j - 1 : doc->nblocks;
}

/* Is block b a label (colon_label()) of capitalised words, code by
 * its "key:" shape only, between two paragraphs of prose: right above
 * one that is not a rule's, a heading, a bullet or code, and under
 * another (rule matches and pictures aside)?  (Under a short line or a
 * script, "Disclaimer:" opens the page's footer.) */
static bool
prose_label(const struct dc_doc *doc, const uint32_t *flags,
            const enum dc_class *cls, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    if ((flags[b] & FLAG_RULE) || !bl->f.code || !colon_label(bl) ||
        bl->f.upper_words != bl->f.words || b + 1 >= doc->nblocks ||
        (flags[b + 1] & FLAG_RULE))
        return false;
    size_t above = before_list(doc, flags, b);
    if (above >= doc->nblocks || (cls[above] != DC_CLASS_GOOD &&
                                  cls[above] != DC_CLASS_NEAR_GOOD))
        return false;
    const struct dc_features *next = &doc->blocks[b + 1].f;
    return (cls[b + 1] == DC_CLASS_GOOD ||
            cls[b + 1] == DC_CLASS_NEAR_GOOD) &&
           !next->heading && !next->bullet && !next->code;
}

/*
 * Whether the list blocks[b..*end) is part of the text, its items to
 * be judged by their context rather than dropped as a link list: it
 * follows a sentence that introduces it ("You will need:", "Die
 * Zutaten:"), or it is a list of quantities under a heading (a recipe's
 * "Ingredients") or with a bullet to each item (above a recipe's
 * ingredients a page may have no text: a picture's title, its menu),
 * and text follows it.  If so, *end is where that text
 * starts: the short lines up to it (an item of another shape, and the
 * items after it) are the list's too.  *measures: it is the list of
 * quantities, text itself (its items are too short for context to join
 * them to it).
 */
static bool
introduced(const struct dc_doc *doc, const uint32_t *flags,
           const enum dc_class *cls, size_t b, size_t *end, bool *measures,
           const struct dc_settings *set)
{
    *measures = false;
    size_t e = *end, e_list = e;
    size_t i = before_list(doc, flags, b);
    while (e < doc->nblocks &&
           ((flags[e] & FLAG_RULE) || doc->blocks[e].f.picture ||
            colon_label(&doc->blocks[e]) ||
            (cls[e] == DC_CLASS_SHORT && !doc->blocks[e].f.bullet)))
        e++;
    if (i >= doc->nblocks || e >= doc->nblocks)
        return false;
    /* A sentence, not a label ("Share this:"), and text after the list
     * (and after what is left of it): link lists end in more links.  A
     * recipe's method after its ingredients may be short sentences,
     * near-good ones. */
    const struct dc_features *f = &doc->blocks[i].f;
    if (cls[e] != DC_CLASS_GOOD && cls[e] != DC_CLASS_NEAR_GOOD)
        return false;
    if (quantities(doc, b, e_list) &&
        (label(&doc->blocks[b].f, set) || label(f, set) ||
         colon_label(&doc->blocks[i]) || bulleted(doc, b, e_list))) {
        *measures = true;
        *end = e;
        return true;
    }
    if (cls[e] != DC_CLASS_GOOD)
        return false;
    if (!f->colon || f->code || f->stopwords == 0 || f->words < 3 ||
        cls[i] == DC_CLASS_BAD)
        return false;
    *end = e;
    return true;
}

/*
 * Is the list from b announced by a paragraph of the text: a sentence
 * right under good text, prose by its own features, with the stopwords
 * of good text, that ends in a colon ("These players have been
 * invited:", "Die Sieger im Überblick:")?  The list is the text's, as
 * long as it runs, whatever follows it: a page's last list, of names or
 * results, ends the text.  (A label such as "Related stories:" is too
 * short to be prose; a row of tools, "Email | Print | Share:", has too
 * few stopwords.)
 */
static bool
announced(const struct dc_doc *doc, const uint32_t *flags,
          const enum dc_class *cls, size_t b, const struct dc_settings *set)
{
    size_t i = before_list(doc, flags, b);
    if (i >= doc->nblocks)
        return false;
    const struct dc_block *intro = &doc->blocks[i];
    if (!intro->f.colon || intro->f.code || intro->f.bullet ||
        (intro->cls != DC_CLASS_GOOD && intro->cls != DC_CLASS_NEAR_GOOD) ||
        intro->f.stop_density < set->stopwords_high)
        return false;
    size_t t = before_list(doc, flags, i);
    return t < doc->nblocks && cls[t] == DC_CLASS_GOOD;
}

/* Does t hold an address of the web? */
static bool
web_address(struct dc_span t)
{
    return memmem(t.p, t.len, "://", 3) || memmem(t.p, t.len, "www.", 4);
}

/* Is w (n bytes, ASCII letters lowered) one of the words in the
 * NULL-ended list? */
static bool
word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return true;
    return false;
}

/* Does t say how long ago something was posted ("5 hours ago", "vor 3
 * Stunden", "il y a 2 jours", "hace 3 horas", "3 Stunden 5 Minuten
 * her", "2 giorni fa", "3 dagen geleden", "5h ago"): a number with a
 * unit of time, and a word that makes it past?  A comment's or a
 * teaser's meta, not an item of data.  (Only the first 24 words.) */
static bool
relative_time(struct dc_span t)
{
    static const char *const units[] = {
        "s", "sec", "secs", "second", "seconds", "m", "min", "mins",
        "minute", "minutes", "h", "hr", "hrs", "hour", "hours", "d", "day",
        "days", "w", "wk", "wks", "week", "weeks", "mo", "month", "months",
        "y", "yr", "yrs", "year", "years", "sekunde", "sekunden", "minuten",
        "stunde", "stunden", "std", "tag", "tage", "tagen", "woche",
        "wochen", "monat", "monate", "monaten", "jahr", "jahre", "jahren",
        "seconde", "secondes", "heure", "heures", "jour", "jours",
        "semaine", "semaines", "mois", "an", "ans", "ann\xc3\xa9" "e",
        "ann\xc3\xa9" "es", "segundo", "segundos", "minuto", "minutos",
        "hora", "horas", "d\xc3\xad" "a", "d\xc3\xad" "as", "dia", "dias",
        "semana", "semanas", "mes", "meses", "a\xc3\xb1o", "a\xc3\xb1os",
        "ano", "anos", "secondi", "minuti", "ora", "ore", "giorno",
        "giorni", "settimana", "settimane", "mese", "mesi", "anno", "anni",
        "seconden", "minuut", "uur", "dag", "dagen", "weken", "maand",
        "maanden", "jaar", "jaren", NULL};
    static const char *const past[] = {
        "ago", "vor", "her", "hace", "fa", "geleden", "h\xc3\xa1",
        "temu", "sedan", "siden", NULL};
    const char *p = t.p;
    size_t i = 0, words = 0;
    bool timed = false, ago = false, number = false, il_y = false;
    char w[16];
    while (i < t.len && words < 24 && !(timed && ago)) {
        while (i < t.len && (p[i] == ' ' || p[i] == ','))
            i++;
        size_t s = i;
        while (i < t.len && p[i] != ' ' && p[i] != ',')
            i++;
        if (i == s)
            break;
        words++;
        size_t n = i - s, d = 0;
        while (d < n && dc_isdigit((unsigned char)p[s + d]))
            d++;
        if (n - d >= sizeof w) { /* no word of a list */
            number = il_y = false;
            continue;
        }
        size_t m = 0;
        for (size_t k = s + d; k < i && p[k] != '.'; k++)
            w[m++] = (char)dc_tolower((unsigned char)p[k]);
        bool unit = m > 0 && word_in(w, m, units);
        timed |= unit && (number || d > 0);
        ago |= d == 0 && (word_in(w, m, past) || (il_y && m == 1 && w[0] == 'a'));
        il_y = m == 1 && w[0] == 'y' && s >= 3 &&
               dc_tolower((unsigned char)p[s - 2]) == 'l';
        number = d > 0 && d == n;
    }
    return timed && ago;
}

/* Is block b an item of data: numbers a third of its words or more (a
 * quantity, a price, hours, an address, a phone number), or a short
 * value after a label of a few words ("Farbe: grün", "Publisher:
 * HandyGames")?  A number alone after a label is a date or a count
 * ("Datum: 12.03.2020", "Kommentare: 3"), as a page's meta data has
 * them; so is a number in brackets after a name ("WordPress (53)"), as
 * categories have it.  Nor is it the item of a ranked list ("3. ..."), a
 * title ("15 Amazing Images of Stars": most of its words capitalised),
 * an address of the web, a time ago ("5 hours ago", relative_time()),
 * or, in HTML, a link, whatever it says. */
static bool
data_item(const struct dc_doc *doc, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    const struct dc_features *f = &bl->f;
    uint32_t named = f->words - f->numbers;
    if (bl->hints.link_density > 0.0f ||
        (named >= 4 && f->upper_words * 4 >= named * 3))
        return false;
    struct dc_span t = dc_doc_line_text(doc, bl->first);
    if (t.len > 400) /* no item of a list */
        return false;
    const unsigned char *p = (const unsigned char *)t.p;
    size_t i = item_words_at(bl, t);
    if (dc_numbered_item(t.p + i, t.len - i, 3, NULL))
        return false;
    /* the label, its colon and the words of its value */
    size_t start = i, spaces = 0, values = 0;
    while (i < t.len && i - start < 48 &&
           (dc_isalpha(p[i]) || p[i] >= 0x80 || strchr(" .-/", p[i])))
        spaces += p[i++] == ' ';
    bool labelled = i > start && spaces <= 2 && i + 2 < t.len &&
                    p[i] == ':' && p[i + 1] == ' ' && p[i + 2] != ' ';
    if (labelled) {
        bool number = dc_isdigit(p[i + 2]);
        for (i += 2; i < t.len && values <= 4; i++)
            values += p[i] != ' ' && p[i - 1] == ' ';
        if (values == 1 && number)
            return false; /* a date or a count */
        if (values <= 4 && bl->count == 1)
            return !web_address(t) && !relative_time(t);
    }
    size_t end = t.len;
    while (end > start && p[end - 1] == ' ')
        end--;
    if (end > start && p[end - 1] == ')') /* a count in brackets */
        for (size_t k = end - 1; k > start && end - k < 12; k--)
            if (p[k - 1] == '(') {
                end = k - 1;
                break;
            }
    if (f->numbers * 3 < f->words)
        return false;
    for (size_t k = start; k < end; k++)
        if (dc_isdigit(p[k]))
            return !web_address(t) && !relative_time(t);
    return false;
}

/* Is the list blocks[b..e) data of the text: most of its items are
 * items of data (data_item()), and it stands right under a paragraph
 * of the text, or under a label ("Adresse:", "Technische Daten:") right
 * under one?  A spec sheet, an address, opening hours, prices, tour
 * dates; a menu, a row of headlines or of tags has few numbers, and
 * stands apart from the text. */
static bool
data_list(const struct dc_doc *doc, const uint32_t *flags,
          const enum dc_class *cls, size_t b, size_t e)
{
    size_t above = b - 1;
    if (b == 0 || (flags[above] & FLAG_RULE))
        return false;
    if (colon_label(&doc->blocks[above]) && above > 0 &&
        !(flags[above - 1] & FLAG_RULE))
        above--;
    const struct dc_block *intro = &doc->blocks[above];
    if (cls[above] != DC_CLASS_GOOD || intro->f.heading || intro->f.bullet ||
        intro->f.code)
        return false;
    size_t items = 0, data = 0;
    for (size_t k = b; k < e; k++) {
        if (flags[k] & FLAG_RULE)
            continue;
        items++;
        data += data_item(doc, k);
    }
    return items > 0 && data * 3 >= items * 2;
}

/* Block b is a list item: a bullet, or a headline-like line with few
 * stopwords, or (in a long run) a short one with any. */
static bool
list_item(const struct dc_doc *doc, const uint32_t *flags,
          const enum dc_class *cls, size_t b, bool long_run,
          const struct dc_settings *set)
{
    const struct dc_features *f = &doc->blocks[b].f;
    /* (an item a rule drops, "* Home", is still an item of its menu:
     * the rest of the menu is no less a list for it; in HTML the
     * markup has said what its lists are) */
    if (flags[b] & FLAG_RULE)
        return f->bullet && doc->blocks[b].count == 1 &&
               doc->blocks[b].hints.serial == 0;
    if (f->bullet && (double)f->words <= set->bullet_item_words)
        return true;
    return f->heading &&
           (long_run ? cls[b] == DC_CLASS_SHORT
                     : f->stop_density < set->list_item_stopwords);
}

/* HTML: is block b a link the markup dropped, shaped as a heading (the
 * title of an entry in a directory of links)? */

static bool
dropped_link_title(const struct dc_doc *doc, const uint32_t *flags, size_t b,
                   const struct dc_settings *set)
{
    const struct dc_block *bl = &doc->blocks[b];
    return (flags[b] & FLAG_MARKUP) && bl->f.heading &&
           bl->hints.link_density >= (float)set->link_title_density;
}

/* Is b a directory entry's blurb: text no rule decided, a sentence or
 * two, not a paragraph by its features alone?  (Its class from
 * features: context has joined blurbs up.)  Unless it follows its title
 * right away, it must read as a sentence, not as a heading. */
static bool
blurb(const struct dc_doc *doc, const uint32_t *flags, size_t b,
      bool after_title, const struct dc_settings *set)
{
    const struct dc_block *bl = &doc->blocks[b];
    return !(flags[b] & FLAG_RULE) && bl->cls != DC_CLASS_GOOD &&
           (after_title || !bl->f.heading) &&
           (double)bl->f.words <= set->blurb_words &&
           bl->f.sentences <= 2;
}

/* HTML: is b a directory entry in one block: a linked title on its
 * first line, then a blurb under it (after a <br>)? */
static bool
titled_blurb(const struct dc_doc *doc, const uint32_t *flags, size_t b,
             const struct dc_settings *set)
{
    const struct dc_block *bl = &doc->blocks[b];
    return !(flags[b] & FLAG_RULE) && (bl->hints.flags & DC_HINT_LINK_TITLE) &&
           !bl->f.code && (double)bl->f.words <= set->titled_blurb_words &&
           (double)bl->f.sentences <= set->blurb_sentences;
}

/* HTML: are blocks a and b two cells of one table row?  A row of a
 * table (a name, then a sentence about it) is data, not a directory
 * entry. */
static bool
same_row(const struct dc_doc *doc, size_t a, size_t b)
{
    const struct dc_block *x = &doc->blocks[a], *y = &doc->blocks[b];
    bool cells =
        (x->hints.element == DC_EL_TD || x->hints.element == DC_EL_TH) &&
        (y->hints.element == DC_EL_TD || y->hints.element == DC_EL_TH);
    size_t nx, ny;
    const uint32_t *ex = dc_doc_block_elems(doc, x, &nx);
    const uint32_t *ey = dc_doc_block_elems(doc, y, &ny);
    return cells && nx >= 2 && ny >= 2 && ex[nx - 1] != ey[ny - 1] &&
           ex[nx - 2] == ey[ny - 2];
}

/*
 * The run of directory entries from b: each a linked title the markup
 * dropped, then a blurb, or (when `titled`) both in one block.  Other
 * blocks that rules or markup decided may sit around the title (a
 * section's name above it, a list of more links below the blurb): an
 * entry is a run of them with a title among it, then the blurb.  Returns
 * the number of entries; *end is one past the run, or past the blocks
 * from b that rules decided when there is none.
 */
static size_t
blurb_run(const struct dc_doc *doc, const uint32_t *flags, size_t b,
          size_t nb, bool titled, size_t *end, const struct dc_settings *set)
{
    size_t entries = 0, k = b;
    for (;;) {
        size_t j = k, title = SIZE_MAX;
        for (; j < nb && (flags[j] & FLAG_RULE); j++)
            if (dropped_link_title(doc, flags, j, set))
                title = j;
        if (titled && j < nb && titled_blurb(doc, flags, j, set)) {
            entries++;
            k = j + 1;
            continue;
        }
        if (title == SIZE_MAX || j >= nb ||
            !blurb(doc, flags, j, title == k && j == k + 1, set) ||
            (same_row(doc, title, j) && !doc->blocks[j].f.heading)) {
            *end = entries ? k : j;
            return entries;
        }
        entries++;
        k = j + 1;
    }
}

static void
ensure_scratch(struct dc_classifier *c, size_t nblocks, int nlangs)
{
    c->hits = dc_xgrow(c->hits, &c->hits_cap,
                       dc_add_size(nblocks * (size_t)nlangs, 1),
                       sizeof *c->hits);
    c->flags = dc_xgrow(c->flags, &c->flags_cap, dc_add_size(nblocks, 1),
                        sizeof *c->flags);
    c->texts = dc_xgrow(c->texts, &c->texts_cap, dc_add_size(nblocks, 1),
                        sizeof *c->texts);
    c->fps = dc_xgrow(c->fps, &c->fps_cap, dc_add_size(nblocks, 1),
                      sizeof *c->fps);
}

/*
 * Choose the document language from the stopwords of blocks [b0, n).
 * Sentences decide: menus, scripts and JSON are full of English words
 * on pages in every language.  Without sentences, every block that is
 * not code counts.
 */
static void
detect_language(struct dc_classifier *c, const struct dc_doc *doc, size_t b0,
                int nlangs)
{
    uint64_t total[DC_LANG_MAX] = {0};
    uint64_t words = 0;
    for (int pass = 0; pass < 2 && words < 50; pass++) {
        memset(total, 0, sizeof total);
        words = 0;
        for (size_t b = b0; b < doc->nblocks; b++) {
            const struct dc_features *f = &doc->blocks[b].f;
            bool prose = f->sentences > 0 && f->words >= 8 &&
                         f->punct * 4 < f->chars;
            if (f->code || (pass == 0 && !prose))
                continue;
            words += f->words;
            for (int l = 0; l < nlangs; l++)
                total[l] += c->hits[b * (size_t)nlangs + (size_t)l];
        }
    }
    int best = -1;
    uint64_t best_hits = 0;
    for (int l = 0; l < nlangs; l++)
        if (total[l] > best_hits)
            best = l, best_hits = total[l];
    /* Too little evidence: keep what earlier windows found. */
    if (best >= 0 && best_hits >= 5 && best_hits * 20 >= words)
        c->lang = best;
}

/* An article region: kept blocks from a start to `end`, no more than
 * region_gap dropped blocks apart (rule matches and code do not count). */
struct region {
    size_t end;      /* one past its last kept block */
    size_t words;    /* words in its kept blocks */
    bool keep_rule;  /* a keep rule holds one of them */
    bool frozen;     /* one of them is already emitted */
    size_t paras;    /* its kept paragraphs of prose */
    size_t run;      /* the most of them in a row, no heading between */
    size_t longest;  /* words of the longest of them */
    size_t titled;   /* how many have a headline-long heading above and
                        open a sentence (opens_lower()) */
};

/* Does block b open in lower case, going on with the line above it (a
 * paragraph a renderer wrapped, the rest of a sentence)?  A headline's
 * summary opens a sentence of its own. */
static bool
opens_lower(const struct dc_doc *doc, size_t b)
{
    const struct dc_line *l = &doc->lines[doc->blocks[b].first];
    const char *p = doc->text.data + l->off;
    size_t i = 0;
    while (i < l->len && p[i] == ' ')
        i++;
    return i < l->len && dc_islower((unsigned char)p[i]);
}

/* Does a line with features f introduce a list: a clause that ends in
 * a colon, with a stopword ("Areas of expertise:"), not a label of
 * links ("Stay connected:", "Related stories:")? */
static bool
introduces(const struct dc_features *f)
{
    return f->colon && !f->bullet && !f->code && f->stopwords > 0 &&
           f->words >= 3;
}

/* The region starting at block b; a block that is not kept is a region
 * of one block and no words.  With list_ends, a list heading ends it
 * too (drop_teaser_regions()). */
static struct region
region_from(const struct dc_doc *doc, const uint32_t *flags, size_t b,
            const struct dc_settings *set, bool list_ends)
{
    struct region r = {b + 1, 0, false, false, 0, 0, 0, 0};
    if (doc->blocks[b].decision != DC_KEEP)
        return r;
    size_t gap = 0, run = 0, title = 0;
    /* The items of a list a line introduces ("Areas of expertise:",
     * kept or not yet) are one break in the text, however many the
     * list dropped: the text after it goes on the same article. */
    bool listed = false, in_list = false;
    for (size_t k = b; k < doc->nblocks && gap <= (size_t)set->region_gap;
         k++) {
        const struct dc_block *bl = &doc->blocks[k];
        if (flags[k] & FLAG_HEADER)
            break; /* a page's start: no region spans two pages */
        if (list_ends && k > b && (flags[k] & FLAG_LIST_HEAD))
            break;
        if (bl->decision == DC_KEEP) {
            r.words += bl->f.words;
            r.keep_rule |= (flags[k] & FLAG_KEEP) != 0;
            r.frozen |= bl->frozen;
            gap = 0;
            r.end = k + 1;
            listed = introduces(&bl->f);
            in_list = false;
            if (bl->f.heading) {
                run = 0;
                if (bl->f.words > title)
                    title = bl->f.words;
            } else if (bl->cls == DC_CLASS_GOOD ||
                       bl->cls == DC_CLASS_NEAR_GOOD) {
                r.paras++;
                r.titled += (double)title >= set->teaser_title_words &&
                            !opens_lower(doc, k);
                title = 0;
                if (++run > r.run)
                    r.run = run;
                if (bl->f.words > r.longest)
                    r.longest = bl->f.words;
            }
        } else if ((!(flags[k] & FLAG_RULE) || (flags[k] & FLAG_LINK_LIST)) &&
                   !inert(&bl->f)) {
            bool item = listed && bl->f.bullet;
            if (!item || !in_list)
                gap++;
            in_list = item;
            listed = item || introduces(&bl->f);
            run = 0;
            if (bl->f.heading && bl->f.words > title)
                title = bl->f.words;
        }
    }
    return r;
}

static struct region
region_at(const struct dc_doc *doc, const uint32_t *flags, size_t b,
          const struct dc_settings *set)
{
    return region_from(doc, flags, b, set, false);
}

/* Is the region of kept blocks [b, end), the page's first, the article's
 * standfirst: a paragraph of prose right above the article's main region
 * (whatever furniture, a table of contents, share buttons, lies between)? */
static bool
opens_article(const struct dc_doc *doc, const uint32_t *flags, size_t b,
              size_t end, size_t max_words, const struct dc_settings *set)
{
    bool prose = false;
    for (size_t k = b; k < end; k++) {
        const struct dc_features *f = &doc->blocks[k].f;
        prose |= doc->blocks[k].decision == DC_KEEP &&
                 doc->blocks[k].cls == DC_CLASS_GOOD && f->terminal &&
                 !f->heading;
    }
    size_t k = end;
    while (k < doc->nblocks && doc->blocks[k].decision != DC_KEEP)
        k++;
    return prose && k < doc->nblocks &&
           region_at(doc, flags, k, set).words == max_words;
}

/* ------------------------------------------------------- author boxes */

/* The word at p[0..len) from its first letter to the first character
 * that is not a letter (a name's "Jake's" is "Jake"); its length. */
static size_t
letters_at(const char *p, size_t len, size_t *start)
{
    size_t i = 0, e;
    int32_t cp;
    for (;; i += (size_t)e) {
        if (i >= len)
            return *start = len, 0;
        e = (size_t)utf8proc_iterate((const uint8_t *)p + i,
                                     (utf8proc_ssize_t)(len - i), &cp);
        if ((utf8proc_ssize_t)e <= 0)
            return *start = len, 0;
        if (utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO)
            break;
    }
    *start = i;
    size_t j = i;
    while (j < len) {
        e = (size_t)utf8proc_iterate((const uint8_t *)p + j,
                                     (utf8proc_ssize_t)(len - j), &cp);
        if ((utf8proc_ssize_t)e <= 0 ||
            utf8proc_category(cp) > UTF8PROC_CATEGORY_LO)
            break;
        j += e;
    }
    return j - i;
}

/* Are a[0..alen) and b[0..blen) the same word, case aside? */
static bool
same_word(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t i = 0, j = 0;
    while (i < alen && j < blen) {
        int32_t x, y;
        utf8proc_ssize_t m = utf8proc_iterate((const uint8_t *)a + i,
                                              (utf8proc_ssize_t)(alen - i),
                                              &x);
        utf8proc_ssize_t n = utf8proc_iterate((const uint8_t *)b + j,
                                              (utf8proc_ssize_t)(blen - j),
                                              &y);
        if (m <= 0 || n <= 0 || utf8proc_tolower(x) != utf8proc_tolower(y))
            return false;
        i += (size_t)m;
        j += (size_t)n;
    }
    return i == alen && j == blen;
}

/* Is block b a person's full name on a line of its own: two words (a
 * first name and a surname) or a few more, each capitalised, none a
 * stopword or a number, no stop at its end (a site may print it twice:
 * link text and then image alt text)? */
static bool
name_line(const struct dc_block *bl, const struct dc_settings *set)
{
    const struct dc_features *f = &bl->f;
    return bl->count == 1 && f->heading && !f->bullet && !f->code &&
           !f->picture && !f->colon && f->words >= 2 &&
           (double)f->words <= set->author_name_words &&
           f->upper_words == f->words && f->stopwords == 0 &&
           f->digits == 0 && f->cjk == 0;
}

/* Does paragraph t speak of the person named in `name`: does it open
 * with one of the name's words ("Jake is the co-founder of ...", the
 * name being "Jake Goulding"), or go on from the name in lower case
 * ("is a professor of law at ...")? */
static bool
about_name(struct dc_span name, struct dc_span t)
{
    size_t at, n = letters_at(t.p, t.len, &at);
    if (n == 0)
        return false;
    if (at == 0 && dc_islower((unsigned char)t.p[0]))
        return true;
    size_t off = 0;
    while (off < name.len) {
        size_t start, w = letters_at(name.p + off, name.len - off, &start);
        if (w == 0)
            break;
        if (same_word(name.p + off + start, w, t.p + at, n))
            return true;
        off += start + w;
    }
    return false;
}

/* The next block after b that no rule decided and is not code or a
 * picture; nb if none. */
static size_t
block_below(const struct dc_doc *doc, const uint32_t *flags, size_t b)
{
    while (++b < doc->nblocks)
        if (!(flags[b] & FLAG_RULE) && !inert(&doc->blocks[b].f))
            break;
    return b;
}

/* Is block b a paragraph of kept text (not a heading)? */
static bool
kept_paragraph(const struct dc_block *bl)
{
    return bl->decision == DC_KEEP && is_text(bl->cls) && !bl->f.heading;
}

/* sums[k]: words of the paragraphs kept in blocks [0, k), for k up to
 * nblocks; free with dc_free(). */
static size_t *
kept_word_sums(const struct dc_doc *doc)
{
    size_t *sums = dc_xcalloc(doc->nblocks + 1, sizeof *sums);
    for (size_t k = 0; k < doc->nblocks; k++)
        sums[k + 1] = sums[k] + (kept_paragraph(&doc->blocks[k])
                                     ? doc->blocks[k].f.words
                                     : 0);
    return sums;
}

/* The first block from b on that is a terminal marker or a list
 * heading, nb if none: what is kept after it is a thread of comments or
 * teasers, not the text going on. */
static size_t
text_end(const struct dc_classifier *c, const struct dc_doc *doc, size_t b)
{
    while (b < doc->nblocks &&
           !(c->flags[b] & (FLAG_TERMINAL | FLAG_LIST_HEAD)))
        b++;
    return b;
}

/* Is an author box whose last paragraph is block p above the text,
 * parted from it by a list heading: no kept text between p and the
 * first list heading below it, and region_min_words or more kept after
 * that heading?  (Above the headline, a site prints the author's name,
 * her bio and a list of her other stories, then the article.)  sums as
 * kept_word_sums() makes them. */
static bool
box_above_text(const struct dc_classifier *c, const struct dc_doc *doc,
               const size_t *sums, size_t p, const struct dc_settings *set)
{
    size_t end = text_end(c, doc, p + 1);
    return end < doc->nblocks && (c->flags[end] & FLAG_LIST_HEAD) &&
           sums[end] == sums[p + 1] &&
           (double)(sums[doc->nblocks] - sums[end]) >=
               set->region_min_words;
}

/* An author box after the article: the author's full name on a line of
 * its own, then one paragraph about them that repeats the name or goes
 * on from it ("Jake is the co-founder of ...", "is a professor of law
 * at ..."), with fewer than author_tail_words of text after it (up to
 * text_end()).  It reads as prose; only the name and its place tell it
 * from the text.  (Two paragraphs or more under a name are a section of
 * the text: a profile's, an interview's.)  The page must have been seen
 * to its end, to know that no text follows, and must have text above,
 * unless the box is above the text, a list between (box_above_text()). */
static void
drop_author_boxes(struct dc_classifier *c, struct dc_doc *doc, size_t b0,
                  const struct dc_settings *set)
{
    size_t nb = doc->nblocks;
    /* Kept words before and after a name line, summed once (a page of
     * names would otherwise count them again for each); the paragraphs
     * of boxes dropped here, all before the next name line, are taken
     * off the sums before it. */
    size_t *sums = NULL, dropped = 0;
    for (size_t n = b0; n < nb; n++) {
        if (!name_line(&doc->blocks[n], set) ||
            (c->flags[n] & (FLAG_KEEP | FLAG_RULE)))
            continue;
        size_t p = block_below(doc, c->flags, n);
        if (p >= nb || !kept_paragraph(&doc->blocks[p]) ||
            (c->flags[p] & FLAG_KEEP))
            continue;
        size_t next = block_below(doc, c->flags, p);
        if (!sums)
            sums = kept_word_sums(doc);
        size_t end = text_end(c, doc, p + 1);
        if ((next < nb && kept_paragraph(&doc->blocks[next])) ||
            (end > next && (double)(sums[end] - sums[next]) >=
                               set->author_tail_words) ||
            (!c->carry.kept_any &&
             (double)(sums[n] - dropped) < set->region_min_words &&
             !box_above_text(c, doc, sums, p, set)) ||
            !about_name(block_text(c, doc, n), block_text(c, doc, p)))
            continue;
        decide(&doc->blocks[n], DC_DROP, "author box", NULL);
        decide(&doc->blocks[p], DC_DROP, "author box", NULL);
        dropped += doc->blocks[p].f.words;
    }
    dc_free(sums);
}

/* The block above b, at or after b0, that no rule decided and is not
 * code or a picture; SIZE_MAX if none. */
static size_t
block_above(const struct dc_doc *doc, const uint32_t *flags, size_t b0,
            size_t b)
{
    while (b-- > b0)
        if (!(flags[b] & FLAG_RULE) && !inert(&doc->blocks[b].f))
            return b;
    return SIZE_MAX;
}

/* Block j, a dateline kept as the heading above text: the block right
 * above it (rule matches and pictures aside), if shaped as a heading
 * of three words or more, is the headline it dates. */
static void
headline_above(struct dc_classifier *c, struct dc_doc *doc,
               enum dc_class *cls, size_t b0, size_t j)
{
    size_t k = block_above(doc, c->flags, b0, j);
    if (k == SIZE_MAX)
        return;
    struct dc_block *h = &doc->blocks[k];
    if (!h->f.heading || h->frozen || h->f.words < 3 || h->f.bullet ||
        h->cls == DC_CLASS_BAD || cls[k] == DC_CLASS_GOOD ||
        (c->flags[k] & FLAG_KEEP))
        return;
    cls[k] = DC_CLASS_GOOD;
    c->flags[k] |= FLAG_HEADING;
    decide(h, DC_UNDECIDED, "headline above a dateline", NULL);
}

/* An author box in the words a bio rule names: a paragraph in which a
 * person presents herself ("Hallo, ich bin Lena, Foodbloggerin ...",
 * "I am a freelance writer ..."), kept after the text with fewer than
 * author_tail_words of text after it (up to text_end(): a thread of
 * comments or teasers is no text), and the short heading right above it
 * (her name, "Über Lena"), if there is one.  Where more text follows,
 * the paragraph is the text's own: a blogger's page about herself, an
 * interview.  The page must have been seen to its end and have text
 * above (or the box be above the text: box_above_text()).  Walked from
 * the end, so that the words of a box dropped do not count as text after
 * the one above it. */
static void
drop_bio_boxes(struct dc_classifier *c, struct dc_doc *doc, size_t b0,
               const struct dc_settings *set)
{
    size_t *sums = NULL, tail = 0;
    for (size_t p = doc->nblocks; p-- > b0;) {
        struct dc_block *bl = &doc->blocks[p];
        if (c->flags[p] & (FLAG_TERMINAL | FLAG_LIST_HEAD))
            tail = 0; /* a text_end(): comments or teasers follow */
        if (!kept_paragraph(bl))
            continue;
        if (!(c->flags[p] & FLAG_BIO) || (c->flags[p] & FLAG_KEEP) ||
            (double)tail >= set->author_tail_words) {
            tail += bl->f.words;
            continue;
        }
        if (!sums)
            sums = kept_word_sums(doc);
        if (!c->carry.kept_any && (double)sums[p] < set->region_min_words &&
            !box_above_text(c, doc, sums, p, set)) {
            tail += bl->f.words;
            continue;
        }
        decide(bl, DC_DROP, "author box", NULL);
        size_t h = block_above(doc, c->flags, b0, p);
        struct dc_block *hl = h == SIZE_MAX ? NULL : &doc->blocks[h];
        if (hl && hl->decision == DC_KEEP && hl->f.heading &&
            !hl->f.bullet && (double)hl->f.words <= set->author_name_words &&
            !(c->flags[h] & FLAG_KEEP))
            decide(hl, DC_DROP, "author box", NULL);
    }
    dc_free(sums);
}

/* The actions that judge a block, the first that matches deciding. */
static const enum dc_action judged_by[] = {
    DC_ACTION_KEEP,      DC_ACTION_CUT_AFTER, DC_ACTION_CUT_BEFORE,
    DC_ACTION_DROP_LIST, DC_ACTION_SIGNATURE, DC_ACTION_DROP,
    DC_ACTION_BIO,       DC_ACTION_FURNITURE}; /* (last: they decide nothing
                                                  now, see judge_by_rules) */
static const enum dc_action item_judged_by[] = {DC_ACTION_DROP};
#define SHORT_LIST 4

/* Is p[0..len) nothing but blanks, or a credit in brackets of at most
 * caption_credit_max bytes? */
static bool
credit_or_nothing(const char *p, size_t len, const struct dc_settings *set)
{
    while (len > 0 && p[0] == ' ')
        p++, len--;
    if (len == 0)
        return true;
    return (double)len <= set->caption_credit_max &&
           ((p[0] == '(' && p[len - 1] == ')') ||
            (p[0] == '[' && p[len - 1] == ']'));
}

/* Does s[0..n) hold at least want words (spaces + 1)? */
static bool
has_words(const char *s, size_t n, size_t want)
{
    size_t words = 1;
    for (const char *p = s, *end = s + n; words < want; p++, words++) {
        p = memchr(p, ' ', (size_t)(end - p));
        if (!p)
            return false;
    }
    return true;
}

/*
 * A picture's caption as text browsers print it: the image's alt text,
 * then the caption that repeats it ("A B. A B.", "[A B.]A B.", maybe
 * with the photographer after it in brackets).  A sentence of the text
 * is never said twice in a row; a caption, written once for the alt
 * attribute and once under the photo, often is.  Copies of
 * caption_twice_words words and caption_twice_min bytes at least: a
 * chant or a refrain is shorter; caption_twice_max bytes at most in
 * all: longer is a paragraph.
 */
static bool
caption_twice(struct dc_span t, const struct dc_settings *set)
{
    const char *s = t.p;
    size_t len = t.len;
    size_t min = (size_t)set->caption_twice_min; /* 8 or more */
    if ((double)len > set->caption_twice_max || len < 2 * min)
        return false;
    if (s[0] == '[') /* html2text's alt text: "[A]A" */
        s++, len--;
    /* Where the second copy may start: wherever the first's first
     * bytes come again. */
    for (size_t at = min; at + min <= len;) {
        const char *again = memmem(s + at, len - at, s, 8);
        if (!again)
            return false;
        at = (size_t)(again - s);
        size_t n = at; /* the first copy, without "]" and blanks */
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ']'))
            n--;
        /* the copy first: most places are no copy (a line's indentation
         * comes again and again), and counting words costs a pass */
        if (n >= min && at + n <= len && memcmp(s, s + at, n) == 0 &&
            has_words(s, n, (size_t)set->caption_twice_words) &&
            credit_or_nothing(s + at + n, len - at - n, set))
            return true;
        at++;
    }
    return false;
}

/* Is block b, an item of a list, one of a short list: a row of meta
 * data or of buttons, not a menu?  (Asked before its rules' second
 * look, which a menu's every item would cost.) */
static bool
short_list(const struct dc_doc *doc, size_t b)
{
    size_t n = 1;
    for (size_t k = b; k > 0 && doc->blocks[k - 1].f.bullet; k--)
        if (++n > SHORT_LIST)
            return false;
    for (size_t k = b + 1; k < doc->nblocks && doc->blocks[k].f.bullet; k++)
        if (++n > SHORT_LIST)
            return false;
    return true;
}

/* A drop rule that names the text of a list item without its marker
 * ("  * Von Anna Muster", "  * Lesedauer: 4 Min."): rules are written
 * for the words of a line, and a page that sets its byline, its date or
 * its share buttons as a list would otherwise escape them. */
static const struct dc_rule *
item_rule(struct dc_classifier *c, struct dc_span t)
{
    size_t n = dc_bullet_len(t.p, t.len);
    while (n < t.len && t.p[n] == ' ')
        n++;
    if (n == 0 || n >= t.len)
        return NULL;
    return dc_rules_match_first(c->rules, item_judged_by,
                                sizeof item_judged_by / sizeof *item_judged_by,
                                c->lang, t.p + n, t.len - n);
}

/* Pass 3 for block b: the first rule that decides it, by action (and,
 * for HTML, what the markup says).  False when the answer depends on
 * the blocks around b too (short_list()), not on its text alone. */
static bool
judge_by_rules(struct dc_classifier *c, struct dc_doc *doc, size_t b,
               const struct dc_settings *set)
{
    struct dc_block *bl = &doc->blocks[b];
    struct dc_span t = undecorated(block_text(c, doc, b));
    const struct dc_rule *r = NULL;
    bool asked = false; /* its neighbours, through short_list() */
    if (t.len == 0) {
        /* everything on it was stripped */
        const struct dc_line *l = &doc->lines[bl->first];
        decide(bl, DC_DROP, "stripped", l->strip_rule);
        c->flags[b] |= FLAG_RULE;
    } else if (((r = dc_rules_match_first(
                     c->rules, judged_by, sizeof judged_by / sizeof *judged_by,
                     c->lang, t.p, t.len)) &&
                r->action != DC_ACTION_BIO &&
                r->action != DC_ACTION_FURNITURE) ||
               (!r && (asked = bl->f.bullet && bl->count == 1) &&
                short_list(doc, b) && (r = item_rule(c, t)))) {
        switch (r->action) {
        case DC_ACTION_KEEP:
            decide(bl, DC_KEEP, "keep rule", r);
            c->flags[b] |= FLAG_KEEP;
            break;
        case DC_ACTION_CUT_AFTER:
            decide(bl, DC_DROP, "terminal marker", r);
            c->flags[b] |= FLAG_RULE | FLAG_TERMINAL;
            break;
        case DC_ACTION_CUT_BEFORE:
            decide(bl, DC_DROP, "header marker", r);
            c->flags[b] |= FLAG_RULE | FLAG_HEADER;
            break;
        case DC_ACTION_DROP_LIST:
            decide(bl, DC_DROP, "list heading", r);
            c->flags[b] |= FLAG_RULE | FLAG_LIST_HEAD;
            break;
        case DC_ACTION_SIGNATURE:
            decide(bl, DC_DROP, "comment signature", r);
            c->flags[b] |= FLAG_RULE | FLAG_SIGNATURE;
            break;
        default:
            decide(bl, DC_DROP, "drop rule", r);
            c->flags[b] |= FLAG_RULE;
            break;
        }
    } else if (caption_twice(t, set)) {
        decide(bl, DC_DROP, "caption: its text twice (alt and caption)",
               NULL);
        c->flags[b] |= FLAG_RULE;
    } else {
        /* HTML: what the markup says (hints.h), as if a rule. */
        struct dc_reason why;
        enum dc_decision d = dc_hints_judge(c->rules, c->lang, doc, bl,
                                            &why);
        if (d != DC_UNDECIDED) {
            decide(bl, d, why.what, why.rule);
            c->flags[b] |= d == DC_KEEP ? FLAG_KEEP : FLAG_RULE;
            if (d == DC_DROP && !why.rule &&
                !(bl->hints.flags & DC_HINT_HIDDEN))
                c->flags[b] |= FLAG_MARKUP;
        }
        /* r, a bio rule, says an author presents herself ("Hallo, ich
         * bin ..."): text where it is, an author box after the text (6e).
         * A furniture rule says the block is a break, dropped last (7c). */
        if (r && !(c->flags[b] & (FLAG_RULE | FLAG_KEEP)))
            c->flags[b] |= r->action == DC_ACTION_BIO ? FLAG_BIO
                                                      : FLAG_FURNITURE;
    }
    return !asked;
}

/* The last call's memo of block bl with text t, or NULL; *cur walks the
 * memos in order (blocks come in order too). */
static struct memo *
recall(struct dc_classifier *c, const struct dc_doc *doc,
       const struct dc_block *bl, struct dc_span t, size_t *cur)
{
    struct memos *old = &c->memo[0];
    uint64_t number = doc->lines[bl->first].number;
    while (*cur < old->n && old->v[*cur].number < number)
        (*cur)++;
    if (*cur >= old->n || bl->hints.serial || c->no_memo)
        return NULL;
    struct memo *m = &old->v[*cur];
    if (m->number != number || m->count != bl->count || m->len != t.len ||
        memcmp(old->text.data + m->off, t.p, t.len) != 0)
        return NULL;
    return m;
}

/* Keep block bl's measurements for the next call; returns the memo's
 * index in memo[1]. */
static size_t
remember(struct dc_classifier *c, const struct dc_doc *doc,
         const struct dc_block *bl, struct dc_span t, const uint32_t *hits,
         int nlangs, int code)
{
    struct memos *nw = &c->memo[1];
    nw->v = dc_xgrow(nw->v, &nw->cap, dc_add_size(nw->n, 1), sizeof *nw->v);
    nw->hits = dc_xgrow(nw->hits, &nw->hits_cap,
                        dc_add_size(nw->n, 1) * (size_t)nlangs,
                        sizeof *nw->hits);
    struct memo *m = &nw->v[nw->n];
    memset(m, 0, sizeof *m);
    m->number = doc->lines[bl->first].number;
    m->count = bl->count;
    m->off = nw->text.len;
    m->len = t.len;
    m->f = bl->f;
    m->code = code;
    memcpy(nw->hits + nw->n * (size_t)nlangs, hits,
           (size_t)nlangs * sizeof *hits);
    dc_buf_append(&nw->text, t.p, t.len);
    return nw->n++;
}

/* Pass 7's prose keeps the headline right above it (what rules decided
 * and code between them aside), as pass 5c does for good text. */
static void
keep_headline(struct dc_classifier *c, struct dc_doc *doc, size_t b)
{
    size_t j = b;
    while (j > 0 && ((c->flags[j - 1] & FLAG_RULE) ||
                     inert(&doc->blocks[j - 1].f)))
        j--;
    if (j == 0)
        return;
    struct dc_block *h = &doc->blocks[j - 1];
    if (h->f.heading && h->f.words >= 2 && h->cls != DC_CLASS_BAD &&
        !h->frozen && h->decision != DC_KEEP &&
        !(c->flags[j - 1] & (FLAG_KEEP | FLAG_STRUCT)))
        decide(h, DC_KEEP, "heading above text", NULL);
}

/* HTML: good prose that only its markup's words dropped (pass 7). */
static bool
markup_prose(uint32_t flags, const struct dc_block *bl,
             const struct dc_settings *set)
{
    return (flags & FLAG_MARKUP) && bl->cls == DC_CLASS_GOOD && !bl->f.code &&
           bl->hints.link_density < (float)set->markup_prose_links;
}

/* The block before b, from b0 on, whose text is block t's (fingerprint
 * fp), kept (`kept`) or any; SIZE_MAX if none.  `from` bounds the look
 * back: blocks [from, b). */
static size_t
same_text_before(const struct dc_classifier *c, const struct dc_doc *doc,
                 size_t from, size_t b, uint64_t fp, bool kept)
{
    for (size_t k = b; k-- > from;) {
        if (kept ? doc->blocks[k].decision == DC_KEEP && c->fps[k] == fp
                 : fingerprint(block_text(c, doc, k)) == fp)
            return k;
    }
    return SIZE_MAX;
}

/* Does the copy of blocks [b, last] follow the text it repeats back to
 * back, its head printed again: between the original of its last
 * paragraph and b, nothing but lines that stand in the original's head,
 * the lede_gap blocks above its first paragraph (a headline, a byline, a
 * date)?  A page that prints its story twice prints the copies one
 * after the other; the version a page hides (for print, for phones) a
 * text dump shows apart, past other text or after a link to it ("Print
 * this article").  The originals are looked for in this window. */
static bool
copy_follows(const struct dc_classifier *c, const struct dc_doc *doc,
             size_t b0, size_t b, size_t last, const struct dc_settings *set)
{
    size_t end = same_text_before(c, doc, b0, b, c->fps[last], true);
    size_t start = same_text_before(c, doc, b0, b, c->fps[b], true);
    if (end == SIZE_MAX || start == SIZE_MAX || start > end)
        return false;
    size_t head = start > b0 + (size_t)set->lede_gap
                      ? start - (size_t)set->lede_gap
                      : b0;
    for (size_t k = end + 1; k < b; k++) {
        if (inert(&doc->blocks[k].f))
            continue;
        uint64_t fp = fingerprint(block_text(c, doc, k));
        if (same_text_before(c, doc, head, start, fp, false) == SIZE_MAX)
            return false;
    }
    return true;
}

/*
 * Pass 6d: a paragraph of repeat_min_words or more that the document has
 * kept before is dropped, and the heading kept for it with it: a ticker,
 * a teaser carousel, the lead again as a summary.  But a run of repeats
 * that comes to repeat_run_words, none of them a list item, is the text
 * itself printed again (a page that shows its story twice, a log that
 * quotes its last entry), and it stays as the page has it: in HTML,
 * where the walk has left out what the page hides.  A text dump keeps
 * the copies a page hides (its print or mobile version), so there a
 * repeat goes, unless the copy follows its original back to back, its
 * head again (copy_follows()).  A run goes on past short or dropped paragraphs,
 * and ends at a new paragraph kept.
 * Only blocks this call makes final are remembered: the rest are judged
 * again next time, and must not find themselves.
 */
static void
drop_repeats(struct dc_classifier *c, struct dc_doc *doc, size_t b0,
             size_t final_blocks, const struct dc_settings *set)
{
    size_t nb = doc->nblocks;
    for (size_t b = b0; b < nb; b++) {
        const struct dc_block *bl = &doc->blocks[b];
        /* (the pieces of one long line are no paragraphs of their own) */
        if (bl->decision != DC_KEEP ||
            (double)bl->f.words < set->repeat_min_words ||
            dc_doc_block_in_pieces(doc, bl))
            continue;
        /* taken once a block: the memo keeps it for the next call */
        if (!c->fps[b])
            c->fps[b] = fingerprint(block_text(c, doc, b));
        if (seen_before(&c->seen, c->fps[b], b < final_blocks))
            c->flags[b] |= FLAG_REPEAT;
    }
    for (size_t b = b0; b < nb;) {
        if (!(c->flags[b] & FLAG_REPEAT)) {
            b++;
            continue;
        }
        size_t end = b, words = 0, last = b;
        bool listed = false, text = false;
        for (size_t k = b; k < nb; k++) {
            const struct dc_block *bl = &doc->blocks[k];
            if (c->flags[k] & FLAG_REPEAT) {
                words += bl->f.words;
                listed |= bl->f.bullet || bl->hints.element == DC_EL_LI;
                text |= !bl->hints.serial;
                last = k;
                end = k + 1;
            } else if (bl->decision == DC_KEEP &&
                       (double)bl->f.words >= set->repeat_min_words) {
                break;
            }
        }
        if (!listed && (double)words >= set->repeat_run_words &&
            (!text || copy_follows(c, doc, b0, b, last, set))) {
            b = end;
            continue;
        }
        for (; b < end; b++) {
            if (!(c->flags[b] & FLAG_REPEAT))
                continue;
            decide(&doc->blocks[b], DC_DROP, "repeats a paragraph above",
                   NULL);
            /* The heading kept for it goes with it. */
            for (size_t j = b; j-- > b0;) {
                const struct dc_block *h = &doc->blocks[j];
                if ((c->flags[j] & FLAG_RULE) || inert(&h->f) ||
                    h->decision != DC_KEEP)
                    continue;
                if (c->flags[j] & FLAG_HEADING)
                    decide(&doc->blocks[j], DC_DROP, "heading of a repeat",
                           NULL);
                break;
            }
        }
    }
}

/* Of the code marks in block b's lines, those of a shop's page, not of
 * code: a price ("$9.95"), and what a text browser draws around page
 * furniture: the bar between a menu's entries (" | "), a form field
 * ("[Search____]"), a picture's name ("[logo.gif]").  A catalogue's
 * prices, menus and search box are no style sheet (keep_list_page).
 * Marks of code stay: "$x", "||", "a[i]", "added_to_cart". */
static uint32_t
furniture_marks(const struct dc_doc *doc, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    uint32_t n = 0;
    for (size_t k = 0; k < bl->count; k++) {
        struct dc_span s = dc_doc_line_text(doc, bl->first + k);
        for (size_t i = 0; i < s.len; i++) {
            char ch = s.p[i], prev = i ? s.p[i - 1] : ' ';
            char next = i + 1 < s.len ? s.p[i + 1] : ' ';
            if (ch == '|')
                n += prev == ' ' && next == ' ';
            else if (ch == '$')
                n += dc_isdigit((unsigned char)next);
            else if (ch == '_') {
                size_t e = i;
                while (e < s.len && s.p[e] == '_')
                    e++;
                if (e - i >= 3)
                    n += (uint32_t)(e - i);
                i = e - 1;
            } else if (ch == '[' && prev == ' ' && next != ' ') {
                size_t e = i + 1;
                while (e < s.len && s.p[e] != ']' && s.p[e] != '[' &&
                       s.p[e] != ' ')
                    e++;
                if (e < s.len && s.p[e] == ']')
                    n += 2;
            }
        }
    }
    return n < bl->f.code_marks ? n : bl->f.code_marks;
}

/* Was block b dropped only for want of text near it (pass 6, 6b), with
 * no rule, list heading, marker, repeat or code against it? */
static bool
list_page_item(const struct dc_doc *doc, const uint32_t *flags, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    return bl->decision == DC_DROP && !bl->hints.serial && !inert(&bl->f) &&
           !(flags[b] &
             (FLAG_RULE | FLAG_STRUCT | FLAG_REPEAT | FLAG_HEADING)) &&
           bl->f.words > 0;
}

/* The furniture_marks() of the blocks a page of lists would keep. */
static size_t
furniture(const struct dc_doc *doc, const uint32_t *flags)
{
    size_t n = 0;
    for (size_t b = 0; b < doc->nblocks; b++)
        if (list_page_item(doc, flags, b))
            n += furniture_marks(doc, b);
    return n;
}

/* Is kept block b a post of a thread: prose, not a short line, with
 * a time of day in one of the two blocks above it (its header: "Posted
 * on: 11/18 16:53", "Joined: ... Posts: 240 ... 2:22 pm")?  Blocks
 * before b0 have no text this call, and sign nothing. */
static bool
dated_post(const struct dc_classifier *c, const struct dc_doc *doc,
           size_t b0, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    if (bl->decision != DC_KEEP || bl->cls == DC_CLASS_SHORT ||
        bl->cls == DC_CLASS_BAD || bl->f.code || !bl->f.terminal ||
        bl->f.stopwords == 0)
        return false;
    for (size_t k = b, above = 0; k-- > b0 && above < 2;) {
        if (inert(&doc->blocks[k].f))
            continue;
        above++;
        if (!doc->blocks[k].f.code && has_time_of_day(block_text(c, doc, k)))
            return true;
    }
    return false;
}

/* Is there an article's run of prose in the page: a region (region_at)
 * with a paragraph good by its own features (not a rule's) and two
 * paragraphs of prose in a row?  A directory's entries with a blurb each
 * are good paragraphs one at a time, each alone among its entry's name,
 * address and phone. */
static bool
article_run(const struct dc_doc *doc, const uint32_t *flags,
            const struct dc_settings *set)
{
    for (size_t b = 0; b < doc->nblocks;) {
        struct region r = region_at(doc, flags, b, set);
        bool good = false;
        for (size_t k = b; k < r.end; k++)
            good |= doc->blocks[k].cls == DC_CLASS_GOOD &&
                    !(flags[k] & FLAG_RULE);
        if (good && r.run >= 2)
            return true;
        b = r.end;
    }
    return false;
}

/* Did the page keep prose that reads as text: a paragraph good by its
 * own features, or two paragraphs in a row in a region (a short wire
 * story's, each near-good)?  A glossary's intro and first entries,
 * joined up by context, are neither. */
static bool
kept_prose(const struct dc_doc *doc, const uint32_t *flags,
           const struct dc_settings *set)
{
    for (size_t b = 0; b < doc->nblocks;) {
        struct region r = region_at(doc, flags, b, set);
        if (r.run >= 2)
            return true;
        for (size_t k = b; k < r.end; k++)
            if (doc->blocks[k].decision == DC_KEEP &&
                doc->blocks[k].cls == DC_CLASS_GOOD)
                return true;
        b = r.end;
    }
    return false;
}

/* Is no run of the page an article's (article_run), and what was kept
 * in two regions or more: no article, only the odd lines of lists that
 * context let through (and the blurbs of a directory's entries)?  So is
 * what was kept in one region, if it holds no prose (kept_prose) and is
 * not pass 7's fallback (a brief's sentences): the top of a glossary or
 * of a list of headlines, whose lower part context dropped.
 * Prose dated above, list_page_posts times, is a thread of posts: a
 * forum's page, its posts too short to be good on their own. */
static bool
no_article(const struct dc_classifier *c, const struct dc_doc *doc,
           size_t b0, const struct dc_settings *set)
{
    const uint32_t *flags = c->flags;
    size_t posts = 0;
    if (article_run(doc, flags, set))
        return false;
    for (size_t b = b0; b < doc->nblocks; b++)
        if (dated_post(c, doc, b0, b) &&
            (double)++posts >= set->list_page_posts)
            return false;
    size_t regions = 0;
    for (size_t b = 0; b < doc->nblocks; b = region_at(doc, flags, b, set).end)
        regions += doc->blocks[b].decision == DC_KEEP;
    return regions >= 2 ||
           (regions == 1 && !kept_prose(doc, flags, set) && !c->carry.rescued);
}

/*
 * A page of lists: a directory of links, a glossary, a catalogue, a
 * table of contents.  Its text is its lists, which no paragraph of
 * prose stands beside; what the features and context found to keep is
 * then a sliver of the page (a sentence of its intro, or nothing), and
 * the lists they dropped as "no text near" are what a reader came for.
 * A text dump only: in HTML the markup tells a page's lists from its
 * menus.  Lists of some length (list_page_words), next to which little
 * was kept (list_page_kept; list_page_spread when the page has no
 * prose and what was kept is scattered over it, or is one region with
 * no prose in it: a short news story is one region of prose), and no
 * script or style sheet (list_page_marks): a dump
 * whose dropped lines are mostly CSS is no page of lists.
 */
static void
keep_list_page(const struct dc_classifier *c, struct dc_doc *doc, size_t b0,
               const struct dc_settings *set)
{
    const uint32_t *flags = c->flags;
    size_t kept = 0, listed = 0, chars = 0, marks = 0;
    for (size_t b = 0; b < doc->nblocks; b++) {
        const struct dc_block *bl = &doc->blocks[b];
        if (bl->decision == DC_KEEP) {
            kept += bl->f.words;
        } else if (list_page_item(doc, flags, b)) {
            listed += bl->f.words;
            chars += bl->f.chars;
            marks += bl->f.code_marks;
        }
    }
    double share = set->list_page_kept;
    if ((double)listed >= set->list_page_words &&
        set->list_page_spread > share && no_article(c, doc, b0, set))
        share = set->list_page_spread;
    if ((double)listed < set->list_page_words ||
        (double)kept >= share * (double)(kept + listed) ||
        ((double)marks >= set->list_page_marks * (double)chars &&
         (double)(marks - furniture(doc, flags)) >=
             set->list_page_marks * (double)chars))
        return;
    for (size_t b = 0; b < doc->nblocks; b++)
        if (list_page_item(doc, flags, b))
            decide(&doc->blocks[b], DC_KEEP, "page of lists: its lists",
                   NULL);
}

/* Pass 7c: a block a furniture rule names ("IFRAME: https://...", a
 * text browser's mark for a frame; "Back to Gallery"), kept for its place
 * among the text or a page's lists, is dropped, last: never text, it
 * stood for the break it is between the blocks around it while they
 * were judged (a drop rule would have made it transparent to them). */
static void
drop_furniture(struct dc_classifier *c, struct dc_doc *doc, size_t b0)
{
    for (size_t b = b0; b < doc->nblocks; b++) {
        struct dc_block *bl = &doc->blocks[b];
        if (!(c->flags[b] & FLAG_FURNITURE) || bl->decision != DC_KEEP ||
            bl->frozen || (c->flags[b] & FLAG_KEEP))
            continue;
        struct dc_span t = undecorated(block_text(c, doc, b));
        decide(bl, DC_DROP, "furniture",
               dc_rules_match(c->rules, DC_ACTION_FURNITURE, c->lang, t.p,
                              t.len));
    }
}

/*
 * What the passes of one dc_classify() call share: the window, the class
 * of each block as context revises it, and pass 2's memos.  What one pass
 * alone uses stays local to it.  The arrays have a slot per block of the
 * window and one more; each is freed by the last pass that reads it.
 */
struct pass {
    struct dc_classifier *c;
    struct dc_doc *doc;
    const struct dc_settings *set; /* the language's, from pass 2 on */
    size_t nb;                     /* blocks in the window */
    size_t b0;                     /* the first one not frozen */
    size_t final_blocks;           /* blocks this call makes final */
    size_t final_lines;            /* and their lines */
    bool final;                    /* the document's last call */
    enum dc_class *cls;  /* class in context: passes 3 to 7 */
    struct memo **was;   /* its memo of the last call: passes 2 and 3 */
    size_t *will;        /* its memo for the next: passes 2 to 6d */
    bool *after_text;    /* kept by near_text() after the text: 5b, 5c */
    bool *beside;        /* a sentence pass 6 dropped for its context:
                            6a' */
    size_t body_opening; /* the line that opens the article text the
                            page's structured data holds, or SIZE_MAX:
                            passes 2 and 6b'' */
};

/* The window: its first block not frozen, and the lines and blocks that
 * this call will make final. */
static void
start_window(struct pass *ps, size_t horizon)
{
    struct dc_doc *doc = ps->doc;
    size_t nb = ps->nb;
    bool final = ps->final;
    /* First block not frozen. */
    size_t b0 = 0;
    while (b0 < nb && doc->blocks[b0].frozen)
        b0++;

    /* Lines and blocks that this call will make final. */
    size_t final_lines = doc->nlines;
    size_t final_blocks = nb;
    if (!final) {
        size_t limit = horizon < doc->nlines ? horizon : doc->nlines;
        final_blocks = b0;
        while (final_blocks < nb &&
               doc->blocks[final_blocks].first +
                       doc->blocks[final_blocks].count <=
                   limit)
            final_blocks++;
        final_lines = final_blocks < nb ? doc->blocks[final_blocks].first
                                        : limit;
        if (final_lines < doc->nfrozen_lines)
            final_lines = doc->nfrozen_lines;
    }
    ps->b0 = b0;
    ps->final_lines = final_lines;
    ps->final_blocks = final_blocks;
}

/* Words a script's article text (body_printed()) has at least: a
 * shorter block is not looked at. */
#define BODY_WORDS 20

/* Does the window print the article text of block b's structured data
 * (a block that starts with a brace or a quote) outside b as well?  A
 * line that starts with its opening (dc_article_body_opening()) says
 * so: a paragraph printed starts a line.  That copy is the text; this
 * one is code.  (Where the page prints no other, b is the text: see
 * dc_article_body().)  An opening shorter than min_opening bytes (a
 * break near the start: a tag, an entity) says too little.  Line
 * starts only, and not a search of the window's bytes: a window of such
 * blocks (a hostile page, a dump of records) must not search the window
 * once a block.  The line, or SIZE_MAX. */
static size_t
body_printed(const struct dc_doc *doc, size_t b)
{
    enum { min_opening = 24 };
    const struct dc_block *bl = &doc->blocks[b];
    size_t from = doc->lines[bl->first].off;
    const struct dc_line *last = &doc->lines[bl->first + bl->count - 1];
    size_t to = last->off + last->len;
    struct dc_span own = {doc->text.data + from, to - from};
    char opening[DC_BODY_OPENING];
    struct dc_span o = {opening, dc_article_body_opening(own, opening)};
    if (o.len < min_opening)
        return SIZE_MAX;
    for (size_t i = 0; i < doc->nlines; i++) {
        if (i == bl->first) {
            i += bl->count - 1;
            continue;
        }
        struct dc_span l = dc_doc_line_text(doc, i);
        size_t k = dc_leading(l.p, l.len, ' ', '\t');
        if (l.len - k >= o.len && l.p[k] == o.p[0] &&
            memcmp(l.p + k, o.p, o.len) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* Is block b a script's data that reads as prose: a string member of
 * JSON-LD on a line of its own ("description": "..."), a whole object
 * ({"@context": ..., "name": "..."}), or the article text the window
 * prints as well (body_printed())?  A member that is the article text,
 * printed nowhere else, stays the text.  *opening
 * gets the line where the window prints that text, if it does
 * (SIZE_MAX - 1 once two such texts are printed at different lines). */
static bool
script_data(const struct dc_classifier *c, const struct dc_doc *doc, size_t b,
            size_t *opening)
{
    /* (both hold four quotes or more, and start with a brace or a
     * quote: most blocks are past here at their count of marks or their
     * first letter) */
    const struct dc_block *bl = &doc->blocks[b];
    if (bl->f.punct < 4)
        return false;
    const struct dc_line *l = &doc->lines[bl->first];
    const char *p = doc->text.data + l->off;
    size_t k = dc_leading(p, l->len, ' ', '\t');
    if (k >= l->len || (p[k] != '"' && p[k] != '{'))
        return false;
    if (bl->f.words >= BODY_WORDS) {
        size_t at = body_printed(doc, b);
        if (at != SIZE_MAX) {
            /* (two articles' data, a list's: neither opens the page) */
            *opening = *opening == SIZE_MAX || *opening == at ? at
                                                              : SIZE_MAX - 1;
            return true;
        }
    }
    if (p[k] == '{') {
        /* a whole object on a line: its article text, if it holds one
         * printed nowhere else (above), stays the text */
        struct dc_span t = block_text(c, doc, b);
        return dc_json_object(t) && !dc_article_body(t);
    }
    if (bl->count != 1)
        return false;
    struct dc_span t = block_text(c, doc, b);
    return dc_json_member(t) && !dc_article_body(t);
}

/* What a line of a script is by its shape: a comment (it opens with a
 * slash: "// find the children and show them", a block comment's
 * opening), a line that ends as code does ("{", ";", "}"), or neither:
 * one scan of its blanks for both questions. */
enum script_line { NOT_SCRIPT, SCRIPT_CODE, SCRIPT_COMMENT };

static enum script_line
script_line(struct dc_span l)
{
    size_t i = dc_leading(l.p, l.len, ' ', '\t'), e = l.len;
    while (e > i && l.p[e - 1] == ' ')
        e--;
    bool opens_comment = e - i >= 2 && l.p[i] == '/' &&
                         (l.p[i + 1] == '/' || l.p[i + 1] == '*');
    if (!opens_comment && !(e > i && strchr("{};", l.p[e - 1])))
        return NOT_SCRIPT;
    return l.len - i >= 2 && l.p[i] == '/' ? SCRIPT_COMMENT : SCRIPT_CODE;
}

/* Is block b the comments of a script ("// When the event is
 * triggered, grab the current element"), code by its place: every line
 * a comment (or code), one at least a comment, and code right above or
 * below it?  The words of a comment are prose; a page's own text uses
 * "//" as a mark between words too ("// posted by Ann"), never beside
 * code. */
static bool
script_comment(const struct dc_doc *doc, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    if (bl->f.code || !((b > 0 && doc->blocks[b - 1].f.code) ||
                        (b + 1 < doc->nblocks && doc->blocks[b + 1].f.code)))
        return false;
    bool comment = false;
    for (size_t i = bl->first; i < bl->first + bl->count; i++) {
        enum script_line kind = script_line(dc_doc_line_text(doc, i));
        if (kind == NOT_SCRIPT)
            return false;
        comment |= kind == SCRIPT_COMMENT;
    }
    return comment;
}

/* Pass 2: features, and the document's language.  A block whose text
 * was in the last call's window takes its features from its memo. */
static void
measure_blocks(struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    size_t b0 = ps->b0, nb = ps->nb, final_blocks = ps->final_blocks;
    /* Stopwords are counted in DC_LANG_MAX languages a block, those past
     * dc_lang_count() staying 0: loops over them of a fixed count, which
     * the compiler makes vector code of. */
    int nlangs = DC_LANG_MAX;
    int *hints = dc_xcalloc(nb + 1, sizeof *hints);
    /* per block: its memo of the last call, its memo for the next */
    struct memo **was = dc_xcalloc(nb + 1, sizeof *was);
    size_t *will = dc_xcalloc(nb + 1, sizeof *will);
    ps->was = was;
    ps->will = will;
    size_t cur = 0;
    c->memo[1].n = 0;
    dc_buf_clear(&c->memo[1].text);
    dc_buf_clear(&c->text);
    for (size_t b = b0; b < nb; b++) {
        struct dc_block *bl = &doc->blocks[b];
        make_block_text(c, doc, b);
        struct dc_span t = block_text(c, doc, b);
        uint32_t *hits = c->hits + b * (size_t)nlangs;
        struct memo *m = recall(c, doc, bl, t, &cur);
        if (m) {
            bl->f = m->f;
            memcpy(hits, c->memo[0].hits + (size_t)(m - c->memo[0].v) *
                                               (size_t)nlangs,
                   (size_t)nlangs * sizeof *hits);
            hints[b] = m->code;
            c->fps[b] = m->fp;
        } else {
            if (!c->words)
                c->words = dc_word_cache_new();
            dc_measure(t.p, t.len, &bl->f, hits, nlangs, c->words);
            hints[b] = -1; /* looked for when needed, below */
            c->fps[b] = 0;
        }
        was[b] = m;
        will[b] = SIZE_MAX;
        if (b >= final_blocks && !bl->hints.serial)
            will[b] = remember(c, doc, bl, t, hits, nlangs, hints[b]);
    }
    detect_language(c, doc, b0, nlangs);
    doc->lang = dc_classifier_lang(c);
    ps->set = dc_rules_settings_for(c->rules, c->lang);
    for (size_t b = b0; b < nb; b++) {
        struct dc_block *bl = &doc->blocks[b];
        dc_finish_features(&bl->f, c->hits + b * (size_t)nlangs, c->lang,
                           nlangs, c->rules);
        if (hints[b] < 0 &&
            (bl->f.stop_density < DC_HINTS_DENSITY || dc_code_marked(&bl->f))) {
            struct dc_span t = block_text(c, doc, b);
            hints[b] =
                bl->f.stop_density < DC_HINTS_DENSITY || !dc_article_body(t)
                    ? dc_code_hints(t.p, t.len)
                    : 0;
            if (will[b] != SIZE_MAX)
                c->memo[1].v[will[b]].code = hints[b];
        }
        dc_finish_code(&bl->f, hints[b]);
        if (!bl->f.code && script_data(c, doc, b, &ps->body_opening))
            bl->f.code = true;
        dc_discount_numbers(&bl->f);
    }
    dc_free(hints);
    for (size_t b = b0; b < nb; b++)
        if (script_comment(doc, b))
            doc->blocks[b].f.code = true;
    for (size_t b = b0; b < nb; b++) /* HTML: what the element says */
        dc_hints_features(&doc->blocks[b], &doc->blocks[b].f);
}

/* The number that block b is, alone on its line ("3": no stop or
 * bracket after it, two digits at most), or 0. */
static unsigned
bare_number(const struct dc_doc *doc, size_t b)
{
    const struct dc_block *bl = &doc->blocks[b];
    if (bl->count != 1 || bl->f.letters > 0 || bl->f.chars == 0 ||
        bl->f.chars > 2) /* (most blocks: their features say so) */
        return 0;
    struct dc_span t = dc_doc_line_text(doc, bl->first);
    size_t i = dc_leading(t.p, t.len, ' ', '\t'), end = t.len;
    while (end > i && (t.p[end - 1] == ' ' || t.p[end - 1] == '\t'))
        end--;
    if (end == i || end - i > 2)
        return 0;
    unsigned n = 0;
    for (; i < end; i++) {
        if (!dc_isdigit((unsigned char)t.p[i]))
            return 0;
        n = n * 10 + (unsigned)(t.p[i] - '0');
    }
    return n;
}

/* Pass 2': numbers alone on their lines that count up from 1, each
 * above a sentence ("1", "Roast the chicken ...", "2", ...), are the
 * list numbers of numbered steps (a recipe's method), as "1." would
 * be: not code, and no context of their own.  A bare number anywhere
 * else (a table's cell, a count, a pager's page) stays code. */
static void
mark_step_numbers(const struct pass *ps)
{
    struct dc_doc *doc = ps->doc;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b < nb; b++) {
        size_t k = b;
        unsigned n = 1;
        while (k + 1 < nb && bare_number(doc, k) == n &&
               step_sentence(&doc->blocks[k + 1].f)) {
            k += 2;
            n++;
        }
        if ((double)(n - 1) >= ps->set->numbered_steps)
            for (size_t j = b; j < k; j += 2) {
                doc->blocks[j].f.ordinal = true;
                doc->blocks[j].f.code = false;
            }
        if (k > b)
            b = k - 1;
    }
}

/* Pass 3: rules.  Frozen blocks keep their flags from before.  Then
 * pass 4: a class from features alone.  The memos made in pass 2
 * become the last call's. */
static void
judge_blocks(struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    struct memo **was = ps->was;
    size_t *will = ps->will;
    size_t b0 = ps->b0, nb = ps->nb;
    enum dc_class *cls = dc_xcalloc(nb + 1, sizeof *cls);
    ps->cls = cls;
    /* Frozen blocks are context by what was decided for them. */
    for (size_t b = 0; b < b0; b++) {
        /* ...but a short block is no one's context, as in the window. */
        cls[b] = doc->blocks[b].cls == DC_CLASS_SHORT ? DC_CLASS_SHORT
                 : doc->blocks[b].decision == DC_KEEP ? DC_CLASS_GOOD
                                                      : DC_CLASS_BAD;
        c->flags[b] = doc->blocks[b].reason.rule ? FLAG_RULE : 0;
    }
    for (size_t b = b0; b < nb; b++) {
        struct dc_block *bl = &doc->blocks[b];
        bool by_text = true; /* the rules' answer: memo it */
        decide(bl, DC_UNDECIDED, NULL, NULL);
        c->flags[b] = 0;
        if (was[b] && was[b]->ruled && was[b]->lang == c->lang) {
            decide(bl, was[b]->decision, was[b]->reason.what,
                   was[b]->reason.rule);
            c->flags[b] = was[b]->flags;
        } else {
            by_text = judge_by_rules(c, doc, b, set);
        }
        if (will[b] != SIZE_MAX) {
            struct memo *m = &c->memo[1].v[will[b]];
            m->ruled = by_text;
            m->lang = c->lang;
            m->decision = bl->decision;
            m->reason = bl->reason;
            m->flags = c->flags[b];
        }
        /* Pass 4: class from features. */
        bl->cls = class_of(&bl->f, set);
        cls[b] = bl->cls;
    }
    dc_free(was);
    struct memos tmp = c->memo[0];
    c->memo[0] = c->memo[1];
    c->memo[1] = tmp;
}

/* Pass 4: a label of capitalised words before a paragraph of prose
 * ("Hinweise:", a speaker's name in an interview, "Fazit:") heads
 * that paragraph.  Its "key:" shape made it code, and code parts
 * the paragraph from the text around it; as a short line it leaves
 * the paragraph to its context.  (A label over a list, "Share:" over
 * buttons, stays code.) */
static void
label_heads_prose(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b + 1 < nb; b++)
        if (cls[b] == DC_CLASS_BAD && prose_label(doc, c->flags, cls, b))
            cls[b] = DC_CLASS_SHORT;
}

/* Pass 4a: numbered steps.  Sentences after list numbers on lines of
 * their own ("1.", "2.", ...: a recipe's method, instructions) are
 * text however few their stopwords: imperatives have few. */
static void
keep_numbered_steps(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b < nb;) {
        size_t e = b, steps = 0;
        while (e + 1 < nb && doc->blocks[e].f.ordinal &&
               numbered_step(&doc->blocks[e + 1].f, c->flags[e + 1])) {
            steps++;
            e += 2;
        }
        if ((double)steps >= set->numbered_steps)
            for (size_t k = b + 1; k < e; k += 2)
                if (cls[k] == DC_CLASS_BAD || cls[k] == DC_CLASS_SHORT) {
                    cls[k] = DC_CLASS_NEAR_GOOD;
                    decide(&doc->blocks[k], DC_UNDECIDED, "numbered step",
                           NULL);
                }
        b = e > b ? e : b + 1;
    }
}

/* Pass 4a': a sentence heavy with names (or a run of them) between
 * two paragraphs of text is text too, and does not break the run of
 * near-good ones (4b) it sits in: the last paragraphs of a wire
 * story, results and who did what, are short and full of names.  So
 * is a wire story's lede above the page's first paragraph: a brief's
 * paragraphs are all short, none good enough for 5a' to find the
 * lede by.  (Below text, such a sentence is the agency's blurb about
 * itself.)  A paragraph that trails off into its list of names with
 * no stop at its end (name_list) is text only between two of the
 * text's paragraphs. */
static void
name_heavy_in_text(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    bool text_above = c->carry.kept_text;
    for (size_t b = b0; b < nb; b++) {
        if (name_heavy(&doc->blocks[b], c->flags[b], cls[b])) {
            /* (a run of them is judged by the text around the run) */
            size_t last = name_heavy_run(doc, c->flags, cls, b, nb);
            enum dc_class before, after, inside;
            beside(c->flags, cls, b, nb, &before, &inside);
            beside(c->flags, cls, last, nb, &inside, &after);
            if (is_text(after) &&
                (is_text(before) ||
                 (!text_above && wire_lede(&doc->blocks[b], set))))
                for (size_t k = b; k <= last; k++)
                    if (!(c->flags[k] & FLAG_RULE))
                        cls[k] = DC_CLASS_NEAR_GOOD;
            b = last;
        } else if (name_list(&doc->blocks[b], c->flags[b], cls[b], set)) {
            enum dc_class before, after;
            beside(c->flags, cls, b, nb, &before, &after);
            if (is_text(before) && is_text(after))
                cls[b] = DC_CLASS_NEAR_GOOD;
        }
        text_above |= !(c->flags[b] & FLAG_RULE) && is_text(cls[b]);
    }
}

/* Pass 4b: consecutive near-good paragraphs are text as surely as one
 * long good one (news wire copy is written in short paragraphs).
 * List numbers between them do not break the run, nor does one link
 * to another story set between two of them as a bullet (which goes). */
static void
promote_near_good_runs(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b < nb;) {
        /* The run ends at its last paragraph: short sentences after it
         * are not part of it, nor of its length. */
        size_t e = b, end = b, count = 0, len = 0, text_len = 0;
        size_t lines = 0; /* of them, those not cut short (verse) */
        /* headline-like fragments in a row: long_list of them are a
         * list (pass 5a), not lines of prose */
        size_t in_row = 0, most_in_row = 0;
        for (; e < nb; e++) {
            const struct dc_features *f = &doc->blocks[e].f;
            bool fragment = prose_fragment(&doc->blocks[e], cls[e], set);
            bool link = inline_link(doc, cls, e, set);
            if (!((c->flags[e] & FLAG_RULE) || f->ordinal ||
                  cls[e] == DC_CLASS_NEAR_GOOD || cls[e] == DC_CLASS_GOOD ||
                  (e > b && short_sentence(f, cls[e])) || fragment ||
                  (e > b && (link || prose_piece(&doc->blocks[e], cls[e],
                                                 set)))))
                break;
            if (link)
                continue;
            if (!(c->flags[e] & FLAG_RULE) && !f->ordinal) {
                len += block_len(f);
                in_row = fragment && f->heading ? in_row + 1 : 0;
                if (in_row > most_in_row)
                    most_in_row = in_row;
                if (cls[e] != DC_CLASS_SHORT || fragment) {
                    count++;
                    lines += !cut_short(doc, e);
                    text_len = len;
                    end = e + 1;
                }
            }
        }
        /* ...and so are many lines of prose in a row, however short:
         * a song's, a poem's (teasers cut short with "..." aside). */
        if ((count >= 2 && (double)text_len >= 2 * set->length_high) ||
            (double)lines >= set->verse_lines) {
            for (size_t k = b; k < end; k++) {
                if (cls[k] == DC_CLASS_NEAR_GOOD ||
                    ((double)most_in_row < set->long_list &&
                     prose_fragment(&doc->blocks[k], cls[k], set)))
                    cls[k] = DC_CLASS_GOOD;
                else if (inline_link(doc, cls, k, set))
                    cls[k] = DC_CLASS_BAD; /* the text goes on past it */
            }
        }
        b = e > b ? e : b + 1;
    }
}

/* The list blocks[b..e) is the text's, said by what stands above it
 * (announced(), data_list()): its short items are marked so; the longer
 * ones (a footnote), and what follows the list, context judges. */
static void
mark_announced(uint32_t *flags, const enum dc_class *cls, size_t b, size_t e)
{
    for (size_t k = b; k < e; k++)
        if (!(flags[k] & FLAG_RULE) && cls[k] == DC_CLASS_SHORT)
            flags[k] |= FLAG_ANNOUNCED;
}

/* Pass 5a: runs of list items (bullets or headline-like lines with
 * few stopwords) are link lists, whatever their length; so is a long
 * run of short headline-like lines, whatever their stopwords: text
 * has no long_list of them in a row, and through a run of short
 * blocks one near-good paragraph would make all of them text (5b). */
static void
find_link_lists(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b < nb;) {
        size_t e = b, l = b;
        size_t long_list = (size_t)set->long_list;
        while (e < nb && list_item(doc, c->flags, cls, e, false, set))
            e++;
        while (l < nb && l - b < long_list &&
               list_item(doc, c->flags, cls, l, true, set))
            l++;
        if (l - b >= long_list) {
            while (l < nb && list_item(doc, c->flags, cls, l, true, set))
                l++;
            e = l;
        }
        bool measures = false;
        size_t text = e; /* where the text after an introduced list starts */
        bool list = (double)(e - b) >= set->list_items;
        if (list && announced(doc, c->flags, cls, b, set)) {
            mark_announced(c->flags, cls, b, e);
        } else if (list && introduced(doc, c->flags, cls, b, &text,
                                      &measures, set)) {
            if (measures) {
                for (size_t k = b; k < e; k++)
                    if (cls[k] == DC_CLASS_SHORT ||
                        cls[k] == DC_CLASS_NEAR_GOOD) {
                        cls[k] = DC_CLASS_GOOD;
                        decide(&doc->blocks[k], DC_UNDECIDED,
                               "list of quantities", NULL);
                    }
            } else {
                /* (the short lines up to the text after it are the
                 * list's: a run among them is no link list of its own) */
                e = text;
            }
        } else if (list && data_list(doc, c->flags, cls, b, e)) {
            mark_announced(c->flags, cls, b, e);
        } else if (list && !sentence_list(doc, b, e, set)) {
            for (size_t k = b; k < e; k++)
                if (c->flags[k] & FLAG_RULE) {
                    /* dropped already; still a gap in the text */
                    c->flags[k] |= FLAG_LINK_LIST;
                } else if (doc->blocks[k].f.bullet ||
                           cls[k] == DC_CLASS_SHORT) {
                    cls[k] = DC_CLASS_BAD;
                    c->flags[k] |= FLAG_LINK_LIST;
                }
        }
        b = e > b ? e : b + 1;
    }
}

/* Pass 5a'': a directory of links with a blurb each ("Horoscopes" /
 * "Check your daily horoscope and more."), or teasers of other
 * stories, each a linked headline and its summary: the markup drops
 * the titles, and without them the blurbs would read as a run of
 * short text. */
static void
drop_blurb_directories(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    /* Entries of one block each count only beside more prose than
     * they hold: a page that is such a directory is its own text. */
    size_t prose_words = 0, titled_words = 0;
    for (size_t b = 0; b < nb; b++) {
        const struct dc_block *bl = &doc->blocks[b];
        if (c->flags[b] & FLAG_RULE)
            continue;
        if (bl->hints.flags & DC_HINT_LINK_TITLE)
            titled_words += bl->f.words;
        else if (bl->cls == DC_CLASS_GOOD || bl->cls == DC_CLASS_NEAR_GOOD)
            prose_words += bl->f.words;
    }
    for (size_t b = b0; b < nb;) {
        size_t end;
        if (blurb_run(doc, c->flags, b, nb, prose_words > titled_words, &end,
                      set) >= set->directory_entries)
            for (size_t k = b; k < end; k++)
                if (!(c->flags[k] & FLAG_RULE)) {
                    cls[k] = DC_CLASS_BAD;
                    c->flags[k] |= FLAG_DIRECTORY;
                }
        b = end > b ? end : b + 1;
    }
}

/* Pass 5a': a sentence heavy with names between two good paragraphs
 * is part of the text; so is a long one right above a good paragraph,
 * the text's first: a wire story opens with its dateline and the names
 * of who did what ("TAIPEI, Taiwan (AP) - ...").  That one needs half
 * the stopwords of near-good text: a caption or a teaser above the
 * text has fewer still. */
static void
name_heavy_beside_good(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b < nb; b++) {
        if (!name_heavy(&doc->blocks[b], c->flags[b], cls[b]))
            continue;
        enum dc_class before, after;
        beside(c->flags, cls, b, nb, &before, &after);
        if (after == DC_CLASS_GOOD &&
            (before == DC_CLASS_GOOD || wire_lede(&doc->blocks[b], set)))
            cls[b] = DC_CLASS_NEAR_GOOD;
    }
}

/* Pass 5b: jusText's context revision, for short blocks (then for
 * near-good ones: revise_near_good). */
static void
revise_short(const struct pass *ps, enum dc_class *rev)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    const enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    bool final = ps->final;
    bool at_start = !c->carry.emitted_any;
    for (size_t b = b0; b < nb; b++) {
        if (cls[b] != DC_CLASS_SHORT || (c->flags[b] & FLAG_RULE))
            continue;
        if (c->flags[b] & FLAG_ANNOUNCED) {
            rev[b] = DC_CLASS_GOOD;
            continue;
        }
        enum ctx p =
            neighbour(doc, c->flags, cls, b, -1, true, at_start, final, set);
        enum ctx n =
            neighbour(doc, c->flags, cls, b, +1, true, at_start, final, set);
        /* What is left at the very end of a page, or before a comment
         * form, is the text's last sentence or the page's footer
         * ("Loading...", "Close window"): only a sentence is next to the
         * edge; anything else has the footer after it. */
        if (n == CTX_EDGE &&
            !short_sentence(&doc->blocks[b].f, DC_CLASS_SHORT))
            n = CTX_BAD;
        /* A sentence right after a paragraph of the text, before the
         * share buttons, is the text's last one. */
        size_t prev = b;
        while (prev > 0 && (c->flags[prev - 1] & FLAG_RULE))
            prev--;
        if (p == CTX_GOOD && prev > 0 &&
            (cls[prev - 1] == DC_CLASS_GOOD ||
             closing(doc, cls, rev, prev - 1, set)) &&
            (double)doc->blocks[b].f.words >= set->closing_words &&
            short_sentence(&doc->blocks[b].f, DC_CLASS_SHORT))
            n = CTX_EDGE;
        bool pg = p == CTX_GOOD || p == CTX_EDGE;
        bool ng = n == CTX_GOOD || n == CTX_EDGE;
        if ((p == CTX_GOOD && ng) || (n == CTX_GOOD && pg))
            rev[b] = DC_CLASS_GOOD;
        /* A sentence right above a paragraph of the text opens it,
         * whatever stands above it (the page's menu, a rule): a
         * question the paragraph answers, a one-line lede. */
        else if (n == CTX_GOOD && b + 1 < nb && cls[b + 1] == DC_CLASS_GOOD &&
                 short_sentence(&doc->blocks[b].f, DC_CLASS_SHORT))
            rev[b] = DC_CLASS_GOOD;
        else if (!pg && !ng)
            rev[b] = DC_CLASS_BAD;
        else if ((p == CTX_BAD &&
                  neighbour(doc, c->flags, cls, b, -1, false, at_start, final,
                            set) == CTX_NEAR) ||
                 (n == CTX_BAD && neighbour(doc, c->flags, cls, b, +1, false,
                                            at_start, final, set) == CTX_NEAR))
            rev[b] = DC_CLASS_GOOD;
        else
            rev[b] = DC_CLASS_BAD;
    }
}

/* Pass 5b, after revise_short: near-good blocks are good unless bad
 * on both sides.  A comment form right after one, with no good text
 * before it in the page, ends the text it closes: a short post's only
 * paragraph has the page's header before it and the thread after it.
 * (After an article, what stands before the form is the form's own
 * prompt.) */
static void
revise_near_good(struct pass *ps, enum dc_class *rev)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    const enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    bool final = ps->final;
    bool at_start = !c->carry.emitted_any;
    size_t first_good = b0;
    while (first_good < nb && cls[first_good] != DC_CLASS_GOOD)
        first_good++;
    bool text_before = c->carry.kept_any;
    /* Short lines next to the page's top count as good above (5b);
     * the text itself starts at the first good paragraph. */
    size_t first_text = b0;
    while (first_text < nb && !(cls[first_text] == DC_CLASS_GOOD &&
                                doc->blocks[first_text].cls != DC_CLASS_SHORT))
        first_text++;
    /* (sentences near_text() keeps after the text: no headline) */
    bool *after_text = dc_xcalloc(nb + 1, sizeof *after_text);
    ps->after_text = after_text;
    for (size_t b = b0; b < nb; b++) {
        if (cls[b] != DC_CLASS_NEAR_GOOD || (c->flags[b] & FLAG_RULE))
            continue;
        enum ctx p =
            neighbour(doc, c->flags, cls, b, -1, true, at_start, final, set);
        enum ctx n =
            neighbour(doc, c->flags, cls, b, +1, true, at_start, final, set);
        bool closes_post = !text_before && b < first_good &&
                           before_terminal(doc, c->flags, b);
        const struct dc_features *f = &doc->blocks[b].f;
        bool opens_text = !text_before && b < first_text && !f->heading &&
                          f->terminal && lede(doc, c->flags, cls, b, nb, set);
        rev[b] = (p != CTX_GOOD && n != CTX_GOOD && !closes_post &&
                  !opens_text &&
                  !near_text(doc, c->flags, cls, b, set, &after_text[b]))
                     ? DC_CLASS_BAD
                     : DC_CLASS_GOOD;
    }
}

/* Pass 5b: jusText's context revision, of short blocks (revise_short)
 * then of near-good ones (revise_near_good); then a list number goes
 * where the item it labels goes. */
static void
revise_by_context(struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb;
    enum dc_class *rev = dc_xcalloc(nb + 1, sizeof *rev);
    memcpy(rev, cls, nb * sizeof *cls);
    revise_short(ps, rev);
    memcpy(cls, rev, nb * sizeof *cls);
    revise_near_good(ps, rev);
    memcpy(cls, rev, nb * sizeof *cls);
    dc_free(rev);
    /* A list number goes where the item it labels goes. */
    for (size_t b = b0; b < nb; b++)
        if (doc->blocks[b].f.ordinal && !(c->flags[b] & FLAG_RULE))
            cls[b] = b + 1 < nb && cls[b + 1] == DC_CLASS_GOOD
                         ? DC_CLASS_GOOD
                         : DC_CLASS_BAD;
}

/* Pass 5c: a heading above good text (the headline above the
 * article, a subheading) stays, across captions, scripts and rule
 * matches, within max_heading_distance other blocks.  (Not above
 * a sentence near_text() keeps below the text: furniture stands
 * there, the share bar that cut it from the text.) */
static void
keep_headings_above_text(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    const bool *after_text = ps->after_text;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b < nb; b++) {
        if (cls[b] != DC_CLASS_GOOD || (c->flags[b] & FLAG_RULE) ||
            doc->blocks[b].cls == DC_CLASS_SHORT || after_text[b])
            continue;
        size_t j = b, seen = 0;
        while (j > 0) {
            j--;
            const struct dc_block *h = &doc->blocks[j];
            /* (a step's list number, "1" or "1.", labels the text) */
            if ((c->flags[j] & (FLAG_RULE | FLAG_KEEP)) || inert(&h->f) ||
                h->f.ordinal)
                continue;
            if (h->f.heading && !h->frozen && h->f.words >= 2 &&
                h->cls != DC_CLASS_BAD &&
                (cls[j] != DC_CLASS_GOOD || h->cls == DC_CLASS_SHORT)) {
                cls[j] = DC_CLASS_GOOD;
                c->flags[j] |= FLAG_HEADING;
                decide(&doc->blocks[j], DC_UNDECIDED, "heading above text",
                       NULL);
                /* A dateline stands between the headline and the
                 * text: the heading right above it is the headline. */
                if (dateline(c, doc, j))
                    headline_above(c, doc, cls, b0, j);
                break;
            }
            if (cls[j] == DC_CLASS_GOOD ||
                ++seen >= (size_t)set->max_heading_distance)
                break;
        }
    }
    dc_free(ps->after_text);
}

/* Pass 6: structure, in document order, carrying state. */
static void
decide_by_structure(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    enum dc_class *cls = ps->cls;
    size_t b0 = ps->b0, nb = ps->nb, final_blocks = ps->final_blocks;
    struct carry st = c->carry;
    /* Where the tail began in this call, and the prose kept above it. */
    size_t tail_from = SIZE_MAX;
    uint32_t prose_above_tail = 0;
    bool in_list = false;
    size_t list_items = 0, list_bullets = 0;
    bool list_teasers = false, prev_heading_item = false;
    for (size_t b = b0; b < nb; b++) {
        struct dc_block *bl = &doc->blocks[b];
        if (b == final_blocks)
            c->carry = st;
        /* (every block, rule matches too, counts to the next stamp) */
        if (st.since_stamp < UINT8_MAX)
            st.since_stamp++;
        if (c->flags[b] & FLAG_KEEP)
            continue;
        if (c->flags[b] & FLAG_TERMINAL) {
            /* A marker ends an article; before any text ("12 comments"
             * in a page header) there is nothing to end.  But sentences
             * of prose before it, none good enough to keep, are a short
             * brief's (pass 7 keeps them), brief_paras of them or more:
             * the thread after the marker is no more the article than it
             * is after a long one.  So are as many near-good sentences
             * that context kept (beside a recipe's list of quantities,
             * in a run of them): kept, they end in a marker too. */
            bool was_in_tail = st.in_tail;
            if (!st.in_tail)
                st.tail_signed = false;
            st.in_tail = st.seen_text ||
                         (double)st.kept_prose >= set->brief_paras ||
                         (!st.kept_text &&
                          (double)st.lone_prose >= set->brief_paras);
            if (st.in_tail && !was_in_tail) {
                tail_from = b;
                prose_above_tail = st.prose_words;
            }
            st.tail_stamps = 0;
            st.since_stamp = UINT8_MAX;
            in_list = false;
            continue;
        }
        if (c->flags[b] & FLAG_LIST_HEAD) {
            in_list = true;
            list_items = list_bullets = 0;
            list_teasers = prev_heading_item = false;
            continue;
        }
        if (c->flags[b] & FLAG_HEADER) {
            /* Drop back to the last good block: a header marker starts
             * the article, but must not reach into a previous one. */
            for (size_t k = b; k-- > b0;) {
                if (cls[k] == DC_CLASS_GOOD &&
                    doc->blocks[k].decision != DC_DROP)
                    break;
                if (!(c->flags[k] & FLAG_KEEP)) {
                    decide(&doc->blocks[k], DC_DROP, "before header marker",
                           NULL);
                    c->flags[k] |= FLAG_STRUCT;
                }
            }
            st.in_tail = false;
            st.text_lang = -1;
            tail_from = SIZE_MAX;
            in_list = false;
            continue;
        }
        if ((c->flags[b] & FLAG_SIGNATURE) && st.in_tail)
            count_signature(&st, set); /* (a rule's: dropped, below) */
        if (c->flags[b] & FLAG_RULE)
            continue;
        if (in_list) {
            /* A list under a "Related" heading: bullets, headlines and
             * one-line teasers, or teasers of a headline and a short
             * summary each.  A list of bullets ends at the first line
             * that is not one; any list ends at prose that is not such
             * a summary. */
            const struct dc_features *f = &bl->f;
            double words = f->words;
            bool prose = words >= set->list_prose_words ||
                         (f->sentences >= 2 && words >= set->list_item_words);
            /* A numbered headline is an item however long (a teaser:
             * its photo's caption, then its headline); a numbered
             * sentence is the text's (a step, a rule). */
            bool number = !f->bullet && !f->terminal &&
                          words <= set->teaser_summary_words &&
                          numbered(doc, b);
            bool bullet = f->bullet || number;
            /* A bullet cut short is an excerpt, however long: of
             * another story, of a comment ("Ann on Title: ..."). */
            bool excerpt = f->bullet && cut_short(doc, b);
            bool item;
            if (list_items > 0 && list_bullets == list_items)
                item = bullet;
            else if (!prose || number || excerpt)
                item = bullet || f->heading || words <= set->list_item_words;
            else
                item = prev_heading_item &&
                       words <= set->teaser_summary_words &&
                       (list_teasers || teaser_follows(doc, c->flags, b, set));
            if (item) {
                decide(bl, DC_DROP, "list under a heading", NULL);
                c->flags[b] |= FLAG_STRUCT;
                list_items++;
                list_bullets += bullet;
                list_teasers |= prose;
                /* (an ad slot's script is no teaser's headline) */
                if (!script(f))
                    prev_heading_item = f->heading;
                continue;
            }
            in_list = false;
            /* A list that ends at an article: the headline above it
             * (pass 5c found it) was taken for the list's last item. */
            if (cls[b] == DC_CLASS_GOOD &&
                (double)run_words(doc, c->flags, cls, b, nb, NULL, NULL) >=
                    set->tail_resume_words)
                restore_headline(doc, c->flags, cls, b0, b);
        }
        if (st.in_tail) {
            /* Text resumes, but not in a thread of signed comments. */
            if (time_stamped(c, doc, b))
                count_signature(&st, set);
            bool thread = st.tail_stamps >= 2 &&
                          (double)st.since_stamp <= set->stamp_span;
            /* One paragraph under a headline is a teaser's summary,
             * however long: the text goes on in two or more. */
            size_t paras;
            if (cls[b] == DC_CLASS_GOOD && !thread &&
                (other_language(bl, st.text_lang, set) ||
                 ((double)section_words(c, doc, cls, b, nb, &paras, set) >=
                      set->tail_resume_words &&
                  paras >= 2 &&
                  !signed_below(c, doc, cls, b, nb, !st.tail_signed)))) {
                st.in_tail = false;
                st.text_lang = -1; /* (whose is b's, below) */
                c->flags[b] |= FLAG_RESUMED;
                /* The text's headline and lede came before the run;
                 * the headline tops them.  (Above it, in a comment
                 * thread, lies the comment before.) */
                for (size_t j = b; j-- > b0;) {
                    struct dc_block *p = &doc->blocks[j];
                    if ((c->flags[j] & FLAG_RULE) || inert(&p->f))
                        continue;
                    if (cls[j] != DC_CLASS_GOOD || !(c->flags[j] & FLAG_STRUCT))
                        break;
                    c->flags[j] &= (uint32_t)~(FLAG_STRUCT | FLAG_TAIL);
                    decide(p, DC_KEEP, "text resumed after terminal marker",
                           NULL);
                    if (p->f.heading)
                        break;
                }
                if (tail_from != SIZE_MAX &&
                    (double)prose_above_tail < set->standfirst_words)
                    take_back_tail(c, doc, cls, tail_from, b, set);
                tail_from = SIZE_MAX;
            } else {
                decide(bl, DC_DROP, "after terminal marker", NULL);
                c->flags[b] |= FLAG_STRUCT | FLAG_TAIL;
                continue;
            }
        }
        if (cls[b] == DC_CLASS_GOOD) {
            keep_lead_in(c, doc, b0, b);
            st.seen_text |= bl->cls == DC_CLASS_GOOD;
            if (bl->cls == DC_CLASS_NEAR_GOOD && bl->f.terminal &&
                st.kept_prose < UINT8_MAX)
                st.kept_prose++;
            if (st.text_lang < 0 && says_language(bl, set))
                st.text_lang = bl->f.lang;
            st.kept_text = true;
            if (!bl->f.heading && st.prose_words < UINT32_MAX - bl->f.words)
                st.prose_words += bl->f.words;
            if (!bl->reason.what)
                decide(bl, DC_KEEP,
                       bl->cls == DC_CLASS_GOOD        ? "good text"
                       : bl->cls == DC_CLASS_NEAR_GOOD ? "near good text"
                       : bl->cls == DC_CLASS_BAD       ? "sentence in text"
                                                       : "short, in text",
                       NULL);
            else
                bl->decision = DC_KEEP;
        } else {
            if (!st.kept_text && bl->cls == DC_CLASS_NEAR_GOOD &&
                bl->f.terminal && st.lone_prose < UINT8_MAX)
                st.lone_prose++;
            decide(bl, DC_DROP,
                   bl->f.code      ? "code"
                   : bl->f.picture ? "picture or button"
                   : bl->cls == DC_CLASS_BAD && menu_line(&bl->f, set)
                       ? "bad: a menu"
                   : (c->flags[b] & FLAG_LINK_LIST) ? "item of a link list"
                   : bl->cls == DC_CLASS_BAD ? "bad: few stopwords"
                   : bl->cls == DC_CLASS_NEAR_GOOD
                       ? "near good, no good text near"
                       : "short, no text near",
                   NULL);
        }
    }
    if (final_blocks >= nb)
        c->carry = st;
}

/* Was block b dropped by pass 6 for its context alone ("short, no text
 * near", "near good, no good text near", "bad: few stopwords"), not as
 * a rule's, a list's, a tail's, code, a picture or a menu? */
static bool
context_drop(const struct dc_doc *doc, const uint32_t *flags, size_t b,
             const struct dc_settings *set)
{
    const struct dc_block *bl = &doc->blocks[b];
    return bl->decision == DC_DROP && !bl->hints.serial &&
           !(flags[b] & (FLAG_RULE | FLAG_STRUCT | FLAG_LINK_LIST |
                         FLAG_DIRECTORY | FLAG_KEEP)) &&
           !inert(&bl->f) && !menu_line(&bl->f, set);
}

/*
 * Pass 6a': a sentence right above or below a block kept as text, with
 * text kept both before and after it in the page, is the text's: a
 * line of a table or a reference list, a sentence heavy with names, a
 * short remark between paragraphs.  Its features or its other
 * neighbour made it look alone; the kept block beside it says it is
 * not.  Marked here, among what pass 6 dropped for its context; kept
 * after pass 6b (keep_sentences_beside_text), beside what is kept
 * then: a teaser's summary beside a grid of teasers stays out.  A text
 * dump's only: in HTML, the element that holds the text says (6c).
 */
static void
find_sentences_beside_text(struct pass *ps)
{
    struct dc_doc *doc = ps->doc;
    size_t b0 = ps->b0, nb = ps->nb;
    ps->beside = dc_xcalloc(nb + 1, sizeof *ps->beside);
    for (size_t b = b0; b < nb; b++)
        ps->beside[b] = doc->blocks[b].f.terminal &&
                        context_drop(doc, ps->c->flags, b, ps->set);
}

/* ...and kept, with the sentences so marked in a row with it, when a
 * block kept by the passes before lies right above or below that row,
 * and text both before and after it.  (A row so marked ends at blocks
 * this pass leaves as they were: one kept here makes no other text.) */
static void
keep_sentences_beside_text(const struct pass *ps)
{
    struct dc_doc *doc = ps->doc;
    const bool *beside = ps->beside;
    size_t b0 = ps->b0, nb = ps->nb;
    size_t last_kept = nb;
    while (last_kept > b0 && doc->blocks[last_kept - 1].decision != DC_KEEP)
        last_kept--;
    /* (what was kept in frozen blocks, carry.kept_any says) */
    bool above = ps->c->carry.kept_any;
    for (size_t b = b0; b + 1 < last_kept; b++) {
        if (!beside[b]) {
            above |= doc->blocks[b].decision == DC_KEEP;
            continue;
        }
        size_t e = b;
        while (beside[e])
            e++;
        if (above && e < last_kept &&
            ((b > 0 && doc->blocks[b - 1].decision == DC_KEEP) ||
             doc->blocks[e].decision == DC_KEEP))
            for (size_t k = b; k < e; k++)
                decide(&doc->blocks[k], DC_KEEP, "sentence beside the text",
                       NULL);
        b = e - 1;
    }
    dc_free(ps->beside);
}

/* Pass 6b'': the paragraph that opens the article text of the page's
 * structured data ("articleBody", body_printed()) is the article's,
 * whatever its context made of it: a standfirst that a byline, a photo
 * or a table of contents parts from the body, a first paragraph taken
 * for an item of the list above it.  A paragraph: not the page's
 * title, which may start with the same words (a body that opens with
 * its headline); nor one a rule dropped, nor one after a terminal
 * marker. */
static void
keep_body_opening(const struct pass *ps)
{
    const struct dc_doc *doc = ps->doc;
    if (ps->body_opening >= doc->nlines)
        return;
    size_t b = doc->lines[ps->body_opening].block;
    if (b == DC_NONE || b < ps->b0 || b >= ps->nb)
        return;
    struct dc_block *bl = &doc->blocks[b];
    if (bl->decision == DC_DROP &&
        !(ps->c->flags[b] & (FLAG_RULE | FLAG_TAIL)) && !inert(&bl->f) &&
        bl->f.terminal && !bl->f.heading && bl->f.stopwords > 0)
        decide(bl, DC_KEEP, "opens the structured data's article", NULL);
}

/* After an article, whose paragraphs follow one another, is region r
 * a grid of teasers: short paragraphs each alone under its headline,
 * however many words they add up to?  (A digest of stories has longer
 * ones, and no article above; letters from readers are signed under
 * them, not titled.)  One headline that is a question, no heading by
 * its stop, leaves two summaries in a row; a wire story's paragraphs,
 * all short, are an article's run all the same.  run_before: the most
 * paragraphs in a row of the text above it. */
static bool
teaser_grid(const struct region *r, size_t run_before,
            const struct dc_settings *set)
{
    return (double)r->paras >= set->teaser_grid && r->run <= 2 &&
           (double)r->longest <= set->teaser_words &&
           3 * r->titled >= 2 * r->paras &&
           (double)run_before >= set->teaser_grid;
}

/* Pass 6b, in the region of kept blocks [b, end): what follows a list
 * heading ("Related", "Mehr zum Thema") there, up to the next one, is
 * a grid of teasers (teaser_grid(), none of its paragraphs longer than
 * a teaser's summary) when the text above the heading, in the same
 * region, has its run of paragraphs.  Nothing parted the teasers from
 * the article: the list under the heading ended at the first summary,
 * too long for an item, and the furniture between the text and the
 * heading (a share bar, tags) was too little to end a region.  (The
 * sections of a listicle that goes on after a "Related" box set into
 * it are longer than a summary.) */
static void
drop_listed_teasers(struct dc_classifier *c, struct dc_doc *doc, size_t b,
                    size_t end, size_t b0, const struct dc_settings *set)
{
    size_t run_before = 0;
    for (size_t k = b; k < end;) {
        struct region part = region_from(doc, c->flags, k, set, true);
        size_t next = part.end;
        while (next < end && !(c->flags[next] & FLAG_LIST_HEAD))
            next++;
        if (next >= end)
            return;
        /* the first kept block under the heading */
        size_t first = next + 1;
        while (first < end && doc->blocks[first].decision != DC_KEEP)
            first++;
        if (first >= end)
            return;
        if (part.run > run_before && doc->blocks[k].decision == DC_KEEP)
            run_before = part.run;
        struct region grid = region_from(doc, c->flags, first, set, true);
        if (teaser_grid(&grid, run_before, set) &&
            (double)grid.longest <= set->teaser_summary_words &&
            !grid.keep_rule && !grid.frozen) {
            for (size_t j = first; j < grid.end; j++)
                if (doc->blocks[j].decision == DC_KEEP && j >= b0)
                    decide(&doc->blocks[j], DC_DROP,
                           "teasers under a list heading", NULL);
        }
        k = first;
    }
}

/* Pass 6b: article regions.  Kept blocks separated by at most
 * region_gap dropped blocks form a region; a region that is small
 * both absolutely and next to the biggest one is a teaser. */
static void
drop_teaser_regions(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    size_t b0 = ps->b0, nb = ps->nb;
    bool final = ps->final;
    size_t max_words = 0, run_before = 0;
    for (size_t b = 0; b < nb;) {
        struct region r = region_at(doc, c->flags, b, set);
        if (r.words > max_words)
            max_words = r.words;
        b = r.end;
    }
    bool kept_before = c->carry.kept_any;
    for (size_t b = 0; b < nb;) {
        /* The article above a grid of teasers is the same page's: a
         * header marker starts another, and so does text that resumed
         * after a terminal marker, which pass 6 found to be an
         * article's (in a stream of pages, the next page's). */
        if (c->flags[b] & FLAG_HEADER)
            run_before = 0;
        struct region r = region_at(doc, c->flags, b, set);
        for (size_t k = b; k < r.end; k++)
            if (c->flags[k] & FLAG_RESUMED)
                run_before = 0;
        bool small = (double)r.words < set->region_min_words &&
                     (double)r.words <
                         set->region_min_share * (double)max_words;
        bool kept = doc->blocks[b].decision == DC_KEEP;
        if (small && kept && !kept_before &&
            opens_article(doc, c->flags, b, r.end, max_words, set))
            small = false;
        kept_before |= kept;
        /* After an article, a grid of teasers goes, however many
         * words it adds up to (teaser_grid()); so does one under a
         * list heading inside a region (drop_listed_teasers()). */
        bool teasers = teaser_grid(&r, run_before, set);
        if (r.run > run_before)
            run_before = r.run;
        if ((small || teasers) && !r.keep_rule && !r.frozen &&
            (final || r.end < nb)) {
            for (size_t k = b; k < r.end; k++)
                if (doc->blocks[k].decision == DC_KEEP && k >= b0)
                    decide(&doc->blocks[k], DC_DROP,
                           small ? "teaser, far from text"
                                 : "teasers, one paragraph a headline",
                           NULL);
        } else if (kept && (final || r.end < nb)) {
            drop_listed_teasers(c, doc, b, r.end, b0, set);
        }
        b = r.end;
    }
}

/* A headline kept for its length: a heading long enough to read as a
 * sentence (near-good or good by its features), with no stop at its
 * end nor inside it. */
static bool
long_headline(const struct dc_block *bl)
{
    return bl->decision == DC_KEEP && bl->f.heading && !bl->f.sentences &&
           (bl->cls == DC_CLASS_GOOD || bl->cls == DC_CLASS_NEAR_GOOD);
}

/* Pass 6b': headlines with no text under them, after the article.
 * After the page's last paragraph of more than section_words words, two
 * or more long headlines in a row with nothing kept between, or one
 * that ends what the page keeps, are other stories' titles, each a link
 * to its page: a subheading of the text has its paragraph under it.
 * None of the run's blocks, nor the block after it, may open in lower
 * case: a paragraph a renderer broke line by line is a run of such
 * lines too.  The page must be seen to its end; each block is looked
 * at once or twice. */
static void
drop_headline_runs(const struct pass *ps)
{
    struct dc_doc *doc = ps->doc;
    size_t nb = ps->nb;
    if (!ps->final)
        return;
    size_t b = nb;
    while (b > 0) {
        const struct dc_block *bl = &doc->blocks[b - 1];
        if (bl->decision == DC_KEEP && !bl->f.heading &&
            (double)bl->f.words > ps->set->section_words)
            break;
        b--;
    }
    if (b == 0)
        return;
    while (b < nb) {
        if (!long_headline(&doc->blocks[b])) {
            b++;
            continue;
        }
        size_t n = 1, end = b + 1, k = b + 1;
        for (; k < nb; k++) {
            const struct dc_block *bl = &doc->blocks[k];
            if (bl->decision != DC_KEEP)
                continue;
            if (!long_headline(bl))
                break;
            n++;
            end = k + 1;
        }
        bool lower = false;
        for (size_t j = b; j <= end && j < nb && !lower; j++)
            lower = opens_lower(doc, j);
        if ((n >= 2 || k == nb) && !lower)
            for (size_t j = b; j < end; j++) {
                struct dc_block *bl = &doc->blocks[j];
                if (j >= ps->b0 && !bl->frozen && bl->decision == DC_KEEP &&
                    !(ps->c->flags[j] & FLAG_KEEP))
                    decide(bl, DC_DROP, "headlines with no text under them",
                           NULL);
            }
        b = k;
    }
}

/* Pass 6d, after drop_repeats(): the fingerprints of the blocks
 * remembered in pass 2 (whose memos are memo[0] now). */
static void
save_fingerprints(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    size_t *will = ps->will;
    size_t b0 = ps->b0, nb = ps->nb;
    for (size_t b = b0; b < nb; b++)
        if (will[b] != SIZE_MAX)
            c->memo[0].v[will[b]].fp = c->fps[b];
    dc_free(will);
}

/* Pass 7: a document with nothing bad in it loses nothing; one where
 * nothing was kept keeps its prose rather than print nothing.  The
 * second counts the whole document: a short article after a long
 * link list that earlier windows dropped is still its only text.  A
 * window that is not the last keeps prose only where it freezes, and
 * only if its lookahead holds no text either; the windows after one
 * that did go on doing so, until text is found (a page of prose too
 * long for one window is not cut off where a window ended). */
static void
keep_fallback(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    const struct dc_settings *set = ps->set;
    size_t b0 = ps->b0, nb = ps->nb, final_blocks = ps->final_blocks;
    bool final = ps->final;
    if (c->carry.kept_any && !c->carry.rescued)
        return;
    bool whole = final && !c->carry.emitted_any;
    bool any_kept = false, any_bad = !whole;
    for (size_t b = 0; b < nb; b++) {
        /* (the frozen blocks kept are pass 7's of earlier windows) */
        any_kept |= b >= b0 && doc->blocks[b].decision == DC_KEEP;
        any_bad |= (c->flags[b] & FLAG_LINK_LIST) ||
                   (!(c->flags[b] & FLAG_RULE) &&
                    doc->blocks[b].cls == DC_CLASS_BAD);
    }
    bool rescued = false;
    /* HTML without prose (a photo gallery's notes, a data sheet):
     * what the page's <article> or <main> holds, but what rules,
     * markup and lists took out, is its text, rather than the odd
     * sentence found anywhere on the page.  (Prose the markup
     * dropped is text more surely: see below.) */
    bool dropped_prose = false;
    for (size_t b = b0; b < final_blocks; b++)
        dropped_prose |= markup_prose(c->flags[b], &doc->blocks[b], set);
    for (size_t b = b0; !any_kept && any_bad && !dropped_prose &&
                        b < final_blocks;
         b++) {
        struct dc_block *bl = &doc->blocks[b];
        if ((bl->hints.flags & DC_HINT_ARTICLE) &&
            !(c->flags[b] & (FLAG_RULE | FLAG_STRUCT)) && !bl->f.code &&
            bl->hints.link_density < 0.5f) {
            decide(bl, DC_KEEP, "fallback: what the article element holds",
                   NULL);
            rescued = true;
        }
    }
    bool in_article = rescued;
    for (size_t b = b0; !any_kept && !in_article && b < final_blocks;
         b++) {
        struct dc_block *bl = &doc->blocks[b];
        if (c->flags[b] & (FLAG_RULE | FLAG_STRUCT))
            continue;
        if (!any_bad) {
            decide(bl, DC_KEEP, "no boilerplate found", NULL);
            rescued = true;
        } else if (bl->cls != DC_CLASS_BAD && !bl->f.code &&
                   bl->f.stopwords > 0 && bl->f.terminal) {
            decide(bl, DC_KEEP, "fallback: prose in a page without text",
                   NULL);
            keep_headline(c, doc, b);
            rescued = true;
        }
    }
    /* HTML whose class words dropped everything (a blog post in a
     * "widget", an article under a "sidebar"): its good prose is
     * the article, rather than nothing. */
    for (size_t b = b0; b < final_blocks && !any_kept && !rescued; b++) {
        struct dc_block *bl = &doc->blocks[b];
        if (markup_prose(c->flags[b], bl, set))
            decide(bl, DC_KEEP, "fallback: prose the markup dropped",
                   NULL);
    }
    bool kept_now = false;
    for (size_t b = b0; b < final_blocks && !any_kept; b++)
        kept_now |= doc->blocks[b].decision == DC_KEEP;
    c->carry.rescued = !any_kept && (c->carry.rescued || kept_now);
}

/* The blocks made final are frozen; what was kept and emitted in
 * them is carried to the next call. */
static void
freeze_window(const struct pass *ps)
{
    struct dc_classifier *c = ps->c;
    struct dc_doc *doc = ps->doc;
    for (size_t b = 0; b < ps->final_blocks; b++) {
        doc->blocks[b].frozen = true;
        if (doc->blocks[b].decision == DC_KEEP)
            c->carry.kept_any = true;
    }
    if (ps->final_lines > 0)
        c->carry.emitted_any = true;
}

size_t
dc_classify(struct dc_classifier *c, struct dc_doc *doc, size_t horizon,
            bool final)
{
    struct pass ps = {.c = c,
                      .doc = doc,
                      .nb = doc->nblocks,
                      .final = final,
                      .body_opening = SIZE_MAX};
    start_window(&ps, horizon);
    strip_lines(c, doc,
                ps.b0 < ps.nb ? doc->blocks[ps.b0].first : doc->nlines);
    ensure_scratch(c, ps.nb, DC_LANG_MAX);
    measure_blocks(&ps);
    mark_step_numbers(&ps);
    judge_blocks(&ps);

    label_heads_prose(&ps);
    keep_numbered_steps(&ps);
    name_heavy_in_text(&ps);
    promote_near_good_runs(&ps);
    find_link_lists(&ps);
    drop_blurb_directories(&ps);
    name_heavy_beside_good(&ps);
    revise_by_context(&ps);
    keep_headings_above_text(&ps);

    decide_by_structure(&ps);
    find_sentences_beside_text(&ps);
    drop_teaser_regions(&ps);
    drop_headline_runs(&ps);
    keep_sentences_beside_text(&ps);
    keep_body_opening(&ps);

    /* Pass 6c: HTML: the element that holds most of the article's text
     * holds the rest of it, and little else (hints.h); but not what
     * follows a terminal marker in it (comments under the story). */
    dc_hints_container(doc, ps.b0, c->flags,
                       FLAG_RULE | FLAG_KEEP | FLAG_DIRECTORY, FLAG_TAIL,
                       FLAG_TERMINAL, FLAG_LIST_HEAD);

    /* Pass 6d: a paragraph kept once is not kept again, unless it is
     * the text printed again (drop_repeats). */
    drop_repeats(c, doc, ps.b0, ps.final_blocks, ps.set);
    save_fingerprints(&ps);

    /* Pass 6e: an author box after the article, or above it with a
     * list between (drop_author_boxes, drop_bio_boxes). */
    if (final) {
        drop_author_boxes(c, doc, ps.b0, ps.set);
        drop_bio_boxes(c, doc, ps.b0, ps.set);
    }

    keep_fallback(&ps);
    dc_free(ps.cls);

    /* Pass 7b: a page of lists, seen whole, keeps its lists. */
    if (final && !c->carry.emitted_any)
        keep_list_page(c, doc, ps.b0, ps.set);
    drop_furniture(c, doc, ps.b0);

    freeze_window(&ps);
    if (final)
        dc_classifier_reset(c);
    return ps.final_lines;
}
