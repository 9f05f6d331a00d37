-- What a run wrote into the benchmark's database: raw events, and organization-minutes after folding.
SELECT (SELECT count() FROM events), (SELECT count() FROM metrics_minute FINAL)
