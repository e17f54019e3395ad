/*
 * records.h - JSON lines records: find the field that holds a record's
 * text, and write a new value for it, leaving every other byte of the
 * record as it was.
 *
 * A record is one line of a JSONL stream (without its '\n').  It is
 * validated and its field read with simdjson, or with jansson when
 * simdjson refuses it (records.c says why both); the field's value is then
 * located in the original bytes (see records.c for why), so that the
 * caller can write the bytes before it, a new JSON string, and the bytes
 * after it.  Other fields keep their key order, number spelling, escapes
 * and spacing.
 *
 * Framing (splitting a stream at '\n' or NUL) is the caller's: it is a
 * memchr.  Nothing here prints.
 */
#ifndef DC_RECORDS_H
#define DC_RECORDS_H

#include "util.h"

/* Call once before threads use this module: jansson seeds its hash
 * function on first use, and its documentation asks for that to happen
 * before there are threads to race for it. */
void dc_jsonl_init(void);

/*
 * A record's field, found.  start and end delimit the value's JSON text
 * in the record (quotes included); text/len is the decoded string (UTF-8,
 * may contain NUL bytes from \u0000), valid until dc_jsonl_field_free
 * or the calling thread's next dc_jsonl_find, whichever comes first.
 */
struct dc_jsonl_field {
    size_t start, end;
    const char *text;
    size_t len;
    void *json; /* jansson's tree, owning text; NULL: simdjson's parser,
                   the thread's own, holds it */
};

/*
 * Parse rec[0..len) as one JSON object and find the string member
 * `name` (when a key repeats, its last occurrence, which is the one
 * JSON parsers keep).  Returns 0, or DC_EINVAL with err->msg saying why:
 * jansson's message with its column for invalid JSON, "not a JSON
 * object", "no \"text\" field", "\"text\" is not a string".
 */
int dc_jsonl_find(const char *rec, size_t len, const char *name,
                  struct dc_jsonl_field *f, struct dc_error *err);

void dc_jsonl_field_free(struct dc_jsonl_field *f);

/* True when rec[0..len) is empty or only JSON whitespace. */
bool dc_jsonl_blank(const char *rec, size_t len);

/*
 * Append s[0..len) (valid UTF-8) to out as the contents of a JSON
 * string, without the quotes: '"', '\\' and control characters escaped
 * (\n, \t, \r, \b, \f, else \u00XX), everything else as it is.
 */
void dc_json_escape(struct dc_buf *out, const char *s, size_t len);

/*
 * Framing: a stream of records, each ended by sep ('\0' for -z, '\n' for
 * JSON lines), read in chunks of any size.  Take the next piece of
 * chunk[*pos..n): DC_SPLIT_DONE when the chunk is used up; otherwise
 * *piece is the bytes of the current record in this chunk (maybe none),
 * and the result says whether the separator ended the record there
 * (DC_SPLIT_END) or the chunk ended inside it (DC_SPLIT_MORE).  A record
 * starts with the first piece after the previous END, so a stream's last
 * separator does not make an empty record after it, but two separators
 * in a row make an empty one between them.
 */
enum dc_split { DC_SPLIT_DONE, DC_SPLIT_MORE, DC_SPLIT_END };
enum dc_split dc_split_next(char sep, const char *chunk, size_t n,
                            size_t *pos, struct dc_span *piece);

#endif
