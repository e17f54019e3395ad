/*
 * test-oom.c - out of memory, simulated through the allocation hook
 * (dc_set_allocator): whichever allocation fails, declutter prints
 * "declutter: out of memory" and exits 1, and what it wrote before is a
 * prefix of the right output, never a crash or corrupt text.
 *
 * Each failure point runs in a child process (fork), which does what
 * main.c does: load the built-in rules, then clean a document fed in
 * small chunks, writing each piece of output as it comes.  The parent
 * counts the allocations of a run that does not fail, then makes the
 * k-th allocation fail: each one while the document is cleaned, 20
 * spread evenly over those made while the rules load.
 */
#include "config.h"

#include "embedded.h"
#include "lang.h"
#include "pipeline.h"
#include "rules.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

/* Under LeakSanitizer, a child that exits for want of memory leaks by
 * design; it says so with this (absent in other builds). */
void __lsan_disable(void) __attribute__((weak));

static size_t nallocs, fail_at;

static void *
counting_realloc(void *p, size_t n)
{
    if (++nallocs == fail_at)
        return NULL;
    return realloc(p, n);
}

static void
plain_free(void *p)
{
    free(p);
}

/* no calloc: every allocation goes through counting_realloc */
static const struct dc_allocator counting = {counting_realloc, plain_free,
                                             NULL};

static const char document[] =
    "Home > World > Europe\n"
    "\n"
    "Ferry sails again after three days of storms\n"
    "\n"
    "The island ferry sailed again on Monday morning after three days in "
    "port, carrying food, post and the first visitors since the storm "
    "closed the harbour last Thursday and cut the island off.\n"
    "\n"
    "Islanders said the shop had run out of bread and milk by Sunday, "
    "and that the school had stayed shut because two of its teachers "
    "live on the mainland \xe2\x80\x94 it\xe2\x80\x99s a long way &amp; "
    "more.\n"
    "\n"
    "Related\n"
    "Storm closes coastal road\n"
    "School roof repaired\n"
    "\n"
    "Leave a reply\n"
    "Your email address will not be published.\n";

static struct dc_rules *
load_rules(void)
{
    struct dc_rules *r = dc_rules_new();
    for (const struct dc_embedded_file *f = dc_embedded_rules; f->name; f++)
        if (dc_rules_load_string(r, f->name, f->data, f->len, NULL))
            abort();
    return r;
}

/* Clean the document with rules, writing output to fd as it comes. */
static void
clean(struct dc_rules *rules, int fd)
{
    struct dc_pipeline_opts po = {.mode = DC_EMIT_TEXT, .rules = rules};
    struct dc_pipeline *p = dc_pipeline_new(&po, NULL);
    struct dc_buf out = DC_BUF_INIT;
    size_t len = sizeof document - 1;
    for (size_t pos = 0; pos <= len; pos += 64) {
        size_t n = len - pos < 64 ? len - pos : 64;
        dc_pipeline_feed(p, document + pos, n, n == 0 || pos + n == len, &out);
        if (out.len && write(fd, out.data, out.len) != (ssize_t)out.len)
            abort();
        dc_buf_clear(&out);
        if (pos + n == len)
            break;
    }
    dc_buf_free(&out);
    dc_pipeline_free(p);
}

/* Read fd to its end into b. */
static void
slurp(int fd, struct dc_buf *b)
{
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        dc_buf_append(b, chunk, (size_t)n);
    }
}

/*
 * Run a child that fails its k-th allocation (0: none), counted from the
 * fork, while loading rules (rules == NULL) or cleaning with them.  Its
 * stdout goes to got, its stderr to msg; returns its wait status.
 */
static int
run_child(size_t k, struct dc_rules *rules, struct dc_buf *got,
          struct dc_buf *msg)
{
    int out[2], err[2];
    if (pipe(out) || pipe(err))
        abort();
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        close(out[0]);
        close(err[0]);
        dup2(err[1], 2);
        if (__lsan_disable)
            __lsan_disable();
        nallocs = 0;
        fail_at = k;
        dc_set_allocator(&counting);
        struct dc_rules *r = rules ? rules : load_rules();
        clean(r, out[1]);
        _exit(0);
    }
    close(out[1]);
    close(err[1]);
    slurp(out[0], got); /* small: fits the pipe, no deadlock on err */
    slurp(err[0], msg);
    close(out[0]);
    close(err[0]);
    int status;
    waitpid(pid, &status, 0);
    return status;
}

