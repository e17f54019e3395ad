/*
 * test-normalise.c - unit tests for dc_normalise: one case per behaviour,
 * the text that must stay as it is, and idempotence (normalising the
 * output again changes nothing) for every input where the contract
 * promises it.
 */
#include "config.h"
#include "normalise.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"

static const struct dc_norm_opts fold = {.keep_quotes = false};
static const struct dc_norm_opts keep = {.keep_quotes = true};

/* Normalise a private copy of in (exactly len bytes, no NUL after it, so
 * the sanitizers see any read past the end). */
static void
run(const char *in, size_t len, const struct dc_norm_opts *o,
    struct dc_buf *out)
{
    char *copy = malloc(len ? len : 1);
    if (len)
        memcpy(copy, in, len);
    dc_normalise(copy, len, o, out);
    free(copy);
}

static void
check_full(const char *name, const char *in, size_t in_len, const char *want,
           size_t want_len, const struct dc_norm_opts *o, bool idempotent)
{
    struct dc_buf out = DC_BUF_INIT, again = DC_BUF_INIT;
    run(in, in_len, o, &out);
    is_mem(out.data, out.len, want, want_len, "%s", name);
    ok(out.data && out.data[out.len] == '\0', "%s: NUL-terminated", name);
    if (idempotent) {
        run(out.data, out.len, o, &again);
        is_mem(again.data, again.len, out.data, out.len, "%s: idempotent",
               name);
    }
    dc_buf_free(&out);
    dc_buf_free(&again);
}

/* Literals only: sizeof keeps embedded NULs. */
#define CHECK(name, in, want)                                                  \
    check_full(name, in, sizeof(in) - 1, want, sizeof(want) - 1, &fold, true)
#define CHECK_KEEP(name, in, want)                                             \
    check_full(name, in, sizeof(in) - 1, want, sizeof(want) - 1, &keep, true)
#define SAME(name, in) CHECK(name, in, in)
/* Decoding once is the contract, so the output may decode again. */
#define CHECK_ONCE(name, in, want)                                             \
    check_full(name, in, sizeof(in) - 1, want, sizeof(want) - 1, &fold, false)

#define FFFD "\xef\xbf\xbd"

static void
test_ascii(void)
{
    SAME("plain ASCII unchanged",
         "Hello, world!\tTabs, \"quotes\" and 'apostrophes' stay.\n"
         "Second line: <b>markup</b> is not ours; 100% ~ {x} [y] `z`\n");
    CHECK("empty input", "", "");

    /* A long run goes through the word-at-a-time scan. */
    char big[4096];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = i % 64 == 63 ? '\n' : (char)('a' + i % 26);
    check_full("4 KiB of ASCII unchanged", big, sizeof big, big, sizeof big,
               &fold, true);
    big[4000] = '&';
    big[4001] = ';';
    check_full("'&;' late in a long run", big, sizeof big, big, sizeof big,
               &fold, true);

    /* What ends a run of plain ASCII, at every place of a line longer
     * than the sixteen bytes the scan takes at a time, and what it
     * becomes: a reference, a control, DEL, a tab, a newline, a letter
     * and a space that are not ASCII. */
    static const char *const odd[][2] = {
        {"&amp;", "&"}, {"\001", ""}, {"\177", ""}, {"\t", "\t"},
        {"\n", "\n"}, {"\u00e9", "\u00e9"}, {"\u00a0", " "}};
    size_t wrong = 0;
    for (size_t k = 0; k < sizeof odd / sizeof *odd; k++)
        for (size_t at = 0; at <= 40; at++) {
            char in[64], want[64];
            size_t a = strlen(odd[k][0]), b = strlen(odd[k][1]);
            memset(in, 'x', 40);
            memcpy(in + at, odd[k][0], a);
            memset(in + at + a, 'y', 40 - at);
            memset(want, 'x', 40);
            memcpy(want + at, odd[k][1], b);
            memset(want + at + b, 'y', 40 - at);
            struct dc_buf out = DC_BUF_INIT;
            run(in, 40 + a, &fold, &out);
            wrong += out.len != 40 + b || memcmp(out.data, want, 40 + b) != 0;
            dc_buf_free(&out);
        }
    ok(wrong == 0, "odd bytes at every place of a line (%zu wrong)", wrong);
}

