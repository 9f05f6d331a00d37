SELECT id::text AS id, name, type, contact_email, contact_phone, commission_rate, payment_terms, settings::text AS settings,
    status, created_at, updated_at, deleted_at
FROM partners
ORDER BY name, id
