package dev.tally.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClosedDaysTest {

  private static final String RESENT = "(organization_id, event_id) NOT IN (SELECT organization_id, event_id FROM resent_copies";

  @Test
  void aQueryWithoutARowConditionReadsEveryRowOfBothHalves() {
    String sql = ClosedDays.withDayEvents("SELECT count() FROM ({day_events})", false);

    assertThat(sql).contains("FROM events").contains("FROM duplicate_corrections").doesNotContain("{")
        .doesNotContain("resent_copies");
    assertThat(sql).contains("occurred_at < toDateTime(:end)\nUNION ALL").endsWith("day = toDate(:day))");
  }

  @Test
  void aRowConditionGoesIntoTheRawDayAndIntoItsCorrections() {
    String sql = ClosedDays.withDayEvents("SELECT count() FROM ({day_events where revenue_kind IS NOT NULL})", false);

    assertThat(sql).contains("occurred_at < toDateTime(:end) AND (revenue_kind IS NOT NULL)\nUNION ALL")
        .endsWith("day = toDate(:day) AND (revenue_kind IS NOT NULL))").doesNotContain("{");
  }

  @Test
  void theResentCopiesOfADayAreLeftOutOfBothHalves() {
    String sql = new ClosedDays.DayEvents(true).in("SELECT count() FROM ({day_events where revenue_kind IS NOT NULL})");

    assertThat(sql.split("UNION ALL")).hasSize(2).allSatisfy(half -> assertThat(half)
        .contains("AND (revenue_kind IS NOT NULL)\nAND " + RESENT));
    assertThat(sql).doesNotContain("{").doesNotContain("--");
  }

  @Test
  void aQueryThatDoesNotReadTheDayIsRefused() {
    assertThatThrownBy(() -> ClosedDays.withDayEvents("SELECT 1", false)).isInstanceOf(IllegalArgumentException.class);
  }
}
