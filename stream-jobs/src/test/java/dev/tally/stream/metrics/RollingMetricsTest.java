package dev.tally.stream.metrics;

import static dev.tally.stream.event.Tracked.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RollingMetricsTest {

  private static final String ORG = "00000000-0000-0000-0000-000000000002";
  private static final long M = 60_000L;
  private static final long END = 1_700_000_040_000L;

  private static MinutePane pane(long minute, int events) {
    MinutePane pane = new MinutePane();
    for (int i = 0; i < events; i++) {
      pane.add(event(ORG, minute + "-" + i, "page_viewed", minute).user("u" + i).get());
    }
    return pane;
  }

  @Test
  void eachWindowMergesThePanesOfItsMinutesOnly() {
    TreeMap<Long, MinutePane> panes = new TreeMap<>();
    panes.put(END - 24 * 60 * M - M, pane(END - 24 * 60 * M - M, 100)); // just outside 24 h
    panes.put(END - 24 * 60 * M, pane(END - 24 * 60 * M, 1000));       // first minute of 24 h
    panes.put(END - 60 * M, pane(END - 60 * M, 10));                    // first minute of 1 h
    panes.put(END - 5 * M - M, pane(END - 6 * M, 20));                  // outside 5 min
    panes.put(END - 5 * M, pane(END - 5 * M, 3));                       // first minute of 5 min
    panes.put(END - M, pane(END - M, 2));                               // last minute
    panes.put(END, pane(END, 7));                                       // not closed yet: outside all

    List<RollingMetrics> windows = RollingMetrics.at(ORG, END, panes);

    assertThat(windows).extracting(w -> w.window).containsExactly("5m", "1h", "24h");
    assertThat(windows).extracting(w -> w.values.events).containsExactly(3L + 2, 10L + 20 + 3 + 2, 1000L + 10 + 20 + 3 + 2);
    assertThat(windows).extracting(w -> w.windowEnd).containsOnly(END);
    assertThat(windows.get(0).windowStart).isEqualTo(END - 5 * M);
    assertThat(windows.get(2).values.activeUsers()).as("users u0..u999, distinct across minutes").isEqualTo(1000);
  }
}
