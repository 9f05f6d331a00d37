package dev.tally.batch;

import dev.tally.batch.store.ClickHouse;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The real PostgreSQL and ClickHouse of infra/tally up, for integration tests: loading raw events,
 * clearing a test's year and reading both stores.
 */
final class Stores {

  static final TallySettings SETTINGS = TallySettings.load();
  static final JdbcTemplate PG = new JdbcTemplate(DataSources.postgres(SETTINGS));
  static final ClickHouse CH = new ClickHouse(DataSources.clickhouseWriter(SETTINGS));
  static final NamedParameterJdbcTemplate CH_JDBC = new NamedParameterJdbcTemplate(DataSources.clickhouseWriter(SETTINGS));

  private static final String INSERT_EVENT = "INSERT INTO events (organization_id, event_id, event_type, category,"
      + " occurred_at, occurred_at_ms, received_at, received_at_ms, user_id, revenue_kind, revenue_amount_minor,"
      + " revenue_currency, revenue_order_id, revenue_invoice_id, revenue_tax_minor, revenue_shipping_minor,"
      + " revenue_discount_minor, usage_tokens, usage_response_time_ms, usage_agent_id, usage_status, usage_rating)"
      + " VALUES (:organization_id, :event_id, :event_type, :category, :occurred_at, :occurred_at_ms, :received_at,"
      + " :received_at_ms, :user_id, :revenue_kind, :revenue_amount_minor, :revenue_currency, :revenue_order_id,"
      + " :revenue_invoice_id, :revenue_tax_minor, :revenue_shipping_minor, :revenue_discount_minor, :usage_tokens,"
      + " :usage_response_time_ms, :usage_agent_id, :usage_status, :usage_rating)";

  private Stores() {}

  static void load(Event... events) {
    load(Arrays.asList(events));
  }

  static void load(List<Event> events) {
    CH.insert(INSERT_EVENT, events.stream().map(e -> e.row).toList());
  }

  /** Removes a year's raw events, recorded activity and rollups from both stores. */
  static void clearYear(int year) {
    Map<String, Object> y = Map.of("year", year);
    CH.deleteAndWait("events", "toYear(occurred_at) = :year", y);
    CH.deleteAndWait("user_daily_activity", "toYear(day) = :year", y);
    CH.deleteAndWait("duplicate_corrections", "toYear(day) = :year", y);
    CH.deleteAndWait("resent_copies", "toYear(day) = :year", y);
    CH.deleteAndWait("closed_days", "toYear(day) = :year", y);
    for (String table : List.of("daily_metrics", "agent_metrics", "revenue_analytics")) {
      CH.deleteAndWait(table, "toYear(date) = :year", y);
      PG.update("DELETE FROM " + table + " WHERE extract(year FROM date) = ?", year);
      PG.update("DELETE FROM " + table + "_load WHERE extract(year FROM date) = ?", year);
    }
    CH.deleteAndWait("cohort_analytics", "toYear(cohort_date) = :year", y);
    PG.update("DELETE FROM cohort_analytics WHERE extract(year FROM cohort_date) = ?", year);
    PG.update("DELETE FROM cohort_analytics_load WHERE extract(year FROM cohort_date) = ?", year);
    CH.deleteAndWait("partner_revenue", "toYear(period_start) = :year", y);
    deleteWithPaidStatements("DELETE FROM partner_revenue WHERE extract(year FROM period_start) = ?", year);
  }

  /** Deletes a test's partners with everything of theirs: rows (paid ones too), lines, links and audit trail. */
  static void forgetPartners(java.util.Collection<String> ids) {
    for (String id : ids) {
      deleteWithPaidStatements("DELETE FROM partners WHERE id = ?::uuid", id);
      PG.update("DELETE FROM partner_revenue_audit WHERE partner_id = ?::uuid", id);
    }
  }

  /**
   * Runs {@code delete} (of a test's own rows, paid statements among them) with the guards that keep
   * paid statements final (migration V14) off, in one transaction: only the tables' owner can, and
   * no other session sees them off.
   */
  static void deleteWithPaidStatements(String delete, Object... args) {
    try (Connection c = PG.getDataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE partner_revenue DISABLE TRIGGER paid_partner_revenue_is_final");
        s.execute("ALTER TABLE partner_revenue_lines DISABLE TRIGGER paid_partner_revenue_lines_are_final");
      }
      try (PreparedStatement ps = c.prepareStatement(delete)) {
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        ps.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE partner_revenue ENABLE TRIGGER paid_partner_revenue_is_final");
        s.execute("ALTER TABLE partner_revenue_lines ENABLE TRIGGER paid_partner_revenue_lines_are_final");
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Forgets every earlier run of a job for one parameter value (e.g. date 2037-02-10) in the
   * JobRepository, so a test starts from "never run" however often the local stack ran it before.
   */
  static void forgetRuns(String job, String parameter, String value) {
    String instances = "SELECT e.job_instance_id FROM batch_job_execution e JOIN batch_job_execution_params p"
        + " ON p.job_execution_id = e.job_execution_id JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id"
        + " WHERE i.job_name = ? AND p.parameter_name = ? AND p.parameter_value = ?";
    String executions = "SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id IN (" + instances + ")";
    String steps = "SELECT step_execution_id FROM batch_step_execution WHERE job_execution_id IN (" + executions + ")";
    PG.update("DELETE FROM batch_step_execution_context WHERE step_execution_id IN (" + steps + ")", job, parameter, value);
    PG.update("DELETE FROM batch_step_execution WHERE job_execution_id IN (" + executions + ")", job, parameter, value);
    PG.update("DELETE FROM batch_job_execution_context WHERE job_execution_id IN (" + executions + ")", job, parameter, value);
    List<Long> ids = PG.queryForList(instances, Long.class, job, parameter, value);
    for (Long id : ids) {
      PG.update("DELETE FROM batch_job_execution_params WHERE job_execution_id IN"
          + " (SELECT job_execution_id FROM batch_job_execution WHERE job_instance_id = ?)", id);
      PG.update("DELETE FROM batch_job_execution WHERE job_instance_id = ?", id);
      PG.update("DELETE FROM batch_job_instance WHERE job_instance_id = ?", id);
    }
  }

  static List<Map<String, Object>> pg(String sql, Object... args) {
    return PG.queryForList(sql, args);
  }

  static List<Map<String, Object>> ch(String sql) {
    return CH_JDBC.queryForList(sql, Map.of());
  }
}
