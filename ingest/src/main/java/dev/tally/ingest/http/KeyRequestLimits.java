package dev.tally.ingest.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tally.ingest.auth.TokenBucket;
import java.time.Duration;

/**
 * Each write key's requests per second ({@code TALLY_INGEST_KEY_REQUESTS_PER_SECOND}, off by
 * default): a {@link TokenBucket} per key, kept while the key is in use (at most 100,000 keys, each
 * forgotten a minute after its last request). Thread-safe.
 */
final class KeyRequestLimits {

  private final int perSecond;
  private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
      .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(1)).build();

  /** {@code perSecond} 0: no limit. */
  KeyRequestLimits(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Whether the key may send one more request now. */
  boolean allow(String key) {
    return perSecond == 0 || buckets.get(key, k -> new TokenBucket(perSecond, System::nanoTime)).tryTake();
  }
}
