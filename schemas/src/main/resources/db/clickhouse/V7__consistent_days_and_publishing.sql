-- closed_days also records the sum of the raw day's received_at_ms. A background merge folds copies
-- of an event (fewer rows) and a late copy adds one: together they could leave the count and the
-- latest arrival as they were, never this sum too. Days staged before have 0 and are staged again.
ALTER TABLE closed_days ADD COLUMN raw_received_at_ms_sum UInt64 DEFAULT 0;

-- Where the batch jobs build a partition of a rollup before it replaces the published one
-- (ALTER TABLE ... REPLACE PARTITION ... FROM), so that readers see a day's old rows or its new
-- ones, never none or some. Same structure as the published tables; empty between runs.
CREATE TABLE IF NOT EXISTS daily_metrics_publish AS daily_metrics;
CREATE TABLE IF NOT EXISTS agent_metrics_publish AS agent_metrics;
CREATE TABLE IF NOT EXISTS revenue_analytics_publish AS revenue_analytics;
CREATE TABLE IF NOT EXISTS cohort_analytics_publish AS cohort_analytics;
CREATE TABLE IF NOT EXISTS partner_revenue_publish AS partner_revenue;
