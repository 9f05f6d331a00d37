package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What an earlier, approved or paid period holds for one partner, shop and currency, as far as a
 * later period needs it to place adjustments and carried-forward amounts (major units, signed).
 * A currency the closed period has no row for (a payment that arrived after approval) has zero
 * amounts and the rate of the shop's other rows in that period.
 *
 * @param frozenRevenue the period's own revenue as approved: its {@code revenue} line (or the row's
 *     revenue when it has no lines), 0 when there is no row
 * @param totalRevenue the sum of the period's lines: what it paid when not negative
 * @param totalCommission likewise for commission
 * @param movedRevenue revenue of the adjustment lines already placed in other periods for this source
 * @param carriedRevenue revenue of the carried-forward lines already placed in other periods
 * @param carriedCommission commission of those carried-forward lines
 */
public record ClosedLine(String currency, LocalDate periodStart, LocalDate periodEnd, BigDecimal rate,
    boolean rateOverride, BigDecimal frozenRevenue, BigDecimal totalRevenue, BigDecimal totalCommission,
    BigDecimal movedRevenue, BigDecimal carriedRevenue, BigDecimal carriedCommission) {}
