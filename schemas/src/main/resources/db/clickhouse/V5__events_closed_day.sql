-- The batch jobs' deduplicated copy of one closed day of raw events: each (organization_id,
-- event_id) once, with the columns the rollups read. Built once per day (and again only when the raw
-- day has changed since, per closed_days), so daily-metrics, revenue-analytics and cohort-analytics
-- aggregate it without deduplicating again. One partition per day (in the pipeline's time zone):
-- a day is rebuilt with DROP PARTITION; the retention job drops days beyond the horizon.
CREATE TABLE IF NOT EXISTS events_closed_day
(
    day Date,
    organization_id String,
    event_id String,
    event_type String,
    occurred_at DateTime,
    occurred_at_ms UInt64,
    user_id Nullable(String),
    revenue_kind Nullable(String),
    revenue_amount_minor Nullable(Int64),
    revenue_currency Nullable(String),
    revenue_order_id Nullable(String),
    revenue_tax_minor Nullable(Int64),
    revenue_shipping_minor Nullable(Int64),
    revenue_discount_minor Nullable(Int64),
    usage_tokens Nullable(Int64),
    usage_response_time_ms Nullable(Float64),
    usage_agent_id Nullable(String),
    usage_status Nullable(String),
    usage_rating Nullable(UInt8)
)
ENGINE = MergeTree
PARTITION BY day
ORDER BY (organization_id, event_type);

-- Which raw day each staged day was built from: its raw row count and latest received_at_ms. A
-- different count or a later arrival means the day must be built again.
CREATE TABLE IF NOT EXISTS closed_days
(
    day Date,
    raw_rows UInt64,
    raw_max_received_at_ms UInt64,
    rows UInt64,
    staged_at DateTime
)
ENGINE = ReplacingMergeTree(staged_at)
ORDER BY day;
