/*
 * test-snapshot.c - the snapshots this build made at build time
 * (embedded.h, tools/snapshot.c), as declutter starts from them: they
 * are read, what is read is what was written, every stopword is found
 * in its languages, and a snapshot cut short or of another format is
 * refused.  (tests/test-rules.c checks rules from a snapshot against a
 * load of the files.)
 */
#include "config.h"

#include "embedded.h"
#include "lang.h"
#include "rules.h"

#include "tap.h"

#include <stdint.h>
#include <stdlib.h>

/* Every word of every stoplist is found in (at least) its language. */
static void
test_stopwords_found(void)
{
    size_t words = 0, missed = 0;
    for (const struct dc_embedded_file *f = dc_embedded_stoplists; f->name;
         f++) {
        int lang = dc_lang_index(f->name);
        const char *p = f->data, *end = f->data + f->len;
        while (lang >= 0 && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *e = nl ? nl : end;
            const char *a = p, *b = e;
            p = nl ? nl + 1 : end;
            while (a < b && dc_isspace((unsigned char)*a))
                a++;
            while (b > a && dc_isspace((unsigned char)b[-1]))
                b--;
            if (a == b || *a == '#' || b - a > 64)
                continue;
            words++;
            missed += !(dc_stopword_mask(a, (size_t)(b - a)) >> lang & 1);
        }
    }
    ok(words > 1000 && missed == 0,
       "stopwords from the snapshot: %zu words, %zu not found", words,
       missed);
}

static void
test_lang(void)
{
    size_t len = dc_embedded_lang_snapshot_len;
    /* a copy to spoil, 8-aligned as the original */
    uint64_t *copy = malloc(len + 8);
    memcpy(copy, dc_embedded_lang_snapshot, len);
    ok(len > 1000, "the stoplists' snapshot: %zu bytes", len);
    ok(!dc_lang_init_snapshot(copy, len - 1),
       "a stoplists' snapshot a byte short is refused");
    ((unsigned char *)copy)[0] ^= 1;
    ok(!dc_lang_init_snapshot(copy, len),
       "a stoplists' snapshot of another format is refused");
    free(copy);
    ok(dc_lang_init_snapshot(dc_embedded_lang_snapshot, len),
       "the stoplists' snapshot is read");
    /* written again from the tables it gave: the same bytes */
    struct dc_buf again = DC_BUF_INIT;
    dc_lang_snapshot(&again);
    is_mem(again.data ? again.data : "", again.len,
           (const char *)dc_embedded_lang_snapshot, len,
           "the tables read make the same snapshot");
    dc_buf_free(&again);
    test_stopwords_found();
}

static void
test_rules(void)
{
    struct dc_rules *r = dc_rules_from_snapshot(dc_embedded_snapshot,
                                                dc_embedded_snapshot_len);
    ok(r != NULL, "the default rules' snapshot is read");
    struct dc_buf report = DC_BUF_INIT;
    size_t total = 0, failed = r ? dc_rules_check(r, &report, &total) : 1;
    ok(total > 100 && failed == 0,
       "its rules pass their examples: %zu run, %zu failed", total, failed);
    size_t patterns = 0;
    size_t slow = r ? dc_rules_check_cost(r, &report, &patterns) : 1;
    ok(patterns > 100 && slow == 0,
       "none of its patterns backtracks on hostile lines: %zu of %zu do",
       slow, patterns);
    if (report.len)
        printf("# %s", report.data);
    dc_buf_free(&report);
    dc_rules_free(r);
}

int
main(void)
{
    test_lang();
    test_rules();
    return tap_done();
}
