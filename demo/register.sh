#!/usr/bin/env bash
# Registers the demo app with auth-service as a public, first-party client (code + PKCE, refresh), once:
# a second run finds it registered (409) and changes nothing.
#   demo/register.sh [auth-service URL, default http://localhost:8080] [demo app URL, default http://localhost:8082]
# Needs the bootstrap admin's address and password in AUTH_BOOTSTRAP_ADMIN_EMAIL / AUTH_BOOTSTRAP_ADMIN_PASSWORD, curl, python3.
set -euo pipefail
export AUTH=${1:-http://localhost:8080} APP=${2:-http://localhost:8082} CLIENT_ID=${DEMO_CLIENT_ID:-demo-spa}
: "${AUTH_BOOTSTRAP_ADMIN_EMAIL:?set the bootstrap admin address}" "${AUTH_BOOTSTRAP_ADMIN_PASSWORD:?and password}"

# JSON is written by python3 from the environment, so no value is ever spliced into JSON by hand.
json() { python3 -c "import json, os, sys; print(json.dumps(eval(sys.argv[1], {'env': os.environ})))" "$1"; }

login=$(json '{"email": env["AUTH_BOOTSTRAP_ADMIN_EMAIL"], "password": env["AUTH_BOOTSTRAP_ADMIN_PASSWORD"]}')
admin=$(curl -sf -X POST "$AUTH/auth/login" -H 'Content-Type: application/json' -d "$login" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])')
client=$(json '{"clientId": env["CLIENT_ID"], "name": "Platform demo app", "type": "public",
  "grantTypes": ["authorization_code", "refresh_token"], "redirectUris": [env["APP"] + "/"],
  "postLogoutRedirectUris": [env["APP"] + "/"], "scopes": ["reports:read"], "firstParty": True}')
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$AUTH/admin/clients" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d "$client")
case $status in
  201) echo "registered $CLIENT_ID for $APP" ;;
  409) echo "$CLIENT_ID is registered already" ;;
  *) echo "registering $CLIENT_ID failed: HTTP $status" >&2; exit 1 ;;
esac
