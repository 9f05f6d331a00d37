-- Panel "cohorts": per cohort of sign-ups since :since and period after sign-up that has begun by
-- today, the cohort's users and those active in that period, for one period type (day, week, month),
-- from cohort_analytics. Retention is active / users; across organizations both add up.
SELECT toString(cohort_date) AS cohort, period_number, sum(user_count) AS users, sum(active_user_count) AS active
FROM cohort_analytics FINAL
WHERE period_type = :period_type AND cohort_date >= toDate(:since) AND cohort_date <= today()
    AND multiIf(period_type = 'day', cohort_date + period_number, period_type = 'week', cohort_date + 7 * period_number,
        addMonths(cohort_date, period_number)) <= today()
    AND (:everyone = 1 OR organization_id = :organization)
GROUP BY cohort_date, period_number
ORDER BY cohort_date, period_number
