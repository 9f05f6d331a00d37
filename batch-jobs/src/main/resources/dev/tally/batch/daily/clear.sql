-- Empties the day's load tables before the run loads them; publishing then replaces the published
-- day with exactly what was loaded, so organizations and agents without events any more lose their rows.
WITH agents AS (DELETE FROM agent_metrics_load WHERE date = :date)
DELETE FROM daily_metrics_load WHERE date = :date
