package dev.tally.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeyLookupCacheTest {

  private static final long SECOND = 1_000_000_000L;

  private long now = 1_000 * SECOND;
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicReference<Optional<String>> stored = new AtomicReference<>(Optional.of("org-1"));
  private boolean databaseDown;
  private final Queue<Runnable> background = new ArrayDeque<>();

  private KeyLookupCache cache(Duration ttl) {
    return new KeyLookupCache(hash -> {
      lookups.incrementAndGet();
      if (databaseDown) {
        throw new SQLException("connection refused");
      }
      return stored.get();
    }, ttl, background::add, () -> now);
  }

  @Test
  void answersFromMemoryInTheFirstHalfOfTheTtl() throws SQLException {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));

    assertThat(cache.organizationOf("h")).contains("org-1");
    now += 4 * SECOND;
    assertThat(cache.organizationOf("h")).contains("org-1");

    assertThat(lookups).hasValue(1);
    assertThat(background).isEmpty();
  }

  @Test
  void afterHalfTheTtlOneRequestStartsABackgroundLookupAndNoneWaits() throws SQLException {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));
    cache.organizationOf("h");
    now += 6 * SECOND;

    for (int i = 0; i < 8; i++) {
      assertThat(cache.organizationOf("h")).contains("org-1");
    }
    assertThat(lookups).hasValue(1);
    assertThat(background).hasSize(1);

    background.poll().run();
    now += 9 * SECOND; // 15 s after the first lookup, 9 s after the refresh
    assertThat(cache.organizationOf("h")).contains("org-1");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aRevocationBitesWithinTheTtlEvenWithoutTraffic() throws SQLException {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));
    cache.organizationOf("h");
    stored.set(Optional.empty());

    now += 10 * SECOND;
    assertThat(cache.organizationOf("h")).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aRefreshThatFailsLeavesTheEntryUntilItsTtlThenTheRequestGetsTheError() throws SQLException {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));
    cache.organizationOf("h");
    databaseDown = true;
    now += 6 * SECOND;
    cache.organizationOf("h");
    background.poll().run();

    assertThat(cache.organizationOf("h")).contains("org-1");
    now += 4 * SECOND;
    assertThatThrownBy(() -> cache.organizationOf("h")).isInstanceOf(SQLException.class);
  }

  @Test
  void unknownKeysAreRememberedToo() throws SQLException {
    stored.set(Optional.empty());
    KeyLookupCache cache = cache(Duration.ofSeconds(10));

    cache.organizationOf("guess-1");
    cache.organizationOf("guess-1");

    assertThat(lookups).hasValue(1);
  }

  @Test
  void aZeroTtlAsksEveryTime() throws SQLException {
    KeyLookupCache cache = cache(Duration.ZERO);

    cache.organizationOf("h");
    cache.organizationOf("h");

    assertThat(lookups).hasValue(2);
    assertThat(background).isEmpty();
  }
}