static void
test_mojibake(void)
{
    CHECK("mojibake: right single quote", "donâ€™t", "don't");
    CHECK_KEEP("mojibake: right single quote, keep_quotes", "donâ€™t",
               "don\u2019t");
    CHECK("mojibake: double quotes (0x9D as a C1 control)", "â€œhiâ€\xc2\x9d",
          "\"hi\"");
    CHECK_KEEP("mojibake: double quotes, keep_quotes", "â€œhiâ€\xc2\x9d",
               "\u201chi\u201d");
    CHECK("mojibake: e acute", "cafÃ©", "café");
    CHECK("mojibake: u umlaut", "Ã¼ber", "über");
    CHECK("mojibake: Â + NBSP is a space", "5Â\u00a0km", "5 km");
    CHECK("mojibake: pound sign", "Â£10", "£10");
    CHECK("mojibake: em dash", "yesâ€”no", "yes—no");
    CHECK("mojibake: CJK", "æ¶ˆæ\xc2\x81¯", "消息");
    CHECK("mojibake: emoji", "ðŸ˜€!", "😀!");
    CHECK("mojibake: Latin-1 form with C1 controls",
          "it\xc3\xa2\xc2\x80\xc2\x99s", "it's");
    CHECK("mojibake: zero-width space is then removed", "aâ€‹b", "ab");
    CHECK("mojibake: twice", "itÃ¢â‚¬â„¢s", "it's");
    CHECK_KEEP("mojibake: twice, keep_quotes", "itÃ¢â‚¬â„¢s", "it\u2019s");
    CHECK("mojibake: e acute twice", "cafÃƒÂ©", "café");
    /* What is removed does not hide mojibake, or a second pass would
     * find it (found by fuzz/fuzz-decode.c). */
    CHECK("mojibake: split by a NUL", "cafÃ\0©", "café");
    CHECK("mojibake: split by controls", "cafÃ\x01\x7f©!", "café!");
    CHECK("mojibake: split by a zero-width space", "donâ€\u200b™t", "don't");
    CHECK("mojibake: a control after the lead, then ASCII", "Ã\x01x", "Ãx");
    CHECK("mojibake: French sentence", "Ã€ la maison, lâ€™Ã©tÃ© Ã\u00a0 Paris",
          "À la maison, l'été à Paris");
    /* Deeper than one pass repairs: passed again to a fixed point. */
    CHECK("mojibake: e acute three times", "cafÃƒÆ’Ã‚Â©!", "café!");
    CHECK("mojibake: a repair closes up a new pair", "ÂÂ¯ x", "¯ x");
    CHECK("mojibake: a chain of 18 leads",
          "ÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂ¯ x", "¯ x");
    CHECK("mojibake: NFC composes a lead", "A\u0302¯ x", "¯ x");
    CHECK("mojibake: made by references, then repaired", "caf&#195;&#169;",
          "café");
    /* Past the bound a crafted chain is left as it stands. */
    CHECK_ONCE("mojibake: a chain of 19 leads stops at the bound",
               "ÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂÂ¯ x", "Â¯ x");
}

static void
test_mojibake_negative(void)
{
    SAME("legit: SÃO PAULO", "SÃO PAULO");
    SAME("legit: lone Ã", "Ã");
    SAME("legit: Ã at the end", "irmÃ");
    SAME("legit: naïve café", "naïve café");
    SAME("legit: Â before a letter", "Âb Âme");
    SAME("legit: Portuguese", "NÃO, AÇÃO, CORAÇÃO, SÃO");
    SAME("legit: French", "Ça va? Où êtes-vous? Noël, œuvre, déjà");
    SAME("legit: German", "Größe, Fuß, Ärger, Übel");
    CHECK("legit: ß before NBSP is not N'Ko", "Fuß\u00a0ball", "Fuß ball");
    CHECK("legit: Þ before a symbol is not Thaana", "Þ\u00b0", "Þ\u00b0");
    SAME("legit: Ü before a guillemet is not Syriac", "»MENÜ» und «ÜBER»");
    CHECK("legit: Ý before NBSP is not Arabic", "Ý\u00a0x", "Ý x");
    CHECK("mojibake never makes a C1 control", "Â\xc2\x80x", "Â\u20acx");
    SAME("no repair: lead byte C0 is never valid", "À€");
    SAME("no repair: overlong E0 80 80", "à€€");
    CHECK("no repair: surrogate ED A0 80", "í\u00a0€", "í €");
    SAME("no repair: above U+10FFFF", "ô¿¿¿");
    SAME("no repair: truncated sequence", "â€");
}

