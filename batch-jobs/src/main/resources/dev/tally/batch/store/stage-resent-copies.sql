-- The closed day's events whose first copy (the first received, then the earliest occurred_at_ms: the
-- rule of stage-kept-copies.sql) lies on another day within the resend window [:window_start,
-- :window_end), which is TALLY_RESEND_WINDOW_DAYS either side of the day. Only keys with a raw row on
-- the day and one beside it are grouped: a 64-bit hash of the key finds them (a collision only groups
-- an event that has no copy on the day, whose first copy is then elsewhere and excludes nothing).
INSERT INTO resent_copies (day, organization_id, event_id, first_occurred_at_ms, first_received_at_ms)
SELECT toDate(:day), organization_id, event_id, tupleElement(first, 2), tupleElement(first, 1)
FROM
(
    SELECT organization_id, event_id, min(tuple(received_at_ms, occurred_at_ms)) AS first
    FROM events
    WHERE occurred_at >= toDateTime(:window_start) AND occurred_at < toDateTime(:window_end)
        AND cityHash64(organization_id, event_id) IN
        (
            SELECT cityHash64(organization_id, event_id)
            FROM events
            WHERE occurred_at >= toDateTime(:window_start) AND occurred_at < toDateTime(:window_end)
                AND NOT (occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end))
                AND cityHash64(organization_id, event_id) IN
                (
                    SELECT cityHash64(organization_id, event_id)
                    FROM events
                    WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
                )
        )
    GROUP BY organization_id, event_id
)
WHERE NOT (tupleElement(first, 2) >= toUInt64(:start) * 1000 AND tupleElement(first, 2) < toUInt64(:end) * 1000)
