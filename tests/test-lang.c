/*
 * test-lang.c - language codes and stopword lookups (src/lang.c), against
 * the stoplists embedded from rules/stop/.
 */
#include "config.h"

#include "lang.h"

#include "embedded.h"
#include "tap.h"

#define BIT(code) ((uint32_t)1 << dc_lang_index(code))

static const char *const order[] = {
    "en", "de", "fr", "es", "pt", "it", "nl", "ru", "pl", "zh", "ja", "ko",
    "sv", "da", "no", "fi", "cs", "tr", "uk", "id", "hu", "ro", "el", "ar",
};
#define NORDER ((int)(sizeof order / sizeof order[0]))

static uint32_t
mask(const char *word)
{
    return dc_stopword_mask(word, strlen(word));
}

static int
has(const char *word, const char *code)
{
    return (mask(word) & BIT(code)) != 0;
}

static void
test_codes(void)
{
    ok(dc_lang_count() >= NORDER && dc_lang_count() <= DC_LANG_MAX,
       "dc_lang_count() is %d", dc_lang_count());
    for (int i = 0; i < NORDER; i++) {
        const char *code = dc_lang_code(i);
        is_str(code ? code : "(null)", order[i], "code of index %d", i);
        ok(dc_lang_index(order[i]) == i, "index of %s is %d", order[i], i);
    }
    for (int i = 0; i < dc_lang_count(); i++)
        if (dc_lang_index(dc_lang_code(i)) != i)
            ok(0, "round trip of index %d", i);

    ok(dc_lang_code(-1) == NULL, "dc_lang_code(-1) is NULL");
    ok(dc_lang_code(dc_lang_count()) == NULL, "dc_lang_code(count) is NULL");

    ok(dc_lang_index("EN") == 0, "EN is en");
    ok(dc_lang_index("De") == 1, "De is de");
    ok(dc_lang_index("zH") == 9, "zH is zh");
    ok(dc_lang_index("AR") == 23, "AR is ar");

    ok(dc_lang_index("xx") == -1, "xx is unknown");
    ok(dc_lang_index("") == -1, "the empty code is unknown");
    ok(dc_lang_index("e") == -1, "e is unknown");
    ok(dc_lang_index("eng") == -1, "eng is unknown");
    ok(dc_lang_index("en ") == -1, "'en ' is unknown");
    ok(dc_lang_index("en-US") == -1, "en-US is unknown");
    ok(dc_lang_index(NULL) == -1, "NULL is unknown");

    ok(dc_lang_index_n("enx", 2) == 0, "index_n reads only len bytes");
    ok(dc_lang_index_n("frFR", 2) == 2, "index_n: fr of frFR");
    ok(dc_lang_index_n("en", 1) == -1, "index_n: e of en is unknown");
    ok(dc_lang_index_n("en", 0) == -1, "index_n: zero length is unknown");
    ok(dc_lang_index_n("en\0", 3) == -1, "index_n: a NUL is not ignored");
}

/* Every list is embedded under a known code, and each of its words is
 * found with that language's bit: the table and the lookup fold alike. */
static void
test_every_word(void)
{
    int lists = 0;

    for (const struct dc_embedded_file *f = dc_embedded_stoplists; f->name;
         f++) {
        int i = dc_lang_index(f->name);
        size_t words = 0, missing = 0;
        const char *p = f->data, *end = f->data + f->len;

        ok(i >= 0, "stoplist '%s' is a known language", f->name);
        if (i < 0)
            continue;
        lists++;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = (size_t)((nl ? nl : end) - p);

            if (len > 0 && p[len - 1] == '\r')
                len--;
            if (len > 0 && p[0] != '#') {
                words++;
                if (!(dc_stopword_mask(p, len) & ((uint32_t)1 << i))) {
                    missing++;
                    printf("# %s: '%.*s' not found\n", f->name, (int)len, p);
                }
            }
            p = nl ? nl + 1 : end;
        }
        ok(words >= 30 && missing == 0, "%s: all %zu words found", f->name,
           words);
    }
    ok(lists >= NORDER, "%d stoplists embedded", lists);
}

/* The folded word of up to 16 bytes as dc_stopword_mask_folded() takes
 * it: ASCII in lower case, first byte lowest, zero above len. */
