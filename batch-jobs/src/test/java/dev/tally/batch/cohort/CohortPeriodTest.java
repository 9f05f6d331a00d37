package dev.tally.batch.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CohortPeriodTest {

  @Test
  void isoWeekStartsOnMondayAcrossTheYear() {
    assertThat(CohortPeriod.WEEK.start(LocalDate.parse("2034-01-01"))).isEqualTo("2033-12-26");
    assertThat(CohortPeriod.WEEK.start(LocalDate.parse("2033-12-26"))).isEqualTo("2033-12-26");
    assertThat(CohortPeriod.WEEK.start(LocalDate.parse("2034-01-02"))).isEqualTo("2034-01-02");
  }

  @Test
  void periodNumbersCountWholePeriods() {
    assertThat(CohortPeriod.DAY.number(LocalDate.parse("2033-11-30"), LocalDate.parse("2034-01-01"))).isEqualTo(32);
    assertThat(CohortPeriod.WEEK.number(LocalDate.parse("2033-11-28"), LocalDate.parse("2033-12-26"))).isEqualTo(4);
    assertThat(CohortPeriod.MONTH.number(LocalDate.parse("2033-11-01"), LocalDate.parse("2034-01-01"))).isEqualTo(2);
    assertThat(CohortPeriod.MONTH.number(LocalDate.parse("2034-01-01"), LocalDate.parse("2034-01-01"))).isZero();
  }

  @Test
  void cohortAfterThePeriodIsRefused() {
    assertThatThrownBy(() -> CohortPeriod.DAY.number(LocalDate.parse("2034-01-02"), LocalDate.parse("2034-01-01")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
