package dev.tally.batch.statement;

import static dev.tally.batch.statement.StatementStatus.CALCULATED;
import static dev.tally.batch.statement.StatementStatus.DISPUTED;
import static dev.tally.batch.statement.StatementStatus.PAID;
import static dev.tally.batch.statement.StatementStatus.PENDING_PAYMENT;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The moves finance makes on a partner's statement (docs/architecture.md, Partner commissions):
 * approve ({@code calculated} to {@code pending_payment}), mark paid ({@code pending_payment} to
 * {@code paid}, with a payment reference and date), dispute ({@code calculated} or
 * {@code pending_payment} to {@code disputed}, with a reason) and resolve ({@code disputed} back to
 * {@code calculated}, recomputed on the next run). A paid statement never changes: corrections reach
 * it as adjustments in a later period.
 */
public enum StatementTransition {
  APPROVE("approve", Set.of(CALCULATED), PENDING_PAYMENT),
  MARK_PAID("mark-paid", Set.of(PENDING_PAYMENT), PAID),
  DISPUTE("dispute", Set.of(CALCULATED, PENDING_PAYMENT), DISPUTED),
  RESOLVE("resolve", Set.of(DISPUTED), CALCULATED);

  private final String command;
  private final Set<StatementStatus> from;
  private final StatementStatus to;

  StatementTransition(String command, Set<StatementStatus> from, StatementStatus to) {
    this.command = command;
    this.from = from;
    this.to = to;
  }

  public String command() {
    return command;
  }

  public StatementStatus to() {
    return to;
  }

  /**
   * The status the statement moves from, given the statuses of its rows; refuses (with the reason)
   * a statement that has no rows, rows in several statuses, or a status this move does not start from.
   */
  public StatementStatus from(Collection<StatementStatus> rowStatuses) {
    Set<StatementStatus> statuses = new TreeSet<>(rowStatuses);
    if (statuses.isEmpty()) {
      throw new StatementRefused("there is no statement to " + command + ": run statements generate for the period first");
    }
    if (statuses.size() > 1) {
      throw new StatementRefused("cannot " + command + ": the statement's rows are in several statuses ("
          + statuses.stream().map(StatementStatus::label).collect(Collectors.joining(", ")) + ")");
    }
    StatementStatus current = statuses.iterator().next();
    if (!from.contains(current)) {
      throw new StatementRefused("cannot " + command + " a " + current.label() + " statement" + hint(current));
    }
    return current;
  }

  private String hint(StatementStatus current) {
    if (this == MARK_PAID && current == CALCULATED) {
      return ": approve it first";
    }
    if (current == PAID) {
      return ": a paid statement never changes (later corrections become adjustments in the next open period)";
    }
    if (current == DISPUTED) {
      return ": resolve the dispute first";
    }
    return ": it must be " + from.stream().map(StatementStatus::label).sorted().collect(Collectors.joining(" or "));
  }
}
