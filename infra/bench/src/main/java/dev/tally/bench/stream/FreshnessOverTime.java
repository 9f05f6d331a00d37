package dev.tally.bench.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Freshness of a live run, per 10 seconds of sending (so that a p99 made by a few stalls shows when
 * they happened) and over the events sent after a warm-up: a job that has just started compiles its
 * code and grows its state in the first seconds, which a service that runs for weeks does once.
 * HdrHistograms (microseconds, 3 significant digits): the same memory for 20 million events as for 20.
 */
final class FreshnessOverTime {

  private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

  private final long startNanos;
  private final long warmUpNanos;
  private final Histogram warm = histogram();
  private final Histogram cold = histogram();
  private final List<Histogram> slices = new ArrayList<>();

  FreshnessOverTime(long startNanos, long warmUpNanos) {
    this.startNanos = startNanos;
    this.warmUpNanos = warmUpNanos;
  }

  private static Histogram histogram() {
    return new Histogram(MAX_MICROS, 3);
  }

  synchronized void record(long sentNanos, long latencyNanos) {
    long micros = Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
    (sentNanos - startNanos < warmUpNanos ? cold : warm).recordValue(micros);
    int slice = (int) Math.max(0, (sentNanos - startNanos) / SLICE_NANOS);
    while (slices.size() <= slice) {
      slices.add(histogram());
    }
    slices.get(slice).recordValue(micros);
  }

  /** Of the events sent after the warm-up, in milliseconds; NaN when there are none. */
  synchronized double percentileMillis(double p) {
    return millis(warm, p);
  }

  /** Of the events sent during the warm-up. */
  synchronized double warmUpPercentileMillis(double p) {
    return millis(cold, p);
  }

  /** {@code p99 per 10 s of sending, seconds: 1.2 1.3 7.9 ...} */
  synchronized String p99PerSlice() {
    StringBuilder line = new StringBuilder("p99 per 10 s of sending, seconds:");
    for (Histogram slice : slices) {
      line.append(String.format(Locale.ROOT, " %.1f", millis(slice, 99) / 1000));
    }
    return line.toString();
  }

  private static double millis(Histogram h, double p) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1000.0;
  }
}
