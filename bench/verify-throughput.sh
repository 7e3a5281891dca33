#!/usr/bin/env bash
# Throughput of token verification in resource-service, measured with wrk over loopback:
#   GET /api/public/info   (no token: the floor of the HTTP stack)
#   GET /api/me            (a valid bearer token: signature, claims, revocation view)
# Starts both services with ./run-local.sh on ports 18080/18081 against a database of its own
# (auth_bench, recreated) and a Redis namespace of its own, then stops them.
#   bench/verify-throughput.sh [seconds per run, default 15] [connections, default 32]
# Needs: the jars built (./mvnw -B -DskipTests package), wrk (apt-get install wrk), psql, curl.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
CONNECTIONS=${2:-32}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS auth_bench WITH (FORCE)" -c "CREATE DATABASE auth_bench" >/dev/null
export DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/auth_bench
export AUTH_REVOCATION_NAMESPACE="bench-$$"
export RUN_LOCAL_AUTH_PORT=18080 RUN_LOCAL_RESOURCE_PORT=18081
export AUTH_ISSUER=http://localhost:18080
trap './run-local.sh --stop >/dev/null 2>&1 || true' EXIT
./run-local.sh --no-build --detach >/dev/null

token=$(curl -sf -X POST http://127.0.0.1:18080/auth/register -H 'Content-Type: application/json' \
  -d '{"email":"bench@platform.test","password":"correct-horse-1","name":"Bench"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

run() { # label, path, extra wrk args...
  local label=$1 path=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$@" "http://127.0.0.1:18081$path" >/dev/null # warm-up
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "http://127.0.0.1:18081$path")
  printf '%-40s %10s req/s   p50 %8s   p99 %8s\n' "$label" \
    "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")"
}

echo "resource-service, wrk -t2 -c$CONNECTIONS -d${DURATION}s, $(nproc) cores shared by wrk and the service"
run "GET /api/public/info (no token)" /api/public/info
run "GET /api/me (valid RS256 token)" /api/me -H "Authorization: Bearer $token"
