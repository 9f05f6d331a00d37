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
  private static final WriteKeys.KeyGrant ORG_1 = new WriteKeys.KeyGrant("org-1", KeyScope.SERVER);
  private final AtomicReference<Optional<WriteKeys.KeyGrant>> stored = new AtomicReference<>(Optional.of(ORG_1));
  private boolean databaseDown;
  private final Queue<Runnable> background = new ArrayDeque<>();

  private KeyLookupCache cache(Duration ttl) {
    return cache(new KeyLookupCache.Policy(ttl, Duration.ZERO, 0));
  }

  private KeyLookupCache cache(KeyLookupCache.Policy policy) {
    return new KeyLookupCache(hash -> {
      lookups.incrementAndGet();
      if (databaseDown) {
        throw new SQLException("connection refused");
      }
      return stored.get();
    }, policy, background::add, () -> now);
  }

  @Test
  void answersFromMemoryInTheFirstHalfOfTheTtl() throws Exception {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));

    assertThat(cache.find("h")).contains(ORG_1);
    now += 4 * SECOND;
    assertThat(cache.find("h")).contains(ORG_1);

    assertThat(lookups).hasValue(1);
    assertThat(background).isEmpty();
  }

  @Test
  void afterHalfTheTtlOneRequestStartsABackgroundLookupAndNoneWaits() throws Exception {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));
    cache.find("h");
    now += 6 * SECOND;

    for (int i = 0; i < 8; i++) {
      assertThat(cache.find("h")).contains(ORG_1);
    }
    assertThat(lookups).hasValue(1);
    assertThat(background).hasSize(1);

    background.poll().run();
    now += 9 * SECOND; // 15 s after the first lookup, 9 s after the refresh
    assertThat(cache.find("h")).contains(ORG_1);
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aRevocationBitesWithinTheTtlEvenWithoutTraffic() throws Exception {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));
    cache.find("h");
    stored.set(Optional.empty());

    now += 10 * SECOND;
    assertThat(cache.find("h")).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aRefreshThatFailsLeavesTheEntryUntilItsTtlThenTheRequestGetsTheError() throws Exception {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));
    cache.find("h");
    databaseDown = true;
    now += 6 * SECOND;
    cache.find("h");
    background.poll().run();

    assertThat(cache.find("h")).contains(ORG_1);
    now += 4 * SECOND;
    assertThatThrownBy(() -> cache.find("h")).isInstanceOf(SQLException.class);
  }

  @Test
  void unknownKeysAreRememberedToo() throws Exception {
    stored.set(Optional.empty());
    KeyLookupCache cache = cache(Duration.ofSeconds(10));

    cache.find("guess-1");
    cache.find("guess-1");

    assertThat(lookups).hasValue(1);
  }

  @Test
  void aZeroTtlAsksEveryTime() throws Exception {
    KeyLookupCache cache = cache(Duration.ZERO);

    cache.find("h");
    cache.find("h");

    assertThat(lookups).hasValue(2);
    assertThat(background).isEmpty();
  }

  @Test
  void whilePostgresqlIsDownAKnownKeyWorksUntilTheStaleBoundAndANewKeyGetsTheError() throws Exception {
    KeyLookupCache cache = cache(new KeyLookupCache.Policy(Duration.ofSeconds(10), Duration.ofSeconds(60), 0));
    cache.find("known");
    databaseDown = true;

    now += 65 * SECOND; // 5 s before the bound: TTL 10 s + 60 s
    assertThat(cache.find("known")).contains(ORG_1);
    assertThatThrownBy(() -> cache.find("new")).isInstanceOf(SQLException.class);
    now += 5 * SECOND;
    assertThatThrownBy(() -> cache.find("known")).isInstanceOf(SQLException.class);

    databaseDown = false;
    stored.set(Optional.empty()); // revoked during the outage
    assertThat(cache.find("known")).as("the revocation bites once PostgreSQL answers").isEmpty();
  }

  @Test
  void keysInNeitherCacheAreLookedUpOnlyWithinTheBudget() throws Exception {
    stored.set(Optional.empty());
    KeyLookupCache cache = cache(new KeyLookupCache.Policy(Duration.ofSeconds(10), Duration.ZERO, 5));

    int turnedAway = 0;
    for (int i = 0; i < 1000; i++) {
      turnedAway += unknownOrBusy(cache, "guess-" + i);
    }
    assertThat(lookups).as("one second's budget").hasValue(5);
    assertThat(turnedAway).isEqualTo(995);

    now += SECOND / 2;
    for (int i = 1000; i < 2000; i++) {
      unknownOrBusy(cache, "guess-" + i);
    }
    assertThat(lookups).as("half a second later, half a second's budget more").hasValue(7);
    assertThat(cache.find("guess-0")).as("a key looked up is remembered, budget or not").isEmpty();
  }

  @Test
  void aFloodOfUnknownKeysNeverEvictsAKnownOne() throws Exception {
    KeyLookupCache cache = cache(Duration.ofSeconds(10));
    cache.find("known");
    stored.set(Optional.empty());

    for (int i = 0; i < 150_000; i++) { // more than both caches hold
      cache.find("guess-" + i);
    }
    int before = lookups.get();

    assertThat(cache.find("known")).contains(ORG_1);
    assertThat(lookups).as("answered from memory").hasValue(before);
  }

  /** 0 when the key was looked up (and is unknown), 1 when it was turned away. */
  private static int unknownOrBusy(KeyLookupCache cache, String key) throws SQLException {
    try {
      assertThat(cache.find(key)).isEmpty();
      return 0;
    } catch (KeyLookupsBusy busy) {
      return 1;
    }
  }
}
