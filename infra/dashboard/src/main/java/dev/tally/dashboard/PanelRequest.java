package dev.tally.dashboard;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a panel was asked for, checked: {@code organization} (a UUID, or empty for all),
 * {@code period} of the cohort grid ({@code day}, {@code week}, {@code month}), and the statements'
 * {@code period_type} and {@code period_start}. A value that breaks its rule is refused with
 * {@link Refused}, naming the parameter and the rule.
 */
public record PanelRequest(String organization, String cohortPeriod, String periodType, LocalDate periodStart) {

  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Set<String> COHORT_PERIODS = Set.of("day", "week", "month");
  private static final Set<String> PERIOD_TYPES = Set.of("monthly", "quarterly", "annual");

  /** The request's parameters, each absent one at its default (all organizations, weeks, no period). */
  public static PanelRequest of(Function<String, String> parameter) {
    String organization = blankToEmpty(parameter.apply("organization"));
    if (!organization.isEmpty() && !UUID.matcher(organization).matches()) {
      throw new Refused("organization", "must be an organization id (a UUID) or empty for all, was '" + organization + "'");
    }
    String cohortPeriod = blankToEmpty(parameter.apply("period"));
    if (cohortPeriod.isEmpty()) {
      cohortPeriod = "week";
    } else if (!COHORT_PERIODS.contains(cohortPeriod)) {
      throw new Refused("period", "must be day, week or month, was '" + cohortPeriod + "'");
    }
    String periodType = blankToEmpty(parameter.apply("period_type"));
    if (periodType.isEmpty()) {
      periodType = "monthly";
    } else if (!PERIOD_TYPES.contains(periodType)) {
      throw new Refused("period_type", "must be monthly, quarterly or annual, was '" + periodType + "'");
    }
    String start = blankToEmpty(parameter.apply("period_start"));
    LocalDate periodStart = null;
    if (!start.isEmpty()) {
      try {
        periodStart = LocalDate.parse(start);
      } catch (DateTimeParseException e) {
        throw new Refused("period_start", "must be a date such as 2026-11-01, was '" + start + "'");
      }
    }
    return new PanelRequest(organization.toLowerCase(), cohortPeriod, periodType, periodStart);
  }

  /** The named parameters that select the organization: {@code everyone} (1 for all) and {@code organization}. */
  public Map<String, Object> organizationParameters() {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("everyone", organization.isEmpty() ? 1 : 0);
    parameters.put("organization", organization);
    return parameters;
  }

  /** The first cohort the grid shows: 14 days, 12 weeks or 12 months back from {@code today}. */
  public LocalDate firstCohort(LocalDate today) {
    return switch (cohortPeriod) {
      case "day" -> today.minusDays(13);
      case "week" -> today.minusWeeks(11).with(java.time.DayOfWeek.MONDAY);
      default -> today.minusMonths(11).withDayOfMonth(1);
    };
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value.strip();
  }

  /** A parameter that breaks its rule: the page gets 400 with both. */
  static final class Refused extends RuntimeException {
    Refused(String parameter, String rule) {
      super(parameter + ": " + rule);
    }
  }
}
