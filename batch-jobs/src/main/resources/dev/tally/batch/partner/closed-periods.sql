-- A partner's approved or paid periods of one type before the period being computed.
SELECT DISTINCT period_start, period_end
FROM partner_revenue
WHERE partner_id = CAST(:partner_id AS uuid) AND period_type = :period_type AND period_start < :period_start
    AND status IN ('pending_payment', 'paid')
ORDER BY period_start
