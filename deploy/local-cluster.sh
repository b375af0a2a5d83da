#!/usr/bin/env bash
# The docker-compose topology as local processes on loopback: redis, silos, gateways and nginx
# round-robin in front of the gateways (no stickiness). See docs/operations.md.
#
#   deploy/local-cluster.sh up           start whatever part is not running, wait until each is ready
#   deploy/local-cluster.sh status       every part with its pid, port and state (exit 1 unless all ready)
#   deploy/local-cluster.sh kill-silo N  SIGKILL silo N (no graceful stop: a crash)
#   deploy/local-cluster.sh down         stop everything: SIGTERM, then SIGKILL after a bound
#
# Settings (environment; give the same values to every command of one cluster):
#   SOLARA_LOCAL_CLUSTER_DIR        run directory: pid files, logs, secrets (default deploy/.run)
#   SOLARA_LOCAL_CLUSTER_BASE_PORT  if set: redis on BASE, silos on BASE+1.., gateways after the
#                                   silos, nginx last; otherwise redis 6390, silos 9101..,
#                                   gateways 9201.., nginx 8080
#   SOLARA_LOCAL_CLUSTER_REDIS_PORT, _SILO_PORT, _GATEWAY_PORT, _NGINX_PORT  single overrides
#                                   (_SILO_PORT and _GATEWAY_PORT are the first of consecutive ports)
#   SOLARA_LOCAL_CLUSTER_SILOS, SOLARA_LOCAL_CLUSTER_GATEWAYS  how many (default 2 each)
#   SOLARA_LOCAL_CLUSTER_CONFIGURATION  Release (default) or Debug: which build to run
#   SOLARA_LOCAL_CLUSTER_BUILD      auto (default: build when a dll is missing or older than a
#                                   source), always, or never (fail if a dll is missing)
#   SOLARA_LOCAL_CLUSTER_READY_TIMEOUT  seconds each part may take to become ready (default 90)
#   SOLARA_LOCAL_CLUSTER_STOP_TIMEOUT   seconds `down` waits after SIGTERM before SIGKILL (default 20)
# Cluster and state settings (SOLARA_CLUSTER_*, SOLARA_STATE_*, ...) are read from the run
# directory's `env` file, which `up` creates with fresh secrets if it is absent; edit it to tune.
set -euo pipefail

readonly ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly RUN="$(mkdir -p "${SOLARA_LOCAL_CLUSTER_DIR:-$ROOT/deploy/.run}" && cd "${SOLARA_LOCAL_CLUSTER_DIR:-$ROOT/deploy/.run}" && pwd)"
readonly LOGS="$RUN/logs"
readonly NGINX=/usr/sbin/nginx

die() { echo "local-cluster: $*" >&2; exit 1; }

