package dev.tally.batch.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommissionCalculatorTest {

  static final RevenuePeriod MARCH = RevenuePeriod.parse(RevenuePeriod.Type.MONTHLY, "2036-03");
  static final Instant START = Instant.parse("2036-03-01T00:00:00Z");
  static final Instant END = Instant.parse("2036-04-01T00:00:00Z");

  static PartnerLink link(String custom, String partner, String activated, String deleted) {
    return new PartnerLink("p", "s", custom == null ? null : new BigDecimal(custom),
        partner == null ? null : new BigDecimal(partner), Instant.parse(activated),
        deleted == null ? null : Instant.parse(deleted), true);
  }

  @Test
  void customRateWinsOverThePartnersRate() {
    assertThat(CommissionCalculator.rate(link("0.1250", "0.1500", "2036-01-01T00:00:00Z", null))).isEqualByComparingTo("0.125");
    assertThat(CommissionCalculator.rate(link(null, "0.1500", "2036-01-01T00:00:00Z", null))).isEqualByComparingTo("0.15");
    assertThat(CommissionCalculator.rate(link(null, null, "2036-01-01T00:00:00Z", null))).isEqualByComparingTo("0");
  }

  @Test
  void commissionIsRoundedHalfEvenToTheCurrencysMinorUnit() {
    PartnerLink link = link("0.1250", null, "2036-01-01T00:00:00Z", null);
    assertThat(CommissionCalculator.line(link, MARCH, "USD", 100).commissionAmount()).isEqualByComparingTo("0.12");
    assertThat(CommissionCalculator.line(link, MARCH, "USD", 300).commissionAmount()).isEqualByComparingTo("0.38");
    assertThat(CommissionCalculator.line(link, MARCH, "JPY", 999).commissionAmount()).isEqualByComparingTo("125");
    assertThat(CommissionCalculator.line(link, MARCH, "JPY", 1004).commissionAmount()).isEqualByComparingTo("126");
    PartnerRevenueLine bhd = CommissionCalculator.line(link, MARCH, "BHD", 12345);
    assertThat(bhd.revenueAmount()).isEqualByComparingTo("12.345");
    assertThat(bhd.commissionAmount()).isEqualByComparingTo("1.543");
  }

  @Test
  void negativeNetIsStoredAsZeroAndNamedInTheMetadata() {
    PartnerRevenueLine line = CommissionCalculator.line(link(null, "0.2", "2036-01-01T00:00:00Z", null), MARCH, "USD", -3000);
    assertThat(line.revenueAmount()).isEqualByComparingTo("0");
    assertThat(line.commissionAmount()).isEqualByComparingTo("0");
    assertThat(line.metadata()).isEqualTo("{\"negative_net\": \"-30.00\", \"negative_commission\": \"-6.00\"}");
    assertThat(line.periodEnd()).isEqualTo(LocalDate.parse("2036-03-31"));
  }

  @Test
  void eligibleWindowStartsAtActivationAndEndsAtDeletionInclusive() {
    assertThat(CommissionCalculator.eligible(link(null, "0.2", "2036-03-10T00:00:00Z", "2036-03-20T12:00:00Z"), START, END))
        .contains(new CommissionCalculator.Window(Instant.parse("2036-03-10T00:00:00Z"),
            Instant.parse("2036-03-20T12:00:00.001Z")));
    assertThat(CommissionCalculator.eligible(link(null, "0.2", "2036-04-01T00:00:00Z", null), START, END)).isEmpty();
    assertThat(CommissionCalculator.eligible(link(null, "0.2", "2036-01-01T00:00:00Z", "2036-02-01T00:00:00Z"), START, END))
        .isEmpty();
  }

  @Test
  void minorUnits() {
    assertThat(CommissionCalculator.minorDigits("JPY")).isZero();
    assertThat(CommissionCalculator.minorDigits("USD")).isEqualTo(2);
    assertThat(CommissionCalculator.minorDigits("BHD")).isEqualTo(3);
  }

  static ClosedLine closed(String currency, String frozen, String totalRevenue, String totalCommission, String moved,
      String carriedRevenue, String carriedCommission) {
    return new ClosedLine(currency, LocalDate.parse("2036-02-01"), LocalDate.parse("2036-02-29"), new BigDecimal("0.1500"),
        false, new BigDecimal(frozen), new BigDecimal(totalRevenue), new BigDecimal(totalCommission), new BigDecimal(moved),
        new BigDecimal(carriedRevenue), new BigDecimal(carriedCommission));
  }

  @Test
  void lateRefundOfAnApprovedPeriodIsAnAdjustmentAtThatPeriodsRate() {
    // approved with 100.00 of revenue; a refund of 33.33 arrived later: now 66.67
    StatementLine line = CommissionCalculator.adjustment(closed("USD", "100.000", "100.000", "15.000", "0", "0", "0"), 6667)
        .orElseThrow();
    assertThat(line.kind()).isEqualTo(StatementLine.Kind.ADJUSTMENT);
    assertThat(line.revenue()).isEqualByComparingTo("-33.33");
    assertThat(line.commission()).isEqualByComparingTo("-5.00"); // -4.9995 half-even
    assertThat(line.sourceStart()).isEqualTo(LocalDate.parse("2036-02-01"));
  }

  @Test
  void anAdjustmentAlreadyPlacedElsewhereIsNotRepeated() {
    assertThat(CommissionCalculator.adjustment(closed("USD", "100.000", "100.000", "15.000", "-33.330", "0", "0"), 6667))
        .isEmpty();
    assertThat(CommissionCalculator.adjustment(closed("USD", "100.000", "100.000", "15.000", "0", "0", "0"), 10000))
        .isEmpty();
  }

  @Test
  void aNegativeClosedPeriodIsCarriedForwardOnce() {
    StatementLine carried = CommissionCalculator.carriedForward(closed("USD", "-30.000", "-30.000", "-4.500", "0", "0", "0"))
        .orElseThrow();
    assertThat(carried.revenue()).isEqualByComparingTo("-30.00");
    assertThat(carried.commission()).isEqualByComparingTo("-4.50");
    assertThat(CommissionCalculator.carriedForward(closed("USD", "-30.000", "-30.000", "-4.500", "0", "-30.000", "-4.500")))
        .isEmpty();
    assertThat(CommissionCalculator.carriedForward(closed("USD", "30.000", "30.000", "4.500", "0", "0", "0"))).isEmpty();
  }

  @Test
  void aRowIsTheSumOfItsRoundedLinesAndNeverNegative() {
    PartnerLink link = link(null, "0.1500", "2036-01-01T00:00:00Z", null);
    StatementLine own = CommissionCalculator.revenueLine(link, MARCH, "USD", 10003); // 15.0045 -> 15.00
    StatementLine late = CommissionCalculator.adjustment(closed("USD", "10.000", "10.000", "1.500", "0", "0", "0"), 1003)
        .orElseThrow(); // +0.03 -> 0.0045 -> 0.00
    PartnerRevenueLine row = CommissionCalculator.row(link, MARCH, "USD", List.of(own, late));
    assertThat(row.revenueAmount()).isEqualByComparingTo("100.06");
    assertThat(row.commissionAmount()).isEqualByComparingTo("15.00");
    assertThat(row.lines()).hasSize(2);

    StatementLine refund = CommissionCalculator.adjustment(closed("USD", "200.000", "200.000", "30.000", "0", "0", "0"), 0)
        .orElseThrow();
    PartnerRevenueLine negative = CommissionCalculator.row(link, MARCH, "USD", List.of(own, refund));
    assertThat(negative.revenueAmount()).isEqualByComparingTo("0");
    assertThat(negative.commissionAmount()).isEqualByComparingTo("0");
    assertThat(negative.metadata()).isEqualTo("{\"negative_net\": \"-99.97\", \"negative_commission\": \"-15.00\"}");
  }

  @Test
  void halfOfTheMinorUnitRoundsToEvenInJpyAndBhd() {
    PartnerLink link = link("0.5000", null, "2036-01-01T00:00:00Z", null);
    assertThat(CommissionCalculator.revenueLine(link, MARCH, "JPY", 25).commission()).isEqualByComparingTo("12");
    assertThat(CommissionCalculator.revenueLine(link, MARCH, "JPY", 27).commission()).isEqualByComparingTo("14");
    assertThat(CommissionCalculator.revenueLine(link, MARCH, "BHD", 1).commission()).isEqualByComparingTo("0.000");
    assertThat(CommissionCalculator.revenueLine(link, MARCH, "BHD", 3).commission()).isEqualByComparingTo("0.002");
    assertThat(CommissionCalculator.revenueLine(link, MARCH, "JPY", -25).commission()).isEqualByComparingTo("-12");
    assertThat(CommissionCalculator.revenueLine(link, MARCH, "JPY", 25).rateOverride()).isTrue();
  }
}
