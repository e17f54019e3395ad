/*
 * util.h - small shared pieces: growable byte buffers, borrowed spans,
 * checked allocation, error records, locale-free ASCII ctype and UTF-8
 * helpers.
 *
 * Nothing here prints or exits, except the allocation wrappers, which end
 * the process with "declutter: out of memory" (as cmark and jq do) because
 * no caller could do anything better.
 */
#ifndef DC_UTIL_H
#define DC_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Error codes: stages return 0 or one of these (negative). */
enum dc_status {
    DC_OK = 0,
    DC_ENOMEM = -1, /* allocation failed (only via the allocation hook) */
    DC_EIO = -2,    /* read or write failed; saved_errno says why */
    DC_EINVAL = -3, /* bad argument, e.g. unknown encoding name */
    DC_ERULE = -4,  /* rule file error; file, line and col are set */
    DC_EDECODE = -5 /* undecodable input under --strict */
};

/*
 * An error record a stage fills in for main.c to report.  `file` points to
 * a string that outlives the record (a rule file's name, usually).  line
 * and col are 1-based, 0 when they do not apply.
 */
struct dc_error {
    int code;
    int saved_errno;
    const char *file;
    unsigned line, col;
    char msg[256];
};

/* Fill err (if not NULL) and return code. */
int dc_error_set(struct dc_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int dc_error_setv(struct dc_error *err, int code, const char *fmt,
                  va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 0)))
#endif
    ;

/* ------------------------------------------------------------ allocation */

/*
 * The allocator behind dc_xmalloc and friends.  Tests replace it to
 * simulate allocation failure; a NULL return makes dc_x* report "out of
 * memory" and exit 1.  calloc may be NULL: dc_xcalloc then zeroes what
 * realloc gives.  libc's calloc leaves fresh pages from the kernel
 * untouched, where a memset would fault in every page of a big, mostly
 * unused table at every start.
 */
struct dc_allocator {
    void *(*realloc)(void *p, size_t n);
    void (*free)(void *p);
    void *(*calloc)(size_t count, size_t size); /* count * size checked */
};
void dc_set_allocator(const struct dc_allocator *a);

void *dc_xmalloc(size_t n);
void *dc_xcalloc(size_t count, size_t size);
void *dc_xrealloc(void *p, size_t n);
/* dc_xgrow() when the array must grow. */
void *dc_xgrow_more(void *p, size_t *cap, size_t need, size_t size);
char *dc_xstrdup(const char *s);
char *dc_xstrndup(const char *s, size_t n);
/* A copy of p[0..n), NULL when n is 0. */
void *dc_xmemdup(const void *p, size_t n);
void dc_free(void *p);
/* Report "out of memory" and exit 1. */
_Noreturn void dc_out_of_memory(void);

/* Grow an array to hold at least `need` elements of `size` bytes; *cap is
 * updated.  Overflow-checked.  Inline, as dc_add_size(): called for
 * every line and block, they are a comparison when there is room. */
static inline void *
dc_xgrow(void *p, size_t *cap, size_t need, size_t size)
{
    return need <= *cap ? p : dc_xgrow_more(p, cap, need, size);
}

/* a + b, or abort with "out of memory" when it overflows size_t */
static inline size_t
dc_add_size(size_t a, size_t b)
{
    if (a > SIZE_MAX - b)
        dc_out_of_memory();
    return a + b;
}

/* ---------------------------------------------------------------- buffers */

/* A growable byte buffer.  data is always NUL-terminated when cap > 0. */
struct dc_buf {
    char *data;
    size_t len, cap;
};

#define DC_BUF_INIT {NULL, 0, 0}

void dc_buf_reserve(struct dc_buf *b, size_t extra);
/* dc_buf_append and dc_buf_putc when the buffer must grow first. */
void dc_buf_append_grow(struct dc_buf *b, const void *p, size_t n);
void dc_buf_putc_grow(struct dc_buf *b, char c);

/* Inline: every line goes through them more than once, and where there
 * is room (almost always) they are a copy and two stores. */
