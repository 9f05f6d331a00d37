package dev.tally.stream.flink;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.setup.KafkaTopics;
import dev.tally.stream.config.StreamSettings;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The real Kafka, ClickHouse and PostgreSQL of {@code infra/tally up}, for the integration tests. */
final class StreamStores {

  final StreamSettings settings;
  final String eventsTopic;
  final String lateTopic;
  final String deadLetterTopic;
  private final DataSource clickhouse;
  private final DataSource postgres;

  /** Settings with their own topics (created here), consumer group and checkpoint folder. */
  StreamStores(String name, int partitions, int parallelism, String checkpoints) throws Exception {
    String run = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    StreamSettings base = StreamSettings.load();
    eventsTopic = "tally.it." + run + ".events";
    lateTopic = "tally.it." + run + ".late";
    deadLetterTopic = "tally.it." + run + ".dlq";
    settings = base.with(Map.of(
        Setting.KAFKA_EVENTS_TOPIC, eventsTopic,
        Setting.KAFKA_LATE_TOPIC, lateTopic,
        Setting.KAFKA_STREAM_DLQ_TOPIC, deadLetterTopic,
        Setting.STREAM_CONSUMER_GROUP, "it-" + run,
        Setting.STREAM_PARALLELISM, Integer.toString(parallelism),
        Setting.STREAM_CHECKPOINT_DIR, checkpoints,
        Setting.STREAM_CHECKPOINT_SECONDS, "1"));
    new KafkaTopics(settings.get(Setting.KAFKA_BOOTSTRAP)).ensure(List.of(eventsTopic), partitions);
    new KafkaTopics(settings.get(Setting.KAFKA_BOOTSTRAP)).ensure(List.of(lateTopic, deadLetterTopic), 1);
    clickhouse = DataSources.clickhouseWriter(settings.tally());
    postgres = DataSources.postgres(settings.tally());
  }

  /** The whole job on these settings, unbounded, on a MiniCluster of the given parallelism, once submitted. */
  JobClient startJob(int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, StreamJob.configuration(settings));
    return new StreamJob(settings, false).start(env);
  }

  /** A copy of these settings reading with another consumer group (a second, independent run). */
  StreamSettings withGroup(String group) {
    return settings.with(Map.of(Setting.STREAM_CONSUMER_GROUP, group));
  }

  void send(List<AnalyticsEvent> events) {
    EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
    Properties config = new Properties();
    config.put("bootstrap.servers", settings.get(Setting.KAFKA_BOOTSTRAP));
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("linger.ms", "5");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (AnalyticsEvent e : events) {
        producer.send(new ProducerRecord<>(eventsTopic, e.getOrganizationId().getBytes(StandardCharsets.UTF_8), codec.encode(e)));
      }
      producer.flush();
    }
  }

  /** Every value on the late topic, as text. */
  List<String> lateMessages() {
    return messages(lateTopic);
  }

  /** Every value on the stream's dead-letter topic, as text. */
  List<String> deadLetters() {
    return messages(deadLetterTopic);
  }

  private List<String> messages(String topic) {
    Properties config = new Properties();
    config.put("bootstrap.servers", settings.get(Setting.KAFKA_BOOTSTRAP));
    config.put("group.id", "it-late-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 5000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
          values.add(new String(r.value(), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  List<List<String>> clickhouse(String sql) throws SQLException {
    return query(clickhouse, sql);
  }

  List<List<String>> postgres(String sql) throws SQLException {
    return query(postgres, sql);
  }

  void clickhouseUpdate(String sql) throws SQLException {
    try (Connection c = clickhouse.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  void postgresUpdate(String sql) throws SQLException {
    try (Connection c = postgres.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  void deleteTopics() throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", settings.get(Setting.KAFKA_BOOTSTRAP));
    try (Admin admin = Admin.create(config)) {
      admin.deleteTopics(List.of(eventsTopic, lateTopic, deadLetterTopic)).all().get();
    }
  }

  private static List<List<String>> query(DataSource ds, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
