-- The months the retention job dropped among those a period's events fall in (first days, UTC months).
SELECT month FROM retention_dropped_months WHERE month BETWEEN :first AND :last ORDER BY month
