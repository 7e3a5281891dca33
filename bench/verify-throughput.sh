#!/usr/bin/env bash
# Throughput of token verification in resource-service, measured with wrk over loopback:
#   GET /api/public/info   (no token: the floor of the HTTP stack)
#   GET /api/me            (a valid bearer token: signature, claims, revocation view)
# Runs against the platform bench/start-platform.sh starts.
#   bench/verify-throughput.sh [seconds per run, default 15] [connections, default 32]
# Needs: the jars built (./mvnw -B -DskipTests package), wrk (apt-get install wrk), psql, curl.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
CONNECTIONS=${2:-32}
. bench/start-platform.sh

token=$(curl -sf -X POST http://127.0.0.1:18080/auth/register -H 'Content-Type: application/json' \
  -d '{"email":"bench@platform.test","password":"correct-horse-1","name":"Bench"}' |
  json accessToken)

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
