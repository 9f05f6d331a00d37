-- One of Tally's batch advisory locks (AdvisoryLock): the pair (hashtext('tally-batch'), hashtext(:key)).
-- {function} is pg_advisory_lock, pg_try_advisory_lock, pg_advisory_unlock or a _shared form.
SELECT {function}(hashtext('tally-batch'), hashtext(:key))
