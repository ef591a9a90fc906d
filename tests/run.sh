#!/usr/bin/env bash
# Dialogue's test command:  bash tests/run.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Mail]
#
# 1. installs what the tests need, only if it is missing (quick when already there):
#      - Debian's chromium (/usr/bin/chromium) for the Playwright + axe browser tests
#      - Debian's postgresql (server binaries only; its own cluster is not used)
#      - Debian's jing (RELAX NG validator) for the glossary TBX export tests
#      - maildev (a fake SMTP server with a JSON web API) and node-schematron (the TBX-Basic schematron check,
#        through tests/tools/schematron-validate.js) from tests/tools/package-lock.json
# 2. starts maildev on free loopback ports and a throwaway PostgreSQL cluster (temporary folder, free loopback
#    port, unprivileged user, trust auth on 127.0.0.1 only; stopped and deleted on exit) and exports, for the tests:
#      DIALOGUE_TEST_SMTP_PORT    SMTP port on 127.0.0.1
#      DIALOGUE_TEST_MAILDEV_URL  e.g. http://127.0.0.1:PORT  (GET /api/email, /api/email/:id/source, ...)
#      DIALOGUE_TEST_CHROMIUM     /usr/bin/chromium
#      DIALOGUE_TEST_POSTGRES     base connection string; each test app creates its own database there
# 3. runs the tests twice, writing one .trx per test project and pass:
#      a. `dotnet test` on the solution (Release) on SQLite, the embedded default;
#      b. tests/Dialogue.Tests again with DIALOGUE_TEST_PROVIDER=Postgres: the whole integration suite on PostgreSQL.
#    Classes marked [Trait("Database", "Postgres")] need PostgreSQL whatever the provider (several nodes, the copy
#    command) and run in pass b only. The very last line printed is the totals of both passes:
#      N passed, N failed[, N skipped]
#
# Exits non-zero if any test failed, if dotnet test failed (build error, crash), or if no test ran.
# Works from any cwd, with CI=true and no stdin.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TOOLS_DIR="$ROOT/tests/tools"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Every test host (one per test class) watches wwwroot for asp-append-version; with a few dozen hosts alive at once the
# per-user limit of 128 inotify instances runs out, so file watching polls instead.
export DOTNET_USE_POLLING_FILE_WATCHER=1
export DEBIAN_FRONTEND=noninteractive

