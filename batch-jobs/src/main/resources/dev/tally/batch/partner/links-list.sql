-- Links, all or of one partner (:partner_id null for all).
SELECT id::text AS id, shop_id::text AS shop_id, partner_id::text AS partner_id, referral_code, custom_commission_rate,
    status, referred_at, activated_at
FROM shop_partners
WHERE CAST(:partner_id AS uuid) IS NULL OR partner_id = CAST(:partner_id AS uuid)
ORDER BY partner_id, shop_id
