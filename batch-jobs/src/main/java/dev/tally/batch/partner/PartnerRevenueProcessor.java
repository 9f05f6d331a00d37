package dev.tally.batch.partner;

import dev.tally.batch.config.BatchSettings;
import dev.tally.batch.store.ClickHouse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The partner step's processor: for one link, the rows of the period per currency. Each row sums
 * the shop's own net billing revenue where the link earns (summed in ClickHouse), adjustments for
 * late payments and refunds of the partner's approved or paid earlier periods (recomputed from the
 * events and compared with what was approved), and negative totals of those periods carried
 * forward ({@link CommissionCalculator}), less what later approved or paid periods already paid of
 * the period's own events (after a dispute). Partners whose statement for the period is no longer
 * {@code calculated} get nothing: their rows stay as they are.
 */
public class PartnerRevenueProcessor implements ItemProcessor<PartnerLink, List<PartnerRevenueLine>> {

  /** The SQL the processor runs. */
  public record Queries(String shopBilling, String movedAdjustments) {}

  private final ClickHouse clickHouse;
  private final NamedParameterJdbcTemplate postgres;
  private final Queries sql;
  private final RevenuePeriod period;
  private final ZoneId zone;
  /** How far either side of a window copies of its events may lie (TALLY_RESEND_WINDOW_DAYS). */
  private final Duration resendWindow;
  private final Set<String> frozenPartners;
  private final ClosedPeriods closedPeriods;
  private final LocalDate oldestRawDay;
  /** Every shop's net billing revenue per currency over a whole period: one query per period, not per link. */
  private final Map<RevenuePeriod, Map<String, Map<String, Long>>> periodBilling = new HashMap<>();

  /**
   * @param frozenPartners partners whose statement for the period was approved, paid or disputed
   * @param closedPeriods the partners' approved or paid earlier periods of the period's type
   * @param oldestRawDay first day of the oldest month still in raw events, or null when there is none
   */
  public PartnerRevenueProcessor(ClickHouse clickHouse, NamedParameterJdbcTemplate postgres, Queries sql,
      RevenuePeriod period, BatchSettings settings, Set<String> frozenPartners, ClosedPeriods closedPeriods, LocalDate oldestRawDay) {
    this.clickHouse = clickHouse;
    this.postgres = postgres;
    this.sql = sql;
    this.period = period;
    this.zone = settings.zone();
    this.resendWindow = Duration.ofDays(settings.resendWindowDays());
    this.frozenPartners = frozenPartners;
    this.closedPeriods = closedPeriods;
    this.oldestRawDay = oldestRawDay;
  }

  @Override
  public List<PartnerRevenueLine> process(PartnerLink link) {
    if (frozenPartners.contains(link.partnerId())) {
      return List.of();
    }
    Map<String, List<StatementLine>> byCurrency = new TreeMap<>();
    if (link.active()) {
      billing(link, period).forEach((currency, net) ->
          lines(byCurrency, currency).add(CommissionCalculator.revenueLine(link, period, currency, net)));
      // events of this period that a later statement paid while this one was approved (it was disputed since)
      closedPeriods.adjustedLater(link.partnerId(), link.shopId())
          .forEach(a -> lines(byCurrency, a.currency()).add(a.line()));
    }
    for (Map.Entry<RevenuePeriod, List<ClosedLine>> closed : closedPeriods.of(link.partnerId(), link.shopId(), period.type()).entrySet()) {
      RevenuePeriod q = closed.getKey();
      Map<String, ClosedLine> rows = new LinkedHashMap<>();
      closed.getValue().forEach(c -> rows.put(c.currency(), c));
      for (ClosedLine c : closed.getValue()) {
        CommissionCalculator.carriedForward(c).ifPresent(l -> lines(byCurrency, c.currency()).add(l));
      }
      if (oldestRawDay == null || q.start().isBefore(oldestRawDay)) {
        continue; // its raw events are gone: nothing can be recomputed
      }
      Map<String, Long> now = billing(link, q);
      Set<String> currencies = new TreeSet<>(rows.keySet());
      currencies.addAll(now.keySet());
      for (String currency : currencies) {
        ClosedLine c = rows.computeIfAbsent(currency, k -> unpaidCurrency(link, q, k, closed.getValue()));
        CommissionCalculator.adjustment(c, now.getOrDefault(currency, 0L))
            .ifPresent(l -> lines(byCurrency, currency).add(l));
      }
    }
    List<PartnerRevenueLine> out = new ArrayList<>();
    byCurrency.forEach((currency, lines) -> out.add(CommissionCalculator.row(link, period, currency, lines)));
    return out;
  }

