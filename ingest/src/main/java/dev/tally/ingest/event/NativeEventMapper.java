package dev.tally.ingest.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.RevenueKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Iterator;
import java.util.Set;

/**
 * Maps one event of the native API ({@code POST /v1/events}): the {@link AnalyticsEvent} model as
 * JSON with its own field names. {@code organization_id} and {@code received_at} come from the
 * write key and the collector; {@code occurred_at} is ISO-8601 with an offset or epoch milliseconds;
 * {@code category} is derived from the type when absent; unknown fields are refused.
 */
public final class NativeEventMapper {

  private static final Set<String> FIELDS = Set.of("event_id", "event_type", "category", "occurred_at",
      "user_id", "anonymous_id", "session_id", "customer_id", "resource_type", "resource_id", "platform",
      "app_version", "ip", "user_agent", "properties", "revenue", "usage");
  private static final Set<String> REVENUE_FIELDS = Set.of("kind", "amount_minor", "currency", "order_id",
      "invoice_id", "tax_minor", "shipping_minor", "discount_minor");

  private final EventFields fields;
  private final Duration maxAhead;

  public NativeEventMapper(EventFields fields, Duration maxAhead) {
    this.fields = fields;
    this.maxAhead = maxAhead;
  }

  public AnalyticsEvent map(JsonNode event, String organizationId, Instant receivedAt) {
    if (!event.isObject()) {
      throw new EventRejected("(event)", Rule.NOT_AN_OBJECT, "must be a JSON object, was " + EventFields.describe(event));
    }
    requireKnownFields(event, FIELDS, "");
    String eventType = EventTypes.normalise(fields.requiredText(event, "event_type", "", EventTypes.MAX_LENGTH));
    if (eventType.isEmpty()) {
      throw new EventRejected("event_type", Rule.REQUIRED, "has no letters or digits");
    }
    String category = fields.text(event, "category", "", 32, false);
    Instant occurredAt = occurredAt(event, receivedAt);
    return AnalyticsEvent.newBuilder()
        .setEventId(fields.requiredText(event, "event_id", "", EventFields.MAX_ID_LENGTH))
        .setOrganizationId(organizationId)
        .setEventType(eventType)
        .setCategory(category != null ? category : EventTypes.categoryOf(eventType))
        .setOccurredAt(occurredAt)
        .setReceivedAt(receivedAt)
        .setUserId(text(event, "user_id"))
        .setAnonymousId(text(event, "anonymous_id"))
        .setSessionId(text(event, "session_id"))
        .setCustomerId(text(event, "customer_id"))
        .setResourceType(text(event, "resource_type"))
        .setResourceId(text(event, "resource_id"))
        .setPlatform(text(event, "platform"))
        .setAppVersion(text(event, "app_version"))
        .setIp(text(event, "ip"))
        .setUserAgent(text(event, "user_agent"))
        .setProperties(fields.properties(event, "properties", ""))
        .setRevenue(revenue(EventFields.field(event, "revenue")))
        .setUsage(usage(EventFields.field(event, "usage")))
        .build();
  }

  private String text(JsonNode event, String name) {
    return fields.text(event, name, "", EventFields.MAX_TEXT_LENGTH, true);
  }

  private Instant occurredAt(JsonNode event, Instant receivedAt) {
    JsonNode value = EventFields.field(event, "occurred_at");
    Instant occurredAt;
    if (value == null) {
      throw new EventRejected("occurred_at", Rule.REQUIRED, "required (ISO-8601 time or epoch milliseconds)");
    } else if (value.isIntegralNumber()) {
      occurredAt = EventFields.requireInRange(Instant.ofEpochMilli(value.asLong()), "occurred_at");
    } else {
      occurredAt = fields.timestamp(event, "occurred_at", "");
    }
    EventFields.requireNotFuture(occurredAt, receivedAt, maxAhead, "occurred_at");
    return occurredAt;
  }

  private Revenue revenue(JsonNode revenue) {
    if (revenue == null) {
      return null;
    }
    if (!revenue.isObject()) {
      throw new EventRejected("revenue", Rule.WRONG_TYPE, "must be an object, was " + EventFields.describe(revenue));
    }
    requireKnownFields(revenue, REVENUE_FIELDS, "revenue");
    String kind = fields.requiredText(revenue, "kind", "revenue", 16);
    RevenueKind revenueKind;
    try {
      revenueKind = RevenueKind.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw new EventRejected("revenue.kind", Rule.INVALID_VALUE, "must be 'sale' or 'refund', was '" + EventFields.abbreviate(kind) + "'");
    }
    Currency currency = MinorUnits.currency(fields.requiredText(revenue, "currency", "revenue", 8), "revenue.currency");
    Long amount = fields.whole(revenue, "amount_minor", "revenue");
    if (amount == null) {
      throw new EventRejected("revenue.amount_minor", Rule.REQUIRED, "required (a whole number of minor units of the currency)");
    }
    return Revenue.newBuilder()
        .setKind(revenueKind)
        .setCurrency(currency.getCurrencyCode())
        .setAmountMinor(nonNegative(amount, "revenue.amount_minor"))
        .setOrderId(fields.text(revenue, "order_id", "revenue", EventFields.MAX_TEXT_LENGTH, true))
        .setInvoiceId(fields.text(revenue, "invoice_id", "revenue", EventFields.MAX_TEXT_LENGTH, true))
        .setTaxMinor(minorOrZero(revenue, "tax_minor"))
        .setShippingMinor(minorOrZero(revenue, "shipping_minor"))
        .setDiscountMinor(minorOrZero(revenue, "discount_minor"))
        .build();
  }

  private long minorOrZero(JsonNode revenue, String name) {
    Long value = fields.whole(revenue, name, "revenue");
    return value == null ? 0L : nonNegative(value, "revenue." + name);
  }

  private static long nonNegative(long value, String path) {
    if (value < 0) {
      throw new EventRejected(path, Rule.NEGATIVE_AMOUNT, "must not be negative (was " + value + ")");
    }
    return value;
  }

  private dev.tally.schemas.event.Usage usage(JsonNode usage) {
    if (usage == null) {
      return null;
    }
    if (!usage.isObject()) {
      throw new EventRejected("usage", Rule.WRONG_TYPE, "must be an object, was " + EventFields.describe(usage));
    }
    requireKnownFields(usage, Set.of("tokens", "response_time_ms", "agent_id", "conversation_id", "status", "rating"), "usage");
    return fields.usage(usage, "usage");
  }

  private static void requireKnownFields(JsonNode object, Set<String> known, String path) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new EventRejected(EventFields.path(path, name), Rule.UNKNOWN_FIELD,
            "is not a field of the native event model" + (path.isEmpty() ? "" : " (" + path + ")"));
      }
    }
  }
}
