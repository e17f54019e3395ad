/*
 * batch.c - documents through pipelines, in threads, in order; see
 * batch.h.
 *
 * Three kinds of thread:
 *
 *   reader (the calling thread): opens each input, reads it in CHUNK
 *     pieces, cuts it into documents (a file, a NUL record, a JSON line)
 *     and hands each document's bytes to a slot of a ring, in order;
 *   workers (jobs of them): each takes the next slot nobody has taken,
 *     cleans its bytes with its own rules and pipeline as they come, and
 *     appends the output to the slot;
 *   writer: writes the output of the oldest slot as it comes, then its
 *     messages, frees the slot and goes on to the next.
 *
 * A document is thus streamed end to end: a long one is never held
 * whole (a JSON line excepted: jansson checks it whole), and output
 * order is input order whatever the threads do.  The
 * bounds (BATCH_IN_CAP, BATCH_OUT_CAP, the ring's size) are what keep
 * memory flat; a worker whose document is not next waits when its output
 * is full, so a slow document at the head holds the others back rather
 * than letting their output pile up.
 *
 * One mutex guards the ring; documents are handed over in chunks, so the
 * lock is taken a few times per document, not per line.  Messages about
 * a document are kept in its slot and printed by the writer, so that
 * stderr too is in input order and the same for any -j.
 *
 * The single stream on standard input (no FILE, no -z, no --jsonl) is one
 * document that may never end: it is cleaned right here, with no threads
 * (run_stream).
 */
#include "config.h"
#include "batch.h"

#include "records.h"
#include "rules.h"
#include "stats.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64u << 10)
#define BATCH_IN_CAP (256u << 10)
#define BATCH_OUT_CAP (1u << 20)
/* The writer wakes the reader when half the ring is free: the other half
 * is what the workers live on until the reader runs again.  At 4 a job
 * they ran dry for a quarter of a -j 1 run on a loaded machine (small -z
 * documents, a wake-up that waits for a core); 16 leave them idle for a
 * few percent.  Memory: each slot holds at most BATCH_IN_CAP of input not
 * yet taken, or BATCH_OUT_CAP of output not yet written. */
#define SLOTS_PER_JOB 16
#define SIZE_UNKNOWN UINT64_MAX
#define STDIN_NAME "(standard input)"
#define PROGRESS_EVERY 0.25 /* seconds between progress line updates */

enum kind {
    K_DOC,  /* a document to clean */
    K_OPEN, /* start of an input whose records follow (-o, --suffix) */
    K_FAIL  /* an input that could not be read: a message only */
};

struct slot {
    bool used;     /* holds a document not yet written */
    bool in_final; /* the reader has given all its input */
    bool done;     /* its worker has finished it */
    enum kind kind;
    size_t file;   /* index of its input among the operands */
    const char *name;
    uint64_t number;    /* record (-z) or line (--jsonl) number */
    uint64_t size_hint; /* the input's size when known, else SIZE_UNKNOWN */
    struct dc_buf in, out, diag;
    int read_errno; /* reading its input failed: the reader says why */
    bool reported; /* a message about it counts as an error (--stats) */
    bool error;    /* ...that makes the exit status 1 */
    bool failed; /* --on-error=fail: stop after this one */
};

struct worker {
    struct batch *b;
    pthread_t thread;
    struct dc_rules *rules; /* owned, unless it is the caller's */
    bool own_rules;
    struct dc_pipeline *pipeline;
    struct dc_stats *stats;
    struct dc_buf chunk, out, rec, text;
    struct dc_buf acc;   /* a JSON record's output waiting (emit) */
    /* the document in hand */
    uint64_t fed;
    bool over; /* it passed max_doc_bytes */
};

struct batch {
    const struct dc_batch_opts *o;
    char *const *files;
    size_t nfiles;
    char **outpaths;   /* per input, with -o or --suffix; else NULL */
    bool *dup;         /* outpaths[i] is an earlier input's too */

    pthread_mutex_t mu;
    pthread_cond_t cv_reader, cv_worker, cv_writer;
    struct slot *slots;
    size_t nslots;
    uint64_t next_seq;   /* next document the reader hands over */
    uint64_t next_start; /* next document a worker takes */
    uint64_t head;       /* next document the writer writes */
    bool reader_done;
    bool stop;           /* --on-error=fail fired or output is gone */
    bool epipe;
    int out_errno;       /* first error writing standard output */

    /* writer's */
    int out_fd;          /* per-input output file, or -1 */
    size_t out_file;     /* which input out_fd is for (SIZE_MAX: none) */
    bool out_broken;     /* writing it failed: discard the rest */
    const char *out_path;
    int status;
    uint64_t errors, bytes_out;
    _Atomic uint64_t bytes_in;
    uint64_t total_in;   /* sum of the inputs' sizes, or SIZE_UNKNOWN */
    bool progress;
    struct timespec t0;
    double last_progress;
    /* Rules warned about, "\nFILE:LINE\n" each, under mu: each thread
     * has its own rules object, and a rule is warned about once a run. */
    struct dc_buf warned;
};