log() { printf '[tests/run.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

# ---------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------
# Add Debian packages the tests need here.
APT_PACKAGES=(chromium postgresql jing)

apt_is_installed() {
  local st
  st="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)"
  [ "$st" = "install ok installed" ]
}

ensure_apt_packages() {
  local missing=() p
  for p in "$@"; do
    apt_is_installed "$p" || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local t0=$SECONDS
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq </dev/null >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    "${missing[@]}" </dev/null >&2
  log "Debian packages installed in $((SECONDS - t0))s"
}


# ---------------------------------------------------------------------------
# npm tools (maildev) in tests/tools/node_modules, from the committed lock file
# ---------------------------------------------------------------------------
ensure_node_tools() {
  # A machine with only the .NET SDK gets Debian's Node.js; maildev prefers Node >= 20 but runs on Debian's.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    ensure_apt_packages nodejs npm
  fi
  local lock="$TOOLS_DIR/package-lock.json" stamp="$TOOLS_DIR/node_modules/.dialogue-lock.sha256"
  [ -f "$lock" ] || die "missing $lock"
  local want have=""
  want="$( (cat "$TOOLS_DIR/package.json" "$lock") | sha256sum | cut -d' ' -f1)"
  [ -f "$stamp" ] && have="$(cat "$stamp")"
  if [ "$want" = "$have" ] && [ -x "$TOOLS_DIR/node_modules/.bin/maildev" ] && [ -d "$TOOLS_DIR/node_modules/node-schematron" ]; then
    return 0
  fi
  log "installing test tools with npm ci (tests/tools)"
  local t0=$SECONDS
  (cd "$TOOLS_DIR" && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2)
  printf '%s\n' "$want" >"$stamp"
  log "test tools installed in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

CLEANUP_PIDS=()
CLEANUP_DIRS=()
PG_CTL=()   # the command that stops the throwaway PostgreSQL cluster, once started
cleanup() {
  # must stay silent: the totals line has to be the last line printed
  local pid d
  if [ "${#PG_CTL[@]}" -gt 0 ]; then
    "${PG_CTL[@]}" stop -m fast -w -t 30 >/dev/null 2>&1 || "${PG_CTL[@]}" stop -m immediate -w -t 10 >/dev/null 2>&1 || true
  fi
  for pid in "${CLEANUP_PIDS[@]+"${CLEANUP_PIDS[@]}"}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${CLEANUP_PIDS[@]+"${CLEANUP_PIDS[@]}"}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  for d in "${CLEANUP_DIRS[@]+"${CLEANUP_DIRS[@]}"}"; do
    rm -rf "$d" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
# maildev
# ---------------------------------------------------------------------------
start_maildev() {
  local mail_dir attempt smtp web pid url
  mail_dir="$(mktemp -d "${TMPDIR:-/tmp}/dialogue-maildev.XXXXXX")"
  CLEANUP_DIRS+=("$mail_dir")
  for attempt in 1 2 3; do
    smtp="$(free_port)"
    web="$(free_port)"
    [ "$smtp" != "$web" ] || continue
    "$TOOLS_DIR/node_modules/.bin/maildev" \
      --smtp "$smtp" --web "$web" --ip 127.0.0.1 --web-ip 127.0.0.1 \
      --mail-directory "$mail_dir/mail" </dev/null >"$mail_dir/maildev.log" 2>&1 &
    pid=$!
    CLEANUP_PIDS+=("$pid")
    url="http://127.0.0.1:$web"
    for _ in $(seq 1 100); do   # up to ~20 s
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      if curl -fsS -m 2 -o /dev/null "$url/api/email" 2>/dev/null; then
        export DIALOGUE_TEST_SMTP_PORT="$smtp"
        export DIALOGUE_TEST_MAILDEV_URL="$url"
        log "maildev up: smtp 127.0.0.1:$smtp, web $url"
        return 0
      fi
      sleep 0.2
    done
    log "maildev did not come up (attempt $attempt); its log:"
    sed 's/^/    /' "$mail_dir/maildev.log" >&2 || true
    kill "$pid" 2>/dev/null || true
  done
  die "could not start maildev"
}

# ---------------------------------------------------------------------------
# PostgreSQL: a throwaway cluster for this run only
# ---------------------------------------------------------------------------
start_postgres() {
  local bindir pg_dir port attempt
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ] || die "initdb/pg_ctl not found under /usr/lib/postgresql/*/bin"
  pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/dialogue-postgres.XXXXXX")"
  CLEANUP_DIRS+=("$pg_dir")
  # PostgreSQL refuses to run as root: as root, run it as Debian's postgres user (made by the package).
  local as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "no postgres user to run the test cluster as"
    chown postgres: "$pg_dir"
    as_user=(runuser -u postgres --)
  fi
  chmod 700 "$pg_dir"
  # C.UTF-8: Unicode-aware character classes (case folding, trigrams of Chinese text) without a generated locale.
  "${as_user[@]+"${as_user[@]}"}" "$bindir/initdb" -D "$pg_dir/data" -U dialogue -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=trust >"$pg_dir/initdb.log" 2>&1 \
    || { sed 's/^/    /' "$pg_dir/initdb.log" >&2; die "initdb failed"; }
  # Trust on loopback only: the server listens on 127.0.0.1 and its socket sits in the private temp folder.
  printf '%s\n' "local all all trust" "host all all 127.0.0.1/32 trust" >"$pg_dir/data/pg_hba.conf"
  PG_CTL=("${as_user[@]+"${as_user[@]}"}" "$bindir/pg_ctl" -D "$pg_dir/data")
  for attempt in 1 2 3; do
    port="$(free_port)"
    # Durability off: the cluster is thrown away, and fsync is the slowest part of a test database.
    if "${PG_CTL[@]}" -l "$pg_dir/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null 2>&1; then
      export DIALOGUE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=dialogue;Database=postgres"
      log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') up: 127.0.0.1:$port (data in $pg_dir)"
      return 0
    fi
    log "PostgreSQL did not start on port $port (attempt $attempt); its log:"
    sed 's/^/    /' "$pg_dir/postgres.log" >&2 || true
  done
  die "could not start PostgreSQL"
}

# ---------------------------------------------------------------------------
# the solution to test
# ---------------------------------------------------------------------------
find_solution() {
  if [ -n "${DIALOGUE_TEST_TARGET:-}" ]; then echo "$DIALOGUE_TEST_TARGET"; return; fi
  local f
  for f in Dialogue.sln Dialogue.slnx; do
    [ -f "$f" ] && { echo "$f"; return; }
  done
  for f in *.sln *.slnx; do
    [ -f "$f" ] && { echo "$f"; return; }
  done
  die "no Dialogue.sln / Dialogue.slnx in $ROOT"
}

# Sum the <Counters .../> of every .trx under $1 (one .trx per test project, default
# unique names); prints "total passed failed skipped".
sum_trx() {
  local dir="$1" f k a b counters tot=0 pas=0 fai=0 ski=0
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  while IFS= read -r -d '' f; do
    counters="$(tr '\n\r' '  ' <"$f" | grep -o '<Counters [^>]*>' | head -n1 || true)"
    [ -n "$counters" ] || continue
    a="$(get total)";       tot=$((tot + ${a:-0}))
    a="$(get passed)";      pas=$((pas + ${a:-0}))
    for k in failed error timeout aborted; do
      a="$(get "$k")";      fai=$((fai + ${a:-0}))
    done
    # vstest's trx logger leaves notExecuted at 0 for skipped tests: skipped = total - executed
    a="$(get total)"; b="$(get executed)"; ski=$((ski + ${a:-0} - ${b:-0}))
  done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
  echo "$tot $pas $fai $ski"
}

# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------
ensure_apt_packages "${APT_PACKAGES[@]}"
ensure_node_tools
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
export DIALOGUE_TEST_CHROMIUM=/usr/bin/chromium

start_maildev
start_postgres

SLN="$(find_solution)"
RESULTS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dialogue-test-results.XXXXXX")"

# A --filter given to this script applies to both passes, joined with each pass's own condition.
user_filter=""
dotnet_args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --filter) [ "$#" -ge 2 ] || die "--filter needs a value"; user_filter="$2"; shift 2 ;;
    --filter=*) user_filter="${1#--filter=}"; shift ;;
    *) dotnet_args+=("$1"); shift ;;
  esac
