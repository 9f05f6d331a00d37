package dev.tally.batch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  static final LocalDate DAY = LocalDate.parse("2038-03-03");

  @Test
  void onlyDifferencesAreReportedAndAMissingSideCountsAsZero() {
    List<Drift> drifts = Reconciliation.compare(DAY,
        List.of(new Reconciliation.Total("x", "total_messages", 3), new Reconciliation.Total("x", "total_tokens", 20),
            new Reconciliation.Total("y", "total_messages", 5)),
        List.of(new Reconciliation.Total("x", "total_messages", 2), new Reconciliation.Total("x", "total_tokens", 20),
            new Reconciliation.Total("z", "net_revenue_minor:JPY", 700)));

    assertThat(drifts).containsExactly(
        new Drift("x", DAY, "total_messages", 3, 2, 1),
        new Drift("y", DAY, "total_messages", 5, 0, 5),
        new Drift("z", DAY, "net_revenue_minor:JPY", 0, 700, -700));
  }
}
