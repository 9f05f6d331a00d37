-- A shop-partner link from an import, keyed by (shop, partner). Returns whether it was new.
INSERT INTO shop_partners (shop_id, partner_id, referral_code, custom_commission_rate, status, referred_at, activated_at)
VALUES (CAST(:shopId AS uuid), CAST(:partnerId AS uuid), :referralCode, :customCommissionRate, :status,
    COALESCE(CAST(:referredAt AS timestamptz), NOW()), CAST(:activatedAt AS timestamptz))
ON CONFLICT (shop_id, partner_id) DO UPDATE SET
    referral_code = EXCLUDED.referral_code, custom_commission_rate = EXCLUDED.custom_commission_rate,
    status = EXCLUDED.status, referred_at = COALESCE(CAST(:referredAt AS timestamptz), shop_partners.referred_at),
    activated_at = EXCLUDED.activated_at
RETURNING (xmax = 0) AS inserted
