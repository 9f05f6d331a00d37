package dev.tally.batch.daily;

import dev.tally.batch.metrics.HalfEven;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row of {@code agent_metrics}.
 *
 * @param satisfactionScore mean usage.rating, 2 decimals half-even; null when no event was rated
 */
public record AgentMetrics(String organizationId, String agentId, LocalDate date, long conversationCount,
    long messageCount, BigDecimal avgResponseTime, long totalTokens, long errorCount, BigDecimal satisfactionScore) {

  /** satisfaction_score from the sum and count of ratings; null when there are none. */
  public static BigDecimal meanRating(long sum, long count) {
    return HalfEven.mean(BigDecimal.valueOf(sum), count, 2, null);
  }
}
