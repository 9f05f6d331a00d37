package dev.tally.batch.cohort;

import dev.tally.batch.metrics.HalfEven;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an organization's sign-up days into cohort_analytics rows for one computed date: for each
 * period type, the users are grouped into cohorts by the period of their sign-up day, and each
 * cohort gets the row of the period containing the date (its period number counted from the
 * sign-up period, 0 being the sign-up period itself).
 */
public final class CohortCalculator {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final String currency;

  /** @param currency the reporting currency named in every row */
  public CohortCalculator(String currency) {
    this.currency = currency;
  }

  public List<CohortRow> rows(OrganizationSignups organization, LocalDate date) {
    List<CohortRow> rows = new ArrayList<>();
    for (CohortPeriod period : CohortPeriod.values()) {
      LocalDate periodStart = period.start(date);
      Map<LocalDate, long[]> cohorts = new TreeMap<>();
      for (SignupDay day : organization.days()) {
        if (day.signupDay().isAfter(date)) {
          continue;
        }
        long[] sums = cohorts.computeIfAbsent(period.start(day.signupDay()), k -> new long[3]);
        sums[0] += day.users();
        sums[1] += day.active(period);
        sums[2] += day.revenue(period);
      }
      cohorts.forEach((cohortStart, sums) -> rows.add(new CohortRow(organization.organizationId(), cohortStart,
          period.number(cohortStart, periodStart), period.label(), sums[0], sums[1],
          HalfEven.divide(BigDecimal.valueOf(sums[1]).multiply(HUNDRED), sums[0], 2), currency, sums[2],
          HalfEven.divide(BigDecimal.valueOf(sums[2]), sums[0], 2))));
    }
    return rows;
  }
}
