-- The raw event loader's insert; rows follow as RowBinary, written by EventRows in this column order.
-- Replays insert identical rows; ReplacingMergeTree folds them.
INSERT INTO events (organization_id, event_id, event_type, category, occurred_at, occurred_at_ms, received_at,
    received_at_ms, user_id, anonymous_id, session_id, customer_id, resource_type, resource_id, platform,
    app_version, ip, user_agent, properties.key, properties.value, revenue_kind, revenue_amount_minor,
    revenue_currency, revenue_order_id, revenue_invoice_id, revenue_tax_minor, revenue_shipping_minor,
    revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_conversation_id,
    usage_status, usage_rating)
