-- revenue_analytics per organization and currency for one day, from the day's deduplicated events.
-- Sales: revenue.kind = 'sale' (orders and paid invoices); refunds: revenue.kind = 'refund'.
-- orders = distinct order ids of sales; returns = distinct order ids of refunds.
SELECT
    organization_id,
    currency,
    sumIf(amount, kind = 'sale') AS gross,
    sumIf(amount, kind = 'refund') AS refunds,
    uniqExactIf(order_id, kind = 'sale' AND order_id != '') AS orders,
    uniqExactIf(order_id, kind = 'refund' AND order_id != '') AS returns,
    sumIf(discount, kind = 'sale') AS discounts,
    sumIf(shipping, kind = 'sale') AS shipping,
    sumIf(tax, kind = 'sale') AS tax
FROM
(
    SELECT
        organization_id,
        event_id,
        assumeNotNull(revenue_currency) AS currency,
        assumeNotNull(revenue_kind) AS kind,
        ifNull(revenue_amount_minor, 0) AS amount,
        ifNull(revenue_order_id, '') AS order_id,
        ifNull(revenue_discount_minor, 0) AS discount,
        ifNull(revenue_shipping_minor, 0) AS shipping,
        ifNull(revenue_tax_minor, 0) AS tax
    FROM events_closed_day
    WHERE day = toDate(:day) AND revenue_kind IS NOT NULL AND revenue_currency IS NOT NULL
)
GROUP BY organization_id, currency
ORDER BY organization_id, currency
