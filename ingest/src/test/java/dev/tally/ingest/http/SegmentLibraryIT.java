package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.kafka.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Segment's own Java library, pointed at the collector, sends track events that arrive in Kafka decoded correctly. */
class SegmentLibraryIT {

  private final EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();

  @Test
  void trackEventsFromTheOfficialLibraryArriveInKafka() throws Exception {
    int count = 25;
    try (RunningCollector stack = RunningCollector.start();
        TopicReader topic = new TopicReader(stack.settings, stack.config.eventsTopic())) {
      WriteKeys.NewKey key = stack.newKey();
      CountDownLatch delivered = new CountDownLatch(count);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Analytics analytics = Analytics.builder(key.key())
          .endpoint("http://127.0.0.1:" + stack.collector.port())
          .flushQueueSize(10)
          .callback(new Callback() {
            @Override
            public void success(Message message) {
              delivered.countDown();
            }

            @Override
            public void failure(Message message, Throwable error) {
              failure.set(error);
            }
          })
          .build();
      List<String> ids = new ArrayList<>();
      Instant before = Instant.now();
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        Map<String, Object> properties = new HashMap<>();
        properties.put("order_id", "o-" + i);
        properties.put("total", 19.99);
        properties.put("tax", 1.5);
        properties.put("currency", "EUR");
        analytics.enqueue(TrackMessage.builder("Order Completed").messageId(id).userId("user-" + i)
            .properties(properties).context(Map.of("ip", "203.0.113.7", "app", Map.of("version", "4.2.0"))));
      }
      analytics.flush();
      boolean done = delivered.await(60, TimeUnit.SECONDS);
      analytics.shutdown();
      assertThat(failure.get()).as("library callback failure").isNull();
      assertThat(done).as("all %d messages acknowledged to the library", count).isTrue();

      Map<String, ConsumerRecord<String, byte[]>> byId = new HashMap<>();
      for (ConsumerRecord<String, byte[]> record : topic.sinceMark()) {
        byId.put(codec.decode(record.value()).getEventId(), record);
      }
      for (int i = 0; i < count; i++) {
        ConsumerRecord<String, byte[]> record = byId.get(ids.get(i));
        assertThat(record).as("event %s in Kafka", ids.get(i)).isNotNull();
        assertThat(record.key()).isEqualTo(key.organizationId());
        AnalyticsEvent event = codec.decode(record.value());
        assertThat(event.getOrganizationId()).isEqualTo(key.organizationId());
        assertThat(event.getEventType()).isEqualTo("order_completed");
        assertThat(event.getCategory()).isEqualTo("commerce");
        assertThat(event.getUserId()).isEqualTo("user-" + i);
        assertThat(event.getIp()).isEqualTo("203.0.113.7");
        assertThat(event.getAppVersion()).isEqualTo("4.2.0");
        assertThat(event.getOccurredAt()).isBetween(before.minusSeconds(5), Instant.now());
        assertThat(event.getReceivedAt()).isAfterOrEqualTo(event.getOccurredAt().minus(Duration.ofSeconds(5)));
        assertThat(event.getRevenue().getKind()).isEqualTo(RevenueKind.sale);
        assertThat(event.getRevenue().getAmountMinor()).isEqualTo(1999L);
        assertThat(event.getRevenue().getTaxMinor()).isEqualTo(150L);
        assertThat(event.getRevenue().getCurrency()).isEqualTo("EUR");
        assertThat(event.getRevenue().getOrderId()).isEqualTo("o-" + i);
      }
    }
  }
}
