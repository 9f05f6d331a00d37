-- Every raw copy of the closed day's duplicated events (more than one row per organization_id and
-- event_id), with sign -1. The candidates are found by a 64-bit hash of the key, which is fast; a hash
-- collision only stages two different events that each have one copy, and their -1 and +1 rows cancel.
INSERT INTO duplicate_corrections (day, sign, organization_id, event_id, event_type, occurred_at, occurred_at_ms,
    received_at_ms, user_id, revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor,
    revenue_shipping_minor, revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status,
    usage_rating)
SELECT toDate(:day), -1, organization_id, event_id, event_type, occurred_at, occurred_at_ms,
    received_at_ms, user_id, revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor,
    revenue_shipping_minor, revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status,
    usage_rating
FROM events
WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
    AND cityHash64(organization_id, event_id) IN
    (
        SELECT key
        FROM
        (
            SELECT cityHash64(organization_id, event_id) AS key
            FROM events
            WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
            GROUP BY key
            HAVING count() > 1
        )
    )