static void
test_entities(void)
{
    CHECK("entities: markup characters", "&amp; &lt; &gt; &quot; &apos;",
          "& < > \" '");
    CHECK("entities: named", "&copy; &eacute;t&eacute; &hellip; &euro;",
          "© été … €");
    SAME("entities: ';' required", "AT&T and &copy 2020 &amp");
    CHECK("entities: quotes are folded", "&lsquo;a&rsquo; &ldquo;b&rdquo;",
          "'a' \"b\"");
    CHECK_KEEP("entities: quotes kept", "&lsquo;a&rsquo; &ldquo;b&rdquo;",
               "\u2018a\u2019 \u201cb\u201d");
    CHECK("entities: decimal", "don&#8217;t &#65;&#0066;", "don't AB");
    CHECK("entities: hex", "&#x201C;a&#X201c; &#x41;&#Xe9;", "\"a\" Aé");
    CHECK("entities: 0x80-0x9F as windows-1252", "&#150; &#x80; &#x99; &#153;",
          "– € ™ ™");
    CHECK("entities: undefined windows-1252 byte is a C1 control, removed",
          "a&#129;b&#x9D;c", "abc");
    CHECK("entities: zero", "&#0;", FFFD);
    CHECK("entities: surrogate", "&#xD800;&#57343;", FFFD FFFD);
    CHECK("entities: above U+10FFFF", "&#x110000;", FFFD);
    CHECK("entities: huge number", "&#99999999999999999999999;", FFFD);
    CHECK("entities: highest", "&#x10FFFF;", "\xf4\x8f\xbf\xbf");
    SAME("entities: unknown name kept", "&foo; &ampx; &AMP_;");
    SAME("entities: no digits kept", "&#; &#x; &#X; &# ; &#a;");
    SAME("entities: junk before ';' kept", "&#12a; &#x12g; &amp ;");
    SAME("entities: bare and trailing '&'", "a & b &; c&");
    CHECK_ONCE("entities: decoded once", "&amp;amp; &amp;lt;", "&amp; &lt;");
    CHECK("entities: nbsp is a space", "a&nbsp;b", "a b");
    CHECK("entities: soft hyphen removed", "co&shy;operate", "cooperate");
    CHECK("entities: two code points", "&NotEqualTilde;", "\u2242\u0338");
    CHECK("entities: longest name", "&CounterClockwiseContourIntegral;",
          "\u2233");
    SAME("entities: name too long", "&CounterClockwiseContourIntegralX;");
    CHECK("entities: CR LF as references", "a&#13;&#10;b", "a\nb");
    CHECK("entities: tab and newline", "a&Tab;b&NewLine;c", "a\tb\nc");
    CHECK("entities: case matters", "&Eacute;&eacute;&AMP;", "Éé&");
}

static void
test_quotes(void)
{
    CHECK("quotes: single and double folded",
          "\u2018a\u2019 \u201ab\u201b \u201cc\u201d \u201ed\u201f",
          "'a' 'b' \"c\" \"d\"");
    CHECK_KEEP("quotes: keep_quotes",
               "\u2018a\u2019 \u201ab\u201b \u201cc\u201d \u201ed\u201f",
               "\u2018a\u2019 \u201ab\u201b \u201cc\u201d \u201ed\u201f");
    SAME("quotes: dashes, ellipsis, guillemets, primes stay",
         "\u2013 \u2014 \u2026 \u00ab \u00bb \u2039 \u203a \u2032 \u2033");
}

static void
test_spaces(void)
{
    CHECK("spaces: Unicode spaces become ' '",
          "a\u00a0b\u1680c\u2000d\u2001e\u2002f\u2003g\u2004h\u2005i"
          "\u2006j\u2007k\u2008l\u2009m\u200an\u202fo\u205fp\u3000q",
          "a b c d e f g h i j k l m n o p q");
}

static void
test_removed(void)
{
    CHECK("removed: zero-width space, word joiner, BOM, soft hyphen",
          "a\u200bb\u2060c\ufeffd\u00ade", "abcde");
    CHECK("removed: BOM at the start", "\ufeffHello", "Hello");
    CHECK("removed: bidi controls",
          "a\u061cb\u200ec\u200fd\u202ae\u202bf\u202cg\u202dh\u202ei"
          "\u2066j\u2067k\u2068l\u2069m",
          "abcdefghijklm");
    CHECK("removed: invisible format characters",
          "x\u2061y\u2062z\u2063w\u2064v\u180eu", "xyzwvu");
    CHECK("removed: C0 controls and DEL, tab and newline kept",
          "a\001b\037c\177d\033[0m\te\f\vf\n", "abcd[0m\tef\n");
    CHECK("removed: NUL", "a\0b\0", "ab");
    CHECK("C1 controls read as windows-1252",
          "a\xc2\x80"
          "b\xc2\x85"
          "c\xc2\x9f"
          "d it\xc2\x92s \xc2\x93x\xc2\x94",
          "a\u20acb\u2026c\u0178d it's \"x\"");
    CHECK("removed: C1 controls windows-1252 leaves undefined",
          "a\xc2\x81"
          "b\xc2\x8d"
          "c\xc2\x8f"
          "d\xc2\x90"
          "e\xc2\x9d",
          "abcde");
}

