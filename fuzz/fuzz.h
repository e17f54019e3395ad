/*
 * fuzz.h - what the fuzz targets share: their entry points, and the
 * properties they check on every output.
 *
 * A target is a function dc_fuzz_NAME(data, size) in fuzz-NAME.c.  It
 * runs one input through one entry point of the library and checks
 * properties, not only that nothing crashed; a violated property prints
 * what was violated and aborts, which libFuzzer reports as a crash and
 * driver.c as a failed test.  The same target code runs under libFuzzer
 * (libfuzzer.c, clang only) and in the corpus replay of `meson test`
 * (driver.c, any compiler).
 *
 * Options and chunk sizes come from the first bytes of the input, as in
 * cmark-fuzz.c, so that the fuzzer explores them along with the text.
 */
#ifndef DC_FUZZ_H
#define DC_FUZZ_H

#include "util.h"

/* Every target, from the list meson writes (fuzz/meson.build). */
#include "fuzz-targets.h"

#define X(name) int dc_fuzz_##name(const uint8_t *data, size_t size);
DC_FUZZ_TARGETS
#undef X

/*
 * The pipeline targets' common body (fuzz-pipeline.c): data[0] holds
 * options and the chunk size, the rest is a document read as `input`
 * (a dc_input from pipeline.h, as int to keep this header light).  HTML
 * longer than html_part bytes is parsed in parts (0: the default size).
 */
int dc_fuzz_document(const char *target, int input, size_t html_part,
                     const uint8_t *data, size_t size);

/* The input being replayed, for failure messages; NULL under libFuzzer
 * (which saves the input itself). */
extern const char *dc_fuzz_input_name;

/* A buffer's bytes, "" while it has none (memcmp and friends take no
 * NULL, even for 0 bytes). */
#define DC_FUZZ_DATA(b) ((b).data ? (b).data : "")

/* Print "fuzz: TARGET: property violated: WHAT" and abort. */
_Noreturn void dc_fuzz_fail(const char *target, const char *what);

#define DC_FUZZ_CHECK(target, cond, what)                                      \
    do {                                                                       \
        if (!(cond))                                                           \
            dc_fuzz_fail(target, what);                                        \
    } while (0)

/*
 * The output contract of every stage after normalising: valid UTF-8, no
 * NUL, no C0 control but tab and newline, no C1 control.  Aborts naming
 * target when s[0..n) breaks it.
 */
void dc_fuzz_check_clean(const char *target, const char *s, size_t n);

/* The decoder's contract: s[0..n) is valid UTF-8. */
void dc_fuzz_check_utf8(const char *target, const char *s, size_t n);

/*
 * Normalising is idempotent but for character references: they are
 * decoded once, so "&amp;amp;" becomes "&amp;", which a second pass would
 * decode again.  So: when in[0..n) (valid UTF-8, the first
 * pass's input) holds no '&', normalising its normalised form again must
 * change nothing; when it does, the same must hold for the text with
 * every '&' made inert ('&' -> '%': both ASCII punctuation, neither
 * composes with a following mark nor is part of mojibake).  What a
 * second pass may change is then only what a reference made.
 *
 * One exception left (see SECURITY.md): mojibake is repaired to a fixed
 * point, but in at most 1 + REPAIR_PASSES passes of two levels each
 * (normalise.c), so a crafted chain of more than 18 leads
 * ("ÂÂÂ...Â¯") can still change on a second call.  Text mangled three
 * times, or NFC composing a lead ("A" U+0302 "¯"), no longer does.  The
 * check is skipped only when the first call's output still holds such a
 * pair: a character U+00C2-U+00F4 (a UTF-8 lead byte read as
 * windows-1252) followed by one that reads as a continuation byte.
 */
void dc_fuzz_check_idempotent(const char *target, const char *in, size_t n,
                              bool keep_quotes);

/* Can a[0..n) be made from b[0..m) by deleting bytes only?  A space in
 * a may stand for a tab in b: stripping a span joins the blanks around
 * it into one space. */
bool dc_fuzz_subsequence(const char *a, size_t n, const char *b, size_t m);

/* Append s[0..n) to out with every invalid UTF-8 sequence replaced by
 * U+FFFD: the normaliser and the rules take valid UTF-8 only. */
void dc_fuzz_to_utf8(const char *s, size_t n, struct dc_buf *out);

#endif