static struct slot *
slot_of(struct batch *b, uint64_t seq)
{
    return &b->slots[seq % b->nslots];
}

/*
 * Is s the slot the writer writes (or waits for)?  Only a change there
 * can end the writer's wait, so only then is it woken: a wake-up per
 * hand-over cost more context switches than documents had lines.
 */
static bool
at_head(struct batch *b, const struct slot *s)
{
    return s == slot_of(b, b->head);
}

static double
elapsed(const struct batch *b)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - b->t0.tv_sec) +
           (double)(t.tv_nsec - b->t0.tv_nsec) / 1e9;
}

static void
swap_buf(struct dc_buf *a, struct dc_buf *c)
{
    struct dc_buf t = *a;
    *a = *c;
    *c = t;
}

/* Append a message about a document to its slot (printed in order). */
static void
note(struct slot *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void
note(struct slot *s, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dc_buf_printf(&s->diag, "declutter: %s\n", msg);
}

/* The document's name in messages: FILE, FILE: record N, FILE:LINE. */
static void
label(const struct batch *b, const struct slot *s, char *buf, size_t n)
{
    unsigned long long num = (unsigned long long)s->number;
    switch (b->o->framing) {
    case DC_FRAME_NUL:
        snprintf(buf, n, "%s: record %llu", s->name, num);
        break;
    case DC_FRAME_JSONL:
        snprintf(buf, n, "%s:%llu", s->name, num);
        break;
    default:
        snprintf(buf, n, "%s", s->name);
    }
}

/* ------------------------------------------------------------ workers */

/* Hand output of s to the writer; wait while too much of it waits. */
static void
put(struct worker *w, struct slot *s, const char *p, size_t n)
{
    struct batch *b = w->b;
    if (n == 0)
        return;
    pthread_mutex_lock(&b->mu);
    dc_buf_append(&s->out, p, n);
    /* The writer takes small outputs when the document is done (work()
     * wakes it then): woken for every piece, it would write each alone. */
    if (at_head(b, s) && s->out.len >= CHUNK)
        pthread_cond_signal(&b->cv_writer);
    while (s->out.len > BATCH_OUT_CAP && !b->stop)
        pthread_cond_wait(&b->cv_worker, &b->mu);
    pthread_mutex_unlock(&b->mu);
}

static void
report_warnings(struct worker *w, struct slot *s)
{
    struct batch *b = w->b;
    const struct dc_rule *r;
    while ((r = dc_rules_take_warning(w->rules))) {
        char key[300];
        int n = snprintf(key, sizeof key, "\n%s:%u\n", r->file, r->line);
        size_t klen = n < 0 ? 0 : (size_t)n < sizeof key ? (size_t)n
                                                         : sizeof key - 1;
        pthread_mutex_lock(&b->mu);
        bool seen = b->warned.len &&
                    memmem(b->warned.data, b->warned.len, key, klen);
        if (!seen)
            dc_buf_append(&b->warned, key, klen);
        pthread_mutex_unlock(&b->mu);
        if (!seen)
            note(s, "warning: %s:%u: pattern hit the match limit; treated "
                    "as not matching",
                 r->file, r->line);
    }
}

/* A document's text has all been fed: count it, say what -v says. */
static void
text_done(struct worker *w, struct slot *s)
{
    struct dc_doc_stats ds;
    dc_pipeline_stats(w->pipeline, &ds);
    dc_stats_count_doc(w->stats, ds.encoding, ds.kept_lines,
                       ds.dropped_lines);
    report_warnings(w, s);
    if (w->b->o->verbose) {
        char name[300];
        label(w->b, s, name, sizeof name);
        /* tidy's lines already say "line L column C - Warning: ..." */
        for (const char *m = ds.messages; m && *m;) {
            const char *nl = strchr(m, '\n');
            int n = nl ? (int)(nl - m) : (int)strlen(m);
            note(s, "%s: html: %.*s", name, n, m);
            m += n + (nl != NULL);
        }
        note(s,
             "%s: %sencoding %s, %zu bytes replaced, language %s, %llu lines "
             "kept, %llu dropped",
             name, ds.html ? "HTML, " : "", ds.encoding ? ds.encoding : "?",
             ds.replaced,
             ds.lang ? ds.lang : "?", (unsigned long long)ds.kept_lines,
             (unsigned long long)ds.dropped_lines);
    }
}

/*
 * A malformed or oversized record or document: report it; true when it
 * is to be kept.  It was dealt with as --on-error asked, so it does not
 * fail the run (a data pipeline's engine would fail the whole task on a
 * non-zero status), unless that was to fail.
 */
static bool
bad_doc(struct worker *w, struct slot *s, const char *why)
{
    char name[300];
    label(w->b, s, name, sizeof name);
    note(s, "%s: %s", name, why);
    s->reported = true;
    if (w->b->o->on_error == DC_ON_ERROR_FAIL)
        s->failed = s->error = true;
    return w->b->o->on_error == DC_ON_ERROR_KEEP;
}

static void feed_text(struct worker *w, const char *p, size_t n, bool final);

/* Collect a record's output in w->acc, handing it over in CHUNK pieces
 * rather than a lock round per small piece. */
static void
emit(struct worker *w, struct slot *s, const char *p, size_t n)
{
    dc_buf_append(&w->acc, p, n);
    if (w->acc.len >= CHUNK) {
        put(w, s, w->acc.data, w->acc.len);
        dc_buf_clear(&w->acc);
    }
}

/*
 * Emit the cleaned text in w->out as JSON string contents.  The text
 * ends each line with '\n', and a text field does not end with one: a
 * final '\n' is held back (*nl) until more text shows it was not final.
 */
static void
emit_json_text(struct worker *w, struct slot *s, bool *nl)
{
    const char *p = w->out.data;
    size_t n = w->out.len;
    if (n == 0)
        return;
    dc_buf_clear(&w->text);
    if (*nl)
        dc_buf_append(&w->text, "\\n", 2);
    *nl = p[n - 1] == '\n';
    dc_json_escape(&w->text, p, *nl ? n - 1 : n);
    emit(w, s, w->text.data, w->text.len);
}

/* A whole JSON line is in w->rec: clean its field, or report it. */
static void
jsonl_record(struct worker *w, struct slot *s)
{
    const char *rec = w->rec.data ? w->rec.data : "";
    size_t len = w->rec.len;
    struct dc_jsonl_field f;
    struct dc_error err = {0};
    if (dc_jsonl_blank(rec, len)) {
        /* Not a record: a blank line passes as it is, so that line
         * numbers in and out stay the same. */
        put(w, s, rec, len);
        put(w, s, "\n", 1);
        return;
    }
    if (dc_jsonl_find(rec, len, w->b->o->field, &f, &err) < 0) {
        if (bad_doc(w, s, err.msg)) {
            put(w, s, rec, len);
            put(w, s, "\n", 1);
        }
        return;
    }
    /* The bytes before the value, then the value as it is cleaned,
     * piece by piece, then the bytes after it: a big record's text goes
     * through the pipeline as a stream, not as one feed of its size. */
    dc_buf_clear(&w->acc);
    emit(w, s, rec, f.start);
    emit(w, s, "\"", 1);
    bool nl = false;
    size_t off = 0;
    do {
        size_t n = f.len - off < CHUNK ? f.len - off : CHUNK;
        dc_buf_clear(&w->out);
        feed_text(w, f.text + off, n, off + n == f.len);
        off += n;
        emit_json_text(w, s, &nl);
    } while (off < f.len);
    text_done(w, s);
    size_t end = f.end;
    dc_jsonl_field_free(&f);
    emit(w, s, "\"", 1);
    emit(w, s, rec + end, len - end);
    emit(w, s, "\n", 1);
    put(w, s, w->acc.data, w->acc.len);
    dc_buf_clear(&w->acc);
}

/* Feed text to the pipeline as it came: its output does not depend on
 * the pieces (pipeline.h), so a document's output is the same for any
 * -j, any thread timing, and the same as `declutter < FILE`.  Output is
 * appended to w->out. */
static void
feed_text(struct worker *w, const char *p, size_t n, bool final)
{
    dc_pipeline_feed(w->pipeline, p, n, final, &w->out);
}

/* Feed bytes that are within the size limit. */
static void
feed_within(struct worker *w, struct slot *s, const char *p, size_t n,
            bool final)
{
    w->fed += n;
    if (w->b->o->framing == DC_FRAME_JSONL) {
        dc_buf_append(&w->rec, p, n);
        if (final)
            jsonl_record(w, s);
        return;
    }
    dc_buf_clear(&w->out);
    feed_text(w, p, n, final);
    if (final) {
        text_done(w, s);
        if (w->b->o->framing == DC_FRAME_NUL)
            dc_buf_putc(&w->out, '\0');
    }
    put(w, s, w->out.data, w->out.len);
}

/*
 * The document has passed max_doc_bytes.  A JSON line (held whole so
 * far) is written unchanged or dropped; a text document, which streams,
 * has had its first max_doc_bytes cleaned and written: it ends there,
 * and the rest is written unchanged or dropped.
 */
static void
overflow(struct worker *w, struct slot *s)
{
    char why[128];
    snprintf(why, sizeof why, "larger than --max-doc-bytes (%llu bytes)",
             (unsigned long long)w->b->o->max_doc_bytes);
    bool keep = bad_doc(w, s, why);
    w->over = true;
    if (w->b->o->framing == DC_FRAME_JSONL) {
        if (keep)
            put(w, s, w->rec.data, w->rec.len);
        dc_buf_clear(&w->rec);
        return;
    }
    dc_buf_clear(&w->out);
    feed_text(w, NULL, 0, true);
    report_warnings(w, s);
    put(w, s, w->out.data, w->out.len);
}

static void
feed(struct worker *w, struct slot *s, const char *p, size_t n, bool final)
{
    uint64_t max = w->b->o->max_doc_bytes;
    if (!w->over && n > max - w->fed) {
        size_t room = (size_t)(max - w->fed);
        feed_within(w, s, p, room, false);
        overflow(w, s);
        p += room;
        n -= room;
    }
    if (!w->over) {
        feed_within(w, s, p, n, final);
        return;
    }
    bool keep = w->b->o->on_error == DC_ON_ERROR_KEEP;
    if (keep)
        put(w, s, p, n);
    if (final) {
        if (w->b->o->framing == DC_FRAME_NUL)
            put(w, s, "", 1);
        else if (w->b->o->framing == DC_FRAME_JSONL && keep)
            put(w, s, "\n", 1);
    }
}

/* Clean the document in slot s, taking its input as the reader gives
 * it. */
static void
work(struct worker *w, struct slot *s)
{
    struct batch *b = w->b;
    w->fed = 0;
    w->over = false;
    dc_buf_clear(&w->rec);
    if (s->size_hint != SIZE_UNKNOWN && s->size_hint > b->o->max_doc_bytes) {
        /* Known too big before reading it: the whole of it is passed
         * through or skipped. */
        w->over = true;
        char why[128];
        snprintf(why, sizeof why, "larger than --max-doc-bytes (%llu bytes)",
                 (unsigned long long)b->o->max_doc_bytes);
        bad_doc(w, s, why);
    }
    pthread_mutex_lock(&b->mu);
    for (;;) {
        while (s->in.len == 0 && !s->in_final)
            pthread_cond_wait(&b->cv_worker, &b->mu);
        bool final = s->in_final;
        int read_errno = s->read_errno;
        /* the reader waits for room in this slot only when it is full */
        bool wake_reader = s->in.len >= BATCH_IN_CAP;
        swap_buf(&s->in, &w->chunk);
        pthread_mutex_unlock(&b->mu);
        if (wake_reader)
            pthread_cond_signal(&b->cv_reader);
        if (final && read_errno) {
            note(s, "%s: %s", s->name, strerror(read_errno));
            s->error = s->reported = true;
        }
        feed(w, s, w->chunk.data, w->chunk.len, final);
        dc_buf_clear(&w->chunk);
        pthread_mutex_lock(&b->mu);
        if (final)
            break;
    }
    s->done = true;
    bool wake_writer = at_head(b, s);
    /* Signalled after the unlock, the writer does not wake to a lock
     * still held. */
    pthread_mutex_unlock(&b->mu);
    if (wake_writer)
        pthread_cond_signal(&b->cv_writer);
}

/* Give w its pipeline, on rules (its own to free when own is set). */
static int
worker_setup(struct worker *w, struct dc_rules *rules, bool own,
             struct dc_error *err)
{
    const struct dc_batch_opts *o = w->b->o;
    w->own_rules = own;
    w->rules = rules;
    w->stats = dc_stats_new();
    struct dc_pipeline_opts po = o->pipeline;
    po.rules = w->rules;
    if (o->stats) {
        po.on_drop = dc_stats_count_drop;
        po.on_drop_arg = w->stats;
    }
    w->pipeline = dc_pipeline_new(&po, err);
    return w->pipeline ? 0 : -1;
}

static void *
worker_main(void *arg)
{
    struct worker *w = arg;
    struct batch *b = w->b;
    if (!w->pipeline) {
        struct dc_error err = {0};
        /* The same options worked for the first thread. */
        if (worker_setup(w, w->rules, true, &err) < 0)
            abort();
    }
    pthread_mutex_lock(&b->mu);
    for (;;) {
        /* K_OPEN and K_FAIL slots need no worker; the writer may even
         * have freed them (head passed them) before we look. */
        while (b->next_start < b->next_seq &&
               (b->next_start < b->head ||
                slot_of(b, b->next_start)->kind != K_DOC))
            b->next_start++;
        if (b->next_start < b->next_seq) {
            struct slot *s = slot_of(b, b->next_start++);
            pthread_mutex_unlock(&b->mu);
            work(w, s);
            pthread_mutex_lock(&b->mu);
            continue;
        }
        if (b->reader_done)
            break;
        pthread_cond_wait(&b->cv_worker, &b->mu);
    }
    pthread_mutex_unlock(&b->mu);
    return NULL;
}

static void
worker_free(struct worker *w)
{
    dc_pipeline_free(w->pipeline);
    if (w->own_rules)
        dc_rules_free(w->rules);
    dc_stats_free(w->stats);
    dc_buf_free(&w->chunk);
    dc_buf_free(&w->out);
    dc_buf_free(&w->rec);
    dc_buf_free(&w->text);
    dc_buf_free(&w->acc);
}

/* ------------------------------------------------------------- writer */

/* Redraw the progress line, at most every PROGRESS_EVERY seconds. */
static void
progress(struct batch *b)
{
    if (!b->progress)
        return;
    double t = elapsed(b);
    if (t - b->last_progress < PROGRESS_EVERY)
        return;
    b->last_progress = t;
    double mb = (double)atomic_load(&b->bytes_in) / 1e6;
    double rate = t > 0 ? mb / t : 0;
    char tail[64] = "";
    if (b->total_in != SIZE_UNKNOWN && b->total_in > 0) {
        double left = (double)b->total_in / 1e6 - mb;
        snprintf(tail, sizeof tail, ", %.0f%%, %.0f s left",
                 100.0 * mb * 1e6 / (double)b->total_in,
                 rate > 0 ? left / rate : 0.0);
    }
    fprintf(stderr, "\rdeclutter: %llu documents, %.1f MB, %.1f MB/s%s\033[K",
            (unsigned long long)b->head, mb, rate, tail);
}

static void
output_error(struct batch *b, const char *path, int e)
{
    fprintf(stderr, "declutter: %s: %s\n", path, strerror(e));
    b->out_broken = true;
    b->status = 1;
    b->errors++;
}

static void
close_output(struct batch *b)
{
    if (b->out_fd >= 0 && close(b->out_fd) < 0 && !b->out_broken)
        output_error(b, b->out_path, errno);
    b->out_fd = -1;
}

/* Start writing the output for input i (-o, --suffix). */
static void
open_output(struct batch *b, size_t i)
{
    close_output(b);
    b->out_file = i;
    b->out_path = b->outpaths[i];
    b->out_broken = false;
    struct stat in_st, out_st;
    const char *in = b->files[i];
    if (stat(in, &in_st) == 0 && stat(b->out_path, &out_st) == 0 &&
        in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino) {
        fprintf(stderr, "declutter: %s: is the input file itself; not "
                        "written\n",
                b->out_path);
        b->out_broken = true;
        b->status = 1;
        b->errors++;
        return;
    }
    b->out_fd = open(b->out_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (b->out_fd < 0)
        output_error(b, b->out_path, errno);
}

static void
write_bytes(struct batch *b, const char *p, size_t n)
{
    if (n == 0 || b->stop)
        return;
    b->bytes_out += n;
    if (!b->outpaths) {
        fwrite(p, 1, n, stdout);
        if (ferror(stdout) && !b->out_errno)
            b->out_errno = errno ? errno : EIO;
        if (ferror(stdout) && errno == EPIPE) {
            /* The reader has gone (SIGPIPE ignored, or we would be dead
             * already): stop quietly, as cat would. */
            b->epipe = true;
            b->stop = true;
        }
        return;
    }
    while (n > 0 && !b->out_broken && b->out_fd >= 0) {
        ssize_t k = write(b->out_fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            output_error(b, b->out_path, errno);
            break;
        }
        p += k;
        n -= (size_t)k;
    }
}

static void *
writer_main(void *arg)
{
    struct batch *b = arg;
    struct dc_buf buf = DC_BUF_INIT;
    pthread_mutex_lock(&b->mu);
    for (;;) {
        struct slot *s = slot_of(b, b->head);
        while (!s->used && !(b->reader_done && b->head == b->next_seq))
            pthread_cond_wait(&b->cv_writer, &b->mu);
        if (!s->used)
            break;
        /* Messages and counts of documents after a stop are not
         * wanted either: only their threads' work is finished. */
        bool stopped = b->stop;
        if (b->outpaths && s->kind != K_FAIL && !stopped &&
            s->file != b->out_file) {
            pthread_mutex_unlock(&b->mu);
            open_output(b, s->file);
            pthread_mutex_lock(&b->mu);
        }
        for (;;) {
            while (s->out.len == 0 && !s->done)
                pthread_cond_wait(&b->cv_writer, &b->mu);
            bool done = s->done;
            swap_buf(&s->out, &buf);
            /* put() waits for the writer only past BATCH_OUT_CAP */
            bool drained = buf.len > BATCH_OUT_CAP;
            pthread_mutex_unlock(&b->mu);
            if (drained)
                pthread_cond_broadcast(&b->cv_worker);
            write_bytes(b, buf.data, buf.len);
            dc_buf_clear(&buf);
            progress(b);
            pthread_mutex_lock(&b->mu);
            if (done)
                break;
        }
        if (s->diag.len && !stopped)
            fwrite(s->diag.data, 1, s->diag.len, stderr);
        if (!stopped) {
            b->status |= s->error;
            b->errors += s->reported;
        }
        if (s->failed || b->stop) {
            b->stop = true;
            pthread_cond_broadcast(&b->cv_reader);
            pthread_cond_broadcast(&b->cv_worker);
        }
        if (b->o->unbuffered && !b->outpaths)
            fflush(stdout);
        s->used = s->done = s->in_final = s->error = s->failed = false;
        s->reported = false;
        s->read_errno = 0;
        dc_buf_clear(&s->in);
        dc_buf_clear(&s->out);
        dc_buf_clear(&s->diag);
        b->head++;
        /* The reader, waiting for a free slot, is woken when half of
         * them are free, to fill them in one go rather than one each
         * time it is woken. */
        if (b->next_seq - b->head <= b->nslots / 2)
            pthread_cond_signal(&b->cv_reader);
    }
    pthread_mutex_unlock(&b->mu);
    close_output(b);
    if (!b->outpaths && fflush(stdout) != 0 && !b->out_errno)
        b->out_errno = errno;
    dc_buf_free(&buf);
    return NULL;
}

/* ------------------------------------------------------------- reader */

/* Take the next slot for a document (waiting for one to be free); NULL
 * once the run is stopping.  why: the message of a K_FAIL slot; error:
 * it makes the exit status 1; fail: stop the run after it. */
static struct slot *
begin(struct batch *b, enum kind kind, size_t file, const char *name,
      uint64_t number, uint64_t size_hint, const char *why, bool error,
      bool fail)
{
    pthread_mutex_lock(&b->mu);
    struct slot *s = slot_of(b, b->next_seq);
    while (s->used && !b->stop)
        pthread_cond_wait(&b->cv_reader, &b->mu);
    if (b->stop) {
        pthread_mutex_unlock(&b->mu);
        return NULL;
    }
    s->used = true;
    s->kind = kind;
    s->file = file;
    s->name = name;
    s->number = number;
    s->size_hint = size_hint;
    if (why) {
        note(s, "%s: %s", name, why);
        s->reported = true;
        s->error = error;
        s->failed = fail;
    }
    /* Only documents need a worker. */
    s->done = s->in_final = kind != K_DOC;
    bool wake_writer = at_head(b, s);
    b->next_seq++;
    pthread_mutex_unlock(&b->mu);
    if (wake_writer)
        pthread_cond_signal(&b->cv_writer);
    pthread_cond_broadcast(&b->cv_worker);
    return s;
}

/* Hand n bytes of s's input to its worker; with final, they are the
 * last (one lock round for a record that came whole in a chunk). */
static void
give(struct batch *b, struct slot *s, const char *p, size_t n, bool final)
{
    pthread_mutex_lock(&b->mu);
    while (n && s->in.len >= BATCH_IN_CAP && !b->stop)
        pthread_cond_wait(&b->cv_reader, &b->mu);
    dc_buf_append(&s->in, p, n);
    s->in_final |= final;
    pthread_mutex_unlock(&b->mu);
    pthread_cond_broadcast(&b->cv_worker);
}

static void
end(struct batch *b, struct slot *s)
{
    give(b, s, NULL, 0, true);
}

/* A message for a file that could not be read, in its place in order. */
static void
fail_input(struct batch *b, size_t file, const char *name, const char *why)
{
    begin(b, K_FAIL, file, name, 0, SIZE_UNKNOWN, why, true, false);
}

static bool
stopping(struct batch *b)
{
    pthread_mutex_lock(&b->mu);
    bool stop = b->stop;
    pthread_mutex_unlock(&b->mu);
    return stop;
}

/* Read one input and hand over its documents. */
static void
read_input(struct batch *b, size_t file, const char *name, int fd,
           uint64_t size_hint, char *chunk)
{
    enum dc_framing fr = b->o->framing;
    char sep = fr == DC_FRAME_NUL ? '\0' : '\n';
    struct slot *s = NULL;
    uint64_t number = 0;
    if (fr == DC_FRAME_DOC) {
        s = begin(b, K_DOC, file, name, 0, size_hint, NULL, false, false);
        if (!s)
            return;
    } else if (b->outpaths &&
               !begin(b, K_OPEN, file, name, 0, 0, NULL, false, false)) {
        return;
    }
    for (;;) {
        ssize_t n = read(fd, chunk, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            /* End what was read, with a message in its place. */
            int e = errno;
            if (s) {
                /* Its worker reports it (it owns the messages). */
                pthread_mutex_lock(&b->mu);
                s->read_errno = e;
                pthread_mutex_unlock(&b->mu);
            } else {
                fail_input(b, file, name, strerror(e));
            }
            break;
        }
        if (n == 0)
            break;
        atomic_fetch_add(&b->bytes_in, (uint64_t)n);
        if (fr == DC_FRAME_DOC) {
            give(b, s, chunk, (size_t)n, false);
            continue;
        }
        size_t pos = 0;
        struct dc_span piece;
        enum dc_split k;
        while ((k = dc_split_next(sep, chunk, (size_t)n, &pos, &piece)) !=
               DC_SPLIT_DONE) {
            if (!s) {
                s = begin(b, K_DOC, file, name, ++number, SIZE_UNKNOWN,
                          NULL, false, false);
                if (!s)
                    return;
            }
            give(b, s, piece.p, piece.len, k == DC_SPLIT_END);
            if (k == DC_SPLIT_END)
                s = NULL;
        }
        if (stopping(b))
            break;
    }
    if (s)
        end(b, s); /* a last record without its separator counts too */
}

static void
read_all(struct batch *b)
{
    char *chunk = dc_xmalloc(CHUNK);
    size_t n = b->nfiles ? b->nfiles : 1;
    for (size_t i = 0; i < n && !stopping(b); i++) {
        const char *arg = b->nfiles ? b->files[i] : "-";
        bool is_stdin = strcmp(arg, "-") == 0;
        const char *name = is_stdin ? STDIN_NAME : arg;
        if (b->dup && b->dup[i]) {
            char why[600];
            snprintf(why, sizeof why, "%s is also the output of an earlier "
                                      "input; not written",
                     b->outpaths[i]);
            fail_input(b, i, name, why);
            continue;
        }
        int fd = is_stdin ? STDIN_FILENO : open(arg, O_RDONLY);
        struct stat st;
        if (fd < 0) {
            fail_input(b, i, name, strerror(errno));
            continue;
        }
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            fail_input(b, i, name, strerror(EISDIR));
            close(fd);
            continue;
        }
        uint64_t hint = SIZE_UNKNOWN;
        if (!is_stdin && S_ISREG(st.st_mode))
            hint = (uint64_t)st.st_size;
        if (b->o->framing == DC_FRAME_DOC && hint != SIZE_UNKNOWN &&
            hint > b->o->max_doc_bytes &&
            b->o->on_error != DC_ON_ERROR_KEEP) {
            /* Known too big and not to be kept: no output at all, not
             * even an empty file.  (Kept, a worker copies it.) */
            char why[128];
            snprintf(why, sizeof why,
                     "larger than --max-doc-bytes (%llu bytes)",
                     (unsigned long long)b->o->max_doc_bytes);
            bool fail = b->o->on_error == DC_ON_ERROR_FAIL;
            begin(b, K_FAIL, i, name, 0, hint, why, fail, fail);
            close(fd);
            continue;
        }
        read_input(b, i, name, fd, hint, chunk);
        if (!is_stdin)
            close(fd);
    }
    dc_free(chunk);
    pthread_mutex_lock(&b->mu);
    b->reader_done = true;
    pthread_cond_broadcast(&b->cv_worker);
    pthread_cond_broadcast(&b->cv_writer);
    pthread_mutex_unlock(&b->mu);
}

/* ------------------------------------------------------ output names */

struct name_ref {
    const char *path;
    size_t index;
};

static int
cmp_name(const void *a, const void *c)
{
    const struct name_ref *x = a, *y = c;
    int r = strcmp(x->path, y->path);
    /* ties by position, so that the first input keeps the name */
    return r ? r : (x->index > y->index) - (x->index < y->index);
}

/* OUTDIR/BASENAME[SUFFIX] or FILE SUFFIX for every operand; mark those
 * whose name an earlier operand already has, so that no output is
 * silently overwritten by another in the same run. */
static void
output_names(struct batch *b)
{
    const struct dc_batch_opts *o = b->o;
    size_t n = b->nfiles;
    b->outpaths = dc_xcalloc(n, sizeof *b->outpaths);
    b->dup = dc_xcalloc(n, sizeof *b->dup);
    const char *suffix = o->suffix ? o->suffix : "";
    struct dc_buf name = DC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        const char *f = b->files[i];
        dc_buf_clear(&name);
        if (o->outdir) {
            const char *base = strrchr(f, '/');
            dc_buf_printf(&name, "%s/%s%s", o->outdir, base ? base + 1 : f,
                          suffix);
        } else {
            dc_buf_printf(&name, "%s%s", f, suffix);
        }
        b->outpaths[i] = dc_xstrdup(name.data);
    }
    dc_buf_free(&name);
    struct name_ref *sorted = dc_xcalloc(n, sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = (struct name_ref){b->outpaths[i], i};
    qsort(sorted, n, sizeof *sorted, cmp_name);
    for (size_t i = 1; i < n; i++)
        if (strcmp(sorted[i - 1].path, sorted[i].path) == 0)
            b->dup[sorted[i].index] = true;
    dc_free(sorted);
}

/* mkdir -p: DIR and its parents; -1 with errno set when it fails or
 * DIR is not a directory.  path is not empty (main.c sees to it). */
static int
make_dir(const char *path)
{
    char *p = dc_xstrdup(path);
    int rc = 0, e = 0;
    for (char *q = p + 1; rc == 0; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) {
            rc = -1;
            e = errno;
        }
        *q = c;
        if (c == '\0')
            break;
    }
    dc_free(p);
    struct stat st;
    if (rc == 0 && stat(path, &st) < 0) {
        rc = -1;
        e = errno;
    } else if (rc == 0 && !S_ISDIR(st.st_mode)) {
        rc = -1;
        e = ENOTDIR;
    }
    errno = e;
    return rc;
}

