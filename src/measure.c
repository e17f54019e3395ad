/*
 * measure.c - pass 2 of the classifier: measure a block (struct
 * dc_features in doc.h) from its text alone, in one pass over its bytes:
 * length, words, stopwords per language, capitals, sentence ends,
 * bullets, code marks and code hints.  See measure.h.
 */
#include "config.h"
#include "measure.h"

#include "lang.h"
#include "rules.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

/*
 * The stoplist masks of the words dc_measure() looked up lately: text
 * repeats its words, and a look-up in the stoplists (folding a word
 * with a non-ASCII letter alone costs some hundreds of instructions)
 * costs more than one here.  Direct-mapped by a hash of the word's
 * bytes, of up to 16: folded for a short ASCII word (short_mask()), as
 * they are for the others (word_mask()).  A word's bytes fold to the
 * same key either way when they are the same, so the two share slots.
 */
struct dc_word_cache {
    uint64_t w[2];  /* the word's bytes, zero above */
    uint32_t len;   /* 0: empty */
    uint32_t mask;
};

static void build_tables(void);

void
dc_measure_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build_tables);
}

struct dc_word_cache *
dc_word_cache_new(void)
{
    return dc_xcalloc((size_t)1 << DC_WORD_CACHE_BITS,
                      sizeof(struct dc_word_cache));
}

static bool
is_cjk_ideograph(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
           (cp >= 0xFF66 && cp <= 0xFF9F);
}

static bool
is_hangul(int32_t cp)
{
    return (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F);
}

/* What an ASCII character is to the sentence tests below and to
 * dc_measure()'s punctuation, looked up rather than compared for every
 * character of every block.  ASCII_MARK: a code mark (is_code_mark());
 * ASCII_JOIN: joins two runs of letters into one word ("don't"). */
enum { ASCII_END = 1, ASCII_CLOSER = 2, ASCII_MARK = 4, ASCII_JOIN = 8 };
/* ASCII_RULE: drawn in runs, as a rule ("_____", "-----", "====="); no
 * bracket and no sentence end (see dc_measure()) */
enum { ASCII_RULE = 16 };
static const unsigned char ascii_kind[128] = {
    ['.'] = ASCII_END, ['!'] = ASCII_END, ['?'] = ASCII_END,
    ['"'] = ASCII_CLOSER, ['\''] = ASCII_CLOSER | ASCII_JOIN,
    [')'] = ASCII_CLOSER | ASCII_MARK, [']'] = ASCII_CLOSER | ASCII_MARK,
    ['*'] = ASCII_CLOSER | ASCII_RULE, ['-'] = ASCII_JOIN | ASCII_RULE,
    ['{'] = ASCII_MARK, ['}'] = ASCII_MARK, [';'] = ASCII_MARK,
    ['='] = ASCII_MARK | ASCII_RULE, ['<'] = ASCII_MARK, ['>'] = ASCII_MARK,
    ['['] = ASCII_MARK, ['('] = ASCII_MARK, ['|'] = ASCII_MARK,
    ['\\'] = ASCII_MARK, ['$'] = ASCII_MARK, ['`'] = ASCII_MARK,
    ['_'] = ASCII_MARK | ASCII_RULE, ['~'] = ASCII_RULE, ['#'] = ASCII_RULE,
    ['+'] = ASCII_RULE,
};

/* Sentence-ending punctuation, Western and CJK. */
static inline bool
is_sentence_end(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return ascii_kind[cp] & ASCII_END;
    return cp == 0x2026 /* … */ ||
           cp == 0x3002 /* 。 */ || cp == 0xFF01 || cp == 0xFF1F ||
           cp == 0xFF0E || cp == 0x061F /* ؟ */ || cp == 0x0964 /* । */;
}

/* Characters that may close a sentence after its final stop. */
static inline bool
is_closer(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return ascii_kind[cp] & ASCII_CLOSER;
    return cp == 0xBB /* » */ || cp == 0x2019 || cp == 0x201D ||
           cp == 0x300D || cp == 0x300F || cp == 0xFF09;
}

size_t
dc_bullet_len(const char *p, size_t len)
{
    size_t i = dc_leading(p, len, ' ', '\t');
    if (len - i < 2)
        return 0;
    const char *q = p + i;
    /* (a NUL too: strchr() found it, and the answer stays the same) */
    if (q[1] == ' ' && (q[0] == '*' || q[0] == '-' || q[0] == '+' ||
                        q[0] == 'o' || q[0] == '#' || q[0] == '>' || !q[0]))
        return i + 1;
    /* every mark below starts with one of these bytes */
    if (q[0] != '\xe2' && q[0] != '\xc2')
        return 0;
    static const char *const marks[] = {"\xe2\x80\xa2", /* • */
                                        "\xc2\xb7",     /* · */
                                        "\xe2\x96\xaa", /* ▪ */
                                        "\xe2\x80\xa3", /* ‣ */
                                        "\xe2\x97\x8f", /* ● */
                                        "\xe2\x96\xba"};/* ► */
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
        size_t n = strlen(marks[k]);
        if (len - i >= n && memcmp(q, marks[k], n) == 0)
            return i + n;
    }
    return 0;
}

/*
 * Looks like a line of script, CSS or JSON: "key: 'value',", "});",
 * "var x = ...", "function(", ".class {".  Returns the number of
 * distinct code fragments found, plus hints from the line's shape.
 */
static const char *const code_needles[] = {
    "function(", "function (", "=>", "){", "};", "});", "var ",
    "window.", "document.", ".push(", "!important", "px;", "return ",
    "===", "!==", "&&", "||", "://", "getElementById", "typeof ",
    "');", "\");", "= {", "= [", "= function", "googletag", "{\"",
    "\":", "null,", "true,", "false,", "/*", "*/", "<!--", "-->",
    "@media", "font-", "px}", "px ", "#fff", "rgba(", "=\"", "='",
    /* markup a dump printed as text (a script's string, a <noscript>) */
    "</", "href="};

