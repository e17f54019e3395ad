/*
 * fuzz-records.c - the JSON-lines record reader (records.h): finding a
 * record's field, in arbitrary bytes and in valid records built from the
 * input, and writing a new value for it as batch.c does.
 *
 * Input: byte 0 holds the mode (bit 0: 0 = the rest is the record as it
 * is, 1 = the rest drives a generator of a valid record) and the field's
 * name (bits 1-3, one of names[] below: plain, empty, non-ASCII, needing
 * escapes, near misses of "text").
 *
 * Properties, for any record:
 *   - dc_jsonl_blank is true exactly for JSON whitespace, and a blank
 *     record is never found to hold the field;
 *   - a failure is DC_EINVAL with one of the messages records.h lists,
 *     never the "not found in the record" that means the scanner and
 *     jansson disagree, and leaves nothing to free;
 *   - on success [start,end) lies inside the record, is a member's value
 *     (':' before it, ',' or '}' after it, across whitespace), starts and
 *     ends with '"', and jansson decodes it as a string to exactly
 *     text/len (so it is the occurrence jansson kept), which is UTF-8;
 *   - writing another value in its place (the bytes before the span, '"',
 *     dc_json_escape of the value, '"', the bytes after, as batch.c's
 *     jsonl_record does) gives a record where the field is found again,
 *     at the same start, holding the new value, with every other member
 *     equal to the original's (jansson's json_equal).  The new value
 *     always differs from the old, so a span on an earlier duplicate key
 *     (which jansson drops) would be caught;
 *   - dc_json_escape appends (what was in the buffer stays), escapes
 *     exactly '"', '\\' and bytes below 0x20, in the forms records.h
 *     names, copies every other byte, and its output in quotes decodes
 *     back to the input (tried on arbitrary UTF-8, NUL included).
 * For a generated record, also: the field is found when the last
 * member with the name holds a string, with exactly the text the
 * generator wrote; otherwise the error says "no field" or "not a string".
 *
 * The generator stays inside what jansson accepts, which is less than
 * JSON: no numbers beyond a double's range (1e400: "real number
 * overflow") and no \u0000 in keys ("NUL byte in object key not
 * supported").  Such records are reported as invalid, not mangled; see
 * SECURITY.md.
 *
 * NUL-separated records (-z) are not fuzzed here: their framing is a
 * memchr inside batch.c's reader thread (read_input), not a function
 * that can be called on its own.
 */
#include "config.h"
#include "fuzz.h"

#include "records.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char me[] = "records";

/* Field names: "text" twice (the default, so the common case is
 * common), near misses, and names whose keys need escapes. */
static const char *const names[] = {
    "text", "text", "tex", "textt", "", "\xc3\xa9t\xc3\xa9", "q\"b\\s", "\t\n",
};

static bool
json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Same flags as records.c: what dc_jsonl_find accepts, jansson loads. */
static json_t *
load(const char *s, size_t n)
{
    return json_loadb(s, n, JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, NULL);
}

/* Does the JSON text s[0..n) decode to the string t[0..tn)? */
static bool
decodes_to(const char *s, size_t n, const char *t, size_t tn)
{
    json_t *v = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    bool same = v && json_is_string(v) && json_string_length(v) == tn &&
                memcmp(json_string_value(v), t, tn) == 0;
    json_decref(v);
    return same;
}

/* The bytes dc_json_escape must write for byte c (records.h). */
static size_t
escaped_size(unsigned char c)
{
    if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r' ||
        c == '\b' || c == '\f')
        return 2;
    return c < 0x20 ? 6 : 1;
}

static void
check_escape(const char *s, size_t n)
{
    static const char prefix[] = "{\"k\":";
    struct dc_buf out = DC_BUF_INIT, quoted = DC_BUF_INIT;
    dc_buf_puts(&out, prefix);
    dc_json_escape(&out, s, n);
    DC_FUZZ_CHECK(me, memcmp(out.data, prefix, sizeof prefix - 1) == 0,
                  "dc_json_escape changed what was in the buffer");
    const char *e = out.data + sizeof prefix - 1;
    size_t elen = out.len - (sizeof prefix - 1);

    size_t want = 0;
    for (size_t i = 0; i < n; i++)
        want += escaped_size((unsigned char)s[i]);
    DC_FUZZ_CHECK(me, elen == want,
                  "dc_json_escape escaped other than '\"', '\\\\' and "
                  "controls, or in other forms");
    for (size_t i = 0; i < elen; i++)
        DC_FUZZ_CHECK(me, (unsigned char)e[i] >= 0x20,
                      "dc_json_escape left a control character raw");

    dc_buf_putc(&quoted, '"');
    dc_buf_append(&quoted, e, elen);
    dc_buf_putc(&quoted, '"');
    DC_FUZZ_CHECK(me, decodes_to(quoted.data, quoted.len, s, n),
                  "dc_json_escape output does not decode to its input");
    dc_buf_free(&out);
    dc_buf_free(&quoted);
}