static void
test_joiners(void)
{
    CHECK("ZWJ: kept in an emoji sequence",
          "\U0001F468\u200d\U0001F469\u200d\U0001F467",
          "\U0001F468\u200d\U0001F469\u200d\U0001F467");
    CHECK("ZWJ: removed between ASCII letters", "a\u200db", "ab");
    CHECK("ZWNJ: removed between ASCII letters", "a\u200cb", "ab");
    CHECK("ZWJ: removed with one ASCII neighbour", "é\u200da a\u200dé",
          "éa aé");
    SAME("ZWNJ: kept in Persian",
         "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645");
    SAME("ZWJ: kept in Devanagari", "\u0915\u094d\u200d\u0937");
    CHECK("ZWJ: removed at the edges", "\u200d\U0001F600\u200d", "\U0001F600");
    CHECK("ZWJ: invisible characters around it do not count",
          "\U0001F600\u200b\u200d\u00ad\U0001F600",
          "\U0001F600\u200d\U0001F600");
    CHECK("ZWJ: two in a row keep one", "\U0001F600\u200d\u200d\U0001F600",
          "\U0001F600\u200d\U0001F600");
    CHECK("ZWJ: before a space", "\U0001F600\u200d\u00a0x", "\U0001F600 x");
    CHECK("ZWJ: as a reference", "\U0001F469&zwj;\U0001F4BB",
          "\U0001F469\u200d\U0001F4BB");
    CHECK("ZWJ: left neighbour after NFC is ASCII", "\u212a\u200d\u00e9",
          "K\u00e9");

    /* Text already in the buffer is not a neighbour: calls are
     * independent. */
    struct dc_buf out = DC_BUF_INIT;
    dc_buf_puts(&out, "\U0001F600");
    dc_normalise("\u200d\U0001F600", strlen("\u200d\U0001F600"), &fold, &out);
    is_str(out.data, "\U0001F600\U0001F600",
           "ZWJ: earlier output is not a neighbour");
    dc_buf_free(&out);
}

static void
test_line_ends(void)
{
    CHECK("line ends: CRLF and CR", "a\r\nb\rc\n\r\nd\r", "a\nb\nc\n\nd\n");
    CHECK("line ends: CR CR LF", "\r\r\n", "\n\n");
    CHECK("line ends: CR before a removed character", "a\r\x01\nb", "a\n\nb");
    CHECK("line ends: CRLF in a long line",
          "0123456789abcdef0123456789\r\n0123456789abcdef",
          "0123456789abcdef0123456789\n0123456789abcdef");
}

static void
test_nfc(void)
{
    CHECK("NFC: e + combining acute", "cafe\u0301", "café");
    CHECK("NFC: singletons", "\u212b \u2126 \u212a", "Å Ω K");
    CHECK("NFC: Hangul jamo", "\u1100\u1161\u11a8 \uac00\u11a8",
          "\uac01 \uac01");
    CHECK("NFC: Bengali two-part vowel", "\u0995\u09c7\u09be", "\u0995\u09cb");
    CHECK("NFC: composition exclusion", "\u0958", "\u0915\u093c");
    CHECK("NFC: marks reordered", "a\u0301\u0323", "\u1ea1\u0301");
    CHECK("NFC: precomposed + mark", "\u00ea\u0301 \u01b0\u0303",
          "\u1ebf \u1eef");
    CHECK("NFC: mark after an entity", "&eacute;\u0323", "\u1eb9\u0301");
    SAME("NFC: already NFC text unchanged",
         "Français, 中文汉字, 한국어, हिन्दी, العربية, Ελληνικά, "
         "русский, עברית, ไทย, tiếng Việt, 日本語のかなカナ");
    SAME("NFC: lone combining mark", "\u0301x\u0301");
    CHECK("NFC: Arabic marks put in canonical order",
          "\u0628\u0651\u064e \u0628\u064e\u0651",
          "\u0628\u064e\u0651 \u0628\u064e\u0651");
    SAME("NFC: marks already in order",
         "\u0e01\u0e48\u0e32 \u05e9\u05b8\u05c1 \u0915\u094d\u0937");
}

