package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ingest.auth.WriteKeys;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of bad inputs, each with the status it gets and the reason given (the {@code error} of a
 * refused request, or the reason of the first rejected event). None of them may get a 500.
 */
class BadInputsIT {

  enum Auth { VALID, NONE, UNKNOWN, REVOKED, BEARER, NOT_BASE64 }

  /** One row: what is sent and what must come back. */
  record BadInput(String name, String path, Auth auth, String encoding, byte[] body, int status, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  private static RunningCollector stack;
  private static WriteKeys.NewKey key;
  private static WriteKeys.NewKey revoked;

  @BeforeAll
  static void start() throws Exception {
    stack = RunningCollector.start();
    key = stack.newKey();
    revoked = stack.newKey();
    assertThat(stack.writeKeys.revoke(revoked.prefix())).isTrue();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  /** A valid track message with one part replaced: {@code extra} is spliced in after the fixed fields. */
  private static String track(String messageId, String event, String extra) {
    return "{\"type\":\"track\",\"messageId\":\"" + messageId + "\",\"userId\":\"u-1\",\"event\":\"" + event
        + "\",\"timestamp\":\"" + NOW + "\"" + extra + "}";
  }

  private static String batch(String... messages) {
    return "{\"batch\":[" + String.join(",", messages) + "]}";
  }

  private static String order(String properties) {
    return batch(track("m-1", "Order Completed", ",\"properties\":{" + properties + "}"));
  }

  private static String without(String field) {
    String message = "{\"type\":\"track\",\"messageId\":\"m-1\",\"userId\":\"u-1\",\"event\":\"x\",\"timestamp\":\"" + NOW + "\"}";
    return batch(message.replaceFirst("\"" + field + "\":\"[^\"]*\",?", "").replace(",}", "}"));
  }

  private static BadInput row(String name, String body, int status, String reason) {
    return new BadInput(name, "/v1/batch", Auth.VALID, null, body.getBytes(StandardCharsets.UTF_8), status, reason);
  }

  static Stream<BadInput> badInputs() throws Exception {
    List<BadInput> rows = new ArrayList<>();
    // the body as a whole
    rows.add(row("broken JSON", "{\"batch\": [", 400, "body is not valid JSON"));
    rows.add(row("not JSON at all", "hello", 400, "body is not valid JSON"));
    rows.add(row("empty body", "", 400, "body is empty"));
    rows.add(row("body is an array", "[]", 400, "body must be a JSON object with a 'batch' array"));
    rows.add(row("no batch field", "{\"sentAt\":\"" + NOW + "\"}", 400, "body has no 'batch' array"));
    rows.add(row("batch is not an array", "{\"batch\":{}}", 400, "'batch' must be an array of events"));
    rows.add(row("empty batch", "{\"batch\":[]}", 400, "'batch' is empty"));
    rows.add(row("content after the JSON", batch(track("m-1", "x", "")) + " {}", 400, "body has content after the JSON value"));
    rows.add(row("nested 5000 levels deep", "{\"batch\":[" + "[".repeat(5000) + "]".repeat(5000) + "]}", 400, "body is not valid JSON"));
    rows.add(new BadInput("invalid UTF-8", "/v1/batch", Auth.VALID, null,
        concat(batch(track("m-1", "x", ",\"properties\":{\"p\":\"")).getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28}),
        400, "body is not valid JSON"));
    rows.add(row("batch sentAt not a time", "{\"sentAt\":\"soon\",\"batch\":[" + track("m-1", "x", "") + "]}", 400,
        "sentAt: 'soon' is not an ISO-8601 time"));
    // events
    rows.add(row("event is not an object", "{\"batch\":[42]}", 200, "(event): must be a JSON object, was a number"));
    rows.add(row("messageId is a number", batch(track("m-1", "x", "").replace("\"m-1\"", "17")), 200,
        "messageId: must be a string, was a number"));
    rows.add(row("messageId of 65 characters", batch(track("m".repeat(65), "x", "")), 200, "messageId: must be at most 64 characters, was 65"));
    rows.add(row("missing event name", without("event"), 200, "event: required"));
    rows.add(row("event name is an object", batch(track("m-1", "x", "").replace("\"x\"", "{}")), 200, "event: must be a string, was an object"));
    rows.add(row("missing type", without("type"), 200, "type: required"));
    rows.add(row("unknown type", batch(track("m-1", "x", "").replace("\"track\"", "\"fly\"")), 200, "type: 'fly' is not one of"));
    rows.add(row("timestamp not a time", batch(track("m-1", "x", "").replace(NOW, "yesterday")), 200,
        "timestamp: 'yesterday' is not an ISO-8601 time"));
    rows.add(row("timestamp without offset", batch(track("m-1", "x", "").replace(NOW, "2026-11-20T10:00:00")), 200,
        "timestamp: '2026-11-20T10:00:00' is not an ISO-8601 time with a UTC offset"));
    rows.add(row("timestamp far in the future", batch(track("m-1", "x", "").replace(NOW, "2099-01-01T00:00:00Z")), 200,
        "timestamp: 2099-01-01T00:00:00Z is more than 24 h after the time it was received"));
    rows.add(row("timestamp in 1900", batch(track("m-1", "x", "").replace(NOW, "1900-01-01T00:00:00Z")), 200,
        "timestamp: 1900-01-01T00:00:00Z is not between 1970-01-01 and 9999-12-31"));
    rows.add(row("year +999999999", batch(track("m-1", "x", "").replace(NOW, "+999999999-12-31T23:59:59Z")), 200,
        "timestamp: +999999999-12-31T23:59:59Z is not between 1970-01-01 and 9999-12-31"));
    rows.add(row("sentAt skew pushing before 1970", batch(track("m-1", "x", ",\"sentAt\":\"9999-01-01T00:00:00Z\"")), 200,
        "timestamp corrected by sentAt:"));
    rows.add(row("no userId nor anonymousId", without("userId"), 200, "userId: userId or anonymousId is required"));
    rows.add(row("userId is a boolean", batch(track("m-1", "x", "").replace("\"u-1\"", "true")), 200,
        "userId: must be a string or a whole number, was a boolean"));
    rows.add(row("properties is an array", batch(track("m-1", "x", ",\"properties\":[1,2]")), 200, "properties: must be an object, was an array"));
    rows.add(row("properties is a string", batch(track("m-1", "x", ",\"properties\":\"a=b\"")), 200, "properties: must be an object, was a string"));
    rows.add(row("context is a string", batch(track("m-1", "x", ",\"context\":\"web\"")), 200, "context: must be an object, was a string"));
    rows.add(row("properties nested 9 levels", batch(track("m-1", "x", ",\"properties\":{\"p\":" + "{\"a\":".repeat(9) + "1" + "}".repeat(9) + "}")),
        200, "nested deeper than 8 levels"));
    rows.add(row("huge properties", batch(track("m-1", "x", ",\"properties\":{\"blob\":\"" + "x".repeat(40_000) + "\"}")), 200,
        "(event): 40"));
    rows.add(row("300 properties", batch(track("m-1", "x", ",\"properties\":{" + manyKeys(300) + "}")), 200,
        "properties: must have at most 256 keys, has 300"));
    rows.add(row("control character in event name", batch(track("m-1", "Order\\u0007Completed", "")), 200,
        "event: contains control character U+0007 at position 5"));
    rows.add(row("NUL in a property value", batch(track("m-1", "x", ",\"properties\":{\"note\":\"a\\u0000b\"}")), 200,
        "properties.note: contains control character U+0000 at position 1"));
    rows.add(row("duplicate messageId in one batch", batch(track("dup-1", "x", ""), track("dup-1", "x", "")), 200,
        "messageId: 'dup-1' was already used by the event at index 0 of this request"));
    // money (dead-lettered)
    rows.add(row("invalid currency", order("\"order_id\":\"o\",\"total\":10,\"currency\":\"ABC\""), 200,
        "properties.currency: 'ABC' is not an ISO 4217 currency code"));
    rows.add(row("three decimals in USD", order("\"order_id\":\"o\",\"total\":19.999,\"currency\":\"USD\""), 200,
        "properties.total: 19.999 has more than 2 decimals, the minor unit of USD"));
    rows.add(row("decimals in JPY", order("\"order_id\":\"o\",\"total\":1999.5,\"currency\":\"JPY\""), 200,
        "properties.total: 1999.5 has more than 0 decimals, the minor unit of JPY"));
    rows.add(row("four decimals in BHD", order("\"order_id\":\"o\",\"total\":1.2345,\"currency\":\"BHD\""), 200,
        "properties.total: 1.2345 has more than 3 decimals, the minor unit of BHD"));
    rows.add(row("negative total", order("\"order_id\":\"o\",\"total\":-5,\"currency\":\"USD\""), 200,
        "properties.total: must not be negative (was -5)"));
    rows.add(row("total as a string", order("\"order_id\":\"o\",\"total\":\"19.99\",\"currency\":\"USD\""), 200,
        "properties.total: must be a number, was a string"));
    rows.add(row("Order Completed without amount", order("\"order_id\":\"o\",\"currency\":\"USD\""), 200,
        "properties.total: required for this event (total or revenue)"));
    rows.add(row("Order Completed without order_id", order("\"total\":5,\"currency\":\"USD\""), 200,
        "properties.order_id: required for this event"));
    // usage
    rows.add(row("rating above 5", batch(track("m-1", "Message Rated", ",\"properties\":{\"rating\":7}")), 200,
        "properties.rating: must be from 1 to 5, was 7"));
    rows.add(row("unknown usage status", batch(track("m-1", "Message Sent", ",\"properties\":{\"status\":\"maybe\"}")), 200,
        "properties.status: must be 'ok' or 'error', was 'maybe'"));
    rows.add(row("fractional tokens", batch(track("m-1", "Message Sent", ",\"properties\":{\"tokens\":1.5}")), 200,
        "properties.tokens: must be a whole number, was 1.5"));
    // size limits
    rows.add(row("request over 500 KB", batch(bigEvents(20)), 413, "larger than the limit of 512000 bytes"));
    rows.add(row("token count of 40 digits", batch(track("m-1", "Message Sent", ",\"properties\":{\"tokens\":" + "9".repeat(40) + "}")), 200,
        "properties.tokens: 9999999999999999999999999999999999999999 is out of range"));
    rows.add(row("20,000 tiny events", "{\"batch\":[" + String.join(",", java.util.Collections.nCopies(20_000, "{}")) + "]}", 413,
        "request has more than 10000 events; at most 10000 per request"));
    rows.add(row("amount 1e999999", order("\"order_id\":\"o\",\"total\":1e999999,\"currency\":\"USD\""), 200,
        "properties.total: 1E+999999 is out of range"));
    rows.add(new BadInput("single event over 32 KB", "/v1/track", Auth.VALID, null,
        track("m-1", "x", ",\"properties\":{\"blob\":\"" + "x".repeat(40_000) + "\"}").getBytes(StandardCharsets.UTF_8),
        413, "is larger than 32768"));
    // auth
    rows.add(new BadInput("no write key", "/v1/batch", Auth.NONE, null, bytes(batch(track("m-1", "x", ""))), 401,
        "a write key is required"));
    rows.add(new BadInput("unknown write key", "/v1/batch", Auth.UNKNOWN, null, bytes(batch(track("m-1", "x", ""))), 401,
        "unknown or revoked write key"));
    rows.add(new BadInput("revoked write key", "/v1/batch", Auth.REVOKED, null, bytes(batch(track("m-1", "x", ""))), 401,
        "unknown or revoked write key"));
    rows.add(new BadInput("bearer instead of basic", "/v1/batch", Auth.BEARER, null, bytes(batch(track("m-1", "x", ""))), 401,
        "Authorization must be HTTP Basic"));
    rows.add(new BadInput("basic credentials not base64", "/v1/batch", Auth.NOT_BASE64, null, bytes(batch(track("m-1", "x", ""))), 401,
        "Authorization header is not valid Base64"));
    // encodings
    rows.add(new BadInput("says gzip, is not", "/v1/batch", Auth.VALID, "gzip", bytes(batch(track("m-1", "x", ""))), 400,
        "body is not valid gzip"));
    rows.add(new BadInput("unsupported encoding", "/v1/batch", Auth.VALID, "br", bytes(batch(track("m-1", "x", ""))), 415,
        "Content-Encoding 'br' is not supported"));
    rows.add(new BadInput("gzip bomb over 500 KB", "/v1/batch", Auth.VALID, "gzip", gzip(batch(bigEvents(20))), 413,
        "larger than the limit of 512000 bytes"));
    // native API
    rows.add(new BadInput("native: unknown field", "/v1/events", Auth.VALID, null,
        bytes("{\"events\":[{\"event_id\":\"e\",\"event_type\":\"x\",\"occurred_at\":\"" + NOW + "\",\"colour\":\"red\"}]}"), 200,
        "colour: is not a field of the native event model"));
    rows.add(new BadInput("native: fractional minor units", "/v1/events", Auth.VALID, null,
        bytes("{\"events\":[{\"event_id\":\"e\",\"event_type\":\"x\",\"occurred_at\":\"" + NOW
            + "\",\"revenue\":{\"kind\":\"sale\",\"amount_minor\":10.5,\"currency\":\"USD\"}}]}"), 200,
        "revenue.amount_minor: must be a whole number, was 10.5"));
    rows.add(new BadInput("native: no events array", "/v1/events", Auth.VALID, null, bytes("{\"batch\":[]}"), 400,
        "body has no 'events' array"));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void eachBadInputGetsItsStatusAndReason(BadInput input) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(stack.uri(input.path()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(input.body()));
    switch (input.auth()) {
      case VALID -> request.header("Authorization", RunningCollector.basic(key.key()));
      case UNKNOWN -> request.header("Authorization", RunningCollector.basic("tk_doesNotExist"));
      case REVOKED -> request.header("Authorization", RunningCollector.basic(revoked.key()));
      case BEARER -> request.header("Authorization", "Bearer " + key.key());
      case NOT_BASE64 -> request.header("Authorization", "Basic %%%");
      case NONE -> { }
    }
    if (input.encoding() != null) {
      request.header("Content-Encoding", input.encoding());
    }

    RunningCollector.Answer answer = stack.send(request.build());

    assertThat(answer.status()).as("status of '%s': %s", input.name(), answer.body()).isEqualTo(input.status());
    String reason = answer.status() == 200
        ? answer.body().path("rejected").path(answer.body().path("rejected").size() - 1).path("reason").asText()
        : answer.body().path("error").asText();
    assertThat(reason).as("reason of '%s'", input.name()).contains(input.reason());
    if (answer.status() == 200) {
      assertThat(answer.accepted()).as("accepted of '%s'", input.name())
          .isEqualTo(input.name().startsWith("duplicate") ? 1 : 0);
    }
  }

  @Test
  void theTableHasAtLeastThirtyRows() throws Exception {
    assertThat(badInputs().count()).isGreaterThanOrEqualTo(30);
  }

  private static String bigEvents(int count) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(track("big-" + i, "x", ",\"properties\":{\"blob\":\"" + "y".repeat(30_000) + "\"}"));
    }
    return String.join(",", events);
  }

  private static String manyKeys(int count) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add("\"k" + i + "\":" + i);
    }
    return String.join(",", keys);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes(text));
    }
    return out.toByteArray();
  }
}
