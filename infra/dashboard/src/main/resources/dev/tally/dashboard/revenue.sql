-- Panel "revenue": net revenue per day and currency of the last 30 days, in minor units of the
-- currency, from revenue_analytics (the page shows major units with the currency's decimals).
SELECT toString(date) AS day, currency, sum(net_revenue_cents) AS net_minor
FROM revenue_analytics FINAL
WHERE date >= today() - 29 AND date <= today() AND (:everyone = 1 OR organization_id = :organization)
GROUP BY date, currency
ORDER BY date, currency
