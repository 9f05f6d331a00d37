# Common functions for infra/tally. Sourced, not run.
# Conventions: every service keeps its data, config, log and pid file under $TALLY_HOME/<service>/;
# functions print one line per fact and fail with `die "<what went wrong, what to do>"`.

TALLY_ROOT=${TALLY_ROOT:?}
TALLY_HOME=${TALLY_HOME:-$TALLY_ROOT/.tally}
LOCAL_ENV="$TALLY_HOME/local.env"

say()  { printf '%s\n' "$*"; }
warn() { printf 'tally: %s\n' "$*" >&2; }
die()  { printf 'tally: error: %s\n' "$*" >&2; exit 1; }
usage_error() { printf 'tally: %s\n' "$*" >&2; exit 2; }

# --- settings ---------------------------------------------------------------------------------
# Precedence for every setting: the environment, then $TALLY_HOME/local.env, then the default.
# The names are those of dev.tally.schemas.config.Setting, so Java and shell agree.
load_settings() {
  mkdir -p "$TALLY_HOME"
  local key value
  declare -gA LOCAL_ENV_VALUES=()
  if [[ -f "$LOCAL_ENV" ]]; then
    while IFS='=' read -r key value; do
      [[ -z "$key" || "$key" == \#* ]] && continue
      value=${value#\'}; value=${value%\'}
      LOCAL_ENV_VALUES[$key]=$value
      # the environment wins over the file
      [[ -z "${!key:-}" ]] && printf -v "$key" '%s' "$value" && export "$key"
    done < "$LOCAL_ENV"
  fi
  export TALLY_PG_HOST=${TALLY_PG_HOST:-127.0.0.1}
  export TALLY_PG_PORT=${TALLY_PG_PORT:-55432}
  export TALLY_PG_DATABASE=${TALLY_PG_DATABASE:-tally}
  export TALLY_PG_USER=${TALLY_PG_USER:-tally}
  export TALLY_PG_PASSWORD=${TALLY_PG_PASSWORD:-$(random_secret)}
  export TALLY_PG_DATA=${TALLY_PG_DATA:-$TALLY_HOME/postgres/data}
  export TALLY_CH_HOST=${TALLY_CH_HOST:-127.0.0.1}
  export TALLY_CH_HTTP_PORT=${TALLY_CH_HTTP_PORT:-18123}
  export TALLY_CH_TCP_PORT=${TALLY_CH_TCP_PORT:-19000}
  export TALLY_CH_DATABASE=${TALLY_CH_DATABASE:-tally}
  export TALLY_CH_USER=${TALLY_CH_USER:-tally}
  export TALLY_CH_PASSWORD=${TALLY_CH_PASSWORD:-$(random_secret)}
  export TALLY_CH_ANALYST_USER=${TALLY_CH_ANALYST_USER:-analyst}
  export TALLY_CH_ANALYST_PASSWORD=${TALLY_CH_ANALYST_PASSWORD:-$(random_secret)}
  export TALLY_CH_DEFAULT_PASSWORD=${TALLY_CH_DEFAULT_PASSWORD:-$(random_secret)}
  export TALLY_KAFKA_PORT=${TALLY_KAFKA_PORT:-19092}
  export TALLY_KAFKA_CONTROLLER_PORT=${TALLY_KAFKA_CONTROLLER_PORT:-19093}
  # The launcher runs a local broker, so its address always follows the port in force.
  export TALLY_KAFKA_BOOTSTRAP=127.0.0.1:$TALLY_KAFKA_PORT
  export TALLY_KAFKA_EVENTS_TOPIC=${TALLY_KAFKA_EVENTS_TOPIC:-tally.events}
  export TALLY_KAFKA_DLQ_TOPIC=${TALLY_KAFKA_DLQ_TOPIC:-tally.events.dlq}
  export TALLY_KAFKA_PARTITIONS=${TALLY_KAFKA_PARTITIONS:-4}
  export TALLY_FLINK_REST_PORT=${TALLY_FLINK_REST_PORT:-18081}
  local port
  for port in TALLY_PG_PORT TALLY_CH_HTTP_PORT TALLY_CH_TCP_PORT TALLY_KAFKA_PORT TALLY_KAFKA_CONTROLLER_PORT TALLY_FLINK_REST_PORT; do
    [[ "${!port}" =~ ^[0-9]+$ ]] && (( ${!port} >= 1 && ${!port} <= 65535 )) \
      || usage_error "$port must be a port number from 1 to 65535, was '${!port}'"
  done
}

# Writes the servers' settings in force (TALLY_PG_*, TALLY_CH_*, TALLY_KAFKA_*, the Flink REST port)
# to local.env (mode 600), so later commands, tests and other shells reach the same servers with the
# same generated credentials. Any other setting stays as the file had it: one command run with, say,
# TALLY_STREAM_STATE_BACKEND=rocksdb in its environment does not change the next ones. Never
# committed (.tally is ignored).
save_settings() {
  local tmp="$LOCAL_ENV.tmp" name
  ( umask 077
    {
      echo "# Written by infra/tally up; credentials generated on first run. Environment variables override these."
      for name in $(compgen -v TALLY_ | sort); do
        case $name in
          TALLY_ROOT|TALLY_HOME) ;;
          TALLY_PG_*|TALLY_CH_*|TALLY_KAFKA_*|TALLY_FLINK_REST_PORT) printf "%s='%s'\n" "$name" "${!name}" ;;
          *) if [[ -v "LOCAL_ENV_VALUES[$name]" ]]; then printf "%s='%s'\n" "$name" "${LOCAL_ENV_VALUES[$name]}"; fi ;;
        esac
      done
    } > "$tmp" )
  mv "$tmp" "$LOCAL_ENV"
}