/* Append s (a literal) n times to b. */
static void
rep(struct dc_buf *b, const char *s, size_t n)
{
    while (n--)
        dc_buf_puts(b, s);
}

#define ACUTE "\u0301"
#define CGJ "\u034f"

/* Expect in -> want, and that normalising want again changes nothing. */
static void
check_bufs(const char *name, struct dc_buf *in, struct dc_buf *want)
{
    check_full(name, in->data, in->len, want->data, want->len, &fold, true);
    dc_buf_clear(in);
    dc_buf_clear(want);
}

/*
 * A run of more than 30 non-starters, counted decomposed, is cut by a
 * COMBINING GRAPHEME JOINER (UAX #15's Stream-Safe Text Format), so that
 * a second pass sees the same cuts and puts marks in the same order.
 */
static void
test_stream_safe(void)
{
    struct dc_buf in = DC_BUF_INIT, want = DC_BUF_INIT;

    /* zalgo: 2000 marks on one letter, the first composed with it */
    dc_buf_puts(&in, "a");
    rep(&in, ACUTE, 2000);
    dc_buf_puts(&want, "\u00e1");
    rep(&want, ACUTE, 29);
    for (int k = 0; k < 65; k++) {
        dc_buf_puts(&want, CGJ);
        rep(&want, ACUTE, 30);
    }
    dc_buf_puts(&want, CGJ);
    rep(&want, ACUTE, 20);
    check_bufs("stream-safe: 2000 combining marks", &in, &want);

    /* 30 marks are not cut */
    dc_buf_puts(&in, "a");
    rep(&in, ACUTE, 30);
    dc_buf_puts(&want, "\u00e1");
    rep(&want, ACUTE, 29);
    check_bufs("stream-safe: 30 marks stay whole", &in, &want);

    /* U+0B5D decomposes to a starter and a mark (U+0B22 U+0B3C): the run
     * restarts there, on the first pass as on the second; the mark of
     * class 220 goes first in the part after the cut */
    dc_buf_puts(&in, "x");
    rep(&in, ACUTE, 20);
    dc_buf_puts(&in, "\u0b5d");
    rep(&in, ACUTE, 40);
    dc_buf_puts(&in, "\u0316");
    dc_buf_puts(&want, "x");
    rep(&want, ACUTE, 20);
    dc_buf_puts(&want, "\u0b22\u0b3c");
    rep(&want, ACUTE, 29);
    dc_buf_puts(&want, CGJ "\u0316");
    rep(&want, ACUTE, 11);
    check_bufs("stream-safe: a decomposing starter restarts the count", &in,
               &want);

    /* U+01D6 is u with two marks: they count, though NFC moves one */
    dc_buf_puts(&in, "\u01d6\u0323");
    rep(&in, ACUTE, 29);
    dc_buf_puts(&in, "\u0316");
    dc_buf_puts(&want, "\u1ee5\u0308\u0304");
    rep(&want, ACUTE, 27);
    dc_buf_puts(&want, CGJ "\u0316" ACUTE ACUTE);
    check_bufs("stream-safe: a precomposed letter's marks count", &in, &want);

    /* U+0F73 is two marks (classes 129 and 130); 15 of them are 30 */
    rep(&in, "\u0f73", 16);
    rep(&want, "\u0f71", 15);
    rep(&want, "\u0f72", 15);
    dc_buf_puts(&want, CGJ "\u0f71\u0f72");
    check_bufs("stream-safe: a character of two marks counts two", &in, &want);

    dc_buf_free(&in);
    dc_buf_free(&want);
}

static void
test_mixed(void)
{
    CHECK("mixed: every step in one line",
          "\ufeff\u201cCaf\u00c3\u00a9\u201d&nbsp;&amp;\u00a0the\u200b "
          "cafe\u0301\r\n",
          "\"Café\" & the café\n");
    CHECK("mixed: mojibake, reference and NFC spell the same letter",
          "Ã©&eacute;e\u0301", "ééé");
    CHECK("not UTF-8: bad bytes read as U+FFFD",
          "a\xff"
          "b\xe2\x80",
          "a" FFFD "b" FFFD FFFD);

    struct dc_buf out = DC_BUF_INIT;
    dc_normalise("\u2019", strlen("\u2019"), NULL, &out);
    is_str(out.data, "'", "NULL options fold quotes");
    dc_buf_clear(&out);
    dc_buf_puts(&out, "kept|");
    dc_normalise("a\u00a0b", strlen("a\u00a0b"), NULL, &out);
    is_str(out.data, "kept|a b", "appends to what out holds");
    dc_buf_free(&out);
}

