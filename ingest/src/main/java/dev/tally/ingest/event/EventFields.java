package dev.tally.ingest.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.tally.schemas.event.Usage;
import dev.tally.schemas.event.UsageStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of JSON event fields; each failure is an {@link EventRejected} naming the field and
 * the rule. A JSON {@code null} counts as absent. Shared by the Segment and the native mapping.
 */
public final class EventFields {

  public static final int MAX_ID_LENGTH = 64;
  public static final int MAX_TEXT_LENGTH = 255;
  public static final int MAX_PROPERTY_DEPTH = 8;
  public static final int MAX_PROPERTIES = 256;
  static final int MAX_NUMBER_SCALE = 64;
  private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
  static final int MAX_NUMBER_BITS = 128;

  private final ObjectMapper json;

  public EventFields(ObjectMapper json) {
    this.json = json;
  }

  static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static JsonNode field(JsonNode parent, String name) {
    JsonNode value = parent == null ? null : parent.get(name);
    return value instanceof NullNode ? null : value; // instanceof: isNull() is a virtual call on every field read
  }

  /** A string (or, when {@code numbersAllowed}, a number as its text) of at most {@code maxLength} characters, or null. */
  public String text(JsonNode parent, String name, String parentPath, int maxLength, boolean numbersAllowed) {
    JsonNode value = field(parent, name);
    if (value == null) {
      return null;
    }
    String text;
    if (value.isTextual()) {
      text = value.textValue();
    } else if (numbersAllowed && value.isIntegralNumber()) {
      text = value.asText();
    } else {
      throw new EventRejected(path(parentPath, name), Rule.WRONG_TYPE, "must be a string" + (numbersAllowed ? " or a whole number" : "")
          + ", was " + describe(value));
    }
    if (text.length() > maxLength) {
      throw new EventRejected(path(parentPath, name), Rule.TOO_LONG, "must be at most " + maxLength + " characters, was " + text.length());
    }
    if (controlCharacterAt(text, false) >= 0) {
      requirePrintable(text, path(parentPath, name));
    }
    return text.isBlank() ? null : text;
  }

  public String requiredText(JsonNode parent, String name, String parentPath, int maxLength) {
    String text = text(parent, name, parentPath, maxLength, false);
    if (text == null) {
      throw new EventRejected(path(parentPath, name), Rule.REQUIRED, "required (a non-empty string)");
    }
    return text;
  }

  /** A JSON number as an exact decimal, or null. */
  public BigDecimal decimal(JsonNode parent, String name, String parentPath) {
    JsonNode value = field(parent, name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw new EventRejected(path(parentPath, name), Rule.WRONG_TYPE, "must be a number, was " + describe(value));
    }
    BigDecimal number = value.decimalValue();
    // Bounded before any arithmetic: rescaling 1e999999 costs minutes of CPU.
    if (Math.abs(number.scale()) > MAX_NUMBER_SCALE || number.unscaledValue().bitLength() > MAX_NUMBER_BITS) {
      throw new EventRejected(path(parentPath, name), Rule.OUT_OF_RANGE, MinorUnits.readable(number)
          + " is out of range (at most " + MAX_NUMBER_SCALE + " decimals or powers of ten, " + MAX_NUMBER_BITS + "-bit digits)");
    }
    return number;
  }

  /** A whole JSON number, or null. */
  public Long whole(JsonNode parent, String name, String parentPath) {
    JsonNode node = field(parent, name);
    if (node != null && (node.isInt() || node.isLong())) {
      return node.longValue(); // what the exact path below gives for these, without BigDecimal
    }
    BigDecimal value = decimal(parent, name, parentPath);
    if (value == null) {
      return null;
    }
    try {
      return value.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new EventRejected(path(parentPath, name), Rule.WRONG_TYPE, "must be a whole number, was " + MinorUnits.readable(value));
    }
  }

  /** An ISO-8601 time with an offset ({@code 2026-11-20T10:00:00Z}, {@code ...+09:00}), or null. */
  public Instant timestamp(JsonNode parent, String name, String parentPath) {
    JsonNode value = field(parent, name);
    if (value == null) {
      return null;
    }
    String path = path(parentPath, name);
    if (!value.isTextual()) {
      throw new EventRejected(path, Rule.WRONG_TYPE, "must be an ISO-8601 string, was " + describe(value));
    }
    try {
      return requireInRange(IsoTimestamp.parse(value.textValue()), path);
    } catch (DateTimeParseException e) {
      throw new EventRejected(path, Rule.INVALID_TIMESTAMP,
          "'" + abbreviate(value.textValue()) + "' is not an ISO-8601 time with a UTC offset (e.g. 2026-11-20T10:15:30.000Z)");
    }
  }

  /** Times from 1970 to 9999 only: the stores hold no earlier times, and arithmetic on later ones overflows. */
  public static Instant requireInRange(Instant time, String path) {
    if (time.isBefore(Instant.EPOCH) || !time.isBefore(LATEST)) {
      throw new EventRejected(path, Rule.INVALID_TIMESTAMP, time + " is not between 1970-01-01 and 9999-12-31");
    }
    return time;
  }

  /** Refuses an event that happened more than {@code maxAhead} after it was received. */
  public static void requireNotFuture(Instant occurredAt, Instant receivedAt, java.time.Duration maxAhead, String path) {
    if (occurredAt.isAfter(receivedAt.plus(maxAhead))) {
      throw new EventRejected(path, Rule.FUTURE_TIMESTAMP, occurredAt + " is more than " + maxAhead.toHours()
          + " h after the time it was received (" + receivedAt + ")");
    }
  }

