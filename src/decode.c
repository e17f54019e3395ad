/*
 * decode.c - bytes in any common encoding to valid UTF-8, as a stream.
 *
 * A document goes through two phases.  While sniffing, input is copied
 * into a buffer of at most DC_DECODE_SNIFF bytes until a byte-order mark,
 * the buffer filling up or the end of input settles the encoding (a
 * feed that holds all the bytes to sniff is read where it is).  From
 * then on every chunk is converted in place, either by our own UTF-8 path
 * (validate in bulk, copy valid runs with one memcpy, read stray bytes as
 * windows-1252) or by iconv(3).  A multibyte sequence cut by the end of a
 * chunk is kept in a small carry array and completed from the next chunk,
 * so the output never depends on how the input was split.
 *
 * It does not normalise, does not read files and does not print.  Memory
 * is the sniff buffer plus what the caller's output buffer needs.
 */
#include "config.h"
#include "decode.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#if HAVE_UCHARDET
#include <uchardet/uchardet.h>

#include "dlopen.h"
#endif

/*
 * Longest sequence held back between chunks.  UTF-8, UTF-32 and GB18030
 * need 4 bytes; stateful encodings (ISO-2022-*) may add an escape
 * sequence in front.  A longer "incomplete" sequence is treated as bad.
 */
#define CARRY_MAX 16

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

enum mode {
    MODE_SNIFF, /* encoding not yet known; input goes to d->sniff */
    MODE_UTF8,  /* our own UTF-8 path */
    MODE_ICONV  /* everything else, through d->cd */
};

struct dc_decoder {
    char *from;           /* from_code upper-cased, or NULL to detect */
    const char *from_key; /* Unicode family of from ("UTF-16"...) or NULL */

    enum mode mode;
    const char *enc; /* name reported; NULL while sniffing */
    bool fallback;   /* UTF-8 mode: read bad bytes as windows-1252 */
    bool done;       /* a final feed ended the document */
    size_t unit;     /* bytes skipped on EILSEQ: 1, or 2/4 for UTF-16/32 */
    size_t replaced;

    /* iconv descriptor, kept across documents while the name is the
     * same (JSONL input is many small documents in one encoding). */
    iconv_t cd;
    char *cd_name;

    unsigned char *sniff; /* DC_DECODE_SNIFF bytes, allocated once */
    size_t nsniff;
    size_t sniff_valid; /* its first bytes that guess() found valid UTF-8 */
    unsigned char carry[CARRY_MAX];
    size_t ncarry;

#if HAVE_UCHARDET
    uchardet_t ud;
#endif
};

/* ------------------------------------------------------------ names */

struct bom {
    const char *bytes;
    size_t len;
    const char *enc;
};

/* UTF-32LE before UTF-16LE: FF FE 00 00 is read as UTF-32LE. */
static const struct bom boms[] = {
    {"\xEF\xBB\xBF", 3, "UTF-8"},    {"\xFF\xFE\0\0", 4, "UTF-32LE"},
    {"\0\0\xFE\xFF", 4, "UTF-32BE"}, {"\xFF\xFE", 2, "UTF-16LE"},
    {"\xFE\xFF", 2, "UTF-16BE"},
};

static char *
upper_dup(const char *s)
{
    char *u = dc_xstrdup(s);
    for (char *p = u; *p; p++) {
        if (dc_islower((unsigned char)*p))
            *p = (char)(*p - 32);
    }
    return u;
}

/*
 * The Unicode family an encoding name belongs to, in canonical spelling,
 * or NULL.  "utf8", "UTF_16le" and "Utf-32" are all recognised: we handle
 * their byte-order marks ourselves instead of leaving it to iconv.
 */
