#!/bin/bash
# pathological.sh DECLUTTER CLEAN-TEXT TESTDATA CASE - one hostile input,
# generated here at run time (never committed), judged on its output:
# what must come through does, what must go goes, and the output is clean
# text (CLEAN-TEXT: valid UTF-8, no NUL, no control but tab and newline).
# Never judged on timing: meson's timeout is the only clock.  Prints TAP.
set -u
bin=$1 clean=$2 dir=$3 case=$4
. "$(dirname "$0")/tap.sh"

# run ARGS...: declutter ARGS > out, 2> err; $status is its exit status.
run() {
    "$bin" "$@" > "$tmp/out" 2> "$tmp/err"
    status=$?
    [ -s "$tmp/err" ] && sed 's/^/# stderr: /' "$tmp/err" | head -5
}

# The usual end of a case: exit 0, nothing on stderr, clean output.
clean_exit() {
    [ "$status" -eq 0 ]; ok $? "$1: exit 0 (got $status)"
    [ ! -s "$tmp/err" ]; ok $? "$1: nothing on stderr"
    "$clean" < "$tmp/out"; ok $? "$1: output is clean UTF-8 text"
}

# An article of good paragraphs (each longer than length_high), which the
# classifier keeps wherever it stands.
article() {
    cat <<'ART'
Ferry sails again after three days of storms

The island ferry sailed again on Monday morning after three days in port, carrying food, post and the first visitors since the storm closed the harbour last Thursday and cut the island off from the mainland.

Islanders said the shop had run out of bread and milk by Sunday, and that the school had stayed shut because two of its teachers live on the mainland and could not get across to the island.

The council has promised to look at building a longer breakwater, so that the ferry can leave the harbour in rougher weather in future, but it has said that the work would cost more than it can pay alone.
ART
}

case $case in
long-line)
    # One 50 MB line of prose: it comes out whole, byte for byte.
    awk 'BEGIN { s = "The minister said the talks would resume next week in Geneva, after a pause of several months. "; for (i = 0; i < 525000; i++) printf "%s", s; print "The end." }' > "$tmp/in"
    run "$tmp/in"
    clean_exit "50 MB line"
    cmp -s "$tmp/in" "$tmp/out"; ok $? "50 MB line: comes out whole ($(wc -c < "$tmp/in") bytes in, $(wc -c < "$tmp/out") out)"
    # The window holds it in pieces of at most 1 MiB (so memory stays
    # bounded), which --explain lists as rows of line 1.
    run --explain "$tmp/in"
    awk '$1 != 1 || length($0) > 1048576 + 200 { bad++ } END { exit !(NR >= 2 && !bad) }' "$tmp/out"
    ok $? "50 MB line: held in $(wc -l < "$tmp/out") pieces of line 1, none over 1 MiB"
    # A line of many paragraphs' worth that repeats itself is one line,
    # not paragraphs repeated: every piece of it is kept.
    awk 'BEGIN { for (i = 0; i < 60000; i++) printf "The talks will resume next week in Geneva, the minister said. "; print "" }' > "$tmp/in"
    run "$tmp/in"
    sed 's/ *$//' "$tmp/in" | cmp -s - "$tmp/out"; ok $? "3.7 MB line repeating one sentence: comes out whole"
    ;;
million-lines)
    # 1,000,000 lines of prose hard-wrapped at 72 columns (a renderer's
    # output): every line is article, and every one comes through.
    article | tail -n +3 | fold -s -w 72 | sed 's/ *$//' > "$tmp/para"
    awk -v f="$tmp/para" 'BEGIN { while ((getline l < f) > 0) a[n++] = l; for (i = 0; i < 1000000; i++) { l = a[i % n]; if (l != "" && (i % n == 0 || a[i % n - 1] == "")) l = int(i / n) + 1 ". " l; print l } }' > "$tmp/in"
    run "$tmp/in"
    clean_exit "1M lines"
    cmp -s "$tmp/in" "$tmp/out"; ok $? "1M lines: all $(wc -l < "$tmp/out") come through, in order"
    ;;
