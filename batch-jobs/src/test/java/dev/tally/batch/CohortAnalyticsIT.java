package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cohort-analytics against the real stores. Sign-ups straddle an ISO week that crosses the year
 * (Mon 2033-12-26 to Sun 2034-01-01), a month and a year boundary, at 23:59:59.999 and 00:00:00.000.
 */
class CohortAnalyticsIT {

  static final String A = "a0000000-0000-0000-0000-000000002033";

  @BeforeEach
  void givenSignUpsAndActivity() {
    Stores.clearYear(2033);
    Stores.clearYear(2034);
    Stores.load(
        Event.of(A, "s5", "signed_up", "2033-11-30T12:00:00.000Z").user("u5"),
        Event.of(A, "m5", "message_sent", "2033-12-28T09:00:00.000Z").user("u5"),
        Event.of(A, "p5", "order_completed", "2034-01-01T07:00:00.000Z").user("u5").sale(300, "USD", "o5", 0, 0, 0),
        Event.of(A, "p5", "order_completed", "2034-01-01T07:00:00.000Z").user("u5").sale(300, "USD", "o5", 0, 0, 0),
        Event.of(A, "s1", "signed_up", "2033-12-26T10:00:00.000Z").user("u1"),
        Event.of(A, "s1b", "signed_up", "2034-01-01T05:00:00.000Z").user("u1"),
        Event.of(A, "p1", "order_completed", "2034-01-01T06:00:00.000Z").user("u1").sale(1000, "USD", "o1", 0, 0, 0),
        Event.of(A, "s2", "signed_up", "2033-12-31T23:59:59.999Z").user("u2"),
        Event.of(A, "s3", "signed_up", "2034-01-01T00:00:00.000Z").user("u3"),
        Event.of(A, "p3", "order_completed", "2034-01-01T08:00:00.000Z").user("u3").sale(500, "JPY", "o3", 0, 0, 0),
        Event.of(A, "r3", "order_refunded", "2034-01-01T09:00:00.000Z").user("u3").refund(200, "USD", "ox"),
        Event.of(A, "m4", "message_sent", "2034-01-01T10:00:00.000Z").user("u4"),
        Event.of(A, "s6", "signed_up", "2034-01-02T00:00:00.000Z").user("u6"));
  }

  @Test
  void twoNightsGiveEveryPeriodTypeAndEachNightReplacesOnlyItsOwnRows() {
    assertThat(Cli.run("cohort-analytics", "--date", "2033-12-31").exitCode()).isZero();
    Cli.Result second = Cli.run("cohort-analytics", "--date", "2034-01-01");

    assertThat(second.exitCode()).as(second.err()).isZero();
    List<String> expected = List.of(
        // type, cohort, period number, users, active, retention, currency, revenue, revenue per user
        "day|2033-11-30|31|1|0|0.00|USD|0|0.00",
        "day|2033-11-30|32|1|1|100.00|USD|300|300.00",
        "day|2033-12-26|5|1|0|0.00|USD|0|0.00",
        "day|2033-12-26|6|1|1|100.00|USD|1000|1000.00",
        "day|2033-12-31|0|1|1|100.00|USD|0|0.00",
        "day|2033-12-31|1|1|0|0.00|USD|0|0.00",
        "day|2034-01-01|0|1|1|100.00|USD|-200|-200.00",
        "month|2033-11-01|1|1|1|100.00|USD|0|0.00",
        "month|2033-11-01|2|1|1|100.00|USD|300|300.00",
        "month|2033-12-01|0|2|2|100.00|USD|0|0.00",
        "month|2033-12-01|1|2|1|50.00|USD|1000|500.00",
        "month|2034-01-01|0|1|1|100.00|USD|-200|-200.00",
        "week|2033-11-28|4|1|1|100.00|USD|300|300.00",
        "week|2033-12-26|0|3|3|100.00|USD|800|266.67");
    assertThat(postgres()).containsExactlyElementsOf(expected);
    assertThat(clickHouse()).containsExactlyElementsOf(expected);
  }

  @Test
  void aFirstRunStillFindsOlderSignUpsAndARerunChangesNothing() {
    assertThat(Cli.run("cohort-analytics", "--date", "2034-01-01").exitCode()).isZero();
    List<String> pg = postgres();
    List<String> ch = clickHouse();

    assertThat(Cli.run("cohort-analytics", "--date", "2034-01-01").exitCode()).isZero();

    assertThat(pg).contains("day|2033-11-30|32|1|1|100.00|USD|300|300.00", "week|2033-12-26|0|3|3|100.00|USD|800|266.67")
        .hasSize(9);
    assertThat(postgres()).isEqualTo(pg);
    assertThat(clickHouse()).isEqualTo(ch).isEqualTo(pg);
    assertThat(Rows.text(Stores.ch("SELECT count() FROM cohort_analytics WHERE organization_id = '" + A + "'")))
        .containsExactly("9");
  }

  static List<String> postgres() {
    return Rows.text(Stores.pg("SELECT period_type, cohort_date::text, period_number, user_count, active_user_count,"
        + " retention_rate, currency, revenue_cents, average_revenue_per_user FROM cohort_analytics"
        + " WHERE organization_id = ?::uuid ORDER BY period_type, cohort_date, period_number", A));
  }

  static List<String> clickHouse() {
    return Rows.text(Stores.ch("SELECT period_type, toString(cohort_date), period_number, user_count, active_user_count,"
        + " retention_rate, currency, revenue_cents, average_revenue_per_user FROM cohort_analytics FINAL"
        + " WHERE organization_id = '" + A + "' ORDER BY period_type, cohort_date, period_number"));
  }
}