static const char *
unicode_key(const char *name)
{
    static const struct {
        const char *squeezed, *key;
    } keys[] = {
        {"utf8", "UTF-8"},       {"utf16", "UTF-16"}, {"utf16le", "UTF-16LE"},
        {"utf16be", "UTF-16BE"}, {"utf32", "UTF-32"}, {"utf32le", "UTF-32LE"},
        {"utf32be", "UTF-32BE"},
    };
    char sq[16];
    size_t n = 0;
    for (const char *p = name; *p; p++) {
        if (*p == '-' || *p == '_')
            continue;
        if (n + 1 >= sizeof sq)
            return NULL;
        sq[n++] = (char)dc_tolower((unsigned char)*p);
    }
    sq[n] = '\0';
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(sq, keys[i].squeezed) == 0)
            return keys[i].key;
    }
    return NULL;
}

static size_t
unit_of(const char *enc)
{
    if (strncmp(enc, "UTF-16", 6) == 0 || strncmp(enc, "UCS-2", 5) == 0)
        return 2;
    if (strncmp(enc, "UTF-32", 6) == 0 || strncmp(enc, "UCS-4", 5) == 0)
        return 4;
    return 1;
}

/* ------------------------------------------------------- small helpers */

static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* Append byte c (>= 0x80) read as windows-1252; 0x81 0x8D 0x8F 0x90 0x9D
 * are undefined there and become U+FFFD. */
static void
put_cp1252(struct dc_buf *out, unsigned char c)
{
    char u[4];
    int32_t cp = c < 0xA0 ? cp1252_high[c - 0x80] : c;
    dc_buf_append(out, u, dc_utf8_encode(cp, u));
}

/*
 * True if s[0..n) is the start of a valid UTF-8 sequence that needs more
 * than n bytes: what a chunk boundary or the end of input can cut.
 */
static bool
utf8_cut(const unsigned char *s, size_t n)
{
    if (n == 0 || n > 3)
        return false;
    unsigned c = s[0];
    size_t len;
    unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return false;
    }
    if (n >= len)
        return false;
    if (n > 1 && (s[1] < lo || s[1] > hi))
        return false;
    for (size_t i = 2; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return false;
    }
    return true;
}

/*
 * Make out[start..len) valid UTF-8.  iconv's output is checked because
 * our promise must not rest on every iconv implementation: glibc writes
 * UCS-4 input above U+10FFFF as 4- to 6-byte forms.  Each bad byte, with
 * the continuation bytes after it, becomes one U+FFFD.
 */
static void
ensure_utf8(struct dc_decoder *d, struct dc_buf *out, size_t start)
{
    size_t v =
        start + dc_utf8_valid_prefix(out->data + start, out->len - start);
    if (v == out->len)
        return;
    size_t n = out->len - v;
    char *tail = dc_xmalloc(n);
    memcpy(tail, out->data + v, n);
    out->len = v;
    size_t i = 0;
    while (i < n) {
        size_t k = dc_utf8_valid_prefix(tail + i, n - i);
        dc_buf_append(out, tail + i, k);
        i += k;
        if (i < n) {
            dc_buf_append(out, REPLACEMENT, 3);
            d->replaced++;
            i++;
            while (i < n && ((unsigned char)tail[i] & 0xC0) == 0x80)
                i++;
        }
    }
    out->data[out->len] = '\0';
    dc_free(tail);
}

/* ---------------------------------------------------------- converters */

/*
 * Convert UTF-8 s[0..n): valid runs are copied whole; a bad byte becomes
 * its windows-1252 reading (fallback) or U+FFFD.  Returns the bytes used;
 * fewer than n only when !final and the rest is a cut sequence.
 */
static size_t
utf8_convert(struct dc_decoder *d, const unsigned char *s, size_t n, bool final,
             struct dc_buf *out)
{
    size_t i = 0;
    dc_buf_reserve(out, n);
    while (i < n) {
        size_t k = dc_utf8_valid_prefix((const char *)s + i, n - i);
        if (k) {
            dc_buf_append(out, s + i, k);
            i += k;
            if (i == n)
                break;
        }
        if (utf8_cut(s + i, n - i)) {
            if (!final)
                return i;
            /* cut by the end of input: one U+FFFD for the lot */
            dc_buf_append(out, REPLACEMENT, 3);
            d->replaced += n - i;
            return n;
        }
        if (d->fallback)
            put_cp1252(out, s[i]);
        else
            dc_buf_append(out, REPLACEMENT, 3);
        d->replaced++;
        i++;
    }
    return n;
}

