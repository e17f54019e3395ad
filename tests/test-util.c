/*
 * test-util.c - unit tests for util.h's word-at-a-time helpers: each
 * must say of every byte, at every place in the word, what its
 * byte-at-a-time counterpart says.
 */
#include "config.h"
#include "util.h"

#include "tap.h"

#include <stdlib.h>

/* w with byte b at byte k and filler f in the others. */
static uint64_t
word_with(unsigned char b, unsigned k, unsigned char f)
{
    uint64_t w = 0x0101010101010101ull * f;
    w &= ~((uint64_t)0xff << (8 * k));
    return w | (uint64_t)b << (8 * k);
}

static void
test_spaces8(void)
{
    /* fillers around the byte: a letter, a space, a byte >= 0x80 */
    static const unsigned char fillers[] = {'a', ' ', 0xE2, '\t'};
    size_t wrong = 0;
    for (size_t fi = 0; fi < sizeof fillers; fi++)
        for (unsigned k = 0; k < 8; k++)
            for (unsigned b = 0; b < 256; b++) {
                uint64_t w = word_with((unsigned char)b, k, fillers[fi]);
                uint64_t m = dc_spaces8(w);
                for (unsigned j = 0; j < 8; j++) {
                    unsigned char c = (unsigned char)(w >> (8 * j));
                    bool flag = m >> (8 * j) & 0x80;
                    if (flag != dc_isspace(c))
                        wrong++;
                    if (m >> (8 * j) & 0x7f)
                        wrong++; /* only the top bit of a byte is set */
                }
            }
    ok(wrong == 0, "dc_spaces8 flags what dc_isspace takes (%zu wrong)",
       wrong);
}

/* The flags of dc_spaces8() on eight bytes of text, as a string: 's'
 * for a flagged byte, '.' for another. */
static void
check_spaces8(const char text[8], const char *want)
{
    uint64_t m = dc_spaces8(dc_load_le64(text));
    char got[9];
    for (unsigned j = 0; j < 8; j++)
        got[j] = m >> (8 * j) & 0x80 ? 's' : '.';
    got[8] = '\0';
    is_str(got, want, "dc_spaces8 of a line's bytes");
}

/* dc_three_spaces() as a byte-at-a-time loop says it. */
static const char *
three_slowly(const char *p, size_t n, bool blanks)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        size_t k = 0;
        while (k < 3 && (blanks ? dc_isspace((unsigned char)p[i + k])
                                : p[i + k] == ' '))
            k++;
        if (k == 3)
            return p + i;
    }
    return NULL;
}

/* Three blanks of every kind at every place of lines of every length up
 * to 40 (past a sixteen-byte window, an eight-byte one and the bytes
 * after them), among text with no blank or with two in a row. */
static void
test_three_spaces(void)
{
    static const char blank[] = {' ', '\t', '\n', '\r', '\v', '\f'};
    static const char *const text[] = {"x\xa0yz", "  x\xa0"};
    size_t wrong = 0;
    char line[40];
    for (size_t n = 0; n <= sizeof line; n++)
        for (size_t at = 0; at <= n; at++)
            for (size_t b = 0; b < sizeof blank * 2; b++)
                for (int blanks = 0; blanks < 2; blanks++) {
                    for (size_t k = 0; k < n; k++)
                        line[k] = text[b % 2][k % 4];
                    for (size_t k = at; k < n && k < at + 3; k++)
                        line[k] = blank[(b + k) % sizeof blank];
                    if (dc_three_spaces(line, n, blanks) !=
                        three_slowly(line, n, blanks))
                        wrong++;
                }
    ok(wrong == 0, "dc_three_spaces finds the first three blanks (%zu "
                   "wrong)", wrong);
}

/* The first byte is the lowest on any CPU, and a stored word is its
 * bytes in the same order. */
static void
test_load_le(void)
{
    static const unsigned char b[8] = {1, 2, 3, 4, 5, 6, 7, 0x88};
    unsigned char back[8];
    dc_store_le64(back, 0x8807060504030201ull);
    ok(dc_load_le64(b) == 0x8807060504030201ull &&
           dc_load_le32(b + 4) == 0x88070605u && memcmp(back, b, 8) == 0,
       "dc_load_le64, dc_load_le32 and dc_store_le64 keep the first byte "
       "lowest");
}

