# Sourced by the bench scripts: starts both services with ./run-local.sh on ports 18080/18081 against a database of
# their own (auth_bench, recreated) and a Redis namespace of their own, with a bootstrap admin, and stops them (and
# removes $work) when the script exits. Needs the jars built (./mvnw -B -DskipTests package), wrk, psql, curl.
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS auth_bench WITH (FORCE)" -c "CREATE DATABASE auth_bench" >/dev/null 2>&1
export DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/auth_bench
export AUTH_REVOCATION_NAMESPACE="bench-$$"
export RUN_LOCAL_ARCHIVE=0 # started without a class-data archive; bench/run measures start with and without one itself
export RUN_LOCAL_AUTH_PORT=18080 RUN_LOCAL_RESOURCE_PORT=18081 RUN_LOCAL_DEMO_PORT=18082
export AUTH_ISSUER=http://localhost:18080
export AUTH_BOOTSTRAP_ADMIN_EMAIL=bench-admin@platform.test AUTH_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password
# the benchmarks measure throughput from one address: the per-address and per-client limits would measure themselves
export AUTH_LIMITS_ENABLED=false
work=$(mktemp -d)
trap './run-local.sh --stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
./run-local.sh --no-build --detach >/dev/null

# json FIELD < body: one field of a JSON object
json() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
