package dev.tally.batch.cohort;

import java.time.LocalDate;

/**
 * The users of one organization whose first sign-up fell on one day, and what they did in the day,
 * ISO week and month containing the computed date (up to its end).
 *
 * @param signupDay the day of their first {@code signed_up}
 * @param users how many users
 * @param activeDay of them, active on the computed date; activeWeek, activeMonth likewise for its week and month
 * @param revenueDay their net revenue (reporting currency, minor units) on the computed date; revenueWeek, revenueMonth likewise
 */
public record SignupDay(LocalDate signupDay, long users, long activeDay, long activeWeek, long activeMonth,
    long revenueDay, long revenueWeek, long revenueMonth) {

  long active(CohortPeriod period) {
    return switch (period) {
      case DAY -> activeDay;
      case WEEK -> activeWeek;
      case MONTH -> activeMonth;
    };
  }

  long revenue(CohortPeriod period) {
    return switch (period) {
      case DAY -> revenueDay;
      case WEEK -> revenueWeek;
      case MONTH -> revenueMonth;
    };
  }
}
