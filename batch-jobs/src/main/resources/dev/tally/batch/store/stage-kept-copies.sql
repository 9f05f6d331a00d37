-- The copy of each duplicated event that counts, with sign +1: the first received (then the earliest
-- occurred_at_ms), so the choice does not depend on how ClickHouse stored or merged the raw rows.
-- argMin over one tuple of the columns, since an aggregate over a Nullable column alone skips NULLs.
INSERT INTO duplicate_corrections (day, sign, organization_id, event_id, {corrections.kept_columns})
SELECT day, 1, organization_id, event_id, {corrections.kept_elements}
FROM
(
    SELECT
        day,
        organization_id,
        event_id,
        argMin(tuple({corrections.kept_columns}),
            tuple(received_at_ms, occurred_at_ms)) AS kept
    FROM duplicate_corrections
    WHERE day = toDate(:day) AND sign = -1
    GROUP BY day, organization_id, event_id
)
