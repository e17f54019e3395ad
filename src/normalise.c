/*
 * normalise.c - make decoded text uniform before it is segmented: repair
 * mojibake, decode character references, fold quotes and spaces, drop
 * invisible characters, unify line ends and compose to NFC.
 *
 * One pass.  Runs that need nothing done (printable ASCII, tab, newline,
 * and common letters and ideographs that are already NFC) are found eight
 * bytes at a time and copied with one memcpy; every other character goes
 * through emit(), which applies the mappings and writes straight into the
 * caller's buffer.  NFC is lazy: each character written gets a quick
 * check, and utf8proc only sees the short stretches that may change
 * (combining sequences, Hangul jamo, singletons), never text that is
 * already NFC.  The only allocation is growing `out`, whose spare
 * capacity also serves as utf8proc's scratch space.
 *
 * It does not detect encodings (decode.c does), does not look at markup
 * and keeps nothing between calls.
 */
#include "config.h"
#include "normalise.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct entity {
    const char *name; /* without '&' and ';' */
    const char *utf8;
};

#include "entities.inc"

/* windows-1252 0x80-0x9F; the five bytes it leaves undefined read as the
 * C1 control of the same value, as in HTML5 and Python's decoders. */
static const uint16_t cp1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

#define NFC_OPTIONS ((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE))

/*
 * A run of more than this many non-starters (combining class > 0, counted
 * in the canonical decomposition) is cut by a COMBINING GRAPHEME JOINER,
 * U+034F, as the Stream-Safe Text Format of UAX #15 does.  utf8proc sorts
 * marks in quadratic time, so without a cut a "zalgo" line with thousands
 * of marks on one letter would stall the stream.  The joiner is a starter
 * in the output, so a second pass sees the same cuts and NFC of the output
 * is the output; counting in decomposed form, where canonically equivalent
 * texts agree, keeps a second pass from cutting anywhere new.
 */
#define NFC_MARKS_MAX 30
#define CGJ 0x034F
/* The most non-starters a canonical decomposition ends with after its
 * last starter (U+1F82: alpha and three marks), checked against
 * utf8proc's data: below NFC_MARKS_MAX - TRAIL_MAX marks, a starter's
 * own need not be looked up. */
#define TRAIL_MAX 3

struct norm {
    struct dc_buf *out;
    struct dc_buf *shifts; /* struct dc_shift records, or NULL */
    size_t out_start;      /* out->len when the pass began */
    int64_t bytes_shifted; /* bytes recorded in shifts so far */
    bool keep_quotes;
    bool keep_references;
    bool after_cr;   /* last character was CR: a following LF is dropped */
    int32_t joiner;  /* ZWJ or ZWNJ waiting for its right neighbour, or 0 */
    bool prev_wide;  /* the last character written is not ASCII */
    size_t boundary; /* start of the last starter: NFC never reaches past */
    bool dirty;      /* out[boundary..len) may not be NFC */
    int last_ccc;    /* combining class of the last character written */
    /* The run of non-starters the text written ends with, in decomposed
     * form: marks, plus the trailing non-starters of pend's decomposition
     * (U+1EC7 ends with two), looked up only when the run nears the cut. */
    unsigned marks;
    int32_t pend; /* the last character holding a starter, or 0 */
};

/* ------------------------------------------------------------ output */

/* The shift records in b, and how many. */
static struct dc_shift *
shifts_of(const struct dc_buf *b, size_t *n)
{
    *n = b->len / sizeof(struct dc_shift);
    return (struct dc_shift *)(void *)b->data;
}

/* Add sh to b, merged with the last record if at the same offset. */
static void
add_shift(struct dc_buf *b, struct dc_shift sh)
{
    size_t n;
    struct dc_shift *all = shifts_of(b, &n);
    if (n && all[n - 1].at == sh.at) {
        all[n - 1].cols += sh.cols;
        all[n - 1].bytes += sh.bytes;
    } else {
        dc_buf_append(b, &sh, sizeof sh);
    }
}

/* The output holds `cols` code points fewer (negative: more) than the
 * input it stands for, here: a shift (see struct dc_shift). */
static void
shift(struct norm *st, int32_t cols)
{
    if (st->shifts && cols != 0)
        add_shift(st->shifts, (struct dc_shift){st->out->len, cols, 0});
}

/*
 * The same in bytes, cumulatively: in[0..in_pos) has been read, and what
 * the output holds fewer bytes than it (minus the line ends of CRLFs,
 * which are in no line) not yet recorded is recorded here.  Called after
 * each character that takes the slow way: a run copied as it came
 * changes nothing.
 */
static void
shift_bytes(struct norm *st, size_t in_pos)
{
    if (!st->shifts)
        return;
    int64_t fewer = (int64_t)in_pos - (int64_t)(st->out->len - st->out_start);
    int64_t d = fewer - st->bytes_shifted;
    if (d != 0 && d >= INT32_MIN && d <= INT32_MAX) {
        add_shift(st->shifts, (struct dc_shift){st->out->len, 0, (int32_t)d});
        st->bytes_shifted = fewer;
    }
}

