#!/usr/bin/env bash
# Every page scenario of issue 13, measured with wrk on loopback against the published Release app, written to
# docs/performance.md (between the bench.sh markers) with machine, date, commit and load average.
#   bash tests/Dialogue.Benchmarks/bench.sh                      # demo site, connections "1 32 64", 10 s each
#   CONNECTIONS="32" SECONDS_EACH=20 PORT=5107 bash tests/Dialogue.Benchmarks/bench.sh
#   DATA=/path/to/generated/site bash tests/Dialogue.Benchmarks/bench.sh   # a site built by the generator (App:DataDirectory)
#   DATA=/tmp/scale-full SMALL_DATA=/tmp/scale-small DIGESTS="1000 10000" bash tests/Dialogue.Benchmarks/bench.sh
#     the whole issue-13 run: page scenarios and the one-reader sweep on DATA, search again on SMALL_DATA (corpus growth),
#     and the digest benchmark for each recipient count (digest growth). SWEEP=0 skips the sweep; SEARCH=0 skips search.
#   PROVIDER=postgres CONNECTION="Host=127.0.0.1;Port=5432;Username=dialogue;Database=scale" DATA=/path/to/site \
#     OUT=/tmp/pg.md bash tests/Dialogue.Benchmarks/bench.sh
#     the app on PostgreSQL (Database__Provider and Database__ConnectionString, as docs/operations.md sets a node up);
#     DATA is the generator's --data folder (generated.txt), CONNECTION its --connection; SMALL_CONNECTION goes with
#     SMALL_DATA. Other app settings pass through the environment (e.g. Caching__AnonymousPages=true).
# Needs wrk and sqlite3, or psql on PostgreSQL (installed from Debian when missing). Removes its temporary folder;
# leaves DATA and the database alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONNECTIONS="${CONNECTIONS:-1 32 64}"
SECONDS_EACH="${SECONDS_EACH:-10}"
PORT="${PORT:-5107}"
OUT="${OUT:-$ROOT/docs/performance.md}"
BASE="http://127.0.0.1:$PORT"
PROVIDER="${PROVIDER:-sqlite}"
case "$PROVIDER" in
  sqlite) SQL_TOOL=sqlite3; SQL_PACKAGE=sqlite3 ;;
  postgres) SQL_TOOL=psql; SQL_PACKAGE=postgresql-client; [ -n "${CONNECTION:-}" ] || { echo "PROVIDER=postgres needs CONNECTION" >&2; exit 2; } ;;
  *) echo "PROVIDER is sqlite or postgres" >&2; exit 2 ;;
esac

for tool in wrk "$SQL_TOOL"; do
  package="$tool"; [ "$tool" = "$SQL_TOOL" ] && package="$SQL_PACKAGE"
  command -v "$tool" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"; }
done

# One query, one value, on the site's database. Identifiers are double-quoted, which both engines accept (PostgreSQL
# needs it for the app's mixed-case names).
sql() {
  if [ "$PROVIDER" = sqlite ]; then sqlite3 "$DB" "$1"; return; fi
  # psql takes the Npgsql connection string's parts as its PG* variables.
  local pair key value vars=()
  IFS=';' read -ra pairs <<<"$CONNECTION"
  for pair in "${pairs[@]}"; do
    key="$(tr '[:upper:]' '[:lower:]' <<<"${pair%%=*}" | tr -d ' ')"; value="${pair#*=}"
    case "$key" in
      host|server) vars+=("PGHOST=$value") ;; port) vars+=("PGPORT=$value") ;;
      username|user|userid|"user id") vars+=("PGUSER=$value") ;; database|db) vars+=("PGDATABASE=$value") ;;
      password) vars+=("PGPASSWORD=$value") ;;
    esac
  done
  env "${vars[@]}" psql -XAtq -v ON_ERROR_STOP=1 -c "$1"
}

WORK="$(mktemp -d /tmp/dialogue-bench.XXXXXX)"
trap 'kill "${APP_PID:-}" 2>/dev/null || true; wait "${APP_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
if [ -n "${DATA:-}" ]; then DATA_DIR="$DATA"; SEED=false; else DATA_DIR="$WORK/data"; SEED=true; fi

