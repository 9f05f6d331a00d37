package dev.tally.bench.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.event.EventFields;
import dev.tally.ingest.event.SegmentMapper;
import dev.tally.ingest.generate.BenchmarkMessages;
import dev.tally.ingest.http.Collector;
import dev.tally.ingest.http.IngestMetrics;
import dev.tally.ingest.kafka.EventPublisher;
import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.setup.KafkaTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code infra/tally bench ingest}: the collector's accepted events per second with 100-event
 * batches and acks=all, and its p50/p99 request latency, beside the raw Kafka producer sending the
 * same Avro records in 100-record batches from as many threads, in the same run and against the
 * same broker; then the collector's latency at a fixed rate (50k events/s by default, open loop:
 * latency counts from when a request was due). Writes to its own topic, {@code tally.bench.events}.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true, description = "Benchmarks the collector against the raw Kafka producer.")
public final class IngestBenchmark implements Callable<Integer> {

  private static final String TOPIC = "tally.bench.events";
  private static final String DLQ_TOPIC = "tally.bench.events.dlq";
  private static final int BATCH = 100;

  @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per run, after a warm-up of a third of it (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--threads", defaultValue = "16", description = "Sending threads, for the collector and the raw producer alike (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--warmup", defaultValue = "20", description = "Seconds of unmeasured collector traffic before its runs (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--rate", defaultValue = "50000", description = "Events/s of the fixed-rate run (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--bodies", defaultValue = "200", description = "Distinct 100-event request bodies prepared and cycled (default ${DEFAULT-VALUE}).")
  int bodies;

  private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** One run's figures. */
  record Result(String name, long events, double seconds, Latencies latencies) {
    double perSecond() {
      return events / seconds;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    TallySettings settings = TallySettings.load();
    new KafkaTopics(settings.get(Setting.KAFKA_BOOTSTRAP)).ensure(List.of(TOPIC, DLQ_TOPIC), settings.getInt(Setting.KAFKA_PARTITIONS));
    IngestConfig config = IngestConfig.load().withPort(0).withTopics(TOPIC, DLQ_TOPIC);
    WriteKeys writeKeys = WriteKeys.forCollector(settings, config);
    WriteKeys.NewKey key = writeKeys.create(UUID.randomUUID(), "benchmark");

    List<byte[]> requestBodies = new ArrayList<>();
    List<List<byte[]>> avroBatches = new ArrayList<>();
    prepare(key.organizationId(), config, requestBodies, avroBatches);
    System.out.printf(Locale.ROOT, "prepared %d bodies of %d events (%.1f KB each), %d threads, %d s per run, %d cores%n",
        bodies, BATCH, requestBodies.get(0).length / 1024.0, threads, seconds, Runtime.getRuntime().availableProcessors());

    Result raw = rawProducer(config, key.organizationId(), avroBatches);
    Result collector;
    Result paced;
    try (IngestMetrics metrics = new IngestMetrics(); EventPublisher publisher = new EventPublisher(config, metrics.registry())) {
      Collector server = Collector.start(config, writeKeys, publisher, metrics);
      try {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/batch");
        String auth = "Basic " + Base64.getEncoder().encodeToString((key.key() + ":").getBytes(StandardCharsets.UTF_8));
        System.out.printf("warming the collector up for %d s (JIT), not measured%n", warmup);
        run("warm-up", post(uri, auth, requestBodies), 0, TimeUnit.SECONDS.toNanos(warmup));
        collector = collector(uri, auth, requestBodies, 0);
        paced = collector(uri, auth, requestBodies, rate);
      } finally {
        server.close();
      }
    }

    System.out.println();
    System.out.printf(Locale.ROOT, "%-44s %12s %9s %9s%n", "run (100-event batches, acks=all)", "events/s", "p50 ms", "p99 ms");
    for (Result r : List.of(raw, collector, paced)) {
      System.out.printf(Locale.ROOT, "%-44s %,12.0f %9.2f %9.2f%n", r.name(), r.perSecond(),
          r.latencies().percentileMillis(50), r.latencies().percentileMillis(99));
    }
    System.out.printf(Locale.ROOT, "collector / raw producer: %.2f%n", collector.perSecond() / raw.perSecond());
    return 0;
  }

  /** Realistic message events; the Avro records are what the collector makes of the same messages. */
  private void prepare(String organization, IngestConfig config, List<byte[]> requestBodies, List<List<byte[]>> avroBatches) throws Exception {
    SegmentMapper mapper = new SegmentMapper(new EventFields(json), config.maxAhead());
    EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
    Instant now = Instant.now();
    SegmentMapper.Envelope envelope = new SegmentMapper.Envelope(organization, now, null, null, "127.0.0.1");
    for (int b = 0; b < bodies; b++) {
      ObjectNode body = json.createObjectNode();
      ArrayNode batch = body.putArray("batch");
      List<byte[]> avro = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        ObjectNode message = BenchmarkMessages.add(batch, b, i, now);
        avro.add(codec.encode(mapper.map(message, null, envelope)));
      }
      requestBodies.add(json.writeValueAsBytes(body));
      avroBatches.add(avro);
    }
  }

  /** The baseline: each thread sends 100 Avro records and waits for their acks, like a request does. */
  private Result rawProducer(IngestConfig config, String organization, List<List<byte[]>> batches) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(EventPublisher.producerConfig(config),
        new StringSerializer(), new ByteArraySerializer())) {
      return closedLoop("raw Kafka producer", (thread, n) -> {
        List<byte[]> batch = batches.get((int) ((thread * 31 + n) % batches.size()));
        List<CompletableFuture<Void>> acks = new ArrayList<>(BATCH);
        for (byte[] record : batch) {
          CompletableFuture<Void> ack = new CompletableFuture<>();
          producer.send(new ProducerRecord<>(TOPIC, organization, record), (m, e) -> {
            if (e == null) {
              ack.complete(null);
            } else {
              ack.completeExceptionally(e);
            }
          });
          acks.add(ack);
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      });
    }
  }

  private Result collector(URI uri, String auth, List<byte[]> bodies, int eventsPerSecond) throws Exception {
    Step post = post(uri, auth, bodies);
    return eventsPerSecond == 0 ? closedLoop("collector, as fast as it goes", post)
        : fixedRate(String.format(Locale.ROOT, "collector at %,d events/s (open loop)", eventsPerSecond), post, eventsPerSecond);
  }

  private Step post(URI uri, String auth, List<byte[]> bodies) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return (thread, n) -> {
      byte[] body = bodies.get((int) ((thread * 31 + n) % bodies.size()));
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().startsWith("{\"accepted\":" + BATCH + ",")) {
        throw new IllegalStateException("collector answered " + response.statusCode() + ": " + response.body());
      }
    };
  }

  /** One request or producer batch: thread number and how many that thread sent before. */
  @FunctionalInterface
  private interface Step {
    void run(int thread, long n) throws Exception;
  }

  /** Every thread sends the next batch as soon as the last is acknowledged; a warm-up first, then the measured part. */
  private Result closedLoop(String name, Step step) throws Exception {
    return run(name, step, 0, TimeUnit.SECONDS.toNanos(seconds));
  }

  private Result fixedRate(String name, Step step, int eventsPerSecond) throws Exception {
    return run(name, step, eventsPerSecond, TimeUnit.SECONDS.toNanos(seconds));
  }

  private Result run(String name, Step step, int eventsPerSecond, long measureNanos) throws Exception {
    System.out.printf("running: %s%n", name);
    long warmupNanos = TimeUnit.SECONDS.toNanos(Math.max(2, seconds / 3));
    long start = System.nanoTime();
    long measureFrom = start + warmupNanos;
    long end = measureFrom + measureNanos;
    // open loop: thread t sends its k-th batch at start + (k * threads + t) * interval
    long intervalNanos = eventsPerSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) * BATCH / eventsPerSecond;
    Latencies latencies = new Latencies();
    AtomicLong events = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> {
        try {
          for (long n = 0; ; n++) {
            long due = intervalNanos == 0 ? System.nanoTime() : start + (n * threads + thread) * intervalNanos;
            if (due >= end) {
              return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            step.run(thread, n);
            long done = System.nanoTime();
            if (due >= measureFrom && done <= end) {
              latencies.record(done - due);
              events.addAndGet(BATCH);
            }
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "bench-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(name + " failed: " + failures.get(0), failures.get(0));
    }
    return new Result(name, events.get(), measureNanos / 1e9, latencies);
  }

}
