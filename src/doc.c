/*
 * doc.c - the document window: lines appended at the end, emitted lines
 * forgotten at the start.
 */
#include "config.h"
#include "doc.h"

#include <string.h>

void
dc_doc_init(struct dc_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->next_number = 1;
}

void
dc_doc_free(struct dc_doc *doc)
{
    if (!doc)
        return;
    dc_buf_free(&doc->text);
    dc_buf_free(&doc->paths);
    dc_buf_free(&doc->elems);
    dc_buf_free(&doc->widenings);
    dc_free(doc->lines);
    dc_free(doc->blocks);
    dc_doc_init(doc);
}

void
dc_doc_reset(struct dc_doc *doc)
{
    dc_buf_clear(&doc->text);
    dc_buf_clear(&doc->paths);
    dc_buf_clear(&doc->elems);
    dc_buf_clear(&doc->widenings);
    doc->nlines = 0;
    doc->nblocks = 0;
    doc->nfrozen_lines = 0;
    doc->next_number = 1;
    doc->lang = NULL;
}

static struct dc_line *
append_line(struct dc_doc *doc, const char *p, size_t len)
{
    doc->lines = dc_xgrow(doc->lines, &doc->lines_cap,
                          dc_add_size(doc->nlines, 1), sizeof *doc->lines);
    struct dc_line *l = &doc->lines[doc->nlines++];
    *l = dc_line_make(doc->text.len, len, doc->next_number);
    dc_buf_append(&doc->text, p, len);
    return l;
}

void
dc_doc_add_line(struct dc_doc *doc, const char *p, size_t len)
{
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    append_line(doc, p, len);
    doc->next_number++;
}

void
dc_doc_add_piece(struct dc_doc *doc, const char *p, size_t len)
{
    append_line(doc, p, len)->continued = true;
}

void
dc_doc_widen_last(struct dc_doc *doc, size_t at, int32_t bytes)
{
    struct dc_line *l = &doc->lines[doc->nlines - 1];
    if (at >= l->len || bytes == 0)
        return;
    /* a line's records are the last ones: lines are added in order */
    if (l->widen_len == 0)
        l->widen_off =
            (uint32_t)(doc->widenings.len / sizeof(struct dc_widening));
    struct dc_widening w = {(uint32_t)at, bytes};
    dc_buf_append(&doc->widenings, &w, sizeof w);
    l->widen_len++;
}

/* Forget the widenings of the forgotten lines: the records before the
 * first that a line in the window holds (lines that layout rewrote
 * leave theirs behind, unheld, until then). */
static void
forget_widenings(struct dc_doc *doc)
{
    size_t first = SIZE_MAX;
    for (size_t i = 0; i < doc->nlines; i++)
        if (doc->lines[i].widen_len && doc->lines[i].widen_off < first)
            first = doc->lines[i].widen_off;
    if (first == SIZE_MAX) {
        dc_buf_clear(&doc->widenings);
        return;
    }
    for (size_t i = 0; i < doc->nlines; i++)
        if (doc->lines[i].widen_len)
            doc->lines[i].widen_off -= (uint32_t)first;
    dc_buf_consume(&doc->widenings, first * sizeof(struct dc_widening));
}

/* The markup of the window's line i, or for i from nlines on, of its
 * block i - nlines: every holder of an offset into paths and elems. */
static struct dc_hints *
held_hints(struct dc_doc *doc, size_t i)
{
    return i < doc->nlines ? &doc->lines[i].hints
                           : &doc->blocks[i - doc->nlines].hints;
}

/* The markup paths and element numbers before the first that a line or
 * block still in the window holds, in *path and *elem; false if none
 * holds any.  (They are appended in line order.) */
static bool
markup_in_use(struct dc_doc *doc, size_t *path, size_t *elem)
{
    bool any = false;
    *path = doc->paths.len;
    *elem = doc->elems.len / sizeof(uint32_t);
    for (size_t i = 0; i < doc->nlines + doc->nblocks; i++) {
        const struct dc_hints *h = held_hints(doc, i);
        if (h->path_len && h->path_off < *path)
            *path = h->path_off;
        if (h->elems_len && h->elems_off < *elem)
            *elem = h->elems_off;
        any |= h->path_len || h->elems_len;
    }
    return any;
}

/* Forget the markup paths and element numbers of the forgotten lines,
 * once they are most of what is held: an HTML page parsed in parts
 * would otherwise hold them all to its end. */
static void
forget_markup(struct dc_doc *doc)
{
    size_t path, elem;
    if (doc->paths.len == 0 && doc->elems.len == 0)
        return;
    if (!markup_in_use(doc, &path, &elem)) {
        dc_buf_clear(&doc->paths);
        dc_buf_clear(&doc->elems);
        return;
    }
    if (2 * path < doc->paths.len &&
        2 * elem * sizeof(uint32_t) < doc->elems.len)
        return;
    for (size_t i = 0; i < doc->nlines + doc->nblocks; i++) {
        struct dc_hints *h = held_hints(doc, i);
        h->path_off = h->path_len ? h->path_off - (uint32_t)path : 0;
        h->elems_off = h->elems_len ? h->elems_off - (uint32_t)elem : 0;
    }
    dc_buf_consume(&doc->paths, path);
    dc_buf_consume(&doc->elems, elem * sizeof(uint32_t));
}

void
dc_doc_forget(struct dc_doc *doc, size_t n)
{
    if (n == 0)
        return;
    if (n > doc->nlines)
        n = doc->nlines;
    size_t text_cut = n < doc->nlines ? doc->lines[n].off : doc->text.len;

    /* Blocks that end before line n go; a block never straddles n because
     * n is always a frozen boundary. */
    size_t b = 0;
    while (b < doc->nblocks && doc->blocks[b].first < n)
        b++;
    memmove(doc->blocks, doc->blocks + b,
            (doc->nblocks - b) * sizeof *doc->blocks);
    doc->nblocks -= b;
    for (size_t i = 0; i < doc->nblocks; i++)
        doc->blocks[i].first -= n;

    memmove(doc->lines, doc->lines + n, (doc->nlines - n) * sizeof *doc->lines);
    doc->nlines -= n;
    for (size_t i = 0; i < doc->nlines; i++) {
        doc->lines[i].off -= text_cut;
        if (doc->lines[i].block != DC_NONE)
            doc->lines[i].block -= b;
    }
    dc_buf_consume(&doc->text, text_cut);
    doc->nfrozen_lines = doc->nfrozen_lines > n ? doc->nfrozen_lines - n : 0;
    forget_markup(doc);
    if (doc->widenings.len)
        forget_widenings(doc);
}
