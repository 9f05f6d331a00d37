package dev.tally.ingest.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.ingest.auth.KeyScope;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.generate.BenchmarkMessages;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Not a test: a tool that measures, on one thread and in this process, what the collector's CPU does
 * for each event of a 100-event {@code /v1/batch} request (parse the body, map, check, encode to
 * Avro, make the Kafka record), without HTTP or Kafka. Prints the figure beside the baseline
 * recorded in {@code pipeline-cost-baseline.properties} (the collector before its parsing was rewritten) and beside a
 * yardstick measured in the same run that no change of the collector touches (Jackson's plain
 * {@code readTree} of the same bodies), so a busy machine shows as a slower yardstick. Rounds of the two
 * alternate; the best round of each is reported, as other processes only ever add time.
 *
 * <pre>
 * ./mvnw -q -pl ingest -am test-compile -Dmaven.test.skip.exec=true
 * java -cp "ingest/target/test-classes:ingest/target/classes:ingest/target/lib/*" dev.tally.ingest.http.PipelineCost [seconds]
 * </pre>
 */
public final class PipelineCost {

  private static final int BODIES = 200;
  private static final int EVENTS_PER_BODY = 100;
  private static final int ROUNDS = 15;

  private PipelineCost() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    IngestConfig config = IngestConfig.load().withPort(0);
    IngestHandler handler = new IngestHandler(config, json, null, null, null);
    WriteKeys.KeyGrant organization = new WriteKeys.KeyGrant(UUID.randomUUID().toString(), KeyScope.SERVER);
    List<byte[]> bodies = bodies(json);

    Task pipeline = body -> {
      ParsedBody parsed = ParsedBody.batch(json, body, "batch", config.maxEventsPerRequest());
      return handler.judge(Endpoint.ALL.get(0), parsed, organization, Instant.now(), "127.0.0.1").accepted();
    };
    Task yardstick = body -> json.readTree(body).size();
    System.out.printf(Locale.ROOT, "%d bodies of %d events (%.1f KB each), one thread, %d rounds of %d s each after a warm-up%n",
        BODIES, EVENTS_PER_BODY, bodies.get(0).length / 1024.0, ROUNDS, seconds);
    microsPerEvent(pipeline, bodies, seconds * 10L); // warm-up (JIT)
    microsPerEvent(yardstick, bodies, seconds);
    double[] now = new double[ROUNDS];
    double[] reference = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      now[r] = microsPerEvent(pipeline, bodies, seconds);
      reference[r] = microsPerEvent(yardstick, bodies, seconds);
    }
    double nowBest = Arrays.stream(now).min().orElseThrow();
    double referenceBest = Arrays.stream(reference).min().orElseThrow();

    Properties baseline = new Properties();
    try (InputStream in = PipelineCost.class.getResourceAsStream("/pipeline-cost-baseline.properties")) {
      if (in != null) {
        baseline.load(in);
      }
    }
    System.out.printf(Locale.ROOT, "%n%-46s %14s %14s %8s%n", "µs per event (best round)", "pipeline", "yardstick", "ratio");
    if (!baseline.isEmpty()) {
      double base = Double.parseDouble(baseline.getProperty("pipeline"));
      double baseReference = Double.parseDouble(baseline.getProperty("yardstick"));
      System.out.printf(Locale.ROOT, "%-46s %14.2f %14.2f %8.2f%n", "baseline: " + baseline.getProperty("what"), base, baseReference,
          base / baseReference);
      System.out.printf(Locale.ROOT, "%-46s %14.2f %14.2f %8.2f%n", "now", nowBest, referenceBest, nowBest / referenceBest);
      System.out.printf(Locale.ROOT, "now / baseline: %.2f (%.2f after scaling by the yardstick)%n", nowBest / base,
          (nowBest / referenceBest) / (base / baseReference));
    } else {
      System.out.printf(Locale.ROOT, "%-46s %14.2f %14.2f %8.2f%n", "now (no baseline recorded)", nowBest, referenceBest,
          nowBest / referenceBest);
    }
    System.out.printf(Locale.ROOT, "rounds: pipeline %s, yardstick %s%n", Arrays.toString(round(now)), Arrays.toString(round(reference)));
  }

  /** One request body's work; returns something so the JIT cannot drop it. */
  @FunctionalInterface
  private interface Task {
    int run(byte[] body) throws Exception;
  }

  private static double microsPerEvent(Task task, List<byte[]> bodies, long seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long events = 0;
    long sink = 0;
    int i = 0;
    while (System.nanoTime() < end) {
      sink += task.run(bodies.get(i++ % bodies.size()));
      events += EVENTS_PER_BODY;
    }
    if (sink == 42) {
      System.out.print("");
    }
    return (System.nanoTime() - start) / 1000.0 / events;
  }

  /** The benchmark's request bodies ({@code infra/tally bench ingest}), {@link BenchmarkMessages}. */
  private static List<byte[]> bodies(ObjectMapper json) throws Exception {
    Instant now = Instant.now();
    List<byte[]> bodies = new ArrayList<>();
    for (int b = 0; b < BODIES; b++) {
      ObjectNode body = json.createObjectNode();
      ArrayNode batch = body.putArray("batch");
      for (int i = 0; i < EVENTS_PER_BODY; i++) {
        BenchmarkMessages.add(batch, b, i, now);
      }
      bodies.add(json.writeValueAsBytes(body));
    }
    return bodies;
  }

  private static String[] round(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v)).toArray(String[]::new);
  }
}
