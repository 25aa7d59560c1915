#!/usr/bin/env bash
# Sesame's test command (the README's): bash scripts/test.sh [--quick]
#
#   --quick   skip the end-to-end test project (tests/Sesame.EndToEnd.Tests), for developers.
#
# Works from any directory. Steps: install chromium if missing (apt), install the test mail server's
# npm packages, start the test mail server and a throwaway PostgreSQL 15, build Release, check both EF
# models for pending changes, run the test projects (core; server and end-to-end on SQLite and on
# PostgreSQL, the two databases side by side; tests/interop/**/run.sh if any), stop the servers, then print the summed result. The
# LAST line printed is always `N passed, N failed` (`, N skipped` when some were skipped); the exit
# status is non-zero if anything failed or nothing ran.
#
# Environment it reads (all optional):
#   SMTP_PORT (2525), MAIL_API_PORT (2580), PG_PORT (55432): preferred ports; a busy one is replaced
#                                 by a free port. The PostgreSQL runs get a second mail server (the next
#                                 two ports) of their own, as they run beside the SQLite ones.
#   SESAME_TEST_HANG_TIMEOUT (20m): a test project hanging longer than this is killed (counted failed).
# Environment it sets for the tests:
#   SESAME_TEST_SMTP_HOST=127.0.0.1  SESAME_TEST_SMTP_PORT  SESAME_TEST_MAIL_API=http://127.0.0.1:PORT
#   SESAME_TEST_POSTGRES="Host=127.0.0.1;Port=PORT;Username=postgres;Database=postgres"
#   SESAME_TEST_DATABASE=sqlite|postgres (per run)  DOTNET_CLI_TELEMETRY_OPTOUT=1  DOTNET_NOLOGO=1
#
# Everything goes under .test-run/ (gitignored, cleaned at the start): results/*.trx, and the logs
# apt.log, npm.log, mail-server-{sqlite,postgres}.log, postgres.log (server log: pg/log while it runs), build.log,
# model-check-*.log, test-*.log, interop-*.log, cleanup.log.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

QUICK=0
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,24p' "$ROOT/scripts/test.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (usage: bash scripts/test.sh [--quick])" >&2; exit 2 ;;
  esac
done

RUN="$ROOT/.test-run"
RESULTS="$RUN/results"
PG_DIR="$RUN/pg"
MAIL_PIDS=()
PG_STARTED=0
CHILD_PID=""
CHILD_PIDS=()
START_SECONDS=$SECONDS

step() {
  local t=$((SECONDS - START_SECONDS))
  printf '==> [%02d:%02d] %s\n' $((t / 60)) $((t % 60)) "$*"
}

# Stops the mail server and PostgreSQL. Idempotent and silent on the console (the closing line
# must stay the last one printed); details go to .test-run/cleanup.log.
cleanup() {
  [ -d "$RUN" ] || return 0
  {
    for pid in ${MAIL_PIDS[@]+"${MAIL_PIDS[@]}"}; do
      if kill -0 "$pid" 2>/dev/null; then
        echo "stopping mail server (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do
          kill -0 "$pid" 2>/dev/null || break
          sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
          echo "mail server did not stop, killing it"
          kill -KILL "$pid" 2>/dev/null || true
        fi
      fi
      wait "$pid" 2>/dev/null || true
    done
    MAIL_PIDS=()
    if [ "$PG_STARTED" = 1 ] || [ -e "$PG_DIR" ]; then
      echo "stopping PostgreSQL"
      bash "$ROOT/scripts/postgres.sh" stop "$PG_DIR" || true
      PG_STARTED=0
    fi
  } >>"$RUN/cleanup.log" 2>&1 || true
}

# shellcheck disable=SC2317  # functions below run from the traps
# kill_tree PID: TERM a process and all its descendants (a `dotnet test` runs a tree of processes).
descendants() {
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    descendants "$c"
    echo "$c"
  done
}
kill_tree() {
  local pids
  pids="$(descendants "$1") $1"
  # shellcheck disable=SC2086
  kill -TERM $pids 2>/dev/null || true
}

