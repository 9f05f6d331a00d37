package dev.tally.dashboard;

import dev.tally.schemas.db.NamedSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * ClickHouse as the read-only {@code analyst} user sees it: the dashboard's one way to its data, so the
 * page can show nothing an analyst's own SQL could not (the password stays in this process). Queries
 * are resource files beside this class with named parameters.
 */
public final class AnalystClickHouse {

  private final DataSource analyst;

  public AnalystClickHouse(DataSource analyst) {
    this.analyst = analyst;
  }

  /** The rows of query {@code name}: column label to value, whole numbers as {@code Long}, the rest as text. */
  public List<Map<String, Object>> rows(String name, Map<String, Object> parameters) {
    NamedSql sql = NamedSql.read(AnalystClickHouse.class, name);
    try (Connection connection = analyst.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.jdbc())) {
      for (String parameter : sql.names()) {
        if (!parameters.containsKey(parameter)) {
          throw new IllegalArgumentException(name + " needs parameter " + parameter);
        }
        statement.setObject(sql.at(parameter), parameters.get(parameter));
      }
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), wholeNumber(meta.getColumnType(i)) ? (Object) rs.getLong(i) : rs.getString(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new WarehouseUnavailable(e);
    }
  }

  private static boolean wholeNumber(int type) {
    return type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT || type == Types.TINYINT;
  }

  /** ClickHouse did not answer, or refused the query (the analyst's quota, for one). */
  static final class WarehouseUnavailable extends RuntimeException {
    WarehouseUnavailable(SQLException cause) {
      super("ClickHouse did not answer the query: " + cause.getMessage().lines().findFirst().orElse(""), cause);
    }
  }
}
