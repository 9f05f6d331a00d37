# The analysts' dashboard (infra/dashboard) as a background process on 127.0.0.1, like the collector.
# Sourced by infra/tally.

DASHBOARD_DIR="$TALLY_HOME/dashboard"
DASHBOARD_PID="$DASHBOARD_DIR/dashboard.pid"
DASHBOARD_LOG="$DASHBOARD_DIR/dashboard.log"
DASHBOARD_JAR="$TALLY_ROOT/infra/dashboard/target/dashboard-0.1.0-SNAPSHOT.jar"
DASHBOARD_MAIN=dev.tally.dashboard.DashboardCommand

dashboard_port() { printf '%s' "${TALLY_DASHBOARD_PORT:-18090}"; }
dashboard_url() { printf 'http://127.0.0.1:%s/' "$(dashboard_port)"; }
dashboard_pid() { local pid; pid=$(read_pid "$DASHBOARD_PID"); pid_runs "$pid" "$DASHBOARD_MAIN" && printf '%s' "$pid" || true; }

dashboard_ready() {
  pid_alive "$(read_pid "$DASHBOARD_PID")" || die "the dashboard exited while starting; see its log: $DASHBOARD_LOG"
  curl -fsS -o /dev/null "$(dashboard_url)healthz" 2>/dev/null
}

dashboard_start() {
  mkdir -p "$DASHBOARD_DIR"
  ensure_built infra/dashboard
  if [[ -n $(dashboard_pid) ]]; then
    say "dashboard: up (pid $(dashboard_pid), $(dashboard_url))"
    return 0
  fi
  require_free_port "$(dashboard_port)" TALLY_DASHBOARD_PORT dashboard
  (exec setsid nohup java -Xmx256m -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn \
      -cp "$DASHBOARD_JAR:$TALLY_ROOT/infra/dashboard/target/lib/*" "$DASHBOARD_MAIN" >>"$DASHBOARD_LOG" 2>&1 < /dev/null) &
  echo $! > "$DASHBOARD_PID"
  wait_until 60 dashboard "$DASHBOARD_LOG" dashboard_ready
  say "dashboard: started (pid $(dashboard_pid), $(dashboard_url), log $DASHBOARD_LOG)"
}

dashboard_stop() { stop_pid "$DASHBOARD_PID" dashboard; }

dashboard_status() { status_line dashboard "$(dashboard_pid)" "$(dashboard_port)" "$DASHBOARD_LOG"; }
