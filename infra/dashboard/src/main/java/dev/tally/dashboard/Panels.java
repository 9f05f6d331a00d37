package dev.tally.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What each panel shows, built from its query's rows (no store here, so it is tested on plain rows).
 * Charts get one array per axis, as uPlot takes them: {@code x} and one array per series, aligned.
 */
final class Panels {

  private Panels() {}

  /** Events per minute: {@code minutes} (epoch seconds) and {@code events}, one entry per minute of the hour, 0 where none. */
  static Map<String, Object> live(List<Map<String, Object>> rows, long firstMinute) {
    Map<Long, Long> byMinute = new TreeMap<>();
    for (long minute = firstMinute; minute < firstMinute + 60 * 60; minute += 60) {
      byMinute.put(minute, 0L);
    }
    for (Map<String, Object> row : rows) {
      byMinute.computeIfPresent((Long) row.get("minute"), (minute, none) -> (Long) row.get("events"));
    }
    Map<String, Object> panel = new LinkedHashMap<>();
    panel.put("minutes", List.copyOf(byMinute.keySet()));
    panel.put("events", List.copyOf(byMinute.values()));
    panel.put("total", byMinute.values().stream().mapToLong(Long::longValue).sum());
    return panel;
  }

  /** Daily active users and messages: {@code days} and the two series, days without a row left out. */
  static Map<String, Object> daily(List<Map<String, Object>> rows) {
    Map<String, Object> panel = new LinkedHashMap<>();
    panel.put("days", rows.stream().map(r -> r.get("day")).toList());
    panel.put("active_users", rows.stream().map(r -> r.get("active_users")).toList());
    panel.put("messages", rows.stream().map(r -> r.get("messages")).toList());
    return panel;
  }

  /**
   * Net revenue: {@code days} (each day with any revenue row) and per currency its {@code decimals},
   * {@code net} in major units per day (a number with those decimals; 0 on a day without a row) and
   * {@code total} over the days, exactly, as text.
   */
  static Map<String, Object> revenue(List<Map<String, Object>> rows) {
    TreeSet<String> days = new TreeSet<>();
    Map<String, Map<String, BigDecimal>> byCurrency = new TreeMap<>();
    for (Map<String, Object> row : rows) {
      String day = (String) row.get("day");
      String currency = (String) row.get("currency");
      days.add(day);
      byCurrency.computeIfAbsent(currency, c -> new TreeMap<>()).put(day, Money.major((Long) row.get("net_minor"), currency));
    }
    List<Map<String, Object>> currencies = new ArrayList<>();
    byCurrency.forEach((currency, net) -> {
      Map<String, Object> series = new LinkedHashMap<>();
      series.put("currency", currency);
      series.put("decimals", Money.decimals(currency));
      series.put("net", days.stream().map(day -> net.getOrDefault(day, BigDecimal.ZERO.setScale(Money.decimals(currency)))).toList());
      series.put("total", net.values().stream().reduce(BigDecimal.ZERO.setScale(Money.decimals(currency)), BigDecimal::add).toPlainString());
      currencies.add(series);
    });
    Map<String, Object> panel = new LinkedHashMap<>();
    panel.put("days", List.copyOf(days));
    panel.put("currencies", currencies);
    return panel;
  }

  /**
   * The retention grid: per cohort (oldest first) its users as its latest period counts them and, per
   * period after sign-up (0, 1, ...), the share of the period's users active then, in percent with 2 decimals (half-even); null where the period has
   * no row yet (it has not come).
   */
  static Map<String, Object> cohorts(List<Map<String, Object>> rows, String period) {
    Map<String, TreeMap<Long, long[]>> byCohort = new TreeMap<>();
    for (Map<String, Object> row : rows) {
      byCohort.computeIfAbsent((String) row.get("cohort"), c -> new TreeMap<>())
          .put((Long) row.get("period_number"), new long[] {(Long) row.get("users"), (Long) row.get("active")});
    }
    long periods = byCohort.values().stream().mapToLong(p -> p.lastKey() + 1).max().orElse(0);
    List<Map<String, Object>> cohorts = new ArrayList<>();
    byCohort.forEach((cohort, byPeriod) -> {
      List<BigDecimal> retention = new ArrayList<>();
      for (long n = 0; n < periods; n++) {
        long[] counts = byPeriod.get(n);
        retention.add(counts == null ? null : percent(counts[1], counts[0]));
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("cohort", cohort);
      line.put("users", byPeriod.lastEntry().getValue()[0]); // as the latest night counted them
      line.put("retention", retention);
      cohorts.add(line);
    });
    Map<String, Object> panel = new LinkedHashMap<>();
    panel.put("period", period);
    panel.put("periods", periods);
    panel.put("cohorts", cohorts);
    return panel;
  }

  static BigDecimal percent(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO.setScale(2)
        : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_EVEN);
  }

  /**
   * Partner statements of one period: the periods to choose from, the chosen one, its rows (amounts
   * as the table holds them, major units) and totals per currency and status.
   */
  static Map<String, Object> statements(List<Map<String, Object>> periods, String periodType, LocalDate periodStart,
      List<Map<String, Object>> rows) {
    Map<String, BigDecimal[]> totals = new TreeMap<>();
    for (Map<String, Object> row : rows) {
      BigDecimal[] sum = totals.computeIfAbsent(row.get("currency") + "|" + row.get("status"),
          k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sum[0] = sum[0].add(new BigDecimal((String) row.get("revenue")));
      sum[1] = sum[1].add(new BigDecimal((String) row.get("commission")));
    }
    List<Map<String, Object>> totalRows = new ArrayList<>();
    totals.forEach((key, sum) -> {
      Map<String, Object> total = new LinkedHashMap<>();
      total.put("currency", key.substring(0, key.indexOf('|')));
      total.put("status", key.substring(key.indexOf('|') + 1));
      total.put("revenue", sum[0].toPlainString());
      total.put("commission", sum[1].toPlainString());
      totalRows.add(total);
    });
    Map<String, Object> panel = new LinkedHashMap<>();
    panel.put("periods", periods);
    panel.put("period_type", periodType);
    panel.put("period_start", periodStart == null ? null : periodStart.toString());
    panel.put("rows", rows);
    panel.put("totals", totalRows);
    return panel;
  }
}
