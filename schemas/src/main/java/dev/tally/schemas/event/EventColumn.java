package dev.tally.schemas.event;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The raw event's columns, declared once: the ClickHouse column of {@code events}, its type, the Avro
 * field it comes from, how far it reaches into the batch jobs' tables, and how its value is read from
 * an {@link AnalyticsEvent}. The stream job's loader writes its rows from this list, and SQL resources
 * name column lists from it ({@link #expand}). {@code EventColumnTest} checks it against the Avro
 * schema, {@code EventColumnIT} against ClickHouse's tables. Adding a field to the event: the field in
 * {@code AnalyticsEvent.avsc}, a constant here (in the table's column order), a ClickHouse migration
 * adding the column (and to {@code duplicate_corrections} if it reaches the rollups).
 */
public enum EventColumn {
  ORGANIZATION_ID("organization_id", Type.STRING, "organization_id", Reach.ROLLUPS, AnalyticsEvent::getOrganizationId),
  EVENT_ID("event_id", Type.STRING, "event_id", Reach.ROLLUPS, AnalyticsEvent::getEventId),
  EVENT_TYPE("event_type", Type.STRING, "event_type", Reach.ROLLUPS, AnalyticsEvent::getEventType),
  CATEGORY("category", Type.STRING, "category", Reach.EVENTS, AnalyticsEvent::getCategory),
  OCCURRED_AT("occurred_at", Type.DATE_TIME, "occurred_at", Reach.ROLLUPS, AnalyticsEvent::getOccurredAt),
  OCCURRED_AT_MS("occurred_at_ms", Type.EPOCH_MILLIS, "occurred_at", Reach.ROLLUPS, AnalyticsEvent::getOccurredAt),
  RECEIVED_AT("received_at", Type.DATE_TIME, "received_at", Reach.EVENTS, AnalyticsEvent::getReceivedAt),
  RECEIVED_AT_MS("received_at_ms", Type.EPOCH_MILLIS, "received_at", Reach.CORRECTIONS, AnalyticsEvent::getReceivedAt),
  USER_ID("user_id", Type.NULLABLE_STRING, "user_id", Reach.ROLLUPS, AnalyticsEvent::getUserId),
  ANONYMOUS_ID("anonymous_id", Type.NULLABLE_STRING, "anonymous_id", Reach.EVENTS, AnalyticsEvent::getAnonymousId),
  SESSION_ID("session_id", Type.NULLABLE_STRING, "session_id", Reach.EVENTS, AnalyticsEvent::getSessionId),
  CUSTOMER_ID("customer_id", Type.NULLABLE_STRING, "customer_id", Reach.EVENTS, AnalyticsEvent::getCustomerId),
  RESOURCE_TYPE("resource_type", Type.NULLABLE_STRING, "resource_type", Reach.EVENTS, AnalyticsEvent::getResourceType),
  RESOURCE_ID("resource_id", Type.NULLABLE_STRING, "resource_id", Reach.EVENTS, AnalyticsEvent::getResourceId),
  PLATFORM("platform", Type.NULLABLE_STRING, "platform", Reach.EVENTS, AnalyticsEvent::getPlatform),
  APP_VERSION("app_version", Type.NULLABLE_STRING, "app_version", Reach.EVENTS, AnalyticsEvent::getAppVersion),
  IP("ip", Type.NULLABLE_STRING, "ip", Reach.EVENTS, AnalyticsEvent::getIp),
  USER_AGENT("user_agent", Type.NULLABLE_STRING, "user_agent", Reach.EVENTS, AnalyticsEvent::getUserAgent),
  PROPERTIES("properties", Type.STRING_MAP, "properties", Reach.EVENTS, AnalyticsEvent::getProperties),
  REVENUE_KIND("revenue_kind", Type.NULLABLE_STRING, "revenue.kind", Reach.ROLLUPS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getKind().name()),
  REVENUE_AMOUNT_MINOR("revenue_amount_minor", Type.NULLABLE_INT64, "revenue.amount_minor", Reach.ROLLUPS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getAmountMinor()),
  REVENUE_CURRENCY("revenue_currency", Type.NULLABLE_STRING, "revenue.currency", Reach.ROLLUPS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getCurrency()),
  REVENUE_ORDER_ID("revenue_order_id", Type.NULLABLE_STRING, "revenue.order_id", Reach.ROLLUPS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getOrderId()),
  REVENUE_INVOICE_ID("revenue_invoice_id", Type.NULLABLE_STRING, "revenue.invoice_id", Reach.EVENTS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getInvoiceId()),
  REVENUE_TAX_MINOR("revenue_tax_minor", Type.NULLABLE_INT64, "revenue.tax_minor", Reach.ROLLUPS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getTaxMinor()),
  REVENUE_SHIPPING_MINOR("revenue_shipping_minor", Type.NULLABLE_INT64, "revenue.shipping_minor", Reach.ROLLUPS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getShippingMinor()),
  REVENUE_DISCOUNT_MINOR("revenue_discount_minor", Type.NULLABLE_INT64, "revenue.discount_minor", Reach.ROLLUPS,
      e -> e.getRevenue() == null ? null : e.getRevenue().getDiscountMinor()),
  USAGE_TOKENS("usage_tokens", Type.NULLABLE_INT64, "usage.tokens", Reach.ROLLUPS,
      e -> e.getUsage() == null ? null : e.getUsage().getTokens()),
  USAGE_RESPONSE_TIME_MS("usage_response_time_ms", Type.NULLABLE_FLOAT64, "usage.response_time_ms", Reach.ROLLUPS,
      e -> e.getUsage() == null ? null : e.getUsage().getResponseTimeMs()),
  USAGE_AGENT_ID("usage_agent_id", Type.NULLABLE_STRING, "usage.agent_id", Reach.ROLLUPS,
      e -> e.getUsage() == null ? null : e.getUsage().getAgentId()),
  USAGE_CONVERSATION_ID("usage_conversation_id", Type.NULLABLE_STRING, "usage.conversation_id", Reach.EVENTS,
      e -> e.getUsage() == null ? null : e.getUsage().getConversationId()),
  USAGE_STATUS("usage_status", Type.NULLABLE_STRING, "usage.status", Reach.ROLLUPS,
      e -> e.getUsage() == null || e.getUsage().getStatus() == null ? null : e.getUsage().getStatus().name()),
  USAGE_RATING("usage_rating", Type.NULLABLE_UINT8, "usage.rating", Reach.ROLLUPS,
      e -> e.getUsage() == null ? null : e.getUsage().getRating());

  /** A column's ClickHouse type, which also says how its value is encoded. */
  public enum Type {
    /** {@code String}; the value is a non-null String. */
    STRING("String"),
    /** {@code Nullable(String)}; the value is a String or null (an Avro enum: its symbol). */
    NULLABLE_STRING("Nullable(String)"),
    /** {@code DateTime}, whole seconds UTC; the value is an {@link java.time.Instant}. */
    DATE_TIME("DateTime"),
    /** {@code UInt64}, milliseconds since the epoch; the value is an {@link java.time.Instant}. */
    EPOCH_MILLIS("UInt64"),
    /** {@code Nullable(Int64)}; the value is a Long or null. */
    NULLABLE_INT64("Nullable(Int64)"),
    /** {@code Nullable(Float64)}; the value is a Double or null. */
    NULLABLE_FLOAT64("Nullable(Float64)"),
    /** {@code Nullable(UInt8)}; the value is an Integer or null, clamped to 0..255. */
    NULLABLE_UINT8("Nullable(UInt8)"),
    /** {@code Nested(key String, value String)}: the columns {@code NAME.key} and {@code NAME.value}, keys sorted. */
    STRING_MAP("Nested(key String, value String)");

    private final String clickHouse;

    Type(String clickHouse) {
      this.clickHouse = clickHouse;
    }

    /** As written in {@code CREATE TABLE}. */
    public String clickHouse() {
      return clickHouse;
    }
  }

  /** Which of the batch jobs' tables keep the column besides {@code events}. */
  public enum Reach {
    /** Only the raw table {@code events}. */
    EVENTS,
    /** Also {@code duplicate_corrections}, which needs it to choose the copy of a duplicate it keeps. */
    CORRECTIONS,
    /** Also {@code duplicate_corrections}, and read by the nightly rollups ({@code day-events.sql}). */
    ROLLUPS
  }

  /** The columns that identify an event; every table that keeps events has them. */
  public static final List<EventColumn> KEY = List.of(ORGANIZATION_ID, EVENT_ID);

  private final String column;
  private final Type type;
  private final String avroPath;
  private final Reach reach;
  private final Function<AnalyticsEvent, Object> value;

  EventColumn(String column, Type type, String avroPath, Reach reach, Function<AnalyticsEvent, Object> value) {
    this.column = column;
    this.type = type;
    this.avroPath = avroPath;
    this.reach = reach;
    this.value = value;
  }

  /** The column's name in {@code events}. */
  public String column() {
    return column;
  }

  public Type type() {
    return type;
  }

  /** The Avro field the value comes from, nested records joined by dots: {@code revenue.amount_minor}. */
  public String avroPath() {
    return avroPath;
  }

  public Reach reach() {
    return reach;
  }

  /** The column's value for {@code event}, as {@link Type} describes it. */
  public Object valueOf(AnalyticsEvent event) {
    return value.apply(event);
  }

  /** The names to write in an {@code INSERT}'s column list: a Nested column's sub-columns. */
  public List<String> insertNames() {
    return type == Type.STRING_MAP ? List.of(column + ".key", column + ".value") : List.of(column);
  }

  /** The columns kept in {@code duplicate_corrections}, in its order. */
  public static List<EventColumn> corrections() {
    return Arrays.stream(values()).filter(c -> c.reach != Reach.EVENTS).toList();
  }

  /** The columns the nightly rollups read from a closed day. */
  public static List<EventColumn> rollups() {
    return Arrays.stream(values()).filter(c -> c.reach == Reach.ROLLUPS).toList();
  }

  /**
   * {@code sql} with each column list it names written out:
   * <ul>
   *   <li>{@code {events.columns}}: every column of {@code events}, in order (the loader's insert);
   *   <li>{@code {rollups.columns}}: the columns the rollups read;
   *   <li>{@code {corrections.columns}}: the event columns of {@code duplicate_corrections};
   *   <li>{@code {corrections.kept_columns}}: those but the key, and {@code {corrections.kept_elements}}:
   *       {@code tupleElement(kept, 1), …} for a tuple {@code kept} of them in the same order.
   * </ul>
   */
  public static String expand(String sql) {
    if (!sql.contains("{events.") && !sql.contains("{rollups.") && !sql.contains("{corrections.")) {
      return sql;
    }
    List<EventColumn> kept = corrections().stream().filter(c -> !KEY.contains(c)).toList();
    String expanded = sql
        .replace("{events.columns}", names(Arrays.stream(values()).flatMap(c -> c.insertNames().stream())))
        .replace("{rollups.columns}", names(rollups().stream().map(EventColumn::column)))
        .replace("{corrections.columns}", names(corrections().stream().map(EventColumn::column)))
        .replace("{corrections.kept_columns}", names(kept.stream().map(EventColumn::column)))
        .replace("{corrections.kept_elements}",
            names(Stream.iterate(1, i -> i <= kept.size(), i -> i + 1).map(i -> "tupleElement(kept, " + i + ")")));
    Matcher unknown = Pattern.compile("\\{(?:events|rollups|corrections)\\.[a-z_]*}").matcher(expanded);
    if (unknown.find()) {
      throw new IllegalArgumentException("no column list " + unknown.group() + " (see EventColumn.expand)");
    }
    return expanded;
  }

  private static String names(Stream<String> names) {
    return names.collect(Collectors.joining(", "));
  }
}
