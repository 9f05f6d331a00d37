package dev.tally.ingest.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.client.CollectorClient;
import dev.tally.ingest.client.OrganizationKeys;
import dev.tally.ingest.client.Progress;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.event.EventFields;
import dev.tally.ingest.event.EventRejected;
import dev.tally.ingest.event.SegmentMapper;
import dev.tally.ingest.kafka.EventPublisher;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code infra/tally generate}: synthetic traffic through the API (or straight to Kafka), every event sent kept as NDJSON. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Sends realistic synthetic traffic for N organizations over D days and writes every event it sent to an "
        + "NDJSON file (one {\"organization_id\", \"disorder\", \"message\"} per line).",
        "The same seed and options give the same events. Through the API it creates a write key per organization (named generator)."})
public final class GenerateCommand implements Callable<Integer> {

  enum Target { http, kafka }

  @Option(names = "--organizations", defaultValue = "3", description = "Organizations (default ${DEFAULT-VALUE}).")
  int organizations;

  @Option(names = "--days", defaultValue = "7", description = "Days of traffic (default ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--users", defaultValue = "50", description = "Users per organization (default ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", paramLabel = "DATE", description = "First day, UTC (default: the day --days before today; printed, so a run can be repeated).")
  LocalDate start;

  @Option(names = "--duplicates", defaultValue = "0.02", description = "Share of events sent twice (default ${DEFAULT-VALUE}).")
  double duplicates;

  @Option(names = "--out-of-order", defaultValue = "0.05", description = "Share of events moved later within their day (default ${DEFAULT-VALUE}).")
  double outOfOrder;

  @Option(names = "--late", defaultValue = "0.01", description = "Share of events held back until after the next day (default ${DEFAULT-VALUE}).")
  double late;

  @Option(names = "--target", defaultValue = "http", description = "${COMPLETION-CANDIDATES}: the collector's API, or straight to Kafka for load (default ${DEFAULT-VALUE}).")
  Target target;

  @Option(names = "--url", description = "Collector URL (default http://127.0.0.1:$TALLY_INGEST_PORT, port 8088).")
  String url;

  @Option(names = "--out", defaultValue = "generated-events.ndjson", description = "NDJSON file of every event sent (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--batch-size", defaultValue = "100", description = "Events per request (default ${DEFAULT-VALUE}).")
  int batchSize;

  private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Where the events go; {@link #send} gets events of one organization. */
  private interface Sink extends AutoCloseable {
    void send(String organizationId, List<ObjectNode> messages) throws Exception;

    @Override
    void close() throws IOException;
  }

  @Override
  public Integer call() throws Exception {
    if (start == null) {
      start = LocalDate.now(ZoneOffset.UTC).minusDays(days);
    }
    TrafficGenerator generator = new TrafficGenerator(new TrafficGenerator.Options(seed, organizations, days, start, users,
        duplicates, outOfOrder, late));
    System.err.printf("generating %d organization(s) x %d day(s) from %s, seed %d, to %s; events in %s%n",
        organizations, days, start, seed, target, out.toAbsolutePath());
    Progress progress = new Progress();
    IngestConfig config = IngestConfig.load();
    try (BufferedWriter file = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        Sink sink = target == Target.http ? httpSink(config) : kafkaSink(config)) {
      for (int day = 0; day < days; day++) {
        send(generator.day(day), sink, file, progress, "day " + (day + 1) + "/" + days);
      }
      send(generator.rest(), sink, file, progress, "late events");
    }
    progress.done("sent; written to " + out);
    return 0;
  }

  /** Batches of one organization each, in order; the file gets each event once its batch is sent. */
  private void send(List<GeneratedEvent> events, Sink sink, BufferedWriter file, Progress progress, String where) throws Exception {
    Map<String, List<GeneratedEvent>> pending = new LinkedHashMap<>();
    for (GeneratedEvent event : events) {
      List<GeneratedEvent> batch = pending.computeIfAbsent(event.organizationId(), o -> new ArrayList<>());
      batch.add(event);
      if (batch.size() >= batchSize) {
        flush(batch, sink, file, progress, where);
      }
    }
    for (List<GeneratedEvent> batch : pending.values()) {
      flush(batch, sink, file, progress, where);
    }
  }

  private void flush(List<GeneratedEvent> batch, Sink sink, BufferedWriter file, Progress progress, String where) throws Exception {
    if (batch.isEmpty()) {
      return;
    }
    sink.send(batch.get(0).organizationId(), batch.stream().map(GeneratedEvent::message).toList());
    for (GeneratedEvent event : batch) {
      ObjectNode line = json.createObjectNode().put("organization_id", event.organizationId()).put("disorder", event.disorder());
      line.set("message", event.message());
      file.write(json.writeValueAsString(line));
      file.newLine();
    }
    progress.add(batch.size(), where);
    batch.clear();
  }

  private Sink httpSink(IngestConfig config) {
    CollectorClient client = new CollectorClient(url != null ? url : "http://127.0.0.1:" + config.port(), json);
    OrganizationKeys keys = new OrganizationKeys(new WriteKeys(DataSources.postgres(TallySettings.load())), "generator");
    return new Sink() {
      @Override
      public void send(String organizationId, List<ObjectNode> messages) throws Exception {
        CollectorClient.Answer answer = client.send(keys.keyFor(organizationId), messages);
        if (!answer.rejected().isEmpty()) {
          System.err.println("rejected by the collector: " + answer.rejected());
        }
      }

      @Override
      public void close() {}
    };
  }

  /** Maps with the collector's own Segment mapping and writes Avro to the events topic, acks=all. */
  private Sink kafkaSink(IngestConfig config) {
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(EventPublisher.producerConfig(config),
        new StringSerializer(), new ByteArraySerializer());
    SegmentMapper mapper = new SegmentMapper(new EventFields(json), config.maxAhead());
    EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
    AtomicReference<Exception> failure = new AtomicReference<>();
    AtomicLong rejected = new AtomicLong();
    return new Sink() {
      @Override
      public void send(String organizationId, List<ObjectNode> messages) throws Exception {
        if (failure.get() != null) {
          throw failure.get();
        }
        SegmentMapper.Envelope envelope = new SegmentMapper.Envelope(organizationId, Instant.now(), null, null, null);
        for (ObjectNode message : messages) {
          try {
            AnalyticsEvent event = mapper.map(message, null, envelope);
            producer.send(new ProducerRecord<>(config.eventsTopic(), organizationId, codec.encode(event)), (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
          } catch (EventRejected e) {
            rejected.incrementAndGet();
            System.err.println("not sent, the collector would refuse it: " + e.reason());
          }
        }
      }

      @Override
      public void close() throws IOException {
        producer.flush();
        producer.close();
        if (failure.get() != null) {
          throw new IOException("Kafka refused events: " + failure.get().getMessage(), failure.get());
        }
      }
    };
  }
}
