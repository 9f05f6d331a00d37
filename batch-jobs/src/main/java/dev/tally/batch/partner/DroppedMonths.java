package dev.tally.batch.partner;

import dev.tally.batch.Refused;
import dev.tally.schemas.db.SqlResource;
import dev.tally.schemas.config.Setting;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A statement is computed from its period's raw events, so a period that needs a month the retention
 * job dropped ({@code retention_dropped_months}) cannot be computed: {@link #check} refuses it (exit
 * 2) naming the months, instead of computing it from part of its events. A period whose every row is
 * already approved, paid or disputed is not recomputed, so it passes (its statements can still be
 * printed).
 */
public final class DroppedMonths {

  private DroppedMonths() {}

  /** Throws {@link Refused} when {@code period} would be computed from raw events that were dropped. */
  public static void check(NamedParameterJdbcTemplate postgres, RevenuePeriod period, ZoneId zone) {
    // the events' partitions are months of occurred_at in UTC; the period's days are in the pipeline's zone
    YearMonth first = YearMonth.from(period.start().atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC));
    YearMonth last = YearMonth.from(period.end().plusDays(1).atStartOfDay(zone).minusNanos(1)
        .withZoneSameInstant(ZoneOffset.UTC));
    Map<String, Object> p = Map.of("first", first.atDay(1), "last", last.atDay(1), "period_type", period.type().label(),
        "period_start", period.start());
    List<String> dropped = postgres.queryForList(sql("dropped-months.sql"), p, java.sql.Date.class).stream()
        .map(d -> YearMonth.from(d.toLocalDate()).toString()).toList();
    if (dropped.isEmpty() || postgres.queryForObject(sql("period-is-final.sql"), p, Boolean.class)) {
      return;
    }
    throw new Refused("partner-revenue " + period.type().label() + " " + period.label() + " needs the raw events of "
        + first + (first.equals(last) ? "" : " to " + last) + ", and the retention job dropped "
        + dropped.stream().collect(Collectors.joining(", ")) + ": the statements would miss their revenue. Keep raw"
        + " events as long as the longest period in use (" + Setting.RETENTION_DAYS.variable() + ").");
  }

  private static String sql(String name) {
    return SqlResource.read(DroppedMonths.class, name);
  }
}
