package dev.tally.batch.cohort;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of {@code cohort_analytics}.
 *
 * @param retentionRate active / users x 100, two decimals half-even
 * @param revenueCents net revenue of the cohort's users in the period, minor units of {@code currency}
 * @param averageRevenuePerUser revenueCents / users, minor units with two decimals half-even
 */
public record CohortRow(String organizationId, LocalDate cohortDate, int periodNumber, String periodType,
    long userCount, long activeUserCount, BigDecimal retentionRate, String currency, long revenueCents,
    BigDecimal averageRevenuePerUser) {}
