package dev.tally.batch.daily;

import dev.tally.batch.metrics.HalfEven;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of {@code daily_metrics}.
 *
 * @param avgResponseTime mean usage.response_time_ms of the events that carry it, 2 decimals half-even; 0 when none
 */
public record DailyMetrics(String organizationId, LocalDate date, long totalMessages, long totalConversations,
    long totalTokens, long uniqueUsers, BigDecimal avgResponseTime, long agentCount, long workflowExecutions) {

  /** avg_response_time from the sum of response times in whole microseconds (exact) and their count. */
  public static BigDecimal meanResponseTime(long sumMicros, long count) {
    return HalfEven.mean(BigDecimal.valueOf(sumMicros, 3), count, 2, new BigDecimal("0.00"));
  }
}
