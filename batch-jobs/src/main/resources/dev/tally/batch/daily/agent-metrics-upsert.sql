INSERT INTO agent_metrics_load (organization_id, agent_id, date, conversation_count, message_count, avg_response_time,
    total_tokens, error_count, satisfaction_score)
VALUES (CAST(:organizationId AS uuid), :agentId, :date, :conversationCount, :messageCount, :avgResponseTime,
    :totalTokens, :errorCount, :satisfactionScore)
ON CONFLICT (organization_id, agent_id, date) DO UPDATE SET
    conversation_count = EXCLUDED.conversation_count,
    message_count = EXCLUDED.message_count,
    avg_response_time = EXCLUDED.avg_response_time,
    total_tokens = EXCLUDED.total_tokens,
    error_count = EXCLUDED.error_count,
    satisfaction_score = EXCLUDED.satisfaction_score
