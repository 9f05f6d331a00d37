package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The one place of the commission rules (docs/architecture.md, Partner commissions).
 * <ul>
 *   <li>A shop's net billing revenue in a period earns its partner commission at the shop's custom
 *       rate, else the partner's rate; only payments on or after the link's activation count, and
 *       none after the partner's deletion.</li>
 *   <li>Every statement line's commission is rounded half-even to the currency's minor unit; a row
 *       (partner, shop, currency, period) is the sum of its rounded lines.</li>
 *   <li>A late payment or refund for an earlier period that was approved or paid becomes an
 *       {@code adjustment} line (at that period's rate) in the next period computed.</li>
 *   <li>A row whose lines sum to a negative revenue or commission pays nothing (stored amounts are
 *       never negative); once its period is approved, the sum is carried into the next period
 *       computed as a {@code carried_forward} line.</li>
 * </ul>
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

  /** Whether {@link #rate} is the shop's own rate rather than the partner's. */
  public static boolean rateOverride(PartnerLink link) {
    return link.customCommissionRate() != null;
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

  /** The {@code revenue} line of one currency's net billing revenue (minor units, may be negative). */
  public static StatementLine revenueLine(PartnerLink link, RevenuePeriod period, String currency, long netMinor) {
    BigDecimal revenue = BigDecimal.valueOf(netMinor, minorDigits(currency));
    BigDecimal rate = rate(link);
    return new StatementLine(StatementLine.Kind.REVENUE, period.start(), period.end(), revenue, rate,
        rateOverride(link), commission(revenue, rate, currency));
  }

  /**
   * The adjustment for a closed period whose own net revenue is now {@code nowMinor} (recomputed
   * from the events): what changed since it was approved, less what earlier adjustments already
   * moved. Empty when nothing changed.
   */
  public static Optional<StatementLine> adjustment(ClosedLine closed, long nowMinor) {
    BigDecimal now = BigDecimal.valueOf(nowMinor, minorDigits(closed.currency()));
    BigDecimal delta = now.subtract(closed.frozenRevenue()).subtract(closed.movedRevenue());
    if (delta.signum() == 0) {
      return Optional.empty();
    }
    delta = scaled(delta, closed.currency());
    return Optional.of(new StatementLine(StatementLine.Kind.ADJUSTMENT, closed.periodStart(), closed.periodEnd(), delta,
        closed.rate(), closed.rateOverride(), commission(delta, closed.rate(), closed.currency())));
  }

  /**
   * The negative total of a closed period that paid nothing, less what was already carried
   * elsewhere. Empty when the period's total was not negative or is carried already.
   */
  public static Optional<StatementLine> carriedForward(ClosedLine closed) {
    if (closed.totalRevenue().signum() >= 0 && closed.totalCommission().signum() >= 0) {
      return Optional.empty();
    }
    BigDecimal revenue = scaled(closed.totalRevenue().subtract(closed.carriedRevenue()), closed.currency());
    BigDecimal commission = scaled(closed.totalCommission().subtract(closed.carriedCommission()), closed.currency());
    if (revenue.signum() == 0 && commission.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new StatementLine(StatementLine.Kind.CARRIED_FORWARD, closed.periodStart(), closed.periodEnd(),
        revenue, closed.rate(), closed.rateOverride(), commission));
  }

  /**
   * The partner_revenue row summing {@code lines}: payable revenue and commission, both 0 when
   * either sum is negative (then the sums are named in the metadata and carried forward once the
   * period is approved).
   */
  public static PartnerRevenueLine row(PartnerLink link, RevenuePeriod period, String currency, List<StatementLine> lines) {
    int digits = minorDigits(currency);
    BigDecimal revenue = BigDecimal.ZERO.setScale(digits);
    BigDecimal commission = BigDecimal.ZERO.setScale(digits);
    for (StatementLine line : lines) {
      revenue = revenue.add(line.revenue());
      commission = commission.add(line.commission());
    }
    String metadata = "{}";
    if (revenue.signum() < 0 || commission.signum() < 0) {
      metadata = "{\"negative_net\": \"" + revenue.toPlainString() + "\", \"negative_commission\": \""
          + commission.toPlainString() + "\"}";
      revenue = BigDecimal.ZERO.setScale(digits);
      commission = BigDecimal.ZERO.setScale(digits);
    }
    return new PartnerRevenueLine(link.partnerId(), link.shopId(), currency, revenue, commission, rate(link),
        rateOverride(link), period.type().label(), period.start(), period.end(), metadata, List.copyOf(lines));
  }

  /** The row of one currency's own net revenue only (no adjustments). */
  public static PartnerRevenueLine line(PartnerLink link, RevenuePeriod period, String currency, long netMinor) {
    return row(link, period, currency, new ArrayList<>(List.of(revenueLine(link, period, currency, netMinor))));
  }

  /** revenue x rate, rounded half-even to the currency's minor unit. */
  public static BigDecimal commission(BigDecimal revenue, BigDecimal rate, String currency) {
    return revenue.multiply(rate).setScale(minorDigits(currency), RoundingMode.HALF_EVEN);
  }

  /** Decimals of the currency's minor unit: JPY 0, USD 2, BHD 3. */
  public static int minorDigits(String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException(currency + " has no minor unit");
    }
    return digits;
  }

  private static BigDecimal scaled(BigDecimal amount, String currency) {
    return amount.setScale(minorDigits(currency), RoundingMode.UNNECESSARY);
  }

  /** A half-open interval of instants, [from, until). */
  public record Window(Instant from, Instant until) {}
}
