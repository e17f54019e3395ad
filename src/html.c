/*
 * html.c - HTML to lines and blocks with markup hints; see html.h.
 *
 * Three steps: a byte-level prescan that flattens nesting too deep for
 * tidy's recursive parser (and turns NULs into spaces: tidy reads a C
 * string), and leaves out what the walk never reads (comments, script
 * and style contents, attributes but a few), since tidy's lexer reads a
 * character at a time and is most of the time spent on a page; tidy's
 * parse; and a walk of the tree that writes the text of
 * each block with what its ancestors say about it.  The walk recurses too,
 * but the prescan bounds its depth.
 */
#include "config.h"
#include "html.h"
#include "normalise.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#if HAVE_TIDY
#include <tidy/tidy.h>  /* Debian installs the headers under tidy/ */
#include <tidy/tidybuffio.h>

#include "dlopen.h"

/* libtidy, loaded the first time a document is HTML, never by a run on
 * text (dlopen.h). */
#define TIDY_FUNCTIONS(X) \
    X(tidyAttrFirst) \
    X(tidyAttrGetById) \
    X(tidyAttrName) \
    X(tidyAttrNext) \
    X(tidyAttrValue) \
    X(tidyBufClear) \
    X(tidyBufFree) \
    X(tidyBufInit) \
    X(tidyCreateWithAllocator) \
    X(tidyGetBody) \
    X(tidyGetChild) \
    X(tidyGetHead) \
    X(tidyGetNext) \
    X(tidyInitSource) \
    X(tidyNodeGetId) \
    X(tidyNodeGetName) \
    X(tidyNodeGetType) \
    X(tidyNodeGetValue) \
    X(tidyOptSetBool) \
    X(tidyOptSetInt) \
    X(tidyParseSource) \
    X(tidyRelease) \
    X(tidySetErrorBuffer) \
    X(tidySetInCharEncoding) \
    X(tidySetLanguage)
DC_SYM_POINTERS(TIDY_FUNCTIONS)
DC_SYM_TABLE(tidy_syms, TIDY_FUNCTIONS);
static struct dc_lib tidy_lib = DC_LIB(TIDY_SONAME, tidy_syms);

int
dc_html_load(struct dc_error *err)
{
    if (dc_lib_load(&tidy_lib, !err) == 0)
        return 0;
    if (err)
        dc_error_set(err, DC_EINVAL, "%s", tidy_lib.error);
    return -1;
}
#endif

/* ------------------------------------------------------------- sniffing */

static bool
starts_ci(const char *p, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (dc_tolower((unsigned char)p[i]) != lit[i])
            return false;
    return true;
}

/* The first place in p[0..end) that starts with lit (lower case), any
 * case.  When lit starts with a byte that has no case ("</script",
 * "-->"), memchr finds the places to try. */
static const char *
find_ci(const char *p, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    bool caseless = !dc_isalpha((unsigned char)lit[0]);
    for (; p + n <= end; p++) {
        if (caseless &&
            !(p = memchr(p, lit[0], (size_t)(end - p) - n + 1)))
            return NULL;
        if (starts_ci(p, (size_t)(end - p), lit))
            return p;
    }
    return NULL;
}

/* Tag names that say "markup" when they follow '<' or '</'. */
static const char *const sniff_tags[] = {
    "html", "head", "body", "meta", "link", "title", "script", "style",
    "div", "span", "p", "a", "br", "img", "ul", "ol", "li", "table", "tr",
    "td", "h1", "h2", "h3", "h4", "section", "article", "nav", "header",
    "footer", "form", "input", "iframe", "b", "i", "em", "strong", "hr",
    "center", "font", "main", "h5", "h6", "tbody", "pre", "blockquote",
    "noscript", NULL};

static bool
known_tag_at(const char *p, size_t len)
{
    size_t i = 0;
    if (i < len && p[i] == '/')
        i++;
    for (const char *const *t = sniff_tags; *t; t++) {
        size_t n = strlen(*t);
        if (starts_ci(p + i, len - i, *t) && i + n < len) {
            char c = p[i + n];
            if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                c == '/')
                return true;
        }
    }
    return false;
}

/* Elements that only a page's markup starts with: a text dump (even one
 * with leaked script) never has these tags first. */
static const char *const head_tags[] = {
    "html", "head", "body", "meta", "link", "title", "base", NULL};

/* Where a construct that says nothing about text or markup ends, if
 * p[0..len) starts with one: white space, a comment, a processing
 * instruction or XML declaration, a server template's namespaced tag
 * left in the page ("<cms:fetch ...>"); or a script or style element with
 * its end tag, which sets *element (a text dump may leak an opening tag,
 * but not the whole element).  0 if it does not. */
static size_t
prolog_item(const char *p, size_t len, bool *element)
{
    size_t i = 0;
    while (i < len && dc_isspace((unsigned char)p[i]))
        i++;
    if (i > 0)
        return i;
    const char *end = NULL;
    if (starts_ci(p, len, "<!--"))
        end = memmem(p + 4, len - 4, "-->", 3);
    else if (starts_ci(p, len, "<?"))
        end = memchr(p, '>', len);
    else if (starts_ci(p, len, "<script") || starts_ci(p, len, "<style")) {
        const char *c = find_ci(p, p + len, p[2] == 'c' || p[2] == 'C'
                                                ? "</script" : "</style");
        end = c ? memchr(c, '>', len - (size_t)(c - p)) : NULL;
        *element |= end != NULL;
    }
    else if (len > 2 && p[0] == '<') {
        size_t k = p[1] == '/' ? 2 : 1, n = k;
        while (n < len && (dc_isalnum((unsigned char)p[n]) || p[n] == '-' ||
                           p[n] == '_'))
            n++;
        if (n > k && n < len && p[n] == ':')
            end = memchr(p, '>', len);
    }
    if (!end)
        return 0;
    return (size_t)(end - p) + (*end == '>' ? 1 : 3);
}

bool
dc_html_sniff(const char *p, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    /* A byte order mark read in the wrong encoding leaves a few bytes of
     * punctuation or non-ASCII before the first tag ("?<!DOCTYPE"). */
    for (size_t k = 0; k < 8 && i < len && p[i] != '<' &&
                       !dc_isalnum((unsigned char)p[i]) &&
                       !dc_isspace((unsigned char)p[i]);
         k++)
        i++;
    /* Comments, declarations and template tags may come first (servers
     * and templates sign pages so), as many as the caller gave us. */
    bool element = false;
    for (size_t n; (n = prolog_item(p + i, len - i, &element)) > 0;)
        i += n;
    if (element || starts_ci(p + i, len - i, "<!doctype"))
        return true;
    if (len - i > DC_HTML_SNIFF)
        len = i + DC_HTML_SNIFF;
    if (i + 1 >= len || p[i] != '<')
        return false;
    for (const char *const *t = head_tags; *t; t++) {
        size_t n = strlen(*t);
        if (starts_ci(p + i + 1, len - i - 1, *t) && i + 1 + n < len &&
            (p[i + 1 + n] == '>' || p[i + 1 + n] == '/' ||
             dc_isspace((unsigned char)p[i + 1 + n])))
            return true;
    }
    /* Otherwise, a page that starts with an element and has markup all
     * over its first kilobytes.  Text dumps start with text, and carry
     * tags only in leaked script ("document.write('<div>...')"), which
     * can be many. */
    if (!known_tag_at(p + i + 1, len - i - 1))
        return false;
    unsigned tags = 0;
    for (; i + 1 < len; i++)
        if (p[i] == '<' && known_tag_at(p + i + 1, len - i - 1) && ++tags >= 8)
            return true;
    return false;
}

