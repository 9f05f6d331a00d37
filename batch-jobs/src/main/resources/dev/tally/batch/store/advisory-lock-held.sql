-- Whether this session holds the key's advisory lock; PostgreSQL keeps the pair's two ints as classid
-- and objid (unsigned), objsubid 2 for a two-int lock.
SELECT count(*) > 0
FROM pg_locks
WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 2
    AND classid::bigint = (hashtext('tally-batch')::bigint & 4294967295)
    AND objid::bigint = (hashtext(:key)::bigint & 4294967295)
