/*
 * main.c - the declutter command: options, files, stdout, exit codes.
 *
 * The only file that prints or exits.  Everything else is in the stages,
 * driven through pipeline.h.
 */
#include "config.h"

#include "batch.h"
#include "embedded.h"
#include "lang.h"
#include "pipeline.h"
#include "rules.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_RUNTIME 1
#define EXIT_INVALID_USAGE 2
#define DEFAULT_MAX_DOC_BYTES (256ull << 20)
#define MAX_JOBS 1024

struct dc_opts {
    const char *from_code;
    bool keep_quotes;
    bool explain;
    bool features;
    bool unbuffered;
    bool verbose;
    bool no_default_rules;
    bool check_rules;
    const char *preset; /* --precision, --recall: rules/presets/NAME.rules */
    enum dc_input input; /* --html, --text; default: sniff */
    const char **rule_files;
    size_t nrule_files;
    char **files; /* operands; none means stdin */
    size_t nfiles;
    /* many documents (batch.h) */
    enum dc_framing framing;
    const char *field;
    bool html_field;
    enum dc_on_error on_error;
    uint64_t max_doc_bytes;
    unsigned jobs; /* 0: one per core online */
    const char *outdir, *suffix;
    bool stats;
};

static const char usage_text[] =
    "Usage: declutter [OPTION]... [FILE]...\n"
    "Print the article in text scraped from a web page, without its ads,\n"
    "scripts, menus, related-story lists, comment forms and footers.\n"
    "With no FILE, or when FILE is -, read standard input.  Each FILE is\n"
    "one document; output is UTF-8.  HTML is recognised and parsed.\n"
    "\n"
    "  -r, --rules=FILE        add the rules in FILE (repeatable)\n"
    "      --no-default-rules  start from no rules instead of the built-in\n"
    "      --check-rules       run the `test` examples of the rules loaded\n"
    "                          (the built-in ones and each FILE), and check\n"
    "                          that no pattern backtracks, then exit\n"
    "      --precision         drop more: less boilerplate, some text lost\n"
    "      --recall            keep more: all the text, more boilerplate\n"
    "                          (settings; a FILE's `set` lines still win)\n"
    "  -e, --explain           list every line, kept (+) or dropped (-),\n"
    "                          with the rule or feature that decided\n"
    "  -f, --from-code=ENC     input encoding (iconv name); default: detect\n"
    "      --keep-quotes       leave curly quotes as they are\n"
    "      --html              read input as HTML (default: when it looks\n"
    "                          like HTML)\n"
    "      --text              read input as text, even if it looks like HTML\n"
    "  -u, --unbuffered        flush output after each document\n"
    "  -v, --verbose           report encoding and language on stderr, and\n"
    "                          the HTML parser's warnings\n"
    "  -h, --help              display this help and exit\n"
    "  -V, --version           output version information and exit\n"
    "\n"
    "Many documents:\n"
    "  -z, --null-data         documents on input end with a NUL byte; so\n"
    "                          does each on output\n"
    "      --jsonl             input is JSON lines: clean each object's text\n"
    "                          field in place, keep every other byte\n"
    "      --field=NAME        the JSONL text field (default: text)\n"
    "      --html-field=NAME   the JSONL field holds HTML, not text\n"
    "      --on-error=ACTION   a malformed or oversized record or document:\n"
    "                          keep (write it unchanged; default), skip\n"
    "                          (leave it out), each reported on stderr, or\n"
    "                          fail (stop there, exit status 1)\n"
    "      --max-doc-bytes=N   documents bigger than N bytes (suffix K, M, G;\n"
    "                          default 256M) are errors, as --on-error says\n"
    "  -j, --jobs=N            clean N documents at once (default: the\n"
    "                          number of cores); output stays in input order\n"
    "  -o, --output-dir=DIR    write each FILE's output to DIR/BASENAME\n"
    "                          (DIR is created if missing)\n"
    "      --suffix=SUF        write each FILE's output to FILESUF, or with\n"
    "                          -o to DIR/BASENAMESUF\n"
    "      --stats             counts at the end on stderr (documents, bytes,\n"
    "                          lines dropped by each reason, encodings), and\n"
    "                          a progress line while stderr is a terminal\n"
    "\n"
    "Rule files (see rules/README.md and declutter(1)): one statement a\n"
    "line, '#' comments:\n"
    "  drop /RE/i        drop a block        keep /RE/      never drop it\n"
    "  strip /RE/        cut a span out      cut-after /RE/ drop it and the\n"
    "  cut-before /RE/   drop it and what       rest that is not article\n"
    "                    precedes            drop-list /RE/ drop a heading\n"
    "  set NAME VALUE    classifier setting     and the list under it\n"
    "  drop-markup /RE/  drop an HTML block whose element path matches\n"
    "  keep-markup /RE/  never drop one         (body>div#main.post>p)\n"
    "  signature /RE/    drop a comment's signature (\"Ann (2 days ago)\")\n"
    "  bio /RE/          a person presented: after the text, an author box\n"
    "  furniture /RE/    never text, but a break between what is around it\n"
    "  [de] [fr,it] [*]  language sections   test keep|drop \"TEXT\"\n"
    "Patterns are PCRE2 (Unicode) matched against a paragraph's text.\n"
    "\n"
    "Exit status: 0 success, 1 runtime failure (unreadable input, write\n"
    "error, --on-error=fail), 2 usage or rule error.\n";

