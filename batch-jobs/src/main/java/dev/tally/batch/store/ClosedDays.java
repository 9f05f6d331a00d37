package dev.tally.batch.store;

import dev.tally.batch.calendar.DayWindow;
import dev.tally.batch.config.BatchSettings;
import dev.tally.schemas.db.SqlResource;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Deduplicates a closed day once: {@link #ensure} stages the day's {@code duplicate_corrections}
 * (each raw copy of a duplicated event with sign -1, the copy kept with sign +1) and its
 * {@code resent_copies} (events whose first copy lies on another day within the resend window)
 * unless they were already built from the same raw rows (same count, latest and summed
 * {@code received_at_ms}, recorded in {@code closed_days}). The jobs then aggregate the raw day plus
 * its corrections less its resent copies, {@link DayEvents#in}, weighting additive measures by sign:
 * each event counts once, on the day of its first received copy, and no query deduplicates the day's
 * raw rows again.
 *
 * <p>The resent copies depend on the neighbouring days too, but only on copies received before the
 * day's own: a copy that arrives later is never the first, so it changes nothing here.
 *
 * <p>Corrections are only right for the raw rows they were built from, and raw rows change: a late
 * copy arrives, a background merge folds copies. So a job reads through {@link #read}: under a shared
 * PostgreSQL advisory lock of the day (builders take it exclusively, so no job rebuilds the
 * corrections while another reads them) it runs its query, then checks that the staged fingerprint is
 * the raw day's; if the raw day changed meanwhile, it stages and reads again.
 */
@Component
public class ClosedDays {

  private static final String DAY_EVENTS = "{day_events}";
  /** {@code {day_events}} or {@code {day_events where CONDITION}}: the condition selects the rows the query needs. */
  private static final Pattern DAY_EVENTS_WITH_ROWS = Pattern.compile("\\{day_events(?: where ([^}]+))?}");
  private static final String DAY_EVENTS_SQL = SqlResource.read(ClosedDays.class, "day-events.sql");
  private static final String RESENT_EXCLUDED_SQL = SqlResource.read(ClosedDays.class, "resent-copies-excluded.sql");
  /** Reads of a day whose raw rows keep changing give up after this many. */
  private static final int ATTEMPTS = 5;

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
   * {@code :start}, {@code :end}, {@code :day}), less its resent copies when it has any (a condition
   * that costs a read of every row's key, so left out when there is nothing to leave out). Valid once
   * {@link #ensure} ran for the day. A query that
   * needs only some rows says which, {@code {day_events where revenue_kind IS NOT NULL}}: the condition
   * goes into both halves, so ClickHouse drops the other rows while it reads them (PREWHERE) instead of
   * passing the whole day up to the query's own WHERE (the same rows: a row condition commutes with
   * UNION ALL).
   */
  public static String withDayEvents(String sql, boolean resentCopies) {
    Matcher m = DAY_EVENTS_WITH_ROWS.matcher(sql);
    if (!m.find()) {
      throw new IllegalArgumentException("the query does not read " + DAY_EVENTS);
    }
    String dayEvents = m.group(1) == null ? DAY_EVENTS_SQL.replace(" AND {rows}", "")
        : DAY_EVENTS_SQL.replace("{rows}", "(" + m.group(1).strip() + ")");
    dayEvents = dayEvents.replace(" {resent}", resentCopies ? "\n" + RESENT_EXCLUDED_SQL : "");
    return m.replaceAll(Matcher.quoteReplacement(dayEvents));
  }

  /** How a query reads one staged day: {@link #in} puts the day's events where it says {@code {day_events}}. */
  public record DayEvents(boolean resentCopies) {

    /** {@code sql} reading this day's events, see {@link ClosedDays#withDayEvents}. */
    public String in(String sql) {
      return withDayEvents(sql, resentCopies);
    }
  }

  /**
   * Runs {@code query} over the day's deduplicated events ({@link DayEvents#in}) with corrections that
   * match the raw rows for the whole time it runs; returns its result. {@code query} may run more than
   * once, so it must replace whatever an earlier attempt wrote.
   */
  public <T> T read(LocalDate date, Function<DayEvents, T> query) {
    DayWindow day = new DayWindow(date, settings.zone());
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ensure(date);
      Read<T> read = AdvisoryLock.holding(postgres, lockKey(date), AdvisoryLock.Mode.SHARED, () -> {
        // built by ensure, or since by another job from newer raw rows; the raw day is checked after
        Fingerprint staged = staged(day);
        boolean resent = clickHouse.count(SqlResource.read(ClosedDays.class, "resent-copies-count.sql"), day.parameters()) > 0;
        T result = query.apply(new DayEvents(resent));
        return staged != null && staged.equals(raw(day)) ? new Read<>(result) : null;
      });
      if (read != null) {
        return read.result();
      }
    }
    throw new IllegalStateException("the raw events of " + date + " changed while each of " + ATTEMPTS
        + " attempts read them (late events still arriving?); run the job again later");
  }

  /**
   * Drops the day's duplicate corrections and resent copies (a rebuild, or retention); {@code closed_days}
   * still names them.
   */
  public static void dropCorrections(ClickHouse clickHouse, LocalDate date) {
    clickHouse.execute(SqlResource.read(ClosedDays.class, "drop-day-corrections.sql"), Map.of("day", date.toString()));
    clickHouse.execute(SqlResource.read(ClosedDays.class, "drop-day-resent-copies.sql"), Map.of("day", date.toString()));
  }

  /** A query's result over corrections that matched the raw day throughout. */
  private record Read<T>(T result) {}

  /** Makes {@code duplicate_corrections} hold the day's corrections; returns true when it had to build them. */
  public boolean ensure(LocalDate date) {
    DayWindow day = new DayWindow(date, settings.zone());
    return AdvisoryLock.holding(postgres, lockKey(date), AdvisoryLock.Mode.EXCLUSIVE, () -> build(day));
  }

  private static String lockKey(LocalDate date) {
    return "closed-day:" + date;
  }

  private boolean build(DayWindow day) {
    Fingerprint raw = raw(day);
    if (raw.equals(staged(day))) {
      return false;
    }
    Map<String, Object> params = new HashMap<>(day.parameters());
    params.putAll(day.widened(settings.resendWindowDays()));
    dropCorrections(clickHouse, day.date());
    clickHouse.execute(SqlResource.read(ClosedDays.class, "stage-duplicate-copies.sql"), params);
    clickHouse.execute(SqlResource.read(ClosedDays.class, "stage-kept-copies.sql"), params);
    clickHouse.execute(SqlResource.read(ClosedDays.class, "stage-resent-copies.sql"), params);
    long rows = clickHouse.count(SqlResource.read(ClosedDays.class, "correction-rows.sql"), params);
    clickHouse.execute(SqlResource.read(ClosedDays.class, "record-staged-day.sql"), Map.of("day", day.date().toString(),
        "raw_rows", raw.rows(), "raw_latest", raw.latestReceivedMs(), "raw_sum", Long.toUnsignedString(raw.receivedMsSum()),
        "rows", rows));
    return true;
  }

  /** What identifies the raw rows of a day: their count, latest and summed received_at_ms (wrapping). */
  record Fingerprint(long rows, long latestReceivedMs, long receivedMsSum) {}

  private Fingerprint raw(DayWindow day) {
    return clickHouse.query(SqlResource.read(ClosedDays.class, "raw-day-fingerprint.sql"), day.parameters(),
        (rs, n) -> new Fingerprint(rs.getLong(1), rs.getLong(2), Long.parseUnsignedLong(rs.getString(3)))).get(0);
  }

  /** The fingerprint the day's corrections were built from, or null when they were never built. */
  private Fingerprint staged(DayWindow day) {
    List<Fingerprint> staged = clickHouse.query(SqlResource.read(ClosedDays.class, "staged-day-fingerprint.sql"),
        day.parameters(), (rs, n) -> new Fingerprint(rs.getLong(1), rs.getLong(2), Long.parseUnsignedLong(rs.getString(3))));
    return staged.isEmpty() ? null : staged.get(0);
  }

}
