-- Lines that are still 'calculated' are recomputed from scratch (their statement lines go with them);
-- a partner whose statement for the period was approved, paid or disputed keeps every row.
DELETE FROM partner_revenue r
WHERE r.period_type = :period_type AND r.period_start = :period_start AND r.status = 'calculated'
    AND NOT EXISTS (SELECT 1 FROM partner_revenue f WHERE f.partner_id = r.partner_id
        AND f.period_type = r.period_type AND f.period_start = r.period_start AND f.status <> 'calculated')
