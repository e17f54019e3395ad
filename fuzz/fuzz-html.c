/*
 * fuzz-html.c - a whole document read as HTML (--html) through the
 * pipeline with the built-in rules: charset, the prescan that bounds
 * nesting, libtidy, the walk into blocks, hints, classify, emit.
 *
 * Input as in fuzz-pipeline.c: byte 0 holds the options and the chunk
 * size, the rest is the page.  Properties: the output is clean text and
 * does not depend on the chunk size (fuzz-pipeline.c's checks; markup
 * has no input lines to compare output lines with).  Without libtidy
 * the HTML path does not exist and there is nothing to check.
 */
#include "config.h"
#include "fuzz.h"

#include "pipeline.h"

int
dc_fuzz_html(const uint8_t *data, size_t size)
{
#if HAVE_TIDY
    return dc_fuzz_document("html", DC_INPUT_HTML, data, size);
#else
    (void)data;
    (void)size;
    return 0;
#endif
}
