package dev.tally.stream.flink;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.RollingMetrics;
import dev.tally.stream.session.SessionSummary;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The stream jobs as one Flink job, reading {@code tally.events} with two sources (see {@link #build}):
 * <ul>
 *   <li>event loader: every event to ClickHouse {@code events};</li>
 *   <li>rolling metrics: deduplicated, per organization and minute to ClickHouse
 *       {@code metrics_minute}, rolling 5 min / 1 h / 24 h to PostgreSQL {@code rolling_metrics}
 *       (with the input's newest minute broadcast to them, see {@link RollingWindows}), too-late
 *       events to the late topic;</li>
 *   <li>sessions: 30 minutes of inactivity per (organization, user or anonymous id) to PostgreSQL
 *       {@code user_sessions}, on the organization's key ({@link OrganizationSessions}).</li>
 * </ul>
 * It takes its inputs and outputs ({@link StreamEndpoints}), so a test can run the whole topology
 * on a MiniCluster without servers, and may wrap the decoded events ({@code afterSource}) to inject
 * failures.
 */
public final class StreamJob {

  public static final String NAME = "tally-stream";

  private final StreamSettings settings;
  private final StreamEndpoints endpoints;
  private final UnaryOperator<DataStream<AnalyticsEvent>> afterSource;

  /**
   * @param settings not null
   * @param endpoints where it reads and writes; not null
   * @param afterSource applied to the decoded events of each input; not null ({@code UnaryOperator.identity()})
   */
  public StreamJob(StreamSettings settings, StreamEndpoints endpoints, UnaryOperator<DataStream<AnalyticsEvent>> afterSource) {
    this.settings = settings;
    this.endpoints = endpoints;
    this.afterSource = afterSource;
  }

  public StreamJob(StreamSettings settings, StreamEndpoints endpoints) {
    this(settings, endpoints, UnaryOperator.identity());
  }

  /**
   * The job on Kafka and the stores.
   *
   * @param bounded read up to the offsets that are the latest when the job starts, then finish
   *     (tests, benchmarks); else run until cancelled
   */
  public StreamJob(StreamSettings settings, boolean bounded) {
    this(settings, StreamEndpoints.of(settings, bounded));
  }

  /** Checkpoints, state backend and restarts of the job, for the environment that runs it. */
  public static Configuration configuration(StreamSettings settings) {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDirectory().toUri().toString());
    conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, settings.checkpointDirectory().resolve("savepoints").toUri().toString());
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(StateBackendOptions.STATE_BACKEND, settings.stateBackend().name().toLowerCase(java.util.Locale.ROOT));
    if (settings.stateBackend() == StreamSettings.StateBackend.ROCKSDB) {
      conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
      // most deduplication lookups are of new ids: bloom filters answer those without reading blocks
      conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
      // timers (one per organization and minute, one per visitor) on the heap: they are bounded by the
      // keys, and RocksDB timers cost a write and a seek each
      conf.set(RocksDBOptions.TIMER_SERVICE_FACTORY, EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
    }
    // a store or broker that is down for a while (a ClickHouse restart, a Kafka rolling restart) must
    // not fail the job for good: restart from the last checkpoint without limit, waiting 1 s, then up
    // to 15 s between attempts; back to 1 s after 10 minutes without a failure
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, java.time.Duration.ofSeconds(1));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, java.time.Duration.ofSeconds(15));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD, java.time.Duration.ofMinutes(10));
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    // Flink's and Tally's metrics (StreamMetrics) for Prometheus, at http://HOST:PORT/metrics, the
    // first free port of the range; the cluster's config.yaml says the same for its JVMs
    conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    conf.setString("metrics.reporter.prom.port", settings.metricsPorts());
    return conf;
  }

  /**
   * Adds the job's sources, operators and sinks to {@code env}: two pipelines that share nothing,
   * each reading the topic with its own source, so that Flink's region failover restarts one
   * without the other. A store that refuses or is down for the metrics (PostgreSQL above all) never
   * stops the raw loading into ClickHouse.
   */
  public void build(StreamExecutionEnvironment env) {
    env.setParallelism(settings.parallelism());
    // operators neither keep nor change their inputs, so chained ones may share objects
    env.getConfig().enableObjectReuse();
    String topic = settings.get(Setting.KAFKA_EVENTS_TOPIC);

    // raw loading: the source and the loader chained in one task, no state but the offsets
    afterSource.apply(env
        .fromSource(endpoints.loaderInput(), WatermarkStrategy.noWatermarks(), "kafka: " + topic + " (loader)")
        .uid("kafka-events"))
        .sinkTo(endpoints.events()).name("clickhouse: events").uid("load-events");

    // metrics: one key change, to the organization; deduplication, minutes and sessions chained on it
    DataStream<AnalyticsEvent> events = afterSource.apply(env
        .fromSource(endpoints.metricsInput(),
            MinuteWatermarks.strategy(settings.outOfOrderness(), settings.idleness(), settings.allowedLateness()),
            "kafka: " + topic + " (metrics)")
        .uid("kafka-events-metrics"));
    SingleOutputStreamOperator<TrackedEvent> unique = events
        .map(TrackedEvent::of).name("tracked fields").uid("tracked-fields")
        .keyBy(e -> e.organizationId, Types.STRING)
        .process(new DeduplicateEvents(settings.dedupHorizon(), settings.stateBackend())).name("deduplicate").uid("deduplicate-by-organization-v2");
    unique.getSideOutput(DeduplicateEvents.TOO_LATE)
        .sinkTo(endpoints.late()).name("kafka: events past the horizon").uid("sink-horizon-late");

    SingleOutputStreamOperator<MinuteMetrics> minutes = DataStreamUtils.reinterpretAsKeyedStream(unique, e -> e.organizationId, Types.STRING)
        .process(new MinuteAggregator(settings.allowedLateness(), settings.minuteUpdateInterval())).name("minute panes").uid("minute-panes-v2");
    minutes.sinkTo(endpoints.minutes()).name("clickhouse: metrics_minute").uid("sink-metrics-minute");
    minutes.getSideOutput(MinuteAggregator.TOO_LATE)
        .sinkTo(endpoints.late()).name("kafka: late events").uid("sink-late-events");

    KeyedStream<MinuteMetrics, String> minutesByOrganization = DataStreamUtils.reinterpretAsKeyedStream(
        minutes, m -> m.organizationId, Types.STRING);
    BroadcastStream<Long> inputEnd = events
        .flatMap(new InputEnd()).returns(Types.LONG).name("input end").uid("input-end")
        .broadcast(RollingWindows.INPUT_END);
    SingleOutputStreamOperator<RollingMetrics> rolling = minutesByOrganization.connect(inputEnd)
        .process(new RollingWindows(RollingWindows.CATCH_UP_INTERVAL)).name("rolling windows").uid("rolling-windows-v2");
    rolling.sinkTo(endpoints.rolling()).name("postgresql: rolling_metrics").uid("sink-rolling-metrics");

    SingleOutputStreamOperator<SessionSummary> sessions = DataStreamUtils.reinterpretAsKeyedStream(unique, e -> e.organizationId, Types.STRING)
        .transform("sessions", TypeInformation.of(SessionSummary.class), new OrganizationSessions(settings.sessionGap()))
        .uid("sessions-by-organization");
    sessions.sinkTo(endpoints.sessions()).name("postgresql: user_sessions").uid("sink-user-sessions");
    sessions.getSideOutput(OrganizationSessions.TOO_LATE)
        .sinkTo(endpoints.late()).name("kafka: events late for sessions").uid("sink-session-late");
  }

  public JobExecutionResult run(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.execute(NAME);
  }

  public JobClient start(StreamExecutionEnvironment env) throws Exception {
    build(env);
    return env.executeAsync(NAME);
  }
}
