/*
 * fuzz-decode.c - the decoder, fed in fuzzer-chosen chunks, then the
 * normaliser on what it made.
 *
 * Input: byte 0 picks the chunk sizes (0-7: every chunk that size plus
 * one, as the unit tests do; more: sizes from a small generator seeded
 * with it, empty feeds included), byte 1 the encoding (detect, or one
 * given as --from-code would), the rest is the document.
 *
 * Properties: the output is valid UTF-8; it does not depend on how the
 * input was split (the same decoder, reset by its final feed, decodes the
 * document again in one piece); normalising it gives clean text (no NUL,
 * no control but tab and newline), and normalising that again changes
 * nothing but character references.
 */
#include "config.h"
#include "fuzz.h"

#include "decode.h"
#include "normalise.h"

#include <string.h>

static const char *const encodings[] = {
    NULL,           NULL,       NULL,        "UTF-8",
    "UTF-16",       "UTF-32LE", "SHIFT_JIS", "GB18030",
    "ISO-2022-JP",  "EUC-KR",   "BIG5",      "KOI8-R",
    "windows-1252", "utf16be",  "EUC-JP",    "ISO-8859-7",
};
#define NENCODINGS (sizeof encodings / sizeof encodings[0])

/* The next chunk size: fixed below 8, else xorshift32 over 0..2*seed. */
static size_t
next_chunk(uint8_t seed, uint32_t *state)
{
    if (seed < 8)
        return (size_t)seed + 1;
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state % (2u * seed + 1);
}

int
dc_fuzz_decode(const uint8_t *data, size_t size)
{
    static const char me[] = "decode";
    if (size < 2)
        return 0;
    uint8_t seed = data[0];
    const char *enc = encodings[data[1] % NENCODINGS];
    const char *text = (const char *)data + 2;
    size_t len = size - 2;

    struct dc_error err = {0};
    struct dc_decoder *d = dc_decoder_new(enc, &err);
    DC_FUZZ_CHECK(me, d, "a known encoding was refused");

    struct dc_buf chunked = DC_BUF_INIT, whole = DC_BUF_INIT;
    struct dc_buf norm = DC_BUF_INIT;
    uint32_t state = 0x9E3779B9u ^ seed;
    size_t pos = 0;
    while (pos < len) {
        size_t n = next_chunk(seed, &state);
        if (n > len - pos)
            n = len - pos;
        dc_decoder_feed(d, text + pos, n, false, &chunked);
        pos += n;
    }
    dc_decoder_feed(d, NULL, 0, true, &chunked);
    dc_fuzz_check_utf8(me, DC_FUZZ_DATA(chunked), chunked.len);

    /* The final feed reset the decoder: a second document in one piece. */
    dc_decoder_feed(d, text, len, true, &whole);
    DC_FUZZ_CHECK(
        me,
        whole.len == chunked.len &&
            memcmp(DC_FUZZ_DATA(whole), DC_FUZZ_DATA(chunked), whole.len) == 0,
        "output depends on how the input was split");

    bool keep_quotes = seed & 1;
    struct dc_norm_opts o = {.keep_quotes = keep_quotes};
    dc_normalise(DC_FUZZ_DATA(chunked), chunked.len, &o, &norm);
    dc_fuzz_check_clean(me, DC_FUZZ_DATA(norm), norm.len);
    dc_fuzz_check_idempotent(me, DC_FUZZ_DATA(chunked), chunked.len,
                             keep_quotes);

    dc_buf_free(&chunked);
    dc_buf_free(&whole);
    dc_buf_free(&norm);
    dc_decoder_free(d);
    return 0;
}