/* A failure must be one records.h lists. */
static void
check_failure(int rc, const struct dc_error *err,
              const struct dc_jsonl_field *f, const char *name)
{
    char no_field[64], not_string[64];
    snprintf(no_field, sizeof no_field, "no \"%s\" field", name);
    snprintf(not_string, sizeof not_string, "\"%s\" is not a string", name);
    DC_FUZZ_CHECK(me, rc == DC_EINVAL && err->code == DC_EINVAL,
                  "dc_jsonl_find failed with other than DC_EINVAL");
    DC_FUZZ_CHECK(me,
                  strncmp(err->msg, "invalid JSON at column ", 23) == 0 ||
                      strcmp(err->msg, "not a JSON object") == 0 ||
                      strcmp(err->msg, no_field) == 0 ||
                      strcmp(err->msg, not_string) == 0,
                  "dc_jsonl_find failed with a message records.h does not "
                  "list (the scanner disagrees with jansson?)");
    DC_FUZZ_CHECK(me, !f->json && !f->text,
                  "dc_jsonl_find failed but left a field to free");
}

/* Put a new value in place of the field found in rec, and check the
 * result; f is rec's field. */
static void
check_rewrite(const char *rec, size_t len, const char *name,
              const struct dc_jsonl_field *f)
{
    /* Any UTF-8 (NUL, quotes, controls: the old text has what its
     * escapes spelled) and never the old text, being longer. */
    struct dc_buf nv = DC_BUF_INIT, out = DC_BUF_INIT;
    dc_fuzz_to_utf8(rec, len, &nv);
    dc_buf_append(&nv, f->text, f->len);
    dc_buf_append(&nv, "\"\\", 2);
    check_escape(nv.data, nv.len);

    dc_buf_append(&out, rec, f->start);
    dc_buf_putc(&out, '"');
    dc_json_escape(&out, nv.data, nv.len);
    dc_buf_putc(&out, '"');
    size_t new_end = out.len;
    dc_buf_append(&out, rec + f->end, len - f->end);

    struct dc_jsonl_field g;
    struct dc_error err = {0};
    int rc = dc_jsonl_find(out.data, out.len, name, &g, &err);
    DC_FUZZ_CHECK(me, rc == 0, "the record with a new value is not read");
    DC_FUZZ_CHECK(me, g.start == f->start && g.end == new_end,
                  "the new value is not found where it was written");
    DC_FUZZ_CHECK(me, g.len == nv.len && memcmp(g.text, nv.data, nv.len) == 0,
                  "the record with a new value reads another value");
    dc_jsonl_field_free(&g);

    /* Every other member is as it was. */
    json_t *a = load(rec, len), *b = load(out.data, out.len);
    DC_FUZZ_CHECK(me, a && b, "jansson rejects a record dc_jsonl_find read");
    json_object_del(a, name);
    json_object_del(b, name);
    DC_FUZZ_CHECK(me, json_equal(a, b),
                  "writing the field changed another member");
    json_decref(a);
    json_decref(b);
    dc_buf_free(&nv);
    dc_buf_free(&out);
}

/*
 * Check every property on rec[0..len).  Returns dc_jsonl_find's status;
 * on success, the field's text is copied to *text (when not NULL).
 */
static int
check_record(const char *rec, size_t len, const char *name, struct dc_buf *text,
             struct dc_error *err)
{
    bool blank = true;
    for (size_t i = 0; i < len && blank; i++)
        blank = json_space(rec[i]);
    DC_FUZZ_CHECK(me, dc_jsonl_blank(rec, len) == blank,
                  "dc_jsonl_blank is not 'only JSON whitespace'");

