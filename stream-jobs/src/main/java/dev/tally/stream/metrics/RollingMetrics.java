package dev.tally.stream.metrics;

import dev.tally.stream.sink.StoreRow;
import java.time.Instant;

/**
 * One organization's values over one rolling window {@code [end - size, end)}: the sums of the
 * minute panes inside it ({@link RollingTotals}).
 */
public class RollingMetrics implements StoreRow {

  public String organizationId;
  public String window;
  public long windowStart;
  public long windowEnd;
  /** The window's sums; their users are not kept per window ({@link #activeUsers} counts them). */
  public MinutePane values;
  public long activeUsers;

  public RollingMetrics() {}

  public RollingMetrics(String organizationId, String window, long windowStart, long windowEnd, MinutePane values, long activeUsers) {
    this.organizationId = organizationId;
    this.window = window;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.values = values;
    this.activeUsers = activeUsers;
  }

  @Override
  public String organization() {
    return organizationId;
  }

  @Override
  public String describe() {
    return "organization_id=" + organizationId + ", window_name=" + window + ", window_start=" + Instant.ofEpochMilli(windowStart)
        + ", window_end=" + Instant.ofEpochMilli(windowEnd) + ", " + values.describe(activeUsers);
  }
}
