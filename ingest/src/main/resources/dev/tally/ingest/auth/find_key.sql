-- The organization and scope of an active (not revoked) write key, found by the key's SHA-256.
SELECT organization_id, scope FROM write_keys WHERE key_hash = :key_hash AND revoked_at IS NULL
