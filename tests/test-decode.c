/*
 * test-decode.c - unit tests for decode.[ch].
 *
 * Every case is decoded whole and in every chunk size from 1 to 8 bytes;
 * the output must be the same each time and valid UTF-8.  Legacy inputs
 * are made here from UTF-8 prose with iconv(3), so the file stays UTF-8.
 */
#include "config.h"
#include "decode.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#define MAX_CHUNK 8
#define WHOLE 0                 /* one final feed */
#define WHOLE_THEN_END SIZE_MAX /* one feed, then an empty final one */

struct result {
    struct dc_buf out;
    char enc[64];
    size_t replaced;
};

/* Feed with dc_decoder_feed_in_place(), as the pipeline does, rather
 * than dc_decoder_feed(); how many feeds it gave the input back. */
static bool in_place;
static size_t in_place_feeds;

static void
feed(struct dc_decoder *d, const char *in, size_t n, bool final,
     struct dc_buf *out)
{
    if (!in_place) {
        dc_decoder_feed(d, in, n, final, out);
        return;
    }
    /* into an empty buffer, as the pipeline's is between its lines */
    struct dc_buf b = DC_BUF_INIT;
    struct dc_span same;
    dc_decoder_feed_in_place(d, in, n, final, &b, &same);
    if (same.p) {
        /* in[0..n) itself, and b left empty */
        in_place_feeds += same.p == in && same.len == n && b.len == 0;
        dc_buf_append(out, same.p, same.len);
    } else {
        dc_buf_append(out, b.data ? b.data : "", b.len);
    }
    dc_buf_free(&b);
}

/* Decode in[0..n) with a fresh decoder, chunk bytes at a time. */
static void
decode(const char *from, const char *in, size_t n, size_t chunk,
       struct result *r)
{
    struct dc_error err = {0};
    struct dc_decoder *d = dc_decoder_new(from, &err);
    dc_buf_free(&r->out);
    r->enc[0] = '\0';
    r->replaced = 0;
    if (!d) {
        snprintf(r->enc, sizeof r->enc, "(new failed: %.40s)", err.msg);
        return;
    }
    if (chunk == WHOLE) {
        feed(d, in, n, true, &r->out);
    } else if (chunk == WHOLE_THEN_END) {
        feed(d, in, n, false, &r->out);
        feed(d, NULL, 0, true, &r->out);
    } else {
        size_t pos = 0;
        do {
            size_t k = n - pos < chunk ? n - pos : chunk;
            feed(d, in + pos, k, pos + k == n, &r->out);
            pos += k;
        } while (pos < n);
    }
    const char *enc = dc_decoder_encoding(d);
    snprintf(r->enc, sizeof r->enc, "%s", enc ? enc : "(null)");
    r->replaced = dc_decoder_replaced(d);
    dc_decoder_free(d);
}

static bool
valid_utf8(const struct dc_buf *b)
{
    return dc_utf8_valid_prefix(b->data ? b->data : "", b->len) == b->len;
}

/* Is name one of the '|'-separated names in list? */
static bool
one_of(const char *name, const char *list)
{
    size_t n = strlen(name);
    for (const char *p = list;;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && memcmp(p, name, n) == 0)
            return true;
        if (!bar)
            return false;
        p = bar + 1;
    }
}

/*
 * Check one case: the whole-input output equals want, every other way of
 * feeding gives the same bytes, the encoding is one of encs and (unless
 * replaced is -1) the replaced count matches.
 */
