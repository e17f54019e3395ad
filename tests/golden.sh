#!/bin/sh
# golden.sh DECLUTTER TESTDATA [--update]
#
# Each testdata/<case>.in is fed to declutter on stdin; stdout must equal
# <case>.out byte for byte.  Optional: <case>.args (one argument a line),
# <case>.err (exact stderr; without it stderr must be empty), <case>.exit
# (expected status, default 0).  Prints TAP.  --update rewrites the .out
# files from the current output (zstd's --set-exact-output).
set -u
bin=$1 dir=$2 update=${3:-}
# Cases run from inside testdata/ (so .args can name files there).
case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; esac
dir=$(cd "$dir" && pwd) || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
for in in "$dir"/*.in; do
    case=$(basename "$in" .in)
    n=$((n + 1))
    set --
    if [ -f "$dir/$case.args" ]; then
        while IFS= read -r a || [ -n "$a" ]; do set -- "$@" "$a"; done \
            < "$dir/$case.args"
    fi
    (cd "$dir" && "$bin" "$@" < "$in" > "$tmp/out" 2> "$tmp/err")
    status=$?
    want_status=0
    [ -f "$dir/$case.exit" ] && want_status=$(cat "$dir/$case.exit")
    if [ "$update" = --update ]; then
        cp "$tmp/out" "$dir/$case.out"
    fi
    why=
    if ! cmp -s "$tmp/out" "$dir/$case.out"; then
        why="stdout differs"
    elif [ "$status" != "$want_status" ]; then
        why="exit status $status, want $want_status"
    elif [ -f "$dir/$case.err" ]; then
        cmp -s "$tmp/err" "$dir/$case.err" || why="stderr differs"
    elif [ -s "$tmp/err" ]; then
        why="unexpected stderr"
    fi
    if [ -z "$why" ]; then
        echo "ok $n - $case"
    else
        fail=$((fail + 1))
        echo "not ok $n - $case: $why"
        diff -u "$dir/$case.out" "$tmp/out" 2>&1 | head -40 | sed 's/^/# /'
        [ -s "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err" | head -10
    fi
done
echo "1..$n"
[ "$fail" -eq 0 ]
