-- The statuses of a partner's rows for one period, locked until the transition commits.
SELECT status
FROM partner_revenue
WHERE partner_id = CAST(:partner_id AS uuid) AND period_type = :period_type AND period_start = :period_start
FOR UPDATE
