INSERT INTO agent_metrics (organization_id, agent_id, date, conversation_count, message_count, avg_response_time,
    total_tokens, error_count, satisfaction_score, computed_at)
VALUES (:organization_id, :agent_id, :date, :conversation_count, :message_count, :avg_response_time,
    :total_tokens, :error_count, :satisfaction_score, :computed_at)
