package dev.tally.stream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TrackedEventSerializerTest {

  private final TypeSerializer<TrackedEvent> serializer = TrackedEventSerializer.INSTANCE;

  private final List<TrackedEvent> events = List.of(
      Tracked.event("org-1", "e-1", "page_viewed", 1_000L).user("u-1").ip("10.0.0.1").get(),
      Tracked.event("org-1", "e-2", "order_completed", 2_000L).anonymous("a-ü-€").sale(12_345, "EUR").get(),
      Tracked.event("org-2", "e-3", "order_refunded", 3_000L).user("u-2").refund(500, "USD").get(),
      Tracked.event("org-2", "e-4", "message_sent", 4_000L).usage(1_234, 87.5).get(),
      Tracked.event("org-3", "", "", -5L).get());

  @Test
  void flinkFindsTheSerializerThroughTheAnnotation() {
    assertThat(TypeInformation.of(TrackedEvent.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(TrackedEventSerializer.INSTANCE);
  }

  @Test
  void everyFieldSurvivesTheRoundTripOneAfterAnother() throws Exception {
    events.get(3).platform = "ios";
    events.get(1).receivedAt = 2_500L;
    DataOutputSerializer out = new DataOutputSerializer(64);
    for (TrackedEvent e : events) {
      serializer.serialize(e, out);
    }
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    for (TrackedEvent e : events) {
      assertThat(serializer.deserialize(in)).usingRecursiveComparison().isEqualTo(e);
    }
    assertThat(in.available()).isZero();
  }

  @Test
  void reusingAnInstanceClearsTheRevenueAndUsageOfTheEventBefore() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(events.get(1), out);
    serializer.serialize(events.get(0), out);
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    TrackedEvent reused = serializer.deserialize(in);
    assertThat(serializer.deserialize(reused, in)).usingRecursiveComparison().isEqualTo(events.get(0));
    assertThat(reused.revenueCurrency).isNull();
    assertThat(reused.netRevenueMinor()).isZero();
  }

  @Test
  void copiesAreEqualButNotTheSameObject() throws Exception {
    for (TrackedEvent e : events) {
      TrackedEvent copy = serializer.copy(e);
      assertThat(copy).isNotSameAs(e).usingRecursiveComparison().isEqualTo(e);
    }
    DataOutputSerializer out = new DataOutputSerializer(64);
    serializer.serialize(events.get(2), out);
    DataOutputSerializer copied = new DataOutputSerializer(64);
    serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
  }

  @Test
  void itsSnapshotRestoresTheSameSerializer() {
    assertThat(serializer.snapshotConfiguration().restoreSerializer()).isSameAs(serializer);
  }
}