static uint32_t
folded_mask(const char *word, size_t len)
{
    uint64_t w[2] = {0, 0};
    for (size_t i = 0; i < len; i++)
        w[i / 8] |= (uint64_t)(unsigned char)dc_tolower((unsigned char)word[i])
                    << (8 * (i % 8));
    return dc_stopword_mask_folded(w[0], w[1], len);
}

/* dc_stopword_mask_folded() answers as dc_stopword_mask() does: for every
 * ASCII word of the lists of 1 to 16 bytes (its filter of the long ones
 * lets each through), in capitals too, and for words in no list. */
static void
test_folded(void)
{
    size_t words = 0, wrong = 0;
    char upper[16];
    for (const struct dc_embedded_file *f = dc_embedded_stoplists; f->name;
         f++) {
        const char *p = f->data, *end = f->data + f->len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t len = (size_t)((nl ? nl : end) - p);
            bool ascii = len > 0 && len <= 16 && p[0] != '#';
            for (size_t i = 0; ascii && i < len; i++)
                ascii = dc_isalnum((unsigned char)p[i]);
            if (ascii) {
                words++;
                for (size_t i = 0; i < len; i++)
                    upper[i] = (char)(dc_islower((unsigned char)p[i])
                                          ? p[i] - 'a' + 'A'
                                          : p[i]);
                wrong += folded_mask(p, len) != dc_stopword_mask(p, len) ||
                         folded_mask(upper, len) != dc_stopword_mask(p, len) ||
                         folded_mask(p, len) == 0;
            }
            p = nl ? nl + 1 : end;
        }
    }
    ok(words > 1000 && wrong == 0,
       "the folded look-up finds all %zu ASCII words (%zu wrong)", words,
       wrong);
    ok(folded_mask("helicopter", 10) == 0, "'helicopter' is in no list");
    ok(folded_mask("themselvesx", 11) == 0, "'themselvesx' is in no list");
    ok(folded_mask("althoughalthough", 16) == 0, "16 bytes in no list");
    ok(folded_mask("the", 3) == BIT("en"), "'the' (3 bytes)");
}

