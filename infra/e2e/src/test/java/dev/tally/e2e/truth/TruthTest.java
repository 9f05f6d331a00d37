package dev.tally.e2e.truth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.event.AnalyticsEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle itself, on a few generator lines with hand-computed rollups. */
class TruthTest {

  static final String ORG = "6efa2d6b-590e-3f1a-a701-a7c6623e3994";

  @TempDir
  Path dir;

  private List<AnalyticsEvent> events(String... messages) throws Exception {
    StringBuilder ndjson = new StringBuilder();
    for (String m : messages) {
      ndjson.append("{\"organization_id\":\"").append(ORG).append("\",\"disorder\":null,\"message\":").append(m).append("}\n");
    }
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, ndjson);
    return GeneratedEvents.read(file);
  }

  private static String track(String id, String event, String user, String at, String properties) {
    return "{\"type\":\"track\",\"messageId\":\"" + id + "\",\"event\":\"" + event + "\",\"userId\":\"" + user
        + "\",\"timestamp\":\"" + at + "\",\"properties\":" + properties + "}";
  }

  @Test
  void duplicatesCountOnceAndEveryColumnFollowsTheDefinitions() throws Exception {
    String m1 = track("m1", "Message Sent", "u1", "2026-11-01T10:00:00Z",
        "{\"agent_id\":\"a1\",\"tokens\":100,\"response_time_ms\":1000.5,\"status\":\"ok\"}");
    List<AnalyticsEvent> events = events(
        m1, m1,
        track("m2", "Message Sent", "u2", "2026-11-01T23:59:59.999Z",
            "{\"agent_id\":\"a1\",\"tokens\":50,\"response_time_ms\":2000,\"status\":\"error\"}"),
        track("c1", "Conversation Started", "u1", "2026-11-01T09:00:00Z", "{\"agent_id\":\"a2\"}"),
        track("r1", "Message Rated", "u1", "2026-11-01T10:01:00Z", "{\"agent_id\":\"a1\",\"rating\":4}"),
        track("r2", "Message Rated", "u2", "2026-11-01T10:02:00Z", "{\"agent_id\":\"a1\",\"rating\":5}"),
        track("w1", "Workflow Executed", "u3", "2026-11-02T00:00:00Z", "{\"agent_id\":\"a2\",\"status\":\"ok\"}"),
        track("o1", "Order Completed", "u1", "2026-11-01T12:00:00Z",
            "{\"order_id\":\"o-1\",\"total\":10.01,\"tax\":1,\"shipping\":2,\"discount\":0.5,\"currency\":\"USD\"}"),
        track("o2", "Order Completed", "u2", "2026-11-01T13:00:00Z",
            "{\"order_id\":\"o-2\",\"total\":20.00,\"tax\":0,\"shipping\":0,\"discount\":0,\"currency\":\"USD\"}"),
        track("o3", "Order Refunded", "u2", "2026-11-01T14:00:00Z", "{\"order_id\":\"o-2\",\"total\":35,\"currency\":\"USD\"}"),
        track("o4", "Order Completed", "u2", "2026-11-01T15:00:00Z", "{\"order_id\":\"o-4\",\"total\":1001,\"currency\":\"JPY\"}"));

    assertThat(events).hasSize(10);
    assertThat(Truth.dailyMetrics(events)).containsExactly(
        // messages 2, conversations 1, tokens 150, users u1 u2, mean (1000.5 + 2000) / 2 = 1500.25, agents a1 a2, no workflow
        ORG + "|2026-11-01|2|1|150|2|1500.25|2|0",
        ORG + "|2026-11-02|0|0|0|1|0.00|1|1");
    assertThat(Truth.agentMetrics(events)).containsExactly(
        // a1: 2 messages, mean 1500.25, 150 tokens, 1 error, rating (4 + 5) / 2
        ORG + "|a1|2026-11-01|0|2|1500.25|150|1|4.50",
        ORG + "|a2|2026-11-01|1|0|0.00|0|0|null",
        ORG + "|a2|2026-11-02|0|0|0.00|0|0|null");
    assertThat(Truth.revenueAnalytics(events)).containsExactly(
        // JPY: one order of 1001 yen
        ORG + "|2026-11-01|JPY|1001|1001|1|1001|0|0|0|0|0|0",
        // USD: gross 1001 + 2000, refund 3500 (net negative), 2 orders, AOV 3001 / 2 = 1500.5 -> 1500 (half-even),
        // one returned order, discounts 50, shipping 200, tax 100
        ORG + "|2026-11-01|USD|3001|-499|2|1500|1|3500|50|200|100|3500");
  }

  @Test
  void cohortsAsOfTheLastRunDayOfEachPeriod() throws Exception {
    List<AnalyticsEvent> events = events(
        track("s1", "Signed Up", "u1", "2026-11-02T08:00:00Z", "{}"),
        track("o1", "Order Completed", "u1", "2026-11-02T09:00:00Z", "{\"order_id\":\"o-1\",\"total\":10,\"currency\":\"USD\"}"),
        track("o2", "Order Completed", "u1", "2026-11-02T09:30:00Z", "{\"order_id\":\"o-2\",\"total\":99,\"currency\":\"EUR\"}"),
        track("s2", "Signed Up", "u2", "2026-11-03T08:00:00Z", "{}"),
        track("p1", "Page Viewed", "u3", "2026-11-03T08:00:00Z", "{}"),
        track("p2", "Page Viewed", "u2", "2026-11-09T08:00:00Z", "{}"));

    List<String> rows = CohortTruth.rows(events, java.time.LocalDate.parse("2026-11-02"),
        java.time.LocalDate.parse("2026-11-09"), "USD");

    // days 11-02..11-09: cohort 11-02 in 8 day periods, cohort 11-03 in 7; one week-2 row, two week rows... see below
    assertThat(rows).filteredOn(r -> r.contains("|day|")).hasSize(15)
        .contains(ORG + "|2026-11-02|0|day|1|1|100.00|USD|1000|1000.00",
            ORG + "|2026-11-02|1|day|1|0|0.00|USD|0|0.00",
            ORG + "|2026-11-03|0|day|1|1|100.00|USD|0|0.00",
            ORG + "|2026-11-03|6|day|1|1|100.00|USD|0|0.00");
    assertThat(rows).filteredOn(r -> !r.contains("|day|")).containsExactly(
        // the month so far (as of the last run day, 11-09): u1 and u2, both active, 10 USD (EUR left out)
        ORG + "|2026-11-01|0|month|2|2|100.00|USD|1000|500.00",
        // ISO week of 11-02, complete: both active; the next week as of 11-09: only u2 came back
        ORG + "|2026-11-02|0|week|2|2|100.00|USD|1000|500.00",
        ORG + "|2026-11-02|1|week|2|1|50.00|USD|0|0.00");
  }
}
