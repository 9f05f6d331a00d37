package dev.tally.batch.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RevenuePeriodTest {

  @Test
  void parsesEachType() {
    assertThat(RevenuePeriod.parse(RevenuePeriod.Type.MONTHLY, "2028-02"))
        .isEqualTo(new RevenuePeriod(RevenuePeriod.Type.MONTHLY, LocalDate.parse("2028-02-01"), LocalDate.parse("2028-02-29")));
    assertThat(RevenuePeriod.parse(RevenuePeriod.Type.QUARTERLY, "2026-Q4"))
        .isEqualTo(new RevenuePeriod(RevenuePeriod.Type.QUARTERLY, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31")));
    assertThat(RevenuePeriod.parse(RevenuePeriod.Type.ANNUAL, "2026").end()).isEqualTo("2026-12-31");
    assertThat(RevenuePeriod.parse(RevenuePeriod.Type.QUARTERLY, "2026-Q4").label()).isEqualTo("2026-Q4");
  }

  @Test
  void refusesTextOfAnotherType() {
    assertThatThrownBy(() -> RevenuePeriod.parse(RevenuePeriod.Type.MONTHLY, "2026-13")).hasMessageContaining("YYYY-MM");
    assertThatThrownBy(() -> RevenuePeriod.parse(RevenuePeriod.Type.QUARTERLY, "2026-10")).hasMessageContaining("YYYY-Qn");
    assertThatThrownBy(() -> RevenuePeriod.parse(RevenuePeriod.Type.ANNUAL, "26")).hasMessageContaining("YYYY");
  }

  @Test
  void lastClosedPeriodEndsBeforeToday() {
    LocalDate today = LocalDate.parse("2026-11-23");
    assertThat(RevenuePeriod.lastClosed(RevenuePeriod.Type.MONTHLY, today).label()).isEqualTo("2026-10");
    assertThat(RevenuePeriod.lastClosed(RevenuePeriod.Type.QUARTERLY, today).label()).isEqualTo("2026-Q3");
    assertThat(RevenuePeriod.lastClosed(RevenuePeriod.Type.ANNUAL, today).label()).isEqualTo("2025");
    assertThat(RevenuePeriod.lastClosed(RevenuePeriod.Type.QUARTERLY, LocalDate.parse("2027-01-01")).label()).isEqualTo("2026-Q4");
  }
}
