package dev.tally.schemas.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a {@link Setting} takes: a short description for the settings table, and the check a
 * value must pass, which names the rule it breaks ({@code must be from 1 to 65535, was 70000}).
 */
public final class Rule {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smh])");

  private final String description;
  /** The value's violation ("must be ...") or null when it keeps the rule. */
  private final Function<String, String> check;

  private Rule(String description, Function<String, String> check) {
    this.description = description;
    this.check = check;
  }

  /** Any text that is not blank. */
  public static Rule text() {
    return new Rule("text", v -> null);
  }

  /** A whole number in [min, max]; {@code Long.MAX_VALUE} as max for no upper bound. */
  public static Rule number(long min, long max) {
    String range = max == Long.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
    return new Rule("whole number " + range, v -> {
      long n;
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        return "must be a whole number, was '" + v + "'";
      }
      return n < min || n > max ? "must be " + range + ", was " + n : null;
    });
  }

  /** A TCP port. */
  public static Rule port() {
    return number(1, 65535);
  }

  /** One of {@code values}, case-insensitive. */
  public static Rule oneOf(String... values) {
    List<String> allowed = List.of(values);
    return new Rule(String.join(" or ", allowed), v -> allowed.contains(v.toLowerCase(Locale.ROOT)) ? null
        : "must be " + String.join(" or ", allowed) + ", was " + v);
  }

  /** An IANA time zone id ({@code Europe/Berlin}) or an offset. */
  public static Rule timeZone() {
    return new Rule("IANA time zone", v -> {
      try {
        ZoneId.of(v);
        return null;
      } catch (DateTimeException e) {
        return "is not a time zone: " + e.getMessage();
      }
    });
  }

  /** An ISO 4217 currency code. */
  public static Rule currency() {
    return new Rule("ISO 4217 code", v -> {
      try {
        Currency.getInstance(v);
        return null;
      } catch (IllegalArgumentException e) {
        return "is not an ISO 4217 currency: '" + v + "'";
      }
    });
  }

  /** A whole number of seconds, minutes or hours: {@code 90s}, {@code 6m}, {@code 2h}. */
  public static Rule duration() {
    return new Rule("duration (90s, 6m, 2h)", v -> DURATION.matcher(v).matches() ? null
        : "must be a whole number of seconds, minutes or hours such as 90s, 6m or 2h, was '" + v + "'");
  }

  /** A value of {@link #duration()}. */
  public static Duration parseDuration(String value) {
    Matcher m = DURATION.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + value);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  /** What the values are, for the settings table. */
  public String description() {
    return description;
  }

  /** Throws {@link InvalidSetting} naming {@code setting} and the rule when {@code value} breaks it. */
  void check(Setting setting, String value) {
    String violation = check.apply(value);
    if (violation != null) {
      throw new InvalidSetting(setting, violation);
    }
  }
}
