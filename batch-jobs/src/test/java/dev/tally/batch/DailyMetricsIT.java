package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** daily-metrics against the real stores, with hand-computed expectations for every column. */
class DailyMetricsIT {

  static final String A = "a0000000-0000-0000-0000-000000002031";
  static final String B = "b0000000-0000-0000-0000-000000002031";
  static final String C = "c0000000-0000-0000-0000-000000002031";

  @BeforeEach
  void givenADayOfEvents() {
    Stores.clearYear(2031);
    List<Event> events = new ArrayList<>(List.of(
        Event.of(A, "e1", "message_sent", "2031-03-15T00:00:00.000Z").user("u1").usage("ag1", 100, 200.0, "ok", 5),
        Event.of(A, "e1", "message_sent", "2031-03-15T00:00:00.000Z").user("u1").usage("ag1", 100, 200.0, "ok", 5),
        Event.of(A, "e2", "message_sent", "2031-03-15T12:00:00.000Z").user("u2").usage("ag1", 50, 101.0, "error", 4),
        Event.of(A, "e3", "conversation_started", "2031-03-15T23:59:59.999Z").user("u1").usage("ag2", 10, null, "ok", null),
        Event.of(A, "e4", "workflow_executed", "2031-03-15T10:00:00.000Z"),
        Event.of(A, "e5", "message_sent", "2031-03-16T00:00:00.000Z").user("u9").usage("ag9", 1000, 1.0, "ok", 1),
        Event.of(A, "e6", "message_sent", "2031-03-14T23:59:59.999Z").user("u8").usage("ag8", 1000, 1.0, "ok", 1),
        Event.of(A, "e7", "message_sent", "2031-03-15T08:00:00.000Z").user("u3").usage("ag2", 5, 100.0, "error", 2),
        Event.of(C, "c1", "message_sent", "2031-03-16T01:00:00.000Z").user("u1")));
    int[] ratings = {5, 5, 5, 5, 4, 4, 4, 1};
    for (int i = 0; i < ratings.length; i++) {
      events.add(Event.of(B, "b" + i, "message_sent", "2031-03-15T09:00:0" + i + ".000Z")
          .usage("bg1", 1, i == 0 ? 100.125 : null, "ok", ratings[i]));
    }
    Stores.load(events);
  }

