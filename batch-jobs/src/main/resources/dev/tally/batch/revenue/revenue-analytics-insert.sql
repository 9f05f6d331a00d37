INSERT INTO revenue_analytics (organization_id, date, currency, gross_revenue_cents, net_revenue_cents, orders_count,
    average_order_value_cents, returns_count, returns_amount_cents, discounts_amount_cents, shipping_amount_cents,
    tax_amount_cents, refunds_amount_cents, computed_at)
VALUES (:organization_id, :date, :currency, :gross_revenue_cents, :net_revenue_cents, :orders_count,
    :average_order_value_cents, :returns_count, :returns_amount_cents, :discounts_amount_cents, :shipping_amount_cents,
    :tax_amount_cents, :refunds_amount_cents, :computed_at)
