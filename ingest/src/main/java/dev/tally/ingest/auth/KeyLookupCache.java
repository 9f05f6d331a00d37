package dev.tally.ingest.auth;

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
 * Write key lookups (key hash → organization, or none), each remembered for the TTL from the moment
 * it was asked. Once half of an entry's TTL is gone, the next request that uses it starts a fresh
 * lookup in the background and goes on with the remembered answer; so under steady traffic no
 * request waits for PostgreSQL, and the requests of a busy key do not all look it up at once when
 * it expires (each lookup opens a connection: tens of milliseconds). An entry is never used past
 * its TTL, so a revocation still bites within the TTL. A TTL of zero remembers nothing.
 */
final class KeyLookupCache {

  /** The lookup itself: the organization of an active key hash, or none. */
  @FunctionalInterface
  interface Lookup {
    Optional<String> organizationOf(String keyHash) throws SQLException;
  }

  private record Entry(Optional<String> organizationId, long askedAtNanos) {}

  private static final Logger LOG = LoggerFactory.getLogger(KeyLookupCache.class);
  private static final int MAX_ENTRIES = 100_000;

  private final Lookup lookup;
  private final long ttlNanos;
  private final Executor refresher;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

  KeyLookupCache(Lookup lookup, Duration ttl, Executor refresher, LongSupplier nanoClock) {
    this.lookup = lookup;
    this.ttlNanos = ttl.toNanos();
    this.refresher = refresher;
    this.nanoClock = nanoClock;
  }

  /** @throws SQLException when the answer is not remembered and PostgreSQL cannot be asked */
  Optional<String> organizationOf(String keyHash) throws SQLException {
    long now = nanoClock.getAsLong();
    Entry entry = entries.get(keyHash);
    if (entry == null || now - entry.askedAtNanos() >= ttlNanos) {
      return ask(keyHash);
    }
    if (now - entry.askedAtNanos() >= ttlNanos / 2 && refreshing.add(keyHash)) {
      refresher.execute(() -> refresh(keyHash));
    }
    return entry.organizationId();
  }

  private Optional<String> ask(String keyHash) throws SQLException {
    long askedAt = nanoClock.getAsLong();
    Optional<String> organization = lookup.organizationOf(keyHash);
    if (ttlNanos > 0) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(keyHash, new Entry(organization, askedAt));
    }
    return organization;
  }

  private void refresh(String keyHash) {
    try {
      ask(keyHash);
    } catch (SQLException | RuntimeException e) {
      // the entry expires as usual; the first request after that asks again and answers 503 if it fails
      LOG.warn("refreshing a write key lookup failed: {}", e.toString());
    } finally {
      refreshing.remove(keyHash);
    }
  }
}