/* The iconv name browsers actually use for a declared label. */
static const char *
charset_alias(const char *label)
{
    static const char *const map[][2] = {
        {"utf8", "UTF-8"},          {"utf-8", "UTF-8"},
        {"unicode-1-1-utf-8", "UTF-8"},
        /* A <meta> can only be read if the bytes are ASCII-compatible:
         * a UTF-16 label there means UTF-8 (HTML5 8.2.2.2). */
        {"utf-16", "UTF-8"},        {"utf-16le", "UTF-8"},
        {"utf-16be", "UTF-8"},
        {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
        {"latin1", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"},
        {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
        {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
        {"iso-8859-11", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"},
        {"shift_jis", "CP932"},     {"shift-jis", "CP932"},
        {"sjis", "CP932"},          {"x-sjis", "CP932"},
        {"windows-31j", "CP932"},   {"ms_kanji", "CP932"},
        {"gb2312", "GB18030"},      {"gbk", "GB18030"},
        {"x-gbk", "GB18030"},       {"euc-kr", "CP949"},
        {"ks_c_5601-1987", "CP949"}, {"big5", "BIG5-HKSCS"},
    };
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(label, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

bool
dc_html_charset(const char *p, size_t len, char *name, size_t size)
{
    static const struct {
        const char *bom;
        const char *name;
    } boms[] = {{"\xef\xbb\xbf", "UTF-8"},
                {"\xfe\xff", "UTF-16BE"},
                {"\xff\xfe", "UTF-16LE"}};
    if (size < 2)
        return false;
    for (size_t i = 0; i < sizeof boms / sizeof *boms; i++) {
        size_t n = strlen(boms[i].bom);
        if (len >= n && memcmp(p, boms[i].bom, n) == 0) {
            snprintf(name, size, "%s", boms[i].name);
            return true;
        }
    }
    /* Browsers prescan 1024 bytes; pages put a long <head> first often
     * enough that we look further. */
    size_t scan = len < 4 * DC_HTML_SNIFF ? len : 4 * DC_HTML_SNIFF;
    for (size_t i = 0; i + 5 < scan; i++) {
        const char *lt = memchr(p + i, '<', scan - 5 - i);
        if (!lt)
            break;
        i = (size_t)(lt - p);
        if (!starts_ci(p + i + 1, scan - i - 1, "meta"))
            continue;
        size_t end = i + 5;
        while (end < scan && p[end] != '>')
            end++;
        for (size_t k = i + 5; k + 7 <= end; k++) {
            if (!starts_ci(p + k, end - k, "charset"))
                continue;
            size_t v = k + 7;
            while (v < end && dc_isspace((unsigned char)p[v]))
                v++;
            if (v >= end || p[v] != '=')
                continue;
            v++;
            while (v < end && (dc_isspace((unsigned char)p[v]) ||
                               p[v] == '"' || p[v] == '\''))
                v++;
            char label[48];
            size_t n = 0;
            while (v < end && n + 1 < sizeof label &&
                   (dc_isalnum((unsigned char)p[v]) || p[v] == '-' ||
                    p[v] == '_' || p[v] == '.' || p[v] == ':'))
                label[n++] = (char)dc_tolower((unsigned char)p[v++]);
            label[n] = '\0';
            if (n == 0)
                continue;
            const char *alias = charset_alias(label);
            snprintf(name, size, "%s", alias ? alias : label);
            return true;
        }
        i = end;
    }
    return false;
}

#if HAVE_TIDY

/* ------------------------------------------------------------- prescan */

/* What prescan knows about an element (tag_kind); none of these: an
 * inline element that holds others. */
enum {
    /* Never holds others (or closes itself implicitly, as an unclosed
     * <p> or <li> does), so it does not add depth. */
    TAG_FLAT = 1 << 0,
    /* Holds blocks; the others count as inline in prescan. */
    TAG_BLOCK = 1 << 1,
    /* Empty, and neither holds text nor ends a line: images, links,
     * metadata.  Tidy would read them and format a message for each
     * one without the attributes it wants ("<img> lacks src"). */
    TAG_TEXTLESS = 1 << 2,
    /* Its content is raw text up to its end tag, to tidy as well.  (Not
     * <title>: tidy parses the tags in one, so prescan must bound them
     * as any others.) */
    TAG_RAW = 1 << 3,
    /* ...and never text (scripts but JSON-LD, styles). */
    TAG_NOT_TEXT = 1 << 4,
    /* Its white space is text. */
    TAG_PRE = 1 << 5,
    /* A table cell or row: the inline elements in it end with it. */
    TAG_CELL = 1 << 6,
    /* Keeps an attribute: tidy turns an <a> without attributes inside
     * an <a> into an end tag. */
    TAG_KEEP_ATTR = 1 << 7,
    /* Foreign content: tidy keeps character references in it as they
     * are ("&nbsp;" stays six bytes of text), and for how long is its
     * own affair (an unclosed one, or one closed by a </p>, goes on past
     * its end tag). */
    TAG_FOREIGN = 1 << 8,
    /* A <select>: tidy keeps no text in it but its options' labels,
     * which the walk never reads, and discards everything else up to
     * its end tag (ParseSelect), so its text need not be read. */
    TAG_LABELS = 1 << 9,
};

/* Sorted by name (strcmp), for bsearch. */
static const struct tag_kind {
    const char *name;
    unsigned flags;
} tag_kinds[] = {
    {"a", TAG_KEEP_ATTR},
    {"address", TAG_BLOCK},
    {"area", TAG_FLAT},
    {"article", TAG_BLOCK},
    {"aside", TAG_BLOCK},
    {"base", TAG_FLAT},
    {"blockquote", TAG_BLOCK},
    {"body", TAG_BLOCK},
    {"br", TAG_FLAT},
    {"caption", TAG_BLOCK},
    {"center", TAG_BLOCK},
    {"col", TAG_FLAT},
    {"dd", TAG_FLAT},
    {"details", TAG_BLOCK},
    {"dir", TAG_BLOCK},
    {"div", TAG_BLOCK},
    {"dl", TAG_BLOCK},
    {"dt", TAG_FLAT},
    {"embed", TAG_FLAT},
    {"fieldset", TAG_BLOCK},
    {"figcaption", TAG_BLOCK},
    {"figure", TAG_BLOCK},
    {"footer", TAG_BLOCK},
    {"form", TAG_BLOCK},
    {"frame", TAG_BLOCK},
    {"frameset", TAG_BLOCK},
    {"h1", TAG_BLOCK},
    {"h2", TAG_BLOCK},
    {"h3", TAG_BLOCK},
    {"h4", TAG_BLOCK},
    {"h5", TAG_BLOCK},
    {"h6", TAG_BLOCK},
    {"header", TAG_BLOCK},
    {"hgroup", TAG_BLOCK},
    {"hr", TAG_FLAT},
    {"html", TAG_BLOCK},
    {"iframe", TAG_BLOCK},
    {"img", TAG_FLAT | TAG_TEXTLESS},
    {"input", TAG_FLAT},
    {"li", TAG_FLAT},
    {"link", TAG_FLAT | TAG_TEXTLESS},
    {"listing", TAG_PRE},
    {"main", TAG_BLOCK},
    {"math", TAG_FOREIGN},
    {"menu", TAG_BLOCK},
    {"meta", TAG_FLAT | TAG_TEXTLESS},
    {"nav", TAG_BLOCK},
    {"noscript", TAG_BLOCK},
    {"object", TAG_BLOCK},
    {"ol", TAG_BLOCK},
    {"option", TAG_FLAT},
    {"p", TAG_FLAT},
    {"param", TAG_FLAT | TAG_TEXTLESS},
    {"plaintext", TAG_PRE},
    {"pre", TAG_BLOCK | TAG_PRE},
    {"script", TAG_RAW | TAG_NOT_TEXT},
    {"section", TAG_BLOCK},
    {"select", TAG_LABELS},
    {"source", TAG_FLAT | TAG_TEXTLESS},
    {"style", TAG_RAW | TAG_NOT_TEXT},
    {"svg", TAG_BLOCK | TAG_FOREIGN},
    {"table", TAG_BLOCK},
    {"tbody", TAG_BLOCK},
    {"td", TAG_FLAT | TAG_CELL},
    {"template", TAG_BLOCK},
    {"textarea", TAG_RAW},
    {"tfoot", TAG_BLOCK},
    {"th", TAG_FLAT | TAG_CELL},
    {"thead", TAG_BLOCK},
    {"tr", TAG_FLAT | TAG_CELL},
    {"track", TAG_FLAT | TAG_TEXTLESS},
    {"ul", TAG_BLOCK},
    {"wbr", TAG_FLAT | TAG_TEXTLESS},
    {"xmp", TAG_RAW},
};

static int
tag_kind_cmp(const void *key, const void *entry)
{
    return strcmp(key, ((const struct tag_kind *)entry)->name);
}

/* The TAG_* flags of the element named name (lower case). */
static unsigned
tag_kind(const char *name)
{
    const struct tag_kind *k =
        bsearch(name, tag_kinds, sizeof tag_kinds / sizeof *tag_kinds,
                sizeof *tag_kinds, tag_kind_cmp);
    return k ? k->flags : 0;
}

static size_t
tag_name(const char *p, size_t len, char *name, size_t size)
{
    size_t n = 0;
    while (n < len && (dc_isalnum((unsigned char)p[n]) || p[n] == '-' ||
                       p[n] == ':' || p[n] == '_')) {
        if (n + 1 < size)
            name[n] = (char)dc_tolower((unsigned char)p[n]);
        n++;
    }
    name[n + 1 < size ? n : size - 1] = '\0';
    return n;
}

static bool
in_list(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (**list == *name && strcmp(*list, name) == 0)
            return true;
    return false;
}

/* Where the raw text of an element named name (TAG_RAW: script, style
 * ...), from p on, ends: at its end tag, or NULL when none comes before
 * end. */
static const char *
raw_text_end(const char *name, const char *p, const char *end)
{
    char want[20];
    snprintf(want, sizeof want, "</%s", name);
    return find_ci(p, end, want);
}

size_t
dc_html_part_end(const char *p, size_t len, size_t limit)
{
    const char *end = p + (limit < len ? limit : len);
    size_t best = 0;
    char name[16];
    for (const char *s = p;
         (s = memchr(s, '<', (size_t)(end - s))) != NULL;) {
        if (end - s >= 4 && memcmp(s, "<!--", 4) == 0) {
            const char *c = find_ci(s + 4, end, "-->");
            if (!c)
                break;
            s = c + 3;
            continue;
        }
        const char *t = s + 1;
        bool closing = t < end && *t == '/';
        t += closing;
        size_t n = tag_name(t, (size_t)(end - t), name, sizeof name);
        unsigned kind = n && n < sizeof name ? tag_kind(name) : 0;
        if (!closing && (kind & TAG_RAW)) {
            /* Its text, to its end tag, is no markup. */
            const char *c = raw_text_end(name, t + n, end);
            if (!c)
                break;
            s = c + 2;
            continue;
        }
        if (closing && strcmp(name, "html") != 0 &&
            ((kind & TAG_BLOCK) || strcmp(name, "p") == 0 ||
             strcmp(name, "li") == 0)) {
            const char *gt = memchr(t + n, '>', (size_t)(end - (t + n)));
            if (!gt)
                break;
            best = (size_t)(gt + 1 - p);
            s = gt + 1;
            continue;
        }
        s++;
    }
    return best;
}

/* Mark p[0..stop] for removal (NUL: the input's own NULs are spaces by
 * then), but for its line ends, so that tidy's messages still give the
 * page's own line numbers. */
static void
drop_bytes(char *p, const char *stop)
{
    for (; p <= stop; p++)
        if (*p != '\n')
            *p = '\0';
}

/* The attributes the walk reads of every element (walk_element,
 * element_kinds): every other one is only bytes for tidy to read a
 * character at a time, check and store (links, image sources, inline SVG
 * paths, data-* are most of a page's tags). */
static const char *const kept_attrs[] = {
    "id", "class", "hidden", "aria-hidden", "role", NULL};

/* The one more attribute that the element named tag keeps, if any: an
 * <a>'s name (a target, not a link: is_link, comments_anchor), a
 * <script>'s type (JSON-LD), and a <style>'s, which tidy reports missing
 * on an older page. */
static const char *
own_attr(const char *tag)
{
    if (strcmp(tag, "a") == 0)
        return "name";
    if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0)
        return "type";
    return NULL;
}

/* The attributes whose presence the walk reads but not their value:
 * an <a> is a link when it has an href (is_link), and a URL is most of
 * the bytes of a tag. */
static const char *const named_attrs[] = {"href", NULL};

/*
 * Mark the value v[0..end) of an attribute (quotes and all, if it has
 * them) for removal but for one byte, which becomes '#': tidy reports an
 * attribute whose value is empty or missing ("<a> attribute "href" lacks
 * value"), and it formats each report in full whether it is shown or
 * not, which costs more than reading the URL did.  An unquoted value
 * of three bytes or more becomes "#", quotes and all (one without them
 * is another report).  v is NULL when there is no value; an empty one
 * stays as it is.
 */
static void
stub_value(char *v, char *end)
{
    if (!v || v == end)
        return;
    if (*v == '"' || *v == '\'') {
        if (end - v < 3) /* "" */
            return;
        v++, end--;
    } else if (end - v >= 3) {
        *v++ = '"';
        *--end = '"';
    }
    *v = '#';
    memset(v + 1, '\0', (size_t)(end - v - 1));
}

/* Does a style attribute's value v[0..len) hide its element?  The first
 * 63 bytes of it but white space are read, lower-cased. */
static bool
style_hides(const char *v, size_t len)
{
    char compact[64];
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < sizeof compact; i++)
        if (!dc_isspace((unsigned char)v[i]))
            compact[k++] = (char)dc_tolower((unsigned char)v[i]);
    compact[k] = '\0';
    return strstr(compact, "display:none") ||
           strstr(compact, "visibility:hidden");
}

/* Might tidy read the style value v[0..end) (quotes and all, if it has
 * them; NULL: none) as one that hides its element?  A character
 * reference could spell the words, and tidy drops control characters
 * from between them. */
static bool
style_may_hide(const char *v, const char *end)
{
    if (!v)
        return false;
    if (v < end && (*v == '"' || *v == '\'')) /* trim_attributes: closed */
        v++, end--;
    for (const char *c = v; c < end; c++)
        if (*c == '&' || ((unsigned char)*c < 0x20 &&
                          !dc_isspace((unsigned char)*c)))
            return true;
    return style_hides(v, (size_t)(end - v));
}

/*
 * The attributes of a start tag run from p to its end, the '>' at or
 * after gt (quoted values may hold '>').  Mark every attribute but
 * kept_attrs, own (own_attr(), or NULL) and a style that may hide the
 * element, and the values of named_attrs (stub_value), for removal (NUL)
 * and return the tag's '>'.
 * With keep_one, the first attribute stays when no kept one is left:
 * tidy turns an <a> without attributes inside an <a> into an end tag.
 * (Not just its name: tidy formats a message for each attribute without
 * its value, which costs more than reading the value.)  When the tag is
 * broken (quotes that do not close before the next '<', a '<' where the
 * tag should have ended), set *broken and return gt, the tag left as it
 * is: tidy has its own ways to recover.
 */
static char *
trim_attributes(char *p, char *gt, const char *end, const char *own,
                bool keep_one, bool *broken)
{
    struct {
        char *name, *end;
    } drop[32];
    size_t ndrop = 0, nstyle = 0;
    bool kept = false;
    char *style = NULL, *style_value = NULL, *style_end = NULL;
    char *q = p;
    while (q < end && *q != '>') {
        if (dc_isspace((unsigned char)*q) || *q == '/') {
            q++;
            continue;
        }
        char *a = q;
        while (q < end && *q != '=' && *q != '>' && *q != '/' &&
               *q != '<' && !dc_isspace((unsigned char)*q))
            q++;
        char name[16];
        tag_name(a, (size_t)(q - a), name, sizeof name);
        bool known = (size_t)(q - a) < sizeof name; /* name holds it */
        bool keep = known && (in_list(kept_attrs, name) ||
                              (own && strcmp(name, own) == 0));
        bool named = known && in_list(named_attrs, name);
        char *v = q, *value = NULL;
        while (v < end && dc_isspace((unsigned char)*v))
            v++;
        if (v < end && *v == '=') {
            v++;
            while (v < end && dc_isspace((unsigned char)*v))
                v++;
            value = v;
            if (v < end && (*v == '"' || *v == '\'')) {
                char *c = memchr(v + 1, *v, (size_t)(end - v - 1));
                if (!c || (c > gt && memchr(gt, '<', (size_t)(c - gt)))) {
                    *broken = true;
                    return gt;
                }
                v = c + 1;
            } else {
                while (v < end && *v != '>' && *v != '<' &&
                       !dc_isspace((unsigned char)*v))
                    v++;
            }
            q = v;
        }
        if (q < end && *q == '<') { /* a tag without its '>' */
            *broken = true;
            return gt;
        }
        if (known && strcmp(name, "style") == 0) {
            nstyle++;
            style = a, style_value = value, style_end = q;
            continue;
        }
        if (keep || ndrop == sizeof drop / sizeof *drop) {
            kept = true;
            continue;
        }
        if (named) {
            stub_value(value, q);
            kept = true;
            continue;
        }
        drop[ndrop].name = a;
        drop[ndrop++].end = q;
    }
    /* The walk reads a style only for whether it hides the element
     * (style_hides).  Two stay as they are: tidy joins them, and the
     * words could end up past what the walk reads. */
    if (nstyle == 1 && ndrop < sizeof drop / sizeof *drop &&
        !style_may_hide(style_value, style_end)) {
        drop[ndrop].name = style;
        drop[ndrop++].end = style_end;
    } else if (nstyle > 0) {
        kept = true;
    }
    for (size_t i = !kept && keep_one; i < ndrop; i++)
        memset(drop[i].name, '\0', (size_t)(drop[i].end - drop[i].name));
    return q < end ? q : gt;
}

/* The end of the run of NULs that p starts, up to end: eight bytes at
 * a time, as a script's or a comment's run is thousands long. */
static const char *
skip_nuls(const char *p, const char *end)
{
    while (end - p >= 8 && dc_load_le64(p) == 0)
        p += 8;
    while (p < end && !*p)
        p++;
    return p;
}

/* Is the tag name p[0..n) one that tidy knows neither as an element nor
 * as a custom one, with a prefix ("<o:p>" from Word, "<st1:place>")?
 * Tidy discards such tags wherever they are, and reports each one
 * twice, unknown and discarded. */
static bool
namespaced(const char *p, size_t n)
{
    return memchr(p, ':', n) && !memchr(p, '-', n);
}

/* Mark the text from p up to the next '<' for removal, but for its
 * line ends (drop_bytes), and return where it ends. */
static char *
drop_text(char *p, const char *end)
{
    char *lt = memchr(p, '<', (size_t)(end - p));
    char *stop = lt ? lt : p + (end - p);
    if (stop > p)
        drop_bytes(p, stop - 1);
    return stop;
}

/*
 * Is p (at a '&') a reference to a character in U+00A0-U+00FF
 * ("&eacute;", "&#233;", "&#xE9;", "&COPY;")?  Its length, with the
 * character's two bytes in utf8; 0 if not.  The prescan writes these
 * characters for tidy: it reads the page raw, each byte a character that
 * it stores as two, C2 or C3 and one more, which the walk puts back
 * (unraw); a character tidy wrote for such a reference is two bytes of
 * the same kind, and two of them side by side ("&szlig;&laquo;") could
 * pass for a page's character.  (It also spares tidy looking a name up
 * among two thousand, one by one.)
 */
static size_t
latin1_reference(const char *p, const char *end, char utf8[2])
{
    char v[DC_REFERENCE_MAX];
    size_t vlen;
    size_t n = dc_char_reference(p, (size_t)(end - p), v, &vlen);
    if (n == 0 || vlen != 2)
        return 0;
    unsigned char lead = (unsigned char)v[0], next = (unsigned char)v[1];
    if (lead < 0xC2 || lead > 0xC3 || (lead == 0xC2 && next < 0xA0))
        return 0;
    utf8[0] = v[0], utf8[1] = v[1];
    return n;
}

/* The bytes prescan's loop stops at: white space, '&', '<', and NUL (a
 * byte marked for removal, or the end).  Most bytes are text that needs
 * nothing done, and a table lookup is the quickest way past them. */
static const bool prescan_stop[256] = {
    ['\0'] = true, [' '] = true, ['\t'] = true, ['\n'] = true,
    ['\r'] = true, ['\f'] = true, ['\v'] = true, ['&'] = true, ['<'] = true,
};

/* In the bytes of a tag that tidy reads as they are (a broken one, or one
 * of those after it: see trim_attributes), a "<!D" that it would take
 * for a doctype out of place (see prescan) loses its '<' to a space.
 * (Not removed: a '<' before it, as in "<button <<!D g>", would then
 * open the doctype again.) */
static void
unmark_doctypes(char *p, const char *end)
{
    while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
        if (end - p >= 3 && p[1] == '!' &&
            dc_tolower((unsigned char)p[2]) == 'd')
            *p = ' ';
        p++;
    }
}

/* Is *p[0..end) all white space or NULs (bytes marked for removal)?
 * Moves *p past what it has looked at, so that each byte is looked at
 * once however many times the question is asked. */
static bool
only_space(const char **p, const char *end)
{
    const char *q = *p;
    while (q < end && (!*q || dc_isspace((unsigned char)*q)))
        q++;
    *p = q;
    return q == end;
}

/*
 * Copy in to out, NULs as spaces, without processing instructions,
 * without the line ends in runs of white space unless lines (which tidy's
 * messages count), and without every start tag that would open more than
 * DC_HTML_MAX_DEPTH elements, or DC_HTML_MAX_INLINE inline ones (and the
 * end tags that match such).  The count is rough, as tidy's tree will differ, but it
 * bounds what tidy can nest.
 */
static void
prescan(const char *in, size_t len, bool lines, struct dc_buf *out)
{
    dc_buf_clear(out);
    dc_buf_reserve(out, len + 1);
    char *o = out->data;
    memcpy(o, in, len);
    const char *end = o + len;
    size_t depth[2] = {0, 0}, over[2] = {0, 0}; /* block, inline */
    unsigned untrimmed = 0; /* start tags left as they are */
    size_t in_pre = 0;      /* <pre> open: white space is text */
    bool foreign = false;   /* an <svg> or <math> seen */
    bool labels = false;    /* in a <select> that tidy sees */
    bool option = false;    /* an <option> seen outside one */
    /* Is all before prolog_end white space, removed bytes (comments) or
     * a doctype? */
    bool in_prolog = true;
    const char *prolog_end = o;
    /* inline depth when the block at each depth opened */
    size_t inline_at[DC_HTML_MAX_DEPTH + 1] = {0};
    /* NULs are spaces (tidy reads a C string); from here on a NUL marks
     * a byte for removal, and the one after the copy ends the loop. */
    for (char *z = o; (z = memchr(z, '\0', (size_t)(end - z))) != NULL;)
        *z++ = ' ';
    o[len] = '\0';
    for (char *p = o;; p++) {
        if (labels)
            p = drop_text(p, end);
        while (!prescan_stop[(unsigned char)*p])
            p++;
        if (p >= end)
            break;
        if (!*p) /* in an attribute value a broken tag had stubbed */
            continue;
        if (dc_isspace((unsigned char)*p) && !in_pre) {
            /* A run of white space is one space to the walk: tidy need
             * only read its first byte, or with lines its line ends
             * (which keep its messages' line numbers). */
            char *q = p + 1;
            bool nl = *p == '\n';
            for (; q < end && (dc_isspace((unsigned char)*q) || !*q); q++) {
                if (!lines || *q != '\n')
                    *q = '\0';
                else if (!nl)
                    nl = true, *p = '\0';
            }
            p = q - 1;
            continue;
        }
        size_t ref;
        char utf8[2];
        if (*p == '&' && !foreign && (ref = latin1_reference(p, end, utf8))) {
            /* The reference's character itself (see latin1_reference);
             * the rest of its bytes are marked for removal. */
            memcpy(p, utf8, 2);
            memset(p + 2, '\0', ref - 2);
            p += ref - 1;
            continue;
        }
        if (*p != '<' || p + 1 >= end)
            continue;
        if (p + 4 <= end && memcmp(p, "<!--", 4) == 0) {
            /* Comments are never text: tidy need not read them. */
            const char *c = find_ci(p + 4, end, "-->");
            char *stop = c ? p + (c - p) + 2 : o + len - 1;
            drop_bytes(p, stop);
            p = stop;
            continue;
        }
        if (p[1] == '!' && p + 2 < end &&
            dc_tolower((unsigned char)p[2]) == 'd') {
            /* A "<!D..." declaration: tidy takes it for a doctype.  Past
             * the page's start it is one out of place (browsers ignore
             * it there), and in a <button> before a paragraph it sends
             * tidy's parser into endless recursion: it goes. */
            char *gt = memchr(p, '>', (size_t)(end - p));
            char *stop = gt ? gt : o + len - 1;
            in_prolog = in_prolog && only_space(&prolog_end, p);
            if (in_prolog)
                prolog_end = stop + 1;
            else
                drop_bytes(p, stop);
            p = stop;
            continue;
        }
        if (p[1] == '?') {
            /* Processing instructions (an Office "<?xml:namespace ...>"
             * in the body) make tidy drop the rest of the page; they
             * are never text. */
            char *gt = memchr(p, '>', (size_t)(end - p));
            char *stop = gt ? gt : o + len - 1;
            drop_bytes(p, stop);
            p = stop;
            continue;
        }
        bool close = p[1] == '/';
        char *np = p + 1 + close;
        char name[16];
        size_t n = tag_name(np, (size_t)(end - np), name, sizeof name);
        if (n == 0 || !dc_isalpha((unsigned char)np[0]))
            continue;
        char *gt = memchr(np + n, '>', (size_t)(end - np - n));
        if (!gt)
            break;
        unsigned kind = tag_kind(name);
        if (kind & TAG_FOREIGN)
            foreign = true;
        /* Tidy recovers from a missing quote by reading on, through a
         * few tags, to the next quote: those tags must stay as they
         * are for it to end where it always did. */
        bool whole = false; /* the tag's end is known */
        if (!close && untrimmed > 0) {
            untrimmed--;
            unmark_doctypes(np + n, gt);
        } else if (!close) {
            bool broken = false;
            gt = trim_attributes(np + n, gt, end, own_attr(name),
                                 kind & TAG_KEEP_ATTR, &broken);
            if (broken) {
                untrimmed = 8;
                unmark_doctypes(np + n, gt);
            }
            whole = !broken;
        }
        /* Tidy ends an <option> at an unknown tag: outside a <select>,
         * where its text is read, the tag matters. */
        if (!close && !labels && strcmp(name, "option") == 0)
            option = true;
        bool unknown = !foreign && !option &&
                       (whole || (close && !untrimmed)) && namespaced(np, n);
        if (unknown || (whole && (kind & TAG_TEXTLESS))) {
            drop_bytes(p, gt);
            p = gt;
            continue;
        }
        bool self = gt[-1] == '/';
        if (kind & TAG_PRE) {
            if (!close)
                in_pre++;
            else if (in_pre > 0)
                in_pre--;
        }
        if (!close && (kind & TAG_RAW)) {
            const char *c = raw_text_end(name, gt + 1, end);
            char *stop = c ? gt + (c - gt) - 1 : o + len - 1;
            /* Scripts and styles are never text, and often most of a
             * page's bytes: tidy, which reads a byte at a time, gets
             * them empty.  JSON-LD is kept for its articleBody. */
            bool jsonld = strcmp(name, "script") == 0 &&
                          find_ci(np + n, gt, "ld+json");
            if ((kind & TAG_NOT_TEXT) && !jsonld)
                drop_bytes(gt + 1, stop);
            p = stop;
            continue;
        }
        /* Inline elements end with the cell or block they are in
         * (tidy closes them there), whether or not they were closed. */
        if (kind & TAG_CELL) {
            depth[1] = inline_at[depth[0]];
            over[1] = 0;
        }
        if ((kind & TAG_FLAT) || self) {
            p = gt;
            continue;
        }
        /* Unclosed inline elements are reopened by tidy in every block
         * that follows them: a few hundred of them before thousands of
         * paragraphs make a quadratic tree.  They get a tighter bound. */
        int k = kind & TAG_BLOCK ? 0 : 1;
        size_t limit = k ? DC_HTML_MAX_INLINE : DC_HTML_MAX_DEPTH;
        bool blank = false;
        if (!close) {
            if (depth[k] >= limit || depth[0] + depth[1] >= DC_HTML_MAX_DEPTH) {
                over[k]++;
                blank = true;
            } else {
                depth[k]++;
                if (k == 0)
                    inline_at[depth[0]] = depth[1];
            }
        } else if (over[k] > 0) {
            over[k]--;
            blank = true;
        } else if (depth[k] > 0) {
            depth[k]--;
            if (k == 0) {
                depth[1] = inline_at[depth[0]];
                over[1] = 0;
            }
        }
        if (blank) /* NULs are gone: mark the tag for removal */
            memset(p, '\0', (size_t)(gt - p + 1));
        else if (kind & TAG_LABELS)
            labels = !close && whole && !foreign;
        p = gt;
    }
    /* Remove the tags marked, rather than leave spaces that would split
     * a word in two ("wet<b>!</b>"). */
    char *to = o;
    for (const char *from = o; from < end;) {
        const char *nul = memchr(from, '\0', (size_t)(end - from));
        size_t n = (size_t)((nul ? nul : end) - from);
        memmove(to, from, n);
        to += n;
        from = skip_nuls(from + n, end);
    }
    out->len = (size_t)(to - o);
    *to = '\0';
}

/*
 * Might tidy read some of p[0..len) as preformatted text: is there a
 * <pre>, <listing>, <plaintext> or <xmp> in it (or what starts like one)?
 * There it turns U+00A0 into a space, and reading raw, every byte 0xA0:
 * the second of "à", the third of many a CJK character.
 */
static bool
preformatted(const char *p, size_t len)
{
    static const char *const names[] = {"pre", "xmp", "listing",
                                        "plaintext", NULL};
    const char *end = p + len;
    for (; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
        int c = dc_tolower((unsigned char)p[1]); /* p[len] is a NUL */
        if (c != 'p' && c != 'x' && c != 'l')
            continue;
        for (const char *const *n = names; *n; n++)
            if (starts_ci(p + 1, (size_t)(end - p - 1), *n))
                return true;
    }
    return false;
}

/* ------------------------------------------------------------ the words */

/* Not kinds of a block: a teaser (related, but see walk_element) and,
 * from element_kinds(), a hidden element. */
#define KIND_TEASER (1u << 14)
#define KIND_HIDDEN (1u << 15)

/*
 * Class and id words that name a kind of boilerplate (or of content), in
 * several languages.  A word matches a token of a class or id (split at
 * punctuation and camelCase humps) that starts with it; a word written
 * with a leading '=' only matches the whole token.
 */
static const struct {
    const char *word;
    uint16_t kind;
} kind_words[] = {
    {"comment", DC_KIND_COMMENT},   {"kommentar", DC_KIND_COMMENT},
    {"commentaire", DC_KIND_COMMENT}, {"comentario", DC_KIND_COMMENT},
    {"commento", DC_KIND_COMMENT},  {"commenti", DC_KIND_COMMENT},
    {"komentarz", DC_KIND_COMMENT}, {"reactie", DC_KIND_COMMENT},
    {"respond", DC_KIND_COMMENT},   {"=reply", DC_KIND_COMMENT},
    {"=replies", DC_KIND_COMMENT},  {"discussion", DC_KIND_COMMENT},
    {"related", DC_KIND_RELATED},   {"relacionad", DC_KIND_RELATED},
    {"relacionat", DC_KIND_RELATED}, {"correlat", DC_KIND_RELATED},
    {"verwandt", DC_KIND_RELATED},  {"similar", DC_KIND_RELATED},
    {"recommend", DC_KIND_RELATED}, {"recomend", DC_KIND_RELATED},
    {"empfehl", DC_KIND_RELATED},   {"popular", DC_KIND_RELATED},
    {"trending", DC_KIND_RELATED},  {"=mostread", DC_KIND_RELATED},
    {"=teaser", KIND_TEASER},       {"teasers", DC_KIND_RELATED},
    {"share", DC_KIND_SHARE},       {"sharing", DC_KIND_SHARE},
    {"social", DC_KIND_SHARE},      {"teilen", DC_KIND_SHARE},
    {"partag", DC_KIND_SHARE},      {"compartir", DC_KIND_SHARE},
    {"compartilh", DC_KIND_SHARE},  {"condivid", DC_KIND_SHARE},
    {"=follow", DC_KIND_SHARE},
    {"sidebar", DC_KIND_SIDEBAR},   {"=aside", DC_KIND_SIDEBAR},
    {"widget", DC_KIND_SIDEBAR},    {"=rail", DC_KIND_SIDEBAR},
    {"seitenleiste", DC_KIND_SIDEBAR}, {"lateral", DC_KIND_SIDEBAR},
    {"footer", DC_KIND_FOOTER},     {"=foot", DC_KIND_FOOTER},
    {"fusszeile", DC_KIND_FOOTER},  {"=pied", DC_KIND_FOOTER},
    {"rodape", DC_KIND_FOOTER},     {"=piede", DC_KIND_FOOTER},
    {"copyright", DC_KIND_FOOTER},  {"disclaimer", DC_KIND_FOOTER},
    {"haftungsausschluss", DC_KIND_FOOTER},
    {"=nav", DC_KIND_NAV},          {"navbar", DC_KIND_NAV},
    {"navigation", DC_KIND_NAV},    {"=menu", DC_KIND_NAV},
    {"menus", DC_KIND_NAV},         {"breadcrumb", DC_KIND_NAV},
    {"pagination", DC_KIND_NAV},    {"=pager", DC_KIND_NAV},
    {"=skip", DC_KIND_NAV},         {"masthead", DC_KIND_NAV},
    {"=ad", DC_KIND_PROMO},         {"=ads", DC_KIND_PROMO},
    {"advert", DC_KIND_PROMO},      {"promo", DC_KIND_PROMO},
    {"sponsor", DC_KIND_PROMO},     {"=banner", DC_KIND_PROMO},
    {"werbung", DC_KIND_PROMO},     {"anzeige", DC_KIND_PROMO},
    {"publicidad", DC_KIND_PROMO},  {"publicite", DC_KIND_PROMO},
    {"pubblicit", DC_KIND_PROMO},   {"reklam", DC_KIND_PROMO},
    {"newsletter", DC_KIND_NEWSLETTER}, {"subscri", DC_KIND_NEWSLETTER},
    {"signup", DC_KIND_NEWSLETTER}, {"abonn", DC_KIND_NEWSLETTER},
    {"suscri", DC_KIND_NEWSLETTER}, {"iscriviti", DC_KIND_NEWSLETTER},
    {"cookie", DC_KIND_COOKIE},     {"consent", DC_KIND_COOKIE},
    {"=gdpr", DC_KIND_COOKIE},      {"=privacy", DC_KIND_COOKIE},
    {"caption", DC_KIND_CAPTION},   {"=credit", DC_KIND_CAPTION},
    {"credits", DC_KIND_CAPTION},   {"bildunterschrift", DC_KIND_CAPTION},
    {"legende", DC_KIND_CAPTION},   {"leyenda", DC_KIND_CAPTION},
    {"didascalia", DC_KIND_CAPTION}, {"legenda", DC_KIND_CAPTION},
    {"byline", DC_KIND_BYLINE},     {"author", DC_KIND_BYLINE},
    {"=autor", DC_KIND_BYLINE},     {"auteur", DC_KIND_BYLINE},
    {"autore", DC_KIND_BYLINE},     {"dateline", DC_KIND_BYLINE},
    {"=meta", DC_KIND_META},        {"=date", DC_KIND_META},
    {"=time", DC_KIND_META},        {"timestamp", DC_KIND_META},
    {"=tags", DC_KIND_META},        {"=tag", DC_KIND_META},
    {"categor", DC_KIND_META},      {"=posted", DC_KIND_META},
    {"published", DC_KIND_META},    {"=datum", DC_KIND_META},
    {"=fecha", DC_KIND_META},
    {"content", DC_KIND_CONTENT},   {"article", DC_KIND_CONTENT},
    {"=entry", DC_KIND_CONTENT},    {"=post", DC_KIND_CONTENT},
    {"=body", DC_KIND_CONTENT},     {"=text", DC_KIND_CONTENT},
    {"=story", DC_KIND_CONTENT},    {"=main", DC_KIND_CONTENT},
    {"artikel", DC_KIND_CONTENT},   {"articulo", DC_KIND_CONTENT},
    {"articolo", DC_KIND_CONTENT},  {"materia", DC_KIND_CONTENT},
};

#define NWORDS (sizeof kind_words / sizeof *kind_words)
_Static_assert(NWORDS < 256, "by_letter holds uint8_t");

/* kind_words' entries by the letter they start with (after a '='): those
 * of letter c are by_letter[letter_at[c - 'a'] .. letter_at[c - 'a' + 1]).
 * A token is looked up among a few words, not all of them. */
static uint8_t by_letter[NWORDS], letter_at[27];
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static void
index_words(void)
{
    size_t at = 0;
    for (int c = 'a'; c <= 'z'; c++) {
        letter_at[c - 'a'] = (uint8_t)at;
        for (size_t i = 0; i < NWORDS; i++) {
            const char *w = kind_words[i].word;
            if (w[*w == '='] == c)
                by_letter[at++] = (uint8_t)i;
        }
    }
    letter_at[26] = (uint8_t)at;
}

static uint16_t
token_kinds(const char *t, size_t n)
{
    /* Every word starts with a letter.  "promoted" is a state of the
     * element, not a part of the page: a CMS marks an article promoted
     * to its front page. */
    if (!dc_islower((unsigned char)*t) ||
        (n == 8 && memcmp(t, "promoted", 8) == 0))
        return 0;
    uint16_t k = 0;
    int c = *t - 'a';
    for (size_t j = letter_at[c]; j < letter_at[c + 1]; j++) {
        size_t i = by_letter[j];
        const char *w = kind_words[i].word;
        bool exact = *w == '=';
        w += exact;
        size_t wl = strlen(w);
        if (exact ? n == wl && memcmp(t, w, n) == 0
                  : n >= wl && memcmp(t, w, wl) == 0)
            k |= kind_words[i].kind;
    }
    return k;
}

/* The kinds named by the words of a class or id value. */
static uint16_t
value_kinds(const char *v)
{
    char tok[32];
    size_t n = 0;
    uint16_t k = 0;
    for (const char *p = v;; p++) {
        unsigned char c = (unsigned char)*p;
        /* A token ends at punctuation, and before a capital after a
         * small letter ("relatedPosts"). */
        bool hump = dc_isupper(c) && p > v && dc_islower((unsigned char)p[-1]);
        if (!dc_isalnum(c) || hump) {
            if (n > 0 && n < sizeof tok)
                k |= token_kinds(tok, n);
            n = 0;
            if (!c)
                break;
            if (!hump)
                continue;
        }
        if (n < sizeof tok)
            tok[n] = (char)dc_tolower(c);
        n++;
    }
    return k;
}

/* ---------------------------------------------------------------- walk */

struct ctx {
    uint16_t kinds;
    uint8_t flags;
    uint8_t element;
    bool in_a;
    bool in_pre;
    unsigned depth;
};

/* Is n a link?  An <a name> without an href is only a target, and tag
 * soup often leaves one unclosed around the whole rest of the page: its
 * text is no more a link's than the page's is.  An <a> with neither is
 * a script's link. */
static bool
is_link(TidyNode n)
{
    return sym_tidyNodeGetId(n) == TidyTag_A &&
           (sym_tidyAttrGetById(n, TidyAttr_HREF) ||
            !sym_tidyAttrGetById(n, TidyAttr_NAME));
}

/* What a subtree holds: its text outside links (bytes but spaces), its
 * links, and whether it holds the article's own markers. */
struct holds {
    size_t chars;
    size_t links;   /* its text inside links */
    size_t nlinks;  /* links */
    uint16_t kinds; /* of the element itself (element_kinds()) */
    bool article;
};

/* A slot of the table of what subtree found, kept in struct dc_html from
 * page to page: clearing it for each page cost more than filling it. */
struct dc_html_held {
    TidyNode node;
    uint32_t gen;             /* the page's (walk.gen); others: free */
    struct holds hs;
};

struct walk {
    TidyDoc tdoc;
    struct dc_html *h;
    struct dc_buf path;       /* the path of the element being walked */
    struct dc_buf elems;      /* its elements' numbers (uint32_t) */
    uint32_t elem_count;      /* elements numbered so far */
    TidyBuffer value;
    uint32_t serial;          /* of the block being written; 0: none */
    size_t block_start;       /* h->nlines when the block began */
    size_t line_start;        /* offset in text of the current line */
    size_t chars, link_chars; /* non-space bytes in the block, in <a> */
    bool space;               /* a space is due before the next text */
    size_t body_chars;        /* the page's text outside links */
    size_t sidebar_chars;     /* how much of it is under sidebar words */
    size_t hidden_chars;      /* and hidden */
    unsigned brs;             /* <br> in a row */
    bool link_title;          /* the block's first line is all link */
    struct dc_html_held *held; /* subtree's answers, open addressing */
    size_t held_cap, held_n;  /* held_cap: 0 or a power of two */
    uint32_t gen;             /* this page's number in held, not 0 */
    bool raw;                 /* tidy read the page raw (unraw) */
    struct dc_buf attr;       /* an attribute's value, unraw'd */
};

static bool contains_ci(const char *hay, const char *needle);
static const char *page_text(struct walk *w, const char *v);

static bool
style_value_hides(struct walk *w, const char *v)
{
    v = page_text(w, v);
    return style_hides(v, strlen(v));
}

/* The kinds named by the class and id of element n, and KIND_HIDDEN. */
static uint16_t
element_kinds(struct walk *w, TidyNode n)
{
    uint16_t k = 0;
    for (TidyAttr a = sym_tidyAttrFirst(n); a; a = sym_tidyAttrNext(a)) {
        const char *name = sym_tidyAttrName(a);
        const char *v = sym_tidyAttrValue(a);
        if (!name)
            continue;
        /* (Words are ASCII: raw or not, value_kinds reads the same.) */
        if (v && (strcmp(name, "id") == 0 || strcmp(name, "class") == 0))
            k |= value_kinds(v);
        else if (strcmp(name, "hidden") == 0 ||
                 (strcmp(name, "aria-hidden") == 0 && v &&
                  contains_ci(v, "true")) ||
                 (strcmp(name, "style") == 0 && v && style_value_hides(w, v)))
            k |= KIND_HIDDEN;
    }
    return k;
}

enum el_class { EL_INLINE, EL_BLOCK, EL_SKIP, EL_BREAK };

static enum el_class
classify_tag(TidyTagId id)
{
    switch (id) {
    case TidyTag_SCRIPT: case TidyTag_STYLE: case TidyTag_NOSCRIPT:
    case TidyTag_TEMPLATE: case TidyTag_SVG:
    case TidyTag_IFRAME: case TidyTag_OBJECT: case TidyTag_EMBED:
    case TidyTag_SELECT: case TidyTag_TEXTAREA: case TidyTag_BUTTON:
    case TidyTag_INPUT: case TidyTag_OPTION: case TidyTag_HEAD:
    case TidyTag_TITLE: case TidyTag_CANVAS: case TidyTag_AUDIO:
    case TidyTag_VIDEO: case TidyTag_MAP: case TidyTag_FRAMESET:
    case TidyTag_DIALOG:
    /* Ruby text: how to read the characters it annotates (furigana),
     * which would otherwise come out inline, each word twice. */
    case TidyTag_RT: case TidyTag_RP:
        return EL_SKIP;
    case TidyTag_BR:
        return EL_BREAK;
    case TidyTag_P: case TidyTag_DIV: case TidyTag_H1: case TidyTag_H2:
    case TidyTag_H3: case TidyTag_H4: case TidyTag_H5: case TidyTag_H6:
    case TidyTag_UL: case TidyTag_OL: case TidyTag_LI: case TidyTag_DL:
    case TidyTag_DT: case TidyTag_DD: case TidyTag_TABLE: case TidyTag_TR:
    case TidyTag_TD: case TidyTag_TH: case TidyTag_CAPTION:
    case TidyTag_THEAD: case TidyTag_TBODY: case TidyTag_TFOOT:
    case TidyTag_BLOCKQUOTE: case TidyTag_PRE: case TidyTag_HR:
    case TidyTag_ADDRESS: case TidyTag_CENTER: case TidyTag_FORM:
    case TidyTag_FIELDSET: case TidyTag_LEGEND: case TidyTag_BODY:
    case TidyTag_HTML: case TidyTag_SECTION: case TidyTag_ARTICLE:
    case TidyTag_ASIDE: case TidyTag_NAV: case TidyTag_HEADER:
    case TidyTag_FOOTER: case TidyTag_MAIN: case TidyTag_FIGURE:
    case TidyTag_FIGCAPTION: case TidyTag_DETAILS: case TidyTag_SUMMARY:
    case TidyTag_MENU: case TidyTag_DIR: case TidyTag_NOFRAMES:
    case TidyTag_HGROUP: case TidyTag_LABEL:
        return EL_BLOCK;
    default:
        return EL_INLINE;
    }
}

static uint8_t
element_of(TidyTagId id)
{
    switch (id) {
    case TidyTag_P: return DC_EL_P;
    case TidyTag_H1: return DC_EL_H1;
    case TidyTag_H2: return DC_EL_H2;
    case TidyTag_H3: return DC_EL_H3;
    case TidyTag_H4: return DC_EL_H4;
    case TidyTag_H5: return DC_EL_H5;
    case TidyTag_H6: return DC_EL_H6;
    case TidyTag_LI: return DC_EL_LI;
    case TidyTag_DT: return DC_EL_DT;
    case TidyTag_DD: return DC_EL_DD;
    case TidyTag_TD: return DC_EL_TD;
    case TidyTag_TH: return DC_EL_TH;
    case TidyTag_PRE: return DC_EL_PRE;
    case TidyTag_BLOCKQUOTE: return DC_EL_BLOCKQUOTE;
    case TidyTag_FIGCAPTION: return DC_EL_FIGCAPTION;
    case TidyTag_CAPTION: return DC_EL_CAPTION;
    case TidyTag_ADDRESS: return DC_EL_ADDRESS;
    case TidyTag_DIV: return DC_EL_DIV;
    default: return DC_EL_OTHER;
    }
}

/* Bytes of folded text: ASCII letters and digits lower-cased, every
 * other ASCII byte dropped, non-ASCII bytes kept.  Text and JSON-LD
 * compare equal this way whatever their spacing and punctuation. */
static void
fold_into(struct dc_buf *out, const char *p, size_t len)
{
    dc_buf_reserve(out, len);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x80 || dc_isalnum(c))
            out->data[out->len++] = (char)dc_tolower(c);
    }
    out->data[out->len] = '\0';
}

static void
new_line(struct walk *w, uint32_t serial)
{
    struct dc_html *h = w->h;
    h->lines = dc_xgrow(h->lines, &h->lines_cap, dc_add_size(h->nlines, 1),
                        sizeof *h->lines);
    struct dc_html_line *l = &h->lines[h->nlines++];
    memset(l, 0, sizeof *l);
    l->off = w->line_start;
    l->len = h->text.len - w->line_start;
    l->hints.serial = serial;
    dc_buf_putc(&h->text, '\n');
    w->line_start = h->text.len;
}

/* End the current line of the block being written, if it has text. */
static void
end_line(struct walk *w)
{
    if (w->serial && w->h->text.len > w->line_start) {
        /* (the block's counts so far are its first line's) */
        if (w->h->nlines == w->block_start)
            w->link_title = w->chars && w->link_chars == w->chars;
        new_line(w, w->serial);
    }
    w->space = false;
}

/* End the block being written: its lines get the hints of ctx, the
 * element that holds it; a blank line follows. */
static void
end_block(struct walk *w, const struct ctx *c)
{
    end_line(w);
    if (!w->serial)
        return;
    struct dc_html *h = w->h;
    struct dc_hints hints = {0};
    hints.serial = w->serial;
    hints.kinds = c->kinds;
    hints.flags = c->flags;
    hints.element = c->element;
    hints.link_density =
        w->chars ? (float)w->link_chars / (float)w->chars : 0.0f;
    if (w->link_title && h->nlines - w->block_start >= 2)
        hints.flags |= DC_HINT_LINK_TITLE;
    hints.path_off = (uint32_t)h->paths.len;
    hints.path_len = (uint32_t)w->path.len;
    if (h->paths.len + w->path.len < UINT32_MAX)
        dc_buf_append(&h->paths, w->path.data ? w->path.data : "",
                      w->path.len);
    else
        hints.path_len = 0;
    size_t ne = w->elems.len / sizeof(uint32_t);
    size_t at = h->elems.len / sizeof(uint32_t);
    if (at + ne < UINT32_MAX && ne <= UINT16_MAX) {
        hints.elems_off = (uint32_t)at;
        hints.elems_len = (uint16_t)ne;
        dc_buf_append(&h->elems, w->elems.data, w->elems.len);
    }
    for (size_t i = w->block_start; i < h->nlines; i++)
        h->lines[i].hints = hints;
    new_line(w, 0);
    w->serial = 0;
    w->chars = w->link_chars = 0;
    w->brs = 0;
    w->link_title = false;
}

/* Start a block at the text about to be written, unless one is open;
 * then write the space due before it, if the line has text. */
static void
begin_text(struct walk *w)
{
    struct dc_html *h = w->h;
    if (!w->serial) {
        /* Serials only need to differ between neighbours (in the
         * part before too). */
        w->serial =
            (uint32_t)(((uint64_t)h->serial_base + h->nlines) % UINT32_MAX) +
            1;
        w->block_start = h->nlines;
        w->line_start = h->text.len;
        w->space = false;
    }
    if (w->space && h->text.len > w->line_start)
        dc_buf_putc(&h->text, ' ');
    w->space = false;
    w->brs = 0;
}

/* Text inside <pre>: its line ends and spaces as they are. */
static void
put_pre_text(struct walk *w, const struct ctx *c, const char *p, size_t len)
{
    struct dc_html *h = w->h;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && i + 1 < len && p[i + 1] == '\n')
                i++;
            if (!w->serial)
                continue;
            /* A line of its own, even an empty one: keep the lines of
             * preformatted text as they are, within the block. */
            if (h->text.len == w->line_start)
                dc_buf_putc(&h->text, ' ');
            end_line(w);
            continue;
        }
        begin_text(w);
        dc_buf_putc(&h->text, (char)ch);
        if (ch != ' ' && ch != '\t' && (ch & 0xC0) != 0x80) {
            w->chars++;
            w->link_chars += c->in_a;
        }
    }
}

