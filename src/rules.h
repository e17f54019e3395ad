/*
 * rules.h - the rule language: load rule files, compile their patterns
 * (PCRE2, JIT, Unicode), hold classifier settings, match text, and run
 * the examples a file carries (--check-rules).
 *
 * The language is documented in rules/README.md.  In short, one statement
 * a line, '#' starts a comment:
 *
 *   drop       /PATTERN/FLAGS    drop the block
 *   keep       /PATTERN/FLAGS    never drop the block
 *   strip      /PATTERN/FLAGS    cut the matched spans out of a line
 *   cut-after  /PATTERN/FLAGS    terminal marker: drop it and what follows
 *                                that is not article
 *   cut-before /PATTERN/FLAGS    header marker: drop it and what precedes
 *   drop-list  /PATTERN/FLAGS    heading: drop it and the list under it
 *   drop-markup /PATTERN/FLAGS   HTML: drop the block if its element path
 *                                ("body>div#main.post>p") matches
 *   keep-markup /PATTERN/FLAGS   HTML: never drop such a block
 *   set NAME VALUE               a classifier setting (see dc_settings);
 *                                in a language section, for documents in
 *                                those languages only
 *   [xx] or [xx,yy] or [*]       following rules apply to documents in
 *                                these languages only ([*]: all)
 *   test keep "TEXT"             examples for --check-rules
 *   test drop "TEXT"
 *   test strip "TEXT" "RESULT"
 *
 * FLAGS: i (caseless), x (extended).  Patterns match a block's text (its
 * lines joined by single spaces, trimmed); strip patterns match each line.
 *
 * Text given to the matching functions must be valid UTF-8 (text that is
 * not never matches).  Matching writes scratch space inside the rules
 * object: one object per thread.
 *
 * This module does not decide anything: classify.c asks it which rules
 * match and weighs the answer against the features.
 */
#ifndef DC_RULES_H
#define DC_RULES_H

#include "util.h"

enum dc_action {
    DC_ACTION_DROP = 0,
    DC_ACTION_KEEP,
    DC_ACTION_STRIP,
    DC_ACTION_CUT_AFTER,
    DC_ACTION_CUT_BEFORE,
    DC_ACTION_DROP_LIST,
    DC_ACTION_DROP_MARKUP,  /* patterns match an HTML block's element path */
    DC_ACTION_KEEP_MARKUP,
    DC_ACTION_SIGNATURE,    /* a comment's signature: dropped, and it
                               tells a thread of comments */
    DC_ACTION_BIO,          /* a person presented: after the text, an
                               author box (classify.c judges it) */
    DC_ACTION_FURNITURE,    /* never text, but judged as a break between
                               the blocks around it, then dropped */
    DC_ACTION_COUNT
};

/* "drop", "keep", "strip", "cut-after", "cut-before", "drop-list",
 * "drop-markup", "keep-markup", "signature", "bio", "furniture" */
const char *dc_action_name(enum dc_action a);

/* One rule, as loaded.  Read-only for callers. */
struct dc_rule {
    enum dc_action action;
    const char *file;   /* rule file name as given (or "<default>/x.rules") */
    unsigned line;      /* 1-based line in that file */
    char *pattern;      /* the pattern as written, for --explain */
    uint32_t langs;     /* bitmask over dc_lang_index(); 0 = every language */
    void *code;         /* pcre2_code_8 */
};

/*
 * Classifier settings.  Every field can be set from a rule file with
 * `set NAME VALUE`; names are the field names.  dc_settings_default()
 * gives the shipped values.
 */
