-- The copy of each duplicated event that counts, with sign +1: the first received (then the earliest
-- occurred_at_ms), so the choice does not depend on how ClickHouse stored or merged the raw rows.
-- argMin over one tuple of the columns, since an aggregate over a Nullable column alone skips NULLs.
INSERT INTO duplicate_corrections (day, sign, organization_id, event_id, event_type, occurred_at, occurred_at_ms,
    received_at_ms, user_id, revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor,
    revenue_shipping_minor, revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status,
    usage_rating)
SELECT day, 1, organization_id, event_id, tupleElement(kept, 1), tupleElement(kept, 2), tupleElement(kept, 3),
    tupleElement(kept, 4), tupleElement(kept, 5), tupleElement(kept, 6), tupleElement(kept, 7), tupleElement(kept, 8),
    tupleElement(kept, 9), tupleElement(kept, 10), tupleElement(kept, 11), tupleElement(kept, 12),
    tupleElement(kept, 13), tupleElement(kept, 14), tupleElement(kept, 15), tupleElement(kept, 16),
    tupleElement(kept, 17)
FROM
(
    SELECT
        day,
        organization_id,
        event_id,
        argMin(tuple(event_type, occurred_at, occurred_at_ms, received_at_ms, user_id, revenue_kind, revenue_amount_minor,
            revenue_currency, revenue_order_id, revenue_tax_minor, revenue_shipping_minor, revenue_discount_minor,
            usage_tokens, usage_response_time_ms, usage_agent_id, usage_status, usage_rating),
            tuple(received_at_ms, occurred_at_ms)) AS kept
    FROM duplicate_corrections
    WHERE day = toDate(:day) AND sign = -1
    GROUP BY day, organization_id, event_id
)
