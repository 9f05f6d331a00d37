package dev.tally.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserCountsTest {

  @Test
  void aUserSetCountsEachUserOnce() {
    UserSet users = new UserSet();
    for (int i = 0; i < 1000; i++) {
      users.add("u" + i % 300);
    }
    UserSet more = new UserSet();
    more.add("u0");
    more.add("v0");
    users.addAll(more);
    assertThat(users.size()).isEqualTo(301);
    assertThat(users.slots.length).as("at most 3/4 full").isEqualTo(512);
  }

  /**
   * Panes of random users enter and leave a window in turn, as minutes do, through a burst of many
   * users and back: the distinct count is always that of the panes inside, and after the burst the
   * table shrinks again.
   */
  @Test
  void addingAndRemovingPanesKeepsTheDistinctUsersOfThePanesInside() {
    Random random = new Random(11);
    UserCounts window = new UserCounts();
    Deque<Set<String>> inside = new ArrayDeque<>();
    Deque<UserSet> insideSets = new ArrayDeque<>();
    int largest = 0;
    for (int minute = 0; minute < 400; minute++) {
      int population = minute >= 100 && minute < 150 ? 20_000 : 300; // a burst of users
      Set<String> pane = new HashSet<>();
      int count = random.nextInt(population / 3);
      for (int i = 0; i < count; i++) {
        pane.add("user-" + random.nextInt(population));
      }
      UserSet set = new UserSet();
      pane.forEach(set::add);
      window.add(set);
      inside.addLast(pane);
      insideSets.addLast(set);
      if (inside.size() > 60) {
        inside.removeFirst();
        window.remove(insideSets.removeFirst());
      }
      Map<String, Integer> expected = new HashMap<>();
      inside.forEach(p -> p.forEach(u -> expected.merge(u, 1, Integer::sum)));
      assertThat(window.size()).as("minute %d", minute).isEqualTo(expected.size());
      largest = Math.max(largest, window.users.length);
    }
    assertThat(window.users.length).as("shrunk after the burst").isLessThanOrEqualTo(largest / 16);
    while (!insideSets.isEmpty()) {
      window.remove(insideSets.removeFirst());
    }
    assertThat(window.size()).isZero();
    assertThat(window.users.length).isEqualTo(16);
  }
}