/* Text: a run of white space is one space, written before the next word
 * on the same line.  Words go in whole, as most of a page's bytes are
 * in them. */
static void
put_text(struct walk *w, const struct ctx *c, const char *p, size_t len)
{
    if (c->in_pre) {
        put_pre_text(w, c, p, len);
        return;
    }
    for (size_t i = 0; i < len;) {
        if (dc_isspace((unsigned char)p[i])) {
            w->space = true;
            i++;
            continue;
        }
        size_t start = i, chars = 0;
        for (; i < len && !dc_isspace((unsigned char)p[i]); i++)
            chars += ((unsigned char)p[i] & 0xC0) != 0x80;
        begin_text(w);
        dc_buf_append(&w->h->text, p + start, i - start);
        w->chars += chars;
        if (c->in_a)
            w->link_chars += chars;
    }
}

/* Case-insensitive "does v contain lit", for attribute values. */
static bool
contains_ci(const char *v, const char *lit)
{
    return find_ci(v, v + strlen(v), lit) != NULL;
}

/* Harvest "articleBody" strings of a JSON-LD script, folded. */
static void
harvest_jsonld(struct walk *w, const char *s, size_t len)
{
    const char *end = s + len;
    const char *p = s;
    while ((p = find_ci(p, end, "\"articlebody\"")) != NULL) {
        p += 13;
        while (p < end && (dc_isspace((unsigned char)*p) || *p == ':'))
            p++;
        if (p >= end || *p != '"')
            continue;
        p++;
        const char *q = p;
        /* Escapes fold away with the punctuation; \n and \u00e9 leave a
         * letter or two behind, which only costs a few matches. */
        while (q < end && *q != '"') {
            if (*q == '\\' && q + 1 < end)
                q++;
            q++;
        }
        fold_into(&w->h->jsonld, p, (size_t)(q - p));
        p = q;
    }
}

