-- The closed day's events for the rollups: every raw row with sign +1, plus the day's duplicate
-- corrections (-1 for each copy of a duplicated event, +1 for the copy kept), less the events whose
-- first copy lies on another day ({resent}: resent_copies, when the day has any). Summing sign, or a
-- measure times sign, counts each (organization_id, event_id) once; distinct counts (uniqExact) and
-- minima need no sign, as the corrections only repeat values of raw rows. Included in a job's query
-- where it says {day_events}; :start, :end and :day are the day's window. AND {rows} is the query's own
-- row condition ({day_events where ...}), or nothing. {rollups.columns} is the list of EventColumn.
SELECT toInt8(1) AS sign, {rollups.columns}
FROM events
WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end) AND {rows} {resent}
UNION ALL
SELECT sign, {rollups.columns}
FROM duplicate_corrections
WHERE day = toDate(:day) AND {rows} {resent}