#define NNEEDLES (sizeof code_needles / sizeof *code_needles)

/* Needles by first byte, as a list of indexes ending in -1, and their
 * lengths, built once.  needle_pair has a bit for each two bytes a needle
 * starts with (every needle has two or more); needle_word and needle_mask
 * are a needle's first eight bytes (or fewer, masked) as a little-endian
 * word, to compare with eight bytes of text at once. */
static signed char needle_index[256][8];
static unsigned char needle_len[NNEEDLES];
static uint64_t needle_pair[65536 / 64];
static uint64_t needle_word[NNEEDLES], needle_mask[NNEEDLES];

static unsigned
pair_at(const char *p)
{
    return (unsigned)(unsigned char)p[0] << 8 | (unsigned char)p[1];
}

/* The Unicode category of U+0000-U+07FF (Latin, Greek, Cyrillic,
 * Hebrew, Arabic: the two-byte characters), looked up without a call. */
static unsigned char category2[0x800];

/* Of the same characters, the letters: LETTER2_UPPER for a capital
 * (Lu, Lt), LETTER2 for any other, 0 for what is no letter. */
enum { LETTER2 = 1, LETTER2_UPPER = 2 };
static unsigned char letter2[0x800];

static void
build_tables(void)
{
    for (int32_t cp = 0; cp < 0x800; cp++) {
        utf8proc_category_t cat = utf8proc_category(cp);
        category2[cp] = (unsigned char)cat;
        if (cp >= 0x80 && cat >= UTF8PROC_CATEGORY_LU &&
            cat <= UTF8PROC_CATEGORY_LO)
            letter2[cp] = cat == UTF8PROC_CATEGORY_LU ||
                                  cat == UTF8PROC_CATEGORY_LT
                              ? LETTER2_UPPER
                              : LETTER2;
    }
    for (int b = 0; b < 256; b++)
        needle_index[b][0] = -1;
    for (size_t k = 0; k < NNEEDLES; k++) {
        needle_len[k] = (unsigned char)strlen(code_needles[k]);
        unsigned pair = pair_at(code_needles[k]);
        needle_pair[pair / 64] |= 1ull << (pair % 64);
        size_t head = needle_len[k] < 8 ? needle_len[k] : 8;
        for (size_t j = 0; j < head; j++) {
            needle_word[k] |= (uint64_t)(unsigned char)code_needles[k][j]
                              << (8 * j);
            needle_mask[k] |= (uint64_t)0xff << (8 * j);
        }
        signed char *list = needle_index[(unsigned char)code_needles[k][0]];
        int n = 0;
        while (list[n] >= 0)
            n++;
        list[n] = (signed char)k;
        list[n + 1] = -1;
    }
}

/* Is c a byte of a JavaScript name (ASCII; a digit not first)? */
static bool
js_name_byte(unsigned char c, bool first)
{
    return dc_isalpha(c) || c == '_' || c == '$' || (!first && dc_isdigit(c));
}

/* The end of the JavaScript name at p[j], or j if none starts there. */
static size_t
js_name_end(const char *p, size_t len, size_t j)
{
    if (j >= len || !js_name_byte((unsigned char)p[j], true))
        return j;
    while (++j < len && js_name_byte((unsigned char)p[j], false))
        ;
    return j;
}

/* Is p[0..len), blanks before it taken off, a JavaScript statement by
 * its shape: a declaration (var, let or const, a name, an equals sign,
 * not "==") or a call that ends the line ("console.log('...');",
 * "jQuery('.note').text('Thank you!');")?  Its strings may be prose. */
static bool
js_statement(const char *p, size_t len)
{
    static const struct {
        const char *word;
        size_t len;
    } keywords[] = {{"var ", 4}, {"let ", 4}, {"const ", 6}};
    if (len == 0 || !js_name_byte((unsigned char)p[0], true))
        return false;
    for (size_t k = 0; k < sizeof keywords / sizeof *keywords; k++) {
        size_t n = keywords[k].len;
        if (p[0] != keywords[k].word[0] || len < n ||
            memcmp(p, keywords[k].word, n) != 0)
            continue;
        size_t j = js_name_end(p, len, n);
        if (j == n)
            return false;
        j += dc_leading(p + j, len - j, ' ', '\t');
        return j + 1 < len && p[j] == '=' && p[j + 1] != '=';
    }
    /* a call: names joined by dots, then '(', on a line that ends in
     * ");" (most lines, prose, fail at their end) */
    size_t e = len;
    while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
        e--;
    if (e < 3 || p[e - 1] != ';' || p[e - 2] != ')')
        return false;
    size_t j = 0;
    for (;;) {
        size_t end = js_name_end(p, len, j);
        if (end == j)
            return false;
        j = end;
        if (j >= len || p[j] != '.')
            break;
        j++;
    }
    return j < len && p[j] == '(' && e >= j + 3;
}

/* Does p start with a telephone number: seven digits or more in two
 * groups or more, apart by spaces, hyphens, dots or slashes, the first
 * maybe in brackets or after a '+', and nothing but a space after it? */
static bool
phone_number(const char *p, size_t len)
{
    size_t i = len > 0 && p[0] == '+', digits = 0, groups = 0, end;
    for (;;) {
        bool bracket = i < len && p[i] == '(';
        size_t d = i + bracket;
        i = d;
        while (i < len && dc_isdigit((unsigned char)p[i]))
            i++;
        if (i == d || (bracket && (i == len || p[i] != ')')))
            return false;
        digits += i - d;
        groups++;
        i += bracket;
        end = i;
        while (i < len && i - end < 3 &&
               (p[i] == ' ' || p[i] == '-' || p[i] == '.' || p[i] == '/'))
            i++;
        if (i == end || i == len ||
            !(dc_isdigit((unsigned char)p[i]) || p[i] == '('))
            break;
    }
    return digits >= 7 && groups >= 2 && (end == len || p[end] == ' ');
}