static void
check(const char *name, const char *from, const char *in, size_t n,
      const char *want, size_t want_len, const char *encs, long replaced)
{
    struct result whole = {DC_BUF_INIT, "", 0};
    struct result r = {DC_BUF_INIT, "", 0};
    decode(from, in, n, WHOLE, &whole);
    is_mem(whole.out.data ? whole.out.data : "", whole.out.len, want, want_len,
           "%s: output", name);
    ok(valid_utf8(&whole.out), "%s: valid UTF-8", name);
    ok(one_of(whole.enc, encs), "%s: encoding %s (want %s)", name, whole.enc,
       encs);
    if (replaced >= 0)
        ok(whole.replaced == (size_t)replaced, "%s: replaced %zu (want %ld)",
           name, whole.replaced, replaced);

    char bad[256] = "";
    size_t sizes[MAX_CHUNK + 2];
    for (size_t i = 0; i < MAX_CHUNK; i++)
        sizes[i] = i + 1;
    sizes[MAX_CHUNK] = WHOLE_THEN_END;
    sizes[MAX_CHUNK + 1] = WHOLE;
    /* each way, and each again fed in place (WHOLE included) */
    for (size_t i = 0; i < 2 * (MAX_CHUNK + 2); i++) {
        in_place = i >= MAX_CHUNK + 2;
        decode(from, in, n, sizes[i % (MAX_CHUNK + 2)], &r);
        in_place = false;
        if (r.out.len != whole.out.len ||
            memcmp(r.out.data ? r.out.data : "",
                   whole.out.data ? whole.out.data : "", r.out.len) != 0 ||
            strcmp(r.enc, whole.enc) != 0 || r.replaced != whole.replaced ||
            !valid_utf8(&r.out)) {
            size_t l = strlen(bad), size = sizes[i % (MAX_CHUNK + 2)];
            const char *how = i >= MAX_CHUNK + 2 ? " in place" : "";
            if (size == WHOLE_THEN_END)
                snprintf(bad + l, sizeof bad - l, " whole+end%s", how);
            else if (size == WHOLE)
                snprintf(bad + l, sizeof bad - l, " whole%s", how);
            else
                snprintf(bad + l, sizeof bad - l, " %zu%s", size, how);
        }
    }
    if (!ok(bad[0] == '\0', "%s: same in chunks of 1-8 bytes, and fed in "
                            "place", name))
        printf("#   differs for chunk sizes:%s\n", bad);
    dc_buf_free(&whole.out);
    dc_buf_free(&r.out);
}

static void
check_str(const char *name, const char *from, const char *in, const char *want,
          const char *encs, long replaced)
{
    check(name, from, in, strlen(in), want, strlen(want), encs, replaced);
}

/* Convert UTF-8 text to code with iconv(3); aborts the test on failure. */
static void
encode(const char *text, const char *code, struct dc_buf *out)
{
    iconv_t cd = iconv_open(code, "UTF-8");
    if (cd == (iconv_t)-1) {
        printf("Bail out! iconv cannot convert to %s\n", code);
        exit(1);
    }
    size_t n = strlen(text);
    dc_buf_clear(out);
    dc_buf_reserve(out, n * 4 + 16);
    char *ip = (char *)(uintptr_t)text, *op = out->data;
    size_t il = n, ol = out->cap - 1;
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
        iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
        printf("Bail out! text not representable in %s\n", code);
        exit(1);
    }
    out->len = (size_t)(op - out->data);
    out->data[out->len] = '\0';
    iconv_close(cd);
}

/* ------------------------------------------------------------ samples */

static const char ru1[] =
    "Москва является столицей России, это крупнейший по численности "
    "населения город страны и её политический, экономический и культурный "
    "центр. Город расположен на реке Москве в центре Восточно-Европейской "
    "равнины. "
    "Впервые Москва упоминается в летописях в 1147 году. В городе "
    "работают сотни музеев, театров и библиотек, а его метрополитен "
    "считается одним из самых красивых в мире.\n";

static const char ru2[] =
    "Санкт-Петербург был основан Петром Первым в 1703 году на берегах "
    "Невы. Долгое время он оставался столицей Российской империи. Сегодня "
    "это второй по величине город страны, известный своими дворцами, "
    "мостами и белыми ночами. Эрмитаж, один из крупнейших художественных "
    "музеев мира, хранит более трёх миллионов произведений искусства.\n";

static const char ja[] =
    "東京は日本の首都であり、世界でも有数の大都市です。江戸時代には徳川幕府が"
    "置かれ、政治と文化の中心として発展しました。現在では多くの企業の本社が"
    "集まり、交通網も非常に発達しています。春には上野公園の桜を見るために、"
    "たくさんの人々が訪れます。\n";

static const char zh_hans[] =
    "北京是中华人民共和国的首都，也是全国的政治、文化和国际交往中心。这座城市"
    "有着三千多年的建城史，保存了许多历史古迹，例如故宫、天坛和长城。每年都有"
    "大量的游客来到这里参观学习，感受中国传统文化的魅力。\n";

