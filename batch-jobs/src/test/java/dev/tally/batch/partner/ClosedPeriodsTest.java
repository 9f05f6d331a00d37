package dev.tally.batch.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosedPeriodsTest {

  static final RevenuePeriod JANUARY = RevenuePeriod.parse(RevenuePeriod.Type.MONTHLY, "2036-01");
  static final RevenuePeriod FEBRUARY = RevenuePeriod.parse(RevenuePeriod.Type.MONTHLY, "2036-02");

  static ClosedLine line(RevenuePeriod p, String currency) {
    BigDecimal one = BigDecimal.ONE;
    return new ClosedLine(currency, p.start(), p.end(), new BigDecimal("0.1500"), false, one, one, one,
        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
  }

  @Test
  void aShopGetsEveryClosedPeriodOfItsPartnerInOrderWithOnlyItsOwnRows() {
    ClosedPeriods closed = new ClosedPeriods();
    closed.addPeriod("p1", JANUARY);
    closed.addPeriod("p1", FEBRUARY);
    closed.addPeriod("p2", JANUARY);
    closed.addLine("p1", "s1", line(FEBRUARY, "EUR"));
    closed.addLine("p1", "s1", line(FEBRUARY, "USD"));
    closed.addLine("p1", "s2", line(JANUARY, "JPY"));
    closed.addLine("p2", "s1", line(JANUARY, "BHD"));

    Map<RevenuePeriod, List<ClosedLine>> s1 = closed.of("p1", "s1", RevenuePeriod.Type.MONTHLY);

    assertThat(s1.keySet()).containsExactly(JANUARY, FEBRUARY);
    assertThat(s1.get(JANUARY)).isEmpty();
    assertThat(s1.get(FEBRUARY)).extracting(ClosedLine::currency).containsExactly("EUR", "USD");
    assertThat(closed.of("p1", "s2", RevenuePeriod.Type.MONTHLY).get(JANUARY)).extracting(ClosedLine::currency)
        .containsExactly("JPY");
    assertThat(closed.of("p2", "s1", RevenuePeriod.Type.MONTHLY).keySet()).containsExactly(JANUARY);
  }

  @Test
  void aPartnerWithoutClosedPeriodsHasNone() {
    ClosedPeriods closed = new ClosedPeriods();
    closed.addPeriod("p1", JANUARY);

    assertThat(closed.of("p3", "s1", RevenuePeriod.Type.MONTHLY)).isEmpty();
  }

  @Test
  void aRowWhosePeriodWasNotListedStillComesBackUnderItsOwnPeriod() {
    ClosedPeriods closed = new ClosedPeriods();
    closed.addLine("p1", "s1", line(FEBRUARY, "USD"));

    assertThat(closed.of("p1", "s1", RevenuePeriod.Type.MONTHLY)).containsOnlyKeys(FEBRUARY);
  }
}
