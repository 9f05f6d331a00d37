package dev.tally.stream.sink;

import dev.tally.stream.metrics.MinutePane;
import dev.tally.stream.metrics.RollingMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Sets the parameters of {@code upsert-rolling-metrics.sql} (PostgreSQL). */
public final class RollingRowBinder implements JdbcStatementBuilder<RollingMetrics> {

  private static final long serialVersionUID = 1L;

  @Override
  public void accept(PreparedStatement ps, RollingMetrics r) throws SQLException {
    MinutePane v = r.values;
    Connection c = ps.getConnection();
    int i = 0;
    ps.setString(++i, r.organizationId);
    ps.setString(++i, r.window);
    ps.setTimestamp(++i, new Timestamp(r.windowStart));
    ps.setTimestamp(++i, new Timestamp(r.windowEnd));
    ps.setLong(++i, v.events);
    Map<String, Long> types = new TreeMap<>(v.eventsByType);
    ps.setArray(++i, c.createArrayOf("text", types.keySet().toArray()));
    ps.setArray(++i, c.createArrayOf("bigint", types.values().toArray()));
    ps.setLong(++i, r.activeUsers);
    ps.setLong(++i, v.messages);
    ps.setLong(++i, v.tokens);
    Params.doubleValue(ps, ++i, v.meanResponseTimeMs());
    Params.doubleValue(ps, ++i, v.p95ResponseTimeMs());
    Map<String, Long> revenue = new TreeMap<>(v.netRevenueMinor);
    ps.setArray(++i, c.createArrayOf("text", revenue.keySet().toArray()));
    ps.setArray(++i, c.createArrayOf("bigint", revenue.values().toArray()));
  }
}