static const char zh_hant[] =
    "臺北是臺灣的政治、經濟與文化中心，擁有許多著名的觀光景點。臺北101大樓"
    "曾經是世界上最高的建築物，故宮博物院收藏了大量珍貴的文物。夜市是臺北生活"
    "中不可缺少的一部分，遊客可以在這裡品嚐各種傳統小吃。\n";

static const char ko[] =
    "서울은 대한민국의 수도이며 정치, 경제, 사회, 문화의 중심지이다. 한강이 "
    "도시의 중앙을 가로질러 흐르며, 조선 시대부터 오랫동안 나라의 수도 역할을 "
    "해 왔다. 오늘날 서울에는 천만 명에 가까운 사람들이 살고 있으며, 많은 "
    "관광객이 궁궐과 시장을 찾는다.\n";

static const char cs[] =
    "Praha je hlavní a současně největší město České republiky. Leží v "
    "centru Čech na řece Vltavě. Historické jádro města je zapsáno na "
    "seznamu světového dědictví UNESCO. Pražský hrad je největším hradním "
    "komplexem na světě a každý rok ho navštíví miliony turistů. Karlův "
    "most spojuje Staré Město s Malou Stranou a patří k nejznámějším "
    "památkám střední Evropy.\n";

static const char el[] =
    "Η Αθήνα είναι η πρωτεύουσα και η μεγαλύτερη πόλη της Ελλάδας. Είναι "
    "μία από τις αρχαιότερες πόλεις του κόσμου, με καταγεγραμμένη ιστορία "
    "που ξεπερνά τις τρεις χιλιάδες χρόνια. Η Ακρόπολη και ο Παρθενώνας "
    "είναι τα πιο γνωστά μνημεία της πόλης και προσελκύουν εκατομμύρια "
    "επισκέπτες κάθε χρόνο.\n";

static const char fr[] =
    "« Déjà vu », dit-elle en souriant : le café de la gare n’avait pas "
    "changé depuis l’été dernier. Le garçon apporta deux crèmes, une "
    "tarte aux pommes et l’addition — 12 € tout compris. Dehors, la pluie "
    "tombait sur les pavés ; c’était un après-midi ordinaire, “comme "
    "toujours”, pensa-t-elle.\n";

/* ------------------------------------------------------------- cases */

static void
test_utf8(void)
{
    const char *text = "Hello, wörld — ünïcödé ✓ 😀 end\n";
    check_str("plain UTF-8", NULL, text, text, "UTF-8", 0);
    check_str("ASCII", NULL, "just ascii\n", "just ascii\n", "UTF-8", 0);
    check_str("UTF-8 BOM dropped", NULL, "\xEF\xBB\xBFh\xC3\xA9llo",
              "h\xC3\xA9llo", "UTF-8", 0);
    check_str("UTF-8 BOM only", NULL, "\xEF\xBB\xBF", "", "UTF-8", 0);
    check_str("stray 0x92 in UTF-8", NULL,
              "It\x92s a caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve r\xC3\xA9sum"
              "\xC3\xA9.",
              "It’s a café — naïve résumé.", "UTF-8", 1);
    check_str("undefined 1252 bytes in UTF-8", NULL,
              "na\xC3\xAFve caf\xC3\xA9 \x81\x9D ok",
              "naïve café \xEF\xBF\xBD\xEF\xBF\xBD ok", "UTF-8", 2);
    check_str("bad lead byte read as 1252", NULL,
              "\xC3\xA9t\xC3\xA9 \xC3x \xE2\x80\x94", "été Ãx —", "UTF-8", 1);
    check_str("truncated UTF-8 at end", NULL,
              "h\xC3\xA9llo w\xC3\xB6rld \xE2\x82", "héllo wörld \xEF\xBF\xBD",
              "UTF-8", 2);
    check_str("truncated 4-byte UTF-8 at end", NULL, "\xC3\xA9 \xF0\x9F\x98",
              "é \xEF\xBF\xBD", "UTF-8", 3);
    check("NUL bytes pass through", NULL, "NUL\0in\0the\0middle\0", 18,
          "NUL\0in\0the\0middle\0", 18, "UTF-8", 0);
}

