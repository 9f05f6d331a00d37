-- Per organization and minute, written by the stream. A late event rewrites its minute with a higher
-- version; read with FINAL (or argMax by version) for the latest values. Response times are kept
-- as sum and count so minutes merge exactly; p95 is the minute's own.
CREATE TABLE IF NOT EXISTS metrics_minute
(
    organization_id String,
    minute DateTime,
    events_count UInt64,
    event_types Array(String),
    event_type_counts Array(UInt64),
    active_users UInt64,
    messages_count UInt64,
    total_tokens UInt64,
    response_time_count UInt64,
    response_time_sum_ms Float64,
    p95_response_time_ms Float64,
    revenue_currencies Array(String),
    net_revenue_minor Array(Int64),
    version UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (organization_id, minute)
