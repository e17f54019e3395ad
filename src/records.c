/*
 * records.c - JSON lines records; see records.h.
 *
 * Why not parse, set the field and dump?  Re-serialising with a JSON
 * library changes what the user did not ask to change: jansson re-spells
 * numbers (1e2 -> 100.0), re-escapes strings ("\u00e9" -> "é", "\/" ->
 * "/"), loses the spacing and, of a repeated key, the earlier
 * occurrences.  A cleaning step in a data pipeline must not do that to
 * fields it does not own.
 *
 * So a JSON library does what a hand-written parser would get wrong
 * (validating the record, decoding the field's escapes and its UTF-8),
 * and a small scanner walks the top-level members of the already-validated
 * text only to find where the field's value starts and ends.  The scanner
 * can be simple because the text is known to be valid JSON: it skips
 * strings by their escapes and nested values by counting brackets outside
 * strings.
 *
 * The library is simdjson (records-fast.cpp) for a record it finds valid,
 * with its field a string: nearly every record, at a few instructions a
 * byte.  Every other record goes to jansson, which takes what simdjson is
 * stricter about and says what is wrong with the rest.
 *
 * simdjson is C++ and brings libstdc++, which cost every run ~2 million
 * instructions of dynamic loading; so records-fast.cpp is a module of our
 * own (declutter-jsonl.so), loaded on the first record: the one next to
 * the program (the build tree), else the one installed.  Without it every
 * record goes to jansson (twice the instructions).
 */
#include "config.h"
#include "records.h"
#include "records-fast.h"
#include "dlopen.h"

#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define FAST_FUNCTIONS(X) X(dc_jsonl_fast_find)
DC_SYM_POINTERS(FAST_FUNCTIONS)
DC_SYM_TABLE(fast_syms, FAST_FUNCTIONS);
static char fast_here_path[PATH_MAX];
static struct dc_lib fast_here = DC_LIB(fast_here_path, fast_syms);
static struct dc_lib fast_installed = DC_LIB(DC_JSONL_MODULE, fast_syms);

/* The module's path in the program's directory ("" if that is too long
 * or unknown: dlopen then fails). */
static void
find_here(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    size_t dir = (size_t)(slash - exe) + 1;
    const char *name = DC_JSONL_MODULE_NAME;
    if (dir + strlen(name) < sizeof fast_here_path) {
        memcpy(fast_here_path, exe, dir);
        strcpy(fast_here_path + dir, name);
    }
}

static bool fast_ok;

static void
load_fast(void)
{
    find_here();
    fast_ok = (fast_here_path[0] && dc_lib_load(&fast_here, 0) == 0) ||
              dc_lib_load(&fast_installed, 1) == 0;
}

/* Is the fast path there (loaded on the first call)? */
static bool
have_fast(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, load_fast);
    return fast_ok;
}

static bool
json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t
skip_space(const char *s, size_t len, size_t i)
{
    while (i < len && json_space(s[i]))
        i++;
    return i;
}

/* Bytes that end a run of a JSON string's plain text: '"', '\\', and
 * (when `controls`) the bytes below 0x20, which must be escaped.  0x80
 * in each, and the lowest flag is exact (dc_bytes_equal() is exact,
 * dc_has_less() for the first byte it flags). */
static uint64_t
json_specials8(uint64_t w, bool controls)
{
    return dc_bytes_equal(w, '"') | dc_bytes_equal(w, '\\') |
           (controls ? dc_has_less(w, 0x20) : 0);
}

/* The index of the first of json_specials8()'s bytes at s[i] or after
 * it, or len: a word at a time, so that a text escaped to ASCII (a
 * "\u2019" every few words) costs a step an escape, not a byte loop. */
static inline size_t
next_special(const char *s, size_t len, size_t i, bool controls)
{
    for (; len - i >= 8; i += 8) {
        uint64_t m = json_specials8(dc_load_le64(s + i), controls);
        if (m)
            return i + dc_first_flagged(m);
    }
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\' || (controls && c < 0x20))
            return i;
    }
    return len;
}

/* s[i] is an opening '"'; return the index just after the closing one. */
static size_t
skip_string(const char *s, size_t len, size_t i)
{
    for (i = next_special(s, len, i + 1, false); i < len;
         i = next_special(s, len, i, false)) {
        if (s[i] == '"')
            return i + 1;
        i = len - i > 2 ? i + 2 : len; /* a '\\' and what it escapes */
    }
    return len;
}

