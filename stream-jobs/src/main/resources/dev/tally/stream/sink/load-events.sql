-- The raw event loader's insert; rows follow as RowBinary, written by EventRows in this column order
-- (EventColumn, every column of events). Replays insert identical rows; ReplacingMergeTree folds them.
INSERT INTO events ({events.columns})
