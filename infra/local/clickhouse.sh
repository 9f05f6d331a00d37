# ClickHouse 18.16 from Debian, with Tally's own config and data folder. Sourced by infra/tally.

CH_DIR="$TALLY_HOME/clickhouse"
CH_PID="$CH_DIR/clickhouse.pid"
CH_LOG="$CH_DIR/log/clickhouse-server.err.log"
CH_SERVER=/usr/sbin/clickhouse-server

ch_pid() { local pid; pid=$(read_pid "$CH_PID"); pid_runs "$pid" "$CH_DIR/config.xml" && printf '%s' "$pid" || true; }

ch_install() {
  local missing=()
  [[ -x "$CH_SERVER" ]] || missing+=(clickhouse-server)
  command -v clickhouse-client >/dev/null || missing+=(clickhouse-client)
  (( ${#missing[@]} == 0 )) || apt_install "${missing[@]}"
}

sha256_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# Renders config.xml and users.xml from the templates with the ports and passwords in force.
ch_render_config() {
  mkdir -p "$CH_DIR"/{data,tmp,log,user_files,format_schemas}
  sed -e "s|@CH_DIR@|$CH_DIR|g" -e "s|@HTTP_PORT@|$TALLY_CH_HTTP_PORT|g" -e "s|@TCP_PORT@|$TALLY_CH_TCP_PORT|g" \
    "$TALLY_ROOT/infra/local/clickhouse/config.xml.template" > "$CH_DIR/config.xml"
  ( umask 077
    sed -e "s|@DEFAULT_PASSWORD_SHA256@|$(sha256_of "$TALLY_CH_DEFAULT_PASSWORD")|" \
        -e "s|@TALLY_PASSWORD_SHA256@|$(sha256_of "$TALLY_CH_PASSWORD")|" \
        -e "s|@ANALYST_PASSWORD_SHA256@|$(sha256_of "$TALLY_CH_ANALYST_PASSWORD")|" \
        -e "s|@DATABASE@|$TALLY_CH_DATABASE|" \
        -e "s|@WRITER_USER@|$TALLY_CH_USER|g" -e "s|@ANALYST_USER@|$TALLY_CH_ANALYST_USER|g" \
        "$TALLY_ROOT/infra/local/clickhouse/users.xml.template" > "$CH_DIR/users.xml" )
}

ch_ready() {
  pid_alive "$(read_pid "$CH_PID")" || die "clickhouse exited while starting; see its logs: $CH_LOG and $CH_DIR/log/stdout.log"
  [[ $(curl -s --max-time 2 "http://127.0.0.1:$TALLY_CH_HTTP_PORT/ping" 2>/dev/null) == "Ok." ]]
}

ch_start() {
  ch_install
  ch_render_config
  if [[ -n $(ch_pid) ]]; then
    say "clickhouse: up (pid $(ch_pid), http $TALLY_CH_HTTP_PORT, native $TALLY_CH_TCP_PORT)"
    return 0
  fi
  require_free_port "$TALLY_CH_HTTP_PORT" TALLY_CH_HTTP_PORT clickhouse
  require_free_port "$TALLY_CH_TCP_PORT" TALLY_CH_TCP_PORT clickhouse
  (cd "$CH_DIR" && exec setsid nohup "$CH_SERVER" --config-file="$CH_DIR/config.xml" \
      >"$CH_DIR/log/stdout.log" 2>&1 < /dev/null) &
  echo $! > "$CH_PID"
  wait_until 60 clickhouse "$CH_LOG" ch_ready
  say "clickhouse: started (pid $(ch_pid), http $TALLY_CH_HTTP_PORT, native $TALLY_CH_TCP_PORT)"
}

ch_stop() { stop_pid "$CH_PID" clickhouse; }

ch_status() { status_line clickhouse "$(ch_pid)" "$TALLY_CH_HTTP_PORT" "$CH_DIR/data"; }