/* dc_no_gap_no_bar() against three_slowly() and memchr(): lines of every
 * length up to 70 (across the windows of sixteen bytes, fourteen apart,
 * and the last one, which ends at the line's end), each with three spaces
 * in a row, two, or a '|' at every place, among text with non-ASCII
 * letters and single spaces; never true where either is, always where
 * neither is and the line is sixteen bytes or longer (with SSE2: without
 * it, false always, as util.h says). */
static void
test_no_gap_no_bar(void)
{
    static const char *const put[] = {"   ", "  ", "|", " | "};
    static const char text[] = "ab c\xc3\xa9 d";
    char line[70];
    size_t wrong = 0, tried = 0;
#if defined(__SSE2__)
    const bool sse2 = true;
#else
    const bool sse2 = false; /* false always: "ask the others" */
#endif
    for (size_t n = 0; n <= sizeof line; n++)
        for (size_t at = 0; at <= n; at++)
            for (size_t k = 0; k < sizeof put / sizeof *put; k++) {
                for (size_t j = 0; j < n; j++)
                    line[j] = text[j % (sizeof text - 1)];
                for (size_t j = 0; j < strlen(put[k]) && at + j < n; j++)
                    line[at + j] = put[k][j];
                /* a copy of its own size, so that a read past it shows */
                char *copy = malloc(n ? n : 1);
                memcpy(copy, line, n);
                bool either = three_slowly(copy, n, false) ||
                              memchr(copy, '|', n);
                bool got = dc_no_gap_no_bar(copy, n);
                wrong += got ? either : !either && n >= 16 && sse2;
                tried++;
                free(copy);
            }
    ok(wrong == 0, "dc_no_gap_no_bar sees every gap and border (%zu of %zu "
                   "lines wrong)", wrong, tried);
}

/* Indents of spaces and tabs of every length up to 40, before text, a
 * byte >= 0x80 or the end: dc_leading() counts them all. */
static void
test_leading(void)
{
    static const char after[] = {'x', '\xa0', '\n'};
    size_t wrong = 0;
    char line[48];
    for (size_t indent = 0; indent <= 40; indent++)
        for (size_t a = 0; a <= sizeof after; a++) {
            for (size_t k = 0; k < indent; k++)
                line[k] = k % 3 == 1 ? '\t' : ' ';
            size_t len = indent;
            if (a < sizeof after)
                for (; len < sizeof line; len++)
                    line[len] = after[a];
            wrong += dc_leading(line, len, ' ', '\t') != indent;
            /* (spaces only: the first tab ends it) */
            wrong += dc_leading(line, len, ' ', ' ') != (indent > 1 ? 1
                                                          : indent);
        }
    ok(wrong == 0, "dc_leading counts an indent of any length (%zu wrong)",
       wrong);
}

/* Code points in texts of every length up to 80 and in long ones (more
 * than 255 sixteen-byte steps, all continuation bytes but the first),
 * against a count of the bytes that are not continuation bytes. */
static void
test_utf8_count(void)
{
    static char text[5000];
    size_t wrong = 0;
    for (size_t k = 0; k < sizeof text; k++)
        text[k] = "a\xc3\xa9\xe2\x80\x94 z"[k % 8];
    for (size_t n = 0; n <= 80; n++)
        for (size_t from = 0; from < 8; from++) {
            size_t want = 0;
            for (size_t k = from; k < from + n; k++)
                want += ((unsigned char)text[k] & 0xC0) != 0x80;
            wrong += dc_utf8_count(text + from, n) != want;
        }
    text[0] = 'a';
    for (size_t k = 1; k < sizeof text; k++)
        text[k] = '\x80';
    wrong += dc_utf8_count(text, sizeof text) != 1;
    wrong += dc_utf8_count(text + 1, sizeof text - 1) != 0;
    ok(wrong == 0, "dc_utf8_count counts what is no continuation byte (%zu "
                   "wrong)", wrong);
}

/* The valid prefix of ASCII text up to 48 bytes with one character put
 * at each offset in it: a valid one ("é", "—") is part of the prefix, a
 * bad byte or a cut sequence ends it where it starts, wherever it falls
 * among the sixteen bytes looked at together. */