static void
test_bom_wide(void)
{
    const char *text = "Wide: caf\xC3\xA9 \xE2\x80\x94 😀 \xE2\x82\xAC.";
    static const struct {
        const char *code, *bom;
        size_t bom_len;
    } wide[] = {
        {"UTF-16LE", "\xFF\xFE", 2},
        {"UTF-16BE", "\xFE\xFF", 2},
        {"UTF-32LE", "\xFF\xFE\0\0", 4},
        {"UTF-32BE", "\0\0\xFE\xFF", 4},
    };
    struct dc_buf enc = DC_BUF_INIT, in = DC_BUF_INIT;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++) {
        char name[64];
        encode(text, wide[i].code, &enc);
        dc_buf_clear(&in);
        dc_buf_append(&in, wide[i].bom, wide[i].bom_len);
        dc_buf_append(&in, enc.data, enc.len);
        snprintf(name, sizeof name, "%s with BOM", wide[i].code);
        check(name, NULL, in.data, in.len, text, strlen(text), wide[i].code, 0);
        /* Without a BOM, mostly ASCII: told by where the NULs are. */
        encode("Plain ASCII text in a wide encoding, no byte-order mark.",
               wide[i].code, &enc);
        snprintf(name, sizeof name, "%s without BOM", wide[i].code);
        check(name, NULL, enc.data, enc.len,
              "Plain ASCII text in a wide encoding, no byte-order mark.", 56,
              wide[i].code, 0);
    }
    /* FF FE alone, or with one more byte, is UTF-16LE once input ends. */
    check("FF FE alone", NULL, "\xFF\xFE", 2, "", 0, "UTF-16LE", 0);
    check("FF FE 00", NULL, "\xFF\xFE\0", 3, "\xEF\xBF\xBD", 3, "UTF-16LE", 1);
    check("UTF-16LE U+0000", NULL,
          "\xFF\xFE"
          "a\0\0\0b\0",
          8, "a\0b", 3, "UTF-16LE", 0);

    /* truncated and invalid UTF-16 */
    check("UTF-16LE odd byte at end", NULL, "\xFF\xFEh\0i\0x", 7,
          "hi\xEF\xBF\xBD", 5, "UTF-16LE", 1);
    check("UTF-16LE lone high surrogate at end", NULL, "\xFF\xFEh\0i\0\x3D\xD8",
          8, "hi\xEF\xBF\xBD", 5, "UTF-16LE", 2);
    check("UTF-16LE lone surrogate inside", NULL, "\xFF\xFEh\0\x3D\xD8i\0!\0",
          10, "h\xEF\xBF\xBDi!", 6, "UTF-16LE", 2);
    check("UTF-16BE cut surrogate pair", NULL, "\xFE\xFF\0h\xD8\x3D\xDE", 7,
          "h\xEF\xBF\xBD", 4, "UTF-16BE", 3);
    check("UTF-32BE truncated", NULL, "\0\0\xFE\xFF\0\0\0h\0\0", 10,
          "h\xEF\xBF\xBD", 4, "UTF-32BE", 2);
    dc_buf_free(&enc);
    dc_buf_free(&in);
}

static void
test_cp1252(void)
{
    struct dc_buf in = DC_BUF_INIT;
    encode(fr, "WINDOWS-1252", &in);
    check("windows-1252 prose", NULL, in.data, in.len, fr, strlen(fr),
          "WINDOWS-1252", 0);
    check_str("windows-1252 quotes", NULL,
              "\x93"
              "Caf\xE9 d\xE9j\xE0 vu,\x94 she said \x91quietly\x92 "
              "\x96 it cost \x80"
              "5, na\xEFve as ever.\n",
              "“Café déjà vu,” she said ‘quietly’ – it cost €5, naïve as "
              "ever.\n",
              "WINDOWS-1252", 0);
    dc_buf_free(&in);
}

/* Text made code by iconv (in in) is detected as one of encs and read
 * back unchanged. */
static void
check_detected(const char *text, const char *code, const char *encs,
               struct dc_buf *in)
{
    char name[64];
    encode(text, code, in);
    snprintf(name, sizeof name, "detect %s (%zu bytes)", code, in->len);
    check(name, NULL, in->data, in->len, text, strlen(text), encs, 0);
}