static void
test_words(void)
{
    /* One common word per language. */
    static const char *const sample[][2] = {
        {"en", "the"},  {"de", "und"},   {"fr", "le"},   {"es", "el"},
        {"pt", "não"},  {"it", "della"}, {"nl", "het"},  {"ru", "и"},
        {"pl", "się"},  {"zh", "的"},    {"ja", "の"},   {"ko", "그리고"},
        {"sv", "och"},  {"da", "og"},    {"no", "ikke"}, {"fi", "että"},
        {"cs", "že"},   {"tr", "için"},  {"uk", "що"},   {"id", "yang"},
        {"hu", "hogy"}, {"ro", "și"},    {"el", "και"},  {"ar", "في"},
    };
    for (size_t i = 0; i < sizeof sample / sizeof sample[0]; i++)
        ok(has(sample[i][1], sample[i][0]), "%s: '%s'", sample[i][0],
           sample[i][1]);

    /* ASCII case. */
    ok(mask("the") == BIT("en"), "'the' is English only");
    ok(mask("THE") == BIT("en"), "'THE'");
    ok(mask("The") == BIT("en"), "'The'");
    ok(mask("tHe") == BIT("en"), "'tHe'");
    ok(dc_stopword_mask("there", 3) == BIT("en"), "reads only len bytes");
    ok(has("don't", "en"), "'don't'");
    /* ASCII words are folded eight bytes at a time: capitals on both
     * sides of the eighth byte, and words of exactly 8 and 16. */
    ok(has("ACCORDING", "en"), "'ACCORDING' (9 bytes)");
    ok(has("accordinG", "en"), "'accordinG' (capital at byte 9)");
    ok(has("ThemSelves", "en"), "'ThemSelves' (10 bytes)");
    ok(has("ALTHOUGH", "en"), "'ALTHOUGH' (8 bytes)");
    ok(mask("althoughalthough") == 0, "'althoughalthough' (16 bytes)");
    ok(mask("Accordingly-not-a-stopword") == 0,
       "an ASCII word longer than every stopword");

    /* Non-ASCII case. */
    ok(has("Über", "de"), "'Über'");
    ok(has("ÜBER", "de"), "'ÜBER'");
    ok(has("Während", "de"), "'Während'");
    ok(has("И", "ru"), "Cyrillic 'И'");
    ok(has("Это", "ru"), "'Это'");
    ok(has("ЩО", "uk"), "'ЩО'");
    ok(has("ΚΑΙ", "el"), "Greek 'ΚΑΙ'");
    ok(has("Είναι", "el"), "'Είναι'");
    ok(has("αυτός", "el"), "'αυτός'");
    ok(has("ΑΥΤΌΣ", "el"), "'ΑΥΤΌΣ' (final sigma)");
    ok(has("ÉTAIT", "fr"), "'ÉTAIT'");
    ok(has("İLE", "tr"), "Turkish 'İLE'");
    ok(has("ȘI", "ro"), "'ȘI' (comma below)");
    ok(has("Şi", "ro"), "'Şi' (cedilla)");
    ok(has("ŻE", "pl"), "'ŻE'");
    ok(has("Że", "pl"), "'Że'");

    /* Words in several lists. */
    uint32_t de = mask("de");
    ok((de & BIT("fr")) && (de & BIT("es")) && (de & BIT("pt")) &&
           (de & BIT("nl")) && !(de & BIT("en")),
       "'de' is French, Spanish, Portuguese and Dutch, not English");
    ok(mask("DE") == de, "'DE' is the same set");

    /* CJK characters. */
    ok(mask("的") == BIT("zh"), "'的' is Chinese");
    ok(has("了", "zh"), "'了'");
    ok(has("們", "zh"), "'們' (traditional)");
    ok(mask("の") == BIT("ja"), "'の' is Japanese");
    ok(has("は", "ja"), "'は'");
    ok(has("を", "ja"), "'を'");
    ok(mask("年") == 0, "'年' is no stopword");
    ok(mask("日本") == 0, "'日本' is no stopword");
    ok(has("있다", "ko"), "Korean '있다'");

    /* Not stopwords. */
    ok(mask("helicopter") == 0, "'helicopter' is in no list");
    ok(mask("Helicopter") == 0, "'Helicopter' is in no list");
    ok(mask("hubschrauber") == 0, "'hubschrauber' is in no list");
    ok(mask("вертолёт") == 0, "'вертолёт' is in no list");
    ok(mask("") == 0, "the empty word");
    ok(dc_stopword_mask(NULL, 0) == 0, "NULL, 0");
    ok(mask("the ") == 0, "'the ' (trailing space)");
    ok(mask("\xff") == 0, "invalid UTF-8");
    ok(mask("th\xc3") == 0, "truncated UTF-8");
    ok(has("\303\274ber", "de"), "'über' in octal escapes");
    ok(mask("\xe0\x80\xbf") == 0, "overlong UTF-8");

    /* Lengths: longer than 64 bytes is never a stopword. */
    char buf[200];
    memset(buf, 'a', sizeof buf);
    ok(dc_stopword_mask(buf, 64) == 0, "64 bytes of 'a'");
    ok(dc_stopword_mask(buf, 65) == 0, "65 bytes of 'a'");
    ok(dc_stopword_mask(buf, sizeof buf) == 0, "200 bytes of 'a'");
    memcpy(buf, "the", 3);
    ok(dc_stopword_mask(buf, 3) == BIT("en"), "'the' at the start of 200");
    ok(dc_stopword_mask(buf, 65) == 0, "'the' + 62 bytes");

    /* 32 two-byte capitals (64 bytes) whose lower case is three bytes. */
    for (int i = 0; i < 32; i++)
        memcpy(buf + 2 * i, "\xc8\xba", 2); /* U+023A -> U+2C65 */
    ok(dc_stopword_mask(buf, 64) == 0, "64 bytes that grow when folded");
    ok(dc_stopword_mask(buf, 66) == 0, "66 bytes that grow when folded");
}

int
main(void)
{
    test_codes();

    dc_lang_init();
    uint32_t before = mask("und");
    dc_lang_init();
    dc_lang_init();
    ok((before & BIT("de")) && mask("und") == before, "init again is harmless");

    test_every_word();
    test_words();
    test_folded();
    return tap_done();
}
