-- What the nightly batch jobs need beyond the seeds' tables.

-- partner-revenue upserts one row per (partner, shop, currency, period); the seed had no key for it.
CREATE UNIQUE INDEX uq_partner_revenue_line
    ON partner_revenue (partner_id, shop_id, currency, period_type, period_start);

-- reconcile: per organization, day and measure, the stream's total (ClickHouse metrics_minute)
-- beside the batch total (daily_metrics, revenue_analytics). One row per difference found by the
-- latest run for that day; a rerun replaces the day's rows.
CREATE TABLE reconciliation_drift (
    organization_id UUID NOT NULL,
    date DATE NOT NULL,
    measure VARCHAR(64) NOT NULL, -- total_messages, total_tokens, net_revenue_minor:<currency>
    stream_value BIGINT NOT NULL,
    batch_value BIGINT NOT NULL,
    drift BIGINT NOT NULL, -- stream_value - batch_value
    checked_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    PRIMARY KEY (organization_id, date, measure)
);

CREATE INDEX idx_reconciliation_drift_date ON reconciliation_drift(date);
