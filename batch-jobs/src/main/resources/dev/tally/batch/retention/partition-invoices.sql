-- Whether one partition holds invoice events (partner-revenue reads them).
SELECT count() FROM events
WHERE toYYYYMM(occurred_at) = :partition AND event_type IN ('invoice_paid', 'invoice_refunded')