positive_int() { # name value
  [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "$1='$2' is not a positive whole number"
  echo "$2"
}

readonly SILOS="$(positive_int SOLARA_LOCAL_CLUSTER_SILOS "${SOLARA_LOCAL_CLUSTER_SILOS:-2}")"
readonly GATEWAYS="$(positive_int SOLARA_LOCAL_CLUSTER_GATEWAYS "${SOLARA_LOCAL_CLUSTER_GATEWAYS:-2}")"
readonly READY_TIMEOUT="$(positive_int SOLARA_LOCAL_CLUSTER_READY_TIMEOUT "${SOLARA_LOCAL_CLUSTER_READY_TIMEOUT:-90}")"
readonly STOP_TIMEOUT="$(positive_int SOLARA_LOCAL_CLUSTER_STOP_TIMEOUT "${SOLARA_LOCAL_CLUSTER_STOP_TIMEOUT:-20}")"
readonly CONFIGURATION="${SOLARA_LOCAL_CLUSTER_CONFIGURATION:-Release}"
[[ "$CONFIGURATION" == Release || "$CONFIGURATION" == Debug ]] ||
  die "SOLARA_LOCAL_CLUSTER_CONFIGURATION='$CONFIGURATION' must be Release or Debug"
readonly BUILD="${SOLARA_LOCAL_CLUSTER_BUILD:-auto}"
[[ "$BUILD" =~ ^(auto|always|never)$ ]] || die "SOLARA_LOCAL_CLUSTER_BUILD='$BUILD' must be auto, always or never"

if [[ -n "${SOLARA_LOCAL_CLUSTER_BASE_PORT:-}" ]]; then
  base="$(positive_int SOLARA_LOCAL_CLUSTER_BASE_PORT "$SOLARA_LOCAL_CLUSTER_BASE_PORT")"
  default_redis=$base; default_silo=$((base + 1)); default_gateway=$((base + 1 + SILOS)); default_nginx=$((base + 1 + SILOS + GATEWAYS))
else
  default_redis=6390; default_silo=9101; default_gateway=9201; default_nginx=8080
fi
readonly REDIS_PORT="$(positive_int SOLARA_LOCAL_CLUSTER_REDIS_PORT "${SOLARA_LOCAL_CLUSTER_REDIS_PORT:-$default_redis}")"
readonly SILO_PORT="$(positive_int SOLARA_LOCAL_CLUSTER_SILO_PORT "${SOLARA_LOCAL_CLUSTER_SILO_PORT:-$default_silo}")"
readonly GATEWAY_PORT="$(positive_int SOLARA_LOCAL_CLUSTER_GATEWAY_PORT "${SOLARA_LOCAL_CLUSTER_GATEWAY_PORT:-$default_gateway}")"
readonly NGINX_PORT="$(positive_int SOLARA_LOCAL_CLUSTER_NGINX_PORT "${SOLARA_LOCAL_CLUSTER_NGINX_PORT:-$default_nginx}")"

readonly SILO_DLL="$ROOT/Silo/bin/$CONFIGURATION/net10.0/Solara.Orleans.Silo.dll"
readonly GATEWAY_DLL="$ROOT/Gateway/bin/$CONFIGURATION/net10.0/Solara.Orleans.Gateway.dll"

# ---- parts -------------------------------------------------------------------------------
# A part is a name (redis, silo1.., gateway1.., nginx) with a port, a pid file and a log.

parts() {
  echo redis
  for ((i = 1; i <= SILOS; i++)); do echo "silo$i"; done
  for ((i = 1; i <= GATEWAYS; i++)); do echo "gateway$i"; done
  echo nginx
}

port_of() {
  case "$1" in
    redis) echo "$REDIS_PORT" ;;
    silo*) echo $((SILO_PORT + ${1#silo} - 1)) ;;
    gateway*) echo $((GATEWAY_PORT + ${1#gateway} - 1)) ;;
    nginx) echo "$NGINX_PORT" ;;
  esac
}

pid_file() { echo "$RUN/$1.pid"; }

# A process that exists and is not a zombie (a killed part stays a zombie until init reaps it).
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ "${stat##*) }" != Z* ]]
}
log_file() { echo "$LOGS/$1.log"; }

# The pid of a running part, or nothing. A pid file whose process is gone, or whose pid was reused
# by an unrelated program, counts as not running.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 0
  pid="$(<"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(command_marker "$1")" || return 0
  echo "$pid"
}

# A string the part's command line contains (to recognise a reused pid).
command_marker() {
  case "$1" in
    redis) echo "redis-server 127.0.0.1:$(port_of redis)" ;;
    silo*) echo "Solara.Orleans.Silo.dll --role silo --port $(port_of "$1")" ;;
    gateway*) echo "Solara.Orleans.Gateway.dll --port $(port_of "$1")" ;;
    nginx) echo "nginx -p $RUN/nginx" ;;
  esac
}

ready() {
  local port
  port="$(port_of "$1")"
  case "$1" in
    redis) [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]] ;;
    *) curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null ;;
  esac
}

# ---- build and settings ------------------------------------------------------------------

# Sources whose change makes the Silo or Gateway dll stale.
newer_source() { # reference-file
  find "$ROOT/Grains.Abstractions" "$ROOT/Solara" "$ROOT/Grains" "$ROOT/Cluster" "$ROOT/Silo" "$ROOT/Gateway" \
    "$ROOT/Samples" "$ROOT/Client/src" "$ROOT/Client/package-lock.json" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" \
    \( -name bin -o -name obj -o -name node_modules \) -prune -o -type f -newer "$1" -print -quit
}

