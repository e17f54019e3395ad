/*
 * lang.c - language codes and the stopword table.
 *
 * dc_lang_init folds every word of the embedded stoplists (embedded.h) and
 * puts it in one open-addressing hash table (linear probing, power-of-two
 * size, at most half full, a multiplicative hash over eight bytes at a
 * time) that maps the folded word to the set of languages whose list holds
 * it: about 5,000 words in 300 KB.  dc_stopword_mask folds its argument the
 * same way into a stack buffer and probes the table: no allocation, no
 * locks, and the table is never written after init, so lookups may run in
 * any number of threads.
 *
 * Folding is Unicode simple lower-casing (utf8proc_tolower, with fast paths
 * for ASCII, two-byte sequences and caseless CJK and Hangul) plus final
 * sigma to sigma, so that "ΑΥΤΌΣ" finds "αυτός".  It does not normalise:
 * the lists are NFC and so is the text the normaliser hands the classifier.
 * Nothing here depends on the locale.
 *
 * This module does not tokenise, detect languages or decide anything; it
 * only answers "in which stoplists is this word".
 */
#include "config.h"

#include "lang.h"

#include <string.h>

#include <utf8proc.h>

#include "embedded.h"

/*
 * The languages, in index order: dc_lang_index and the bits of a language
 * set follow this table, so only ever append to it.  A stoplist whose name
 * is not here is ignored; a language here without a list has no stopwords.
 */
static const char lang_codes[][4] = {
    "en", "de", "fr", "es", "pt", "it", "nl", "ru", "pl", "zh", "ja", "ko",
    "sv", "da", "no", "fi", "cs", "tr", "uk", "id", "hu", "ro", "el", "ar",
};

#define LANG_COUNT ((int)(sizeof lang_codes / sizeof lang_codes[0]))

/* Longest word looked up, in bytes, as lang.h promises. */
#define WORD_MAX 64
/*
 * Room for a folded word.  Lower-casing can lengthen a word by half (U+023A,
 * 2 bytes, becomes U+2C65, 3 bytes), so a key stays within KEY_LIMIT; fold
 * checks that for every non-ASCII code point anyway.  Keys are stored eight
 * bytes at a time, zero-padded: KEY_MAX is KEY_LIMIT rounded up, plus a
 * spare word.
 */
#define KEY_LIMIT (WORD_MAX + WORD_MAX / 2)
#define KEY_MAX ((KEY_LIMIT + 7) / 8 * 8 + 8)

/*
 * The table: slots[] holds what a probe reads for every word, words[] what
 * it reads only when the hash matches, so a miss touches 8 bytes.
 */
struct slot {
    uint32_t hash;
    uint32_t mask; /* 0: the slot is empty (every word has a language) */
};

struct word {
    uint32_t off; /* of the folded word in `keys`, a multiple of 8 */
    uint32_t len;
};

/* Written only by dc_lang_init(), through add_ctx; or a snapshot's. */
static const struct slot *slots;
static const struct word *words;
static uint32_t slot_mask; /* slot count - 1 */
static const char *keys;   /* the folded words, each zero-padded to 8 */
static size_t longest;     /* bytes of the longest folded word */
static size_t keys_len;    /* bytes of keys */
static bool ready;

/*
 * The long words' filter: a bit for the hash (its top bits) of each
 * folded word of 9 to 16 bytes the table holds, some 400 of them in
 * 16,384 bits.  A long word of running text is seldom a stopword, and
 * dc_stopword_mask_folded() answers most of them from one bit rather
 * than by a probe.  Written with the table.
 */
#define LONG_FILTER_BITS 14
static uint64_t long_filter[((size_t)1 << LONG_FILTER_BITS) / 64];

static inline uint32_t
long_filter_bit(uint32_t hash)
{
    return hash >> (32 - LONG_FILTER_BITS);
}

static void
build_long_filter(void)
{
    for (uint32_t i = 0; i <= slot_mask; i++) {
        if (slots[i].mask != 0 && words[i].len > 8 && words[i].len <= 16) {
            uint32_t b = long_filter_bit(slots[i].hash);
            long_filter[b / 64] |= (uint64_t)1 << (b % 64);
        }
    }
}

