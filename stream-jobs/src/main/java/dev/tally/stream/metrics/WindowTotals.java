package dev.tally.stream.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * One rolling window's values, kept as sums of the minute panes inside it: a pane is added when its
 * minute enters the window and taken away when it leaves, so moving the window costs the two panes,
 * not the whole window. Every value is an integer sum or a count, so taking a pane away is exact:
 * the totals are always what merging the window's panes would give. A Flink POJO.
 */
public class WindowTotals {

  /** Every value but the users (their {@link MinutePane#users} stays empty). */
  public MinutePane sums = new MinutePane();
  public UserCounts users = new UserCounts();
  /** Panes with revenue in each currency: a currency stays in the sums while one has it, even at a net of zero. */
  public Map<String, Integer> revenuePanes = new HashMap<>();

  public WindowTotals() {}

  public void add(MinutePane pane) {
    sums.addMeasures(pane, 1);
    users.add(pane.users);
    pane.netRevenueMinor.keySet().forEach(currency -> revenuePanes.merge(currency, 1, Integer::sum));
  }

  public void remove(MinutePane pane) {
    sums.addMeasures(pane, -1);
    users.remove(pane.users);
    for (String currency : pane.netRevenueMinor.keySet()) {
      if (revenuePanes.merge(currency, -1, (a, b) -> a + b == 0 ? null : a + b) == null) {
        sums.netRevenueMinor.remove(currency);
      }
    }
  }

  public long activeUsers() {
    return users.size();
  }
}
