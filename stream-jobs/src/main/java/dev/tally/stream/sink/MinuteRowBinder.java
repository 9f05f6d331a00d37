package dev.tally.stream.sink;

import dev.tally.schemas.db.NamedSql;
import dev.tally.stream.metrics.MinuteMetrics;
import dev.tally.stream.metrics.MinutePane;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Sets the parameters of {@code insert-metrics-minute.sql}; arrays in key order, so rows are deterministic. */
public final class MinuteRowBinder implements JdbcStatementBuilder<MinuteMetrics> {

  private static final long serialVersionUID = 1L;

  /** {@code insert-metrics-minute.sql}, the statement this binder sets. */
  public static final NamedSql SQL = NamedSql.read(MinuteRowBinder.class, "insert-metrics-minute.sql");

  @Override
  public void accept(PreparedStatement ps, MinuteMetrics m) throws SQLException {
    MinutePane p = m.pane;
    ps.setString(SQL.at("organization_id"), m.organizationId);
    ps.setString(SQL.at("minute"), ClickHouseTime.of(m.minute));
    ps.setLong(SQL.at("events_count"), p.events);
    Map<String, Long> types = new TreeMap<>(p.eventsByType);
    ps.setObject(SQL.at("event_types"), types.keySet().toArray(String[]::new));
    ps.setObject(SQL.at("event_type_counts"), types.values().stream().mapToLong(Long::longValue).toArray());
    ps.setLong(SQL.at("active_users"), p.activeUsers());
    ps.setLong(SQL.at("messages_count"), p.messages);
    ps.setLong(SQL.at("total_tokens"), p.tokens);
    ps.setLong(SQL.at("response_time_count"), p.responseTimes);
    ps.setDouble(SQL.at("response_time_sum_ms"), p.responseTimeSumMs());
    Double p95 = p.p95ResponseTimeMs();
    ps.setDouble(SQL.at("p95_response_time_ms"), p95 == null ? 0 : p95);
    Map<String, Long> revenue = new TreeMap<>(p.netRevenueMinor);
    ps.setObject(SQL.at("revenue_currencies"), revenue.keySet().toArray(String[]::new));
    ps.setObject(SQL.at("net_revenue_minor"), revenue.values().stream().mapToLong(Long::longValue).toArray());
    ps.setLong(SQL.at("version"), m.version());
  }
}
