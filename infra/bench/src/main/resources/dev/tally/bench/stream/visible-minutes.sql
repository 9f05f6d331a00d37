-- The organization-minutes the stream job has written since :since (epoch seconds), each with its
-- newest version (its event count): what the freshness poller compares with what it sent.
SELECT organization_id, toUInt32(minute), max(version)
FROM metrics_minute
WHERE minute >= toDateTime(:since)
GROUP BY organization_id, minute
