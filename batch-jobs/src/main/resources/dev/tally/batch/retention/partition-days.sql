-- The days (in the pipeline's time zone) of the events in one partition.
SELECT DISTINCT toString(toDate(occurred_at, :zone)) FROM events WHERE toYYYYMM(occurred_at) = :partition
