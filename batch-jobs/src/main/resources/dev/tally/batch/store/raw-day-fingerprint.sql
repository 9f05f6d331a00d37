-- What identifies the raw rows of one day (ClosedDays): how many, the latest arrival and the sum of
-- the arrivals (wrapping; as text, an unsigned 64-bit number). A late copy adds a row; a background
-- merge that folds copies of an event removes some; either changes the sum.
SELECT count(), max(received_at_ms), toString(sum(received_at_ms))
FROM events
WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
