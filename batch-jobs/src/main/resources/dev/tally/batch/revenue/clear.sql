-- A rerun replaces the day exactly: currencies without revenue any more lose their rows.
DELETE FROM revenue_analytics WHERE date = :date
