package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An SDK sends a batch at 23:30 on the last day of May and, not having seen the answer, sends the very
 * same batch (same {@code sentAt}) again five hours later, and once more. The collector dates each copy
 * {@code receivedAt - (sentAt - timestamp)}, so the resends land on the first of June, in another
 * month. Every rollup counts each event once, on the day of its first received copy; June's own events
 * still count on June.
 */
class ResentBatchIT {

  static final String R = "e0000000-0000-0000-0000-000000002035";
  static final Instant SENT_AT = Instant.parse("2035-05-31T23:30:00Z");

  @BeforeEach
  void givenABatchSentThreeTimesAcrossTheMonthEnd() {
    Stores.clearYear(2035);
    List<Event> events = new ArrayList<>();
    for (String received : List.of("2035-05-31T23:30:00.100Z", "2035-06-01T04:30:00.100Z", "2035-06-01T04:30:09.100Z")) {
      events.addAll(theBatch(Instant.parse(received)));
    }
    events.add(Event.of(R, "j1", "message_sent", "2035-06-01T10:00:00.000Z").user("u3").usage("ag1", 7, 70.0, "ok", 3));
    Stores.load(events);
  }

  /** The batch's three messages as the collector stores them when it receives the batch at {@code received}. */
  static List<Event> theBatch(Instant received) {
    Function<String, String> occurred = timestamp -> received
        .minus(Duration.between(Instant.parse(timestamp), SENT_AT)).toString();
    return List.of(
        Event.of(R, "m1", "signed_up", occurred.apply("2035-05-31T23:29:00Z")).received(received.toString()).user("u1"),
        Event.of(R, "m2", "message_sent", occurred.apply("2035-05-31T23:29:10Z")).received(received.toString())
            .user("u1").usage("ag1", 100, 200.0, "ok", 5),
        Event.of(R, "m3", "order_completed", occurred.apply("2035-05-31T23:29:20Z")).received(received.toString())
            .user("u1").sale(2500, "USD", "o1", 0, 0, 0));
  }

  @Test
  void theResentCopiesStoredInJuneAreOneEventWithTheirFirstCopyInMay() {
    assertThat(Rows.text(Stores.ch("SELECT toString(toDate(occurred_at)), count() FROM events WHERE organization_id = '"
        + R + "' GROUP BY toDate(occurred_at) ORDER BY 1"))).as("the copies as stored").containsExactly("2035-05-31|3", "2035-06-01|7");

    assertThat(Rows.text(Stores.ch("SELECT count(), toString(toDate(min(occurred_at))) FROM (SELECT occurred_at FROM events"
        + " WHERE organization_id = '" + R + "' ORDER BY organization_id, event_id, received_at_ms, occurred_at_ms"
        + " LIMIT 1 BY organization_id, event_id)"))).as("the analyst guide's form: each event once, its first copy")
        .containsExactly("4|2035-05-31");
  }

  @Test
  void everyRollupCountsEachEventOnceOnTheDayOfItsFirstCopy() {
    for (String date : List.of("2035-05-31", "2035-06-01")) {
      for (String job : List.of("daily-metrics", "revenue-analytics", "cohort-analytics")) {
        Cli.Result result = Cli.run(job, "--date", date);
        assertThat(result.exitCode()).as(job + " " + date + ": " + result.err()).isZero();
      }
    }

    // org, date, messages, conversations, tokens, unique users, avg response time, agents, workflows
    assertThat(DailyMetricsIT.postgresFor("2035-05-31")).containsExactly(R + "|2035-05-31|1|0|100|1|200.00|1|0");
    assertThat(DailyMetricsIT.postgresFor("2035-06-01")).as("u1's resent copies neither count nor make u1 active")
        .containsExactly(R + "|2035-06-01|1|0|7|1|70.00|1|0");
    assertThat(DailyMetricsIT.clickHouseFor("2035-06-01")).containsExactly(R + "|2035-06-01|1|0|7|1|70.00|1|0");
    // org, agent, date, conversations, messages, avg response time, tokens, errors, satisfaction
    assertThat(DailyMetricsIT.postgresAgentsFor("2035-06-01")).containsExactly(R + "|ag1|2035-06-01|0|1|70.00|7|0|3.00");

    // org, currency, gross, net, orders, aov, returns, returned, discounts, shipping, tax, refunds
    assertThat(RevenueAnalyticsIT.postgres("2035-05-31")).containsExactly(R + "|USD|2500|2500|1|2500|0|0|0|0|0|0");
    assertThat(RevenueAnalyticsIT.postgres("2035-06-01")).isEmpty();
    assertThat(RevenueAnalyticsIT.clickHouse("2035-06-01")).isEmpty();

    // type, cohort, period number, users, active, retention, currency, revenue, revenue per user
    assertThat(cohorts()).as("u1 signed up and bought in May; the resends are not activity in June").containsExactly(
        "day|2035-05-31|0|1|1|100.00|USD|2500|2500.00",
        "day|2035-05-31|1|1|0|0.00|USD|0|0.00",
        "month|2035-05-01|0|1|1|100.00|USD|2500|2500.00",
        "month|2035-05-01|1|1|0|0.00|USD|0|0.00",
        "week|2035-05-28|0|1|1|100.00|USD|2500|2500.00");
  }

  static List<String> cohorts() {
    return Rows.text(Stores.pg("SELECT period_type, cohort_date::text, period_number, user_count, active_user_count,"
        + " retention_rate, currency, revenue_cents, average_revenue_per_user FROM cohort_analytics"
        + " WHERE organization_id = ?::uuid ORDER BY period_type, cohort_date, period_number", R));
  }
}
