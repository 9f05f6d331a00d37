-- Panel "statements": the partner revenue rows of one period (per partner, shop and currency) with
-- their status, amounts in major units of the currency (Decimal, read as text so nothing rounds).
SELECT partner_id, shop_id, currency, toString(revenue_amount) AS revenue, toString(commission_amount) AS commission,
    status, ifNull(payment_reference, '') AS payment_reference
FROM partner_revenue FINAL
WHERE period_type = :period_type AND period_start = toDate(:period_start)
ORDER BY partner_id, shop_id, currency