int
dc_code_hints(const char *p, size_t len)
{
    /* One pass over the text, trying only the needles that start with
     * the two bytes there (a memmem per needle cost a quarter of the run
     * time), eight bytes at once where there are eight. */
    uint64_t found = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (needle_index[(unsigned char)p[i]][0] < 0)
            continue; /* no needle starts with this byte */
        unsigned pair = pair_at(p + i);
        if (!(needle_pair[pair / 64] >> (pair % 64) & 1))
            continue;
        const signed char *list = needle_index[(unsigned char)p[i]];
        uint64_t w = 0;
        bool eight = len - i >= 8;
        if (eight)
            w = dc_load_le64(p + i);
        for (; *list >= 0; list++) {
            size_t k = (size_t)*list, n = needle_len[k];
            if (n > len - i)
                continue;
            if (eight ? (w & needle_mask[k]) == needle_word[k] &&
                            (n <= 8 || memcmp(p + i + 8, code_needles[k] + 8,
                                              n - 8) == 0)
                      : memcmp(p + i, code_needles[k], n) == 0)
                found |= 1ull << k;
        }
    }
    int hints = 0;
    for (; found; found &= found - 1)
        hints++;
    size_t i = 0;
    while (i < len && p[i] == ' ')
        i++;
    /* A statement: a declaration ("var et_area = 'home';"), a call
     * ("console.log('Something went wrong');"). */
    if (js_statement(p + i, len - i))
        hints += 2;
    /* A JavaScript object literal line: identifier, colon, then a quoted
     * value, a number, a bracket or a brace ("bidder: 'appnexus',"). */
    bool quoted = i < len && (p[i] == '"' || p[i] == '\'');
    i += quoted;
    /* (JSON-LD's keywords: "@type": "Person",) */
    i += quoted && i < len && p[i] == '@';
    size_t id = i;
    while (i < len && (dc_isalnum((unsigned char)p[i]) || p[i] == '_' ||
                       p[i] == '$' || p[i] == '-' || p[i] == '.'))
        i++;
    /* A name does not start with a digit unless quoted: "11:05 p.m.: The
     * ambulance left" is a time. */
    if (i > id && i < len && (quoted || !dc_isdigit((unsigned char)p[id]))) {
        if (p[i] == '"' || p[i] == '\'')
            i++;
        while (i < len && p[i] == ' ')
            i++;
        if (i < len && (p[i] == ':' || p[i] == '=')) {
            bool colon = p[i] == ':';
            i++;
            while (i < len && p[i] == ' ')
                i++;
            /* ...but a number and a word after a colon is a quantity
             * with its unit, as data lines give one ("Cooking time:
             * 25 minutes", "Preis: 3 Euro"). */
            size_t d = i;
            while (d < len && (dc_isdigit((unsigned char)p[d]) ||
                               p[d] == '.' || p[d] == ','))
                d++;
            bool quantity = colon && d > i && d + 1 < len && p[d] == ' ' &&
                            (dc_isalpha((unsigned char)p[d + 1]) ||
                             (unsigned char)p[d + 1] >= 0x80);
            /* ...and so is a telephone number ("Tel: (925) 846-7768"). */
            quantity = quantity || (colon && phone_number(p + i, len - i));
            /* A value that starts with a digit is code's when it is a
             * number ("width: 300,"), not a score, a class or a date
             * ("Summary: 5-1A: ...", "Posted: 2019-05-03"). */
            bool number = d > i && (d == len || memchr(",;:}]) ", p[d], 7));
            if (!quantity &&
                (i == len || strchr("'\"{[(-", p[i]) || number ||
                 (len - i >= 4 && (!memcmp(p + i, "true", 4) ||
                                   !memcmp(p + i, "null", 4) ||
                                   !memcmp(p + i, "navi", 4) ||
                                   !memcmp(p + i, "func", 4)))))
                hints += 2;
        }
    }
    /* Lines that end the way code lines end. */
    size_t e = len;
    while (e > 0 && p[e - 1] == ' ')
        e--;
    if (e > 0 && strchr("{};,[(", p[e - 1]) &&
        (e < 2 || p[e - 2] != '.'))
        hints += p[e - 1] == ',' ? 0 : 1;
    return hints;
}

/* ASCII letters 2, digits 1, every other byte 0. */
static const unsigned char word_byte[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2,
    ['G'] = 2, ['H'] = 2, ['I'] = 2, ['J'] = 2, ['K'] = 2, ['L'] = 2,
    ['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2,
    ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2,
    ['Y'] = 2, ['Z'] = 2,
    ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2,
    ['g'] = 2, ['h'] = 2, ['i'] = 2, ['j'] = 2, ['k'] = 2, ['l'] = 2,
    ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
    ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2,
    ['y'] = 2, ['z'] = 2,
};

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* 0x80 in each byte of w that is an ASCII letter.  Every byte is kept
 * below 0x80 before the additions, so none carries into the next. */
static inline uint64_t
ascii_letters(uint64_t w)
{
    uint64_t t = (w & ~HIGHS) | ONES * 0x20; /* upper case to lower */
    uint64_t ge_a = t + ONES * (0x80 - 'a');
    uint64_t gt_z = t + ONES * (0x80 - 'z' - 1);
    return ge_a & ~gt_z & ~w & HIGHS;
}

/* 0x80 in each byte of w that is an ASCII digit. */
static inline uint64_t
ascii_digits(uint64_t w)
{
    uint64_t t = w & ~HIGHS;
    uint64_t ge_0 = t + ONES * (0x80 - '0');
    uint64_t gt_9 = t + ONES * (0x80 - '9' - 1);
    return ge_0 & ~gt_9 & ~w & HIGHS;
}

/* How many bytes a mask of 0x80 bytes flags (no popcnt in baseline
 * x86-64): the flags moved down to ones, summed by a multiply. */
static inline uint32_t
flagged_bytes(uint64_t m)
{
    return (uint32_t)(((m >> 7) * ONES) >> 56);
}

/*
 * The run of ASCII letters and digits at u[0..n) (u[0] one of them),
 * eight bytes at a time where there are eight.  Returns its length and puts in *alpha
 * how many of it are letters.  When the run is shorter than eight bytes,
 * *word gets it in lower case, zero above, as dc_stopword_mask_short()
 * takes it; otherwise *word is 0.
 */
static inline size_t
ascii_run(const unsigned char *u, size_t n, uint32_t *alpha, uint64_t *word)
{
    size_t j = 0;
    uint32_t letters = 0;
    *word = 0;
#if defined(__SSE2__)
    /* Sixteen bytes at a time with SSE2 (every x86-64), as long as there
     * are sixteen; then as below.  Bytes >= 0x80 compare as negative:
     * neither letters nor digits. */
    for (; j + 16 <= n; j += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + j));
        __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        unsigned l = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                          _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1))));
        unsigned d = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1))));
        unsigned other = ~(l | d) & 0xFFFF;
        unsigned k = other ? (unsigned)__builtin_ctz(other) : 16;
        unsigned before = (1u << k) - 1;
        /* letters are the run's bytes but its digits, seldom any */
        letters += k - ((d & before) ? (uint32_t)__builtin_popcount(d & before)
                                     : 0);
        if (!other)
            continue;
        if (j == 0 && k < 8) {
            /* the run in lower case, zero above: a digit has the case
             * bit (0x20) set already */
            uint64_t w = dc_load_le64(u);
            *word = (w | ONES * 0x20) & (((uint64_t)1 << (8 * k)) - 1);
        }
        *alpha = letters;
        return j + k;
    }
