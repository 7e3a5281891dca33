#!/usr/bin/env bash
# Run auth-service (8080), resource-service (8081) and the demo app (8082) locally, without Docker.
#
#   ./run-local.sh              build, start all three, stay in the foreground (Ctrl-C stops them)
#   ./run-local.sh --no-build   same, but use the jars already in */target/
#   ./run-local.sh --detach     start them in the background, exit 0 once they are healthy
#   ./run-local.sh --stop       stop what was started with --detach
#
# Mail (address verification, password reset) goes to a local mail catcher on 127.0.0.1:1025: Mailpit when it is on
# the PATH (web inbox on http://localhost:8025), else GreenMail's standalone server, which the build fetches (read a
# user's messages at http://localhost:8025/api/user/<address>/messages/INBOX). Set AUTH_MAIL_HOST to use a real server.
# The demo app is served by the JDK's jwebserver; its origin is allowed by CORS (AUTH_CORS_ALLOWED_ORIGINS) and,
# when the bootstrap admin is configured, it is registered as a client (demo/register.sh).
# PostgreSQL and Redis: those configured (DATASOURCES_DEFAULT_URL, REDIS_URI) or answering at 127.0.0.1:5432 and :6379
# are used; when neither, real servers that come as Maven artifacts (local-servers: zonky's PostgreSQL binaries,
# embedded-redis's redis-server) are started, their data kept in target/run-local/servers/ across restarts (the first
# start unpacks PostgreSQL and creates its cluster: about 10 s more).
# RUN_LOCAL_SERVERS=embedded always starts those (on RUN_LOCAL_POSTGRES_PORT, RUN_LOCAL_REDIS_PORT); =external never.
# Needs JDK 25 and curl. The environment is passed through to both
# services (DATASOURCES_DEFAULT_*, REDIS_URI, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URI,
# AUTH_BOOTSTRAP_ADMIN_EMAIL / AUTH_BOOTSTRAP_ADMIN_PASSWORD, AUTH_KEYS_ALGORITHM, ...),
# except MICRONAUT_SERVER_PORT, which this script sets per service.
# Each service starts on the class-data archive the images carry (deploy/cds: the classes it loads to start and serve,
# parsed, verified and linked ahead of time), dumped into target/run-local/ when its jar is new (about 10 s); it is
# then ready in about 1.5 s instead of 4 (RUN_LOCAL_ARCHIVE=0 starts without one).
# Logs, PID files and the local servers' data: target/run-local/ (RUN_LOCAL_DIR).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

# The first admin, as under compose, unless one is chosen: the quick start signs in to the console with it.
export AUTH_BOOTSTRAP_ADMIN_EMAIL="${AUTH_BOOTSTRAP_ADMIN_EMAIL:-admin@example.com}"
export AUTH_BOOTSTRAP_ADMIN_PASSWORD="${AUTH_BOOTSTRAP_ADMIN_PASSWORD:-change-me-now-please}"

DEFAULT_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
RUN_DIR="${RUN_LOCAL_DIR:-$ROOT/target/run-local}"
AUTH_PORT="${RUN_LOCAL_AUTH_PORT:-8080}"
RESOURCE_PORT="${RUN_LOCAL_RESOURCE_PORT:-8081}"
DEMO_PORT="${RUN_LOCAL_DEMO_PORT:-8082}"
export AUTH_CORS_ALLOWED_ORIGINS="${AUTH_CORS_ALLOWED_ORIGINS:-http://localhost:$DEMO_PORT}"
HEALTH_TIMEOUT=60   # seconds, per service
STOP_TIMEOUT=20     # seconds to wait after SIGTERM before SIGKILL
# the JVM options of the images too (heap, GC, metaspace; measured with bench/run): one java argument file
JVM_OPTS=("@$ROOT/deploy/jvm.options")
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
MAIL_SMTP_PORT="${RUN_LOCAL_SMTP_PORT:-1025}"
MAIL_WEB_PORT="${RUN_LOCAL_MAIL_WEB_PORT:-8025}"
GREENMAIL_VERSION=2.1.5
SERVICES=(servers mail auth-service resource-service demo)
LOCAL_SERVERS="${RUN_LOCAL_SERVERS:-auto}"
LOCAL_PG_PORT="${RUN_LOCAL_POSTGRES_PORT:-5432}"
LOCAL_REDIS_PORT="${RUN_LOCAL_REDIS_PORT:-6379}"
SERVERS_TIMEOUT=120 # seconds: the first start unpacks PostgreSQL and creates its cluster

