-- The organizations with a daily_metrics row in the last 30 days, for the page's selector.
SELECT DISTINCT organization_id
FROM daily_metrics
WHERE date >= today() - 29 AND date <= today()
ORDER BY organization_id
