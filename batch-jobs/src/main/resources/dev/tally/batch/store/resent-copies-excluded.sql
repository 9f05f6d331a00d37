-- What day-events.sql puts for {resent} when the day lists resent copies: their raw rows and
-- corrections are left out, so neither their counts nor their users or minima reach the day.
AND (organization_id, event_id) NOT IN (SELECT organization_id, event_id FROM resent_copies WHERE day = toDate(:day))
