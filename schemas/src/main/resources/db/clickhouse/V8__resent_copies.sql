-- The events of a closed day whose first copy lies on another day: an SDK that resends a batch with
-- its original sentAt hours later gets a later occurred_at for the same message (receivedAt minus
-- (sentAt minus timestamp)), so copies of one event can fall on two days or two months. Each event
-- counts on the day of its first received copy (then the earliest occurred_at_ms), as within a day;
-- the nightly rollups leave the events listed here out of their day (day-events.sql). Built with the
-- day's duplicate corrections (ClosedDays), from the days within TALLY_RESEND_WINDOW_DAYS of it; one
-- partition per day in the pipeline's time zone.
CREATE TABLE IF NOT EXISTS resent_copies
(
    day Date,
    organization_id String,
    event_id String,
    first_occurred_at_ms UInt64,
    first_received_at_ms UInt64
)
ENGINE = MergeTree
PARTITION BY day
ORDER BY (organization_id, event_id);

-- Days staged before have no resent copies listed: every day is staged again on its next run.
TRUNCATE TABLE closed_days;
