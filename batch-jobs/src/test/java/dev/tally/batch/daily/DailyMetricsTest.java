package dev.tally.batch.daily;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DailyMetricsTest {

  @Test
  void meanResponseTimeIsHalfEvenAtTwoDecimalsAndZeroWithoutAny() {
    assertThat(DailyMetrics.meanResponseTime(100.125, 1)).isEqualByComparingTo("100.12");
    assertThat(DailyMetrics.meanResponseTime(401.0, 3)).isEqualByComparingTo("133.67");
    assertThat(DailyMetrics.meanResponseTime(0, 0)).isEqualByComparingTo("0.00");
  }

  @Test
  void satisfactionIsNullWithoutRatings() {
    assertThat(AgentMetrics.meanRating(33, 8)).isEqualByComparingTo("4.12");
    assertThat(AgentMetrics.meanRating(0, 0)).isNull();
  }
}
