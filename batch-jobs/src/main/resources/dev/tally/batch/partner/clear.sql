-- Lines that are still 'calculated' are recomputed from scratch; approved, paid or disputed ones stay.
DELETE FROM partner_revenue
WHERE period_type = :period_type AND period_start = :period_start AND status = 'calculated'
