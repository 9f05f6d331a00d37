INSERT INTO reconciliation_drift (organization_id, date, measure, stream_value, batch_value, drift)
VALUES (CAST(:organizationId AS uuid), :date, :measure, :streamValue, :batchValue, :drift)
ON CONFLICT (organization_id, date, measure) DO UPDATE SET
    stream_value = EXCLUDED.stream_value,
    batch_value = EXCLUDED.batch_value,
    drift = EXCLUDED.drift,
    checked_at = NOW()
