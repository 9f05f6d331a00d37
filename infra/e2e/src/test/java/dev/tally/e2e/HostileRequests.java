package dev.tally.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded malformed and hostile requests for the collector: random bytes, truncated JSON, wrong
 * shapes and types, huge fields, injection strings in every field, deep nesting, control characters
 * and invalid UTF-8, compression bombs, bad credentials and unknown paths. Some requests also hold
 * well-formed events with unique ids, so accepting them is part of what is checked.
 */
final class HostileRequests {

  /** One request: path, whether to send the write key, headers besides auth, body. */
  record Request(String kind, String path, boolean authorized, String contentType, String contentEncoding, byte[] body) {}

  static final String[] INJECTIONS = {
      "'; DROP TABLE events; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x.example/a}",
      "../../../../etc/passwd", "%00%0d%0a", "{{7*7}}", "\\u0000", "\u0000\u0001\u001f", "\uD800", "\uFFFF",
      "Robert'); DROP TABLE write_keys;--", "$(rm -rf /)", "`id`", "<!--", "]]>", "\r\nX-Injected: 1",
      "SELECT * FROM system.users", "1e999999", "-0", "NaN", "Infinity", "9".repeat(400)};

  private static final String[] FIELDS = {"type", "messageId", "event", "userId", "anonymousId", "timestamp", "sentAt",
      "properties", "context", "traits", "name", "groupId", "previousId"};
  private static final String[] PATHS = {"/v1/batch", "/v1/track", "/v1/identify", "/v1/page", "/v1/group", "/v1/events"};

  private final Random random;
  private final String now;
  private int validId;
  private long sequence; // every other message id is unique too, so each accepted event must be in the topic once
  private final String runId;

  HostileRequests(long seed, String now, String runId) {
    this.random = new Random(seed);
    this.now = now;
    this.runId = runId;
  }

  /** How many well-formed events the requests made so far carried. */
  int validEventsSent() {
    return validId;
  }

  Request next() {
    int kind = random.nextInt(14);
    return switch (kind) {
      case 0 -> json("random-bytes", "/v1/batch", randomBytes(1 + random.nextInt(4096)));
      case 1 -> {
        byte[] valid = bytes(uncounted(batch(3), 3)); // a truncated body is refused whole
        yield json("truncated", "/v1/batch", java.util.Arrays.copyOf(valid, random.nextInt(valid.length - 1)));
      }
      case 2 -> json("wrong-shape", "/v1/batch", pick(new String[] {"[]", "\"batch\"", "42", "null", "true",
          "{\"batch\": {}}", "{\"batch\": \"x\"}", "{\"batch\": [1, 2]}", "{\"batch\": [[]]}", "{}", ""}));
      case 3 -> json("wrong-type", pick(PATHS), wrongType());
      case 4 -> json("huge-field", "/v1/track", hugeField());
      case 5 -> json("injection", "/v1/batch", injection());
      case 6 -> json("deep-nesting", "/v1/track", deepNesting());
      case 7 -> json("control-chars", "/v1/track", controlChars());
      case 8 -> json("invalid-utf8", "/v1/track", invalidUtf8());
      case 9 -> new Request("gzip-bomb", "/v1/batch", true, "application/json", "gzip", gzip(bomb()));
      case 10 -> new Request("bad-gzip", "/v1/batch", true, "application/json", "gzip", randomBytes(200));
      case 11 -> new Request("no-key", pick(PATHS), false, "application/json", null, bytes(uncounted(batch(1), 1)));
      case 12 -> json("unknown-path", pick(new String[] {"/v1/../admin", "/v2/batch", "/v1/batch/x", "/%00", "/v1/track?x=%00%FF"}),
          bytes(uncounted(batch(1), 1)));
      default -> json("mixed-batch", "/v1/batch", mixedBatch());
    };
  }

  private Request json(String kind, String path, String body) {
    return json(kind, path, bytes(body));
  }

  private Request json(String kind, String path, byte[] body) {
    return new Request(kind, path, true, random.nextInt(10) == 0 ? pick(new String[] {"text/plain", "application/xml", ""})
        : "application/json", null, body);
  }

