-- Where a run of a nightly job loads a date's rows, chunk by chunk (restartable), before one
-- transaction replaces the published rows of the date with them: readers of the published table see
-- the old date or the new one, never none or some. Same columns, defaults and keys as the published
-- table (a column added to one is added to the other). Rows stay until the next run of the date.
CREATE TABLE daily_metrics_load (LIKE daily_metrics INCLUDING ALL);
CREATE TABLE agent_metrics_load (LIKE agent_metrics INCLUDING ALL);
CREATE TABLE revenue_analytics_load (LIKE revenue_analytics INCLUDING ALL);
CREATE TABLE cohort_analytics_load (LIKE cohort_analytics INCLUDING ALL);
