package dev.tally.ingest.event;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

/**
 * Converts decimal amounts to a currency's minor unit with {@link Currency}: JPY has none, USD two,
 * BHD three decimals. An amount with more decimals than its currency has is refused, not rounded.
 */
public final class MinorUnits {

  private MinorUnits() {}

  /**
   * The ISO 4217 currency for {@code code} (upper-cased).
   *
   * @throws EventRejected when the code is not a currency with a minor unit
   */
  public static Currency currency(String code, String field) {
    String upper = code.toUpperCase(Locale.ROOT);
    Currency currency;
    try {
      currency = upper.length() == 3 ? Currency.getInstance(upper) : null;
    } catch (IllegalArgumentException e) {
      currency = null;
    }
    if (currency == null || currency.getDefaultFractionDigits() < 0) {
      throw new EventRejected(field, Rule.UNKNOWN_CURRENCY, "'" + code + "' is not an ISO 4217 currency code");
    }
    return currency;
  }

  /** The amount as written, or in scientific notation when that would be very long (1e999999). */
  public static String readable(BigDecimal amount) {
    return Math.abs(amount.scale()) <= 40 ? amount.toPlainString() : amount.toString();
  }

  /**
   * {@code amount} in minor units of {@code currency}.
   *
   * @throws EventRejected when negative, with more decimals than the currency has, or beyond a long
   */
  public static long toMinor(BigDecimal amount, Currency currency, String field) {
    if (amount.signum() < 0) {
      throw new EventRejected(field, Rule.NEGATIVE_AMOUNT, "must not be negative (was " + readable(amount) + ")");
    }
    int digits = currency.getDefaultFractionDigits();
    BigDecimal minor = amount.movePointRight(digits);
    if (minor.stripTrailingZeros().scale() > 0) {
      throw new EventRejected(field, Rule.AMOUNT_PRECISION, readable(amount) + " has more than " + digits
          + " decimal" + (digits == 1 ? "" : "s") + ", the minor unit of " + currency.getCurrencyCode());
    }
    try {
      return minor.longValueExact();
    } catch (ArithmeticException e) {
      throw new EventRejected(field, Rule.AMOUNT_TOO_LARGE, readable(amount) + " is too large");
    }
  }
}
