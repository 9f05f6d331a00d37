-- Every partner's approved or paid periods of one type before the period being computed (one query
-- per run, see ClosedPeriods).
SELECT DISTINCT partner_id::text AS partner_id, period_start, period_end
FROM partner_revenue
WHERE period_type = :period_type AND period_start < :period_start
    AND status IN ('pending_payment', 'paid')
ORDER BY partner_id, period_start