/*
 * Lower case of U+0080..U+07FF (Latin, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic: the two-byte sequences), so most non-ASCII letters cost a table
 * look-up instead of a call; final sigma is folded to sigma here too.
 * Every lower case in this range is below U+10000.
 */
static uint16_t lower2[0x800];

_Static_assert(LANG_COUNT <= DC_LANG_MAX && DC_LANG_MAX <= 32,
               "a language set is a uint32_t");

int
dc_lang_count(void)
{
    return LANG_COUNT;
}

const char *
dc_lang_code(int i)
{
    if (i < 0 || i >= LANG_COUNT)
        return NULL;
    return lang_codes[i];
}

int
dc_lang_index_n(const char *code, size_t len)
{
    if (code == NULL)
        return -1;
    for (int i = 0; i < LANG_COUNT; i++) {
        const char *c = lang_codes[i];
        size_t j = 0;

        while (j < len && c[j] != '\0' &&
               dc_tolower((unsigned char)code[j]) == c[j])
            j++;
        if (j == len && c[j] == '\0')
            return i;
    }
    return -1;
}

int
dc_lang_index(const char *code)
{
    if (code == NULL)
        return -1;
    return dc_lang_index_n(code, strlen(code));
}

/*
 * A folded key being built: bytes gather in a register, the first lowest,
 * and are stored and hashed eight at a time (storing bytes one by one and
 * loading them back as a word would stall on store forwarding).  The hash
 * multiplies each word in and folds the high half down, as the low bits
 * pick the slot.  Words are read and stored in little-endian order on any
 * CPU (dc_load_le64()), so a key's hash is the same on every one.
 */
struct key {
    char *p;
    size_t n;
    uint64_t w;
    unsigned shift;
    uint64_t h;
};

#define HASH_SEED 0x9e3779b97f4a7c15u

/* The hash with eight more bytes of key (little-endian) in it. */
static inline uint64_t
hash_step(uint64_t h, uint64_t w)
{
    h ^= w;
    h *= 0xff51afd7ed558ccdu;
    return h ^ h >> 32;
}

/* The hash of a key of n bytes, all stepped in. */
static inline uint32_t
hash_end(uint64_t h, size_t n)
{
    h ^= n;
    h *= 0xc4ceb9fe1a85ec53u;
    return (uint32_t)(h >> 32);
}

static inline void
key_flush(struct key *k)
{
    dc_store_le64(k->p + ((k->n - 1) & ~(size_t)7), k->w);
    k->h = hash_step(k->h, k->w);
    k->w = 0;
    k->shift = 0;
}

static inline void
key_put(struct key *k, unsigned char c)
{
    k->w |= (uint64_t)c << k->shift;
    k->n++;
    k->shift += 8;
    if (k->shift == 64)
        key_flush(k);
}

/* The simple lower case of cp, final sigma folded to sigma. */
static inline int32_t
lower(int32_t cp)
{
    if (cp < 0x800)
        return lower2[cp];
    /* Kana, CJK ideographs and Hangul syllables have no case. */
    if ((cp >= 0x3000 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3))
        return cp;
    return utf8proc_tolower(cp);
}

