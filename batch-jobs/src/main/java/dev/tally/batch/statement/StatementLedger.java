package dev.tally.batch.statement;

import dev.tally.batch.launch.JobTarget;
import dev.tally.batch.partner.PartnerRevenueJob;
import dev.tally.batch.partner.RevenuePeriod;
import dev.tally.batch.store.ClickHouse;
import dev.tally.schemas.db.SqlResource;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a partner's statement for one period through its lifecycle ({@link StatementTransition}):
 * in one PostgreSQL transaction it waits for any partner-revenue run of the period to finish (the
 * run's advisory lock) and for any other move of the partner's statements (so overlapping approvals
 * are serialized), locks the statement's rows, checks the move, updates every row
 * and records the move in {@code partner_revenue_audit}; a refused move changes nothing. After the
 * commit the period's rows are copied to ClickHouse again, so analysts see the new status.
 */
public final class StatementLedger {

  /**
   * One move.
   *
   * @param actor who makes it, never null
   * @param reason why (required to dispute), or null
   * @param paymentReference required to mark paid, else null
   * @param paidOn required to mark paid, else null
   */
  public record Move(StatementTransition transition, String partnerId, RevenuePeriod period, String actor,
      String reason, String paymentReference, LocalDate paidOn) {}

  /** What a move did. */
  public record Moved(StatementStatus from, StatementStatus to, int rows) {}

  private final DataSource postgres;
  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ClickHouse clickHouse;
  private final ZoneId zone;

  public StatementLedger(DataSource postgres, ClickHouse clickHouse, ZoneId zone) {
    this.postgres = postgres;
    this.jdbc = new NamedParameterJdbcTemplate(postgres);
    this.transactions = new TransactionTemplate(new JdbcTransactionManager(postgres));
    this.clickHouse = clickHouse;
    this.zone = zone;
  }

  /** Applies the move or throws {@link StatementRefused} having changed nothing. */
  public Moved apply(Move move) {
    check(move);
    Moved moved = transactions.execute(status -> inTransaction(move));
    PartnerRevenueJob.mirror().copy(postgres, clickHouse, PartnerRevenueJob.parameters(move.period()));
    return moved;
  }

  private static void check(Move move) {
    if (move.transition() == StatementTransition.MARK_PAID
        && (blank(move.paymentReference()) || move.paidOn() == null)) {
      throw new StatementRefused("mark-paid needs --reference and --paid-on");
    }
    if (move.transition() == StatementTransition.DISPUTE && blank(move.reason())) {
      throw new StatementRefused("dispute needs --reason");
    }
  }

  private Moved inTransaction(Move move) {
    Map<String, Object> p = new HashMap<>(PartnerRevenueJob.parameters(move.period()));
    p.put("partner_id", move.partnerId());
    p.put("lock_key", new JobTarget(PartnerRevenueJob.NAME, Map.of("period_type", move.period().type().label(),
        "period", move.period().label())).lockKey());
    jdbc.query(sql("period-lock.sql"), p, rs -> { });
    jdbc.query(sql("partner-lock.sql"), p, rs -> { });
    if (jdbc.queryForObject(sql("partner-exists.sql"), p, Long.class) == 0) {
      throw new StatementRefused("no partner " + move.partnerId());
    }
    List<StatementStatus> statuses = jdbc.queryForList(sql("statement-statuses.sql"), p, String.class).stream()
        .map(StatementStatus::of).toList();
    StatementStatus from = move.transition().from(statuses);
    if (move.transition() == StatementTransition.APPROVE) {
      List<String> overlapping = jdbc.query(sql("overlapping-approved.sql"), p, (rs, n) -> rs.getString("period_type")
          + " " + RevenuePeriod.of(RevenuePeriod.Type.valueOf(rs.getString("period_type").toUpperCase(java.util.Locale.ROOT)),
              rs.getDate("period_start").toLocalDate()).label() + " (" + rs.getString("status") + ")");
      if (!overlapping.isEmpty()) {
        throw new StatementRefused("cannot approve: the partner's " + String.join(", ", overlapping)
            + " statement covers part of " + move.period().label() + " and is already approved; approving both would pay"
            + " the same revenue twice");
      }
    }
    p.put("from_status", from.label());
    p.put("to_status", move.transition().to().label());
    p.put("payment_reference", move.transition() == StatementTransition.MARK_PAID ? move.paymentReference() : null);
    p.put("paid_at", move.paidOn() == null || move.transition() != StatementTransition.MARK_PAID ? null
        : Timestamp.from(move.paidOn().atStartOfDay(zone).toInstant()));
    int rows = jdbc.update(sql("statement-status-update.sql"), p);
    p.put("actor", move.actor());
    p.put("reason", blank(move.reason()) ? null : move.reason());
    p.put("rows_changed", rows);
    jdbc.update(sql("audit-insert.sql"), p);
    return new Moved(from, move.transition().to(), rows);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String sql(String name) {
    return SqlResource.read(StatementLedger.class, name);
  }
}
