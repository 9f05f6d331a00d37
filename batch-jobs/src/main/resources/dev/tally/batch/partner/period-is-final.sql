-- Whether a run of the period would recompute nothing: it has rows, and none is still 'calculated'.
SELECT count(*) > 0 AND count(*) FILTER (WHERE status = 'calculated') = 0
FROM partner_revenue
WHERE period_type = :period_type AND period_start = :period_start