#endif
    for (; j + 8 <= n; j += 8) {
        uint64_t w = dc_load_le64(u + j);
        uint64_t l = ascii_letters(w);
        uint64_t other = ~(l | ascii_digits(w)) & HIGHS;
        if (!other) {
            letters += flagged_bytes(l);
            continue;
        }
        /* the bytes before the first other one */
        uint64_t before = ((other & (0 - other)) >> 7) - 1;
        letters += flagged_bytes(l & before);
        if (j == 0)
            *word = (w | l >> 2) & before; /* 0x80 >> 2: the case bit */
        *alpha = letters;
        return j + dc_first_flagged(other);
    }
    for (; j < n && word_byte[u[j]]; j++)
        letters += word_byte[u[j]] - 1u;
    *alpha = letters;
    return j;
}

/* Where the run of bytes c that starts at u[i] ends: the first k >= i
 * with u[k] != c, or n (dc_leading(), many bytes at a time: the runs
 * worth it are rules drawn with one mark ("_____", "-----") and
 * indentation).  Out of line: the callers' loop stays small. */
static __attribute__((noinline)) size_t
run_end(const unsigned char *u, size_t i, size_t n, unsigned char c)
{
    return i + dc_leading((const char *)u + i, n - i, c, c);
}

/* The n bytes at p (1 <= n <= 8) as a little-endian word, zero above. */
static inline uint64_t
load_upto8(const unsigned char *p, size_t n)
{
    return n < 8 ? dc_load_short(p, n) : dc_load_le64(p);
}

/* The longest elided word before an apostrophe, in bytes ("lorsqu",
 * "quest", "dell"). */
#define ELIDED_MAX 7

/*
 * The stoplists of the word p[0..n).  An elided article, pronoun or
 * preposition joined to the next word by an apostrophe ("l'article",
 * "d'intérêt", "qu'il", "dell'anno") is the stopword it stands for:
 * dc_measure() keeps such a word whole, and French or Italian prose has
 * one every few words.  The whole word is looked up first, so that
 * English keeps "don't" and "it's" as its list spells them.
 */
static uint32_t
stopword_or_elided_mask(const char *p, size_t n)
{
    uint32_t m = dc_stopword_mask(p, n);
    if (m)
        return m;
    size_t reach = n < ELIDED_MAX + 1 ? n : ELIDED_MAX + 1;
    const char *apostrophe = memchr(p, '\'', reach);
    if (!apostrophe || apostrophe == p)
        return 0;
    return dc_stopword_mask(p, (size_t)(apostrophe - p));
}

/* stopword_or_elided_mask() of the word p[0..n), through the cache (see
 * struct dc_word_cache).  Not inlined: dc_measure()'s loop keeps its
 * registers. */
static __attribute__((noinline)) uint32_t
word_mask(struct dc_word_cache *cache, const char *p, size_t n)
{
    if (n > 16)
        return stopword_or_elided_mask(p, n);
    const unsigned char *u = (const unsigned char *)p;
    uint64_t w0 = load_upto8(u, n < 8 ? n : 8);
    uint64_t w1 = n > 8 ? load_upto8(u + 8, n - 8) : 0;
    uint64_t h = (w0 * 0x9E3779B97F4A7C15ull) ^ (w1 * 0xC2B2AE3D27D4EB4Full) ^
                 n;
    h *= 0xFF51AFD7ED558CCDull;
    struct dc_word_cache *e = &cache[h >> (64 - DC_WORD_CACHE_BITS)];
    if (e->len != n || e->w[0] != w0 || e->w[1] != w1) {
        e->w[0] = w0;
        e->w[1] = w1;
        e->len = (uint32_t)n;
        e->mask = stopword_or_elided_mask(p, n);
    }
    return e->mask;
}

/* dc_stopword_mask_short() of a word of n bytes folded as ascii_run()
 * gives it, through the cache: its slot is looked at inline, and a miss
 * goes to the noinline call. */
static __attribute__((noinline)) uint32_t
short_miss(struct dc_word_cache *e, uint64_t word, size_t n)
{
    e->w[0] = word;
    e->w[1] = 0;
    e->len = (uint32_t)n;
    e->mask = dc_stopword_mask_short(word, n);
    return e->mask;
}

