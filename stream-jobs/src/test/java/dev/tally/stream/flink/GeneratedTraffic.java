package dev.tally.stream.flink;

import static dev.tally.stream.flink.Events.event;

import dev.tally.schemas.event.AnalyticsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded traffic for the restart tests: organizations' events in time order with up to 2 s of
 * jitter (inside the 5 s out-of-orderness), 2 % retries of an earlier event, 1 % visitor-less
 * events 10 minutes late (inside the allowed lateness). Nothing is too late, so what the job writes
 * does not depend on how partitions interleave. The last organization goes quiet after 60 % of the
 * traffic and the one before it after 85 %, so organizations' newest minutes differ (their rolling
 * windows must still end where the input ends).
 */
final class GeneratedTraffic {

  private static final String[] TYPES = {"page_viewed", "page_viewed", "message_sent", "message_sent",
      "conversation_started", "order_completed", "order_refunded"};

  private GeneratedTraffic() {}

  static List<AnalyticsEvent> of(List<String> organizations, int eventsPerOrganization, Instant start, long seed) {
    Random random = new Random(seed);
    List<AnalyticsEvent> events = new ArrayList<>();
    int total = organizations.size() * eventsPerOrganization;
    for (int i = 0; i < total; i++) {
      int active = organizations.size() - (i < total * 6 / 10 ? 0 : i < total * 85 / 100 ? 1 : 2);
      String org = organizations.get(random.nextInt(Math.max(active, 1)));
      Instant at = start.plusMillis(i * 2000L / organizations.size() + random.nextInt(2000));
      String id = "g" + i;
      String type = TYPES[random.nextInt(TYPES.length)];
      AnalyticsEvent e;
      if (random.nextInt(100) == 0) {
        e = event(org, id, "workflow_executed", at.minusSeconds(600)).get();
      } else {
        Events b = event(org, id, type, at);
        if (random.nextInt(5) == 0) {
          b.anonymous("anon-" + random.nextInt(20));
        } else {
          b.user("user-" + random.nextInt(30)).ip("198.51.100." + random.nextInt(200));
        }
        switch (type) {
          case "message_sent" -> b.usage(random.nextInt(500), 50 + random.nextInt(3000) / 7.0);
          case "order_completed" -> b.sale(100 + random.nextInt(100_000), random.nextBoolean() ? "USD" : "EUR");
          case "order_refunded" -> b.refund(100 + random.nextInt(10_000), random.nextBoolean() ? "USD" : "JPY");
          default -> { }
        }
        e = b.get();
      }
      events.add(e);
      if (random.nextInt(50) == 0 && events.size() > 10) {
        events.add(events.get(events.size() - 1 - random.nextInt(10)));
      }
    }
    return events;
  }
}
