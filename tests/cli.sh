#!/bin/bash
# cli.sh DECLUTTER TESTDATA - the command's contract as a Unix tool: exit
# codes, messages, files, pipes and write errors.  Prints TAP.
set -u
bin=$1 dir=$2
. "$(dirname "$0")/tap.sh"

article="$dir/clean-article.in"
printf 'The minister said on Tuesday that the talks would resume next week in Geneva, after a pause of several months in which both sides had accused each other of bad faith.\n' > "$tmp/a.txt"
printf 'Officials from both countries have said that they expect the new round to produce an agreement on trade, though neither side has said what it is ready to give up.\n' > "$tmp/b.txt"

want_status=0 want_err=""
check "--help prints usage on stdout" "'$bin' --help | grep -q '^Usage: declutter'"

want_status=0 want_out="declutter 0.1.0" want_err=""
check "--version" "'$bin' --version"

want_status=2 want_out="" want_err="declutter: unrecognized option '--bogus'
Try 'declutter --help' for more information."
check "unknown long option exits 2" "'$bin' --bogus < /dev/null"

want_status=2 want_out="" want_err="declutter: --precision and --recall cannot go together
Try 'declutter --help' for more information."
check "--precision with --recall is a usage error" "'$bin' --precision --recall < /dev/null"

# A rule file's settings win over a preset's: with the preset's own
# values set back to the defaults, --precision changes nothing.
printf 'set length_low 55\nset length_high 165\nset stopwords_low 0.22\nset stopwords_high 0.30\nset max_heading_distance 3\nset region_min_words 60\nset region_min_share 0.25\nset tail_resume_words 90\n' > "$tmp/defaults.rules"
want_status=0 want_out="$(cat "$dir/preset-precision.in" | "$bin")" want_err=""
check "-r FILE settings win over --precision" "'$bin' --precision -r '$tmp/defaults.rules' < '$dir/preset-precision.in'"

want_status=2 want_err="declutter: invalid option -- 'Z'
Try 'declutter --help' for more information."
check "unknown short option exits 2" "'$bin' -Z < /dev/null"

want_status=2 want_err="declutter: option '--from-code' requires an argument
Try 'declutter --help' for more information."
check "missing option argument exits 2" "'$bin' --from-code < /dev/null"

want_status=0 want_err=""
want_out="$(cat "$tmp/a.txt" "$tmp/b.txt")"
check "files are read in order" "'$bin' '$tmp/a.txt' '$tmp/b.txt'"

want_status=0 want_err=""
want_out="$(cat "$tmp/a.txt" "$tmp/b.txt")"
check "- reads standard input" "'$bin' '$tmp/a.txt' - < '$tmp/b.txt'"

want_status=1 want_err="declutter: $tmp/missing.txt: No such file or directory"
want_out="$(cat "$tmp/b.txt")"
check "missing file: reported, others done, exit 1" \
    "'$bin' '$tmp/missing.txt' '$tmp/b.txt'"

want_status=1 want_err="declutter: $tmp: Is a directory"
check "directory operand exits 1" "'$bin' '$tmp'"

if [ "$(id -u)" != 0 ]; then
    cp "$tmp/a.txt" "$tmp/locked.txt"; chmod 000 "$tmp/locked.txt"
    want_status=1 want_err="declutter: $tmp/locked.txt: Permission denied"
    check "unreadable file exits 1" "'$bin' '$tmp/locked.txt'"
fi

if [ -w /dev/full ]; then
    want_status=1 want_err="declutter: write error: No space left on device"
    check "write error exits 1" "'$bin' '$article' > /dev/full"
fi

want_status=0 want_err=""
check "closed pipe ends quietly" \
    "set -o pipefail; yes 'The minister said the talks would resume next week in Geneva.' | head -c 3000000 | '$bin' | head -c1 >/dev/null; s=(\${PIPESTATUS[@]}); [ \${s[2]} = 0 ] || [ \${s[2]} = 141 ]"

want_status=0 want_err=""
check "closed pipe with SIGPIPE ignored exits 0 quietly" \
    "yes 'The minister said the talks would resume next week in Geneva.' | head -c 3000000 > '$tmp/big.txt'; (trap '' PIPE; '$bin' '$tmp/big.txt' | head -c1 >/dev/null; exit \${PIPESTATUS[0]})"

printf 'drop /x/\ndorp /y/\n' > "$tmp/bad.rules"
want_status=2 want_out="" want_err="declutter: $tmp/bad.rules:2:1: unknown action 'dorp'"
check "rule error names file, line and column" "'$bin' -r '$tmp/bad.rules' < '$tmp/a.txt'"

printf 'drop /(unclosed/\n' > "$tmp/bad2.rules"
want_status=2 want_out=""
check "bad pattern exits 2" "'$bin' -r '$tmp/bad2.rules' < '$tmp/a.txt' 2>&1 | grep -q '^declutter: .*bad2.rules:1:[0-9]*: '; exit \${PIPESTATUS[0]}"

want_status=2 want_err="declutter: $tmp/none.rules: No such file or directory"
check "missing rule file exits 2" "'$bin' -r '$tmp/none.rules' < '$tmp/a.txt'"

printf 'drop /^Officials/\ntest drop "Officials say"\ntest keep "Officials say"\n' > "$tmp/t.rules"
want_status=1
check "--check-rules reports a failing example" \
    "'$bin' --check-rules '$tmp/t.rules' | grep -q 't.rules:3: expected keep'; s=\${PIPESTATUS[0]}; exit \$s"

printf 'drop /^Officials/\ntest drop "Officials say"\n' > "$tmp/u.rules"
want_status=0
check "--check-rules passes a good file" "'$bin' --check-rules '$tmp/u.rules' > /dev/null"

printf 'drop /^(?:(?:share|print)\\s*[|]?\\s*){2,}$/i\ntest drop "Share | Print"\n' > "$tmp/slow.rules"
want_status=1
check "--check-rules reports a pattern that backtracks" \
    "'$bin' --check-rules '$tmp/slow.rules' | grep -q 'slow.rules:1: the pattern backtracks'; s=\${PIPESTATUS[0]}; exit \$s"

want_status=0 want_out="$(cat "$tmp/a.txt")"
check "-r adds rules to the defaults" "'$bin' -r '$tmp/u.rules' '$tmp/a.txt' '$tmp/b.txt'"

want_status=2 want_err="declutter: unknown encoding 'NO-SUCH-CODE'"
check "unknown --from-code exits 2" "'$bin' --from-code=NO-SUCH-CODE < '$tmp/a.txt'"

# A document far longer than the classifier's window (8192 lines): every
# paragraph of the articles in it must come through, across the seams.
a=$(cat "$tmp/a.txt") b=$(cat "$tmp/b.txt")
for i in $(seq 3000); do # printf is a builtin: no process per article
    printf '%d. %s\n\n%d. %s\n\nRelated\n- Another story about something else\n\n' \
        "$i" "$a" "$i" "$b"
done > "$tmp/long.txt"
want_status=0 want_out="6000" want_err=""
check "a stream longer than the window keeps every paragraph" \
    "'$bin' '$tmp/long.txt' | grep -c -e '^[0-9]*\. The minister said' -e '^[0-9]*\. Officials from both'"

# One line of 4 MB of prose comes through whole.
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "The minister said the talks would resume next week in Geneva, after a pause. "; print "The end." }' > "$tmp/longline.txt"
want_status=0 want_out="$(wc -c < "$tmp/longline.txt")" want_err=""
check "a 3 MB line comes through whole" "'$bin' '$tmp/longline.txt' | wc -c"

tap_end
