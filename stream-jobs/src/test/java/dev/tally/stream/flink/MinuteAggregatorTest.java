package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.event.Tracked;
import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.metrics.EventTime;
import dev.tally.stream.metrics.MinuteMetrics;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * After a restore the watermark starts again from nothing. An event that was already too late for
 * its minute before the checkpoint (the minute's lateness had ended and its pane was dropped) must
 * still be too late when the input after the checkpoint is replayed: otherwise it made a new pane of
 * that minute holding only itself, which replaced the whole minute in the rolling windows (the
 * restart test saw rolling_metrics a few events short, once in CI).
 */
class MinuteAggregatorTest {

  private static final String ORG = "00000000-0000-0000-0000-000000000006";
  private static final Duration LATENESS = Duration.ofHours(1);
  private static final long MINUTE = 1_700_000_040_000L / EventTime.MINUTE_MS * EventTime.MINUTE_MS;

  private static KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, MinuteMetrics> harness(
      OperatorSubtaskState restore) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, MinuteMetrics> harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new MinuteAggregator(LATENESS, Duration.ofSeconds(1))), e -> e.organizationId, Types.STRING);
    if (restore != null) {
      harness.initializeState(restore);
    }
    harness.open();
    return harness;
  }

  private static TrackedEvent at(String id, long millis) {
    return Tracked.event(ORG, id, "page_viewed", millis).user("u").get();
  }

  @Test
  void anEventTooLateBeforeTheCheckpointIsStillTooLateAfterTheRestore() throws Exception {
    long lateAfter = EventTime.lastMillisecond(MINUTE) + LATENESS.toMillis();
    OperatorSubtaskState checkpoint;
    try (var first = harness(null)) {
      first.processElement(at("on-time", MINUTE + 1_000), MINUTE + 1_000);
      first.processWatermark(lateAfter + 5 * EventTime.MINUTE_MS);
      assertThat(first.extractOutputValues()).singleElement().satisfies(m -> assertThat(m.pane.events).isEqualTo(1));
      first.processElement(at("too-late", MINUTE + 2_000), MINUTE + 2_000);
      assertThat(first.getSideOutput(MinuteAggregator.TOO_LATE)).hasSize(1);
      checkpoint = first.snapshot(1, 0);
    }

    try (var restored = harness(checkpoint)) {
      // the replay of what came after the checkpoint, before any watermark
      restored.processElement(at("too-late", MINUTE + 2_000), MINUTE + 2_000);
      restored.setProcessingTime(10_000);
      restored.processWatermark(lateAfter + 10 * EventTime.MINUTE_MS);

      assertThat(restored.extractOutputValues()).as("no pane of the dropped minute").isEmpty();
      assertThat(restored.getSideOutput(MinuteAggregator.TOO_LATE)).singleElement()
          .satisfies(r -> assertThat(r.getValue().eventId).isEqualTo("too-late"));
    }
  }

  @Test
  void aMinuteThatClosedBeforeTheCheckpointTakesALateEventAsALateUpdateAfterTheRestore() throws Exception {
    OperatorSubtaskState checkpoint;
    try (var first = harness(null)) {
      first.processElement(at("on-time", MINUTE + 1_000), MINUTE + 1_000);
      first.processWatermark(EventTime.lastMillisecond(MINUTE) + 10_000);
      assertThat(first.extractOutputValues()).hasSize(1);
      checkpoint = first.snapshot(1, 0);
    }
    try (var restored = harness(checkpoint)) {
      restored.processElement(at("late-within-lateness", MINUTE + 3_000), MINUTE + 3_000);
      assertThat(restored.extractOutputValues()).as("sent at once, as a closed minute's late update").singleElement()
          .satisfies(m -> assertThat(m.pane.events).isEqualTo(2));
    }
  }
}
