-- A rerun replaces the day exactly: organizations and agents that no longer have events lose their rows.
WITH agents AS (DELETE FROM agent_metrics WHERE date = :date)
DELETE FROM daily_metrics WHERE date = :date
