#!/bin/sh
# run.sh TARGET SECONDS [LIBFUZZER-OPTION]... - fuzz one target with
# libFuzzer for SECONDS, under ASan and UBSan.
#
# Needs clang and libclang-rt-14-dev (apt-get install clang
# libclang-rt-14-dev).  Builds build-fuzz/ (-Dfuzz=true) when missing.
# The seeds in fuzz/corpus/TARGET are read, never written: what the
# fuzzer learns goes to build-fuzz/corpus-TARGET/, and a crashing input
# to build-fuzz/artifacts-TARGET/.  A crash input belongs in
# fuzz/corpus/TARGET/ as a regression case once its cause is fixed.
# Ends with libFuzzer's final stats (executions, seconds) and the corpus
# size.  Targets: the fuzz_targets list in fuzz/meson.build.
set -eu
[ $# -ge 2 ] || { echo "usage: fuzz/run.sh TARGET SECONDS [OPTION]..." >&2; exit 2; }
target=$1 seconds=$2
shift 2
cd "$(dirname "$0")/.."

# Two runs started at once (one a core) would both set up and build
# build-fuzz/, and one of them fail: build one at a time, under a lock on
# the source directory held until the build is done.
exec 9<.
flock 9
if [ ! -d build-fuzz ]; then
    CC=clang CXX=clang++ meson setup build-fuzz -Dfuzz=true \
        -Db_sanitize=address,undefined -Db_lundef=false \
        -Dc_args=-fno-sanitize-recover=all \
        -Dcpp_args=-fno-sanitize-recover=all > /dev/null
fi
# Regenerate first: a target added since build-fuzz/ was set up is not
# known to `meson compile TARGET` until then.
meson setup --reconfigure build-fuzz > /dev/null
meson compile -C build-fuzz "fuzz/fuzz-$target" > /dev/null
flock -u 9

work=build-fuzz/corpus-$target
art=build-fuzz/artifacts-$target
mkdir -p "$work" "$art"
# max_len: pages' worth of text is not needed to reach every branch, and
# short inputs run fast; timeout: an input slower than this is a hang.
status=0
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/fuzz/fuzz-$target" -max_total_time="$seconds" \
    -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$art/" "$@" "$work" "fuzz/corpus/$target" || status=$?
echo "run.sh: $target: corpus $(ls "$work" | wc -l) files," \
    "$(cat "$work"/* 2>/dev/null | wc -c) bytes in $work"
ls "$art" | sed "s|^|run.sh: $target: artifact $art/|"
exit "$status"
