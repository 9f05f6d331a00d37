package dev.tally.stream.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.config.StreamSettings.StateBackend;
import dev.tally.stream.dedup.EventFingerprints;
import dev.tally.stream.dedup.EventFingerprintsSerializer;
import dev.tally.stream.event.Tracked;
import dev.tally.stream.event.TrackedEvent;
import java.time.Duration;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deduplication per organization, exact within the horizon, in memory that follows the horizon and
 * not the time run; the same with each state backend's layout (on RocksDB, a real embedded RocksDB).
 */
class DeduplicateEventsTest {

  private static final String ORG = "00000000-0000-0000-0000-000000000007";
  private static final String QUIET = "00000000-0000-0000-0000-000000000008";
  private static final Duration HORIZON = Duration.ofMinutes(6);
  private static final long T0 = 1_800_000_000_000L;

  private static KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, TrackedEvent> harness(StateBackend backend,
      OperatorSubtaskState restore) throws Exception {
    var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DeduplicateEvents(HORIZON, backend)),
        (TrackedEvent e) -> e.organizationId, Types.STRING);
    if (backend == StateBackend.ROCKSDB) {
      harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    if (restore != null) {
      harness.initializeState(restore);
    }
    harness.open();
    return harness;
  }

  private static void send(KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, TrackedEvent> harness, String org,
      String id, long at) throws Exception {
    harness.processElement(Tracked.event(org, id, "page_viewed", at).get(), at);
  }

  /** The ids the organization's state holds, in the backend's layout. */
  private static long ids(KeyedOneInputStreamOperatorTestHarness<String, TrackedEvent, TrackedEvent> harness, StateBackend backend,
      String organization) throws Exception {
    harness.getOperator().setCurrentKey(organization);
    var state = harness.getOperator().getKeyedStateBackend();
    if (backend == StateBackend.HASHMAP) {
      EventFingerprints seen = state.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
          new ValueStateDescriptor<>("event-fingerprints", EventFingerprintsSerializer.INSTANCE)).value();
      return seen == null ? 0 : seen.size();
    }
    long ids = 0;
    for (Long ignored : state.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
        new MapStateDescriptor<>("event-ids", Types.LONG, Types.LONG)).keys()) {
      ids++;
    }
    return ids;
  }

  @ParameterizedTest
  @EnumSource(StateBackend.class)
  void sixHoursOfTrafficKeepAboutOneHorizonOfIds(StateBackend backend) throws Exception {
    long perSecond = 10;
    long maxIds = 0;
    try (var h = harness(backend, null)) {
      for (long second = 0; second < 6 * 3600; second++) {
        long at = T0 + second * 1000;
        for (int i = 0; i < perSecond; i++) {
          send(h, ORG, second + "-" + i, at + i);
        }
        if (second > 0) {
          send(h, ORG, (second - 1) + "-0", at); // a retry of the previous second: dropped
        }
        if (second % 10 == 0) {
          h.processWatermark(at - 5_000);
        }
        if (second % 60 == 0) {
          maxIds = Math.max(maxIds, ids(h, backend, ORG));
        }
      }
      assertThat(h.extractOutputValues().size()).as("distinct events passed").isEqualTo(6 * 3600 * perSecond);
      long horizonIds = HORIZON.toSeconds() * perSecond;
      // a horizon, one slice (a quarter of it) and the out-of-orderness: bounded by the horizon, not by the six hours
      assertThat(maxIds).isBetween(horizonIds, horizonIds * 5 / 4 + 20 * perSecond);
      assertThat(ids(h, backend, ORG)).isLessThanOrEqualTo(horizonIds * 5 / 4 + 20 * perSecond);
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackend.class)
  void aQuietOrganizationsIdsGoWhenTheWatermarkPassesThem(StateBackend backend) throws Exception {
    try (var h = harness(backend, null)) {
      send(h, QUIET, "q1", T0);
      send(h, ORG, "a1", T0);
      h.processWatermark(T0 + HORIZON.toMillis() + 10 * 60_000);
      assertThat(ids(h, backend, QUIET)).isZero();
      assertThat(ids(h, backend, ORG)).isZero();
      if (backend == StateBackend.HASHMAP) {
        assertThat(h.numKeyedStateEntries()).isZero();
      } else {
        h.getOperator().setCurrentKey(QUIET);
        assertThat(h.getOperator().getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
            new ValueStateDescriptor<>("event-id-slices", TypeInformation.of(SliceIndex.class))).value()).isNull();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackend.class)
  void anEventPastTheHorizonIsReportedTooLateInsteadOfCounted(StateBackend backend) throws Exception {
    try (var h = harness(backend, null)) {
      send(h, ORG, "a1", T0);
      h.processWatermark(T0 + HORIZON.toMillis() + 1);
      send(h, ORG, "a1", T0);        // past the horizon: cannot be judged
      send(h, ORG, "a2", T0 + 2_000); // within it
      assertThat(h.extractOutputValues()).extracting(e -> e.eventId).containsExactly("a1", "a2");
      assertThat(h.getSideOutput(DeduplicateEvents.TOO_LATE)).singleElement()
          .satisfies(late -> assertThat(late.getValue().eventId).isEqualTo("a1"));
    }
  }

  @ParameterizedTest
  @EnumSource(StateBackend.class)
  void aRestoreKeepsTheIdsAndTheWatermarkTheyWereJudgedBy(StateBackend backend) throws Exception {
    OperatorSubtaskState checkpoint;
    try (var first = harness(backend, null)) {
      send(first, ORG, "a1", T0);
      first.processWatermark(T0 + HORIZON.toMillis() + 1);
      send(first, ORG, "a2", T0 + HORIZON.toMillis());
      checkpoint = first.snapshot(1, 0);
    }
    try (var restored = harness(backend, checkpoint)) {
      send(restored, ORG, "a2", T0 + HORIZON.toMillis()); // the replay: a duplicate
      send(restored, ORG, "a0", T0); // past the horizon before the checkpoint, so still after it
      assertThat(restored.extractOutputValues()).isEmpty();
      assertThat(restored.getSideOutput(DeduplicateEvents.TOO_LATE)).hasSize(1);
    }
  }
}
