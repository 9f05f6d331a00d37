-- Every transition of a partner's statement for the period, oldest first.
SELECT at, actor, from_status, to_status, reason, payment_reference
FROM partner_revenue_audit
WHERE partner_id = CAST(:partner_id AS uuid) AND period_type = :period_type AND period_start = :period_start
ORDER BY at, id