struct dc_settings {
    double length_low;      /* chars below which a block is short */
    double length_high;     /* chars from which a block can be good */
    double stopwords_low;   /* stopword density below which it is bad */
    double stopwords_high;  /* stopword density from which it is good */
    double max_heading_distance; /* blocks between a heading and the text */
    double region_gap;      /* bad blocks that end an article region */
    double region_min_words; /* a region this big is kept on its own */
    double region_min_share; /* ...or this share of the biggest region */
    double tail_resume_words; /* after a terminal marker, prose this long
                                 in a run resumes the article */
    double repeat_min_words; /* a paragraph this long is kept once */
    double repeat_run_words; /* ...unless its run of repeats is this long */
    double match_limit;     /* PCRE2 match limit for every pattern */
    /* The classifier's thresholds of structure (rules/README.md): */
    double closing_words;   /* a short sentence closing the text above */
    double lede_words;      /* a wire story's first paragraph, at least */
    double lede_gap;        /* furniture between a standfirst and text */
    double stamp_span;      /* blocks between a thread's signatures */
    double section_words;   /* a section's first paragraph, more than */
    double lang_words;      /* prose whose language starts a new page */
    double bare_sentence_words;     /* an unstopped list item that is */
    double bare_sentence_stopwords; /* ... a sentence: words, density */
    double long_list;       /* headline-like lines in a row: a list */
    double blurb_words;     /* a directory entry's blurb, at most */
    double teaser_grid;     /* paragraphs of a grid of teasers */
    double teaser_words;    /* a teaser's summary, at most */
    double teaser_title_words; /* a teaser's headline, at least */
    double caption_twice_min;  /* bytes of a caption said twice */
    double caption_twice_max;
    double caption_credit_max; /* bytes of the credit after it */
    double list_page_kept;  /* a page of lists: kept share, less */
    double list_page_spread; /* ...or this, with no prose and its kept
                                text in two regions or more, or in one
                                without prose */
    double list_page_words; /* ...words of its lists, at least */
    double list_page_marks; /* ...their code marks, less */
    double list_page_posts; /* prose dated above: a thread, at least */
    double brief_paras;     /* near-good sentences of a brief, at least */
    double standfirst_words; /* prose kept above a marker that ends nothing */
    double standfirst_gap;  /* ...and blocks not text between it and text */
    double bullet_item_words;   /* a bullet this short is a list item */
    double list_item_stopwords; /* ...a headline-like line, below this */
    double list_item_words;     /* under a list heading: an item's words */
    double list_prose_words;    /* ...prose that ends the list */
    double teaser_summary_words; /* ...a teaser's summary, at most */
    double author_name_words;   /* an author's name line, at most */
    double author_tail_words;   /* text after an author box, less */
    double heading_words;       /* a heading's words, at most */
    double heading_chars;       /* ...and its characters */
    double prose_title_share;   /* a piece of prose's capitalised words */
    double fragment_words;      /* ...and its words, at least */
    double verse_lines;         /* prose lines in a row: text (verse) */
    double menu_words;          /* a capitalised line longer: a menu */
    double menu_caps_share;     /* ...its capitalised words, at least */
    double cjk_stopword_scale;  /* CJK stopword density, scaled by */
    double inline_link_words;   /* a bullet set into prose, at most */
    double photo_words;         /* a photo context skips, at least */
    double stamp_words;         /* a comment's signature, at most */
    double label_words;         /* a list's label, at most */
    double list_items;          /* a list announced or of links */
    double list_sentence_words; /* a list item that is a sentence */
    double numbered_steps;      /* numbered steps of a recipe, at least */
    double link_title_density;  /* a directory entry's linked title */
    double titled_blurb_words;  /* ...the blurb under it, at most */
    double blurb_sentences;     /* ...and its sentences, at most */
    double directory_entries;   /* entries of a directory, at least */
    double caption_twice_words; /* words of a caption said twice */
    double markup_prose_links;  /* link density of prose markup hid */
    double near_text_words;     /* a lone sentence near text, at least */
    double near_text_stopwords; /* ...and its stopword density */
};

void dc_settings_default(struct dc_settings *s);

struct dc_rules;

struct dc_rules *dc_rules_new(void);
void dc_rules_free(struct dc_rules *r);
/* A copy of r, with its own scratch space, for another thread: what
 * loading the same files again gives, without compiling and reading
 * every pattern again.  r must not be in use by another thread while it
 * is copied.  What r uses in place in a snapshot the copy does too: the
 * snapshot must outlive the copy as well. */
struct dc_rules *dc_rules_copy(const struct dc_rules *r);

/*
 * A snapshot of what loading rule files left in r (its rules, examples,
 * settings and their index; not its scratch space), appended to out, for
 * dc_rules_from_snapshot() in this build of declutter: it is laid out
 * as this build's structures are, the patterns as PCRE2 serializes them.
 * Returns 0, or -1 when PCRE2 cannot serialize the patterns.
 */