static inline bool
cont(unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

/*
 * Fold word (len bytes, at most WORD_MAX) into key[KEY_MAX], zero-padded
 * to a multiple of 8, and hash it.  Returns the key's length, or 0 for an
 * empty word or one that is not valid UTF-8.
 */
static inline size_t
fold(const char *word, size_t len, char *key, uint32_t *hash)
{
    const unsigned char *s = (const unsigned char *)word;
    struct key k = {key, 0, 0, 0, HASH_SEED};
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        int32_t cp;
        size_t used;

        if (c < 0x80) {
            /* ASCII: almost every byte of almost every word. */
            key_put(&k, dc_isupper(c) ? (unsigned char)(c + ('a' - 'A')) : c);
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf && i + 1 < len && cont(s[i + 1])) {
            cp = (c & 0x1f) << 6 | (s[i + 1] & 0x3f), used = 2;
        } else if (c >= 0xe0 && c <= 0xef && i + 2 < len && cont(s[i + 1]) &&
                   cont(s[i + 2])) {
            cp = (c & 0x0f) << 12 | (s[i + 1] & 0x3f) << 6 | (s[i + 2] & 0x3f);
            if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))
                return 0; /* overlong, or a surrogate */
            used = 3;
        } else {
            used = dc_utf8_decode(s + i, len - i, &cp);
            if (used == 0)
                return 0;
        }
        i += used;
        cp = lower(cp);

        size_t m = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

        if (k.n + m > KEY_LIMIT)
            return 0;
        if (cp < 0x80) {
            key_put(&k, (unsigned char)cp);
        } else if (cp < 0x800) {
            key_put(&k, (unsigned char)(0xc0 | cp >> 6));
            key_put(&k, (unsigned char)(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            key_put(&k, (unsigned char)(0xe0 | cp >> 12));
            key_put(&k, (unsigned char)(0x80 | (cp >> 6 & 0x3f)));
            key_put(&k, (unsigned char)(0x80 | (cp & 0x3f)));
        } else {
            key_put(&k, (unsigned char)(0xf0 | cp >> 18));
            key_put(&k, (unsigned char)(0x80 | (cp >> 12 & 0x3f)));
            key_put(&k, (unsigned char)(0x80 | (cp >> 6 & 0x3f)));
            key_put(&k, (unsigned char)(0x80 | (cp & 0x3f)));
        }
    }
    if (k.shift)
        key_flush(&k); /* zero-pads the last word */
    *hash = hash_end(k.h, k.n);
    return k.n;
}

/* The slot index holding key (padded, see fold), or the empty one for it. */
static inline uint32_t
probe(const char *key, size_t len, uint32_t hash)
{
    uint32_t i = hash & slot_mask;

    for (;; i = (i + 1) & slot_mask) {
        if (slots[i].mask == 0)
            return i;
        if (slots[i].hash != hash || words[i].len != len)
            continue;

        const char *w = keys + words[i].off;
        size_t j = 0;

        while (j < len && dc_load_le64(w + j) == dc_load_le64(key + j))
            j += 8;
        if (j >= len)
            return i;
    }
}

/* Call fn(word, len, arg) for each word line of a stoplist. */
static void
each_word(const struct dc_embedded_file *f,
          void (*fn)(const char *w, size_t len, void *arg), void *arg)
{
    const char *p = f->data, *end = f->data + f->len;

    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        const char *a = p, *b = line_end;

        p = nl ? nl + 1 : end;
        while (a < b && dc_isspace((unsigned char)*a))
            a++;
        while (b > a && dc_isspace((unsigned char)b[-1]))
            b--;
        if (a == b || *a == '#')
            continue;
        fn(a, (size_t)(b - a), arg);
    }
}

static void
count_word(const char *w, size_t len, void *arg)
{
    (void)w;
    (void)len;
    (*(size_t *)arg)++;
}

struct add_ctx {
    struct dc_buf *keys;
    uint32_t bit;
    struct slot *slots; /* the table's, writable */
    struct word *words;
};

static void
add_word(const char *w, size_t len, void *arg)
{
    struct add_ctx *ctx = arg;
    char key[KEY_MAX];
    uint32_t hash;
    size_t n;

    /* A word the lookup refuses could never be found. */
    if (len > WORD_MAX || (n = fold(w, len, key, &hash)) == 0)
        return;

    /* Probe against the growing buffer: it may have moved. */
    keys = ctx->keys->data;
    uint32_t i = probe(key, n, hash);

    if (slots[i].mask == 0) {
        size_t padded = (n + 7) & ~(size_t)7;

        if (ctx->keys->len > UINT32_MAX - padded)
            return; /* cannot happen with lists of this size */
        ctx->slots[i].hash = hash;
        if (n > longest)
            longest = n;
        ctx->words[i].off = (uint32_t)ctx->keys->len;
        ctx->words[i].len = (uint32_t)n;
        dc_buf_append(ctx->keys, key, padded);
    }
    ctx->slots[i].mask |= ctx->bit;
}

