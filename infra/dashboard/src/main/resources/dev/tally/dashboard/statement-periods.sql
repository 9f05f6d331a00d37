-- Panel "statements": the partner revenue periods there are, up to today, newest first.
SELECT DISTINCT period_type, toString(period_start) AS period_start, toString(period_end) AS period_end
FROM partner_revenue
WHERE period_start <= toString(today()) -- period_start is the text alias here
ORDER BY period_start DESC, period_type
LIMIT 36
