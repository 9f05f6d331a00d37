package dev.tally.stream.metrics;

/**
 * Where an organization's rolling windows end, from the input alone (not from when timers fire):
 * <ul>
 *   <li>while the input goes on, at the newest minute boundary the watermark passed;</li>
 *   <li>at the end of a bounded input, at the end of the newest minute of the whole input (every
 *       minute is complete then), the same end for every organization;</li>
 *   <li>never after the first end at which all of the organization's windows are empty (24 h after
 *       its newest minute): from there on they stay zero.</li>
 * </ul>
 * Every end written before the input ends is at or before the end at the input's end, so that last
 * write is the final row, whatever watermarks the organization saw on the way (restarts included).
 */
public final class RollingEnd {

  /** The watermark at the end of a bounded input. */
  public static final long END_OF_INPUT = Long.MAX_VALUE;

  private RollingEnd() {}

  /** The end of the minute holding {@code timestamp}: the windows' end if the input stopped there. */
  public static long ofInputAt(long timestamp) {
    return EventTime.minuteOf(timestamp) + EventTime.MINUTE_MS;
  }

  /** The first end at which every window of an organization whose newest minute is {@code newestMinute} is empty. */
  public static long quiet(long newestMinute) {
    return newestMinute + EventTime.MINUTE_MS + RollingWindow.longest().millis();
  }

  /**
   * @param watermark the watermark that moved the windows, {@link #END_OF_INPUT} at the end of a bounded input
   * @param newestMinute the start of the organization's newest minute with events
   * @param inputEnd {@link #ofInputAt} the newest event of the whole input read so far
   *     ({@code Long.MIN_VALUE}: not known, the organization's own newest minute then ends the input)
   */
  public static long of(long watermark, long newestMinute, long inputEnd) {
    long reached = watermark == END_OF_INPUT
        ? Math.max(inputEnd, newestMinute + EventTime.MINUTE_MS)
        : EventTime.closedUpTo(watermark);
    return Math.min(reached, quiet(newestMinute));
  }
}
