/*
 * fuzz-html.c - a whole document read as HTML (--html) through the
 * pipeline with the built-in rules: charset, the prescan that bounds
 * nesting, libtidy, the walk into blocks, hints, classify, emit.
 *
 * Input as in fuzz-pipeline.c: byte 0 holds the options and the chunk
 * size, the rest is the page.  Unless bit 7 of byte 0 is set, a page
 * longer than HTML_PART bytes is parsed in parts of about that size (the
 * pipeline's are 2 MiB: no fuzzer input would reach them), which puts
 * the cuts, and the numbering carried from part to part, in reach.
 * Properties: the output is clean text and does not depend on the chunk
 * size (fuzz-pipeline.c's checks; markup has no input lines to compare
 * output lines with).  Without libtidy the HTML path does not exist and
 * there is nothing to check.
 */
#include "config.h"
#include "fuzz.h"

#include "pipeline.h"

#define HTML_PART 256

int
dc_fuzz_html(const uint8_t *data, size_t size)
{
#if HAVE_TIDY
    size_t part = size > 0 && (data[0] & 0x80) ? 0 : HTML_PART;
    return dc_fuzz_document("html", DC_INPUT_HTML, part, data, size);
#else
    (void)data;
    (void)size;
    return 0;
#endif
}
