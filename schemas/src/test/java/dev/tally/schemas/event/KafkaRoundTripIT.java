package dev.tally.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Against the real Kafka broker of infra/tally up. */
class KafkaRoundTripIT {

  private final TallySettings settings = TallySettings.load();
  private final EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();

  @Test
  void eventProducedWithTheCodecIsConsumedAndDecodedEqual() throws Exception {
    AnalyticsEvent event = TestEvents.orderCompleted();
    event.setEventId(UUID.randomUUID().toString());
    String topic = settings.get(Setting.KAFKA_EVENTS_TOPIC);

    RecordMetadata written;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
      written = producer.send(new ProducerRecord<>(topic, event.getOrganizationId(), codec.encode(event))).get();
    }

    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
      TopicPartition partition = new TopicPartition(topic, written.partition());
      consumer.assign(List.of(partition));
      consumer.seek(partition, written.offset());
      ConsumerRecord<String, byte[]> read = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (read == null && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.offset() == written.offset()) {
            read = r;
          }
        }
      }

      assertThat(read).as("record at offset %d of %s", written.offset(), partition).isNotNull();
      assertThat(read.key()).isEqualTo(event.getOrganizationId());
      assertThat(codec.decode(read.value())).isEqualTo(event);
    }
  }

  private Properties producerConfig() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(Setting.KAFKA_BOOTSTRAP));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  private Properties consumerConfig() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(Setting.KAFKA_BOOTSTRAP));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return p;
  }
}
