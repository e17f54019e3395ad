/*
 * libfuzzer.c - the libFuzzer entry point for one target, named at
 * compile time by DC_FUZZ_ENTRY (fuzz/meson.build builds one executable
 * per target, with clang and -fsanitize=fuzzer).
 */
#include "config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return DC_FUZZ_ENTRY(data, size);
}
