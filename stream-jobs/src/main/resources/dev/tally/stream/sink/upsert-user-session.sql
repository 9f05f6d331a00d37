-- One closed session. session_id is derived from (organization, visitor, start), so a replay rewrites
-- the same row.
INSERT INTO user_sessions (organization_id, session_id, user_id, anonymous_id, started_at, ended_at,
    duration_seconds, page_views_count, events_count, is_bounce, conversion_value, has_conversion, ip_address,
    device_type)
VALUES (:organization_id::uuid, :session_id, :user_id, :anonymous_id, :started_at, :ended_at, :duration_seconds,
    :page_views_count, :events_count, :is_bounce, :conversion_value, :has_conversion, :ip_address::inet, :device_type)
ON CONFLICT (session_id) DO UPDATE SET
    user_id = EXCLUDED.user_id,
    anonymous_id = EXCLUDED.anonymous_id,
    started_at = EXCLUDED.started_at,
    ended_at = EXCLUDED.ended_at,
    duration_seconds = EXCLUDED.duration_seconds,
    page_views_count = EXCLUDED.page_views_count,
    events_count = EXCLUDED.events_count,
    is_bounce = EXCLUDED.is_bounce,
    conversion_value = EXCLUDED.conversion_value,
    has_conversion = EXCLUDED.has_conversion,
    ip_address = EXCLUDED.ip_address,
    device_type = EXCLUDED.device_type
