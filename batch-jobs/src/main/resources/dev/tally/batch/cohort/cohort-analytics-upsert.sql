INSERT INTO cohort_analytics_load (organization_id, cohort_date, period_number, period_type, user_count, active_user_count,
    retention_rate, currency, revenue_cents, average_revenue_per_user)
VALUES (CAST(:organizationId AS uuid), :cohortDate, :periodNumber, :periodType, :userCount, :activeUserCount,
    :retentionRate, :currency, :revenueCents, :averageRevenuePerUser)
ON CONFLICT (organization_id, cohort_date, period_number, period_type) DO UPDATE SET
    user_count = EXCLUDED.user_count,
    active_user_count = EXCLUDED.active_user_count,
    retention_rate = EXCLUDED.retention_rate,
    currency = EXCLUDED.currency,
    revenue_cents = EXCLUDED.revenue_cents,
    average_revenue_per_user = EXCLUDED.average_revenue_per_user
