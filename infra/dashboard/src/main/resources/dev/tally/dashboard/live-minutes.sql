-- Panel "live": events per minute over the last hour (this minute and the 59 before it), of one
-- organization or of all (:everyone = 1), from the stream's metrics_minute (the latest version of
-- each minute: FINAL). A minute without events has no row.
SELECT toUnixTimestamp(minute) AS minute, sum(events_count) AS events
FROM metrics_minute FINAL
WHERE minute >= toStartOfMinute(now()) - 59 * 60 AND (:everyone = 1 OR organization_id = :organization)
GROUP BY minute
ORDER BY minute
