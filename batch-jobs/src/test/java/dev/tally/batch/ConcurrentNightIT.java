package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A night as a scheduler runs it: daily-metrics, revenue-analytics, cohort-analytics and the
 * month's partner-revenue for the same day, started together as separate processes, while a
 * background merge folds copies of events (OPTIMIZE ... FINAL) and a late copy of an event arrives.
 * Five rounds, each a rerun of the last; every output is the hand-computed one each time.
 */
class ConcurrentNightIT {

  static final String DAY = "2044-03-10";
  static final String ORG = "0c000000-0000-0000-0000-000000002044";
  static final String PARTNER = "f2000000-0000-0000-0000-000000002044";

  @BeforeAll
  static void givenADayWithCopiesOfItsEvents() throws Exception {
    Stores.clearYear(2044);
    for (String job : List.of("daily-metrics", "revenue-analytics", "cohort-analytics")) {
      Stores.forgetRuns(job, "date", DAY);
    }
    Stores.forgetRuns("partner-revenue", "period", "2044-03");
    Stores.forgetPartners(List.of(PARTNER));
    Cli.importPartners("id,name,type,commission_rate\n" + PARTNER + ",Night Partner,reseller,0.1000\n",
        "shop_id,partner_id,activated_at\n" + ORG + "," + PARTNER + ",2044-01-01\n");
    Stores.load(
        Event.of(ORG, "s1", "signed_up", "2044-03-10T08:00:00.000Z").user("u1"),
        Event.of(ORG, "m1", "message_sent", "2044-03-10T09:00:00.000Z").user("u1").tokens(10),
        // a second copy of m1 that a merge folds into the first (same sorting key)
        Event.of(ORG, "m1", "message_sent", "2044-03-10T09:00:00.000Z").user("u1").tokens(10)
            .received("2044-03-10T09:00:30.000Z"),
        Event.of(ORG, "m2", "message_sent", "2044-03-10T10:00:00.000Z").user("u2").tokens(20),
        // a copy of m2 sent again three seconds later: a different occurred_at, no merge folds it
        Event.of(ORG, "m2", "message_sent", "2044-03-10T10:00:03.000Z").user("u2").tokens(20),
        Event.of(ORG, "m3", "message_sent", "2044-03-10T11:00:00.000Z").user("u2").tokens(30),
        Event.of(ORG, "o1", "order_completed", "2044-03-10T12:00:00.000Z").sale(5000, "USD", "order-1", 0, 0, 0),
        Event.of(ORG, "o1", "order_completed", "2044-03-10T12:00:00.000Z").sale(5000, "USD", "order-1", 0, 0, 0)
            .received("2044-03-10T12:01:00.000Z"),
        Event.of(ORG, "i1", "invoice_paid", "2044-03-10T13:00:00.000Z").invoice("sale", 10000, "USD", "inv-1"),
        Event.of(ORG, "i1", "invoice_paid", "2044-03-10T13:00:02.000Z").invoice("sale", 10000, "USD", "inv-1"));
  }