/* Room for n more bytes (and the NUL dc_buf keeps) at the end of out. */
static inline char *
room(struct dc_buf *out, size_t n)
{
    if (out->cap - out->len < n + 1)
        dc_buf_reserve(out, n);
    return out->data + out->len;
}

/*
 * Common non-ASCII characters that need no mapping and are NFC starters
 * (combining class 0, NFC_QC=Yes, never the second half of a composition;
 * checked against utf8proc's data), so that most text skips the property
 * lookup: Latin-1 and Latin Extended letters, Greek, Cyrillic, Armenian,
 * Hebrew and Arabic letters, Devanagari and Thai without their combining
 * marks, Vietnamese letters, CJK punctuation, kana, CJK ideographs, Hangul
 * syllables and fullwidth forms.
 */
static inline bool
is_plain_wide(int32_t cp)
{
    if (cp < 0x800)
        return (cp >= 0xA1 && cp < 0x300 && cp != 0xAD) ||
               (cp >= 0x388 && cp <= 0x482) || (cp >= 0x48A && cp <= 0x556) ||
               (cp >= 0x561 && cp <= 0x587) || (cp >= 0x5D0 && cp <= 0x5EA) ||
               (cp >= 0x621 && cp <= 0x64A) || (cp >= 0x660 && cp <= 0x66F) ||
               (cp >= 0x671 && cp <= 0x6D5);
    if (cp < 0x3000)
        return (cp >= 0x904 && cp <= 0x939) || (cp >= 0x93E && cp <= 0x94C) ||
               (cp >= 0x960 && cp <= 0x97F) || (cp >= 0xE01 && cp <= 0xE37) ||
               (cp >= 0xE3F && cp <= 0xE47) || (cp >= 0xE4C && cp <= 0xE5B) ||
               (cp >= 0x1E00 && cp <= 0x1EFF);
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0x3001 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303F) ||
           (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309B && cp <= 0x30FF) ||
           (cp >= 0xFF01 && cp <= 0xFFEF);
}

/* ---------------------------------------------------------------- NFC */

enum nfc_kind {
    NFC_STARTER, /* combining class 0, NFC_QC=Yes: NFC never reaches past */
    NFC_MARK,    /* combining class > 0, NFC_QC=Yes: fine in order */
    NFC_UNSTABLE /* may compose with what precedes it, or never in NFC */
};

static bool
is_second(const utf8proc_property_t *p)
{
    /* Can be the second character of a canonical composition.  utf8proc
     * 2.9 gave this its own bit; before, comb_index >= 0x8000 said so. */
#if UTF8PROC_VERSION_MAJOR > 2 ||                                              \
    (UTF8PROC_VERSION_MAJOR == 2 && UTF8PROC_VERSION_MINOR >= 9)
    return p->comb_issecond;
#else
    return p->comb_index != UINT16_MAX && p->comb_index >= 0x8000;
#endif
}

/* Whether utf8proc's table gives a character a canonical decomposition.
 * Hangul syllables, decomposed by rule, are not in it; they decompose to
 * starters only, and compose back. */
static inline bool
has_canonical(const utf8proc_property_t *p)
{
    return p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0;
}

/* Whether cp, which has a canonical decomposition, composes back to
 * itself (é does; singletons such as U+212B ANGSTROM SIGN do not). */
static bool
recomposes(int32_t cp)
{
    utf8proc_int32_t buf[8];
    int boundclass = 0;
    utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, buf, 8, NFC_OPTIONS, &boundclass);
    if (n < 1 || n > 8)
        return false;
    n = utf8proc_normalize_utf32(buf, n, NFC_OPTIONS);
    return n == 1 && buf[0] == cp;
}

/* The NFC quick check for one character.  Conservative: NFC_UNSTABLE for
 * anything utf8proc might change. */
static enum nfc_kind
nfc_kind(int32_t cp, int *ccc)
{
    *ccc = 0;
    if (cp < 0x300 || is_plain_wide(cp))
        return NFC_STARTER;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    *ccc = p->combining_class;
    /* Hangul vowel and trailing jamo compose algorithmically, so utf8proc
     * does not mark them as second characters. */
    if (is_second(p) || (cp >= 0x1161 && cp <= 0x1175) ||
        (cp >= 0x11A8 && cp <= 0x11C2))
        return NFC_UNSTABLE;
    if (has_canonical(p) && !recomposes(cp))
        return NFC_UNSTABLE;
    return *ccc ? NFC_MARK : NFC_STARTER;
}

/*
 * Replace out[boundary..len) by its NFC.  utf8proc works on code points:
 * they go into the spare capacity past out->len, 4-aligned, and are
 * re-encoded in place there before being moved back.  The text still
 * starts with the same starter, so boundary stays where it is.
 */
