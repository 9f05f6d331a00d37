-- Each running batch job beats here every second (RunGuard), so that a run which takes the job's
-- lock can tell a crashed run (silent) from a live one that lost its lock when PostgreSQL restarted.
-- A run deletes its own row when it ends; rows of crashed runs older than a day go with the next run
-- of the same job and target.
CREATE TABLE batch_run_heartbeats (
    lock_key VARCHAR(255) NOT NULL,
    owner VARCHAR(36) NOT NULL,
    beat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (lock_key, owner)
);
