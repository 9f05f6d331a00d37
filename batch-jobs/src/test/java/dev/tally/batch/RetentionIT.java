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
    for (String job : RetentionPlanJobs.DAILY) {
      Stores.forgetRuns(job, "date", "2020-02-03");
    }
    Stores.load(
        Event.of(R, "old1", "signed_up", "2020-01-15T10:00:00.000Z").user("u1"),
        Event.of(R, "old1", "signed_up", "2020-01-15T10:00:00.000Z").user("u1"),
        Event.of(R, "old2", "invoice_paid", "2020-01-15T11:00:00.000Z").invoice("sale", 100, "USD", "inv"),
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
