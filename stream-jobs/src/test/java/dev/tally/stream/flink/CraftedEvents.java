package dev.tally.stream.flink;

import static dev.tally.stream.flink.Events.event;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.stream.config.StreamSettings;
import java.util.List;
import java.util.Map;

/**
 * Fifteen events of two organizations over an hour of event time, in sending order, that show every
 * rule of the stream: a retry, an event out of order within the bound, a late event within the
 * lateness, events too late, a retry past the horizon, sessions. Sent to one partition and read at
 * parallelism 1, what is late is decided by this order.
 */
final class CraftedEvents {

  private CraftedEvents() {}

  static List<AnalyticsEvent> of(String a, String b) {
    AnalyticsEvent a1 = event(a, "a1", "message_sent", "2042-03-01T10:00:05Z").user("u1").usage(100, 200).get();
    AnalyticsEvent a3 = event(a, "a3", "order_completed", "2042-03-01T10:00:50Z").user("u1").sale(1999, "USD").get();
    return List.of(
        a1,
        event(a, "a2", "message_sent", "2042-03-01T10:00:20Z").user("u2").usage(50, 400).get(),
        a1, // a retry: same event
        a3,
        event(a, "a4", "page_viewed", "2042-03-01T10:00:03Z").anonymous("x1").ip("192.0.2.7").get(), // out of order, in bound
        event(b, "b1", "page_viewed", "2042-03-01T10:00:10Z").anonymous("y1").get(),
        event(a, "a5", "order_refunded", "2042-03-01T10:01:10Z").user("u1").refund(500, "USD").get(),
        event(b, "b2", "page_viewed", "2042-03-01T10:00:40Z").anonymous("y1").get(),
        event(a, "a6", "message_sent", "2042-03-01T10:03:00Z").user("u3").usage(10, 1000).get(), // closes 10:00 and 10:01
        event(a, "a7", "message_sent", "2042-03-01T10:00:30Z").user("u4").usage(5, 300).get(),  // late, within lateness
        event(b, "b3", "page_viewed", "2042-03-01T10:45:00Z").anonymous("y1").get(),            // a new session of y1
        event(a, "a8", "page_viewed", "2042-03-01T11:10:00Z").user("u1").get(),                 // watermark 11:09:54
        event(a, "a9", "message_sent", "2042-03-01T10:05:00Z").user("u5").get(),                // too late (past 61 min)
        event(a, "a10", "order_completed", "2042-03-01T10:09:30Z").sale(700, "EUR").get(),      // late, within lateness
        a3); // a retry past the horizon: too late, not counted again
  }

  /** An hour of allowed lateness (the default is minutes), so that an hour of event time shows every rule. */
  static StreamSettings settings(StreamSettings base) {
    return base.with(Map.of(Setting.STREAM_ALLOWED_LATENESS_MINUTES, "60", Setting.STREAM_DEDUP_HORIZON, "61m"));
  }
}
