INSERT INTO daily_metrics_load (organization_id, date, total_messages, total_conversations, total_tokens, unique_users,
    avg_response_time, agent_count, workflow_executions)
VALUES (CAST(:organizationId AS uuid), :date, :totalMessages, :totalConversations, :totalTokens, :uniqueUsers,
    :avgResponseTime, :agentCount, :workflowExecutions)
ON CONFLICT (organization_id, date) DO UPDATE SET
    total_messages = EXCLUDED.total_messages,
    total_conversations = EXCLUDED.total_conversations,
    total_tokens = EXCLUDED.total_tokens,
    unique_users = EXCLUDED.unique_users,
    avg_response_time = EXCLUDED.avg_response_time,
    agent_count = EXCLUDED.agent_count,
    workflow_executions = EXCLUDED.workflow_executions
