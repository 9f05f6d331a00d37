package dev.tally.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PanelsTest {

  @Test
  void theLiveHourHasEveryMinuteWithZerosWhereNoEventsAndIgnoresMinutesOutsideIt() {
    long first = 1_700_000_040L;
    Map<String, Object> panel = Panels.live(List.of(
        Map.of("minute", first - 60, "events", 5L),
        Map.of("minute", first, "events", 7L),
        Map.of("minute", first + 59 * 60, "events", 3L)), first);

    assertThat((List<?>) panel.get("minutes")).hasSize(60).first().isEqualTo(first);
    @SuppressWarnings("unchecked")
    List<Long> events = (List<Long>) panel.get("events");
    assertThat(events).hasSize(60).startsWith(7L, 0L).endsWith(0L, 3L);
    assertThat(panel.get("total")).isEqualTo(10L);
  }

  @Test
  void revenueIsInMajorUnitsWithEachCurrencysDecimalsAndZeroOnDaysWithoutARow() {
    Map<String, Object> panel = Panels.revenue(List.of(
        Map.of("day", "2026-11-01", "currency", "JPY", "net_minor", 999L),
        Map.of("day", "2026-11-01", "currency", "USD", "net_minor", 123456L),
        Map.of("day", "2026-11-02", "currency", "BHD", "net_minor", -1500L)));

    assertThat(panel.get("days")).isEqualTo(List.of("2026-11-01", "2026-11-02"));
    assertThat(panel.get("currencies")).isEqualTo(List.of(
        Map.of("currency", "BHD", "decimals", 3, "net", List.of(new BigDecimal("0.000"), new BigDecimal("-1.500")), "total", "-1.500"),
        Map.of("currency", "JPY", "decimals", 0, "net", List.of(new BigDecimal("999"), new BigDecimal("0")), "total", "999"),
        Map.of("currency", "USD", "decimals", 2, "net", List.of(new BigDecimal("1234.56"), new BigDecimal("0.00")), "total", "1234.56")));
  }

  @Test
  void theRetentionGridHasAShareOfEachCohortPerPeriodAndNothingForPeriodsNotYetCome() {
    Map<String, Object> panel = Panels.cohorts(List.of(
        Map.of("cohort", "2026-11-02", "period_number", 0L, "users", 3L, "active", 3L),
        Map.of("cohort", "2026-11-02", "period_number", 1L, "users", 3L, "active", 2L),
        Map.of("cohort", "2026-11-09", "period_number", 0L, "users", 8L, "active", 1L)), "week");

    assertThat(panel.get("periods")).isEqualTo(2L);
    assertThat(panel.get("cohorts")).isEqualTo(List.of(
        Map.of("cohort", "2026-11-02", "users", 3L, "retention", List.of(new BigDecimal("100.00"), new BigDecimal("66.67"))),
        Map.of("cohort", "2026-11-09", "users", 8L, "retention", java.util.Arrays.asList(new BigDecimal("12.50"), null))));
  }

  @Test
  void statementTotalsAddUpPerCurrencyAndStatusExactly() {
    Map<String, Object> panel = Panels.statements(List.of(), "monthly", LocalDate.parse("2026-11-01"), List.of(
        Map.of("currency", "USD", "status", "calculated", "revenue", "10.005", "commission", "1.001"),
        Map.of("currency", "USD", "status", "calculated", "revenue", "0.005", "commission", "0.001"),
        Map.of("currency", "USD", "status", "paid", "revenue", "1.000", "commission", "0.100")));

    assertThat(panel.get("totals")).isEqualTo(List.of(
        Map.of("currency", "USD", "status", "calculated", "revenue", "10.010", "commission", "1.002"),
        Map.of("currency", "USD", "status", "paid", "revenue", "1.000", "commission", "0.100")));
  }
}
