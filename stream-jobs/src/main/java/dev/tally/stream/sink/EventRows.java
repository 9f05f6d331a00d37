package dev.tally.stream.sink;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.Usage;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event as a ClickHouse RowBinary row of {@code load-events.sql}: the same event, the same row
 * (property keys sorted). RowBinary skips the driver's per-parameter text formatting and escaping.
 */
public final class EventRows {

  private EventRows() {}

  public static void write(RowBinary out, AnalyticsEvent e) {
    out.writeString(e.getOrganizationId());
    out.writeString(e.getEventId());
    out.writeString(e.getEventType());
    out.writeString(e.getCategory());
    long occurred = e.getOccurredAt().toEpochMilli();
    long received = e.getReceivedAt().toEpochMilli();
    out.writeDateTime(occurred);
    out.writeUInt64(occurred);
    out.writeDateTime(received);
    out.writeUInt64(received);
    for (String value : new String[] {e.getUserId(), e.getAnonymousId(), e.getSessionId(), e.getCustomerId(),
        e.getResourceType(), e.getResourceId(), e.getPlatform(), e.getAppVersion(), e.getIp(), e.getUserAgent()}) {
      string(out, value);
    }
    Map<String, String> properties = new TreeMap<>(e.getProperties());
    out.writeStringArray(properties.keySet().toArray(String[]::new));
    out.writeStringArray(properties.values().toArray(String[]::new));
    Revenue r = e.getRevenue();
    string(out, r == null ? null : r.getKind().name());
    int64(out, r == null ? null : r.getAmountMinor());
    string(out, r == null ? null : r.getCurrency());
    string(out, r == null ? null : r.getOrderId());
    string(out, r == null ? null : r.getInvoiceId());
    int64(out, r == null ? null : r.getTaxMinor());
    int64(out, r == null ? null : r.getShippingMinor());
    int64(out, r == null ? null : r.getDiscountMinor());
    Usage u = e.getUsage();
    int64(out, u == null ? null : u.getTokens());
    Double responseTime = u == null ? null : u.getResponseTimeMs();
    out.markNextNullable(responseTime == null);
    if (responseTime != null) {
      out.writeFloat64(responseTime);
    }
    string(out, u == null ? null : u.getAgentId());
    string(out, u == null ? null : u.getConversationId());
    string(out, u == null || u.getStatus() == null ? null : u.getStatus().name());
    Integer rating = u == null ? null : u.getRating();
    out.markNextNullable(rating == null);
    if (rating != null) {
      out.writeUInt8(Math.max(0, Math.min(255, rating)));
    }
  }

  private static void string(RowBinary out, String value) {
    out.markNextNullable(value == null);
    if (value != null) {
      out.writeString(value);
    }
  }

  private static void int64(RowBinary out, Long value) {
    out.markNextNullable(value == null);
    if (value != null) {
      out.writeInt64(value);
    }
  }
}
