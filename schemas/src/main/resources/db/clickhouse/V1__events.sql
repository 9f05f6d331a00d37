-- Raw events, one row per (organization_id, event_id) after merges. Replays of the loader insert
-- identical rows and ReplacingMergeTree folds them; exact counts over closed days are computed by
-- the batch jobs with deduplication. Times are UTC; *_ms columns keep the milliseconds.
CREATE TABLE IF NOT EXISTS events
(
    organization_id String,
    event_id String,
    event_type String,
    category String,
    occurred_at DateTime,
    occurred_at_ms UInt64,
    received_at DateTime,
    received_at_ms UInt64,
    user_id Nullable(String),
    anonymous_id Nullable(String),
    session_id Nullable(String),
    customer_id Nullable(String),
    resource_type Nullable(String),
    resource_id Nullable(String),
    platform Nullable(String),
    app_version Nullable(String),
    ip Nullable(String),
    user_agent Nullable(String),
    properties Nested(key String, value String),
    revenue_kind Nullable(String),
    revenue_amount_minor Nullable(Int64),
    revenue_currency Nullable(String),
    revenue_order_id Nullable(String),
    revenue_invoice_id Nullable(String),
    revenue_tax_minor Nullable(Int64),
    revenue_shipping_minor Nullable(Int64),
    revenue_discount_minor Nullable(Int64),
    usage_tokens Nullable(Int64),
    usage_response_time_ms Nullable(Float64),
    usage_agent_id Nullable(String),
    usage_conversation_id Nullable(String),
    usage_status Nullable(String),
    usage_rating Nullable(UInt8)
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (organization_id, event_type, occurred_at, event_id)
