package dev.tally.stream.flink;

import static dev.tally.stream.flink.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trickle of live events to an otherwise idle stack, then nothing: the minutes show them within
 * seconds, and the rolling windows, which move with the watermark, still get there because a quiet
 * partition of live events moves its watermark on with the clock ({@link MinuteWatermarks}).
 */
class QuietOrganizationIT {

  static final String ORG = UUID.randomUUID().toString();

  @TempDir
  static Path checkpoints;
  static StreamStores stores;
  static JobClient job;

  @BeforeAll
  static void startTheJob() throws Exception {
    // two partitions: the one that gets no event must not hold the other back either
    stores = new StreamStores("quiet", 2, 1, checkpoints.toString());
    job = stores.startJob(1);
  }

  @AfterAll
  static void stopTheJob() throws Exception {
    job.cancel().get();
    stores.deleteTopics();
  }

  @Test
  void fortyEventsOverFortySecondsReachTheMinutesAtOnceAndTheRollingWindowsWithinNinetySeconds() throws Exception {
    for (int i = 0; i < 40; i++) {
      stores.send(List.of(event(ORG, "t" + i, "page_viewed", Instant.now()).user("u" + i % 5).get()));
      Thread.sleep(1000);
    }
    long last = System.nanoTime() - 1_000_000_000L;

    await(last + 5_000_000_000L, "metrics_minute", () -> stores.clickhouse(
        "SELECT toString(sum(events_count)) FROM metrics_minute FINAL WHERE organization_id = '" + ORG + "'"), List.of(List.of("40")));
    await(last + 90_000_000_000L, "rolling_metrics", () -> stores.postgres(
        "SELECT events_count, active_users FROM rolling_metrics WHERE organization_id = '" + ORG + "' AND window_name = '24h'"),
        List.of(List.of("40", "5")));
  }

  private static void await(long deadlineNanos, String what, java.util.concurrent.Callable<List<List<String>>> query,
      List<List<String>> expected) throws Exception {
    List<List<String>> rows = query.call();
    while (!rows.equals(expected) && System.nanoTime() < deadlineNanos) {
      Thread.sleep(200);
      rows = query.call();
    }
    assertThat(rows).as(what + ", " + Duration.ofNanos(System.nanoTime() - deadlineNanos).toMillis() + " ms from the deadline")
        .isEqualTo(expected);
  }
}
