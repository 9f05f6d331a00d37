-- Revokes the active key with this prefix; revoking twice changes nothing.
UPDATE write_keys SET revoked_at = NOW() WHERE key_prefix = :key_prefix AND revoked_at IS NULL
