package dev.tally.batch.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two sets of totals keyed by organization and measure; a total missing on one side is 0
 * there. Only differences are reported, ordered by organization and measure.
 */
public final class Reconciliation {

  private Reconciliation() {}

  /** A total of one organization and measure. */
  public record Total(String organizationId, String measure, long value) {}

  public static List<Drift> compare(LocalDate date, List<Total> stream, List<Total> batch) {
    Map<String, Long> s = index(stream);
    Map<String, Long> b = index(batch);
    List<Drift> drifts = new ArrayList<>();
    for (String key : new TreeSet<>(union(s, b))) {
      long sv = s.getOrDefault(key, 0L);
      long bv = b.getOrDefault(key, 0L);
      if (sv != bv) {
        int bar = key.indexOf('|');
        drifts.add(new Drift(key.substring(0, bar), date, key.substring(bar + 1), sv, bv, sv - bv));
      }
    }
    return drifts;
  }

  private static Map<String, Long> index(List<Total> totals) {
    Map<String, Long> map = new TreeMap<>();
    totals.forEach(t -> map.merge(t.organizationId() + "|" + t.measure(), t.value(), Long::sum));
    return map;
  }

  private static java.util.Set<String> union(Map<String, Long> a, Map<String, Long> b) {
    java.util.Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
