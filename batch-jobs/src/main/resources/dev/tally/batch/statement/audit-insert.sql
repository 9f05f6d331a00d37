INSERT INTO partner_revenue_audit (partner_id, period_type, period_start, period_end, from_status, to_status, actor,
    reason, payment_reference, rows_changed)
VALUES (CAST(:partner_id AS uuid), :period_type, :period_start, :period_end, :from_status, :to_status, :actor,
    :reason, :payment_reference, :rows_changed)
