package dev.tally.ingest.client;

import java.util.Locale;

/** A progress line on stderr at most every two seconds: events so far, their rate, and where the run is. */
public final class Progress {

  private final long start = System.nanoTime();
  private long lastPrint = start;
  private long events;

  public void add(int count, String where) {
    events += count;
    long now = System.nanoTime();
    if (now - lastPrint >= 2_000_000_000L) {
      lastPrint = now;
      print(where);
    }
  }

  public void done(String summary) {
    print(summary);
  }

  public long events() {
    return events;
  }

  private void print(String where) {
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    System.err.printf(Locale.ROOT, "%,d events in %.1f s (%,.0f/s) %s%n", events, seconds, events / seconds, where);
  }
}
