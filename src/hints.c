/*
 * hints.c - markup hints into features and decisions; see hints.h.
 */
#include "config.h"
#include "hints.h"

#include "rules.h"

#include <string.h>

static const char *const element_names[] = {
    "", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td",
    "th", "pre", "blockquote", "figcaption", "caption", "address", "div",
    "other"};

static const char *const kind_names[DC_KIND_COUNT] = {
    "comment", "related", "share", "sidebar", "footer", "nav", "promo",
    "newsletter", "cookie", "caption", "byline", "meta", "content"};

static bool
is_heading(uint8_t el)
{
    return el >= DC_EL_H1 && el <= DC_EL_H6;
}

void
dc_hints_features(const struct dc_block *b, struct dc_features *f)
{
    const struct dc_hints *h = &b->hints;
    if (!h->serial)
        return;
    if (is_heading(h->element) && !f->terminal && f->words <= 25)
        f->heading = true;
    if (h->element == DC_EL_LI || h->element == DC_EL_DT)
        f->bullet = true;
    if (h->element == DC_EL_PRE)
        f->heading = false;
}

/* Boilerplate kinds whose words on an ancestor drop a block. */
#define DROP_KINDS                                                          \
    (DC_KIND_COMMENT | DC_KIND_RELATED | DC_KIND_SHARE | DC_KIND_SIDEBAR |  \
     DC_KIND_FOOTER | DC_KIND_NAV | DC_KIND_PROMO | DC_KIND_NEWSLETTER |    \
     DC_KIND_COOKIE)

static const char *
kind_reason(uint16_t kinds)
{
    static const char *const why[DC_KIND_COUNT] = {
        "markup: comments", "markup: related", "markup: share",
        "markup: sidebar", "markup: footer", "markup: navigation",
        "markup: promotion", "markup: newsletter", "markup: cookies",
        "markup: caption", "markup: byline", "markup: metadata",
        "markup: content"};
    /* The most specific kind names the reason ("cookie-banner" is a
     * cookie notice more than an advert). */
    static const int order[] = {8, 7, 0, 1, 2, 9, 10, 11, 3, 5, 4, 6, 12};
    for (size_t i = 0; i < sizeof order / sizeof *order; i++)
        if (kinds & (1u << order[i]))
            return why[order[i]];
    return "markup";
}

static const char hidden_reason[] = "hidden in the markup";

enum dc_decision
dc_hints_judge(const struct dc_rules *r, int lang, const struct dc_doc *doc,
               const struct dc_block *b, struct dc_reason *why)
{
    const struct dc_hints *h = &b->hints;
    const struct dc_features *f = &b->f;
    why->what = NULL;
    why->rule = NULL;
    if (!h->serial)
        return DC_UNDECIDED;

    struct dc_span path = dc_doc_block_path(doc, b);
    const struct dc_rule *rule;
    if (path.len && (rule = dc_rules_match(r, DC_ACTION_KEEP_MARKUP, lang,
                                           path.p, path.len))) {
        why->what = "keep-markup rule";
        why->rule = rule;
        return DC_KEEP;
    }
    if (path.len && (rule = dc_rules_match(r, DC_ACTION_DROP_MARKUP, lang,
                                           path.p, path.len))) {
        why->what = "drop-markup rule";
        why->rule = rule;
        return DC_DROP;
    }
    /* Hidden: a menu, a dialog, a template; but see hidden_prose(). */
    if (h->flags & DC_HINT_HIDDEN) {
        why->what = hidden_reason;
        return DC_DROP;
    }
    /* The page's own structured copy of its article: strong evidence,
     * though only for a block long enough not to match by chance. */
    if ((h->flags & DC_HINT_JSONLD) && !f->code) {
        why->what = "in the JSON-LD articleBody";
        return DC_KEEP;
    }
    uint16_t bad = h->kinds & DROP_KINDS;
    if (h->flags & DC_HINT_NAV)
        bad |= DC_KIND_NAV;
    if (h->flags & DC_HINT_FOOTER)
        bad |= DC_KIND_FOOTER;
    if (h->flags & DC_HINT_ASIDE)
        bad |= DC_KIND_SIDEBAR;
    if (bad) {
        why->what = kind_reason(bad);
        return DC_DROP;
    }
    if (h->element == DC_EL_FIGCAPTION || h->element == DC_EL_CAPTION ||
        (h->kinds & DC_KIND_CAPTION)) {
        why->what = "markup: caption";
        return DC_DROP;
    }
    if ((h->kinds & (DC_KIND_BYLINE | DC_KIND_META)) && f->words < 20) {
        why->what = kind_reason(h->kinds & (DC_KIND_BYLINE | DC_KIND_META));
        return DC_DROP;
    }
    /* Mostly link text: a menu, a list of stories, a tag cloud.  Prose
     * with a few links in it stays. */
    /* (But a blog's <h1> links to its own post: the headline.) */
    /* (A sentence whose words are mostly links is still a sentence: a
     * paragraph that links what it names stays in the text, unless it
     * is almost all link.) */
    bool sentence = f->terminal && f->words >= 10 && !f->heading &&
                    f->stopwords * 10 >= f->words * 3;
    if (h->link_density >= 0.5f && h->element != DC_EL_H1 &&
        (f->words < 40 || h->link_density >= 0.8f) &&
        (!sentence || h->link_density >= 0.8f)) {
        why->what = "markup: links";
        return DC_DROP;
    }
    return DC_UNDECIDED;
}

