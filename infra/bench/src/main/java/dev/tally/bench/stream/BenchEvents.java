package dev.tally.bench.stream;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.event.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded events with the mix of the ingest generator (page views, messages with token usage and
 * response times, orders, refunds), for one organization at a time: ids are unique, times are
 * given by the caller.
 */
final class BenchEvents {

  private static final String[] TYPES = {"page_viewed", "page_viewed", "page_viewed", "message_sent", "message_sent",
      "conversation_started", "order_completed", "order_refunded", "workflow_executed"};
  private static final String[] CURRENCIES = {"USD", "EUR", "JPY", "GBP"};

  private final List<String> organizations;
  private final int usersPerOrganization;
  private final Random random;
  private long next;

  BenchEvents(List<String> organizations, int usersPerOrganization, long seed) {
    this.organizations = organizations;
    this.usersPerOrganization = usersPerOrganization;
    this.random = new Random(seed);
  }

  String organization(long index) {
    return organizations.get((int) (index % organizations.size()));
  }

  AnalyticsEvent next(String organization, Instant occurredAt, Instant receivedAt) {
    String type = TYPES[random.nextInt(TYPES.length)];
    AnalyticsEvent.Builder b = AnalyticsEvent.newBuilder()
        .setEventId("bench-" + next++)
        .setOrganizationId(organization)
        .setEventType(type)
        .setCategory(type.startsWith("order") ? "commerce" : "engagement")
        .setOccurredAt(occurredAt)
        .setReceivedAt(receivedAt)
        .setPlatform("web")
        .setProperties(Map.of("path", "\"/pricing\""));
    if (random.nextInt(5) == 0) {
      b.setAnonymousId("anon-" + random.nextInt(usersPerOrganization));
    } else {
      b.setUserId("user-" + random.nextInt(usersPerOrganization)).setIp("203.0.113." + random.nextInt(250));
    }
    switch (type) {
      case "message_sent" -> b.setUsage(Usage.newBuilder().setTokens((long) random.nextInt(2000))
          .setResponseTimeMs(40 + random.nextInt(4000) * random.nextDouble()).setAgentId("agent-" + random.nextInt(10)).build());
      case "order_completed" -> b.setRevenue(Revenue.newBuilder().setKind(RevenueKind.sale)
          .setAmountMinor(100 + random.nextInt(50_000)).setCurrency(CURRENCIES[random.nextInt(CURRENCIES.length)])
          .setOrderId("o-" + next).build());
      case "order_refunded" -> b.setRevenue(Revenue.newBuilder().setKind(RevenueKind.refund)
          .setAmountMinor(100 + random.nextInt(5_000)).setCurrency(CURRENCIES[random.nextInt(CURRENCIES.length)]).build());
      default -> { }
    }
    return b.build();
  }
}
