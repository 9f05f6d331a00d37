package dev.tally.stream.sink;

import dev.tally.schemas.db.DataSources;
import dev.tally.stream.config.StreamSettings;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.datasource.connections.JdbcConnectionProvider;

/**
 * Connections of the JDBC sinks, made by {@link DataSources} (the one place that knows the
 * ClickHouse driver's quirks) on the task that writes.
 */
public final class StoreConnections implements JdbcConnectionProvider {

  private static final long serialVersionUID = 1L;

  /** Which store a sink writes to. */
  public enum Store { POSTGRES, CLICKHOUSE }

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
      connection = (store == Store.POSTGRES ? DataSources.postgres(settings.tally())
          : DataSources.clickhouseWriter(settings.tally())).getConnection();
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
