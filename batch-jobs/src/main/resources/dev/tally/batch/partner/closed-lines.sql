-- For every partner and shop (one query per run, see ClosedPeriods), each row of an approved or paid
-- earlier period of the same type: its rate, its own revenue as approved (less what it took off as
-- paid by later statements), the sum of its lines, and
-- what later periods (other than the one being computed, whose lines were cleared) already took from
-- it as adjustments or carried-forward lines.
SELECT r.partner_id::text AS partner_id, r.shop_id::text AS shop_id, r.currency, r.period_start, r.period_end,
    r.commission_rate, r.rate_override,
    COALESCE((SELECT sum(l.revenue_amount) FROM partner_revenue_lines l
        WHERE l.partner_revenue_id = r.id AND l.kind IN ('revenue', 'adjusted_later')), CASE WHEN NOT EXISTS
        (SELECT 1 FROM partner_revenue_lines l WHERE l.partner_revenue_id = r.id) THEN r.revenue_amount END, 0)
        AS frozen_revenue,
    COALESCE((SELECT sum(l.revenue_amount) FROM partner_revenue_lines l WHERE l.partner_revenue_id = r.id),
        r.revenue_amount) AS total_revenue,
    COALESCE((SELECT sum(l.commission_amount) FROM partner_revenue_lines l WHERE l.partner_revenue_id = r.id),
        r.commission_amount) AS total_commission,
    COALESCE((SELECT sum(l.revenue_amount) FROM partner_revenue_lines l JOIN partner_revenue o ON o.id = l.partner_revenue_id
        WHERE o.partner_id = r.partner_id AND o.shop_id = r.shop_id AND o.currency = r.currency
            AND o.period_type = r.period_type AND o.period_start > r.period_start
            AND l.kind = 'adjustment' AND l.source_period_start = r.period_start), 0) AS moved_revenue,
    COALESCE((SELECT sum(l.revenue_amount) FROM partner_revenue_lines l JOIN partner_revenue o ON o.id = l.partner_revenue_id
        WHERE o.partner_id = r.partner_id AND o.shop_id = r.shop_id AND o.currency = r.currency
            AND o.period_type = r.period_type AND o.period_start > r.period_start
            AND l.kind = 'carried_forward' AND l.source_period_start = r.period_start), 0) AS carried_revenue,
    COALESCE((SELECT sum(l.commission_amount) FROM partner_revenue_lines l JOIN partner_revenue o ON o.id = l.partner_revenue_id
        WHERE o.partner_id = r.partner_id AND o.shop_id = r.shop_id AND o.currency = r.currency
            AND o.period_type = r.period_type AND o.period_start > r.period_start
            AND l.kind = 'carried_forward' AND l.source_period_start = r.period_start), 0) AS carried_commission
FROM partner_revenue r
WHERE r.period_type = :period_type AND r.period_start < :period_start
    AND r.status IN ('pending_payment', 'paid')
ORDER BY r.partner_id, r.shop_id, r.period_start, r.currency
