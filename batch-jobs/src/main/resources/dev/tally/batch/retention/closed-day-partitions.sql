-- The deduplicated days (events_closed_day partitions) before the horizon.
SELECT DISTINCT partition FROM system.parts
WHERE database = currentDatabase() AND table = 'events_closed_day' AND active AND partition < :horizon
ORDER BY partition
