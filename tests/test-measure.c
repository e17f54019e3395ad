/*
 * test-measure.c - unit tests for dc_measure(): a block's counts against
 * counts made word by word, for words of every length, short and longer
 * than the sixteen and eight bytes dc_measure() reads at once.
 */
#include "config.h"
#include "measure.h"

#include "lang.h"

#include <stdlib.h>

#include "tap.h"

/* The i-th word of a made-up text: lengths 1 to 40, letters, digits or
 * both, some capitalised, every seventh a stopword (some capitalised,
 * some longer than eight bytes). */
static size_t
make_word(size_t i, char *w)
{
    static const char *const stop[] = {"the",        "and", "of",
                                       "themselves", "der", "les",
                                       "otherwise"};
    if (i % 7 == 3) {
        const char *s = stop[i / 7 % 7];
        memcpy(w, s, strlen(s));
        if (i / 7 % 2) /* "The", as a sentence starts */
            w[0] = (char)(w[0] - 'a' + 'A');
        return strlen(s);
    }
    size_t n = 1 + i * 13 % 40;
    for (size_t k = 0; k < n; k++) {
        size_t kind = (i + k * (i % 3)) % 5;
        w[k] = kind == 4 ? (char)('0' + (i + k) % 10)
                         : (char)('a' + (i * 7 + k) % 26);
    }
    if (i % 4 == 1 && w[0] >= 'a')
        w[0] = (char)(w[0] - 'a' + 'A');
    return n;
}

static void
test_words(void)
{
    dc_lang_init();
    dc_measure_init();
    struct dc_word_cache *cache = dc_word_cache_new();
    char text[8192], w[64];
    uint32_t want[DC_LANG_MAX], hits[DC_LANG_MAX];
    size_t wrong = 0;
    /* texts of 1 to 60 words, so that each word is last once */
    for (size_t nwords = 1; nwords <= 60; nwords++) {
        struct dc_features ref = {0}, f;
        memset(want, 0, sizeof want);
        size_t len = 0;
        for (size_t i = 0; i < nwords; i++) {
            size_t n = make_word(i, w);
            if (len)
                text[len++] = ' ';
            memcpy(text + len, w, n);
            len += n;
            uint32_t letters = 0;
            for (size_t k = 0; k < n; k++)
                letters += dc_isalpha((unsigned char)w[k]);
            ref.chars += (uint32_t)n;
            ref.letters += letters;
            ref.digits += (uint32_t)n - letters;
            ref.words++;
            ref.numbers += letters == 0;
            ref.upper_words += dc_isupper((unsigned char)w[0]);
            for (uint32_t m = dc_stopword_mask(w, n); m; m &= m - 1)
                want[__builtin_ctz(m)]++;
        }
        /* a copy of its own size, so that a read past it shows */
        char *copy = malloc(len);
        memcpy(copy, text, len);
        dc_measure(copy, len, &f, hits, DC_LANG_MAX, cache);
        free(copy);
        wrong += f.chars != ref.chars || f.letters != ref.letters ||
                 f.digits != ref.digits || f.words != ref.words ||
                 f.numbers != ref.numbers ||
                 f.upper_words != ref.upper_words ||
                 memcmp(hits, want, sizeof want) != 0;
    }
    ok(wrong == 0, "dc_measure counts words of every length (%zu texts "
                   "wrong)", wrong);
    /* the stoplists with a hit are the bits of f.stoplists */
    struct dc_features f;
    dc_measure("the cat and der Hund", 20, &f, hits, DC_LANG_MAX, cache);
    uint32_t with_hits = 0;
    for (int l = 0; l < DC_LANG_MAX; l++)
        with_hits |= hits[l] ? 1u << l : 0;
    ok(f.stoplists == with_hits && with_hits != 0,
       "f.stoplists has the languages with a hit");
    is_str(f.stoplists & (1u << dc_lang_index("en")) ? "en" : "none", "en",
           "\"the\" and \"and\" are English stopwords");
    dc_free(cache);
}

