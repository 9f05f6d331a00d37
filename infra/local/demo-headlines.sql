SELECT
    (SELECT uniqExact(organization_id, event_id) FROM events
        WHERE toDate(occurred_at) BETWEEN toDate('{first}') AND toDate('{last}')) AS distinct_events,
    (SELECT round(avg(users), 1) FROM (SELECT date, sum(unique_users) AS users FROM daily_metrics FINAL
        WHERE date BETWEEN toDate('{first}') AND toDate('{last}') GROUP BY date)) AS avg_daily_active_users,
    (SELECT sum(total_messages) FROM daily_metrics FINAL WHERE date BETWEEN toDate('{first}') AND toDate('{last}'))
        AS messages,
    (SELECT sum(total_tokens) FROM daily_metrics FINAL WHERE date BETWEEN toDate('{first}') AND toDate('{last}'))
        AS tokens;

SELECT
    currency,
    sum(orders_count) AS orders,
    sum(gross_revenue_cents) AS gross_minor_units,
    sum(refunds_amount_cents) AS refunds_minor_units,
    sum(net_revenue_cents) AS net_minor_units
FROM revenue_analytics FINAL
WHERE date BETWEEN toDate('{first}') AND toDate('{last}')
GROUP BY currency
ORDER BY currency;