static inline void
dc_buf_append(struct dc_buf *b, const void *p, size_t n)
{
    if (n >= b->cap - b->len) { /* no room for n bytes and the NUL */
        dc_buf_append_grow(b, p, n);
        return;
    }
    if (n) /* p may be NULL then */
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void
dc_buf_putc(struct dc_buf *b, char c)
{
    if (b->cap - b->len < 2) {
        dc_buf_putc_grow(b, c);
        return;
    }
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void dc_buf_puts(struct dc_buf *b, const char *s);
void dc_buf_printf(struct dc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Remove the first n bytes, keeping the rest. */
void dc_buf_consume(struct dc_buf *b, size_t n);
void dc_buf_clear(struct dc_buf *b);
void dc_buf_free(struct dc_buf *b);

/* A borrowed span of bytes; never owns its memory. */
struct dc_span {
    const char *p;
    size_t len;
};

/* ------------------------------------------------------------ byte order */

/*
 * Words of bytes in little-endian order, the first byte lowest, on any
 * CPU.  The word-at-a-time scans take the first byte that matched for
 * the lowest flag (ctz / 8), and keys made by shifting bytes in are
 * stored back as the bytes they were: both need this order.  One memcpy
 * (a plain load or store on x86 and arm64), and a byte swap with it on a
 * big-endian CPU (s390x does both in one instruction).
 */
#if !defined(__BYTE_ORDER__)
#error "declutter needs __BYTE_ORDER__ (GCC or Clang)"
#endif

static inline uint64_t
dc_load_le64(const void *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* (GCC and Clang make one load of this, reversed where it must be) */
static inline uint32_t
dc_load_le32(const void *p)
{
    const unsigned char *b = p;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
           (uint32_t)b[3] << 24;
}

static inline void
dc_store_le64(void *p, uint64_t w)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    memcpy(p, &w, sizeof w);
}

/* -------------------------------------------------- locale-free ASCII ctype */

static inline bool
dc_isspace(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}
static inline bool
dc_isdigit(int c)
{
    return c >= '0' && c <= '9';
}
static inline bool
dc_isupper(int c)
{
    return c >= 'A' && c <= 'Z';
}
static inline bool
dc_islower(int c)
{
    return c >= 'a' && c <= 'z';
}
static inline bool
dc_isalpha(int c)
{
    return dc_isupper(c) || dc_islower(c);
}
static inline bool
dc_isalnum(int c)
{
    return dc_isalpha(c) || dc_isdigit(c);
}
static inline int
dc_tolower(int c)
{
    return dc_isupper(c) ? c + 32 : c;
}

/* The value of the hexadecimal digit c, or -1. */
static inline int
dc_hex_value(int c)
{
    if (dc_isdigit(c))
        return c - '0';
    c = dc_tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The value of the four hexadecimal digits at p (n bytes there), as a
 * "\uXXXX" escape gives them, or -1. */
static inline int32_t
dc_hex4(const char *p, size_t n)
{
    if (n < 4)
        return -1;
    int32_t v = 0;
    for (int k = 0; k < 4; k++) {
        int d = dc_hex_value((unsigned char)p[k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Eight ASCII bytes (none >= 0x80) at once, upper case to lower case:
 * add 0x20 where 'A' <= byte <= 'Z'.  No byte carries into the next. */
static inline uint64_t
dc_tolower8(uint64_t w)
{
    uint64_t ge_a = w + 0x3f3f3f3f3f3f3f3full;
    uint64_t gt_z = w + 0x2525252525252525ull;
    return w | (ge_a & ~gt_z & 0x8080808080808080ull) >> 2;
}

/* 0x80 in each byte of w that is c, 0 in the others: exact (no borrow
 * reaches another byte), so the lowest flag says where the first is. */
static inline uint64_t
dc_bytes_equal(uint64_t w, unsigned char c)
{
    uint64_t t = w ^ 0x0101010101010101ull * c; /* c: zero bytes */
    return ~(((t & 0x7f7f7f7f7f7f7f7full) + 0x7f7f7f7f7f7f7f7full) | t) &
           0x8080808080808080ull;
}

/* Nonzero when a byte of w is below n (n <= 0x80): 0x80 in the first
 * such byte, exactly; a borrow may flag bytes after it too. */
static inline uint64_t
dc_has_less(uint64_t w, unsigned n)
{
    return (w - 0x0101010101010101ull * n) & ~w & 0x8080808080808080ull;
}

/*
 * Index of the first byte flagged in a mask of 0x80s (dc_bytes_equal(),
 * dc_has_less(), dc_spaces8(), a word's own high bits) of a word that
 * dc_load_le64() read.  A borrow only flags bytes above a truly flagged
 * one, and the first byte is the lowest: the lowest flag is exact.
 * flags must not be 0.
 */
static inline size_t
dc_first_flagged(uint64_t flags)
{
    return (size_t)__builtin_ctzll(flags) / 8;
}

/* 0x80 in each byte of w that dc_isspace() takes: ' ', or '\t' to '\r'
 * (0x09-0x0D).  Bytes kept below 0x80 for the additions carry into no
 * other byte. */
static inline uint64_t
dc_spaces8(uint64_t w)
{
    uint64_t t = w & 0x7f7f7f7f7f7f7f7full;
    uint64_t ge_tab = t + 0x7777777777777777ull;   /* t + 0x80 - 0x09 */
    uint64_t gt_cr = t + 0x7272727272727272ull;    /* t + 0x80 - 0x0E */
    return ((ge_tab & ~gt_cr & ~w) | dc_bytes_equal(w, ' ')) &
           0x8080808080808080ull;
}

/*
 * The first three bytes in a row in p[0..n) that are spaces, or (when
 * `blanks`) any bytes dc_isspace() takes; NULL if there are none.
 * Sixteen bytes at a time where SSE2 is (every x86-64), eight otherwise,
 * windows overlapping so that every start is tried.
 */
static inline const char *
dc_three_spaces(const char *p, size_t n, bool blanks)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 14) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        __m128i hit = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
        if (blanks) /* '\t' to '\r'; bytes >= 0x80 compare as negative */
            hit = _mm_or_si128(
                hit, _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x08)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8(0x0E))));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        m &= m >> 1 & m >> 2; /* bit k (k < 14): bytes k to k + 2 are */
        if (m)
            return p + i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 8 <= n; i += 6) {
        uint64_t w = dc_load_le64(p + i);
        uint64_t m = blanks ? dc_spaces8(w) : dc_bytes_equal(w, ' ');
        m &= m >> 8 & m >> 16; /* byte k (k < 6): bytes k to k + 2 are */
        if (m)
            return p + i + dc_first_flagged(m);
    }
#define DC_SPACE_AT(k) \
    (blanks ? dc_isspace((unsigned char)p[k]) : p[k] == ' ')
    for (; i + 3 <= n; i++)
        if (DC_SPACE_AT(i) && DC_SPACE_AT(i + 1) && DC_SPACE_AT(i + 2))
            return p + i;
#undef DC_SPACE_AT
    return NULL;
}

/*
 * Is p[0..n) sure to hold no three spaces in a row and no '|' (a layout's
 * gap or a drawn border)?  Both in one pass, where SSE2 is; false when it
 * may hold either, and when n < 16 or there is no SSE2: then ask
 * dc_three_spaces() and memchr().
 */
static inline bool
dc_no_gap_no_bar(const char *p, size_t n)
{
#if defined(__SSE2__)
    if (n < 16)
        return false;
    /* fourteen bytes on, so that a run of three is whole in one window;
     * the last window ends at the text's end */
    for (size_t i = 0;; i += 14) {
        if (i + 16 > n)
            i = n - 16;
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        unsigned sp = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
        unsigned bar = (unsigned)_mm_movemask_epi8(
            _mm_cmpeq_epi8(v, _mm_set1_epi8('|')));
        if ((sp & sp >> 1 & sp >> 2) | bar)
            return false;
        if (i + 16 == n)
            return true;
    }
#else
    (void)p, (void)n;
    return false;
#endif
}

/* The m bytes at p (1 <= m < 8) as a little-endian word, zero above,
 * without reading past them: two loads that overlap, not a loop. */
static inline uint64_t
dc_load_short(const unsigned char *p, size_t m)
{
    if (m >= 4) {
        uint32_t a = dc_load_le32(p), b = dc_load_le32(p + m - 4);
        return (uint64_t)a | (uint64_t)b << (8 * (m - 4));
    }
    /* 1 to 3 bytes: the first, the middle and the last */
    return (uint64_t)p[0] | (uint64_t)p[m / 2] << (8 * (m / 2)) |
           (uint64_t)p[m - 1] << (8 * (m - 1));
}

/* The length of the run of bytes a or b that p[0..len) starts with (a
 * line's indentation): none, at the first byte, for most lines; sixteen
 * or eight bytes at a time for the others (text browsers indent
 * deeply). */
static inline size_t
dc_leading(const char *p, size_t len, unsigned char a, unsigned char b)
{
    size_t i = 0;
    if (len == 0 || ((unsigned char)p[0] != a && (unsigned char)p[0] != b))
        return 0;
#if defined(__SSE2__)
    for (; i + 16 <= len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)a)),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8((char)b))));
        if (m != 0xFFFF)
            return i + (size_t)__builtin_ctz(~m);
    }
