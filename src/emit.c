/*
 * emit.c - article text or the --explain listing; see emit.h.
 */
#include "config.h"
#include "emit.h"

#include "hints.h"
#include "rules.h"

#include <inttypes.h>
#include <string.h>

/* Count line l of block b, kept or dropped (with its reason, for the
 * statistics), whatever the mode writes; true if it is kept.  A line in
 * pieces is counted once, at its last. */
static bool
tally(struct dc_emitter *e, const struct dc_line *l, const struct dc_block *b)
{
    if (l->continued)
        return b->decision == DC_KEEP;
    if (b->decision == DC_KEEP) {
        e->kept++;
        return true;
    }
    e->dropped++;
    if (e->on_drop)
        e->on_drop(e->on_drop_arg, &b->reason);
    return false;
}

static void
emit_text(struct dc_emitter *e, const struct dc_doc *doc, size_t i,
          struct dc_buf *out)
{
    const struct dc_line *l = &doc->lines[i];
    bool blank = l->block == DC_NONE || l->len == 0;
    bool keep = !blank && tally(e, l, &doc->blocks[l->block]);
    /* A piece of a line goes on where the piece before it stopped; a
     * line that is not that piece's next ends it first. */
    bool same_line = e->open && l->number == e->open_number;
    if (e->open && !(keep && same_line)) {
        dc_buf_putc(out, '\n');
        e->open = false;
    }
    if (blank) {
        /* (the trailing blanks of a line in pieces are no blank line) */
        e->blank_pending |= !same_line;
        return;
    }
    if (!keep)
        return;
    if (e->any && e->blank_pending && !same_line)
        dc_buf_putc(out, '\n');
    dc_buf_append(out, doc->text.data + l->off, l->len);
    e->open = l->continued;
    e->open_number = l->number;
    if (!e->open)
        dc_buf_putc(out, '\n');
    e->any = true;
    e->blank_pending = false;
}

static void
put_reason(struct dc_buf *out, const struct dc_reason *r)
{
    dc_buf_puts(out, r->what ? r->what : "-");
    const struct dc_rule *rule = r->rule;
    if (rule)
        dc_buf_printf(out, " (%s:%u %s %s)", rule->file, rule->line,
                      dc_action_name(rule->action), rule->pattern);
}

static const char *const class_names[] = {"bad", "short", "near-good",
                                          "good"};

static void
emit_explain(struct dc_emitter *e, const struct dc_doc *doc, size_t i,
             struct dc_buf *out)
{
    const struct dc_line *l = &doc->lines[i];
    struct dc_span s = dc_doc_line_text(doc, i);
    if (l->block == DC_NONE || l->len == 0) {
        dc_buf_printf(out, "%6" PRIu64 "\n", l->number);
        return;
    }
    const struct dc_block *b = &doc->blocks[l->block];
    bool keep = tally(e, l, b);
    dc_buf_printf(out, "%6" PRIu64 " %c ", l->number, keep ? '+' : '-');
    if (b->first == i) {
        /* The block's first line carries its reason and features. */
        const struct dc_features *f = &b->f;
        put_reason(out, &b->reason);
        if (l->strip_rule) {
            struct dc_reason sr = {"stripped", l->strip_rule};
            dc_buf_puts(out, ", ");
            put_reason(out, &sr);
        }
        dc_buf_printf(out, " [%s w=%u sd=%.2f%s%s%s%s%s]",
                      class_names[b->cls], f->words,
                      (double)f->stop_density, f->code ? " code" : "",
                      f->picture ? " picture" : "",
                      f->bullet ? " bullet" : "",
                      f->heading ? " heading" : "",
                      b->count > 1 ? " wrapped" : "");
        if (b->hints.serial) {
            /* HTML: the element, its hints and its path. */
            dc_buf_putc(out, ' ');
            dc_hints_describe(doc, b, out);
        }
        dc_buf_puts(out, " | ");
    } else {
        dc_buf_puts(out, "  (same block) | ");
    }
    dc_buf_append(out, s.p, s.len);
    dc_buf_putc(out, '\n');
}

/* The column names of --features rows, in order (emit.h). */
static const char features_header[] =
    "#line\tlines\tkeep\treason\trule\tclass\tchars\twords\tstopwords"
    "\tletters\tdigits\tpunct\tcode_marks\tupper_words\tcjk\tsentences"
    "\tterminal\tbullet\tcode\theading\tpicture\tcolon\tordinal"
    "\tstop_density\telement\tkinds\thints\tlink_density\ttext\n";

/* Append s with tabs (and any control character) made spaces. */
static void
put_field(struct dc_buf *out, const char *s, size_t len)
{
    for (size_t k = 0; k < len; k++)
        dc_buf_putc(out, (unsigned char)s[k] < 0x20 ? ' ' : s[k]);
}

static void
emit_features(struct dc_emitter *e, const struct dc_doc *doc, size_t i,
              struct dc_buf *out)
{
    const struct dc_line *l = &doc->lines[i];
    if (!e->any) {
        dc_buf_puts(out, features_header);
        e->any = true;
    }
    if (l->block == DC_NONE || l->len == 0)
        return;
    const struct dc_block *b = &doc->blocks[l->block];
    bool keep = tally(e, l, b);
    if (b->first != i)
        return;
    const struct dc_features *f = &b->f;
    const struct dc_rule *rule = b->reason.rule;
    dc_buf_printf(out, "%" PRIu64 "\t%zu\t%d\t", l->number, b->count, keep);
    const char *what = b->reason.what ? b->reason.what : "-";
    put_field(out, what, strlen(what));
    if (rule)
        dc_buf_printf(out, "\t%s:%u", rule->file, rule->line);
    else
        dc_buf_puts(out, "\t-");
    dc_buf_printf(out,
                  "\t%s\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u\t%u"
                  "\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.4f\t%u\t%u\t%u\t%.3f\t",
                  class_names[b->cls], f->chars, f->words, f->stopwords,
                  f->letters, f->digits, f->punct, f->code_marks,
                  f->upper_words, f->cjk, f->sentences, f->terminal,
                  f->bullet, f->code, f->heading, f->picture, f->colon,
                  f->ordinal, (double)f->stop_density, b->hints.element,
                  b->hints.kinds, b->hints.flags,
                  (double)b->hints.link_density);
    for (size_t k = b->first; k < b->first + b->count; k++) {
        struct dc_span s = dc_doc_line_text(doc, k);
        while (s.len > 0 && (*s.p == ' ' || *s.p == '\t')) {
            s.p++;
            s.len--;
        }
        if (k > b->first)
            dc_buf_putc(out, ' ');
        put_field(out, s.p, s.len);
    }
    dc_buf_putc(out, '\n');
}

void
dc_emit_lines(struct dc_emitter *e, const struct dc_doc *doc, size_t from,
              size_t to, struct dc_buf *out)
{
    for (size_t i = from; i < to; i++) {
        if (e->mode == DC_EMIT_EXPLAIN)
            emit_explain(e, doc, i, out);
        else if (e->mode == DC_EMIT_FEATURES)
            emit_features(e, doc, i, out);
        else
            emit_text(e, doc, i, out);
    }
}

void
dc_emit_end(struct dc_emitter *e, struct dc_buf *out)
{
    if (e->open)
        dc_buf_putc(out, '\n');
    e->open = false;
    e->any = false;
    e->blank_pending = false;
}
