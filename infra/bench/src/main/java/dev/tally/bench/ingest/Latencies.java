package dev.tally.bench.ingest;

import java.util.Arrays;

/** Request latencies of one run, recorded by many threads, read as percentiles. */
public final class Latencies {

  private long[] nanos = new long[1 << 16];
  private int count;

  public synchronized void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, nanos.length * 2);
    }
    nanos[count++] = latencyNanos;
  }

  public synchronized int count() {
    return count;
  }

  /** The {@code p}-th percentile (0..100) in milliseconds, nearest rank. */
  public synchronized double percentileMillis(double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
  }
}
