package dev.tally.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the stream wrote to the late topic ({@code tally.events.late}), read from its start to its end. */
final class LateTopic {

  private LateTopic() {}

  /** {@code organization_id/event_id} of every event the stream reported too late for its minute (once each). */
  static Set<String> tooLateForTheirMinute(TallySettings settings) throws IOException {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(Setting.KAFKA_BOOTSTRAP));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    ObjectMapper json = new ObjectMapper();
    Set<String> late = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(settings.get(Setting.KAFKA_LATE_TOPIC)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
          JsonNode event = json.readTree(record.value());
          if (event.path("late_for").asText().equals("minute")) {
            late.add(event.path("organization_id").asText() + "/" + event.path("event_id").asText());
          }
        }
      }
    }
    return late;
  }
}
