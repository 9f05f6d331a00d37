-- One day into user_daily_activity: per organization and user with any event that day, the first
-- sign-up (epoch ms, 0 when none) and the net revenue (sales minus refunds) in the reporting
-- currency, each (organization_id, event_id) once: the raw day plus its duplicate corrections
-- ({day_events}), amounts weighted by sign. (ClickHouse aliases are global to a query: the events'
-- currency is event_currency so it cannot meet the output column.)
INSERT INTO user_daily_activity (organization_id, user_id, day, signed_up_at_ms, currency, net_revenue_minor, recorded_at)
SELECT
    organization_id,
    user_id,
    toDate(:day) AS day,
    minIf(occurred_at_ms, event_type = 'signed_up') AS signed_up_at_ms,
    :currency AS currency,
    sum(sign * multiIf(kind = 'sale' AND event_currency = :currency, amount,
        kind = 'refund' AND event_currency = :currency, -amount, 0))
        AS net_revenue_minor,
    now() AS recorded_at
FROM
(
    SELECT
        sign,
        organization_id,
        assumeNotNull(user_id) AS user_id,
        event_type,
        occurred_at_ms,
        ifNull(revenue_kind, '') AS kind,
        ifNull(revenue_currency, '') AS event_currency,
        ifNull(revenue_amount_minor, 0) AS amount
    FROM ({day_events where user_id IS NOT NULL})
)
GROUP BY organization_id, user_id
