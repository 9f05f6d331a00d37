-- A scratch migration set for ClickHouseMigrationsIT: two statements in one file.
CREATE TABLE IF NOT EXISTS first (id UInt32) ENGINE = MergeTree ORDER BY id;

CREATE TABLE IF NOT EXISTS second (id UInt32, name String) ENGINE = MergeTree ORDER BY id;
