package dev.tally.ingest.auth;

import java.util.function.LongSupplier;

/**
 * A token bucket: at most {@code perSecond} takes a second on average, bursts of up to one second's
 * worth. Bounds write key lookups ({@link KeyLookupCache}) and each key's requests. Written here
 * rather than taken from a library: the candidates (Guava's RateLimiter, Bucket4j) bring a large
 * dependency for these few lines, and this one runs on the caller's clock, so tests drive it.
 * Thread-safe.
 */
public final class TokenBucket {

  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final LongSupplier nanoClock;
  private double tokens;
  private long lastNanos;

  /** {@code perSecond} 0: no bound. */
  public TokenBucket(int perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.lastNanos = nanoClock.getAsLong();
  }

  /** Takes one token if the bucket has one. */
  public synchronized boolean tryTake() {
    if (perSecond == 0) {
      return true;
    }
    long now = nanoClock.getAsLong();
    tokens = Math.min(perSecond, tokens + (now - lastNanos) * (double) perSecond / SECOND);
    lastNanos = now;
    if (tokens < 1) {
      return false;
    }
    tokens--;
    return true;
  }
}