void
dc_lang_init(void)
{
    struct dc_buf buf = DC_BUF_INIT;
    size_t nwords = 0, cap = 16;

    if (ready)
        return;

    for (int32_t cp = 0; cp < 0x800; cp++) {
        int32_t lc = utf8proc_tolower(cp);

        lower2[cp] = (uint16_t)(lc == 0x03c2 ? 0x03c3 : lc);
    }

    for (const struct dc_embedded_file *f = dc_embedded_stoplists; f->name; f++)
        if (dc_lang_index(f->name) >= 0)
            each_word(f, count_word, &nwords);

    /* At most half full, so a miss ends after a probe or two. */
    while (cap < nwords * 2)
        cap *= 2;
    struct slot *new_slots = dc_xcalloc(cap, sizeof *slots);
    struct word *new_words = dc_xcalloc(cap, sizeof *words);
    slots = new_slots;
    words = new_words;
    slot_mask = (uint32_t)(cap - 1);
    dc_buf_reserve(&buf, 1);

    for (const struct dc_embedded_file *f = dc_embedded_stoplists; f->name;
         f++) {
        int i = dc_lang_index(f->name);

        if (i < 0)
            continue;
        struct add_ctx ctx = {&buf, (uint32_t)1 << i, new_slots, new_words};
        each_word(f, add_word, &ctx);
    }

    /* The table lives as long as the process; buf is never freed. */
    keys = buf.data;
    keys_len = buf.len;
    build_long_filter();
    ready = true;
}

/*
 * The snapshot: the table as dc_lang_init() makes it, for the program
 * to start with (embedded.h) instead of folding some 5,000 words.  Its
 * parts lie 8-aligned, and are used in place.  The folding is utf8proc's
 * lower case, and dc_stopword_mask() folds a word with the library it
 * runs with: a snapshot made with another version is refused.
 */
#define SNAP_MAGIC "dclang01"

struct snap_header {
    char magic[8];
    char utf8proc_version[24];
    uint32_t sizes[2]; /* of struct slot and struct word */
    uint64_t slots, keys_len, longest;
};

static void
snap_header_fill(struct snap_header *h, uint64_t nslots)
{
    memset(h, 0, sizeof *h);
    memcpy(h->magic, SNAP_MAGIC, sizeof h->magic);
    strncpy(h->utf8proc_version, utf8proc_version(),
            sizeof h->utf8proc_version - 1);
    h->sizes[0] = sizeof(struct slot);
    h->sizes[1] = sizeof(struct word);
    h->slots = nslots;
    h->keys_len = keys_len;
    h->longest = longest;
}

void
dc_lang_snapshot(struct dc_buf *out)
{
    struct snap_header h;
    dc_lang_init();
    snap_header_fill(&h, (uint64_t)slot_mask + 1);
    dc_buf_append(out, &h, sizeof h);
    dc_buf_append(out, lower2, sizeof lower2);
    dc_buf_append(out, slots, h.slots * sizeof *slots);
    dc_buf_append(out, words, h.slots * sizeof *words);
    dc_buf_append(out, keys, keys_len);
}

bool
dc_lang_init_snapshot(const void *data, size_t len)
{
    const char *p = data;
    struct snap_header h, want;
    if (ready)
        return true;
    if (len < sizeof h)
        return false;
    memcpy(&h, p, sizeof h);
    keys_len = h.keys_len;
    longest = h.longest;
    snap_header_fill(&want, h.slots);
    size_t need = sizeof h + sizeof lower2;
    if (memcmp(&h, &want, sizeof h) != 0 || h.slots == 0 ||
        (h.slots & (h.slots - 1)) != 0 || h.slots > UINT32_MAX ||
        (len - need) / (sizeof *slots + sizeof *words) < h.slots ||
        len - need - h.slots * (sizeof *slots + sizeof *words) != keys_len) {
        keys_len = 0;
        longest = 0;
        return false;
    }
    memcpy(lower2, p + sizeof h, sizeof lower2);
    slots = (const struct slot *)(const void *)(p + need);
    words = (const struct word *)(const void *)(p + need +
                                                 h.slots * sizeof *slots);
    keys = p + need + h.slots * (sizeof *slots + sizeof *words);
    slot_mask = (uint32_t)(h.slots - 1);
    build_long_filter();
    ready = true;
    return true;
}

