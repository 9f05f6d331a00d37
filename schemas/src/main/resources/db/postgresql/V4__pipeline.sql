-- Tables of the pipeline itself.

-- Fresh numbers per organization and rolling window (5m, 1h, 24h), upserted every minute by the
-- stream. Amounts by currency and counts by event type are JSON objects ({"USD": 1250, ...}).
CREATE TABLE rolling_metrics (
    organization_id UUID NOT NULL,
    window_name VARCHAR(8) NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    window_end TIMESTAMP WITH TIME ZONE NOT NULL,
    events_count BIGINT NOT NULL DEFAULT 0,
    events_by_type JSONB NOT NULL DEFAULT '{}',
    active_users BIGINT NOT NULL DEFAULT 0,
    messages_count BIGINT NOT NULL DEFAULT 0,
    total_tokens BIGINT NOT NULL DEFAULT 0,
    avg_response_time_ms DOUBLE PRECISION,
    p95_response_time_ms DOUBLE PRECISION,
    net_revenue_minor JSONB NOT NULL DEFAULT '{}',
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    PRIMARY KEY (organization_id, window_name),
    CONSTRAINT valid_window_name CHECK (window_name IN ('5m', '1h', '24h')),
    CONSTRAINT valid_window CHECK (window_end > window_start)
);

-- Write keys for the ingest API. Only a SHA-256 hash of the key is stored; key_prefix (the first
-- characters, not secret) lets people name a key when listing or revoking it.
CREATE TABLE write_keys (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID NOT NULL,
    key_prefix VARCHAR(16) NOT NULL UNIQUE,
    key_hash CHAR(64) NOT NULL UNIQUE,
    name VARCHAR(255),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    revoked_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT valid_key_hash CHECK (key_hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX idx_write_keys_organization_id ON write_keys(organization_id);
