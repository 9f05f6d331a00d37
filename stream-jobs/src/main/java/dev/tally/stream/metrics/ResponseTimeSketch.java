package dev.tally.stream.metrics;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.util.HashMap;
import java.util.Map;

/**
 * Response-time quantiles as a DDSketch (relative accuracy 1 %): each value goes to a logarithmic
 * bucket, and the sketch keeps only the count per bucket. Counts add, so sketches of minutes merge
 * exactly and in any order, and the same values always give the same quantile. The buckets are kept
 * in a plain map (a Flink POJO field); DDSketch computes the quantile from them.
 */
public class ResponseTimeSketch {

  /** Relative accuracy of every quantile: the value returned is within 1 % of a true one. */
  public static final double RELATIVE_ACCURACY = 0.01;

  private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

  /** Count of values per bucket index (values of at least the mapping's smallest indexable value). */
  public Map<Integer, Long> buckets = new HashMap<>();
  /** Count of values too small to index (zero and below). */
  public long zeros;

  public ResponseTimeSketch() {}

  public void add(double valueMs) {
    if (valueMs < MAPPING.minIndexableValue()) {
      zeros++;
    } else {
      buckets.merge(MAPPING.index(valueMs), 1L, Long::sum);
    }
  }

  public void merge(ResponseTimeSketch other) {
    add(other, 1);
  }

  /** Adds ({@code sign} 1) or takes away (-1) {@code other}'s counts; a bucket left empty is removed. */
  void add(ResponseTimeSketch other, int sign) {
    zeros += sign * other.zeros;
    other.buckets.forEach((index, count) -> buckets.merge(index, sign * count, MinutePane::sumOrNone));
  }

  public long count() {
    long count = zeros;
    for (long c : buckets.values()) {
      count += c;
    }
    return count;
  }

  /** The value at quantile {@code q} (0..1), or null when the sketch is empty. */
  public Double quantile(double q) {
    if (count() == 0) {
      return null;
    }
    DDSketch sketch = new DDSketch(MAPPING, UnboundedSizeDenseStore::new);
    if (zeros > 0) {
      sketch.accept(0, zeros);
    }
    buckets.forEach((index, count) -> sketch.accept(MAPPING.value(index), count));
    return sketch.getValueAtQuantile(q);
  }

  public ResponseTimeSketch copy() {
    ResponseTimeSketch copy = new ResponseTimeSketch();
    copy.buckets = new HashMap<>(buckets);
    copy.zeros = zeros;
    return copy;
  }
}
