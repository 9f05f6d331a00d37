package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * DESIGN 3.6: a shop's net billing revenue in a period earns its partner commission at the shop's
 * custom rate, else the partner's rate, rounded half-even to the currency's minor unit per
 * (partner, shop, currency, period). Only payments on or after the link's activation count, and
 * none after the partner's deletion. Stored amounts are never negative: a negative net is stored
 * as 0 and named in the line's metadata.
 */
public final class CommissionCalculator {

  private CommissionCalculator() {}

  /** The rate that applies to the link: the custom rate when set, else the partner's (0 when unset). */
  public static BigDecimal rate(PartnerLink link) {
    if (link.customCommissionRate() != null) {
      return link.customCommissionRate();
    }
    return link.partnerCommissionRate() == null ? BigDecimal.ZERO.setScale(4) : link.partnerCommissionRate();
  }

  /**
   * The part of [periodStart, periodEnd) in which the link earns: from its activation, up to and
   * including the instant of the partner's deletion. Empty when they do not overlap.
   */
  public static Optional<Window> eligible(PartnerLink link, Instant periodStart, Instant periodEnd) {
    Instant from = link.activatedAt().isAfter(periodStart) ? link.activatedAt() : periodStart;
    Instant until = periodEnd;
    if (link.partnerDeletedAt() != null && link.partnerDeletedAt().plusMillis(1).isBefore(until)) {
      until = link.partnerDeletedAt().plusMillis(1);
    }
    return from.isBefore(until) ? Optional.of(new Window(from, until)) : Optional.empty();
  }

  /** The line for one currency's net billing revenue (minor units). */
  public static PartnerRevenueLine line(PartnerLink link, RevenuePeriod period, String currency, long netMinor) {
    int digits = minorDigits(currency);
    BigDecimal rate = rate(link);
    BigDecimal revenue = BigDecimal.valueOf(Math.max(netMinor, 0), digits);
    BigDecimal commission = revenue.multiply(rate).setScale(digits, RoundingMode.HALF_EVEN);
    String metadata = netMinor < 0
        ? "{\"negative_net\": \"" + BigDecimal.valueOf(netMinor, digits).toPlainString() + "\"}"
        : "{}";
    return new PartnerRevenueLine(link.partnerId(), link.shopId(), currency, revenue, commission, rate,
        period.type().label(), period.start(), period.end(), metadata);
  }

  /** Decimals of the currency's minor unit: JPY 0, USD 2, BHD 3. */
  public static int minorDigits(String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException(currency + " has no minor unit");
    }
    return digits;
  }

  /** A half-open interval of instants, [from, until). */
  public record Window(Instant from, Instant until) {}
}
