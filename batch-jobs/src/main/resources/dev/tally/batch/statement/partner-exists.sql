SELECT count(*) FROM partners WHERE id = CAST(:partner_id AS uuid)
