package dev.tally.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.ingest.auth.WriteKeys;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventCodec;
import dev.tally.schemas.kafka.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests as Segment's browser library ({@code @segment/analytics-next}) makes them from a web page:
 * a CORS preflight, then one-letter paths with {@code text/plain} bodies that carry the write key.
 * Raw HTTP, since Java's HTTP clients do not let a caller set {@code Origin}.
 */
class BrowserRequestsIT {

  static final String ORIGIN = "https://shop.example.com";
  static RunningCollector stack;
  static WriteKeys.NewKey key;

  @BeforeAll
  static void start() throws Exception {
    stack = RunningCollector.start();
    key = stack.newKey();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aPreflightFromAnyOriginIsAnswered() throws Exception {
    String answer = exchange("OPTIONS /v1/t HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + ORIGIN + "\r\n"
        + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization,content-type,x-retry-count\r\n"
        + "Connection: close\r\n\r\n");

    assertThat(status(answer)).isBetween(200, 204);
    assertThat(header(answer, "access-control-allow-origin")).isIn("*", ORIGIN);
    assertThat(header(answer, "access-control-allow-headers")).containsIgnoringCase("authorization");
    assertThat(header(answer, "access-control-allow-credentials")).isNull();
  }

  @Test
  void theBrowserLibrarysPathsAndTextPlainBodiesAreAccepted() throws Exception {
    String user = UUID.randomUUID().toString();
    String now = Instant.now().toString();
    String meta = ",\"writeKey\":\"" + key.key() + "\",\"sentAt\":\"" + now + "\",\"_metadata\":{\"bundled\":[\"Segment.io\"]}"
        + ",\"context\":{\"userAgent\":\"Mozilla/5.0\",\"page\":{\"path\":\"/\"}}";
    try (TopicReader events = new TopicReader(stack.settings, stack.config.eventsTopic())) {
      // single calls carry the key in the header and the body; the batch only in the body
      String track = post("/v1/t", true, "{\"type\":\"track\",\"event\":\"Product Viewed\",\"messageId\":\"ajs-t-" + user
          + "\",\"anonymousId\":\"" + user + "\",\"timestamp\":\"" + now + "\",\"properties\":{\"sku\":\"a\"}" + meta + "}");
      String page = post("/v1/p", true, "{\"type\":\"page\",\"name\":\"Home\",\"messageId\":\"ajs-p-" + user
          + "\",\"anonymousId\":\"" + user + "\",\"timestamp\":\"" + now + "\",\"properties\":{}" + meta + "}");
      String identify = post("/v1/i", true, "{\"type\":\"identify\",\"userId\":\"u-" + user + "\",\"messageId\":\"ajs-i-"
          + user + "\",\"anonymousId\":\"" + user + "\",\"timestamp\":\"" + now + "\",\"traits\":{\"plan\":\"pro\"}" + meta + "}");
      String batch = post("/v1/b", false, "{\"writeKey\":\"" + key.key() + "\",\"sentAt\":\"" + now + "\",\"batch\":["
          + "{\"type\":\"track\",\"event\":\"Signed Up\",\"messageId\":\"ajs-b-" + user + "\",\"anonymousId\":\"" + user
          + "\",\"timestamp\":\"" + now + "\",\"properties\":{}}]}");

      for (String answer : List.of(track, page, identify, batch)) {
        assertThat(status(answer)).as(answer).isEqualTo(200);
        assertThat(header(answer, "access-control-allow-origin")).as("readable by the page").isIn("*", ORIGIN);
      }
      EventCodec<AnalyticsEvent> codec = EventCodec.analyticsEvents();
      List<String> types = events.sinceMark().stream().map(r -> codec.decode(r.value()))
          .filter(e -> user.equals(e.getAnonymousId())).map(AnalyticsEvent::getEventType).sorted().toList();
      assertThat(types).containsExactly("identify", "page_viewed", "product_viewed", "signed_up");
    }
  }

  private static String post(String path, boolean authorization, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return exchange("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + ORIGIN + "\r\n"
        + "Content-Type: text/plain\r\n"
        + (authorization ? "Authorization: Basic "
            + Base64.getEncoder().encodeToString((key.key() + ":").getBytes(StandardCharsets.UTF_8)) + "\r\n" : "")
        + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
  }

  /** Sends one request on a new connection; the whole answer, head and body. */
  private static String exchange(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", stack.collector.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  private static int status(String answer) {
    return Integer.parseInt(answer.substring(9, 12));
  }

  /** A header's value, or null. */
  private static String header(String answer, String name) {
    for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }
}
