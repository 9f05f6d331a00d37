SELECT organization_id::text AS organization_id, period_type, cohort_date, period_number, user_count, active_user_count,
    retention_rate, currency, revenue_cents, average_revenue_per_user
FROM cohort_analytics
WHERE (period_type = 'day' AND cohort_date + period_number = :day)
    OR (period_type = 'week' AND cohort_date + 7 * period_number = :week_start)
    OR (period_type = 'month' AND (cohort_date + make_interval(months => period_number))::date = :month_start)
ORDER BY organization_id, period_type, cohort_date