/* Where the first byte of p[0..len) that is not ASCII is; len if none
 * is.  Eight bytes at a time: most text of most pages is ASCII. */
static size_t
first_high(const char *p, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        if (dc_load_le64(p + i) & 0x8080808080808080ull)
            break;
    }
    while (i < len && (unsigned char)p[i] < 0x80)
        i++;
    return i;
}

/*
 * Read raw, tidy takes each byte of the page for a character of its own
 * and stores it UTF-8 encoded: a byte 0x80-0xFF comes back as two bytes,
 * C2 or C3 and a continuation byte.  Put s[0..len) back as the page had
 * it, in place, and return its length.  A character that tidy wrote
 * for a reference ("&copy;") is UTF-8 already and stays as it is: pairs
 * are taken back only as a whole well-formed character, which the page's
 * bytes always make (the page is valid UTF-8 by then) and a reference's
 * characters next to each other almost never do.
 */
static size_t
unraw(char *s, size_t len)
{
    unsigned char *u = (unsigned char *)s;
    size_t i = first_high(s, len), o = i;
    while (i < len) {
        if (u[i] < 0x80) {
            u[o++] = u[i++];
            continue;
        }
        unsigned char seq[4];
        size_t k = 0;
        for (size_t at = i; k < 4 && at + 1 < len &&
                            (u[at] & 0xFE) == 0xC2 && (u[at + 1] & 0xC0) == 0x80;
             at += 2)
            seq[k++] = (unsigned char)((u[at] & 0x1F) << 6 |
                                       (u[at + 1] & 0x3F));
        int32_t cp;
        size_t n = dc_utf8_decode(seq, k, &cp);
        if (n > 0) {
            /* Tidy reading UTF-8 makes these two U+FFFD. */
            if (cp == 0xFFFE || cp == 0xFFFF)
                memcpy(seq, "\xEF\xBF\xBD", 3);
            memcpy(u + o, seq, n);
            o += n;
            i += 2 * n;
            continue;
        }
        n = dc_utf8_decode(u + i, len - i, &cp); /* tidy's own */
        n += n == 0;
        memmove(u + o, u + i, n);
        o += n;
        i += n;
    }
    return o;
}

