package dev.tally.ingest.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Sends Segment batches to a collector, as the generator and the replayer do. A 503 (Kafka or the
 * collector unavailable) or a refused connection is retried after Retry-After, with the same
 * events: they carry their message ids, so a batch sent twice is counted once downstream.
 */
public final class CollectorClient {

  /** What the collector answered for one batch. */
  public record Answer(int accepted, List<String> rejected) {}

  private static final int MAX_ATTEMPTS = 30;

  private final URI batchUri;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public CollectorClient(String baseUrl, ObjectMapper json) {
    this.batchUri = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/batch");
    this.json = json;
  }

  public Answer send(String writeKey, List<ObjectNode> messages) throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.putArray("batch").addAll(messages);
    HttpRequest request = HttpRequest.newBuilder(batchUri)
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
        .build();
    for (int attempt = 1; ; attempt++) {
      long waitSeconds;
      try {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 200) {
          JsonNode answer = json.readTree(response.body());
          List<String> rejected = new ArrayList<>();
          for (JsonNode r : answer.path("rejected")) {
            rejected.add("#" + r.path("index").asInt() + " " + r.path("reason").asText());
          }
          return new Answer(answer.path("accepted").asInt(), rejected);
        }
        if (response.statusCode() != 503 || attempt >= MAX_ATTEMPTS) {
          throw new IOException("collector at " + batchUri + " answered " + response.statusCode() + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
        }
        waitSeconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(5L);
      } catch (java.net.ConnectException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new IOException("collector at " + batchUri + " refused " + attempt + " connections; is it running (infra/tally ingest start)?", e);
        }
        waitSeconds = Math.min(10, attempt);
      }
      System.err.printf("collector unavailable, retrying the same batch in %d s (attempt %d of %d)%n", waitSeconds, attempt + 1, MAX_ATTEMPTS);
      Thread.sleep(Duration.ofSeconds(Math.min(waitSeconds, 30)).toMillis());
    }
  }
}