/* Print "declutter: MESSAGE", the hint, and exit 2. */
static void
usage_error(const char *message)
{
    fprintf(stderr,
            "declutter: %s\nTry 'declutter --help' for more information.\n",
            message);
    exit(EXIT_INVALID_USAGE);
}

/* N[K|M|G] (powers of 1024) into *v; false when it is not one. */
static bool
parse_size(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    if (!dc_isdigit((unsigned char)*s))
        return false;
    unsigned long long n = strtoull(s, &end, 10);
    unsigned shift = 0;
    switch (*end) {
    case 'K': shift = 10; end++; break;
    case 'M': shift = 20; end++; break;
    case 'G': shift = 30; end++; break;
    default: break;
    }
    if (errno || *end || n == 0 || n > (UINT64_MAX >> shift))
        return false;
    *v = (uint64_t)n << shift;
    return true;
}

static void
bad_value(const char *option, const char *value)
{
    char msg[300];
    snprintf(msg, sizeof msg, "invalid argument '%s' for '%s'", value,
             option);
    usage_error(msg);
}

/* Options that cannot go together, or need another; exits 2. */
static void
check_options(struct dc_opts *o)
{
    if (o->field && o->framing != DC_FRAME_JSONL)
        usage_error(o->html_field ? "--html-field needs --jsonl"
                                  : "--field needs --jsonl");
    if (!o->field)
        o->field = "text";
    if ((o->outdir || o->suffix) && !o->check_rules) {
        if (o->nfiles == 0)
            usage_error("-o and --suffix need FILE operands");
        for (size_t i = 0; i < o->nfiles; i++)
            if (strcmp(o->files[i], "-") == 0)
                usage_error("-o and --suffix cannot name the output of "
                            "standard input");
    }
    if (o->suffix && !*o->suffix)
        usage_error("--suffix must not be empty");
    if (o->jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        o->jobs = n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
    }
}

