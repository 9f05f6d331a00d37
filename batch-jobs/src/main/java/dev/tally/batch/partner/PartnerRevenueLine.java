package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of {@code partner_revenue}, amounts in major units of {@code currency} at its minor-unit scale.
 *
 * @param metadata JSON object text, never null
 */
public record PartnerRevenueLine(String partnerId, String shopId, String currency, BigDecimal revenueAmount,
    BigDecimal commissionAmount, BigDecimal commissionRate, String periodType, LocalDate periodStart,
    LocalDate periodEnd, String metadata) {}
