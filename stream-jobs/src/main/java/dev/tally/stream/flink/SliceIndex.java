package dev.tally.stream.flink;

import java.util.Arrays;

/**
 * The slices of event time in which an organization has ids, when {@link DeduplicateEvents} keeps
 * the ids one by one (on RocksDB), and the newest watermark its events saw. A few longs: at most
 * about five slices are live. A Flink POJO.
 */
public class SliceIndex {

  public long[] sliceStarts = new long[0];
  public long watermark = Long.MIN_VALUE;

  public SliceIndex() {}

  /** Adds the slice starting at {@code start}; false when it was there. */
  boolean add(long start) {
    for (long s : sliceStarts) {
      if (s == start) {
        return false;
      }
    }
    sliceStarts = Arrays.copyOf(sliceStarts, sliceStarts.length + 1);
    sliceStarts[sliceStarts.length - 1] = start;
    return true;
  }

  boolean anyEndingBy(long oldest, long sliceMs) {
    return Arrays.stream(sliceStarts).anyMatch(start -> start + sliceMs <= oldest);
  }

  void dropEndingBy(long oldest, long sliceMs) {
    sliceStarts = Arrays.stream(sliceStarts).filter(start -> start + sliceMs > oldest).toArray();
  }

  /** The end of the oldest slice, or {@link Long#MAX_VALUE} when there is none. */
  long oldestEnd(long sliceMs) {
    return Arrays.stream(sliceStarts).map(start -> start + sliceMs).min().orElse(Long.MAX_VALUE);
  }
}
