package dev.tally.stream.metrics;

import dev.tally.stream.event.TrackedEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partial aggregate of one organization's events in one stretch of time (a minute, or several
 * minutes merged): every value is mergeable, so rolling windows are sums of minute panes. Events
 * given to {@link #add} must already be deduplicated. A Flink POJO (public fields).
 */
public class MinutePane {

  public static final String MESSAGE_SENT = "message_sent";

  public long events;
  public Map<String, Long> eventsByType = new HashMap<>();
  /** Distinct user ids ("active" = any event with a user_id). */
  public UserSet users = new UserSet();
  public long messages;
  public long tokens;
  public long responseTimes;
  /**
   * Sum of response times in whole microseconds: integer sums do not depend on the order events
   * arrive in (double sums do, in their last bits), so a replay writes the same row.
   */
  public long responseTimeSumMicros;
  public ResponseTimeSketch responseTimeSketch = new ResponseTimeSketch();
  /** Sales minus refunds per ISO 4217 currency, in its minor unit. */
  public Map<String, Long> netRevenueMinor = new HashMap<>();

  public MinutePane() {}

  public void add(TrackedEvent event) {
    events++;
    eventsByType.merge(event.eventType, 1L, Long::sum);
    if (event.userId != null) {
      users.add(event.userId);
    }
    if (MESSAGE_SENT.equals(event.eventType)) {
      messages++;
    }
    if (event.tokens != null) {
      tokens += event.tokens;
    }
    if (event.responseTimeMs != null && Double.isFinite(event.responseTimeMs)) {
      responseTimes++;
      responseTimeSumMicros += Math.round(event.responseTimeMs * 1000);
      responseTimeSketch.add(event.responseTimeMs);
    }
    if (event.hasRevenue()) {
      netRevenueMinor.merge(event.revenueCurrency, event.netRevenueMinor(), Long::sum);
    }
  }

  /** Adds {@code other}'s values to this pane's (other is not changed). */
  public void merge(MinutePane other) {
    addMeasures(other, 1);
    users.addAll(other.users);
  }

  /**
   * Adds ({@code sign} 1) or takes away (-1) {@code other}'s values but its users to this pane's: the
   * sums of a rolling window as minutes enter and leave it. A type or response-time bucket whose
   * count falls to zero is removed, as if never added; revenue currencies are left to the caller
   * (a net of zero is still a currency with revenue).
   */
  void addMeasures(MinutePane other, int sign) {
    events += sign * other.events;
    other.eventsByType.forEach((type, count) -> eventsByType.merge(type, sign * count, MinutePane::sumOrNone));
    messages += sign * other.messages;
    tokens += sign * other.tokens;
    responseTimes += sign * other.responseTimes;
    responseTimeSumMicros += sign * other.responseTimeSumMicros;
    responseTimeSketch.add(other.responseTimeSketch, sign);
    other.netRevenueMinor.forEach((currency, amount) -> netRevenueMinor.merge(currency, sign * amount, Long::sum));
  }

  /** The sum of two counts, or null (no entry) when it is zero. */
  static Long sumOrNone(Long a, Long b) {
    long sum = a + b;
    return sum == 0 ? null : sum;
  }

  public double responseTimeSumMs() {
    return responseTimeSumMicros / 1000.0;
  }

  public long activeUsers() {
    return users.size();
  }

  /** Mean response time over the events that carry one, or null when none does. */
  public Double meanResponseTimeMs() {
    return responseTimes == 0 ? null : responseTimeSumMs() / responseTimes;
  }

  /** 95th percentile of the response times (within the sketch's 1 %), or null when none. */
  public Double p95ResponseTimeMs() {
    return responseTimeSketch.quantile(0.95);
  }

  /** The values as text (dead letters). */
  public String describe() {
    return describe(activeUsers());
  }

  /** The values as text, with {@code activeUsers} counted elsewhere (a rolling window's). */
  public String describe(long activeUsers) {
    return "events_count=" + events + ", events_by_type=" + new TreeMap<>(eventsByType) + ", active_users="
        + activeUsers + ", messages_count=" + messages + ", total_tokens=" + tokens + ", response_time_count="
        + responseTimes + ", response_time_sum_ms=" + responseTimeSumMs() + ", net_revenue_minor="
        + new TreeMap<>(netRevenueMinor);
  }

  public MinutePane copy() {
    MinutePane copy = new MinutePane();
    copy.addMeasures(this, 1);
    copy.users = users.copy();
    return copy;
  }
}
