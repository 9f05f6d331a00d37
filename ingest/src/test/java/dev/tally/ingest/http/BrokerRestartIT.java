package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ingest.auth.WriteKeys;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.kafka.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real broker stopped under a running collector ({@code infra/tally down kafka}) and started
 * again ({@code infra/tally up}): while it is down every request gets 503 with Retry-After; the same
 * collector recovers on its own once it is back, and every event acknowledged before, during (none)
 * and after the outage is in the topic exactly once.
 */
class BrokerRestartIT {


  private final String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();

  @AfterEach
  void brokerIsBack() throws Exception {
    RunningCollector.launcher("up");
  }

  @Test
  void theSameCollectorRecoversAndStoresEveryAcknowledgedEventOnce() throws Exception {
    List<String> before = ids(20);
    List<String> during = ids(20);
    List<String> after = ids(20);
    try (RunningCollector collector = RunningCollector.start();
        TopicReader topic = new TopicReader(collector.settings, collector.config.eventsTopic())) {
      WriteKeys.NewKey key = collector.newKey();
      assertThat(collector.post("/v1/batch", key.key(), batch(before)).accepted()).isEqualTo(20);

      assertThat(RunningCollector.launcher("down", "kafka")).isZero();
      RunningCollector.Answer refused = collector.post("/v1/batch", key.key(), batch(during));
      assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
      assertThat(refused.retryAfter()).isNotNull();
      assertThat(collector.post("/v1/batch", key.key(), batch(after)).status()).isEqualTo(503);

      assertThat(RunningCollector.launcher("up")).isZero();
      // The client resends what was refused, as an SDK does after Retry-After, until it is accepted.
      assertThat(sendUntilAccepted(collector, key, batch(during))).isEqualTo(20);
      assertThat(sendUntilAccepted(collector, key, batch(after))).isEqualTo(20);

      Map<String, Integer> copies = new HashMap<>();
      EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
      for (ConsumerRecord<String, byte[]> record : topic.sinceMark()) {
        copies.merge(codec.decode(record.value()).getEventId(), 1, Integer::sum);
      }
      List<String> acknowledged = new ArrayList<>(before);
      acknowledged.addAll(during);
      acknowledged.addAll(after);
      assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
      assertThat(copies.values()).as("copies of each event").containsOnly(1);
    }
  }

  private static int sendUntilAccepted(RunningCollector collector, WriteKeys.NewKey key, String body) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      RunningCollector.Answer answer = collector.post("/v1/batch", key.key(), body);
      if (answer.status() == 200 || System.nanoTime() > deadline) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.accepted();
      }
      assertThat(answer.status()).isEqualTo(503);
      Thread.sleep(Math.min(5, Long.parseLong(answer.retryAfter())) * 1000L);
    }
  }

  private String batch(List<String> ids) {
    List<String> messages = new ArrayList<>();
    for (String id : ids) {
      messages.add("{\"type\":\"track\",\"messageId\":\"" + id + "\",\"userId\":\"u\",\"event\":\"Page Viewed\",\"timestamp\":\""
          + now + "\"}");
    }
    return "{\"batch\":[" + String.join(",", messages) + "]}";
  }

  private static List<String> ids(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    return ids;
  }
}
