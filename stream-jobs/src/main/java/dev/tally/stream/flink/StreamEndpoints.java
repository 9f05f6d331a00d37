package dev.tally.stream.flink;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.RollingMetrics;
import dev.tally.stream.session.SessionSummary;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where the stream job reads and writes: {@link #of} gives Kafka and the stores, tests give a source
 * of their events and collecting sinks. Two inputs of the same events: one for the raw loader, one
 * for the metrics (see {@link StreamJob}). No field is null.
 */
public record StreamEndpoints(
    Source<AnalyticsEvent, ?, ?> loaderInput,
    Source<AnalyticsEvent, ?, ?> metricsInput,
    Sink<AnalyticsEvent> events,
    Sink<MinuteMetrics> minutes,
    Sink<RollingMetrics> rolling,
    Sink<SessionSummary> sessions,
    Sink<LateEvent> late) {

  /** The raw loader's consumer group is the stream's with this suffix: each input commits its own offsets. */
  public static final String LOADER_GROUP_SUFFIX = ".loader";

  /**
   * Kafka {@code TALLY_KAFKA_EVENTS_TOPIC} in, ClickHouse, PostgreSQL and the late topic out.
   *
   * @param bounded read up to the offsets that are the latest when the job starts, then finish
   *     (tests, benchmarks); else run until cancelled
   */
  public static StreamEndpoints of(StreamSettings settings, boolean bounded) {
    String group = settings.get(Setting.STREAM_CONSUMER_GROUP);
    return new StreamEndpoints(kafka(settings, group + LOADER_GROUP_SUFFIX, bounded), kafka(settings, group, bounded),
        StoreSinks.events(settings), StoreSinks.metricsMinute(settings), StoreSinks.rollingMetrics(settings),
        StoreSinks.userSessions(settings), StoreSinks.lateEvents(settings));
  }

  private static KafkaSource<AnalyticsEvent> kafka(StreamSettings settings, String group, boolean bounded) {
    KafkaSourceBuilder<AnalyticsEvent> builder = KafkaSource.<AnalyticsEvent>builder()
        .setBootstrapServers(settings.get(Setting.KAFKA_BOOTSTRAP))
        .setTopics(settings.get(Setting.KAFKA_EVENTS_TOPIC))
        .setGroupId(group)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new AnalyticsEventDeserializer())
        .setProperty("commit.offsets.on.checkpoint", "true")
        // fetch as the benchmark's plain consumer does: fewer, larger fetches
        .setProperty("max.poll.records", "5000")
        .setProperty("fetch.max.bytes", Integer.toString(64 * 1024 * 1024))
        .setProperty("max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024));
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    return builder.build();
  }
}
