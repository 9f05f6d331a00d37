SELECT id FROM partners
