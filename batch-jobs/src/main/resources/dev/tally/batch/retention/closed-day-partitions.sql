-- The days with duplicate corrections (duplicate_corrections partitions) before the horizon.
SELECT DISTINCT partition FROM system.parts
WHERE database = currentDatabase() AND table = 'duplicate_corrections' AND active AND partition < :horizon
ORDER BY partition