build_if_needed() {
  local stamp="$RUN/build-$CONFIGURATION.stamp" reason=""
  if [[ ! -f "$SILO_DLL" || ! -f "$GATEWAY_DLL" ]]; then
    reason="$([[ -f "$SILO_DLL" ]] && echo "$GATEWAY_DLL" || echo "$SILO_DLL") is missing"
  elif [[ "$BUILD" == always ]]; then
    reason="SOLARA_LOCAL_CLUSTER_BUILD=always"
  elif [[ "$BUILD" == auto ]]; then
    local reference="$stamp"
    [[ -f "$stamp" ]] || reference="$SILO_DLL"
    local changed
    changed="$(newer_source "$reference")"
    [[ -z "$changed" ]] || reason="${changed#"$ROOT/"} changed"
  fi
  [[ -n "$reason" ]] || return 0
  [[ "$BUILD" != never ]] || die "$reason; build with: dotnet build -c $CONFIGURATION Solara.Orleans.sln (SOLARA_LOCAL_CLUSTER_BUILD=never)"
  echo "building ($reason): dotnet build -c $CONFIGURATION, log $LOGS/build.log"
  if ! (cd "$ROOT" && dotnet build -c "$CONFIGURATION" Silo/Silo.csproj && dotnet build -c "$CONFIGURATION" Gateway/Gateway.csproj) >"$LOGS/build.log" 2>&1; then
    tail -n 30 "$LOGS/build.log" >&2
    die "the build failed; full log: $LOGS/build.log"
  fi
  [[ -f "$SILO_DLL" && -f "$GATEWAY_DLL" ]] || die "the build succeeded but $SILO_DLL or $GATEWAY_DLL is missing"
  touch "$stamp"
}

random_secret() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }

# The run directory's env file: fresh secrets once, then whatever the operator puts there.
ensure_env_file() {
  [[ -f "$RUN/env" ]] && return 0
  umask 077
  cat >"$RUN/env" <<EOF
# Settings of every silo and gateway started by deploy/local-cluster.sh (generated once; edit freely).
SOLARA_CLUSTER_SECRET=$(random_secret)
SOLARA_STATE_SECRET_KEYS=$(random_secret)
SOLARA_STATE_BACKEND=redis
SOLARA_SESSION_HTTP_ONLY=true
EOF
  echo "wrote fresh secrets to $RUN/env"
}

# Starts a part in the background, detached from this shell (own session, no terminal, output to
# its log), and records its pid.
launch() { # part command...
  local part="$1"; shift
  echo "--- $(date -u +%FT%TZ) starting: $*" >>"$(log_file "$part")"
  (
    cd "$RUN"
    set -a
    # shellcheck disable=SC1091
    source "$RUN/env"
    set +a
    export SOLARA_CLUSTER_URL="${SOLARA_CLUSTER_URL:-redis://127.0.0.1:$REDIS_PORT/0}"
    export SOLARA_STATE_URL="${SOLARA_STATE_URL:-redis://127.0.0.1:$REDIS_PORT/0}"
    export SOLARA_CLUSTER_ADVERTISE="http://127.0.0.1:$(port_of "$part")"
    exec setsid "$@" </dev/null >>"$(log_file "$part")" 2>&1
  ) &
  echo $! >"$(pid_file "$part")"
}

start_part() {
  local part="$1" port
  port="$(port_of "$part")"
  # Something else on the port would answer the readiness probe in the part's place.
  if [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]]; then
    die "cannot start $part: port $port is already in use by another program (choose other ports with SOLARA_LOCAL_CLUSTER_BASE_PORT)"
  fi
  case "$part" in
    redis)
      # A recovery cache and the membership table: noeviction, never LRU. No persistence here
      # (a local cluster starts clean); see docs/operations.md for production (AOF).
      launch redis redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
        --maxmemory-policy noeviction --dir "$RUN" --logfile "" ;;
    silo*) launch "$part" dotnet "$SILO_DLL" --role silo --port "$port" ;;
    gateway*) launch "$part" dotnet "$GATEWAY_DLL" --port "$port" ;;
    nginx)
      render_nginx_conf
      "$NGINX" -t -q -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -e "$LOGS/nginx-error.log" >>"$(log_file nginx)" 2>&1 ||
        die "nginx rejected $RUN/nginx/nginx.conf; see $(log_file nginx)"
      launch nginx "$NGINX" -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -e "$LOGS/nginx-error.log" ;;
  esac
}

render_nginx_conf() {
  local servers="" i
  for ((i = 1; i <= GATEWAYS; i++)); do
    servers+="        server 127.0.0.1:$(port_of "gateway$i") max_fails=1 fail_timeout=5s;"$'\n'
  done
  mkdir -p "$RUN/nginx"
  local template
  template="$(<"$ROOT/deploy/nginx/local-cluster.conf.template")"
  template="${template//@RUN@/$RUN}"
  template="${template//@NGINX_PORT@/$NGINX_PORT}"
  template="${template//@PROXY_CONF@/$ROOT/deploy/nginx/solara-proxy.conf}"
  template="${template//@UPSTREAM_SERVERS@/${servers%$'\n'}}"
  printf '%s\n' "$template" >"$RUN/nginx/nginx.conf"
}