static void
nfc_flush(struct norm *st)
{
    struct dc_buf *out = st->out;
    const utf8proc_uint8_t *src;
    utf8proc_int32_t *cps;
    size_t n = out->len - st->boundary;
    size_t cap = dc_add_size(n, 8); /* code points; grown if short */
    utf8proc_ssize_t got;

    st->dirty = false;
    for (;;) {
        size_t pad = (4 - out->len % 4) % 4;
        if (cap > SIZE_MAX / 8)
            return; /* cannot happen: stretches are short */
        dc_buf_reserve(out, pad + cap * 4 + 1); /* reencode adds a NUL */
        src = (const utf8proc_uint8_t *)out->data + st->boundary;
        cps = (utf8proc_int32_t *)(void *)(out->data + out->len + pad);
        got = utf8proc_decompose(src, (utf8proc_ssize_t)n, cps,
                                 (utf8proc_ssize_t)cap, NFC_OPTIONS);
        if (got < 0)
            return; /* not UTF-8: cannot happen, we wrote it */
        if ((size_t)got <= cap)
            break;
        cap = (size_t)got;
    }
    got = utf8proc_reencode(cps, got, NFC_OPTIONS);
    if (got < 0)
        return;
    /* composing takes code points out ("e" U+0301 -> U+00E9) */
    size_t before =
        st->shifts ? dc_utf8_count(out->data + st->boundary, n) : 0;
    memmove(out->data + st->boundary, cps, (size_t)got);
    out->len = st->boundary + (size_t)got;
    if (st->shifts)
        shift(st, (int32_t)(before - dc_utf8_count(out->data + st->boundary,
                                                 (size_t)got)));
    /* NFC can turn the last character into ASCII (U+212A KELVIN SIGN) */
    st->prev_wide = (unsigned char)out->data[out->len - 1] >= 0x80;
}

/* ------------------------------------------------------------- writing */

static void
put_ascii(struct norm *st, char c)
{
    st->joiner = 0; /* ZWJ and ZWNJ need a non-ASCII right neighbour */
    if (st->dirty)
        nfc_flush(st);
    st->boundary = st->out->len;
    st->last_ccc = 0;
    st->marks = 0;
    st->pend = 0;
    st->prev_wide = false;
    *room(st->out, 1) = c;
    st->out->len++;
}

/* The one character cp decomposes to canonically (U+212A KELVIN SIGN ->
 * K, U+037E -> ';'), or -1. */
static int32_t
singleton(int32_t cp)
{
    utf8proc_int32_t d[4];
    int bound = 0;
    if (utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, &bound) != 1 ||
        d[0] == cp)
        return -1;
    return d[0];
}

/* What a character's canonical decomposition begins and ends with. */
struct nfd_ends {
    int32_t first;  /* its first character */
    unsigned lead;  /* non-starters before its first starter */
    unsigned trail; /* non-starters after its last starter */
    bool starter;   /* it holds a starter (else lead = trail = length) */
};

static struct nfd_ends
nfd_ends(int32_t cp)
{
    utf8proc_int32_t d[8]; /* canonical decompositions are 4 at most */
    int bound = 0;
    utf8proc_ssize_t n =
        utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &bound);
    if (n < 1 || n > 8) { /* cannot happen: cp is a valid code point */
        n = 1;
        d[0] = cp;
    }
    struct nfd_ends e = {.first = d[0]};
    size_t i = 0, j = (size_t)n;
    while (i < (size_t)n && utf8proc_get_property(d[i])->combining_class)
        i++;
    e.lead = (unsigned)i;
    e.starter = i < (size_t)n;
    while (j > i && utf8proc_get_property(d[j - 1])->combining_class)
        j--;
    e.trail = (unsigned)((size_t)n - j);
    return e;
}

/* The non-starters a character holding a starter ends with when
 * decomposed: 0 for most, 1 for U+00E9, 2 for U+1EC7. */
static unsigned
trailing_marks(int32_t cp)
{
    if (cp < 0xC0)
        return 0;
    if (!has_canonical(utf8proc_get_property(cp)))
        return 0;
    return nfd_ends(cp).trail;
}

/*
 * Cut a long run of non-starters with U+034F (see NFC_MARKS_MAX): what
 * precedes is put in NFC now, and NFC never reaches back past the joiner.
 */
static void
cut(struct norm *st)
{
    if (st->dirty)
        nfc_flush(st);
    st->dirty = false;
    st->boundary = st->out->len;
    shift(st, -1);
    st->out->len += dc_utf8_encode(CGJ, room(st->out, 4));
    st->last_ccc = 0;
    st->marks = 0;
    st->pend = 0;
    st->prev_wide = true;
}

/* Write a non-ASCII character, keeping track of what NFC must revisit and
 * of the run of non-starters the text ends with. */
