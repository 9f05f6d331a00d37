-- A partner's rows for the period with their statement lines (none for rows written before lines existed).
SELECT r.shop_id::text AS shop_id, r.currency, r.revenue_amount, r.commission_amount, r.commission_rate, r.rate_override,
    r.status, r.payment_reference, r.paid_at, l.kind, l.source_period_start, l.source_period_end,
    l.revenue_amount AS line_revenue, l.commission_rate AS line_rate, l.rate_override AS line_override,
    l.commission_amount AS line_commission
FROM partner_revenue r
LEFT JOIN partner_revenue_lines l ON l.partner_revenue_id = r.id
WHERE r.partner_id = CAST(:partner_id AS uuid) AND r.period_type = :period_type AND r.period_start = :period_start
ORDER BY r.shop_id, r.currency,
    CASE l.kind WHEN 'revenue' THEN 0 WHEN 'adjustment' THEN 1 ELSE 2 END, l.source_period_start
