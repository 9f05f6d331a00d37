# A real Flink 2.0 standalone session cluster from Maven Central jars: one JobManager and two
# TaskManagers, each its own JVM (flink-dist is not on Maven Central; infra/local/flink/pom.xml lists
# the jars it would hold). Sourced by infra/tally.

FLINK_DIR="$TALLY_HOME/flink"
FLINK_LIB="$FLINK_DIR/lib"
FLINK_CONF="$FLINK_DIR/conf"
FLINK_LOGS="$FLINK_DIR/log"
FLINK_VERSION=2.0.2
# raised when infra/local/flink/pom.xml changes, so an installed lib folder is filled again
FLINK_LIB_REVISION=2
FLINK_TASK_MANAGERS=2
JM_MAIN=org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
TM_MAIN=org.apache.flink.runtime.taskexecutor.TaskManagerRunner

# Flink's env.java.opts.all for Java 17 (its config.yaml): the reflection its runtime and Kryo need.
FLINK_JAVA_OPTS=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

flink_rest_port() { printf '%s' "${TALLY_FLINK_REST_PORT:-18081}"; }
# The JobManager's RPC port, next to the REST port so one setting moves both.
flink_rpc_port() { printf '%s' $(( $(flink_rest_port) + 1 )); }
flink_url() { printf 'http://127.0.0.1:%s' "$(flink_rest_port)"; }

flink_jm_pid() { local pid; pid=$(read_pid "$FLINK_DIR/jobmanager.pid"); pid_runs "$pid" "$JM_MAIN" && printf '%s' "$pid" || true; }
flink_tm_pid() { local pid; pid=$(read_pid "$FLINK_DIR/taskmanager-$1.pid"); pid_runs "$pid" "$TM_MAIN" && printf '%s' "$pid" || true; }

flink_install() {
  mkdir -p "$FLINK_DIR"
  [[ -f "$FLINK_LIB/.version-$FLINK_VERSION-$FLINK_LIB_REVISION" ]] && return 0
  say "flink: fetching Flink $FLINK_VERSION jars through Maven"
  rm -rf "$FLINK_LIB"; mkdir -p "$FLINK_LIB"
  mvnw -f "$TALLY_ROOT/infra/local/flink/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$FLINK_LIB" -DincludeScope=runtime >"$FLINK_DIR/install.log" 2>&1 \
    || die "could not fetch the Flink jars; see $FLINK_DIR/install.log"
  touch "$FLINK_LIB/.version-$FLINK_VERSION-$FLINK_LIB_REVISION"
}

flink_configure() {
  mkdir -p "$FLINK_CONF" "$FLINK_LOGS"
  cp "$TALLY_ROOT/infra/local/flink/log4j2.properties" "$FLINK_CONF/log4j2.properties"
  cat > "$FLINK_CONF/config.yaml" <<CONF
# Written by infra/tally flink up.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $(flink_rpc_port)
jobmanager.bind-host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $(flink_rest_port)
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 768m
taskmanager.memory.process.size: 1600m
taskmanager.memory.managed.fraction: 0.05
taskmanager.numberOfTaskSlots: 2
parallelism.default: 2
# spread a job's slots over both TaskManagers (so losing either one is a failover the job sees)
taskmanager.load-balance.mode: SLOTS
heartbeat.interval: 2000
heartbeat.timeout: 10000
web.submit.enable: true
# every JVM's metrics for Prometheus: the JobManager and each TaskManager take the first free port of the range
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: ${TALLY_STREAM_METRICS_PORTS:-19249-19259}
CONF
}

# resource_params <GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS>: Flink's own memory calculation,
# two lines: the JVM flags, then the dynamic -D settings.
flink_resource_params() {
  java -cp "$FLINK_LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$FLINK_CONF" 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# flink_start_process <name> <GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS> <main class>: one
# cluster JVM in the background, with Flink's memory flags; pid file and log named after it.
flink_start_process() {
  local name=$1 params jvm dynamic
  params=$(flink_resource_params "$2") || die "flink: cannot compute the memory of $name; see $FLINK_CONF/config.yaml"
  jvm=$(sed -n 1p <<<"$params"); dynamic=$(sed -n 2p <<<"$params")
  # shellcheck disable=SC2086  # word splitting of Flink's flag lists is intended
  (exec setsid nohup java $jvm "${FLINK_JAVA_OPTS[@]}" -Dlog.file="$FLINK_LOGS/$name.log" \
      -Dlog4j.configurationFile="$FLINK_CONF/log4j2.properties" -cp "$FLINK_LIB/*" "$3" \
      --configDir "$FLINK_CONF" $dynamic >>"$FLINK_LOGS/$name.out" 2>&1 < /dev/null) &
  echo $! > "$FLINK_DIR/$name.pid"
}

flink_start_tm() { flink_start_process "taskmanager-$1" GET_TM_RESOURCE_PARAMS "$TM_MAIN"; }

flink_registered_tms() {
  curl -fsS "$(flink_url)/taskmanagers" 2>/dev/null | jq '.taskmanagers | length' 2>/dev/null || echo 0
}

flink_ready() {
  pid_alive "$(read_pid "$FLINK_DIR/jobmanager.pid")" || die "flink: the JobManager exited while starting; see $FLINK_LOGS/jobmanager.log"
  (( $(flink_registered_tms) >= FLINK_TASK_MANAGERS ))
}

flink_up() {
  flink_install
  if [[ -n $(flink_jm_pid) ]]; then
    local i
    for i in $(seq 1 "$FLINK_TASK_MANAGERS"); do
      [[ -n $(flink_tm_pid "$i") ]] || { say "flink: restarting taskmanager-$i"; flink_start_tm "$i"; }
    done
    wait_until 90 "flink's TaskManagers" "$FLINK_LOGS" flink_ready
    say "flink: up ($(flink_url), pid $(flink_jm_pid))"
    return 0
  fi
  require_free_port "$(flink_rest_port)" TALLY_FLINK_REST_PORT "flink's web UI"
  require_free_port "$(flink_rpc_port)" TALLY_FLINK_REST_PORT "flink's JobManager RPC (REST port + 1)"
  flink_configure
  flink_start_process jobmanager GET_JM_RESOURCE_PARAMS "$JM_MAIN"
  local i
  for i in $(seq 1 "$FLINK_TASK_MANAGERS"); do flink_start_tm "$i"; done
  wait_until 90 "flink (JobManager and $FLINK_TASK_MANAGERS TaskManagers)" "$FLINK_LOGS" flink_ready
  say "flink: started (web UI $(flink_url), JobManager pid $(flink_jm_pid), TaskManagers $(flink_tm_pid 1) $(flink_tm_pid 2))"
}

flink_down() {
  local i
  for i in $(seq 1 "$FLINK_TASK_MANAGERS"); do stop_pid "$FLINK_DIR/taskmanager-$i.pid" "flink taskmanager-$i"; done
  stop_pid "$FLINK_DIR/jobmanager.pid" "flink jobmanager"
}

flink_status() {
  status_line flink-jm "$(flink_jm_pid)" "$(flink_rest_port)" "$FLINK_LOGS/jobmanager.log"
  local i
  for i in $(seq 1 "$FLINK_TASK_MANAGERS"); do
    status_line "flink-tm-$i" "$(flink_tm_pid "$i")" - "$FLINK_LOGS/taskmanager-$i.log"
  done
  [[ -n $(flink_jm_pid) ]] && say "flink: $(flink_registered_tms) TaskManager(s) registered, web UI $(flink_url)"
  [[ -n $(flink_jm_pid) && -n $(flink_tm_pid 1) && -n $(flink_tm_pid 2) ]]
}
