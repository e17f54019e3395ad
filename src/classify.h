/*
 * classify.h - decide, for each block of a document window, keep or drop,
 * and why.
 *
 * Rules catch what has a name (rules.h); the rest is decided from
 * features, as jusText and boilerpipe do on HTML: per block, its length,
 * its stopword density in the document's language, terminal punctuation,
 * code-likeness, bullets.  Then context: short blocks between good
 * paragraphs stay (subheadings), runs of short lines far from them go
 * (link lists), the headline above the text stays, and what follows a
 * terminal marker ("Leave a reply") is not article until prose resumes.
 *
 * The classifier sees a bounded window (doc.h): it decides the blocks that
 * have enough context after them and leaves the rest for the next call.
 */
#ifndef DC_CLASSIFY_H
#define DC_CLASSIFY_H

#include "doc.h"

struct dc_rules;
struct dc_classifier;

/*
 * New classifier using rules (borrowed: must outlive it; dc_rules_match
 * may record match-limit warnings in it, so one rules object per thread).
 */
struct dc_classifier *dc_classifier_new(struct dc_rules *rules);
void dc_classifier_free(struct dc_classifier *c);

/* Forget what was carried over from the previous document. */
void dc_classifier_reset(struct dc_classifier *c);

/*
 * Classify the blocks of doc that are not frozen (dc_segment must have
 * made them).  With final, every block is decided and the classifier is
 * reset for the next document; otherwise only the blocks that end at or
 * before line `horizon` are made final, the others being decided again
 * when more of the document has come.  Returns the number of leading
 * lines whose decisions are now final (the caller emits them and sets
 * doc->nfrozen_lines).
 */
size_t dc_classify(struct dc_classifier *c, struct dc_doc *doc,
                   size_t horizon, bool final);

/* The detected language's code, or NULL. */
const char *dc_classifier_lang(const struct dc_classifier *c);

#endif
