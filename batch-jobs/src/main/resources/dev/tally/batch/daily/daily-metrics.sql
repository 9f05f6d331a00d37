-- daily_metrics per organization for one day, each (organization_id, event_id) once: the raw day
-- plus its duplicate corrections ({day_events}, see ClosedDays), counts and sums weighted by sign;
-- response times summed in whole microseconds, so the mean is exact (a Float64 sum can land a hair off a half).
SELECT
    organization_id,
    sumIf(sign, event_type = 'message_sent') AS total_messages,
    sumIf(sign, event_type = 'conversation_started') AS total_conversations,
    sum(sign * ifNull(usage_tokens, 0)) AS total_tokens,
    uniqExact(user_id) AS unique_users,
    sumIf(sign, usage_response_time_ms IS NOT NULL) AS response_time_count,
    sum(sign * toInt64(round(ifNull(usage_response_time_ms, 0) * 1000))) AS response_time_sum_us,
    uniqExact(usage_agent_id) AS agent_count,
    sumIf(sign, event_type = 'workflow_executed') AS workflow_executions
FROM ({day_events})
GROUP BY organization_id
ORDER BY organization_id
