package dev.tally.stream.flink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Late events on the late topic: keyed by organization_id (like tally.events), the value a JSON
 * object readable with any tool ({@code kcat}): ids, type, times in ISO-8601 UTC, the watermark
 * and what the event was late for.
 */
public final class LateEventSerializer implements KafkaRecordSerializationSchema<LateEvent> {

  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private final String topic;

  public LateEventSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(LateEvent late, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, null, null, late.organizationId.getBytes(StandardCharsets.UTF_8),
        json(late));
  }

  static byte[] json(LateEvent late) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("organization_id", late.organizationId);
      g.writeStringField("event_id", late.eventId);
      g.writeStringField("event_type", late.eventType);
      g.writeStringField("occurred_at", Instant.ofEpochMilli(late.occurredAt).toString());
      g.writeStringField("received_at", Instant.ofEpochMilli(late.receivedAt).toString());
      if (late.watermark != Long.MIN_VALUE) {
        g.writeStringField("watermark", Instant.ofEpochMilli(late.watermark).toString());
      }
      g.writeStringField("late_for", late.lateFor);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
