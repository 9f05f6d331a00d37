package dev.tally.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private final EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
  private final Schema v2 = withAddedConsentField(AnalyticsEvent.getClassSchema());
  private final SchemaHistory v1AndV2 = SchemaHistory.of(List.of(AnalyticsEvent.getClassSchema(), v2));

  @Test
  void roundTripKeepsEveryField() {
    AnalyticsEvent event = TestEvents.orderCompleted();

    AnalyticsEvent decoded = codec.decode(codec.encode(event));

    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.getRevenue().getAmountMinor()).isEqualTo(1_999_000L);
    assertThat(decoded.getOccurredAt()).isEqualTo(event.getOccurredAt());
  }

  @Test
  void messageStartsWithSingleObjectHeaderCarryingTheWriterFingerprint() {
    byte[] message = codec.encode(TestEvents.orderCompleted());

    assertThat(message[0]).isEqualTo((byte) 0xC3);
    assertThat(message[1]).isEqualTo((byte) 0x01);
    long fingerprint = java.nio.ByteBuffer.wrap(message, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaHistory.fingerprint(AnalyticsEvent.getClassSchema()));
  }

  @Test
  void versionOneEventIsReadByVersionTwoReaderWithTheNewFieldDefaulted() {
    EventCodec<GenericRecord> v2Reader = EventCodec.generic(v2, v1AndV2);

    GenericRecord read = v2Reader.decode(codec.encode(TestEvents.orderCompleted()));

    assertThat(read.get("consent")).hasToString("unknown");
    assertThat(read.get("event_id")).hasToString("3f1c2a9e-0d4b-4d55-9a53-0f7a3c2b1d10");
    assertThat(((GenericRecord) read.get("revenue")).get("amount_minor")).isEqualTo(1_999_000L);
  }

  @Test
  void versionTwoEventIsReadByVersionOneReaderOnceVersionTwoIsInItsHistory() {
    EventCodec<GenericRecord> v2Writer = EventCodec.generic(v2, v1AndV2);
    GenericRecord event = v2Writer.decode(codec.encode(TestEvents.orderCompleted()));
    event.put("consent", "granted");
    EventCodec<GenericRecord> v1Reader = EventCodec.generic(AnalyticsEvent.getClassSchema(), v1AndV2);

    GenericRecord read = v1Reader.decode(v2Writer.encode(event));

    assertThat(read.getSchema().getField("consent")).isNull();
    assertThat(read.get("event_type")).hasToString("order_completed");
  }

  @Test
  void messageWithUnknownFingerprintIsRefusedNamingTheFingerprint() {
    EventCodec<GenericRecord> v2Writer = EventCodec.generic(v2, v1AndV2);
    GenericRecord event = v2Writer.decode(codec.encode(TestEvents.orderCompleted()));
    byte[] message = v2Writer.encode(event);
    String expected = String.format(Locale.ROOT, "0x%016x", SchemaHistory.fingerprint(v2));

    assertThatThrownBy(() -> codec.decode(message))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("unknown writer schema fingerprint " + expected)
        .hasMessageContaining(String.format(Locale.ROOT, "0x%016x",
            SchemaHistory.fingerprint(AnalyticsEvent.getClassSchema())));
  }

  @Test
  void garbageIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("not an Avro single-object message");
  }

  @Test
  void truncatedMessageIsRefusedAsCorrupt() {
    byte[] message = codec.encode(TestEvents.orderCompleted());
    byte[] truncated = java.util.Arrays.copyOf(message, 30);

    assertThatThrownBy(() -> codec.decode(truncated))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("corrupt dev.tally.schemas.event.AnalyticsEvent message");
  }

  @Test
  void currentSchemaIsInTheShippedHistory() {
    // Changing AnalyticsEvent.avsc without adding it to avro/history would make its messages
    // unreadable by every reader built before the change.
    assertThat(SchemaHistory.analyticsEvent().contains(AnalyticsEvent.getClassSchema()))
        .as("add the new version as avro/history/AnalyticsEvent.vN.avsc")
        .isTrue();
  }

  @Test
  void currentReaderCanReadEveryVersionEverWritten() {
    for (Schema writer : SchemaHistory.analyticsEvent().versions()) {
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(AnalyticsEvent.getClassSchema(), writer)
          .getType())
          .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
  }

  /** Version 2 of the schema as a future change would write it: one added field with a default. */
  private static Schema withAddedConsentField(Schema v1) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : v1.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(new Schema.Field("consent", Schema.create(Schema.Type.STRING), "consent state", "unknown"));
    return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
  }
}
