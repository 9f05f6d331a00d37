package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.setup.ClickHouseMigrations;
import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.metrics.EventTime;
import dev.tally.stream.metrics.RollingEnd;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once effect: the same generated traffic (4 partitions, parallelism 2) processed once
 * without failures and once with two injected task failures (each restart resumes from the latest
 * checkpoint and replays from its offsets) leaves the same rows, row for row, in ClickHouse
 * ({@code events}, {@code metrics_minute}) and PostgreSQL ({@code rolling_metrics},
 * {@code user_sessions}). Two organizations go quiet before the input ends and the second failure
 * comes after that, so the restored attempt sees other watermarks over their last minutes than the
 * clean run did; their rolling windows must still end where the input ends, like everyone's. Each
 * run writes to its own scratch ClickHouse database. A third run, with the same two failures, keeps its
 * state in RocksDB with incremental checkpoints ({@code TALLY_STREAM_STATE_BACKEND=rocksdb}, where
 * deduplication keeps its ids one by one): its rows are the clean heap run's too.
 */
class RestartFromCheckpointIT {

  static final List<String> ORGANIZATIONS = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList();
  static final String IN = ORGANIZATIONS.stream().map(o -> "'" + o + "'").collect(Collectors.joining(", ", "(", ")"));

  @TempDir
  static Path checkpoints;
  static StreamStores stores;
  static Snapshot clean;
  static Snapshot restarted;
  static Snapshot restartedOnRocksDb;
  /** The newest event of each organization, epoch milliseconds. */
  static Map<String, Long> newest;
  /** Where every rolling window must end: the end of the newest minute of the input. */
  static long inputEnd;

  record Snapshot(List<List<String>> events, List<List<String>> minutes, List<List<String>> rolling,
      List<List<String>> sessions, List<List<String>> windowEnds) {}

  @BeforeAll
  static void runOnceCleanAndOnceWithFailures() throws Exception {
    stores = new StreamStores("restart", 4, 2, checkpoints.toString());
    Instant start = Instant.parse("2043-05-02T08:00:00Z");
    List<AnalyticsEvent> traffic = GeneratedTraffic.of(ORGANIZATIONS, 2400, start, 42);
    newest = traffic.stream().collect(Collectors.toMap(e -> e.getOrganizationId(), e -> e.getOccurredAt().toEpochMilli(), Math::max));
    long last = Collections.max(newest.values());
    inputEnd = RollingEnd.ofInputAt(last);
    stores.send(traffic);

    clean = run("clean", UnaryOperator.identity());
    stores.postgresUpdate("DELETE FROM rolling_metrics WHERE organization_id IN " + IN);
    stores.postgresUpdate("DELETE FROM user_sessions WHERE organization_id IN " + IN);

    long lateFrom = start.toEpochMilli() + (last - start.toEpochMilli()) * 9 / 10;
    UnaryOperator<DataStream<AnalyticsEvent>> failTwice = events -> events.map(new FailTwiceAfterCheckpoints(lateFrom))
        .returns(TypeInformation.of(AnalyticsEvent.class)).name("inject failures");
    FailTwiceAfterCheckpoints.FAILURES_LEFT.set(2);
    restarted = run("failing", failTwice, "hashmap");
    rocksDbFailuresLeft = FailTwiceAfterCheckpoints.FAILURES_LEFT.get();
    stores.postgresUpdate("DELETE FROM rolling_metrics WHERE organization_id IN " + IN);
    stores.postgresUpdate("DELETE FROM user_sessions WHERE organization_id IN " + IN);
    FailTwiceAfterCheckpoints.FAILURES_LEFT.set(2);
    restartedOnRocksDb = run("rocksdb", failTwice, "rocksdb");
  }

  /** Failures left after the heap run, before the RocksDB run set them again. */
  static int rocksDbFailuresLeft;

  private static Snapshot run(String name, UnaryOperator<DataStream<AnalyticsEvent>> hook) throws Exception {
    return run(name, hook, "hashmap");
  }

