/*
 * fuzz-split.c - record framing (records.h's dc_split_next), as -z and
 * --jsonl read a stream: records ended by NUL or newline, arriving in
 * chunks of any size.
 *
 * Input: byte 0 picks the separator (bit 0: NUL or '\n') and the chunk
 * size (bits 1-7, plus one: 1-128 bytes); the rest is the stream.
 *
 * Properties: no record holds the separator; each record followed by the
 * separator, but for a last one the stream did not end, gives back the
 * stream byte for byte (nothing lost, nothing invented); there is one
 * ended record per separator; and the records are the same whatever the
 * chunk size (compared with the stream read in one piece).
 */
#include "config.h"
#include "fuzz.h"

#include "records.h"

#include <string.h>

/* The records of text[0..len) read in chunks of `chunk` bytes, each
 * followed by the separator when it was ended by one; *ended counts
 * those. */
static void
split(char sep, const char *text, size_t len, size_t chunk,
      struct dc_buf *out, size_t *ended)
{
    static const char me[] = "split";
    *ended = 0;
    for (size_t at = 0; at < len; at += chunk) {
        size_t n = len - at < chunk ? len - at : chunk;
        size_t pos = 0;
        struct dc_span piece;
        enum dc_split k;
        while ((k = dc_split_next(sep, text + at, n, &pos, &piece)) !=
               DC_SPLIT_DONE) {
            DC_FUZZ_CHECK(me, !memchr(piece.p, sep, piece.len),
                          "a record holds its separator");
            DC_FUZZ_CHECK(me, piece.p >= text + at &&
                                  piece.p + piece.len <= text + at + n,
                          "a piece lies outside its chunk");
            dc_buf_append(out, piece.p, piece.len);
            if (k == DC_SPLIT_END) {
                dc_buf_putc(out, sep);
                (*ended)++;
            }
        }
        DC_FUZZ_CHECK(me, pos == n, "a chunk is not used up");
    }
}

int
dc_fuzz_split(const uint8_t *data, size_t size)
{
    static const char me[] = "split";
    if (size < 1)
        return 0;
    char sep = data[0] & 1 ? '\n' : '\0';
    size_t chunk = (size_t)(data[0] >> 1) + 1;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    struct dc_buf chunked = DC_BUF_INIT, whole = DC_BUF_INIT;
    size_t ended = 0, ended_whole = 0, seps = 0;
    split(sep, text, len, chunk, &chunked, &ended);
    split(sep, text, len, len ? len : 1, &whole, &ended_whole);
    for (size_t i = 0; i < len; i++)
        seps += text[i] == sep;
    DC_FUZZ_CHECK(me, ended == seps, "not one ended record per separator");
    DC_FUZZ_CHECK(me,
                  chunked.len == len &&
                      memcmp(DC_FUZZ_DATA(chunked), len ? text : "", len) ==
                          0,
                  "the records do not give back the stream");
    DC_FUZZ_CHECK(me,
                  ended == ended_whole && whole.len == chunked.len &&
                      memcmp(DC_FUZZ_DATA(whole), DC_FUZZ_DATA(chunked),
                             whole.len) == 0,
                  "the records depend on the chunk size");
    dc_buf_free(&chunked);
    dc_buf_free(&whole);
    return 0;
}