log() { printf '[run-local] %s\n' "$*"; }
die() { printf '[run-local] ERROR: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

# ---------------------------------------------------------------- arguments
BUILD=1
MODE=foreground
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    --detach) MODE=detach ;;
    --stop) MODE=stop ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $arg" ;;
  esac
done

# ---------------------------------------------------------------- helpers
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$RUN_DIR" "$1"; }
jar_of() { printf '%s/%s/target/%s.jar' "$ROOT" "$1" "$1"; }
archive_of() { printf '%s/%s.jsa' "$RUN_DIR" "$1"; }
# The images' class-data archive (JDK CDS with AOT class linking, deploy/cds/dump from the committed class list), dumped
# again when the jar, the list or the JVM options are newer. It took auth-service to ready a median 1,452 ms against
# 1,555 with the JDK AOT cache of a first start this script used before (ten alternating starts each, bench/run's
# seventh machine): the cache also replays the recording run's method profiles, which hands the JIT compilers work
# while the service starts. An archive that cannot be dumped is left out: the service starts without it.
archive_opts() {
  local name=$1 archive list="$ROOT/deploy/cds/$1.classlist.gz"
  if [[ ${RUN_LOCAL_ARCHIVE:-1} == 0 ]]; then printf -- '-XX:AOTMode=off'; return; fi # bench/run measures starts itself
  archive=$(archive_of "$name")
  if [[ ! -f $archive || $(jar_of "$name") -nt $archive || $list -nt $archive || $ROOT/deploy/jvm.options -nt $archive ]]; then
    rm -f "$archive"
    log "dumping $name's class-data archive for its new jar (about 10 s)" >&2 # stdout is the option
    JAVA="$JAVA" sh "$ROOT/deploy/cds/dump" "$list" "$(jar_of "$name")" "$archive" "$ROOT/deploy/jvm.options" \
      >>"$(log_file "$name")" 2>&1 || rm -f "$archive"
  fi
  [[ -f $archive ]] && printf -- '-XX:SharedArchiveFile=%s' "$archive" || printf -- '-Xshare:auto'
}
# what a process's command line holds when it is ours: the service's jar, or the JDK's file server for the demo
marker_of() {
  case $1 in
    demo) printf 'jwebserver' ;;
    mail) printf 'mail' ;; # mailpit, or greenmail-standalone
    servers) printf 'local-servers.jar' ;;
    *) printf '%s.jar' "$1" ;;
  esac
}

alive() { kill -0 "$1" 2>/dev/null; }

# Is something listening on host:port? (bash /dev/tcp, bounded by timeout if available)
tcp_open() {
  local host=$1 port=$2
  if command -v timeout >/dev/null 2>&1; then
    # shellcheck disable=SC2016  # $0/$1 are expanded by the inner bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

# Stop one PID: SIGTERM, wait up to STOP_TIMEOUT, then SIGKILL.
stop_pid() {
  local name=$1 pid=$2 i
  alive "$pid" || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < STOP_TIMEOUT * 2; i++)); do
    alive "$pid" || return 0
    sleep 0.5
  done
  log "$name (pid $pid) did not stop after ${STOP_TIMEOUT}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------- --stop
