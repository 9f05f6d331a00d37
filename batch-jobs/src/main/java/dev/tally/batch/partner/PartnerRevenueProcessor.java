package dev.tally.batch.partner;

import dev.tally.batch.store.ClickHouse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The partner step's processor: for one link, the shop's net billing revenue per currency in the
 * part of the period where the link earns (summed in ClickHouse), turned into commission lines.
 */
public class PartnerRevenueProcessor implements ItemProcessor<PartnerLink, List<PartnerRevenueLine>> {

  private final ClickHouse clickHouse;
  private final String shopBillingSql;
  private final RevenuePeriod period;
  private final Instant start;
  private final Instant end;

  /** @param start first instant of the period; end the instant after it (in the pipeline's time zone) */
  public PartnerRevenueProcessor(ClickHouse clickHouse, String shopBillingSql, RevenuePeriod period, Instant start,
      Instant end) {
    this.clickHouse = clickHouse;
    this.shopBillingSql = shopBillingSql;
    this.period = period;
    this.start = start;
    this.end = end;
  }

  @Override
  public List<PartnerRevenueLine> process(PartnerLink link) {
    return CommissionCalculator.eligible(link, start, end).map(window -> clickHouse.query(shopBillingSql, Map.of(
            "shop_id", link.shopId(),
            "start", window.from().getEpochSecond(),
            "end", window.until().getEpochSecond() + 1,
            "from_ms", window.from().toEpochMilli(),
            "until_ms", window.until().toEpochMilli()),
        (rs, n) -> CommissionCalculator.line(link, period, rs.getString("currency"), rs.getLong("net_minor"))))
        .orElse(List.of());
  }
}