static void
test_utf8_valid_prefix(void)
{
    static const struct {
        const char *put;
        bool valid;
    } cases[] = {{"\xc3\xa9", true}, {"\xe2\x80\x94", true},
                 {"\xff", false},     {"\xc3", false},
                 {"\xe2\x80", false}, {"\xc0\xaf", false}};
    char text[64];
    size_t wrong = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t k = strlen(cases[c].put);
        for (size_t len = k; len <= 48; len++) {
            for (size_t at = 0; at + k <= len; at++) {
                memset(text, 'a', len);
                memcpy(text + at, cases[c].put, k);
                /* a cut sequence at the very end is cut, not bad: still
                 * no part of the prefix */
                size_t want = cases[c].valid ? len : at;
                wrong += dc_utf8_valid_prefix(text, len) != want;
            }
        }
    }
    ok(wrong == 0, "dc_utf8_valid_prefix stops at the first bad byte (%zu "
                   "wrong)", wrong);
}

/* The valid UTF-8 prefix of u[0, n), a character at a time, as RFC 3629
 * spells it: what dc_utf8_valid_prefix() must find however it looks. */
static size_t
reference_valid_prefix(const unsigned char *u, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = u[i], len, lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            len = 2;
        else if (c >= 0xE0 && c <= 0xEF)
            len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        else if (c >= 0xF0 && c <= 0xF4)
            len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        else
            return i;
        if (n - i < len || u[i + 1] < lo || u[i + 1] > hi)
            return i;
        for (unsigned k = 2; k < len; k++)
            if ((u[i + k] & 0xC0) != 0x80)
                return i;
        i += len;
    }
    return i;
}

/* Texts of pieces drawn at random (ASCII runs, sequences of every
 * length, E0, ED, F0 and F4 with their second byte at the edges of its
 * range; one piece in eight a stray or missing continuation byte or a
 * byte that never starts one), looked at from every offset of a
 * sixteen-byte block: the valid prefix is the reference's. */
static void
test_utf8_valid_prefix_random(void)
{
    static const char *const valid[] = {
        "a", "plain words ", "0123456789abcdef", "\xc3\xa9", "\xd0\x96",
        "\xe2\x80\x94", "\xe4\xb8\xad\xe6\x96\x87", "\xea\xb0\x80",
        "\xe0\xa0\x80", "\xed\x9f\xbf", "\xef\xbf\xbd", "\xf0\x9f\x98\x80",
        "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf"};
    static const char *const bad[] = {
        "\xe0\x9f\xbf", "\xed\xa0\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
        "\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xc2", "\xe2\x80", "\xf0\x9f\x98",
        "\xf5\x80\x80\x80", "\xff"};
    unsigned char text[256];
    uint32_t seed = 12345;
    size_t wrong = 0, tried = 0;
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        for (;;) {
            seed = seed * 1103515245u + 12345u;
            uint32_t r = seed >> 8;
            const char *p = r % 8 == 0
                                ? bad[r / 8 % (sizeof bad / sizeof *bad)]
                                : valid[r / 8 % (sizeof valid / sizeof *valid)];
            size_t len = strlen(p);
            if (n + len > sizeof text)
                break;
            memcpy(text + n, p, len);
            n += len;
        }
        seed = seed * 1103515245u + 12345u;
        size_t from = (seed >> 16) % 16;
        for (size_t end = from; end <= n; end += 1 + end % 7) {
            size_t got = dc_utf8_valid_prefix((const char *)text + from,
                                              end - from);
            wrong += got != reference_valid_prefix(text + from, end - from);
            tried++;
        }
    }
    ok(wrong == 0, "dc_utf8_valid_prefix agrees with a byte-by-byte check "
                   "(%zu of %zu wrong)", wrong, tried);
}

int
main(void)
{
    test_spaces8();
    test_load_le();
    test_three_spaces();
    test_no_gap_no_bar();
    test_leading();
    test_utf8_count();
    test_utf8_valid_prefix();
    test_utf8_valid_prefix_random();
    check_spaces8("a \tb\r\n\xc2\xa0", ".ss.ss..");
    return tap_done();
}