/*
 * Convert s[0..n) with iconv.  Returns the bytes used; fewer than n only
 * when !final and iconv reports an incomplete sequence of at most
 * CARRY_MAX bytes at the end.
 */
static size_t
iconv_convert(struct dc_decoder *d, const unsigned char *s, size_t n,
              bool final, struct dc_buf *out)
{
    size_t pos = 0;
    while (pos < n) {
        size_t left = n - pos;
        /* Grow in steps: one call may cover a 200 MB buffer. */
        dc_buf_reserve(out, (left < 65536 ? left : 65536) * 2 + 16);
        /* iconv's inbuf is not const, but is only read */
        char *ip = (char *)(uintptr_t)(s + pos);
        size_t il = left;
        size_t start = out->len;
        char *op = out->data + out->len;
        size_t ol = out->cap - out->len - 1;
        size_t r = iconv(d->cd, &ip, &il, &op, &ol);
        int e = errno;
        out->len = (size_t)(op - out->data);
        out->data[out->len] = '\0';
        ensure_utf8(d, out, start);
        pos = n - il;
        if (r != (size_t)-1 || il == 0)
            break;
        if (e == E2BIG) {
            dc_buf_reserve(out, out->cap - out->len + 4096);
            continue;
        }
        if (e == EINVAL) {
            if (final) {
                /* cut by the end of input: one U+FFFD for the lot */
                dc_buf_append(out, REPLACEMENT, 3);
                d->replaced += il;
                pos = n;
                break;
            }
            if (il <= CARRY_MAX)
                return pos;
            /* too long to be a real sequence: fall through as bad */
        }
        /* EILSEQ: skip one byte (one code unit in UTF-16/32, so the
         * rest stays aligned). */
        size_t skip = d->unit < il ? d->unit : il;
        dc_buf_append(out, REPLACEMENT, 3);
        d->replaced += skip;
        pos += skip;
    }
    return n;
}

static size_t
convert(struct dc_decoder *d, const unsigned char *s, size_t n, bool final,
        struct dc_buf *out)
{
    if (d->mode == MODE_UTF8)
        return utf8_convert(d, s, n, final, out);
    return iconv_convert(d, s, n, final, out);
}

/*
 * Convert s[0..n) after whatever was carried from the last chunk, and
 * carry what is cut at the end.  The carried bytes are completed from a
 * small copy of the chunk's head, so the chunk itself is never copied.
 */
static void
run(struct dc_decoder *d, const unsigned char *s, size_t n, bool final,
    struct dc_buf *out)
{
    if (d->ncarry) {
        unsigned char tmp[2 * CARRY_MAX];
        size_t old = d->ncarry;
        size_t take = n < CARRY_MAX ? n : CARRY_MAX;
        memcpy(tmp, d->carry, old);
        if (take)
            memcpy(tmp + old, s, take);
        size_t tn = old + take;
        d->ncarry = 0;
        size_t used = convert(d, tmp, tn, final && take == n, out);
        if (used < old) {
            /* Still cut, so take == n: a longer rest would have been
             * bad, and the rest is at most CARRY_MAX. */
            d->ncarry = tn - used;
            memcpy(d->carry, tmp + used, d->ncarry);
            return;
        }
        s += used - old;
        n -= used - old;
    }
    size_t used = convert(d, s, n, final, out);
    d->ncarry = n - used;
    if (d->ncarry)
        memcpy(d->carry, s + used, d->ncarry);
}

