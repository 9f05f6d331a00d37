package dev.tally.batch.daily;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DailyMetricsTest {

  @Test
  void meanResponseTimeIsHalfEvenAtTwoDecimalsAndZeroWithoutAny() {
    assertThat(DailyMetrics.meanResponseTime(100_125, 1)).isEqualByComparingTo("100.12");
    assertThat(DailyMetrics.meanResponseTime(401_000, 3)).isEqualByComparingTo("133.67");
    assertThat(DailyMetrics.meanResponseTime(0, 0)).isEqualByComparingTo("0.00");
    // 2603.725 exactly: half-even keeps 2603.72 (a Float64 sum of the four times came out a hair above)
    assertThat(DailyMetrics.meanResponseTime(10_414_900, 4)).isEqualByComparingTo("2603.72");
  }

  @Test
  void satisfactionIsNullWithoutRatings() {
    assertThat(AgentMetrics.meanRating(33, 8)).isEqualByComparingTo("4.12");
    assertThat(AgentMetrics.meanRating(0, 0)).isNull();
  }
}
