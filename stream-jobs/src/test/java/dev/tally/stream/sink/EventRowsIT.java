package dev.tally.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.schemas.config.TallySettings;
import dev.tally.schemas.db.DataSources;
import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventColumn;
import dev.tally.schemas.event.Revenue;
import dev.tally.schemas.event.RevenueKind;
import dev.tally.schemas.event.Usage;
import dev.tally.schemas.event.UsageStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.yandex.clickhouse.ClickHouseConnection;

/** The loader's rows read back from ClickHouse's {@code events}: every {@link EventColumn} holds the event's value. */
class EventRowsIT {

  private final String organization = UUID.randomUUID().toString();
  private final DataSource clickhouse = DataSources.clickhouseWriter(TallySettings.load());

  @AfterEach
  void deleteRows() throws Exception {
    try (Connection c = clickhouse.getConnection(); Statement st = c.createStatement()) {
      st.execute("ALTER TABLE events DELETE WHERE organization_id = '" + organization + "'");
    }
  }

  @Test
  void everyColumnReadsBackAsTheEventHadIt() throws Exception {
    AnalyticsEvent full = AnalyticsEvent.newBuilder()
        .setEventId("full").setOrganizationId(organization).setEventType("order_completed").setCategory("commerce")
        .setOccurredAt(Instant.parse("2026-11-20T23:59:59.999Z")).setReceivedAt(Instant.parse("2026-11-21T00:00:00.120Z"))
        .setUserId("user-42").setAnonymousId("anon-é☃").setSessionId("s-1").setCustomerId("c-1")
        .setResourceType("agent").setResourceId("r-1").setPlatform("web").setAppVersion("1.2.3").setIp("203.0.113.9")
        .setUserAgent("Mozilla/5.0 'quoted' \\ back").setProperties(Map.of("items", "3", "coupon", "\"BF\""))
        .setRevenue(Revenue.newBuilder().setKind(RevenueKind.refund).setAmountMinor(-1_999_000L).setCurrency("JPY")
            .setOrderId("o-1").setInvoiceId("i-1").setTaxMinor(181_727L).setShippingMinor(0L).setDiscountMinor(5_000L).build())
        .setUsage(Usage.newBuilder().setTokens(1234L).setResponseTimeMs(845.5).setAgentId("agent-7")
            .setConversationId("conv-1").setStatus(UsageStatus.error).setRating(300).build())
        .build();
    AnalyticsEvent sparse = AnalyticsEvent.newBuilder()
        .setEventId("sparse").setOrganizationId(organization).setEventType("page_viewed").setCategory("engagement")
        .setOccurredAt(Instant.parse("2026-11-21T08:00:00Z")).setReceivedAt(Instant.parse("2026-11-21T08:00:01Z"))
        .build();
    EventBatch batch = new EventBatch();
    batch.add(full);
    batch.add(sparse);

    try (Connection c = clickhouse.getConnection()) {
      batch.sendTo(c.unwrap(ClickHouseConnection.class));
    }

    assertThat(stored("full")).containsExactlyElementsOf(expected(full));
    assertThat(stored("sparse")).containsExactlyElementsOf(expected(sparse));
  }

  /** Each column as text, in declaration order. */
  private List<String> stored(String eventId) throws Exception {
    String columns = java.util.Arrays.stream(EventColumn.values()).map(EventRowsIT::asText).collect(Collectors.joining(", "));
    List<String> values = new ArrayList<>();
    try (Connection c = clickhouse.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + columns + " FROM events WHERE organization_id = '" + organization
            + "' AND event_id = '" + eventId + "'")) {
      assertThat(rs.next()).as("event " + eventId + " stored").isTrue();
      for (int i = 1; i <= EventColumn.values().length; i++) {
        values.add(rs.getString(i));
      }
    }
    return values;
  }

  private static String asText(EventColumn column) {
    String name = column.column();
    return switch (column.type()) {
      case DATE_TIME -> "toString(toUnixTimestamp(" + name + "))";
      case STRING_MAP -> "arrayStringConcat(arrayMap((k, v) -> concat(k, '=', v), " + name + ".key, " + name + ".value), '&')";
      default -> "toString(" + name + ")";
    };
  }

  private static List<String> expected(AnalyticsEvent event) {
    List<String> values = new ArrayList<>();
    for (EventColumn column : EventColumn.values()) {
      Object value = column.valueOf(event);
      values.add(value == null ? null : switch (column.type()) {
        case DATE_TIME -> Long.toString(((Instant) value).getEpochSecond());
        case EPOCH_MILLIS -> Long.toString(((Instant) value).toEpochMilli());
        case NULLABLE_UINT8 -> Integer.toString(Math.min(255, (Integer) value));
        case STRING_MAP -> new TreeMap<>((Map<?, ?>) value).entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        default -> value.toString();
      });
    }
    return values;
  }
}
