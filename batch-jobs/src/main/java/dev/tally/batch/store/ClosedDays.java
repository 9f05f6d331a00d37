package dev.tally.batch.store;

import dev.tally.batch.calendar.DayWindow;
import dev.tally.batch.config.BatchSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Deduplicates a closed day once: {@link #ensure} builds {@code events_closed_day} for the day
 * (each {@code (organization_id, event_id)} once) unless it was already built from the same raw
 * rows (same count and latest {@code received_at_ms}, recorded in {@code closed_days}). The jobs
 * of one night then aggregate the staged day without deduplicating again. Builders of the same day
 * take turns through a PostgreSQL advisory lock.
 */
@Component
public class ClosedDays {

  private final ClickHouse clickHouse;
  private final DataSource postgres;
  private final BatchSettings settings;

  public ClosedDays(ClickHouse clickHouse, DataSource postgres, BatchSettings settings) {
    this.clickHouse = clickHouse;
    this.postgres = postgres;
    this.settings = settings;
  }

  /** Makes {@code events_closed_day} hold the day's raw events; returns true when it had to build it. */
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
    clickHouse.execute("ALTER TABLE events_closed_day DROP PARTITION '" + day.date() + "'", Map.of());
    clickHouse.execute(SqlFile.read(ClosedDays.class, "stage-day.sql"), params);
    long rows = clickHouse.count("SELECT count() FROM events_closed_day WHERE day = toDate(:day)", params);
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
