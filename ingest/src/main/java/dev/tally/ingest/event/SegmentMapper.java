package dev.tally.ingest.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.event.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps one Segment HTTP Tracking API message (track, identify, page, screen, group, alias) to an
 * {@link AnalyticsEvent}, or throws {@link EventRejected} naming the field and the rule.
 *
 * <ul>
 *   <li>{@code messageId} is the event id, derived from the message's content when absent
 *       ({@link DerivedMessageId}); {@code event} is normalised ({@code Order Completed} →
 *       {@code order_completed}); page, screen, identify, group and alias become {@code page_viewed},
 *       {@code screen_viewed}, {@code identify}, {@code group}, {@code alias}.
 *   <li>Time, as Segment documents it: the client's {@code timestamp} (or {@code originalTimestamp})
 *       is corrected for the device's clock skew when {@code sentAt} is known (on the message or the
 *       batch): {@code occurred_at = receivedAt − (sentAt − timestamp)}. Without either, the time
 *       the collector received it.
 *   <li>Context: {@code ip} (else the request's address), {@code userAgent}, {@code app.version},
 *       platform from {@code os.name}, else {@code device.type}; a message's context overrides the
 *       batch's.
 *   <li>E-commerce v2 {@code Order Completed} is a sale of {@code total} (else {@code revenue}) with
 *       tax, shipping and discount; {@code Order Refunded} a refund of {@code total} (else
 *       {@code amount}); {@code Invoice Paid} / {@code Invoice Refunded} a sale / refund of
 *       {@code amount}. Currency defaults to USD, as in Segment; amounts go to the currency's minor unit.
 *   <li>Usage from properties {@code tokens}, {@code response_time_ms}, {@code agent_id},
 *       {@code conversation_id}, {@code status}, {@code rating} (camelCase accepted too).
 * </ul>
 */
public final class SegmentMapper {

  /** What a batch or request gives every message in it. {@code sentAt}, {@code context} and {@code requestIp} may be null. */
  public record Envelope(String organizationId, Instant receivedAt, Instant sentAt, JsonNode context, String requestIp) {}

  /** The message types of Segment's Tracking API. */
  public static final List<String> TYPES = List.of("track", "identify", "page", "screen", "group", "alias");
  private static final Map<String, String> CAMEL_USAGE_FIELDS = Map.of(
      "responseTimeMs", "response_time_ms", "agentId", "agent_id", "conversationId", "conversation_id");
  private static final int MAX_EVENT_NAME = 200;
  private static final Map<String, String> CONTEXT_GROUP_PATHS = Map.of("app", "context.app", "os", "context.os", "device", "context.device");

  private final EventFields fields;
  private final Duration maxAhead;

  /** @param maxAhead how far after its reception an event may have happened (24 h); not null */
  public SegmentMapper(EventFields fields, Duration maxAhead) {
    this.fields = fields;
    this.maxAhead = maxAhead;
  }

  /**
   * @param message one message object
   * @param impliedType the type the endpoint stands for ({@code /v1/track} → track), or null in a batch
   */
  public AnalyticsEvent map(JsonNode message, String impliedType, Envelope envelope) {
    if (!message.isObject()) {
      throw new EventRejected("(event)", Rule.NOT_AN_OBJECT, "must be a JSON object, was " + EventFields.describe(message));
    }
    String type = impliedType != null ? impliedType : fields.requiredText(message, "type", "", 16).toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new EventRejected("type", Rule.UNKNOWN_TYPE, "'" + EventFields.abbreviate(type) + "' is not one of " + String.join(", ", TYPES.stream().sorted().toList()));
    }
    String messageId = fields.text(message, "messageId", "", EventFields.MAX_ID_LENGTH, false);
    String eventId = messageId != null ? messageId : DerivedMessageId.of(message);
    String eventType = eventType(type, message);
    String userId = fields.text(message, "userId", "", EventFields.MAX_TEXT_LENGTH, true);
    String anonymousId = fields.text(message, "anonymousId", "", EventFields.MAX_TEXT_LENGTH, true);
    if (userId == null && anonymousId == null) {
      throw new EventRejected("userId", Rule.REQUIRED, "userId or anonymousId is required");
    }
    Instant occurredAt = occurredAt(message, envelope);

    String propertiesField = type.equals("identify") || type.equals("group") ? "traits" : "properties";
    JsonNode source = EventFields.field(message, propertiesField);
    Map<String, String> properties = fields.properties(message, propertiesField, "");
    addExtra(properties, message, "name", "name");
    addExtra(properties, message, "groupId", "group_id");
    addExtra(properties, message, "previousId", "previous_id");

    JsonNode context = EventFields.field(message, "context");
    if (context != null && !context.isObject()) {
      throw new EventRejected("context", Rule.WRONG_TYPE, "must be an object, was " + EventFields.describe(context));
    }
    Usage usage = fields.usage(withSnakeCaseUsage(source), propertiesField);
    String agentId = usage == null ? null : usage.getAgentId();
    String resourceType = fields.text(source, "resource_type", propertiesField, EventFields.MAX_ID_LENGTH, false);
    String resourceId = fields.text(source, "resource_id", propertiesField, EventFields.MAX_TEXT_LENGTH, true);
    if (resourceType == null && agentId != null) {
      resourceType = "agent";
      resourceId = agentId;
    }

    return AnalyticsEvent.newBuilder()
        .setEventId(eventId)
        .setOrganizationId(envelope.organizationId())
        .setEventType(eventType)
        .setCategory(EventTypes.categoryOf(eventType))
        .setOccurredAt(occurredAt)
        .setReceivedAt(envelope.receivedAt())
        .setUserId(userId)
        .setAnonymousId(anonymousId)
        .setSessionId(orElse(contextText(context, envelope.context(), null, "sessionId"),
            fields.text(source, "session_id", propertiesField, EventFields.MAX_TEXT_LENGTH, true)))
        .setCustomerId(fields.text(source, "customer_id", propertiesField, EventFields.MAX_TEXT_LENGTH, true))
        .setResourceType(resourceType)
        .setResourceId(resourceId)
        .setPlatform(platform(context, envelope.context()))
        .setAppVersion(contextText(context, envelope.context(), "app", "version"))
        .setIp(orElse(contextText(context, envelope.context(), null, "ip"), envelope.requestIp()))
        .setUserAgent(contextText(context, envelope.context(), null, "userAgent"))
        .setProperties(properties)
        .setRevenue(revenue(eventType, source, propertiesField))
        .setUsage(usage)
        .build();
  }

  private String eventType(String type, JsonNode message) {
    return switch (type) {
      case "track" -> {
        String name = fields.requiredText(message, "event", "", MAX_EVENT_NAME);
        String normalised = EventTypes.normaliseCached(name);
        if (normalised.isEmpty()) {
          throw new EventRejected("event", Rule.REQUIRED, "'" + name + "' has no letters or digits");
        }
        if (normalised.length() > EventTypes.MAX_LENGTH) {
          throw new EventRejected("event", Rule.TOO_LONG, "normalised name '" + EventFields.abbreviate(normalised)
              + "' is longer than " + EventTypes.MAX_LENGTH + " characters");
        }
        yield normalised;
      }
      case "page" -> "page_viewed";
      case "screen" -> "screen_viewed";
      default -> type;
    };
  }

  private Instant occurredAt(JsonNode message, Envelope envelope) {
    String field = EventFields.field(message, "timestamp") != null ? "timestamp" : "originalTimestamp";
    Instant timestamp = fields.timestamp(message, field, "");
    if (timestamp == null) {
      return envelope.receivedAt(); // as Segment does: the time it was received
    }
    Instant sentAt = fields.timestamp(message, "sentAt", "");
    if (sentAt == null) {
      sentAt = envelope.sentAt();
    }
    Instant occurredAt = EventFields.requireInRange(sentAt == null ? timestamp
        : envelope.receivedAt().minus(Duration.between(timestamp, sentAt)), field + " corrected by sentAt");
    EventFields.requireNotFuture(occurredAt, envelope.receivedAt(), maxAhead, field);
    return occurredAt;
  }

  private Revenue revenue(String eventType, JsonNode source, String path) {
    return switch (eventType) {
      case "order_completed" -> money(RevenueKind.sale, source, path, "order_id", "total", "revenue", true);
      case "order_refunded" -> money(RevenueKind.refund, source, path, "order_id", "total", "amount", false);
      case "invoice_paid" -> money(RevenueKind.sale, source, path, "invoice_id", "amount", null, false);
      case "invoice_refunded" -> money(RevenueKind.refund, source, path, "invoice_id", "amount", null, false);
      default -> null;
    };
  }

  private Revenue money(RevenueKind kind, JsonNode source, String path, String idField, String amountField,
      String fallbackAmountField, boolean withBreakdown) {
    String amountName = amountField;
    BigDecimal amount = fields.decimal(source, amountField, path);
    if (amount == null && fallbackAmountField != null) {
      amountName = fallbackAmountField;
      amount = fields.decimal(source, fallbackAmountField, path);
    }
    if (amount == null) {
      throw new EventRejected(EventFields.path(path, amountField), Rule.REVENUE_FIELD_MISSING,
          "required for this event (" + amountField + (fallbackAmountField == null ? "" : " or " + fallbackAmountField) + ")");
    }
    String id = fields.text(source, idField, path, EventFields.MAX_TEXT_LENGTH, true);
    if (id == null) {
      throw new EventRejected(EventFields.path(path, idField), Rule.REVENUE_FIELD_MISSING, "required for this event");
    }
    String code = fields.text(source, "currency", path, 8, false);
    String currencyPath = EventFields.path(path, "currency");
    Currency currency = MinorUnits.currency(code == null ? "USD" : code, currencyPath);
    Revenue.Builder revenue = Revenue.newBuilder()
        .setKind(kind)
        .setCurrency(currency.getCurrencyCode())
        .setAmountMinor(MinorUnits.toMinor(amount, currency, EventFields.path(path, amountName)))
        .setOrderId(idField.equals("order_id") ? id : null)
        .setInvoiceId(idField.equals("invoice_id") ? id : null);
    if (withBreakdown) {
      revenue.setTaxMinor(minorOrZero(source, "tax", path, currency))
          .setShippingMinor(minorOrZero(source, "shipping", path, currency))
          .setDiscountMinor(minorOrZero(source, "discount", path, currency));
    }
    return revenue.build();
  }

  private long minorOrZero(JsonNode source, String name, String path, Currency currency) {
    BigDecimal value = fields.decimal(source, name, path);
    return value == null ? 0L : MinorUnits.toMinor(value, currency, EventFields.path(path, name));
  }

  /** Usage fields under their snake_case names, taking camelCase ones when the snake_case one is absent. */
  private static JsonNode withSnakeCaseUsage(JsonNode source) {
    if (source == null || !source.isObject()) {
      return null;
    }
    if (!hasAny(source, CAMEL_USAGE_FIELDS.keySet())) {
      return source;
    }
    ObjectNode copy = ((ObjectNode) source).deepCopy();
    CAMEL_USAGE_FIELDS.forEach((camel, snake) -> {
      if (!copy.hasNonNull(snake) && copy.has(camel)) {
        copy.set(snake, copy.get(camel));
      }
    });
    return copy;
  }

  private static boolean hasAny(JsonNode source, Set<String> names) {
    for (String name : names) {
      if (source.has(name)) {
        return true;
      }
    }
    return false;
  }

  private void addExtra(Map<String, String> properties, JsonNode message, String field, String key) {
    String value = fields.text(message, field, "", EventFields.MAX_TEXT_LENGTH, true);
    if (value != null) {
      properties.put(key, TextNode.valueOf(value).toString());
    }
  }

  private String platform(JsonNode context, JsonNode batchContext) {
    String os = contextText(context, batchContext, "os", "name");
    String platform = os != null ? os : contextText(context, batchContext, "device", "type");
    return platform == null ? null : platform.toLowerCase(Locale.ROOT);
  }

  /** {@code context.<group>.<name>} from the message's context, else the batch's; group may be null. */
  private String contextText(JsonNode context, JsonNode batchContext, String group, String name) {
    String value = contextText(context, group, name);
    return value != null ? value : contextText(batchContext, group, name);
  }

  private String contextText(JsonNode context, String group, String name) {
    JsonNode parent = group == null ? context : EventFields.field(context, group);
    if (parent == null || !parent.isObject()) {
      return null;
    }
    return fields.text(parent, name, group == null ? "context" : CONTEXT_GROUP_PATHS.get(group), EventFields.MAX_TEXT_LENGTH, false);
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
