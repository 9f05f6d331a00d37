package dev.tally.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Readers never see a day missing or half loaded: while daily-metrics runs a day again twenty
 * times, a reader polls the day's daily_metrics in PostgreSQL and in ClickHouse, and every answer is
 * the whole day (year 2045).
 */
class PublishingIT {

  static final String DAY = "2045-06-01";
  static final int ORGANIZATIONS = 40;

  @Test
  void aReaderPollingADayDuringTwentyRerunsAlwaysSeesTheWholeDay() throws Exception {
    Stores.clearYear(2045);
    Stores.forgetRuns("daily-metrics", "date", DAY);
    List<Event> events = new ArrayList<>();
    for (int i = 1; i <= ORGANIZATIONS; i++) {
      String org = String.format("0d000000-0000-0000-0000-%012d", i);
      for (int m = 1; m <= i; m++) {
        events.add(Event.of(org, "m" + m, "message_sent", "2045-06-01T12:00:00.000Z").user("u" + m).tokens(1));
      }
    }
    Stores.load(events);
    assertThat(Cli.run("daily-metrics", "--date", DAY).exitCode()).isZero();
    String whole = ORGANIZATIONS + "|" + ORGANIZATIONS * (ORGANIZATIONS + 1) / 2;
    assertThat(postgres()).isEqualTo(whole);
    assertThat(clickHouse()).isEqualTo(whole);

    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger polls = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread reader = new Thread(() -> {
      while (running.get()) {
        seen.add("postgresql " + postgres());
        seen.add("clickhouse " + clickHouse());
        polls.incrementAndGet();
      }
    });
    reader.start();
    try {
      for (int run = 1; run <= 20; run++) {
        assertThat(Cli.run("daily-metrics", "--date", DAY).exitCode()).as("rerun %d", run).isZero();
      }
    } finally {
      running.set(false);
      reader.join();
    }

    assertThat(polls.get()).as("polls").isGreaterThan(20);
    assertThat(seen).containsExactlyInAnyOrder("postgresql " + whole, "clickhouse " + whole);
  }

  /** Organizations and messages of the day: {@code 40|820} when whole. */
  static String postgres() {
    Map<String, Object> row = Stores.pg("SELECT count(*) AS n, coalesce(sum(total_messages), 0) AS messages"
        + " FROM daily_metrics WHERE date = ?::date", DAY).get(0);
    return row.get("n") + "|" + row.get("messages");
  }

  static String clickHouse() {
    Map<String, Object> row = Stores.ch("SELECT count() AS n, sum(total_messages) AS messages FROM daily_metrics FINAL"
        + " WHERE date = '" + DAY + "'").get(0);
    return row.get("n") + "|" + row.get("messages");
  }
}