/* Write iconv's closing shift sequence, if any, and reset its state. */
static void
finish(struct dc_decoder *d, struct dc_buf *out)
{
    if (d->mode != MODE_ICONV)
        return;
    for (;;) {
        dc_buf_reserve(out, 64);
        size_t start = out->len;
        char *op = out->data + out->len;
        size_t ol = out->cap - out->len - 1;
        size_t r = iconv(d->cd, NULL, NULL, &op, &ol);
        int e = errno;
        out->len = (size_t)(op - out->data);
        out->data[out->len] = '\0';
        ensure_utf8(d, out, start);
        if (r != (size_t)-1 || e != E2BIG)
            break;
        dc_buf_reserve(out, out->cap - out->len + 4096);
    }
    iconv(d->cd, NULL, NULL, NULL, NULL);
}

/* ------------------------------------------------------------- choosing */

static void
use_utf8(struct dc_decoder *d, bool fallback)
{
    d->mode = MODE_UTF8;
    d->enc = "UTF-8";
    d->fallback = fallback;
    d->unit = 1;
}

/* Switch to iconv from name (upper case); false if iconv rejects it. */
static bool
use_iconv(struct dc_decoder *d, const char *name)
{
    if (d->cd_name && strcmp(d->cd_name, name) == 0) {
        iconv(d->cd, NULL, NULL, NULL, NULL);
    } else {
        iconv_t cd = iconv_open("UTF-8", name);
        if (cd == (iconv_t)-1)
            return false;
        if (d->cd_name)
            iconv_close(d->cd);
        dc_free(d->cd_name);
        d->cd = cd;
        d->cd_name = dc_xstrdup(name);
    }
    d->mode = MODE_ICONV;
    d->enc = d->cd_name;
    d->unit = unit_of(name);
    return true;
}

/* Use encoding name; UTF-8 takes our own path.  A name iconv rejects
 * means windows-1252, read by our UTF-8 path's fallback if need be. */
static void
use(struct dc_decoder *d, const char *name, bool fallback)
{
    if (strcmp(name, "UTF-8") == 0)
        use_utf8(d, fallback);
    else if (!use_iconv(d, name) && !use_iconv(d, "WINDOWS-1252"))
        use_utf8(d, true);
}

/*
 * Look for a byte-order mark of the family (all when NULL) at s[0..n).
 * Returns 1 and sets *len and *enc, 0 if there is none, -1 if more bytes
 * are needed to tell (end: no more will come).
 */
static int
find_bom(const unsigned char *s, size_t n, bool end, const char *family,
         size_t *len, const char **enc)
{
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
        const struct bom *b = &boms[i];
        if (family && strncmp(b->enc, family, strlen(family)) != 0)
            continue;
        if (n >= b->len) {
            if (memcmp(s, b->bytes, b->len) == 0) {
                *len = b->len;
                *enc = b->enc;
                return 1;
            }
        } else if (memcmp(s, b->bytes, n) == 0 && !end) {
            return -1;
        }
    }
    return 0;
}

/*
 * UTF-16 or UTF-32 without a BOM, told by where the NULs are in mostly
 * ASCII text: "a\0b\0" is UTF-16LE.  Returns the name or NULL.
 */
static const char *
guess_wide(const unsigned char *s, size_t n)
{
    size_t z[4] = {0, 0, 0, 0};
    size_t quads = n / 4;
    /* Text with no NUL at all (most of it) is neither. */
    if (!memchr(s, 0, quads * 4))
        return NULL;
    for (size_t i = 0; i < quads * 4; i++)
        z[i & 3] += s[i] == 0;
    if (quads >= 4) {
        if (z[2] * 4 >= quads * 3 && z[3] * 4 >= quads * 3 && z[0] * 8 <= quads)
            return "UTF-32LE";
        if (z[0] * 4 >= quads * 3 && z[1] * 4 >= quads * 3 && z[3] * 8 <= quads)
            return "UTF-32BE";
    }
    size_t pairs = quads * 2, even = z[0] + z[2], odd = z[1] + z[3];
    if (pairs >= 4) {
        if (odd * 4 >= pairs * 3 && even * 8 <= pairs)
            return "UTF-16LE";
        if (even * 4 >= pairs * 3 && odd * 8 <= pairs)
            return "UTF-16BE";
    }
    return NULL;
}