static void
put_wide(struct norm *st, int32_t cp)
{
    int ccc;
    enum nfc_kind kind = nfc_kind(cp, &ccc);
    struct nfd_ends e = {.first = cp, .starter = true};
    /* NFC starts afresh here: at a starter, and at a character that
     * decomposes to one which composes with nothing before it (U+212A
     * KELVIN SIGN -> K; U+0B5D -> U+0B22 U+0B3C) */
    bool fresh = kind == NFC_STARTER;
    if (kind == NFC_MARK || (kind == NFC_UNSTABLE && ccc &&
                             !has_canonical(utf8proc_get_property(cp)))) {
        e = (struct nfd_ends){.first = cp, .lead = 1, .trail = 1};
    } else if (kind == NFC_UNSTABLE) {
        int c0;
        e = nfd_ends(cp);
        fresh = e.lead == 0 && nfc_kind(e.first, &c0) == NFC_STARTER;
    }

    if (e.lead) {
        if (st->pend && st->marks + e.lead + TRAIL_MAX > NFC_MARKS_MAX) {
            st->marks += trailing_marks(st->pend);
            st->pend = 0;
        }
        if (st->marks + e.lead > NFC_MARKS_MAX)
            cut(st);
    }
    if (fresh) {
        if (st->dirty)
            nfc_flush(st);
        st->boundary = st->out->len;
        st->dirty = kind != NFC_STARTER;
    } else if (kind == NFC_UNSTABLE || ccc < st->last_ccc) {
        /* out of canonical order, or composing with what precedes */
        st->dirty = true;
    }
    if (!e.starter) {
        st->marks += e.lead;
    } else if (kind == NFC_STARTER) {
        st->marks = 0;
        st->pend = cp; /* its trailing marks, if a mark follows */
    } else {
        st->marks = e.trail;
        st->pend = 0;
    }
    st->last_ccc = ccc;
    char *p = room(st->out, 4);
    st->out->len += dc_utf8_encode(cp, p);
    st->prev_wide = true;
}

/* A run of characters that plain_run() found need nothing done. */
struct run {
    size_t len;
    size_t last;    /* offset of its last character */
    size_t starter; /* offset of its last NFC starter, or SIZE_MAX */
    int last_ccc;   /* combining class of its last character */
    unsigned marks; /* as in struct norm */
    int32_t pend;
};

/* Copy a run.  When the text before it is dirty, plain_run() made sure the
 * run starts with a starter, so NFC cannot reach into it. */
static void
put_run(struct norm *st, const char *p, struct run r)
{
    st->after_cr = false; /* the caller skipped the LF of a CRLF */
    if (st->joiner) {
        int32_t j = st->joiner;
        st->joiner = 0;
        if ((unsigned char)*p >= 0x80) {
            shift(st, -1); /* joiner() counted it out */
            put_wide(st, j);
        }
    }
    if (st->dirty)
        nfc_flush(st);
    memcpy(room(st->out, r.len), p, r.len);
    if (r.starter != SIZE_MAX)
        st->boundary = st->out->len + r.starter;
    st->out->len += r.len;
    st->last_ccc = r.last_ccc;
    st->marks = r.marks;
    st->pend = r.pend;
    st->prev_wide = (unsigned char)p[r.last] >= 0x80;
}

/* A visible non-ASCII character: a pending joiner goes out before it,
 * unless NFC will make the character ASCII. */
static void
put_visible(struct norm *st, int32_t cp)
{
    if (st->joiner) {
        int32_t j = st->joiner;
        st->joiner = 0;
        int32_t one = singleton(cp);
        if (one < 0 || one >= 0x80) { /* NFC makes U+212A ASCII 'K' */
            shift(st, -1); /* joiner() counted it out */
            put_wide(st, j);
        }
    }
    put_wide(st, cp);
}

/* ZWJ or ZWNJ: kept only between two non-ASCII characters (emoji
 * sequences, Persian, Indic scripts), so it waits for its right side. */
static void
joiner(struct norm *st, int32_t cp)
{
    if (st->dirty)
        nfc_flush(st); /* settle what the left neighbour is */
    if (st->prev_wide && !st->joiner)
        st->joiner = cp;
}

/* ------------------------------------------------------------ mapping */

enum action { KEEP, DROP, SPACE, SQUOTE, DQUOTE, JOINER };

