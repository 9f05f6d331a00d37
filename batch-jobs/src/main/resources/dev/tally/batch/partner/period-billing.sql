-- Every shop's net billing revenue per currency in [from_ms, until_ms): invoice_paid minus
-- invoice_refunded amounts (minor units), each (organization_id, event_id) once; one query for all the
-- links that earn over the whole period, instead of one per link (shop-billing.sql, still used for a
-- link activated or a partner deleted inside the period). :start/:end (seconds) bound occurred_at for
-- partition pruning.
SELECT
    organization_id AS shop_id,
    currency,
    sum(if(event_type = 'invoice_paid', amount, -amount)) AS net_minor
FROM
(
    SELECT organization_id, event_id, event_type, assumeNotNull(revenue_currency) AS currency,
        ifNull(revenue_amount_minor, 0) AS amount
    FROM events
    WHERE event_type IN ('invoice_paid', 'invoice_refunded')
        AND occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
        AND occurred_at_ms >= :from_ms AND occurred_at_ms < :until_ms
        AND revenue_currency IS NOT NULL
    LIMIT 1 BY organization_id, event_id
)
GROUP BY organization_id, currency
