SELECT partner_id::text AS partner_id, shop_id::text AS shop_id, currency, period_type, period_start, period_end,
    revenue_amount, commission_amount, commission_rate, status, payment_reference
FROM partner_revenue
WHERE period_type = :period_type AND period_start = :period_start
ORDER BY partner_id, shop_id, currency
