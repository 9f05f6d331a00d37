DELETE FROM partner_revenue_lines WHERE partner_revenue_id IN (:ids)
