package dev.tally.stream.metrics;

import dev.tally.stream.fingerprint.LongTable;

/**
 * The distinct users of a rolling window, kept incrementally: for each user fingerprint, the number
 * of the window's minute panes it is in. A minute entering the window adds its {@link UserSet}, one
 * leaving it takes its set away; a user is in the window while its count is above zero. 12 bytes a
 * slot (a {@link LongTable} of fingerprints beside their counts), between 1/8 and 3/4 full. A Flink POJO.
 */
public class UserCounts {

  public long[] users = new long[0];
  public int[] counts = new int[0];
  public int size;

  public UserCounts() {}

  /** Distinct users in the window. */
  public int size() {
    return size;
  }

  public void add(UserSet pane) {
    for (long user : pane.slots) {
      if (user != 0) {
        add(user);
      }
    }
  }

  public void remove(UserSet pane) {
    for (long user : pane.slots) {
      if (user != 0) {
        remove(user);
      }
    }
  }

  public void clear() {
    users = new long[0];
    counts = new int[0];
    size = 0;
  }

  private void add(long user) {
    if (users.length == 0 || users[LongTable.slot(users, user)] != user && LongTable.isFull(size, users.length)) {
      resize(Math.max(LongTable.INITIAL_SLOTS, users.length * 2));
    }
    int i = LongTable.slot(users, user);
    if (users[i] == 0) {
      users[i] = user;
      size++;
    }
    counts[i]++;
  }

  private void remove(long user) {
    if (users.length == 0) {
      return;
    }
    int i = LongTable.slot(users, user);
    if (users[i] != user || --counts[i] > 0) {
      return;
    }
    // delete by shifting back the entries after it that probed past it, so no probe stops early
    int mask = users.length - 1;
    for (int j = (i + 1) & mask; users[j] != 0; j = (j + 1) & mask) {
      int home = LongTable.home(users[j], mask);
      boolean staysReachable = i <= j ? i < home && home <= j : i < home || home <= j;
      if (!staysReachable) {
        users[i] = users[j];
        counts[i] = counts[j];
        i = j;
      }
    }
    users[i] = 0;
    counts[i] = 0;
    size--;
    if (users.length > LongTable.INITIAL_SLOTS && size * 8L < users.length) {
      resize(users.length / 2); // a day after a peak, the window holds only what is in it now
    }
  }

  private void resize(int slots) {
    long[] oldUsers = users;
    int[] oldCounts = counts;
    users = new long[slots];
    counts = new int[users.length];
    for (int k = 0; k < oldUsers.length; k++) {
      if (oldUsers[k] != 0) {
        int i = LongTable.slot(users, oldUsers[k]);
        users[i] = oldUsers[k];
        counts[i] = oldCounts[k];
      }
    }
  }
}
