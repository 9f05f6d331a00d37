package dev.tally.batch.revenue;

import dev.tally.batch.metrics.HalfEven;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of {@code revenue_analytics}; amounts in minor units of {@code currency}.
 *
 * @param netRevenueCents gross minus refunds; negative when the day's refunds exceed its sales
 * @param averageOrderValueCents gross / orders, rounded half-even to a whole minor unit; 0 without orders
 * @param returnsAmountCents the day's refund amounts, as in the seed's calculate_daily_revenue
 */
public record RevenueAnalytics(String organizationId, LocalDate date, String currency, long grossRevenueCents,
    long netRevenueCents, long ordersCount, long averageOrderValueCents, long returnsCount, long returnsAmountCents,
    long discountsAmountCents, long shippingAmountCents, long taxAmountCents, long refundsAmountCents) {

  /** The row from the day's sums for one organization and currency. */
  public static RevenueAnalytics of(String organizationId, LocalDate date, String currency, long gross, long refunds,
      long orders, long returns, long discounts, long shipping, long tax) {
    return new RevenueAnalytics(organizationId, date, currency, gross, Math.subtractExact(gross, refunds), orders,
        averageOrderValue(gross, orders), returns, refunds, discounts, shipping, tax, refunds);
  }

  /** gross / orders half-even in whole minor units, 0 when there are no orders. */
  public static long averageOrderValue(long gross, long orders) {
    return HalfEven.mean(BigDecimal.valueOf(gross), orders, 0, BigDecimal.ZERO).longValueExact();
  }
}
