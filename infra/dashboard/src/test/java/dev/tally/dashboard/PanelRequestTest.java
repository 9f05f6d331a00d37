package dev.tally.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PanelRequestTest {

  @Test
  void absentParametersMeanAllOrganizationsWeeklyCohortsAndTheNewestMonthlyPeriod() {
    PanelRequest request = PanelRequest.of(Map.<String, String>of()::get);

    assertThat(request).isEqualTo(new PanelRequest("", "week", "monthly", null));
    assertThat(request.organizationParameters()).isEqualTo(Map.of("everyone", 1, "organization", ""));
  }

  @Test
  void anOrganizationSelectsItsRowsOnly() {
    PanelRequest request = PanelRequest.of(Map.of("organization", "A0000000-0000-0000-0000-000000000001")::get);

    assertThat(request.organizationParameters())
        .isEqualTo(Map.of("everyone", 0, "organization", "a0000000-0000-0000-0000-000000000001"));
  }

  @Test
  void eachBadParameterIsRefusedByNameWithItsRule() {
    assertThatThrownBy(() -> PanelRequest.of(Map.of("organization", "x' OR 1=1")::get))
        .hasMessage("organization: must be an organization id (a UUID) or empty for all, was 'x' OR 1=1'");
    assertThatThrownBy(() -> PanelRequest.of(Map.of("period", "year")::get))
        .hasMessage("period: must be day, week or month, was 'year'");
    assertThatThrownBy(() -> PanelRequest.of(Map.of("period_type", "weekly")::get))
        .hasMessage("period_type: must be monthly, quarterly or annual, was 'weekly'");
    assertThatThrownBy(() -> PanelRequest.of(Map.of("period_start", "2026-13-01")::get))
        .hasMessage("period_start: must be a date such as 2026-11-01, was '2026-13-01'");
  }

  @Test
  void theGridStartsTwoWeeksOfDaysTwelveWeeksOrTwelveMonthsBack() {
    LocalDate thursday = LocalDate.parse("2026-12-03");

    assertThat(PanelRequest.of(Map.of("period", "day")::get).firstCohort(thursday)).isEqualTo("2026-11-20");
    assertThat(PanelRequest.of(Map.of("period", "week")::get).firstCohort(thursday)).isEqualTo("2026-09-14");
    assertThat(PanelRequest.of(Map.of("period", "month")::get).firstCohort(thursday)).isEqualTo("2026-01-01");
  }
}
