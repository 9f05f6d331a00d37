-- The raw rows a day's corrections were built from (see raw-day-fingerprint.sql); no row when never staged.
SELECT raw_rows, raw_max_received_at_ms, toString(raw_received_at_ms_sum)
FROM closed_days FINAL
WHERE day = toDate(:day)
