# A real Kafka 4.1 broker (KRaft, one node) from Maven Central jars. Sourced by infra/tally.

KAFKA_DIR="$TALLY_HOME/kafka"
KAFKA_LIB="$KAFKA_DIR/lib"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_VERSION=4.1.1

kafka_pid() { local pid; pid=$(read_pid "$KAFKA_PID"); pid_runs "$pid" "$KAFKA_DIR/server.properties" && printf '%s' "$pid" || true; }

kafka_install() {
  [[ -f "$KAFKA_LIB/.version-$KAFKA_VERSION" ]] && return 0
  say "kafka: fetching broker $KAFKA_VERSION jars through Maven"
  rm -rf "$KAFKA_LIB"; mkdir -p "$KAFKA_LIB"
  mvnw -f "$TALLY_ROOT/infra/local/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$KAFKA_LIB" -DincludeScope=runtime >"$KAFKA_DIR/install.log" 2>&1 \
    || die "could not fetch the Kafka broker jars; see $KAFKA_DIR/install.log"
  touch "$KAFKA_LIB/.version-$KAFKA_VERSION"
}

KAFKA_JVM=(java -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j2.configurationFile="$TALLY_ROOT/infra/local/kafka/log4j2.properties" -cp "$KAFKA_LIB/*")

kafka_java() { "${KAFKA_JVM[@]}" "$@"; }

kafka_configure() {
  mkdir -p "$KAFKA_DIR/data"
  sed -e "s|@PORT@|$TALLY_KAFKA_PORT|g" -e "s|@CONTROLLER_PORT@|$TALLY_KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$KAFKA_DIR/data|g" \
      "$TALLY_ROOT/infra/local/kafka/server.properties.template" > "$KAFKA_DIR/server.properties"
  if [[ ! -f "$KAFKA_DIR/data/meta.properties" ]]; then
    local cluster_id
    cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid 2>>"$KAFKA_LOG") || die "kafka: cannot make a cluster id; see $KAFKA_LOG"
    kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_DIR/server.properties" \
      >>"$KAFKA_LOG" 2>&1 || die "kafka: formatting the storage failed; see $KAFKA_LOG"
  fi
}

kafka_start() {
  mkdir -p "$KAFKA_DIR"
  kafka_install
  if [[ -n $(kafka_pid) ]]; then
    say "kafka: up (pid $(kafka_pid), port $TALLY_KAFKA_PORT)"
    return 0
  fi
  require_free_port "$TALLY_KAFKA_PORT" TALLY_KAFKA_PORT kafka
  require_free_port "$TALLY_KAFKA_CONTROLLER_PORT" TALLY_KAFKA_CONTROLLER_PORT "kafka's controller"
  kafka_configure
  (exec setsid nohup "${KAFKA_JVM[@]}" kafka.Kafka "$KAFKA_DIR/server.properties" >>"$KAFKA_LOG" 2>&1 < /dev/null) &
  echo $! > "$KAFKA_PID"
  wait_until 60 kafka "$KAFKA_LOG" kafka_ready
  say "kafka: started (pid $(kafka_pid), port $TALLY_KAFKA_PORT)"
}

kafka_ready() {
  pid_alive "$(read_pid "$KAFKA_PID")" || die "kafka exited while starting; see its log: $KAFKA_LOG"
  port_open "$TALLY_KAFKA_PORT"
}

kafka_stop() { stop_pid "$KAFKA_PID" kafka; }

kafka_status() { status_line kafka "$(kafka_pid)" "$TALLY_KAFKA_PORT" "$KAFKA_DIR/data"; }
