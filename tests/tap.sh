# tap.sh - TAP helpers for the shell tests, sourced after `set -u`:
#   . "$(dirname "$0")/tap.sh"
# It makes $tmp (removed on exit, even where a test took its permissions
# away) and the counters; a test then calls check, same, ok or result,
# and ends with tap_end, whose status is the suite's.

tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
n=0 fail=0

# result NAME WHY: print the TAP line of test $n (WHY empty: ok), and on
# failure the start of $tmp/out and $tmp/err.
result() {
    if [ -z "$2" ]; then
        echo "ok $n - $1"
    else
        fail=$((fail + 1))
        echo "not ok $n - $1: $2"
        sed 's/^/# out: /' "$tmp/out" 2> /dev/null | head -5
        sed 's/^/# err: /' "$tmp/err" 2> /dev/null | head -5
    fi
}

# check NAME COMMAND: run COMMAND (a shell string) and compare its status,
# stdout and stderr with $want_status, $want_out, $want_err (unset: not
# compared).  $tmp/out and $tmp/err keep them for further checks.
check() {
    local name=$1 cmd=$2
    n=$((n + 1))
    bash -c "$cmd" > "$tmp/out" 2> "$tmp/err"
    local status=$?
    local why=
    [ "$status" = "$want_status" ] || why="status $status, want $want_status"
    if [ -z "$why" ] && [ "${want_out-_}" != _ ]; then
        [ "$(cat "$tmp/out")" = "$want_out" ] || why="stdout differs"
    fi
    if [ -z "$why" ] && [ "${want_err-_}" != _ ]; then
        [ "$(cat "$tmp/err")" = "$want_err" ] || why="stderr differs"
    fi
    result "$name" "$why"
    unset want_out want_err
}

# same NAME FILE1 FILE2: a test that two files are byte for byte equal.
same() {
    n=$((n + 1))
    if cmp -s "$2" "$3"; then
        result "$1" ""
    else
        result "$1" "$(cmp "$2" "$3" 2>&1 | head -1)"
    fi
}

# ok STATUS NAME: a test that passed when STATUS (usually $?) is 0.
ok() {
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $n - $2"
    else
        fail=$((fail + 1))
        echo "not ok $n - $2"
    fi
}

# tap_end: the plan line; the status says whether every test passed.
tap_end() {
    echo "1..$n"
    [ "$fail" -eq 0 ]
}
