-- What a write key may send: 'client' keys (embedded in web pages and apps) everything but billing
-- events, 'server' keys everything. Keys created before scopes existed stay 'server', as they were.
ALTER TABLE write_keys ADD COLUMN scope VARCHAR(6) NOT NULL DEFAULT 'server'
    CONSTRAINT valid_scope CHECK (scope IN ('client', 'server'));