/*
 * A "read more" expander or a tab hides the article's own paragraphs
 * until a click.  Hidden text never shapes the decisions (a dialog's
 * or a popup's prose can outweigh the article); but long prose that
 * markup dropped only for being hidden, and that lies in or beside the
 * article's element, is the rest of the article.  A hidden copy of
 * what is shown goes later as a repeat.
 */
#define HIDDEN_PROSE_WORDS 40

static bool
hidden_prose(const struct dc_block *b)
{
    const struct dc_hints *h = &b->hints;
    const struct dc_features *f = &b->f;
    return b->reason.what == hidden_reason && !(h->kinds & DROP_KINDS) &&
           !(h->flags & (DC_HINT_NAV | DC_HINT_FOOTER | DC_HINT_ASIDE)) &&
           h->link_density < 0.5f && f->words >= HIDDEN_PROSE_WORDS &&
           f->terminal && !f->code && f->stopwords * 10 >= f->words * 3;
}

/* Is b in the element numbered id at step k of the paths: under it, or
 * its own text (a paragraph written straight into the article's <div>,
 * between its <p>s)? */
static bool
in_elem(const struct dc_doc *doc, const struct dc_block *b, size_t k,
        uint32_t id)
{
    size_t n;
    const uint32_t *e = dc_doc_block_elems(doc, b, &n);
    return n > k && e[k] == id;
}

/* Is step k of b's path the element named tag? */
static bool
step_is(const struct dc_doc *doc, const struct dc_block *b, size_t k,
        const char *tag)
{
    struct dc_span p = dc_doc_block_path(doc, b);
    size_t i = 0, n = strlen(tag);
    for (size_t s = 0; s < k && i < p.len; i++)
        if (p.p[i] == '>')
            s++;
    return i + n <= p.len && memcmp(p.p + i, tag, n) == 0 &&
           (i + n == p.len || p.p[i + n] == '>' || p.p[i + n] == '.' ||
            p.p[i + n] == '#');
}

/* Is b under an <li> (its path has an "li" step)? */
static bool
in_list_item(const struct dc_doc *doc, const struct dc_block *b)
{
    struct dc_span p = dc_doc_block_path(doc, b);
    for (size_t i = 0; i + 3 < p.len; i++)
        if (p.p[i] == '>' && p.p[i + 1] == 'l' && p.p[i + 2] == 'i' &&
            (p.p[i + 3] == '>' || p.p[i + 3] == '.' || p.p[i + 3] == '#'))
            return true;
    return false;
}

/*
 * Text that reads as prose on its own (features, not context), kept (or,
 * when nothing is, not dropped by a rule), and not in a list item (nor
 * a <p> in one): a list of teasers can outweigh the article, an article
 * is seldom a list.
 */
static bool
prose(const struct dc_doc *doc, const struct dc_block *b, bool any)
{
    return b->hints.serial && (any || b->decision == DC_KEEP) &&
           !in_list_item(doc, b) &&
           (b->cls == DC_CLASS_GOOD || b->cls == DC_CLASS_NEAR_GOOD) &&
           b->hints.element != DC_EL_LI && b->hints.element != DC_EL_DD &&
           b->hints.element != DC_EL_DT;
}

/* Is b a heading by its markup, an <h1>-<h6>? */
static bool
heading(const struct dc_block *b)
{
    return b->hints.element >= DC_EL_H1 && b->hints.element <= DC_EL_H6;
}

/* Do blocks [from, to) hold a block kept by context? */
static bool
kept_between(const struct dc_doc *doc, const uint32_t *flags, uint32_t fixed,
             size_t from, size_t to)
{
    for (size_t b = from; b < to; b++)
        if (doc->blocks[b].decision == DC_KEEP && !(flags[b] & fixed))
            return true;
    return false;
}