static inline uint32_t
short_mask(struct dc_word_cache *cache, uint64_t word, size_t n)
{
    uint64_t h = (word ^ n) * 0x9E3779B97F4A7C15ull;
    struct dc_word_cache *e = &cache[h >> (64 - DC_WORD_CACHE_BITS)];
    if (e->len == n && e->w[0] == word && e->w[1] == 0)
        return e->mask;
    return short_miss(e, word, n);
}

/* The stoplists of the word of n ASCII letters and digits at u (that
 * ascii_run() gave no folded copy of: eight bytes or longer, or at the
 * text's end).  Up to sixteen bytes it is folded here and looked up at
 * once (dc_stopword_mask_folded()), not through the cache: long words
 * are too seldom repeated for it (half of them missed it on real pages,
 * at several probes a miss), and they would push short ones out. */
static __attribute__((noinline)) uint32_t
alnum_word_mask(struct dc_word_cache *cache, const unsigned char *u,
                size_t n)
{
    if (n > 16)
        return dc_stopword_mask((const char *)u, n);
    uint64_t w0 = dc_tolower8(load_upto8(u, n < 8 ? n : 8));
    uint64_t w1 = n > 8 ? dc_tolower8(load_upto8(u + 8, n - 8)) : 0;
    if (n <= 8)
        return short_mask(cache, w0, n);
    return dc_stopword_mask_folded(w0, w1, n);
}

/* The stoplists of the caseless character (a CJK ideograph or kana, a
 * word of its own) in p[0..n): its key is its bytes.  Not inlined, so
 * that dc_measure()'s loop over other text keeps its registers. */
static __attribute__((noinline)) uint32_t
caseless_stopword_mask(struct dc_word_cache *cache, const unsigned char *p,
                       size_t n)
{
    uint64_t key = 0;
    for (size_t k = 0; k < n; k++)
        key |= (uint64_t)p[k] << (8 * k);
    return short_mask(cache, key, n);
}

/* Count a word in the languages of its stoplist mask m: a word is in
 * few of them, so visit only those.  *seen gets their bits. */
static inline void
add_hits(uint32_t *hits, int nlangs, uint32_t *seen, uint32_t m)
{
    *seen |= m;
    for (; m; m &= m - 1) {
        int l = __builtin_ctz(m);
        if (l < nlangs)
            hits[l]++;
    }
}

/* Is s wholly in brackets, as a text browser prints a picture or a
 * button ("[logo.gif]", "[Photo: the harbour at dawn]"), or a row of
 * them side by side ("[photo.jpg?w=600] [photo.jpg?w=600]": an image
 * and its copy for browsers without script; a row of share icons)? */
static bool
in_brackets(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] == '[') {
        const char *close = memchr(s + i + 1, ']', len - i - 1);
        if (!close || memchr(s + i + 1, '[', (size_t)(close - s) - i - 1))
            return false;
        i = (size_t)(close - s) + 1;
        if (i == len)
            return true;
        if (s[i] != ' ')
            return false;
        while (i < len && s[i] == ' ')
            i++;
    }
    return false;
}

/*
 * Measure a block's text.  hits[lang] gets the stopwords of each language;
 * f->stopwords is filled in later, when the document language is known.
 */
