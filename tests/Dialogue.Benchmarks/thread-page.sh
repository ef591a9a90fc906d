#!/usr/bin/env bash
# Thread page throughput: a signed-out reader opening the first 20-post page of a CLEAR thread, measured with wrk on loopback.
#   bash tests/Dialogue.Benchmarks/thread-page.sh [connections=32] [seconds=30]
# Starts the published app (Release, SQLite, demo content) on 127.0.0.1 in a temporary folder and removes it after.
#
#   GLOSSARY_COMPARE=ROUNDS bash tests/Dialogue.Benchmarks/thread-page.sh [connections] [seconds]
# measures glossary linking instead: the signed-out page cache is turned off (so every request runs the page), and
# ROUNDS interleaved pairs of runs alternate the thread's posts between opted out of glossary links (the linker then
# does no work at all: no query, no pass) and linked as usual, printing each pair's requests/s, their ratio and the
# load average, so a shared machine's drift hits both sides alike.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONNECTIONS="${1:-32}"
SECONDS_TO_RUN="${2:-30}"
PORT="${DIALOGUE_BENCH_PORT:-5099}"
ROUNDS="${GLOSSARY_COMPARE:-0}"
if [ "$ROUNDS" -gt 0 ]; then export Caching__AnonymousPages=false; fi

for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"; }
done

WORK="$(mktemp -d /tmp/dialogue-bench.XXXXXX)"
trap 'kill "${APP_PID:-}" 2>/dev/null || true; wait "${APP_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

dotnet publish "$ROOT/src/Dialogue.Web" -c Release -o "$WORK/app" -v q -nologo >/dev/null
(cd "$WORK/app" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  App__DataDirectory="$WORK/data" Demo__Seed=true Bootstrap__AdminEmail=admin@bench.local Bootstrap__AdminPassword=bench-password-1 \
  exec ./Dialogue.Web --urls "http://127.0.0.1:$PORT" >"$WORK/app.log" 2>&1) &
APP_PID=$!

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
# THREAD_TITLE picks another demo thread (a SQL LIKE pattern), e.g. one whose posts hold glossary terms.
THREAD_ID="$(sqlite3 "$WORK/data/dialogue.db" "SELECT Id FROM Threads WHERE Title LIKE '${THREAD_TITLE:-Replication log:%}' LIMIT 1;")"
URL="http://127.0.0.1:$PORT/Threads/$THREAD_ID"
STATUS="$(curl -s -o "$WORK/page.html" -w '%{http_code}' "$URL")"
[ "$STATUS" = 200 ] || { echo "GET $URL answered $STATUS" >&2; tail -40 "$WORK/app.log" >&2; exit 1; }
POSTS="$(grep -o '<article' "$WORK/page.html" | wc -l)"
echo "thread $THREAD_ID: $POSTS posts on the page"

wrk -t2 -c"$CONNECTIONS" -d5s "$URL" >/dev/null   # warm-up
if [ "$ROUNDS" -eq 0 ]; then
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency "$URL"
  exit 0
fi

echo "linked terms on the page: $(grep -o 'class="glossary-term"' "$WORK/page.html" | wc -l)"
links_off() { sqlite3 "$WORK/data/dialogue.db" "PRAGMA busy_timeout=5000; UPDATE Posts SET GlossaryLinksOff = $1 WHERE ThreadId = $THREAD_ID;" >/dev/null; }
rate() { wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" "$URL" | awk '/Requests\/sec/ { print $2 }'; }
echo "round | links off req/s | links on req/s | on/off | load average (1 min) at start"
for round in $(seq 1 "$ROUNDS"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  # The order flips every round, so warming or cooling of the machine does not favour one side.
  if [ $((round % 2)) -eq 1 ]; then
    links_off 1; off="$(rate)"; links_off 0; on="$(rate)"
  else
    links_off 0; on="$(rate)"; links_off 1; off="$(rate)"
  fi
  echo "$round | $off | $on | $(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }') | $load"
done
