/*
 * no-snapshot.c - the snapshots of embedded.h for a build that cannot
 * run tools/snapshot.c to make them (a cross build): empty, so declutter
 * loads the embedded files at every start.
 */
#include "config.h"

#include "embedded.h"

_Alignas(16) const unsigned char dc_embedded_snapshot[1];
const size_t dc_embedded_snapshot_len = 0;
_Alignas(16) const unsigned char dc_embedded_lang_snapshot[1];
const size_t dc_embedded_lang_snapshot_len = 0;
