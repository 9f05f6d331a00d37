package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** retention against the real stores: drops expired partitions only once every nightly job has read them. */
class RetentionIT {

  static final String R = "f0000000-0000-0000-0000-000000002020";

  @BeforeEach
  void givenOldAndRecentPartitions() {
    Stores.clearYear(2020);
    Stores.clearYear(2021);
    Stores.forgetRuns("partner-revenue", "period", "2020-01");
    Stores.forgetRuns("partner-revenue", "period", "2020");
    Stores.forgetRuns("partner-revenue", "period", "2021-Q2");
    Stores.PG.update("DELETE FROM retention_dropped_months WHERE month < '2022-01-01'");
    for (String job : RetentionPlanJobs.DAILY) {
      Stores.forgetRuns(job, "date", "2020-02-03");
    }
    Stores.load(
        Event.of(R, "old1", "signed_up", "2020-01-15T10:00:00.000Z").user("u1"),
        Event.of(R, "old1", "signed_up", "2020-01-15T10:00:00.000Z").user("u1"),
        Event.of(R, "old2", "invoice_paid", "2020-01-15T11:00:00.000Z").invoice("sale", 100, "USD", "inv"),
        // one message sent twice, five seconds apart (a retry): two raw rows that no merge folds
        Event.of(R, "dup", "message_sent", "2020-01-15T12:00:00.000Z").user("u1"),
        Event.of(R, "dup", "message_sent", "2020-01-15T12:00:05.000Z").user("u1"),
        Event.of(R, "feb", "message_sent", "2020-02-03T10:00:00.000Z").user("u1"),
        Event.of(R, "new", "message_sent", "2021-05-01T10:00:00.000Z").user("u1"));
    for (String job : RetentionPlanJobs.DAILY) {
      assertThat(Cli.run(job, "--date", "2020-01-15").exitCode()).as(job).isZero();
    }
  }

  @Test
  void keepsWhatAJobStillNeedsAndDropsTheRest() throws Exception {
    Cli.Result first = Cli.run("retention", "--date", "2021-06-30", "--json");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(summary(first)).isEqualTo("kept 202001 (partner-revenue monthly has not completed 2020-01); kept 202002"
        + " (cohort-analytics has not completed 2020-02-03, daily-metrics has not completed 2020-02-03,"
        + " revenue-analytics has not completed 2020-02-03); dropped the duplicate corrections of 1 day(s) before 2021-04-01");
    assertThat(months()).containsExactly("202001", "202002", "202105");

    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2020-01").exitCode()).isZero();
    Cli.Result second = Cli.run("retention", "--date", "2021-06-30", "--json");

    assertThat(second.exitCode()).isZero();
    assertThat(summary(second)).startsWith("dropped 202001; kept 202002");
    assertThat(months()).containsExactly("202002", "202105");
    assertThat(Rows.text(Stores.pg("SELECT user_count FROM cohort_analytics WHERE organization_id = ?::uuid"
        + " AND period_type = 'day' AND cohort_date = '2020-01-15'", R))).as("rollups stay").containsExactly("1");
  }

  @Test
  void aDayRunAgainAfterItsCorrectionsWereDroppedCountsEachEventOnce() {
    assertThat(messages()).containsExactly("1");
    assertThat(Cli.run("retention", "--date", "2021-06-30").exitCode()).isZero(); // keeps 202001, drops its corrections
    assertThat(months()).contains("202001");

    assertThat(Cli.run("daily-metrics", "--date", "2020-01-15").exitCode()).isZero();

    assertThat(messages()).as("the copy sent again still counts once").containsExactly("1");
  }

  @Test
  void aPeriodWhoseMonthsWereDroppedIsRefusedNamingThem() {
    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2020-01").exitCode()).isZero();
    assertThat(Cli.run("retention", "--date", "2021-06-30").exitCode()).isZero();
    assertThat(months()).doesNotContain("202001");

    Cli.Result annual = Cli.run("partner-revenue", "--period-type", "annual", "--period", "2020");
    assertThat(annual.exitCode()).as(annual.out() + annual.err()).isEqualTo(2);
    assertThat(annual.out()).contains("partner-revenue annual 2020 needs the raw events of 2020-01 to 2020-12, and the"
        + " retention job dropped 2020-01", "TALLY_RETENTION_DAYS");
    assertThat(Cli.run("partner-revenue", "--period-type", "monthly", "--period", "2020-01").exitCode())
        .as("a period with nothing approved is computed again: refused too").isEqualTo(2);
    assertThat(Cli.run("partner-revenue", "--period-type", "quarterly", "--period", "2021-Q2").exitCode())
        .as("a period whose months are kept").isZero();
  }

  private static java.util.List<String> messages() {
    return Rows.text(Stores.pg("SELECT total_messages FROM daily_metrics WHERE organization_id = ?::uuid"
        + " AND date = '2020-01-15'", R));
  }

  private static String summary(Cli.Result result) throws Exception {
    JsonNode step = new ObjectMapper().readTree(result.out()).get("runs").get(0).get("steps").get(0);
    return step.get("summary").asText();
  }

  private static java.util.List<String> months() {
    return Rows.text(Stores.ch("SELECT DISTINCT toString(toYYYYMM(occurred_at)) AS m FROM events"
        + " WHERE organization_id = '" + R + "' ORDER BY m"));
  }

  /** The daily jobs whose runs the retention job checks. */
  static final class RetentionPlanJobs {
    static final java.util.List<String> DAILY = dev.tally.batch.retention.RetentionPlan.DAILY_JOBS;
  }
}
