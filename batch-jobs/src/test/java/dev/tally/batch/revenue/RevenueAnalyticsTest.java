package dev.tally.batch.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RevenueAnalyticsTest {

  @Test
  void averageOrderValueRoundsHalfToEven() {
    assertThat(RevenueAnalytics.averageOrderValue(15001, 2)).isEqualTo(7500);
    assertThat(RevenueAnalytics.averageOrderValue(15003, 2)).isEqualTo(7502);
    assertThat(RevenueAnalytics.averageOrderValue(5000, 3)).isEqualTo(1667);
    assertThat(RevenueAnalytics.averageOrderValue(9999, 0)).isZero();
  }

  @Test
  void refundsAboveSalesGiveANegativeNet() {
    RevenueAnalytics row = RevenueAnalytics.of("o", LocalDate.parse("2032-05-10"), "BHD", 1500, 2750, 1, 1, 0, 0, 0);
    assertThat(row.netRevenueCents()).isEqualTo(-1250);
    assertThat(row.refundsAmountCents()).isEqualTo(2750);
    assertThat(row.returnsAmountCents()).isEqualTo(2750);
  }
}
