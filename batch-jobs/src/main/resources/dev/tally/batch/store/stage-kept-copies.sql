-- The copy of each duplicated event that counts, with sign +1: the first received (then the earliest
-- occurred_at_ms), so the choice does not depend on how ClickHouse stored or merged the raw rows.
INSERT INTO duplicate_corrections (day, sign, organization_id, event_id, event_type, occurred_at, occurred_at_ms,
    received_at_ms, user_id, revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor,
    revenue_shipping_minor, revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status,
    usage_rating)
SELECT day, 1, organization_id, event_id, event_type, occurred_at, occurred_at_ms,
    received_at_ms, user_id, revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor,
    revenue_shipping_minor, revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status,
    usage_rating
FROM
(
    SELECT *
    FROM duplicate_corrections
    WHERE day = toDate(:day) AND sign = -1
    ORDER BY organization_id, event_id, received_at_ms, occurred_at_ms
    LIMIT 1 BY organization_id, event_id
)
