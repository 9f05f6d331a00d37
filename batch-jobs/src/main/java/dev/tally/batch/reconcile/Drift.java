package dev.tally.batch.reconcile;

import java.time.LocalDate;

/**
 * One difference between the stream and the batch for an organization, day and measure.
 *
 * @param measure total_messages, total_tokens or net_revenue_minor:&lt;currency&gt;
 * @param drift streamValue minus batchValue
 */
public record Drift(String organizationId, LocalDate date, String measure, long streamValue, long batchValue, long drift) {}
