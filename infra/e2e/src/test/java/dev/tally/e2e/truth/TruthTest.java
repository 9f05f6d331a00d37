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

  @Test
  void partnerCommissionPerShopCurrencyAndPeriodFromActivation() throws Exception {
    String shop2 = "7efa2d6b-590e-3f1a-a701-a7c6623e3994";
    List<AnalyticsEvent> events = new java.util.ArrayList<>(events(
        track("i0", "Invoice Paid", "u1", "2026-10-31T23:59:59.999Z", "{\"invoice_id\":\"i-0\",\"amount\":50,\"currency\":\"USD\"}"),
        track("i1", "Invoice Paid", "u1", "2026-11-01T00:00:00Z", "{\"invoice_id\":\"i-1\",\"amount\":10.05,\"currency\":\"USD\"}"),
        track("i1", "Invoice Paid", "u1", "2026-11-01T00:00:00Z", "{\"invoice_id\":\"i-1\",\"amount\":10.05,\"currency\":\"USD\"}"),
        track("i2", "Invoice Refunded", "u1", "2026-11-20T00:00:00Z", "{\"invoice_id\":\"i-1\",\"amount\":0.02,\"currency\":\"USD\"}"),
        track("i3", "Invoice Paid", "u1", "2026-11-21T00:00:00Z", "{\"invoice_id\":\"i-3\",\"amount\":1.005,\"currency\":\"BHD\"}"),
        track("i4", "Invoice Refunded", "u1", "2026-11-22T00:00:00Z", "{\"invoice_id\":\"i-4\",\"amount\":5,\"currency\":\"JPY\"}"),
        track("o1", "Order Completed", "u1", "2026-11-02T00:00:00Z", "{\"order_id\":\"o-1\",\"total\":99,\"currency\":\"USD\"}")));
    Path csv = dir.resolve("other.ndjson");
    Files.writeString(csv, "{\"organization_id\":\"" + shop2 + "\",\"disorder\":null,\"message\":"
        + track("j1", "Invoice Paid", "u9", "2026-11-05T12:00:00Z", "{\"invoice_id\":\"j-1\",\"amount\":1000,\"currency\":\"JPY\"}")
        + "}\n" + "{\"organization_id\":\"" + shop2 + "\",\"disorder\":null,\"message\":"
        + track("j2", "Invoice Paid", "u9", "2026-11-05T11:59:59Z", "{\"invoice_id\":\"j-2\",\"amount\":7,\"currency\":\"JPY\"}")
        + "}\n");
    events.addAll(GeneratedEvents.read(csv));
    Path partnersCsv = dir.resolve("partners.csv");
    Files.writeString(partnersCsv, "id,name,commission_rate\np1,North,0.1500\np2,South,0.0800\n");
    Path linksCsv = dir.resolve("links.csv");
    Files.writeString(linksCsv, "shop_id,partner_id,referral_code,custom_commission_rate,activated_at\n"
        + ORG + ",p1,R1,0.2000,2026-10-01T00:00:00Z\n" + shop2 + ",p2,R2,,2026-11-05T12:00:00Z\n");

    List<String> rows = PartnerTruth.rows(events, PartnerTruth.partners(partnersCsv), PartnerTruth.links(linksCsv),
        List.of(PartnerTruth.Period.month(java.time.LocalDate.parse("2026-11-30")),
            PartnerTruth.Period.quarter(java.time.LocalDate.parse("2026-11-30"))));

    assertThat(PartnerTruth.Period.quarter(java.time.LocalDate.parse("2026-11-30")).label()).isEqualTo("2026-Q4");
    assertThat(rows).containsExactly(
        // November, custom rate 0.2: BHD 1.005 x 0.2 = 0.201; JPY net -5 stored as 0; USD 10.05 - 0.02 = 10.03 x 0.2 =
        // 2.006 -> 2.01 (the order is not billing; the duplicate counts once; 10-31 is another month)
        "p1|" + ORG + "|BHD|1.005|0.201|0.2000|monthly|2026-11-01|2026-11-30|calculated",
        "p1|" + ORG + "|BHD|1.005|0.201|0.2000|quarterly|2026-10-01|2026-12-31|calculated",
        "p1|" + ORG + "|JPY|0.000|0.000|0.2000|monthly|2026-11-01|2026-11-30|calculated",
        "p1|" + ORG + "|JPY|0.000|0.000|0.2000|quarterly|2026-10-01|2026-12-31|calculated",
        "p1|" + ORG + "|USD|10.030|2.010|0.2000|monthly|2026-11-01|2026-11-30|calculated",
        // the quarter has 10-31's 50 too: 60.03 x 0.2 = 12.006 -> 12.01
        "p1|" + ORG + "|USD|60.030|12.010|0.2000|quarterly|2026-10-01|2026-12-31|calculated",
        // from the activation at 12:00 on: 1000 yen x 0.08 = 80 (the 7 yen a second earlier earn nothing)
        "p2|" + shop2 + "|JPY|1000.000|80.000|0.0800|monthly|2026-11-01|2026-11-30|calculated",
        "p2|" + shop2 + "|JPY|1000.000|80.000|0.0800|quarterly|2026-10-01|2026-12-31|calculated");
  }

  @Test
  void streamDailyTotalsLeaveOutWhatWasTooLate() throws Exception {
    List<AnalyticsEvent> events = events(
        track("m1", "Message Sent", "u1", "2026-11-01T10:00:00Z", "{\"agent_id\":\"a1\",\"tokens\":100}"),
        track("m1", "Message Sent", "u1", "2026-11-01T10:00:00Z", "{\"agent_id\":\"a1\",\"tokens\":100}"),
        track("m2", "Message Sent", "u1", "2026-11-01T10:05:00Z", "{\"agent_id\":\"a1\",\"tokens\":7}"),
        track("o1", "Order Completed", "u1", "2026-11-01T12:00:00Z", "{\"order_id\":\"o-1\",\"total\":10,\"currency\":\"USD\"}"),
        track("o2", "Order Refunded", "u1", "2026-11-01T13:00:00Z", "{\"order_id\":\"o-1\",\"total\":3,\"currency\":\"USD\"}"),
        track("p1", "Page Viewed", "u1", "2026-11-02T00:00:00Z", "{}"));

    assertThat(StreamTruth.dailyTotals(events, java.util.Set.of(ORG + "/m2"))).containsExactly(
        ORG + "|2026-11-01|events|3",
        ORG + "|2026-11-01|messages|1",
        ORG + "|2026-11-01|revenue:USD|700",
        ORG + "|2026-11-01|tokens|100",
        ORG + "|2026-11-01|type:message_sent|1",
        ORG + "|2026-11-01|type:order_completed|1",
        ORG + "|2026-11-01|type:order_refunded|1",
        ORG + "|2026-11-02|events|1",
        ORG + "|2026-11-02|messages|0",
        ORG + "|2026-11-02|tokens|0",
        ORG + "|2026-11-02|type:page_viewed|1");
  }
}
