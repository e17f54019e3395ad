#!/bin/sh
# check.sh - second quick-start command: the whole test suite, twice: a
# plain build, and one under AddressSanitizer and UndefinedBehaviorSanitizer
# (build-asan/).  Ends with "N passed, N failed" (meson tests, both runs).
set -u
cd "$(dirname "$0")/.."

passed=0 failed=0
run_suite() { # DIR [MESON TEST OPTIONS]
    dir=$1; shift
    meson test -C "$dir" --print-errorlogs "$@" > "$dir/check.log" 2>&1
    status=$?
    grep -E '^ *[0-9]+/[0-9]+ ' "$dir/check.log"
    ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$dir/check.log")
    bad=0
    for k in Fail Timeout 'Unexpected Pass'; do
        v=$(sed -n "s/^$k: *\([0-9]*\).*/\1/p" "$dir/check.log")
        bad=$((bad + ${v:-0}))
    done
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
        bad=1 # meson itself failed
        tail -20 "$dir/check.log"
    fi
    [ "$bad" -eq 0 ] || grep -v '^ *[0-9]*/[0-9]* ' "$dir/check.log" | tail -60
    passed=$((passed + ${ok:-0}))
    failed=$((failed + bad))
}

[ -d build ] || meson setup build > /dev/null
meson compile -C build > /dev/null || failed=$((failed + 1))
echo "== plain build"
run_suite build

if [ ! -d build-asan ]; then
    meson setup build-asan -Db_sanitize=address,undefined \
        -Dc_args=-fno-sanitize-recover=all -Db_lundef=false > /dev/null
fi
meson compile -C build-asan > /dev/null || failed=$((failed + 1))
echo "== address and undefined-behaviour sanitizers"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run_suite build-asan --timeout-multiplier 3 # sanitizers run 2-5x slower

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
