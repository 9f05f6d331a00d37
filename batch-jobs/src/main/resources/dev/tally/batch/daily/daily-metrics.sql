-- daily_metrics per organization for one day, from the day's deduplicated events (events_closed_day:
-- each (organization_id, event_id) once, built by ClosedDays).
SELECT
    organization_id,
    countIf(event_type = 'message_sent') AS total_messages,
    countIf(event_type = 'conversation_started') AS total_conversations,
    ifNull(sum(usage_tokens), 0) AS total_tokens,
    uniqExact(user_id) AS unique_users,
    count(usage_response_time_ms) AS response_time_count,
    ifNull(sum(usage_response_time_ms), 0) AS response_time_sum_ms,
    uniqExact(usage_agent_id) AS agent_count,
    countIf(event_type = 'workflow_executed') AS workflow_executions
FROM events_closed_day
WHERE day = toDate(:day)
GROUP BY organization_id
ORDER BY organization_id
