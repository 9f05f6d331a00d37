package dev.tally.stream.flink;

import static dev.tally.stream.flink.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.event.AnalyticsEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that refuses a row, or is down, never stops the job: the running job (real Kafka,
 * ClickHouse, PostgreSQL; MiniCluster) gets a session with an order of 150,000,000 VND, a row that
 * PostgreSQL refuses, and a minute of PostgreSQL outage, and keeps loading raw events throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreFailuresIT {

  static final String POISON = UUID.randomUUID().toString();
  static final String OUTAGE = UUID.randomUUID().toString();
  static final Instant T = Instant.parse("2044-07-01T09:00:00Z");
  /** The outage's traffic, after the first test's in event time (one partition: one watermark for both). */
  static final Instant T2 = T.plusSeconds(2 * 3600);
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir
  static Path checkpoints;
  static StreamStores stores;
  static JobClient job;

  @BeforeAll
  static void startTheJob() throws Exception {
    stores = new StreamStores("failures", 1, 1, checkpoints.toString());
    job = stores.startJob(1);
  }

  @AfterAll
  static void stopTheJob() throws Exception {
    job.cancel().get();
    stores.deleteTopics();
  }

  @Test
  @Order(1)
  void aRowPostgresqlRefusesIsDeadLetteredAndTheJobGoesOn() throws Exception {
    String tooLong = "u".repeat(300); // user_sessions.user_id is VARCHAR(255)
    stores.send(List.of(
        event(POISON, "p1", "page_viewed", T).user("buyer").get(),
        event(POISON, "p2", "order_completed", T.plusSeconds(20)).user("buyer").sale(150_000_000, "VND").get(),
        event(POISON, "p3", "page_viewed", T.plusSeconds(30)).user(tooLong).get(),
        // moves the watermark past both sessions' ends (30 minutes of inactivity)
        event(POISON, "p4", "page_viewed", T.plusSeconds(40 * 60)).user("later").get()));
    awaitRows(() -> stores.postgres("SELECT user_id, conversion_value, has_conversion FROM user_sessions WHERE organization_id = '"
        + POISON + "' AND user_id = 'buyer'"), List.of(List.of("buyer", "150000000.00", "t")), Duration.ofSeconds(60));
    awaitDeadLetters(1);
    assertThat(stores.deadLetters()).singleElement().asString()
        .contains("\"sink\":\"postgresql: user_sessions\"", "SQLState 22001", "value too long", "user_id=" + tooLong)
        .contains("organization_id=" + POISON);
    assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

    stores.send(List.of(event(POISON, "p5", "page_viewed", T.plusSeconds(41 * 60)).get()));
    awaitRows(() -> stores.clickhouse("SELECT count() FROM events WHERE organization_id = '" + POISON + "' AND event_id = 'p5'"),
        List.of(List.of("1")), Duration.ofSeconds(10));
  }

  @Test
  @Order(2)
  void rawEventsKeepComingWhilePostgresqlIsDownAndItsTablesCatchUpAfter() throws Exception {
    stores.send(sessions("a", 0, 5, T2));
    awaitRows(() -> countOf(OUTAGE), List.of(List.of("50")), Duration.ofSeconds(30));
    long stopped = System.nanoTime();
    launcher("down", "postgres");
    try {
      stores.send(sessions("b", 5, 10, T2.plusSeconds(15 * 60)));
      awaitRows(() -> countOf(OUTAGE), List.of(List.of("100")), Duration.ofSeconds(30));
      Thread.sleep(Math.max(0, Duration.ofSeconds(60).toMillis() - (System.nanoTime() - stopped) / 1_000_000));
    } finally {
      launcher("up");
    }
    // one event an hour later closes the sessions and moves the windows to end at T2 + 74 min
    stores.send(List.of(event(OUTAGE, "closer", "page_viewed", T2.plusSeconds(75 * 60)).user("closer").get()));
    List<List<String>> sessions = new ArrayList<>();
    for (int u = 0; u < 10; u++) {
      sessions.add(List.of("user-" + u, "10"));
    }
    awaitRows(() -> stores.postgres("SELECT user_id, events_count FROM user_sessions WHERE organization_id = '" + OUTAGE
        + "' ORDER BY user_id"), sessions, Duration.ofSeconds(120));
    awaitRows(() -> stores.postgres("SELECT window_name, events_count, active_users FROM rolling_metrics WHERE organization_id = '"
        + OUTAGE + "' ORDER BY window_end - window_start"),
        List.of(List.of("5m", "0", "0"), List.of("1h", "50", "5"), List.of("24h", "100", "10")), Duration.ofSeconds(60));
  }

  /**
   * Ten events of each user from {@code from} to {@code to} (exclusive), one a minute from
   * {@code start}: one session each within ten minutes, sent in the order of their time.
   */
  private static List<AnalyticsEvent> sessions(String part, int from, int to, Instant start) {
    List<AnalyticsEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (int u = from; u < to; u++) {
        events.add(event(OUTAGE, part + "-" + u + "-" + i, "page_viewed", start.plusSeconds(i * 60L + u)).user("user-" + u).get());
      }
    }
    return events;
  }

  private static List<List<String>> countOf(String organization) throws Exception {
    return stores.clickhouse("SELECT count() FROM events WHERE organization_id = '" + organization + "'");
  }

  private static void awaitDeadLetters(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (stores.deadLetters().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
  }

  private static void awaitRows(Callable<List<List<String>>> query, List<List<String>> expected, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    List<List<String>> rows = List.of();
    while (System.nanoTime() < deadline) {
      try {
        rows = query.call();
      } catch (java.sql.SQLException storeDown) {
        rows = List.of(List.of(storeDown.getMessage()));
      }
      if (rows.equals(expected)) {
        return;
      }
      Thread.sleep(250);
    }
    assertThat(rows).as("after " + within.toSeconds() + " s").isEqualTo(expected);
  }

  private static void launcher(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("infra/tally").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
  }
}