on_exit() {
  local rc=$?
  trap - EXIT
  if [ -n "$CHILD_PID" ]; then
    kill_tree "$CHILD_PID"
    wait "$CHILD_PID" 2>/dev/null || true
    CHILD_PID=""
  fi
  for pid in ${CHILD_PIDS[@]+"${CHILD_PIDS[@]}"}; do
    kill_tree "$pid"
    wait "$pid" 2>/dev/null || true
  done
  CHILD_PIDS=()
  cleanup
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Infrastructure failure: stop everything and close with a failed count.
fail_fast() {
  echo "FAILED: $*"
  cleanup
  echo "0 passed, 1 failed"
  exit 1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "warning: not root and no sudo: cannot run $*" >&2
    return 1
  fi
}

port_free() {
  python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
finally:
    s.close()
PY
}

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

TAKEN_PORTS=" "
PICKED=""
# pick_port NAME PREFERRED: sets PICKED to the preferred port if free, else to a free one (never
# one picked before). Not for $(...): TAKEN_PORTS must be updated in this shell.
pick_port() {
  local name="$1" port="$2"
  if [[ "$TAKEN_PORTS" == *" $port "* ]] || ! port_free "$port"; then
    local p
    for _ in $(seq 1 20); do
      p="$(free_port)"
      if [[ "$TAKEN_PORTS" != *" $p "* ]]; then break; fi
    done
    echo "    $name port $port is busy, using $p instead"
    port="$p"
  fi
  TAKEN_PORTS="$TAKEN_PORTS$port "
  PICKED="$port"
}

# run_logged LOG CMD...: runs CMD (no stdin), showing its output and copying it to LOG; returns
# CMD's exit code. Runs in the background and waits, so that an INT/TERM sent to this script is
# handled at once (on_exit then stops CMD and the servers) instead of after CMD ends.
run_logged() {
  local log="$1"
  shift
  ("$@" </dev/null 2>&1 | tee "$log") &
  CHILD_PID=$!
  local rc=0
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  return "$rc"
}

http_get() {
  python3 - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
    sys.stdout.write(r.read().decode())
PY
}

# ---------------------------------------------------------------------------------------------
step "preparing .test-run/"
# A run killed before its cleanup may have left servers behind: stop those first.
for pid_file in "$RUN/mail-sqlite.pid" "$RUN/mail-postgres.pid"; do
  [ -f "$pid_file" ] || continue
  old_pid="$(cat "$pid_file" 2>/dev/null || true)"
  if [ -n "$old_pid" ] && grep -qa 'server.mjs' "/proc/$old_pid/cmdline" 2>/dev/null; then
    kill -TERM "$old_pid" 2>/dev/null || true
    sleep 1
  fi
done
if [ -f "$PG_DIR/postmaster.pid" ]; then
  bash "$ROOT/scripts/postgres.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
fi
rm -rf "$RUN"
mkdir -p "$RUN" "$RESULTS"

command -v python3 >/dev/null 2>&1 || { echo "python3 is required"; echo "0 passed, 1 failed"; exit 1; }

# ---------------------------------------------------------------------------------------------
if [ -x /usr/bin/chromium ]; then
  step "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
else
  step "installing chromium (apt-get; log in .test-run/apt.log)"
  packages=(chromium)
  dpkg -s fonts-dejavu-core >/dev/null 2>&1 || packages+=(fonts-dejavu-core)
  if as_root apt-get update >>"$RUN/apt.log" 2>&1 \
    && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}" \
      </dev/null >>"$RUN/apt.log" 2>&1; then
    echo "    $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')"
  else
    tail -n 20 "$RUN/apt.log" 2>/dev/null || true
    echo "    warning: could not install chromium; browser tests will fail"
  fi
fi

# ---------------------------------------------------------------------------------------------
MAIL_DIR="$ROOT/tests/mail-server"
command -v node >/dev/null 2>&1 || fail_fast "node is not installed"
if [ ! -d "$MAIL_DIR/node_modules" ] || [ "$MAIL_DIR/package-lock.json" -nt "$MAIL_DIR/node_modules" ]; then
  step "npm ci in tests/mail-server (log in .test-run/npm.log)"
  if ! (cd "$MAIL_DIR" && npm ci --no-audit --no-fund) >"$RUN/npm.log" 2>&1; then
    tail -n 30 "$RUN/npm.log"
    fail_fast "npm ci in tests/mail-server"
  fi
  touch "$MAIL_DIR/node_modules"
else
  step "tests/mail-server packages are up to date"
fi

# The relying-party library of the interop test (npm openid-client), pinned by its package-lock.json.
INTEROP_DIR="$ROOT/tests/interop"
if [ ! -d "$INTEROP_DIR/node_modules" ] || [ "$INTEROP_DIR/package-lock.json" -nt "$INTEROP_DIR/node_modules" ]; then
  step "npm ci in tests/interop (log in .test-run/npm.log)"
  if ! (cd "$INTEROP_DIR" && npm ci --no-audit --no-fund) >>"$RUN/npm.log" 2>&1; then
    tail -n 30 "$RUN/npm.log"
    fail_fast "npm ci in tests/interop"
  fi
  touch "$INTEROP_DIR/node_modules"
fi

