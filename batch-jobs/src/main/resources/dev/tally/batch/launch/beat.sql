-- A run's heartbeat: this owner of the lock key is alive now.
INSERT INTO batch_run_heartbeats (lock_key, owner, beat_at)
VALUES (:lock_key, :owner, now())
ON CONFLICT (lock_key, owner) DO UPDATE SET beat_at = now()
