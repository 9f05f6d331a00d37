package dev.tally.stream.metrics;

import dev.tally.stream.sink.StoreRow;
import java.time.Instant;

/**
 * One organization's minute as the stream emits it: emitted when the minute closes, and again for
 * each late event within the allowed lateness. {@code version} is the number of distinct events in
 * the pane: it grows with every update and is the same on a replay of the same events, so
 * ClickHouse's {@code ReplacingMergeTree(version)} keeps the latest values and a replay writes rows
 * identical to the first run's.
 */
public class MinuteMetrics implements StoreRow {

  public String organizationId;
  /** Start of the minute, epoch milliseconds. */
  public long minute;
  public MinutePane pane;

  public MinuteMetrics() {}

  public MinuteMetrics(String organizationId, long minute, MinutePane pane) {
    this.organizationId = organizationId;
    this.minute = minute;
    this.pane = pane;
  }

  public long version() {
    return pane.events;
  }

  @Override
  public String organization() {
    return organizationId;
  }

  @Override
  public String describe() {
    return "organization_id=" + organizationId + ", minute=" + Instant.ofEpochMilli(minute) + ", " + pane.describe()
        + ", version=" + version();
  }
}
