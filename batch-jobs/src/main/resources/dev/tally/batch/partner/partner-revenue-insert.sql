INSERT INTO partner_revenue (partner_id, shop_id, currency, period_type, period_start, period_end, revenue_amount,
    commission_amount, commission_rate, status, payment_reference, computed_at)
VALUES (:partner_id, :shop_id, :currency, :period_type, :period_start, :period_end, :revenue_amount,
    :commission_amount, :commission_rate, :status, :payment_reference, :computed_at)
