package dev.tally.stream.sink;

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
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]{2,39}");

  @Override
  public void accept(PreparedStatement ps, SessionSummary s) throws SQLException {
    int i = 0;
    ps.setString(++i, s.organizationId);
    ps.setString(++i, s.sessionId());
    Params.string(ps, ++i, s.userId);
    Params.string(ps, ++i, s.anonymousId);
    ps.setObject(++i, utc(s.startedAt));
    ps.setObject(++i, utc(s.lastEventAt));
    ps.setInt(++i, (int) Math.min(Integer.MAX_VALUE, s.durationSeconds()));
    ps.setInt(++i, (int) Math.min(Integer.MAX_VALUE, s.pageViews));
    ps.setInt(++i, (int) Math.min(Integer.MAX_VALUE, s.events));
    ps.setBoolean(++i, s.isBounce());
    ps.setBigDecimal(++i, s.conversionValue());
    ps.setBoolean(++i, s.hasConversion);
    Params.string(ps, ++i, inet(s.ip));
    Params.string(ps, ++i, s.platform == null ? null : truncate(s.platform, 50));
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
