-- The ids of a period's rows that are still 'calculated', for the partners of one chunk: the rows the
-- chunk's upserts wrote (an upsert leaves approved, paid or disputed rows alone), whose lines it replaces.
SELECT id, partner_id::text AS partner_id, shop_id::text AS shop_id, currency
FROM partner_revenue
WHERE period_type = :period_type AND period_start = :period_start AND status = 'calculated'
    AND partner_id IN (:partner_ids)