    struct dc_jsonl_field f;
    int rc = dc_jsonl_find(rec, len, name, &f, err);
    if (rc != 0) {
        check_failure(rc, err, &f, name);
        return rc;
    }
    DC_FUZZ_CHECK(me, !blank, "a blank record has a field");
    DC_FUZZ_CHECK(me, f.start < f.end && f.end <= len && f.end - f.start >= 2,
                  "the span is not inside the record");
    DC_FUZZ_CHECK(me, rec[f.start] == '"' && rec[f.end - 1] == '"',
                  "the span is not a JSON string");
    size_t i = f.start, j = f.end;
    while (i > 0 && json_space(rec[i - 1]))
        i--;
    while (j < len && json_space(rec[j]))
        j++;
    DC_FUZZ_CHECK(me,
                  i > 0 && rec[i - 1] == ':' && j < len &&
                      (rec[j] == ',' || rec[j] == '}'),
                  "the span is not a member's value");
    DC_FUZZ_CHECK(me, f.text != NULL, "the field has no text");
    dc_fuzz_check_utf8(me, f.text, f.len);
    DC_FUZZ_CHECK(me, decodes_to(rec + f.start, f.end - f.start, f.text, f.len),
                  "the span does not decode to the field's text");
    if (text)
        dc_buf_append(text, f.text, f.len);
    check_rewrite(rec, len, name, &f);
    dc_jsonl_field_free(&f);
    DC_FUZZ_CHECK(me, !f.json && !f.text,
                  "dc_jsonl_field_free left the field set");
    return 0;
}

/* ------------------------------------------------------------ generator */

struct gen {
    const uint8_t *p;
    size_t n;
    struct dc_buf rec;
};

/* The next input byte; 0 once they run out, which ends every choice. */
static unsigned
take(struct gen *g)
{
    if (!g->n)
        return 0;
    g->n--;
    return *g->p++;
}

static void
gen_space(struct gen *g)
{
    static const char *const ws[] = {"", "", " ", "\t\r\n "};
    dc_buf_puts(&g->rec, ws[take(g) & 3]);
}

/*
 * A string, its JSON to g->rec and its decoded bytes to text (when not
 * NULL): pieces chosen to trip a scanner (quotes, backslashes and
 * brackets, escaped or raw) and jansson's decoder (surrogate pairs,
 * \u0000, raw UTF-8).  A key gets no \u0000, which jansson refuses.
 */
static void
gen_string(struct gen *g, struct dc_buf *text, bool key)
{
    static const struct {
        const char *json, *text;
        size_t tlen;
    } piece[] = {
        {"a", "a", 1},
        {"\\\"", "\"", 1},
        {"\\\\", "\\", 1},
        {"\\\\\\\"", "\\\"", 2},
        {"{[,:]}", "{[,:]}", 6},
        {"\xc3\xa9", "\xc3\xa9", 2},
        {"\\u00e9", "\xc3\xa9", 2},
        {"\\ud83d\\ude00", "\xf0\x9f\x98\x80", 4},
        {"\\n\\t\\r\\b\\f", "\n\t\r\b\f", 5},
        {"\\/", "/", 1},
        {"\\u0000", "\0", 1},
        {"\\u001f\x7f", "\x1f\x7f", 2},
        {"text", "text", 4},
        {"\xe2\x80\xa8", "\xe2\x80\xa8", 3},
        {" ", " ", 1},
        {"\\u0022", "\"", 1},
    };
    dc_buf_putc(&g->rec, '"');
    for (unsigned k = take(g) & 7; k > 0; k--) {
        unsigned c = take(g) & 15;
        if (key && piece[c].text[0] == '\0')
            c = 0;
        dc_buf_puts(&g->rec, piece[c].json);
        if (text)
            dc_buf_append(text, piece[c].text, piece[c].tlen);
    }
    dc_buf_putc(&g->rec, '"');
}

/* name as a JSON key, each ASCII character plain or as \u00XX as the
 * input says (characters JSON requires escaped always escaped). */
static void
gen_key_spelled(struct gen *g, const char *name)
{
    dc_buf_putc(&g->rec, '"');
    for (const unsigned char *c = (const unsigned char *)name; *c; c++) {
        if (*c < 0x80 && (*c < 0x20 || *c == '"' || *c == '\\' || take(g) & 1))
            dc_buf_printf(&g->rec, "\\u%04x", *c);
        else
            dc_buf_putc(&g->rec, (char)*c);
    }
    dc_buf_putc(&g->rec, '"');
}

static bool gen_value(struct gen *g, unsigned depth, struct dc_buf *text);

static void
gen_container(struct gen *g, unsigned depth, bool object)
{
    dc_buf_putc(&g->rec, object ? '{' : '[');
    gen_space(g);
    for (unsigned k = take(g) & 3, first = 1; k > 0; k--, first = 0) {
        if (!first) {
            dc_buf_putc(&g->rec, ',');
            gen_space(g);
        }
        if (object) {
            gen_string(g, NULL, true);
            gen_space(g);
            dc_buf_putc(&g->rec, ':');
            gen_space(g);
        }
        gen_value(g, depth + 1, NULL);
        gen_space(g);
    }
    dc_buf_putc(&g->rec, object ? '}' : ']');
}

