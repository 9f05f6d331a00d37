-- Daily rollups of the AI-agent product (seed 001). organization_id has no foreign key: organizations
-- live in the products' own databases, not in the pipeline's.

CREATE TABLE daily_metrics (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID NOT NULL,
    date DATE NOT NULL,
    total_messages INTEGER DEFAULT 0,
    total_conversations INTEGER DEFAULT 0,
    total_tokens BIGINT DEFAULT 0,
    unique_users INTEGER DEFAULT 0,
    avg_response_time DECIMAL(10,2) DEFAULT 0,
    agent_count INTEGER DEFAULT 0,
    workflow_executions INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT NOW(),
    UNIQUE (organization_id, date)
);

CREATE INDEX idx_daily_metrics_date ON daily_metrics(date);

-- agent_id is the event model's usage.agent_id: any client id up to 64 characters, so VARCHAR
-- rather than the seed's UUID. organization_id is added so every rollup is tenant-scoped.
CREATE TABLE agent_metrics (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id UUID NOT NULL,
    agent_id VARCHAR(64) NOT NULL,
    date DATE NOT NULL,
    conversation_count INTEGER DEFAULT 0,
    message_count INTEGER DEFAULT 0,
    avg_response_time DECIMAL(10,2) DEFAULT 0,
    total_tokens BIGINT DEFAULT 0,
    error_count INTEGER DEFAULT 0,
    satisfaction_score DECIMAL(3,2),
    created_at TIMESTAMP DEFAULT NOW(),
    UNIQUE (organization_id, agent_id, date)
);

CREATE INDEX idx_agent_metrics_date ON agent_metrics(date);
