/*
 * main.c - the declutter command: options, files, stdout, exit codes.
 *
 * The only file that prints or exits.  Everything else is in the stages,
 * driven through pipeline.h.
 */
#include "config.h"

#include "embedded.h"
#include "lang.h"
#include "pipeline.h"
#include "rules.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_RUNTIME 1
#define EXIT_INVALID_USAGE 2
#define CHUNK (64u << 10)

struct dc_opts {
    const char *from_code;
    bool keep_quotes;
    bool explain;
    bool unbuffered;
    bool verbose;
    bool no_default_rules;
    bool check_rules;
    enum dc_input input; /* --html, --text; default: sniff */
    const char **rule_files;
    size_t nrule_files;
    char **files; /* operands; none means stdin */
    size_t nfiles;
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
    "                          (the built-in ones and each FILE), then exit\n"
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
    "Rule files (see rules/README.md and declutter(1)): one statement a\n"
    "line, '#' comments:\n"
    "  drop /RE/i        drop a block        keep /RE/      never drop it\n"
    "  strip /RE/        cut a span out      cut-after /RE/ drop it and the\n"
    "  cut-before /RE/   drop it and what       rest that is not article\n"
    "                    precedes            drop-list /RE/ drop a heading\n"
    "  set NAME VALUE    classifier setting     and the list under it\n"
    "  drop-markup /RE/  drop an HTML block whose element path matches\n"
    "  keep-markup /RE/  never drop one         (body>div#main.post>p)\n"
    "  [de] [fr,it] [*]  language sections   test keep|drop \"TEXT\"\n"
    "Patterns are PCRE2 (Unicode) matched against a paragraph's text.\n"
    "\n"
    "Exit status: 0 success, 1 runtime failure (unreadable input, write\n"
    "error), 2 usage or rule error.\n";

/* Print "declutter: MESSAGE", the hint, and exit 2. */
static void
usage_error(const char *message)
{
    fprintf(stderr,
            "declutter: %s\nTry 'declutter --help' for more information.\n",
            message);
    exit(EXIT_INVALID_USAGE);
}

static void
parse_options(int argc, char **argv, struct dc_opts *o)
{
    enum { OPT_KEEP_QUOTES = 256, OPT_NO_DEFAULT_RULES, OPT_CHECK_RULES,
           OPT_HTML, OPT_TEXT };
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},
        {"no-default-rules", no_argument, NULL, OPT_NO_DEFAULT_RULES},
        {"check-rules", no_argument, NULL, OPT_CHECK_RULES},
        {"explain", no_argument, NULL, 'e'},
        {"from-code", required_argument, NULL, 'f'},
        {"keep-quotes", no_argument, NULL, OPT_KEEP_QUOTES},
        {"html", no_argument, NULL, OPT_HTML},
        {"text", no_argument, NULL, OPT_TEXT},
        {"unbuffered", no_argument, NULL, 'u'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    opterr = 0;
    char msg[256];
    int c;
    while ((c = getopt_long(argc, argv, ":r:ef:uvhV", longopts, NULL)) != -1) {
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
        case 'e':
            o->explain = true;
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
    struct dc_rules *r = dc_rules_new();
    struct dc_error err = {0};
    if (!o->no_default_rules) {
        for (const struct dc_embedded_file *f = dc_embedded_rules; f->name;
             f++)
            if (dc_rules_load_string(r, f->name, f->data, f->len, &err))
                rule_error(&err);
    }
    for (size_t i = 0; i < o->nrule_files; i++)
        if (dc_rules_load_file(r, o->rule_files[i], &err))
            rule_error(&err);
    for (size_t i = 0; i < nextra; i++)
        if (dc_rules_load_file(r, extra[i], &err))
            rule_error(&err);
    return r;
}

/*
 * Write and empty out.  An EPIPE means the reader has gone while SIGPIPE
 * is ignored (with its default action we would be dead already): stop
 * quietly, as cat would have.  Other errors are reported at exit.
 */
static void
write_out(struct dc_buf *out)
{
    if (out->len)
        fwrite(out->data, 1, out->len, stdout);
    if (ferror(stdout) && errno == EPIPE)
        exit(0);
    dc_buf_clear(out);
}

static void
report_warnings(struct dc_rules *rules)
{
    const struct dc_rule *r;
    while ((r = dc_rules_take_warning(rules)))
        fprintf(stderr,
                "declutter: warning: %s:%u: pattern hit the match limit; "
                "treated as not matching\n",
                r->file, r->line);
}

/* Clean one document from fd; returns 0, or -1 after reporting a read
 * error. */
static int
clean_fd(struct dc_pipeline *p, int fd, const char *name,
         const struct dc_opts *o, struct dc_rules *rules, char *chunk,
         struct dc_buf *out)
{
    int rc = 0;
    for (;;) {
        ssize_t n = read(fd, chunk, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "declutter: %s: %s\n", name, strerror(errno));
            rc = -1;
            n = 0; /* still end the document: print what was decided */
        }
        dc_pipeline_feed(p, chunk, (size_t)n, n == 0, out);
        write_out(out);
        if (n == 0)
            break;
    }
    report_warnings(rules);
    if (o->verbose) {
        struct dc_doc_stats s;
        dc_pipeline_stats(p, &s);
        /* tidy's lines already say "line L column C - Warning: ..." */
        for (const char *m = s.messages; m && *m;) {
            const char *nl = strchr(m, '\n');
            int n = nl ? (int)(nl - m) : (int)strlen(m);
            fprintf(stderr, "declutter: %s: html: %.*s\n", name, n, m);
            m += n + (nl != NULL);
        }
        fprintf(stderr,
                "declutter: %s: %sencoding %s, %zu bytes replaced, language "
                "%s, %llu lines kept, %llu dropped\n",
                name, s.html ? "HTML, " : "", s.encoding ? s.encoding : "?",
                s.replaced,
                s.lang ? s.lang : "?", (unsigned long long)s.kept_lines,
                (unsigned long long)s.dropped_lines);
    }
    if (o->unbuffered)
        fflush(stdout);
    return rc;
}

static int
run(const struct dc_opts *o)
{
    int status = 0;
    struct dc_rules *rules = NULL;
    struct dc_pipeline *p = NULL;
    char *chunk = NULL;
    struct dc_buf out = DC_BUF_INIT;

    if (o->check_rules) {
        rules = load_rules(o, o->files, o->nfiles);
        struct dc_buf report = DC_BUF_INIT;
        size_t total = 0;
        size_t failed = dc_rules_check(rules, &report, &total);
        fwrite(report.data ? report.data : "", 1, report.len, stdout);
        printf("%zu examples, %zu failed\n", total, failed);
        dc_buf_free(&report);
        status = failed ? EXIT_RUNTIME : 0;
        goto out;
    }

    rules = load_rules(o, NULL, 0);
    struct dc_error err = {0};
    struct dc_pipeline_opts po = {o->from_code, o->keep_quotes,
                                  o->explain ? DC_EMIT_EXPLAIN : DC_EMIT_TEXT,
                                  rules, o->input, o->verbose};
    p = dc_pipeline_new(&po, &err);
    if (!p) {
        fprintf(stderr, "declutter: %s\n", err.msg);
        status = EXIT_INVALID_USAGE;
        goto out;
    }
    chunk = dc_xmalloc(CHUNK);
    size_t n = o->nfiles ? o->nfiles : 1;
    for (size_t i = 0; i < n; i++) {
        const char *name = o->nfiles ? o->files[i] : "-";
        bool is_stdin = strcmp(name, "-") == 0;
        int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "declutter: %s: %s\n", name, strerror(errno));
            status = EXIT_RUNTIME;
            continue;
        }
        if (clean_fd(p, fd, is_stdin ? "(standard input)" : name, o, rules,
                     chunk, &out) < 0)
            status = EXIT_RUNTIME;
        if (!is_stdin)
            close(fd);
    }
out:
    dc_free(chunk);
    dc_buf_free(&out);
    dc_pipeline_free(p);
    dc_rules_free(rules);
    return status;
}

int
main(int argc, char **argv)
{
    struct dc_opts opts = {0};
    parse_options(argc, argv, &opts);
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
