package dev.tally.batch.cohort;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** cohort_analytics.period_type: a day, an ISO week (Monday to Sunday) or a calendar month. */
public enum CohortPeriod {
  DAY, WEEK, MONTH;

  /** The value stored in period_type. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** First day of the period that contains {@code day}. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** Period number of the period starting {@code periodStart} for the cohort starting {@code cohortStart} (0 = sign-up period). */
  public int number(LocalDate cohortStart, LocalDate periodStart) {
    long n = switch (this) {
      case DAY -> ChronoUnit.DAYS.between(cohortStart, periodStart);
      case WEEK -> ChronoUnit.WEEKS.between(cohortStart, periodStart);
      case MONTH -> ChronoUnit.MONTHS.between(cohortStart, periodStart);
    };
    if (n < 0) {
      throw new IllegalArgumentException("cohort " + cohortStart + " starts after period " + periodStart);
    }
    return Math.toIntExact(n);
  }
}
