-- agent_metrics per organization and usage.agent_id for one day, each (organization_id, event_id)
-- once: the raw day plus its duplicate corrections ({day_events}), counts and sums weighted by sign;
-- response times summed in whole microseconds, so the mean is exact (a Float64 sum can land a hair off a half).
SELECT
    organization_id,
    assumeNotNull(usage_agent_id) AS agent_id,
    sumIf(sign, event_type = 'conversation_started') AS conversation_count,
    sumIf(sign, event_type = 'message_sent') AS message_count,
    sumIf(sign, usage_response_time_ms IS NOT NULL) AS response_time_count,
    sum(sign * toInt64(round(ifNull(usage_response_time_ms, 0) * 1000))) AS response_time_sum_us,
    sum(sign * ifNull(usage_tokens, 0)) AS total_tokens,
    sumIf(sign, ifNull(usage_status, '') = 'error') AS error_count,
    sumIf(sign, usage_rating IS NOT NULL) AS rating_count,
    sum(sign * ifNull(usage_rating, 0)) AS rating_sum
FROM ({day_events where usage_agent_id IS NOT NULL})
GROUP BY organization_id, agent_id
ORDER BY organization_id, agent_id
