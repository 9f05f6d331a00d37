-- A partner from an import: new, or every imported column replaced when the id exists. Returns whether it was new.
INSERT INTO partners (id, name, type, contact_email, contact_phone, commission_rate, payment_terms, settings, status,
    created_at, updated_at, deleted_at)
VALUES (COALESCE(CAST(:id AS uuid), gen_random_uuid()), :name, :type, :contactEmail, :contactPhone, :commissionRate,
    :paymentTerms, CAST(:settings AS jsonb), :status, COALESCE(CAST(:createdAt AS timestamptz), NOW()), NOW(),
    CAST(:deletedAt AS timestamptz))
ON CONFLICT (id) DO UPDATE SET
    name = EXCLUDED.name, type = EXCLUDED.type, contact_email = EXCLUDED.contact_email,
    contact_phone = EXCLUDED.contact_phone, commission_rate = EXCLUDED.commission_rate,
    payment_terms = EXCLUDED.payment_terms, settings = EXCLUDED.settings, status = EXCLUDED.status,
    created_at = COALESCE(CAST(:createdAt AS timestamptz), partners.created_at), updated_at = NOW(),
    deleted_at = EXCLUDED.deleted_at
RETURNING (xmax = 0) AS inserted