/*
 * A terminal marker ("Have your say") that a part of the element shares
 * with the text after it, but not with the article's text before it,
 * heads the comments below the article: that part, from the marker on,
 * is not the article, however much prose it holds (the text path lets
 * a long run of prose after a marker resume the article; the markup
 * tells the two apart).  Sets *cut to the marker and *part to the
 * number of that part, the element's child at step + 1.
 */
static void
comments_below(const struct dc_doc *doc, const uint32_t *flags,
               uint32_t fixed, uint32_t marker, size_t step, uint32_t id,
               size_t *cut, uint32_t *part)
{
    size_t nb = doc->nblocks;
    bool before = false;
    for (size_t m = 0; m < nb; m++) {
        const struct dc_block *mk = &doc->blocks[m];
        size_t n;
        const uint32_t *e = dc_doc_block_elems(doc, mk, &n);
        if (!before || !(flags[m] & marker) || n <= step + 1 ||
            e[step] != id) {
            before |= mk->decision == DC_KEEP && !(flags[m] & fixed) &&
                      in_elem(doc, mk, step, id) &&
                      (mk->cls == DC_CLASS_GOOD ||
                       mk->cls == DC_CLASS_NEAR_GOOD);
            continue;
        }
        /* An element's blocks are consecutive: the part is [lo, hi). */
        uint32_t x = e[step + 1];
        size_t lo = m, hi = m + 1;
        while (lo > 0 && in_elem(doc, &doc->blocks[lo - 1], step + 1, x))
            lo--;
        while (hi < nb && in_elem(doc, &doc->blocks[hi], step + 1, x))
            hi++;
        if (!kept_between(doc, flags, fixed, lo, m) &&
            kept_between(doc, flags, fixed, m + 1, hi)) {
            *cut = m;
            *part = x;
            return;
        }
        /* A later marker in the part has text before it in the part
         * too, or none after: go on past the part. */
        m = hi - 1;
    }
}

/* Is b a headline by its markup that is all but wholly a link (the
 * title of a teaser)? */
static bool
linked_headline(const struct dc_block *b)
{
    return heading(b) && b->hints.link_density >= 0.8f;
}

