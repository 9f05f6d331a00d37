package dev.tally.ingest.auth;

import java.util.function.LongSupplier;

/**
 * A token bucket of write key lookups: at most {@code perSecond} a second on average, bursts of up to
 * one second's worth. Written here rather than taken from a library: the only candidates (Guava's
 * RateLimiter, Bucket4j) bring a large dependency for these few lines, and this one runs on the
 * cache's clock, so tests drive it. Thread-safe.
 */
final class LookupBudget {

  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private final LongSupplier nanoClock;
  private double tokens;
  private long lastNanos;

  /** {@code perSecond} 0: no bound. */
  LookupBudget(int perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.lastNanos = nanoClock.getAsLong();
  }

  /** Takes one lookup if the budget has one. */
  synchronized boolean tryTake() {
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