done
with_filter() {
  if [ -n "$user_filter" ] && [ -n "$1" ]; then echo "($user_filter)&$1"
  elif [ -n "$user_filter" ]; then echo "$user_filter"
  else echo "$1"; fi
}

run_pass() {  # NAME FILTER TARGET [env ...]
  local name="$1" filter="$2" target="$3"; shift 3
  local args=(-c Release --logger "trx" --logger "console;verbosity=normal"
    --results-directory "$RESULTS_DIR/$name"
    --blame-hang-timeout "${DIALOGUE_TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type none)
  [ -n "$filter" ] && args+=(--filter "$filter")
  [ "$name" = sqlite ] || args+=(--no-build)
  log "pass $name: dotnet test $target ${filter:+--filter \"$filter\"}"
  env "$@" dotnet test "$target" "${args[@]}" "${dotnet_args[@]+"${dotnet_args[@]}"}" </dev/null
}

set +e
t0=$SECONDS
run_pass sqlite "$(with_filter 'Database!=Postgres')" "$SLN" DIALOGUE_TEST_PROVIDER=Sqlite
sqlite_rc=$?
log "pass sqlite took $((SECONDS - t0))s"
t0=$SECONDS
run_pass postgres "$(with_filter '')" tests/Dialogue.Tests/Dialogue.Tests.csproj DIALOGUE_TEST_PROVIDER=Postgres
postgres_rc=$?
log "pass postgres took $((SECONDS - t0))s"
set -e

read -r total passed failed skipped < <(sum_trx "$RESULTS_DIR")
trx_count="$(find "$RESULTS_DIR" -type f -name '*.trx' | wc -l)"

status=0
if [ "$sqlite_rc" -ne 0 ]; then log "dotnet test (SQLite pass) exited with $sqlite_rc"; status=1; fi
if [ "$postgres_rc" -ne 0 ]; then log "dotnet test (PostgreSQL pass) exited with $postgres_rc"; status=1; fi
if [ "$failed" -gt 0 ]; then status=1; fi
if [ "$((passed + failed))" -eq 0 ]; then log "no test ran ($trx_count .trx files)"; status=1; fi

if [ "$status" -eq 0 ]; then
  CLEANUP_DIRS+=("$RESULTS_DIR")
else
  log "test results kept in $RESULTS_DIR"
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
