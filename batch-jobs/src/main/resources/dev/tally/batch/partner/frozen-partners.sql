-- Partners whose statement for the period is no longer 'calculated' (approved, paid or disputed).
SELECT DISTINCT partner_id::text AS partner_id
FROM partner_revenue
WHERE period_type = :period_type AND period_start = :period_start AND status <> 'calculated'