/* dc_measure() of text[0..len) in a copy of its own size, so that a
 * read past it shows. */
static struct dc_features
measure_copy(const char *text, size_t len, struct dc_word_cache *cache)
{
    uint32_t hits[DC_LANG_MAX];
    struct dc_features f;
    char *copy = malloc(len ? len : 1);
    memcpy(copy, text, len);
    dc_measure(copy, len, &f, hits, DC_LANG_MAX, cache);
    free(copy);
    return f;
}

/* A run of one mark ("_____", "-----"), of every length and at every
 * offset, counts as the same marks apart, each on its own ("_ _ _"):
 * spaces are no characters, and a mark after a space ends no word and
 * follows no name.  Its sentence end, if any, is its last mark's. */
static void
test_mark_runs(void)
{
    static const char marks[] = "_-=*#~+.!()[]|,'\"";
    static const char *const before[] = {"", "a", "ab ", "word", "Wörter ",
                                         "1234567"};
    static const char *const after[] = {"", " ", "x", " tail.", "\n",
                                        " 12"};
    dc_lang_init();
    dc_measure_init();
    struct dc_word_cache *cache = dc_word_cache_new();
    char run[256], apart[256];
    size_t wrong = 0, tried = 0;
    for (const char *c = marks; *c; c++)
        for (size_t b = 0; b < sizeof before / sizeof *before; b++)
            for (size_t a = 0; a < sizeof after / sizeof *after; a++)
                for (size_t k = 1; k <= 70; k++) {
                    size_t nb = strlen(before[b]), na = strlen(after[a]);
                    size_t n = nb, m = nb;
                    memcpy(run, before[b], nb);
                    memcpy(apart, before[b], nb);
                    for (size_t j = 0; j < k; j++) {
                        run[n++] = *c;
                        if (j)
                            apart[m++] = ' ';
                        apart[m++] = *c;
                    }
                    memcpy(run + n, after[a], na);
                    memcpy(apart + m, after[a], na);
                    struct dc_features f = measure_copy(run, n + na, cache);
                    struct dc_features g = measure_copy(apart, m + na, cache);
                    /* one mark: as the run's last */
                    struct dc_features one;
                    memcpy(run + nb + 1, after[a], na);
                    one = measure_copy(run, nb + 1 + na, cache);
                    wrong += f.chars != g.chars || f.words != g.words ||
                             f.letters != g.letters || f.digits != g.digits ||
                             f.punct != g.punct ||
                             f.code_marks != g.code_marks ||
                             f.upper_words != g.upper_words ||
                             f.numbers != g.numbers ||
                             f.terminal != g.terminal ||
                             f.colon != g.colon ||
                             f.sentences != one.sentences;
                    tried++;
                }
    ok(wrong == 0, "a run of one mark counts as its marks apart (%zu of %zu "
                   "texts wrong)", wrong, tried);
    struct dc_features f = measure_copy("see ________________ here", 25, cache);
    ok(f.chars == 23 && f.punct == 16 && f.code_marks == 16 && f.words == 2,
       "a rule of underscores: sixteen marks and two words");
    f = measure_copy("It ends.....", 12, cache);
    ok(f.sentences == 1 && f.terminal, "dots at the end: one sentence");
    dc_free(cache);
}

/* Spaces are no characters: a run of 0..70 of them before, between or
 * after words (an indent, a layout's gap, with a tab in it or not)
 * counts as one space there does. */