  private static Snapshot run(String name, UnaryOperator<DataStream<AnalyticsEvent>> hook, String stateBackend)
      throws Exception {
    String database = "tally_it_" + name + "_" + Integer.toUnsignedString(UUID.randomUUID().hashCode(), 36);
    StreamSettings base = stores.settings;
    new ClickHouseMigrations(DataSources.clickhouseServer(base.tally()), DataSources.clickhouseWriter(base.tally(), database),
        database, ClickHouseMigrations.DEFAULT_LOCATION).migrate();
    // the traffic has events ten minutes late; with an hour of lateness they always count. With the
    // default minutes, whether one is too late depends on how far the other partitions had been read
    // when it came, which differs from one run to the next
    StreamSettings settings = base.with(Map.of(Setting.CH_DATABASE, database,
        Setting.STREAM_CONSUMER_GROUP, base.get(Setting.STREAM_CONSUMER_GROUP) + "-" + name,
        Setting.STREAM_CHECKPOINT_DIR, checkpoints.resolve(name).toString(),
        Setting.STREAM_ALLOWED_LATENESS_MINUTES, "60", Setting.STREAM_DEDUP_HORIZON, "61m",
        Setting.STREAM_STATE_BACKEND, stateBackend));
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, StreamJob.configuration(settings));
      new StreamJob(settings, StreamEndpoints.of(settings, true), hook).run(env);
      return new Snapshot(
          stores.clickhouse("SELECT * FROM " + database + ".events FINAL ORDER BY organization_id, event_id, event_type"),
          stores.clickhouse("SELECT * FROM " + database + ".metrics_minute FINAL ORDER BY organization_id, minute"),
          stores.postgres("SELECT organization_id, window_name, window_start, window_end, events_count, events_by_type,"
              + " active_users, messages_count, total_tokens, avg_response_time_ms, p95_response_time_ms, net_revenue_minor"
              + " FROM rolling_metrics WHERE organization_id IN " + IN + " ORDER BY organization_id, window_name"),
          stores.postgres("SELECT organization_id, session_id, user_id, anonymous_id, started_at, ended_at, duration_seconds,"
              + " page_views_count, events_count, is_bounce, conversion_value, has_conversion, ip_address, device_type"
              + " FROM user_sessions WHERE organization_id IN " + IN + " ORDER BY session_id"),
          stores.postgres("SELECT DISTINCT (extract(epoch FROM window_end) * 1000)::bigint FROM rolling_metrics"
              + " WHERE organization_id IN " + IN));
    } finally {
      try (Connection c = DataSources.clickhouseServer(base.tally()).getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  @AfterAll
  static void dropTopics() throws Exception {
    stores.deleteTopics();
  }

  @Test
  void bothInjectedFailuresHappened() {
    assertThat(rocksDbFailuresLeft).as("heap run").isLessThanOrEqualTo(0);
    assertThat(FailTwiceAfterCheckpoints.FAILURES_LEFT.get()).as("RocksDB run").isLessThanOrEqualTo(0);
  }

  @Test
  void theCleanRunWroteSomethingToCompare() {
    assertThat(clean.events()).hasSize(5 * 2400);
    assertThat(clean.minutes()).hasSizeGreaterThan(5 * 60);
    assertThat(clean.rolling()).hasSize(5 * 3);
    assertThat(clean.sessions()).hasSizeGreaterThan(5 * 10);
  }

  @Test
  void organizationsWentQuietAtDifferentTimes() {
    assertThat(newest.values()).filteredOn(t -> t < inputEnd - 10 * EventTime.MINUTE_MS).hasSize(2);
  }

  @Test
  void everyOrganizationsRollingWindowsEndWhereTheInputEnds() {
    assertThat(clean.windowEnds()).containsExactly(List.of(Long.toString(inputEnd)));
    assertThat(restarted.windowEnds()).containsExactly(List.of(Long.toString(inputEnd)));
    assertThat(restartedOnRocksDb.windowEnds()).containsExactly(List.of(Long.toString(inputEnd)));
  }

  @Test
  void onRocksDbWithTheSameFailuresEveryTableIsTheSameRowForRow() {
    assertThat(restartedOnRocksDb.events()).isEqualTo(clean.events());
    assertThat(restartedOnRocksDb.minutes()).isEqualTo(clean.minutes());
    assertThat(restartedOnRocksDb.rolling()).isEqualTo(clean.rolling());
    assertThat(restartedOnRocksDb.sessions()).isEqualTo(clean.sessions());
  }

  @Test
  void rawEventsAreTheSameRowForRow() {
    assertThat(restarted.events()).isEqualTo(clean.events());
  }

  @Test
  void minuteMetricsAreTheSameRowForRow() {
    assertThat(restarted.minutes()).isEqualTo(clean.minutes());
  }

  @Test
  void rollingMetricsAreTheSameRowForRow() {
    assertThat(restarted.rolling()).isEqualTo(clean.rolling());
  }

  @Test
  void sessionsAreTheSameRowForRow() {
    assertThat(restarted.sessions()).isEqualTo(clean.sessions());
  }
}
