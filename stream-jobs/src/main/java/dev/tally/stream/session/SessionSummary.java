package dev.tally.stream.session;

import dev.tally.stream.event.TrackedEvent;
import dev.tally.stream.sink.StoreRow;
import java.time.Instant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One user's session as its events arrive: first and last event time, counts, conversion. Summaries
 * of two parts of a session merge (Flink merges session windows when an event bridges them). The
 * fields that describe the visitor (ids, ip, platform) come from the session's earliest event, so
 * the result does not depend on the order events arrive in. Events must already be deduplicated.
 */
public class SessionSummary implements StoreRow {

  public static final String PAGE_VIEWED = "page_viewed";

  public String organizationId;
  public String userId;
  public String anonymousId;
  public long startedAt = Long.MAX_VALUE;
  public String firstEventId;
  public long lastEventAt = Long.MIN_VALUE;
  public long events;
  public long pageViews;
  public String ip;
  public String platform;
  /** Sales per currency, in its minor unit. */
  public Map<String, Long> salesMinor = new HashMap<>();
  /** Time of the first sale per currency: the earliest one names the conversion currency. */
  public Map<String, Long> firstSaleAt = new HashMap<>();
  public boolean hasConversion;

  public SessionSummary() {}

  public void add(TrackedEvent event) {
    events++;
    if (PAGE_VIEWED.equals(event.eventType)) {
      pageViews++;
    }
    if (events == 1 || isEarlier(event.occurredAt, event.eventId)) {
      startedWith(event.occurredAt, event.eventId, event.organizationId, event.userId, event.anonymousId, event.ip,
          event.platform);
    }
    lastEventAt = Math.max(lastEventAt, event.occurredAt);
    if ("sale".equals(event.revenueKind) && event.revenueCurrency != null) {
      hasConversion = true;
      salesMinor.merge(event.revenueCurrency, event.revenueAmountMinor, Long::sum);
      firstSaleAt.merge(event.revenueCurrency, event.occurredAt, Math::min);
    }
  }

  /** Adds {@code other} (another part of the same user's session) to this one. */
  public void merge(SessionSummary other) {
    if (other.events == 0) {
      return;
    }
    if (events == 0 || isEarlier(other.startedAt, other.firstEventId)) {
      startedWith(other.startedAt, other.firstEventId, other.organizationId, other.userId, other.anonymousId, other.ip,
          other.platform);
    }
    events += other.events;
    pageViews += other.pageViews;
    lastEventAt = Math.max(lastEventAt, other.lastEventAt);
    hasConversion |= other.hasConversion;
    other.salesMinor.forEach((currency, amount) -> salesMinor.merge(currency, amount, Long::sum));
    other.firstSaleAt.forEach((currency, at) -> firstSaleAt.merge(currency, at, Math::min));
  }

  /** An event at {@code at} with {@code eventId} comes before this session's first (ties: smaller id). */
  private boolean isEarlier(long at, String eventId) {
    return at < startedAt || at == startedAt && eventId.compareTo(firstEventId) < 0;
  }

  /** The session's first event and the visitor it describes. */
  private void startedWith(long at, String eventId, String organization, String user, String anonymous, String address,
      String device) {
    startedAt = at;
    firstEventId = eventId;
    organizationId = organization;
    userId = user;
    anonymousId = anonymous;
    ip = address;
    platform = device;
  }

  /** The currency of the session's earliest sale (ties: the smaller code), or null without a sale. */
  public String conversionCurrency() {
    return firstSaleAt.entrySet().stream()
        .min(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).orElse(null);
  }

  /** The session's key in {@code user_sessions}: the same organization, visitor and start give the same id. */
  public String sessionId() {
    String visitor = userId != null ? "user:" + userId : "anonymous:" + anonymousId;
    return UUID.nameUUIDFromBytes((organizationId + "|" + visitor + "|" + startedAt).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  @Override
  public String organization() {
    return organizationId;
  }

  @Override
  public String describe() {
    return "session_id=" + sessionId() + ", organization_id=" + organizationId + ", user_id=" + userId + ", anonymous_id="
        + anonymousId + ", started_at=" + Instant.ofEpochMilli(startedAt) + ", ended_at=" + Instant.ofEpochMilli(lastEventAt)
        + ", events_count=" + events + ", page_views_count=" + pageViews + ", conversion_currency=" + conversionCurrency()
        + ", sales_minor=" + new TreeMap<>(salesMinor) + ", ip_address=" + ip + ", device_type=" + platform;
  }

  public long durationSeconds() {
    return (lastEventAt - startedAt) / 1000;
  }

  /** A bounce is a session of one event. */
  public boolean isBounce() {
    return events == 1;
  }

  /**
   * Sales in the session's conversion currency in its major unit, rounded half-even to the two
   * decimals of {@code user_sessions.conversion_value}; 0 without a sale.
   */
  public BigDecimal conversionValue() {
    String conversionCurrency = conversionCurrency();
    if (conversionCurrency == null) {
      return BigDecimal.ZERO.setScale(2);
    }
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(conversionCurrency).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknownCurrency) {
      digits = 2;
    }
    return BigDecimal.valueOf(salesMinor.get(conversionCurrency), digits).setScale(2, RoundingMode.HALF_EVEN);
  }
}