link-list)
    # An article followed by a 100,000-line list of links: the list goes,
    # the article stays, whole.
    article > "$tmp/want"
    { article; echo
      awk 'BEGIN { for (i = 0; i < 100000; i++) printf "* Story number %d about something else\n", i }'
    } > "$tmp/in"
    run "$tmp/in"
    clean_exit "100k-line link list"
    cmp -s "$tmp/want" "$tmp/out"; ok $? "100k-line link list: dropped, the article kept ($(wc -l < "$tmp/out") lines out)"
    ;;
article-in-lists-*-*)
    # CASE: article-in-lists-POSITION-LINES.  A short article -- a
    # headline and one to three paragraphs of real sentences, each too
    # short to be good text on its own -- before, after or between link
    # lists of LINES lines each, in four shapes: bare titles, html2text's
    # "* [title](url)", numbered items and titles with dates.  Every line
    # of the article comes out, in order, and no line of the lists does.
    IFS=- read -r _ _ _ pos lines <<< "$case"
    short_article() { # PARAGRAPHS
        echo "Bridge to close for a month of repairs"
        printf '\n%s\n' \
            "The bridge over the river will close for repairs on Monday, the council said in a statement." \
            "Drivers will have to use the ferry or the old road through the hills for at least a month." \
            "The work was planned last year but was put off until the spring, when the water is lower." |
            head -n $(($1 * 2))
    }
    links() { # SHAPE LINES FIRST
        awk -v shape="$1" -v n="$2" -v first="$3" 'BEGIN {
            for (i = first; i < first + n; i++) {
                t = sprintf("Story number %d about something else", i)
                if (shape == "bare") print t
                else if (shape == "html2text") printf "  * [%s](/story/%d)\n", t, i
                else if (shape == "numbered") printf "%d. %s\n", i + 1, t
                else printf "%s 2024-03-%02d\n", t, i % 28 + 1 } }'
    }
    for shape in bare html2text numbered dated; do
        for paras in 1 2 3; do
            # 100,000 lines: one article length per shape, in turn.
            [ "$lines" -ge 100000 ] && [ $paras -ne $(( ${#shape} % 3 + 1 )) ] && continue
            short_article $paras > "$tmp/want"
            { [ "$pos" = before ] || { links $shape "$lines" 0; echo; }
              cat "$tmp/want"
              [ "$pos" = after ] || { echo; links $shape "$lines" "$lines"; }
            } > "$tmp/in"
            what="$paras-paragraph article $pos $lines-line $shape list"
            run "$tmp/in"
            clean_exit "$what"
            grep -v '^$' "$tmp/want" > "$tmp/lines"
            grep -xF -f "$tmp/lines" "$tmp/out" | cmp -s "$tmp/lines" -
            ok $? "$what: every line of the article kept, in order ($(wc -c < "$tmp/in") bytes in, $(wc -c < "$tmp/out") out)"
            ! grep -q 'Story number' "$tmp/out"
            ok $? "$what: the list dropped"
        done
    done
    ;;
nested-html)
    # 100,000 nested elements read as text (--text: as HTML they are
    # tests/html.sh's), one tag a line and then all on one line: the tags
    # go, the article inside them stays.
    article > "$tmp/want"
    { awk 'BEGIN { for (i = 0; i < 100000; i++) print "<div class=\"wrap\">" }'
      article
      awk 'BEGIN { for (i = 0; i < 100000; i++) print "</div>" }'
    } > "$tmp/in"
    run --text "$tmp/in"
    clean_exit "100k nested elements, a line each"
    cmp -s "$tmp/want" "$tmp/out"; ok $? "100k nested elements, a line each: article only"
    { awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div><span>" }'; echo
      article
      awk 'BEGIN { for (i = 0; i < 100000; i++) printf "</span></div>" }'; echo
    } > "$tmp/in"
    run --text "$tmp/in"
    clean_exit "100k nested elements on one line"
    cmp -s "$tmp/want" "$tmp/out"; ok $? "100k nested elements on one line: article only"
    ;;
unclosed-script)
    # An unclosed <script> at the start of 10 MB of article text: the
    # script line goes, every paragraph after it stays.
    article | tail -n +3 > "$tmp/paras"
    awk -v f="$tmp/paras" 'BEGIN { while ((getline l < f) > 0) a[n++] = l; for (i = 0; i < 16500; i++) { for (k = 0; k < n; k++) print (a[k] == "" ? "" : i + 1 ". " a[k]); print "" } }' | sed '$d' > "$tmp/want"
    { echo '<script type="text/javascript">var slots = {top: [728, 90]}; window.dataLayer = window.dataLayer || [];'
      cat "$tmp/want"; } > "$tmp/in"
    run "$tmp/in"
    clean_exit "unclosed script"
    cmp -s "$tmp/want" "$tmp/out"; ok $? "unclosed script before $(wc -c < "$tmp/in") bytes: every paragraph after it kept"
    ;;
backtracking-rule)
    # drop /(a+)+[.!]{2}$/ against a 100 KB line: the match limit stops
    # it, the line is kept, and the rule is warned about once.  (The line
    # ends with a byte the rule's matches can end with: a rule that can
    # not match there is never run.)
    printf 'drop /(a+)+[.!]{2}$/\n' > "$tmp/bt.rules"
    awk 'BEGIN { for (i = 0; i < 1100; i++) printf "She screamed aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, then the minister said the talks would resume. "; print "The end." }' > "$tmp/in"
    run -r "$tmp/bt.rules" "$tmp/in" "$tmp/in"
    [ "$status" -eq 0 ]; ok $? "backtracking rule: exit 0"
    cat "$tmp/in" "$tmp/in" | cmp -s - "$tmp/out"; ok $? "backtracking rule: the $(wc -c < "$tmp/in")-byte line is kept, twice"
    want="declutter: warning: $tmp/bt.rules:1: pattern hit the match limit; treated as not matching"
    [ "$(cat "$tmp/err")" = "$want" ]; ok $? "backtracking rule: warned once"
    ;;
button-rows)
    # Rows of the words of share, print, bookmark, recipe and footer
    # buttons, three spaces or a bar between, each broken near its end:
    # the rows that make a rule whose items can split a row many ways
    # take every split before it gives up.  No shipped rule reaches the
    # match limit (nothing on stderr), and the article comes through
    # (what becomes of rows this broken is not the question here).
    article > "$tmp/in"
    for w in share print 'e-mail this' addthis top 'jump to recipe' privacy 'terms of use' digg; do
        for sep in '   ' ' | '; do
            awk -v w="$w" -v sep="$sep" 'BEGIN { for (k = 5; k <= 60; k += 5) {
                printf "\n"; for (i = 0; i < k; i++) printf "%s%s", w, sep
                printf "~#~ %s%s%s\n", w, sep, w } }' >> "$tmp/in"
        done
    done
    run "$tmp/in"
    clean_exit "button rows"
    article > "$tmp/want"
    head -n "$(wc -l < "$tmp/want")" "$tmp/out" | cmp -s "$tmp/want" -
    ok $? "button rows: the article comes through"
    ;;
