-- The stream's totals of one day per organization, from the latest version of each minute.
SELECT organization_id, 'total_messages' AS measure, toInt64(sum(messages_count)) AS value
FROM metrics_minute FINAL
WHERE minute >= toDateTime(:start) AND minute < toDateTime(:end)
GROUP BY organization_id
UNION ALL
SELECT organization_id, 'total_tokens' AS measure, toInt64(sum(total_tokens)) AS value
FROM metrics_minute FINAL
WHERE minute >= toDateTime(:start) AND minute < toDateTime(:end)
GROUP BY organization_id
UNION ALL
SELECT organization_id, concat('net_revenue_minor:', currency) AS measure, sum(net) AS value
FROM
(
    SELECT organization_id, currency, net
    FROM metrics_minute FINAL
    ARRAY JOIN revenue_currencies AS currency, net_revenue_minor AS net
    WHERE minute >= toDateTime(:start) AND minute < toDateTime(:end)
)
GROUP BY organization_id, currency
