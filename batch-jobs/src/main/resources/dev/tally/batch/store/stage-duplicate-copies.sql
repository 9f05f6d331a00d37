-- Every raw copy of the closed day's duplicated events (more than one row per organization_id and
-- event_id), with sign -1. The candidates are found by a 64-bit hash of the key, which is fast; a hash
-- collision only stages two different events that each have one copy, and their -1 and +1 rows cancel.
INSERT INTO duplicate_corrections (day, sign, {corrections.columns})
SELECT toDate(:day), -1, {corrections.columns}
FROM events
WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
    AND cityHash64(organization_id, event_id) IN
    (
        SELECT key
        FROM
        (
            SELECT cityHash64(organization_id, event_id) AS key
            FROM events
            WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
            GROUP BY key
            HAVING count() > 1
        )
    )
