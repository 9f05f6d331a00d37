package dev.tally.stream.session;

import dev.tally.stream.event.TrackedEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.UUID;

/**
 * One user's session as its events arrive: first and last event time, counts, conversion. Summaries
 * of two parts of a session merge (Flink merges session windows when an event bridges them). The
 * fields that describe the visitor (ids, ip, platform) come from the session's earliest event, so
 * the result does not depend on the order events arrive in. Events must already be deduplicated.
 */
public class SessionSummary {

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
  /** Currency of the session's conversion value: that of its earliest sale. */
  public String conversionCurrency;
  public long conversionMinor;
  public long conversionAt = Long.MAX_VALUE;
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
      addConversion(event.revenueCurrency, event.revenueAmountMinor, event.occurredAt);
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
    if (other.hasConversion) {
      hasConversion = true;
      addConversion(other.conversionCurrency, other.conversionMinor, other.conversionAt);
    }
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

  private void addConversion(String currency, long amountMinor, long at) {
    if (conversionCurrency == null || currency.equals(conversionCurrency)) {
      conversionCurrency = currency;
      conversionMinor += amountMinor;
      conversionAt = Math.min(conversionAt, at);
    } else if (at < conversionAt) {
      // a sale in another currency came earlier: it names the session's currency
      conversionCurrency = currency;
      conversionMinor = amountMinor;
      conversionAt = at;
    }
  }

  /** The session's key in {@code user_sessions}: the same organization, visitor and start give the same id. */
  public String sessionId() {
    String visitor = userId != null ? "user:" + userId : "anonymous:" + anonymousId;
    return UUID.nameUUIDFromBytes((organizationId + "|" + visitor + "|" + startedAt).getBytes(StandardCharsets.UTF_8))
        .toString();
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
    if (conversionCurrency == null) {
      return BigDecimal.ZERO.setScale(2);
    }
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(conversionCurrency).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknownCurrency) {
      digits = 2;
    }
    return BigDecimal.valueOf(conversionMinor, digits).setScale(2, RoundingMode.HALF_EVEN);
  }
}