  @Test
  void everyColumnOfBothTablesInBothStores() throws Exception {
    Cli.Result result = Cli.run("daily-metrics", "--date", "2031-03-15", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(result.out());
    assertThat(summary.get("exit_code").asInt()).isZero();
    assertThat(summary.get("runs").get(0).get("status").asText()).isEqualTo("COMPLETED");
    assertThat(promFileOf(summary)).as("the run's metrics for node_exporter, as its JSON summary says").contains(
        "tally_batch_run_outcome{job=\"daily-metrics\",outcome=\"COMPLETED\",target=\"2031-03-15\"} 1.0",
        "tally_batch_rows_written_total{job=\"daily-metrics\",target=\"2031-03-15\"} " + stepSum(summary, "written") + ".0",
        "tally_batch_rows_read_total{job=\"daily-metrics\",target=\"2031-03-15\"} " + stepSum(summary, "read") + ".0",
        "tally_batch_run_duration_seconds{job=\"daily-metrics\",target=\"2031-03-15\"} "
            + summary.get("runs").get(0).get("duration_ms").asLong() / 1000.0,
        "tally_batch_exit_code{job=\"daily-metrics\"} 0.0");
    List<String> daily = List.of(
        // org, messages, conversations, tokens, unique users, avg response time, agents, workflows
        A + "|2031-03-15|3|1|165|3|133.67|2|1",
        B + "|2031-03-15|8|0|8|0|100.12|1|0");
    List<String> agents = List.of(
        // org, agent, conversations, messages, avg response time, tokens, errors, satisfaction
        A + "|ag1|2031-03-15|0|2|150.50|150|1|4.50",
        A + "|ag2|2031-03-15|1|1|100.00|15|1|2.00",
        B + "|bg1|2031-03-15|0|8|100.12|8|0|4.12");
    assertThat(postgresDaily()).containsExactlyElementsOf(daily);
    assertThat(postgresAgents()).containsExactlyElementsOf(agents);
    assertThat(clickHouseDaily()).containsExactlyElementsOf(daily);
    assertThat(clickHouseAgents()).containsExactlyElementsOf(agents);
  }

  @Test
  void copiesOfOneEventCountOnceWithTheFirstReceivedCopysValues() {
    String d = "d0000000-0000-0000-0000-000000002031";
    // A background merge of the raw table before the job runs folds the copies into the last one
    // inserted (ReplacingMergeTree), and the first received is gone before the job can pick it; this
    // test is about the pick, so no merge runs until the job has staged the day (failed 1 run in 4)
    Stores.CH_JDBC.getJdbcTemplate().execute("SYSTEM STOP MERGES events");
    try {
      loadCopiesAndRunTheJob(d);
    } finally {
      Stores.CH_JDBC.getJdbcTemplate().execute("SYSTEM START MERGES events");
    }
    // org, messages, conversations, tokens 7 + 100, unique users, avg response time (10 + 50) / 2, agents, workflows
    assertThat(postgresFor("2031-03-17")).containsExactly(d + "|2031-03-17|2|0|107|2|30.00|1|0");
    // org, agent, conversations, messages, avg response time, tokens, errors (the error copy was not first), rating (3 + 5) / 2
    assertThat(postgresAgentsFor("2031-03-17")).containsExactly(d + "|dg|2031-03-17|0|2|30.00|107|0|4.00");
  }

  private static void loadCopiesAndRunTheJob(String d) {
    Stores.load(
        // three copies of d1, received in another order than stored; the first received says 7 tokens
        Event.of(d, "d1", "message_sent", "2031-03-17T10:00:00.000Z").user("u1").usage("dg", 9, 30.0, "error", null)
            .received("2031-03-17T10:00:05.000Z"),
        Event.of(d, "d1", "message_sent", "2031-03-17T10:00:00.000Z").user("u1").usage("dg", 7, 10.0, "ok", 3)
            .received("2031-03-17T10:00:01.000Z"),
        Event.of(d, "d1", "message_sent", "2031-03-17T10:00:00.000Z").user("u1").usage("dg", 8, 20.0, "ok", 1)
            .received("2031-03-17T10:00:03.000Z"),
        Event.of(d, "d2", "message_sent", "2031-03-17T11:00:00.000Z").user("u2").usage("dg", 100, 50.0, "ok", 5),
        Event.of(d, "d2", "message_sent", "2031-03-17T11:00:00.000Z").user("u2").usage("dg", 100, 50.0, "ok", 5));

    Cli.Result result = Cli.run("daily-metrics", "--date", "2031-03-17");
    assertThat(result.exitCode()).as(result.err()).isZero();
  }

  @Test
  void runningTwiceLeavesBothStoresAsRunningOnce() {
    assertThat(Cli.run("daily-metrics", "--date", "2031-03-15").exitCode()).isZero();
    List<String> pg = postgresDaily();
    List<String> pgAgents = postgresAgents();
    List<String> ch = clickHouseDaily();

    Cli.Result second = Cli.run("daily-metrics", "--date", "2031-03-15");

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(postgresDaily()).isEqualTo(pg);
    assertThat(postgresAgents()).isEqualTo(pgAgents);
    assertThat(clickHouseDaily()).isEqualTo(ch);
    assertThat(Rows.text(Stores.ch("SELECT count() AS n FROM daily_metrics WHERE date = '2031-03-15'")))
        .as("no row version left behind, even without FINAL").containsExactly("2");
    assertThat(Rows.text(Stores.ch("SELECT count() AS n FROM agent_metrics WHERE date = '2031-03-15'")))
        .containsExactly("3");
  }

  @Test
  void rerunAfterAnOrganizationsEventsAreGoneRemovesItsRows() {
    assertThat(Cli.run("daily-metrics", "--date", "2031-03-15").exitCode()).isZero();
    Stores.CH.deleteAndWait("events", "organization_id = :org", Map.of("org", B));

    assertThat(Cli.run("daily-metrics", "--date", "2031-03-15").exitCode()).isZero();

    assertThat(postgresDaily()).singleElement().asString().startsWith(A);
    assertThat(clickHouseDaily()).singleElement().asString().startsWith(A);
    assertThat(postgresAgents()).noneMatch(r -> r.startsWith(B));
    assertThat(clickHouseAgents()).noneMatch(r -> r.startsWith(B));
  }

  @Test
  void backfillRunsOneInstancePerDateWithProgress() throws Exception {
    Cli.Result result = Cli.run("daily-metrics", "--from", "2031-03-14", "--to", "2031-03-16", "--json");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("[1/3] daily-metrics 2031-03-14", "[3/3] daily-metrics 2031-03-16");
    JsonNode runs = new ObjectMapper().readTree(result.out()).get("runs");
    assertThat(runs).extracting(r -> r.get("target").asText()).containsExactly("2031-03-14", "2031-03-15", "2031-03-16");
    assertThat(runs).extracting(r -> r.get("execution_id").asLong()).doesNotHaveDuplicates();
    assertThat(Stores.pg("SELECT date::text AS d, total_messages FROM daily_metrics WHERE organization_id = ?::uuid"
        + " AND extract(year FROM date) = 2031 ORDER BY date", A))
        .extracting(r -> r.get("d") + "=" + r.get("total_messages"))
        .containsExactly("2031-03-14=1", "2031-03-15=3", "2031-03-16=1");
  }

  /** The lines of tally_batch_daily_metrics.prom in TALLY_BATCH_METRICS_DIR (written by the command of {@code summary}). */
  static List<String> promFileOf(JsonNode summary) throws java.io.IOException {
    java.nio.file.Path file = Stores.SETTINGS.path(dev.tally.schemas.config.Setting.BATCH_METRICS_DIR)
        .resolve("tally_batch_" + summary.get("job").asText().replace('-', '_') + ".prom");
    return java.nio.file.Files.readAllLines(file);
  }

  static long stepSum(JsonNode summary, String field) {
    long sum = 0;
    for (JsonNode step : summary.get("runs").get(0).get("steps")) {
      sum += step.get(field).asLong();
    }
    assertThat(sum).as(field).isPositive();
    return sum;
  }

  static List<String> postgresDaily() {
    return postgresFor("2031-03-15");
  }

  static List<String> postgresFor(String date) {
    return Rows.text(Stores.pg("SELECT organization_id::text, date::text, total_messages, total_conversations, total_tokens,"
        + " unique_users, avg_response_time, agent_count, workflow_executions FROM daily_metrics"
        + " WHERE date = ?::date ORDER BY organization_id", date));
  }

  static List<String> postgresAgents() {
    return postgresAgentsFor("2031-03-15");
  }

  static List<String> postgresAgentsFor(String date) {
    return Rows.text(Stores.pg("SELECT organization_id::text, agent_id, date::text, conversation_count, message_count,"
        + " avg_response_time, total_tokens, error_count, satisfaction_score FROM agent_metrics"
        + " WHERE date = ?::date ORDER BY organization_id, agent_id", date));
  }

  static List<String> clickHouseDaily() {
    return clickHouseFor("2031-03-15");
  }

  static List<String> clickHouseFor(String date) {
    return Rows.text(Stores.ch("SELECT organization_id, toString(date), total_messages, total_conversations, total_tokens,"
        + " unique_users, avg_response_time, agent_count, workflow_executions FROM daily_metrics FINAL"
        + " WHERE date = '" + date + "' ORDER BY organization_id"));
  }

  static List<String> clickHouseAgents() {
    return Rows.text(Stores.ch("SELECT organization_id, agent_id, toString(date), conversation_count, message_count,"
        + " avg_response_time, total_tokens, error_count, satisfaction_score FROM agent_metrics FINAL"
        + " WHERE date = '2031-03-15' ORDER BY organization_id, agent_id"));
  }
}
