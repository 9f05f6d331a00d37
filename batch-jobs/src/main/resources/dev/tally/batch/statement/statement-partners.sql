-- Partners with a statement for the period (rows in partner_revenue), or the one partner asked for.
SELECT p.id::text AS id, p.name, p.type, p.contact_email, p.contact_phone, p.payment_terms, p.deleted_at
FROM partners p
WHERE (CAST(:partner_id AS uuid) IS NULL AND EXISTS (SELECT 1 FROM partner_revenue r WHERE r.partner_id = p.id
        AND r.period_type = :period_type AND r.period_start = :period_start))
    OR p.id = CAST(:partner_id AS uuid)
ORDER BY p.name, p.id
