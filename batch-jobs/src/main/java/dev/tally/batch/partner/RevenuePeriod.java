package dev.tally.batch.partner;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partner revenue period: a month ({@code 2026-10}), a quarter ({@code 2026-Q4}) or a year ({@code 2026}).
 *
 * @param type never null
 * @param start first day
 * @param end last day, inclusive (partner_revenue.period_end)
 */
public record RevenuePeriod(Type type, LocalDate start, LocalDate end) {

  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  /** partner_revenue.period_type. */
  public enum Type {
    MONTHLY, QUARTERLY, ANNUAL;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    int months() {
      return switch (this) {
        case MONTHLY -> 1;
        case QUARTERLY -> 3;
        case ANNUAL -> 12;
      };
    }
  }

  /** Parses the period text for its type; fails with a message saying what was expected. */
  public static RevenuePeriod parse(Type type, String text) {
    switch (type) {
      case MONTHLY -> {
        Matcher m = MONTH.matcher(text);
        int month = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (month < 1 || month > 12) {
          throw new IllegalArgumentException("'" + text + "' is not a month (YYYY-MM) for --period-type monthly");
        }
        return of(type, YearMonth.of(Integer.parseInt(m.group(1)), month));
      }
      case QUARTERLY -> {
        Matcher m = QUARTER.matcher(text);
        if (!m.matches()) {
          throw new IllegalArgumentException("'" + text + "' is not a quarter (YYYY-Qn, n from 1 to 4) for --period-type quarterly");
        }
        return of(type, YearMonth.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2));
      }
      default -> {
        if (!YEAR.matcher(text).matches()) {
          throw new IllegalArgumentException("'" + text + "' is not a year (YYYY) for --period-type annual");
        }
        return of(type, YearMonth.of(Integer.parseInt(text), 1));
      }
    }
  }

  /** The last period of this type that ended before {@code today}. */
  public static RevenuePeriod lastClosed(Type type, LocalDate today) {
    YearMonth month = YearMonth.from(today);
    int index = (month.getMonthValue() - 1) / type.months();
    YearMonth current = YearMonth.of(month.getYear(), index * type.months() + 1);
    return of(type, current.minusMonths(type.months()));
  }

  /** The period of {@code type} that starts on {@code start} (the first day of a month). */
  public static RevenuePeriod of(Type type, LocalDate start) {
    return of(type, YearMonth.from(start));
  }

  private static RevenuePeriod of(Type type, YearMonth first) {
    return new RevenuePeriod(type, first.atDay(1), first.plusMonths(type.months() - 1).atEndOfMonth());
  }

  /** The text form: 2026-10, 2026-Q4, 2026. */
  public String label() {
    return switch (type) {
      case MONTHLY -> YearMonth.from(start).toString();
      case QUARTERLY -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
      case ANNUAL -> Integer.toString(start.getYear());
    };
  }
}
