-- The closed day's events for the rollups: every raw row with sign +1, plus the day's duplicate
-- corrections (-1 for each copy of a duplicated event, +1 for the copy kept). Summing sign, or a
-- measure times sign, counts each (organization_id, event_id) once; distinct counts (uniqExact) and
-- minima need no sign, as the corrections only repeat values of raw rows. Included in a job's query
-- where it says {day_events}; :start, :end and :day are the day's window. AND {rows} is the query's own
-- row condition ({day_events where ...}), or nothing.
SELECT toInt8(1) AS sign, organization_id, event_id, event_type, occurred_at, occurred_at_ms, user_id, revenue_kind,
    revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor, revenue_shipping_minor,
    revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status, usage_rating
FROM events
WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end) AND {rows}
UNION ALL
SELECT sign, organization_id, event_id, event_type, occurred_at, occurred_at_ms, user_id, revenue_kind,
    revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor, revenue_shipping_minor,
    revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status, usage_rating
FROM duplicate_corrections
WHERE day = toDate(:day) AND {rows}
