#!/bin/bash
# html.sh DECLUTTER - hostile HTML: deep nesting, unclosed elements, binary
# junk.  libtidy's parser recurses, so nesting must be bounded before it
# sees the page.  Judged on output and status, never on time.  Prints TAP.
set -u
bin=$1
. "$(dirname "$0")/tap.sh"

printf 'The minister said on Tuesday that the talks would resume next week in Geneva, after a pause of several months in which both sides had accused each other of bad faith.\n' > "$tmp/a.txt"

{
    printf '<!DOCTYPE html><html><body>'
    awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div>" }'
    printf '<p>%s</p>' "$(cat "$tmp/a.txt")"
    awk 'BEGIN { for (i = 0; i < 100000; i++) printf "</div>" }'
    printf '</body></html>\n'
} > "$tmp/deep.html"
want_status=0 want_out="$(cat "$tmp/a.txt")" want_err=""
check "100,000 nested elements: the text comes through" "'$bin' '$tmp/deep.html'"

{
    printf '<!DOCTYPE html><body>'
    awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<table><tr><td><b><i><span>" }'
    printf '%s' "$(cat "$tmp/a.txt")"
} > "$tmp/unclosed.html"
want_status=0 want_err=""
check "100,000 unclosed tables and inline elements" \
    "'$bin' '$tmp/unclosed.html' | grep -q 'The minister said'"

# Unclosed inline elements that tidy would reopen in every paragraph.
{
    printf '<html><body>'
    awk 'BEGIN { for (i = 0; i < 5000; i++) printf "<font>" }'
    awk 'BEGIN { for (i = 0; i < 5000; i++) printf "<p>A short line %d.", i }'
} > "$tmp/reopen.html"
want_status=0 want_err=""
check "5,000 unclosed inline elements before 5,000 paragraphs" \
    "'$bin' '$tmp/reopen.html' > /dev/null"

# Binary junk behind an HTML start: no crash, no message.
{
    printf '<!DOCTYPE html><html><body><p>'
    awk 'BEGIN { srand(7); for (i = 0; i < 100000; i++) printf "%c", 1 + int(rand() * 255) }'
    printf '\0<\0/p\0>\0<x\0'
} > "$tmp/junk.html"
want_status=0 want_err=""
check "binary junk as HTML" "'$bin' --html '$tmp/junk.html' > /dev/null"

want_status=0 want_out="$(cat "$tmp/a.txt")" want_err=""
check "--html reads a file without markup as HTML" \
    "'$bin' --html '$tmp/a.txt'"

# Tidy parses the markup in a <title> (it is not raw text to it): the
# nesting bound holds there too, and so does the removal of a "<!D"
# declaration in a <button> before a paragraph (endless recursion in
# tidy; found by fuzz/fuzz-html.c).
{
    printf '<html><head><title>'
    awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "<div>" }'
    printf '</title></head><body><p>%s</p></body></html>\n' "$(cat "$tmp/a.txt")"
} > "$tmp/title-deep.html"
want_status=0 want_err=""
check "1,000,000 nested elements in a title" \
    "'$bin' '$tmp/title-deep.html' > /dev/null"
printf '<title><button <!D g><p' > "$tmp/title-doctype.html"
want_status=0 want_out="" want_err=""
check "a doctype in a button in a title" "'$bin' --html '$tmp/title-doctype.html'"
printf '<button <<!D g><p' > "$tmp/button-doctype.html"
want_status=0 want_out="" want_err=""
check "a doctype after a stray '<' in a button" \
    "'$bin' --html '$tmp/button-doctype.html'"

# A page longer than a part (2 MiB) is parsed a part at a time, cut only
# after a block's end tag: every paragraph comes out once and in order,
# in the charset the page declared at its start, and no cut falls in a
# script's text, however many end tags its strings hold.
{
    printf '<!DOCTYPE html><html><head><meta charset="windows-1252">'
    printf '<title>A long page</title></head><body><div class="article">\n'
    printf '<script>var s = "'
    awk 'BEGIN { for (i = 0; i < 60000; i++) printf "</div></p> it was a fine day for it, the minister said <!-- " }'
    printf '";</script>\n'
    awk 'BEGIN { for (i = 0; i < 12000; i++) printf "<div><p>Paragraph %d: the council said on Tuesday at the caf\351 that the harbour plan would go to a vote next month, after a long debate in which residents had asked for changes to the route of the new road.</p></div>\n", i }'
    printf '</div></body></html>\n'
} > "$tmp/long.html"
"$bin" "$tmp/long.html" > "$tmp/long.out" 2>&1
want_status=0 want_out="$(seq 0 11999)" want_err=""
check "a page of 6 MB in parts: every paragraph, once, in order" \
    "grep -o '^Paragraph [0-9]*: the council said on Tuesday at the café' '$tmp/long.out' | cut -d' ' -f2 | cut -d: -f1"
want_status=1 want_out="" want_err=""
check "a page in parts: no cut in a script's text" \
    "grep 'fine day' '$tmp/long.out'"

tap_end
