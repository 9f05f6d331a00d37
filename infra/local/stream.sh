# The stream jobs (stream-jobs module): in a local MiniCluster in the background (default), or
# submitted to the standalone cluster of flink.sh (--cluster). Sourced by infra/tally after flink.sh.

STREAM_DIR="$TALLY_HOME/stream"
STREAM_PID="$STREAM_DIR/stream.pid"
STREAM_LOG="$STREAM_DIR/stream.log"
STREAM_MODE="$STREAM_DIR/mode"
STREAM_JAR="$TALLY_ROOT/stream-jobs/target/stream-jobs-0.1.0-SNAPSHOT.jar"
STREAM_JOB_JAR="$TALLY_ROOT/stream-jobs/target/stream-jobs-0.1.0-SNAPSHOT-job.jar"
STREAM_MAIN=dev.tally.stream.TallyStream
STREAM_JOB_NAME=tally-stream

stream_pid() { local pid; pid=$(read_pid "$STREAM_PID"); pid_runs "$pid" "$STREAM_MAIN" && printf '%s' "$pid" || true; }

stream_checkpoint_dir() {
  local dir=${TALLY_STREAM_CHECKPOINT_DIR:-stream/checkpoints}
  [[ "$dir" == /* ]] || dir="$TALLY_HOME/$dir"
  printf '%s' "$dir"
}

# The stream command line with Flink on the classpath (a local MiniCluster). 1.5 GB of heap: the
# deduplication ids of a 6-minute horizon at 100k events/s are about 0.9 GB while a checkpoint is written.
STREAM_JVM=(java -Xms256m -Xmx1536m -XX:+UseG1GC "${FLINK_JAVA_OPTS[@]}" -Dorg.slf4j.simpleLogger.showDateTime=true
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics=error
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.webmonitor=error
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.security=error
  -Dorg.slf4j.simpleLogger.log.ru.yandex.clickhouse.ClickHouseDriver=error
  -cp "$STREAM_JAR:$TALLY_ROOT/stream-jobs/target/lib/*" "$STREAM_MAIN")

stream_java() { "${STREAM_JVM[@]}" "$@"; }

# The id of the running (or restarting) stream job on the REST API, or nothing.
stream_job_id() {
  curl -fsS --max-time 5 "$(flink_url)/jobs/overview" 2>/dev/null | jq -r --arg name "$STREAM_JOB_NAME" \
    '[.jobs[] | select(.name == $name and (.state | IN("RUNNING", "CREATED", "INITIALIZING", "RESTARTING")))] | .[0].jid // empty' 2>/dev/null || true
}

stream_job_state() {
  curl -fsS --max-time 5 "$(flink_url)/jobs/$1" 2>/dev/null | jq -r '.state // empty' 2>/dev/null || true
}

stream_mode() { cat "$STREAM_MODE" 2>/dev/null || echo local; }

stream_running_local() {
  if ! pid_alive "$(read_pid "$STREAM_PID")"; then
    if tail -n 300 "$STREAM_LOG" | grep -q 'Cannot map checkpoint/savepoint state for operator'; then
      die "the stream jobs could not resume: the newest checkpoint holds state of an operator this version no longer has (an upgrade replaced it, see stream-jobs/README.md 'Limits'); start with --allow-non-restored-state to drop that state, or --fresh to start without state; log: $STREAM_LOG"
    fi
    die "the stream jobs exited while starting; see $STREAM_LOG"
  fi
  local job; job=$(stream_job_id)
  [[ -n "$job" && $(stream_job_state "$job") == RUNNING ]]
}

stream_start() {
  local cluster= from= fresh= drop=
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --cluster) cluster=1 ;;
      --fresh) fresh=1 ;;
      --allow-non-restored-state) drop=1 ;;
      --from) [[ $# -ge 2 ]] || usage_error "--from needs a checkpoint or savepoint folder"; from=$2; shift ;;
      --from=*) from=${1#--from=} ;;
      *) usage_error "stream start takes --cluster, --from PATH, --fresh, --allow-non-restored-state (got '$1'); see infra/tally stream --help" ;;
    esac
    shift
  done
  [[ -n "$from" && -n "$fresh" ]] && usage_error "--from and --fresh exclude each other"
  if [[ -n "$from" ]]; then
    [[ -f "$from/_metadata" ]] || usage_error "$from is not a checkpoint or savepoint folder (no _metadata in it)"
    from=$(cd "$from" && pwd)
  fi
  cmd_up >/dev/null
  mkdir -p "$STREAM_DIR"
  ensure_built stream-jobs
  if [[ -n $(stream_pid) ]]; then
    say "stream: up (local MiniCluster, pid $(stream_pid)); stop it first to restart"
    return 0
  fi
  if [[ -n "$cluster" ]]; then
    stream_submit "$from" "$fresh" "$drop"
    return
  fi
  [[ -n $(flink_jm_pid) ]] && die "a Flink cluster holds port $(flink_rest_port): use 'infra/tally stream start --cluster', or 'infra/tally flink down' first"
  require_free_port "$(flink_rest_port)" TALLY_FLINK_REST_PORT "the stream jobs' REST API"
  local args=(run --rest-port "$(flink_rest_port)")
  [[ -n "$from" ]] && args+=(--from "$from")
  [[ -n "$fresh" ]] && args+=(--fresh)
  [[ -n "$drop" ]] && args+=(--allow-non-restored-state)
  (exec setsid nohup "${STREAM_JVM[@]}" "${args[@]}" >>"$STREAM_LOG" 2>&1 < /dev/null) &
  echo $! > "$STREAM_PID"
  echo local > "$STREAM_MODE"
  wait_until 120 "the stream jobs" "$STREAM_LOG" stream_running_local
  say "stream: started in a local MiniCluster (pid $(stream_pid), job $(stream_job_id), REST $(flink_url), log $STREAM_LOG)"
  tail -n 200 "$STREAM_LOG" | grep '^resuming from' | tail -n1 || true
}

# Submits the job jar to the standalone cluster (detached), resuming from --from, else from the newest
# checkpoint or savepoint, unless --fresh.
stream_submit() {
  local from=$1 fresh=$2 drop=${3:-}
  [[ -n $(flink_jm_pid) ]] || die "no Flink cluster is running: start one with 'infra/tally flink up'"
  [[ -n $(stream_job_id) ]] && { say "stream: job $(stream_job_id) already runs on the cluster ($(flink_url))"; return 0; }
  if [[ -z "$from" && -z "$fresh" ]]; then
    from=$(stream_java latest-checkpoint 2>/dev/null || true)
  fi
  local args=(run -d)
  [[ -n "$from" ]] && args+=(-s "$from")
  [[ -n "$from" && -n "$drop" ]] && args+=(--allowNonRestoredState)
  local out
  out=$(FLINK_CONF_DIR="$FLINK_CONF" java -Xmx512m "${FLINK_JAVA_OPTS[@]}" -Dlog.file="$FLINK_LOGS/client.log" \
      -Dlog4j.configurationFile="$FLINK_CONF/log4j2.properties" -cp "$FLINK_LIB/*" \
      org.apache.flink.client.cli.CliFrontend "${args[@]}" "$STREAM_JOB_JAR" run --fresh 2>&1) \
    || { printf '%s\n' "$out" >>"$STREAM_LOG"; die "submitting the job jar failed; see $STREAM_LOG and $FLINK_LOGS/client.log"; }
  printf '%s\n' "$out" >>"$STREAM_LOG"
  echo cluster > "$STREAM_MODE"
  local job; job=$(grep -o 'JobID [0-9a-f]\{32\}' <<<"$out" | head -n1 | cut -d' ' -f2)
  say "stream: submitted to the cluster ($(flink_url)), job ${job:-?}${from:+, resuming from $from}"
}

stream_stop() {
  if [[ $(stream_mode) == cluster ]]; then
    local job; job=$(stream_job_id)
    if [[ -z "$job" ]]; then say "stream: no job running on the cluster"; return 0; fi
    curl -fsS -X PATCH "$(flink_url)/jobs/$job?mode=cancel" >/dev/null || die "could not cancel job $job at $(flink_url)"
    local deadline=$((SECONDS + 60))
    while [[ $(stream_job_state "$job") != CANCELED ]] && (( SECONDS < deadline )); do sleep 0.5; done
    say "stream: job $job cancelled; its latest checkpoint is kept ($(stream_java latest-checkpoint 2>/dev/null || echo none))"
    return 0
  fi
  stop_pid "$STREAM_PID" stream
}

stream_status() {
  local mode job; mode=$(stream_mode); job=$(stream_job_id)
  if [[ "$mode" == local ]]; then
    status_line stream "$(stream_pid)" "$(flink_rest_port)" "$STREAM_LOG"
  else
    printf '%-11s %-5s port %-6s cluster %s\n' stream "$([[ -n "$job" ]] && echo up || echo down)" "$(flink_rest_port)" "$(flink_url)"
  fi
  if [[ -n "$job" ]]; then
    local checkpoints
    checkpoints=$(curl -fsS --max-time 5 "$(flink_url)/jobs/$job/checkpoints" 2>/dev/null \
      | jq -r '"\(.counts.completed) checkpoints completed, \(.counts.failed) failed, latest: \(.latest.completed.external_path // "none")"' 2>/dev/null || true)
    say "job $job ($STREAM_JOB_NAME) $(stream_job_state "$job") in $mode mode; $checkpoints"
    return 0
  fi
  say "no $STREAM_JOB_NAME job running; newest checkpoint: $(stream_java latest-checkpoint 2>/dev/null || echo none)"
  return 3
}

stream_savepoint() {
  local stop=
  case "${1:-}" in
    --stop) stop=1 ;;
    "") ;;
    *) usage_error "stream savepoint takes --stop only (got '$1')" ;;
  esac
  local job; job=$(stream_job_id)
  [[ -n "$job" ]] || die "no $STREAM_JOB_NAME job is running (infra/tally stream status)"
  local target; target="file://$(stream_checkpoint_dir)/savepoints"
  local request cancel=false
  [[ -n "$stop" ]] && cancel=true
  request=$(curl -fsS -X POST -H 'Content-Type: application/json' \
      -d "{\"target-directory\": \"$target\", \"cancel-job\": $cancel}" \
      "$(flink_url)/jobs/$job/savepoints" | jq -r '."request-id"') || die "the savepoint request failed at $(flink_url)"
  local deadline=$((SECONDS + 120)) result status
  while (( SECONDS < deadline )); do
    result=$(curl -fsS "$(flink_url)/jobs/$job/savepoints/$request" 2>/dev/null || true)
    status=$(jq -r '.status.id // empty' <<<"$result" 2>/dev/null)
    [[ "$status" == COMPLETED ]] && break
    sleep 0.5
  done
  [[ "$status" == COMPLETED ]] || die "the savepoint did not complete within 120 s"
  local location failure
  failure=$(jq -r '.operation."failure-cause".class // empty' <<<"$result")
  [[ -z "$failure" ]] || die "the savepoint failed: $failure (see $(flink_url)/jobs/$job/exceptions)"
  location=$(jq -r '.operation.location' <<<"$result"); location=${location#file:}
  say "savepoint: $location"
  if [[ -n "$stop" ]]; then
    if [[ $(stream_mode) == local ]]; then
      local deadline=$((SECONDS + 30))
      while [[ -n $(stream_pid) ]] && (( SECONDS < deadline )); do sleep 0.3; done
      stop_pid "$STREAM_PID" stream >/dev/null
    fi
    say "the job was stopped; resume with: infra/tally stream start$([[ $(stream_mode) == cluster ]] && echo ' --cluster') --from $location"
  else
    say "resume from it later with: infra/tally stream start$([[ $(stream_mode) == cluster ]] && echo ' --cluster') --from $location"
  fi
}
