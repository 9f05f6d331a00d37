package dev.tally.schemas.event;

import java.time.Instant;
import java.util.Map;

/** Fully populated events for tests. */
public final class TestEvents {

  private TestEvents() {}

  public static AnalyticsEvent orderCompleted() {
    return AnalyticsEvent.newBuilder()
        .setEventId("3f1c2a9e-0d4b-4d55-9a53-0f7a3c2b1d10")
        .setOrganizationId("8d5e1b7c-2f4a-4c3e-9b1d-6a7f0e2c4b90")
        .setEventType("order_completed")
        .setCategory("commerce")
        .setOccurredAt(Instant.parse("2026-11-20T23:59:59.999Z"))
        .setReceivedAt(Instant.parse("2026-11-21T00:00:00.120Z"))
        .setUserId("user-42")
        .setSessionId("s-1")
        .setPlatform("web")
        .setProperties(Map.of("coupon", "\"BLACKFRIDAY\"", "items", "3"))
        .setRevenue(Revenue.newBuilder()
            .setKind(RevenueKind.sale)
            .setAmountMinor(1_999_000L)
            .setCurrency("JPY")
            .setOrderId("o-1001")
            .setTaxMinor(181_727L)
            .setShippingMinor(0L)
            .setDiscountMinor(5_000L)
            .build())
        .setUsage(Usage.newBuilder()
            .setTokens(1234L)
            .setResponseTimeMs(845.5)
            .setAgentId("agent-7")
            .setStatus(UsageStatus.ok)
            .setRating(5)
            .build())
        .build();
  }
}
