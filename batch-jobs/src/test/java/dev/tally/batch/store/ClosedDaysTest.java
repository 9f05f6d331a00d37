package dev.tally.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClosedDaysTest {

  @Test
  void aQueryWithoutARowConditionReadsEveryRowOfBothHalves() {
    String sql = ClosedDays.withDayEvents("SELECT count() FROM ({day_events})");

    assertThat(sql).contains("FROM events").contains("FROM duplicate_corrections").doesNotContain("{");
    assertThat(sql).contains("occurred_at < toDateTime(:end)\nUNION ALL").endsWith("day = toDate(:day))");
  }

  @Test
  void aRowConditionGoesIntoTheRawDayAndIntoItsCorrections() {
    String sql = ClosedDays.withDayEvents("SELECT count() FROM ({day_events where revenue_kind IS NOT NULL})");

    assertThat(sql).contains("occurred_at < toDateTime(:end) AND (revenue_kind IS NOT NULL)\nUNION ALL")
        .endsWith("day = toDate(:day) AND (revenue_kind IS NOT NULL))").doesNotContain("{");
  }

  @Test
  void aQueryThatDoesNotReadTheDayIsRefused() {
    assertThatThrownBy(() -> ClosedDays.withDayEvents("SELECT 1")).isInstanceOf(IllegalArgumentException.class);
  }
}