/* The text of node n in w->value, as the page has it (unraw); empty if n
 * has none.  (tidyNodeGetValue clears the buffer itself, zeroing all of
 * it, when n has a value.) */
static void
node_value(struct walk *w, TidyNode n)
{
    /* tidyBufClear zeroes all the buffer holds: after a long text, let
     * the next short one start a small buffer. */
    if (w->value.allocated > 1024)
        sym_tidyBufFree(&w->value);
    if (!sym_tidyNodeGetValue(w->tdoc, n, &w->value))
        sym_tidyBufClear(&w->value);
    else if (w->raw)
        w->value.size = (uint)unraw((char *)w->value.bp, w->value.size);
}

/* The attribute value v as the page has it: unraw'd into w->attr when it
 * needs to be, until the next call. */
static const char *
page_text(struct walk *w, const char *v)
{
    size_t len = strlen(v);
    if (!w->raw || first_high(v, len) == len)
        return v;
    dc_buf_clear(&w->attr);
    dc_buf_append(&w->attr, v, len);
    w->attr.len = unraw(w->attr.data, len);
    w->attr.data[w->attr.len] = '\0';
    return w->attr.data;
}

/* The tree tidy builds from what prescan lets through is deeper than
 * its count: a table adds tbody, tr and td. */
#define WALK_MAX_DEPTH (4 * DC_HTML_MAX_DEPTH + 64)

