package dev.tally.stream.metrics;

import static dev.tally.stream.event.Tracked.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.event.Tracked;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RollingTotalsTest {

  private static final String ORG = "00000000-0000-0000-0000-000000000002";
  private static final long M = EventTime.MINUTE_MS;
  private static final long END = 1_700_000_040_000L;
  private static final long DAY = 24 * 60 * M;

  /** The panes held by the operator, in a map. */
  private static final class HeldPanes implements RollingTotals.Panes {
    final TreeMap<Long, MinutePane> panes = new TreeMap<>();

    @Override
    public MinutePane get(long minute) {
      return panes.get(minute);
    }

    @Override
    public List<Long> minutes() {
      return new ArrayList<>(panes.keySet());
    }

    @Override
    public void remove(long minute) {
      panes.remove(minute);
    }
  }

  private static MinutePane pane(long minute, int events) {
    MinutePane pane = new MinutePane();
    for (int i = 0; i < events; i++) {
      pane.add(event(ORG, minute + "-" + i, "page_viewed", minute).user("u" + i).get());
    }
    return pane;
  }

  @Test
  void eachWindowHoldsThePanesOfItsMinutesOnly() throws Exception {
    HeldPanes held = new HeldPanes();
    held.panes.put(END - DAY - M, pane(END - DAY - M, 100)); // just outside 24 h
    held.panes.put(END - DAY, pane(END - DAY, 1000));        // first minute of 24 h
    held.panes.put(END - 60 * M, pane(END - 60 * M, 10));    // first minute of 1 h
    held.panes.put(END - 6 * M, pane(END - 6 * M, 20));      // outside 5 min
    held.panes.put(END - 5 * M, pane(END - 5 * M, 3));       // first minute of 5 min
    held.panes.put(END - M, pane(END - M, 2));               // last minute
    held.panes.put(END, pane(END, 7));                       // not closed yet: outside all

    RollingTotals totals = new RollingTotals();
    totals.advance(Long.MIN_VALUE, END, held);
    List<RollingMetrics> windows = totals.rows(ORG, END);

    assertThat(windows).extracting(w -> w.window).containsExactly("5m", "1h", "24h");
    assertThat(windows).extracting(w -> w.values.events).containsExactly(3L + 2, 10L + 20 + 3 + 2, 1000L + 10 + 20 + 3 + 2);
    assertThat(windows).extracting(w -> w.windowEnd).containsOnly(END);
    assertThat(windows.get(0).windowStart).isEqualTo(END - 5 * M);
    assertThat(windows.get(2).activeUsers).as("users u0..u999, distinct across minutes").isEqualTo(1000);
    assertThat(held.panes).as("the pane before every window is dropped").doesNotContainKey(END - DAY - M).containsKey(END);
  }

  /**
   * Random minutes of random events, the end moving by one minute, by jumps, and past everything,
   * with late changes to minutes inside the windows: after every step each window equals the merge
   * of its panes from scratch (the definition), down to the response-time buckets and currencies.
   */
  @Test
  void movedAMinuteAtATimeOrByJumpsTheTotalsAreAlwaysTheMergeOfTheWindowsPanes() throws Exception {
    Random random = new Random(7);
    HeldPanes held = new HeldPanes();
    TreeMap<Long, MinutePane> all = new TreeMap<>();
    RollingTotals totals = new RollingTotals();
    long end = Long.MIN_VALUE;
    long now = END;
    for (int step = 0; step < 3000; step++) {
      int kind = random.nextInt(100);
      if (kind < 60) { // the newest minute closes: its pane, then the end moves a minute (or a few)
        long minute = now;
        MinutePane pane = randomPane(random, minute);
        held.panes.put(minute, pane);
        all.put(minute, pane);
        long to = now + M * (kind < 55 ? 1 : 1 + random.nextInt(90));
        totals.advance(end, to, held);
        end = to;
        now = to;
      } else if (kind < 90 && end != Long.MIN_VALUE) { // a late event changes a minute inside the windows
        long minute = end - M * (1 + random.nextInt(30));
        MinutePane old = held.panes.get(minute);
        MinutePane updated = old == null ? new MinutePane() : old.copy();
        updated.add(randomEvent(random, minute, "late-" + step));
        held.panes.put(minute, updated);
        all.put(minute, updated);
        totals.replace(end, minute, old, updated);
      } else if (kind >= 99) { // quiet for more than a day
        long to = now + DAY + M * random.nextInt(100);
        totals.advance(end, to, held);
        end = to;
        now = to;
      }
      if (end != Long.MIN_VALUE) {
        assertThat(describe(totals.rows(ORG, end))).as("step %d", step).isEqualTo(describe(merged(all, end)));
        assertThat(held.panes.isEmpty() || held.panes.firstKey() >= end - DAY).as("no pane before every window").isTrue();
      }
    }
  }

  private static MinutePane randomPane(Random random, long minute) {
    MinutePane pane = new MinutePane();
    int events = random.nextInt(6);
    for (int i = 0; i < events; i++) {
      pane.add(randomEvent(random, minute, minute + "-" + i));
    }
    return pane;
  }

  private static dev.tally.stream.event.TrackedEvent randomEvent(Random random, long minute, String id) {
    String[] types = {"page_viewed", "message_sent", "order_completed", "order_refunded"};
    String type = types[random.nextInt(types.length)];
    Tracked event = event(ORG, id, type, minute);
    if (random.nextInt(4) > 0) {
      event.user("u" + random.nextInt(40));
    }
    if (type.equals("message_sent")) {
      event.usage(random.nextInt(500), random.nextInt(3) == 0 ? 0 : random.nextInt(5000) / 7.0);
    }
    String currency = random.nextBoolean() ? "USD" : "JPY";
    if (type.equals("order_completed")) {
      event.sale(100 * random.nextInt(3), currency); // equal sales and refunds net to zero: the currency stays
    } else if (type.equals("order_refunded")) {
      event.refund(100 * random.nextInt(3), currency);
    }
    return event.get();
  }

  /** The windows ending at {@code end} by definition: the merge of the panes inside each. */
  private static List<RollingMetrics> merged(TreeMap<Long, MinutePane> panes, long end) {
    List<RollingMetrics> rows = new ArrayList<>();
    for (RollingWindow window : RollingWindow.values()) {
      MinutePane merged = new MinutePane();
      panes.subMap(end - window.millis(), end).values().forEach(merged::merge);
      rows.add(new RollingMetrics(ORG, window.label(), end - window.millis(), end, merged, merged.activeUsers()));
    }
    return rows;
  }

  private static List<String> describe(List<RollingMetrics> rows) {
    return rows.stream().map(r -> r.describe() + " p95=" + r.values.p95ResponseTimeMs() + " mean=" + r.values.meanResponseTimeMs()
        + " zeros=" + r.values.responseTimeSketch.zeros + " buckets=" + new TreeMap<>(r.values.responseTimeSketch.buckets)).toList();
  }
}
