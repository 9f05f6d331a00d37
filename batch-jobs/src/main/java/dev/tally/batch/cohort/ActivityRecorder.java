package dev.tally.batch.cohort;

import dev.tally.batch.calendar.DayWindow;
import dev.tally.batch.store.ClickHouse;
import dev.tally.batch.store.ClosedDays;
import dev.tally.schemas.db.SqlResource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records days into ClickHouse {@code user_daily_activity}: per organization and user, whether they
 * were active, their first sign-up of the day and their net revenue in the reporting currency, from
 * the day's deduplicated events ({@link ClosedDays}). The computed date is always recorded again (its rows replaced); any
 * earlier day that has raw events but no recorded activity yet is recorded too, so a first run, or
 * a run after a gap, still knows every sign-up the raw events hold.
 */
public final class ActivityRecorder {

  private final ClickHouse clickHouse;
  private final ClosedDays closedDays;
  private final ZoneId zone;
  private final String currency;

  public ActivityRecorder(ClickHouse clickHouse, ClosedDays closedDays, ZoneId zone, String currency) {
    this.clickHouse = clickHouse;
    this.closedDays = closedDays;
    this.zone = zone;
    this.currency = currency;
  }

  /** Records {@code date} and every unrecorded earlier day with events; returns the days recorded. */
  public int record(LocalDate date) {
    DayWindow window = new DayWindow(date, zone);
    Set<String> recorded = new HashSet<>(clickHouse.query(
        "SELECT DISTINCT toString(day) FROM user_daily_activity WHERE day <= toDate(:day)",
        Map.of("day", date.toString()), (rs, n) -> rs.getString(1)));
    List<String> withEvents = clickHouse.query(
        "SELECT DISTINCT toString(toDate(occurred_at, :zone)) FROM events WHERE occurred_at < toDateTime(:end)",
        Map.of("zone", zone.getId(), "end", window.endEpochSecond()), (rs, n) -> rs.getString(1));
    Set<LocalDate> days = new TreeSet<>();
    days.add(date);
    withEvents.stream().filter(d -> !recorded.contains(d)).map(LocalDate::parse).forEach(days::add);
    for (LocalDate day : days) {
      recordDay(day, recorded.contains(day.toString()));
    }
    return days.size();
  }

  private void recordDay(LocalDate day, boolean hasRows) {
    Map<String, Object> params = new HashMap<>(new DayWindow(day, zone).parameters());
    params.put("currency", currency);
    boolean[] written = {hasRows};
    closedDays.read(day, events -> {
      if (written[0]) { // rows of an earlier run, or of an attempt that read a raw day that changed meanwhile
        clickHouse.deleteAndWait("user_daily_activity", "day = toDate(:day)", params);
      }
      written[0] = true;
      clickHouse.execute(events.in(SqlResource.read(ActivityRecorder.class, "record-activity.sql")), params);
      return null;
    });
  }
}
