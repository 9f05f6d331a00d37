package dev.tally.schemas.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.EventColumn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real ClickHouse of infra/tally up. */
class ClickHouseMigrationsIT {

  private static TallySettings settings;
  private final String scratch = "tally_it_" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt(), 36);

  @BeforeAll
  static void migrateTally() throws SQLException {
    settings = TallySettings.load();
    shippedMigrations().migrate();
  }

  @AfterEach
  void dropScratchDatabase() throws SQLException {
    execute(DataSources.clickhouseServer(settings), "DROP DATABASE IF EXISTS " + scratch);
  }

  @Test
  void everyShippedMigrationIsRecordedOnce() throws SQLException {
    ClickHouseMigrations migrations = shippedMigrations();

    assertThat(migrations.migrate()).as("second run applies nothing").isEmpty();
    assertThat(queryLongs(DataSources.clickhouseWriter(settings),
        "SELECT count() FROM schema_migrations GROUP BY version ORDER BY version"))
        .as("one row per version")
        .containsOnly(1L)
        .hasSize(migrations.available().size());
    assertThat(queryStrings(DataSources.clickhouseWriter(settings), "SHOW TABLES"))
        .contains("events", "metrics_minute", "daily_metrics", "agent_metrics", "revenue_analytics",
            "cohort_analytics", "partner_revenue");
  }

  @Test
  void eventsAndDuplicateCorrectionsHaveTheColumnsEventColumnDeclares() throws SQLException {
    List<String> events = new ArrayList<>();
    for (EventColumn column : EventColumn.values()) {
      events.addAll(column.type() == EventColumn.Type.STRING_MAP
          ? column.insertNames().stream().map(name -> name + " Array(String)").toList()
          : List.of(column.column() + " " + column.type().clickHouse()));
    }
    List<String> corrections = new ArrayList<>(List.of("day Date", "sign Int8"));
    EventColumn.corrections().forEach(column -> corrections.add(column.column() + " " + column.type().clickHouse()));

    assertThat(tableColumns("events")).containsExactlyElementsOf(events);
    assertThat(tableColumns("duplicate_corrections")).containsExactlyElementsOf(corrections);
  }

  @Test
  void freshDatabaseGetsEveryMigrationThenNothingOnTheSecondRun() throws SQLException {
    ClickHouseMigrations migrations = scratchMigrations("db/clickhouse-it/original");

    List<ClickHouseMigrations.Migration> first = migrations.migrate();
    List<ClickHouseMigrations.Migration> second = migrations.migrate();

    assertThat(first).extracting(ClickHouseMigrations.Migration::version).containsExactly(1, 2);
    assertThat(second).isEmpty();
    assertThat(queryStrings(scratchDataSource(), "SHOW TABLES"))
        .containsExactlyInAnyOrder("first", "second", "third", "schema_migrations");
    assertThat(queryLongs(scratchDataSource(), "SELECT count() FROM schema_migrations")).containsExactly(2L);
  }

  @Test
  void migrationEditedAfterItWasAppliedIsRefused() throws SQLException {
    scratchMigrations("db/clickhouse-it/original").migrate();
    Map<Integer, String> before = scratchMigrations("db/clickhouse-it/original").applied();

    assertThatThrownBy(() -> scratchMigrations("db/clickhouse-it/edited").migrate())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("V1__first was changed after it was applied");
    assertThat(scratchMigrations("db/clickhouse-it/original").applied()).isEqualTo(before);
  }

  @Test
  void analystCanReadEventsAndIsRefusedOnInsert() throws SQLException {
    DataSource analyst = DataSources.clickhouseAnalyst(settings);

    assertThat(queryLongs(analyst, "SELECT count() FROM events")).hasSize(1);
    assertThatThrownBy(() -> execute(analyst,
        "INSERT INTO events (organization_id, event_id, event_type, category) VALUES ('o', 'e', 't', 'c')"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("readonly");
    assertThatThrownBy(() -> execute(analyst, "DROP TABLE events"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("readonly");
  }

  @Test
  void analystSeesOnlyTheTallyDatabase() throws SQLException {
    scratchMigrations("db/clickhouse-it/original").migrate();
    DataSource analyst = DataSources.clickhouseAnalyst(settings);

    assertThatThrownBy(() -> queryLongs(analyst, "SELECT count() FROM " + scratch + ".schema_migrations"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access denied");
  }

  private static ClickHouseMigrations shippedMigrations() {
    return new ClickHouseMigrations(DataSources.clickhouseServer(settings), DataSources.clickhouseWriter(settings),
        settings.get(Setting.CH_DATABASE), ClickHouseMigrations.DEFAULT_LOCATION);
  }

  private ClickHouseMigrations scratchMigrations(String location) {
    return new ClickHouseMigrations(DataSources.clickhouseServer(settings), scratchDataSource(), scratch, location);
  }

  private DataSource scratchDataSource() {
    return DataSources.clickhouseWriter(settings, scratch);
  }

  private static List<String> tableColumns(String table) throws SQLException {
    return queryStrings(DataSources.clickhouseWriter(settings), "SELECT concat(name, ' ', type) FROM system.columns"
        + " WHERE database = currentDatabase() AND table = '" + table + "'");
  }

  private static void execute(DataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static List<Long> queryLongs(DataSource ds, String sql) throws SQLException {
    return query(ds, sql, rs -> rs.getLong(1));
  }

  private static List<String> queryStrings(DataSource ds, String sql) throws SQLException {
    return query(ds, sql, rs -> rs.getString(1));
  }

  private interface Column<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> query(DataSource ds, String sql, Column<T> column) throws SQLException {
    List<T> values = new ArrayList<>();
    try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        values.add(column.read(rs));
      }
    }
    return values;
  }
}
