-- revenue_analytics per organization and currency for one day, each (organization_id, event_id) once:
-- the raw day plus its duplicate corrections ({day_events}), amounts weighted by sign.
-- Sales: revenue.kind = 'sale' (orders and paid invoices); refunds: revenue.kind = 'refund'.
-- orders = distinct order ids of sales; returns = distinct order ids of refunds.
SELECT
    organization_id,
    currency,
    sumIf(sign * amount, kind = 'sale') AS gross,
    sumIf(sign * amount, kind = 'refund') AS refunds,
    uniqExactIf(order_id, kind = 'sale' AND order_id != '') AS orders,
    uniqExactIf(order_id, kind = 'refund' AND order_id != '') AS returns,
    sumIf(sign * discount, kind = 'sale') AS discounts,
    sumIf(sign * shipping, kind = 'sale') AS shipping,
    sumIf(sign * tax, kind = 'sale') AS tax
FROM
(
    SELECT
        sign,
        organization_id,
        assumeNotNull(revenue_currency) AS currency,
        assumeNotNull(revenue_kind) AS kind,
        ifNull(revenue_amount_minor, 0) AS amount,
        ifNull(revenue_order_id, '') AS order_id,
        ifNull(revenue_discount_minor, 0) AS discount,
        ifNull(revenue_shipping_minor, 0) AS shipping,
        ifNull(revenue_tax_minor, 0) AS tax
    FROM ({day_events where revenue_kind IS NOT NULL AND revenue_currency IS NOT NULL})
)
GROUP BY organization_id, currency
ORDER BY organization_id, currency