/* ------------------------------------------------------------ the run */

static void
print_stats(struct dc_stats *s, uint64_t in, uint64_t out, uint64_t errors,
            double seconds)
{
    struct dc_buf buf = DC_BUF_INIT;
    s->bytes_in = in;
    s->bytes_out = out;
    s->errors = errors;
    s->seconds = seconds;
    dc_stats_format(s, &buf);
    fwrite(buf.data, 1, buf.len, stderr);
    dc_buf_free(&buf);
}

/* The one stream on standard input: no threads, streaming as ever. */
static int
run_stream(const struct dc_batch_opts *o, struct worker *w,
           struct batch *b)
{
    int status = 0;
    char *chunk = dc_xmalloc(CHUNK);
    struct dc_buf *out = &w->out;
    struct slot s = {.name = STDIN_NAME};
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "declutter: %s: %s\n", STDIN_NAME,
                    strerror(errno));
            status = 1;
            b->errors++;
            n = 0; /* still end the document: print what was decided */
        }
        atomic_fetch_add(&b->bytes_in, (uint64_t)n);
        dc_buf_clear(out);
        feed_text(w, chunk, (size_t)n, n == 0);
        if (n == 0)
            text_done(w, &s);
        b->bytes_out += out->len;
        if (out->len)
            fwrite(out->data, 1, out->len, stdout);
        if (ferror(stdout) && errno == EPIPE)
            exit(0);
        progress(b);
        if (n == 0)
            break;
    }
    if (s.diag.len)
        fwrite(s.diag.data, 1, s.diag.len, stderr);
    dc_buf_free(&s.diag);
    if (o->unbuffered)
        fflush(stdout);
    dc_free(chunk);
    return status;
}