big-rule-file)
    # A 10 MB rule file written the way the shipped ones are (a comment, a
    # rule and its examples, 42,500 times): it loads, and its rules work.
    awk 'BEGIN { for (i = 0; i < 42500; i++) {
        printf "# Sponsored story %d: the partner network labels its paid posts this way.\n", i
        printf "drop /^Sponsored story number %d$/i\n", i
        printf "test drop \"Sponsored story number %d\"\n", i
        printf "test keep \"The minister said story number %d would be published on Tuesday.\"\n", i } }' > "$tmp/big.rules"
    { article; echo; echo "Sponsored story number 42499"; } > "$tmp/in"
    article > "$tmp/want"
    run -r "$tmp/big.rules" "$tmp/in"
    clean_exit "10 MB rule file ($(wc -c < "$tmp/big.rules") bytes)"
    cmp -s "$tmp/want" "$tmp/out"; ok $? "10 MB rule file: its last rule drops its line"
    # One 10 MB pattern is more than PCRE2 compiles: a rule error, exit 2.
    awk 'BEGIN { printf "drop /^(?:word0"; for (i = 1; i < 1000000; i++) printf "|word%d", i; print ")$/" }' > "$tmp/huge.rules"
    run -r "$tmp/huge.rules" "$tmp/in"
    [ "$status" -eq 2 ]; ok $? "one 10 MB pattern: exit 2 (got $status)"
    grep -q "^declutter: $tmp/huge.rules:1:[0-9]*: " "$tmp/err"; ok $? "one 10 MB pattern: the error names file, line and column"
    [ ! -s "$tmp/out" ]; ok $? "one 10 MB pattern: no output"
    ;;