/* What happens to a character >= U+0080. */
static enum action
classify(int32_t cp)
{
    if (cp < 0xA0)
        return DROP; /* C1 controls */
    if (cp < 0x2000) {
        if (cp == 0xA0 || cp == 0x1680)
            return SPACE;
        if (cp == 0xAD || cp == 0x61C || cp == 0x180E)
            return DROP;
        return KEEP;
    }
    if (cp <= 0x206F) {
        if (cp <= 0x200A || cp == 0x202F || cp == 0x205F)
            return SPACE;
        if (cp == 0x200C || cp == 0x200D)
            return JOINER;
        if (cp >= 0x2018 && cp <= 0x201B)
            return SQUOTE;
        if (cp >= 0x201C && cp <= 0x201F)
            return DQUOTE;
        if (cp == 0x200B || cp == 0x200E || cp == 0x200F ||
            (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
            (cp >= 0x2066 && cp <= 0x2069))
            return DROP;
        return KEEP;
    }
    if (cp == 0x3000)
        return SPACE;
    if (cp == 0xFEFF)
        return DROP;
    return KEEP;
}

/* One character after mojibake repair and reference decoding. */
static void
emit(struct norm *st, int32_t cp)
{
    if (st->after_cr) {
        st->after_cr = false;
        if (cp == '\n')
            return;
    }
    if (cp < 0x80) {
        if (cp == '\r') {
            st->after_cr = true;
            cp = '\n';
        }
        if (cp >= 0x20 ? cp != 0x7F : cp == '\t' || cp == '\n')
            put_ascii(st, (char)cp);
        else if (cp != '\r')
            shift(st, 1);
        return;
    }
    if (cp < 0xA0) {
        /* A C1 control in web text is a windows-1252 byte that was read
         * as Latin-1 ("it\u0092s"): the character meant, unless
         * windows-1252 leaves the byte undefined too. */
        cp = cp1252[cp - 0x80];
        if (cp < 0xA0) {
            shift(st, 1);
            return;
        }
    }
    switch (classify(cp)) {
    case KEEP:
        put_visible(st, cp);
        break;
    case DROP:
        shift(st, 1);
        break;
    case SPACE:
        put_ascii(st, ' ');
        break;
    case SQUOTE:
        if (st->keep_quotes)
            put_visible(st, cp);
        else
            put_ascii(st, '\'');
        break;
    case DQUOTE:
        if (st->keep_quotes)
            put_visible(st, cp);
        else
            put_ascii(st, '"');
        break;
    case JOINER:
        shift(st, 1); /* until it is written, if it is */
        joiner(st, cp);
        break;
    }
}

/* ------------------------------------------------------------ reading */

/* The character at s[*pos]; a byte that starts no valid sequence reads as
 * U+FFFD on its own (the contract promises UTF-8, fuzzers do not). */
static int32_t
next_char(const unsigned char *s, size_t len, size_t *pos)
{
    int32_t cp;
    size_t k = dc_utf8_decode(s + *pos, len - *pos, &cp);
    if (!k) {
        *pos += 1;
        return 0xFFFD;
    }
    *pos += k;
    return cp;
}

/* An ASCII byte that emit() drops: a C0 control but tab, newline and CR
 * (which becomes a newline), or DEL. */
static bool
removed_ascii(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

/* The UTF-8 continuation byte (0x80-0xBF) that c stands for when read as
 * windows-1252 or Latin-1, or -1. */
static int
cont_byte(int32_t c)
{
    if (c >= 0x80 && c <= 0xBF)
        return (int)c;
    if (c < 0x152 || c > 0x2122)
        return -1;
    for (int i = 0; i < 32; i++)
        if (cp1252[i] == c)
            return 0x80 + i;
    return -1;
}

/*
 * Mojibake repair: the next character from s[*pos], where a run of
 * characters that, as windows-1252 (or Latin-1) bytes, form one valid
 * UTF-8 sequence ("Ã©" is C3 A9) stands for the character it encodes.
 * depth 2 applies the repair to the output of depth 1, which undoes text
 * mangled twice ("Ã¢â‚¬â„¢" -> "â€™" -> U+2019).  Both passes are greedy
 * from the left, so tokens of depth 1 start wherever depth 2 asks.
 */
static int32_t
unmangle(const unsigned char *s, size_t len, size_t *pos, int depth)
{
    int32_t lead =
        depth > 1 ? unmangle(s, len, pos, depth - 1) : next_char(s, len, pos);
    if (lead < 0xC2 || lead > 0xF4)
        return lead;
    unsigned char b[4] = {(unsigned char)lead};
    size_t n = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    size_t j = *pos;
    for (size_t k = 1; k < n; k++) {
        /* Characters that emit() removes are skipped: the repair must see
         * the text as it will be written, or a second pass would find
         * mojibake that the removal closed up ("Ã", NUL, "©"). */
        int c = -1;
        while (c < 0) {
            if (j >= len)
                return lead;
            if (s[j] < 0x80) {
                if (!removed_ascii(s[j]))
                    return lead; /* ASCII is never a continuation */
                j++;
                continue;
            }
            int32_t ch = depth > 1 ? unmangle(s, len, &j, depth - 1)
                                   : next_char(s, len, &j);
            c = cont_byte(ch);
            if (c < 0 && classify(ch) != DROP)
                return lead;
        }
        b[k] = (unsigned char)c;
    }
    int32_t cp;
    if (dc_utf8_decode(b, n, &cp) != n)
        return lead; /* overlong, surrogate or above U+10FFFF */
    /* Syriac, Arabic Supplement, Thaana and N'Ko (leads Ü, Ý, Þ and ß)
     * and C1 controls are what German, Turkish and Icelandic text gives
     * by chance ("Fuß" + NBSP, "MENÜ»"), almost never what mojibake
     * stood for. */
    if ((cp >= 0x0700 && cp <= 0x07FF) || cp < 0xA0)
        return lead;
    *pos = j;
    return cp;
}

static int
entity_cmp(const void *key, const void *elem)
{
    const struct dc_span *k = key;
    const struct entity *e = elem;
    int c = strncmp(k->p, e->name, k->len);
    if (c)
        return c;
    return e->name[k->len] == '\0' ? 0 : -1;
}

size_t
dc_char_reference(const char *s, size_t len, char out[DC_REFERENCE_MAX],
                  size_t *out_len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t j = 1;

    if (j < len && u[j] == '#') {
        j++;
        bool hex = j < len && (u[j] == 'x' || u[j] == 'X');
        if (hex)
            j++;
        unsigned base = hex ? 16 : 10;
        size_t first = j;
        uint32_t v = 0;
        int d;
        while (j < len && (d = dc_hex_value(u[j])) >= 0 && (unsigned)d < base) {
            if (v <= 0x10FFFF) /* saturate: anything above is invalid */
                v = v * base + (unsigned)d;
            j++;
        }
        if (j == first || j >= len || u[j] != ';')
            return 0;
        int32_t cp = (int32_t)v;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            cp = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F)
            cp = cp1252[v - 0x80]; /* HTML5 reads these as windows-1252 */
        *out_len = dc_utf8_encode(cp, out);
        return j + 1;
    }

    while (j < len && j <= ENTITY_NAME_MAX && dc_isalnum(u[j]))
        j++;
    struct dc_span key = {s + 1, j - 1};
    if (key.len == 0 || key.len > ENTITY_NAME_MAX || j >= len || u[j] != ';')
        return 0;
    const struct entity *e =
        bsearch(&key, entities, sizeof entities / sizeof entities[0],
                sizeof entities[0], entity_cmp);
    if (!e)
        return 0;
    *out_len = strlen(e->utf8);
    memcpy(out, e->utf8, *out_len);
    return j + 1;
}

/*
 * A character reference at s[i] == '&'.  Emits what it stands for and
 * returns the index past its ';', or returns i when there is none; the
 * result is not scanned again, so "&amp;amp;" becomes "&amp;".
 */
static size_t
reference(struct norm *st, const unsigned char *s, size_t len, size_t i)
{
    char v[DC_REFERENCE_MAX];
    size_t vlen;
    size_t n = dc_char_reference((const char *)s + i, len - i, v, &vlen);
    if (n == 0)
        return i;
    /* a reference is ASCII: n code points for what it stands for */
    shift(st, (int32_t)(n - dc_utf8_count(v, vlen)));
    for (size_t k = 0; k < vlen;)
        emit(st, next_char((const unsigned char *)v, vlen, &k));
    return i + n;
}

/* ------------------------------------------------------------ fast path */

#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

static inline bool
is_plain(unsigned char c)
{
    return (c >= 0x20 && c < 0x7F && c != '&') || c == '\n' || c == '\t';
}

/*
 * Where the plain ASCII from s[i] on ends, for plain_run(): the first
 * byte from i on that may not be is_plain() (n, or a few bytes before
 * it, when there is none).  Sixteen bytes at a time with SSE2 (every
 * x86-64), tabs and newlines taken in stride; eight otherwise, where a
 * tab or a newline stops the scan too.
 */
static inline size_t
plain_ascii_end(const unsigned char *s, size_t i, size_t n)
{
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* below 0x20, and (compared as signed) every byte >= 0x80 */
        __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
        __m128i ends = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
        __m128i odd = _mm_or_si128(
            _mm_andnot_si128(ends, low),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                         _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
        unsigned m = (unsigned)_mm_movemask_epi8(odd);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w = dc_load_le64(s + i);
        uint64_t odd = (w & HIGHS) | dc_has_less(w, 0x20) |
                       dc_has_less(w ^ (ONES * '&'), 1) |
                       dc_has_less(w ^ (ONES * 0x7F), 1);
        if (odd)
            return i + dc_first_flagged(odd);
    }
    return i;
}

/*
 * Length of the character at s when it is_plain_wide(), or 0.  Two- and
 * three-byte sequences only, validated here: the ranges accepted hold no
 * overlong forms and no surrogates.
 */
static inline size_t
plain_wide(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    int32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        cp = (int32_t)((c & 0x1F) << 6 | (s[1] & 0x3Fu));
        if ((cp >= 0xAE && cp < 0x300) || (cp >= 0x388 && cp <= 0x482))
            return 2; /* Latin and Cyrillic, inline */
        return is_plain_wide(cp) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        cp = (int32_t)((c & 0x0F) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu));
        if (cp >= 0x4E00 && cp <= 0x9FFF)
            return 3; /* CJK, inline */
        return cp >= 0x800 && is_plain_wide(cp) ? 3 : 0;
    }
    return 0;
}

