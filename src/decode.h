/*
 * decode.h - bytes in any common encoding to valid UTF-8, as a stream.
 *
 * The decoder takes input in chunks of any size (one byte at a time works)
 * and appends UTF-8 to an output buffer.  It decides the encoding once,
 * from a byte-order mark, from the first DC_DECODE_SNIFF bytes, or from the
 * caller's explicit name:
 *
 *   1. BOM: UTF-8 (dropped), UTF-16LE/BE, UTF-32LE/BE.
 *   2. 7-bit text with ISO-2022-JP's escapes to JIS X 0208 (ESC $ B):
 *      ISO-2022-JP, or ISO-2022-JP-2 with that one's other sets.
 *      Valid UTF-8, or mostly UTF-8 with a few bad bytes: UTF-8, each bad
 *      byte taken as windows-1252 (what such bytes nearly always are).
 *   3. Otherwise uchardet's guess, converted with iconv(3); ISO-8859-1 is
 *      read as its superset windows-1252, as browsers do; no guess means
 *      windows-1252.
 *
 * Output is always valid UTF-8.  Bytes that cannot be converted become
 * U+FFFD and are counted; a sequence cut by the end of input likewise.  A
 * sequence cut by a chunk boundary is carried into the next chunk.
 *
 * It does not normalise (quotes, entities, controls, line ends, NFC): that
 * is normalise.h's job.  NUL and other controls pass through as U+0000...
 */
#ifndef DC_DECODE_H
#define DC_DECODE_H

#include "util.h"

/* Bytes sniffed before the encoding is decided (unless input ends first). */
#define DC_DECODE_SNIFF 65536

struct dc_decoder;

/*
 * New decoder.  from_code: an iconv(3) encoding name to use instead of
 * detection, or NULL to detect.  Returns NULL and fills err (DC_EINVAL)
 * when iconv does not know from_code.
 */
struct dc_decoder *dc_decoder_new(const char *from_code, struct dc_error *err);

/*
 * Feed len bytes (len may be 0) and append the UTF-8 decoded so far to
 * out.  final = true marks the end of input: everything held back is
 * flushed.  After a final feed the decoder is reset for a new document,
 * keeping from_code; it will detect afresh.  Returns 0.
 */
int dc_decoder_feed(struct dc_decoder *d, const char *in, size_t len,
                    bool final, struct dc_buf *out);

/*
 * dc_decoder_feed(), but when out is empty and what the feed decodes is
 * in[0..len) itself (UTF-8, valid, no BOM, nothing carried), out stays
 * empty and *same gets that text, to be read where it is: the copy is
 * saved.  Otherwise *same gets {NULL, 0} and out the text, as
 * dc_decoder_feed() gives it.
 */
int dc_decoder_feed_in_place(struct dc_decoder *d, const char *in, size_t len,
                             bool final, struct dc_buf *out,
                             struct dc_span *same);

/* The encoding in use ("UTF-8", "WINDOWS-1251", ...), or NULL while it is
 * still being sniffed.  After a final feed, these two still describe the
 * finished document until the next feed (the reset happens then). */
const char *dc_decoder_encoding(const struct dc_decoder *d);

/* Input bytes that were replaced by U+FFFD or, in UTF-8 input, reread as
 * windows-1252, since the last reset. */
size_t dc_decoder_replaced(const struct dc_decoder *d);

void dc_decoder_free(struct dc_decoder *d);

#endif
