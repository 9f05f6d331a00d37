INSERT INTO revenue_analytics_load (organization_id, date, currency, gross_revenue_cents, net_revenue_cents, orders_count,
    average_order_value_cents, returns_count, returns_amount_cents, discounts_amount_cents, shipping_amount_cents,
    tax_amount_cents, refunds_amount_cents)
VALUES (CAST(:organizationId AS uuid), :date, :currency, :grossRevenueCents, :netRevenueCents, :ordersCount,
    :averageOrderValueCents, :returnsCount, :returnsAmountCents, :discountsAmountCents, :shippingAmountCents,
    :taxAmountCents, :refundsAmountCents)
ON CONFLICT (organization_id, date, currency) DO UPDATE SET
    gross_revenue_cents = EXCLUDED.gross_revenue_cents,
    net_revenue_cents = EXCLUDED.net_revenue_cents,
    orders_count = EXCLUDED.orders_count,
    average_order_value_cents = EXCLUDED.average_order_value_cents,
    returns_count = EXCLUDED.returns_count,
    returns_amount_cents = EXCLUDED.returns_amount_cents,
    discounts_amount_cents = EXCLUDED.discounts_amount_cents,
    shipping_amount_cents = EXCLUDED.shipping_amount_cents,
    tax_amount_cents = EXCLUDED.tax_amount_cents,
    refunds_amount_cents = EXCLUDED.refunds_amount_cents
