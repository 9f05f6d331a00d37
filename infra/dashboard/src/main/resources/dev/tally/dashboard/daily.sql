-- Panel "daily": daily active users and messages of the last 30 days (today included, which the
-- nightly job has not computed yet), from daily_metrics. Across organizations the active users add
-- up: a user belongs to one organization.
SELECT toString(date) AS day, sum(unique_users) AS active_users, sum(total_messages) AS messages
FROM daily_metrics FINAL
WHERE date >= today() - 29 AND date <= today() AND (:everyone = 1 OR organization_id = :organization)
GROUP BY date
ORDER BY date