binary)
    # A real PNG (made here with zlib): exit 0 and clean text out.
    python3 - "$tmp/in" <<'PY' || exit 1
import struct, sys, zlib
w = h = 128
state = 12345
rows = bytearray()
for y in range(h):
    rows.append(0)
    for x in range(w * 3):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        rows.append(state >> 16 & 0xFF)
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(bytes(rows))) + chunk(b'IEND', b'')
open(sys.argv[1], 'wb').write(png)
PY
    run "$tmp/in"
    clean_exit "PNG ($(wc -c < "$tmp/in") bytes in, $(wc -c < "$tmp/out") out)"
    run --explain "$tmp/in"
    clean_exit "PNG under --explain"
    ;;
nul-bytes)
    # NUL bytes inside the text are removed; the text around them stays.
    article > "$tmp/want"
    article | sed 's/ the / th\x00e /g; s/^/\x00/' > "$tmp/in"
    run "$tmp/in"
    clean_exit "NUL bytes"
    cmp -s "$tmp/want" "$tmp/out"; ok $? "NUL bytes: the text comes through without them"
    ;;
truncated-legacy | truncated-unicode)
    # Every multibyte encoding cut inside its last character: exit 0,
    # clean text, and the article up to the cut with one U+FFFD for the
    # cut character, whether the encoding is detected or given.
    # (Single-byte encodings -- KOI8-R, windows-1251, windows-1252 --
    # cannot be cut inside a character.)  SOURCE:PYTHON-CODEC:ICONV-NAME.
    if [ "$case" = truncated-legacy ]; then
        specs="big5:big5:BIG5 euc-jp:euc_jp:EUC-JP euc-kr:euc_kr:EUC-KR
            gb18030:gb18030:GB18030 shift-jis:shift_jis:SHIFT_JIS"
    else
        specs="euc-jp:utf_8:UTF-8 euc-jp:utf_16:UTF-16
            euc-jp:utf_16_be:UTF-16BE euc-jp:utf_32:UTF-32
            euc-jp:iso2022_jp:ISO-2022-JP"
    fi
    for spec in $specs; do
        IFS=: read -r src py iconv <<< "$spec"
        python3 - "$dir/legacy-$src" "$py" "$tmp/in" "$tmp/want" <<'PY' || exit 1
import sys
base, codec, out, want = sys.argv[1:]
src = {'big5': 'big5', 'euc-jp': 'euc_jp', 'euc-kr': 'euc_kr',
       'gb18030': 'gb18030', 'shift-jis': 'shift_jis'}[base.rsplit('legacy-', 1)[1]]
text = open(base + '.in', 'rb').read().decode(src)
k = max(i for i, ch in enumerate(text) if ord(ch) >= 0x80)
whole = text[k].encode(codec)
if codec in ('utf_16', 'utf_32'):   # with a BOM: the character alone
    whole = text[k].encode(codec[:6] + '_le')
if codec == 'iso2022_jp':           # ESC $ B and the first of two bytes
    whole = whole[:5]
cut = text[:k].encode(codec) + whole[:len(whole) - 1 if len(whole) > 2 else 1]
open(out, 'wb').write(cut)
gold = open(base + '.out', encoding='utf-8').read()
open(want, 'w', encoding='utf-8').write(gold[:gold.rindex(text[k])] + '\ufffd\n')
PY
        hows="detected given"
        # Known only when given: UTF-16BE without a byte-order mark.
        # (ISO-2022-JP is 7-bit, told from ASCII by its escapes.)
        case $iconv in UTF-16BE) hows=given ;; esac
        for how in $hows; do
            if [ $how = given ]; then run -f "$iconv" "$tmp/in"; else run "$tmp/in"; fi
            clean_exit "$iconv cut mid-character, $how"
            cmp -s "$tmp/want" "$tmp/out"; ok $? "$iconv cut mid-character, $how: text up to the cut, then U+FFFD"
        done
    done
    ;;