void
dc_measure(const char *s, size_t len, struct dc_features *out,
           uint32_t *hits, int nlangs, struct dc_word_cache *cache)
{
    /* Counted in a local, which the compiler keeps in registers: in *out
     * every hits[] increment would make it store and load them again. */
    struct dc_features counts = {0};
    struct dc_features *f = &counts;
    memset(hits, 0, (size_t)nlangs * sizeof *hits);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, word_start = 0;
    bool in_word = false, word_upper = false;
    /* letters counted before the word: none since, and it is a number */
    uint32_t letters_before = 0;
    int32_t last_nonspace_before_closers = 0;
    /* A word that starts with a run of ASCII letters and digits ends at
     * short_end if it is no more than that run (most words are), and
     * short_word holds the run folded for the stoplist lookup when it is
     * short (else 0: alnum_word_mask() folds it). */
    size_t short_end = SIZE_MAX;
    uint64_t short_word = 0;
    /* the runs' bytes and letters: their chars, letters and digits */
    uint32_t run_bytes = 0, run_letters = 0;
    /* the languages with a stopword in the block, before masking */
    uint32_t stoplists = 0;

#define END_WORD()                                                           \
    do {                                                                     \
        if (in_word) {                                                       \
            f->words++;                                                      \
            f->numbers += f->letters + run_letters == letters_before;        \
            f->upper_words += word_upper;                                    \
            add_hits(hits, nlangs, &stoplists,                               \
                     i != short_end                                          \
                         ? word_mask(cache, s + word_start, i - word_start)  \
                     : short_word                                            \
                         ? short_mask(cache, short_word, i - word_start)     \
                         : alnum_word_mask(cache, u + word_start,            \
                                           i - word_start));                 \
            in_word = false;                                                 \
            short_end = SIZE_MAX;                                            \
        }                                                                    \
    } while (0)

    while (i < len) {
        if (word_byte[u[i]]) {
            /* A run of ASCII letters and digits, most of any text, in one
             * go: all in a word, none a space, a sentence end, a closer
             * or punctuation. */
            uint32_t alpha;
            uint64_t word;
            size_t j = i + ascii_run(u + i, len - i, &alpha, &word);
            if (!in_word && (j == len || u[j] == ' ' || u[j] == '\t')) {
                /* The run is a word of its own, as most words are: what
                 * END_WORD() does with it, counted at once. */
                f->words++;
                f->numbers += alpha == 0;
                f->upper_words += dc_isupper(u[i]);
                add_hits(hits, nlangs, &stoplists,
                         word ? short_mask(cache, word, j - i)
                              : alnum_word_mask(cache, u + i, j - i));
                run_bytes += (uint32_t)(j - i);
                run_letters += alpha;
                last_nonspace_before_closers = u[j - 1];
                i = j + (j < len); /* and the space after it */
                continue;
            }
            if (!in_word) {
                in_word = true;
                word_start = i;
                letters_before = f->letters + run_letters;
                word_upper = dc_isupper(u[i]);
                short_end = j;
                short_word = word;
            }
            run_bytes += (uint32_t)(j - i);
            run_letters += alpha;
            last_nonspace_before_closers = u[j - 1];
            i = j;
            /* most often a space follows: what the loop does with it */
            if (i < len && (u[i] == ' ' || u[i] == '\t')) {
                END_WORD();
                i++;
            }
            continue;
        }
        if (u[i] == ' ' || u[i] == '\t') {
            /* what the general case below does with a space, and with
             * the spaces after it (an indent, a layout's gap): nothing */
            END_WORD();
            i++;
            if (i < len && u[i] == ' ')
                i = run_end(u, i, len, ' ');
            continue;
        }
        if (u[i] < 0x80) {
            /* ASCII punctuation (or a control character): what the
             * general case below does with it, by one look-up */
            unsigned cp = u[i], kind = ascii_kind[cp];
            f->chars++;
            if (!((kind & ASCII_JOIN) && in_word && i + 1 < len &&
                  word_byte[u[i + 1]])) { /* not don't, well-known */
                END_WORD();
                f->punct++;
                /* Prose has parentheses too: only a call's, right after
                 * a name, is code's. */
                if (cp == '(' ? i > 0 && (dc_isalnum(u[i - 1]) ||
                                          u[i - 1] == '_')
                              : cp != ')' && (kind & ASCII_MARK))
                    f->code_marks++;
            }
            /* count a stop followed by space or end as a sentence */
            if ((kind & ASCII_END) && (i + 1 >= len || u[i + 1] == ' '))
                f->sentences++;
            if (!(kind & ASCII_CLOSER))
                last_nonspace_before_closers = (int32_t)cp;
            i++;
            if ((kind & ASCII_RULE) && i < len && u[i] == cp) {
                /* The same mark again ("_____", "-----"): what the above
                 * does with each of the run, at once.  The mark ended any
                 * word (the next byte, the same mark, is no word byte),
                 * and a rule's mark is no bracket and no sentence end. */
                size_t e = run_end(u, i, len, (unsigned char)cp);
                uint32_t more = (uint32_t)(e - i);
                f->chars += more;
                f->punct += more;
                if (kind & ASCII_MARK)
                    f->code_marks += more;
                i = e;
            }
            continue;
        }
        if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len &&
            (u[i + 1] & 0xC0) == 0x80) {
            /* A two-byte letter (Cyrillic, Greek, an accented Latin
             * one): what the general case below does with it, in a
             * few steps.  (None is a sentence end, a closer, Hangul.) */
            int32_t cp = (int32_t)((u[i] & 0x1Fu) << 6 | (u[i + 1] & 0x3Fu));
            unsigned kind = letter2[cp];
            if (kind) {
                f->chars++;
                f->letters++;
                if (!in_word) {
                    in_word = true;
                    word_start = i;
                    letters_before = f->letters - 1;
                    word_upper = kind == LETTER2_UPPER;
                }
                i += 2;
                /* ...and with the two-byte letters after it (a word of
                 * Cyrillic or Greek), in a loop of their own */
                while (i + 1 < len && u[i] >= 0xC2 && u[i] <= 0xDF &&
                       (u[i + 1] & 0xC0) == 0x80) {
                    int32_t next = (int32_t)((u[i] & 0x1Fu) << 6 |
                                             (u[i + 1] & 0x3Fu));
                    if (!letter2[next])
                        break;
                    f->chars++;
                    f->letters++;
                    cp = next;
                    i += 2;
                }
                last_nonspace_before_closers = cp;
                continue;
            }
        }
        if (u[i] >= 0xE4 && u[i] <= 0xE9 && i + 2 < len &&
            (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            /* U+4000-U+9FFF: CJK ideographs but the Yijing hexagrams
             * (U+4DC0-U+4DFF), a word each; what the general case does
             * with one (it is no sentence end, no closer) */
            int32_t cp = (int32_t)((u[i] & 0x0Fu) << 12 |
                                   (u[i + 1] & 0x3Fu) << 6 |
                                   (u[i + 2] & 0x3Fu));
            if (cp < 0x4DC0 || cp > 0x4DFF) {
                END_WORD();
                f->chars++;
                f->letters++;
                f->cjk++;
                f->words++;
                add_hits(hits, nlangs, &stoplists,
                         caseless_stopword_mask(cache, u + i, 3));
                last_nonspace_before_closers = cp;
                i += 3;
                continue;
            }
        }
        /* Any other character: never ASCII, handled above. */
        int32_t cp;
        size_t n = dc_utf8_decode(u + i, len - i, &cp);
        if (!n) {
            cp = 0xFFFD;
            n = 1;
        }
        f->chars++;
        if (is_cjk_ideograph(cp)) {
            END_WORD();
            f->letters++;
            f->cjk++;
            f->words++;
            add_hits(hits, nlangs, &stoplists,
                     caseless_stopword_mask(cache, u + i, n));
        } else {
            utf8proc_category_t cat =
                cp < 0x800 ? (utf8proc_category_t)category2[cp]
                           : utf8proc_category(cp);
            bool letter = cat >= UTF8PROC_CATEGORY_LU &&
                          cat <= UTF8PROC_CATEGORY_LO;
            bool mark = cat >= UTF8PROC_CATEGORY_MN &&
                        cat <= UTF8PROC_CATEGORY_ME;
            bool digit = cat >= UTF8PROC_CATEGORY_ND &&
                         cat <= UTF8PROC_CATEGORY_NO;
            if (letter || mark || digit) {
                if (!in_word) {
                    in_word = true;
                    word_start = i;
                    letters_before = f->letters + run_letters;
                    word_upper = cat == UTF8PROC_CATEGORY_LU ||
                                 cat == UTF8PROC_CATEGORY_LT;
                }
                if (letter) {
                    f->letters++;
                    if (is_hangul(cp))
                        f->cjk++;
                } else if (digit) {
                    f->digits++;
                }
            } else if (cp == 0x2019 && in_word && i + n < len &&
                       u[i + n] < 0x80 && dc_isalpha(u[i + n])) {
                /* typographic apostrophe inside a word */
            } else {
                END_WORD();
                f->punct++;
            }
        }
        /* a stop of its own (not ASCII): a sentence, whatever follows */
        if (is_sentence_end(cp))
            f->sentences++;
        if (!is_closer(cp))
            last_nonspace_before_closers = cp;
        i += n;
    }
    END_WORD();
#undef END_WORD
    f->stoplists = nlangs < 32 ? stoplists & ((1u << nlangs) - 1) : stoplists;
    f->chars += run_bytes;
    f->letters += run_letters;
    f->digits += run_bytes - run_letters;
    f->colon = last_nonspace_before_closers == ':';
    f->terminal = is_sentence_end(last_nonspace_before_closers) || f->colon;
    f->bullet = dc_bullet_len(s, len) > 0;
    f->picture = in_brackets(s, len);
    size_t d = 0;
    while (d < len && d < 4 && dc_isdigit((unsigned char)s[d]))
        d++;
    f->ordinal = d >= 1 && d <= 3 && d + 1 == len &&
                 (s[d] == '.' || s[d] == ')');
    *out = counts;
}

