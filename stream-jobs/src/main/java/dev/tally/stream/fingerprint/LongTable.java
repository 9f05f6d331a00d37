package dev.tally.stream.fingerprint;

/**
 * Open-addressing hash tables of non-zero longs in a plain {@code long[]} (a power of two long, 0
 * marks an empty slot, linear probing, at most 3/4 full): 8 bytes a slot, so 11 to 21 bytes a key
 * (16 on average), no object per key. Kept in plain arrays so that Flink's POJO serializer writes
 * them as they are. Written here because the tables must be POJO fields of Flink state; the
 * primitive collections of libraries (fastutil, Eclipse Collections) would go through Kryo.
 */
public final class LongTable {

  /** Slots of a table that was just created. */
  public static final int INITIAL_SLOTS = 16;

  private LongTable() {}

  /** The slot holding {@code key}, or the empty slot where it would go. */
  public static int slot(long[] table, long key) {
    int mask = table.length - 1;
    int i = home(key, mask);
    while (table[i] != key && table[i] != 0) {
      i = (i + 1) & mask;
    }
    return i;
  }

  public static boolean contains(long[] table, long key) {
    return table.length > 0 && table[slot(table, key)] == key;
  }

  /** Whether a table of {@code slots} must grow before it takes key number {@code size + 1}. */
  public static boolean isFull(int size, int slots) {
    return (size + 1) * 4L > slots * 3L;
  }

  /** An empty table that takes {@code keys} keys without growing. */
  public static long[] forKeys(int keys) {
    int slots = INITIAL_SLOTS;
    while (isFull(keys - 1, slots)) {
      slots *= 2;
    }
    return new long[slots];
  }

  /** The keys of {@code table} in a table twice its size (of {@link #INITIAL_SLOTS} when empty). */
  public static long[] grown(long[] table) {
    long[] bigger = new long[Math.max(INITIAL_SLOTS, table.length * 2)];
    for (long key : table) {
      if (key != 0) {
        bigger[slot(bigger, key)] = key;
      }
    }
    return bigger;
  }

  /** The slot where a key's probe starts. */
  public static int home(long key, int mask) {
    return (int) (key ^ (key >>> 32)) & mask;
  }
}