/*
 * Count valid multibyte UTF-8 sequences and bad bytes in s[0..n).  A
 * sequence cut by the end of the sample is neutral unless end, when it
 * counts as one bad byte (it will become one U+FFFD).
 */
static void
utf8_census(const unsigned char *s, size_t n, bool end, size_t *mb, size_t *bad,
            size_t *valid)
{
    size_t i = 0;
    *mb = *bad = 0;
    *valid = SIZE_MAX;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            /* ASCII eight bytes at a time */
            while (i + 8 <= n) {
                if (dc_load_le64(s + i) & 0x8080808080808080ull)
                    break;
                i += 8;
            }
            continue;
        }
        int32_t cp;
        size_t k = dc_utf8_decode(s + i, n - i, &cp);
        if (k) {
            (*mb)++;
            i += k;
        } else if (utf8_cut(s + i, n - i)) {
            *bad += end;
            break;
        } else {
            if (*valid > i)
                *valid = i;
            (*bad)++;
            i++;
        }
    }
    if (*valid > i)
        *valid = i;
}

/*
 * ISO-2022-JP is 7-bit, so it passes for ASCII: tell it by the escape
 * sequences that switch to its double-byte sets, JIS X 0208 (ESC $ @,
 * ESC $ B), or to the sets only ISO-2022-JP-2 has (ESC $ A, ESC $ ( C,
 * ESC $ ( D).  Returns the name or NULL.  Only for a sample with no
 * byte above 0x7F.
 */
static const char *
guess_iso2022(const unsigned char *s, size_t n)
{
    const char *found = NULL;
    for (const unsigned char *p = s; (p = memchr(p, 0x1B, (size_t)(s + n - p)));
         p++) {
        size_t left = (size_t)(s + n - p);
        if (left >= 3 && p[1] == '$' && (p[2] == '@' || p[2] == 'B'))
            found = "ISO-2022-JP";
        else if ((left >= 3 && p[1] == '$' && p[2] == 'A') ||
                 (left >= 4 && p[1] == '$' && p[2] == '(' &&
                  (p[3] == 'C' || p[3] == 'D')))
            return "ISO-2022-JP-2";
    }
    return found;
}

#if HAVE_UCHARDET
/* uchardet is C++ (libstdc++ comes with it): loaded the first time a
 * document needs it, never by a run on UTF-8 text (dlopen.h). */
#define UCHARDET_FUNCTIONS(X) \
    X(uchardet_new) \
    X(uchardet_delete) \
    X(uchardet_reset) \
    X(uchardet_handle_data) \
    X(uchardet_data_end) \
    X(uchardet_get_charset)
DC_SYM_POINTERS(UCHARDET_FUNCTIONS)
DC_SYM_TABLE(uchardet_syms, UCHARDET_FUNCTIONS);
static struct dc_lib uchardet_lib = DC_LIB(UCHARDET_SONAME, uchardet_syms);

/* Ask uchardet; returns the encoding to use, upper-cased (to be freed),
 * or NULL (no guess, or no uchardet to load: said once on stderr). */
static char *
ask_uchardet(struct dc_decoder *d, const unsigned char *s, size_t n)
{
    if (dc_lib_load(&uchardet_lib, 1) != 0)
        return NULL;
    if (!d->ud)
        d->ud = sym_uchardet_new();
    if (!d->ud)
        return NULL;
    sym_uchardet_reset(d->ud);
    if (sym_uchardet_handle_data(d->ud, (const char *)s, n) != 0)
        return NULL;
    sym_uchardet_data_end(d->ud);
    const char *cs = sym_uchardet_get_charset(d->ud);
    return cs && *cs ? upper_dup(cs) : NULL;
}
#endif

