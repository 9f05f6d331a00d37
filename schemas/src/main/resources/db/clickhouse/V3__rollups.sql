-- Copies of the nightly rollups for analysts (PostgreSQL is the system of record). A rerun of a day
-- writes rows with a newer computed_at; read with FINAL for the latest run.
CREATE TABLE IF NOT EXISTS daily_metrics
(
    organization_id String,
    date Date,
    total_messages UInt32,
    total_conversations UInt32,
    total_tokens UInt64,
    unique_users UInt32,
    avg_response_time Decimal(10, 2),
    agent_count UInt32,
    workflow_executions UInt32,
    computed_at DateTime
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(date)
ORDER BY (organization_id, date);

CREATE TABLE IF NOT EXISTS agent_metrics
(
    organization_id String,
    agent_id String,
    date Date,
    conversation_count UInt32,
    message_count UInt32,
    avg_response_time Decimal(10, 2),
    total_tokens UInt64,
    error_count UInt32,
    satisfaction_score Nullable(Decimal(3, 2)),
    computed_at DateTime
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(date)
ORDER BY (organization_id, agent_id, date);

CREATE TABLE IF NOT EXISTS revenue_analytics
(
    organization_id String,
    date Date,
    currency String,
    gross_revenue_cents Int64,
    net_revenue_cents Int64,
    orders_count UInt32,
    average_order_value_cents Int64,
    returns_count UInt32,
    returns_amount_cents Int64,
    discounts_amount_cents Int64,
    shipping_amount_cents Int64,
    tax_amount_cents Int64,
    refunds_amount_cents Int64,
    computed_at DateTime
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(date)
ORDER BY (organization_id, date, currency);

CREATE TABLE IF NOT EXISTS cohort_analytics
(
    organization_id String,
    period_type String,
    cohort_date Date,
    period_number UInt32,
    user_count UInt32,
    active_user_count UInt32,
    retention_rate Decimal(5, 2),
    currency String,
    revenue_cents Int64,
    average_revenue_per_user Decimal(12, 2),
    computed_at DateTime
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYYYYMM(cohort_date)
ORDER BY (organization_id, period_type, cohort_date, period_number);

CREATE TABLE IF NOT EXISTS partner_revenue
(
    partner_id String,
    shop_id String,
    currency String,
    period_type String,
    period_start Date,
    period_end Date,
    revenue_amount Decimal(15, 3),
    commission_amount Decimal(15, 3),
    commission_rate Decimal(5, 4),
    status String,
    payment_reference Nullable(String),
    computed_at DateTime
)
ENGINE = ReplacingMergeTree(computed_at)
PARTITION BY toYear(period_start)
ORDER BY (partner_id, shop_id, currency, period_type, period_start)
