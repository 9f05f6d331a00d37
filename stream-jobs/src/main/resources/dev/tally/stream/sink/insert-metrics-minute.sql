-- One organization's minute; a later version (more events: a late one came) replaces it.
INSERT INTO metrics_minute (organization_id, minute, events_count, event_types, event_type_counts, active_users,
    messages_count, total_tokens, response_time_count, response_time_sum_ms, p95_response_time_ms,
    revenue_currencies, net_revenue_minor, version)
VALUES (:organization_id, :minute, :events_count, :event_types, :event_type_counts, :active_users, :messages_count,
    :total_tokens, :response_time_count, :response_time_sum_ms, :p95_response_time_ms, :revenue_currencies,
    :net_revenue_minor, :version)
