package dev.tally.stream.sink;

import dev.tally.schemas.db.NamedSql;
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

  /** {@code upsert-rolling-metrics.sql}, the statement this binder sets. */
  public static final NamedSql SQL = NamedSql.read(RollingRowBinder.class, "upsert-rolling-metrics.sql");

  @Override
  public void accept(PreparedStatement ps, RollingMetrics r) throws SQLException {
    MinutePane v = r.values;
    Connection c = ps.getConnection();
    ps.setString(SQL.at("organization_id"), r.organizationId);
    ps.setString(SQL.at("window_name"), r.window);
    ps.setTimestamp(SQL.at("window_start"), new Timestamp(r.windowStart));
    ps.setTimestamp(SQL.at("window_end"), new Timestamp(r.windowEnd));
    ps.setLong(SQL.at("events_count"), v.events);
    Map<String, Long> types = new TreeMap<>(v.eventsByType);
    ps.setArray(SQL.at("event_types"), c.createArrayOf("text", types.keySet().toArray()));
    ps.setArray(SQL.at("event_type_counts"), c.createArrayOf("bigint", types.values().toArray()));
    ps.setLong(SQL.at("active_users"), r.activeUsers);
    ps.setLong(SQL.at("messages_count"), v.messages);
    ps.setLong(SQL.at("total_tokens"), v.tokens);
    Params.doubleValue(ps, SQL.at("avg_response_time_ms"), v.meanResponseTimeMs());
    Params.doubleValue(ps, SQL.at("p95_response_time_ms"), v.p95ResponseTimeMs());
    Map<String, Long> revenue = new TreeMap<>(v.netRevenueMinor);
    ps.setArray(SQL.at("revenue_currencies"), c.createArrayOf("text", revenue.keySet().toArray()));
    ps.setArray(SQL.at("net_revenue_minor"), c.createArrayOf("bigint", revenue.values().toArray()));
  }
}
