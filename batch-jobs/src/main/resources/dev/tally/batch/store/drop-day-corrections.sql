-- Drops one day's duplicate corrections: their partition (the day) of duplicate_corrections.
ALTER TABLE duplicate_corrections DROP PARTITION :day
