package dev.tally.stream.sink;

import dev.tally.schemas.db.DataSources;
import dev.tally.stream.config.StreamSettings;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;

/**
 * Connections of the JDBC sinks, made by {@link DataSources} (the one place that knows the
 * ClickHouse driver's quirks) on the task that writes.
 */
public final class StoreConnections implements JdbcConnectionProvider {

  private static final long serialVersionUID = 1L;

  /**
   * Which store a sink writes to. {@code POSTGRES_MULTI_ROW} sends each batch as multi-row INSERTs
   * (pgjdbc's reWriteBatchedInserts, several times faster), for upserts whose batch never holds the
   * same key twice (PostgreSQL refuses to update one row twice in a statement).
   */
  public enum Store { POSTGRES, POSTGRES_MULTI_ROW, CLICKHOUSE }

  private final Store store;
  private final StreamSettings settings;
  private transient Connection connection;

  public StoreConnections(Store store, StreamSettings settings) {
    this.store = store;
    this.settings = settings;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public boolean isConnectionValid() throws SQLException {
    return connection != null && !connection.isClosed();
  }

  @Override
  public Connection getOrEstablishConnection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      DataSource source = store == Store.CLICKHOUSE ? DataSources.clickhouseWriter(settings.tally())
          : DataSources.postgres(settings.tally());
      if (store == Store.POSTGRES_MULTI_ROW && source instanceof PGSimpleDataSource postgres) {
        postgres.setReWriteBatchedInserts(true);
      }
      connection = source.getConnection();
    }
    return connection;
  }

  @Override
  public void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing a broken connection: nothing left to do
      }
      connection = null;
    }
  }

  @Override
  public Connection reestablishConnection() throws SQLException {
    closeConnection();
    return getOrEstablishConnection();
  }
}
