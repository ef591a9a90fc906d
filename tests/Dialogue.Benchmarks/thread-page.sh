#!/usr/bin/env bash
# Thread page throughput: a signed-out reader opening the first 20-post page of a CLEAR thread, measured with wrk on loopback.
#   bash tests/Dialogue.Benchmarks/thread-page.sh [connections=32] [seconds=30]
# Starts the published app (Release, SQLite, demo content) on 127.0.0.1 in a temporary folder and removes it after.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONNECTIONS="${1:-32}"
SECONDS_TO_RUN="${2:-30}"
PORT="${DIALOGUE_BENCH_PORT:-5099}"

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
THREAD_ID="$(sqlite3 "$WORK/data/dialogue.db" "SELECT Id FROM Threads WHERE Title LIKE 'Replication log:%' LIMIT 1;")"
URL="http://127.0.0.1:$PORT/Threads/$THREAD_ID"
STATUS="$(curl -s -o "$WORK/page.html" -w '%{http_code}' "$URL")"
[ "$STATUS" = 200 ] || { echo "GET $URL answered $STATUS" >&2; tail -40 "$WORK/app.log" >&2; exit 1; }
POSTS="$(grep -o '<article' "$WORK/page.html" | wc -l)"
echo "thread $THREAD_ID: $POSTS posts on the page"

wrk -t2 -c"$CONNECTIONS" -d5s "$URL" >/dev/null   # warm-up
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency "$URL"