/* Text outside links (bytes) that makes an element more than a box: a
 * paragraph or two. */
#define HOLDS_TEXT 200

static size_t
held_slot(const struct walk *w, TidyNode n)
{
    size_t i = (size_t)(((uintptr_t)n >> 4) * 0x9E3779B97F4A7C15u);
    for (i &= w->held_cap - 1;
         w->held[i].gen == w->gen && w->held[i].node != n;
         i = (i + 1) & (w->held_cap - 1))
        ;
    return i;
}

static void
held_put(struct walk *w, TidyNode n, struct holds hs)
{
    if (2 * (w->held_n + 1) > w->held_cap) {
        struct dc_html_held *old = w->held;
        size_t cap = w->held_cap;
        w->held_cap = cap ? 2 * cap : 256;
        w->held = dc_xcalloc(w->held_cap, sizeof *w->held); /* gen 0 */
        for (size_t i = 0; i < cap; i++)
            if (old[i].gen == w->gen)
                w->held[held_slot(w, old[i].node)] = old[i];
        dc_free(old);
    }
    size_t i = held_slot(w, n);
    w->held_n += w->held[i].gen != w->gen;
    w->held[i].node = n;
    w->held[i].gen = w->gen;
    w->held[i].hs = hs;
}

/* What n holds, as subtree found it ({0, false} past its depth). */
static struct holds
held_get(const struct walk *w, TidyNode n)
{
    struct holds none = {0, 0, 0, 0, false};
    if (!w->held_cap)
        return none;
    size_t i = held_slot(w, n);
    return w->held[i].gen == w->gen ? w->held[i].hs : none;
}

/* The bytes of p[0..len) that are not white space (dc_isspace): eight at
 * a time where none is below 0x0E (as \t..\r are), since every byte of
 * the page's text is counted. */
static size_t
count_nonspace(const unsigned char *p, size_t len)
{
    size_t n = 0, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w = dc_load_le64(p + i);
        if ((w - 0x0E0E0E0E0E0E0E0Eull) & ~w & 0x8080808080808080ull) {
            for (size_t k = i; k < i + 8; k++)
                n += !dc_isspace(p[k]);
            continue;
        }
        /* one 0x80 flag a space: their sum lands in the top byte */
        uint64_t spaces = dc_bytes_equal(w, ' ') >> 7;
        n += 8 - (size_t)((spaces * 0x0101010101010101ull) >> 56);
    }
    for (; i < len; i++)
        n += !dc_isspace(p[i]);
    return n;
}

/* What the element n holds: the text of its subtree but that inside
 * links below it, and whether a <main> or <h1> is below it.  Found once
 * for every element of the body and kept (held_get): the walk asks it of
 * each element that a class word or a <form> makes suspect, and nested
 * suspects would count the same text again and again.  `kinds`: those
 * of n's ancestors below <body> (element_kinds()), to count the page's
 * text under sidebar words and hidden; n's own are kept with the rest
 * for the walk.  Depth 0 is <body>, whose words describe the page. */
static struct holds
subtree(struct walk *w, TidyNode n, unsigned depth, uint16_t kinds)
{
    struct holds out = {0, 0, 0, 0, false};
    if (depth > WALK_MAX_DEPTH)
        return out;
    if (depth > 0)
        out.kinds = element_kinds(w, n);
    kinds |= out.kinds;
    for (TidyNode c = sym_tidyGetChild(n); c; c = sym_tidyGetNext(c)) {
        TidyNodeType t = sym_tidyNodeGetType(c);
        if (t == TidyNode_Text) {
            node_value(w, c);
            size_t chars = count_nonspace(w->value.bp, w->value.size);
            out.chars += chars;
            if (kinds & KIND_HIDDEN)
                w->hidden_chars += chars;
            else if (kinds & DC_KIND_SIDEBAR)
                w->sidebar_chars += chars;
            continue;
        }
        if (t != TidyNode_Start && t != TidyNode_StartEnd)
            continue;
        TidyTagId id = sym_tidyNodeGetId(c);
        size_t sidebar = w->sidebar_chars, hidden = w->hidden_chars;
        if (id == TidyTag_NOSCRIPT) { /* for walk_element to weigh */
            subtree(w, c, depth + 1, kinds);
            w->sidebar_chars = sidebar;
            w->hidden_chars = hidden;
            continue;
        }
        if (classify_tag(id) == EL_SKIP)
            continue;
        struct holds in = subtree(w, c, depth + 1, kinds);
        if (is_link(c)) { /* counted as links, not text */
            w->sidebar_chars = sidebar;
            w->hidden_chars = hidden;
            out.links += in.chars + in.links;
            out.nlinks += in.nlinks + 1;
        } else {
            out.chars += in.chars;
            out.links += in.links;
            out.nlinks += in.nlinks;
        }
        /* Not <article>: comment threads are made of them. */
        out.article |= in.article || id == TidyTag_MAIN || id == TidyTag_H1;
    }
    held_put(w, n, out);
    return out;
}

