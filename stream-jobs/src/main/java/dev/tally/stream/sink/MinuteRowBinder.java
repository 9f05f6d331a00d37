package dev.tally.stream.sink;

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

  @Override
  public void accept(PreparedStatement ps, MinuteMetrics m) throws SQLException {
    MinutePane p = m.pane;
    int i = 0;
    ps.setString(++i, m.organizationId);
    ps.setString(++i, ClickHouseTime.of(m.minute));
    ps.setLong(++i, p.events);
    Map<String, Long> types = new TreeMap<>(p.eventsByType);
    ps.setObject(++i, types.keySet().toArray(String[]::new));
    ps.setObject(++i, types.values().stream().mapToLong(Long::longValue).toArray());
    ps.setLong(++i, p.activeUsers());
    ps.setLong(++i, p.messages);
    ps.setLong(++i, p.tokens);
    ps.setLong(++i, p.responseTimes);
    ps.setDouble(++i, p.responseTimeSumMs());
    Double p95 = p.p95ResponseTimeMs();
    ps.setDouble(++i, p95 == null ? 0 : p95);
    Map<String, Long> revenue = new TreeMap<>(p.netRevenueMinor);
    ps.setObject(++i, revenue.keySet().toArray(String[]::new));
    ps.setObject(++i, revenue.values().stream().mapToLong(Long::longValue).toArray());
    ps.setLong(++i, m.version());
  }
}