  /**
   * The shop's net billing revenue per currency (minor units) where the link earns in {@code p}: from
   * the whole period's totals of every shop when the link earns all of it (the common case), else with
   * a query of the shop's own.
   */
  private Map<String, Long> billing(PartnerLink link, RevenuePeriod p) {
    Instant start = p.start().atStartOfDay(zone).toInstant();
    Instant end = p.end().plusDays(1).atStartOfDay(zone).toInstant();
    Map<String, Long> net = new TreeMap<>();
    CommissionCalculator.eligible(link, start, end).ifPresent(window -> {
      if (window.from().equals(start) && window.until().equals(end)) {
        net.putAll(periodBilling.computeIfAbsent(p, q -> billing(window, "", Map.of())).getOrDefault(link.shopId(), Map.of()));
      } else {
        net.putAll(billing(window, "AND organization_id = :shop_id", Map.of("shop_id", link.shopId()))
            .getOrDefault(link.shopId(), Map.of()));
      }
    });
    return net;
  }

  /** Net billing revenue per shop and currency in the window, for the shops {@code shopFilter} lets through. */
  private Map<String, Map<String, Long>> billing(CommissionCalculator.Window window, String shopFilter,
      Map<String, Object> parameters) {
    Map<String, Object> all = new HashMap<>(parameters);
    all.put("window_start", window.from().minus(resendWindow).getEpochSecond());
    all.put("window_end", window.until().plus(resendWindow).getEpochSecond() + 1);
    all.put("from_ms", window.from().toEpochMilli());
    all.put("until_ms", window.until().toEpochMilli());
    Map<String, Map<String, Long>> byShop = new HashMap<>();
    clickHouse.query(sql.shopBilling().replace("{shop_filter}", shopFilter), all, (rs, n) -> byShop
        .computeIfAbsent(rs.getString("shop_id"), k -> new TreeMap<>()).put(rs.getString("currency"), rs.getLong("net_minor")));
    return byShop;
  }

  /**
   * A currency the closed period paid nothing in for this shop: approved at zero, at the rate of the
   * shop's other rows in that period (else the link's rate now), less adjustments already placed.
   */
  private ClosedLine unpaidCurrency(PartnerLink link, RevenuePeriod q, String currency, List<ClosedLine> others) {
    ClosedLine sibling = others.isEmpty() ? null : others.get(0);
    BigDecimal zero = BigDecimal.ZERO;
    BigDecimal moved = postgres.queryForObject(sql.movedAdjustments(),
        Map.of("partner_id", link.partnerId(), "shop_id", link.shopId(), "currency", currency,
            "period_type", period.type().label(), "source", q.start()), BigDecimal.class);
    return new ClosedLine(currency, q.start(), q.end(),
        sibling == null ? CommissionCalculator.rate(link) : sibling.rate(),
        sibling == null ? CommissionCalculator.rateOverride(link) : sibling.rateOverride(),
        zero, zero, zero, moved, zero, zero);
  }

  private static List<StatementLine> lines(Map<String, List<StatementLine>> byCurrency, String currency) {
    return byCurrency.computeIfAbsent(currency, k -> new ArrayList<>());
  }
}
