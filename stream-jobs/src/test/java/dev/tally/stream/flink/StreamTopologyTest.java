package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.RollingMetrics;
import dev.tally.stream.session.SessionSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole topology on a MiniCluster with no servers: the crafted events from a generator source,
 * every output into collecting sinks. What reaches the stores in {@code RollingMetricsIT} reaches
 * these sinks here: every event to the loader, each distinct event once in its minute, the late
 * ones reported, the sessions and the final rolling windows.
 */
class StreamTopologyTest {

  static final String A = UUID.randomUUID().toString();
  static final String B = UUID.randomUUID().toString();

  @TempDir
  static Path checkpoints;
  static CollectingSink<AnalyticsEvent> loaded = new CollectingSink<>("loaded");
  static CollectingSink<MinuteMetrics> minutes = new CollectingSink<>("minutes");
  static CollectingSink<RollingMetrics> rolling = new CollectingSink<>("rolling");
  static CollectingSink<SessionSummary> sessions = new CollectingSink<>("sessions");
  static CollectingSink<LateEvent> late = new CollectingSink<>("late");

  @BeforeAll
  static void runTheTopologyOverTheCraftedEvents() throws Exception {
    List<AnalyticsEvent> events = CraftedEvents.of(A, B);
    // parallelism 1, as the crafted events are read in RollingMetricsIT: with two subtasks the generator
    // splits them in two, and what is too late depends on how the halves interleave
    StreamSettings settings = CraftedEvents.settings(StreamSettings.of(TallySettings.resolve(Map.of(), Map.of())))
        .with(Map.of(Setting.STREAM_CHECKPOINT_DIR, checkpoints.toString(), Setting.STREAM_PARALLELISM, "1"));
    StreamEndpoints endpoints = new StreamEndpoints(input(events), input(events), loaded, minutes, rolling, sessions, late);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, StreamJob.configuration(settings));
    new StreamJob(settings, endpoints).run(env);
  }

  private static DataGeneratorSource<AnalyticsEvent> input(List<AnalyticsEvent> events) {
    ArrayList<AnalyticsEvent> copy = new ArrayList<>(events);
    GeneratorFunction<Long, AnalyticsEvent> nth = index -> copy.get(index.intValue());
    return new DataGeneratorSource<>(nth, copy.size(), RateLimiterStrategy.noOp(), TypeInformation.of(AnalyticsEvent.class));
  }

  @Test
  void theLoaderGetsEveryEventRetriesIncluded() {
    assertThat(loaded.values()).hasSize(15);
  }

  @Test
  void eachMinuteEndsWithEveryDistinctEventOnce() {
    TreeMap<String, Long> last = new TreeMap<>();
    for (MinuteMetrics m : minutes.values()) {
      last.merge((m.organizationId.equals(A) ? "A " : "B ") + m.minute % 86_400_000 / 60_000, m.version(), Math::max);
    }
    // minutes of the day: 600 = 10:00; A's 10:00 has a1, a2, a3, a4 and the late a7
    assertThat(last).containsExactlyEntriesOf(new TreeMap<>(Map.of("A 600", 5L, "A 601", 1L, "A 603", 1L, "A 609", 1L,
        "A 670", 1L, "B 600", 2L, "B 645", 1L)));
  }

  @Test
  void theTooLateEventsAndTheRetryPastTheHorizonAreReported() {
    assertThat(late.values()).extracting(l -> l.eventId + " " + l.lateFor).containsExactlyInAnyOrder("a9 minute", "a3 minute");
  }

  @Test
  void sessionsEndAfterThirtyMinutesOfInactivity() {
    assertThat(sessions.values()).extracting(s -> (s.userId != null ? s.userId : s.anonymousId) + " " + s.events)
        .containsExactlyInAnyOrder("u1 3", "u1 1", "u2 1", "u3 1", "u4 1", "x1 1", "y1 2", "y1 1");
  }

  @Test
  void theLastRollingWindowsEndAfterTheInputsNewestMinute() {
    TreeMap<String, String> last = new TreeMap<>();
    for (RollingMetrics r : rolling.values()) {
      last.put((r.organizationId.equals(A) ? "A " : "B ") + r.window, r.windowEnd % 86_400_000 / 60_000 + " " + r.values.events);
    }
    assertThat(last).containsExactlyEntriesOf(new TreeMap<>(Map.of("A 5m", "671 1", "A 1h", "671 1", "A 24h", "671 9",
        "B 5m", "671 0", "B 1h", "671 1", "B 24h", "671 3")));
  }
}
