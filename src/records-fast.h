/*
 * records-fast.h - the fast path of records.c (records-fast.cpp, C++
 * because simdjson is).
 */
#ifndef DC_RECORDS_FAST_H
#define DC_RECORDS_FAST_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Is rec[0..len) a valid JSON object whose member `name` (its last
 * occurrence) is a string?  Then text and text_len are the decoded string,
 * valid until the calling thread's next call.  False says nothing more:
 * the record may still be valid JSON that this parser is stricter about
 * (integers beyond 64 bits, deep nesting), so the caller asks jansson.
 */
bool dc_jsonl_fast_find(const char *rec, size_t len, const char *name,
                        const char **text, size_t *text_len);

#endif
