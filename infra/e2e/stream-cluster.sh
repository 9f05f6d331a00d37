#!/usr/bin/env bash
# Cluster mode, end to end (not part of infra/tally test: it starts a 3-JVM Flink cluster and takes
# a few minutes). The stream job jar, submitted to the standalone cluster of 'infra/tally flink up',
# processes a generated load; while it runs, a TaskManager is killed with kill -9 and started again.
# The job restarts from its latest checkpoint, and what it leaves in ClickHouse and PostgreSQL must
# equal, row for row, a failure-free run of the same events in a local MiniCluster.
#
#   infra/e2e/stream-cluster.sh [--days N]      (default 4 days of 6 organizations' traffic)
#
# Uses its own topics, consumer groups, checkpoint folders and ClickHouse databases; exit 0 when
# equal, 1 otherwise. Leaves the Flink cluster running (infra/tally flink down stops it).
set -euo pipefail

TALLY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export TALLY_ROOT
source "$TALLY_ROOT/infra/local/lib.sh"
source "$TALLY_ROOT/infra/local/ingest.sh"
source "$TALLY_ROOT/infra/local/flink.sh"
source "$TALLY_ROOT/infra/local/stream.sh"

DAYS=4
case "${1:-}" in
  --days) DAYS=${2:?--days needs a number} ;;
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) usage_error "unknown option '$1' (--days N)" ;;
esac

load_settings
"$TALLY_ROOT/infra/tally" up >/dev/null
mkdir -p "$STREAM_DIR"; ensure_built stream-jobs
mkdir -p "$INGEST_DIR"; ensure_built ingest

RUN=e2e$(date +%s)
WORK="$TALLY_HOME/e2e/$RUN"
mkdir -p "$WORK"
export TALLY_KAFKA_EVENTS_TOPIC="tally.$RUN.events" TALLY_KAFKA_LATE_TOPIC="tally.$RUN.late" TALLY_KAFKA_DLQ_TOPIC="tally.$RUN.dlq"
export TALLY_STREAM_CHECKPOINT_SECONDS=1
# An hour of allowed lateness (the default is minutes), as RestartFromCheckpointIT: the generated days
# have events well behind others of their partition, and with minutes of lateness whether one near
# the limit is too late depends on how far each partition had been read when it came, which differs
# between the two runs
export TALLY_STREAM_ALLOWED_LATENESS_MINUTES=60 TALLY_STREAM_DEDUP_HORIZON=61m
run_setup migrate --only kafka >/dev/null

step() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

step "generating $DAYS days of traffic for 6 organizations straight to $TALLY_KAFKA_EVENTS_TOPIC (no held-back late events, no shuffled ones)"
run_ingest generate --target kafka --organizations 6 --users 300 --days "$DAYS" --late 0 --out-of-order 0 --seed 4 \
  --start 2019-03-04 --out "$WORK/events.ndjson" >"$WORK/generate.log" 2>&1 || die "generating failed; see $WORK/generate.log"
ORGS=$(jq -r '.organization_id' "$WORK/events.ndjson" | sort -u | sed "s/.*/'&'/" | paste -sd, -)
step "$(wc -l < "$WORK/events.ndjson") events sent"

ch() { clickhouse-client --port "$TALLY_CH_TCP_PORT" -u "$TALLY_CH_USER" --password "$TALLY_CH_PASSWORD" -q "$1"; }
pg() { PGPASSWORD="$TALLY_PG_PASSWORD" psql -h "$TALLY_PG_HOST" -p "$TALLY_PG_PORT" -U "$TALLY_PG_USER" -d "$TALLY_PG_DATABASE" -AtX -c "$1"; }

snapshot() {
  local db=$1 out=$2
  ch "SELECT * FROM $db.events FINAL ORDER BY organization_id, event_id, event_type" > "$out.events"
  ch "SELECT * FROM $db.metrics_minute FINAL ORDER BY organization_id, minute" > "$out.minutes"
  pg "SELECT organization_id, window_name, window_start, window_end, events_count, events_by_type, active_users,
      messages_count, total_tokens, avg_response_time_ms, p95_response_time_ms, net_revenue_minor
      FROM rolling_metrics WHERE organization_id IN ($ORGS) ORDER BY 1, 2" > "$out.rolling"
  pg "SELECT organization_id, session_id, user_id, anonymous_id, started_at, ended_at, duration_seconds, page_views_count,
      events_count, is_bounce, conversion_value, has_conversion, ip_address, device_type
      FROM user_sessions WHERE organization_id IN ($ORGS) ORDER BY session_id" > "$out.sessions"
  pg "DELETE FROM rolling_metrics WHERE organization_id IN ($ORGS)" >/dev/null
  pg "DELETE FROM user_sessions WHERE organization_id IN ($ORGS)" >/dev/null
}

