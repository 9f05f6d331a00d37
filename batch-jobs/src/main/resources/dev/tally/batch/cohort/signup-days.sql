-- Per organization and sign-up day: the users whose first signed_up fell on that day (on or before
-- the computed date :day), and how many of them were active, and their net revenue, on :day, in
-- :day's ISO week and in :day's month (up to :day). Reads user_daily_activity only.
SELECT
    organization_id,
    signup_day,
    count() AS users,
    sum(active_day) AS active_day,
    sum(active_week) AS active_week,
    sum(active_month) AS active_month,
    sum(revenue_day) AS revenue_day,
    sum(revenue_week) AS revenue_week,
    sum(revenue_month) AS revenue_month
FROM
(
    SELECT
        organization_id,
        user_id,
        countIf(signed_up_at_ms > 0) AS signup_days,
        minIf(day, signed_up_at_ms > 0) AS signup_day,
        max(day = toDate(:day)) AS active_day,
        max(day >= toDate(:week_start)) AS active_week,
        max(day >= toDate(:month_start)) AS active_month,
        sumIf(net_revenue_minor, day = toDate(:day) AND currency = :currency) AS revenue_day,
        sumIf(net_revenue_minor, day >= toDate(:week_start) AND currency = :currency) AS revenue_week,
        sumIf(net_revenue_minor, day >= toDate(:month_start) AND currency = :currency) AS revenue_month
    FROM user_daily_activity
    WHERE day <= toDate(:day)
    GROUP BY organization_id, user_id
)
WHERE signup_days > 0
GROUP BY organization_id, signup_day
ORDER BY organization_id, signup_day
