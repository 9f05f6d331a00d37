-- The months of raw events the retention job dropped (ClickHouse events partitions,
-- toYYYYMM(occurred_at), UTC), recorded before each drop. A partner-revenue period that would be
-- computed from a dropped month is refused (exit 2) instead of being computed from part of its events.
CREATE TABLE retention_dropped_months (
    month DATE PRIMARY KEY, -- its first day
    dropped_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);