/*
 * The run at s of characters emit() would copy as they are and that need
 * no NFC: plain ASCII, then starters and combining marks in canonical
 * order that no mapping touches.  ASCII goes sixteen or eight bytes at a
 * time (plain_ascii_end()); where a word holds something else (a tab, a
 * newline, a non-ASCII byte), the scan skips to it and goes on.  st says
 * how the text before ends.
 */
static struct run
plain_run(const unsigned char *s, size_t n, const struct norm *st)
{
    /* locals, not a struct run, so that they stay in registers */
    size_t i = 0, last = 0, starter = SIZE_MAX;
    int last_ccc = st->last_ccc;
    unsigned marks = st->marks;
    int32_t pend = st->pend;   /* as in struct norm, before this run */
    size_t pend_at = SIZE_MAX; /* or the offset of a starter in it */
    for (;;) {
        size_t from = i;
        for (;;) {
            i = plain_ascii_end(s, i, n);
            if (i >= n || s[i] >= 0x80 || !is_plain(s[i]))
                break;
            i++; /* a tab or newline, or the last few bytes */
        }
        if (i > from) {
            last = starter = i - 1;
            last_ccc = 0;
            marks = 0;
            pend = 0;
            pend_at = SIZE_MAX;
        }
        if (i >= n || s[i] < 0x80)
            break;

        /* stay here through a run of non-ASCII: CJK has no spaces */
        do {
            int32_t cp;
            int ccc = 0;
            size_t k = plain_wide(s + i, n - i);
            if (!k) {
                k = dc_utf8_decode(s + i, n - i, &cp);
                if (!k || classify(cp) != KEEP ||
                    nfc_kind(cp, &ccc) == NFC_UNSTABLE)
                    goto out;
            } else if (s[i] == 0xC3 && s[i + 1] >= 0x82 && s[i + 1] <= 0xB4 &&
                       i + 2 < n &&
                       (s[i + 2] >= 0x80 || removed_ascii(s[i + 2]))) {
                /* U+00C2-U+00F4 before non-ASCII (or a control that hides
                 * it): maybe mojibake */
                goto out;
            }
            if (ccc == 0) {
                starter = i;
                marks = 0;
                pend = 0;
                pend_at = i;
            } else {
                if (marks + 1 + TRAIL_MAX > NFC_MARKS_MAX) {
                    if (pend_at != SIZE_MAX) {
                        dc_utf8_decode(s + pend_at, n - pend_at, &pend);
                        pend_at = SIZE_MAX;
                    }
                    if (pend) {
                        marks += trailing_marks(pend);
                        pend = 0;
                    }
                }
                if (ccc < last_ccc || marks >= NFC_MARKS_MAX ||
                    (i == 0 && st->dirty))
                    goto out; /* NFC work or a cut: put_wide() does it */
                marks++;
            }
            last = i;
            last_ccc = ccc;
            i += k;
        } while (i < n && s[i] >= 0x80);
    }
out:
    if (pend_at != SIZE_MAX)
        dc_utf8_decode(s + pend_at, n - pend_at, &pend);
    return (struct run){i, last, starter, last_ccc, marks, pend};
}

