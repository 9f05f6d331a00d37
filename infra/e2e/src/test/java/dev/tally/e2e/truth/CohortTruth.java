package dev.tally.e2e.truth;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.RevenueKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * cohort_analytics as it stands after the nightly job ran for every day from {@code first} to
 * {@code last}, by the definitions of docs/architecture.md and batch-jobs/README.md, from the events alone:
 * for each period type and each period holding one of those days, each sign-up cohort's row as of the
 * period's last day that was run (its end, or {@code last}). Revenue: net (sales minus refunds) in the
 * reporting currency only.
 */
public final class CohortTruth {

  private enum Period {
    day, week, month;

    LocalDate start(LocalDate d) {
      return switch (this) {
        case day -> d;
        case week -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case month -> d.withDayOfMonth(1);
      };
    }

    LocalDate end(LocalDate d) {
      return switch (this) {
        case day -> d;
        case week -> start(d).plusDays(6);
        case month -> d.with(TemporalAdjusters.lastDayOfMonth());
      };
    }

    long number(LocalDate cohort, LocalDate period) {
      return switch (this) {
        case day -> ChronoUnit.DAYS.between(cohort, period);
        case week -> ChronoUnit.WEEKS.between(cohort, period);
        case month -> ChronoUnit.MONTHS.between(cohort, period);
      };
    }
  }

  /** What one user did: first sign-up day (null when none), days active, net revenue per day. */
  private static final class User {
    LocalDate signup;
    final Set<LocalDate> active = new TreeSet<>();
    final Map<LocalDate, Long> revenue = new HashMap<>();
  }

  private CohortTruth() {}

  /**
   * organization|cohort_date|period_number|period_type|users|active users|retention rate|currency|revenue|revenue per
   * user, ordered by organization, period type, cohort date, period number
   */
  public static List<String> rows(Collection<AnalyticsEvent> events, LocalDate first, LocalDate last, String currency) {
    Map<String, Map<String, User>> organizations = new TreeMap<>();
    for (AnalyticsEvent e : events) {
      if (e.getUserId() == null) {
        continue;
      }
      User user = organizations.computeIfAbsent(e.getOrganizationId(), k -> new HashMap<>())
          .computeIfAbsent(e.getUserId(), k -> new User());
      LocalDate day = Truth.day(e);
      user.active.add(day);
      if (e.getEventType().equals("signed_up") && (user.signup == null || day.isBefore(user.signup))) {
        user.signup = day;
      }
      if (e.getRevenue() != null && e.getRevenue().getCurrency().equals(currency)) {
        long amount = e.getRevenue().getAmountMinor() * (e.getRevenue().getKind() == RevenueKind.sale ? 1 : -1);
        user.revenue.merge(day, amount, Long::sum);
      }
    }
    Map<String, String> rows = new TreeMap<>();
    organizations.forEach((organization, users) -> {
      for (Period type : Period.values()) {
        for (LocalDate periodStart = type.start(first); !periodStart.isAfter(last);
            periodStart = type.end(periodStart).plusDays(1)) {
          LocalDate asOf = type.end(periodStart).isAfter(last) ? last : type.end(periodStart);
          Map<LocalDate, long[]> cohorts = new TreeMap<>();
          for (User user : users.values()) {
            if (user.signup == null || user.signup.isAfter(asOf)) {
              continue;
            }
            long[] sums = cohorts.computeIfAbsent(type.start(user.signup), k -> new long[3]);
            sums[0]++;
            LocalDate from = periodStart;
            sums[1] += user.active.stream().anyMatch(d -> !d.isBefore(from) && !d.isAfter(asOf)) ? 1 : 0;
            sums[2] += user.revenue.entrySet().stream()
                .filter(r -> !r.getKey().isBefore(from) && !r.getKey().isAfter(asOf)).mapToLong(Map.Entry::getValue).sum();
          }
          LocalDate period = periodStart;
          cohorts.forEach((cohort, sums) -> {
            long number = type.number(cohort, period);
            rows.put(organization + "|" + type + "|" + cohort + "|" + String.format("%06d", number),
                organization + "|" + cohort + "|" + number + "|" + type + "|" + sums[0] + "|" + sums[1] + "|"
                    + ratio(sums[1] * 100, sums[0]) + "|" + currency + "|" + sums[2] + "|" + ratio(sums[2], sums[0]));
          });
        }
      }
    });
    return new ArrayList<>(rows.values());
  }

  private static BigDecimal ratio(long numerator, long denominator) {
    return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_EVEN);
  }
}
