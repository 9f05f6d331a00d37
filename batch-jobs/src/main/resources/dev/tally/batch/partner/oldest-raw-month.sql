-- The oldest month still held in raw events (partitions are months, 'YYYYMM'; '' when there is none):
-- late changes are looked for only in periods from there on, never in months retention has dropped.
SELECT min(partition) AS oldest
FROM system.parts
WHERE database = currentDatabase() AND table = 'events' AND active
