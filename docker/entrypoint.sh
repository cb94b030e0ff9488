#!/bin/sh
# The container's entry point.
#
#   votebot-entrypoint [run]       build the database if /data has none, start the weekly
#                                  refresh, then run the bot until SIGTERM or SIGINT
#   votebot-entrypoint COMMAND...  any other votebot command (sync, ask, health, data ...);
#                                  sh, bash or a program's path run as they are
#
# A failed first build is logged with its reason and tried again later, with a growing
# pause (VOTEBOT_RETRY_SECONDS, doubled up to an hour), instead of a crash loop.
set -u

log() {
    printf '%s entrypoint: %s\n' "$(date -u '+%Y-%m-%dT%H:%M:%SZ')" "$*" >&2
}

db="${VOTEBOT_DB:-/data/votes.db}"
export VOTEBOT_DB="$db"
source_="${VOTEBOT_DATA_SOURCE:-}"
retry="${VOTEBOT_RETRY_SECONDS:-60}"
case "$retry" in
    '' | *[!0-9]*) log "VOTEBOT_RETRY_SECONDS must be a whole number of seconds, not '$retry'"; exit 2 ;;
esac
[ "$retry" -ge 1 ] || retry=1

if [ "$#" -gt 0 ] && [ "$1" != run ]; then
    # A shell, votebot itself or a program given by its path runs as it is; any other
    # word is a votebot command (sync, ask, health, data ...), even where a program of
    # the same name exists (sync).
    case "$1" in
        sh | bash | votebot | */*) exec "$@" ;;
        *) exec votebot "$@" ;;
    esac
fi
[ "$#" -gt 0 ] && shift

stopping=0
signals=0
child=""
refresh=""
on_signal() {
    stopping=1
    signals=$((signals + 1))
    for pid in $child $refresh; do
        kill -TERM "$pid" 2>/dev/null
    done
}
trap on_signal TERM INT

# Runs "$@" in the background and waits for it, so that a signal reaches the trap at once
# (a shell runs traps only between commands). Sets $status to the child's exit code.
run_child() {
    "$@" &
    child=$!
    status=127
    while :; do
        before=$signals
        wait "$child"
        code=$?
        # 127: the child's status was collected already (a signal came after it ended)
        [ "$code" -eq 127 ] && break
        status=$code
        # A trapped signal ends `wait` early, with 128 + its number: then wait again for
        # the child's own exit code, after its clean stop.
        [ "$signals" = "$before" ] && break
    done
    child=""
}

build_database() {
    if [ -z "$source_" ]; then
        log "no database at $db: downloading the newest UN voting file (votebot data update)"
        run_child votebot data update
    else
        case "$source_" in
            http://* | https://*)
                log "no database at $db: downloading from $source_ (votebot data update)"
                run_child votebot data update
                ;;
            *)
                log "no database at $db: building it from $source_ (votebot data import)"
                run_child votebot data import "$source_"
                ;;
        esac
    fi
    return "$status"
}

dir="$(dirname "$db")"
if [ ! -f "$db" ] && { ! mkdir -p "$dir" 2>/dev/null || ! [ -w "$dir" ]; }; then
    log "cannot write to $dir as user $(id -un) (uid $(id -u)): give the volume to that user"
    exit 1
fi

pause="$retry"
while [ ! -f "$db" ] && [ "$stopping" -eq 0 ]; do
    if build_database && [ -f "$db" ]; then
        log "database ready at $db"
        break
    fi
    [ "$stopping" -eq 1 ] && break
    log "could not build the database (exit $status, reason above); trying again in ${pause} s"
    run_child sleep "$pause"
    pause=$((pause * 2))
    [ "$pause" -gt 3600 ] && pause=3600
done
if [ "$stopping" -eq 1 ]; then
    log "stopped before the bot started"
    exit 0
fi

# The weekly refresh runs beside the bot and swaps a new database in atomically; the bot
# notices the new file and reopens it.
votebot refresh-loop &
refresh=$!

log "starting the bot"
run_child votebot run "$@"
bot_status="$status"
kill -TERM "$refresh" 2>/dev/null
wait "$refresh" 2>/dev/null
if [ "$stopping" -eq 1 ]; then
    log "stopped (bot exit $bot_status)"
else
    log "the bot exited with status $bot_status"
fi
exit "$bot_status"
