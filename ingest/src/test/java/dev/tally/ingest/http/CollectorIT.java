package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.ingest.auth.WriteKeys;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.kafka.TopicReader;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints against real Kafka and PostgreSQL: what is accepted lands on the events topic, dead letters on theirs. */
class CollectorIT {

  private static RunningCollector stack;
  private static WriteKeys.NewKey key;
  private final EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
  private final String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();

  @BeforeAll
  static void start() throws Exception {
    stack = RunningCollector.start();
    key = stack.newKey();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private Map<String, AnalyticsEvent> eventsSince(TopicReader topic) {
    Map<String, AnalyticsEvent> events = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : topic.sinceMark()) {
      AnalyticsEvent event = codec.decode(record.value());
      events.put(event.getEventId(), event);
    }
    return events;
  }

  @Test
  void deadLettersCarryTheReasonAndTheOriginalPayload() throws Exception {
    String good = UUID.randomUUID().toString();
    String future = UUID.randomUUID().toString();
    String yen = UUID.randomUUID().toString();
    try (TopicReader events = new TopicReader(stack.settings, stack.config.eventsTopic());
        TopicReader deadLetters = new TopicReader(stack.settings, stack.config.deadLetterTopic())) {
      RunningCollector.Answer answer = stack.post("/v1/batch", key.key(), "{\"batch\":["
          + "{\"type\":\"track\",\"messageId\":\"" + good + "\",\"userId\":\"u\",\"event\":\"Signed Up\",\"timestamp\":\"" + now + "\"},"
          + "{\"type\":\"track\",\"messageId\":\"" + future + "\",\"userId\":\"u\",\"event\":\"Signed Up\",\"timestamp\":\"2099-01-01T00:00:00Z\"},"
          + "{\"type\":\"track\",\"messageId\":\"" + yen + "\",\"userId\":\"u\",\"event\":\"Order Completed\",\"timestamp\":\"" + now
          + "\",\"properties\":{\"order_id\":\"o\",\"total\":10.5,\"currency\":\"JPY\"}}]}");

      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.accepted()).isEqualTo(1);
      assertThat(answer.body().path("rejected")).hasSize(2);
      assertThat(eventsSince(events)).containsOnlyKeys(good);

      Map<String, JsonNode> letters = new HashMap<>();
      for (ConsumerRecord<String, byte[]> record : deadLetters.sinceMark()) {
        JsonNode letter = RunningCollector.JSON.readTree(record.value());
        letters.put(letter.path("payload").path("messageId").asText(), letter);
        assertThat(record.key()).isEqualTo(key.organizationId());
      }
      assertThat(letters).containsOnlyKeys(future, yen);
      assertThat(letters.get(future).path("rule").asText()).isEqualTo("future_timestamp");
      assertThat(letters.get(future).path("reason").asText()).startsWith("timestamp: 2099-01-01T00:00:00Z is more than 24 h after");
      assertThat(letters.get(yen).path("reason").asText()).isEqualTo("properties.total: 10.5 has more than 0 decimals, the minor unit of JPY");
      assertThat(letters.get(yen).path("payload").path("properties").path("total").decimalValue()).isEqualByComparingTo("10.5");
      assertThat(letters.get(yen).path("organization_id").asText()).isEqualTo(key.organizationId());
    }
    String metrics = get("/metrics");
    assertThat(metrics).containsPattern("tally_ingest_events_dead_lettered_total\\{reason=\"future_timestamp\"} [1-9]");
    assertThat(metrics).containsPattern("tally_ingest_events_rejected_total\\{reason=\"amount_precision\"} [1-9]");
    assertThat(metrics).containsPattern("tally_ingest_events_accepted_total\\{endpoint=\"batch\"} [1-9]");
    assertThat(metrics).contains("tally_ingest_request_seconds_count{endpoint=\"batch\",status=\"200\"}");
    assertThat(metrics).contains("tally_ingest_kafka_send_seconds_count");
  }

  @Test
  void singleMessageEndpointsNativeEventsGzipAndBodyWriteKey() throws Exception {
    Map<String, String> ids = new HashMap<>();
    for (String type : List.of("track", "identify", "page", "screen", "group", "alias")) {
      ids.put(type, UUID.randomUUID().toString());
    }
    String nativeId = UUID.randomUUID().toString();
    String gzipId = UUID.randomUUID().toString();
    String bodyKeyId = UUID.randomUUID().toString();
    try (TopicReader events = new TopicReader(stack.settings, stack.config.eventsTopic())) {
      for (Map.Entry<String, String> type : ids.entrySet()) {
        RunningCollector.Answer answer = stack.post("/v1/" + type.getKey(), key.key(), "{\"messageId\":\"" + type.getValue()
            + "\",\"userId\":\"u-7\",\"event\":\"Report Exported\",\"groupId\":\"g\",\"previousId\":\"p\",\"timestamp\":\"" + now + "\"}");
        assertThat(answer.status()).as(type.getKey()).isEqualTo(200);
        assertThat(answer.accepted()).as(type.getKey()).isEqualTo(1);
      }
      RunningCollector.Answer nativeAnswer = stack.post("/v1/events", key.key(), "{\"events\":[{\"event_id\":\"" + nativeId
          + "\",\"event_type\":\"workflow_executed\",\"occurred_at\":\"" + now + "\",\"user_id\":\"u-7\",\"usage\":{\"agent_id\":\"a-1\",\"status\":\"ok\"}}]}");
      assertThat(nativeAnswer.accepted()).isEqualTo(1);

      HttpRequest gzip = HttpRequest.newBuilder(stack.uri("/v1/batch"))
          .header("Authorization", RunningCollector.basic(key.key())).header("Content-Encoding", "gzip")
          .POST(HttpRequest.BodyPublishers.ofByteArray(gzip("{\"batch\":[{\"type\":\"track\",\"messageId\":\"" + gzipId
              + "\",\"anonymousId\":\"a\",\"event\":\"x\",\"timestamp\":\"" + now + "\"}]}"))).build();
      assertThat(stack.send(gzip).accepted()).isEqualTo(1);

      HttpRequest bodyKey = HttpRequest.newBuilder(stack.uri("/v1/batch"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"writeKey\":\"" + key.key() + "\",\"batch\":[{\"type\":\"track\",\"messageId\":\""
              + bodyKeyId + "\",\"anonymousId\":\"a\",\"event\":\"x\",\"timestamp\":\"" + now + "\"}]}")).build();
      assertThat(stack.send(bodyKey).accepted()).isEqualTo(1);

      Map<String, AnalyticsEvent> arrived = eventsSince(events);
      assertThat(arrived.get(ids.get("track")).getEventType()).isEqualTo("report_exported");
      assertThat(arrived.get(ids.get("identify")).getEventType()).isEqualTo("identify");
      assertThat(arrived.get(ids.get("page")).getEventType()).isEqualTo("page_viewed");
      assertThat(arrived.get(ids.get("screen")).getEventType()).isEqualTo("screen_viewed");
      assertThat(arrived.get(ids.get("group")).getProperties()).containsEntry("group_id", "\"g\"");
      assertThat(arrived.get(ids.get("alias")).getProperties()).containsEntry("previous_id", "\"p\"");
      assertThat(arrived.get(nativeId).getCategory()).isEqualTo("agent");
      assertThat(arrived.get(nativeId).getUsage().getAgentId()).isEqualTo("a-1");
      assertThat(arrived.get(gzipId).getOrganizationId()).isEqualTo(key.organizationId());
      assertThat(arrived.get(bodyKeyId).getOrganizationId()).isEqualTo(key.organizationId());
      assertThat(arrived.get(ids.get("track")).getIp()).as("request address when the context has none").isEqualTo("127.0.0.1");
    }
  }

  @Test
  void aMessageWithoutMessageIdOrTimestampIsAcceptedAndItsIdenticalResendHasTheSameId() throws Exception {
    String user = UUID.randomUUID().toString();
    String message = "{\"type\":\"track\",\"userId\":\"" + user + "\",\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\"}}";
    try (TopicReader events = new TopicReader(stack.settings, stack.config.eventsTopic())) {
      Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      RunningCollector.Answer first = stack.post("/v1/batch", key.key(), "{\"batch\":[" + message + "],\"sentAt\":\"" + now + "\"}");
      Thread.sleep(50);
      RunningCollector.Answer resent = stack.post("/v1/batch", key.key(),
          "{\"batch\":[" + message + "],\"sentAt\":\"" + Instant.now() + "\"}");

      assertThat(first.accepted()).isEqualTo(1);
      assertThat(resent.accepted()).isEqualTo(1);
      List<AnalyticsEvent> sent = events.sinceMark().stream().map(r -> codec.decode(r.value()))
          .filter(e -> user.equals(e.getUserId())).toList();
      assertThat(sent).hasSize(2);
      assertThat(sent.get(0).getEventId()).startsWith("dm-").isEqualTo(sent.get(1).getEventId());
      assertThat(sent.get(0).getOccurredAt()).as("the time received").isBetween(before, sent.get(0).getReceivedAt());
    }
  }

  @Test
  void revokedKeyIsRefusedFromTheNextRequestOn() throws Exception {
    WriteKeys.NewKey revoking = stack.newKey();
    String body = "{\"batch\":[{\"type\":\"track\",\"messageId\":\"" + UUID.randomUUID() + "\",\"userId\":\"u\",\"event\":\"x\",\"timestamp\":\"" + now + "\"}]}";
    assertThat(stack.post("/v1/batch", revoking.key(), body).status()).isEqualTo(200);

    assertThat(stack.writeKeys.revoke(revoking.prefix())).isTrue();

    RunningCollector.Answer refused = stack.post("/v1/batch", revoking.key(), body);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().path("error").asText()).isEqualTo("unknown or revoked write key");
    assertThat(stack.writeKeys.list()).anySatisfy(k -> {
      assertThat(k.prefix()).isEqualTo(revoking.prefix());
      assertThat(k.revokedAt()).isNotNull();
    });
    assertThat(stack.writeKeys.list().toString()).doesNotContain(revoking.key());
  }

  @Test
  void healthAnswersOk() throws Exception {
    assertThat(RunningCollector.JSON.readTree(get("/healthz")).path("status").asText()).isEqualTo("ok");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stack.uri(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }
}
