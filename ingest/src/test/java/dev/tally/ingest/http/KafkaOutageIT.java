package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.kafka.TopicReader;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Kafka unavailable: the collector answers 503 with Retry-After and stores nothing; once Kafka is
 * there, the client's retries are accepted and every acknowledged event is in the topic exactly once.
 * "Unavailable" is a collector whose bootstrap address has no broker behind it (a port nobody
 * listens on), so the shared local broker is never stopped under other tests.
 */
class KafkaOutageIT {

  private final String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();

  private static IngestConfig withoutKafka() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    return RunningCollector.localConfig().withKafka("127.0.0.1:" + deadPort, Duration.ofSeconds(2));
  }

  private String batch(List<String> ids) {
    List<String> messages = new ArrayList<>();
    for (String id : ids) {
      messages.add("{\"type\":\"track\",\"messageId\":\"" + id + "\",\"userId\":\"u\",\"event\":\"Message Sent\",\"timestamp\":\""
          + now + "\",\"properties\":{\"tokens\":12}}");
    }
    return "{\"batch\":[" + String.join(",", messages) + "]}";
  }

  private static List<String> newIds(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    return ids;
  }

  @Test
  void unavailableKafkaGets503AndAfterItReturnsEveryAcknowledgedEventIsStoredOnce() throws Exception {
    List<String> refusedFirst = newIds(50);
    List<String> later = newIds(50);
    WriteKeys.NewKey key;
    try (RunningCollector up = RunningCollector.start();
        TopicReader topic = new TopicReader(up.settings, up.config.eventsTopic())) {
      key = up.newKey();
      try (RunningCollector down = new RunningCollector(withoutKafka())) {
        RunningCollector.Answer first = down.post("/v1/batch", key.key(), batch(refusedFirst));
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.retryAfter()).isEqualTo("5");
        assertThat(first.body().path("error").asText()).contains("nothing in this request was stored");

        long start = System.nanoTime();
        RunningCollector.Answer second = down.post("/v1/batch", key.key(), batch(later));
        assertThat(second.status()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast while Kafka is known to be down")
            .isLessThan(Duration.ofSeconds(1));
      }
      assertThat(topic.sinceMark()).as("nothing of the refused requests reached the topic").isEmpty();

      // Kafka is back: the client retries both batches, once more the second (as after a lost answer).
      assertThat(up.post("/v1/batch", key.key(), batch(refusedFirst)).accepted()).isEqualTo(50);
      assertThat(up.post("/v1/batch", key.key(), batch(later)).accepted()).isEqualTo(50);

      Map<String, Integer> copies = new HashMap<>();
      EventCodec<dev.tally.schemas.event.AnalyticsEvent> codec = EventCodec.analyticsEvents();
      for (ConsumerRecord<String, byte[]> record : topic.sinceMark()) {
        copies.merge(codec.decode(record.value()).getEventId(), 1, Integer::sum);
      }
      List<String> acknowledged = new ArrayList<>(refusedFirst);
      acknowledged.addAll(later);
      assertThat(copies).hasSize(100);
      for (String id : acknowledged) {
        assertThat(copies.get(id)).as("copies of %s", id).isEqualTo(1);
      }
    }
  }

  @Test
  void shutdownWaitsForRequestsInFlight() throws Exception {
    RunningCollector down = new RunningCollector(withoutKafka());
    WriteKeys.NewKey key = down.newKey();
    // Kafka takes ~1 s to be declared unreachable: the request is in flight while the collector closes.
    CompletableFuture<RunningCollector.Answer> inFlight = CompletableFuture.supplyAsync(() -> {
      try {
        return down.post("/v1/batch", key.key(), batch(newIds(3)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300);
    down.close();

    RunningCollector.Answer answer = inFlight.get();
    assertThat(answer.status()).as("the request in flight got a real answer, not a dropped connection").isEqualTo(503);
    assertThat(answer.body().path("error").asText()).contains("nothing in this request was stored");
  }
}
