package dev.tally.e2e.truth;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.event.UsageStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nightly rollups computed straight from deduplicated events by the definitions of docs/architecture.md (Metric definitions),
 * in plain Java, sharing no code with the jobs. Rows are {@code |}-joined text in the column order
 * of the PostgreSQL tables, sorted by their key, so a test compares them with a query's rows as text.
 */
public final class Truth {

  private Truth() {}

  /** organization|date|messages|conversations|tokens|unique users|avg response time|agents|workflows */
  public static List<String> dailyMetrics(Collection<AnalyticsEvent> events) {
    return rows(events, e -> e.getOrganizationId() + "|" + day(e), group -> {
      Set<String> users = new HashSet<>();
      Set<String> agents = new HashSet<>();
      Mean responseTime = new Mean();
      long tokens = 0;
      for (AnalyticsEvent e : group) {
        if (e.getUserId() != null) {
          users.add(e.getUserId());
        }
        if (e.getUsage() != null) {
          tokens += e.getUsage().getTokens() == null ? 0 : e.getUsage().getTokens();
          responseTime.add(e.getUsage().getResponseTimeMs());
          if (e.getUsage().getAgentId() != null) {
            agents.add(e.getUsage().getAgentId());
          }
        }
      }
      return count(group, "message_sent") + "|" + count(group, "conversation_started") + "|" + tokens + "|" + users.size()
          + "|" + responseTime.rounded(BigDecimal.ZERO.setScale(2)) + "|" + agents.size() + "|" + count(group, "workflow_executed");
    });
  }

  /** organization|agent|date|conversations|messages|avg response time|tokens|errors|satisfaction (null when unrated) */
  public static List<String> agentMetrics(Collection<AnalyticsEvent> events) {
    List<AnalyticsEvent> withAgent = events.stream()
        .filter(e -> e.getUsage() != null && e.getUsage().getAgentId() != null).toList();
    return rows(withAgent, e -> e.getOrganizationId() + "|" + e.getUsage().getAgentId() + "|" + day(e), group -> {
      Mean responseTime = new Mean();
      Mean rating = new Mean();
      long tokens = 0;
      long errors = 0;
      for (AnalyticsEvent e : group) {
        tokens += e.getUsage().getTokens() == null ? 0 : e.getUsage().getTokens();
        responseTime.add(e.getUsage().getResponseTimeMs());
        rating.add(e.getUsage().getRating() == null ? null : e.getUsage().getRating().doubleValue());
        errors += e.getUsage().getStatus() == UsageStatus.error ? 1 : 0;
      }
      return count(group, "conversation_started") + "|" + count(group, "message_sent") + "|"
          + responseTime.rounded(BigDecimal.ZERO.setScale(2)) + "|" + tokens + "|" + errors + "|" + rating.rounded(null);
    });
  }

  /**
   * organization|date|currency|gross|net|orders|average order value|returns|returns amount|discounts|shipping|tax|refunds
   * (minor units)
   */
  public static List<String> revenueAnalytics(Collection<AnalyticsEvent> events) {
    List<AnalyticsEvent> withRevenue = events.stream().filter(e -> e.getRevenue() != null).toList();
    return rows(withRevenue, e -> e.getOrganizationId() + "|" + day(e) + "|" + e.getRevenue().getCurrency(), group -> {
      long gross = 0;
      long refunds = 0;
      long discounts = 0;
      long shipping = 0;
      long tax = 0;
      Set<String> orders = new HashSet<>();
      Set<String> returns = new HashSet<>();
      for (AnalyticsEvent e : group) {
        var r = e.getRevenue();
        if (r.getKind() == RevenueKind.sale) {
          gross += r.getAmountMinor();
          discounts += r.getDiscountMinor();
          shipping += r.getShippingMinor();
          tax += r.getTaxMinor();
          if (r.getOrderId() != null && !r.getOrderId().isEmpty()) {
            orders.add(r.getOrderId());
          }
        } else {
          refunds += r.getAmountMinor();
          if (r.getOrderId() != null && !r.getOrderId().isEmpty()) {
            returns.add(r.getOrderId());
          }
        }
      }
      long averageOrderValue = orders.isEmpty() ? 0
          : BigDecimal.valueOf(gross).divide(BigDecimal.valueOf(orders.size()), 0, RoundingMode.HALF_EVEN).longValueExact();
      return gross + "|" + (gross - refunds) + "|" + orders.size() + "|" + averageOrderValue + "|" + returns.size() + "|"
          + refunds + "|" + discounts + "|" + shipping + "|" + tax + "|" + refunds;
    });
  }

  /** The UTC days the events happened on. */
  public static Set<LocalDate> days(Collection<AnalyticsEvent> events) {
    return events.stream().map(Truth::day).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  static LocalDate day(AnalyticsEvent e) {
    return e.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static long count(List<AnalyticsEvent> group, String type) {
    return group.stream().filter(e -> e.getEventType().equals(type)).count();
  }

  private static List<String> rows(Collection<AnalyticsEvent> events, Function<AnalyticsEvent, String> key,
      Function<List<AnalyticsEvent>, String> values) {
    Map<String, List<AnalyticsEvent>> groups = new TreeMap<>();
    for (AnalyticsEvent e : events) {
      groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
    }
    List<String> rows = new ArrayList<>();
    groups.forEach((k, group) -> rows.add(k + "|" + values.apply(group)));
    return rows;
  }

  /** An exact mean of the values that are present, rounded half-even to 2 decimals. */
  private static final class Mean {
    private BigDecimal sum = BigDecimal.ZERO;
    private long count;

    void add(Double value) {
      if (value != null) {
        sum = sum.add(BigDecimal.valueOf(value));
        count++;
      }
    }

    BigDecimal rounded(BigDecimal whenEmpty) {
      return count == 0 ? whenEmpty : sum.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_EVEN);
    }
  }
}
