-- Written by the cohort-analytics job: one row per organization, user and day (in the pipeline's
-- time zone) on which the user sent any event, deduplicated by (organization_id, event_id) once
-- when the day is recorded. Cohort weeks and months read these rows instead of rescanning raw
-- events, and sign-ups outlive the raw events' retention horizon. A day is replaced as a whole
-- (ALTER TABLE ... DELETE WHERE day = d, then INSERT) when it is recorded again.
CREATE TABLE IF NOT EXISTS user_daily_activity
(
    organization_id String,
    user_id String,
    day Date,
    signed_up_at_ms UInt64, -- first signed_up event of the day, 0 when none
    currency String, -- the reporting currency in force when the day was recorded
    net_revenue_minor Int64, -- sales minus refunds in that currency, minor units
    recorded_at DateTime
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (organization_id, day, user_id);
