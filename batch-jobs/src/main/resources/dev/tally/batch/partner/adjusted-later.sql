-- Adjustments from the period being computed that later approved or paid statements hold (placed
-- while the period was approved, before it was disputed and resolved): per partner, shop, currency
-- and later period, at the rate they were computed with. The period's statement takes them off.
SELECT o.partner_id::text AS partner_id, o.shop_id::text AS shop_id, o.currency, o.period_start, o.period_end,
    l.commission_rate, l.rate_override, sum(l.revenue_amount) AS revenue, sum(l.commission_amount) AS commission
FROM partner_revenue_lines l
JOIN partner_revenue o ON o.id = l.partner_revenue_id
WHERE o.period_type = :period_type AND o.period_start > :period_start AND o.status IN ('pending_payment', 'paid')
    AND l.kind = 'adjustment' AND l.source_period_start = :period_start
GROUP BY o.partner_id, o.shop_id, o.currency, o.period_start, o.period_end, l.commission_rate, l.rate_override
ORDER BY o.partner_id, o.shop_id, o.period_start, o.currency
