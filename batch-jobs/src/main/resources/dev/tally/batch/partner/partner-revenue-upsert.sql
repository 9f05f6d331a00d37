INSERT INTO partner_revenue (partner_id, shop_id, currency, revenue_amount, commission_amount, commission_rate,
    rate_override, period_type, period_start, period_end, status, metadata)
VALUES (CAST(:partnerId AS uuid), CAST(:shopId AS uuid), :currency, :revenueAmount, :commissionAmount,
    :commissionRate, :rateOverride, :periodType, :periodStart, :periodEnd, 'calculated', CAST(:metadata AS jsonb))
ON CONFLICT (partner_id, shop_id, currency, period_type, period_start) DO UPDATE SET
    revenue_amount = EXCLUDED.revenue_amount,
    commission_amount = EXCLUDED.commission_amount,
    commission_rate = EXCLUDED.commission_rate,
    rate_override = EXCLUDED.rate_override,
    period_end = EXCLUDED.period_end,
    metadata = EXCLUDED.metadata,
    updated_at = NOW()
WHERE partner_revenue.status = 'calculated'