# ---------------------------------------------------------------------------------------------
# start_mail_server LABEL SMTP_PREFERRED API_PREFERRED: starts tests/mail-server; sets STARTED_SMTP_PORT and
# STARTED_API_PORT. One per database: a test stops its server's SMTP to show that mail survives an outage, which
# must not hit the other database's run going on beside it.
start_mail_server() {
  local label="$1"
  pick_port "SMTP ($label)" "$2"
  STARTED_SMTP_PORT="$PICKED"
  pick_port "mail API ($label)" "$3"
  STARTED_API_PORT="$PICKED"
  step "starting the test mail server for $label (SMTP 127.0.0.1:$STARTED_SMTP_PORT, API 127.0.0.1:$STARTED_API_PORT)"
  SMTP_PORT="$STARTED_SMTP_PORT" MAIL_API_PORT="$STARTED_API_PORT" MAIL_PID_FILE="$RUN/mail-$label.pid" \
    node "$MAIL_DIR/server.mjs" </dev/null >"$RUN/mail-server-$label.log" 2>&1 &
  local pid=$!
  MAIL_PIDS+=("$pid")
  local ok=0
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if [ "$(http_get "http://127.0.0.1:$STARTED_API_PORT/health" || true)" = '{"smtp":true}' ]; then
      ok=1
      break
    fi
    sleep 0.2
  done
  if [ "$ok" != 1 ]; then
    tail -n 20 "$RUN/mail-server-$label.log" || true
    fail_fast "the test mail server for $label did not start"
  fi
}

start_mail_server sqlite "${SMTP_PORT:-2525}" "${MAIL_API_PORT:-2580}"
SMTP_PORT="$STARTED_SMTP_PORT"
MAIL_API_PORT="$STARTED_API_PORT"
start_mail_server postgres $((SMTP_PORT + 2)) $((MAIL_API_PORT + 2))
PG_SMTP_PORT="$STARTED_SMTP_PORT"
PG_MAIL_API_PORT="$STARTED_API_PORT"

# ---------------------------------------------------------------------------------------------
pick_port PostgreSQL "${PG_PORT:-55432}"
PG_PORT="$PICKED"
step "starting PostgreSQL 15 on 127.0.0.1:$PG_PORT (.test-run/pg)"
PG_STARTED=1
if ! bash "$ROOT/scripts/postgres.sh" start "$PG_DIR" "$PG_PORT" >"$RUN/postgres.log" 2>&1; then
  cat "$RUN/postgres.log"
  fail_fast "PostgreSQL did not start"
fi

# ---------------------------------------------------------------------------------------------
export SESAME_TEST_SMTP_HOST=127.0.0.1
export SESAME_TEST_SMTP_PORT="$SMTP_PORT"
export SESAME_TEST_MAIL_API="http://127.0.0.1:$MAIL_API_PORT"
export SESAME_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
unset SESAME_TEST_DATABASE

command -v dotnet >/dev/null 2>&1 || fail_fast "dotnet is not installed"

step "dotnet tool restore"
if ! dotnet tool restore >"$RUN/tool-restore.log" 2>&1; then
  tail -n 30 "$RUN/tool-restore.log"
  fail_fast "dotnet tool restore"
fi

step "dotnet build Sesame.slnx -c Release (log in .test-run/build.log)"
if ! dotnet build Sesame.slnx -c Release >"$RUN/build.log" 2>&1; then
  if grep -qE ': error ' "$RUN/build.log"; then
    grep -E ': error ' "$RUN/build.log" | sed 's/^ *//' | sort -u | head -n 60
  else
    tail -n 30 "$RUN/build.log"
  fi
  fail_fast "the build failed"
fi
grep -E '^ *[0-9]+ Warning\(s\)' "$RUN/build.log" | tail -n 1 | sed 's/^ */    /' || true

# ---------------------------------------------------------------------------------------------
EXTRA_PASSED=0
EXTRA_FAILED=0
FAILURE_ARGS=()
CHECK_EXIT_ARGS=()

for ctx in SqliteSesameDbContext PostgresSesameDbContext; do
  step "model check: $ctx has no pending model changes"
  set +e
  dotnet ef migrations has-pending-model-changes \
    --project src/Sesame.Core --startup-project src/Sesame.Core \
    --context "$ctx" --configuration Release --no-build >"$RUN/model-check-$ctx.log" 2>&1
  rc=$?
  set -e
  if [ "$rc" = 0 ]; then
    EXTRA_PASSED=$((EXTRA_PASSED + 1))
    echo "    ok"
  else
    EXTRA_FAILED=$((EXTRA_FAILED + 1))
    FAILURE_ARGS+=(--failure "[model check] $ctx: pending model changes or error (exit $rc; .test-run/model-check-$ctx.log)")
    sed 's/^/    /' "$RUN/model-check-$ctx.log" | tail -n 20
    echo "    FAILED: model check $ctx (exit $rc)"
  fi
done

# dotnet_test NAME PROJECT_DIR: the test run every project gets (Release, already built, a TRX named after the run,
# a hanging project killed after SESAME_TEST_HANG_TIMEOUT).
dotnet_test() {
  dotnet test "$2" -c Release --no-build \
    --logger "trx;LogFileName=$1.trx" --results-directory "$RESULTS" \
    --blame-hang --blame-hang-timeout "${SESAME_TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type none
}

# run_tests NAME PROJECT_DIR [DATABASE]
run_tests() {
  local name="$1" project="$2" database="${3:-}"
  if [ ! -d "$ROOT/$project" ]; then
    step "$name: skipped ($project does not exist)"
    return 0
  fi
  step "$name: dotnet test $project${database:+ (SESAME_TEST_DATABASE=$database)}"
  local rc=0
  SESAME_TEST_DATABASE="$database" run_logged "$RUN/test-$name.log" dotnet_test "$name" "$project" || rc=$?
  CHECK_EXIT_ARGS+=(--check-exit "$name=$rc")
  [ "$rc" = 0 ] || echo "    dotnet test $name exited $rc"
}

# run_tests_together PROJECT_DIR NAME DATABASE [NAME DATABASE ...]: run_tests of one project on several
# databases at once. A server or browser test waits on one request at a time, so one run keeps about one of
# the machine's two cores busy; side by side the two databases take little more than one. Each writes only
# its log (two outputs would interleave); the end of each log is printed once both are done.
run_tests_together() {
  local project="$1"
  shift
  local pids=() names=()
  while [ "$#" -ge 2 ]; do
    local name="$1" database="$2"
    shift 2
    step "$name: dotnet test $project (SESAME_TEST_DATABASE=$database), alongside; log in .test-run/test-$name.log"
    local smtp="$SMTP_PORT" api="$MAIL_API_PORT"
    if [ "$database" = postgres ]; then
      smtp="$PG_SMTP_PORT"
      api="$PG_MAIL_API_PORT"
    fi
    SESAME_TEST_DATABASE="$database" SESAME_TEST_SMTP_PORT="$smtp" SESAME_TEST_MAIL_API="http://127.0.0.1:$api" \
      dotnet_test "$name" "$project" </dev/null >"$RUN/test-$name.log" 2>&1 &
    pids+=("$!")
    names+=("$name")
    CHILD_PIDS+=("$!")
  done
  local i rc
  for i in "${!pids[@]}"; do
    rc=0
    wait "${pids[$i]}" || rc=$?
    step "${names[$i]}: done"
    grep -E '^(Passed|Failed)!|^ *Failed |error' "$RUN/test-${names[$i]}.log" | head -n 40 | sed 's/^/    /' || true
    CHECK_EXIT_ARGS+=(--check-exit "${names[$i]}=$rc")
    [ "$rc" = 0 ] || echo "    dotnet test ${names[$i]} exited $rc"
  done
  CHILD_PIDS=()
}

run_tests core tests/Sesame.Core.Tests
run_tests registries tests/Sesame.Registries.Tests
run_tests simulator tests/Sesame.Registries.Simulator.Tests
run_tests_together tests/Sesame.Server.Tests server-sqlite sqlite server-postgres postgres
if [ "$QUICK" = 1 ]; then
  step "e2e-sqlite, e2e-postgres: skipped (--quick)"
else
  run_tests_together tests/Sesame.EndToEnd.Tests e2e-sqlite sqlite e2e-postgres postgres
fi

shopt -s nullglob
for script in tests/interop/run.sh tests/interop/*/run.sh; do
  [ -f "$script" ] || continue
  label="${script#tests/interop/}"
  label="${label%run.sh}"
  label="${label%/}"
  label="${label:-interop}"
  step "interop: bash $script"
  rc=0
  run_logged "$RUN/interop-${label//\//-}.log" bash "$script" || rc=$?
  if [ "$rc" = 0 ]; then
    EXTRA_PASSED=$((EXTRA_PASSED + 1))
    echo "    interop $script: passed"
  else
    EXTRA_FAILED=$((EXTRA_FAILED + 1))
    FAILURE_ARGS+=(--failure "[interop] $script exited $rc")
    echo "    interop $script: FAILED (exit $rc)"
  fi
done
shopt -u nullglob

# ---------------------------------------------------------------------------------------------
step "stopping the test servers"
cleanup

step "summary"
set +e
python3 "$ROOT/scripts/summarize-trx.py" "$RESULTS" \
  --extra-passed "$EXTRA_PASSED" --extra-failed "$EXTRA_FAILED" \
  ${FAILURE_ARGS[@]+"${FAILURE_ARGS[@]}"} ${CHECK_EXIT_ARGS[@]+"${CHECK_EXIT_ARGS[@]}"}
rc=$?
set -e
exit "$rc"
