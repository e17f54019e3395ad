/*
 * hints.h - what an HTML block's markup says about it (doc.h's struct
 * dc_hints, made by html.h), turned into features and decisions for
 * classify.c.
 *
 * The markup is evidence, weighed with the text: a class word such as
 * "related" or "comment" on an ancestor drops a block, but a block whose
 * text the page's JSON-LD articleBody holds is kept; an element (h2, li)
 * tells the classifier what the text renderers' layout would have told
 * it.  Rules may name markup too (drop-markup, keep-markup in rules.h):
 * they match the block's element path.
 *
 * Text input has no hints (serial 0): then these functions do nothing.
 */
#ifndef DC_HINTS_H
#define DC_HINTS_H

#include "doc.h"

struct dc_rules;

/*
 * Adjust b's features (measured from its text) by its element: headings
 * are headings, list items are bullets, <pre> is never prose.
 */
void dc_hints_features(const struct dc_block *b, struct dc_features *f);

/*
 * Decide b from its markup alone, before context: DC_DROP or DC_KEEP
 * with why->what (a static phrase) and why->rule (a markup rule, or
 * NULL); DC_UNDECIDED when the markup says nothing decisive.  lang as for
 * dc_rules_match.
 */
enum dc_decision dc_hints_judge(const struct dc_rules *r, int lang,
                                const struct dc_doc *doc,
                                const struct dc_block *b,
                                struct dc_reason *why);

/*
 * The article's container: the innermost element whose blocks hold most
 * of the words of the good text kept in doc (blocks b0 on may change).
 * Blocks inside it that context dropped are kept, unless their markup
 * speaks against them; blocks outside it that context kept are dropped.
 * Blocks with flags[b] & fixed (decided by a rule or the markup) stay as
 * they are; so do dropped blocks with flags[b] & held (what followed a
 * comment form's marker is not the article's however close it sits).
 * A block with flags[b] & marker is a terminal marker: the part of the
 * element it heads, when the article's text lies before that part, is
 * comments, and what it kept is dropped.  A block with flags[b] &
 * list_head heads a list of other stories: past the article's last
 * paragraph, it ends the article as a heading does.  Does nothing for
 * text input.
 */
void dc_hints_container(struct dc_doc *doc, size_t b0, const uint32_t *flags,
                        uint32_t fixed, uint32_t held, uint32_t marker,
                        uint32_t list_head);

/* Append a short description of b's hints to out, for --explain:
 * "<p ld=0.20 related,share article> body>div.post>p". */
void dc_hints_describe(const struct dc_doc *doc, const struct dc_block *b,
                       struct dc_buf *out);

#endif
