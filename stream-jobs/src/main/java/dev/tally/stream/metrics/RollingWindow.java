package dev.tally.stream.metrics;

/**
 * The rolling windows kept per organization, as named in {@code rolling_metrics.window_name}, from
 * the shortest to the longest (they all end at the same minute).
 */
public enum RollingWindow {
  FIVE_MINUTES("5m", 5),
  ONE_HOUR("1h", 60),
  ONE_DAY("24h", 24 * 60);

  private final String label;
  private final int minutes;

  RollingWindow(String label, int minutes) {
    this.label = label;
    this.minutes = minutes;
  }

  public String label() {
    return label;
  }

  public long millis() {
    return minutes * EventTime.MINUTE_MS;
  }

  /** The longest window: panes older than this before the newest end are no longer needed. */
  public static RollingWindow longest() {
    return ONE_DAY;
  }
}