dotnet publish "$ROOT/src/Dialogue.Web" -c Release -o "$WORK/app" -v q -nologo >/dev/null
# env, because a setting with dots in its name is no shell variable; the demo seeder logs the demo password.
# Scheduled jobs are off: a digest run starting in the middle of a page scenario would measure itself, not the page
# (digests have their own benchmark below).
PROVIDER_SETTINGS=()
[ "$PROVIDER" = postgres ] && PROVIDER_SETTINGS=(Database__Provider=Postgres "Database__ConnectionString=$CONNECTION")
start_app() { # data directory, seed demo (true/false)
  (cd "$WORK/app" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Dialogue.Web.Infrastructure.Data.DemoSeeder=Information Jobs__RunServer=false \
    App__DataDirectory="$1" Demo__Seed="$2" "${PROVIDER_SETTINGS[@]}" \
    ./Dialogue.Web --urls "$BASE" >"$WORK/app.log" 2>&1) &
  APP_PID=$!
  # Seeding the demo comes first and can take minutes on a busy machine.
  for _ in $(seq 1 600); do
    curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  curl -fs "$BASE/healthz" >/dev/null || { echo "the app did not start" >&2; tail -40 "$WORK/app.log" >&2; exit 1; }
}
stop_app() { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
start_app "$DATA_DIR" "$SEED"

DB="$DATA_DIR/dialogue.db"
LONG_THREAD="$(sql 'SELECT "Id" FROM "Threads" WHERE "Label" = 0 AND "Status" = 0 ORDER BY "PostCount" DESC LIMIT 1;')"
LONG_POSTS="$(sql "SELECT \"PostCount\" FROM \"Threads\" WHERE \"Id\" = $LONG_THREAD;")"
LAST_PAGE=$(( (LONG_POSTS + 19) / 20 ))
MIDDLE_PAGE=$(( (LAST_PAGE + 1) / 2 ))
SPACE_SLUG="$(sql 'SELECT "Slug" FROM "Spaces" WHERE "DefaultLabel" = 0 ORDER BY "Id" LIMIT 1;')"

# Members with a long-lived cookie: each signed in once through the real form, the cookie then sent unchanged.
# A generated site lists its members and their password in generated.txt; the demo logs its password.
GENERATED="$DATA_DIR/generated.txt"
setting() { sed -n "s/^$1=//p" "$GENERATED" 2>/dev/null | head -1 || true; } # the demo has no generated.txt
PASSWORD="${MEMBER_PASSWORD:-$(setting password)}"
PASSWORD="${PASSWORD:-$(grep -o 'the password [^ ]*' "$WORK/app.log" | head -1 | awk '{print $3}' | tr -d '():')}"
MEMBERS="${MEMBER_EMAILS:-$(setting members)}"
MEMBERS="${MEMBERS:-jonas@demo.dialogue}"
ADMIN="${ADMIN_EMAIL:-$(setting admin)}"
sign_in() { # email -> prints the auth cookie's value
  local jar="$WORK/jar.$RANDOM" token
  curl -s -c "$jar" "$BASE/Accounts/SignIn" -o "$WORK/signin.html"
  token="$(grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' "$WORK/signin.html" | head -1 | sed 's/.*value="//;s/"$//')"
  curl -s -b "$jar" -c "$jar" -o /dev/null "$BASE/Accounts/SignIn" \
    --data-urlencode "Data.Email=$1" --data-urlencode "Data.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token"
  awk '$6 == "dialogue.auth" {print $7}' "$jar"
}
COOKIES=()
for member in $MEMBERS; do
  auth="$(sign_in "$member")"
  [ -n "$auth" ] || { echo "could not sign in as $member" >&2; exit 1; }
  COOKIES+=("dialogue.auth=$auth")
done
COOKIE="${COOKIES[0]}"
MEMBER="${MEMBERS%% *}"

