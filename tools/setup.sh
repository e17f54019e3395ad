#!/bin/sh
# setup.sh - first quick-start command: install what is missing (Debian 12,
# as root), build build/declutter, and run it on a shipped sample page.
set -eu
cd "$(dirname "$0")/.."

need="meson ninja-build pkg-config gcc g++ python3 libc6-dev libuchardet-dev libpcre2-dev libutf8proc-dev libtidy-dev libjansson-dev libsimdjson-dev parallel"
missing=
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "setup: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing > /dev/null
fi

[ -d build ] || meson setup build > /dev/null
meson compile -C build > /dev/null
echo "setup: built build/declutter"
echo "setup: build/declutter < testdata/sample-page.in"
echo "------------------------------------------------------------------"
build/declutter < testdata/sample-page.in
