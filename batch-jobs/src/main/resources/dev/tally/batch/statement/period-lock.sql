-- Waits until no partner-revenue run computes the period (JobRuns holds the same advisory lock for a
-- whole run), and keeps runs out until the move commits.
SELECT pg_advisory_xact_lock(hashtext('tally-batch'), hashtext(:lock_key))
