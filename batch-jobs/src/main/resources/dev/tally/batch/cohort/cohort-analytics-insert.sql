INSERT INTO cohort_analytics (organization_id, period_type, cohort_date, period_number, user_count, active_user_count,
    retention_rate, currency, revenue_cents, average_revenue_per_user, computed_at)
VALUES (:organization_id, :period_type, :cohort_date, :period_number, :user_count, :active_user_count,
    :retention_rate, :currency, :revenue_cents, :average_revenue_per_user, :computed_at)
