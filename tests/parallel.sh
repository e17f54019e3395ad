#!/bin/bash
# parallel.sh DECLUTTER TESTDATA - declutter as the per-record step of GNU
# parallel, exactly as README.md ("Running at scale") shows it: the JSON
# lines cut into blocks, each block cleaned by its own declutter process,
# locally and through parallel's --sshlogin machinery (":" is this host,
# reached without ssh).  The output must equal one process's run record
# for record.  Exit 77 (skipped) only when parallel is not installed;
# tools/setup.sh installs it.
set -u
bin=$1 dir=$2
case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; esac
command -v parallel > /dev/null || { echo "parallel not installed"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# Records from the golden cases that are UTF-8 text, many times over,
# each with its own id: about 500 kB, so that --block 50k makes ~10 jobs.
python3 - "$tmp/in.jsonl" "$dir"/*.in <<'PY'
import json, sys
out, files = sys.argv[1], sys.argv[2:]
texts = []
for f in files:
    try:
        texts.append(open(f, 'rb').read().decode('utf-8'))
    except UnicodeDecodeError:
        pass
with open(out, 'w', encoding='utf-8') as g:
    n = 0
    while g.tell() < 500000:
        for t in texts:
            n += 1
            g.write('{"id":%d,"text":%s,"src":"golden"}\n' % (n, json.dumps(t)))
PY

"$bin" --jsonl -j 1 < "$tmp/in.jsonl" > "$tmp/one.jsonl" || exit 1
records=$(wc -l < "$tmp/in.jsonl")
[ "$(wc -l < "$tmp/one.jsonl")" = "$records" ] || { echo "single run: record count differs"; exit 1; }

status=0
# -k keeps the blocks' order: byte for byte the same as one process.
parallel --will-cite --pipe --block 50k -j 2 -k "$bin" --jsonl -j 1 \
    < "$tmp/in.jsonl" > "$tmp/par.jsonl"
if cmp -s "$tmp/one.jsonl" "$tmp/par.jsonl"; then
    echo "parallel --pipe -k: $records records, equal to one process"
else
    echo "parallel --pipe -k: output differs from one process"; status=1
fi

# Without -k blocks come back as they finish: the same records, any order.
parallel --will-cite --pipe --block 50k -j 2 --sshlogin 2/: \
    "$bin" --jsonl -j 1 < "$tmp/in.jsonl" > "$tmp/ssh.jsonl"
if cmp -s <(sort "$tmp/one.jsonl") <(sort "$tmp/ssh.jsonl"); then
    echo "parallel --pipe --sshlogin 2/: : the same $records records"
else
    echo "parallel --pipe --sshlogin: records differ from one process"; status=1
fi
exit $status
