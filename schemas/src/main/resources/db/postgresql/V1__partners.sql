-- Partners and revenue sharing (seed 000). shop_id is the organization_id of the event model;
-- there is no shops table in the pipeline, so shop_id carries no foreign key.

CREATE TABLE partners (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name VARCHAR(255) NOT NULL,
    type VARCHAR(50) NOT NULL, -- 'reseller', 'affiliate', 'integration', 'oemtools'
    contact_email VARCHAR(255),
    contact_phone VARCHAR(20),

    commission_rate DECIMAL(5,4) DEFAULT 0.0000, -- e.g. 0.1500 for 15%
    payment_terms VARCHAR(50) DEFAULT 'net_30',

    settings JSONB NOT NULL DEFAULT '{}',
    status VARCHAR(20) DEFAULT 'active',

    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    deleted_at TIMESTAMP WITH TIME ZONE,

    CONSTRAINT valid_partner_type CHECK (
        type IN ('reseller', 'affiliate', 'integration', 'oemtools')
    ),
    CONSTRAINT valid_commission_rate CHECK (
        commission_rate >= 0.0000 AND commission_rate <= 1.0000
    )
);

CREATE TABLE shop_partners (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    shop_id UUID NOT NULL,
    partner_id UUID NOT NULL REFERENCES partners(id) ON DELETE CASCADE,

    referral_code VARCHAR(50),
    custom_commission_rate DECIMAL(5,4), -- overrides the partner's rate when set
    status VARCHAR(20) DEFAULT 'active',

    referred_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    activated_at TIMESTAMP WITH TIME ZONE,

    UNIQUE (shop_id, partner_id),
    CONSTRAINT valid_custom_commission_rate CHECK (
        custom_commission_rate IS NULL
        OR (custom_commission_rate >= 0.0000 AND custom_commission_rate <= 1.0000)
    )
);

CREATE INDEX idx_shop_partners_partner_id ON shop_partners(partner_id);

-- Commission per (partner, shop, currency, period). The seed's DECIMAL(10,2) amounts are widened to
-- DECIMAL(15,3) so three-decimal currencies (BHD, KWD) are exact; currency is added because the
-- pipeline never converts currencies (DESIGN 3.4, 3.6).
CREATE TABLE partner_revenue (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    shop_id UUID NOT NULL,
    partner_id UUID NOT NULL REFERENCES partners(id) ON DELETE CASCADE,

    currency VARCHAR(3) NOT NULL,
    revenue_amount DECIMAL(15,3) NOT NULL DEFAULT 0.000,
    commission_amount DECIMAL(15,3) NOT NULL DEFAULT 0.000,
    commission_rate DECIMAL(5,4) NOT NULL, -- rate applied for this period

    period_type VARCHAR(20) NOT NULL DEFAULT 'monthly', -- 'monthly', 'quarterly', 'annual'
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,

    status VARCHAR(20) NOT NULL DEFAULT 'calculated',

    paid_at TIMESTAMP WITH TIME ZONE,
    payment_reference VARCHAR(255),

    metadata JSONB NOT NULL DEFAULT '{}',

    created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),

    CONSTRAINT valid_period_type CHECK (
        period_type IN ('monthly', 'quarterly', 'annual')
    ),
    CONSTRAINT valid_revenue_status CHECK (
        status IN ('calculated', 'pending_payment', 'paid', 'disputed')
    ),
    CONSTRAINT positive_amounts CHECK (
        revenue_amount >= 0 AND commission_amount >= 0
    ),
    CONSTRAINT valid_commission_rate CHECK (
        commission_rate >= 0.0000 AND commission_rate <= 1.0000
    ),
    CONSTRAINT valid_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT valid_period CHECK (period_end >= period_start)
);

CREATE INDEX idx_partner_revenue_partner_period ON partner_revenue(partner_id, period_type, period_start);
CREATE INDEX idx_partner_revenue_shop_id ON partner_revenue(shop_id);
