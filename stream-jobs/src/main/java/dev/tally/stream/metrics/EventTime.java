package dev.tally.stream.metrics;

/**
 * Minutes of event time and the lateness rule, in epoch milliseconds (UTC). A minute {@code m}
 * covers {@code [m, m + 60 s)}; it closes when the watermark reaches its last millisecond and takes
 * late events until the watermark passes that millisecond plus the allowed lateness (the rule of
 * Flink's event-time windows).
 */
public final class EventTime {

  public static final long MINUTE_MS = 60_000L;

  private EventTime() {}

  /** The start of the minute that holds {@code timestamp}. */
  public static long minuteOf(long timestamp) {
    return Math.floorDiv(timestamp, MINUTE_MS) * MINUTE_MS;
  }

  /** The last millisecond of the minute starting at {@code minute}. */
  public static long lastMillisecond(long minute) {
    return minute + MINUTE_MS - 1;
  }

  /** The minute starting at {@code minute} has closed: its values were emitted. */
  public static boolean isClosed(long minute, long watermark) {
    return lastMillisecond(minute) <= watermark;
  }

  /** An event at {@code timestamp} comes after its minute stopped taking late events. */
  public static boolean isTooLate(long timestamp, long watermark, long allowedLatenessMs) {
    return lastMillisecond(minuteOf(timestamp)) + allowedLatenessMs <= watermark;
  }

  /** The newest minute boundary reached by {@code watermark}: every minute before it has closed. */
  public static long closedUpTo(long watermark) {
    return Math.floorDiv(watermark + 1, MINUTE_MS) * MINUTE_MS;
  }
}