if [[ $MODE == stop ]]; then
  found=0
  for ((idx = ${#SERVICES[@]} - 1; idx >= 0; idx--)); do   # resource-service first
    name=${SERVICES[idx]}
    f=$(pid_file "$name")
    [[ -f $f ]] || continue
    found=1
    pid=$(tr -dc '0-9' <"$f")
    if [[ -n $pid ]] && alive "$pid"; then
      # Guard against a recycled PID: only stop it if it is running our jar.
      if [[ -r /proc/$pid/cmdline ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$(marker_of "$name")"; then
        log "pid $pid from $f is not $name any more; not touching it"
      else
        stop_pid "$name" "$pid"
      fi
    else
      log "$name (pid ${pid:-?}) is not running"
    fi
    rm -f "$f"
  done
  [[ $found == 1 ]] || log "nothing to stop (no PID files in $RUN_DIR)"
  exit 0
fi

# ---------------------------------------------------------------- JDK 25
java_major() {   # prints the major version of $1/bin/java, or nothing
  local out
  [[ -x $1/bin/java ]] || return 0
  out=$("$1/bin/java" -version 2>&1 || true)
  sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' <<<"$out" | head -n 1
}

if [[ -n ${JAVA_HOME:-} && $(java_major "$JAVA_HOME") == 25 ]]; then
  : # JAVA_HOME already points at a Java 25
else
  if [[ -n ${JAVA_HOME:-} ]]; then
    log "JAVA_HOME=$JAVA_HOME is not a Java 25 (found: '$(java_major "$JAVA_HOME")'); trying $DEFAULT_JAVA_HOME"
  fi
  if [[ $(java_major "$DEFAULT_JAVA_HOME") != 25 ]]; then
    die "JDK 25 not found: $DEFAULT_JAVA_HOME/bin/java is missing or not Java 25, and JAVA_HOME does not point at a JDK 25.
  Install Temurin 25 there, or export JAVA_HOME=/path/to/jdk-25 and re-run."
  fi
  JAVA_HOME=$DEFAULT_JAVA_HOME
fi
if [[ $BUILD == 1 && ! -x $JAVA_HOME/bin/javac ]]; then
  die "$JAVA_HOME is a Java 25 runtime but not a JDK (no bin/javac); the build needs a JDK (or use --no-build)."
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
JAVA="$JAVA_HOME/bin/java"
log "using JAVA_HOME=$JAVA_HOME"

command -v curl >/dev/null 2>&1 || die "curl is required (used to poll /health); please install it."

# When the auth port is overridden, keep the default issuer consistent with it.
if [[ $AUTH_PORT != 8080 && -z ${AUTH_ISSUER:-} ]]; then
  export AUTH_ISSUER="http://localhost:$AUTH_PORT"
fi

# ---------------------------------------------------------------- PostgreSQL and Redis
# Host/port come from DATASOURCES_DEFAULT_URL / REDIS_URI when set (simple single-host
# URLs), otherwise the services' defaults 127.0.0.1:5432 and 127.0.0.1:6379.
PG_HOST=127.0.0.1 PG_PORT=5432
if [[ ${DATASOURCES_DEFAULT_URL:-} =~ ^jdbc:postgresql://([^/:,?]+)(:([0-9]+))?(/|\?|$) ]]; then
  PG_HOST=${BASH_REMATCH[1]}
  PG_PORT=${BASH_REMATCH[3]:-5432}
fi
REDIS_HOST=127.0.0.1 REDIS_PORT=6379
if [[ ${REDIS_URI:-} =~ ^rediss?://([^@/]*@)?([^/:@?]+)(:([0-9]+))?(/|\?|$) ]]; then
  REDIS_HOST=${BASH_REMATCH[2]}
  REDIS_PORT=${BASH_REMATCH[4]:-6379}
fi

case $LOCAL_SERVERS in
  auto | embedded | external) ;;
  *) die "RUN_LOCAL_SERVERS must be auto, embedded or external (not '$LOCAL_SERVERS')" ;;
esac
# Which of the two to start from local-servers: with auto, each that is neither configured nor answering.
EMBED_PG=0 EMBED_REDIS=0
if [[ $LOCAL_SERVERS == embedded ]]; then
  EMBED_PG=1 EMBED_REDIS=1
elif [[ $LOCAL_SERVERS == auto ]]; then
  [[ -z ${DATASOURCES_DEFAULT_URL:-} ]] && ! tcp_open "$PG_HOST" "$PG_PORT" && EMBED_PG=1
  [[ -z ${REDIS_URI:-} ]] && ! tcp_open "$REDIS_HOST" "$REDIS_PORT" && EMBED_REDIS=1
fi
if [[ $EMBED_PG == 1 ]]; then
  export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$LOCAL_PG_PORT/postgres" DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD=
fi
if [[ $EMBED_REDIS == 1 ]]; then
  export REDIS_URI="redis://127.0.0.1:$LOCAL_REDIS_PORT"
fi

missing=()
if [[ $EMBED_PG == 1 ]]; then
  : # started below
elif command -v pg_isready >/dev/null 2>&1; then
  if pg_out=$(pg_isready -h "$PG_HOST" -p "$PG_PORT" -t 3 2>&1); then
    log "PostgreSQL OK ($PG_HOST:$PG_PORT)"
  else
    missing+=("PostgreSQL is not reachable at $PG_HOST:$PG_PORT (pg_isready: $pg_out)")
  fi
elif tcp_open "$PG_HOST" "$PG_PORT"; then
  log "PostgreSQL port open ($PG_HOST:$PG_PORT)"
else
  missing+=("PostgreSQL is not reachable at $PG_HOST:$PG_PORT (nothing listening)")
fi

if [[ $EMBED_REDIS == 1 ]]; then
  : # started below
elif command -v redis-cli >/dev/null 2>&1; then
  redis_out=$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>&1 || true)
  if [[ $redis_out == *PONG* ]]; then
    log "Redis OK ($REDIS_HOST:$REDIS_PORT)"
  elif tcp_open "$REDIS_HOST" "$REDIS_PORT"; then
    log "Redis port open at $REDIS_HOST:$REDIS_PORT, but PING answered: $redis_out (continuing)"
  else
    missing+=("Redis is not reachable at $REDIS_HOST:$REDIS_PORT (redis-cli: $redis_out)")
  fi
elif tcp_open "$REDIS_HOST" "$REDIS_PORT"; then
  log "Redis port open ($REDIS_HOST:$REDIS_PORT)"
else
  missing+=("Redis is not reachable at $REDIS_HOST:$REDIS_PORT (nothing listening)")
fi

if ((${#missing[@]})); then
  for m in "${missing[@]}"; do printf '[run-local] MISSING: %s\n' "$m" >&2; done
  die "start the missing service(s) above (or point DATASOURCES_DEFAULT_URL / REDIS_URI at them) and re-run."
fi

# ---------------------------------------------------------------- ports free?
embedded_ports=()
[[ $EMBED_PG == 1 ]] && embedded_ports+=("$LOCAL_PG_PORT")
[[ $EMBED_REDIS == 1 ]] && embedded_ports+=("$LOCAL_REDIS_PORT")
for port in "$AUTH_PORT" "$RESOURCE_PORT" "$DEMO_PORT" "${embedded_ports[@]}"; do
  if tcp_open 127.0.0.1 "$port"; then
    die "port $port is already in use (an earlier './run-local.sh --detach'? stop it with './run-local.sh --stop')."
  fi
done

# ---------------------------------------------------------------- build
if [[ $BUILD == 1 ]]; then
  log "building: ./mvnw -B -DskipTests package"
  ./mvnw -B -DskipTests package
fi
for name in auth-service resource-service $( ((EMBED_PG + EMBED_REDIS)) && echo local-servers); do
  [[ -f $(jar_of "$name") ]] || die "$(jar_of "$name") not found; build first (run without --no-build)."
done

# ---------------------------------------------------------------- start / stop children
mkdir -p "$RUN_DIR"
declare -A PIDS=()
KEEP_RUNNING=0   # set once --detach has succeeded

# shellcheck disable=SC2317  # invoked via trap
cleanup() {
  trap - EXIT INT TERM HUP
  [[ $KEEP_RUNNING == 1 ]] && return 0
  local idx name
  for ((idx = ${#SERVICES[@]} - 1; idx >= 0; idx--)); do
    name=${SERVICES[idx]}
    [[ -n ${PIDS[$name]:-} ]] || continue
    stop_pid "$name" "${PIDS[$name]}"
    rm -f "$(pid_file "$name")"
  done
}
trap 'rc=$?; cleanup; exit "$rc"' EXIT
trap 'echo; cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 129' HUP

start_service() {
  local name=$1 port=$2 launcher=()
  # Detached children must survive the terminal going away.
  [[ $MODE == detach ]] && launcher=(nohup)
  local archive
  : >"$(log_file "$name")"
  archive=$(archive_opts "$name")
  log "starting $name on port $port (log: $(log_file "$name"))"
  MICRONAUT_SERVER_PORT=$port "${launcher[@]}" "$JAVA" "${JVM_OPTS[@]}" "$archive" -jar "$(jar_of "$name")" \
    </dev/null >>"$(log_file "$name")" 2>&1 &
  PIDS[$name]=$!
  if [[ $MODE == detach ]]; then
    echo "${PIDS[$name]}" >"$(pid_file "$name")"
  fi
}

wait_healthy() {
  local name=$1 port=$2 url="http://127.0.0.1:$2/health" deadline=$((SECONDS + HEALTH_TIMEOUT)) code
  local pid=${PIDS[$name]}
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
    if [[ $code == 200 ]]; then
      log "$name is healthy ($url, $((HEALTH_TIMEOUT - (deadline - SECONDS)))s)"
      return 0
    fi
    if ! alive "$pid"; then
      local rc=0
      wait "$pid" || rc=$?
      printf '[run-local] ERROR: %s exited during startup (exit code %s). Last log lines (%s):\n' \
        "$name" "$rc" "$(log_file "$name")" >&2
      tail -n 40 "$(log_file "$name")" >&2 || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      printf '[run-local] ERROR: %s not healthy after %ss (last /health status: %s). Last log lines (%s):\n' \
        "$name" "$HEALTH_TIMEOUT" "$code" "$(log_file "$name")" >&2
      tail -n 40 "$(log_file "$name")" >&2 || true
      return 1
    fi
    sleep 1
  done
}

start_demo() {
  local root="$RUN_DIR/demo" launcher=()
  [[ $MODE == detach ]] && launcher=(nohup)
  rm -rf "$root" && mkdir -p "$root"
  cp "$ROOT"/demo/index.html "$ROOT"/demo/app.js "$ROOT"/demo/app.css "$root"/
  cat >"$root/config.json" <<JSON
{"authority": "${AUTH_ISSUER:-http://localhost:$AUTH_PORT}", "api": "http://localhost:$RESOURCE_PORT", "clientId": "${DEMO_CLIENT_ID:-demo-spa}",
 "redirectUri": "http://localhost:$DEMO_PORT/", "scope": "openid reports:read"}
JSON
  log "starting the demo app on port $DEMO_PORT (log: $(log_file demo))"
  "${launcher[@]}" "$JAVA_HOME/bin/jwebserver" -b 127.0.0.1 -p "$DEMO_PORT" -d "$root" -o info </dev/null >"$(log_file demo)" 2>&1 &
  PIDS[demo]=$!
  if [[ $MODE == detach ]]; then
    echo "${PIDS[demo]}" >"$(pid_file demo)"
  fi
  if [[ -n ${AUTH_BOOTSTRAP_ADMIN_EMAIL:-} && -n ${AUTH_BOOTSTRAP_ADMIN_PASSWORD:-} ]]; then
    "$ROOT/demo/register.sh" "http://127.0.0.1:$AUTH_PORT" "http://localhost:$DEMO_PORT" | sed 's/^/[run-local] /' ||
      log "could not register the demo app; run demo/register.sh by hand"
  else
    log "to use the demo app, register it once: AUTH_BOOTSTRAP_ADMIN_EMAIL=... AUTH_BOOTSTRAP_ADMIN_PASSWORD=... demo/register.sh"
  fi
}

# PostgreSQL and/or Redis from local-servers, data kept in $RUN_DIR/servers. PostgreSQL refuses to run as root: as
# root, the servers run in a user namespace where root is an ordinary user (their files stay root's outside it).
start_servers() {
  local launcher=() args=(--dir "$RUN_DIR/servers") log deadline=$((SECONDS + SERVERS_TIMEOUT))
  ((EMBED_PG + EMBED_REDIS)) || return 0
  if [[ $EMBED_PG == 1 ]]; then args+=(--postgres-port "$LOCAL_PG_PORT"); else args+=(--no-postgres); fi
  if [[ $EMBED_REDIS == 1 ]]; then args+=(--redis-port "$LOCAL_REDIS_PORT"); else args+=(--no-redis); fi
  [[ $MODE == detach ]] && launcher=(nohup)
  if [[ $(id -u) == 0 ]]; then
    command -v unshare >/dev/null 2>&1 || die "PostgreSQL does not run as root, and unshare (util-linux) is missing to run it as another user"
    launcher+=(unshare --user --map-user=1000 --map-group=1000)
  fi
  log=$(log_file servers)
  : >"$log"
  log "starting PostgreSQL and Redis from local-servers (log: $log)"
  "${launcher[@]}" "$JAVA" -Xmx128m -jar "$(jar_of local-servers)" "${args[@]}" </dev/null >>"$log" 2>&1 &
  PIDS[servers]=$!
  [[ $MODE == detach ]] && echo "${PIDS[servers]}" >"$(pid_file servers)"
  until grep -qx ready "$log"; do
    if ! alive "${PIDS[servers]}" || ((SECONDS >= deadline)); then
      printf '[run-local] ERROR: local-servers did not start. Its log (%s):\n' "$log" >&2
      tail -n 40 "$log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
  grep -E '^(PostgreSQL|Redis) on ' "$log" | sed 's/^/[run-local] started /'
}

# A local mail catcher, unless mail goes elsewhere (AUTH_MAIL_HOST) or something already listens on the SMTP port.
MAIL_INBOX="(none: AUTH_MAIL_HOST=${AUTH_MAIL_HOST:-})"
start_mail() {
  local launcher=() jar
  if [[ -n ${AUTH_MAIL_HOST:-} ]]; then
    log "mail goes to ${AUTH_MAIL_HOST}:${AUTH_MAIL_PORT:-1025} (AUTH_MAIL_HOST); no local mail catcher"
    return 0
  fi
  export AUTH_MAIL_HOST=127.0.0.1 AUTH_MAIL_PORT=$MAIL_SMTP_PORT
  if tcp_open 127.0.0.1 "$MAIL_SMTP_PORT"; then
    log "something already listens on 127.0.0.1:$MAIL_SMTP_PORT; mail goes there"
    MAIL_INBOX="(whatever listens on port $MAIL_SMTP_PORT)"
    return 0
  fi
  [[ $MODE == detach ]] && launcher=(nohup)
  if command -v mailpit >/dev/null 2>&1; then
    log "starting Mailpit (SMTP $MAIL_SMTP_PORT, inbox http://localhost:$MAIL_WEB_PORT/; log: $(log_file mail))"
    "${launcher[@]}" mailpit --smtp "127.0.0.1:$MAIL_SMTP_PORT" --listen "127.0.0.1:$MAIL_WEB_PORT" </dev/null >"$(log_file mail)" 2>&1 &
    MAIL_INBOX="http://localhost:$MAIL_WEB_PORT/ (Mailpit)"
  else
    jar="$ROOT/local-servers/target/greenmail-standalone.jar" # the build copies it there
    [[ -f $jar ]] || jar="$HOME/.m2/repository/com/icegreen/greenmail-standalone/$GREENMAIL_VERSION/greenmail-standalone-$GREENMAIL_VERSION.jar"
    if [[ ! -f $jar ]]; then
      log "fetching GreenMail $GREENMAIL_VERSION (a local SMTP server) from Maven Central"
      ./mvnw -B -q dependency:get -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" >/dev/null ||
        die "could not fetch GreenMail; install Mailpit, or set AUTH_MAIL_HOST to an SMTP server"
    fi
    log "starting GreenMail (SMTP $MAIL_SMTP_PORT, messages at http://localhost:$MAIL_WEB_PORT/api/user/<address>/messages/INBOX; log: $(log_file mail))"
    "${launcher[@]}" "$JAVA" -Xmx64m -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$MAIL_SMTP_PORT" \
      -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_WEB_PORT" -Dgreenmail.auth.disabled \
      -Dapp=mail -jar "$jar" </dev/null >"$(log_file mail)" 2>&1 &
    MAIL_INBOX="http://localhost:$MAIL_WEB_PORT/api/user/<address>/messages/INBOX (GreenMail)"
  fi
  PIDS[mail]=$!
  if [[ $MODE == detach ]]; then
    echo "${PIDS[mail]}" >"$(pid_file mail)"
  fi
}

start_servers
start_mail
start_service auth-service "$AUTH_PORT"
wait_healthy auth-service "$AUTH_PORT" || exit 1
start_service resource-service "$RESOURCE_PORT"
wait_healthy resource-service "$RESOURCE_PORT" || exit 1
start_demo

cat <<EOF

  auth-service      http://localhost:$AUTH_PORT   (health: http://localhost:$AUTH_PORT/health, JWKS: http://localhost:$AUTH_PORT/.well-known/jwks.json)
  resource-service  http://localhost:$RESOURCE_PORT   (health: http://localhost:$RESOURCE_PORT/health)
  demo app          http://localhost:$DEMO_PORT/   (sign in with code + PKCE through auth-service's hosted page)
  mail              $MAIL_INBOX
  logs              $RUN_DIR/

EOF

if [[ $MODE == detach ]]; then
  KEEP_RUNNING=1
  log "running in the background (PIDs: auth-service ${PIDS[auth-service]}, resource-service ${PIDS[resource-service]}, demo ${PIDS[demo]}${PIDS[servers]:+, local-servers ${PIDS[servers]}}); stop with: ./run-local.sh --stop"
  exit 0
fi

log "everything is up; press Ctrl-C to stop it"
# Stay in the foreground until Ctrl-C/TERM (trap) or until one of the services dies.
while alive "${PIDS[auth-service]}" && alive "${PIDS[resource-service]}" && alive "${PIDS[demo]}" &&
  { [[ -z ${PIDS[servers]:-} ]] || alive "${PIDS[servers]}"; }; do
  sleep 1
done
for name in "${SERVICES[@]}"; do
  if [[ -n ${PIDS[$name]:-} ]] && ! alive "${PIDS[$name]}"; then
    rc=0
    wait "${PIDS[$name]}" || rc=$?
    printf '[run-local] ERROR: %s exited unexpectedly (exit code %s); shutting down. Last log lines:\n' "$name" "$rc" >&2
    tail -n 20 "$(log_file "$name")" >&2 || true
  fi
done
exit 1
