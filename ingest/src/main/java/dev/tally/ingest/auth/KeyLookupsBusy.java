package dev.tally.ingest.auth;

/**
 * A key the collector has not seen lately arrived while its lookup budget was spent (many unknown keys
 * at once, such as a flood of made-up ones). The request gets 503 with Retry-After: an SDK retries it,
 * so a real key's events are delayed, never dropped, and PostgreSQL is not asked.
 */
public final class KeyLookupsBusy extends Exception {

  KeyLookupsBusy() {
    super("too many write keys to look up right now", null, false, false);
  }
}
