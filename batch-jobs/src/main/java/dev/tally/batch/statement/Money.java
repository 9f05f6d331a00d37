package dev.tally.batch.statement;

import dev.tally.batch.partner.CommissionCalculator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How statements print amounts: at the currency's minor unit, exactly (never through floating point). */
final class Money {

  private Money() {}

  /** Plain text for CSV: {@code 1234.56}, {@code -30.00}, {@code 999} (JPY), {@code 1.543} (BHD). */
  static String plain(BigDecimal amount, String currency) {
    return amount.setScale(CommissionCalculator.minorDigits(currency), RoundingMode.UNNECESSARY).toPlainString();
  }

  /** Grouped text with the currency code for people: {@code 1,234.56 USD}, {@code -30 JPY}. */
  static String display(BigDecimal amount, String currency) {
    int digits = CommissionCalculator.minorDigits(currency);
    return String.format(Locale.ROOT, "%,." + digits + "f", amount.setScale(digits, RoundingMode.UNNECESSARY))
        + " " + currency;
  }
}
