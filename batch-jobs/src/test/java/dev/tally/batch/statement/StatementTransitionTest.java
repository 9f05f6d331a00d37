package dev.tally.batch.statement;

import static dev.tally.batch.statement.StatementStatus.CALCULATED;
import static dev.tally.batch.statement.StatementStatus.DISPUTED;
import static dev.tally.batch.statement.StatementStatus.PAID;
import static dev.tally.batch.statement.StatementStatus.PENDING_PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTransitionTest {

  @Test
  void approvePayDisputeAndResolveMoveBetweenTheSeedsStatuses() {
    assertThat(StatementTransition.APPROVE.from(List.of(CALCULATED, CALCULATED))).isEqualTo(CALCULATED);
    assertThat(StatementTransition.APPROVE.to()).isEqualTo(PENDING_PAYMENT);
    assertThat(StatementTransition.MARK_PAID.from(List.of(PENDING_PAYMENT))).isEqualTo(PENDING_PAYMENT);
    assertThat(StatementTransition.MARK_PAID.to()).isEqualTo(PAID);
    assertThat(StatementTransition.DISPUTE.from(List.of(CALCULATED))).isEqualTo(CALCULATED);
    assertThat(StatementTransition.DISPUTE.from(List.of(PENDING_PAYMENT))).isEqualTo(PENDING_PAYMENT);
    assertThat(StatementTransition.DISPUTE.to()).isEqualTo(DISPUTED);
    assertThat(StatementTransition.RESOLVE.from(List.of(DISPUTED))).isEqualTo(DISPUTED);
    assertThat(StatementTransition.RESOLVE.to()).isEqualTo(CALCULATED);
  }

  @Test
  void payingACalculatedStatementIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> StatementTransition.MARK_PAID.from(List.of(CALCULATED)))
        .isInstanceOf(StatementRefused.class).hasMessage("cannot mark-paid a calculated statement: approve it first");
  }

  @Test
  void aPaidStatementNeverMoves() {
    for (StatementTransition t : StatementTransition.values()) {
      assertThatThrownBy(() -> t.from(List.of(PAID))).isInstanceOf(StatementRefused.class)
          .hasMessageContaining("a paid statement never changes");
    }
  }

  @Test
  void aDisputedStatementMustBeResolvedFirst() {
    assertThatThrownBy(() -> StatementTransition.APPROVE.from(List.of(DISPUTED)))
        .hasMessage("cannot approve a disputed statement: resolve the dispute first");
    assertThatThrownBy(() -> StatementTransition.RESOLVE.from(List.of(PENDING_PAYMENT)))
        .hasMessage("cannot resolve a pending_payment statement: it must be disputed");
    assertThatThrownBy(() -> StatementTransition.APPROVE.from(List.of(PENDING_PAYMENT)))
        .hasMessage("cannot approve a pending_payment statement: it must be calculated");
  }

  @Test
  void noRowsOrRowsInSeveralStatusesAreRefused() {
    assertThatThrownBy(() -> StatementTransition.APPROVE.from(List.of()))
        .hasMessageContaining("there is no statement to approve");
    assertThatThrownBy(() -> StatementTransition.APPROVE.from(List.of(CALCULATED, PAID)))
        .hasMessage("cannot approve: the statement's rows are in several statuses (calculated, paid)");
  }
}
