-- The batch's totals of one day per organization (PostgreSQL, the system of record).
SELECT organization_id::text AS organization_id, 'total_messages' AS measure, total_messages::bigint AS value
FROM daily_metrics WHERE date = :date
UNION ALL
SELECT organization_id::text, 'total_tokens', total_tokens FROM daily_metrics WHERE date = :date
UNION ALL
SELECT organization_id::text, 'net_revenue_minor:' || currency, net_revenue_cents FROM revenue_analytics WHERE date = :date