# reference run: local MiniCluster, no failure
CLEAN_DB="tally_${RUN}_clean"
step "reference run in a local MiniCluster (ClickHouse database $CLEAN_DB)"
TALLY_CH_DATABASE=$CLEAN_DB run_setup migrate --only clickhouse >/dev/null
TALLY_CH_DATABASE=$CLEAN_DB TALLY_STREAM_CONSUMER_GROUP="$RUN-clean" TALLY_STREAM_CHECKPOINT_DIR="$WORK/clean" \
  stream_java run --bounded --fresh >"$WORK/clean.log" 2>&1 || die "the reference run failed; see $WORK/clean.log"
step "reference: $(grep -o 'processed in [0-9]* ms' "$WORK/clean.log")"
snapshot "$CLEAN_DB" "$WORK/clean"

# cluster run with a TaskManager killed mid-stream
CLUSTER_DB="tally_${RUN}_cluster"
TALLY_CH_DATABASE=$CLUSTER_DB run_setup migrate --only clickhouse >/dev/null
flink_up
[[ -z $(stream_job_id) ]] || die "a $STREAM_JOB_NAME job already runs on the cluster; stop it first (infra/tally stream stop)"
step "submitting the job jar to the cluster (ClickHouse database $CLUSTER_DB)"
out=$(TALLY_CH_DATABASE=$CLUSTER_DB TALLY_STREAM_CONSUMER_GROUP="$RUN-cluster" TALLY_STREAM_CHECKPOINT_DIR="$WORK/cluster" \
  FLINK_CONF_DIR="$FLINK_CONF" java -Xmx512m "${FLINK_JAVA_OPTS[@]}" -Dlog.file="$FLINK_LOGS/client.log" \
  -Dlog4j.configurationFile="$FLINK_CONF/log4j2.properties" -cp "$FLINK_LIB/*" org.apache.flink.client.cli.CliFrontend \
  run -d "$STREAM_JOB_JAR" run --bounded --fresh 2>&1) || { echo "$out"; die "submitting failed"; }
JOB=$(grep -o 'JobID [0-9a-f]\{32\}' <<<"$out" | head -n1 | cut -d' ' -f2)
[[ -n "$JOB" ]] || { echo "$out"; die "no job id in the client's output"; }

checkpoints_done() { curl -fsS "$(flink_url)/jobs/$JOB/checkpoints" | jq -r '.counts.completed'; }
deadline=$((SECONDS + 120))
until (( $(checkpoints_done) >= 1 )); do
  (( SECONDS < deadline )) || die "job $JOB completed no checkpoint within 120 s; see $FLINK_LOGS"
  [[ $(stream_job_state "$JOB") == FINISHED ]] && die "job $JOB finished before a checkpoint; rerun with more --days"
  sleep 0.2
done
victim=$(flink_tm_pid 1)
step "job $JOB running, $(checkpoints_done) checkpoint(s) done: kill -9 TaskManager 1 (pid $victim)"
kill -9 "$victim"
sleep 2
step "starting TaskManager 1 again"
flink_up >/dev/null
deadline=$((SECONDS + 600))
while [[ $(stream_job_state "$JOB") != FINISHED ]]; do
  state=$(stream_job_state "$JOB")
  [[ "$state" == FAILED || "$state" == CANCELED ]] && die "job $JOB ended $state; see $(flink_url)/#/job/$JOB/exceptions"
  (( SECONDS < deadline )) || die "job $JOB did not finish within 600 s"
  sleep 1
done
restored=$(curl -fsS "$(flink_url)/jobs/$JOB/checkpoints" | jq -r '.latest.restored.id // "none"')
failures=$(curl -fsS "$(flink_url)/jobs/$JOB/exceptions" | jq -r '.exceptionHistory.entries | length')
step "job $JOB finished after $failures failure(s); restored from checkpoint $restored"
snapshot "$CLUSTER_DB" "$WORK/cluster"

ch "DROP DATABASE IF EXISTS $CLEAN_DB"; ch "DROP DATABASE IF EXISTS $CLUSTER_DB"
rc=0
for part in events minutes rolling sessions; do
  rows=$(wc -l < "$WORK/clean.$part")
  if [[ "$rows" -gt 0 ]] && cmp -s "$WORK/clean.$part" "$WORK/cluster.$part"; then
    step "$part: equal ($rows rows)"
  else
    step "$part: DIFFERENT (reference $rows rows, cluster $(wc -l < "$WORK/cluster.$part") rows; diff $WORK/clean.$part $WORK/cluster.$part)"
    rc=1
  fi
done
[[ "$failures" -ge 1 && "$restored" != none ]] || { step "the job never failed over: the TaskManager kill did not hit it"; rc=1; }
(( rc == 0 )) && step "PASS: the cluster run with a killed TaskManager equals the failure-free run" || step "FAIL"
exit $rc