static void walk_children(struct walk *w, TidyNode n, const struct ctx *c);

/* The first 40 bytes or so of the word w[0..len), cut between
 * characters, spaces as '_', without controls (C0, DEL, C1): --explain
 * prints it, and its output is clean text like the rest. */
static void
put_word(struct dc_buf *b, const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)w[i];
        if (i >= 40 && (c & 0xC0) != 0x80)
            break;
        if (c == 0xC2 && i + 1 < len && (unsigned char)w[i + 1] >= 0x80 &&
            (unsigned char)w[i + 1] <= 0x9F) {
            i++; /* U+0080..U+009F */
            continue;
        }
        if (c == 0x7F || (c < 0x20 && !dc_isspace(c)))
            continue;
        dc_buf_putc(b, dc_isspace(c) ? '_' : (char)c);
    }
}

/* Number the element whose step was just added to the path. */
static void
push_elem(struct walk *w)
{
    uint32_t id = w->elem_count++;
    dc_buf_append(&w->elems, &id, sizeof id);
}

/* The path step for an element: name, #id, .classes (a few). */
static void
path_step(struct walk *w, TidyNode n, const char *id, const char *cls)
{
    struct dc_buf *b = &w->path;
    if (b->len)
        dc_buf_putc(b, '>');
    const char *name = sym_tidyNodeGetName(n);
    put_word(b, name ? name : "?", name ? strlen(name) : 1);
    if (id && *id) {
        id = page_text(w, id);
        dc_buf_putc(b, '#');
        put_word(b, id, strlen(id));
    }
    if (cls) {
        cls = page_text(w, cls);
        unsigned k = 0;
        const char *p = cls;
        while (*p && k < 6) {
            while (*p && dc_isspace((unsigned char)*p))
                p++;
            if (!*p)
                break;
            dc_buf_putc(b, '.');
            const char *s = p;
            while (*p && !dc_isspace((unsigned char)*p))
                p++;
            put_word(b, s, (size_t)(p - s));
            k++;
        }
    }
}

static void
walk_element(struct walk *w, TidyNode n, const struct ctx *parent)
{
    TidyTagId id = sym_tidyNodeGetId(n);
    enum el_class ec = classify_tag(id);
    if (ec == EL_BREAK) {
        /* Two <br> in a row end a paragraph, as pages without <p> write
         * them. */
        if (++w->brs >= 2)
            end_block(w, parent);
        else
            end_line(w);
        return;
    }
    /* What subtree() found below n, and n's own kinds (element_kinds). */
    const struct holds hs = held_get(w, n);
    /* What a page shows without scripts is usually a line ("Please
     * enable JavaScript") or a tracking pixel; but some pages, whose
     * scripts write the article from a template, give its whole text
     * there. */
    if (id == TidyTag_NOSCRIPT && hs.chars >= HOLDS_TEXT)
        ec = EL_BLOCK;
    if (ec == EL_SKIP) {
        if (id == TidyTag_SCRIPT) {
            TidyAttr t = sym_tidyAttrGetById(n, TidyAttr_TYPE);
            const char *tv = t ? sym_tidyAttrValue(t) : NULL;
            if (tv && contains_ci(tv, "ld+json")) {
                for (TidyNode c = sym_tidyGetChild(n); c; c = sym_tidyGetNext(c)) {
                    node_value(w, c);
                    harvest_jsonld(w, (const char *)w->value.bp,
                                   w->value.size);
                }
            }
        }
        return;
    }
    if (id == TidyTag_FORM) {
        /* A form is a search box or a comment form, unless it holds the
         * page: some site builders wrap everything in one, and tidy
         * extends an unclosed form to the end of its parent. */
        if (!hs.article &&
            (hs.chars * 2 <= w->body_chars || hs.chars < HOLDS_TEXT))
            return;
    }

    struct ctx c = *parent;
    c.depth++;
    if (c.depth > WALK_MAX_DEPTH) /* prescan bounds it; a guard still */
        return;
    if (hs.kinds & KIND_HIDDEN)
        c.flags |= DC_HINT_HIDDEN;
    const char *idv = NULL, *clsv = NULL;
    for (TidyAttr a = sym_tidyAttrFirst(n); a; a = sym_tidyAttrNext(a)) {
        const char *name = sym_tidyAttrName(a);
        const char *v = sym_tidyAttrValue(a);
        if (!name)
            continue;
        if (strcmp(name, "id") == 0)
            idv = v;
        else if (strcmp(name, "class") == 0)
            clsv = v;
        else if (strcmp(name, "role") == 0 && v) {
            if (contains_ci(v, "main"))
                c.flags |= DC_HINT_ARTICLE;
            else if (contains_ci(v, "navigation"))
                c.flags |= DC_HINT_NAV;
            else if (contains_ci(v, "complementary"))
                c.flags |= DC_HINT_ASIDE;
            else if (contains_ci(v, "contentinfo"))
                c.flags |= DC_HINT_FOOTER;
        }
    }
    if (id != TidyTag_HTML && id != TidyTag_BODY) {
        /* Classes on <body> describe the page, not a part of it
         * ("has-sidebar").  Below it, a word naming boilerplate is
         * believed only of an element that does not hold the article:
         * no <main> or <h1> inside, and not more than half the page's
         * text outside links (when that is more than HOLDS_TEXT):
         * "widget" wraps whole blog posts.  But comments are often
         * longer than the article they follow. */
        uint16_t k = hs.kinds & (uint16_t)~KIND_HIDDEN;
        /* A teaser points to another page: a paragraph or more with
         * no link to one (but a word or two in its text), nor in one,
         * is the article's own summary, its lede. */
        if (k & KIND_TEASER) {
            k &= (uint16_t)~KIND_TEASER;
            if (c.in_a || hs.links * 8 >= hs.chars + hs.links ||
                (hs.nlinks && hs.chars < HOLDS_TEXT))
                k |= DC_KIND_RELATED;
        }
        if (k & ~DC_KIND_CONTENT & ~c.kinds) {
            if (hs.article)
                k &= DC_KIND_CONTENT;
            else if (hs.chars * 2 > w->body_chars && hs.chars >= HOLDS_TEXT)
                k &= DC_KIND_CONTENT | DC_KIND_COMMENT;
            /* A date, a row of tags, a breadcrumb is a line: an element
             * with paragraphs in it that names a category or a tag is
             * a post labelled with its own ("post category-news
             * tag-elections", as blogs mark each post), not its
             * metadata. */
            if (hs.chars >= HOLDS_TEXT)
                k &= (uint16_t)~DC_KIND_META;
        }
        /* A "widget" that holds most of what the page shows, and more
         * than a box's worth, is the site builder's word for every box
         * on it, the article's too. */
        if (w->sidebar_chars >= HOLDS_TEXT &&
            w->sidebar_chars * 2 > w->body_chars - w->hidden_chars)
            k &= (uint16_t)~DC_KIND_SIDEBAR;
        c.kinds |= k;
    }
    switch (id) {
    case TidyTag_ARTICLE: case TidyTag_MAIN:
        c.flags |= DC_HINT_ARTICLE;
        break;
    case TidyTag_HEADER:
        c.flags |= DC_HINT_HEADER;
        break;
    case TidyTag_FOOTER:
        c.flags |= DC_HINT_FOOTER;
        break;
    case TidyTag_NAV:
        c.flags |= DC_HINT_NAV;
        break;
    case TidyTag_ASIDE:
        c.flags |= DC_HINT_ASIDE;
        break;
    case TidyTag_A:
        c.in_a = is_link(n) || c.in_a;
        break;
    case TidyTag_PRE: case TidyTag_LISTING: case TidyTag_XMP:
        c.in_pre = true;
        break;
    default:
        break;
    }
    if (ec == EL_BLOCK)
        end_block(w, parent);
    size_t path_len = w->path.len, elems_len = w->elems.len;
    path_step(w, n, idv, clsv);
    push_elem(w);
    if (ec == EL_BLOCK) {
        c.element = element_of(id);
        walk_children(w, n, &c);
        end_block(w, &c);
    } else {
        walk_children(w, n, &c);
    }
    w->path.len = path_len;
    if (w->path.data)
        w->path.data[path_len] = '\0';
    w->elems.len = elems_len;
}

/* Is n an empty anchor that names the comments (<a name="comments">):
 * what follows it is the thread. */
static bool
comments_anchor(const struct walk *w, TidyNode n)
{
    if (sym_tidyNodeGetId(n) != TidyTag_A || held_get(w, n).chars > 0 ||
        sym_tidyGetChild(n))
        return false;
    TidyAttr a = sym_tidyAttrGetById(n, TidyAttr_NAME);
    TidyAttr i = sym_tidyAttrGetById(n, TidyAttr_ID);
    const char *v = a ? sym_tidyAttrValue(a) : NULL;
    const char *iv = i ? sym_tidyAttrValue(i) : NULL;
    return ((v && (value_kinds(v) & DC_KIND_COMMENT)) ||
            (iv && (value_kinds(iv) & DC_KIND_COMMENT)));
}

static void
walk_children(struct walk *w, TidyNode n, const struct ctx *c)
{
    struct ctx after = *c; /* for what follows a comments anchor */
    for (TidyNode ch = sym_tidyGetChild(n); ch; ch = sym_tidyGetNext(ch)) {
        switch (sym_tidyNodeGetType(ch)) {
        case TidyNode_Text:
            node_value(w, ch);
            put_text(w, c, (const char *)w->value.bp, w->value.size);
            break;
        case TidyNode_Start:
        case TidyNode_StartEnd:
            if (c != &after && comments_anchor(w, ch)) {
                after.kinds |= DC_KIND_COMMENT;
                c = &after;
            }
            walk_element(w, ch, c);
            break;
        default: /* comments, doctype, processing instructions, CDATA */
            break;
        }
    }
}

/* Mark the blocks whose text the JSON-LD articleBody holds. */
static void
mark_jsonld(struct walk *w)
{
    struct dc_html *h = w->h;
    if (h->jsonld.len == 0)
        return;
    struct dc_buf *f = &h->scratch;
    for (size_t i = 0; i < h->nlines;) {
        uint32_t s = h->lines[i].hints.serial;
        size_t e = i + 1;
        if (s == 0) {
            i = e;
            continue;
        }
        while (e < h->nlines && h->lines[e].hints.serial == s)
            e++;
        dc_buf_clear(f);
        for (size_t k = i; k < e; k++)
            fold_into(f, h->text.data + h->lines[k].off, h->lines[k].len);
        /* Short texts would match by chance. */
        if (f->len >= 24 &&
            memmem(h->jsonld.data, h->jsonld.len, f->data, f->len))
            for (size_t k = i; k < e; k++)
                h->lines[k].hints.flags |= DC_HINT_JSONLD;
        i = e;
    }
}

