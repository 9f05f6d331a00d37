package dev.tally.batch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A raw event row for ClickHouse {@code events}, built field by field in tests. */
final class Event {

  final Map<String, Object> row = new LinkedHashMap<>();

  private Event(String organizationId, String eventId, String type, Instant at) {
    row.put("organization_id", organizationId);
    row.put("event_id", eventId);
    row.put("event_type", type);
    row.put("category", "test");
    String seconds = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC).format(at);
    row.put("occurred_at", seconds);
    row.put("occurred_at_ms", at.toEpochMilli());
    row.put("received_at", seconds);
    row.put("received_at_ms", at.toEpochMilli());
    for (String column : new String[] {"user_id", "revenue_kind", "revenue_amount_minor", "revenue_currency",
        "revenue_order_id", "revenue_invoice_id", "revenue_tax_minor", "revenue_shipping_minor", "revenue_discount_minor",
        "usage_tokens", "usage_response_time_ms", "usage_agent_id", "usage_status", "usage_rating"}) {
      row.put(column, null);
    }
  }

  static Event of(String organizationId, String eventId, String type, String at) {
    return new Event(organizationId, eventId, type, Instant.parse(at));
  }

  /** When the collector received this copy (default: when it occurred). */
  Event received(String at) {
    Instant instant = Instant.parse(at);
    row.put("received_at", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(java.time.ZoneOffset.UTC).format(instant));
    row.put("received_at_ms", instant.toEpochMilli());
    return this;
  }

  Event user(String userId) {
    row.put("user_id", userId);
    return this;
  }

  Event usage(String agentId, long tokens, Double responseTimeMs, String status, Integer rating) {
    row.put("usage_agent_id", agentId);
    row.put("usage_tokens", tokens);
    row.put("usage_response_time_ms", responseTimeMs);
    row.put("usage_status", status);
    row.put("usage_rating", rating);
    return this;
  }

  Event tokens(long tokens) {
    row.put("usage_tokens", tokens);
    return this;
  }

  Event sale(long amountMinor, String currency, String orderId, long tax, long shipping, long discount) {
    revenue("sale", amountMinor, currency);
    row.put("revenue_order_id", orderId);
    row.put("revenue_tax_minor", tax);
    row.put("revenue_shipping_minor", shipping);
    row.put("revenue_discount_minor", discount);
    return this;
  }

  Event refund(long amountMinor, String currency, String orderId) {
    revenue("refund", amountMinor, currency);
    row.put("revenue_order_id", orderId);
    return this;
  }

  Event invoice(String kind, long amountMinor, String currency, String invoiceId) {
    revenue(kind, amountMinor, currency);
    row.put("revenue_invoice_id", invoiceId);
    return this;
  }

  private void revenue(String kind, long amountMinor, String currency) {
    row.put("revenue_kind", kind);
    row.put("revenue_amount_minor", amountMinor);
    row.put("revenue_currency", currency);
  }
}
