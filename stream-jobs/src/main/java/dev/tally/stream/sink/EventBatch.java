package dev.tally.stream.sink;

import dev.tally.schemas.db.SqlResource;
import dev.tally.schemas.event.AnalyticsEvent;
import java.sql.SQLException;
import ru.yandex.clickhouse.ClickHouseConnection;
import ru.yandex.clickhouse.ClickHouseStatement;
import ru.yandex.clickhouse.domain.ClickHouseFormat;

/**
 * Events encoded as {@link EventRows} into memory as they arrive ({@link RowBinary}), then sent as
 * one RowBinary insert of {@code load-events.sql}. Encoding into a byte array as events arrive keeps
 * bytes instead of decoded events between inserts, and lets a failed insert resend the same bytes.
 * Not thread-safe.
 */
public final class EventBatch {

  /** The raw loader's insert into {@code events} of the connection's database; rows follow as RowBinary. */
  private static final String INSERT = SqlResource.read(EventBatch.class, "load-events.sql");

  private final RowBinary rows = new RowBinary();
  private int size;

  public void add(AnalyticsEvent event) {
    EventRows.write(rows, event);
    size++;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Inserts the batch into {@code events} of the connection's database; keeps it. */
  public void sendTo(ClickHouseConnection connection) throws SQLException {
    try (ClickHouseStatement statement = connection.createStatement()) {
      statement.write().send(INSERT, rows.contents(), ClickHouseFormat.RowBinary);
    }
  }

  public void clear() {
    rows.reset();
    size = 0;
  }
}
