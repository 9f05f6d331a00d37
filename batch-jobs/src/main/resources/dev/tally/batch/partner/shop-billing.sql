-- Net billing revenue per shop and currency in [from_ms, until_ms): invoice_paid minus
-- invoice_refunded amounts (minor units), each (organization_id, event_id) once and in the period of
-- its first copy: the first received (then the earliest occurred_at_ms), as in the daily jobs'
-- duplicate corrections. Copies are looked for in [window_start, window_end), the period widened by
-- the resend window (an SDK's resend of a batch can carry an event into the next period). The shop
-- filter placeholder is replaced with nothing for every shop at once (the links that earn over a whole
-- period: one query per period), or with a condition on the one shop of a link that earns over part
-- of the period (activated, or its partner deleted, inside it). The window's seconds bound
-- occurred_at for partition and index pruning.
SELECT
    organization_id AS shop_id,
    currency,
    sum(if(event_type = 'invoice_paid', amount, -amount)) AS net_minor
FROM
(
    SELECT organization_id, event_id, event_type, assumeNotNull(revenue_currency) AS currency,
        ifNull(revenue_amount_minor, 0) AS amount, occurred_at_ms
    FROM events
    WHERE event_type IN ('invoice_paid', 'invoice_refunded')
        {shop_filter}
        AND occurred_at >= toDateTime(:window_start) AND occurred_at < toDateTime(:window_end)
        AND revenue_currency IS NOT NULL
    ORDER BY organization_id, event_id, received_at_ms, occurred_at_ms
    LIMIT 1 BY organization_id, event_id
)
WHERE occurred_at_ms >= :from_ms AND occurred_at_ms < :until_ms
GROUP BY organization_id, currency
ORDER BY organization_id, currency
