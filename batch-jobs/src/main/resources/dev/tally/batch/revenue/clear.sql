-- Empties the day's load table before the run loads it; publishing then replaces the published day
-- with exactly what was loaded, so currencies without revenue any more lose their rows.
DELETE FROM revenue_analytics_load WHERE date = :date