# Twenty varied queries, English and Chinese, rare and common words; each wrk connection walks the list. As a member,
# the requests rotate over the signed-in members' cookies (each search is filtered by its reader's access).
write_search_lua() { # file, cookies...
  local file="$1"; shift
  {
    echo 'local queries = { "model", "evaluation", "red teaming", "benchmark results", "interpretability", "the", "safety case",'
    echo '  "replication", "threshold", "compute governance", "评估", "模型", "安全", "红队测试", "基准", "术语翻译", "数据", "protocol",'
    echo '  "sandbagging study", "Привет" }'
    printf 'local cookies = {'; for c in "$@"; do printf ' "%s",' "$c"; done; echo ' }'
    cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  local headers = {}
  if #cookies > 0 then headers["Cookie"] = cookies[(i % #cookies) + 1] end
  return wrk.format("GET", "/Search?q=" .. queries[(i % #queries) + 1]:gsub(" ", "+"):gsub("[^%w+]", function(c) return string.format("%%%02X", string.byte(c)) end), headers)
end
LUA
    cat "$WORK/p95.lua"
  } >"$file"
}
# wrk's --latency lists 50/75/90/99 %; the search target is a p95, so every run's script prints it at the end.
cat >"$WORK/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p95 %.2fms\n", latency:percentile(95) / 1000))
end
LUA
write_search_lua "$WORK/search.lua"
write_search_lua "$WORK/search-members.lua" "${COOKIES[@]}"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
# The app's peak memory so far (VmHWM): printed after each scenario, so the one that raised it can be told.
peak_mib() { awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$APP_PID/status"; }
TICKS_PER_SECOND="$(getconf CLK_TCK)"
RESULTS="$WORK/results.md"
run() { # name, path, cookie (or ""), connections, [lua script]
  local name="$1" path="$2" cookie="$3" c="$4" script="${5:-$WORK/p95.lua}" t=$(( $4 < 2 ? $4 : 2 ))
  local args=(-t"$t" -c"$4" -d"${SECONDS_EACH}s" --latency --timeout 10s)
  [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
  [ -n "$script" ] && args+=(-s "$script")
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$BASE$path")"
  [ "$code" = 200 ] || { echo "GET $path answered $code" >&2; exit 1; }
  wrk -t"$t" -c"$c" -d3s ${cookie:+-H "Cookie: $cookie"} ${script:+-s "$script"} "$BASE$path" >/dev/null # warm-up
  local before after out load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  before="$(cpu_ticks)"
  out="$(wrk "${args[@]}" "$BASE$path")"
  after="$(cpu_ticks)"
  local rps p50 p95 p99 requests errors cpu
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p95="$(awk '$1 == "p95" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ {n += $NF} END {print n + 0}' <<<"$out")"
  cpu="$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" -v n="$requests" 'BEGIN {printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0)}')"
  # A run where every request was still waiting when wrk stopped has no rate or latency to report.
  if [ "${requests:-0}" = 0 ]; then rps="no request completed"; p50="–"; p95="–"; p99="> ${SECONDS_EACH} s"; cpu="–"; fi
  echo "| $name | $c | $rps | $p50 | $p95 | $p99 | $errors | $cpu | $load | $(peak_mib) |" | tee -a "$RESULTS"
  echo "$name $c $rps" >>"${RATES:-$WORK/rates}"
}

{
  echo "| scenario | connections | requests/s | p50 | p95 | p99 | errors | CPU ms/request | load average | peak MiB so far |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$RESULTS"
for c in $CONNECTIONS; do
  run "static file (ceiling)" "/css/site.css" "" "$c"
  run "thread p.1, signed out" "/Threads/$LONG_THREAD" "" "$c"
  run "thread p.$MIDDLE_PAGE, signed out" "/Threads/$LONG_THREAD?p=$MIDDLE_PAGE" "" "$c"
  run "thread last p.$LAST_PAGE, signed out" "/Threads/$LONG_THREAD?p=$LAST_PAGE" "" "$c"
  run "thread p.1, member" "/Threads/$LONG_THREAD" "$COOKIE" "$c"
  run "thread p.$MIDDLE_PAGE, member" "/Threads/$LONG_THREAD?p=$MIDDLE_PAGE" "$COOKIE" "$c"
  run "thread last p.$LAST_PAGE, member" "/Threads/$LONG_THREAD?p=$LAST_PAGE" "$COOKIE" "$c"
  run "space list, signed out" "/Spaces" "" "$c"
  run "space $SPACE_SLUG, signed out" "/Spaces/$SPACE_SLUG" "" "$c"
  run "space $SPACE_SLUG, member" "/Spaces/$SPACE_SLUG" "$COOKIE" "$c"
  run "home, signed out" "/" "" "$c"
  run "home, member" "/" "$COOKIE" "$c"
  if [ "${SEARCH:-1}" = 1 ]; then
    run "search (20 queries), signed out" "/Search?q=model" "" "$c" "$WORK/search.lua"
    run "search (20 queries), ${#COOKIES[@]} members" "/Search?q=model" "$COOKIE" "$c" "$WORK/search-members.lua"
  fi
done

# Cost growth: the thread page against the thread's length (first and last page, one member reading), one connection.
GROWTH="$WORK/growth.md"
{
  echo "| thread length | page | requests/s | p50 | p99 | CPU ms/request | load average |"
  echo "|---|---|---|---|---|---|---|"
} >"$GROWTH"
for length in 2 20 200 "$LONG_POSTS"; do
  id="$(sql "SELECT \"Id\" FROM \"Threads\" WHERE \"Label\" = 0 AND \"Status\" = 0 ORDER BY abs(\"PostCount\" - $length), \"Id\" LIMIT 1;")"
  posts="$(sql "SELECT \"PostCount\" FROM \"Threads\" WHERE \"Id\" = $id;")"
  last=$(( (posts + 19) / 20 ))
  pages="1"; [ "$last" -gt 1 ] && pages="1 $last"
  for page in $pages; do
    row="$(RESULTS="$WORK/ignored" RATES="$WORK/ignored" run "thread of $posts posts p.$page, member" "/Threads/$id?p=$page" "$COOKIE" 1 | tail -1)"
    awk -F'|' -v n="$posts" -v p="$page" '{printf "| %s | %s |%s|%s|%s|%s|%s|\n", n, p, $4, $5, $7, $9, $10}' <<<"$row" >>"$GROWTH"
  done
done

# One reader: every page a member or an admin opens, one connection, p99 against the 50 ms target.
SWEEP_RESULTS="$WORK/sweep.md"
if [ "${SWEEP:-1}" = 1 ]; then
  ADMIN_COOKIE=""
  if [ -n "$ADMIN" ]; then ADMIN_COOKIE="dialogue.auth=$(sign_in "$ADMIN")"; fi
  MEMBER_ID="$(sql "SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"NormalizedEmail\" = upper('$MEMBER');")"
  CLOSED_SPACE="$(sql "SELECT s.\"Id\" FROM \"Spaces\" s JOIN \"SpaceMembers\" m ON m.\"SpaceId\" = s.\"Id\" WHERE m.\"UserId\" = '$MEMBER_ID' ORDER BY s.\"JoinPolicy\" DESC, s.\"Id\" LIMIT 1;")"
  CLOSED_SPACE="${CLOSED_SPACE:-$(sql 'SELECT "Id" FROM "Spaces" ORDER BY "Id" LIMIT 1;')}"
  CLOSED_SLUG="$(sql "SELECT \"Slug\" FROM \"Spaces\" WHERE \"Id\" = $CLOSED_SPACE;")"
  {
    echo "| page | reader | requests/s | p50 | p99 | CPU ms/request | load average | under 50 ms p99 | peak MiB so far |"
    echo "|---|---|---|---|---|---|---|---|---|"
  } >"$SWEEP_RESULTS"
  one_reader() { # label, path, cookie
    local code out load before after requests
    code="$(curl -s -o /dev/null -w '%{http_code}' ${3:+-H "Cookie: $3"} "$BASE$2")"
    if [ "$code" != 200 ]; then echo "| $2 | $1 | answered $code | | | | | | |" >>"$SWEEP_RESULTS"; return; fi
    wrk -t1 -c1 -d1s ${3:+-H "Cookie: $3"} "$BASE$2" >/dev/null
    load="$(cut -d' ' -f1 /proc/loadavg)"
    before="$(cpu_ticks)"
    out="$(wrk -t1 -c1 -d"${SWEEP_SECONDS:-5}s" --latency --timeout 10s ${3:+-H "Cookie: $3"} "$BASE$2")"
    after="$(cpu_ticks)"
    requests="$(awk '/requests in/ {print $1}' <<<"$out")"
    awk -v page="$2" -v who="$1" -v load="$load" -v secs="${SWEEP_SECONDS:-5}" -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" -v n="$requests" -v peak="$(peak_mib)" '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
      END { if (n == 0) { printf "| %s | %s | no request completed | | > %s s | | %s | **no** | %s |\n", page, who, secs, load, peak; exit }
            printf "| %s | %s | %s | %s | %s | %.2f | %s | %s | %s |\n", page, who, rps, p50, p99, t * 1000 / hz / n, load, (ms(p99) < 50 ? "yes" : "**no**"), peak }' <<<"$out" >>"$SWEEP_RESULTS"
  }
  SEARCHES=("/Search?q=evaluation" "/Search?q=%E8%AF%84%E4%BC%B0" "/Search?q=sandbagging+study&p=2")
  [ "${SEARCH:-1}" = 1 ] || SEARCHES=()
  for path in "/" "/Spaces" "/Spaces/$SPACE_SLUG" "/Spaces/$CLOSED_SLUG" \
      "/Threads/$LONG_THREAD" "/Threads/$LONG_THREAD?p=$MIDDLE_PAGE" "/Threads/$LONG_THREAD?p=$LAST_PAGE" \
      "${SEARCHES[@]}" "/Threads/Notifications" "/Threads/NotificationSettings" \
      "/Members/$MEMBER_ID" "/Accounts/Profile" "/Accounts/Sessions" "/Accounts/PersonalData" "/Digests/Settings" \
      "/Workshops" "/Workshops/Calendar" "/Glossary" "/Threads/New?spaceId=$CLOSED_SPACE"; do
    one_reader member "$path" "$COOKIE"
  done
  for path in "/Threads/$LONG_THREAD?p=$LAST_PAGE" "${SEARCHES[@]:0:1}"; do
    one_reader "signed out" "$path" ""
  done
  if [ -n "$ADMIN_COOKIE" ]; then
    BIGGEST_SPACE="$(sql 'SELECT "SpaceId" FROM "SpaceMembers" GROUP BY "SpaceId" ORDER BY count(*) DESC, "SpaceId" LIMIT 1;')"
    for path in "/Spaces/Members?spaceId=$BIGGEST_SPACE" "/Admin" "/Admin/Members" "/Admin/Audit" "/Admin/Mail" "/Admin/Digests" "/Admin/AccessLog" "/Moderation/Queue" "/Moderation/Log" "/Threads/$LONG_THREAD?p=$LAST_PAGE"; do
      one_reader admin "$path" "$ADMIN_COOKIE"
    done
  fi