int dc_rules_snapshot(const struct dc_rules *r, struct dc_buf *out);
/* New rules from a snapshot, as the loads it was made after left them,
 * or NULL when data (len bytes, 8-aligned) is not a snapshot this build
 * of declutter and this PCRE2 can read, or DC_RULES_NO_PREFILTER is set
 * (then load the files instead).  The rules use data's strings and
 * tables where they lie: it must outlive them, unchanged. */
struct dc_rules *dc_rules_from_snapshot(const void *data, size_t len);

/*
 * Load rules from text (len bytes, need not be NUL-terminated).  name is
 * used in errors and --explain and must outlive r.  On error returns
 * DC_ERULE with err->file, line, col and msg set ("unknown action 'dorp'",
 * "unterminated pattern", PCRE2's own message for a bad pattern...); rules
 * loaded before the bad line stay loaded.
 */
int dc_rules_load_string(struct dc_rules *r, const char *name,
                         const char *text, size_t len, struct dc_error *err);

/* Load a file; DC_EIO with saved_errno when it cannot be read. */
int dc_rules_load_file(struct dc_rules *r, const char *path,
                       struct dc_error *err);

/* The settings for every document ([*]), and those for documents in
 * language lang (a dc_lang_index(), or -1 for the [*] settings). */
const struct dc_settings *dc_rules_settings(const struct dc_rules *r);
const struct dc_settings *dc_rules_settings_for(const struct dc_rules *r,
                                                int lang);

/*
 * First rule of `action` that matches text[0..len) and applies to
 * language lang (a dc_lang_index(), or -1 when the language is unknown:
 * then every rule applies, whatever its section).  NULL if none.  A pattern that hits the match
 * limit counts as not matching, and is remembered for
 * dc_rules_take_warning().
 */
const struct dc_rule *dc_rules_match(const struct dc_rules *r,
                                     enum dc_action action, int lang,
                                     const char *text, size_t len);

/*
 * dc_rules_match() for each of actions[0..n) in turn, the first rule
 * found (its action says which): the same answer as the calls one by
 * one, with the text taken in once.
 */
const struct dc_rule *dc_rules_match_first(const struct dc_rules *r,
                                           const enum dc_action *actions,
                                           size_t n, int lang,
                                           const char *text, size_t len);

/*
 * Apply every strip rule for lang to text[0..len): append the text with
 * the matched spans removed to out, spaces around a removed span collapsed
 * to one, and return the first rule that removed something (NULL if none,
 * in which case out gets the text unchanged).
 */
const struct dc_rule *dc_rules_strip(const struct dc_rules *r, int lang,
                                     const char *text, size_t len,
                                     struct dc_buf *out);

/*
 * Say that the lines the next dc_rules_strip() calls get lie in
 * text[0..len) (a window of the document), each after the one before:
 * then a literal a strip rule needs is searched for once from a line on,
 * and the answer serves the lines up to where it was found, not searched
 * for again in each.  The window's bytes from the start of the line
 * asked about on must not change until the next call (rewriting a line
 * that was asked about is fine).  text NULL: no window.
 */
void dc_rules_strip_window(const struct dc_rules *r, const char *text,
                           size_t len);

/*
 * A rule that hit the match limit since the last call, or NULL: main.c
 * warns once per rule.
 */
const struct dc_rule *dc_rules_take_warning(struct dc_rules *r);

/*
 * The examples (`test ...` lines) of every loaded file, run against the
 * rules alone (no features): a `test drop` passes when a drop, cut-after,
 * cut-before or drop-list rule matches and no keep rule does; `test keep`
 * when that is not so; `test strip` when stripping gives RESULT.  Appends
 * one line per failure to report ("FILE:LINE: expected drop: TEXT") and
 * returns the number of failures; *total gets the number of examples.
 */
size_t dc_rules_check(const struct dc_rules *r, struct dc_buf *report,
                      size_t *total);
/*
 * Every rule's pattern run on lines made to make a careless pattern
 * backtrack (rows of short items and separators, runs of spaces, the
 * rule's own words repeated), with a match limit a pattern that reads a
 * line in a few passes never meets.  Appends one line per pattern that
 * meets it ("FILE:LINE: the pattern backtracks: ...") to report and
 * returns their number; *total gets the number of patterns.
 */
size_t dc_rules_check_cost(const struct dc_rules *r, struct dc_buf *report,
                           size_t *total);

#endif
