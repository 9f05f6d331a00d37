-- Revenue of the adjustment lines already placed for one partner, shop and currency from a source period
-- (for a currency the source period had no row in).
SELECT COALESCE(sum(l.revenue_amount), 0)
FROM partner_revenue_lines l
JOIN partner_revenue o ON o.id = l.partner_revenue_id
WHERE o.partner_id = CAST(:partner_id AS uuid) AND o.shop_id = CAST(:shop_id AS uuid) AND o.currency = :currency
    AND o.period_type = :period_type AND l.kind = 'adjustment' AND l.source_period_start = :source
