/*
 * layout.h - undo side-by-side layout: text renderers (html2text, lynx)
 * draw an old page's layout table as columns of text next to each other,
 * so that one line holds a menu item, a piece of the article and a piece
 * of a teaser.  Read that way, nothing on the line is a sentence.
 *
 * A run of lines that share gutters (columns of spaces, or of drawn '|'
 * borders, that the text never crosses) is rewritten column by column:
 * the first column top to bottom, then the second, and so on; the lines
 * below the run whose text stays in its columns (the article, long after
 * the menu beside it ended) are taken along.  Columns are counted in
 * code points (lynx) or in bytes (html2text pads cells in bytes: the
 * input's, before normalising narrowed a quote or a no-break space; see
 * struct dc_widening in doc.h), as lines the cells up better; where the lines of another layout at the
 * run's top (a search form, a banner) cross the gutters, the table is
 * looked for further down, where they hide only some of its gutters,
 * further down still while more of them show; where a footer or the
 * next table at its bottom does, the run is tried again without its
 * last lines.  The renderer wrapped each cell's
 * text to the column's width, so the consecutive cells of a column are
 * joined into one line, a paragraph, until an empty cell, or a line that
 * had room for the next word (the width is the one most line breaks
 * agree on), ends it; a blank line follows each paragraph.  Each new
 * line keeps the number of the input line where it starts.  A table of
 * one column that html2text drew as a frame ('|' at both ends of its
 * lines, a rule of '_' above) is unfolded the same way, its bars taken
 * out.  Text outside such runs and frames is not touched.
 *
 * This is the one place where output lines are not input lines as they
 * came: a cell is part of one.
 */
#ifndef DC_LAYOUT_H
#define DC_LAYOUT_H

#include "doc.h"

/*
 * Rewrite the column runs that lie in lines [from, to) of doc (to <=
 * doc->nlines; lines before `from` are left alone and are not looked
 * at).  Returns the line index that corresponds to `to` afterwards (the
 * rewriting may add lines).
 */
size_t dc_layout_columns(struct dc_doc *doc, size_t from, size_t to);

#endif
