-- Milliseconds since the latest beat of another owner of the lock key; NULL when there is none.
SELECT (extract(epoch FROM now() - max(beat_at)) * 1000)::bigint
FROM batch_run_heartbeats
WHERE lock_key = :lock_key AND owner <> :owner
