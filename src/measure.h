/*
 * measure.h - pass 2 of the classifier (classify.h): a block's
 * measurements from its text alone (struct dc_features, doc.h), as
 * jusText and boilerpipe measure a block of HTML: length, words,
 * stopwords per language, capitalised words, sentence ends, a bullet,
 * code marks and code hints.
 *
 * The order of use, per block: dc_measure() (the stopwords of every
 * language), then, once the document language is known,
 * dc_finish_features(), dc_code_hints() where dc_finish_code() needs
 * them, dc_finish_code(), dc_discount_numbers().
 */
#ifndef DC_MEASURE_H
#define DC_MEASURE_H

#include "doc.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dc_rules;

/* Build the lookup tables; thread-safe, once per process. */
void dc_measure_init(void);

/* The stoplist masks of the words looked up lately, for dc_measure():
 * 1 << DC_WORD_CACHE_BITS slots, one per thread.  Free with dc_free(). */
#define DC_WORD_CACHE_BITS 12
struct dc_word_cache;
struct dc_word_cache *dc_word_cache_new(void);

/* Measure the text s of len bytes into *out; hits[l] counts its
 * stopwords of language l, for the nlangs languages. */
void dc_measure(const char *s, size_t len, struct dc_features *out,
                uint32_t *hits, int nlangs, struct dc_word_cache *cache);

/* Fill in what depends on the document language lang (-1: none): the
 * stopwords and their density (of the block's own language where it is
 * plainly another one), the heading shape. */
void dc_finish_features(struct dc_features *f, const uint32_t *hits, int lang,
                        int nlangs, const struct dc_rules *rules);

/* Code hints (keywords, "=>", "();", JSON keys) in p; the caller looks
 * for them only in a block with a stopword density below this, or
 * dc_code_marked(): prose, most of the bytes, is never scanned. */
#define DC_HINTS_DENSITY 0.30f
int dc_code_hints(const char *p, size_t len);
bool dc_code_marked(const struct dc_features *f);

/* Does t hold the article as a page's structured data gives it
 * ("articleBody": "...")? */
bool dc_article_body(struct dc_span t);
/* Bytes of the article text's opening that dc_article_body_opening()
 * writes at most. */
#define DC_BODY_OPENING 48
size_t dc_article_body_opening(struct dc_span t, char out[DC_BODY_OPENING]);
/* The length of the list marker ("* ", "• ") a line starts with, and of
 * the blanks before it, or 0: the line is no item of a list. */
size_t dc_bullet_len(const char *p, size_t len);

/* Is t one string member of a JSON object, on a line of its own? */
bool dc_json_member(struct dc_span t);
/* Does t open a JSON object with a string key ({"@type": ...)? */
bool dc_json_object(struct dc_span t);

/* Is the block code, from its marks, stopwords and hints (-1: not
 * looked for)?  Sets f->code. */
void dc_finish_code(struct dc_features *f, int hints);

/* In a sentence, numbers count as neither words of prose nor of
 * boilerplate: take them out of the stopword density. */
void dc_discount_numbers(struct dc_features *f);

#endif