static void
test_space_runs(void)
{
    static const char *const before[] = {"", "a", "The", "word,", "x.",
                                         "\xd0\xb6\xd0\xb0"};
    static const char *const after[] = {"", "b", "and the", ":", "12"};
    dc_lang_init();
    dc_measure_init();
    struct dc_word_cache *cache = dc_word_cache_new();
    char text[256], one[256];
    size_t wrong = 0, tried = 0;
    for (size_t b = 0; b < sizeof before / sizeof *before; b++)
        for (size_t a = 0; a < sizeof after / sizeof *after; a++)
            for (size_t k = 0; k <= 70; k++)
                for (int tab = 0; tab < 2; tab++) {
                    size_t nb = strlen(before[b]), na = strlen(after[a]);
                    memcpy(text, before[b], nb);
                    memset(text + nb, ' ', k);
                    if (tab && k > 2)
                        text[nb + k / 2] = '\t';
                    memcpy(text + nb + k, after[a], na);
                    memcpy(one, before[b], nb);
                    one[nb] = ' ';
                    memcpy(one + nb + (k > 0), after[a], na);
                    struct dc_features f =
                        measure_copy(text, nb + k + na, cache);
                    struct dc_features g =
                        measure_copy(one, nb + (k > 0) + na, cache);
                    wrong += memcmp(&f, &g, sizeof f) != 0;
                    tried++;
                }
    ok(wrong == 0, "a run of spaces counts as one space (%zu of %zu texts "
                   "wrong)", wrong, tried);
    dc_free(cache);
}

/* Words of two-byte letters (Cyrillic, Greek, accented Latin) and ASCII
 * ones mixed, 1 to 40 letters long, capitalised or not, some ended by a
 * two-byte mark (no letter) or at the text's end: counted as word by
 * word counting says. */
static void
test_two_byte_words(void)
{
    /* letters: lower, then upper, each two bytes but the last two */
    static const char *const lower[] = {"\xd0\xb6", "\xce\xbb", "\xc3\xa9",
                                        "\xd1\x8f", "a", "z"};
    static const char *const upper[] = {"\xd0\x96", "\xce\x9b", "\xc3\x89",
                                        "\xd0\xaf", "A", "Z"};
    static const char *const marks[] = {"\xc3\x97", "\xc2\xab"}; /* × « */
    dc_lang_init();
    dc_measure_init();
    struct dc_word_cache *cache = dc_word_cache_new();
    char text[4096], w[256];
    uint32_t want[DC_LANG_MAX], hits[DC_LANG_MAX];
    size_t wrong = 0, tried = 0;
    for (size_t nwords = 1; nwords <= 40; nwords++) {
        struct dc_features ref = {0};
        memset(want, 0, sizeof want);
        size_t len = 0;
        for (size_t i = 0; i < nwords; i++) {
            size_t letters = 1 + (i * 7 + nwords) % 40, n = 0;
            bool capital = (i + nwords) % 3 == 0;
            for (size_t k = 0; k < letters; k++) {
                size_t pick = (i * 5 + k * (1 + nwords % 4)) % 6;
                const char *c = k == 0 && capital ? upper[pick] : lower[pick];
                memcpy(w + n, c, strlen(c));
                n += strlen(c);
            }
            if (len)
                text[len++] = ' ';
            memcpy(text + len, w, n);
            len += n;
            ref.chars += (uint32_t)letters;
            ref.letters += (uint32_t)letters;
            ref.words++;
            ref.upper_words += capital;
            for (uint32_t m = dc_stopword_mask(w, n); m; m &= m - 1)
                want[__builtin_ctz(m)]++;
            if ((i + nwords) % 4 == 1) { /* a mark ends it */
                const char *mk = marks[i % 2];
                memcpy(text + len, mk, 2);
                len += 2;
                ref.chars++;
                ref.punct++;
            }
        }
        char *copy = malloc(len);
        memcpy(copy, text, len);
        struct dc_features f;
        dc_measure(copy, len, &f, hits, DC_LANG_MAX, cache);
        free(copy);
        wrong += f.chars != ref.chars || f.letters != ref.letters ||
                 f.words != ref.words || f.punct != ref.punct ||
                 f.upper_words != ref.upper_words || f.numbers != 0 ||
                 memcmp(hits, want, sizeof want) != 0;
        tried++;
    }
    ok(wrong == 0, "dc_measure counts words of two-byte letters (%zu of %zu "
                   "texts wrong)", wrong, tried);
    struct dc_features f = measure_copy("\xd0\x9f\xd1\x80\xd0\xb8 \xd0\xb2\xd0\xb5:",
                                        12, cache);
    ok(f.words == 2 && f.chars == 6 && f.letters == 5 && f.colon &&
       f.upper_words == 1, "two Cyrillic words and a colon");
    dc_free(cache);
}

