/*
 * html.h - HTML in: recognise it, find its declared charset, and turn the
 * tag soup into the lines and blocks the text path classifies, each block
 * with hints from its markup (doc.h's struct dc_hints).
 *
 * Parsing is libtidy's, quietly: its messages go to a buffer the caller
 * may show (--verbose), never to stderr, and its status means nothing to
 * us.  Before tidy sees the document, nesting deeper than DC_HTML_MAX_DEPTH
 * is flattened, because tidy's parser recurses once per open element
 * (and reopens unclosed inline elements in every later block); comments,
 * processing instructions, the contents of scripts (but JSON-LD) and
 * styles, images, links and metadata, every attribute the walk does not
 * read and all but the line ends of each run of white space outside
 * <pre> are removed, as tidy reads a byte at a time and they are never
 * text (and an Office "<?xml:namespace>" in the body loses tidy the rest
 * of the page).
 *
 * What becomes text: everything in <body> but script, style, noscript,
 * template, svg, math, iframe, object, form controls, and forms that hold
 * no paragraphs.  Block-level elements end a block and a <br> a line; two
 * <br> in a row end a block, as a blank line would; <pre> keeps its
 * spaces and line ends; elsewhere runs of white space become one space.
 *
 * It does not decode bytes (decode.h does, with the charset found here)
 * and does not normalise text (normalise.h) or decide anything (hints.h
 * and classify.h do).
 */
#ifndef DC_HTML_H
#define DC_HTML_H

#include "doc.h"

/* Open elements kept nested; deeper ones are dropped, text kept. */
#define DC_HTML_MAX_DEPTH 256
/* ...and inline ones (<b>, <font>, <span>): tidy reopens unclosed ones in
 * each block that follows. */
#define DC_HTML_MAX_INLINE 8
/* Bytes looked at to recognise HTML and to find a <meta> charset. */
#define DC_HTML_SNIFF 4096

/*
 * Does p[0..len) (the start of a document, raw bytes) look like HTML: a
 * doctype, or an element only pages start with (<html>, <head>, <meta>,
 * <script> ...) first, or a known tag first and enough of them in the
 * DC_HTML_SNIFF bytes from there?  Before "first" go white space,
 * comments, processing instructions, a server template's namespaced tags
 * and a few bytes of a misread byte order mark, as many as p holds.
 */
bool dc_html_sniff(const char *p, size_t len);

/*
 * The encoding the page declares, as a browser finds it: a byte order mark,
 * then <meta charset=...> or <meta http-equiv="Content-Type"
 * content="...; charset=...">.  Writes the name (ASCII, as declared, or
 * "UTF-8"/"UTF-16LE"... for a BOM) into name[0..size) and returns true;
 * returns false if there is none.  Latin-1 and ASCII are reported as
 * windows-1252, as browsers read them.
 */
bool dc_html_charset(const char *p, size_t len, char *name, size_t size);

/* One line of the rendered page; hints.serial is 0 for a blank line. */
struct dc_html_line {
    size_t off, len;          /* in text */
    struct dc_hints hints;
};

struct dc_html_held;

/* The result of dc_html_parse; zero it to start, free with dc_html_free. */
struct dc_html {
    struct dc_buf text;       /* the lines, each ended by '\n' */
    struct dc_html_line *lines;
    size_t nlines, lines_cap;
    struct dc_buf paths;      /* element paths (hints.path_off) */
    struct dc_buf elems;      /* their elements' numbers (uint32_t,
                                 hints.elems_off) */
    struct dc_buf messages;   /* tidy's warnings and errors */
    struct dc_buf scratch;    /* internal */
    struct dc_html_held *held; /* internal, with the two below */
    size_t held_cap;
    uint32_t held_gen;
    /* Carried from one part of a page to the next (internal): */
    uint32_t serial_base;     /* blocks numbered in the parts before */
    uint32_t elem_base;       /* elements numbered in them */
    struct dc_buf jsonld;     /* articleBody texts, folded, from them */
};

/*
 * Only when built with libtidy (HAVE_TIDY in config.h; without it, input
 * is always read as text).  Parse UTF-8 HTML in[0..len) (need not be
 * valid or NUL-terminated) and replace h's contents with its lines.  With
 * messages, tidy's warnings and errors are kept in h->messages
 * (formatting them costs time, so only when asked).  With continued,
 * in[0..len) is the next part of the page parsed last (see
 * dc_html_part_end): its blocks and elements are numbered on from that
 * part's, and the JSON-LD found in earlier parts marks its blocks too.
 * Returns 0, or -1, with no lines, when libtidy could not be loaded
 * (dc_html_load).
 */
int dc_html_parse(const char *in, size_t len, bool messages, bool continued,
                  struct dc_html *h);

/*
 * Only when built with libtidy: load it (dlopen), the first time; every
 * document must have been through here before dc_html_parse.  Returns 0,
 * or -1 with err set to "cannot load SONAME: why" (with err NULL, said
 * on stderr instead, once).
 */
int dc_html_load(struct dc_error *err);

/*
 * Where a page too long to parse at once (raw bytes p[0..len), in a
 * charset that keeps ASCII as it is) may be cut into parts parsed one
 * after another: just after the last end tag of a block element
 * ("</p>", "</div>", "</li>" ...) that ends at or before byte `limit`
 * and lies outside comments and the raw text of script, style and the
 * like.  Each part is then a run of whole blocks; what a part loses is
 * only the markup that spans it (an ancestor opened in a part before).
 * Returns 0 if there is no such place.
 */
size_t dc_html_part_end(const char *p, size_t len, size_t limit);

void dc_html_free(struct dc_html *h);

#endif