/* Any value; true when it is a string, whose text goes to text. */
static bool
gen_value(struct gen *g, unsigned depth, struct dc_buf *text)
{
    /* Numbers within a double's range: jansson rejects others. */
    static const char *const atoms[] = {
        "0",      "-1.5e+10", "123456789012345678901234567890",
        "1E-400", "-0",       "true",
        "false",  "null",
    };
    unsigned c = take(g);
    if ((c & 3) == 0) {
        gen_string(g, text, false);
        return true;
    }
    if ((c & 3) == 1 || depth >= 3)
        dc_buf_puts(&g->rec, atoms[(c >> 2) & 7]);
    else
        gen_container(g, depth, (c & 3) == 2);
    return false;
}

/*
 * A valid record from the input: members whose keys are the name
 * (spelled plainly or escaped) or others, with any values.  Checks that
 * the field found is the last member with the name, when that is a
 * string.
 */
static void
generated(const uint8_t *data, size_t size, const char *name)
{
    struct gen g = {data, size, DC_BUF_INIT};
    struct dc_buf key = DC_BUF_INIT, val = DC_BUF_INIT;
    struct dc_buf want = DC_BUF_INIT, got = DC_BUF_INIT;
    enum { ABSENT, STRING, OTHER } last = ABSENT;
    size_t nlen = strlen(name);
    gen_space(&g);
    dc_buf_putc(&g.rec, '{');
    gen_space(&g);
    for (unsigned k = take(&g) & 7, first = 1; k > 0; k--, first = 0) {
        if (!first) {
            dc_buf_putc(&g.rec, ',');
            gen_space(&g);
        }
        unsigned c = take(&g);
        bool ours = true;
        if ((c & 3) != 3) {
            gen_key_spelled(&g, name);
        } else {
            /* another key, which may still spell the name ("text") */
            dc_buf_clear(&key);
            gen_string(&g, &key, true);
            ours =
                key.len == nlen && memcmp(DC_FUZZ_DATA(key), name, nlen) == 0;
        }
        gen_space(&g);
        dc_buf_putc(&g.rec, ':');
        gen_space(&g);
        dc_buf_clear(&val);
        bool str = true;
        if (c & 4)
            gen_string(&g, &val, false);
        else
            str = gen_value(&g, 0, &val);
        if (ours) {
            last = str ? STRING : OTHER;
            dc_buf_clear(&want);
            dc_buf_append(&want, DC_FUZZ_DATA(val), val.len);
        }
        gen_space(&g);
    }
    dc_buf_putc(&g.rec, '}');
    gen_space(&g);

    struct dc_error err = {0};
    int rc = check_record(g.rec.data, g.rec.len, name, &got, &err);
    char msg[64];
    switch (last) {
    case STRING:
        DC_FUZZ_CHECK(me, rc == 0, "a valid record's field is not found");
        DC_FUZZ_CHECK(
            me,
            got.len == want.len &&
                memcmp(DC_FUZZ_DATA(got), DC_FUZZ_DATA(want), want.len) == 0,
            "the field found is not the last one with the name");
        break;
    case OTHER:
        snprintf(msg, sizeof msg, "\"%s\" is not a string", name);
        DC_FUZZ_CHECK(me, rc != 0 && strcmp(err.msg, msg) == 0,
                      "a field that is not a string is not reported so");
        break;
    case ABSENT:
        snprintf(msg, sizeof msg, "no \"%s\" field", name);
        DC_FUZZ_CHECK(me, rc != 0 && strcmp(err.msg, msg) == 0,
                      "a record without the field is not reported so");
        break;
    }
    dc_buf_free(&g.rec);
    dc_buf_free(&key);
    dc_buf_free(&val);
    dc_buf_free(&want);
    dc_buf_free(&got);
}

int
dc_fuzz_records(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        dc_jsonl_init();
        ready = true;
    }
    if (size < 1)
        return 0;
    const char *name = names[(data[0] >> 1) & 7];
    if (data[0] & 1) {
        generated(data + 1, size - 1, name);
    } else {
        /* The escaper on any bytes, made UTF-8 (a record that parses
         * holds no raw control character). */
        struct dc_buf utf8 = DC_BUF_INIT;
        struct dc_error err = {0};
        dc_fuzz_to_utf8((const char *)data + 1, size - 1, &utf8);
        check_escape(DC_FUZZ_DATA(utf8), utf8.len);
        dc_buf_free(&utf8);
        check_record((const char *)data + 1, size - 1, name, NULL, &err);
    }
    return 0;
}
