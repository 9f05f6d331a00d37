SELECT organization_id::text AS organization_id, agent_id, date, conversation_count, message_count, avg_response_time,
    total_tokens, error_count, satisfaction_score
FROM agent_metrics
WHERE date = :date
ORDER BY organization_id, agent_id
