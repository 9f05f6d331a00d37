-- One closed day of raw events into events_closed_day, each (organization_id, event_id) once.
INSERT INTO events_closed_day (day, organization_id, event_id, event_type, occurred_at, occurred_at_ms, user_id,
    revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor, revenue_shipping_minor,
    revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status, usage_rating)
SELECT toDate(:day), organization_id, event_id, event_type, occurred_at, occurred_at_ms, user_id,
    revenue_kind, revenue_amount_minor, revenue_currency, revenue_order_id, revenue_tax_minor, revenue_shipping_minor,
    revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status, usage_rating
FROM events
WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
LIMIT 1 BY organization_id, event_id
