INSERT INTO daily_metrics (organization_id, date, total_messages, total_conversations, total_tokens, unique_users,
    avg_response_time, agent_count, workflow_executions, computed_at)
VALUES (:organization_id, :date, :total_messages, :total_conversations, :total_tokens, :unique_users,
    :avg_response_time, :agent_count, :workflow_executions, :computed_at)
