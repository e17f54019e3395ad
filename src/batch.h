/*
 * batch.h - how the command drives documents through pipelines: the one
 * stream on standard input, files, NUL-separated records (-z) and JSON
 * lines (--jsonl); N threads cleaning documents at once, each with its
 * own rules and pipeline, output in input order, to standard output or
 * to one file per input (-o, --suffix); --stats and the progress line.
 *
 * Like main.c, this is the command rather than a stage: it opens files,
 * reports on stderr ("declutter: NAME: why") and returns an exit status.
 * main.c parses the options and hands them over in struct dc_batch_opts.
 *
 * Memory: each document in flight holds at most BATCH_IN_CAP bytes of
 * input waiting for its thread and BATCH_OUT_CAP bytes of output waiting
 * for its turn to be written (a thread whose document is not next in
 * line waits), plus its pipeline's window; at most 4 x jobs documents are
 * in flight.  A JSON-lines record is held whole (jansson parses it), up
 * to max_doc_bytes, but its text is fed to the pipeline in pieces.
 */
#ifndef DC_BATCH_H
#define DC_BATCH_H

#include "pipeline.h"

enum dc_framing {
    DC_FRAME_DOC = 0, /* each input (file or stdin) is one document */
    DC_FRAME_NUL,     /* documents end with a NUL byte (-z) */
    DC_FRAME_JSONL    /* one JSON object a line (--jsonl) */
};

/* What to do with a malformed or oversized document (--on-error). */
enum dc_on_error {
    DC_ON_ERROR_KEEP = 0, /* report it, write it unchanged, go on */
    DC_ON_ERROR_SKIP,     /* report it, write nothing for it, go on */
    DC_ON_ERROR_FAIL      /* report it and stop there; exit status 1 */
};

struct dc_batch_opts {
    /* For every pipeline; rules, on_drop and on_drop_arg are set here
     * per thread.  rules is the first thread's (already loaded, so that
     * rule errors are reported before any work); each further thread
     * gets a copy of it (dc_rules_copy()). */
    struct dc_pipeline_opts pipeline;
    enum dc_framing framing;
    const char *field;      /* JSONL: the member holding the text */
    enum dc_on_error on_error;
    uint64_t max_doc_bytes; /* bigger documents are reported (on_error) */
    unsigned jobs;          /* threads; 1 or more */
    const char *outdir;     /* write OUTDIR/BASENAME[SUFFIX] per input */
    const char *suffix;     /* without outdir: write FILE SUFFIX */
    bool unbuffered;        /* flush after each document */
    bool verbose;           /* per-document encoding and language */
    bool stats;             /* --stats at the end; progress on a tty */
};

/*
 * Clean files[0..nfiles) ("-" or none: standard input) as o says.
 * Returns the exit status: 0; 1 when an input could not be read, an
 * output could not be written, or --on-error=fail stopped the run (a
 * malformed or oversized document kept or skipped is reported but does
 * not count); 2 when the pipeline options are refused (message
 * printed).  A closed output pipe (EPIPE) ends the program quietly with
 * exit(0).  A write error on
 * standard output is left for the caller to report at exit (ferror),
 * with errno set to it.
 */
int dc_batch_run(const struct dc_batch_opts *o, char *const *files,
                 size_t nfiles);

#endif