/* ---------------------------------------------------------------- entry */

/* One pass of everything, appending to out. */
static void
normalise_once(const char *in, size_t len, const struct dc_norm_opts *opts,
               struct dc_buf *out, struct dc_buf *shifts)
{
    const unsigned char *s = (const unsigned char *)in;
    struct norm st = {.out = out,
                      .shifts = shifts,
                      .keep_quotes = opts && opts->keep_quotes,
                      .keep_references = opts && opts->keep_references,
                      .out_start = out->len};
    size_t i = 0;

    dc_buf_reserve(out, len); /* most text shrinks or stays */
    st.boundary = out->len;
    while (i < len) {
        if (st.after_cr && s[i] == '\n') {
            st.after_cr = false; /* CRLF: the CR already became LF */
            i++;
            st.bytes_shifted++; /* (a line end: no column moves) */
            continue;
        }
        struct run r = plain_run(s + i, len - i, &st);
        if (r.len) {
            put_run(&st, in + i, r);
            i += r.len;
            if (i == len)
                break;
        }
        unsigned char c = s[i];
        if (c == '&') {
            size_t j = st.keep_references ? i : reference(&st, s, len, i);
            if (j == i) {
                emit(&st, '&');
                j = i + 1;
            }
            i = j;
        } else if (c < 0x80) {
            emit(&st, c);
            i++;
        } else if (c == 0xC3 && i + 1 < len && s[i + 1] >= 0x82 &&
                   s[i + 1] <= 0xB4) {
            /* U+00C2-U+00F4, a UTF-8 lead byte read as windows-1252 */
            size_t from = i;
            int32_t cp = unmangle(s, len, &i, 2);
            shift(&st, (int32_t)dc_utf8_count(in + from, i - from) - 1);
            emit(&st, cp);
        } else {
            emit(&st, next_char(s, len, &i));
        }
        shift_bytes(&st, i);
    }
    st.joiner = 0; /* no right neighbour */
    if (st.dirty)
        nfc_flush(&st);
    shift_bytes(&st, i);
    out->data[out->len] = '\0';
}

/*
 * May s[0..n) hold mojibake that a pass would repair: a character
 * U+00C2-U+00F4 (a UTF-8 lead byte read as windows-1252, C3 82 - C3 B4)
 * followed by as many characters as the continuation bytes that lead
 * needs, each one that reads as a continuation byte (cont_byte())?
 * Normalised text holds no removed character between them.  A repair
 * two levels deep needs one a level deep somewhere, and that is such a
 * run; accented text ("é" before a dash or a non-Latin letter) is not.
 */
