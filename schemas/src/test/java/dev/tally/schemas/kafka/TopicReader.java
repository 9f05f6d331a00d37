package dev.tally.schemas.kafka;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a test wrote to a topic: {@link #mark()} remembers the end of every partition before
 * the test sends ({@link #markStart()} the start of the topic instead), {@link #sinceMark()} returns
 * every record after it up to the end as it is now. Acknowledged records are already below the end
 * offsets, so no waiting on timeouts is involved. In the schemas test jar, for every module's tests.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private Map<TopicPartition, Long> mark;

  public TopicReader(TallySettings settings, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(Setting.KAFKA_BOOTSTRAP));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(p);
    partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(20))) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    consumer.assign(partitions);
    mark();
  }

  public void mark() {
    mark = consumer.endOffsets(partitions, Duration.ofSeconds(20));
  }

  /** Marks the start of every partition: {@link #sinceMark()} then returns the whole topic. */
  public TopicReader markStart() {
    mark = consumer.beginningOffsets(partitions, Duration.ofSeconds(20));
    return this;
  }

  public List<ConsumerRecord<String, byte[]>> sinceMark() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      consumer.seek(partition, mark.get(partition));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!reached(end) && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < end.get(partition)) {
          records.add(record);
        }
      }
    }
    return records;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (TopicPartition partition : partitions) {
      if (consumer.position(partition) < end.get(partition)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
