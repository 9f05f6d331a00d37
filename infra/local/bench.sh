# The benchmarks (infra/bench): the collector against a raw Kafka producer, and the stream jobs against
# a plain Kafka consumer and a loading floor. Sourced by infra/tally after stream.sh.

BENCH_JAR="$TALLY_ROOT/infra/bench/target/bench-0.1.0-SNAPSHOT.jar"

# The benchmarks embed the collector and the raw loader: their sources count too.
ensure_bench_built() { ensure_built infra/bench ingest/src/main stream-jobs/src/main; }

bench_stream() {
  [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { cmd_bench --help; return 0; }
  cmd_up >/dev/null
  mkdir -p "$STREAM_DIR"
  ensure_built stream-jobs
  ensure_bench_built
  local command=() arg
  for arg in "${STREAM_JVM[@]}"; do command+=("--stream-command=$arg"); done
  command+=("--server-pids=kafka=$(kafka_pid),clickhouse=$(ch_pid),postgres=$(pg_pid)")
  java -Xms512m -Xmx1g -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.ru.yandex.clickhouse.ClickHouseDriver=error \
    -cp "$BENCH_JAR:$TALLY_ROOT/infra/bench/target/lib/*" \
    dev.tally.bench.stream.StreamBenchmark "${command[@]}" "$@"
}

cmd_bench() {
  case "${1:-}" in
    ingest) shift ;;
    stream) shift; bench_stream "$@"; return ;;
    -h|--help|"") cat <<USAGE
Usage: infra/tally bench ingest [--seconds N] [--threads N] [--rate EVENTS_PER_S]

Starts a collector in-process against the local Kafka (topic tally.bench.events) and prints, side by
side: the raw Kafka producer and the collector, each sending 100-event batches with acks=all from the
same number of threads (events/s, p50/p99 latency), then the collector at a fixed rate (50k events/s).
Not a test: figures depend on the machine; run it on a quiet one.

Usage: infra/tally bench stream [--events N] [--rate EVENTS_PER_S] [--seconds N] [--warm-up-seconds N]
                          [--organizations N] [--soak-minutes N]

Loads N events (default 1,000,000; event times paced at --rate and ending now, like live traffic) into
a topic of its own and prints, side by side: a plain Kafka consumer decoding them (this machine's
ceiling), the same consumer also loading them into a copy of ClickHouse events as the raw loader does
(the loading floor), and the stream jobs processing them into ClickHouse and PostgreSQL (a bounded run
in a local MiniCluster, as 'stream start' runs it), with CPU µs per event for each; then sends at a
fixed rate (100,000 events/s) to a just started job for a warm-up (30 s) and then for --seconds (30),
and prints the freshness p50/p99 after and during the warm-up (event received -> its minute counts it
in ClickHouse), its p99 per 10 s of sending and the stream JVM's peak RSS. Ends with one line:
summary events_per_s=N ceiling_per_s=N floor_us=N job_us=N p99_freshness_ms=N max_rss_mb=N.
With --soak-minutes N it only sends live events at --rate for N minutes to a running job, samples the
stream JVM's RSS and heap after a full GC every 10 s, and ends with summary ... rss_growth=X (the last
third of the samples over the middle third). Cleans up its topics and rows.
USAGE
      [[ -n "${1:-}" ]] || return 2; return 0 ;;
    *) usage_error "bench knows: ingest, stream (got '$1')" ;;
  esac
  cmd_up >/dev/null
  ensure_bench_built
  # The collector's GC settings (a bigger heap: the load generator and the raw producer share the JVM);
  # the GC log tells whether a latency spike was a pause.
  say "GC log: $TALLY_HOME/bench-ingest-gc.log" >&2
  java -Xms1g -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20 "-Xlog:gc:file=$TALLY_HOME/bench-ingest-gc.log:time,uptime" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$BENCH_JAR:$TALLY_ROOT/infra/bench/target/lib/*" dev.tally.bench.ingest.IngestBenchmark "$@"
}
