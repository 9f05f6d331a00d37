# PostgreSQL 15 from Debian, on its own port and data folder. Sourced by infra/tally.

PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$TALLY_HOME/postgres"
PG_LOG="$PG_DIR/postgres.log"

# Root cannot run postgres: it runs as the 'postgres' user (created by the Debian package).
pg_as() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The postmaster's pid, only while that process really is this cluster's (a stale file is ignored).
pg_pid() {
  local pid
  pid=$(head -n1 "$TALLY_PG_DATA/postmaster.pid" 2>/dev/null | tr -dc '0-9')
  pid_runs "$pid" "$TALLY_PG_DATA" && printf '%s' "$pid" || true
}

pg_install() {
  [[ -x "$PG_BIN/postgres" ]] || apt_install postgresql-15 postgresql-client-15
}

# The data folder must be reachable by the postgres user; when the checkout sits where that user
# cannot go (e.g. under /root), the data moves to a folder of its own and local.env records it.
pg_prepare_data_dir() {
  mkdir -p "$PG_DIR"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$PG_DIR"
    if ! runuser -u postgres -- test -w "$PG_DIR"; then
      local fallback="/var/tmp/tally-postgres-$(printf '%s' "$TALLY_HOME" | sha256sum | cut -c1-10)"
      if [[ "$TALLY_PG_DATA" == "$PG_DIR/data" ]]; then
        warn "postgres cannot reach $PG_DIR; keeping its data in $fallback/data"
        export TALLY_PG_DATA="$fallback/data"
      fi
      mkdir -p "$(dirname "$TALLY_PG_DATA")"
      chown postgres: "$(dirname "$TALLY_PG_DATA")"
      PG_LOG="$(dirname "$TALLY_PG_DATA")/postgres.log"
    fi
  fi
  # pg_ctl appends to the log as the postgres user.
  touch "$PG_LOG"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$PG_LOG"
  return 0
}

pg_init() {
  [[ -f "$TALLY_PG_DATA/PG_VERSION" ]] && return 0
  say "postgres: creating a cluster in $TALLY_PG_DATA"
  local pwfile; pwfile=$(mktemp); chmod 644 "$pwfile"
  printf '%s\n' "$(random_secret)" > "$pwfile"
  pg_as "$PG_BIN/initdb" -D "$TALLY_PG_DATA" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >>"$PG_LOG" 2>&1 || { rm -f "$pwfile"; die "initdb failed; see $PG_LOG"; }
  rm -f "$pwfile"
  # Local settings. max_prepared_transactions > 0: Flink's exactly-once JDBC sink uses XA.
  pg_as tee -a "$TALLY_PG_DATA/postgresql.conf" >/dev/null <<CONF

# --- Tally local stack ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$(dirname "$TALLY_PG_DATA")'
max_connections = 200
max_prepared_transactions = 64
shared_buffers = 256MB
timezone = 'UTC'
log_timezone = 'UTC'
CONF
  # Only the postgres OS user may use the socket (peer); everyone else signs in over TCP with a password.
  pg_as sh -c "printf '%s\n' 'local all postgres peer' 'host all all 127.0.0.1/32 scram-sha-256' > '$TALLY_PG_DATA/pg_hba.conf'"
}

pg_start() {
  pg_install
  pg_prepare_data_dir
  pg_init
  if pid_alive "$(pg_pid)"; then
    say "postgres: up (pid $(pg_pid), port $TALLY_PG_PORT)"
  else
    require_free_port "$TALLY_PG_PORT" TALLY_PG_PORT postgres
    pg_as "$PG_BIN/pg_ctl" -D "$TALLY_PG_DATA" -l "$PG_LOG" -o "-p $TALLY_PG_PORT" -w -t 60 start >/dev/null 2>&1 \
      || die "postgres did not start; see its log: $PG_LOG"
    wait_until 30 postgres "$PG_LOG" port_open "$TALLY_PG_PORT"
    say "postgres: started (pid $(pg_pid), port $TALLY_PG_PORT)"
  fi
  pg_ensure_database
}

# The tally role and database; the password is set to the one in local.env every time.
pg_ensure_database() {
  local socket_dir; socket_dir=$(dirname "$TALLY_PG_DATA")
  pg_as "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$TALLY_PG_PORT" -U postgres -d postgres \
    -v user="$TALLY_PG_USER" -v password="$TALLY_PG_PASSWORD" -v db="$TALLY_PG_DATABASE" >>"$PG_LOG" 2>&1 <<'SQL' \
    || die "could not create the $TALLY_PG_DATABASE database; see $PG_LOG"
SELECT format('CREATE ROLE %I LOGIN', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
ALTER ROLE :"user" PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
}

pg_stop() {
  local pid; pid=$(pg_pid)
  if pid_alive "$pid"; then
    pg_as "$PG_BIN/pg_ctl" -D "$TALLY_PG_DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    say "postgres: stopped (pid $pid)"
  else
    say "postgres: not running"
  fi
}

pg_status() { status_line postgres "$(pg_pid)" "$TALLY_PG_PORT" "$TALLY_PG_DATA"; }
