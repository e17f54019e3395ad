/*
 * util.c - buffers, checked allocation, error records and UTF-8 helpers.
 */
#include "config.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ errors */

int
dc_error_setv(struct dc_error *err, int code, const char *fmt, va_list ap)
{
    if (err) {
        err->code = code;
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    }
    return code;
}

int
dc_error_set(struct dc_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dc_error_setv(err, code, fmt, ap);
    va_end(ap);
    return code;
}

/* -------------------------------------------------------------- allocation */

static void *
libc_realloc(void *p, size_t n)
{
    return realloc(p, n);
}

static void
libc_free(void *p)
{
    free(p);
}

static void *
libc_calloc(size_t count, size_t size)
{
    return calloc(count, size);
}

#define LIBC_ALLOCATOR {libc_realloc, libc_free, libc_calloc}
static struct dc_allocator allocator = LIBC_ALLOCATOR;

void
dc_set_allocator(const struct dc_allocator *a)
{
    static const struct dc_allocator libc = LIBC_ALLOCATOR;
    allocator = a ? *a : libc;
}

_Noreturn void
dc_out_of_memory(void)
{
    /* The one exit outside main.c: nothing upstream could recover. */
    fputs("declutter: out of memory\n", stderr);
    exit(1);
}

void *
dc_xrealloc(void *p, size_t n)
{
    void *q = allocator.realloc(p, n ? n : 1);
    if (!q)
        dc_out_of_memory();
    return q;
}

void *
dc_xmalloc(size_t n)
{
    return dc_xrealloc(NULL, n);
}

void *
dc_xcalloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        dc_out_of_memory();
    size_t n = count * size;
    if (!allocator.calloc) {
        void *p = dc_xmalloc(n);
        memset(p, 0, n);
        return p;
    }
    void *p = allocator.calloc(n ? count : 1, n ? size : 1);
    if (!p)
        dc_out_of_memory();
    return p;
}

void *
dc_xgrow_more(void *p, size_t *cap, size_t need, size_t size)
{
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            dc_out_of_memory();
        n *= 2;
    }
    if (size && n > SIZE_MAX / size)
        dc_out_of_memory();
    p = dc_xrealloc(p, n * size);
    *cap = n;
    return p;
}

char *
dc_xstrndup(const char *s, size_t n)
{
    char *d = dc_xmalloc(dc_add_size(n, 1));
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void *
dc_xmemdup(const void *p, size_t n)
{
    if (!n)
        return NULL;
    void *d = dc_xmalloc(n);
    memcpy(d, p, n);
    return d;
}

char *
dc_xstrdup(const char *s)
{
    return dc_xstrndup(s, strlen(s));
}

void
dc_free(void *p)
{
    if (p)
        allocator.free(p);
}

/* ----------------------------------------------------------------- buffers */

void
dc_buf_reserve(struct dc_buf *b, size_t extra)
{
    size_t need = dc_add_size(dc_add_size(b->len, extra), 1);
    if (need <= b->cap)
        return;
    b->data = dc_xgrow(b->data, &b->cap, need, 1);
}

void
dc_buf_append_grow(struct dc_buf *b, const void *p, size_t n)
{
    dc_buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
dc_buf_puts(struct dc_buf *b, const char *s)
{
    dc_buf_append(b, s, strlen(s));
}

void
dc_buf_putc_grow(struct dc_buf *b, char c)
{
    dc_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void
dc_buf_printf(struct dc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    dc_buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void
dc_buf_consume(struct dc_buf *b, size_t n)
{
    if (n >= b->len) {
        dc_buf_clear(b);
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
    b->data[b->len] = '\0';
}

void
dc_buf_clear(struct dc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
dc_buf_free(struct dc_buf *b)
{
    dc_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------------- UTF-8 */

size_t
dc_utf8_encode(int32_t cp, char out[4])
{
    unsigned u = (unsigned)cp;
    if (u < 0x80) {
        out[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        out[0] = (char)(0xC0 | (u >> 6));
        out[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        out[0] = (char)(0xE0 | (u >> 12));
        out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
        out[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (u >> 18));
    out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
    out[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

#if defined(__SSE2__)
/*
 * The valid UTF-8 of u[i, n), from a character boundary i, sixteen bytes
 * at a time: blocks of ASCII, two-byte and three-byte sequences are
 * checked together (continuation bytes just where the lead bytes before
 * them say, the first one or two of a block continuing the last one's).
 * Returns the last character boundary it got to: where a block holds a
 * byte that needs more (a four-byte sequence, E0 or ED, whose second
 * byte is restricted, a bad byte) or the bytes run out.
 */
static size_t
valid_blocks(const unsigned char *u, size_t n, size_t i)
{
    size_t boundary = i;
    uint32_t carry = 0; /* bytes of the block that continue the last's */
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        uint32_t high = (uint32_t)_mm_movemask_epi8(v);
        if (!high && !carry) {
            boundary = i + 16;
            continue;
        }
        /* signed bytes: 80-BF are below C0, and so on */
        uint32_t cont = (uint32_t)_mm_movemask_epi8(
            _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
        uint32_t lead2 = (uint32_t)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xC1)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xE0))));
        uint32_t lead3 = (uint32_t)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xDF)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xF0))));
        uint32_t restricted = (uint32_t)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE0)),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED))));
        if ((high & ~(cont | lead2 | lead3)) || restricted)
            break;
        uint32_t expect = carry | lead2 << 1 | lead3 << 1 | lead3 << 2;
        if ((expect & 0xFFFF) != cont)
            break;
        carry = expect >> 16;
        /* a sequence the next block ends began at the block's last lead */
        boundary = carry ? i + 31 - (size_t)__builtin_clz(lead2 | lead3)
                         : i + 16;
    }
    return boundary;
}
#endif

