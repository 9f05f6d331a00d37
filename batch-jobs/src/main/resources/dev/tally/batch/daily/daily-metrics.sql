-- daily_metrics per organization for one day. Each (organization_id, event_id) counts once: the
-- inner query keeps one row per event (LIMIT 1 BY), reading only the columns the metrics need.
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
FROM
(
    SELECT organization_id, event_id, event_type, user_id, usage_tokens, usage_response_time_ms, usage_agent_id
    FROM events
    WHERE occurred_at >= toDateTime(:start) AND occurred_at < toDateTime(:end)
    LIMIT 1 BY organization_id, event_id
)
GROUP BY organization_id
ORDER BY organization_id
