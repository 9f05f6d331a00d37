package dev.tally.stream.flink;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.db.NamedSql;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.RollingMetrics;
import dev.tally.stream.session.SessionSummary;
import dev.tally.stream.sink.EventLoader;
import dev.tally.stream.sink.MinuteRowBinder;
import dev.tally.stream.sink.RollingRowBinder;
import dev.tally.stream.sink.SessionRowBinder;
import dev.tally.stream.sink.StoreConnections;
import dev.tally.stream.sink.StoreConnections.Store;
import dev.tally.stream.sink.StoreRow;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The jobs' sinks. The raw event loader is {@link EventLoader} (RowBinary); the others are
 * {@link StoreRowSink}s, which send a row the store refuses to the dead-letter topic. All are at-least-once (flushed on every checkpoint, so nothing waits
 * across a restart) over idempotent writes: identical ClickHouse rows that ReplacingMergeTree folds,
 * PostgreSQL upserts on a deterministic key. A replay after a restart therefore rewrites what it
 * wrote before: no double count, no hole (stream-jobs/README.md).
 */
public final class StoreSinks {

  private StoreSinks() {}

  /** Raw events to ClickHouse {@code events}: batches of {@code TALLY_STREAM_LOADER_BATCH_ROWS} or one second. */
  public static Sink<AnalyticsEvent> events(StreamSettings settings) {
    return new EventLoader(settings, settings.loaderBatchRows(), 1000);
  }

  public static Sink<MinuteMetrics> metricsMinute(StreamSettings settings) {
    return rows(settings, Store.CLICKHOUSE, "clickhouse: metrics_minute", MinuteRowBinder.SQL, new MinuteRowBinder(), 10_000);
  }

  public static Sink<RollingMetrics> rollingMetrics(StreamSettings settings) {
    return rows(settings, Store.POSTGRES, "postgresql: rolling_metrics", RollingRowBinder.SQL, new RollingRowBinder(), 1000);
  }

  public static Sink<SessionSummary> userSessions(StreamSettings settings) {
    // a session is written once (its id is unique in a batch), so batches can be multi-row upserts
    return rows(settings, Store.POSTGRES_MULTI_ROW, "postgresql: user_sessions", SessionRowBinder.SQL, new SessionRowBinder(), 5000);
  }

  /** Late events, at least once: a replay may repeat one, readers key them by (organization_id, event_id). */
  public static Sink<LateEvent> lateEvents(StreamSettings settings) {
    return KafkaSink.<LateEvent>builder()
        .setBootstrapServers(settings.get(Setting.KAFKA_BOOTSTRAP))
        .setRecordSerializer(new LateEventSerializer(settings.get(Setting.KAFKA_LATE_TOPIC)))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  private static <T extends StoreRow> Sink<T> rows(StreamSettings settings, Store store, String name, NamedSql sql,
      JdbcStatementBuilder<T> binder, int batchRows) {
    return new StoreRowSink<>(settings, new StoreConnections(store, settings), name,
        sql.jdbc(), binder, batchRows, 1000);
  }
}
