package dev.tally.batch.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortCalculatorTest {

  private final CohortCalculator calculator = new CohortCalculator("USD");

  @Test
  void signUpDaysOfOneWeekFormOneWeekCohortWithHalfEvenRates() {
    // 32 users signed up over Mon and Tue of one week; 1 of them active this week: 3.125% -> 3.12
    OrganizationSignups org = new OrganizationSignups("o", List.of(
        new SignupDay(LocalDate.parse("2034-01-02"), 16, 0, 1, 1, 0, 5, 5),
        new SignupDay(LocalDate.parse("2034-01-03"), 16, 0, 0, 0, 0, 0, 0)));

    List<CohortRow> rows = calculator.rows(org, LocalDate.parse("2034-01-04"));

    assertThat(rows).filteredOn(r -> r.periodType().equals("week")).singleElement().satisfies(r -> {
      assertThat(r.cohortDate()).isEqualTo("2034-01-02");
      assertThat(r.periodNumber()).isZero();
      assertThat(r.userCount()).isEqualTo(32);
      assertThat(r.activeUserCount()).isEqualTo(1);
      assertThat(r.retentionRate()).isEqualByComparingTo("3.12");
      assertThat(r.revenueCents()).isEqualTo(5);
      assertThat(r.averageRevenuePerUser()).isEqualByComparingTo("0.16"); // 5/32 = 0.15625
      assertThat(r.currency()).isEqualTo("USD");
    });
    assertThat(rows).filteredOn(r -> r.periodType().equals("day")).extracting(CohortRow::periodNumber)
        .containsExactly(2, 1);
  }

  @Test
  void aSignUpAfterTheComputedDateBelongsToNoCohort() {
    OrganizationSignups org = new OrganizationSignups("o", List.of(
        new SignupDay(LocalDate.parse("2034-01-05"), 3, 3, 3, 3, 0, 0, 0)));

    assertThat(calculator.rows(org, LocalDate.parse("2034-01-04"))).isEmpty();
  }

  @Test
  void negativeRevenueStaysNegative() {
    OrganizationSignups org = new OrganizationSignups("o", List.of(
        new SignupDay(LocalDate.parse("2034-01-01"), 2, 1, 1, 1, -301, -301, -301)));

    assertThat(calculator.rows(org, LocalDate.parse("2034-01-01")))
        .allSatisfy(r -> assertThat(r.averageRevenuePerUser()).isEqualByComparingTo("-150.50"));
  }
}
