-- Shop-partner links of the period [?2, ?1) (period type ?3, first day ?4): active links that can earn
-- in it (activated before its end, partner not deleted before its start), and any link whose partner
-- has an approved or paid earlier period of the same type, whose late changes become adjustments.
-- Ordered so that a restart resumes at the same link.
SELECT sp.partner_id::text AS partner_id, sp.shop_id::text AS shop_id, sp.custom_commission_rate, p.commission_rate,
    sp.activated_at, p.deleted_at, sp.status = 'active' AS active
FROM shop_partners sp
JOIN partners p ON p.id = sp.partner_id
WHERE sp.activated_at IS NOT NULL
    AND sp.activated_at < ?
    AND (
        (sp.status = 'active' AND (p.deleted_at IS NULL OR p.deleted_at >= ?))
        OR EXISTS (SELECT 1 FROM partner_revenue r WHERE r.partner_id = sp.partner_id AND r.period_type = ?
            AND r.period_start < ? AND r.status IN ('pending_payment', 'paid'))
    )
ORDER BY sp.partner_id, sp.shop_id
