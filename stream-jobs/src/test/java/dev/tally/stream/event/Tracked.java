package dev.tally.stream.event;

/** Test events, built field by field. */
public final class Tracked {

  private final TrackedEvent event = new TrackedEvent();

  private Tracked(String organizationId, String eventId, String eventType, long occurredAt) {
    event.organizationId = organizationId;
    event.eventId = eventId;
    event.eventType = eventType;
    event.occurredAt = occurredAt;
    event.receivedAt = occurredAt;
  }

  public static Tracked event(String organizationId, String eventId, String eventType, long occurredAt) {
    return new Tracked(organizationId, eventId, eventType, occurredAt);
  }

  public Tracked user(String userId) {
    event.userId = userId;
    return this;
  }

  public Tracked anonymous(String anonymousId) {
    event.anonymousId = anonymousId;
    return this;
  }

  public Tracked sale(long amountMinor, String currency) {
    event.revenueKind = "sale";
    event.revenueAmountMinor = amountMinor;
    event.revenueCurrency = currency;
    return this;
  }

  public Tracked refund(long amountMinor, String currency) {
    event.revenueKind = "refund";
    event.revenueAmountMinor = amountMinor;
    event.revenueCurrency = currency;
    return this;
  }

  public Tracked usage(long tokens, double responseTimeMs) {
    event.tokens = tokens;
    event.responseTimeMs = responseTimeMs;
    return this;
  }

  public Tracked ip(String ip) {
    event.ip = ip;
    return this;
  }

  public TrackedEvent get() {
    return event;
  }
}
