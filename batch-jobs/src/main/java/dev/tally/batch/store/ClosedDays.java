package dev.tally.batch.store;

import dev.tally.batch.calendar.DayWindow;
import dev.tally.batch.config.BatchSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Deduplicates a closed day once: {@link #ensure} stages the day's {@code duplicate_corrections}
 * (each raw copy of a duplicated event with sign -1, the copy kept with sign +1) unless they were
 * already built from the same raw rows (same count and latest {@code received_at_ms}, recorded in
 * {@code closed_days}). The jobs of one night then aggregate the raw day plus its corrections,
 * {@link #withDayEvents}, weighting additive measures by sign: each event counts once, and no query
 * deduplicates the day's raw rows again. Builders of the same day take turns through a PostgreSQL
 * advisory lock.
 */
@Component
public class ClosedDays {

  private static final String DAY_EVENTS = "{day_events}";
  /** {@code {day_events}} or {@code {day_events where CONDITION}}: the condition selects the rows the query needs. */
  private static final Pattern DAY_EVENTS_WITH_ROWS = Pattern.compile("\\{day_events(?: where ([^}]+))?}");
  private static final String DAY_EVENTS_SQL = SqlFile.read(ClosedDays.class, "day-events.sql");

  private final ClickHouse clickHouse;
  private final DataSource postgres;
  private final BatchSettings settings;

  public ClosedDays(ClickHouse clickHouse, DataSource postgres, BatchSettings settings) {
    this.clickHouse = clickHouse;
    this.postgres = postgres;
    this.settings = settings;
  }

  /**
   * {@code sql} with its {@code {day_events}} replaced by the closed day's events and corrections
   * ({@code day-events.sql}: columns {@code sign} and those of the raw events the rollups read; parameters
   * {@code :start}, {@code :end}, {@code :day}). Valid once {@link #ensure} ran for the day. A query that
   * needs only some rows says which, {@code {day_events where revenue_kind IS NOT NULL}}: the condition
   * goes into both halves, so ClickHouse drops the other rows while it reads them (PREWHERE) instead of
   * passing the whole day up to the query's own WHERE (the same rows: a row condition commutes with
   * UNION ALL).
   */
  public static String withDayEvents(String sql) {
    Matcher m = DAY_EVENTS_WITH_ROWS.matcher(sql);
    if (!m.find()) {
      throw new IllegalArgumentException("the query does not read " + DAY_EVENTS);
    }
    String dayEvents = m.group(1) == null ? DAY_EVENTS_SQL.replace(" AND {rows}", "")
        : DAY_EVENTS_SQL.replace("{rows}", "(" + m.group(1).strip() + ")");
    return m.replaceAll(Matcher.quoteReplacement(dayEvents));
  }

  /** Makes {@code duplicate_corrections} hold the day's corrections; returns true when it had to build them. */
  public boolean ensure(LocalDate date) {
    DayWindow day = new DayWindow(date, settings.zone());
    try (Connection lock = postgres.getConnection()) {
      advisory(lock, "pg_advisory_lock", date);
      try {
        return build(day);
      } finally {
        advisory(lock, "pg_advisory_unlock", date);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot lock the staging of " + date + ": " + e.getMessage(), e);
    }
  }

  private boolean build(DayWindow day) {
    Map<String, Object> params = day.parameters();
    List<long[]> raw = clickHouse.query("SELECT count(), max(received_at_ms) FROM events"
        + " WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)", params,
        (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
    List<long[]> staged = clickHouse.query("SELECT raw_rows, raw_max_received_at_ms FROM closed_days FINAL"
        + " WHERE day = toDate(:day)", params, (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
    long rawRows = raw.get(0)[0];
    long rawLatest = raw.get(0)[1];
    if (!staged.isEmpty() && staged.get(0)[0] == rawRows && staged.get(0)[1] == rawLatest) {
      return false;
    }
    clickHouse.execute("ALTER TABLE duplicate_corrections DROP PARTITION '" + day.date() + "'", Map.of());
    clickHouse.execute(SqlFile.read(ClosedDays.class, "stage-duplicate-copies.sql"), params);
    clickHouse.execute(SqlFile.read(ClosedDays.class, "stage-kept-copies.sql"), params);
    long rows = clickHouse.count("SELECT count() FROM duplicate_corrections WHERE day = toDate(:day)", params);
    clickHouse.execute("INSERT INTO closed_days (day, raw_rows, raw_max_received_at_ms, rows, staged_at)"
        + " SELECT toDate(:day), toUInt64(:raw_rows), toUInt64(:raw_latest), toUInt64(:rows), now()",
        Map.of("day", day.date().toString(), "raw_rows", rawRows, "raw_latest", rawLatest, "rows", rows));
    return true;
  }

  private static void advisory(Connection c, String function, LocalDate date) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtext('tally-batch'), hashtext(?))")) {
      ps.setString(1, "closed-day:" + date);
      ps.execute();
    }
  }
}
