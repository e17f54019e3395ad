/*
 * tap.h - a tiny TAP producer for unit tests (after cmark's
 * api_test/harness.c).  Include once per test program.
 *
 *   int main(void) { ok(1 + 1 == 2, "adds"); is_str(a, b, "same"); return tap_done(); }
 */
#ifndef DC_TAP_H
#define DC_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static void
tap_vresult(int cond, const char *fmt, va_list ap)
{
    tap_n++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_n);
    vprintf(fmt, ap);
    putchar('\n');
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int
ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vresult(cond, fmt, ap);
    va_end(ap);
    return cond;
}

/* Compare byte strings of given lengths; on failure print both.  (Not
 * every test compares strings short enough to print.) */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6), unused))
#endif
static int
is_mem(const char *got, size_t got_len, const char *want, size_t want_len,
       const char *fmt, ...)
{
    int cond = got_len == want_len && memcmp(got, want, got_len) == 0;
    va_list ap;
    va_start(ap, fmt);
    tap_vresult(cond, fmt, ap);
    va_end(ap);
    if (!cond) {
        printf("#   got:  \"");
        for (size_t i = 0; i < got_len; i++) {
            unsigned char c = (unsigned char)got[i];
            printf(c >= 0x20 && c < 0x7f && c != '"' ? "%c" : "\\x%02x", c);
        }
        printf("\"\n#   want: \"");
        for (size_t i = 0; i < want_len; i++) {
            unsigned char c = (unsigned char)want[i];
            printf(c >= 0x20 && c < 0x7f && c != '"' ? "%c" : "\\x%02x", c);
        }
        printf("\"\n");
    }
    return cond;
}

#define is_str(got, want, ...)                                               \
    is_mem((got), strlen(got), (want), strlen(want), __VA_ARGS__)

/* Print the plan and return the exit status for main. */
static int
tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
