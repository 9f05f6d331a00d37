package dev.tally.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** {@link EventColumn} against the Avro schema: every field has a column, every column a field of its type. */
class EventColumnTest {

  /** The Avro type each ClickHouse type is loaded from. */
  private static final Map<EventColumn.Type, List<Schema.Type>> AVRO_TYPES = Map.of(
      EventColumn.Type.STRING, List.of(Schema.Type.STRING),
      EventColumn.Type.NULLABLE_STRING, List.of(Schema.Type.STRING, Schema.Type.ENUM),
      EventColumn.Type.DATE_TIME, List.of(Schema.Type.LONG),
      EventColumn.Type.EPOCH_MILLIS, List.of(Schema.Type.LONG),
      EventColumn.Type.NULLABLE_INT64, List.of(Schema.Type.LONG),
      EventColumn.Type.NULLABLE_FLOAT64, List.of(Schema.Type.DOUBLE),
      EventColumn.Type.NULLABLE_UINT8, List.of(Schema.Type.INT),
      EventColumn.Type.STRING_MAP, List.of(Schema.Type.MAP));

  @Test
  void everyColumnComesFromAnAvroFieldOfItsTypeAndNullability() {
    for (EventColumn column : EventColumn.values()) {
      Leaf leaf = leaf(AnalyticsEvent.getClassSchema(), column.avroPath());

      assertThat(AVRO_TYPES.get(column.type())).as(column + " from " + column.avroPath()).contains(leaf.schema.getType());
      assertThat(column.type().clickHouse().startsWith("Nullable("))
          .as(column + " is Nullable exactly when its field or a record above it can be null").isEqualTo(leaf.nullable);
      boolean time = column.type() == EventColumn.Type.DATE_TIME || column.type() == EventColumn.Type.EPOCH_MILLIS;
      assertThat(leaf.schema.getLogicalType() instanceof LogicalTypes.TimestampMillis)
          .as(column + ": times come from timestamp-millis fields").isEqualTo(time);
    }
  }

  @Test
  void everyAvroFieldHasAColumn() {
    List<String> loaded = Arrays.stream(EventColumn.values()).map(EventColumn::avroPath).toList();

    assertThat(loaded).containsAll(leafPaths(AnalyticsEvent.getClassSchema(), ""));
  }

  @Test
  void columnsAreReadFromTheEvent() {
    AnalyticsEvent event = TestEvents.orderCompleted();

    assertThat(EventColumn.OCCURRED_AT_MS.valueOf(event)).isEqualTo(event.getOccurredAt());
    assertThat(EventColumn.REVENUE_KIND.valueOf(event)).isEqualTo("sale");
    assertThat(EventColumn.REVENUE_AMOUNT_MINOR.valueOf(event)).isEqualTo(1_999_000L);
    assertThat(EventColumn.USAGE_STATUS.valueOf(event)).isEqualTo("ok");
    assertThat(EventColumn.ANONYMOUS_ID.valueOf(event)).isNull();
    event.setRevenue(null);
    assertThat(EventColumn.REVENUE_AMOUNT_MINOR.valueOf(event)).isNull();
  }

  @Test
  void sqlNamesColumnListsThatAreWrittenOut() {
    assertThat(EventColumn.expand("INSERT INTO events ({events.columns})"))
        .startsWith("INSERT INTO events (organization_id, event_id, event_type, category, occurred_at,")
        .contains("user_agent, properties.key, properties.value, revenue_kind,")
        .endsWith("usage_status, usage_rating)");
    assertThat(EventColumn.expand("SELECT {rollups.columns}"))
        .doesNotContain("received_at_ms").doesNotContain("invoice_id").contains("revenue_order_id");
    assertThat(EventColumn.expand("{corrections.columns}")).contains("received_at_ms");
    String kept = EventColumn.expand("{corrections.kept_columns}");
    assertThat(kept).startsWith("event_type, ").doesNotContain("organization_id");
    assertThat(EventColumn.expand("{corrections.kept_elements}"))
        .startsWith("tupleElement(kept, 1), ")
        .endsWith("tupleElement(kept, " + kept.split(", ").length + ")");
    assertThatThrownBy(() -> EventColumn.expand("SELECT {events.colums}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{events.colums}");
  }

  private record Leaf(Schema schema, boolean nullable) {}

  private static Leaf leaf(Schema record, String path) {
    Schema schema = record;
    boolean nullable = false;
    for (String name : path.split("\\.")) {
      Schema.Field field = schema.getField(name);
      assertThat(field).as("Avro field " + name + " of " + path).isNotNull();
      schema = field.schema();
      if (schema.isNullable()) {
        nullable = true;
        schema = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
    }
    return new Leaf(schema, nullable);
  }

  private static List<String> leafPaths(Schema record, String prefix) {
    List<String> paths = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      Schema schema = field.schema();
      if (schema.isNullable()) {
        schema = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
      if (schema.getType() == Schema.Type.RECORD) {
        paths.addAll(leafPaths(schema, prefix + field.name() + "."));
      } else {
        paths.add(prefix + field.name());
      }
    }
    return paths;
  }
}
