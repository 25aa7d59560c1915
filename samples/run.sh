#!/usr/bin/env bash
# Starts Sesame and the "Carnet santé Québec" demo service side by side (Development mode):
#
#   bash samples/run.sh
#
#   Sesame                 http://localhost:5080   (dotnet run --project src/Sesame.Server)
#   Carnet santé Québec    http://localhost:5090   (dotnet run --project samples/CarnetSante)
#   Rendez-vous santé Qc   http://localhost:5091   (dotnet run --project samples/RendezVousSante)
#
# Sesame's Development start seeds the demo service (client carnet-sante-demo, redirect
# http://localhost:5090/signin-oidc) and the demo person marietremblay / Tulipe-Verte-Hiver-92, whose
# e-mailed codes appear at http://localhost:5080/dev/courriels. It also seeds the professional demo service
# rendez-vous-sante-demo (directory scope annuaire.professionnels) and the clinic's representative
# representant@clinique-demo.example / Vieux2026Port (answers: Vieux-Port), who signs in at 5091 as its administrator. Both outputs are shown, prefixed.
# Ctrl-C stops all three. Works from any directory; needs the .NET 10 SDK, Node.js/npm (Sesame's front-end
# packages), and curl.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

SESAME_URL="http://localhost:5080"
SAMPLE_URL="http://localhost:5090"
RVSQ_URL="http://localhost:5091"
READY_TIMEOUT=600 # seconds: the first run restores NuGet and npm packages and builds both

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

for port in 5080 5090 5091; do
  if port_busy "$port"; then
    echo "Port $port is already in use: stop what listens there (a previous run?) and try again." >&2
    exit 1
  fi
done

PIDS=()

stop() {
  trap - INT TERM EXIT
  if [ "${#PIDS[@]}" -gt 0 ]; then
    echo
    echo "Stopping Sesame and the demo services..."
    for pid in "${PIDS[@]}"; do
      # Each one runs in its own process group (setsid): dotnet run, the app it started, the prefixer.
      kill -TERM -- "-$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
      wait "$pid" 2>/dev/null || true
    done
  fi
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# start NAME PROJECT: dotnet run in a process group of its own, its output prefixed with [NAME].
start() {
  setsid bash -c 'dotnet run --project "$2" 2>&1 | sed -u "s/^/[$1] /"' _ "$1" "$2" &
  PIDS+=("$!")
}

start sesame src/Sesame.Server
start carnet samples/CarnetSante
start rvsq samples/RendezVousSante

# Waits until both answer (Sesame's health check, the service's home page), or one of them stops.
deadline=$((SECONDS + READY_TIMEOUT))
until curl -fsS -o /dev/null "$SESAME_URL/sante" 2>/dev/null && curl -fsS -o /dev/null "$SAMPLE_URL/" 2>/dev/null \
  && curl -fsS -o /dev/null "$RVSQ_URL/" 2>/dev/null; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "One of them stopped before answering: see its output above." >&2
      exit 1
    fi
  done
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "Sesame or the demo service did not answer within ${READY_TIMEOUT}s." >&2
    exit 1
  fi
  sleep 1
done

cat <<BANNER

  Sesame                 $SESAME_URL
  Carnet santé Québec    $SAMPLE_URL   (the demo service: "Se connecter avec Sesame")
  Rendez-vous santé Qc   $RVSQ_URL   (professionals: a clinic's administrator adds employees by RAMQ username)

  Demo person: marietremblay / Tulipe-Verte-Hiver-92; e-mailed codes at $SESAME_URL/dev/courriels
  Demo representative: representant@clinique-demo.example / Vieux2026Port, answers Vieux-Port
  Ctrl-C stops all three.

BANNER

# Runs until Ctrl-C, or until one of the two stops (then the other is stopped too).
while true; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "One of them stopped: stopping the others." >&2
      exit 1
    fi
  done
  sleep 1
done
