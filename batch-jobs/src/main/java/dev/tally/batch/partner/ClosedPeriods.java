package dev.tally.batch.partner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every partner's approved or paid periods before the period being computed, with each shop's rows
 * in them, and the adjustments from the computed period that later approved or paid periods hold:
 * read once per run ({@code closed-periods.sql}, {@code closed-lines.sql}, {@code adjusted-later.sql})
 * instead of queries per shop-partner link. Add periods and lines in the order of their queries (by
 * period start, then currency).
 */
public final class ClosedPeriods {

  private final Map<String, List<RevenuePeriod>> periodsByPartner = new HashMap<>();
  private final Map<String, Map<String, List<ClosedLine>>> linesByPartnerAndShop = new HashMap<>();
  private final Map<String, Map<String, List<AdjustedLater>>> adjustedLaterByPartnerAndShop = new HashMap<>();

  /** A line of the computed period that takes off what a later approved or paid period already paid. */
  public record AdjustedLater(String currency, StatementLine line) {}

  /** Records that the partner's {@code period} is approved or paid. */
  public void addPeriod(String partnerId, RevenuePeriod period) {
    periodsByPartner.computeIfAbsent(partnerId, k -> new ArrayList<>()).add(period);
  }

  /** Records one row (currency) of a closed period for the partner's shop. */
  public void addLine(String partnerId, String shopId, ClosedLine line) {
    linesByPartnerAndShop.computeIfAbsent(partnerId, k -> new HashMap<>())
        .computeIfAbsent(shopId, k -> new ArrayList<>()).add(line);
  }

  /**
   * Records that a later approved or paid period of the partner's shop holds adjustments from the
   * period being computed: {@code revenue} and {@code commission} as placed there (positive for a
   * late payment), at {@code rate}.
   */
  public void addAdjustedLater(String partnerId, String shopId, String currency, RevenuePeriod later, BigDecimal rate,
      boolean rateOverride, BigDecimal revenue, BigDecimal commission) {
    adjustedLaterByPartnerAndShop.computeIfAbsent(partnerId, k -> new HashMap<>())
        .computeIfAbsent(shopId, k -> new ArrayList<>()).add(new AdjustedLater(currency, new StatementLine(
            StatementLine.Kind.ADJUSTED_LATER, later.start(), later.end(), minorUnits(revenue.negate(), currency), rate,
            rateOverride, minorUnits(commission.negate(), currency))));
  }

  private static BigDecimal minorUnits(BigDecimal amount, String currency) {
    return amount.setScale(CommissionCalculator.minorDigits(currency), RoundingMode.UNNECESSARY);
  }

  /** The lines that take off what later periods already paid from the computed period's events; never null. */
  public List<AdjustedLater> adjustedLater(String partnerId, String shopId) {
    return adjustedLaterByPartnerAndShop.getOrDefault(partnerId, Map.of()).getOrDefault(shopId, List.of());
  }

  /**
   * The partner's closed periods in order, each with the shop's rows in it (an empty list when the
   * shop has none there); never null.
   */
  public Map<RevenuePeriod, List<ClosedLine>> of(String partnerId, String shopId, RevenuePeriod.Type type) {
    Map<RevenuePeriod, List<ClosedLine>> periods = new LinkedHashMap<>();
    periodsByPartner.getOrDefault(partnerId, List.of()).forEach(p -> periods.put(p, new ArrayList<>()));
    for (ClosedLine line : linesByPartnerAndShop.getOrDefault(partnerId, Map.of()).getOrDefault(shopId, List.of())) {
      periods.computeIfAbsent(new RevenuePeriod(type, line.periodStart(), line.periodEnd()), k -> new ArrayList<>())
          .add(line);
    }
    return periods;
  }
}
