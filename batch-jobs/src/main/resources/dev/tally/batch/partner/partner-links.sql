-- Active shop-partner links that can earn in the period [?2, ?1): activated before its end, partner
-- not deleted before its start. Ordered so that a restart resumes at the same link.
SELECT sp.partner_id::text AS partner_id, sp.shop_id::text AS shop_id, sp.custom_commission_rate, p.commission_rate,
    sp.activated_at, p.deleted_at
FROM shop_partners sp
JOIN partners p ON p.id = sp.partner_id
WHERE sp.status = 'active'
    AND sp.activated_at IS NOT NULL
    AND sp.activated_at < ?
    AND (p.deleted_at IS NULL OR p.deleted_at >= ?)
ORDER BY sp.partner_id, sp.shop_id
