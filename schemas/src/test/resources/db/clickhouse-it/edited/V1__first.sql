-- The same version as original/V1__first.sql, edited after it was applied.
CREATE TABLE IF NOT EXISTS first (id UInt64) ENGINE = MergeTree ORDER BY id;
