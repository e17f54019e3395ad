#!/bin/bash
# batch.sh DECLUTTER TESTDATA - many documents: -z, --jsonl, -o, --suffix,
# -j, --on-error, --max-doc-bytes, --stats.  Prints TAP.
#
# Expected outputs are not written here by hand: they come from the golden
# cases (testdata/<case>.in cleaned is <case>.out) and from single runs of
# declutter on one document, so these tests check framing, order and
# error handling, not the classifier.
set -u
bin=$1 dir=$2
case $bin in /*) ;; */*) bin=$(pwd)/$bin ;; esac
. "$(dirname "$0")/tap.sh"

# The golden cases that run without options and hold no NUL byte: the
# documents of the tests below, with their known right output.
cases=()
for in in "$dir"/*.in; do
    c=${in%.in}
    [ -f "$c.args" ] && continue
    [ "$(tr -d '\000' < "$in" | wc -c)" = "$(wc -c < "$in")" ] || continue
    cases+=("$c")
done

printf 'The minister said on Tuesday that the talks would resume next week in Geneva, after a pause of several months in which both sides had accused each other of bad faith.\n' > "$tmp/a.txt"
printf 'Officials from both countries have said that they expect the new round to produce an agreement on trade, though neither side has said what it is ready to give up.\nShare this article\n' > "$tmp/b.txt"
"$bin" < "$tmp/a.txt" > "$tmp/a.clean"
"$bin" < "$tmp/b.txt" > "$tmp/b.clean"
awk 'BEGIN { for (i = 0; i < 40; i++) printf "The minister said the talks would resume next week in Geneva, after a pause. "; print "" }' > "$tmp/big.txt"

# ------------------------------------------------------------------ -z

for c in "${cases[@]}"; do cat "$c.in"; printf '\0'; done > "$tmp/cases.z"
for c in "${cases[@]}"; do cat "$c.out"; printf '\0'; done > "$tmp/cases.z.want"
"$bin" -z -j 1 < "$tmp/cases.z" > "$tmp/cases.z.1"
same "-z: ${#cases[@]} golden cases as NUL records give their .out files" \
    "$tmp/cases.z.want" "$tmp/cases.z.1"
"$bin" -z -j 2 < "$tmp/cases.z" > "$tmp/cases.z.2"
same "-z: -j 2 output is byte-identical to -j 1" "$tmp/cases.z.1" "$tmp/cases.z.2"
"$bin" -z -j 3 "$tmp/cases.z" > "$tmp/cases.z.3"
same "-z: -j 3 from a file operand, the same again" "$tmp/cases.z.1" "$tmp/cases.z.3"

# HTML pages parsed in two threads at once: libtidy keeps process-wide
# state, and this page (an unclosed <a name> around a heading, HTML 3.2,
# CRLF) lost its heading now and then at -j 2.  Five rounds of 40 copies.
html=$dir/html-anchor-around-heading.in
for i in $(seq 40); do
    cat "$html"; printf '\0'; cat "$dir/html-basic.in"; printf '\0'
done > "$tmp/html.z"
"$bin" -z -j 1 < "$tmp/html.z" > "$tmp/html.z.1"
for round in 1 2 3 4 5; do cat "$tmp/html.z.1"; done > "$tmp/html.z.want"
for round in 1 2 3 4 5; do "$bin" -z -j 2 < "$tmp/html.z"; done > "$tmp/html.z.2"
same "-z: HTML pages at -j 2, five runs, each byte-identical to -j 1" \
    "$tmp/html.z.want" "$tmp/html.z.2"

{ cat "$tmp/a.txt"; printf '\0\0'; cat "$tmp/b.txt"; } > "$tmp/ab.z"
{ cat "$tmp/a.clean"; printf '\0\0'; cat "$tmp/b.clean"; printf '\0'; } > "$tmp/ab.z.want"
"$bin" -z < "$tmp/ab.z" > "$tmp/ab.z.out"
same "-z: an empty record stays, a last record without NUL gets one" \
    "$tmp/ab.z.want" "$tmp/ab.z.out"

# A paragraph is kept once per document, not once per stream: the same
# page twice in a stream is cleaned the same both times.
for k in 1 2; do cat "$dir/repeated-paragraphs.in"; printf '\0'; done > "$tmp/aa.z"
for k in 1 2; do cat "$dir/repeated-paragraphs.out"; printf '\0'; done > "$tmp/aa.z.want"
"$bin" -z -j 1 < "$tmp/aa.z" > "$tmp/aa.z.out"
same "-z: the same page in two records is cleaned the same in both" \
    "$tmp/aa.z.want" "$tmp/aa.z.out"

want_status=0 want_out="" want_err=""
check "-z: empty input, no records" "'$bin' -z < /dev/null | wc -c | tr -d ' ' | grep -qx 0"

# Many small documents, each with its number: order must survive 4 threads.
awk 'BEGIN { for (i = 1; i <= 1000; i++)
    printf "Document %d of the stream says that the talks in Geneva would resume next week after a long pause.%c", i, 0 }' \
    > "$tmp/many.z"
"$bin" -z -j 4 < "$tmp/many.z" > "$tmp/many.z.4"
n=$((n + 1))
got=$(tr '\0' '\n' < "$tmp/many.z.4" | sed -n 's/^Document \([0-9]*\) .*/\1/p' | tr '\n' ' ')
want=$(seq 1000 | tr '\n' ' ')
if [ "$got" = "$want" ]; then result "-j 4: 1000 small documents come out in input order" ""
else result "-j 4: 1000 small documents come out in input order" "order or count differs"; fi
"$bin" -z -j 1 < "$tmp/many.z" > "$tmp/many.z.1"
same "-j 4 and -j 1 byte-identical on 1000 documents" "$tmp/many.z.1" "$tmp/many.z.4"

