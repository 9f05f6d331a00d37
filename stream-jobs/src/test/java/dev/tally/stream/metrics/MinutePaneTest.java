package dev.tally.stream.metrics;

import static dev.tally.stream.event.Tracked.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.stream.event.TrackedEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinutePaneTest {

  private static final String ORG = "00000000-0000-0000-0000-000000000001";

  private final List<TrackedEvent> events = List.of(
      event(ORG, "e1", "message_sent", 0).user("u1").usage(100, 200).get(),
      event(ORG, "e2", "message_sent", 1).user("u2").usage(50, 400).get(),
      event(ORG, "e3", "order_completed", 2).user("u1").sale(1999, "USD").get(),
      event(ORG, "e4", "order_refunded", 3).refund(500, "USD").get(),
      event(ORG, "e5", "order_completed", 4).anonymous("a1").sale(1200, "JPY").get());

  @Test
  void aPaneCountsEventsUsersMessagesTokensAndNetRevenue() {
    MinutePane pane = new MinutePane();
    events.forEach(pane::add);
    assertThat(pane.events).isEqualTo(5);
    assertThat(pane.eventsByType).isEqualTo(Map.of("message_sent", 2L, "order_completed", 2L, "order_refunded", 1L));
    assertThat(pane.activeUsers()).isEqualTo(2);
    assertThat(pane.messages).isEqualTo(2);
    assertThat(pane.tokens).isEqualTo(150);
    assertThat(pane.meanResponseTimeMs()).isEqualTo(300.0);
    assertThat(pane.netRevenueMinor).isEqualTo(Map.of("USD", 1499L, "JPY", 1200L));
  }

  @Test
  void mergedPanesEqualOnePaneOfAllTheirEvents() {
    MinutePane first = new MinutePane();
    MinutePane second = new MinutePane();
    MinutePane all = new MinutePane();
    for (int i = 0; i < events.size(); i++) {
      (i < 2 ? first : second).add(events.get(i));
      all.add(events.get(i));
    }
    MinutePane merged = first.copy();
    merged.merge(second);
    assertThat(merged).usingRecursiveComparison().ignoringFields("users").isEqualTo(all);
    assertThat(merged.activeUsers()).isEqualTo(all.activeUsers()).isEqualTo(2);
    assertThat(first.events).as("merge leaves its argument alone").isEqualTo(2);
  }

  @Test
  void theResponseTimeSumDoesNotDependOnTheOrderOfEvents() {
    MinutePane forward = new MinutePane();
    MinutePane backward = new MinutePane();
    double[] times = {0.1, 0.2, 0.3, 1e6 + 0.7, 33.333};
    for (int i = 0; i < times.length; i++) {
      forward.add(event(ORG, "f" + i, "message_sent", i).usage(1, times[i]).get());
      backward.add(event(ORG, "b" + i, "message_sent", i).usage(1, times[times.length - 1 - i]).get());
    }
    assertThat(forward.responseTimeSumMs()).isEqualTo(backward.responseTimeSumMs()).isEqualTo(1_000_034.633);
  }

  @Test
  void withoutResponseTimesMeanAndP95AreAbsent() {
    MinutePane pane = new MinutePane();
    pane.add(events.get(2));
    assertThat(pane.meanResponseTimeMs()).isNull();
    assertThat(pane.p95ResponseTimeMs()).isNull();
  }
}
