package dev.tally.stream.event;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.event.Usage;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The fields of an {@link AnalyticsEvent} that the rolling metrics and sessions read, so the whole
 * Avro record does not cross the network. Flink writes it with {@link TrackedEventSerializer}.
 * Every String field except the ids may be null.
 */
@TypeInfo(TrackedEventType.Factory.class)
public class TrackedEvent {

  public String organizationId;
  public String eventId;
  public String eventType;
  /** Event time, epoch milliseconds. */
  public long occurredAt;
  public long receivedAt;
  public String userId;
  public String anonymousId;
  /** {@code sale}, {@code refund} or null when the event carries no revenue. */
  public String revenueKind;
  public long revenueAmountMinor;
  public String revenueCurrency;
  public Long tokens;
  public Double responseTimeMs;
  public String ip;
  public String platform;

  public TrackedEvent() {}

  /** The tracked fields of {@code event} (not null). */
  public static TrackedEvent of(AnalyticsEvent event) {
    TrackedEvent e = new TrackedEvent();
    e.organizationId = event.getOrganizationId();
    e.eventId = event.getEventId();
    e.eventType = event.getEventType();
    e.occurredAt = event.getOccurredAt().toEpochMilli();
    e.receivedAt = event.getReceivedAt().toEpochMilli();
    e.userId = event.getUserId();
    e.anonymousId = event.getAnonymousId();
    e.ip = event.getIp();
    e.platform = event.getPlatform();
    Revenue revenue = event.getRevenue();
    if (revenue != null) {
      e.revenueKind = revenue.getKind() == RevenueKind.refund ? "refund" : "sale";
      e.revenueAmountMinor = revenue.getAmountMinor();
      e.revenueCurrency = revenue.getCurrency();
    }
    Usage usage = event.getUsage();
    if (usage != null) {
      e.tokens = usage.getTokens();
      e.responseTimeMs = usage.getResponseTimeMs();
    }
    return e;
  }

  /** Sales count positive, refunds negative, in the currency's minor unit; 0 without revenue. */
  public long netRevenueMinor() {
    if (revenueKind == null || revenueCurrency == null) {
      return 0;
    }
    return "refund".equals(revenueKind) ? -revenueAmountMinor : revenueAmountMinor;
  }

  public boolean hasRevenue() {
    return revenueKind != null && revenueCurrency != null;
  }

  @Override
  public String toString() {
    return organizationId + "/" + eventId + " " + eventType + " @" + occurredAt;
  }
}
