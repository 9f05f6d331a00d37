package dev.tally.batch.cohort;

import dev.tally.batch.calendar.DayWindow;
import dev.tally.batch.store.ClickHouse;
import dev.tally.batch.store.SqlFile;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records days into ClickHouse {@code user_daily_activity}: per organization and user, whether they
 * were active, their first sign-up of the day and their net revenue in the reporting currency, each
 * raw event counted once. The computed date is always recorded again (replacing its rows); the
 * earlier days of its ISO week and month only when they have no rows yet.
 */
public final class ActivityRecorder {

  private final ClickHouse clickHouse;
  private final ZoneId zone;
  private final String currency;

  public ActivityRecorder(ClickHouse clickHouse, ZoneId zone, String currency) {
    this.clickHouse = clickHouse;
    this.zone = zone;
    this.currency = currency;
  }

  /** Records {@code date} and any unrecorded earlier day of its week and month; returns the days recorded. */
  public int record(LocalDate date) {
    LocalDate first = CohortPeriod.WEEK.start(date);
    LocalDate monthStart = CohortPeriod.MONTH.start(date);
    if (monthStart.isBefore(first)) {
      first = monthStart;
    }
    Set<String> recorded = new HashSet<>(clickHouse.query(
        "SELECT DISTINCT toString(day) FROM user_daily_activity WHERE day >= toDate(:from) AND day <= toDate(:to)",
        Map.of("from", first.toString(), "to", date.toString()), (rs, n) -> rs.getString(1)));
    int count = 0;
    for (LocalDate day = first; !day.isAfter(date); day = day.plusDays(1)) {
      if (day.equals(date) || !recorded.contains(day.toString())) {
        recordDay(day, recorded.contains(day.toString()));
        count++;
      }
    }
    return count;
  }

  private void recordDay(LocalDate day, boolean hasRows) {
    Map<String, Object> params = new HashMap<>(new DayWindow(day, zone).parameters());
    params.put("currency", currency);
    if (hasRows) {
      clickHouse.deleteAndWait("user_daily_activity", "day = toDate(:day)", params);
    }
    clickHouse.execute(SqlFile.read(ActivityRecorder.class, "record-activity.sql"), params);
  }
}
