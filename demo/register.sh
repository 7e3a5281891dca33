#!/usr/bin/env bash
# Registers the demo app with auth-service as a public, first-party client (code + PKCE, refresh), once:
# a second run finds it registered (409) and changes nothing.
#   demo/register.sh [auth-service URL, default http://localhost:8080] [demo app URL, default http://localhost:8082]
# Needs the bootstrap admin's address and password in AUTH_BOOTSTRAP_ADMIN_EMAIL / AUTH_BOOTSTRAP_ADMIN_PASSWORD, curl, python3.
set -euo pipefail
AUTH=${1:-http://localhost:8080}
APP=${2:-http://localhost:8082}
CLIENT_ID=${DEMO_CLIENT_ID:-demo-spa}
: "${AUTH_BOOTSTRAP_ADMIN_EMAIL:?set the bootstrap admin's address}" "${AUTH_BOOTSTRAP_ADMIN_PASSWORD:?and password}"

admin=$(curl -sf -X POST "$AUTH/auth/login" -H 'Content-Type: application/json' \
  -d "$(python3 -c 'import json,os; print(json.dumps({"email": os.environ["AUTH_BOOTSTRAP_ADMIN_EMAIL"], "password": os.environ["AUTH_BOOTSTRAP_ADMIN_PASSWORD"]}))')" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$AUTH/admin/clients" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d "{\"clientId\":\"$CLIENT_ID\",\"name\":\"Platform demo app\",\"type\":\"public\",
  \"grantTypes\":[\"authorization_code\",\"refresh_token\"],\"redirectUris\":[\"$APP/\"],\"postLogoutRedirectUris\":[\"$APP/\"],
  \"scopes\":[\"reports:read\"],\"firstParty\":true}")
case $status in
  201) echo "registered $CLIENT_ID for $APP" ;;
  409) echo "$CLIENT_ID is registered already" ;;
  *) echo "registering $CLIENT_ID failed: HTTP $status" >&2; exit 1 ;;
esac
