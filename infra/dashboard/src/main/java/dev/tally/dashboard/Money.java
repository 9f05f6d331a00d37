package dev.tally.dashboard;

import java.math.BigDecimal;
import java.util.Currency;

/** Minor units of a currency as major units with the currency's decimals: JPY none, USD 2, BHD 3. */
final class Money {

  private Money() {}

  /** The currency's decimals (ISO 4217, from {@link Currency}); 2 for a code Java does not know. */
  static int decimals(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException unknown) {
      return 2;
    }
  }

  /** {@code minor} units of {@code currency} in major units, exactly: 123456 USD is 1234.56, 999 JPY is 999. */
  static BigDecimal major(long minor, String currency) {
    return BigDecimal.valueOf(minor, decimals(currency));
  }
}
