# The collector (ingest module) as a background process, like the servers. Sourced by infra/tally.

INGEST_DIR="$TALLY_HOME/ingest"
INGEST_PID="$INGEST_DIR/ingest.pid"
INGEST_LOG="$INGEST_DIR/ingest.log"
INGEST_JAR="$TALLY_ROOT/ingest/target/ingest-0.1.0-SNAPSHOT.jar"
INGEST_MAIN=dev.tally.ingest.IngestCommand

ingest_pid() { local pid; pid=$(read_pid "$INGEST_PID"); pid_runs "$pid" "$INGEST_MAIN" && printf '%s' "$pid" || true; }

# run_ingest <args...>: a subcommand of the ingest process in the foreground (keys, generate, replay).
run_ingest() {
  mkdir -p "$INGEST_DIR"
  ensure_built ingest
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
    -cp "$INGEST_JAR:$TALLY_ROOT/ingest/target/lib/*" "$INGEST_MAIN" "$@"
}

ingest_port() { printf '%s' "${TALLY_INGEST_PORT:-8088}"; }

# The collector's JVM: a fixed heap (no resizing under load), G1 aiming at 20 ms pauses (its default aims
# at 200), and a GC log beside the collector's log, so a latency spike can be matched with a pause.
ingest_java_options() {
  printf '%s\n' -Xms512m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    "-Xlog:gc:file=$INGEST_DIR/gc.log:time,uptime:filecount=3,filesize=10m"
}

ingest_ready() {
  pid_alive "$(read_pid "$INGEST_PID")" || die "the collector exited while starting; see its log: $INGEST_LOG"
  curl -fsS -o /dev/null "http://127.0.0.1:$(ingest_port)/healthz" 2>/dev/null
}

ingest_start() {
  mkdir -p "$INGEST_DIR"
  ensure_built ingest
  if [[ -n $(ingest_pid) ]]; then
    say "ingest: up (pid $(ingest_pid), port $(ingest_port))"
    return 0
  fi
  require_free_port "$(ingest_port)" TALLY_INGEST_PORT ingest
  local options; mapfile -t options < <(ingest_java_options)
  (exec setsid nohup java "${options[@]}" -Dorg.slf4j.simpleLogger.showDateTime=true \
      -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn -Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn \
      -cp "$INGEST_JAR:$TALLY_ROOT/ingest/target/lib/*" "$INGEST_MAIN" serve >>"$INGEST_LOG" 2>&1 < /dev/null) &
  echo $! > "$INGEST_PID"
  wait_until 60 ingest "$INGEST_LOG" ingest_ready
  say "ingest: started (pid $(ingest_pid), http://${TALLY_INGEST_HOST:-127.0.0.1}:$(ingest_port), log $INGEST_LOG)"
}

# TERM makes the collector drain requests in flight before it exits (up to TALLY_INGEST_DRAIN_SECONDS).
ingest_stop() { stop_pid "$INGEST_PID" ingest; }

ingest_status() { status_line ingest "$(ingest_pid)" "$(ingest_port)" "$INGEST_LOG"; }