/* The shifts of normalising in, as "at:cols" or "at:cols/bytes" items,
 * or their cols summed by line as "line:cols" (lines of the output from
 * 0) when by_line. */
static void
check_shifts(const char *name, const char *in, const char *want_out,
             const char *want, bool by_line)
{
    struct dc_buf out = DC_BUF_INIT, shifts = DC_BUF_INIT, got = DC_BUF_INIT;
    dc_buf_puts(&out, "before\n"); /* offsets are out's, past this */
    dc_normalise_shifts(in, strlen(in), &fold, &out, &shifts);
    is_str(out.data + 7, want_out, "%s: text", name);
    const struct dc_shift *sh = (const struct dc_shift *)(void *)shifts.data;
    size_t n = shifts.len / sizeof *sh, line = 0, from = 7;
    long sum = 0;
    for (size_t k = 0; k < n; k++) {
        ok(k == 0 || sh[k].at > sh[k - 1].at, "%s: ascending", name);
        if (!by_line) {
            dc_buf_printf(&got, "%s%zu:%d", k ? " " : "", sh[k].at - 7,
                          (int)sh[k].cols);
            if (sh[k].bytes)
                dc_buf_printf(&got, "/%d", (int)sh[k].bytes);
            continue;
        }
        for (const char *nl; (nl = memchr(out.data + from, '\n',
                                          out.len - from)) &&
                             (size_t)(nl - out.data) < sh[k].at;
             from = (size_t)(nl - out.data) + 1) {
            if (sum)
                dc_buf_printf(&got, "%s%zu:%ld", got.len ? " " : "", line,
                              sum);
            line++;
            sum = 0;
        }
        sum += sh[k].cols;
    }
    if (sum)
        dc_buf_printf(&got, "%s%zu:%ld", got.len ? " " : "", line, sum);
    is_str(got.len ? got.data : "", want, "%s: shifts", name);
    dc_buf_free(&out);
    dc_buf_free(&shifts);
    dc_buf_free(&got);
}

static void
test_shifts(void)
{
    check_shifts("shifts: none in plain text", "plain text\n\u00e9t\u00e9\n",
                 "plain text\n\u00e9t\u00e9\n", "", false);
    check_shifts("shifts: a reference is its name's width",
                 "caf&#xE9; &amp; co", "caf\u00e9 & co", "3:5 5:0/4 6:4 7:0/4",
                 false);
    check_shifts("shifts: soft hyphen, zero-width space, C1 control",
                 "Stadt\u00adteil a\u200bb it\xc2\x92s \xc2\x81",
                 "Stadtteil ab it's ", "5:1/2 11:1/3 16:0/1 18:1/2", false);
    check_shifts("shifts: a soft hyphen as a reference",
                 "Innen&shy;stadt", "Innenstadt", "5:5/5", false);
    check_shifts("shifts: NFC composes two into one", "cafe\u0301!",
                 "caf\u00e9!", "5:1 6:0/1", false);
    check_shifts("shifts: mojibake", "\u00c3\u00a9t\u00e9",
                 "\u00e9t\u00e9", "0:1 2:0/2", false);
    /* html2text counts the bytes of what normalising makes ASCII */
    check_shifts("shifts: quotes and spaces keep their code points, not bytes",
                 "\u201cno\u00a0change\u201d", "\"no change\"",
                 "1:0/2 4:0/1 11:0/2", false);
    check_shifts("shifts: kept on their lines through repair passes",
                 "x&#xFC;\ncafÃƒÆ’Ã‚Â©! &amp;\nend&shy;",
                 "x\u00fc\ncaf\u00e9! &\nend", "0:5 1:11 2:5", true);
}

int
main(void)
{
    test_ascii();
    test_mojibake();
    test_mojibake_negative();
    test_entities();
    test_stream_safe();
    test_quotes();
    test_spaces();
    test_removed();
    test_joiners();
    test_line_ends();
    test_nfc();
    test_mixed();
    test_shifts();
    return tap_done();
}
