package dev.tally.stream.flink;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.event.Usage;
import java.time.Instant;
import java.util.Map;

/** Avro events for the integration tests, built field by field. */
final class Events {

  private final AnalyticsEvent.Builder builder;

  private Events(String organizationId, String eventId, String eventType, Instant occurredAt) {
    builder = AnalyticsEvent.newBuilder()
        .setOrganizationId(organizationId)
        .setEventId(eventId)
        .setEventType(eventType)
        .setCategory(eventType.startsWith("order") ? "commerce" : "engagement")
        .setOccurredAt(occurredAt)
        .setReceivedAt(occurredAt.plusMillis(250))
        .setProperties(Map.of("path", "\"/\""));
  }

  static Events event(String organizationId, String eventId, String eventType, String occurredAt) {
    return new Events(organizationId, eventId, eventType, Instant.parse(occurredAt));
  }

  static Events event(String organizationId, String eventId, String eventType, Instant occurredAt) {
    return new Events(organizationId, eventId, eventType, occurredAt);
  }

  Events user(String userId) {
    builder.setUserId(userId);
    return this;
  }

  Events anonymous(String anonymousId) {
    builder.setAnonymousId(anonymousId);
    return this;
  }

  Events ip(String ip) {
    builder.setIp(ip);
    return this;
  }

  Events sale(long amountMinor, String currency) {
    builder.setRevenue(Revenue.newBuilder().setKind(RevenueKind.sale).setAmountMinor(amountMinor).setCurrency(currency)
        .setOrderId("o-" + builder.getEventId()).build());
    return this;
  }

  Events refund(long amountMinor, String currency) {
    builder.setRevenue(Revenue.newBuilder().setKind(RevenueKind.refund).setAmountMinor(amountMinor).setCurrency(currency)
        .build());
    return this;
  }

  Events usage(long tokens, double responseTimeMs) {
    builder.setUsage(Usage.newBuilder().setTokens(tokens).setResponseTimeMs(responseTimeMs).setAgentId("agent-1").build());
    return this;
  }

  AnalyticsEvent get() {
    return builder.build();
  }
}
