/*
 * fuzz-normalise.c - the normaliser on any valid UTF-8.
 *
 * Input: byte 0 holds the options (bit 0: keep quotes) and picks the
 * newline after which the text is split (byte 0 / 2, counted modulo the
 * number of newlines); the rest is the text, with invalid UTF-8 turned
 * into U+FFFD (the normaliser's contract is valid UTF-8 in; decoding is
 * fuzz-decode.c's business).
 *
 * Properties: the output is clean (valid UTF-8, no NUL, no control but
 * tab and newline); normalising it again changes nothing but character
 * references; and normalising the text in two calls, split after a
 * newline as the pipeline splits a stream, gives the same as one call.
 */
#include "config.h"
#include "fuzz.h"

#include "normalise.h"

#include <string.h>

int
dc_fuzz_normalise(const uint8_t *data, size_t size)
{
    static const char me[] = "normalise";
    if (size < 1)
        return 0;
    struct dc_norm_opts o = {.keep_quotes = data[0] & 1};
    struct dc_buf in = DC_BUF_INIT, once = DC_BUF_INIT, split = DC_BUF_INIT;
    dc_fuzz_to_utf8((const char *)data + 1, size - 1, &in);

    dc_normalise(in.data, in.len, &o, &once);
    dc_fuzz_check_clean(me, DC_FUZZ_DATA(once), once.len);
    dc_fuzz_check_idempotent(me, in.data, in.len, o.keep_quotes);

    size_t newlines = 0;
    for (size_t i = 0; i < in.len; i++)
        newlines += in.data[i] == '\n';
    if (newlines) {
        size_t want = (size_t)(data[0] >> 1) % newlines, cut = 0;
        for (size_t i = 0, k = 0; i < in.len; i++) {
            if (in.data[i] == '\n' && k++ == want) {
                cut = i + 1;
                break;
            }
        }
        dc_normalise(in.data, cut, &o, &split);
        dc_normalise(in.data + cut, in.len - cut, &o, &split);
        DC_FUZZ_CHECK(
            me,
            split.len == once.len &&
                memcmp(DC_FUZZ_DATA(split), DC_FUZZ_DATA(once), once.len) == 0,
            "splitting after a newline changes the output");
    }

    dc_buf_free(&in);
    dc_buf_free(&once);
    dc_buf_free(&split);
    return 0;
}