void
dc_hints_container(struct dc_doc *doc, size_t b0, const uint32_t *flags,
                   uint32_t fixed, uint32_t held, uint32_t marker,
                   uint32_t list_head)
{
    size_t nb = doc->nblocks, total = 0, best = DC_NONE;
    bool any = false;
    for (int pass = 0; pass < 2 && best == DC_NONE; pass++) {
        any = pass == 1;
        for (size_t b = 0; b < nb; b++) {
            const struct dc_block *bl = &doc->blocks[b];
            if (!prose(doc, bl, any) || (flags[b] & fixed))
                continue;
            total += bl->f.words;
            if (best == DC_NONE || bl->f.words > doc->blocks[best].f.words)
                best = b;
        }
    }
    if (best == DC_NONE)
        return;
    /* Walk out from the biggest block of prose until the element holds
     * four fifths of the prose's words.  Elements are told apart by
     * number, not path: the paragraphs of a teaser list and the
     * article's often have the same path. */
    size_t depth;
    const uint32_t *bp = dc_doc_block_elems(doc, &doc->blocks[best], &depth);
    if (depth == 0)
        return;
    size_t step = depth - 1; /* bp[step]: the element tried */
    for (;;) {
        if (step == 0)
            return;
        step--;
        size_t words = 0;
        for (size_t b = 0; b < nb; b++) {
            const struct dc_block *bl = &doc->blocks[b];
            if (prose(doc, bl, any) && !(flags[b] & fixed) &&
                in_elem(doc, bl, step, bp[step]))
                words += bl->f.words;
        }
        /* A <p> that holds several paragraphs (lines apart by <br>s,
         * under one <strong>) is old markup's way to write text, not
         * an element around the article: lists beside it are its. */
        if (words * 10 >= total * 8 &&
            !step_is(doc, &doc->blocks[best], step, "p"))
            break;
    }
    uint32_t id = bp[step];
    /* What context kept just before the element, with nothing dropped
     * between but by rules, back to a heading, is the article's start
     * all the same: a lede often sits beside the body's element. */
    size_t start = 0;
    while (start < nb && !in_elem(doc, &doc->blocks[start], step, id))
        start++;
    size_t lead = start;
    while (lead > 0) {
        const struct dc_block *p = &doc->blocks[lead - 1];
        /* What rules and markup decided (a byline, a caption, often
         * heading-like) is passed over, as context passes over it. */
        if ((flags[lead - 1] & fixed) || !p->hints.serial) {
            lead--;
            continue;
        }
        if (p->decision != DC_KEEP || p->f.heading)
            break;
        lead--;
    }
    /* Hidden prose may sit beside the element: the full text of a
     * teaser that is shown, or of a first tab.  Not beside an element
     * that is a child of <body>, which is beside everything. */
    size_t pstep = step >= 2 ? step - 1 : step;
    /* Past the last paragraph kept in the element, a heading (or a
     * line a rule knows heads a list of other stories) starts
     * what follows the article inside it (related stories, a poll, a
     * layout cell's sidebar): the rest of the article lies before. */
    size_t last = 0;
    for (size_t b = 0; b < nb; b++)
        if (doc->blocks[b].decision == DC_KEEP && !(flags[b] & fixed) &&
            in_elem(doc, &doc->blocks[b], step, id))
            last = b;
    size_t after = nb;
    for (size_t b = last + 1; b < nb && after == nb; b++)
        if ((heading(&doc->blocks[b]) || (flags[b] & list_head)) &&
            in_elem(doc, &doc->blocks[b], step, id))
            after = b;
    /* Only if what follows it is links: prose, or a line without a
     * link (a list of facts), makes it a section of the article.  (But
     * not the blurb under a linked headline: a teaser.) */
    for (size_t b = after + 1; b < nb; b++) {
        const struct dc_block *bl = &doc->blocks[b];
        if (!in_elem(doc, bl, step, id) || (flags[b] & fixed) ||
            heading(bl) || linked_headline(&doc->blocks[b - 1]))
            continue;
        if (bl->hints.link_density <= 0.0f ||
            ((bl->cls == DC_CLASS_GOOD || bl->cls == DC_CLASS_NEAR_GOOD) &&
             bl->hints.link_density < 0.25f)) {
            after = nb;
            break;
        }
    }
    size_t cut = nb;
    uint32_t cut_id = 0;
    comments_below(doc, flags, fixed, marker, step, id, &cut, &cut_id);
    for (size_t b = b0; b < nb; b++) {
        struct dc_block *bl = &doc->blocks[b];
        if (!bl->hints.serial || bl->frozen)
            continue;
        if (b > cut && in_elem(doc, bl, step + 1, cut_id)) {
            if (!(flags[b] & fixed) && bl->decision == DC_KEEP) {
                bl->decision = DC_DROP;
                bl->reason.what = "comments below the article";
                bl->reason.rule = NULL;
            }
            continue;
        }
        bool in = in_elem(doc, bl, step, id) || (b >= lead && b < start);
        if (hidden_prose(bl) && in_elem(doc, bl, pstep, bp[pstep])) {
            bl->decision = DC_KEEP;
            bl->reason.what = "hidden prose beside the article";
            continue;
        }
        if (flags[b] & fixed)
            continue;
        if (in && b < after && bl->decision == DC_DROP && !bl->f.code &&
            !(flags[b] & held) && bl->hints.link_density < 0.5f) {
            bl->decision = DC_KEEP;
            bl->reason.what = "inside the article's element";
            bl->reason.rule = NULL;
        } else if (!in && bl->decision == DC_KEEP) {
            bl->decision = DC_DROP;
            bl->reason.what = "outside the article's element";
            bl->reason.rule = NULL;
        }
    }
}

void
dc_hints_describe(const struct dc_doc *doc, const struct dc_block *b,
                  struct dc_buf *out)
{
    const struct dc_hints *h = &b->hints;
    if (!h->serial)
        return;
    dc_buf_printf(out, "<%s",
                  h->element < sizeof element_names / sizeof *element_names
                      ? element_names[h->element]
                      : "?");
    if (h->link_density > 0)
        dc_buf_printf(out, " ld=%.2f", (double)h->link_density);
    const char *sep = " ";
    for (int k = 0; k < DC_KIND_COUNT; k++)
        if (h->kinds & (1u << k)) {
            dc_buf_printf(out, "%s%s", sep, kind_names[k]);
            sep = ",";
        }
    static const char *const flag_names[] = {"article", "hidden", "json-ld",
                                             "in-header", "in-footer",
                                             "in-nav", "in-aside",
                                             "link-title"};
    for (size_t k = 0; k < sizeof flag_names / sizeof *flag_names; k++)
        if (h->flags & (1u << k))
            dc_buf_printf(out, " %s", flag_names[k]);
    /* The innermost steps of the path say where the block is; the
     * whole path is what markup rules see. */
    struct dc_span path = dc_doc_block_path(doc, b);
    size_t from = path.len, steps = 0;
    while (from > 0 && steps < 4)
        if (path.p[--from] == '>')
            steps++;
    dc_buf_puts(out, steps == 4 ? "> ...>" : "> ");
    dc_buf_append(out, path.p + from + (steps == 4),
                  path.len - from - (steps == 4));
}
