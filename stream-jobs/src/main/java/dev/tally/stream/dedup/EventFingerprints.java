package dev.tally.stream.dedup;

import dev.tally.stream.fingerprint.LongTable;
import java.util.Arrays;

/**
 * One organization's event ids seen within the deduplication horizon, as 64-bit fingerprints in
 * slices of event time. An id goes into the slice of its event's time; a slice is dropped whole once
 * the watermark is a horizon past its end, so the memory held is the ids of about one horizon plus
 * one slice of event time, whatever the time the job has run. A lookup checks every live slice, so a
 * copy of an event counts once even if its time differs from the first copy's.
 *
 * <p>Each slice is a {@link LongTable} of {@link dev.tally.stream.fingerprint.Fingerprint}s: 11 to
 * 21 bytes per id (16 on average). It is the keyed state of {@code DeduplicateEvents} on the heap,
 * written by {@link EventFingerprintsSerializer}, whose copy is {@link #sharedCopy}. Not thread-safe.
 */
public class EventFingerprints {

  /** Start of each live slice (event time, epoch ms), in the order they were created. */
  long[] sliceStarts = new long[0];
  /** The open-addressing table of each live slice. */
  long[][] tables = new long[0][];
  /** Ids in each live slice. */
  int[] sizes = new int[0];
  /** Whether each table is this object's to change; one shared with a copy is cloned first. */
  boolean[] owned = new boolean[0];
  /** The newest watermark this organization's events saw (restores start again from nothing). */
  public long watermark = Long.MIN_VALUE;

  public EventFingerprints() {}

  /**
   * A copy that shares the slices' tables with this one; either clones a table before it first
   * changes it. The heap state backend copies each organization's value the first time it is touched
   * while a checkpoint is written (copy-on-write): with a deep copy a checkpoint doubled the memory of
   * deduplication; shared, it costs the tables changed meanwhile, mostly the newest slice's.
   */
  public EventFingerprints sharedCopy() {
    EventFingerprints copy = new EventFingerprints();
    copy.sliceStarts = sliceStarts.clone();
    copy.tables = tables.clone();
    copy.sizes = sizes.clone();
    copy.owned = new boolean[tables.length];
    copy.watermark = watermark;
    Arrays.fill(owned, false);
    return copy;
  }

  /**
   * Records {@code fingerprint} in the slice of length {@code sliceMs} holding {@code eventTime}.
   *
   * @return false when it was already there (in any live slice): a duplicate
   */
  public boolean add(long fingerprint, long eventTime, long sliceMs) {
    for (long[] table : tables) {
      if (LongTable.contains(table, fingerprint)) {
        return false;
      }
    }
    int slice = slice(Math.floorDiv(eventTime, sliceMs) * sliceMs);
    if (LongTable.isFull(sizes[slice], tables[slice].length)) {
      tables[slice] = LongTable.grown(tables[slice]);
      owned[slice] = true;
    } else if (!owned[slice]) {
      tables[slice] = tables[slice].clone();
      owned[slice] = true;
    }
    tables[slice][LongTable.slot(tables[slice], fingerprint)] = fingerprint;
    sizes[slice]++;
    return true;
  }

  /**
   * Drops every slice that ends at or before {@code oldest}: the ids of events older than the horizon.
   *
   * @return the end of the oldest slice left (when it can be dropped), or {@link Long#MAX_VALUE} when none is left
   */
  public long dropEndingBy(long oldest, long sliceMs) {
    int kept = 0;
    long nextEnd = Long.MAX_VALUE;
    for (int i = 0; i < sliceStarts.length; i++) {
      long end = sliceStarts[i] + sliceMs;
      if (end > oldest) {
        sliceStarts[kept] = sliceStarts[i];
        tables[kept] = tables[i];
        sizes[kept] = sizes[i];
        owned[kept] = owned[i];
        kept++;
        nextEnd = Math.min(nextEnd, end);
      }
    }
    if (kept < sliceStarts.length) {
      sliceStarts = Arrays.copyOf(sliceStarts, kept);
      tables = Arrays.copyOf(tables, kept);
      sizes = Arrays.copyOf(sizes, kept);
      owned = Arrays.copyOf(owned, kept);
    }
    return nextEnd;
  }

  /** Ids held. */
  public long size() {
    long size = 0;
    for (int s : sizes) {
      size += s;
    }
    return size;
  }

  /** Bytes of the tables (the state's size in memory, give or take the arrays' headers). */
  public long tableBytes() {
    long bytes = 0;
    for (long[] table : tables) {
      bytes += 8L * table.length;
    }
    return bytes;
  }

  public boolean isEmpty() {
    return sliceStarts.length == 0;
  }

  /** Index of the slice starting at {@code start}, created when missing. */
  private int slice(long start) {
    for (int i = 0; i < sliceStarts.length; i++) {
      if (sliceStarts[i] == start) {
        return i;
      }
    }
    int n = sliceStarts.length;
    sliceStarts = Arrays.copyOf(sliceStarts, n + 1);
    tables = Arrays.copyOf(tables, n + 1);
    sizes = Arrays.copyOf(sizes, n + 1);
    owned = Arrays.copyOf(owned, n + 1);
    sliceStarts[n] = start;
    tables[n] = new long[LongTable.INITIAL_SLOTS];
    owned[n] = true;
    return n;
  }

}