/* A code needle is found wherever it lies: at every offset from the
 * text's start, across the sixteen bytes looked at together, and up to
 * its end.  The text around it holds no needle and no shape of code: it
 * starts with a '?' (no name before a colon) and ends with a letter
 * where the needle does not end it. */
static void
test_code_hints(void)
{
    static const char *const needles[] = {
        "=>", "function(", "getElementById", "px ", "return ", "googletag",
        "-->", "href=", "#fff", "@media", "!important", "null,"};
    char text[128];
    size_t wrong = 0, tried = 0;
    dc_measure_init();
    for (size_t k = 0; k < sizeof needles / sizeof *needles; k++) {
        size_t n = strlen(needles[k]);
        for (size_t before = 1; before <= 40; before++) {
            for (size_t after = 0; after <= 20; after++) {
                size_t len = before + n + after;
                memset(text, 'a', len);
                text[0] = '?';
                memcpy(text + before, needles[k], n);
                /* a copy of its own size, so that a read past it shows */
                char *copy = malloc(len);
                memcpy(copy, text, len);
                /* (at the end, a needle may end the way code does) */
                int want = 1 + (after == 0 && strchr("{};[(", text[len - 1]));
                wrong += dc_code_hints(copy, len) != want;
                wrong += dc_code_hints(copy, before + n - 1) != 0;
                free(copy);
                tried++;
            }
        }
    }
    ok(wrong == 0, "dc_code_hints finds a needle at any offset (%zu of %zu "
                   "texts wrong)", wrong, tried);
    ok(dc_code_hints("?a => b; return x", 17) == 2, "two needles, two hints");
    const char *ld = "\"@type\": \"Person\",";
    ok(dc_code_hints(ld, strlen(ld)) >= 2,
       "a JSON-LD keyword is a key: \"@type\": \"Person\",");
    const char *decl = "var page_name = \"When is it the time\";";
    ok(dc_code_hints(decl, strlen(decl)) >= 3,
       "a declaration, its keyword, its end: three hints");
    const char *eq = "let x == y be a number";
    ok(dc_code_hints(eq, strlen(eq)) == 0, "\"let x == y\" declares nothing");
    const char *call = "console.log(\"Something went wrong here\");";
    ok(dc_code_hints(call, strlen(call)) >= 4,
       "a call that ends its line, its \");\": four hints");
    const char *cite = "Dunn v. Palermo, 522 S.W. 2d 679 (Tenn 1975);";
    ok(dc_code_hints(cite, strlen(cite)) <= 1, "a case cited is no call");
}

static void
test_article_body_opening(void)
{
    char o[DC_BODY_OPENING];
    const char *j = "{\"@type\":\"NewsArticle\",\"articleBody\": \"The "
                    "council voted on Tuesday to close the old library on "
                    "Market Street\"}";
    struct dc_span t = {j, strlen(j)};
    size_t n = dc_article_body_opening(t, o);
    ok(n == DC_BODY_OPENING &&
           memcmp(o, "The council voted on Tuesday", 28) == 0,
       "the body's opening, %d bytes of it", DC_BODY_OPENING);
    const char *e = "{\"articleBody\":\"Tiersch\\u00FCtzer laufen\"}";
    t = (struct dc_span){e, strlen(e)};
    n = dc_article_body_opening(t, o);
    ok(n == 20 && memcmp(o, "Tiersch\xc3\xbctzer laufen", 20) == 0,
       "escapes decoded: \\u00FC is \xc3\xbc");
    const char *q = "{\"articleBody\":\"He said \\u201Cno\\u201D\"}";
    t = (struct dc_span){q, strlen(q)};
    n = dc_article_body_opening(t, o);
    ok(n == 8 && memcmp(o, "He said ", 8) == 0,
       "the opening ends at an escaped character the normaliser rewrites");
    const char *h = "{\"articleBody\":\"<b>LONDON.-</b> The <a "
                    "href=\\\"/x\\\">council</a> met<p>Next\"}";
    t = (struct dc_span){h, strlen(h)};
    n = dc_article_body_opening(t, o);
    ok(n == 24 && memcmp(o, "LONDON.- The council met", 24) == 0,
       "inline tags left out, the opening ends at a paragraph's tag");
    t = (struct dc_span){"\"headline\": \"Council votes\"", 27};
    ok(dc_article_body_opening(t, o) == 0, "no body, no opening");
}

