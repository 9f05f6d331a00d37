UPDATE partner_revenue
SET status = :to_status,
    payment_reference = CASE WHEN :to_status = 'paid' THEN CAST(:payment_reference AS varchar) ELSE payment_reference END,
    paid_at = CASE WHEN :to_status = 'paid' THEN CAST(:paid_at AS timestamptz) ELSE paid_at END,
    updated_at = NOW()
WHERE partner_id = CAST(:partner_id AS uuid) AND period_type = :period_type AND period_start = :period_start
    AND status = :from_status
