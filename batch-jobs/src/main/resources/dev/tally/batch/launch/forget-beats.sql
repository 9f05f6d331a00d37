-- A run's beats once it is done, and any beats left a day ago by runs that never finished.
DELETE FROM batch_run_heartbeats
WHERE lock_key = :lock_key AND (owner = :owner OR beat_at < now() - interval '1 day')
