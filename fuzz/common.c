/*
 * common.c - the property checks every fuzz target shares; see fuzz.h.
 */
#include "config.h"
#include "fuzz.h"

#include "normalise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dc_fuzz_input_name;

_Noreturn void
dc_fuzz_fail(const char *target, const char *what)
{
    fprintf(stderr, "fuzz: %s: property violated: %s", target, what);
    if (dc_fuzz_input_name)
        fprintf(stderr, " (input %s)", dc_fuzz_input_name);
    fputc('\n', stderr);
    abort();
}

void
dc_fuzz_check_utf8(const char *target, const char *s, size_t n)
{
    DC_FUZZ_CHECK(target, dc_utf8_valid_prefix(s, n) == n,
                  "output is not valid UTF-8");
}

void
dc_fuzz_check_clean(const char *target, const char *s, size_t n)
{
    dc_fuzz_check_utf8(target, s, n);
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        DC_FUZZ_CHECK(target, u[i] >= 0x20 || u[i] == '\n' || u[i] == '\t',
                      "output holds NUL or a C0 control");
        DC_FUZZ_CHECK(target, u[i] != 0x7F, "output holds DEL");
        /* U+0080-U+009F are C2 80 - C2 9F */
        DC_FUZZ_CHECK(target, !(u[i] == 0xC2 && i + 1 < n && u[i + 1] <= 0x9F),
                      "output holds a C1 control");
    }
}

/* Does c read as a UTF-8 continuation byte in windows-1252 or Latin-1? */
static bool
continuation_like(int32_t c)
{
    static const int32_t cp1252[] = {
        0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
        0x0160, 0x2039, 0x0152, 0x017D, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178,
    };
    if (c >= 0x80 && c <= 0xBF)
        return true;
    for (size_t i = 0; i < sizeof cp1252 / sizeof cp1252[0]; i++)
        if (cp1252[i] == c)
            return true;
    return false;
}

/* Is there a lead-like character followed by a continuation-like one? */
static bool
mojibake_pair(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    int32_t prev = 0, cp;
    for (size_t i = 0; i < n;) {
        size_t k = dc_utf8_decode(u + i, n - i, &cp);
        if (!k)
            return false; /* not UTF-8: reported elsewhere */
        if (prev >= 0xC2 && prev <= 0xF4 && continuation_like(cp))
            return true;
        prev = cp;
        i += k;
    }
    return false;
}

void
dc_fuzz_check_idempotent(const char *target, const char *in, size_t n,
                         bool keep_quotes)
{
    struct dc_norm_opts o = {.keep_quotes = keep_quotes};
    struct dc_buf inert = DC_BUF_INIT, once = DC_BUF_INIT;
    struct dc_buf twice = DC_BUF_INIT;
    dc_buf_append(&inert, in, n);
    for (size_t i = 0; i < inert.len; i++)
        if (inert.data[i] == '&')
            inert.data[i] = '%';
    dc_normalise(inert.data, inert.len, &o, &once);
    dc_normalise(once.data, once.len, &o, &twice);
    if (!mojibake_pair(once.data, once.len))
        DC_FUZZ_CHECK(target,
                      twice.len == once.len &&
                          memcmp(twice.data, once.data, once.len) == 0,
                      "normalising twice differs from once (beyond "
                      "references)");
    dc_buf_free(&inert);
    dc_buf_free(&once);
    dc_buf_free(&twice);
}

bool
dc_fuzz_subsequence(const char *a, size_t n, const char *b, size_t m)
{
    size_t i = 0;
    for (size_t j = 0; i < n && j < m; j++)
        if (a[i] == b[j] || (a[i] == ' ' && b[j] == '\t'))
            i++;
    return i == n;
}

void
dc_fuzz_to_utf8(const char *s, size_t n, struct dc_buf *out)
{
    size_t i = 0;
    dc_buf_reserve(out, n);
    while (i < n) {
        size_t ok = dc_utf8_valid_prefix(s + i, n - i);
        dc_buf_append(out, s + i, ok);
        i += ok;
        if (i < n) {
            /* the byte that stopped the valid run becomes U+FFFD */
            dc_buf_append(out, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
}
