package dev.tally.stream.flink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tally.schemas.config.Setting;
import dev.tally.stream.config.StreamSettings;
import dev.tally.stream.sink.StoreRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Rows a store refused, on {@code TALLY_KAFKA_STREAM_DLQ_TOPIC} ({@code tally.stream.dlq}): keyed by
 * organization, the value a JSON object {@code {"sink", "reason", "row", "refused_at"}}. Sent with
 * {@code acks=all} and waited for, so a row is on the topic before the batch that refused it counts
 * as written (at least once: a replay may repeat a dead letter). The producer is made on first use.
 */
final class DeadLetters implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();

  private final StreamSettings settings;
  private final String sink;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();
  private KafkaProducer<byte[], byte[]> producer;

  DeadLetters(StreamSettings settings, String sink) {
    this.settings = settings;
    this.sink = sink;
  }

  void send(StoreRow row, String reason) {
    if (producer == null) {
      Properties config = new Properties();
      config.put("bootstrap.servers", settings.get(Setting.KAFKA_BOOTSTRAP));
      config.put("acks", "all");
      config.put("enable.idempotence", "true");
      producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
    pending.add(producer.send(new ProducerRecord<>(settings.get(Setting.KAFKA_STREAM_DLQ_TOPIC),
        row.organization() == null ? null : row.organization().getBytes(StandardCharsets.UTF_8), json(sink, reason, row))));
  }

  /** Waits until every dead letter sent so far is on the topic. */
  void flush() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    producer.flush();
    try {
      for (Future<RecordMetadata> sent : pending) {
        sent.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("writing a dead letter of " + sink + " to Kafka failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing dead letters of " + sink, e);
    }
    pending.clear();
  }

  static byte[] json(String sink, String reason, StoreRow row) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("sink", sink);
      g.writeStringField("reason", reason);
      g.writeStringField("row", row.describe());
      g.writeStringField("refused_at", Instant.now().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }
}