fi

# Search against the corpus: this site, then (SMALL_DATA) a smaller generated one, as the same kind of members.
CORPUS="$WORK/corpus.md"
search_growth() { # site label
  local posts
  posts="$(sql 'SELECT count(*) FROM "Posts";')"
  for c in 1 32; do
    row="$(RESULTS="$WORK/ignored" RATES="$WORK/ignored" run "search" "/Search?q=model" "$COOKIE" "$c" "$WORK/search-members.lua" | tail -1)"
    awk -F'|' -v n="$posts" -v c="$c" '{printf "| %s | %s |%s|%s|%s|%s|%s|%s|%s|%s|\n", n, c, $4, $5, $6, $7, $8, $9, $10, $11}' <<<"$row" >>"$CORPUS"
  done
}
{
  echo "| posts | connections | requests/s | p50 | p95 | p99 | errors | CPU ms/request | load average | peak MiB so far |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$CORPUS"
[ "${SEARCH:-1}" = 1 ] && search_growth
PEAK_KB="$(awk '/VmHWM/ {print $2}' "/proc/$APP_PID/status")"
if [ -n "${SMALL_DATA:-}" ] && [ "${SEARCH:-1}" = 1 ]; then
  stop_app
  DATA_DIR="$SMALL_DATA"; DB="$DATA_DIR/dialogue.db"; GENERATED="$DATA_DIR/generated.txt"
  if [ "$PROVIDER" = postgres ]; then
    CONNECTION="${SMALL_CONNECTION:?SMALL_DATA on PostgreSQL needs SMALL_CONNECTION}"
    PROVIDER_SETTINGS=(Database__Provider=Postgres "Database__ConnectionString=$CONNECTION")
  fi
  start_app "$DATA_DIR" false
  COOKIES=()
  for member in $(setting members); do COOKIES+=("dialogue.auth=$(sign_in "$member")"); done
  COOKIE="${COOKIES[0]}"
  write_search_lua "$WORK/search-members.lua" "${COOKIES[@]}"
  search_growth
fi
stop_app

# Digests against recipients: the digest benchmark (in-process, its own fresh database) for each count.
DIGEST_RESULTS="$WORK/digests.txt"
: >"$DIGEST_RESULTS"
# They deliver to maildev (tests/tools, as the tests do) and compare with its rate for the same messages pre-built.
if [ -n "${DIGESTS:-}" ] && [ ! -x "$ROOT/tests/tools/node_modules/.bin/maildev" ]; then
  npm ci --prefix "$ROOT/tests/tools" --no-audit --no-fund >/dev/null
fi
for n in ${DIGESTS:-}; do
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$DIGEST_RESULTS"
  dotnet run -c Release --project "$ROOT/tests/Dialogue.Benchmarks" -- --recipients "$n" --workers 2 --senders 4 --pipelined 2>&1 | grep -v '^warn\|^ \{6\}\|^Seeded in' >>"$DIGEST_RESULTS" || echo "exit $? for $n recipients" >>"$DIGEST_RESULTS"
done


RATIOS="$(awk '
  $0 ~ /^static file/ { split($0, a, " "); }
  { n = NF; rps = $n; c = $(n - 1); name = $1; for (i = 2; i < n - 1; i++) name = name " " $i;
    if (name ~ /^static file/) ceiling[c] = rps; else { names[++k] = name; cs[k] = c; r[k] = rps } }
  END { for (i = 1; i <= k; i++) if (ceiling[cs[i]] > 0) printf "| %s | %s | %.1f %% |\n", names[i], cs[i], 100 * r[i] / ceiling[cs[i]] }
' "$WORK/rates")"

SECTION="$WORK/section.md"
DATABASE_NOTE=""
[ "$PROVIDER" = postgres ] && DATABASE_NOTE=" on PostgreSQL $(sql 'SHOW server_version;' | cut -d' ' -f1) (the server's own memory and CPU not counted below)"
{
  echo "<!-- bench.sh:begin -->"
  echo "### Last bench.sh run"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with uncommitted changes)'),"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -m | awk '/Mem:/ {print $2}') MiB,"
  echo ".NET $(dotnet --version), $(. /etc/os-release && echo "$PRETTY_NAME"); site: ${DATA:-demo content}$DATABASE_NOTE; longest CLEAR thread $LONG_POSTS posts;"
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
  echo
  echo "Thread page against thread length (one member, one connection):"
  echo
  cat "$GROWTH"
  if [ "${SEARCH:-1}" = 1 ]; then
    echo
    echo "Search against corpus size (20 queries rotating over ${#COOKIES[@]} members):"
    echo
    cat "$CORPUS"
  fi
  if [ -s "$SWEEP_RESULTS" ]; then
    echo
    echo "One reader, every page (wrk -c1, ${SWEEP_SECONDS:-5} s each; target p99 under 50 ms):"
    echo
    cat "$SWEEP_RESULTS"
  fi
  if [ -s "$DIGEST_RESULTS" ]; then
    echo
    echo "Digests against recipients (the digest benchmark as the app runs it: 2 workers building, 4 mail workers sending while they build, delivered to maildev; ratio to its raw rate):"
    echo
    echo '```'
    cat "$DIGEST_RESULTS"
    echo '```'
  fi
  echo "<!-- bench.sh:end -->"
} >"$SECTION"
if grep -qs '<!-- bench.sh:begin -->' "$OUT"; then
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
