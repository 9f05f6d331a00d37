package dev.tally.stream.sink;

import dev.tally.schemas.db.NamedSql;
import dev.tally.stream.session.SessionSummary;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * Sets the parameters of {@code upsert-user-session.sql}. {@code user_sessions} times are
 * {@code TIMESTAMP} without a zone (seed 003): they hold UTC.
 */
public final class SessionRowBinder implements JdbcStatementBuilder<SessionSummary> {

  private static final long serialVersionUID = 1L;

  /** {@code upsert-user-session.sql}, the statement this binder sets. */
  public static final NamedSql SQL = NamedSql.read(SessionRowBinder.class, "upsert-user-session.sql");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]{2,39}");

  @Override
  public void accept(PreparedStatement ps, SessionSummary s) throws SQLException {
    ps.setString(SQL.at("organization_id"), s.organizationId);
    ps.setString(SQL.at("session_id"), s.sessionId());
    Params.string(ps, SQL.at("user_id"), s.userId);
    Params.string(ps, SQL.at("anonymous_id"), s.anonymousId);
    ps.setObject(SQL.at("started_at"), utc(s.startedAt));
    ps.setObject(SQL.at("ended_at"), utc(s.lastEventAt));
    ps.setInt(SQL.at("duration_seconds"), (int) Math.min(Integer.MAX_VALUE, s.durationSeconds()));
    ps.setInt(SQL.at("page_views_count"), (int) Math.min(Integer.MAX_VALUE, s.pageViews));
    ps.setInt(SQL.at("events_count"), (int) Math.min(Integer.MAX_VALUE, s.events));
    ps.setBoolean(SQL.at("is_bounce"), s.isBounce());
    ps.setBigDecimal(SQL.at("conversion_value"), s.conversionValue());
    ps.setBoolean(SQL.at("has_conversion"), s.hasConversion);
    Params.string(ps, SQL.at("ip_address"), inet(s.ip));
    Params.string(ps, SQL.at("device_type"), s.platform == null ? null : truncate(s.platform, 50));
  }

  private static LocalDateTime utc(long epochMillis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  /** The address when PostgreSQL's inet will take it, else null (the column is optional). */
  static String inet(String ip) {
    if (ip == null) {
      return null;
    }
    if (IPV4.matcher(ip).matches()) {
      return ip;
    }
    if (IPV6.matcher(ip).matches() && ip.contains(":")) {
      try {
        // only hex digits and colons: a literal, parsed without any name lookup
        return InetAddress.getByName(ip).getHostAddress();
      } catch (UnknownHostException notAnAddress) {
        return null;
      }
    }
    return null;
  }

  private static String truncate(String value, int length) {
    return value.length() <= length ? value : value.substring(0, length);
  }
}