  private String validEvent() {
    validId++;
    return "{\"type\":\"track\",\"messageId\":\"fuzz-" + runId + "-" + validId + "\",\"userId\":\"fuzz-user\",\"event\":\"Page Viewed\","
        + "\"timestamp\":\"" + now + "\",\"properties\":{\"n\":" + validId + "}}";
  }

  /** A body whose well-formed events will not be accepted (no key, unknown path, truncated). */
  private String uncounted(String body, int events) {
    validId -= events;
    return body;
  }

  private String batch(int events) {
    List<String> list = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      list.add(validEvent());
    }
    return "{\"batch\":[" + String.join(",", list) + "]}";
  }

  private String wrongType() {
    String field = pick(FIELDS);
    String value = pick(new String[] {"123", "-1.5e308", "[1,2,3]", "{\"a\":{\"b\":1}}", "true", "null", "\"\"", "[]", "{}"});
    return "{\"type\":\"track\",\"messageId\":\"w-" + runId + "-" + (++sequence) + "\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\""
        + now + "\",\"" + field + "\":" + value + "}";
  }

  private String hugeField() {
    String big = "x".repeat(1000 + random.nextInt(2_000_000));
    String field = pick(new String[] {"event", "userId", "messageId"});
    String event = "{\"type\":\"track\",\"messageId\":\"h-" + runId + "-" + (++sequence) + "\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"" + now + "\"}";
    return random.nextBoolean() ? event.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":\"" + big + "\"")
        : event.replace("}", ",\"properties\":{\"blob\":\"" + big + "\"}}");
  }

  private String injection() {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(5); i++) {
      String s = escape(pick(INJECTIONS));
      String field = pick(new String[] {"messageId", "userId", "event", "timestamp", "type", "anonymousId"});
      String base = "{\"type\":\"track\",\"messageId\":\"inj-" + runId + "-" + (++sequence) + "\",\"userId\":\"u\","
          + "\"event\":\"E\",\"timestamp\":\"" + now + "\",\"properties\":{\"" + s + "\":\"" + s + "\",\"currency\":\"" + s
          + "\",\"total\":\"" + s + "\"},\"context\":{\"ip\":\"" + s + "\",\"userAgent\":\"" + s + "\"}}";
      // an injected message id still ends in a unique number: sending one id twice is not what is tested here
      String value = field.equals("messageId") ? s + "-" + (++sequence) : s;
      events.add(base.replaceFirst("\"" + field + "\":\"[^\"]*\"",
          "\"" + field + "\":\"" + java.util.regex.Matcher.quoteReplacement(value) + "\""));
    }
    return "{\"batch\":[" + String.join(",", events) + "]}";
  }

  private String deepNesting() {
    int depth = 100 + random.nextInt(20_000);
    return "{\"type\":\"track\",\"messageId\":\"d-" + runId + "-" + (++sequence) + "\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"" + now
        + "\",\"properties\":{\"p\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
  }

  private String controlChars() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      s.append(String.format("\\u%04x", random.nextInt(32)));
    }
    return "{\"type\":\"track\",\"messageId\":\"c-" + runId + "-" + (++sequence) + "\",\"userId\":\"" + s + "\",\"event\":\"" + s
        + "\",\"timestamp\":\"" + now + "\"}";
  }

  private byte[] invalidUtf8() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bytes("{\"type\":\"track\",\"messageId\":\"i\",\"userId\":\""));
    out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
    out.writeBytes(bytes("\",\"event\":\"E\",\"timestamp\":\"" + now + "\"}"));
    return out.toByteArray();
  }

  private String mixedBatch() {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 2 + random.nextInt(20); i++) {
      events.add(random.nextInt(3) == 0 ? wrongType() : validEvent());
    }
    return "{\"batch\":[" + String.join(",", events) + "]}";
  }

  private byte[] bomb() {
    return ("{\"batch\":[" + ("{\"type\":\"track\"},").repeat(400_000) + "{}]}").getBytes(StandardCharsets.UTF_8);
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFF') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
