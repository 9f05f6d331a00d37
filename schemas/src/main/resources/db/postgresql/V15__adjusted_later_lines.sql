-- A period recomputed after a dispute may hold events that a later approved or paid statement
-- already paid as an adjustment (placed while the period was approved). Its 'adjusted_later' line
-- takes them off again, once per later period (source_period_start: that later period), so they are
-- paid once over the two statements.
ALTER TABLE partner_revenue_lines DROP CONSTRAINT valid_line_kind;
ALTER TABLE partner_revenue_lines ADD CONSTRAINT valid_line_kind
    CHECK (kind IN ('revenue', 'adjustment', 'carried_forward', 'adjusted_later'));
