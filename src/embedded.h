/*
 * embedded.h - files compiled into the binary by tools/embed.py at build
 * time: the default rule files (rules/NAME.rules) and the stoplists
 * (rules/stop/<code>.txt), and the presets that options load
 * (rules/presets/NAME.rules).  Each array ends with a {NULL, NULL, 0} entry.
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

#endif
