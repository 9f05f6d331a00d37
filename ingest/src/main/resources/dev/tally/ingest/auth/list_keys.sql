-- Every key without its secret: prefix, organization, scope, name, when created and revoked.
SELECT key_prefix, organization_id, scope, name, created_at, revoked_at FROM write_keys ORDER BY created_at, key_prefix
