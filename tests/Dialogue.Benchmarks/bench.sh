#!/usr/bin/env bash
# Every page scenario of issue 13, measured with wrk on loopback against the published Release app, written to
# docs/performance.md (between the bench.sh markers) with machine, date, commit and load average.
#   bash tests/Dialogue.Benchmarks/bench.sh                      # demo site, connections "1 32 64", 10 s each
#   CONNECTIONS="32" SECONDS_EACH=20 PORT=5107 bash tests/Dialogue.Benchmarks/bench.sh
#   DATA=/path/to/generated/site bash tests/Dialogue.Benchmarks/bench.sh   # a site built by the generator (App:DataDirectory)
# Needs wrk and sqlite3 (installed from Debian when missing). Removes its temporary folder; leaves DATA alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONNECTIONS="${CONNECTIONS:-1 32 64}"
SECONDS_EACH="${SECONDS_EACH:-10}"
PORT="${PORT:-5107}"
OUT="${OUT:-$ROOT/docs/performance.md}"
BASE="http://127.0.0.1:$PORT"

for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"; }
done

WORK="$(mktemp -d /tmp/dialogue-bench.XXXXXX)"
trap 'kill "${APP_PID:-}" 2>/dev/null || true; wait "${APP_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
if [ -n "${DATA:-}" ]; then DATA_DIR="$DATA"; SEED=false; else DATA_DIR="$WORK/data"; SEED=true; fi

dotnet publish "$ROOT/src/Dialogue.Web" -c Release -o "$WORK/app" -v q -nologo >/dev/null
# env, because a setting with dots in its name is no shell variable; the demo seeder logs the demo password.
(cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  Logging__LogLevel__Dialogue.Web.Infrastructure.Data.DemoSeeder=Information \
  App__DataDirectory="$DATA_DIR" Demo__Seed="$SEED" \
  ./Dialogue.Web --urls "$BASE" >"$WORK/app.log" 2>&1) &
APP_PID=$!
# Seeding the demo comes first and can take minutes on a busy machine.
for _ in $(seq 1 600); do
  curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
curl -fs "$BASE/healthz" >/dev/null || { echo "the app did not start" >&2; tail -40 "$WORK/app.log" >&2; exit 1; }

DB="$DATA_DIR/dialogue.db"
LONG_THREAD="$(sqlite3 "$DB" "SELECT Id FROM Threads WHERE Label = 0 AND Status = 0 ORDER BY PostCount DESC LIMIT 1;")"
LONG_POSTS="$(sqlite3 "$DB" "SELECT PostCount FROM Threads WHERE Id = $LONG_THREAD;")"
LAST_PAGE=$(( (LONG_POSTS + 19) / 20 ))
MIDDLE_PAGE=$(( (LAST_PAGE + 1) / 2 ))
SPACE_SLUG="$(sqlite3 "$DB" "SELECT Slug FROM Spaces WHERE DefaultLabel = 0 LIMIT 1;")"

# A member with a long-lived cookie: signed in once through the real form, the cookie then sent unchanged.
PASSWORD="${MEMBER_PASSWORD:-$(grep -o 'the password [^ ]*' "$WORK/app.log" | head -1 | awk '{print $3}' | tr -d '():')}"
MEMBER="${MEMBER_EMAIL:-jonas@demo.dialogue}"
curl -s -c "$WORK/jar" "$BASE/Accounts/SignIn" -o "$WORK/signin.html"
TOKEN="$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' "$WORK/signin.html" | head -1 | sed 's/.*value="//;s/"$//')"
curl -s -b "$WORK/jar" -c "$WORK/jar" -o /dev/null "$BASE/Accounts/SignIn" \
  --data-urlencode "Data.Email=$MEMBER" --data-urlencode "Data.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$TOKEN"
AUTH="$(awk '$6 == "dialogue.auth" {print $7}' "$WORK/jar")"
[ -n "$AUTH" ] || { echo "could not sign in as $MEMBER" >&2; exit 1; }
COOKIE="dialogue.auth=$AUTH"