wait_ready() {
  local part="$1" pid deadline=$((SECONDS + READY_TIMEOUT))
  pid="$(<"$(pid_file "$part")")"
  until ready "$part"; do
    if ! alive "$pid"; then
      local code
      wait "$pid" 2>/dev/null && code=0 || code=$?
      rm -f "$(pid_file "$part")"
      tail -n 20 "$(log_file "$part")" >&2
      die "$part exited with code $code before it was ready ($(exit_meaning "$code")); log: $(log_file "$part")"
    fi
    ((SECONDS < deadline)) || die "$part (pid $pid) was not ready on port $(port_of "$part") within ${READY_TIMEOUT}s; log: $(log_file "$part")"
    sleep 0.2
  done
}

exit_meaning() {
  case "$1" in
    2) echo "misconfiguration: the log names the setting" ;;
    3) echo "declared dead or lease lost: start it again" ;;
    *) echo "see the log" ;;
  esac
}

# ---- commands ----------------------------------------------------------------------------

cmd_up() {
  command -v redis-server >/dev/null || die "redis-server is not installed (apt-get install redis-server)"
  [[ -x "$NGINX" ]] || die "$NGINX is not installed (apt-get install nginx)"
  command -v curl >/dev/null || die "curl is not installed (apt-get install curl): it probes /readyz"
  mkdir -p "$LOGS"
  ensure_env_file
  build_if_needed
  local part started=()
  # In dependency order, each ready before the next starts: silos need redis, nginx needs gateways.
  for part in $(parts); do
    if [[ -n "$(running_pid "$part")" ]]; then
      continue
    fi
    start_part "$part"
    wait_ready "$part"
    started+=("$part")
  done
  if ((${#started[@]} == 0)); then
    echo "already up: http://127.0.0.1:$NGINX_PORT/"
  else
    echo "started ${started[*]}: http://127.0.0.1:$NGINX_PORT/"
  fi
}

cmd_status() {
  local part pid state all_ready=0
  printf '%-10s %-8s %-6s %s\n' PART PID PORT STATE
  for part in $(parts); do
    pid="$(running_pid "$part")"
    if [[ -z "$pid" ]]; then
      state=stopped; pid=-; all_ready=1
    elif ready "$part"; then
      state=ready
    else
      state="running, not ready"; all_ready=1
    fi
    printf '%-10s %-8s %-6s %s\n' "$part" "$pid" "$(port_of "$part")" "$state"
  done
  return "$all_ready"
}

cmd_kill_silo() {
  local n="${1:-}"
  [[ "$n" =~ ^[1-9][0-9]*$ ]] && ((n <= SILOS)) || die "kill-silo needs a silo number from 1 to $SILOS, got '${n}'"
  local pid
  pid="$(running_pid "silo$n")"
  [[ -n "$pid" ]] || die "silo$n is not running"
  kill -KILL "$pid"
  while alive "$pid"; do sleep 0.05; done
  rm -f "$(pid_file "silo$n")"
  echo "silo$n (pid $pid) killed with SIGKILL"
}

# SIGTERM to a group of parts at once, then SIGKILL to whatever is left after the bound.
stop_parts() {
  local part pid pids=() names=()
  for part in "$@"; do
    pid="$(running_pid "$part")"
    [[ -n "$pid" ]] || { rm -f "$(pid_file "$part")"; continue; }
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid"); names+=("$part")
  done
  local deadline=$((SECONDS + STOP_TIMEOUT)) i
  for i in "${!pids[@]}"; do
    while alive "${pids[$i]}" && ((SECONDS < deadline)); do sleep 0.1; done
    if alive "${pids[$i]}"; then
      echo "${names[$i]} (pid ${pids[$i]}) still running ${STOP_TIMEOUT}s after SIGTERM: SIGKILL" >&2
      kill -KILL "${pids[$i]}" 2>/dev/null || true
      while alive "${pids[$i]}"; do sleep 0.05; done
    fi
    rm -f "$(pid_file "${names[$i]}")"
    echo "stopped ${names[$i]}"
  done
}

cmd_down() {
  local silos=() gateways=() i
  for ((i = 1; i <= SILOS; i++)); do silos+=("silo$i"); done
  for ((i = 1; i <= GATEWAYS; i++)); do gateways+=("gateway$i"); done
  # Front to back: no new traffic, then gateways, then silos (they flush to redis), then redis.
  stop_parts nginx
  stop_parts "${gateways[@]}"
  stop_parts "${silos[@]}"
  stop_parts redis
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  kill-silo) cmd_kill_silo "${2:-}" ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 64 ;;
esac
