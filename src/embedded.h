/*
 * embedded.h - files compiled into the binary by tools/embed.py at build
 * time: the default rule files (rules/NAME.rules) and the stoplists
 * (rules/stop/<code>.txt), and the presets that options load
 * (rules/presets/NAME.rules).  Each array ends with a {NULL, NULL, 0} entry.
 * And the snapshots of the default rules and the stoplists (below).
 */
#ifndef DC_EMBEDDED_H
#define DC_EMBEDDED_H

#include <stddef.h>

struct dc_embedded_file {
    const char *name; /* "default.rules", "en" (stoplists: language code) */
    const char *data; /* the file's bytes, NUL-terminated */
    size_t len;
};

extern const struct dc_embedded_file dc_embedded_rules[];
extern const struct dc_embedded_file dc_embedded_stoplists[];
extern const struct dc_embedded_file dc_embedded_presets[];

/* The rules of dc_embedded_rules[] loaded in order, as
 * dc_rules_snapshot() wrote them at build time, and the stopword table,
 * as dc_lang_snapshot() did (tools/snapshot.c); linked into the
 * declutter program, not the library.  Empty when the build could not
 * run its own programs (cross-compiling). */
extern const unsigned char dc_embedded_snapshot[];
extern const size_t dc_embedded_snapshot_len;
extern const unsigned char dc_embedded_lang_snapshot[];
extern const size_t dc_embedded_lang_snapshot_len;

#endif
