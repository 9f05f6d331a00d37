package dev.tally.schemas.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL of infra/tally up. Each test works in a transaction it rolls back. */
class PostgresMigrationsIT {

  private static DataSource postgres;

  @BeforeAll
  static void migrate() {
    postgres = DataSources.postgres(TallySettings.load());
    new PostgresMigrations(postgres).migrate();
  }

  @Test
  void everyTableOfTheContractExists() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = postgres.getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }

    assertThat(tables).contains("partners", "shop_partners", "partner_revenue", "daily_metrics", "agent_metrics",
        "revenue_analytics", "cohort_analytics", "user_sessions", "rolling_metrics", "write_keys",
        "flyway_schema_history");
  }

  @Test
  void migratingAgainAppliesNothing() {
    PostgresMigrations migrations = new PostgresMigrations(postgres);

    assertThat(migrations.migrate()).isZero();
    assertThat(migrations.pending()).isZero();
    assertThat(migrations.currentVersion()).isNotNull();
  }

  @Test
  void partnerRevenueRefusesACommissionRateAboveOne() throws SQLException {
    try (Connection c = postgres.getConnection()) {
      c.setAutoCommit(false);
      UUID partner = insertPartner(c);

      assertThatThrownBy(() -> insertPartnerRevenue(c, partner, "1.5"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("valid_commission_rate")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"));
      c.rollback();
    }
  }

  @Test
  void partnerRevenueAcceptsARateWithinBounds() throws SQLException {
    try (Connection c = postgres.getConnection()) {
      c.setAutoCommit(false);
      UUID partner = insertPartner(c);

      assertThat(insertPartnerRevenue(c, partner, "0.1500")).isEqualTo(1);
      c.rollback();
    }
  }

  @Test
  void dailyMetricsRefusesASecondRowForTheSameOrganizationAndDate() throws SQLException {
    try (Connection c = postgres.getConnection()) {
      c.setAutoCommit(false);
      UUID organization = UUID.randomUUID();
      LocalDate date = LocalDate.of(2026, 11, 20);
      insertDailyMetrics(c, organization, date);
      insertDailyMetrics(c, UUID.randomUUID(), date);

      assertThatThrownBy(() -> insertDailyMetrics(c, organization, date))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"))
          .hasMessageContaining("daily_metrics_organization_id_date_key");
      c.rollback();
    }
  }

  private static UUID insertPartner(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO partners (name, type, commission_rate) VALUES ('Acme Resellers', 'reseller', 0.1000) RETURNING id")) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, UUID.class);
      }
    }
  }

  private static int insertPartnerRevenue(Connection c, UUID partner, String rate) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO partner_revenue (shop_id, partner_id, currency, revenue_amount, commission_amount,
            commission_rate, period_type, period_start, period_end)
        VALUES (?, ?, 'USD', 1000.00, 150.00, ?::numeric, 'monthly', DATE '2026-10-01', DATE '2026-10-31')""")) {
      ps.setObject(1, UUID.randomUUID());
      ps.setObject(2, partner);
      ps.setString(3, rate);
      return ps.executeUpdate();
    }
  }

  private static void insertDailyMetrics(Connection c, UUID organization, LocalDate date) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO daily_metrics (organization_id, date, total_messages) VALUES (?, ?, 10)")) {
      ps.setObject(1, organization);
      ps.setObject(2, date);
      ps.executeUpdate();
    }
  }
}
