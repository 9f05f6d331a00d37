package dev.tally.schemas.setup;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the PostgreSQL migrations in {@code db/postgresql} with Flyway. */
public final class PostgresMigrations {

  public static final String LOCATION = "classpath:db/postgresql";

  private final Flyway flyway;

  public PostgresMigrations(DataSource dataSource) {
    this.flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .validateMigrationNaming(true)
        .load();
  }

  /** Applies what is pending; returns how many migrations this call applied. */
  public int migrate() {
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }

  /** How many migrations are waiting to be applied. */
  public int pending() {
    return flyway.info().pending().length;
  }

  /** The schema version now in the database, or null when none is applied. */
  public String currentVersion() {
    var current = flyway.info().current();
    return current == null ? null : current.getVersion().getVersion();
  }
}
