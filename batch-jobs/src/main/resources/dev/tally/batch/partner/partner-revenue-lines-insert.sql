INSERT INTO partner_revenue_lines (partner_revenue_id, kind, source_period_start, source_period_end, revenue_amount,
    commission_rate, rate_override, commission_amount)
VALUES (:id, :kind, :sourceStart, :sourceEnd, :revenue, :rate, :rateOverride, :commission)
