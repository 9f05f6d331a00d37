package dev.tally.stream.sink;

import dev.tally.schemas.event.AnalyticsEvent;
import dev.tally.schemas.event.EventColumn;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event as a ClickHouse RowBinary row of {@code load-events.sql}: every {@link EventColumn} in
 * order, each encoded as its type says; the same event, the same row (property keys sorted).
 * RowBinary skips the driver's per-parameter text formatting and escaping.
 */
public final class EventRows {

  private static final EventColumn[] COLUMNS = EventColumn.values();

  private EventRows() {}

  public static void write(RowBinary out, AnalyticsEvent event) {
    for (EventColumn column : COLUMNS) {
      write(out, column.type(), column.valueOf(event));
    }
  }

  private static void write(RowBinary out, EventColumn.Type type, Object value) {
    switch (type) {
      case STRING -> out.writeString((String) value);
      case DATE_TIME -> out.writeDateTime(((Instant) value).toEpochMilli());
      case EPOCH_MILLIS -> out.writeUInt64(((Instant) value).toEpochMilli());
      case STRING_MAP -> {
        @SuppressWarnings("unchecked")
        Map<String, String> properties = new TreeMap<>((Map<String, String>) value);
        out.writeStringArray(properties.keySet().toArray(String[]::new));
        out.writeStringArray(properties.values().toArray(String[]::new));
      }
      default -> {
        out.markNextNullable(value == null);
        if (value != null) {
          writePresent(out, type, value);
        }
      }
    }
  }

  private static void writePresent(RowBinary out, EventColumn.Type type, Object value) {
    switch (type) {
      case NULLABLE_STRING -> out.writeString((String) value);
      case NULLABLE_INT64 -> out.writeInt64((Long) value);
      case NULLABLE_FLOAT64 -> out.writeFloat64((Double) value);
      case NULLABLE_UINT8 -> out.writeUInt8(Math.max(0, Math.min(255, (Integer) value)));
      default -> throw new IllegalStateException("not a Nullable type: " + type);
    }
  }
}