#if HAVE_UCHARDET
static void
test_legacy(void)
{
    static const struct {
        const char *text, *code, *encs;
    } cases[] = {
        {ru1, "KOI8-R", "KOI8-R"},
        {ru2, "WINDOWS-1251", "WINDOWS-1251"},
        {ja, "SHIFT_JIS", "SHIFT_JIS"},
        {ja, "EUC-JP", "EUC-JP"},
        {zh_hans, "GB18030", "GB18030"},
        {zh_hant, "BIG5", "BIG5"},
        {ko, "EUC-KR", "EUC-KR|UHC|CP949"},
        {cs, "ISO-8859-2", "ISO-8859-2"},
        {el, "ISO-8859-7", "ISO-8859-7"},
    };
    struct dc_buf in = DC_BUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_detected(cases[i].text, cases[i].code, cases[i].encs, &in);

    /* Shift_JIS cut in a double-byte character at the end of input. */
    encode(ja, "SHIFT_JIS", &in);
    dc_buf_putc(&in, '\x82');
    struct dc_buf want = DC_BUF_INIT;
    dc_buf_puts(&want, ja);
    dc_buf_puts(&want, "\xEF\xBF\xBD");
    check("Shift_JIS truncated at end", NULL, in.data, in.len, want.data,
          want.len, "SHIFT_JIS", 1);
    dc_buf_free(&in);
    dc_buf_free(&want);
}
#endif

/* ISO-2022-JP is 7-bit: told from ASCII by its escape sequences alone,
 * with no help from uchardet.  Other escapes leave ASCII alone. */
static void
test_iso2022(void)
{
    static const struct {
        const char *text, *code;
    } cases[] = {
        {ja, "ISO-2022-JP"},
        {ko, "ISO-2022-JP-2"}, /* Korean: ESC $ ( C */
    };
    struct dc_buf in = DC_BUF_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_detected(cases[i].text, cases[i].code, cases[i].code, &in);
    /* An ASCII prologue longer than a feed, then Japanese. */
    dc_buf_clear(&in);
    for (int k = 0; k < 40; k++)
        dc_buf_puts(&in, "Tokyo report. ");
    size_t prologue = in.len;
    struct dc_buf ja_jis = DC_BUF_INIT;
    encode(ja, "ISO-2022-JP", &ja_jis);
    dc_buf_append(&in, ja_jis.data, ja_jis.len);
    struct dc_buf want = DC_BUF_INIT;
    dc_buf_append(&want, in.data, prologue);
    dc_buf_puts(&want, ja);
    check("ISO-2022-JP after ASCII", NULL, in.data, in.len, want.data,
          want.len, "ISO-2022-JP", 0);
    check_str("ANSI colour escapes stay ASCII", NULL,
              "\x1b[1mBold\x1b[0m and \x1b(B plain\n",
              "\x1b[1mBold\x1b[0m and \x1b(B plain\n", "UTF-8", 0);
    dc_buf_free(&in);
    dc_buf_free(&ja_jis);
    dc_buf_free(&want);
}

