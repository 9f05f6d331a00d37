package dev.tally.stream.sink;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.Usage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/** Sets the parameters of {@code insert-event.sql} from one event: the same event, the same row. */
public final class EventRowBinder implements JdbcStatementBuilder<AnalyticsEvent> {

  private static final long serialVersionUID = 1L;

  @Override
  public void accept(PreparedStatement ps, AnalyticsEvent e) throws SQLException {
    int i = 0;
    ps.setString(++i, e.getOrganizationId());
    ps.setString(++i, e.getEventId());
    ps.setString(++i, e.getEventType());
    ps.setString(++i, e.getCategory());
    long occurred = e.getOccurredAt().toEpochMilli();
    long received = e.getReceivedAt().toEpochMilli();
    ps.setString(++i, ClickHouseTime.of(occurred));
    ps.setLong(++i, occurred);
    ps.setString(++i, ClickHouseTime.of(received));
    ps.setLong(++i, received);
    for (String value : new String[] {e.getUserId(), e.getAnonymousId(), e.getSessionId(), e.getCustomerId(),
        e.getResourceType(), e.getResourceId(), e.getPlatform(), e.getAppVersion(), e.getIp(), e.getUserAgent()}) {
      Params.string(ps, ++i, value);
    }
    // sorted keys: the same properties always give the same row
    Map<String, String> properties = new TreeMap<>(e.getProperties());
    ps.setObject(++i, properties.keySet().toArray(String[]::new));
    ps.setObject(++i, properties.values().toArray(String[]::new));
    Revenue r = e.getRevenue();
    Params.string(ps, ++i, r == null ? null : r.getKind().name());
    Params.longValue(ps, ++i, r == null ? null : r.getAmountMinor());
    Params.string(ps, ++i, r == null ? null : r.getCurrency());
    Params.string(ps, ++i, r == null ? null : r.getOrderId());
    Params.string(ps, ++i, r == null ? null : r.getInvoiceId());
    Params.longValue(ps, ++i, r == null ? null : r.getTaxMinor());
    Params.longValue(ps, ++i, r == null ? null : r.getShippingMinor());
    Params.longValue(ps, ++i, r == null ? null : r.getDiscountMinor());
    Usage u = e.getUsage();
    Params.longValue(ps, ++i, u == null ? null : u.getTokens());
    Params.doubleValue(ps, ++i, u == null ? null : u.getResponseTimeMs());
    Params.string(ps, ++i, u == null ? null : u.getAgentId());
    Params.string(ps, ++i, u == null ? null : u.getConversationId());
    Params.string(ps, ++i, u == null || u.getStatus() == null ? null : u.getStatus().name());
    Params.intValue(ps, ++i, u == null ? null : u.getRating());
  }
}
