package dev.tally.batch.partner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every partner's approved or paid periods before the period being computed, with each shop's rows
 * in them: read once per run ({@code closed-periods.sql}, {@code closed-lines.sql}) instead of two
 * queries per shop-partner link. Add periods and lines in the order of their queries (by period
 * start, then currency).
 */
public final class ClosedPeriods {

  private final Map<String, List<RevenuePeriod>> periodsByPartner = new HashMap<>();
  private final Map<String, Map<String, List<ClosedLine>>> linesByPartnerAndShop = new HashMap<>();

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
