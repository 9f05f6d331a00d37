-- Records which raw rows a day's duplicate corrections were built from (ClosedDays), and how many
-- correction rows they are.
INSERT INTO closed_days (day, raw_rows, raw_max_received_at_ms, raw_received_at_ms_sum, rows, staged_at)
SELECT toDate(:day), toUInt64(:raw_rows), toUInt64(:raw_latest), toUInt64(:raw_sum), toUInt64(:rows), now()