prose-page-many-windows)
    # A page with no paragraph long enough to be text (a glossary, a list
    # of notes) keeps its sentences rather than print nothing: all of
    # them, where it is longer than the classifier's window too, not
    # those of the first window alone.
    awk 'BEGIN { for (i = 0; i < 6000; i++) printf "* [Note %d](/notes/%d)\n\nNote %d: the minister said the talks would resume next week.\n\n", i, i, i }' > "$tmp/in"
    run "$tmp/in"
    clean_exit "24,000-line page without text"
    [ "$(grep -c '^Note [0-9]*: the minister' "$tmp/out")" -eq 6000 ]
    ok $? "24,000-line page without text: all 6000 sentences kept ($(grep -c '^Note' "$tmp/out") out)"
    ! grep -q '\[Note' "$tmp/out"; ok $? "24,000-line page without text: the links dropped"
    ;;
many-windows)
    # 2,000 pages (about 70,000 lines), hard-wrapped as lynx does, in runs
    # of English and German pages (the language detected changes from one
    # window to the next, and with it the rules that apply), with tables
    # drawn as columns, "Related" lists and comments, their lengths
    # varying: paragraphs, tables and changes of language fall across the
    # classifier's window edges.  What the classifier keeps of the blocks
    # it sees again in the next window must not change the output: the
    # same as with every block judged afresh (DC_CLASSIFY_NO_MEMO).
    article | fold -s -w 72 | sed 's/ *$//' > "$tmp/en"
    { echo "Neue Brücke über den Fluss"; echo
      for k in 1 2 3; do
          echo "Die Regierung hat am Montag angekündigt, dass die neue Brücke über den Fluss im nächsten Jahr gebaut werden soll, und die Bürger der Stadt sind darüber sehr froh, weil sie nicht mehr mit der Fähre fahren müssen."
          echo
      done; } | fold -s -w 72 | sed 's/ *$//' > "$tmp/de"
    awk -v en="$tmp/en" -v de="$tmp/de" 'BEGIN {
        while ((getline l < en) > 0) page[0] = page[0] l "\n"
        while ((getline l < de) > 0) page[1] = page[1] l "\n"
        split("Comments|Kommentare", tail, "|")
        split("Related|Mehr zum Thema", rel, "|")
        for (i = 1; i <= 2000; i++) {
            g = int(i / 170) % 2
            printf "%s\n", page[g]
            print "Name          Points    Goals"
            for (k = 0; k <= i % 4 + 3; k++) printf "Team %d          %d        %d\n", k, i + k, k
            print ""; print rel[g + 1]; print ""
            for (k = 0; k <= i % 6; k++) printf "* Story %d.%d about something else\n", i, k
            print ""; print tail[g + 1]; print ""; print "Great story, thanks!"; print ""
        }
    }' > "$tmp/in"
    run "$tmp/in"
    clean_exit "many windows"
    kept=$(wc -l < "$tmp/out") all=$(wc -l < "$tmp/in")
    [ "$kept" -gt 0 ] && [ "$kept" -lt "$all" ]; ok $? "many windows: some of $all lines kept ($kept), not all"
    # --explain shows every block's features, decision and rule
    run --explain "$tmp/in"
    mv "$tmp/out" "$tmp/memo"
    export DC_CLASSIFY_NO_MEMO=1
    run --explain "$tmp/in"
    unset DC_CLASSIFY_NO_MEMO
    cmp -s "$tmp/memo" "$tmp/out"; ok $? "many windows: --explain the same with and without the memo"
    ;;
*)
    echo "pathological.sh: unknown case '$case'" >&2
    exit 2
    ;;
esac
tap_end
