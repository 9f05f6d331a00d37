-- The days with duplicate corrections or resent copies (partitions of either) before the horizon.
SELECT DISTINCT partition FROM system.parts
WHERE database = currentDatabase() AND table IN ('duplicate_corrections', 'resent_copies') AND active
    AND partition < :horizon
ORDER BY partition