# Twenty varied queries, English and Chinese, rare and common words; each wrk connection walks the list.
cat >"$WORK/search.lua" <<'LUA'
local queries = { "model", "evaluation", "red teaming", "benchmark results", "interpretability", "the", "safety case",
  "replication", "threshold", "compute governance", "评估", "模型", "安全", "红队", "基准", "对齐", "数据", "protocol",
  "incident report", "Привет" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/Search?q=" .. queries[(i % #queries) + 1]:gsub(" ", "+"):gsub("[^%w+]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
LUA

cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
TICKS_PER_SECOND="$(getconf CLK_TCK)"
RESULTS="$WORK/results.md"
run() { # name, path, cookie (or ""), connections, [lua script]
  local name="$1" path="$2" cookie="$3" c="$4" script="${5:-}" args=(-t2 -c"$4" -d"${SECONDS_EACH}s" --latency --timeout 10s)
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  [ -n "$script" ] && args+=(-s "$script")
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$BASE$path")"
  [ "$code" = 200 ] || { echo "GET $path answered $code" >&2; exit 1; }
  wrk -t2 -c"$c" -d3s ${cookie:+-H "Cookie: $cookie"} ${script:+-s "$script"} "$BASE$path" >/dev/null # warm-up
  local before after out load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  before="$(cpu_ticks)"
  out="$(wrk "${args[@]}" "$BASE$path")"
  after="$(cpu_ticks)"
  local rps p50 p99 requests errors cpu
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {n += $NF} END {print n + 0}' <<<"$out")"
  cpu="$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" -v n="$requests" 'BEGIN {printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0)}')"
  echo "| $name | $c | $rps | $p50 | $p99 | $errors | $cpu | $load |" | tee -a "$RESULTS"
  echo "$name $c $rps" >>"$WORK/rates"
}

{
  echo "| scenario | connections | requests/s | p50 | p99 | errors | CPU ms/request | load average |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$RESULTS"
for c in $CONNECTIONS; do
  run "static file (ceiling)" "/css/site.css" "" "$c"
  run "thread p.1, signed out" "/Threads/$LONG_THREAD" "" "$c"
  run "thread p.$MIDDLE_PAGE, signed out" "/Threads/$LONG_THREAD?p=$MIDDLE_PAGE" "" "$c"
  run "thread last p.$LAST_PAGE, signed out" "/Threads/$LONG_THREAD?p=$LAST_PAGE" "" "$c"
  run "thread p.1, member" "/Threads/$LONG_THREAD" "$COOKIE" "$c"
  run "thread last p.$LAST_PAGE, member" "/Threads/$LONG_THREAD?p=$LAST_PAGE" "$COOKIE" "$c"
  run "space list, signed out" "/Spaces" "" "$c"
  run "space $SPACE_SLUG, signed out" "/Spaces/$SPACE_SLUG" "" "$c"
  run "home, signed out" "/" "" "$c"
  run "home, member" "/" "$COOKIE" "$c"
  run "search (20 queries), signed out" "/Search?q=model" "" "$c" "$WORK/search.lua"
  run "search (20 queries), member" "/Search?q=model" "$COOKIE" "$c" "$WORK/search.lua"
done
PEAK_KB="$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")"

RATIOS="$(awk '
  $0 ~ /^static file/ { split($0, a, " "); }
  { n = NF; rps = $n; c = $(n - 1); name = $1; for (i = 2; i < n - 1; i++) name = name " " $i;
    if (name ~ /^static file/) ceiling[c] = rps; else { names[++k] = name; cs[k] = c; r[k] = rps } }
  END { for (i = 1; i <= k; i++) if (ceiling[cs[i]] > 0) printf "| %s | %s | %.1f %% |\n", names[i], cs[i], 100 * r[i] / ceiling[cs[i]] }
' "$WORK/rates")"

SECTION="$WORK/section.md"
{
  echo "<!-- bench.sh:begin -->"
  echo "### Last bench.sh run"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with uncommitted changes)'),"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -m | awk '/Mem:/ {print $2}') MiB,"
  echo ".NET $(dotnet --version), $(. /etc/os-release && echo "$PRETTY_NAME"); site: ${DATA:-demo content}; longest CLEAR thread $LONG_POSTS posts;"
  echo "wrk -t2, ${SECONDS_EACH} s per run after a 3 s warm-up; load average at the start of each run in the last column."
  echo "Peak memory of the app (VmHWM): $((PEAK_KB / 1024)) MiB."
  echo
  cat "$RESULTS"
  echo
  echo "Each page as a share of the static-file rate at the same connections:"
  echo
  echo "| scenario | connections | of static |"
  echo "|---|---|---|"
  echo "$RATIOS"
  echo "<!-- bench.sh:end -->"
} >"$SECTION"
if grep -q '<!-- bench.sh:begin -->' "$OUT"; then
  python3 - "$OUT" "$SECTION" <<'PY'
import sys, re
out, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
text = open(out).read()
text = re.sub(r"<!-- bench.sh:begin -->.*?<!-- bench.sh:end -->", lambda _: section, text, flags=re.S)
open(out, "w").write(text)
PY
else
  printf '\n%s\n' "$(cat "$SECTION")" >>"$OUT"
fi
echo "written to $OUT"
