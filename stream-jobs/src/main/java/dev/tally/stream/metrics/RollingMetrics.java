package dev.tally.stream.metrics;

import dev.tally.stream.sink.StoreRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One organization's values over one rolling window {@code [end - size, end)}, merged from the
 * minute panes inside it.
 */
public class RollingMetrics implements StoreRow {

  public String organizationId;
  public String window;
  public long windowStart;
  public long windowEnd;
  public MinutePane values;

  public RollingMetrics() {}

  public RollingMetrics(String organizationId, String window, long windowStart, long windowEnd, MinutePane values) {
    this.organizationId = organizationId;
    this.window = window;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.values = values;
  }

  @Override
  public String organization() {
    return organizationId;
  }

  @Override
  public String describe() {
    return "organization_id=" + organizationId + ", window_name=" + window + ", window_start=" + Instant.ofEpochMilli(windowStart)
        + ", window_end=" + Instant.ofEpochMilli(windowEnd) + ", " + values.describe();
  }

  /**
   * Every rolling window ending at {@code end} (a minute boundary), from {@code panes} by minute
   * start; minutes outside a window are left out of it. Panes are merged in minute order, so the
   * same panes always give the same values.
   */
  public static List<RollingMetrics> at(String organizationId, long end, SortedMap<Long, MinutePane> panes) {
    List<RollingMetrics> result = new ArrayList<>();
    // the windows share their end and grow: each one is the previous one plus the minutes before it
    MinutePane merged = new MinutePane();
    long covered = end;
    for (RollingWindow window : RollingWindow.values()) {
      long start = end - window.millis();
      for (Map.Entry<Long, MinutePane> pane : panes.subMap(start, covered).entrySet()) {
        merged.merge(pane.getValue());
      }
      covered = start;
      result.add(new RollingMetrics(organizationId, window.label(), start, end, merged.copy()));
    }
    return result;
  }
}
