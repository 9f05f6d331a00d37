-- Partner revenue statements for finance (DESIGN 3.6): the lines each partner_revenue row is the
-- sum of, and the audit trail of every status transition.

-- One line of a statement, in major units of its currency, signed: the shop's own net revenue in
-- the period ('revenue'), a late change to an approved or paid earlier period ('adjustment'), or
-- the negative total of an earlier period carried forward ('carried_forward'). partner_revenue
-- holds the payable sum of its lines, never negative; a negative sum pays 0 and is carried into
-- the next period by a 'carried_forward' line there. Lines go with their row (cascade).
CREATE TABLE partner_revenue_lines (
    id BIGSERIAL PRIMARY KEY,
    partner_revenue_id UUID NOT NULL REFERENCES partner_revenue(id) ON DELETE CASCADE,
    kind VARCHAR(20) NOT NULL,
    source_period_start DATE NOT NULL, -- the period the amounts belong to
    source_period_end DATE NOT NULL,
    revenue_amount DECIMAL(15,3) NOT NULL,
    commission_rate DECIMAL(5,4) NOT NULL,
    rate_override BOOLEAN NOT NULL, -- the shop's custom_commission_rate (true) or the partner's rate
    commission_amount DECIMAL(15,3) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),

    CONSTRAINT valid_line_kind CHECK (kind IN ('revenue', 'adjustment', 'carried_forward')),
    CONSTRAINT valid_line_rate CHECK (commission_rate >= 0.0000 AND commission_rate <= 1.0000),
    UNIQUE (partner_revenue_id, kind, source_period_start)
);

-- Whether the row's own rate is the shop's override; kept with the row so a paid statement never
-- changes when the link's rate is edited later.
ALTER TABLE partner_revenue ADD COLUMN rate_override BOOLEAN NOT NULL DEFAULT false;

-- Every status transition of a partner's statement (all its rows for one period): who, when,
-- from, to, why.
CREATE TABLE partner_revenue_audit (
    id BIGSERIAL PRIMARY KEY,
    partner_id UUID NOT NULL,
    period_type VARCHAR(20) NOT NULL,
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    from_status VARCHAR(20) NOT NULL,
    to_status VARCHAR(20) NOT NULL,
    actor VARCHAR(255) NOT NULL,
    reason TEXT,
    payment_reference VARCHAR(255),
    rows_changed INT NOT NULL,
    at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

CREATE INDEX idx_partner_revenue_audit_partner ON partner_revenue_audit(partner_id, period_type, period_start);