# ------------------------------------------------------------------ --jsonl

# Records built from the golden cases that are UTF-8, with other fields
# around the text in forms a re-serialiser would change.
python3 - "$tmp" "${cases[@]}" <<'EOF'
import json, sys
tmp, cases = sys.argv[1], sys.argv[2:]
with open(tmp + '/cases.jsonl', 'w', encoding='utf-8', newline='') as f, \
     open(tmp + '/cases.jsonl.want', 'w', encoding='utf-8', newline='') as g:
    k = 0
    for c in cases:
        try:
            text = open(c + '.in', 'rb').read().decode('utf-8')
        except UnicodeDecodeError:
            continue
        if text.startswith('\ufeff'):
            continue
        out = open(c + '.out', 'rb').read().decode('utf-8')
        if out.endswith('\n'):
            out = out[:-1]
        k += 1
        pre = '{"id":%d, "big": 123456789012345678901234567890, "r": 1e2, "u": "\\u00e9\\/", "text" : ' % k
        post = ' ,"tags":["a", {"b": "}"}]}\r'
        f.write(pre + json.dumps(text) + post + '\n')
        g.write(pre + json.dumps(out, ensure_ascii=False) + post + '\n')
EOF
"$bin" --jsonl -j 1 < "$tmp/cases.jsonl" > "$tmp/cases.jsonl.1"
same "--jsonl: text field cleaned as its golden case, every other byte kept" \
    "$tmp/cases.jsonl.want" "$tmp/cases.jsonl.1"
"$bin" --jsonl -j 2 < "$tmp/cases.jsonl" > "$tmp/cases.jsonl.2"
same "--jsonl: -j 2 byte-identical to -j 1" "$tmp/cases.jsonl.1" "$tmp/cases.jsonl.2"

# JSON strings of the documents, and of the cleaned text without its
# final newline (what --jsonl writes back).
python3 - "$tmp" > "$tmp/strings" <<'EOF'
import json, sys
t = sys.argv[1]
for f in ('a.txt', 'b.txt', 'big.txt'):
    print(json.dumps(open(t + '/' + f).read()))
for f in ('a.clean', 'b.clean'):
    print(json.dumps(open(t + '/' + f).read()[:-1], ensure_ascii=False))
EOF
{ read -r a_json; read -r b_json; read -r big_json; read -r a_clean; read -r b_clean; } < "$tmp/strings"
{
    echo "{\"n\":1,\"text\":$a_json}"
    echo "{\"n\":2,\"text\":$b_json"
    echo "{\"n\":3,\"text\":$b_json}"
} > "$tmp/bad.jsonl"
good1="{\"n\":1,\"text\":$a_clean}"
good3="{\"n\":3,\"text\":$b_clean}"
bad2="{\"n\":2,\"text\":$b_json"

