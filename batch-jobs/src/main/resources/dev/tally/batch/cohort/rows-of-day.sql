-- The rows of the computed date: for each period type, every cohort's row for the period containing :day.
(period_type = 'day' AND cohort_date + period_number = :day)
    OR (period_type = 'week' AND cohort_date + 7 * period_number = :week_start)
    OR (period_type = 'month' AND (cohort_date + make_interval(months => period_number))::date = :month_start)
