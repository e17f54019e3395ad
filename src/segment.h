/*
 * segment.h - group a document window's lines into blocks (paragraphs).
 *
 * Blank lines separate blocks.  Consecutive non-blank lines are separate
 * blocks too (scrapers write one paragraph a line), unless the text is
 * hard-wrapped (html2text's 79 columns, e-mail, lynx at a fixed width):
 * then a line that the wrapper broke continues into the next one, and a
 * wrapped paragraph becomes one block, judged whole.
 *
 * The wrap width is estimated from the window: hard-wrapped text piles its
 * line lengths up just below the width.  Lengths are counted as the
 * renderer counted them, with what normalising took out (character
 * references, soft hyphens; struct dc_line's `narrowed`).  A line
 * continues into the next when the next line's first word would not have
 * fitted after it (what a greedy wrapper does), and the next line does
 * not start a list item.
 */
#ifndef DC_SEGMENT_H
#define DC_SEGMENT_H

#include "doc.h"

/*
 * Make blocks of lines [from, doc->nlines), replacing the blocks that
 * start at or after `from`, which must be a block boundary (0, or a line
 * where no block continues).  Returns the wrap width found, 0 if none.
 */
size_t dc_segment(struct dc_doc *doc, size_t from);

#endif