int
dc_batch_run(const struct dc_batch_opts *o, char *const *files,
             size_t nfiles)
{
    struct batch b = {.o = o, .files = files, .nfiles = nfiles,
                      .out_fd = -1, .out_file = SIZE_MAX, .total_in = 0};
    struct worker *w = NULL;
    unsigned jobs = o->jobs ? o->jobs : 1;
    bool stream = nfiles == 0 && o->framing == DC_FRAME_DOC;
    if (stream)
        jobs = 1;
    /* A file is one document unless -z or --jsonl split it: more workers
     * than files would only each copy the rules for nothing. */
    if (o->framing == DC_FRAME_DOC && nfiles > 0 && jobs > nfiles)
        jobs = (unsigned)nfiles;
    clock_gettime(CLOCK_MONOTONIC, &b.t0);
    b.progress = o->stats && isatty(STDERR_FILENO);

    w = dc_xcalloc(jobs, sizeof *w);
    for (unsigned i = 0; i < jobs; i++)
        w[i].b = &b;
    struct dc_error err = {0};
    if (worker_setup(&w[0], o->pipeline.rules, false, &err) < 0) {
        fprintf(stderr, "declutter: %s\n", err.msg);
        b.status = 2;
        goto out;
    }

    if (stream) {
        b.status = run_stream(o, &w[0], &b);
        goto out;
    }

    if (o->outdir && make_dir(o->outdir) < 0) {
        fprintf(stderr, "declutter: %s: %s\n", o->outdir, strerror(errno));
        b.status = 1;
        goto out;
    }
    if (o->outdir || o->suffix)
        output_names(&b);
    for (size_t i = 0; i < nfiles && b.total_in != SIZE_UNKNOWN; i++) {
        struct stat st;
        if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
            b.total_in += (uint64_t)st.st_size;
        else
            b.total_in = SIZE_UNKNOWN;
    }
    if (nfiles == 0)
        b.total_in = SIZE_UNKNOWN;

    dc_jsonl_init();
    b.nslots = (size_t)jobs * SLOTS_PER_JOB;
    b.slots = dc_xcalloc(b.nslots, sizeof *b.slots);
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.cv_reader, NULL);
    pthread_cond_init(&b.cv_worker, NULL);
    pthread_cond_init(&b.cv_writer, NULL);
    pthread_t writer;
    if (pthread_create(&writer, NULL, writer_main, &b) != 0) {
        fprintf(stderr, "declutter: cannot start a thread\n");
        exit(1);
    }
    /* The other workers' rules: copies of the first's, made before any
     * thread uses it (a copy costs a few percent of loading the files
     * again; each worker sets up its pipeline on its own thread). */
    for (unsigned i = 1; i < jobs; i++) {
        w[i].rules = dc_rules_copy(o->pipeline.rules);
        w[i].own_rules = true;
    }
    for (unsigned i = 0; i < jobs; i++) {
        if (pthread_create(&w[i].thread, NULL, worker_main, &w[i]) != 0) {
            fprintf(stderr, "declutter: cannot start a thread\n");
            exit(1);
        }
    }
    read_all(&b);
    for (unsigned i = 0; i < jobs; i++)
        pthread_join(w[i].thread, NULL);
    pthread_join(writer, NULL);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.cv_reader);
    pthread_cond_destroy(&b.cv_worker);
    pthread_cond_destroy(&b.cv_writer);
    for (size_t i = 0; i < b.nslots; i++) {
        dc_buf_free(&b.slots[i].in);
        dc_buf_free(&b.slots[i].out);
        dc_buf_free(&b.slots[i].diag);
    }
    dc_free(b.slots);
    dc_buf_free(&b.warned);
    if (b.epipe)
        exit(0);
    /* main.c reports a write error on stdout from ferror() and errno at
     * exit; errno is per thread, so hand the writer's over. */
    if (b.out_errno)
        errno = b.out_errno;

out:
    if (b.progress)
        fputs("\r\033[K", stderr);
    if (o->stats && b.status != 2) {
        struct dc_stats *total = dc_stats_new();
        for (unsigned i = 0; i < jobs; i++)
            if (w[i].stats)
                dc_stats_merge(total, w[i].stats);
        print_stats(total, atomic_load(&b.bytes_in), b.bytes_out, b.errors,
                    elapsed(&b));
        dc_stats_free(total);
    }
    for (unsigned i = 0; i < jobs; i++)
        worker_free(&w[i]);
    dc_free(w);
    for (size_t i = 0; b.outpaths && i < nfiles; i++)
        dc_free(b.outpaths[i]);
    dc_free(b.outpaths);
    dc_free(b.dup);
    return b.status;
}
