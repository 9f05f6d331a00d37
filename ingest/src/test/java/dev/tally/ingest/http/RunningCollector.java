package dev.tally.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.kafka.EventPublisher;
import dev.tally.schemas.RepositoryRoot;
import dev.tally.schemas.config.TallySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A collector on a free port against the real Kafka and PostgreSQL of infra/tally up, for integration tests. */
public final class RunningCollector implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  /** The repository root, where infra/tally is. */
  static final Path ROOT = RepositoryRoot.PATH;
  /** How the collector's HTTP server (Jetty's thread pool, as Javalin names it) names its threads. */
  static final String SERVER_THREAD_PREFIX = "JettyServerThreadPool-";

  public final TallySettings settings = TallySettings.load();
  public final IngestConfig config;
  final IngestMetrics metrics = new IngestMetrics();
  final EventPublisher publisher;
  final WriteKeys writeKeys;
  final Collector collector;
  private final HttpClient http = HttpClient.newHttpClient();

  RunningCollector(IngestConfig config) {
    this.config = config;
    this.publisher = new EventPublisher(config, metrics.registry());
    this.writeKeys = WriteKeys.forCollector(settings, config);
    this.collector = Collector.start(config, writeKeys, publisher, metrics);
  }

  /** The local stack's settings, port 0, key cache off (so revocations bite at once) and so every lookup unbounded. */
  public static IngestConfig localConfig() {
    return IngestConfig.from(TallySettings.load()).withPort(0).withKeyCacheTtl(java.time.Duration.ZERO)
        .withKeyLookups(java.time.Duration.ZERO, 100_000);
  }

  public static RunningCollector start() {
    return new RunningCollector(localConfig());
  }

  public WriteKeys.NewKey newKey() throws Exception {
    return writeKeys.create(UUID.randomUUID(), "integration test");
  }

  /** The collector's base URL. */
  public String url() {
    return "http://127.0.0.1:" + collector.port();
  }

  public URI uri(String path) {
    return URI.create(url() + path);
  }

  static String basic(String key) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs JSON with the key as Basic user; answers status and parsed body. */
  Answer post(String path, String key, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .header("Authorization", basic(key)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return send(request);
  }

  Answer send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    return new Answer(response.statusCode(), body, response.headers().firstValue("Retry-After").orElse(null));
  }

  /** An answer: status, JSON body, Retry-After (null when absent). */
  record Answer(int status, JsonNode body, String retryAfter) {
    int accepted() {
      return body.path("accepted").asInt(-1);
    }
  }

  @Override
  public void close() {
    collector.close();
    writeKeys.close();
    publisher.close();
    metrics.close();
  }

  /** Runs infra/tally with the test's environment; its output goes to the test log. */
  static int launcher(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("infra/tally").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(ROOT.toFile()).inheritIO().start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("infra/tally " + String.join(" ", args) + " did not finish in 3 minutes");
    }
    return process.exitValue();
  }
}
