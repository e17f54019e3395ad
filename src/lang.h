/*
 * lang.h - the languages declutter knows, and their stoplists.
 *
 * Stoplists (the most frequent function words of a language) are what
 * tells prose from link text, menus and code, in any language: a paragraph
 * of article text is a third stopwords or more, a headline list is not
 * (jusText's insight).  They are shipped as rules/stop/<code>.txt, one word
 * a line, and compiled into the binary (see embedded.h).
 *
 * For Chinese and Japanese, which have no spaces, the lists hold single
 * characters (的 了 是 ... / の に は ...): the classifier looks up each
 * CJK character as a word.
 */
#ifndef DC_LANG_H
#define DC_LANG_H

#include "util.h"

/* At most this many languages, so a language set fits in a uint32_t. */
#define DC_LANG_MAX 32

/* Index of a language code ("en", "de", ...; case-insensitive), or -1. */
int dc_lang_index(const char *code);
/* Same, for a code that is not NUL-terminated. */
int dc_lang_index_n(const char *code, size_t len);
/* The code of index i (0 <= i < dc_lang_count()). */
const char *dc_lang_code(int i);
int dc_lang_count(void);

/*
 * Build the stoplist table from the embedded lists.  Call once before any
 * lookup and before starting threads; calling again does nothing.
 */
void dc_lang_init(void);

/* The tables dc_lang_init() makes, as bytes appended to out, for
 * dc_lang_init_snapshot() in this build (tools/snapshot.c). */
void dc_lang_snapshot(struct dc_buf *out);
/* dc_lang_init() done by taking the tables from a snapshot: data
 * (len bytes, 8-aligned) is used in place and must last as long as the
 * process.  False, and nothing done, when it is not a snapshot this
 * build and its utf8proc can use. */
bool dc_lang_init_snapshot(const void *data, size_t len);

/*
 * The set of languages (bit i = dc_lang_index i) in whose stoplist the
 * word is.  word is UTF-8 in any case; it is lower-cased (Unicode simple
 * case mapping) before the lookup.  0 for words longer than 64 bytes.
 */
uint32_t dc_stopword_mask(const char *word, size_t len);

/*
 * dc_stopword_mask for a word of 1 to 8 bytes that the caller has folded
 * already, in a register: word holds the bytes dc_stopword_mask would
 * fold it to (ASCII letters in lower case; a caseless character such as
 * a CJK ideograph as it is), first byte lowest, zero above len.  The same
 * answer, without reading and folding the word again.
 */
uint32_t dc_stopword_mask_short(uint64_t word, size_t len);

/*
 * The same for a word of 9 to 16 bytes (or fewer, hi 0), folded as
 * dc_stopword_mask_short() takes one: its first eight bytes in lo, the
 * rest in hi, zero above len.  A long word is seldom repeated soon
 * enough for a cache of the answers to pay: this is one probe.
 */
uint32_t dc_stopword_mask_folded(uint64_t lo, uint64_t hi, size_t len);

#endif
