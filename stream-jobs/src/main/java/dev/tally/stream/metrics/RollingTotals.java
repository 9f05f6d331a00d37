package dev.tally.stream.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * One organization's rolling windows ({@link RollingWindow}), all ending at the same minute boundary,
 * kept incrementally ({@link WindowTotals}): moving the end by a minute adds the minute that enters
 * each window and takes away the one that leaves it; a late change to a minute inside the windows
 * replaces its pane. The work is a few panes a minute, whatever the windows' length. A Flink POJO:
 * the keyed state of the rolling windows operator; the panes themselves are kept beside it.
 */
public class RollingTotals {

  private static final long M = EventTime.MINUTE_MS;
  private static final long LONGEST = RollingWindow.longest().millis();

  /** The minute panes the windows are made of, by minute start. */
  public interface Panes {
    MinutePane get(long minute) throws Exception;

    /** Every minute held (a copy: panes may be removed while it is read). */
    List<Long> minutes() throws Exception;

    void remove(long minute) throws Exception;
  }

  /** One per {@link RollingWindow}, in its order. */
  public WindowTotals[] windows = newWindows();

  public RollingTotals() {}

  /**
   * Moves the windows' end from {@code from} to {@code to} (minute boundaries; {@code from} is
   * {@link Long#MIN_VALUE} the first time), and removes the panes that are now before every window.
   */
  public void advance(long from, long to, Panes panes) throws Exception {
    if (from == Long.MIN_VALUE || to - from >= LONGEST) {
      windows = newWindows(); // nothing of the old windows is left: built from the panes held
      for (long minute : panes.minutes()) {
        if (minute < to - LONGEST) {
          panes.remove(minute);
        } else if (minute < to) {
          MinutePane pane = panes.get(minute);
          forEachWindowHolding(minute, to, totals -> totals.add(pane));
        }
      }
      return;
    }
    RollingWindow[] kinds = RollingWindow.values();
    for (int w = 0; w < kinds.length; w++) {
      long size = kinds[w].millis();
      for (long minute = Math.max(from, to - size); minute < to; minute += M) {
        MinutePane entering = panes.get(minute);
        if (entering != null) {
          windows[w].add(entering);
        }
      }
      for (long minute = from - size; minute < Math.min(to - size, from); minute += M) {
        MinutePane leaving = panes.get(minute);
        if (leaving != null) {
          windows[w].remove(leaving);
        }
      }
    }
    for (long minute = from - LONGEST; minute < to - LONGEST; minute += M) {
      panes.remove(minute);
    }
  }

  /** The pane of {@code minute} changed from {@code old} (null: none) to {@code updated}, with the windows ending at {@code end}. */
  public void replace(long end, long minute, MinutePane old, MinutePane updated) {
    forEachWindowHolding(minute, end, totals -> {
      if (old != null) {
        totals.remove(old);
      }
      totals.add(updated);
    });
  }

  /** The rows of the windows ending at {@code end}. */
  public List<RollingMetrics> rows(String organizationId, long end) {
    List<RollingMetrics> rows = new ArrayList<>();
    RollingWindow[] kinds = RollingWindow.values();
    for (int w = 0; w < kinds.length; w++) {
      rows.add(new RollingMetrics(organizationId, kinds[w].label(), end - kinds[w].millis(), end,
          windows[w].sums.copy(), windows[w].activeUsers()));
    }
    return rows;
  }

  private void forEachWindowHolding(long minute, long end, java.util.function.Consumer<WindowTotals> action) {
    RollingWindow[] kinds = RollingWindow.values();
    for (int w = 0; w < kinds.length; w++) {
      if (minute >= end - kinds[w].millis() && minute < end) {
        action.accept(windows[w]);
      }
    }
  }

  private static WindowTotals[] newWindows() {
    WindowTotals[] windows = new WindowTotals[RollingWindow.values().length];
    for (int w = 0; w < windows.length; w++) {
      windows[w] = new WindowTotals();
    }
    return windows;
  }
}
