#!/usr/bin/env bash
# Tokens per second from POST /oauth2/token with the client_credentials grant (client_secret_basic), measured with
# wrk over loopback, against the platform bench/start-platform.sh starts; one client is registered.
#   bench/client-credentials.sh [seconds per run, default 15] [connections, default 32]
# Needs: the jars built (./mvnw -B -DskipTests package), wrk (apt-get install wrk), psql, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-15}
CONNECTIONS=${2:-32}
. bench/start-platform.sh

admin=$(curl -sf -X POST http://127.0.0.1:18080/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"$AUTH_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$AUTH_BOOTSTRAP_ADMIN_PASSWORD\"}" | json accessToken)
client=$(curl -sf -X POST http://127.0.0.1:18080/admin/clients -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"clientId":"bench-service","name":"Bench","type":"confidential","grantTypes":["client_credentials"],"scopes":["reports:read"]}')
secret=$(json clientSecret <<<"$client")
basic=$(printf '%s' "bench-service:$secret" | base64 -w0)

cat >"$work/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=reports%3Aread"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
LUA

url=http://127.0.0.1:18080/oauth2/token
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$work/token.lua" "$url" >/dev/null # warm-up
out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/token.lua" "$url")
errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
echo "auth-service, wrk -t2 -c$CONNECTIONS -d${DURATION}s, $(nproc) cores shared by wrk, the service, PostgreSQL and Redis"
printf '%-40s %10s req/s   p50 %8s   p99 %8s   errors %s\n' "POST /oauth2/token client_credentials" \
  "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
  "$(awk '$1=="50%" {print $2}' <<<"$out")" "$(awk '$1=="99%" {print $2}' <<<"$out")" "${errors:-0}"