static void
test_from_code(void)
{
    struct dc_buf in = DC_BUF_INIT, want = DC_BUF_INIT;
    encode(ru1, "KOI8-R", &in);
    check("--from-code koi8-r", "koi8-r", in.data, in.len, ru1, strlen(ru1),
          "KOI8-R", 0);

    encode(cs, "ISO-8859-2", &in);
    check("--from-code latin2", "latin2", in.data, in.len, cs, strlen(cs),
          "LATIN2", 0);
    encode(el, "ISO-8859-7", &in);
    check("--from-code ISO-8859-7", "iso-8859-7", in.data, in.len, el,
          strlen(el), "ISO-8859-7", 0);

    /* Forced, so no detection: UTF-8 read as windows-1252 is mojibake. */
    check_str("--from-code WINDOWS-1252 on UTF-8", "WINDOWS-1252",
              "caf\xC3\xA9", "cafÃ©", "WINDOWS-1252", 0);
    /* Forced KOI8-R on windows-1251 bytes: what iconv would give. */
    encode(ru2, "WINDOWS-1251", &in);
    {
        iconv_t cd = iconv_open("UTF-8", "KOI8-R");
        dc_buf_reserve(&want, in.len * 3);
        char *ip = in.data, *op = want.data;
        size_t il = in.len, ol = want.cap - 1;
        iconv(cd, &ip, &il, &op, &ol);
        want.len = (size_t)(op - want.data);
        iconv_close(cd);
    }
    check("--from-code KOI8-R on windows-1251", "KOI8-R", in.data, in.len,
          want.data, want.len, "KOI8-R", 0);

    /* A matching BOM is still dropped; UTF-8 forced is strict. */
    check_str("--from-code utf8 drops BOM", "utf8",
              "\xEF\xBB\xBFok \xC3\xA9 \x92", "ok é \xEF\xBF\xBD", "UTF-8", 1);
    check("--from-code UTF-16 reads BOM", "UTF-16", "\xFF\xFEh\0i\0", 6, "hi",
          2, "UTF-16LE", 0);
    check("--from-code UTF-16 defaults to BE", "utf-16", "\0h\0i", 4, "hi", 2,
          "UTF-16BE", 0);
    check("--from-code UTF-16LE drops BOM", "UTF-16LE", "\xFF\xFEh\0", 4, "h",
          1, "UTF-16LE", 0);
    check("--from-code UTF-16BE keeps LE mark", "UTF-16BE", "\xFF\xFE\0h", 4,
          "\xEF\xBF\xBEh", 4, "UTF-16BE", 0);
    check("--from-code UCS-4 above U+10FFFF", "UCS-4",
          "\0\0\0a\0\x11\0\0\x7F\xFF\xFF\xFF\0\0\0b", 16,
          "a\xEF\xBF\xBD\xEF\xBF\xBD"
          "b",
          8, "UCS-4", 2);
    check_str("--from-code EUC-JP invalid byte", "EUC-JP", "\xA4\xA2\xFFx",
              "あ\xEF\xBF\xBDx", "EUC-JP", 1);

    struct dc_error err = {0};
    struct dc_decoder *d = dc_decoder_new("FOO", &err);
    ok(d == NULL, "unknown from_code: NULL");
    ok(err.code == DC_EINVAL, "unknown from_code: DC_EINVAL");
    is_str(err.msg, "unknown encoding 'FOO'", "unknown from_code: message");
    ok(dc_decoder_new("", NULL) == NULL, "empty from_code: NULL");
    dc_decoder_free(NULL);
    dc_buf_free(&in);
    dc_buf_free(&want);
}

/* Two documents through one decoder, each detected afresh. */
static void
test_two_documents(void)
{
    struct dc_buf koi = DC_BUF_INIT, wide = DC_BUF_INIT;
    encode(ru1, "UTF-16LE", &koi);
    dc_buf_append(&wide, "\xFF\xFE", 2);
    dc_buf_append(&wide, koi.data, koi.len);
#if HAVE_UCHARDET
    encode(ru1, "KOI8-R", &koi);
    const char *koi_enc = "KOI8-R";
#else
    dc_buf_clear(&koi);
    dc_buf_append(&koi, wide.data, wide.len);
    const char *koi_enc = "UTF-16LE";
#endif
    const char *utf = "second: caf\xC3\xA9\n";
    const char *mostly = "third: caf\xC3\xA9 \x93ok\x94 na\xC3\xAFve "
                         "\xE2\x80\x94\n";
    bool same = true, enc_ok = true, repl_ok = true, sniff_null = true;
    for (size_t chunk = 1; chunk <= MAX_CHUNK + 1; chunk++) {
        struct dc_decoder *d = dc_decoder_new(NULL, NULL);
        struct dc_buf out = DC_BUF_INIT;
        struct {
            const char *p;
            size_t n;
            const char *want, *enc;
            size_t replaced;
        } docs[] = {
            {koi.data, koi.len, ru1, koi_enc, 0},
            {koi.data, koi.len, ru1, koi_enc, 0},
            {wide.data, wide.len, ru1, "UTF-16LE", 0},
            {utf, strlen(utf), utf, "UTF-8", 0},
            {mostly, strlen(mostly), "third: café “ok” naïve —\n", "UTF-8", 2},
            {koi.data, koi.len, ru1, koi_enc, 0},
            {"", 0, "", "UTF-8", 0},
        };
        for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
            size_t step = chunk > MAX_CHUNK ? docs[i].n : chunk;
            dc_buf_clear(&out);
            size_t pos = 0;
            do {
                size_t k = docs[i].n - pos < step ? docs[i].n - pos : step;
                dc_decoder_feed(d, docs[i].p + pos, k, pos + k == docs[i].n,
                                &out);
                /* without a BOM, nothing is decided before the end */
                if (pos == 0 && k < docs[i].n && docs[i].p[0] != '\xFF' &&
                    dc_decoder_encoding(d) != NULL)
                    sniff_null = false;
                pos += k;
            } while (pos < docs[i].n);
            if (out.len != strlen(docs[i].want) ||
                memcmp(out.data, docs[i].want, out.len) != 0)
                same = false;
            const char *e = dc_decoder_encoding(d);
            if (!e || strcmp(e, docs[i].enc) != 0)
                enc_ok = false;
            if (dc_decoder_replaced(d) != docs[i].replaced)
                repl_ok = false;
        }
        dc_buf_free(&out);
        dc_decoder_free(d);
    }
    ok(same, "two documents: each decoded right, any chunk size");
    ok(enc_ok, "two documents: encoding detected afresh");
    ok(repl_ok, "two documents: replaced counts per document");
    ok(sniff_null, "two documents: encoding NULL while sniffing");
    dc_buf_free(&koi);
    dc_buf_free(&wide);
}

