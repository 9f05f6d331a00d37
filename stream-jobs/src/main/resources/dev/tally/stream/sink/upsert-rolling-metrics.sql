-- The latest values of one organization's rolling window. A row never moves back to an older window
-- end (a replay after a restart catches up without going backwards), and for the same end it only
-- takes values with at least as many events (late events only add to a window), so a write that
-- arrives late, e.g. the last flush of a task attempt that failed, cannot undo a newer one.
INSERT INTO rolling_metrics (organization_id, window_name, window_start, window_end, events_count, events_by_type,
    active_users, messages_count, total_tokens, avg_response_time_ms, p95_response_time_ms, net_revenue_minor,
    updated_at)
VALUES (:organization_id::uuid, :window_name, :window_start, :window_end, :events_count,
    COALESCE((SELECT jsonb_object_agg(k, v) FROM unnest(:event_types::text[], :event_type_counts::bigint[]) AS t(k, v)),
        '{}'::jsonb),
    :active_users, :messages_count, :total_tokens, :avg_response_time_ms, :p95_response_time_ms,
    COALESCE((SELECT jsonb_object_agg(k, v) FROM unnest(:revenue_currencies::text[], :net_revenue_minor::bigint[])
        AS t(k, v)), '{}'::jsonb),
    NOW())
ON CONFLICT (organization_id, window_name) DO UPDATE SET
    window_start = EXCLUDED.window_start,
    window_end = EXCLUDED.window_end,
    events_count = EXCLUDED.events_count,
    events_by_type = EXCLUDED.events_by_type,
    active_users = EXCLUDED.active_users,
    messages_count = EXCLUDED.messages_count,
    total_tokens = EXCLUDED.total_tokens,
    avg_response_time_ms = EXCLUDED.avg_response_time_ms,
    p95_response_time_ms = EXCLUDED.p95_response_time_ms,
    net_revenue_minor = EXCLUDED.net_revenue_minor,
    updated_at = EXCLUDED.updated_at
WHERE rolling_metrics.window_end < EXCLUDED.window_end
    OR (rolling_metrics.window_end = EXCLUDED.window_end AND rolling_metrics.events_count <= EXCLUDED.events_count)
