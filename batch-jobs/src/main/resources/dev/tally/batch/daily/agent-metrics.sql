-- agent_metrics per organization and usage.agent_id for one day, from the day's deduplicated events.
SELECT
    organization_id,
    assumeNotNull(usage_agent_id) AS agent_id,
    countIf(event_type = 'conversation_started') AS conversation_count,
    countIf(event_type = 'message_sent') AS message_count,
    count(usage_response_time_ms) AS response_time_count,
    ifNull(sum(usage_response_time_ms), 0) AS response_time_sum_ms,
    ifNull(sum(usage_tokens), 0) AS total_tokens,
    countIf(usage_status = 'error') AS error_count,
    count(usage_rating) AS rating_count,
    ifNull(sum(usage_rating), 0) AS rating_sum
FROM events_closed_day
WHERE day = toDate(:day) AND usage_agent_id IS NOT NULL
GROUP BY organization_id, agent_id
ORDER BY organization_id, agent_id
