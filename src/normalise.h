/*
 * normalise.h - make decoded text uniform before it is segmented.
 *
 * In order, on valid UTF-8:
 *   - mojibake repair: UTF-8 that was once read as windows-1252 or Latin-1
 *     ("â€™", "Ã©", "Â ") is turned back into the characters meant;
 *   - HTML character references: named (&amp; &rsquo; ... the HTML5 table,
 *     with ';' required), decimal (&#8217;) and hex (&#x201C;); numeric
 *     references to 0x80-0x9F read as windows-1252, invalid ones as U+FFFD;
 *   - curly quotes folded unless keep_quotes: U+2018-201B to ', U+201C-201F
 *     to "; dashes, ellipses and guillemets stay;
 *   - NBSP and other Unicode spaces become ' ';
 *   - C1 controls U+0080-009F read as windows-1252 (text of that charset
 *     once decoded as Latin-1: "it\u0092s" is "it's"), but the five bytes
 *     it leaves undefined;
 *   - removed: zero-width space, word joiner, BOM inside the text, soft
 *     hyphen, bidi controls, other format characters, those five C1
 *     controls, and every C0 control but tab and newline.  ZWJ and ZWNJ
 *     are kept between two non-ASCII characters (emoji sequences,
 *     Persian, Indic scripts) and removed elsewhere;
 *   - CRLF and lone CR become LF;
 *   - NFC (utf8proc), in the Stream-Safe Text Format of UAX #15: a run of
 *     more than 30 combining marks (counted decomposed) gets a COMBINING
 *     GRAPHEME JOINER, U+034F, after each 30, which bounds the work on
 *     "zalgo" text and keeps the result NFC and stable.
 *
 * Normalising the output again changes it only where character references
 * decoded to new ones ("&amp;amp;") or mojibake was too deep to repair
 * within the pass limit (see dc_normalise() in normalise.c).
 *
 * Pure function of its input: no state, no I/O.
 */
#ifndef DC_NORMALISE_H
#define DC_NORMALISE_H

#include "util.h"

struct dc_norm_opts {
    bool keep_quotes; /* --keep-quotes: leave curly quotes alone */
    bool keep_references; /* leave "&amp;" and "&#8217;" as they are: the
                             HTML parser has decoded the page's already */
};

/*
 * Normalise in[0..len) (valid UTF-8) and append the result to out.  The
 * caller splits a stream only after a '\n', or after a '\r' that is not
 * the last byte it holds, so that CRLF and character references are never
 * cut; each call is independent.
 */
void dc_normalise(const char *in, size_t len, const struct dc_norm_opts *opts,
                  struct dc_buf *out);

/*
 * Where normalising made the text narrower than it came: a text renderer
 * wrapped the input's lines and padded its table cells counting code
 * points, the references, soft hyphens and other characters that
 * normalising takes out (and the mojibake it repairs, the marks NFC
 * composes) among them.  The output holds `cols` code points fewer than
 * the input did before output offset `at` (negative: more), and `bytes`
 * bytes fewer: html2text pads cells counting bytes, and a no-break space
 * or a curly quote made plain ASCII is narrower in bytes only.
 */
struct dc_shift {
    size_t at;
    int32_t cols;
    int32_t bytes;
};

/*
 * dc_normalise(), and where the output is narrower than the input: each
 * place appends a struct dc_shift to shifts (offsets in out, ascending;
 * none where the text came through as it was, which is most places).
 * Where mojibake took passes of repair, a shift stays on its line but
 * only roughly in its place on it.
 */
void dc_normalise_shifts(const char *in, size_t len,
                         const struct dc_norm_opts *opts, struct dc_buf *out,
                         struct dc_buf *shifts);

/* Bytes a character reference stands for at most: two code points. */
#define DC_REFERENCE_MAX 8

/*
 * The character reference that s[0..len) starts with (s[0] == '&'), as
 * dc_normalise() reads one: named, from the HTML5 table, decimal or hex,
 * each ended by ';'; numeric ones to 0x80-0x9F as windows-1252, invalid
 * ones as U+FFFD.  Returns its length and puts the UTF-8 it stands for
 * in out[0..*out_len), or returns 0 when there is none.
 */
size_t dc_char_reference(const char *s, size_t len,
                         char out[DC_REFERENCE_MAX], size_t *out_len);

#endif
