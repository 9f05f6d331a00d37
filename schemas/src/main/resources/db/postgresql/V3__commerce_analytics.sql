-- Commerce rollups and sessions (seed 003). Multi-tenant: organization_id joins every unique key.
-- Amount columns are BIGINT instead of the seed's INT: a day of JPY sales passes 2^31 minor units
-- quickly. The seed's cuid() ids become UUID text.

CREATE TABLE revenue_analytics (
    id VARCHAR(255) PRIMARY KEY DEFAULT gen_random_uuid()::text,
    organization_id UUID NOT NULL,
    date DATE NOT NULL,
    currency VARCHAR(3) NOT NULL,
    gross_revenue_cents BIGINT DEFAULT 0,
    net_revenue_cents BIGINT DEFAULT 0,
    orders_count INT DEFAULT 0,
    average_order_value_cents BIGINT DEFAULT 0,
    returns_count INT DEFAULT 0,
    returns_amount_cents BIGINT DEFAULT 0,
    discounts_amount_cents BIGINT DEFAULT 0,
    shipping_amount_cents BIGINT DEFAULT 0,
    tax_amount_cents BIGINT DEFAULT 0,
    refunds_amount_cents BIGINT DEFAULT 0,
    created_at TIMESTAMP DEFAULT NOW(),
    UNIQUE (organization_id, date, currency),
    CONSTRAINT valid_currency CHECK (currency ~ '^[A-Z]{3}$')
);

CREATE INDEX idx_revenue_analytics_date ON revenue_analytics(date);

-- revenue_cents counts only revenue in the reporting currency named in the row (one pipeline-wide
-- setting), so amounts in different currencies are never added together.
CREATE TABLE cohort_analytics (
    id VARCHAR(255) PRIMARY KEY DEFAULT gen_random_uuid()::text,
    organization_id UUID NOT NULL,
    cohort_date DATE NOT NULL, -- start of the period in which the users signed up
    period_number INT NOT NULL, -- 0 = sign-up period, 1 = the period after, ...
    period_type VARCHAR(20) NOT NULL DEFAULT 'month', -- day, week (ISO), month
    user_count INT DEFAULT 0,
    active_user_count INT DEFAULT 0,
    retention_rate DECIMAL(5,2) DEFAULT 0,
    currency VARCHAR(3) NOT NULL,
    revenue_cents BIGINT DEFAULT 0,
    average_revenue_per_user DECIMAL(12,2) DEFAULT 0,
    created_at TIMESTAMP DEFAULT NOW(),
    UNIQUE (organization_id, cohort_date, period_number, period_type),
    CONSTRAINT valid_cohort_period_type CHECK (period_type IN ('day', 'week', 'month')),
    CONSTRAINT valid_period_number CHECK (period_number >= 0)
);

CREATE INDEX idx_cohort_analytics_cohort_date ON cohort_analytics(cohort_date);
CREATE INDEX idx_cohort_analytics_period ON cohort_analytics(period_number);

-- Sessions derived by the stream (30 minutes of inactivity). user_id has no foreign key; the seed's
-- columns the events cannot fill (geo, UTM) stay and are left null.
CREATE TABLE user_sessions (
    id VARCHAR(255) PRIMARY KEY DEFAULT gen_random_uuid()::text,
    organization_id UUID NOT NULL,
    session_id VARCHAR(255) UNIQUE NOT NULL,
    user_id VARCHAR(255),
    anonymous_id VARCHAR(255),
    started_at TIMESTAMP DEFAULT NOW(),
    ended_at TIMESTAMP,
    duration_seconds INT,
    page_views_count INT DEFAULT 0,
    events_count INT DEFAULT 0,
    is_bounce BOOLEAN DEFAULT false,
    conversion_value DECIMAL(10,2) DEFAULT 0,
    has_conversion BOOLEAN DEFAULT false,
    ip_address INET,
    country VARCHAR(2),
    region VARCHAR(100),
    city VARCHAR(100),
    latitude DECIMAL(10,8),
    longitude DECIMAL(11,8),
    device_type VARCHAR(50),
    browser VARCHAR(50),
    os VARCHAR(50),
    utm_source VARCHAR(255),
    utm_medium VARCHAR(255),
    utm_campaign VARCHAR(255),
    referrer_domain VARCHAR(255),
    referrer_type VARCHAR(50), -- direct, search, social, email, referral
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE INDEX idx_user_sessions_organization_started ON user_sessions(organization_id, started_at);
CREATE INDEX idx_user_sessions_user_id ON user_sessions(user_id);
CREATE INDEX idx_user_sessions_started_at ON user_sessions(started_at);
CREATE INDEX idx_user_sessions_country ON user_sessions(country);
