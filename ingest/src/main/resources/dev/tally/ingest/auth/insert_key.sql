-- A new write key: only its hash and its (non-secret) prefix are stored.
INSERT INTO write_keys (organization_id, key_prefix, key_hash, name, scope)
VALUES (:organization_id, :key_prefix, :key_hash, :name, :scope)