static void
test_empty_and_api(void)
{
    check("empty input", NULL, "", 0, "", 0, "UTF-8", 0);
    check("empty input, forced", "KOI8-R", "", 0, "", 0, "KOI8-R", 0);

    /* Output is appended, never overwritten; NULL while sniffing. */
    struct dc_decoder *d = dc_decoder_new(NULL, NULL);
    struct dc_buf out = DC_BUF_INIT;
    dc_buf_puts(&out, "prefix:");
    dc_decoder_feed(d, "abc", 3, false, &out);
    ok(dc_decoder_encoding(d) == NULL, "encoding NULL while sniffing");
    ok(out.len == 7, "nothing written while sniffing");
    dc_decoder_feed(d, NULL, 0, false, &out);
    dc_decoder_feed(d, "def", 3, true, &out);
    is_str(out.data, "prefix:abcdef", "output appended");
    dc_buf_free(&out);
    dc_decoder_free(d);
}

/* Inputs longer than the sniff buffer. */
static void
test_long(void)
{
    size_t n = DC_DECODE_SNIFF + 40000;
    struct dc_buf in = DC_BUF_INIT, want = DC_BUF_INIT;
    for (size_t i = 0; i < DC_DECODE_SNIFF - 1; i++)
        dc_buf_putc(&in, (char)('a' + i % 26));
    dc_buf_append(&want, in.data, in.len);
    /* é cut by the end of the sniff buffer */
    dc_buf_puts(&in, "\xC3\xA9");
    dc_buf_puts(&want, "\xC3\xA9");
    /* a stray 1252 byte after the decision */
    dc_buf_puts(&in, "it\x92s");
    dc_buf_puts(&want, "it’s");
    while (in.len < n) {
        dc_buf_puts(&in, "more text \xE2\x80\x94 ");
        dc_buf_puts(&want, "more text — ");
    }
    check("long UTF-8 with stray byte past the sniff", NULL, in.data, in.len,
          want.data, want.len, "UTF-8", 1);

    /* UTF-16LE without BOM past the sniff buffer */
    dc_buf_clear(&in);
    dc_buf_clear(&want);
    while (in.len < n) {
        const char *s = "Some words. ";
        for (const char *p = s; *p; p++) {
            dc_buf_putc(&in, *p);
            dc_buf_putc(&in, '\0');
        }
        dc_buf_puts(&want, s);
    }
    check("long UTF-16LE without BOM", NULL, in.data, in.len, want.data,
          want.len, "UTF-16LE", 0);
    dc_buf_free(&in);
    dc_buf_free(&want);
}

