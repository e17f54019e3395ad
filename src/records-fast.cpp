/*
 * records-fast.cpp - the fast path of records.c: simdjson validates a
 * JSON line and finds its text field; see records-fast.h.
 *
 * jansson reads a record a byte at a time (about 120 instructions a
 * byte, most of a --jsonl run's time); simdjson validates structure,
 * strings and UTF-8 with SIMD (a few instructions a byte).  It is the
 * stricter of the two, but for one thing: it refuses integers beyond 64
 * bits and nesting deeper than 1024, which jansson (as records.c calls
 * it) takes, and takes "\u0000" in a key, which jansson refuses.  So it
 * only ever says "valid, and here is the field", and only of a record
 * with no NUL in a key; anything else goes to jansson, which has the last
 * word and words the errors.  (fuzz/fuzz-records.c checks that jansson
 * accepts every record found, and decodes the same text from it.)
 */
#include "config.h"

#include <simdjson.h>

#include <string_view>

extern "C" {
#include "records-fast.h"
}

namespace {

/* One parser a thread (a parser is not to be shared), made on the
 * thread's first record and freed when the thread ends.  It keeps its
 * buffers from record to record; after a record bigger than this they
 * are given back rather than kept for the rest of the stream. */
constexpr size_t KEEP_CAPACITY = 16u << 20;
thread_local simdjson::dom::parser parser;

/* Does a key anywhere in e hold a NUL ("\u0000")?  jansson refuses
 * such a record and simdjson takes it; it is left to jansson.  (A walk
 * of the parsed values, not of the bytes: few, however long the text.) */
bool
nul_in_a_key(simdjson::dom::element e)
{
    simdjson::dom::object obj;
    simdjson::dom::array arr;
    if (!e.get_object().get(obj)) {
        for (auto field : obj)
            if (field.key.find('\0') != std::string_view::npos ||
                nul_in_a_key(field.value))
                return true;
    } else if (!e.get_array().get(arr)) {
        for (auto v : arr)
            if (nul_in_a_key(v))
                return true;
    }
    return false;
}

} // namespace

extern "C" bool
dc_jsonl_fast_find(const char *rec, size_t len, const char *name,
                   const char **text, size_t *text_len)
{
    try {
        if (parser.capacity() > KEEP_CAPACITY && len <= KEEP_CAPACITY)
            parser = simdjson::dom::parser();
        simdjson::dom::element root;
        simdjson::dom::object obj;
        if (parser.parse(rec, len, true).get(root) || root.get_object().get(obj) ||
            nul_in_a_key(root))
            return false;
        std::string_view key(name), value;
        bool found = false;
        /* The last of a repeated key, as jansson keeps it. */
        for (auto field : obj) {
            if (field.key != key)
                continue;
            found = !field.value.get_string().get(value);
        }
        if (!found)
            return false;
        *text = value.data();
        *text_len = value.size();
        return true;
    } catch (...) {
        /* (out of memory: let jansson try, and say so if it fails) */
        return false;
    }
}