random_secret() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# --- processes and ports ----------------------------------------------------------------------
# Alive at all: a process just started may still be the launcher's subshell, not yet exec'd into the
# server, so "exited while starting" is decided on this, and readiness on the service answering.
pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

read_pid() { [[ -f "$1" ]] && tr -dc '0-9' < "$1" || true; }

# pid_runs <pid> <text>: the process is alive and its command line contains <text> (a pid file left
# by a crash may name a pid that now belongs to something else).
pid_runs() {
  pid_alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Who listens on a port, as "pid name", or nothing.
port_owner() {
  ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 | while read -r p; do
    printf '%s %s' "$p" "$(cat "/proc/$p/comm" 2>/dev/null)"
  done
}

# Fails with a clear message when something other than pid $2 (and its children) holds port $1.
require_free_port() {
  local port=$1 variable=$2 service=$3
  if port_open "$port"; then
    local owner; owner=$(port_owner "$port")
    die "port $port, needed by $service, is taken${owner:+ by pid ${owner% *} (${owner#* })}; stop that process or set $variable to a free port"
  fi
}

# wait_until <seconds> <description> <log file> <command...>
wait_until() {
  local timeout=$1 what=$2 log=$3; shift 3
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    if (( SECONDS >= deadline )); then
      die "$what did not come up within ${timeout}s; see its log: $log"
    fi
    sleep 0.3
  done
}

# Sends TERM to a pid, waits, then KILL; removes the pid file.
stop_pid() {
  local pid_file=$1 what=$2 pid
  pid=$(read_pid "$pid_file")
  if pid_alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while pid_alive "$pid" && (( SECONDS < deadline )); do sleep 0.2; done
    if pid_alive "$pid"; then
      warn "$what (pid $pid) did not stop in 30s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
    say "$what: stopped (pid $pid)"
  else
    say "$what: not running"
  fi
  rm -f "$pid_file"
}

# status_line <service> <pid or empty> <port> <data folder>
status_line() {
  local state=down
  pid_alive "$2" && state=up
  printf '%-11s %-5s port %-6s pid %-8s data %s\n' "$1" "$state" "$3" "${2:--}" "$4"
}

# --- installing -------------------------------------------------------------------------------
APT_UPDATED=
apt_install() {
  local missing=("$@")
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    die "missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})"
  fi
  local sudo=; [[ $(id -u) -ne 0 ]] && sudo=sudo
  say "installing Debian packages: ${missing[*]}"
  if [[ -z "$APT_UPDATED" ]]; then
    $sudo apt-get update -qq >"$TALLY_HOME/apt.log" 2>&1 || die "apt-get update failed; see $TALLY_HOME/apt.log"
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >>"$TALLY_HOME/apt.log" 2>&1 \
    || die "could not install ${missing[*]}; see $TALLY_HOME/apt.log"
}

# What the browser tests and the deployment check need: Debian's Chromium and its chromedriver (the dashboard's test drives it with
# Selenium), and Segment's browser library from npm
# (ingest/src/test/browser, as its package-lock.json pins it).
ensure_browser_tests() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # infra/deploy/validate.sh (DeployExamplesIT): systemd-analyze and PyYAML
  command -v systemd-analyze >/dev/null || missing+=(systemd)
  python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  command -v npm >/dev/null || missing+=(nodejs npm)
  [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
  local dir="$TALLY_ROOT/ingest/src/test/browser"
  if [[ ! -d "$dir/node_modules/@segment/analytics-next" ]]; then
    say "installing the browser tests' npm packages"
    (cd "$dir" && npm ci --no-audit --no-fund >"$TALLY_HOME/npm.log" 2>&1) || die "npm ci failed; see $TALLY_HOME/npm.log"
  fi
}

# --- the Java side ----------------------------------------------------------------------------
SCHEMAS_JAR="$TALLY_ROOT/schemas/target/schemas-0.1.0-SNAPSHOT.jar"

mvnw() { "$TALLY_ROOT/mvnw" -B -q "$@"; }

BATCH_JAR="$TALLY_ROOT/batch-jobs/target/batch-jobs-0.1.0-SNAPSHOT.jar"

# ensure_built <module> [source folder...]: builds the module (mvn package, with the modules it needs)
# unless it was built after every change to its main sources, schemas' and the parent pom (and any
# other source folder given: what the benchmark embeds). target/.built marks a finished build, so a
# half-written jar or a `mvn clean` means a new build. One build log: $TALLY_HOME/build.log.
ensure_built() {
  local module=$1; shift
  local marker="$TALLY_ROOT/$module/target/.built" sources=() dir
  for dir in "$module/src/main" "$module/pom.xml" schemas/src/main schemas/pom.xml pom.xml "$@"; do
    sources+=("$TALLY_ROOT/$dir")
  done
  if [[ ! -f "$marker" || -n $(find "${sources[@]}" -newer "$marker" -print -quit) ]]; then
    say "building $module" >&2
    (cd "$TALLY_ROOT" && mvnw -pl "$module" -am package -DskipTests) >"$TALLY_HOME/build.log" 2>&1 \
      || die "building $module failed; see $TALLY_HOME/build.log"
    touch "$marker"
  fi
}

run_setup() {
  ensure_built schemas
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ru.yandex.clickhouse.ClickHouseDriver=error \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -cp "$SCHEMAS_JAR:$TALLY_ROOT/schemas/target/lib/*" \
    dev.tally.schemas.setup.SetupCommand "$@"
}
