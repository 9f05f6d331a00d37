package dev.tally.batch.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetentionPlanTest {

  static final LocalDate DAY = LocalDate.parse("2020-01-15");

  @Test
  void aPartitionExpiresWhenItsWholeMonthIsBeforeTheHorizon() {
    LocalDate date = LocalDate.parse("2021-06-30"); // horizon 2021-04-01
    assertThat(RetentionPlan.expired("202103", date, 90)).isTrue();
    assertThat(RetentionPlan.expired("202104", date, 90)).isFalse();
    assertThat(RetentionPlan.expired("202103", LocalDate.parse("2021-06-29"), 90)).as("horizon 2021-03-31").isFalse();
  }

  @Test
  void keptUntilEveryDailyJobCompletedEveryDay() {
    RetentionPlan.Partition p = new RetentionPlan.Partition("202001", Set.of(DAY), false);

    assertThat(RetentionPlan.decide(List.of(p), Map.of("daily-metrics", Set.of(DAY), "revenue-analytics", Set.of(DAY)), Set.of()))
        .containsExactly(new RetentionPlan.Decision("202001", false, "cohort-analytics has not completed 2020-01-15"));
    assertThat(RetentionPlan.decide(List.of(p), Map.of("daily-metrics", Set.of(DAY), "revenue-analytics", Set.of(DAY),
        "cohort-analytics", Set.of(DAY)), Set.of()))
        .containsExactly(new RetentionPlan.Decision("202001", true, null));
  }

  @Test
  void invoicesAlsoWaitForMonthlyPartnerRevenue() {
    RetentionPlan.Partition p = new RetentionPlan.Partition("202001", Set.of(DAY), true);
    Map<String, Set<LocalDate>> all = Map.of("daily-metrics", Set.of(DAY), "revenue-analytics", Set.of(DAY),
        "cohort-analytics", Set.of(DAY));

    assertThat(RetentionPlan.decide(List.of(p), all, Set.of()).get(0).reason())
        .isEqualTo("partner-revenue monthly has not completed 2020-01");
    assertThat(RetentionPlan.decide(List.of(p), all, Set.of("2020-01")).get(0).drop()).isTrue();
  }
}