/* Fill in what depends on the document language but code: stopwords
 * and headings. */
void
dc_finish_features(struct dc_features *f, const uint32_t *hits, int lang,
                   int nlangs, const struct dc_rules *rules)
{
    /* The document's language counts, unless the block is plainly in
     * another one (a stream of pages in several languages, a quotation):
     * then that language's stopwords count. */
    uint32_t best = 0;
    int best_lang = lang;
    (void)nlangs; /* f->stoplists has no bit past it */
    for (uint32_t m = f->stoplists; m; m &= m - 1) {
        int l = __builtin_ctz(m);
        if (hits[l] > best)
            best = hits[l], best_lang = l;
    }
    f->stopwords = best;
    if (lang >= 0 && (best < 3 || f->words < 8 || best < 2 * hits[lang])) {
        f->stopwords = hits[lang];
        best_lang = lang;
    }
    f->stop_density = f->words ? (float)f->stopwords / (float)f->words : 0;
    f->lang = (int8_t)best_lang;
    /* ...and is measured as that language's prose is: its stoplist may
     * cover less of running text, and the document language's
     * thresholds judge every block. */
    if (lang >= 0 && best_lang != lang) {
        double own = dc_rules_settings_for(rules, best_lang)->stopwords_high;
        double doc = dc_rules_settings_for(rules, lang)->stopwords_high;
        if (own > 0)
            f->stop_density *= (float)(doc / own);
    }
    /* CJK text has fewer function characters per character than
     * European text has function words per word: scale it up. */
    const struct dc_settings *set = dc_rules_settings_for(rules, lang);
    if (f->cjk * 2 > f->letters && f->letters)
        f->stop_density *= (float)set->cjk_stopword_scale;
    f->heading = !f->terminal && !f->bullet && f->words >= 1 &&
                 (double)f->words <= set->heading_words &&
                 (double)f->chars <= set->heading_chars;
}

/* In prose, numbers are no words of it nor of boilerplate: a
 * schedule's times and a price list's prices would thin out its
 * stopwords.  After dc_finish_code(), which measures all words: code is
 * full of numbers.  (Outside sentences numbers are what a line says: a
 * rank, a score, a date in a list, a headline's count.) */
void
dc_discount_numbers(struct dc_features *f)
{
    if (f->code || !f->terminal || !f->numbers || f->numbers >= f->words)
        return;
    f->stop_density *= (float)f->words / (float)(f->words - f->numbers);
}

/* A block's share of code marks.  Prose has few: a price's "$", a
 * call's parenthesis in a name. */
static float
mark_share(const struct dc_features *f)
{
    return f->chars ? (float)f->code_marks / (float)f->chars : 0;
}

/* ...and from this share, code hints are looked for whatever the
 * stopwords: minified script and JSON with strings in them ("var t =
 * {"title": "Read the story"}") have the stopwords of prose. */
#define HINTS_MARKS 0.01f

bool
dc_code_marked(const struct dc_features *f)
{
    return mark_share(f) >= HINTS_MARKS;
}

static const char article_body_key[] = "\"articleBody\"";

/* Where t names its article text's key, "articleBody" in quotes; NULL
 * if nowhere. */
static const char *
article_body_at(struct dc_span t)
{
    return memmem(t.p, t.len, article_body_key, sizeof article_body_key - 1);
}

/* Where the value of a JSON member starts in t, its key ending at i:
 * past the ':' and the blanks around it; t.len if no ':' follows. */
static size_t
member_value(struct dc_span t, size_t i)
{
    i += dc_leading(t.p + i, t.len - i, ' ', '\t');
    if (i >= t.len || t.p[i] != ':')
        return t.len;
    i++;
    return i + dc_leading(t.p + i, t.len - i, ' ', '\t');
}

/* Does t hold the article as a page's structured data gives it (a
 * script's JSON-LD, "articleBody": "...")?  It is the text, if in a
 * script: a dump may hold no other copy of it.  (Where it does, the
 * classifier takes that copy: see dc_article_body_opening().) */
bool
dc_article_body(struct dc_span t)
{
    return article_body_at(t) != NULL;
}

/* The character a JSON escape at v[i] (a backslash) stands for, as
 * UTF-8 in out, and its length; *next gets where the escape ends.  0:
 * one an opening ends at, a line break (a new paragraph), a character
 * the normaliser rewrites (quotes, dashes, spaces: the printed copy has
 * them rewritten), or an escape that is not whole. */