  /** An object's entries as JSON text (strings keep their quotes), checked for depth, size and control characters. */
  public Map<String, String> properties(JsonNode parent, String name, String parentPath) {
    JsonNode value = field(parent, name);
    if (value == null) {
      return new LinkedHashMap<>();
    }
    String path = path(parentPath, name);
    if (!value.isObject()) {
      throw new EventRejected(path, Rule.WRONG_TYPE, "must be an object, was " + describe(value));
    }
    if (value.size() > MAX_PROPERTIES) {
      throw new EventRejected(path, Rule.TOO_MANY_PROPERTIES, "must have at most " + MAX_PROPERTIES + " keys, has " + value.size());
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String key = entry.getKey();
      if (key.length() > MAX_TEXT_LENGTH) {
        throw new EventRejected(path, Rule.TOO_LONG, "key '" + abbreviate(key) + "' is longer than " + MAX_TEXT_LENGTH + " characters");
      }
      requirePrintable(key, path + " key");
      JsonNode property = entry.getValue();
      if (property.isContainerNode() || property.isTextual() && controlCharacterAt(property.textValue(), true) >= 0) {
        checkValue(property, path + "." + key, 1);
      }
      result.put(key, toJson(property));
    }
    return result;
  }

  /** Usage fields ({@code tokens}, {@code response_time_ms}, {@code agent_id}, {@code conversation_id}, {@code status}, {@code rating}), or null when none is there. */
  public Usage usage(JsonNode source, String path) {
    Long tokens = whole(source, "tokens", path);
    BigDecimal responseTime = decimal(source, "response_time_ms", path);
    String agentId = text(source, "agent_id", path, MAX_TEXT_LENGTH, true);
    String conversationId = text(source, "conversation_id", path, MAX_TEXT_LENGTH, true);
    String status = text(source, "status", path, 16, false);
    Long rating = whole(source, "rating", path);
    if (tokens == null && responseTime == null && agentId == null && conversationId == null && status == null && rating == null) {
      return null;
    }
    if (tokens != null && tokens < 0) {
      throw new EventRejected(path(path, "tokens"), Rule.OUT_OF_RANGE, "must not be negative (was " + tokens + ")");
    }
    if (responseTime != null && responseTime.signum() < 0) {
      throw new EventRejected(path(path, "response_time_ms"), Rule.OUT_OF_RANGE, "must not be negative");
    }
    if (rating != null && (rating < 1 || rating > 5)) {
      throw new EventRejected(path(path, "rating"), Rule.OUT_OF_RANGE, "must be from 1 to 5, was " + rating);
    }
    UsageStatus usageStatus = null;
    if (status != null) {
      try {
        usageStatus = UsageStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw new EventRejected(path(path, "status"), Rule.INVALID_VALUE, "must be 'ok' or 'error', was '" + status + "'");
      }
    }
    return Usage.newBuilder()
        .setTokens(tokens)
        .setResponseTimeMs(responseTime == null ? null : responseTime.doubleValue())
        .setAgentId(agentId)
        .setConversationId(conversationId)
        .setStatus(usageStatus)
        .setRating(rating == null ? null : rating.intValue())
        .build();
  }

  private void checkValue(JsonNode value, String path, int depth) {
    if (depth > MAX_PROPERTY_DEPTH) {
      throw new EventRejected(path, Rule.TOO_DEEP, "nested deeper than " + MAX_PROPERTY_DEPTH + " levels");
    }
    if (value.isTextual()) {
      requirePrintableValue(value.textValue(), path);
    } else if (value.isContainerNode()) {
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        requirePrintable(entry.getKey(), path + " key");
        checkValue(entry.getValue(), path + "." + entry.getKey(), depth + 1);
      }
      if (value.isArray()) {
        int i = 0;
        for (JsonNode element : value) {
          checkValue(element, path + "[" + i++ + "]", depth + 1);
        }
      }
    }
  }

  private String toJson(JsonNode value) {
    // Scalars directly (most properties are); objects and arrays through the mapper.
    if (value.isTextual()) {
      return quoted(value.textValue());
    }
    if (value.isIntegralNumber() || value.isBoolean()) {
      return value.asText();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toString();
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  /**
   * A string as JSON text, with its quotes. Most need no escaping (no quote, backslash or control
   * character) and are kept as they are; the others are escaped as Jackson writes them.
   */
  static String quoted(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
      }
    }
    return '"' + text + '"';
  }

  /** Ids, names and keys: no control characters at all. */
  static void requirePrintable(String text, String path) {
    int at = controlCharacterAt(text, false);
    if (at >= 0) {
      throw new EventRejected(path, Rule.CONTROL_CHARACTERS, String.format("contains control character U+%04X at position %d", (int) text.charAt(at), at));
    }
  }

  /** Free text values may hold tabs and line breaks, nothing else below U+0020. */
  private static void requirePrintableValue(String text, String path) {
    int at = controlCharacterAt(text, true);
    if (at >= 0) {
      throw new EventRejected(path, Rule.CONTROL_CHARACTERS, String.format("contains control character U+%04X at position %d", (int) text.charAt(at), at));
    }
  }

  /** The position of the first control character (U+0000 to U+001F, U+007F), or -1; tabs and line breaks count only when not {@code freeText}. */
  private static int controlCharacterAt(String text, boolean freeText) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 || c == 0x7f) && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
        return i;
      }
    }
    return -1;
  }

  static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
