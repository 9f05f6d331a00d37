package dev.tally.batch.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CommissionCalculatorTest {

  static final RevenuePeriod MARCH = RevenuePeriod.parse(RevenuePeriod.Type.MONTHLY, "2036-03");
  static final Instant START = Instant.parse("2036-03-01T00:00:00Z");
  static final Instant END = Instant.parse("2036-04-01T00:00:00Z");

  static PartnerLink link(String custom, String partner, String activated, String deleted) {
    return new PartnerLink("p", "s", custom == null ? null : new BigDecimal(custom),
        partner == null ? null : new BigDecimal(partner), Instant.parse(activated),
        deleted == null ? null : Instant.parse(deleted));
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
    assertThat(line.metadata()).isEqualTo("{\"negative_net\": \"-30.00\"}");
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
}