want_status=0 want_out="$good1
$bad2
$good3"
check "--jsonl: malformed line in the middle: reported, kept unchanged (default), next record intact, exit 0" \
    "'$bin' --jsonl < '$tmp/bad.jsonl' 2> '$tmp/e'; s=\$?; grep -Eqx \"declutter: \\(standard input\\):2: invalid JSON at column [0-9]+: '}' expected near end of file\" '$tmp/e' && [ \$(wc -l < '$tmp/e') = 1 ] && exit \$s"

want_status=0 want_out="$good1
$good3"
check "--on-error=skip leaves the malformed record out" \
    "'$bin' --jsonl --on-error=skip < '$tmp/bad.jsonl'"

want_status=1 want_out="$good1"
check "--on-error=fail stops at it" "'$bin' --jsonl --on-error=fail -j 2 < '$tmp/bad.jsonl'"

printf '{"n":1}\n{"text":null}\n[1]\n\n  \n{"t\\u0065xt":%s}' "$a_json" > "$tmp/odd.jsonl"
want_status=0 want_out="{\"n\":1}
{\"text\":null}
[1]

  
{\"t\\u0065xt\":$a_clean}"
want_err="declutter: $tmp/odd.jsonl:1: no \"text\" field
declutter: $tmp/odd.jsonl:2: \"text\" is not a string
declutter: $tmp/odd.jsonl:3: not a JSON object"
check "--jsonl: no field, not a string, not an object reported; blank lines kept; escaped key found; last line without newline" \
    "'$bin' --jsonl '$tmp/odd.jsonl'"

printf '{"body":%s,"text":"left alone"}\n' "$a_json" > "$tmp/body.jsonl"
want_status=0 want_out="{\"body\":$a_clean,\"text\":\"left alone\"}" want_err=""
check "--field=NAME cleans that field only" "'$bin' --jsonl --field=body < '$tmp/body.jsonl'"

# An HTML page in a record: cleaned as --html would clean the page.
python3 - "$dir" > "$tmp/html.jsonl" <<'EOF'
import json, sys
page = open(sys.argv[1] + '/html-basic.in').read()
print('{"id":7,"html":%s}' % json.dumps(page))
EOF
html_clean=$(python3 -c 'import json, sys; print(json.dumps(open(sys.argv[1]).read()[:-1], ensure_ascii=False))' "$dir/html-basic.out")
want_status=0 want_out="{\"id\":7,\"html\":$html_clean}" want_err=""
check "--html-field cleans a record's HTML page as --html does" \
    "'$bin' --jsonl --html-field=html < '$tmp/html.jsonl'"

# ------------------------------------------------------------------ -o, --suffix

mkdir -p "$tmp/in/x" "$tmp/in/y"
for c in "${cases[@]:0:12}"; do cp "$c.in" "$tmp/in/x/$(basename "$c").txt"; done
want_status=1 want_out=""
want_err="declutter: $tmp/in/missing.txt: No such file or directory
declutter: $tmp/in/y: Is a directory"
check "-o: unreadable inputs reported in order, the others done, exit 1" \
    "'$bin' -j 2 -o '$tmp/out1/sub' '$tmp/in/x/'*.txt '$tmp/in/missing.txt' '$tmp/in/y'"
n=$((n + 1))
why=
for c in "${cases[@]:0:12}"; do
    cmp -s "$c.out" "$tmp/out1/sub/$(basename "$c").txt" || why="$(basename "$c").txt differs or is missing"
done
[ "$(ls "$tmp/out1/sub" | wc -l)" = 12 ] || why="$(ls "$tmp/out1/sub" | wc -l) files in OUTDIR, want 12"
result "-o: OUTDIR (created, nested) holds each input's base name, cleaned" "$why"

want_status=0 want_out="" want_err=""
check "--suffix writes beside each input" \
    "'$bin' --suffix .clean '$tmp/a.txt' '$tmp/b.txt' && cmp '$tmp/a.txt.clean' '$tmp/a.clean' && cmp '$tmp/b.txt.clean' '$tmp/b.clean'"

want_status=0 want_out="" want_err=""
check "-o with --suffix: OUTDIR/BASENAME SUFFIX" \
    "'$bin' -o '$tmp/out2' --suffix .c '$tmp/a.txt' && cmp '$tmp/out2/a.txt.c' '$tmp/a.clean'"

cp "$tmp/b.txt" "$tmp/in/y/a.txt"
want_status=1 want_out=""
want_err="declutter: $tmp/in/y/a.txt: $tmp/out3/a.txt is also the output of an earlier input; not written"
check "-o: two inputs with one base name: the second is reported, not written over the first" \
    "'$bin' -o '$tmp/out3' '$tmp/a.txt' '$tmp/in/y/a.txt' && false; s=\$?; cmp '$tmp/out3/a.txt' '$tmp/a.clean' || exit 9; exit \$s"

want_status=1 want_out=""
want_err="declutter: ./a.txt: is the input file itself; not written"
check "-o: an output that is its own input is refused" \
    "cd '$tmp' && '$bin' -o . a.txt; s=\$?; cmp a.txt <(printf 'The minister said on Tuesday that the talks would resume next week in Geneva, after a pause of several months in which both sides had accused each other of bad faith.\n') || exit 9; exit \$s"

{ cat "$tmp/a.txt"; printf '\0'; cat "$tmp/b.txt"; } > "$tmp/in/r.z"
want_status=0 want_out="" want_err=""
check "-o with -z: each input's records go to its own file" \
    "'$bin' -z -o '$tmp/out4' '$tmp/in/r.z' && cat '$tmp/a.clean' <(printf '\0') '$tmp/b.clean' <(printf '\0') | cmp - '$tmp/out4/r.z'"

want_status=2 want_out="" want_err="declutter: -o and --suffix cannot name the output of standard input
Try 'declutter --help' for more information."
check "-o with standard input is a usage error" "'$bin' -o '$tmp/out5' - < '$tmp/a.txt'"

# ------------------------------------------------------------------ --max-doc-bytes

{ echo "{\"text\":$a_json}"; echo "{\"text\":$big_json}"; echo "{\"text\":$b_json}"; } > "$tmp/max.jsonl"
want_status=0 want_out="{\"text\":$a_clean}
{\"text\":$big_json}
{\"text\":$b_clean}"
want_err="declutter: (standard input):2: larger than --max-doc-bytes (1024 bytes)"
check "--max-doc-bytes: an oversized JSON line is reported and kept unchanged" \
    "'$bin' --jsonl --max-doc-bytes=1K < '$tmp/max.jsonl'"
want_out="{\"text\":$a_clean}
{\"text\":$b_clean}"
check "--max-doc-bytes with skip: left out" \
    "'$bin' --jsonl --max-doc-bytes=1K --on-error=skip < '$tmp/max.jsonl'"

want_status=0 want_out=""
want_err="declutter: $tmp/big.txt: larger than --max-doc-bytes (1000 bytes)"
check "--max-doc-bytes: an oversized file is passed through unchanged (keep)" \
    "'$bin' --max-doc-bytes=1000 -o '$tmp/out6' '$tmp/a.txt' '$tmp/big.txt'; s=\$?; cmp '$tmp/out6/big.txt' '$tmp/big.txt' && cmp '$tmp/out6/a.txt' '$tmp/a.clean' && exit \$s"
want_err="declutter: $tmp/big.txt: larger than --max-doc-bytes (1000 bytes)"
check "--max-doc-bytes with skip: no output file for it" \
    "'$bin' --max-doc-bytes=1000 --on-error=skip -o '$tmp/out7' '$tmp/a.txt' '$tmp/big.txt'; s=\$?; [ ! -e '$tmp/out7/big.txt' ] && cmp '$tmp/out7/a.txt' '$tmp/a.clean' && exit \$s"

want_status=1 want_out="$(cat "$tmp/a.clean")"
check "--max-doc-bytes with fail: stops there, exit 1" \
    "'$bin' --max-doc-bytes=1000 --on-error=fail '$tmp/a.txt' '$tmp/big.txt' '$tmp/b.txt'"

{ cat "$tmp/a.txt"; printf '\0'; cat "$tmp/big.txt"; printf '\0'; cat "$tmp/b.txt"; } > "$tmp/max.z"
want_status=0 want_out=""
want_err="declutter: (standard input): record 2: larger than --max-doc-bytes (1000 bytes)"
check "--max-doc-bytes on a -z record: streamed, so cut at the limit; skip drops the rest, the next record is intact" \
    "'$bin' -z --max-doc-bytes=1000 --on-error=skip < '$tmp/max.z' > '$tmp/mz'; s=\$?; tr '\\0' '\\n' < '$tmp/mz' | grep -c . | grep -qx 3 && tail -c \$(( \$(wc -c < '$tmp/b.clean') + 1 )) '$tmp/mz' | cmp - <(cat '$tmp/b.clean'; printf '\\0') && exit \$s"

# ------------------------------------------------------------------ --stats

want_status=0 want_out=""
check "--stats: report shape on stderr, nothing on stdout changes" \
    "'$bin' --stats -z < '$tmp/ab.z' > '$tmp/s.out' 2> '$tmp/s.err' || exit 9; cmp -s '$tmp/s.out' '$tmp/ab.z.want' || exit 8; grep -qx 'declutter: stats: documents 3, errors 0' '$tmp/s.err' && grep -Eqx 'declutter: stats: bytes in [0-9]+, out [0-9]+ \\([0-9.]+% of input\\), [0-9.]+ s, [0-9.]+ MB/s' '$tmp/s.err' && grep -Eqx 'declutter: stats: lines kept 2, dropped 1' '$tmp/s.err' && grep -Eqx 'declutter: stats: dropped 1: .+' '$tmp/s.err' && grep -qx 'declutter: stats: encoding UTF-8: 3 documents' '$tmp/s.err' && ! grep -q \$'\\r' '$tmp/s.err' && [ \$(wc -l < '$tmp/s.err') = 5 ]"

want_status=0 want_out=""
check "--stats: counts add up over threads (-j 3 = -j 1)" \
    "'$bin' --stats -z -j 1 < '$tmp/cases.z' 2>&1 >/dev/null | grep -v ' s, ' > '$tmp/s1'; '$bin' --stats -z -j 3 < '$tmp/cases.z' 2>&1 >/dev/null | grep -v ' s, ' > '$tmp/s3'; cmp '$tmp/s1' '$tmp/s3' && grep -q 'documents ${#cases[@]},' '$tmp/s1'"

want_status=0 want_out=""
check "--stats: lines dropped by each reason whatever is written (--explain, --features)" \
    "for m in explain features; do '$bin' --stats -z --\$m < '$tmp/cases.z' 2>&1 >/dev/null | grep -e 'lines kept' -e 'dropped [0-9]*:' > '$tmp/s.'\$m; done; '$bin' --stats -z < '$tmp/cases.z' 2>&1 >/dev/null | grep -e 'lines kept' -e 'dropped [0-9]*:' > '$tmp/s.text'; grep -q 'dropped [0-9]*:' '$tmp/s.text' && cmp '$tmp/s.text' '$tmp/s.explain' && cmp '$tmp/s.text' '$tmp/s.features'"

# The line is drawn at most every 0.25 s: a pause in the input makes sure
# that the run lasts longer than that.
if command -v script > /dev/null; then
    want_status=0 want_out=""
    check "--stats: a progress line when stderr is a terminal, and none without --stats" \
        "script -qec \"(cat '$tmp/many.z'; sleep 0.6; cat '$tmp/many.z') | '$bin' --stats -z > /dev/null\" /dev/null | grep -q \$'\\rdeclutter: [0-9]* documents, [0-9.]* MB, [0-9.]* MB/s' && ! script -qec \"'$bin' -z '$tmp/many.z' > /dev/null\" /dev/null | grep -q ."
fi

# ------------------------------------------------------------------ usage

for bad in "-j 0" "-j x" "--jobs=2000" "--on-error=ignore" "--max-doc-bytes=0" "--max-doc-bytes=1T"; do
    want_status=2 want_out=""
    check "bad value: $bad" "'$bin' $bad < /dev/null 2>&1 | grep -q \"^declutter: invalid argument\"; exit \${PIPESTATUS[0]}"
done
want_status=2 want_err="declutter: -z and --jsonl cannot go together
Try 'declutter --help' for more information."
check "-z with --jsonl is a usage error" "'$bin' -z --jsonl < /dev/null"
want_status=2 want_err="declutter: --field needs --jsonl
Try 'declutter --help' for more information."
check "--field without --jsonl is a usage error" "'$bin' --field=x < /dev/null"

tap_end