size_t
dc_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
#if defined(__SSE2__)
        /* in bulk, and byte by byte over the block that stopped that */
        i = valid_blocks(u, n, i);
        size_t stop = n - i > 32 ? i + 32 : n;
#else
        size_t stop = n;
#endif
        /* Each sequence length checked inline: this runs on every byte
         * of input, and a call per character costs more than iconv
         * takes. */
        while (i < stop) {
            unsigned c = u[i];
            if (c < 0x80) {
                /* ASCII fast path, 16 bytes at a time, up to the first byte
                 * that is not ASCII (found at once, not byte by byte: text
                 * with a curly quote or a dash every few words has one in
                 * most sixteen bytes) */
                while (i + 16 <= n) {
                    uint64_t a = dc_load_le64(u + i) & 0x8080808080808080ull;
                    uint64_t b = dc_load_le64(u + i + 8) &
                                 0x8080808080808080ull;
                    if (a) {
                        i += dc_first_flagged(a);
                        break;
                    }
                    if (b) {
                        i += 8 + dc_first_flagged(b);
                        break;
                    }
                    i += 16;
                }
                while (i < n && u[i] < 0x80)
                    i++;
                continue;
            }
            if (c < 0xC2)
                return i;
            if (c < 0xE0) {
                if (i + 1 >= n || (u[i + 1] & 0xC0) != 0x80)
                    return i;
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= n)
                    return i;
                unsigned c1 = u[i + 1];
                if ((c1 & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80 ||
                    (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F))
                    return i;
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= n)
                    return i;
                unsigned c1 = u[i + 1];
                if ((c1 & 0xC0) != 0x80 || (u[i + 2] & 0xC0) != 0x80 ||
                    (u[i + 3] & 0xC0) != 0x80 || (c == 0xF0 && c1 < 0x90) ||
                    (c == 0xF4 && c1 > 0x8F))
                    return i;
                i += 4;
            } else {
                return i;
            }
        }
    }
    return i;
}

/* How many of the eight bytes in w are UTF-8 continuation bytes
 * (10xxxxxx): their flags moved down to ones, summed by a multiply. */
static inline size_t
continuation_bytes(uint64_t w)
{
    uint64_t c = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
    return (size_t)((c * 0x0101010101010101ull) >> 56);
}

size_t
dc_utf8_count(const char *s, size_t n)
{
    size_t cont = 0, i = 0;
#if defined(__SSE2__)
    /* Sixteen bytes at a time with SSE2 (every x86-64): each lane counts
     * its continuation bytes (below 0xC0 as signed: 0x80-0xBF), up to
     * 255 of them, and psadbw sums the lanes. */
    const __m128i below = _mm_set1_epi8((char)0xC0), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i lanes = zero;
        for (size_t k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(v, below));
        }
        __m128i sums = _mm_sad_epu8(lanes, zero);
        cont += (size_t)_mm_cvtsi128_si32(sums) +
                (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
    }
#endif
    /* Eight bytes at a time. */
    for (; i + 8 <= n; i += 8) {
        cont += continuation_bytes(dc_load_le64(s + i));
    }
    if (i < n && n >= 8) {
        /* the last 1-7 bytes: the eight that end the text, less those
         * counted already, rather than a loop (lines are short, and this
         * runs for each of them) */
        uint64_t w = dc_load_le64(s + n - 8);
        return n - cont - continuation_bytes(w >> 8 * (8 - (n - i)));
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}
