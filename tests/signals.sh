#!/bin/bash
# signals.sh DECLUTTER - signals while declutter reads a pipe: TERM and
# HUP end it by their default action, quietly (no message, no core); STOP
# and CONT in the middle of a document change nothing in its output.
# (SIGPIPE is cli.sh's.)  Prints TAP.
set -u
bin=$1
. "$(dirname "$0")/tap.sh"

para='The island ferry sailed again on Monday morning after three days in port, carrying food, post and the first visitors since the storm closed the harbour last Thursday.'

# A parent may start the tests with HUP or TERM ignored (nohup does), and
# an ignored signal stays ignored across exec: give them back their
# default action, so that the test measures declutter, not how the suite
# was started.  (env execs declutter: $! is its pid.)
defaults=()
if env --default-signal=HUP true 2> /dev/null; then
    defaults=(env --default-signal=HUP,TERM)
fi

# kill_while_reading SIGNAL WANT-STATUS
kill_while_reading() {
    rm -f "$tmp/fifo"
    mkfifo "$tmp/fifo"
    "${defaults[@]}" "$bin" < "$tmp/fifo" > "$tmp/out" 2> "$tmp/err" &
    local pid=$!
    exec 3> "$tmp/fifo"
    printf '%s\n' "$para" >&3
    sleep 0.2
    kill -"$1" "$pid"
    wait "$pid"
    local status=$?
    exec 3>&-
    [ "$status" -eq "$2" ]; ok $? "SIG$1 while reading: killed by it (status $status, want $2)"
    [ ! -s "$tmp/err" ]; ok $? "SIG$1 while reading: nothing on stderr"
}
kill_while_reading TERM 143
kill_while_reading HUP 129

# STOP and CONT between two halves of a document.
rm -f "$tmp/fifo"
mkfifo "$tmp/fifo"
"$bin" < "$tmp/fifo" > "$tmp/out" 2> "$tmp/err" &
pid=$!
exec 3> "$tmp/fifo"
printf '%s\n\n' "$para" >&3
sleep 0.2
kill -STOP "$pid"
printf '%s\n' "$para" >&3
sleep 0.2
kill -CONT "$pid"
exec 3>&-
wait "$pid"
status=$?
[ "$status" -eq 0 ]; ok $? "SIGSTOP, SIGCONT mid-document: exit 0 (got $status)"
printf '%s\n\n%s\n' "$para" "$para" | cmp -s - "$tmp/out"
ok $? "SIGSTOP, SIGCONT mid-document: output complete"
[ ! -s "$tmp/err" ]; ok $? "SIGSTOP, SIGCONT mid-document: nothing on stderr"

tap_end