/* Skip one value starting at s[i]; return the index just after it. */
static size_t
skip_value(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return len;
    if (s[i] == '"')
        return skip_string(s, len, i);
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        while (i < len) {
            char c = s[i];
            if (c == '"') {
                i = skip_string(s, len, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            i++;
        }
        return len;
    }
    /* number, true, false, null */
    while (i < len && !json_space(s[i]) && s[i] != ',' && s[i] != '}' &&
           s[i] != ']')
        i++;
    return i;
}

/* Does the JSON string s[start..end) (quotes included) spell name? */
static bool
key_is(const char *s, size_t start, size_t end, const char *name)
{
    size_t n = strlen(name);
    const char *k = s + start + 1;
    size_t klen = end - start - 2;
    if (!memchr(k, '\\', klen))
        return klen == n && memcmp(k, name, n) == 0;
    /* An escaped key ("te\u0078t"): let jansson decode it. */
    json_t *v = json_loadb(s + start, end - start,
                           JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    bool same = v && json_is_string(v) && json_string_length(v) == n &&
                memcmp(json_string_value(v), name, n) == 0;
    json_decref(v);
    return same;
}

void
dc_jsonl_init(void)
{
    json_object_seed(0);
}

/* Where the value of the member `name` of the valid JSON object rec
 * lies (its last occurrence): true, with f->start and f->end set. */
static bool
locate(const char *rec, size_t len, const char *name,
       struct dc_jsonl_field *f)
{
    /* Walk the members: { ws "key" ws : ws value ws , ... } */
    size_t i = skip_space(rec, len, 0) + 1; /* past '{' */
    bool found = false;
    for (;;) {
        i = skip_space(rec, len, i);
        if (i >= len || rec[i] == '}')
            break;
        size_t kstart = i;
        i = skip_string(rec, len, i);
        size_t kend = i;
        i = skip_space(rec, len, i) + 1; /* past ':' */
        i = skip_space(rec, len, i);
        size_t vstart = i;
        i = skip_value(rec, len, i);
        if (key_is(rec, kstart, kend, name)) {
            f->start = vstart;
            f->end = i;
            found = true;
        }
        i = skip_space(rec, len, i);
        if (i < len && rec[i] == ',')
            i++;
    }
    /* (not found, or not a string, cannot happen for text the parser
     * accepted; never write garbage if it somehow does) */
    return found && rec[f->start] == '"';
}

int
dc_jsonl_find(const char *rec, size_t len, const char *name,
              struct dc_jsonl_field *f, struct dc_error *err)
{
    memset(f, 0, sizeof *f);
    if (have_fast() &&
        sym_dc_jsonl_fast_find(rec, len, name, &f->text, &f->len)) {
        if (locate(rec, len, name, f))
            return 0;
        memset(f, 0, sizeof *f);
    }
    json_error_t je;
    /* Integers as reals: jansson rejects integers beyond 64 bits, which
     * are valid JSON (ids, hashes); we only validate and never rewrite
     * them, so their value does not matter here. */
    json_t *root =
        json_loadb(rec, len, JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, &je);
    if (!root)
        return dc_error_set(err, DC_EINVAL, "invalid JSON at column %d: %s",
                            je.column, je.text);
    int rc = 0;
    if (!json_is_object(root)) {
        rc = dc_error_set(err, DC_EINVAL, "not a JSON object");
        goto out;
    }
    json_t *v = json_object_get(root, name);
    if (!v) {
        rc = dc_error_set(err, DC_EINVAL, "no \"%s\" field", name);
        goto out;
    }
    if (!json_is_string(v)) {
        rc = dc_error_set(err, DC_EINVAL, "\"%s\" is not a string", name);
        goto out;
    }

    if (!locate(rec, len, name, f)) {
        rc = dc_error_set(err, DC_EINVAL, "\"%s\" not found in the record",
                          name);
        goto out;
    }
    f->text = json_string_value(v);
    f->len = json_string_length(v);
    f->json = root;
    root = NULL;
out:
    json_decref(root);
    return rc;
}

void
dc_jsonl_field_free(struct dc_jsonl_field *f)
{
    if (!f)
        return;
    json_decref(f->json);
    memset(f, 0, sizeof *f);
}

bool
dc_jsonl_blank(const char *rec, size_t len)
{
    return skip_space(rec, len, 0) == len;
}

void
dc_json_escape(struct dc_buf *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0; /* bytes from s + run on are not written yet */
    dc_buf_reserve(out, len + 2);
    for (size_t i = next_special(s, len, 0, true); i < len;
         i = next_special(s, len, i + 1, true)) {
        unsigned char c = (unsigned char)s[i];
        dc_buf_append(out, s + run, i - run);
        run = i + 1;
        char e[6] = {'\\', 0};
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\n': e[1] = 'n'; break;
        case '\t': e[1] = 't'; break;
        case '\r': e[1] = 'r'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        default:
            e[1] = 'u';
            e[2] = '0';
            e[3] = '0';
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            dc_buf_append(out, e, 6);
            continue;
        }
        dc_buf_append(out, e, 2);
    }
    dc_buf_append(out, s + run, len - run);
}

enum dc_split
dc_split_next(char sep, const char *chunk, size_t n, size_t *pos,
              struct dc_span *piece)
{
    if (*pos >= n)
        return DC_SPLIT_DONE;
    const char *p = chunk + *pos;
    const char *q = memchr(p, sep, n - *pos);
    piece->p = p;
    piece->len = (size_t)((q ? q : chunk + n) - p);
    *pos = q ? (size_t)(q - chunk) + 1 : n;
    return q ? DC_SPLIT_END : DC_SPLIT_MORE;
}
