SELECT organization_id::text AS organization_id, date, total_messages, total_conversations, total_tokens, unique_users,
    avg_response_time, agent_count, workflow_executions
FROM daily_metrics
WHERE date = :date
ORDER BY organization_id
