package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of {@code partner_revenue}: what is payable for a partner, shop, currency and period, the
 * sum of its statement lines, never negative. Amounts in major units at the minor-unit scale.
 *
 * @param commissionRate the rate of the period's own revenue
 * @param rateOverride whether that rate is the shop's custom rate
 * @param metadata JSON object text, never null
 * @param lines the statement lines it sums, never null
 */
public record PartnerRevenueLine(String partnerId, String shopId, String currency, BigDecimal revenueAmount,
    BigDecimal commissionAmount, BigDecimal commissionRate, boolean rateOverride, String periodType,
    LocalDate periodStart, LocalDate periodEnd, String metadata, List<StatementLine> lines) {}
