package dev.tally.ingest.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write key lookups (key hash → the key's organization and scope, or none), remembered so that
 * requests rarely wait for PostgreSQL and floods of made-up keys never reach it:
 * <ul>
 *   <li>A known key is remembered for the TTL from its last confirmation. Once half the TTL is gone,
 *       the next request that uses it starts a lookup in the background and goes on with the
 *       remembered answer, so under steady traffic no request waits. Past the TTL it is looked up
 *       again before use: a revocation bites within the TTL.</li>
 *   <li>While PostgreSQL cannot be asked, a known key keeps working until {@code staleWhileDown}
 *       past its TTL (bounded, so an outage cannot keep a revoked key alive for long).</li>
 *   <li>Unknown keys are remembered for the TTL too, in a cache of their own: they never evict known
 *       keys (both caches are bounded, Caffeine's size-based eviction).</li>
 *   <li>A key in neither cache is looked up only within the {@link TokenBucket}; beyond it the
 *       request is turned away ({@link KeyLookupsBusy}, 503 and Retry-After) without asking PostgreSQL.</li>
 * </ul>
 * A TTL of zero remembers nothing (command-line tools).
 */
final class KeyLookupCache {

  /** The lookup itself: the active key with this hash, or none. */
  @FunctionalInterface
  interface Lookup {
    Optional<WriteKeys.KeyGrant> find(String keyHash) throws SQLException;
  }

  /**
   * @param ttl how long an answer is used before it is asked again
   * @param staleWhileDown how long past its TTL a known key keeps working while PostgreSQL cannot be asked
   * @param lookupsPerSecond lookups of keys in neither cache, at most, per second (0: no bound)
   */
  record Policy(Duration ttl, Duration staleWhileDown, int lookupsPerSecond) {

    /** Every request asks PostgreSQL: for command-line tools. */
    static final Policy NONE = new Policy(Duration.ZERO, Duration.ZERO, 0);
  }

  static final int MAX_KNOWN = 100_000;
  static final int MAX_UNKNOWN = 10_000;

  private record Known(WriteKeys.KeyGrant grant, long confirmedAtNanos) {}

  private static final Logger LOG = LoggerFactory.getLogger(KeyLookupCache.class);

  private final Lookup lookup;
  private final long ttlNanos;
  private final long staleNanos;
  private final TokenBucket budget;
  private final Executor refresher;
  private final LongSupplier nanoClock;
  private final Cache<String, Known> known = Caffeine.newBuilder().maximumSize(MAX_KNOWN).build();
  /** Unknown key hash → when it was asked. */
  private final Cache<String, Long> unknown = Caffeine.newBuilder().maximumSize(MAX_UNKNOWN).build();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  KeyLookupCache(Lookup lookup, Policy policy, Executor refresher, LongSupplier nanoClock) {
    this.lookup = lookup;
    this.ttlNanos = policy.ttl().toNanos();
    this.staleNanos = policy.staleWhileDown().toNanos();
    this.budget = new TokenBucket(policy.lookupsPerSecond(), nanoClock);
    this.refresher = refresher;
    this.nanoClock = nanoClock;
  }

  /**
   * @throws SQLException when the answer is not remembered (or too old to use) and PostgreSQL cannot be asked
   * @throws KeyLookupsBusy when the key is in neither cache and the lookup budget is spent
   */
  Optional<WriteKeys.KeyGrant> find(String keyHash) throws SQLException, KeyLookupsBusy {
    long now = nanoClock.getAsLong();
    Known entry = known.getIfPresent(keyHash);
    if (entry != null) {
      long age = now - entry.confirmedAtNanos();
      if (age < ttlNanos) {
        if (age >= ttlNanos / 2 && refreshing.add(keyHash)) {
          refresher.execute(() -> refresh(keyHash));
        }
        return Optional.of(entry.grant());
      }
      try {
        return ask(keyHash);
      } catch (SQLException down) {
        if (age < ttlNanos + staleNanos) {
          return Optional.of(entry.grant());
        }
        throw down;
      }
    }
    Long askedAt = unknown.getIfPresent(keyHash);
    if (askedAt != null && now - askedAt < ttlNanos) {
      return Optional.empty();
    }
    if (!budget.tryTake()) {
      throw new KeyLookupsBusy();
    }
    return ask(keyHash);
  }

  private Optional<WriteKeys.KeyGrant> ask(String keyHash) throws SQLException {
    long askedAt = nanoClock.getAsLong();
    Optional<WriteKeys.KeyGrant> grant = lookup.find(keyHash);
    if (ttlNanos > 0) {
      if (grant.isPresent()) {
        known.put(keyHash, new Known(grant.get(), askedAt));
        unknown.invalidate(keyHash);
      } else {
        known.invalidate(keyHash);
        unknown.put(keyHash, askedAt);
      }
    }
    return grant;
  }

  private void refresh(String keyHash) {
    try {
      ask(keyHash);
    } catch (SQLException | RuntimeException e) {
      // the entry stays as it is: used until its TTL, then while PostgreSQL is down until staleWhileDown past it
      LOG.warn("refreshing a write key lookup failed: {}", e.toString());
    } finally {
      refreshing.remove(keyHash);
    }
  }
}