static void
parse_options(int argc, char **argv, struct dc_opts *o)
{
    enum {
        OPT_KEEP_QUOTES = 256,
        OPT_NO_DEFAULT_RULES,
        OPT_CHECK_RULES,
        OPT_JSONL,
        OPT_FIELD,
        OPT_HTML_FIELD,
        OPT_ON_ERROR,
        OPT_MAX_DOC_BYTES,
        OPT_SUFFIX,
        OPT_STATS,
        OPT_HTML,
        OPT_TEXT,
        OPT_PRECISION,
        OPT_RECALL,
        OPT_FEATURES
    };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
        {"check-rules", no_argument, NULL, OPT_CHECK_RULES},
        {"precision", no_argument, NULL, OPT_PRECISION},
        {"recall", no_argument, NULL, OPT_RECALL},
        {"explain", no_argument, NULL, 'e'},
        {"features", no_argument, NULL, OPT_FEATURES},
        {"from-code", required_argument, NULL, 'f'},
        {"keep-quotes", no_argument, NULL, OPT_KEEP_QUOTES},
        {"html", no_argument, NULL, OPT_HTML},
        {"text", no_argument, NULL, OPT_TEXT},
        {"unbuffered", no_argument, NULL, 'u'},
        {"verbose", no_argument, NULL, 'v'},
        {"null-data", no_argument, NULL, 'z'},
        {"jsonl", no_argument, NULL, OPT_JSONL},
        {"field", required_argument, NULL, OPT_FIELD},
        {"html-field", required_argument, NULL, OPT_HTML_FIELD},
        {"on-error", required_argument, NULL, OPT_ON_ERROR},
        {"max-doc-bytes", required_argument, NULL, OPT_MAX_DOC_BYTES},
        {"jobs", required_argument, NULL, 'j'},
        {"output-dir", required_argument, NULL, 'o'},
        {"suffix", required_argument, NULL, OPT_SUFFIX},
        {"stats", no_argument, NULL, OPT_STATS},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    o->max_doc_bytes = DEFAULT_MAX_DOC_BYTES;
    char msg[256];
    uint64_t v;
    int c;
    while ((c = getopt_long(argc, argv, ":r:ef:uvzj:o:hV", longopts,
                            NULL)) != -1) {
        switch (c) {
        case 'r':
            o->rule_files = dc_xrealloc(o->rule_files, (o->nrule_files + 1) *
                                                          sizeof(char *));
            o->rule_files[o->nrule_files++] = optarg;
            break;
        case OPT_NO_DEFAULT_RULES:
            o->no_default_rules = true;
            break;
        case OPT_CHECK_RULES:
            o->check_rules = true;
            break;
        case OPT_PRECISION:
        case OPT_RECALL: {
            const char *name = c == OPT_PRECISION ? "precision" : "recall";
            if (o->preset && strcmp(o->preset, name) != 0)
                usage_error("--precision and --recall cannot go together");
            o->preset = name;
            break;
        }
        case 'e':
            o->explain = true;
            break;
        case OPT_FEATURES:
            o->features = true;
            break;
        case 'f':
            o->from_code = optarg;
            break;
        case OPT_KEEP_QUOTES:
            o->keep_quotes = true;
            break;
        case OPT_HTML:
#if !HAVE_TIDY
            usage_error("--html: built without libtidy");
#endif
            o->input = DC_INPUT_HTML;
            break;
        case OPT_TEXT:
            o->input = DC_INPUT_TEXT;
            break;
        case 'u':
            o->unbuffered = true;
            break;
        case 'v':
            o->verbose = true;
            break;
        case 'z':
        case OPT_JSONL:
            if (o->framing != DC_FRAME_DOC &&
                o->framing != (c == 'z' ? DC_FRAME_NUL : DC_FRAME_JSONL))
                usage_error("-z and --jsonl cannot go together");
            o->framing = c == 'z' ? DC_FRAME_NUL : DC_FRAME_JSONL;
            break;
        case OPT_FIELD:
        case OPT_HTML_FIELD:
            if (!*optarg)
                bad_value(c == OPT_FIELD ? "--field" : "--html-field", optarg);
            o->field = optarg;
            o->html_field = c == OPT_HTML_FIELD;
            break;
        case OPT_ON_ERROR:
            if (strcmp(optarg, "keep") == 0)
                o->on_error = DC_ON_ERROR_KEEP;
            else if (strcmp(optarg, "skip") == 0)
                o->on_error = DC_ON_ERROR_SKIP;
            else if (strcmp(optarg, "fail") == 0)
                o->on_error = DC_ON_ERROR_FAIL;
            else
                bad_value("--on-error", optarg);
            break;
        case OPT_MAX_DOC_BYTES:
            if (!parse_size(optarg, &o->max_doc_bytes))
                bad_value("--max-doc-bytes", optarg);
            break;
        case 'j':
            if (!parse_size(optarg, &v) || v > MAX_JOBS ||
                !dc_isdigit((unsigned char)optarg[strlen(optarg) - 1]))
                bad_value("--jobs", optarg);
            o->jobs = (unsigned)v;
            break;
        case 'o':
            if (!*optarg)
                bad_value("--output-dir", optarg);
            o->outdir = optarg;
            break;
        case OPT_SUFFIX:
            o->suffix = optarg;
            break;
        case OPT_STATS:
            o->stats = true;
            break;
        case 'h':
            fputs(usage_text, stdout);
            exit(0);
        case 'V':
            printf("declutter %s\n", DC_VERSION);
            exit(0);
        case ':':
            snprintf(msg, sizeof msg, "option '%s' requires an argument",
                     argv[optind - 1]);
            usage_error(msg);
            break;
        default:
            if (optopt)
                snprintf(msg, sizeof msg, "invalid option -- '%c'", optopt);
            else
                snprintf(msg, sizeof msg, "unrecognized option '%s'",
                         argv[optind - 1]);
            usage_error(msg);
        }
    }
    o->files = argv + optind;
    o->nfiles = (size_t)(argc - optind);
    check_options(o);
}

