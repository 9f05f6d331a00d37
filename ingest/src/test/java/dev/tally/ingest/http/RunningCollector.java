package dev.tally.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.ingest.config.IngestConfig;
import dev.tally.ingest.kafka.EventPublisher;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** A collector on a free port against the real Kafka and PostgreSQL of infra/tally up, for integration tests. */
public final class RunningCollector implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

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
    this.writeKeys = new WriteKeys(DataSources.postgres(settings), config.keyCacheTtl());
    this.collector = Collector.start(config, writeKeys, publisher, metrics);
  }

  /** The local stack's settings, port 0, key cache off (so revocations bite at once). */
  public static IngestConfig localConfig() {
    return IngestConfig.from(TallySettings.load()).withPort(0).withKeyCacheTtl(java.time.Duration.ZERO);
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
    publisher.close();
    metrics.close();
  }
}