/*
 * fold() for an ASCII word, eight bytes at a time: the same key and the
 * same hash, without a branch per byte.  Returns 0 when the word is not
 * all ASCII (fold() then does it).
 */
static inline size_t
fold_ascii(const char *word, size_t len, char *key, uint32_t *hash)
{
    uint64_t h = HASH_SEED;

    for (size_t i = 0; i < len; i += 8) {
        uint64_t w = 0;
        size_t m = len - i < 8 ? len - i : 8;

        if (m == 8)
            w = dc_load_le64(word + i);
        else
            w = dc_load_short((const unsigned char *)word + i, m);
        if (w & 0x8080808080808080u)
            return 0;
        w = dc_tolower8(w); /* the zero padding stays zero */
        dc_store_le64(key + i, w);
        h = hash_step(h, w);
    }
    *hash = hash_end(h, len);
    return len;
}

/*
 * fold() for a word of one caseless three-byte character (a CJK
 * ideograph, kana or a Hangul syllable: the classifier looks each one
 * up): its key is its own bytes.  Returns 0 for any other word.
 */
static inline size_t
fold_caseless3(const char *word, size_t len, char *key, uint32_t *hash)
{
    const unsigned char *s = (const unsigned char *)word;

    if (len != 3 || (s[0] & 0xf0) != 0xe0 || !cont(s[1]) || !cont(s[2]))
        return 0;

    int32_t cp = (s[0] & 0x0f) << 12 | (s[1] & 0x3f) << 6 | (s[2] & 0x3f);

    if (!((cp >= 0x3000 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3)))
        return 0;

    uint64_t w = (uint64_t)s[0] | (uint64_t)s[1] << 8 | (uint64_t)s[2] << 16;

    dc_store_le64(key, w);
    *hash = hash_end(hash_step(HASH_SEED, w), 3);
    return 3;
}

uint32_t
dc_stopword_mask_short(uint64_t word, size_t len)
{
    char key[8];

    if (!ready)
        dc_lang_init();
    if (len > longest)
        return 0;
    dc_store_le64(key, word);
    return slots[probe(key, len, hash_end(hash_step(HASH_SEED, word), len))]
        .mask;
}

uint32_t
dc_stopword_mask_folded(uint64_t lo, uint64_t hi, size_t len)
{
    char key[16];

    if (!ready)
        dc_lang_init();
    if (len > longest)
        return 0;
    uint64_t h = hash_step(HASH_SEED, lo);
    if (len > 8)
        h = hash_step(h, hi);
    uint32_t hash = hash_end(h, len);
    uint32_t b = long_filter_bit(hash);
    if (len > 8 && !(long_filter[b / 64] >> (b % 64) & 1))
        return 0;
    dc_store_le64(key, lo);
    dc_store_le64(key + 8, hi);
    return slots[probe(key, len, hash)].mask;
}

uint32_t
dc_stopword_mask(const char *word, size_t len)
{
    char key[KEY_MAX];
    uint32_t hash;
    size_t n;

    if (len == 0 || len > WORD_MAX)
        return 0;
    if (!ready)
        dc_lang_init(); /* single-threaded callers that forgot */
    n = fold_ascii(word, len, key, &hash);
    if (n == 0) {
        n = fold_caseless3(word, len, key, &hash);
        if (n == 0)
            n = fold(word, len, key, &hash);
    } else if (n > longest) {
        return 0; /* an ASCII word keeps its length when folded */
    }
    if (n == 0)
        return 0;
    return slots[probe(key, n, hash)].mask;
}