/* Print a rule loading error and exit 2. */
static void
rule_error(const struct dc_error *err)
{
    if (err->code == DC_EIO)
        fprintf(stderr, "declutter: %s: %s\n", err->file,
                strerror(err->saved_errno));
    else
        fprintf(stderr, "declutter: %s:%u:%u: %s\n", err->file, err->line,
                err->col, err->msg);
    exit(EXIT_INVALID_USAGE);
}

static struct dc_rules *
load_rules(const struct dc_opts *o, char *const *extra, size_t nextra)
{
    struct dc_rules *r = NULL;
    struct dc_error err = {0};
    /* the defaults as the build loaded them (embedded.h), or loaded now
     * when that snapshot is not one this build can read */
    if (!o->no_default_rules)
        r = dc_rules_from_snapshot(dc_embedded_snapshot,
                                   dc_embedded_snapshot_len);
    if (!r) {
        r = dc_rules_new();
        for (const struct dc_embedded_file *f = dc_embedded_rules;
             !o->no_default_rules && f->name; f++)
            if (dc_rules_load_string(r, f->name, f->data, f->len, &err))
                rule_error(&err);
    }
    /* A preset between the defaults and the user's files: it moves the
     * built-in settings, and the user's own still have the last word. */
    for (const struct dc_embedded_file *f = dc_embedded_presets;
         o->preset && f->name; f++)
        if (strcmp(f->name, o->preset) == 0 &&
            dc_rules_load_string(r, f->name, f->data, f->len, &err))
            rule_error(&err);
    for (size_t i = 0; i < o->nrule_files; i++)
        if (dc_rules_load_file(r, o->rule_files[i], &err))
            rule_error(&err);
    for (size_t i = 0; i < nextra; i++)
        if (dc_rules_load_file(r, extra[i], &err))
            rule_error(&err);
    return r;
}

static int
run(const struct dc_opts *o)
{
    int status = 0;
    struct dc_rules *rules = NULL;

    if (o->check_rules) {
        rules = load_rules(o, o->files, o->nfiles);
        struct dc_buf report = DC_BUF_INIT;
        size_t total = 0;
        size_t failed = dc_rules_check(rules, &report, &total);
        size_t patterns = 0;
        size_t slow = dc_rules_check_cost(rules, &report, &patterns);
        fwrite(report.data ? report.data : "", 1, report.len, stdout);
        printf("%zu patterns on hostile lines, %zu too slow\n", patterns, slow);
        printf("%zu examples, %zu failed\n", total, failed);
        failed += slow;
        dc_buf_free(&report);
        status = failed ? EXIT_RUNTIME : 0;
        goto out;
    }

    rules = load_rules(o, NULL, 0);
    struct dc_batch_opts bo = {
        .pipeline = {.from_code = o->from_code,
                     .keep_quotes = o->keep_quotes,
                     .mode = o->features  ? DC_EMIT_FEATURES
                             : o->explain ? DC_EMIT_EXPLAIN
                                          : DC_EMIT_TEXT,
                     .rules = rules,
                     .input = o->html_field ? DC_INPUT_HTML : o->input,
                     .html_messages = o->verbose},
        .framing = o->framing,
        .field = o->field,
        .on_error = o->on_error,
        .max_doc_bytes = o->max_doc_bytes,
        .jobs = o->jobs,
        .outdir = o->outdir,
        .suffix = o->suffix,
        .unbuffered = o->unbuffered,
        .verbose = o->verbose,
        .stats = o->stats,
    };
    status = dc_batch_run(&bo, o->files, o->nfiles);
out:
    dc_rules_free(rules);
    return status;
}

int
main(int argc, char **argv)
{
    struct dc_opts opts = {0};
    parse_options(argc, argv, &opts);
    if (!dc_lang_init_snapshot(dc_embedded_lang_snapshot,
                               dc_embedded_lang_snapshot_len))
        dc_lang_init();
    int status = run(&opts);
    dc_free(opts.rule_files);
    /* Report write errors once, at the end (gnulib's close_stdout). */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE)
            return status;
        fprintf(stderr, "declutter: write error: %s\n", strerror(errno));
        return EXIT_RUNTIME;
    }
    if (fclose(stdout) != 0) {
        if (errno == EPIPE)
            return status;
        fprintf(stderr, "declutter: write error: %s\n", strerror(errno));
        return EXIT_RUNTIME;
    }
    return status;
}
