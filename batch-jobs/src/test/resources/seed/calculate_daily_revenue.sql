-- The seed's reference function (the seed schema 003, "Revenue Calculation Function"), adapted only as
-- the pipeline's table requires: organization_id and currency group the rows and join the conflict
-- key (the seed aggregated one store in one currency). Everything else is the seed's SQL: COUNT(*)
-- orders, AVG(total) stored into a BIGINT column, refunds from orders.refund_amount.
-- It lives in its own schema so the comparison never touches the pipeline's tables.
CREATE SCHEMA IF NOT EXISTS seed_reference;

CREATE TABLE IF NOT EXISTS seed_reference.orders (
    organization_id UUID NOT NULL,
    currency VARCHAR(3) NOT NULL,
    total BIGINT NOT NULL,
    refund_amount BIGINT,
    discount BIGINT,
    shipping_cost BIGINT,
    tax BIGINT,
    payment_status VARCHAR(20) NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS seed_reference.revenue_analytics (LIKE public.revenue_analytics INCLUDING ALL);

CREATE OR REPLACE FUNCTION seed_reference.calculate_daily_revenue(target_date DATE DEFAULT CURRENT_DATE)
RETURNS VOID AS $$
BEGIN
  INSERT INTO seed_reference.revenue_analytics (
    organization_id, date, currency, gross_revenue_cents, net_revenue_cents, orders_count,
    average_order_value_cents, returns_amount_cents, discounts_amount_cents,
    shipping_amount_cents, tax_amount_cents, refunds_amount_cents
  )
  SELECT
    organization_id,
    target_date,
    currency,
    COALESCE(SUM(total), 0) as gross_revenue_cents,
    COALESCE(SUM(total - COALESCE(refund_amount, 0)), 0) as net_revenue_cents,
    COUNT(*) as orders_count,
    COALESCE(AVG(total), 0) as average_order_value_cents,
    COALESCE(SUM(COALESCE(refund_amount, 0)), 0) as returns_amount_cents,
    COALESCE(SUM(discount), 0) as discounts_amount_cents,
    COALESCE(SUM(shipping_cost), 0) as shipping_amount_cents,
    COALESCE(SUM(tax), 0) as tax_amount_cents,
    COALESCE(SUM(COALESCE(refund_amount, 0)), 0) as refunds_amount_cents
  FROM seed_reference.orders
  WHERE DATE(created_at) = target_date
    AND payment_status = 'paid'
  GROUP BY organization_id, currency
  ON CONFLICT (organization_id, date, currency) DO UPDATE SET
    gross_revenue_cents = EXCLUDED.gross_revenue_cents,
    net_revenue_cents = EXCLUDED.net_revenue_cents,
    orders_count = EXCLUDED.orders_count,
    average_order_value_cents = EXCLUDED.average_order_value_cents,
    returns_amount_cents = EXCLUDED.returns_amount_cents,
    discounts_amount_cents = EXCLUDED.discounts_amount_cents,
    shipping_amount_cents = EXCLUDED.shipping_amount_cents,
    tax_amount_cents = EXCLUDED.tax_amount_cents,
    refunds_amount_cents = EXCLUDED.refunds_amount_cents;
END;
$$ LANGUAGE plpgsql;
