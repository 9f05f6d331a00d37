-- A month of raw events the retention job is about to drop (its first day).
INSERT INTO retention_dropped_months (month) VALUES (?) ON CONFLICT (month) DO NOTHING
