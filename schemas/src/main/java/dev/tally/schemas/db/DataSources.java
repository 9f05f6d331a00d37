package dev.tally.schemas.db;

import dev.tally.schemas.config.Setting;
import dev.tally.schemas.config.TallySettings;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import ru.yandex.clickhouse.ClickHouseDataSource;

/**
 * The one place that builds connections to PostgreSQL and ClickHouse.
 *
 * <p>ClickHouse here is Debian's 18.16 server, which only the legacy {@code ru.yandex} driver of
 * clickhouse-jdbc 0.3.2 speaks; responses must be uncompressed (docs/architecture.md, Platform).
 * Moving to a modern server and driver changes this class only.
 */
public final class DataSources {

  private DataSources() {}

  public static DataSource postgres(TallySettings settings) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(settings.postgresJdbcUrl());
    ds.setUser(settings.get(Setting.PG_USER));
    ds.setPassword(settings.get(Setting.PG_PASSWORD));
    ds.setApplicationName("tally");
    return ds;
  }

  /** The writer user: creates tables and inserts. */
  public static DataSource clickhouseWriter(TallySettings settings) {
    return clickhouse(settings.clickhouseJdbcUrl(), settings.get(Setting.CH_USER), settings.get(Setting.CH_PASSWORD));
  }

  /** The writer user connected to the server's {@code default} database, to create Tally's database. */
  public static DataSource clickhouseServer(TallySettings settings) {
    return clickhouseWriter(settings, "default");
  }

  /** The writer user connected to another database (scratch databases of tests and benchmarks). */
  public static DataSource clickhouseWriter(TallySettings settings, String database) {
    return clickhouse(settings.clickhouseJdbcUrl(database), settings.get(Setting.CH_USER), settings.get(Setting.CH_PASSWORD));
  }

  /** The read-only analyst user, with its quotas. */
  public static DataSource clickhouseAnalyst(TallySettings settings) {
    return clickhouse(settings.clickhouseJdbcUrl(), settings.get(Setting.CH_ANALYST_USER),
        settings.get(Setting.CH_ANALYST_PASSWORD));
  }

  private static DataSource clickhouse(String url, String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("compress", "false");
    properties.setProperty("socket_timeout", "300000");
    return new ClickHouseDataSource(url, properties);
  }
}