static size_t
body_escape(struct dc_span v, size_t i, char out[4], size_t *next)
{
    if (i + 1 >= v.len)
        return 0;
    char e = v.p[i + 1];
    *next = i + 2;
    if (e == '"' || e == '\\' || e == '/') {
        out[0] = e;
        return 1;
    }
    int32_t cp = e == 'u' ? dc_hex4(v.p + i + 2, v.len - i - 2) : -1;
    if (cp < 0)
        return 0;
    *next = i + 6;
    if (cp < 0x20 || cp == '"' || cp == '\'' || cp == '<' || cp == '&' ||
        (cp >= 0x7F && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF)
        return 0;
    return dc_utf8_encode(cp, out);
}

/* The end of the HTML tag that opens at v[i] ('<'), if it is one that
 * a browser prints inline, as part of the line around it (<b>, </a>,
 * <span class="x">); 0 for any other, or for no tag. */
static size_t
inline_tag_end(struct dc_span v, size_t i)
{
    static const char *const inline_tags[] = {"a",  "b",    "i",      "u",
                                              "em", "span", "strong", NULL};
    size_t k = i + 1 + (i + 1 < v.len && v.p[i + 1] == '/'), name = k;
    while (k < v.len && dc_isalpha((unsigned char)v.p[k]))
        k++;
    bool known = false;
    for (const char *const *t = inline_tags; *t && !known; t++) {
        size_t j = 0;
        while (j < k - name &&
               (*t)[j] == dc_tolower((unsigned char)v.p[name + j]))
            j++;
        known = j == k - name && (*t)[j] == '\0';
    }
    if (!known || k >= v.len || (v.p[k] != '>' && v.p[k] != ' '))
        return 0;
    /* (a quote in it is escaped: a bare one ends the JSON string) */
    while (k < v.len && v.p[k] != '>' && v.p[k] != '"')
        k += v.p[k] == '\\' ? 2 : 1;
    return k < v.len && v.p[k] == '>' ? k + 1 : 0;
}

/* The opening of the article text that t's structured data gives
 * ("articleBody": "Walt Disney Co. executive ..."), as the page prints
 * it: inline tags left out (<b>, </a>), escapes decoded (\u00FC, \"),
 * up to a quote, a line break, another tag, an entity or an escaped
 * character the normaliser would rewrite (the text around it, and the
 * page's copy, are normalised already); DC_BODY_OPENING bytes at most,
 * written to out, ending on a character's boundary.  Its length: 0 if t
 * gives none.  A page that prints the text as well prints these words
 * at the start of a line. */
size_t
dc_article_body_opening(struct dc_span t, char out[DC_BODY_OPENING])
{
    const char *k = article_body_at(t);
    if (!k)
        return 0;
    size_t key_end = (size_t)(k - t.p) + sizeof article_body_key - 1;
    size_t i = member_value(t, key_end);
    if (i >= t.len || t.p[i] != '"')
        return 0;
    size_t n = 0;
    for (i++; i < t.len && n < DC_BODY_OPENING;) {
        unsigned char c = (unsigned char)t.p[i];
        char ch[4];
        size_t len, next;
        if (c == '<') {
            if (!(next = inline_tag_end(t, i)))
                break;
            i = next;
            continue;
        }
        if (c == '\\') {
            if (!(len = body_escape(t, i, ch, &next)))
                break;
        } else if (c == '"' || c == '&' || c < 0x20) {
            break;
        } else {
            int32_t cp;
            len = dc_utf8_decode((const unsigned char *)t.p + i, t.len - i,
                                 &cp);
            if (!len)
                break;
            memcpy(ch, t.p + i, len);
            next = i + len;
        }
        if (n + len > DC_BODY_OPENING)
            break; /* (a character's bytes whole, or none) */
        memcpy(out + n, ch, len);
        n += len;
        i = next;
    }
    return n;
}

/* Is t one member of a JSON object, a string, on a line of its own
 * ("description": "Three people have died ...",), as a script's
 * JSON-LD printed a line a member reads?  Its value may be prose; the
 * line is the script's. */
bool
dc_json_member(struct dc_span t)
{
    size_t i = dc_leading(t.p, t.len, ' ', '\t');
    if (i >= t.len || t.p[i] != '"')
        return false;
    size_t id = ++i;
    i += i < t.len && t.p[i] == '@';
    while (i < t.len && (dc_isalnum((unsigned char)t.p[i]) || t.p[i] == '_' ||
                         t.p[i] == '-'))
        i++;
    if (i == id || i >= t.len || t.p[i] != '"')
        return false;
    i = member_value(t, i + 1);
    if (i >= t.len)
        return false;
    size_t e = t.len;
    while (e > i && dc_isspace((unsigned char)t.p[e - 1]))
        e--;
    if (e > i && t.p[e - 1] == ',')
        e--;
    return e >= i + 2 && t.p[i] == '"' && t.p[e - 1] == '"';
}

/* Does t open a JSON object with a string key ("{"@context": ...",
 * "[{"@type":"Question", ..."), as a script's data printed as a line
 * of text does?  Prose never opens so. */
bool
dc_json_object(struct dc_span t)
{
    size_t i = dc_leading(t.p, t.len, ' ', '\t');
    i += i < t.len && t.p[i] == '[';
    if (i + 1 >= t.len || t.p[i] != '{' || t.p[i + 1] != '"')
        return false;
    const char *q = memchr(t.p + i + 2, '"', t.len - i - 2);
    return q && member_value(t, (size_t)(q - t.p) + 1) < t.len;
}

/* Is the block code?  After dc_finish_features(); hints may be -1 (not
 * looked for) when f->stop_density >= DC_HINTS_DENSITY and the block has
 * few code marks. */
void
dc_finish_code(struct dc_features *f, int hints)
{
    float marks = mark_share(f);
    f->code = f->chars > 0 && !f->ordinal &&
              ((f->letters == 0 && f->chars > 0) ||
               (f->code_marks >= 2 && marks >= 0.08f &&
                f->stop_density < 0.25f) ||
               (hints >= 2 && f->stop_density < DC_HINTS_DENSITY) ||
               (hints >= 1 && marks >= 0.04f && f->stop_density < 0.2f) ||
               (hints >= 3 && marks >= HINTS_MARKS));
}