/* Decide from the sniffed sample s[0..n) (no BOM). */
static void
guess(struct dc_decoder *d, const unsigned char *s, size_t n, bool end)
{
    const char *wide = guess_wide(s, n);
    if (wide) {
        use(d, wide, false);
        return;
    }
    size_t mb, bad;
    utf8_census(s, n, end, &mb, &bad, &d->sniff_valid);
    const char *jis = mb == 0 && bad == 0 ? guess_iso2022(s, n) : NULL;
    if (jis) {
        use(d, jis, false);
        return;
    }
    if (bad == 0 || (mb > 0 && bad <= mb)) {
        use_utf8(d, true);
        return;
    }
    char *name = NULL;
#if HAVE_UCHARDET
    name = ask_uchardet(d, s, n);
#endif
    if (!name) {
        use(d, "WINDOWS-1252", false);
    } else if (strcmp(name, "ASCII") == 0 || strcmp(name, "UTF-8") == 0) {
        use_utf8(d, true);
    } else if (strcmp(name, "ISO-8859-1") == 0) {
        use(d, "WINDOWS-1252", false); /* as browsers do */
    } else {
        const char *key = unicode_key(name);
        if (key && strcmp(key, "UTF-16") == 0)
            use(d, "UTF-16BE", false);
        else if (key && strcmp(key, "UTF-32") == 0)
            use(d, "UTF-32BE", false);
        else
            use(d, key ? key : name, false);
    }
    dc_free(name);
}

/*
 * Try to settle the encoding from the sniffed bytes s[0..n) (the sniff
 * buffer, or the input when all of them came in one feed); end: no more
 * input will come.  Returns false to wait for more, else sets *skip to the
 * length of the BOM to drop.
 */
static bool
decide(struct dc_decoder *d, const unsigned char *s, size_t n, bool end,
       size_t *skip)
{
    size_t blen = 0;
    const char *benc = NULL;
    *skip = 0;
    int r = find_bom(s, n, end, d->from_key, &blen, &benc);
    if (r < 0)
        return false;
    if (r > 0) {
        *skip = blen;
        use(d, benc, !d->from);
        return true;
    }
    if (d->from) {
        /* UTF-16 and UTF-32 without a BOM are big-endian (RFC 2781) */
        if (strcmp(d->from_key, "UTF-16") == 0)
            use(d, "UTF-16BE", false);
        else if (strcmp(d->from_key, "UTF-32") == 0)
            use(d, "UTF-32BE", false);
        else
            use(d, d->from_key, false);
        return true;
    }
    if (n < DC_DECODE_SNIFF && !end)
        return false;
    guess(d, s, n, end);
    return true;
}

static void
reset(struct dc_decoder *d)
{
    d->mode = MODE_SNIFF;
    d->enc = NULL;
    d->fallback = false;
    d->done = false;
    d->unit = 1;
    d->replaced = 0;
    d->ncarry = 0;
    d->nsniff = 0;
    d->sniff_valid = 0;
}

/* ----------------------------------------------------------------- API */

struct dc_decoder *
dc_decoder_new(const char *from_code, struct dc_error *err)
{
    struct dc_decoder *d = dc_xcalloc(1, sizeof *d);
    struct dc_decoder *ret = NULL;
    d->cd = (iconv_t)-1;
    reset(d);
    if (from_code) {
        if (!*from_code) {
            dc_error_set(err, DC_EINVAL, "unknown encoding ''");
            goto out;
        }
        d->from = upper_dup(from_code);
        d->from_key = unicode_key(d->from);
        /* Check the name now, so a typo fails before any input. */
        if (!d->from_key && !use_iconv(d, d->from)) {
            dc_error_set(err, DC_EINVAL, "unknown encoding '%s'", from_code);
            goto out;
        }
        reset(d);
    }
    ret = d;
    d = NULL;
out:
    dc_decoder_free(d);
    return ret;
}

/* Add s[0..n) to the sniff buffer; returns the buffer. */
static const unsigned char *
keep_sniffed(struct dc_decoder *d, const unsigned char *s, size_t n)
{
    if (!d->sniff)
        d->sniff = dc_xmalloc(DC_DECODE_SNIFF);
    memcpy(d->sniff + d->nsniff, s, n);
    return d->sniff;
}