static bool
may_hold_mojibake(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s, *end = u + n;
    for (const unsigned char *p = u; n >= 3 && p <= end - 3; p++) {
        p = memchr(p, 0xC3, (size_t)(end - 2 - p));
        if (!p)
            return false;
        if (p[1] < 0x82 || p[1] > 0xB4 || p[2] < 0x80)
            continue;
        unsigned lead = 0xC0u | (p[1] & 0x3Fu);
        size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3, k = 0;
        for (const unsigned char *q = p + 2; k < need && q < end; k++) {
            int32_t cp;
            size_t len = dc_utf8_decode(q, (size_t)(end - q), &cp);
            if (!len || cont_byte(cp) < 0)
                break;
            q += len;
        }
        if (k == need)
            return true;
    }
    return false;
}

/* Passes after the first: 2 * (1 + REPAIR_PASSES) levels of mojibake. */
#define REPAIR_PASSES 8

/*
 * A repair pass turned old[0..old_len) into new[0..new_len), line for
 * line (it neither makes nor removes a line end).  The records of
 * shifts from byte `first` on are at offsets base + old ones: move each
 * to the same line of the new text (its offset in the line kept, within
 * the line), and merge in the pass's own records, `more`, at base + new
 * offsets.
 */
static void
carry_shifts(struct dc_buf *shifts, size_t first, size_t base,
             const char *old, size_t old_len, const char *new,
             size_t new_len, const struct dc_buf *more)
{
    struct dc_buf merged = DC_BUF_INIT;
    size_t n, nmore;
    const struct dc_shift *sh =
        (const struct dc_shift *)(const void *)(shifts->data + first);
    n = (shifts->len - first) / sizeof *sh;
    const struct dc_shift *add = shifts_of(more, &nmore);
    size_t o_line = 0, n_line = 0, k = 0, j = 0; /* line starts */
    while (k < n || j < nmore) {
        struct dc_shift next = {SIZE_MAX, 0, 0};
        if (k < n) {
            size_t at = sh[k].at - base;
            const char *nl;
            while ((nl = memchr(old + o_line, '\n', old_len - o_line)) &&
                   (size_t)(nl - old) < at) {
                o_line = (size_t)(nl - old) + 1;
                const char *nn = memchr(new + n_line, '\n', new_len - n_line);
                n_line = nn ? (size_t)(nn - new) + 1 : new_len;
            }
            const char *nn = memchr(new + n_line, '\n', new_len - n_line);
            size_t n_end = nn ? (size_t)(nn - new) : new_len;
            size_t in_line = at - o_line;
            next.at = base + (n_line + in_line < n_end ? n_line + in_line
                                                       : n_end);
            next.cols = sh[k].cols;
            next.bytes = sh[k].bytes;
        }
        if (j < nmore && add[j].at + base <= next.at) {
            next = add[j];
            next.at += base;
            j++;
        } else {
            k++;
        }
        add_shift(&merged, next);
    }
    shifts->len = first;
    dc_buf_append(shifts, merged.data, merged.len);
    dc_buf_free(&merged);
}

/*
 * A pass repairs mojibake two levels deep, left to right, so text mangled
 * more often, a repair that closes up a new pair ("ÂÂ¯" -> "Â¯"), or NFC
 * composing a lead ("A" U+0302 "¯" -> "Â¯") leaves mojibake behind.  Pass
 * again over what came out, references kept (they are decoded once),
 * while it may hold some.  A repair writes one character for two or more
 * of at least two bytes each, so a pass that repairs shrinks the text and
 * one that does not has reached the fixed point.
 *
 * Not always reached: mangling text once more at least doubles its bytes,
 * so real mojibake needs about log2(len) / 2 passes, but a crafted chain
 * of k leads ("ÂÂÂ...Â¯") loses two a pass and would need k / 2 passes
 * over the whole line, quadratic time.  REPAIR_PASSES bounds it: a chain
 * longer than 18 can still change on a second call.
 */
void
dc_normalise_shifts(const char *in, size_t len,
                    const struct dc_norm_opts *opts, struct dc_buf *out,
                    struct dc_buf *shifts)
{
    size_t start = out->len, first = shifts ? shifts->len : 0;
    normalise_once(in, len, opts, out, shifts);
    if (!may_hold_mojibake(out->data + start, out->len - start))
        return;
    struct dc_norm_opts again = {.keep_quotes = opts && opts->keep_quotes,
                                 .keep_references = true};
    struct dc_buf next = DC_BUF_INIT, more = DC_BUF_INIT;
    for (int pass = 0; pass < REPAIR_PASSES &&
                       may_hold_mojibake(out->data + start, out->len - start);
         pass++) {
        dc_buf_clear(&next);
        dc_buf_clear(&more);
        normalise_once(out->data + start, out->len - start, &again, &next,
                       shifts ? &more : NULL);
        if (next.len >= out->len - start)
            break;
        if (shifts)
            carry_shifts(shifts, first, start, out->data + start,
                         out->len - start, next.data, next.len, &more);
        out->len = start;
        dc_buf_append(out, next.data, next.len);
    }
    dc_buf_free(&next);
    dc_buf_free(&more);
    out->data[out->len] = '\0';
}

void
dc_normalise(const char *in, size_t len, const struct dc_norm_opts *opts,
             struct dc_buf *out)
{
    dc_normalise_shifts(in, len, opts, out, NULL);
}
