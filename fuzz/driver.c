/*
 * driver.c - replay fuzz inputs without libFuzzer, so that `meson test`
 * runs every corpus file through every target in every build (plain and
 * under the sanitizers), with whatever compiler built it (after zstd's
 * tests/fuzz/regression_driver.c).
 *
 *   driver TARGET PATH...     each PATH a file, or a directory whose files
 *                             (recursively, in name order) are replayed
 *
 * Prints TAP, one line per input.  A violated property aborts in the
 * target (fuzz.h), naming the input; the test then fails.  Each input is
 * read into a buffer of exactly its size, so that the sanitizers see a
 * read past its end.
 */
#include "config.h"
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef int (*target_fn)(const uint8_t *data, size_t size);

static const struct {
    const char *name;
    target_fn fn;
} targets[] = {
#define X(name) {#name, dc_fuzz_##name},
    DC_FUZZ_TARGETS
#undef X
};
#define NTARGETS (sizeof targets / sizeof targets[0])

static int ninputs, nfailed;

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
replay_file(target_fn fn, const char *path)
{
    FILE *f = fopen(path, "rb");
    struct dc_buf buf = DC_BUF_INIT;
    char chunk[65536];
    size_t n;
    if (!f) {
        printf("not ok %d - %s: %s\n", ++ninputs, path, strerror(errno));
        nfailed++;
        return;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        dc_buf_append(&buf, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        printf("not ok %d - %s: read error\n", ++ninputs, path);
        nfailed++;
        dc_buf_free(&buf);
        return;
    }
    /* an exact-size copy: dc_buf keeps spare room past the end */
    uint8_t *data = malloc(buf.len ? buf.len : 1);
    if (!data) {
        fputs("driver: out of memory\n", stderr);
        exit(1);
    }
    if (buf.len)
        memcpy(data, buf.data, buf.len);
    dc_fuzz_input_name = path;
    fn(data, buf.len);
    dc_fuzz_input_name = NULL;
    printf("ok %d - %s\n", ++ninputs, path);
    fflush(stdout);
    free(data);
    dc_buf_free(&buf);
}

static void
replay(target_fn fn, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("not ok %d - %s: %s\n", ++ninputs, path, strerror(errno));
        nfailed++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        replay_file(fn, path);
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        printf("not ok %d - %s: %s\n", ++ninputs, path, strerror(errno));
        nfailed++;
        return;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue; /* ., .. and hidden files such as .gitkeep */
        names = dc_xgrow(names, &cap, count + 1, sizeof *names);
        struct dc_buf full = DC_BUF_INIT;
        dc_buf_printf(&full, "%s/%s", path, e->d_name);
        names[count++] = full.data;
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        replay(fn, names[i]);
        dc_free(names[i]);
    }
    dc_free(names);
}

int
main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: driver TARGET PATH...\ntargets:", stderr);
        for (size_t i = 0; i < NTARGETS; i++)
            fprintf(stderr, " %s", targets[i].name);
        fputc('\n', stderr);
        return 2;
    }
    target_fn fn = NULL;
    for (size_t i = 0; i < NTARGETS; i++)
        if (strcmp(argv[1], targets[i].name) == 0)
            fn = targets[i].fn;
    if (!fn) {
        fprintf(stderr, "driver: unknown target '%s'\n", argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++)
        replay(fn, argv[i]);
    printf("1..%d\n", ninputs);
    /* An empty corpus proves nothing: fail rather than pass vacuously. */
    return nfailed || ninputs == 0 ? 1 : 0;
}