  @Test
  void jobsStartedTogetherDuringMergesAndLateCopiesCountEveryEventOnce() throws Exception {
    Random random = new Random(2044);
    for (int round = 1; round <= 5; round++) {
      Map<String, Process> jobs = new LinkedHashMap<>();
      jobs.put("daily-metrics", start(round, "daily-metrics", "--date", DAY));
      jobs.put("revenue-analytics", start(round, "revenue-analytics", "--date", DAY));
      jobs.put("cohort-analytics", start(round, "cohort-analytics", "--date", DAY));
      jobs.put("partner-revenue", start(round, "partner-revenue", "--period-type", "monthly", "--period", "2044-03"));
      Thread.sleep(2000 + random.nextInt(4000)); // into the jobs' staging and reading
      Stores.CH.execute("OPTIMIZE TABLE events PARTITION 204403 FINAL", Map.of());
      Stores.load(Event.of(ORG, "m3", "message_sent", "2044-03-10T11:00:00.000Z").user("u2").tokens(30)
          .received("2044-03-10T23:00:" + String.format("%02d", round) + ".000Z"));
      for (Map.Entry<String, Process> job : jobs.entrySet()) {
        assertThat(job.getValue().waitFor(240, TimeUnit.SECONDS)).as("round %d: %s ended", round, job.getKey()).isTrue();
        assertThat(job.getValue().exitValue()).as("round %d: %s (see %s)", round, job.getKey(), log(round, job.getKey()))
            .isZero();
      }

      assertThat(DailyMetricsIT.postgresFor(DAY)).as("round %d", round).containsExactly(ORG + "|" + DAY + "|3|0|60|2|0.00|0|0");
      assertThat(DailyMetricsIT.clickHouseFor(DAY)).as("round %d", round).containsExactly(ORG + "|" + DAY + "|3|0|60|2|0.00|0|0");
      assertThat(Rows.text(Stores.pg("SELECT currency, gross_revenue_cents, orders_count FROM revenue_analytics"
          + " WHERE organization_id = ?::uuid AND date = ?::date", ORG, DAY))).as("round %d", round)
          .containsExactly("USD|15000|1");
      assertThat(Rows.text(Stores.pg("SELECT user_count FROM cohort_analytics WHERE organization_id = ?::uuid"
          + " AND period_type = 'day' AND cohort_date = ?::date AND period_number = 0", ORG, DAY))).as("round %d", round)
          .containsExactly("1");
      assertThat(Rows.text(Stores.pg("SELECT revenue_amount, commission_amount FROM partner_revenue"
          + " WHERE partner_id = ?::uuid AND period_type = 'monthly'", PARTNER))).as("round %d", round)
          .containsExactly("100.000|10.000");
    }
  }

  /**
   * The day's corrections were staged; then a merge folds the copies of one event, and a late copy of
   * another arrives that was received before the day's latest: the day has as many rows as before and
   * the same latest arrival, but other rows. The rerun stages again (today's fingerprint also sums the
   * arrivals) instead of netting the first event to zero and counting the second twice.
   */
  @Test
  void aRerunAfterAMergeAndALateCopyThatKeepTheDaysRowCountCountsEachEventOnce() {
    String day = "2044-03-11";
    Stores.forgetRuns("daily-metrics", "date", day);
    Stores.load(
        Event.of(ORG, "a1", "message_sent", "2044-03-11T09:00:00.000Z").user("u1").tokens(10),
        Event.of(ORG, "a1", "message_sent", "2044-03-11T09:00:00.000Z").user("u1").tokens(10)
            .received("2044-03-11T12:00:00.000Z"),
        Event.of(ORG, "b1", "message_sent", "2044-03-11T10:00:00.000Z").user("u1").tokens(20));
    assertThat(Cli.run("daily-metrics", "--date", day).exitCode()).isZero();
    assertThat(DailyMetricsIT.postgresFor(day)).containsExactly(ORG + "|" + day + "|2|0|30|1|0.00|0|0");

    Stores.CH.execute("OPTIMIZE TABLE events PARTITION 204403 FINAL", Map.of());
    Stores.load(Event.of(ORG, "b1", "message_sent", "2044-03-11T10:00:00.000Z").user("u1").tokens(20)
        .received("2044-03-11T11:00:00.000Z"));
    assertThat(Rows.text(Stores.ch("SELECT count(), max(received_at_ms) FROM events WHERE organization_id = '" + ORG
        + "' AND toDate(occurred_at) = '" + day + "'"))).as("as many rows as when the corrections were staged")
        .containsExactly("3|" + java.time.Instant.parse("2044-03-11T12:00:00.000Z").toEpochMilli());

    assertThat(Cli.run("daily-metrics", "--date", day).exitCode()).isZero();

    assertThat(DailyMetricsIT.postgresFor(day)).containsExactly(ORG + "|" + day + "|2|0|30|1|0.00|0|0");
  }

  private static Path log(int round, String job) {
    return Path.of("target", "concurrent-night-it", "round-" + round + "-" + job + ".log");
  }

  private static Process start(int round, String... args) throws Exception {
    return Cli.process(log(round, args[0]), args);
  }

}