#endif
    for (; i + 8 <= len; i += 8) {
        uint64_t w = dc_load_le64(p + i);
        uint64_t other = ~(dc_bytes_equal(w, a) | dc_bytes_equal(w, b)) &
                         0x8080808080808080ull;
        if (other)
            return i + dc_first_flagged(other);
    }
    while (i < len && ((unsigned char)p[i] == a || (unsigned char)p[i] == b))
        i++;
    return i;
}

/* Is p[0..len), after its indentation (spaces, tabs), a rule of three
 * '_' or more and nothing else: the top border html2text draws above a
 * table? */
static inline bool
dc_underscore_rule(const char *p, size_t len)
{
    size_t i = dc_leading(p, len, ' ', '\t');
    return i + 3 <= len && dc_leading(p + i, len - i, '_', '_') == len - i;
}

/*
 * Does p[0..len), after its indentation (spaces, tabs), start a numbered
 * list item: one to max_digits digits, then "." or ")" and a space ("1. ",
 * "12) ")?  Stores the item's number in *number (when not NULL).  Callers
 * take few digits where a wrapped sentence may go on with a year ("...
 * founded in\n1998. The").
 */
static inline bool
dc_numbered_item(const char *p, size_t len, size_t max_digits,
                 uint64_t *number)
{
    size_t i = dc_leading(p, len, ' ', '\t');
    size_t d = 0;
    uint64_t n = 0;
    for (; i < len && d < max_digits && dc_isdigit((unsigned char)p[i]);
         i++, d++)
        n = n * 10 + (uint64_t)(p[i] - '0');
    if (d == 0 || i + 1 >= len || (p[i] != '.' && p[i] != ')') ||
        p[i + 1] != ' ')
        return false;
    if (number)
        *number = n;
    return true;
}

/* ------------------------------------------------------------------ UTF-8 */

/*
 * Decode one UTF-8 sequence at s (n bytes available).  Returns its length
 * (1-4) and stores the code point, or returns 0 for an invalid or
 * truncated sequence (overlong forms, surrogates and values above
 * U+10FFFF are invalid).  Inline: every stage calls it per character.
 */
static inline size_t
dc_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        /* two bytes (Latin, Greek, Cyrillic...): never overlong */
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)((c & 0x1F) << 6 | (s[1] & 0x3Fu));
        return 2;
    }
    size_t len;
    int32_t v, min;
    if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* Encode cp (must be a valid scalar value) into out; returns 1-4. */
size_t dc_utf8_encode(int32_t cp, char out[4]);

/* Length of the longest valid UTF-8 prefix of s. */
size_t dc_utf8_valid_prefix(const char *s, size_t n);

/* Code points in s (its bytes that are not continuation bytes). */
size_t dc_utf8_count(const char *s, size_t n);

#endif