/* A line and whether a predicate holds for it. */
struct line_case {
    const char *text;
    bool yes;
};

/* How many of cases[0..n) pred answers wrongly (each one reported). */
static size_t
wrong_answers(bool (*pred)(struct dc_span), const char *name,
              const struct line_case *cases, size_t n)
{
    size_t wrong = 0;
    for (size_t i = 0; i < n; i++) {
        struct dc_span t = {cases[i].text, strlen(cases[i].text)};
        if (pred(t) != cases[i].yes) {
            wrong++;
            printf("# %s(%s) != %d\n", name, cases[i].text, cases[i].yes);
        }
    }
    return wrong;
}

static void
test_json_member(void)
{
    static const struct line_case cases[] = {
        {"\"description\": \"Three people have died during the protests.\",",
         true},
        {"  \"@type\": \"Person\"", true},
        {"\"name\":\"Ann Smith\"", true},
        {"\"width\": 427,", false}, /* (a number: code hints find it) */
        {"\"Yes,\" she said: \"we will.\"", false},
        {"\"Stay\": the word on the poster, \"was all it said\"", false},
        {"The council said: \"no\"", false},
    };
    size_t wrong = wrong_answers(dc_json_member, "dc_json_member", cases,
                                 sizeof cases / sizeof *cases);
    ok(wrong == 0, "a line that is one JSON string member (%zu wrong)", wrong);
}

static void
test_json_object(void)
{
    static const struct line_case cases[] = {
        {"{\"@context\": \"https://schema.org\",\"@type\": \"FAQPage\"}",
         true},
        {"[{\"@type\":\"Question\",\"name\":\"When?\"}]", true},
        {"  {\"a\" : 1}", true},
        {"{\"Stay\" was all the poster said}", false},
        {"{curly} braces in a sentence", false},
        {"The council said: \"no\"", false},
    };
    size_t wrong = wrong_answers(dc_json_object, "dc_json_object", cases,
                                 sizeof cases / sizeof *cases);
    ok(wrong == 0, "a line that opens a JSON object (%zu wrong)", wrong);
}

/* A picture, as a text browser prints one: a line wholly in brackets,
 * or a row of them side by side; not a line with words outside them. */
static void
test_pictures(void)
{
    static const struct {
        const char *text;
        bool picture;
    } cases[] = {
        {"[logo.gif]", true},
        {"[Photo: the harbour at dawn]", true},
        {"[kids.jpg?w=600] [kids.jpg?w=600]", true},
        {"[facebook.svg]  [twitter.svg] [mail.svg]", true},
        {"[Search the site          ] [Go]", true},
        {"[X] Instagram posts always unlocked", false},
        {"[kids.jpg] A boy laughs [kids.jpg]", false},
        {"[a [nested] one]", false},
        {"[logo.gif] ", false},
        {"[", false},
        {"", false},
    };
    struct dc_word_cache *cache = dc_word_cache_new();
    size_t wrong = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct dc_features f =
            measure_copy(cases[i].text, strlen(cases[i].text), cache);
        if (f.picture != cases[i].picture) {
            wrong++;
            printf("# picture(%s) != %d\n", cases[i].text, cases[i].picture);
        }
    }
    ok(wrong == 0, "a picture, or a row of them (%zu wrong)", wrong);
    dc_free(cache);
}

int
main(void)
{
    test_words();
    test_mark_runs();
    test_space_runs();
    test_two_byte_words();
    test_code_hints();
    test_article_body_opening();
    test_json_member();
    test_json_object();
    test_pictures();
    return tap_done();
}