/* ------------------------------------------------------- tidy's memory */

/*
 * libtidy allocates and frees each node, attribute, string and message
 * (seven buffers of 2 KiB a message, shown or not) with malloc and free:
 * close to a million calls on 280 pages, 6% of the time.  A parse gets
 * an arena instead: blocks of a power-of-two size class cut from 64 KiB
 * chunks, a freed block kept on its class's list for the next request of
 * that class, and every chunk given back at once after tidyRelease.
 * Blocks over the largest class (the lexer's buffer on a long page) are
 * malloc's.
 */
#define ARENA_CHUNK (64 * 1024)
#define ARENA_CLASSES 12             /* 16 bytes to 32 KiB */
#define ARENA_LARGE ARENA_CLASSES    /* the class of a block from malloc */

/* Before each block: its class.  The size keeps blocks aligned. */
union arena_head {
    unsigned cls;
    max_align_t align;
};

struct arena {
    TidyAllocator base;      /* first: tidy hands back a pointer to it */
    union arena_head *chunks; /* each chunk's head links the one before */
    char *next, *end;        /* what is left of the newest chunk */
    void *free[ARENA_CLASSES];
};

/* The smallest class that holds n bytes; ARENA_LARGE if none does. */
static unsigned
arena_class(size_t n)
{
    unsigned k = 0;
    while (k < ARENA_CLASSES && (size_t)16 << k < n)
        k++;
    return k;
}

static void *TIDY_CALL
arena_alloc(TidyAllocator *base, size_t n)
{
    struct arena *a = (struct arena *)base;
    unsigned k = arena_class(n);
    union arena_head *h;
    if (k == ARENA_LARGE) {
        h = dc_xmalloc(dc_add_size(sizeof *h, n));
    } else if (a->free[k]) {
        h = (union arena_head *)a->free[k] - 1;
        a->free[k] = *(void **)a->free[k];
    } else {
        size_t need = sizeof *h + ((size_t)16 << k);
        if ((size_t)(a->end - a->next) < need) {
            union arena_head *c = dc_xmalloc(ARENA_CHUNK);
            *(union arena_head **)c = a->chunks;
            a->chunks = c;
            a->next = (char *)(c + 1);
            a->end = (char *)c + ARENA_CHUNK;
        }
        h = (union arena_head *)a->next;
        a->next += need;
    }
    h->cls = k;
    return h + 1;
}

static void TIDY_CALL
arena_free(TidyAllocator *base, void *p)
{
    struct arena *a = (struct arena *)base;
    if (!p)
        return;
    union arena_head *h = (union arena_head *)p - 1;
    if (h->cls == ARENA_LARGE) {
        dc_free(h);
        return;
    }
    *(void **)p = a->free[h->cls];
    a->free[h->cls] = p;
}

static void *TIDY_CALL
arena_realloc(TidyAllocator *base, void *p, size_t n)
{
    if (!p)
        return arena_alloc(base, n);
    union arena_head *h = (union arena_head *)p - 1;
    unsigned k = arena_class(n);
    if (h->cls == ARENA_LARGE && k == ARENA_LARGE) {
        h = dc_xrealloc(h, dc_add_size(sizeof *h, n));
        return h + 1;
    }
    if (h->cls != ARENA_LARGE && k <= h->cls)
        return p;
    /* A large block shrinks to a class (n bytes to keep), or a block
     * outgrows its class (all of it). */
    size_t keep = h->cls == ARENA_LARGE ? n : (size_t)16 << h->cls;
    void *q = arena_alloc(base, n);
    memcpy(q, p, keep);
    arena_free(base, p);
    return q;
}

static void TIDY_CALL
arena_panic(TidyAllocator *base, ctmbstr msg)
{
    /* Tidy found its own tree broken; its default allocator prints and
     * exits too. */
    (void)base;
    fprintf(stderr, "declutter: libtidy: %s\n", msg);
    abort();
}

static const TidyAllocatorVtbl arena_vtbl = {
    arena_alloc, arena_realloc, arena_free, arena_panic};

/* Give every chunk back (tidy has freed its large blocks by then). */
static void
arena_release(struct arena *a)
{
    while (a->chunks) {
        union arena_head *c = a->chunks;
        a->chunks = *(union arena_head **)c;
        dc_free(c);
    }
}

/*
 * tidy's input, the prescan's output: tidyParseString would measure it
 * first, and read each byte through two layers of TidyBuffer calls.
 */
struct source {
    const unsigned char *start, *p, *end;
};

static int TIDY_CALL
source_get(void *data)
{
    struct source *s = data;
    return s->p < s->end ? *s->p++ : EOF;
}

static void TIDY_CALL
source_unget(void *data, byte bv)
{
    struct source *s = data;
    (void)bv; /* tidy gives back the bytes it read, in turn */
    if (s->p > s->start)
        s->p--;
}

static Bool TIDY_CALL
source_eof(void *data)
{
    const struct source *s = data;
    return s->p >= s->end;
}

/*
 * libtidy's process-wide state, and what keeps two workers apart in it:
 * - The content models of a few elements (<a>, <object>, <caption>,
 *   <button>) sit in its static table of tags, and each parse writes
 *   them for its own document type: ResetTags (HTML5) as it starts,
 *   AdjustTags on an older doctype.  Another parse's <a> around a
 *   heading then closed before it or held it, from run to run.  So one
 *   tidyParseString at a time.
 * - tidyCreate fills its character class table (the same bits each
 *   time, but a write all the same) that parsing and tidyRelease read:
 *   they too go under the lock.  The walk of the tree reads neither
 *   (helgrind on -j 2 sees no race in it), so it runs outside.
 * - tidyCreate also calls setlocale(LC_ALL, "") to pick the language of
 *   its messages, unless one was chosen: tidy_init chooses English once,
 *   which keeps the process in the C locale as well.
 */
static pthread_mutex_t tidy_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t tidy_once = PTHREAD_ONCE_INIT;

static void
tidy_init(void)
{
    sym_tidySetLanguage("en");
}

int
dc_html_parse(const char *in, size_t len, bool messages, bool continued,
              struct dc_html *h)
{
    if (!continued) {
        h->serial_base = 0;
        h->elem_base = 0;
        dc_buf_clear(&h->jsonld);
    }
    dc_buf_clear(&h->text);
    dc_buf_clear(&h->paths);
    dc_buf_clear(&h->elems);
    dc_buf_clear(&h->messages);
    h->nlines = 0;
    if (dc_html_load(NULL) != 0)
        return -1; /* no lines (callers load it first: dc_html_load) */

    struct walk w = {0};
    w.h = h;
    w.elem_count = h->elem_base;
    w.held = h->held;
    w.held_cap = h->held_cap;
    if (++h->held_gen == 0) { /* every slot could be a page's: free */
        if (h->held)
            memset(h->held, 0, h->held_cap * sizeof *h->held);
        h->held_gen = 1;
    }
    w.gen = h->held_gen;
    prescan(in, len, messages, &h->scratch);

    pthread_once(&tidy_once, tidy_init);
    pthread_once(&words_once, index_words);
    pthread_mutex_lock(&tidy_lock); /* see tidy_lock */
    struct arena arena = {.base = {&arena_vtbl}};
    TidyDoc tdoc = sym_tidyCreateWithAllocator(&arena.base);
    TidyBuffer errbuf;
    sym_tidyBufInit(&errbuf);
    sym_tidyBufInit(&w.value);
    sym_tidySetErrorBuffer(tdoc, &errbuf);
    sym_tidyOptSetBool(tdoc, TidyQuiet, yes);
    sym_tidyOptSetBool(tdoc, TidyShowInfo, no);
    if (!messages) {
        sym_tidyOptSetBool(tdoc, TidyShowWarnings, no);
        sym_tidyOptSetInt(tdoc, TidyShowErrors, 0);
    }
    sym_tidyOptSetInt(tdoc, TidyMergeDivs, TidyNoState);
    sym_tidyOptSetInt(tdoc, TidyMergeSpans, TidyNoState);
    sym_tidyOptSetBool(tdoc, TidyDropEmptyElems, no);
    sym_tidyOptSetBool(tdoc, TidyDropEmptyParas, no);
    sym_tidyOptSetBool(tdoc, TidyForceOutput, yes);
    sym_tidyOptSetInt(tdoc, TidyUseCustomTags, TidyCustomBlocklevel);
    /* Read as UTF-8, each character costs tidy a check against its table
     * of well-formed sequences, more than the rest of reading it; raw, a
     * byte is a character and the walk puts them back (unraw).  Not with
     * messages, whose columns count characters; nor where tidy keeps
     * white space (preformatted); nor when the bytes are not UTF-8 (the
     * pipeline's always are), which tidy would make U+FFFD. */
    w.raw = !messages &&
            dc_utf8_valid_prefix(h->scratch.data, h->scratch.len) ==
                h->scratch.len &&
            !preformatted(h->scratch.data, h->scratch.len);
    sym_tidySetInCharEncoding(tdoc, w.raw ? "raw" : "utf8");
    const unsigned char *in_start = (const unsigned char *)h->scratch.data;
    struct source src = {in_start, in_start, in_start + h->scratch.len};
    TidyInputSource source;
    sym_tidyInitSource(&source, &src, source_get, source_unget, source_eof);
    sym_tidyParseSource(tdoc, &source);
    pthread_mutex_unlock(&tidy_lock);

    struct ctx c = {0};
    TidyNode body = sym_tidyGetBody(tdoc);
    w.tdoc = tdoc;
    /* JSON-LD often sits in <head>, which is not walked for text. */
    TidyNode head = sym_tidyGetHead(tdoc);
    for (TidyNode n = head ? sym_tidyGetChild(head) : NULL; n;
         n = sym_tidyGetNext(n))
        if (sym_tidyNodeGetId(n) == TidyTag_SCRIPT)
            walk_element(&w, n, &c);
    if (body) {
        w.body_chars = subtree(&w, body, 0, 0).chars;
        dc_buf_puts(&w.path, "body");
        push_elem(&w);
        walk_children(&w, body, &c);
        end_block(&w, &c);
    }
    mark_jsonld(&w);
    if (errbuf.size)
        dc_buf_append(&h->messages, errbuf.bp, errbuf.size);

    sym_tidyBufFree(&w.value);
    sym_tidyBufFree(&errbuf);
    pthread_mutex_lock(&tidy_lock);
    sym_tidyRelease(tdoc);
    pthread_mutex_unlock(&tidy_lock);
    arena_release(&arena);
    dc_buf_free(&w.path);
    dc_buf_free(&w.elems);
    dc_buf_free(&w.attr);
    h->held = w.held;
    h->held_cap = w.held_cap;
    h->serial_base =
        (uint32_t)(((uint64_t)h->serial_base + h->nlines) % UINT32_MAX);
    h->elem_base = w.elem_count;
    return 0;
}

#endif /* HAVE_TIDY */

void
dc_html_free(struct dc_html *h)
{
    if (!h)
        return;
    dc_buf_free(&h->text);
    dc_free(h->lines);
    dc_buf_free(&h->paths);
    dc_buf_free(&h->elems);
    dc_buf_free(&h->messages);
    dc_buf_free(&h->scratch);
    dc_buf_free(&h->jsonld);
    dc_free(h->held);
    memset(h, 0, sizeof *h);
}