/* The child failing allocation k must exit 1 with the message, having
 * written a prefix of want.  Returns whether it did; says why if not. */
static bool
fail_one(size_t k, struct dc_rules *rules, const struct dc_buf *want,
         const char *phase)
{
    struct dc_buf got = DC_BUF_INIT, msg = DC_BUF_INIT;
    int status = run_child(k, rules, &got, &msg);
    bool exited1 = WIFEXITED(status) && WEXITSTATUS(status) == 1;
    bool message =
        msg.len && strcmp(msg.data, "declutter: out of memory\n") == 0;
    bool prefix = got.len <= want->len &&
                  (got.len == 0 || memcmp(got.data, want->data, got.len) == 0);
    bool good = exited1 && message && prefix;
    if (!good)
        ok(0, "%s: allocation %zu fails: exit %s%d, message %s, output %s",
           phase, k, WIFEXITED(status) ? "" : "by signal ",
           WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
           message ? "right" : "wrong", prefix ? "a prefix" : "corrupt");
    dc_buf_free(&got);
    dc_buf_free(&msg);
    return good;
}

int
main(void)
{
    dc_lang_init();

    /* A run that does not fail: the output, and the allocations made.
     * Matching writes scratch space into the rules object, so the
     * children clean with a second one, as fresh as this was. */
    struct dc_buf want = DC_BUF_INIT;
    int fds[2];
    if (pipe(fds))
        abort();
    struct dc_rules *fresh = load_rules();
    dc_set_allocator(&counting);
    nallocs = 0;
    struct dc_rules *rules = load_rules();
    size_t load_allocs = nallocs;
    nallocs = 0;
    clean(rules, fds[1]);
    size_t clean_allocs = nallocs;
    dc_set_allocator(NULL);
    close(fds[1]);
    slurp(fds[0], &want);
    close(fds[0]);
    ok(want.len > 0 && strstr(want.data, "Ferry sails") &&
           !strstr(want.data, "Leave a reply"),
       "the document is cleaned when memory does not run out (%zu bytes)",
       want.len);
    ok(load_allocs > 0 && clean_allocs > 0,
       "allocations counted: %zu loading the rules, %zu cleaning", load_allocs,
       clean_allocs);

    /* The hook itself changes nothing when nothing fails. */
    struct dc_buf got = DC_BUF_INIT, msg = DC_BUF_INIT;
    int status = run_child(0, fresh, &got, &msg);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && msg.len == 0,
       "a child that never fails exits 0, quietly");
    is_mem(got.data ? got.data : "", got.len, want.data, want.len,
           "a child that never fails writes the same output");
    dc_buf_free(&got);
    dc_buf_free(&msg);

    /* Every allocation while cleaning. */
    size_t bad = 0;
    for (size_t k = 1; k <= clean_allocs; k++)
        bad += !fail_one(k, fresh, &want, "cleaning");
    ok(bad == 0,
       "each of the %zu allocations made while cleaning fails cleanly "
       "(%zu did not)",
       clean_allocs, bad);

    /* Points spread evenly over loading the rules, first and last
     * included (each child loads them all again: a sample keeps the
     * test fast under the sanitizers). */
    enum { LOAD_POINTS = 20 };
    bad = 0;
    for (size_t i = 0; i < LOAD_POINTS; i++) {
        size_t k = 1 + i * (load_allocs - 1) / (LOAD_POINTS - 1);
        bad += !fail_one(k, NULL, &want, "loading rules");
    }
    ok(bad == 0,
       "%d of the %zu allocations made while loading the rules fail "
       "cleanly (%zu did not)",
       LOAD_POINTS, load_allocs, bad);

    dc_rules_free(rules);
    dc_rules_free(fresh);
    dc_buf_free(&want);
    return tap_done();
}
