/*
 * test-records.c - JSON lines records (src/records.c): the value span
 * found in the original bytes, the decoded text, errors, and escaping.
 */
#include "config.h"

#include "records.h"

#include "tap.h"

/* Find `name` in rec; on success check the span's bytes and the text. */
static void
found(const char *rec, const char *name, const char *want_span,
      const char *want_text, size_t want_len)
{
    struct dc_jsonl_field f;
    struct dc_error err = {0};
    int rc = dc_jsonl_find(rec, strlen(rec), name, &f, &err);
    if (!ok(rc == 0, "found %s in %s", name, rec)) {
        printf("#   error: %s\n", err.msg);
        return;
    }
    is_mem(rec + f.start, f.end - f.start, want_span, strlen(want_span),
           "  value span of %s", name);
    is_mem(f.text, f.len, want_text, want_len, "  decoded text of %s", name);
    dc_jsonl_field_free(&f);
}

static void
refused(const char *rec, const char *name, const char *want_msg)
{
    struct dc_jsonl_field f;
    struct dc_error err = {0};
    int rc = dc_jsonl_find(rec, strlen(rec), name, &f, &err);
    ok(rc == DC_EINVAL && strstr(err.msg, want_msg) != NULL,
       "refused %s: \"%s\" (got \"%s\")", rec, want_msg, err.msg);
}

static void
escaped(const char *in, size_t len, const char *want)
{
    struct dc_buf b = DC_BUF_INIT;
    dc_json_escape(&b, in, len);
    is_mem(b.data ? b.data : "", b.len, want, strlen(want), "escape %s",
           want);
    dc_buf_free(&b);
}

int
main(void)
{
    dc_jsonl_init();
    found("{\"text\":\"a\"}", "text", "\"a\"", "a", 1);
    found(" { \"id\" : 1e2 , \"text\" :\t\"x\\ny\" , "
          "\"z\":[1,{\"text\":2}] }\r",
          "text", "\"x\\ny\"", "x\ny", 3);
    /* A nested member of the same name is not the field. */
    found("{\"m\":{\"text\":\"in\"},\"text\":\"out\"}", "text", "\"out\"",
          "out", 3);
    /* Brackets and quotes inside strings do not confuse the scanner. */
    found("{\"a\":\"}]\\\"{\",\"b\":[\"]\",{}],\"text\":\"t\"}", "text",
          "\"t\"", "t", 1);
    /* A key spelled with an escape is the same key. */
    found("{\"t\\u0065xt\":\"e\"}", "text", "\"e\"", "e", 1);
    /* A repeated key: the last one, as parsers keep. */
    found("{\"text\":\"first\",\"text\":\"last\"}", "text", "\"last\"",
          "last", 4);
    /* \u0000 and non-ASCII escapes are decoded; integers beyond 64 bits
     * are valid JSON. */
    found("{\"n\":123456789012345678901234567890,\"text\":\"a\\u0000\\u00e9\"}",
          "text", "\"a\\u0000\\u00e9\"", "a\0\xc3\xa9", 4);
    found("{\"body\":\"b\",\"text\":\"t\"}", "body", "\"b\"", "b", 1);

    refused("{\"text\":\"a\"", "text", "invalid JSON at column");
    refused("{\"text\":\"a\"} x", "text", "invalid JSON");
    refused("[\"text\"]", "text", "not a JSON object");
    refused("\"text\"", "text", "invalid JSON");
    refused("{\"txt\":\"a\"}", "text", "no \"text\" field");
    refused("{\"text\":[\"a\"]}", "text", "\"text\" is not a string");
    refused("{\"text\":\"\xff\"}", "text", "invalid JSON");

    /* Where simdjson and jansson differ, jansson's word stands: deeper
     * nesting than simdjson takes is valid, "\u0000" in a key (which
     * simdjson takes) is not, nor are a lone surrogate or a number out
     * of a double's range (which both refuse). */
    {
        struct dc_buf deep = DC_BUF_INIT;
        dc_buf_puts(&deep, "{\"d\":");
        for (int i = 0; i < 1500; i++)
            dc_buf_puts(&deep, "[");
        for (int i = 0; i < 1500; i++)
            dc_buf_puts(&deep, "]");
        dc_buf_puts(&deep, ",\"text\":\"deep\"}");
        dc_buf_append(&deep, "", 1);
        found(deep.data, "text", "\"deep\"", "deep", 4);
        dc_buf_free(&deep);
    }
    refused("{\"k\\u0000\":1,\"text\":\"a\"}", "text", "invalid JSON");
    refused("{\"m\":{\"\\u0000\":1},\"text\":\"a\"}", "text",
            "invalid JSON");
    refused("{\"text\":\"\\ud800\"}", "text", "invalid JSON");
    refused("{\"n\":1e400,\"text\":\"a\"}", "text", "invalid JSON");

    /* A record bigger than the parser keeps its buffers for, then a
     * small one: each is read whole. */
    {
        size_t n = (size_t)17 << 20;
        struct dc_buf big = DC_BUF_INIT;
        dc_buf_puts(&big, "{\"text\":\"");
        dc_buf_reserve(&big, n + 16);
        memset(big.data + big.len, 'x', n);
        big.len += n;
        dc_buf_puts(&big, "\"}");
        struct dc_jsonl_field f;
        struct dc_error err = {0};
        ok(dc_jsonl_find(big.data, big.len, "text", &f, &err) == 0 &&
               f.len == n && f.text[0] == 'x' && f.text[n - 1] == 'x',
           "a record of 17 MiB");
        dc_jsonl_field_free(&f);
        dc_buf_free(&big);
        found("{\"text\":\"small\"}", "text", "\"small\"", "small", 5);
    }

    ok(dc_jsonl_blank("", 0) && dc_jsonl_blank(" \t\r", 3) &&
           !dc_jsonl_blank(" {}", 3),
       "blank lines");

    escaped("plain é", 8, "plain é");
    escaped("q\"b\\s/", 6, "q\\\"b\\\\s/");
    escaped("\n\t\r\b\f", 5, "\\n\\t\\r\\b\\f");
    escaped("\x01\x1f\0", 3, "\\u0001\\u001f\\u0000");
    escaped("", 0, "");
    return tap_done();
}
