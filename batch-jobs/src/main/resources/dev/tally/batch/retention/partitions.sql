-- The raw events partitions (toYYYYMM(occurred_at)) that hold data.
SELECT DISTINCT partition FROM system.parts
WHERE database = currentDatabase() AND table = 'events' AND active
ORDER BY partition
