-- The partner's approved or paid statements of other period types that overlap the period: approving
-- both would pay the same revenue twice.
SELECT DISTINCT period_type, period_start, period_end, status
FROM partner_revenue
WHERE partner_id = CAST(:partner_id AS uuid) AND period_type <> :period_type
    AND status IN ('pending_payment', 'paid')
    AND period_start <= :period_end AND period_end >= :period_start
ORDER BY period_start, period_type
