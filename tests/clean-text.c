/*
 * clean-text.c - check that standard input is text as declutter promises
 * to write it: valid UTF-8, no NUL, no C0 control but tab and newline, no
 * DEL and no C1 control.  Exit 0 if so; else print the first offending
 * offset and exit 1.  Used by tests/pathological.sh on outputs too big or
 * too binary-born to compare with a golden file.
 */
#include "config.h"
#include "util.h"

#include <stdio.h>

int
main(void)
{
    struct dc_buf in = DC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        dc_buf_append(&in, chunk, n);
    if (ferror(stdin)) {
        fputs("clean-text: read error\n", stderr);
        return 2;
    }
    const unsigned char *u = (const unsigned char *)in.data;
    size_t valid = dc_utf8_valid_prefix(in.data ? in.data : "", in.len);
    int status = 0;
    if (valid != in.len) {
        printf("clean-text: invalid UTF-8 at byte %zu\n", valid);
        status = 1;
    }
    for (size_t i = 0; i < valid && !status; i++) {
        bool c0 = u[i] < 0x20 && u[i] != '\n' && u[i] != '\t';
        bool c1 = u[i] == 0xC2 && i + 1 < valid && u[i + 1] <= 0x9F;
        if (c0 || u[i] == 0x7F || c1) {
            printf("clean-text: control character at byte %zu\n", i);
            status = 1;
        }
    }
    dc_buf_free(&in);
    return status;
}