/*
 * The feed of in[0..len), as dc_decoder_feed_in_place() says: *same gets
 * in[0..len) where the decoded text is that, and out is empty; same is
 * NULL for dc_decoder_feed().
 */
static void
feed(struct dc_decoder *d, const char *in, size_t len, bool final,
     struct dc_buf *out, struct dc_span *same)
{
    const unsigned char *s =
        len ? (const unsigned char *)in : (const unsigned char *)"";
    /* (out may hold text already; then the feed's is appended) */
    bool in_place = same && out->len == 0;
    if (d->done)
        reset(d);
    /* A forced encoding outside Unicode has no BOM to wait for. */
    if (d->mode == MODE_SNIFF && d->from && !d->from_key)
        use(d, d->from, false);
    if (d->mode == MODE_SNIFF) {
        size_t room = DC_DECODE_SNIFF - d->nsniff;
        size_t take = len < room ? len : room;
        /* All the bytes to sniff in this feed (a -z or JSON document, a
         * file's first chunk): looked at where they are, not copied.
         * They settle the encoding: a full sample, or all there is. */
        bool whole = take == DC_DECODE_SNIFF || (final && take == len);
        const unsigned char *sample =
            d->nsniff == 0 && whole ? s : keep_sniffed(d, s, take);
        d->nsniff += take;
        s += take;
        len -= take;
        bool end = final && len == 0;
        size_t skip;
        /* Undecided only when all input went to a buffer with room. */
        if (!decide(d, sample, d->nsniff, end, &skip))
            goto out;
        /* What guess() found valid UTF-8 is not checked again (a -z or
         * JSON document is often all in the sample). */
        size_t valid = d->mode == MODE_UTF8 && !skip ? d->sniff_valid : 0;
        if (in_place && sample == (const unsigned char *)in &&
            valid == d->nsniff && len == 0) {
            /* all the feed, valid: the text is the input */
            *same = (struct dc_span){in, valid};
        } else {
            dc_buf_append(out, sample, valid);
            run(d, sample + skip + valid, d->nsniff - skip - valid, end,
                out);
        }
        d->nsniff = 0;
        d->sniff_valid = 0;
    } else if (in_place && d->mode == MODE_UTF8 && !d->ncarry) {
        /* Valid UTF-8 from the start of the feed is the text; what
         * follows a bad byte or a cut sequence is converted (as
         * utf8_convert() would go on from there) into out. */
        size_t valid = dc_utf8_valid_prefix((const char *)s, len);
        if (valid == len) {
            *same = (struct dc_span){in, len};
            len = 0;
        } else {
            dc_buf_append(out, s, valid);
            s += valid;
            len -= valid;
        }
    }
    run(d, s, len, final, out);
    if (final) {
        finish(d, out);
        d->done = true;
    }
out:
    return;
}

int
dc_decoder_feed(struct dc_decoder *d, const char *in, size_t len, bool final,
                struct dc_buf *out)
{
    feed(d, in, len, final, out, NULL);
    return 0;
}

int
dc_decoder_feed_in_place(struct dc_decoder *d, const char *in, size_t len,
                         bool final, struct dc_buf *out, struct dc_span *same)
{
    *same = (struct dc_span){NULL, 0};
    feed(d, in, len, final, out, same);
    return 0;
}

const char *
dc_decoder_encoding(const struct dc_decoder *d)
{
    return d->enc;
}

size_t
dc_decoder_replaced(const struct dc_decoder *d)
{
    return d->replaced;
}

void
dc_decoder_free(struct dc_decoder *d)
{
    if (!d)
        return;
    if (d->cd_name)
        iconv_close(d->cd);
    dc_free(d->cd_name);
    dc_free(d->from);
    dc_free(d->sniff);
#if HAVE_UCHARDET
    if (d->ud)
        sym_uchardet_delete(d->ud);
#endif
    dc_free(d);
}