/* Random bytes: whatever is guessed, output is valid and chunk-proof. */
static void
test_garbage(void)
{
    unsigned long x = 12345;
    char buf[3000];
    for (int round = 0; round < 6; round++) {
        size_t n = 200 + (size_t)round * 500;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245 + 12345;
            unsigned char c = (unsigned char)(x >> 16);
            /* rounds 0-2: mostly ASCII with high bytes; 3-5: anything */
            if (round < 3 && c & 0x40)
                c = (unsigned char)(' ' + c % 90);
            buf[i] = (char)c;
        }
        struct result r = {DC_BUF_INIT, "", 0};
        decode(NULL, buf, n, WHOLE, &r);
        char name[128];
        snprintf(name, sizeof name, "garbage %d (%s)", round, r.enc);
        check(name, NULL, buf, n, r.out.data ? r.out.data : "", r.out.len,
              r.enc, -1);
        dc_buf_free(&r.out);
    }

    /* Legacy and wide text with damaged bytes: exercises EILSEQ and
     * EINVAL at every chunk boundary. */
    static const struct {
        const char *text, *code, *from;
    } damaged[] = {
        {ja, "SHIFT_JIS", NULL},
        {ja, "EUC-JP", NULL},
        {zh_hans, "GB18030", NULL},
        {zh_hant, "BIG5", NULL},
        {ko, "EUC-KR", NULL},
        {ja, "UTF-16LE", "UTF-16LE"},
        {fr, "UTF-32BE", "UTF-32BE"},
        {ru1, "UTF-8", NULL},
        {ja, "ISO-2022-JP", "ISO-2022-JP"},
    };
    struct dc_buf in = DC_BUF_INIT;
    for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
        encode(damaged[i].text, damaged[i].code, &in);
        for (size_t j = 0; j < in.len / 40; j++) {
            x = x * 1103515245 + 12345;
            in.data[(x >> 8) % in.len] = (char)(x >> 20);
        }
        struct result r = {DC_BUF_INIT, "", 0};
        decode(damaged[i].from, in.data, in.len, WHOLE, &r);
        char name[128];
        snprintf(name, sizeof name, "damaged %s (read as %s)", damaged[i].code,
                 r.enc);
        check(name, damaged[i].from, in.data, in.len,
              r.out.data ? r.out.data : "", r.out.len, r.enc, -1);
        dc_buf_free(&r.out);
    }
    dc_buf_free(&in);
}

/* Valid UTF-8 fed in place is read where it is: a whole document, and
 * a feed after the sniffed bytes; not a feed with a bad byte, nor one
 * into a buffer that holds text. */
static void
test_in_place(void)
{
    struct result r = {DC_BUF_INIT, "", 0};
    const char *text = "caf\xC3\xA9 au lait\n";
    in_place = true;
    in_place_feeds = 0;
    decode(NULL, text, strlen(text), WHOLE, &r);
    ok(in_place_feeds == 1, "in place: a whole document");

    /* the sample in two feeds (copied to be sniffed), then two more */
    size_t n = 2 * DC_DECODE_SNIFF;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i++)
        big[i] = i % 61 == 60 ? '\n' : (char)('a' + i % 26);
    in_place_feeds = 0;
    decode(NULL, big, n, DC_DECODE_SNIFF / 2, &r);
    ok(in_place_feeds == 2, "in place: the feeds after the sample (%zu)",
       in_place_feeds);
    is_mem(r.out.data, r.out.len, big, n, "in place: the text");
    big[n - 10] = '\x81';
    in_place_feeds = 0;
    decode(NULL, big, n, DC_DECODE_SNIFF / 2, &r);
    ok(in_place_feeds == 1, "in place: not a feed with a bad byte");
    in_place = false;

    struct dc_decoder *d = dc_decoder_new(NULL, NULL);
    struct dc_buf out = DC_BUF_INIT;
    struct dc_span same;
    dc_buf_append(&out, "x", 1);
    dc_decoder_feed_in_place(d, "abc\n", 4, true, &out, &same);
    ok(!same.p && out.len == 5 && memcmp(out.data, "xabc\n", 5) == 0,
       "in place: not into a buffer that holds text");
    dc_decoder_free(d);
    dc_buf_free(&out);
    dc_buf_free(&r.out);
    free(big);
}

int
main(void)
{
    test_utf8();
    test_bom_wide();
    test_cp1252();
#if HAVE_UCHARDET
    test_legacy();
#else
    printf("# no uchardet: legacy detection not tested\n");
#endif
    test_iso2022();
    test_from_code();
    test_two_documents();
    test_empty_and_api();
    test_long();
    test_garbage();
    test_in_place();
    return tap_done();
}
