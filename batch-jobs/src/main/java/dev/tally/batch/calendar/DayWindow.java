package dev.tally.batch.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * One day in the pipeline's time zone as a half-open interval of epoch seconds, [start, end). Raw
 * events are selected with {@code occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)}:
 * {@code occurred_at} is the event time truncated to the second, so 23:59:59.999 belongs to its day
 * and 00:00:00.000 to the next. A day is 23 or 25 hours long when the zone changes its clocks.
 *
 * @param date the day, never null
 * @param zone the time zone, never null
 */
public record DayWindow(LocalDate date, ZoneId zone) {

  public long startEpochSecond() {
    return date.atStartOfDay(zone).toEpochSecond();
  }

  public long endEpochSecond() {
    return date.plusDays(1).atStartOfDay(zone).toEpochSecond();
  }

  /**
   * Named parameters {@code window_start} and {@code window_end} (epoch seconds): {@code days} days
   * before the day's start and after its end, where copies of its events may lie (the resend window).
   */
  public Map<String, Object> widened(int days) {
    return Map.of("window_start", date.minusDays(days).atStartOfDay(zone).toEpochSecond(),
        "window_end", date.plusDays(1L + days).atStartOfDay(zone).toEpochSecond());
  }

  /** Named parameters {@code start}, {@code end} (epoch seconds) and {@code day} (YYYY-MM-DD). */
  public Map<String, Object> parameters() {
    return Map.of("start", startEpochSecond(), "end", endEpochSecond(), "day", date.toString());
  }
}
